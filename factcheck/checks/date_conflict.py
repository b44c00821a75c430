"""date-conflict: one event given different dates by different sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

The check reads date claims (``extract.claims``): each date with the kind of event
it dates, from the event words of ``rules/claims.yaml`` nearest to it in its clause.
Dates are normalised first: "August 15", "15 August", "Aug. 15" and "15.08.2024"
are one date, and "on Wednesday" or "yesterday" are read against the document's
own date. Two dates are compared only when their claims are aligned (``align``):
one story, the same kind of event, and the same subject by sentence or claim
phrase. A protest and the press briefing after it are two events, not a conflict.

Spans of years ("from 2012 to 2018", "2012-19") are compared the same way, and
only when both ends are told and one of them agrees: "2012 to 2018" against
"2012 to 2019" is one term ending in two years, while "2012 to 2018" against
"2014 to 2016" is two spans.
Two dates of the same kind of event in one story whose sentences are not aligned
may still be one event told two ways (a month written wrong): they are asked at
``loose_severity``.

An event held in stages (``phases``: an election's first round and run-off, a
tie's two legs) is dated once per stage. Where a story dates one of the stages,
two dates given for the event by its plain name ("the election") may be two
stages: they are asked at ``loose_severity``.
"""

from __future__ import annotations

from dataclasses import dataclass
import datetime as _dt
import re

from ..group.align import aligned
from ..extract.claims import UNNAMED_EVENT
from ..extract.dates import WEEKDAY_NAMES, DateValue, YearSpan, find_temporals, resolve
from ..models import Corpus, Finding, evidence_at
from ..groups import components
from .base import Check, Example


# A weekday and the date it names stand side by side: "Tuesday, March 14", "Monday (14 March)", "Friday 3 May".
_BESIDE = re.compile(r",?\s*\(?\s*(?:the\s+)?")
_WEEKDAY_WORD = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _one_end_differs(a: YearSpan, b: YearSpan) -> bool:
    """Two spans that share one end and not the other: one span told two ways."""
    return (a.first == b.first) != (a.last == b.last)


def _one_day_apart(a: DateValue, b: DateValue) -> bool:
    """Two full dates a day apart: one moment told in two time zones as often as a slip."""
    if None in (a.month, a.day, b.month, b.day):
        return False
    year_a, year_b = a.year or b.year or 2000, b.year or a.year or 2000
    try:
        return abs((_dt.date(year_a, a.month, a.day) - _dt.date(year_b, b.month, b.day)).days) == 1
    except ValueError:
        return False


def _both_sides(a, b, told: dict) -> bool:
    """One source gives both values for the kind of event: two events of one kind (two rounds, two hearings).

    ``told`` maps (document, attribute) to the values that document gives (one lookup per pair, not a scan).
    """
    return b.value in told.get((a.document, a.attribute), ()) or a.value in told.get(
        (b.document, b.attribute), ()
    )


