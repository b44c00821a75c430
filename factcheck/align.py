"""Claims -> aligned pairs: which claims in two sources are about the same thing.

Two claims are candidates when they come from different documents of one story,
are of one kind and have the same normalised attribute ("killed" / "death toll"
/ "dead" are one attribute; ``rules/claims.yaml``). A candidate pair is aligned
when something beyond the attribute says the claims are about one subject:

- their sentences share a cluster, or are at least ``sentence_similarity`` alike;
- or their short claim phrases (the clauses around the values, figures masked)
  are at least ``phrase_similarity`` alike: "the #-metre tanker was leaving the
  harbour" ~ "the #-metre vessel, owned by";
- or both name the same subject (the counted noun, the measured thing);
- or, for a physical measure (a length, a mass, a magnitude), the two values lie
  within ``close_values`` of each other: "the 220,000-tonne vessel" and "the
  224,000-tonne container ship" in one story are one ship weighed twice, while a
  193 km canal and a 400 m ship are two things.

A pair whose clauses name people or places, and name different ones, is two
claims ("8,000 killed in Nepal" / "20 killed in India"). Sentence clusters are
one signal among these, never the gate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from .extract.claims import names_near
from .models import Claim, Corpus

BARE_COUNT_MARGIN = 0.15


def _vectors(corpus: Corpus, claims: list[Claim]) -> tuple[np.ndarray | None, np.ndarray | None]:
    index = {s.key: i for i, s in enumerate(corpus.sentences)}
    sentence_rows = None
    if corpus.vectors is not None and len(claims):
        sentence_rows = np.stack([corpus.vectors[index[c.sentence.key]] for c in claims])
    phrase_rows = None
    if corpus.phrase_vectors and all(c.phrase in corpus.phrase_vectors for c in claims):
        phrase_rows = np.stack([corpus.phrase_vectors[c.phrase] for c in claims])
    return sentence_rows, phrase_rows


MEASURES = frozenset({"length", "mass", "area", "magnitude"})


def _close(a: Claim, b: Claim, ratio: float) -> bool:
    if not ratio or a.unit not in MEASURES or b.unit not in MEASURES:
        return False
    x, y = abs(float(a.value)), abs(float(b.value))
    if a.unit == "magnitude":
        # a logarithmic scale: 6.7 and 7.9 are two quakes; and an aftershock is not the main quake
        return abs(x - y) <= 0.5 and (not a.subject or not b.subject or a.subject == b.subject)
    return min(x, y) > 0 and max(x, y) / min(x, y) <= 1 + ratio


def aligned(corpus: Corpus, claims: Iterable[Claim], phrase_similarity: float, sentence_similarity: float,
            by_subject: bool = True, close_values: float = 0.0, loose: bool = False) -> Iterator[tuple[Claim, Claim, float]]:
    """Aligned pairs among ``claims`` (cross-document, one story, one kind and attribute), with a similarity.

    Pairs come in a stable order: claims sorted by document and offset. With ``loose``, every
    candidate pair whose clauses do not name different people or places is yielded.
    """
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        groups.setdefault((corpus.story_of.get(c.document), c.kind, c.attribute), []).append(c)
    for key in sorted(groups, key=lambda k: (str(k[0]), k[1], k[2])):
        members = sorted(groups[key], key=lambda c: (c.document, c.offset))
        if len({c.document for c in members}) < 2:
            continue
        sentences, phrases = _vectors(corpus, members)
        sims = sentences @ sentences.T if sentences is not None else None
        psims = phrases @ phrases.T if phrases is not None else None
        near = [names_near(c, corpus.names.get(c.sentence.key, frozenset())) for c in members]
        # A bare count ("12 players", "22 players") has no attribute word to say what it counts
        # for, so it needs closer sentences or phrases than a figure whose attribute is named.
        bump = BARE_COUNT_MARGIN if key[2].startswith("number of") else 0.0
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                if a.document == b.document:
                    continue
                if near[i] and near[j] and not near[i] & near[j]:
                    continue  # both say who or where, and they say different ones: two claims
                same_cluster = corpus.cluster_of.get(a.sentence.key) is not None and \
                    corpus.cluster_of.get(a.sentence.key) is corpus.cluster_of.get(b.sentence.key)
                s = float(sims[i, j]) if sims is not None else 0.0
                p = float(psims[i, j]) if psims is not None else 0.0
                # a bare count's subject is its attribute already ("six workers"): that says nothing more
                same_subject = by_subject and bool(a.subject) and a.subject == b.subject and not a.attribute.startswith("number of")
                if loose or same_cluster or s >= sentence_similarity + bump or p >= phrase_similarity + bump or same_subject \
                        or _close(a, b, close_values):
                    yield a, b, max(s, p)
