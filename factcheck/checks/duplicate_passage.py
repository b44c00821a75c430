"""duplicate-passage: a passage repeated inside one document, or copied near-verbatim between sources.

Example: an article whose whole body appears twice (a paste or scrape artefact) ->
one finding at the rule's severity, pointing at both copies. Near-verbatim copying
between two sources (the same long sentence, word for word) is reported at
``cross_source_severity`` (info): syndication is normal, but an editor may want to
credit it. Short stock phrases never count: a sentence needs ``min_words`` words.
"""

from __future__ import annotations

from dataclasses import dataclass
from rapidfuzz import fuzz

from ..extract.quotes import quote_spans
from ..models import Corpus, Finding, Sentence, evidence_at
from ..groups import components
from .base import Check, Example


def _mostly_quoted(s: Sentence) -> bool:
    block = s.doc.blocks[s.block]
    inside = sum(
        max(0, min(q.end, s.end) - max(q.start, s.start))
        for q in quote_spans(s.doc.text, block.start, block.end)
    )
    return inside * 2 >= s.end - s.start


def _key(s: Sentence) -> str:
    return " ".join(s.text.lower().split())


_BODY = (
    "The ministry summoned the ambassador to explain the remarks made on television.\n"
    "The ambassador was told that disagreements should be settled through diplomatic channels.\n"
)


class DuplicatePassage(Check):
    name = "duplicate-passage"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/duplicate-passage.yaml, typed; their values are stated there."""

        min_words: int
        cross_source_severity: str
        cross_source_similarity: float

    message_fields = ("count", "lines", "opening")
    examples = (
        Example({"a.txt": "Summons\n" + _BODY + "Reporter is a journalist.\n" + _BODY}, ("2 sentence(s)",)),
        Example(
            {"a.txt": "Summons\nRead more below.\n" + _BODY + "Read more below.\n"}, note="a stock phrase"
        ),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        findings = []
        for sentences in corpus.by_document().values():
            findings.extend(self._within(sentences))
        findings.extend(self._across(corpus))
        return findings

    def _long(self, s: Sentence) -> bool:
        return len(s.text.split()) >= self.params.min_words

    def _within(self, sentences: list[Sentence]) -> list[Finding]:
        first_seen: dict[str, int] = {}
        pairs: list[tuple[int, int]] = []  # (earlier copy, later copy) by sentence position
        for i, s in enumerate(sentences):
            k = _key(s)
            if k in first_seen and self._long(s):
                pairs.append((first_seen[k], i))
            first_seen.setdefault(k, i)
        # Join runs of consecutive repeats into passages: (a, b), (a+1, b+1)... is one passage.
        passages: list[list[tuple[int, int]]] = []
        for a, b in pairs:
            if passages and passages[-1][-1] == (a - 1, b - 1):
                passages[-1].append((a, b))
            else:
                passages.append([(a, b)])
        findings = []
        for run in passages:
            first, copy = sentences[run[0][0]], sentences[run[0][1]]
            last, last_copy = sentences[run[-1][0]], sentences[run[-1][1]]
            n = len(run)
            opening = " ".join(first.text.split()[:8])
            findings.append(
                self.finding(
                    subject=f"{first.doc.name}: {n} sentence{'s' if n > 1 else ''} repeated",
                    values=[],
                    evidence=[evidence_at(first), evidence_at(copy)],
                    # where the passage ends in both copies: its whole extent, and what to delete
                    cited=[evidence_at(last), evidence_at(last_copy)] if n > 1 else [],
                    suggestion="Delete the second copy." if n > 1 else "Delete the repeated sentence.",
                    count=n,
                    opening=opening,
                    lines=f"{first.position()[0]} and {copy.position()[0]}",
                )
            )
        return findings

    def _across(self, corpus: Corpus) -> list[Finding]:
        """One finding per group of sources that carry the same long sentence near word for word."""
        findings = []
        for cluster in corpus.clusters:
            if not cluster.is_cross_source:
                continue
            # The same quote in two articles is reporting, not copying.
            members = [s for s in cluster.sentences if self._long(s) and not _mostly_quoted(s)]
            pairs = [
                (a, b)
                for i, a in enumerate(members)
                for b in members[i + 1 :]
                if a.doc.path != b.doc.path
                and corpus.same_story(a, b)
                and fuzz.ratio(_key(a), _key(b)) >= self.params.cross_source_similarity
            ]
            for group in components(pairs):
                first = {}
                for s in group:
                    first.setdefault(s.doc.path, s)  # one place per source
                copies = [first[p] for p in sorted(first)]
                names = [s.doc.name for s in copies]
                findings.append(
                    self.finding(
                        subject="copied across " + ", ".join(names),
                        values=[],
                        evidence=[evidence_at(s) for s in copies],
                        severity=self.params.cross_source_severity,
                        count=1,
                        opening=" ".join(copies[0].text.split()[:8]),
                        lines=" and ".join(f"{s.doc.name}:{s.position()[0]}" for s in copies),
                    )
                )
        return findings
