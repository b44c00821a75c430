"""Quantities: money, measures, counts, and years used as attributes.

Each quantity is read into a value in a base unit, a *dimension* that says what can
be compared with what, and the thing counted or measured:

- money: "$153.07 million" -> 153_070_000 USD; currencies are never converted;
- measures: "984-foot", "300 metres", "7.5 thousand kilometers", "40 litres" -> metres, kilograms,
  square metres, cubic metres;
- percentages: "12%" / "12 percent";
- counts: "six workers", "30,000 people" -> 6 "worker", 30000 "people";
- attribute years: "opened in 1977" -> 1977 "opened".

``approximate`` is set by "about", "roughly", "nearly", "more than"... . A part of a
whole ("two of the six workers") is marked ``part`` and names its total, so that it
is never compared with the total itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..rules import shipped_lexicon
from .dates import MONTHS, SMALL_NUMBERS, WEEKDAYS, find_temporals, per_sentence

WORD_NUMBERS = {
    **SMALL_NUMBERS,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    # South Asian numbering: a lakh is a hundred thousand, a crore ten million ("Rs 615 crore").
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₸": "KZT", "₹": "INR"}
# Codes and abbreviations written before the figure ("USD 5m", "Rs 615 crore", "Rs. 40 lakh").
CURRENCY_CODES = {
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "kzt": "KZT",
    "cny": "CNY",
    "inr": "INR",
    "rs": "INR",
    "rs.": "INR",
}
# Dollars that are not US dollars carry a letter prefix: "S$14" is Singapore's, never "$14".
DOLLAR_PREFIXES = {
    "US": "USD",
    "S": "SGD",
    "A": "AUD",
    "C": "CAD",
    "HK": "HKD",
    "NZ": "NZD",
    "NT": "TWD",
    "R": "BRL",
}
_DOLLAR_PREFIX = "|".join(sorted(DOLLAR_PREFIXES, key=len, reverse=True))
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "gbp": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "tenge": "KZT",
    "kzt": "KZT",
    "yuan": "CNY",
    "rupees": "INR",
    "rupee": "INR",
}
# unit word -> (dimension, factor to the base unit)
UNITS = {
    "m": ("length", 1.0),
    "metre": ("length", 1.0),
    "metres": ("length", 1.0),
    "meter": ("length", 1.0),
    "meters": ("length", 1.0),
    "km": ("length", 1000.0),
    "kilometre": ("length", 1000.0),
    "kilometres": ("length", 1000.0),
    "kilometer": ("length", 1000.0),
    "kilometers": ("length", 1000.0),
    "ft": ("length", 0.3048),
    "foot": ("length", 0.3048),
    "feet": ("length", 0.3048),
    "mile": ("length", 1609.344),
    "miles": ("length", 1609.344),
    "yards": ("length", 0.9144),
    "yard": ("length", 0.9144),
    "cm": ("length", 0.01),
    "centimetres": ("length", 0.01),
    "centimeters": ("length", 0.01),
    "kg": ("mass", 1.0),
    "kilograms": ("mass", 1.0),
    "kilogram": ("mass", 1.0),
    "tonnes": ("mass", 1000.0),
    "tonne": ("mass", 1000.0),
    "tons": ("mass", 907.185),
    "ton": ("mass", 907.185),
    "pounds-weight": ("mass", 0.4536),
    "lbs": ("mass", 0.4536),
    "hectares": ("area", 1e4),
    "hectare": ("area", 1e4),
    "acres": ("area", 4046.86),
    "acre": ("area", 4046.86),
    "km2": ("area", 1e6),
    "sq km": ("area", 1e6),
    # volumes, in cubic metres: a litre of water and a tonne of aid never compare
    "litres": ("volume", 0.001),
    "litre": ("volume", 0.001),
    "liters": ("volume", 0.001),
    "liter": ("volume", 0.001),
    "gallons": ("volume", 0.003785),
    "gallon": ("volume", 0.003785),
    "barrels": ("volume", 0.158987),
    "barrel": ("volume", 0.158987),
    "cubic metres": ("volume", 1.0),
    "cubic metre": ("volume", 1.0),
    "cubic meters": ("volume", 1.0),
    "cubic meter": ("volume", 1.0),
    "percent": ("percent", 1.0),
    "per cent": ("percent", 1.0),
    "%": ("percent", 1.0),
    "years": ("duration", 1.0),
    "year": ("duration", 1.0),
    "months": ("duration", 1 / 12),
    "month": ("duration", 1 / 12),
    "days": ("duration", 1 / 365.25),
    "day": ("duration", 1 / 365.25),
    "hours": ("duration", 1 / 8766),
    "hour": ("duration", 1 / 8766),
}
# The dimensions of physical measures: each unit of one converts into every other of it (km and miles), never
# into another's (tonnes and litres).
MEASURES = frozenset({"length", "mass", "area", "volume"})
APPROX = r"(?:about|around|roughly|nearly|almost|approximately|some|over|above|more than|less than|fewer than|under|below|up to|at least|at most|close to|an estimated|estimated|upwards of|~)"

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDNUM = r"(?:" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
_SCALE = r"(?:thousand|million|billion|trillion|lakhs?|crores?|mln|bn|mn|tn|k|m|b)"
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SIGNS = "".join(CURRENCY_SIGNS)
_CODES = "|".join(re.escape(c) for c in sorted(CURRENCY_CODES, key=len, reverse=True))
_CURWORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))

_QUANTITY = re.compile(
    rf"(?P<approx>\b{APPROX}\s+)?"
    rf"(?:(?:\b(?P<pre>{_DOLLAR_PREFIX})(?=\$))?(?P<cur>[{_SIGNS}])|\b(?P<curcode>{_CODES})\s)?\s?"
    rf"(?P<num>{_NUM}|\b{_WORDNUM}\b)"
    rf"(?:[\s-]?(?P<scale>{_SCALE})\b)?"
    rf"(?:(?:\s|-)(?P<unit>{_UNIT})(?![\w])|(?P<pct>%))?"
    rf"(?:\s(?P<curword>{_CURWORD})\b)?",
    re.IGNORECASE,
)
_COUNTED = re.compile(r"\s+([a-z]+(?:-[a-z]+)?)(?:\s+([a-z]+))?")
_PART = re.compile(r"\s+of\s+(?:the|its|their|his|her)\s+(" + _NUM + r"|" + _WORDNUM + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Words:
    """The figure reader's words, from the shipped ``rules/numbers.yaml`` (``rules.SHIPPED_ONLY``)."""

    year_attribute: re.Pattern  # "opened in 1977": a verb of ``attribute_verbs``, "in", a year
    stop_nouns: frozenset[str]
    pronouns: frozenset[str]
    more: frozenset[str]
    modifier: re.Pattern  # a word that modifies the counted noun ("six injured workers")
    demonym: re.Pattern  # a people counted by nationality ("five Russians"), after the number


