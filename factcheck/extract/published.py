"""Publication dates from wherever newsrooms put them.

``ingest`` asks, in this order: front matter (``date:``), HTML ``<meta>`` and
``<time>``, then the head of the text:

- a dateline or byline block: "23 February 2024, Friday, 3:15", "By Jane Roe,
  3 May 2019", "Published: 2024-08-22", "Nippon.com - News from Japan - 2021-03-24",
  a leading timestamp "12 Mar 2021 09:40" (``head_date``);
- a dateline that opens the first paragraph: "CAIRO – 5 August 2020: ...",
  "Lagos, May 3 (Reuters) - ..." (``lead_dateline``); a month and day with no
  year take the latest year the article names, and the document says the year
  was inferred;
- a date in the page address: ``/2016/05/03/`` (``url_date``).
"""

from __future__ import annotations

import functools
import re

from ..rules import shipped_lexicon
from .dates import DateValue, find_temporals, full_dates

_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2})?")
_LEAD = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'’-]{1,40}?)\s*(?:,|–|—|-)\s*(?P<date>[^:()\n–—]{3,30}?)\s*"
    r"(?:\([A-Za-z .]+\)\s*)?(?::|–|—|-)\s"
)
_URL = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]\d|[a-z]{3})[/-](?P<d>[0-3]\d)(?:/|-|$)", re.IGNORECASE
)


@functools.cache
def _words() -> tuple[re.Pattern, frozenset[str]]:
    """(a timestamp line's noise words, a byline's linking words) from the shipped ``rules/published.yaml``, read
    once: dates are read while documents are parsed, with no rule set at hand (``rules.SHIPPED_ONLY``)."""
    words = shipped_lexicon("published")
    noise = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, words["noise"])) + r")\b")
    return noise, frozenset(words["links"])


def head_date(text: str) -> str | None:
    """The ISO date when a head block is a dateline, byline or timestamp: a date and a few words, else None."""
    if len(text) > 120:
        return None
    dates = full_dates(text)
    if not dates:
        return None
    rest = text
    for t in find_temporals(text):
        rest = rest.replace(t.text, " ")
    noise, links = _words()
    rest = _CLOCK.sub(" ", noise.sub(" ", rest))
    words = _WORDS.findall(rest)
    if len(words) > 6:
        return None
    # A byline's words are names, a place or a masthead; only a few linking words are lower case.
    if any(w[0].islower() and w.lower() not in links for w in words):
        return None
    return dates[0].value.iso()


def lead_dateline(text: str, years: list[int]) -> tuple[str, bool] | None:
    """(ISO date, inferred) when a paragraph opens with "PLACE, DATE -" / "PLACE – DATE:".

    A date with no year takes the latest of ``years`` (the years the article
    names) and is marked inferred; with no year to take, there is no date.
    """
    m = _LEAD.match(text)
    if not m:
        return None
    found = [
        t for t in find_temporals(m.group("date")) if t.value.month is not None and t.value.day is not None
    ]
    if not found:
        return None
    value = found[0].value
    if value.year is not None:
        return value.iso(), False
    if not years:
        return None
    return DateValue(max(years), value.month, value.day).iso(), True


def url_date(url: str) -> str | None:
    """The ISO date a page address carries ("/2016/05/03/"), else None."""
    m = _URL.search(url or "")
    if not m:
        return None
    month = m.group("m")
    text = (
        f"{m.group('d')} {month.title()} {m.group('y')}"
        if month.isalpha()
        else f"{m.group('y')}-{month}-{m.group('d')}"
    )
    candidates = full_dates(text)
    return candidates[0].value.iso() if candidates else None
