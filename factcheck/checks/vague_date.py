"""vague-date: a temporal expression a reader cannot resolve to a date from the text.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Also reported: a month or day with no year that the document's own date does not
settle (it lies more than ``settle_days`` before it, the one value claim extraction
uses too, in rules/claims.yaml, or more than ``settle_future_days`` after it, or the
document is undated); a weekday or "yesterday" in an undated document;
and a relative expression ("A month later") whose anchor is itself unresolved.
Dates inside direct quotations are the speaker's words and are left alone.

A month or day with no year in a planned or future clause ("will begin in
September", "is due to start in June", "is expected to visit Minsk in December",
"next March") is its next occurrence after the document's date, and so settled:
the rule's ``planned`` phrases say which clauses plan.

One finding per root cause, not per mention: an undated document gets a single
finding that lists every expression its missing date leaves open, and "A month
later" is folded into the finding of the unresolved date it counts from. For a
month or day with no year, the suggestion names the most recent past year before
the document's date, marked as inferred. A document whose publication date could
not be found (front matter, byline, dateline, timestamp, HTML metadata) is more
often a page saved without its metadata than a vague article, so its finding is at
``undated_severity`` (info).
"""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
import re
from typing import NamedTuple

from ..extract.names import fold
from ..extract.dates import Temporal, find_temporals, nearest_year
from ..extract.quotes import inside, quote_spans
from ..models import Corpus, Finding, Sentence, evidence_at
from .base import Check, Example


class Tense(NamedTuple):
    """What tells a clause's tense: ``past`` words (and any regular past form, "-ed"), ``future`` words."""

    past: re.Pattern
    future: re.Pattern


def tense_patterns(past_words: list[str], future_words: list[str]) -> Tense:
    """The rule's ``past_words`` and ``future_words`` as whole-word patterns, any case; a word of five letters or
    more ending in "-ed" is past too ("filmed", "arrested")."""
    past = "|".join([*map(re.escape, past_words), r"\w{3,}ed"])
    future = "|".join(map(re.escape, future_words)) or "(?!)"
    return Tense(
        re.compile(r"\b(?:" + past + r")\b", re.IGNORECASE),
        re.compile(r"\b(?:" + future + r")\b", re.IGNORECASE),
    )


def planned_pattern(phrases: list[str]) -> re.Pattern:
    """A pattern that finds any of ``phrases`` (the rule's ``planned`` list) as whole words, any case."""
    words = sorted(
        (re.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrases if p.strip()), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(words) + r")\b" if words else r"(?!)", re.IGNORECASE)


# A full month name takes no abbreviation point: "in June." at a sentence's end is "in June".
_MONTH_STOP = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\.$"
)


def shown(t: Temporal) -> str:
    """The expression as a finding names it, without a sentence's full stop."""
    return _MONTH_STOP.sub(r"\1", t.text)


_THIS_YEAR = re.compile(r"\s*,?\s*(?:of )?this year\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:()—–]|\b(?:and|but|that|which|who)\b", re.IGNORECASE)


def told_as_past(before: str, tense: Tense) -> bool:
    """Whether the words before a date, in its clause, tell of the past ("was filmed on") and nothing of the future.

    Only the date's own clause counts: in "The report, published Tuesday, says the vote is on May 25" the
    past participle belongs to the report, not to the vote.
    """
    clause = _CLAUSE.split(before)[-1]
    return bool(tense.past.search(clause)) and not tense.future.search(clause)


def told_as_planned(upto: str, planned: re.Pattern) -> bool:
    """Whether the date's own clause, up to and including the date, plans or foretells ("is expected to visit Minsk in
    December", "next March")."""
    return bool(planned.search(_CLAUSE.split(upto)[-1]))


def last_occurrence(value, published: dt.date) -> dt.date | None:
    """The most recent date on or before ``published`` with the month (and day) of ``value``."""
    day = value.day or 1
    for year in range(published.year, published.year - 8, -1):  # 29 February comes back within eight years
        try:
            when = dt.date(year, value.month, day)
        except ValueError:
            continue
        if when <= published:
            return when
    return None


def past_distance(value, published: dt.date) -> int:
    """Days from the most recent past occurrence of a month(-day) to ``published``."""
    when = last_occurrence(value, published)
    return (published - when).days if when else 366