@functools.cache
def _words() -> _Words:
    """Read once: figures are read per sentence with no rule set at hand, so the list is the shipped file's alone."""
    words = shipped_lexicon("numbers")
    verbs = "|".join(map(re.escape, words["attribute_verbs"]))
    endings = "|".join(map(re.escape, words["modifier_endings"]))
    modifiers = "|".join(map(re.escape, words["modifiers"]))
    return _Words(
        year_attribute=re.compile(
            rf"\b(?P<verb>(?:{verbs}))\s+in\s+(?P<year>(?:1[5-9]|20)\d\d)\b", re.IGNORECASE
        ),
        stop_nouns=frozenset(words["stop_nouns"]),
        pronouns=frozenset(words["pronouns"]),
        more=frozenset(words["more"]),
        modifier=re.compile(rf"(?:.*(?:{endings})|{modifiers})$"),
        demonym=re.compile(
            r"\s+(?!(?:" + "|".join(w.capitalize() for w in [*MONTHS, *WEEKDAYS]) + r")\b)"
            r"(?P<word>[A-Z][a-z]+(?:" + "|".join(map(re.escape, words["demonym_endings"])) + r"))\b"
        ),
    )


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float  # in the base unit of the dimension
    dimension: str  # "money:USD", "length", "percent", "count", "year"...
    thing: str  # what is counted or measured, or the verb of an attribute year
    approximate: bool = False
    part_of: float | None = None  # for "two of the six": the total
    nationality: bool = False  # the count is of a people by nationality ("five Russians")


