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
from typing import NamedTuple

import numpy as np

from ..extract import numbers
from ..extract.claims import names_near
from ..models import Claim, Corpus

BARE_COUNT_MARGIN = 0.15


def _vectors(corpus: Corpus, claims: list[Claim], index: dict) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The claims' sentence vectors and phrase vectors (None when missing); ``index``: sentence key -> row."""
    sentence_rows = None
    if corpus.vectors is not None and len(claims):
        sentence_rows = np.stack([corpus.vectors[index[c.sentence.key]] for c in claims])
    phrase_rows = None
    if corpus.phrase_vectors and all(c.phrase in corpus.phrase_vectors for c in claims):
        phrase_rows = np.stack([corpus.phrase_vectors[c.phrase] for c in claims])
    return sentence_rows, phrase_rows


# Up to this many claims in one group, their similarities are one product (every pair); past it, each
# document's claims get one product with the claims after them, so memory and time follow the
# cross-document pairs, never n² (one article of 70,000 figures, issue 22's r25).
FULL_PRODUCT = 4096


class _Similarities:
    """Similarities between rows of ``rows`` (None: every similarity is 0), one run of rows at a time."""

    def __init__(self, rows: np.ndarray | None) -> None:
        self.rows = rows
        self.full = rows @ rows.T if rows is not None and len(rows) <= FULL_PRODUCT else None
        self.start = self.stop = 0
        self.block = None

    def run(self, start: int, stop: int) -> None:
        """Make ``at`` answer for rows ``start:stop`` against every row from ``stop`` on."""
        if self.rows is None:
            return
        self.start, self.stop = start, stop
        self.block = (
            self.full[start:stop, stop:]
            if self.full is not None
            else self.rows[start:stop] @ self.rows[stop:].T
        )

    def at(self, i: int, j: int) -> float:
        return float(self.block[i - self.start, j - self.stop]) if self.rows is not None else 0.0


MEASURES = numbers.MEASURES | {"magnitude"}


def _close(a: Claim, b: Claim, ratio: float) -> bool:
    if not ratio or a.unit not in MEASURES or b.unit not in MEASURES:
        return False
    x, y = abs(float(a.value)), abs(float(b.value))
    if a.unit == "magnitude":
        # a logarithmic scale: 6.7 and 7.9 are two quakes; and an aftershock is not the main quake
        return abs(x - y) <= 0.5 and (not a.subject or not b.subject or a.subject == b.subject)
    return min(x, y) > 0 and max(x, y) / min(x, y) <= 1 + ratio


class _Options(NamedTuple):
    """``aligned``'s thresholds and switches, passed on to each group."""

    phrase_similarity: float
    sentence_similarity: float
    by_subject: bool
    close_values: float
    loose: bool


def _runs(keys: list) -> list[tuple[int, int]]:
    """(start, stop) of each run of equal neighbours in ``keys``."""
    starts = [i for i in range(len(keys)) if i == 0 or keys[i] != keys[i - 1]]
    return list(zip(starts, starts[1:] + [len(keys)]))


def aligned(
    corpus: Corpus,
    claims: Iterable[Claim],
    phrase_similarity: float,
    sentence_similarity: float,
    by_subject: bool = True,
    close_values: float = 0.0,
    loose: bool = False,
) -> Iterator[tuple[Claim, Claim, float]]:
    """Aligned pairs among ``claims`` (cross-document, one story, one kind and attribute), with a similarity.

    Pairs come in a stable order: claims sorted by document and offset. With ``loose``, every
    candidate pair whose clauses do not name different people or places is yielded.
    """
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        groups.setdefault((corpus.story_of.get(c.document), c.kind, c.attribute), []).append(c)
    index = {s.key: i for i, s in enumerate(corpus.sentences)}
    for key in sorted(groups, key=lambda k: (str(k[0]), k[1], k[2])):
        members = sorted(groups[key], key=lambda c: (c.document, c.offset))
        # Sorted by document, each document's claims are one run; a claim is paired with the runs after its own.
        bounds = _runs([c.document for c in members])
        if len(bounds) < 2:
            continue
        yield from _group_pairs(
            corpus,
            key,
            members,
            bounds,
            index,
            _Options(phrase_similarity, sentence_similarity, by_subject, close_values, loose),
        )


def _group_pairs(
    corpus: Corpus,
    key: tuple,
    members: list[Claim],
    bounds: list[tuple[int, int]],
    index: dict,
    options: _Options,
) -> Iterator[tuple[Claim, Claim, float]]:
    """The aligned pairs of one group of claims, each claim paired with those of the documents after its own."""
    sentences, phrases = _vectors(corpus, members, index)
    sims, psims = _Similarities(sentences), _Similarities(phrases)
    near = [names_near(c, corpus.names.get(c.sentence.key, frozenset())) for c in members]
    # A bare count ("12 players", "22 players") has no attribute word to say what it counts
    # for, so it needs closer sentences or phrases than a figure whose attribute is named.
    bump = BARE_COUNT_MARGIN if key[2].startswith("number of") else 0.0
    for start, stop in bounds:
        sims.run(start, stop)
        psims.run(start, stop)
        for i in range(start, stop):
            a = members[i]
            for j in range(stop, len(members)):
                b = members[j]
                if near[i] and near[j] and not near[i] & near[j]:
                    continue  # both say who or where, and they say different ones: two claims
                s = sims.at(i, j)
                p = psims.at(i, j)
                if _is_aligned(corpus, a, b, s, p, bump, options):
                    yield a, b, max(s, p)


def _is_aligned(
    corpus: Corpus, a: Claim, b: Claim, s: float, p: float, bump: float, options: _Options
) -> bool:
    """Whether a candidate pair is aligned: one cluster, close sentences or phrases, one subject or close values."""
    same_cluster = corpus.cluster_of.get(a.sentence.key) is not None and corpus.cluster_of.get(
        a.sentence.key
    ) is corpus.cluster_of.get(b.sentence.key)
    # a bare count's subject is its attribute already ("six workers"): that says nothing more
    same_subject = (
        options.by_subject
        and bool(a.subject)
        and a.subject == b.subject
        and not a.attribute.startswith("number of")
    )
    return bool(
        options.loose
        or same_cluster
        or s >= options.sentence_similarity + bump
        or p >= options.phrase_similarity + bump
        or same_subject
        or _close(a, b, options.close_values)
    )
