"""Temporal expressions: find them in text and read what date they name.

Each expression gets a ``kind``:

- ``absolute``: names a day, month or year that needs nothing else ("23 February 2024",
  "Aug 23, 2024", "23.08.2024", "2024-08-22", "May 2024", "in 2022");
- ``partial``: a month or a day without a year ("August 15", "15 August", "in May");
- ``weekday``: "on Wednesday";
- ``anaphoric``: points back at a year or month named elsewhere ("June of that year",
  "later that month", "the same year");
- ``relative``: an offset from an earlier anchor ("A month later", "two days earlier",
  "the next day");
- ``deictic``: relative to the publication date ("yesterday", "last week").

Month names count only when capitalised, because "may" and "march" are common words.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_NAMES = {n: w.capitalize() for w, n in WEEKDAYS.items()}
UNIT_WORDS = {"day": "day", "week": "week", "month": "month", "year": "year", "fortnight": "week"}
# Numbers written as words, up to twelve: counts of days and weeks here, figures in numbers.py.
SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
COUNT_WORDS = {"a": 1, "an": 1, **SMALL_NUMBERS, "a few": 3, "several": 3}

_MONTH = (
    r"(?P<{g}>(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.(?!\w))?)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[6-9]|20)\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|\d{1,3})"
_UNIT = r"(?:day|week|month|year|fortnight)s?"


def _g(pattern: str, **names: str) -> str:
    return pattern.format(**names)


_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")),
    ("dmy_num", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:1[6-9]|20)\d\d)(?![\d])")),
    ("mdy_num", re.compile(r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:1[6-9]|20)\d\d)(?![\d])")),
    (
        "anaphoric",
        re.compile(
            r"\b(?:(?:"
            + _g(_MONTH, g="mon")
            + r"|(?P<part>early|late|mid|the (?:beginning|end|middle|start))) of )?"
            r"(?P<ref>that|the same|the following|the next|the previous|the preceding|the prior) (?P<unit>year|month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "anaphoric",
        re.compile(
            r"\b(?:later|earlier) (?P<ref>that|the same) (?P<unit>year|month|week|day)\b", re.IGNORECASE
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<count>"
            + _COUNT
            + r") (?P<unit>"
            + _UNIT
            + r") (?P<dir>later|earlier|afterwards|(?:after|before)(?=\s*(?:[,.;:!?]|$)))",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:the )?(?P<dir>next|following|previous|preceding) (?P<unit>day|week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?:(?P<word>yesterday|today|tomorrow)|(?P<dir>last|this|next) (?P<unit>week|month|year|weekend))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            r"\b" + _g(_DAY, g="d") + r" (?:of )?" + _g(_MONTH, g="mon") + r",? " + _g(_YEAR, g="y") + r"\b"
        ),
    ),
    (
        "mdy",
        re.compile(
            r"\b"
            + _g(_MONTH, g="mon")
            + r" "
            + _g(_DAY, g="d")
            + r"(?:,? "
            + _g(_YEAR, g="y")
            + r")?\b(?![:\d])"
        ),
    ),
    ("dm", re.compile(r"\b" + _g(_DAY, g="d") + r" (?:of )?" + _g(_MONTH, g="mon") + r"\b")),
    ("my", re.compile(r"\b" + _g(_MONTH, g="mon") + r",? " + _g(_YEAR, g="y") + r"\b")),
    (
        "month",
        re.compile(
            r"\b(?:(?i:in|since|by|until|till|from|during|through|throughout|last|next|this|early|late|mid|mid-|of|before|after|that|in early|in late) )"
            + _g(_MONTH, g="mon")
            + r"(?![\w-])"
        ),
    ),
    ("weekday", re.compile(r"\b(?:(?:on|last|next|this|since|by|until) )?(?P<wd>" + _WEEKDAY + r")\b")),
    (
        "year",
        re.compile(
            r"(?<![\d$€£.,/-])"
            + _g(_YEAR, g="y")
            + r"(?:[-–](?:\d\d|(?:1[6-9]|20)\d\d))?(?![\d%])(?!\s*(?:people|percent|km|kilometers|metres|meters|feet|ft)\b)"
        ),
    ),
]


@dataclass(frozen=True)
class DateValue:
    """A possibly partial calendar date."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def iso(self) -> str | None:
        """ISO form to the precision known ("2024", "2024-08", "2024-08-15"); None without a year."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def label(self) -> str:
        """A form that also shows partial dates ("--08-15" for August 15 with no year)."""
        y = f"{self.year:04d}" if self.year is not None else "----"
        parts = [y]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class Temporal:
    """One temporal expression found in a text."""

    start: int
    end: int
    text: str
    kind: str
    value: DateValue
    unit: str | None = None  # for relative and anaphoric expressions
    amount: int = 0  # signed offset in ``unit`` for relative expressions


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None or not 1 <= day <= 31:
            return False
        try:
            _dt.date(year or 2000, month, day)  # 2000 is a leap year, so 29 Feb passes without a year
        except ValueError:
            return False
    return True


def _month(text: str | None) -> int | None:
    return MONTHS.get(text.rstrip(".").lower()) if text else None


def _read(kind: str, m: re.Match) -> Temporal | None:
    gd = m.groupdict()
    text = m.group(0)
    if kind in ("iso", "dmy_num", "mdy_num"):
        y, mo, d = int(gd["y"]), int(gd["m"]), int(gd["d"])
        return (
            Temporal(m.start(), m.end(), text, "absolute", DateValue(y, mo, d)) if _valid(y, mo, d) else None
        )
    if kind in ("dmy", "mdy", "dm", "my", "month"):
        mo = _month(gd.get("mon"))
        y = int(gd["y"]) if gd.get("y") else None
        d = int(gd["d"]) if gd.get("d") else None
        if not _valid(y, mo, d):
            return None
        return Temporal(m.start(), m.end(), text, "absolute" if y else "partial", DateValue(y, mo, d))
    if kind == "year":
        return Temporal(m.start(), m.end(), text, "absolute", DateValue(int(gd["y"])))
    if kind == "weekday":
        return Temporal(m.start(), m.end(), text, "weekday", DateValue(weekday=WEEKDAYS[gd["wd"].lower()]))
    if kind == "anaphoric":
        return Temporal(
            m.start(),
            m.end(),
            text,
            "anaphoric",
            DateValue(month=_month(gd.get("mon"))),
            unit=gd["unit"].lower(),
        )
    if kind == "relative":
        unit = UNIT_WORDS[gd["unit"].lower().rstrip("s")]
        count = gd.get("count")
        n = 1 if count is None else (int(count) if count.isdigit() else COUNT_WORDS[count.lower()])
        direction = gd["dir"].lower()
        sign = -1 if direction in ("earlier", "before", "previous", "preceding") else 1
        return Temporal(m.start(), m.end(), text, "relative", DateValue(), unit=unit, amount=sign * n)
    if kind == "deictic":
        word = (gd.get("word") or "").lower()
        if word:
            amount = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
            return Temporal(m.start(), m.end(), text, "deictic", DateValue(), unit="day", amount=amount)
        amount = {"last": -1, "this": 0, "next": 1}[gd["dir"].lower()]
        return Temporal(
            m.start(), m.end(), text, "deictic", DateValue(), unit=gd["unit"].lower(), amount=amount
        )
    return None


def find_temporals(text: str) -> list[Temporal]:
    """All temporal expressions in ``text``, longest first where they overlap, in text order."""
    return list(_find_temporals(text))


# A reader of one sentence's text whose answer depends on the text alone, kept for every sentence: several
# checks read the same sentence's dates and figures. Sized past one 5 MB article's sentences (about 70,000):
# each check reads them in order, and an LRU cache smaller than that evicts every sentence before the next
# check comes back to it.
per_sentence = functools.lru_cache(maxsize=1 << 17)


@per_sentence
def _find_temporals(text: str) -> tuple[Temporal, ...]:
    found: list[Temporal] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            t = _read(kind, m)
            if t is not None:
                found.append(t)
                taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda t: t.start))


def full_dates(text: str) -> list[Temporal]:
    """The expressions in ``text`` that name a whole day with its year."""
    return [t for t in find_temporals(text) if t.kind == "absolute" and t.value.day is not None]


def parse_date(text: str) -> str | None:
    """The ISO date of the first complete date in ``text`` (or of the value itself), else None."""
    if isinstance(text, (_dt.date, _dt.datetime)):
        return text.strftime("%Y-%m-%d")
    dates = full_dates(str(text))
    return dates[0].value.iso() if dates else None


def nearest_year(value: DateValue, published: _dt.date) -> tuple[int, int]:
    """For a month(-day) with no year: (days from the publication date, year) for the nearest year that fits."""
    best = (10**6, published.year)
    for year in (published.year - 1, published.year, published.year + 1):
        month, day = value.month, value.day
        try:
            if day:
                lo = hi = _dt.date(year, month, day)
            else:
                lo = _dt.date(year, month, 1)
                hi = _dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)
        except (ValueError, TypeError):
            continue
        d = 0 if lo <= published <= hi else min(abs((published - lo).days), abs((published - hi).days))
        best = min(best, (d, year))
    return best


def resolve(t: Temporal, published: _dt.date | None, settle_days: int) -> DateValue | None:
    """The calendar date ``t`` names, using the publication date where the text relies on it.

    A month or day without a year takes the publication year that puts it within
    ``settle_days``; a weekday is the latest such day on or before publication;
    "yesterday" and friends count from publication. Anything else unresolved: None.
    """
    v = t.value
    if t.kind == "absolute":
        return v
    if published is None:
        return v if t.kind == "partial" else None
    if t.kind == "partial":
        days, year = nearest_year(v, published)
        return DateValue(year, v.month, v.day) if days <= settle_days else v
    if t.kind == "weekday":
        back = (published.weekday() - v.weekday) % 7
        d = published - _dt.timedelta(days=back)
        return DateValue(d.year, d.month, d.day)
    if t.kind == "deictic" and t.unit == "day":
        d = published + _dt.timedelta(days=t.amount)
        return DateValue(d.year, d.month, d.day)
    return None


@dataclass(frozen=True)
class YearSpan:
    """A span of years as written: "from 2012 to 2018", "between 2012 and 2018", "2012-18"."""

    first: int
    last: int

    def label(self) -> str:
        return f"{self.first}–{self.last}"


_SPAN_YEAR = r"(?:1[6-9]|20)\d\d"
_SPANS = re.compile(
    r"\b(?:from|between)\s+(?:(?:" + _MONTH.format(g="m1") + r")\s+)?(?P<a>" + _SPAN_YEAR + r")"
    r"\s+(?:to|until|till|through|and)\s+(?:(?:"
    + _MONTH.format(g="m2")
    + r")\s+)?(?P<b>"
    + _SPAN_YEAR
    + r")\b"
    r"|(?<![\d$€£.,/-])(?P<c>" + _SPAN_YEAR + r")\s?[-–]\s?(?P<d>" + _SPAN_YEAR + r"|\d\d)(?![\d%-])"
    r"(?!\s*(?:people|percent|km|kilometers|metres|meters|feet|ft|euros?|dollars?|pounds?|tonnes?|tons?)\b)"
)


def year_spans(text: str) -> list[tuple[int, int, str, YearSpan]]:
    """Spans of years in ``text`` as (start, end, text, span); a span must run forwards ("2012-18" is 2012–2018)."""
    out = []
    for m in _SPANS.finditer(text):
        first = int(m.group("a") or m.group("c"))
        tail = m.group("b") or m.group("d")
        last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
        if first < last <= first + 100:
            out.append((m.start(), m.end(), m.group(0), YearSpan(first, last)))
    return out
