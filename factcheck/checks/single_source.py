"""single-source: a check-worthy claim that only one source in the story makes.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Check-worthy means the sentence carries a number, a date, a named event or a
direct quote; opinion and hedging ("perhaps", "may", questions) never count, nor do
headings. Only stories told by two or more documents are looked at, and the list is
kept short: the most check-worthy sentences first, at most ``max_per_document`` per
document and ``max_per_story`` per story.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

import numpy as np

from ..extract.dates import find_temporals
from ..extract.numbers import find_quantities
from ..extract.quotes import quote_spans
from ..models import Corpus, Finding, Sentence, evidence_at
from .base import Check, Example


class SingleSource(Check):
    name = "single-source"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/single-source.yaml, typed; their values are stated there."""

        max_similarity: float
        max_per_document: int
        max_per_story: int
        min_score: int
        min_words: int
        opinion: list[str]
        events: list[str]

    message_fields = ("document", "claim")
    defers = True
    examples = (
        Example(
            {
                "a.txt": "Collapse\nThe Kestrel Bridge collapsed during the evening rush hour.\n"
                "Investigators found 40 corroded cables in the north tower, according to a leaked report.\n",
                "b.txt": "Collapse\nThe Kestrel Bridge collapsed in the evening rush hour, sending cars into the river.\n",
            },
            ("40",),
        ),
        Example(
            {
                "a.txt": "Collapse\nThe Kestrel Bridge collapsed during the evening rush hour.\n"
                "It is perhaps the worst disaster the city has seen in 40 years.\n",
                "b.txt": "Collapse\nThe Kestrel Bridge collapsed in the evening rush hour.\n",
            },
            note="hedged opinion",
        ),
    )

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.event = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, self.params.events)) + r")\b", re.IGNORECASE)
            if self.params.events
            else None
        )

    def atoms(self, s: Sentence, quoted: str | None) -> tuple[int, list[str]]:
        """The sentence's check-worthiness score and the values that make it so."""
        values: list[str] = []
        score = 0
        quantities = [q for q in find_quantities(s.text) if q.dimension != "duration"]
        if quantities:
            score += 2
            values += [q.text for q in quantities]
        dates = [t for t in find_temporals(s.text) if t.kind in ("absolute", "partial")]
        if dates:
            score += 1
            values += [t.text for t in dates]
        if quoted:
            score += 2
            values.append(quoted)
        if self.event and self.event.search(s.text):
            score += 1
        return score, values

    @staticmethod
    def _keys(s: Sentence) -> set[tuple]:
        """Quantities as (dimension, thing, value): the same figure for the same thing elsewhere is a second source.

        A count needs its thing ("40 cables"); a measured amount ("$4.6 million",
        "300 metres") is distinctive by itself, so another outlet's "$4.6 million
        building" is a second source for "a $4.6 million library".
        """
        return {
            (q.dimension, q.thing if q.dimension == "count" else "", q.value)
            for q in find_quantities(s.text)
            if q.dimension != "duration" and (q.thing or q.dimension != "count")
        }

    def run(self, corpus: Corpus) -> list[Finding]:
        # A hedge (rules/claims.yaml, shared with claim extraction) or the rule's opinion words.
        hedges = [*corpus.lexicons.claims.hedge_words, *self.params.opinion]
        self.hedge = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, hedges)) + r")\b", re.IGNORECASE)
            if hedges
            else None
        )
        index = {s.key: i for i, s in enumerate(corpus.sentences)}
        told: dict[int | None, list[Sentence]] = {}  # each story's sentences, in corpus order
        for s in corpus.sentences:
            told.setdefault(corpus.story_of.get(s.doc.path), []).append(s)
        findings = []
        for n, story in enumerate(corpus.stories):
            if len(story) < 2:
                continue
            members = told.get(n, [])
            nearest = _nearest_elsewhere(
                corpus.vectors[[index[s.key] for s in members]], [s.doc.path for s in members]
            )
            findings.extend(self._story(corpus, members, nearest))
        return findings

    def _story(self, corpus: Corpus, members: list[Sentence], nearest: np.ndarray) -> list[Finding]:
        """The most check-worthy single-source sentences of one story, within the caps."""
        candidates = self._candidates(corpus, members, nearest)
        candidates.sort(key=lambda c: (-c[0], c[3], c[1].doc.path, c[1].start))
        return self._capped(candidates)

    def _candidates(
        self, corpus: Corpus, members: list[Sentence], nearest: np.ndarray
    ) -> list[tuple[int, Sentence, list[str], float]]:
        """(score, sentence, values, closest similarity) for each statement no other source of the story gives."""
        stated: dict[tuple, set[str]] = {}
        for s in members:
            for k in self._keys(s):
                stated.setdefault(k, set()).add(s.doc.path)
        candidates = []
        seen_texts: set[tuple[str, str]] = set()
        for i, s in enumerate(members):
            key = (s.doc.path, " ".join(s.text.split()))
            if key in seen_texts or len(s.text.split()) < self.params.min_words:
                continue
            seen_texts.add(key)
            end = s.text.rstrip()[-1:]
            if end == "?" or end not in '.!"”’)…' or (self.hedge and self.hedge.search(s.text)):
                continue  # questions, headings (no final stop) and hedged opinion
            if corpus.echoed(s) or nearest[i] >= self.params.max_similarity:
                continue
            if any(stated[k] - {s.doc.path} for k in self._keys(s)):
                continue
            score, values = self.atoms(s, _quote_in(s))
            if score >= self.params.min_score:
                candidates.append((score, s, values, float(nearest[i])))
        return candidates

    def _capped(self, candidates: list[tuple[int, Sentence, list[str], float]]) -> list[Finding]:
        """Findings for the ranked candidates, at most ``max_per_story`` and ``max_per_document`` each."""
        per_doc: dict[str, int] = {}
        findings = []
        for _score, s, values, closest in candidates:
            if len(findings) >= self.params.max_per_story:
                break
            if per_doc.get(s.doc.path, 0) >= self.params.max_per_document:
                continue
            per_doc[s.doc.path] = per_doc.get(s.doc.path, 0) + 1
            findings.append(
                self.finding(
                    subject=f"only in {s.doc.name}",
                    values=values,
                    evidence=[evidence_at(s, values[0] if values else None)],
                    suggestion=f"Confirm with a second source (closest sentence elsewhere is {closest:.2f} similar).",
                    document=s.doc.name,
                    claim=_short(values[0]) if values else "",
                )
            )
        return findings