def _number(text: str) -> float | None:
    t = text.lower()
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _counted_noun(text: str, pos: int) -> str:
    """The noun a count counts: "six workers" -> "worker", "30,000 people" -> "people", "five Russians" -> "russian"."""
    words = _words()
    people = words.demonym.match(text, pos)
    if people:
        word = people.group("word").lower()
        return word[:-1] if word.endswith(("ans", "is", "ines")) else word
    m = _COUNTED.match(text, pos)
    if not m:
        return ""
    word = m.group(1).lower()
    if word.endswith("ly") and len(word) > 4 and m.group(2):
        return _counted_noun(
            text, m.start(2) - 1
        )  # "forcibly displaced people": an adverb reaches past itself
    if word in words.more and (not m.group(2) or m.group(2).lower() in words.stop_nouns):
        return ""
    # "six injured workers": skip one modifier to reach the noun
    if words.modifier.fullmatch(word) and m.group(2) and m.group(2).lower() not in words.stop_nouns:
        word = m.group(2).lower()
    if word in words.stop_nouns or word in words.pronouns:
        return ""
    # one light plural rule keeps "worker" and "workers" together
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# Numbers that count nothing (kinds, not instances):
# - a time of day: "4.15 pm", "03:36 local time", "2:36 p.m.", "11pm", "0800 GMT";
_CLOCK = re.compile(
    r"(?<![\d.,])(?:\d{1,2}:\d{2}(?!\d)(?:\s*[ap]\.?\s?m\b\.?)?"
    r"|\d{1,2}(?:\.\d{2})?\s*(?:[ap]\.?\s?m\b\.?|GMT\b|UTC\b|hrs\b)|\d{4}\s*(?:GMT|UTC|hrs)\b)",
    re.IGNORECASE,
)
# - an ordinal, a place in a series: "38th minute", "the 3rd time";
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
# - a name's number, an identifier: "Flight 182", "Article 5", "Covid-19", "MH17", "No. 4".
_IDENT_BEFORE = re.compile(r"(?:\b(?P<word>[A-Z][A-Za-z]*)[ -]?|(?:No\.|#)\s*)$")
_NOT_IDENTIFIERS = (
    {m.capitalize() for m in MONTHS}
    | {d.capitalize() for d in WEEKDAYS}
    | {"Rs", "Rp", "Tk", "Sh", "Ksh", "Naira", "Euro", "Euros"}
)


# A time of day that says which: "4.15 pm", "2:36 p.m.", "11pm", "16:15", "0815 GMT". "4:15" alone (am or pm?)
# says nothing checkable.
_TIME_OF_DAY = re.compile(
    r"(?<![\d.,:])(?:(?P<h>1[0-2]|0?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap])(?:\.\s?m\.|\s?m\b)"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d)"
    r"|(?P<hz>[01]\d|2[0-3])(?P<mz>[0-5]\d)(?=\s*(?:GMT|UTC|hrs)\b))",
    re.IGNORECASE,
)
_ZONE = re.compile(r"\s*\(?(?:(?P<utc>GMT|UTC)\b|(?P<local>local)\b|(?P<named>[A-Z]{2,4}T|[ECMP]T)\b)")
# A North American zone and its standard and daylight forms are one clock as outlets write it: "6:32 pm ET",
# "6:23 p.m. EST" (EDT in summer) are one zone's times.
_ZONE_FAMILY = re.compile(r"^([ECMP])[SD]T$")


