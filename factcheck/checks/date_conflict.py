"""date-conflict: one event given different dates by different sources.

Example: "The bridge collapsed on March 14" in one article and "...collapsed on
March 12" in another -> date-conflict on the collapse.

Dates are normalised before comparing: "August 15", "15 August", "Aug. 15" and
"15.08.2024" are one date, and "on Wednesday" or "yesterday" are read against the
document's own date. Two dates are only compared when their sentences state one
claim (same cluster, or close embeddings, within one story) *and* name the same
kind of event (``events`` in the rule): a summit date and an inquiry date in
similar sentences are two events, not a conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..extract.dates import DateValue, find_temporals, resolve
from ..models import Corpus, Finding, Sentence, evidence_at
from ._claims import clashes, components
from .base import Check


@dataclass(frozen=True)
class DatedEvent:
    sentence: Sentence
    text: str  # the date as written
    offset: int  # in the document text
    value: DateValue
    event: str


def _disagree(a: DateValue, b: DateValue) -> bool:
    if a.month is None or b.month is None:
        return a.year is not None and b.year is not None and a.year != b.year
    if a.year is not None and b.year is not None and a.year != b.year:
        return True
    if a.month != b.month:
        return True
    return a.day is not None and b.day is not None and a.day != b.day


class DateConflict(Check):
    name = "date-conflict"
    defaults = {"similarity": 0.6, "settle_days": 31, "window": 80, "events": {}}
    example = (
        "a.txt: The Kestrel Bridge collapsed on March 14, killing two.\n"
        "b.txt: The bridge collapsed on March 12 during the evening rush.\n"
        "-> date-conflict: the collapse is dated 'March 14' and 'March 12'"
    )

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.words: dict[str, str] = {}
        for event, forms in self.params["events"].items():
            for form in [event, *forms]:
                self.words[form.lower()] = event
        self.pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, self.words), key=len, reverse=True)) + r")\b", re.IGNORECASE) if self.words else None

    def dated_events(self, corpus: Corpus) -> list[DatedEvent]:
        """Each date with the event word nearest to it in its sentence (within ``window`` characters)."""
        out = []
        for s in corpus.sentences:
            if self.pattern is None:
                break
            events = [(m.start(), self.words[m.group(1).lower()]) for m in self.pattern.finditer(s.text)]
            if not events:
                continue
            published = dt.date.fromisoformat(s.doc.date) if s.doc.date and len(s.doc.date) == 10 else None
            for t in find_temporals(s.text):
                value = resolve(t, published, self.params["settle_days"])
                if value is None or value.month is None:
                    continue  # a bare year is an attribute ("opened in 1977"): number-conflict compares those
                distance, event = min((abs(pos - t.start), e) for pos, e in events)
                if distance <= self.params["window"]:
                    out.append(DatedEvent(s, t.text, s.start + t.start, value, event))
        return out

    def run(self, corpus: Corpus) -> list[Finding]:
        dated = self.dated_events(corpus)
        pairs = clashes(corpus, dated, kind=lambda d: d.event, agree=lambda x, y: not _disagree(x.value, y.value),
                        min_similarity=self.params["similarity"])
        findings = []
        for group in components(pairs):
            values = sorted({d.text for d in group})
            event = group[0].event
            findings.append(self.finding(
                subject=f"date of the {event}",
                values=values,
                evidence=[evidence_at(d.sentence, d.text, d.offset) for d in group],
                suggestion="Check the date against a primary source; readings: "
                           + ", ".join(sorted({d.value.label() for d in group})) + ".",
                event=event,
            ))
        return findings