def _quote_in(s: Sentence) -> str | None:
    """The first quotation of the sentence's block that overlaps the sentence, spaces normalised, or None."""
    block = s.doc.blocks[s.block]
    return next(
        (
            " ".join(q.text.split())
            for q in quote_spans(s.doc.text, block.start, block.end)
            if q.start < s.end and s.start < q.end
        ),
        None,
    )


def _short(value: str, limit: int = 60) -> str:
    """The claim's first value as the message names it: a long quote cut at a word, with an ellipsis."""
    value = " ".join(value.split())
    return f"'{value}'" if len(value) <= limit else f"'{value[:limit].rsplit(' ', 1)[0]}…'"


# Up to this many sentences in one story, each row block is compared with every row; past it, each document's
# rows only with the other documents' rows, so one long article among short ones costs its length, not its square.
FULL_PRODUCT = 4096


def _nearest_elsewhere(rows: np.ndarray, paths: list[str], block: int = 1024) -> np.ndarray:
    """Each row's highest similarity to a row of another document, computed in blocks (never n x n)."""
    labels = np.unique(np.array(paths), return_inverse=True)[1].reshape(-1)
    out = np.full(len(rows), -1.0, dtype=np.float32)
    if len(rows) > FULL_PRODUCT:
        order = np.argsort(labels, kind="stable")
        ranked = rows[order]
        bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
        for r0, r1 in zip(bounds[:-1], bounds[1:]):
            for start in range(r0, r1, block):
                stop = min(start + block, r1)
                best = np.full(stop - start, -1.0, dtype=np.float32)
                for others in (ranked[:r0], ranked[r1:]):
                    if len(others):
                        best = np.maximum(best, (ranked[start:stop] @ others.T).max(axis=1))
                out[order[start:stop]] = best
        return out
    for start in range(0, len(rows), block):
        sims = rows[start : start + block] @ rows.T
        sims[labels[start : start + block, None] == labels[None, :]] = -1.0
        out[start : start + block] = sims.max(axis=1) if len(rows) else -1.0
    return out