@dataclass(frozen=True)
class TimeOfDay:
    """A time of day: minutes since midnight, in the zone it is given in ("local" when none is said)."""

    minutes: int
    zone: str  # "utc", "local", or a named zone ("EST")

    def label(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d} {self.zone}"


def times_of_day(text: str) -> list[tuple[int, int, TimeOfDay]]:
    """(start, end, time) for each time of day in ``text``."""
    out = []
    for m in _TIME_OF_DAY.finditer(text):
        if m.group("h") is not None:
            hour, minute = (
                int(m.group("h")) % 12 + (12 if m.group("ampm").lower() == "p" else 0),
                int(m.group("m") or 0),
            )
        elif m.group("h24") is not None:
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        else:
            hour, minute = int(m.group("hz")), int(m.group("mz"))
        if out and re.fullmatch(r"[^()]*\(\s*", text[out[-1][1] : m.start()]) and m.start() - out[-1][1] < 40:
            continue  # "3.20pm Capital time (4.20pm Border time)": the same moment in another zone
        z = _ZONE.match(text, m.end())
        # "<Place> time" is that place's local time, like "local time"
        zone = (
            "local"
            if not z or z.group("local")
            else "utc"
            if z.group("utc")
            else _ZONE_FAMILY.sub(r"\1T", z.group("named").upper())
        )
        out.append((m.start(), m.end(), TimeOfDay(hour * 60 + minute, zone)))
    return out


