"""Pairs of sentences that state one claim (attribution-conflict's reported speech).

Two sentences are one claim when they come from different documents
of one story, either share a cluster or are at least ``min_similarity`` alike, and
do not name wholly different people or places.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ..models import Corpus, Sentence


def claim_pairs(
    corpus: Corpus, candidates: Iterable[Sentence], min_similarity: float, by_cluster: bool = True
) -> Iterator[tuple[Sentence, Sentence, float]]:
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
