"""date-conflict: one event given different dates by different sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

The check reads date claims (``extract.claims``): each date with the kind of event
it dates, from the event words of ``rules/claims.yaml`` nearest to it in its clause.
Dates are normalised first: "August 15", "15 August", "Aug. 15" and "15.08.2024"
are one date, and "on Wednesday" or "yesterday" are read against the document's
own date. Two dates are compared only when their claims are aligned (``align``):
one story, the same kind of event, and the same subject by sentence or claim
phrase. A protest and the press briefing after it are two events, not a conflict.
Two dates of the same kind of event in one story whose sentences are not aligned
may still be one event told two ways (a month written wrong): they are asked at
``loose_severity``.
"""

from __future__ import annotations

from ..align import aligned
from ..extract.dates import DateValue
from ..models import Corpus, Finding
from ..groups import components
from .base import Check, Example


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
    message_fields = ('event',)
    needs = ("date",)
    defaults = {"phrase_similarity": 0.6, "sentence_similarity": 0.6, "loose_severity": "info"}
    examples = (
        Example({"a.txt": "Interview\nPublished: 2024-08-23\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on August 15.\n",
                 "b.txt": "Interview\nPublished: 2024-08-24\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on 20 August.\n"},
                ("August 15", "20 August")),
        Example({"a.txt": "Talks\nPublished: 2024-08-23\nThe ambassador was summoned to a meeting on August 21 over the interview.\n",
                 "b.txt": "Talks\nPublished: 2024-08-24\nThe ambassador was summoned over the interview, which aired on August 15.\n"},
                note="two events"),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        dates = corpus.claims_of("date")
        pairs = [(a, b) for a, b, _ in aligned(corpus, dates, self.params["phrase_similarity"],
                                                 self.params["sentence_similarity"], by_subject=False)
                 if _disagree(a.value, b.value)]
        findings = self.group(pairs, None)
        # Dates of one kind of event in one story that nothing aligns: asked, not asserted.
        strong = {id(c) for pair in pairs for c in pair}
        loose = [(a, b) for a, b, _ in aligned(corpus, dates, 2.0, 2.0, by_subject=False, loose=True)
                 if _disagree(a.value, b.value) and not (id(a) in strong and id(b) in strong)]
        return findings + self.group(loose, self.params["loose_severity"])

    def group(self, pairs, severity) -> list[Finding]:
        findings = []
        for group in components(pairs):
            values = sorted({d.text for d in group})
            if len(values) < 2:
                continue
            event = group[0].subject
            findings.append(self.finding(
                subject=f"date of the {event}",
                values=values,
                evidence=[d.evidence() for d in group],
                suggestion="Check the date against a primary source; readings: "
                           + ", ".join(sorted({d.value.label() for d in group})) + ".",
                severity=severity,
                event=event,
            ))
        return findings