def counts_nothing(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is a time of day, an ordinal or an identifier, not a figure."""
    if any(
        m.start() <= start and end <= m.end()
        for m in _CLOCK.finditer(text, max(0, start - 6), min(len(text), end + 8))
    ):
        return True
    if _ORDINAL.match(text, end):
        return True
    ident = _IDENT_BEFORE.search(text, max(0, start - 30), start)
    if ident:
        word = ident.group("word")
        # a capitalised word right before the number, inside the sentence (not "Some 40 people" at its start)
        if (
            word is None
            or (
                word not in _NOT_IDENTIFIERS
                and not (word.isupper() and len(word) == 3)  # "CHF 3 billion"
                and ident.start() > 0
                and not text[: ident.start()].rstrip().endswith((".", "!", "?", ":", '"', "“"))
            )
        ):
            return True
    return False


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in ``text``, in order. Plain years and dates are left to the date extractor."""
    return list(_find_quantities(text))


@per_sentence
def _find_quantities(text: str) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    # Numbers inside dates ("March 14", "15.08.2024") are days and months, not counts.
    dates = [(t.start, t.end) for t in find_temporals(text) if t.kind != "relative"]
    for m in _words().year_attribute.finditer(text):
        out.append(
            Quantity(
                m.start("year"),
                m.end("year"),
                m.group("year"),
                float(m.group("year")),
                "year",
                m.group("verb").lower(),
            )
        )
    taken = [(q.start, q.end) for q in out] + dates
    for m in _QUANTITY.finditer(text):
        start, end = m.start("num"), m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        quantity = _quantity(text, m)
        if quantity is not None:
            out.append(quantity)
    return tuple(_without_conversions(text, sorted(out, key=lambda q: q.start)))


def _quantity(text: str, m: re.Match) -> Quantity | None:
    """The sum, measure or count one ``_QUANTITY`` match states, or None when it states none."""
    start, end = m.start("num"), m.end()
    value = _number(m.group("num"))
    if value is None:
        return None
    scale, unit, cur, curword = (
        m.group("scale"),
        m.group("unit"),
        m.group("cur") or m.group("curcode"),
        m.group("curword"),
    )
    value, scale, unit = _scaled(value, scale, unit, cur)
    if m.group("pct"):
        unit = "%"
    approximate = bool(m.group("approx"))
    qstart = (
        m.start("approx")
        if approximate
        else (m.start(0) + len(m.group(0)) - len(m.group(0).lstrip()) if cur else start)
    )
    qtext = text[qstart:end].strip()
    if cur or curword:
        return Quantity(qstart, end, qtext, value, f"money:{_currency(m, cur, curword)}", "", approximate)
    if unit:
        dimension, factor = UNITS[unit.lower()]
        thing = _counted_noun(text, end) if dimension in MEASURES else ""
        return Quantity(qstart, end, qtext, value * factor, dimension, thing, approximate)
    return _count(text, m, qstart, qtext, value, scale, approximate)


def written_amount(text: str) -> float | None:
    """The figure a quantity's text writes, scale words applied but in no unit: "2.5 million tonnes" -> 2,500,000,
    "300-metre" -> 300, "about 40 litres" -> 40. None when ``text`` writes no figure."""
    m = _QUANTITY.search(text)
    value = _number(m.group("num")) if m else None
    if value is None:
        return None
    return _scaled(value, m.group("scale"), m.group("unit"), m.group("cur") or m.group("curcode"))[0]


def _scaled(value: float, scale: str | None, unit: str | None, cur: str | None):
    """(value, scale, unit) with the scale word applied; a lone "m" after no currency is metres, a lone "b" nothing."""
    if scale:
        sl = scale.lower()
        # "m" and "b" are scales only right after money ("$5m"); otherwise "m" is metres
        if sl in ("m", "b") and not cur:
            if sl == "m" and not unit:
                unit, scale = "m", None
            else:
                scale = None
        if scale:
            value *= SCALES[scale.lower()]
    return value, scale, unit


def _currency(m: re.Match, cur: str | None, curword: str | None) -> str:
    """The currency code of a money match: from its dollar prefix ("US$"), its sign or code, else its word."""
    pre = m.group("pre")
    if pre:
        return DOLLAR_PREFIXES[pre.upper()]
    if cur:
        return CURRENCY_SIGNS.get(cur) or CURRENCY_CODES[cur.lower()]
    return CURRENCY_WORDS[curword.lower()]


def _count(
    text: str, m: re.Match, qstart: int, qtext: str, value: float, scale: str | None, approximate: bool
) -> Quantity | None:
    """A bare number as a count of the noun after it, or None when it is no count."""
    start, end = m.start("num"), m.end()
    num_text = m.group("num")
    is_word = num_text.lower() in WORD_NUMBERS
    # A bare number: a year, a date part or a list number is not a count; nor is the pronoun "one".
    if num_text.lower() == "one" and not _words().demonym.match(text, m.end()):
        return None  # "one Irish national" is a count
    if not is_word and re.fullmatch(r"(?:1[5-9]|20)\d\d", num_text) and not scale:
        return None
    if re.match(r"\s*(?:st|nd|rd|th)\b", text[end:]) or counts_nothing(text, start, m.end("num")):
        return None
    part = _PART.match(text, end)
    part_of = _number(part.group(1)) if part else None
    after = part.end() if part else end
    noun = _counted_noun(text, after)
    if not noun:
        return None
    people = bool(_words().demonym.match(text, after))
    return Quantity(qstart, end, qtext, value, "count", noun, approximate, part_of, people)


# Measures only: a sum in a second currency is the outlet's own figure at a rate it chose, and one outlet's
# "$1.2 billion" may be what another gives as the sum itself.
_CONVERTIBLE = MEASURES
_CONVERSION = re.compile(r"\s*(?:\(\s*|,\s*or\s+|\bor\s+)$")


def _without_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` without the figures that convert the measure before them into another unit:
    "65 metres (213 feet)", "40 tonnes, or 88,000 pounds". A conversion restates its figure, rounded by
    whoever converted it, so two outlets' conversions of one figure differ in digits that say nothing."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and q.dimension == prev.dimension
            and q.dimension in _CONVERTIBLE
            and _CONVERSION.fullmatch(text[prev.end : q.start] if prev.end <= q.start else "x")
        ):
            continue
        out.append(q)
    return out