class VagueDate(Check):
    name = "vague-date"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/vague-date.yaml, typed; their values are stated there."""

        settle_future_days: int
        anchor_sentences: int
        relative_sentences: int
        undated_severity: str
        planned: list[str]
        past_words: list[str]
        future_words: list[str]
        naming_verbs: list[str]
        recent_days: int
        recent_severity: str

    message_fields = ("reason",)
    examples = (
        Example(
            {
                "a.txt": "Policy\nUnrest shook the country in early 2022.\nThe government has long pursued a balanced policy.\n"
                "In June of that year, the president spoke at a forum.\n"
            },
            ("June of that year",),
        ),
        Example(
            {
                "a.txt": "Policy\nUnrest shook the country in 2022. In June of that year, the president spoke.\n"
            }
        ),
        Example(
            {
                "a.txt": "Visit\nPublished: 2024-08-24\nNurtleu is expected to visit Minsk in December. "
                "Work will begin in June.\n"
            },
            note="the next December and June: planned, so settled",
        ),
        Example(
            {
                "a.txt": "Verdict\nPublished: 2024-09-16\nTwo activists were convicted over a protest in February.\n"
            },
            note="told as past, and the last February is this year's: settled",
        ),
        Example(
            {"a.txt": "Verdict\nPublished: 2024-03-10\nThe court delivered its verdict on May 9.\n"},
            ("May 9",),
        ),
    )

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.planned = planned_pattern(self.params.planned)
        self.tense = tense_patterns(self.params.past_words, self.params.future_words)
        self.naming_verbs = frozenset(fold(w) for w in self.params.naming_verbs)

    def run(self, corpus: Corpus) -> list[Finding]:
        # How near a yearless date settles is one value for claim extraction and this check (rules/claims.yaml).
        self._settle_days = corpus.lexicons.claims.settle_days
        findings = []
        for _path, sentences in sorted(corpus.by_document().items()):
            findings.extend(self._document(sentences))
        return findings

    def _document(self, sentences: list[Sentence]) -> list[Finding]:
        self._recent: set[int] = set()
        doc = sentences[0].doc
        published = doc.published
        quotes = {b: quote_spans(doc.text, span.start, span.end) for b, span in enumerate(doc.blocks)}
        years: list[tuple[int, int]] = []  # (sentence index, year) of every year named so far
        last: tuple[Temporal, Sentence, bool] | None = None  # the latest expression and whether it resolved
        # Root cause -> its unresolved expressions: an expression's own id, its anchor's, or "undated".
        groups: dict[object, list] = {}
        root_of: dict[int, object] = {}
        for s in sentences:
            found = [t for t in find_temporals(s.text) if not inside(quotes[s.block], s.start + t.start)]
            for t in found:
                resolved, why, hint = self._resolve(t, s, found, years, last, published)
                if not resolved:
                    if hint and last is not None and id(last[0]) in root_of:
                        root = root_of[
                            id(last[0])
                        ]  # "A month later" after an unresolved date: that date's finding
                    elif published is None and why.endswith("the document is undated"):
                        root = "undated"
                    else:
                        root = id(t)
                    root_of[id(t)] = root
                    groups.setdefault(root, []).append(
                        (s, t, why, hint, [y for i, y in years if i <= s.index])
                    )
                if t.value.year is not None:
                    years.append((s.index, t.value.year))
                last = (t, s, resolved)
        return [self._finding(items, published, undated=root == "undated") for root, items in groups.items()]

    def _resolve(self, t: Temporal, s: Sentence, same_sentence: list[Temporal], years, last, published):
        """(resolved, reason, anchor hint) for one expression."""
        window = self.params.anchor_sentences
        year_here = any(o.value.year is not None and o is not t for o in same_sentence)
        recent_year = any(s.index - i <= window for i, _ in years)
        if t.kind == "absolute":
            return True, "", ""
        if t.kind == "anaphoric":
            if recent_year:
                return True, "", ""
            return False, f"'{shown(t)}' points back at a {t.unit} the text does not name nearby", ""
        if t.kind == "relative":
            return _resolve_relative(t, s, last, self.params.relative_sentences)
        if t.kind == "partial":
            return self._resolve_partial(t, s, years, published, year_here)
        if t.kind in ("weekday", "deictic"):
            if published is not None or year_here:
                return True, "", ""
            return False, f"'{shown(t)}' needs a publication date, and the document is undated", ""
        return True, "", ""

    def _resolve_partial(self, t: Temporal, s: Sentence, years, published, year_here: bool):
        """(resolved, reason, hint) for a date without its year ("May 9"), read against the publication date."""
        if year_here:
            return True, "", ""
        if published is None:
            return False, f"'{shown(t)}' names no year and the document is undated", ""
        if _THIS_YEAR.match(s.text, t.end):
            return True, "", ""  # "in April of this year": the publication's year
        if told_as_planned(s.text[: t.end], self.planned):
            return (
                True,
                "",
                "",
            )  # "will begin in September", "next March": the next one, whatever its year
        days, year = nearest_year(t.value, published)
        # A date just ahead is the coming one ("will report by April 30"); a date just past is this year's.
        ahead = (year, t.value.month, t.value.day or 1) > (published.year, published.month, published.day)
        earlier_years = {y for i, y in years if i <= s.index}
        if not ahead and year == published.year and earlier_years <= {published.year}:
            # Earlier this year, in a text that names no other year: house style leaves the year out, and
            # no reader can take it for another ("as of April 9" in a June article).
            return True, "", ""
        if (
            ahead
            and told_as_past(s.text[: t.start], self.tense)
            and not self._named_by_verb(s.text[: t.start])
        ):
            return _told_as_past(t, published, earlier_years)
        return self._by_distance(t, days, ahead, published)

    def _named_by_verb(self, before: str) -> bool:
        """Whether the date is the object of a verb that names a date ("declared 12 May a day of mourning"),
        with no preposition between: what was declared, not when."""
        words = before.split()
        return bool(words) and fold(words[-1].strip(",")) in self.naming_verbs

    def _by_distance(self, t: Temporal, days: int, ahead: bool, published: dt.date):
        """(resolved, reason, hint) for a yearless date by how far its nearest occurrence lies from the publication date."""
        if days <= (self.params.settle_future_days if ahead else self._settle_days):
            return True, "", ""
        if ahead:
            # Said both ways: the suggestion infers the past year, so the message must not count only forward.
            return (
                False,
                (
                    f"'{shown(t)}' names no year: the coming one lies {days} days after the document's date "
                    f"{published.isoformat()}, the last one {past_distance(t.value, published)} days before it"
                ),
                "",
            )
        if days <= self.params.recent_days:
            self._recent.add(id(t))  # the last one, months ago: a reader takes it so; asked, not blocked
        return (
            False,
            f"'{shown(t)}' names no year, and lies {days} days before the document's date {published.isoformat()}",
            "",
        )

    def _finding(self, items: list, published: dt.date | None, undated: bool) -> Finding:
        """One finding for the expressions one root cause leaves unresolved."""
        s, t, why, hint, earlier = items[0]
        values = list(dict.fromkeys(shown(t) for _, t, *_ in items))
        if undated and len(items) > 1:
            why = f"the document is undated, so {len(values)} expressions cannot be resolved: " + ", ".join(
                f"'{v}'" for v in values
            )
        elif len(items) > 1:
            # a passage repeated in the document repeats its reasons: each is said once
            why = "; ".join(dict.fromkeys(w for _, _, w, _, _ in items))
        hints = []
        if earlier:
            hints.append(f"nearest earlier year in the text: {earlier[-1]}")
        if published and t.kind == "partial" and t.value.month:
            last = last_occurrence(t.value, published)
            past = last.year if last else published.year - 1
            hints.append(
                f"most recent past year before the document's date {published.isoformat()}: {past} (inferred)"
            )
        elif published:
            hints.append(f"document dated {published.isoformat()}")
        if undated:
            hints.append("give the article a publication date (front matter, byline or dateline)")
        if hint:
            hints.append(hint)
        suggestion = "Name the date in full" + (f" ({'; '.join(hints)})" if hints else "") + "."
        return self.finding(
            subject=shown(t),
            values=values,
            evidence=[evidence_at(x, shown(u), x.start + u.start) for x, u, *_ in items],
            suggestion=suggestion,
            severity=self.params.undated_severity
            if undated
            else self.params.recent_severity
            if all(id(u) in self._recent for _, u, *_ in items)
            else None,
            reason=why,
        )


def _resolve_relative(t: Temporal, s: Sentence, last, window: int):
    """(resolved, reason, hint) for a date counted from an earlier one ("a month later"), within ``window`` sentences."""
    if last is None or s.index - last[1].index > window:
        return False, f"'{shown(t)}' has no earlier date to count from", ""
    if not last[2]:
        anchor, at, _ = last
        line = at.position()[0]
        return (
            False,
            f"'{shown(t)}' counts from '{shown(anchor)}' (line {line}), which is itself unresolved",
            f"anchor: '{shown(anchor)}'",
        )
    return True, "", ""


def _told_as_past(t: Temporal, published: dt.date, earlier_years: set[int]):
    """(resolved, reason, hint) for a yearless date just ahead of the publication date but told as past."""
    last_one = last_occurrence(t.value, published)
    if last_one is not None and last_one.year == published.year and earlier_years <= {published.year}:
        return (
            True,
            "",
            "",
        )  # "convicted over a protest in February" in a September article: this February
    # "He was filmed on May 25" in an April article: not the coming May 25, so last year's
    days = past_distance(t.value, published)
    return (
        False,
        (
            f"'{shown(t)}' names no year and is told as past, so it lies {days} days before the "
            f"document's date {published.isoformat()}"
        ),
        "",
    )
