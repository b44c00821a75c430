"""date-conflict: one event given different dates by different sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

The check reads date claims (``extract.claims``): each date with the kind of event
it dates, from the event words of ``rules/claims.yaml`` nearest to it in its clause.
Dates are normalised first: "August 15", "15 August", "Aug. 15" and "15.08.2024"
are one date, and "on Wednesday" or "yesterday" are read against the document's
own date. Two dates are compared only when their claims are aligned (``align``):
one story, the same kind of event, and the same subject by sentence or claim
phrase. A protest and the press briefing after it are two events, not a conflict.
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
    defaults = {"phrase_similarity": 0.6, "sentence_similarity": 0.6}
    examples = (
        Example({"a.txt": "Interview\nPublished: 2024-08-23\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on August 15.\n",
                 "b.txt": "Interview\nPublished: 2024-08-24\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on 20 August.\n"},
                ("August 15", "20 August")),
        Example({"a.txt": "Talks\nPublished: 2024-08-23\nThe ambassador was summoned to a meeting on August 21 over the interview.\n",
                 "b.txt": "Talks\nPublished: 2024-08-24\nThe ambassador was summoned over the interview, which aired on August 15.\n"},
                note="two events"),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        pairs = [(a, b) for a, b, _ in aligned(corpus, corpus.claims_of("date"), self.params["phrase_similarity"],
                                                 self.params["sentence_similarity"], by_subject=False)
                 if _disagree(a.value, b.value)]
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
                event=event,
            ))
        return findings