def _weekday(v: DateValue) -> int | None:
    """The day of the week a full date falls on; None for a partial one."""
    if None in (v.year, v.month, v.day):
        return None
    try:
        return _dt.date(v.year, v.month, v.day).weekday()
    except ValueError:
        return None


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

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/date-conflict.yaml, typed; their values are stated there."""

        phrase_similarity: float
        sentence_similarity: float
        loose_severity: str
        pooled_readings: int
        phases: dict[str, list[str]]
        time_message: str
        time_severity: str
        weekday_message: str
        weekday_severity: str

    message_fields = ("event", "written", "falls")
    needs = ("date", "span", "time")
    examples = (
        Example(
            {
                "a.txt": "Interview\nPublished: 2024-08-23\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on August 15.\n",
                "b.txt": "Interview\nPublished: 2024-08-24\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on 20 August.\n",
            },
            ("August 15", "20 August"),
        ),
        Example(
            {
                "a.txt": "Talks\nPublished: 2024-08-23\nThe ambassador was summoned to a meeting on August 21 over the interview.\n",
                "b.txt": "Talks\nPublished: 2024-08-24\nThe ambassador was summoned over the interview, which aired on August 15.\n",
            },
            note="two events",
        ),
        Example(
            {
                "a.txt": "Governor jailed\nPublished: 2021-03-10\nKovalenko, who ran the Dravsk region from 2012 to 2018, was jailed for bribery.\n",
                "b.txt": "Governor jailed\nPublished: 2021-03-10\nKovalenko governed the Dravsk region from 2012 to 2019 and was jailed for bribery.\n",
            },
            ("from 2012 to 2018", "from 2012 to 2019"),
            note="one term, two end years",
        ),
        Example(
            {
                "a.txt": "Governor jailed\nPublished: 2021-03-10\nKovalenko, who ran the Dravsk region from 2012 to 2018, was jailed for bribery.\n",
                "b.txt": "Governor jailed\nPublished: 2021-03-10\nKovalenko, who ran the Dravsk port from 2014 to 2016, was jailed for bribery.\n",
            },
            note="two spans: neither end agrees",
        ),
        Example(
            {
                "a.txt": "Ferry missing\nPublished: 2024-03-02\nThe ferry left port at dawn, and contact was lost at 5.15 am local time.\n",
                "b.txt": "Ferry missing\nPublished: 2024-03-02\nThe ferry left port at dawn and contact was lost at 5.10 pm, officials said.\n",
            },
            ("5.10 pm", "5.15 am"),
            note="two times of day for one event: asked at info",
        ),
        Example(
            {
                "a.txt": "Dam breaks\nPublished: 2023-03-16\nThe dam broke on Tuesday, March 15, 2023, flooding the valley.\n"
            },
            ("Tuesday, March 15",),
            note="a weekday beside a date that falls on another day (a Wednesday)",
        ),
        Example(
            {
                "a.txt": "Dam breaks\nPublished: 2023-03-16\nThe dam broke on Wednesday, March 15, flooding the valley.\n",
                "b.txt": "Dam breaks\nPublished: 2023-03-16\nOfficials said on Thursday that the dam of March 15 had been weak.\n",
            },
            note="a weekday its date falls on; a weekday and a date of two things",
        ),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        dates = corpus.claims_of("date")
        named = [c for c in dates if c.subject != UNNAMED_EVENT]
        findings = self.compare(corpus, named, lambda a, b: _disagree(a.value, b.value))
        # A date no event word names is compared only with one in a sentence told alike, and asked.
        unnamed = [c for c in dates if c.subject == UNNAMED_EVENT]
        findings += self.group(
            [
                (a, b)
                for a, b, _ in aligned(
                    corpus, unnamed, 2.0, self.params.sentence_similarity, by_subject=False
                )
                if _disagree(a.value, b.value)
            ],
            self.params.loose_severity,
        )
        findings += self.compare(
            corpus, corpus.claims_of("span"), lambda a, b: _one_end_differs(a.value, b.value)
        )
        findings += self.wrong_weekdays(corpus)
        # Times of day of one event, in one zone ("4.15 pm" against "4.50 pm"), asked: an event unfolds over hours
        # (left port, lost contact, went missing), and one event word names several of its moments.
        return findings + self.compare(
            corpus,
            corpus.claims_of("time"),
            lambda a, b: a.value.minutes != b.value.minutes,
            self.params.time_message,
            self.params.time_severity,
        )

    def wrong_weekdays(self, corpus: Corpus) -> list[Finding]:
        """A weekday written beside a full date that falls on another day ("on Tuesday, March 15, 2023": a
        Wednesday), in one sentence: the page contradicts itself, whatever other sources say. A date without a year
        takes the publication's (``settle_days``); an undated page's is not guessed."""
        findings = []
        for sentence in corpus.sentences:
            if not _WEEKDAY_WORD.search(sentence.text):
                continue
            temporals = find_temporals(sentence.text)
            for day, date in zip(temporals, temporals[1:]):
                if day.kind != "weekday" or date.kind not in ("absolute", "partial"):
                    continue
                if not _BESIDE.fullmatch(sentence.text[day.end : date.start]):
                    continue  # "on Tuesday that the storm of March 3": two things' days
                value = resolve(date, sentence.doc.published, corpus.lexicons.claims.settle_days)
                falls = _weekday(value) if value is not None else None
                if falls is None or falls == day.value.weekday:
                    continue
                written = sentence.text[day.start : date.end]
                findings.append(
                    self.finding(
                        subject=f"weekday of {date.text}",
                        values=[written],
                        evidence=[evidence_at(sentence, written, sentence.start + day.start)],
                        suggestion=f"{value.label()} was a {WEEKDAY_NAMES[falls]}: check which of the two is right.",
                        severity=self.params.weekday_severity,
                        template=self.params.weekday_message,
                        written=written,
                        falls=WEEKDAY_NAMES[falls],
                        event="date",
                    )
                )
        return findings

    def compare(
        self, corpus: Corpus, claims, differ, template: str | None = None, severity: str | None = None
    ) -> list[Finding]:
        """Findings for aligned pairs of ``claims`` that ``differ`` (at ``severity``, the rule's when None); pairs
        only one story ties at ``loose_severity``."""
        pairs, asked = [], []
        told: dict[tuple, set] = {}
        for c in claims:
            told.setdefault((c.document, c.attribute), set()).add(c.value)
        staged = self.staged(corpus, claims)
        for a, b, _ in aligned(
            corpus,
            claims,
            self.params.phrase_similarity,
            self.params.sentence_similarity,
            by_subject=False,
        ):
            if differ(a, b):
                # a day apart, a source that gives both dates, or an event held in stages: asked, not asserted
                doubtful = (
                    isinstance(a.value, DateValue)
                    and _one_day_apart(a.value, b.value)
                    or _both_sides(a, b, told)
                    or (corpus.story_of.get(a.document), a.subject) in staged
                )
                (asked if doubtful else pairs).append((a, b))
        component: dict[int, dict] = {}  # claim -> its conflict's claims by value (one lookup per loose pair)
        for group in components(pairs):
            by_value: dict = {}
            for c in group:
                by_value.setdefault(c.value, c)
            component.update((id(c), by_value) for c in group)
        asked_set = {(id(a), id(b)) for a, b in asked}
        # Dates of one kind of event in one story that nothing aligns: asked, not asserted. A loose date that
        # repeats a value of an asserted conflict is that conflict's support ("2018" told twice against one "2019").
        support, loose = [], []
        for a, b, _ in aligned(corpus, claims, 2.0, 2.0, by_subject=False, loose=True):
            if not differ(a, b) or id(a) in component and id(b) in component or (id(a), id(b)) in asked_set:
                continue
            inside, other = (a, b) if id(a) in component else (b, a)
            same = component.get(id(inside), {}).get(other.value)
            if same is not None:
                support.append((same, other))
            else:
                loose.append((a, b))
        asserted, pooled = self.pooled(pairs + support)
        return self.group(asserted, severity, template) + self.group(
            asked + loose + pooled, self.params.loose_severity, template
        )

    def pooled(self, pairs: list[tuple]) -> tuple[list[tuple], list[tuple]]:
        """``pairs`` split into (asserted, pooled): a conflict is a pair, one date against another or an outlier
        against a majority. Pairs that chain into ``pooled_readings`` readings or more of one kind of event are
        its days told apart (the slide, the search, the day the last body was found), asked with the rest of
        what is asked about it, in one finding."""
        many = {
            id(c)
            for group in components(pairs)
            if len({c.value.label() for c in group}) >= self.params.pooled_readings
            for c in group
        }
        return [p for p in pairs if id(p[0]) not in many], [p for p in pairs if id(p[0]) in many]

    def staged(self, corpus: Corpus, claims) -> set[tuple]:
        """(story, event) for every event of ``phases`` that a story dates one of the stages of."""
        stage_of = {stage: event for event, stages in self.params.phases.items() for stage in stages}
        return {
            (corpus.story_of.get(c.document), stage_of[c.subject]) for c in claims if c.subject in stage_of
        }

    def group(self, pairs, severity, template: str | None = None) -> list[Finding]:
        findings = []
        for group in components(pairs):
            values = sorted({d.text for d in group})
            if len(values) < 2:
                continue
            event = group[0].subject
            readings = sorted({d.value.label() for d in group})
            findings.append(
                self.finding(
                    subject=f"{'time' if template else 'date'} of the {event}",
                    values=values,
                    evidence=[d.evidence() for d in group],
                    suggestion="Check the date against a primary source; readings: "
                    + ", ".join(readings)
                    + ".",
                    severity=severity,
                    template=template,
                    event=event,
                )
            )
        return findings
