"""Pairs of sentences that state one claim, and grouping of pairwise disagreements.

Shared by the checks that compare a value across sources (dates, numbers,
attributions): two sentences are one claim when they come from different documents
of one story, either share a cluster or are at least ``min_similarity`` alike, and
do not name wholly different people or places.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ..models import Corpus, Sentence


def claim_pairs(corpus: Corpus, candidates: Iterable[Sentence], min_similarity: float,
                by_cluster: bool = True) -> Iterator[tuple[Sentence, Sentence, float]]:
    """Cross-document, same-story pairs among ``candidates`` that state one claim, with their similarity.

    With ``by_cluster`` a shared cluster is enough; without, only ``min_similarity``
    counts. Pairs come in a stable order.
    """
    chosen = sorted({s.key: s for s in candidates}.values(), key=lambda s: s.key)
    if len(chosen) < 2:
        return
    index = {s.key: i for i, s in enumerate(corpus.sentences)}
    rows = np.stack([corpus.vectors[index[s.key]] for s in chosen])
    # Only sentences that carry the value in question are compared, so this block is small.
    sims = rows @ rows.T
    for i, a in enumerate(chosen):
        for j in range(i + 1, len(chosen)):
            b = chosen[j]
            if a.doc.path == b.doc.path or not corpus.same_story(a, b):
                continue
            na, nb = corpus.names.get(a.key), corpus.names.get(b.key)
            if na and nb and not na & nb:
                continue  # both name who or where, and they name different ones: two claims
            same_cluster = by_cluster and corpus.cluster_of.get(a.key) is corpus.cluster_of.get(b.key)
            if same_cluster or sims[i, j] >= min_similarity:
                yield a, b, float(sims[i, j])


def clashes(corpus: Corpus, atoms: list, kind, agree, min_similarity: float, needed=None) -> list[tuple]:
    """Pairs of values (dates, figures) that two sources give for one claim and that cannot both hold.

    ``atoms`` carry a ``sentence``. For each claim pair of sentences, a value is
    compared with the other sentence's values of the same ``kind``; a sentence may
    carry several, and one that ``agree``s settles it. ``needed(atom)`` may ask more
    similarity of some kinds than ``min_similarity`` (a shared cluster always suffices).
    """
    by_sentence: dict[tuple, list] = {}
    for x in atoms:
        by_sentence.setdefault(x.sentence.key, []).append(x)
    out = []
    for a, b, similarity in claim_pairs(corpus, (x.sentence for x in atoms), min_similarity):
        same_cluster = corpus.cluster_of.get(a.key) is corpus.cluster_of.get(b.key)
        for xa in by_sentence[a.key]:
            if needed is not None and similarity < needed(xa) and not same_cluster:
                continue
            same = [xb for xb in by_sentence[b.key] if kind(xb) == kind(xa)]
            if same and not any(agree(xa, xb) for xb in same):
                out.extend((xa, xb) for xb in same)
    return out


def components(pairs: Iterable[tuple[object, object]]) -> list[list[object]]:
    """Connected groups of the items in ``pairs`` (union-find), each in first-seen order."""
    parent: dict[int, int] = {}
    items: dict[int, object] = {}
    order: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        for item in (a, b):
            if id(item) not in parent:
                parent[id(item)] = id(item)
                items[id(item)] = item
                order.append(id(item))
        parent[find(id(a))] = find(id(b))
    groups: dict[int, list[object]] = {}
    for key in order:
        groups.setdefault(find(key), []).append(items[key])
    return list(groups.values())
