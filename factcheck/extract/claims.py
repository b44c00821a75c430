"""Sentences -> Claims: figures, event dates, titles and quotes, each about one attribute.

A claim is smaller than a sentence. "The quake killed 9,000 people and injured
22,000" holds two quantity claims, ``killed = 9000`` and ``injured = 22000``; "The
320-metre tanker ran aground on March 23" holds a length claim about the tanker and
a date claim about the grounding. Checks compare claims whose attributes match, so
a depth never meets a distance and the dead never meet the injured.

The vocabulary is ``rules/claims.yaml`` (``extends: claims``): attribute words and
their synonyms, measure words, update and hedge markers, negations, event words, what
a magnitude is of, and the words that open a clause of their own.
Everything here reads one sentence at a time; publication dates come from the
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Claim, Sentence
from ..stopwords import ENGLISH
from .dates import find_temporals, per_sentence, resolve, year_spans
from .names import fold
from .numbers import MEASURES, Quantity, counts_nothing, find_quantities, times_of_day

# Words and marks that end a clause: a figure's attribute is looked for inside its own clause,
# so "killed 12 and injured 30" reads as two claims.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|,\s|\s(?:and|but|while|whereas|whilst|as well as|including|plus|among them|of whom|of which)\s",
    re.IGNORECASE,
)
# The minute of play an event fell in: "in the 63rd minute", "a 64th-minute penalty", "Marek (63')".
_MINUTE = re.compile(
    r"\b(?P<a>\d{1,3})(?:st|nd|rd|th)[- ]minute\b|(?<=\()(?P<b>\d{1,3})(?:\+\d{1,2})?['’](?=\))"
)
# A run of capitalised words: who a minute of play belongs to ("Ivo Marek").
_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")
_DIGITS = re.compile(r"\d[\d,.]*")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_MAGNITUDE = re.compile(
    r"(?:\bmagnitude(?:[- ]of)?[- ](?P<a>\d(?:\.\d)?)\b|\b(?P<b>\d(?:\.\d)?)[- ]magnitude\b|\bM(?P<c>\d\.\d)\b)",
    re.IGNORECASE,
)
# What may stand before a dateline's date at the start of a sentence: a place in capitals and a dash or comma.
_LEAD_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'’-]+[,–—-]\s*)?$")
# A number standing alone (not a year, not part of a larger figure): "rose to 8,019".
_BARE = re.compile(
    r"(?P<approx>\b(?:at least|more than|over|above|about|around|nearly|almost|some|up to|less than|fewer than|below)\s+)?"
    r"(?<![\d.,$€£-])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?!\d|[.,]\d|%|\s*(?:per ?cent|percent)|-)",
    re.IGNORECASE,
)
PHRASE_WORDS = 3
# A person's age: "a 25-year-old worker", "Lena Marsh, 29, was", "aged 47".
_AGE = re.compile(
    r"\b(?P<a>\d{1,3})[- ]years?[- ]old\b"
    r"|(?P<name>\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+), (?P<b>\d{1,3})(?:[,;]|\.(?!\d))"
    # a role, then the age: "the driver, 52,", "the driver, aged 47"
    r"|\b(?:[Tt]he|[Aa]n?) (?P<role>[a-z][a-z-]+), (?:aged (?P<d>\d{1,3})\b|(?P<e>\d{1,3}),)"
    r"|\baged (?P<c>\d{1,3})\b"
)
# The person an age stands beside: "Dalerdzhon Mirzoyev, a 33-year-old citizen", "Rachabalizoda, aged 30" (the name,
# a comma, then the age), or "32-year-old Dalerjon Mirzoev" (two capitalised words after it: one may be a
# nationality, "a 33-year-old Tajik citizen").
_AGE_NAME_BEFORE = re.compile(r"(?P<name>\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*),\s+(?:an?\s+|who is\s+)?$")
_AGE_NAME_AFTER = re.compile(r"\s+(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+)")
# The event of a date no event word names: its sentence says what happened then.
UNNAMED_EVENT = "event"
# A hedge word that is also a month when capitalised ("may" / "May 9") hedges nothing as a month.
_MONTH_WORD = re.compile(r"May")
# A span's phrase reaches further: "from # to #" alone says nothing of what ran then.
SPAN_WORDS = 5
# What a sum of money is counted per: "$42 a share", "$70 per barrel", "$15 an hour".
_RATE = re.compile(
    r"\s*(?:a|an|per|each|for each)\s+(share|barrel|ton|tonne|hour|day|week|month|year|person|head|"
    r"unit|kilogram|kilo|kg|gallon|litre|liter|pound|ounce|night|ticket|seat|vote)s?\b",
    re.IGNORECASE,
)
_LOWER = re.compile(
    r"^(?:at least|more than|over|above|upwards of|no fewer than|no less than)\b", re.IGNORECASE
)
_UPPER = re.compile(r"^(?:less than|fewer than|under|below|up to|at most|no more than)\b", re.IGNORECASE)


# A word joined by a hyphen to what stands before it: "-wide" in "4.5-meter-wide".
_JOINED_WORD = re.compile(r"-([A-Za-z]+)\b")


def _phrases(words) -> re.Pattern | None:
    """One case-insensitive pattern for a list of words and phrases, longest first. A phrase's words match
    apart, hyphened or run together ("on board", "on-board", "onboard"; "run-off", "runoff")."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    joint = r"[\s-]*"
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(joint.join(re.escape(part) for part in re.split(r"[\s-]+", w)) for w in words)
        + r")(?![\w-])",
        re.IGNORECASE,
    )


def phrase_key(text: str) -> str:
    """What a matched phrase is looked up by: lower case, its words run together ("On-board" -> "onboard")."""
    return re.sub(r"[\s-]+", "", text.lower())


class ClaimLexicon:
    """The parsed ``claims`` lexicon."""

    def __init__(self, lexicon: dict) -> None:
        self.attribute_of: dict[str, str] = {}
        for attribute, words in lexicon["attributes"].items():
            for w in [attribute, *words]:
                self.attribute_of.setdefault(phrase_key(w), attribute)
        self.attributes = _phrases(
            w for words in lexicon["attributes"].items() for w in [words[0], *words[1]]
        )
        self.measure_of: dict[str, str] = {}
        for measure, words in lexicon["measures"].items():
            for w in words:
                self.measure_of.setdefault(phrase_key(w), measure)
        self.measures = _phrases(w for words in lexicon["measures"].values() for w in words)
        self.evolving = frozenset(lexicon["evolving"])
        self.updates = _phrases(lexicon["updates"])
        self.hedge_words = tuple(lexicon["hedges"])  # single-source's too
        self.hedges = _phrases([*lexicon["hedges"], *lexicon["provisional"]])
        self.money = frozenset(lexicon["money"])
        self.negations = _phrases(lexicon["negations"])
        self.event_of: dict[str, str] = {}
        for event, words in lexicon["events"].items():
            for w in [event, *words]:
                self.event_of.setdefault(phrase_key(w), event)
        self.events = _phrases(w for words in lexicon["events"].items() for w in [words[0], *words[1]])
        self.reporting = _phrases(lexicon["reporting"])
        self.event_verbs = _phrases(lexicon["event_verbs"])
        self.verb_keys = frozenset(phrase_key(w) for w in lexicon["event_verbs"])
        self.magnitude_of = {
            w.lower(): thing for thing, words in lexicon["magnitude_of"].items() for w in words
        }
        self.clause_openers = frozenset(w.lower() for w in lexicon["clause_openers"])
        self.terms: dict[str, str] = dict(lexicon["terms"])
        self.other_terms = _phrases(lexicon["other_terms"])
        self.settle_days = int(lexicon["settle_days"])
        self.event_window = int(lexicon["event_window"])


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str


@lru_cache(maxsize=8192)  # asked again for every pair a figure is in (a big story: thousands of pairs)
def clause_at(text: str, start: int, end: int) -> Clause:
    """The clause of ``text`` that holds ``text[start:end]``."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE_BREAK.search(text, end)
    right = m.start() if m else len(text)
    return Clause(left, right, text[left:right])


def mask(text: str) -> str:
    """A phrase with its figures masked, so two phrases compare on words, not numbers."""
    return " ".join(_DIGITS.sub("#", text).split())


def window(clause: Clause, start: int, end: int, words: int = PHRASE_WORDS) -> str:
    """The claim phrase: the value with a few words either side, inside its clause, figures masked.

    Short on purpose: "the #-tonne vessel" and "#-tonne container ship" are alike,
    where their whole sentences are not.
    """
    before = clause.text[: start - clause.start].split()[-words:]
    after = clause.text[end - clause.start :].split()[:words]
    return mask(" ".join(before + [clause.text[start - clause.start : end - clause.start]] + after))


# What may stand between a reporting word and the date it governs: "on", a weekday, commas.
_GOVERNED = re.compile(r"(?:\s|,|on|late|early|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)*", re.IGNORECASE)


def _nearest(
    pattern: re.Pattern | None, text: str, start: int, end: int, lookup: dict[str, str]
) -> tuple[str, int] | None:
    """(what the nearest match of ``pattern`` in ``text`` names, its distance from [start, end))."""
    m = _nearest_match(pattern, text, start, end)
    if m is None:
        return None
    key = phrase_key(m.group(0))
    return lookup.get(key, key), _gap(m.start(), m.end(), start, end)


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans that do not overlap."""
    return b_start - a_end if a_end <= b_start else a_start - b_end


@per_sentence
def _matches(pattern: re.Pattern, text: str) -> tuple[re.Match, ...]:
    """Every match of ``pattern`` in ``text``: one sentence's clauses are searched for the nearest attribute,
    event or reporting word once per figure and date, and a regex pass per search was a third of the claims'
    cost (issue 22, r25)."""
    return tuple(pattern.finditer(text))


def _nearest_match(pattern: re.Pattern | None, text: str, start: int, end: int) -> re.Match | None:
    """The match of ``pattern`` in ``text`` nearest [start, end), none overlapping it; the first of equals."""
    if pattern is None:
        return None
    best, gap = None, 0
    for m in _matches(pattern, text):
        if m.start() < end and start < m.end():
            continue
        distance = _gap(m.start(), m.end(), start, end)
        if best is None or distance < gap:
            best, gap = m, distance
    return best


def _read(q: Quantity, terms: dict, taken: list[tuple[int, int]]) -> bool:
    """Whether a figure the quantity reader found is a claim of its own: not a part of a whole (which says nothing
    about the whole), not a duration other than a term (``terms``: most durations are no fact of the event), and
    not inside a span another reader took (``taken``)."""
    if q.part_of is not None or q.dimension == "duration" and id(q) not in terms:
        return False
    return not any(s < q.end and q.start < e for s, e in taken)


def _gapped_share(text: str, q: Quantity, before: list[Claim]) -> str | None:
    """The attribute of a share its own clause does not name, as another figure of its sentence (``before``: the
    claims read so far) names it: a share in brackets after a figure is that figure's share ("6,942,930 votes
    (48.5%)"), and a share after a named share repeats its attribute, the verb left out ("50.49 percent of the vote
    and Odinga 48.85 percent", "ahead of Odinga on 48.85 percent"). None when neither holds."""
    earlier = [c for c in before if c.end <= q.start]
    if not earlier:
        return None
    last = max(earlier, key=lambda c: c.end)
    if _OPEN_BRACKET.fullmatch(text, last.end, q.start) and last.unit != "percent":
        named = last.attribute.removeprefix("not ")
        return None if named.startswith(("number of", "amount")) or " (" in named else f"share {named}"
    shares = [c for c in earlier if c.unit == "percent" and c.attribute.startswith("share ")]
    return shares[-1].attribute if shares else None


# Between a figure and the share in brackets after it: its counted noun, at most ("6,942,930 votes (48.5%)").
_OPEN_BRACKET = re.compile(r"\s*(?:[^\W\d_]+\s*){0,2}\(\s*")
_ZONE_WORD = re.compile(r"\b[A-Z]{2,4}\b")
_NOUN_AFTER = re.compile(r"[\s-]+([a-z]{3,})\b")
_TIME_UNIT = re.compile(r"(year|month|week|day|hour)", re.IGNORECASE)


# A figure that closes a range ("400 to 450 people", "400-500 people", "between 30 and 40") or opens one ("30 to
# 40 people"): an estimate between two figures, not an exact count. "from 32 to 22" is a change, never a range.
_RANGE_OPEN = re.compile(
    r"(?:(?P<between>\bbetween\s+)|(?<!\bfrom )\b)(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<sep>to|-|–|—|and)\s*$",
    re.I,
)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
_RANGE_CLOSE = re.compile(r"\s*(?:to|-|–|—)\s*(?P<num>\d[\d,]*(?:\.\d+)?)\b")


def _range_end(text: str, start: int, end: int) -> str | None:
    """ "upper-bound" for the figure written at ``text[start:end]`` (its digits) when it closes a range,
    "lower-bound" when it opens one, else None. The other end must be the smaller (a score, "3-2", is no range),
    and "and" joins a range only after "between"."""
    value = float(text[start:end].replace(",", ""))
    m = _RANGE_OPEN.search(text, max(0, start - 30), start)
    if m and (m.group("sep").lower() != "and" or m.group("between")):
        if float(m.group("num").replace(",", "")) < value:
            return "upper-bound"
    m = _RANGE_CLOSE.match(text, end)
    if (
        m
        and float(m.group("num").replace(",", "")) > value
        and not _FROM.search(text, max(0, start - 8), start)
    ):
        return "lower-bound"
    return None


def _digits(text: str, q: Quantity) -> tuple[int, int] | None:
    """Where the digits of quantity ``q`` stand in ``text``, or None when it is written in words."""
    m = _NUMERAL.search(text, q.start, q.end)
    return m.span() if m else None


def _bound(q: Quantity) -> str | None:
    if not q.approximate:
        return None
    if _LOWER.match(q.text):
        return "lower-bound"
    if _UPPER.match(q.text):
        return "upper-bound"
    return "approximate"


class ClaimExtractor:
    """Turns sentences into claims with the ``claims`` lexicon."""

    def __init__(self, lexicon: ClaimLexicon) -> None:
        self.lex = lexicon
        self.settle_days = lexicon.settle_days
        self.event_window = lexicon.event_window

    # ------------------------------------------------------------ shared pieces

    def _qualifiers(self, clause: Clause) -> set[str]:
        out = set()
        if self.lex.updates is not None and self.lex.updates.search(clause.text):
            out.add("update")
        if self.lex.hedges is not None and any(
            not _MONTH_WORD.fullmatch(m.group(0)) for m in self.lex.hedges.finditer(clause.text)
        ):
            out.add("hedged")
        if re.search(r"\baccording to\b", clause.text, re.IGNORECASE):
            out.add("attributed")
        return out

    def _figure(
        self,
        sentence: Sentence,
        clause: Clause,
        start: int,
        end: int,
        subject: str,
        attribute: str,
        value: float,
        unit: str,
        qualifiers: set[str] | None = None,
        text: str | None = None,
    ) -> Claim:
        """A quantity claim for ``sentence.text[start:end]`` (or ``text``, as the figure reads) in ``clause``: its
        phrase is the few words around it, its time the document's date, and its qualifiers ``qualifiers`` when
        the caller has read them, else the clause's."""
        return Claim(
            "quantity",
            subject,
            attribute,
            value,
            sentence.text[start:end] if text is None else text,
            sentence,
            start,
            end,
            unit=unit,
            qualifiers=frozenset(self._qualifiers(clause) if qualifiers is None else qualifiers),
            phrase=window(clause, start, end),
            time=sentence.doc.date,
        )

    # ------------------------------------------------------------ quantities

    def quantities(self, sentence: Sentence) -> list[Claim]:
        """Figure claims: each quantity with the attribute its clause gives it."""
        text = sentence.text
        out: list[Claim] = []
        taken: list[tuple[int, int]] = []
        for m in _MAGNITUDE.finditer(text):
            value = m.group("a") or m.group("b") or m.group("c")
            clause = clause_at(text, m.start(), m.end())
            # the thing that had the magnitude: "7.8-magnitude quake" and "magnitude 7.9 earthquake" are one subject,
            # a "magnitude 6.7 aftershock" another
            after = _WORDS.match(text, m.end() + 1) if m.end() < len(text) else None
            noun = after.group(0).lower() if after else ""
            subject = self.lex.magnitude_of.get(noun, noun)
            out.append(
                self._figure(
                    sentence, clause, m.start(), m.end(), subject, "magnitude", float(value), "magnitude"
                )
            )
            taken.append((m.start(), m.end()))
        taken += [m.span() for m in _MINUTE.finditer(text)]  # minutes of play are read by minutes()
        for claim in self.ages(sentence):
            out.append(claim)
            taken.append((claim.start, claim.end))
        found = find_quantities(text)
        terms = self._terms(text, found)
        for q in found:
            if not _read(q, terms, taken):
                continue
            clause = self._carried(text, q, clause_at(text, q.start, q.end))
            local_start, local_end = q.start - clause.start, q.end - clause.start
            attribute, subject = terms.get(id(q)) or self._attribute(q, clause, local_start, local_end)
            if attribute is None and q.dimension == "percent":
                attribute = _gapped_share(text, q, out)
            if attribute is None:
                continue
            attribute, qualifiers = self._read_as(text, q, clause, attribute)
            out.append(
                self._figure(
                    sentence,
                    clause,
                    q.start,
                    q.end,
                    subject,
                    attribute,
                    q.value,
                    q.dimension,
                    qualifiers,
                    q.text,
                )
            )
        # every figure the quantity reader saw, durations and parts included, is not a bare number
        out += self._bare_figures(sentence, taken + [(q.start, q.end) for q in found])
        return sorted(out, key=lambda c: c.start)

    def _read_as(self, text: str, q: Quantity, clause: Clause, attribute: str) -> tuple[str, set[str]]:
        """(attribute, qualifiers) of quantity ``q`` in its clause: its clause's qualifiers, its bound (a range's
        end, "at least", "about"), and a negation that turns the attribute ("nine have not been identified")."""
        qualifiers = self._qualifiers(clause)
        digits = _digits(text, q)
        bound = (_range_end(text, *digits) if digits else None) or _bound(q)
        if bound:
            qualifiers.add(bound)
        local_start, local_end = q.start - clause.start, q.end - clause.start
        if self.lex.negations is not None and (
            self.lex.negations.search(clause.text[:local_start][-40:])
            or self.lex.negations.search(clause.text[local_end : local_end + 40])
        ):
            attribute = "not " + attribute
            qualifiers.add("negated")
        return attribute, qualifiers

    def _terms(self, text: str, found) -> dict[int, tuple[str, str]]:
        """id(duration) -> (attribute, subject) for the one duration of a sentence that is the length of a ``terms``
        attribute, as the term it names: "sentenced to 12 years" and "a 12-year prison term" are a prison term.

        A sentence with another duration in the same unit gives parts, a range or another term ("20 years for one
        count and three years for the other", "between five and 25 years", "five years of supervision"), and a word
        of ``other_terms`` in the sentence makes its term another than the one imposed (a maximum, a request, a
        term served, suspended or added up): none of them is read."""
        if not self.lex.terms:
            return {}
        durations = [q for q in found if q.dimension == "duration"]
        if not durations or self.lex.other_terms is not None and self.lex.other_terms.search(text):
            return {}
        out = {}
        for q in durations:
            clause = clause_at(text, q.start, q.end)
            named = _nearest(
                self.lex.attributes,
                clause.text,
                q.start - clause.start,
                q.end - clause.start,
                self.lex.attribute_of,
            )
            if named is not None and named[0] in self.lex.terms:
                out[id(q)] = (self.lex.terms[named[0]], "")
        units = [m.group(1).lower() for q in durations if (m := _TIME_UNIT.search(q.text))]
        return out if len(out) == 1 and len(units) == len(set(units)) else {}

    _COORD = re.compile(r"\s(?:and|plus|as well as)\s", re.IGNORECASE)
    # An aside between a count and its verb: "44 people, including three children, were killed".
    _ASIDE = re.compile(
        r",\s*(?:including|among them|among whom|of whom|most of them|many of them|some of them|all of them|"
        r"mostly|mainly)\b[^,;:()]*,\s*",
        re.IGNORECASE,
    )

    def _carried(self, text: str, q: Quantity, clause: Clause) -> Clause:
        """A count's clause, widened across "and" to a coordinated noun phrase that carries the predicate the
        count's own clause lacks ("rescuers sought 87 hikers and a guide reported missing" counts the missing), or
        across an aside to the verb after it ("44 people, including three children, were killed")."""
        if (
            q.dimension != "count"
            or _nearest(
                self.lex.attributes,
                clause.text,
                q.start - clause.start,
                q.end - clause.start,
                self.lex.attribute_of,
            )
            is not None
        ):
            return clause
        m = self._ASIDE.match(text, clause.end) or self._COORD.match(text, clause.end)
        if not m:
            return clause
        after = clause_at(text, m.end(), m.end())
        first = _WORDS.match(after.text.lstrip())
        if (
            first is None
            or first.group(0).lower() in self.lex.clause_openers
            or first.group(0).lower().endswith("ing")
            or _DIGITS.search(after.text)
            or find_quantities(after.text)
            or _nearest(self.lex.attributes, after.text, 0, 0, self.lex.attribute_of) is None
        ):
            return clause
        return Clause(clause.start, after.end, text[clause.start : after.end])

    def minutes(self, sentence: Sentence) -> list[Claim]:
        """Minutes of play ("in the 63rd minute", "a 64th-minute penalty", "Marek (63')"), each with its actor (the
        nearest name) as subject: when a goal or a card fell. No count (``quantities`` reads none): an ordinal is a
        place in a series, compared only with the same actor's minute in another source."""
        text = sentence.text
        out = []
        for m in _MINUTE.finditer(text):
            group = "a" if m.group("a") else "b"
            clause = clause_at(text, m.start(), m.end())
            actor = self._actor(text, m.start(), m.end())
            out.append(
                self._figure(
                    sentence,
                    clause,
                    m.start(),
                    m.end(),
                    actor,
                    "minute of play",
                    float(m.group(group)),
                    "minute",
                )
            )
        return out

    @staticmethod
    def _actor(text: str, start: int, end: int) -> str:
        """The surname (lower case) of the capitalised name nearest a minute of play, never the sentence's first word:
        whose goal, penalty or substitution it dates ("Ivo Marek scored a 64th minute penalty" -> "marek")."""
        named = min(
            (
                (_gap(m_start, m_end, start, end), name)
                for m_start, m_end, name in _surnames(text, 0, len(text))
                if m_end <= start or m_start >= end
            ),
            default=None,
        )
        return named[1] if named else ""

    def ages(self, sentence: Sentence) -> list[Claim]:
        """Age claims: "a 25-year-old worker", "Lena Marsh, 29,", "the driver, 52,", "the driver, aged 47". The
        subject is the person the age is given for (the name or role before it), else the noun after it
        ("worker")."""
        text = sentence.text
        out = []
        for m in _AGE.finditer(text):
            group = next(g for g in ("a", "b", "d", "e", "c") if m.group(g))
            start, end = m.span(group)
            # a name right after the age is its person's ("32-year-old Dalerjon Mirzoev, 30-year-old ..."): in a
            # list, the name before the comma is the previous age's
            named = _AGE_NAME_AFTER.match(text, m.end()) if group == "a" else None
            if group in ("a", "c"):
                named = named or _AGE_NAME_BEFORE.search(text, 0, m.start())
            if group == "a":
                after = _WORDS.match(text, m.end() + 1) if m.end() < len(text) else None
                subject = named.group("name") if named else after.group(0).lower() if after else ""
                start, end = m.start(group), m.end()
            elif group == "b":
                subject = m.group("name")
            elif group in ("d", "e"):
                subject = m.group("role")
            else:
                subject = named.group("name") if named else ""
                start, end = m.start(), m.end()
            clause = clause_at(text, start, end)
            # a named person's age is compared with that person's only (by surname): never with a colleague's
            attribute = f"age of {fold(subject.split()[-1])}" if group == "b" or named else "age"
            out.append(
                self._figure(sentence, clause, start, end, subject, attribute, float(m.group(group)), "age")
            )
        return out

    def _bare_figures(self, sentence: Sentence, taken: list[tuple[int, int]]) -> list[Claim]:
        """Figures with no counted noun that an attribute word names: "the death toll rose to 8,019"."""
        text = sentence.text
        dates = [(t.start, t.end) for t in find_temporals(text)]
        out = []
        for m in _BARE.finditer(text):
            start, end = m.span("num")
            if any(s < end and start < e for s, e in taken + dates) or counts_nothing(text, start, end):
                continue
            clause = clause_at(text, start, end)
            named = _nearest(
                self.lex.attributes,
                clause.text,
                start - clause.start,
                end - clause.start,
                self.lex.attribute_of,
            )
            if named is None or named[1] > 25 or named[0] in self.lex.money:
                continue  # a bare number far from any attribute word says nothing checkable; nor is it a sum of money
            qualifiers = self._qualifiers(clause)
            ranged = _range_end(text, start, end)
            if ranged:
                qualifiers.add(ranged)
            elif m.group("approx"):
                bound = (
                    "lower-bound"
                    if _LOWER.match(m.group("approx"))
                    else "upper-bound"
                    if _UPPER.match(m.group("approx"))
                    else "approximate"
                )
                qualifiers.add(bound)
            value = float(m.group("num").replace(",", ""))
            start = m.start("approx") if m.group("approx") else start
            out.append(self._figure(sentence, clause, start, end, "", named[0], value, "count", qualifiers))
        return out

    def _attribute(self, q: Quantity, clause: Clause, start: int, end: int) -> tuple[str | None, str]:
        """(attribute, subject) of a quantity inside its clause; attribute None when the figure states nothing comparable."""
        if q.dimension == "year":
            return f"year {q.thing}", q.thing
        named = _nearest(self.lex.attributes, clause.text, start, end, self.lex.attribute_of)
        if q.dimension == "count":
            if named and named[0] not in self.lex.money:
                # "lost on penalties", "16 paid": a count is never a fine or a cost
                return named[0], q.thing
            if q.nationality:
                # "five Russians" / "4 Russian": a people named as specifically as a person, so the attribute is
                # no bare count, and two sources' figures for it align by that name alone
                return f"{q.thing} nationals", q.thing
            return f"number of {q.thing}", q.thing  # "six workers": the counted noun is the attribute
        if q.dimension in MEASURES:
            joined = _JOINED_WORD.match(clause.text, end)
            # "a 4.5-metre-wide bridge": a measure word joined to the figure by a hyphen is its measure
            measure = (
                (self.lex.measure_of[joined.group(1).lower()], 0)
                if joined and joined.group(1).lower() in self.lex.measure_of
                else _nearest(self.lex.measures, clause.text, start, end, self.lex.measure_of)
            )
            kind = measure[0] if measure and q.dimension == "length" else q.dimension
            # "400m long": the word after the unit is the measure, not the thing measured
            thing = "" if q.thing in self.lex.measure_of else q.thing
            return kind, thing
        if q.dimension.startswith("money"):
            rate = _RATE.match(clause.text, end)
            # "$42 a share" is a price per share, never the deal's "$13.7bn"
            per = f" per {rate.group(1).lower()}" if rate else ""
            return (named[0] if named else "amount") + per + f" ({q.dimension.split(':', 1)[1]})", q.thing
        if q.dimension == "percent":
            if named:
                return "share " + named[0], ""
            # "a 30 percent stake": an unnamed share is one of the noun it qualifies, never of a bare percentage
            noun = _NOUN_AFTER.match(clause.text, end)
            return (
                (f"share {noun.group(1).lower()}", "")
                if noun and noun.group(1).lower() not in ENGLISH
                else (None, "")
            )
        return q.dimension, q.thing

    # ------------------------------------------------------------ dates

    def dates(self, sentence: Sentence) -> list[Claim]:
        """Event-date claims: a date with the event word nearest it in its clause (or within ``event_window``)."""
        if self.lex.events is None:
            return []
        text = sentence.text
        published = sentence.doc.published
        out = []
        resolved = [(t, resolve(t, published, self.settle_days)) for t in find_temporals(text)]
        dated = [t for t, value in resolved if value is not None and value.month is not None]
        for t, value in resolved:
            if value is None or value.month is None:
                continue  # a bare year is an attribute ("opened in 1977"), a figure
            if _LEAD_DATELINE.match(text[: t.start]) and text[t.end : t.end + 3].lstrip()[:1] in (
                ":",
                "-",
                "–",
                "—",
                "(",
            ):
                continue  # "CAIRO – 5 August 2020: ..." is when the report was filed, not when anything happened
            clause, near, told = self._event_at(text, t.start, t.end)
            if near is not None and self._dates_another(text, t, dated):
                near = None  # "mourning on Friday for those killed in a blast on 7 February": the blast's is 7 February
            if near is None or near[1] > self.event_window:
                # No event word: the date of something the sentence tells ("the 25 April one"), comparable only
                # with a date of a sentence told alike. A date with a reporting word is when it was told.
                if told is not None or self._told_on(text, t.start):
                    continue
                near = (UNNAMED_EVENT, 0)
            elif told is not None and told[1] < near[1] or self._told_on(text, t.start):
                continue  # "said on Tuesday", "figures released on Monday": when it was told, not when it happened
            event = near[0]
            out.append(
                Claim(
                    "date",
                    event,
                    f"date of {event}",
                    value,
                    t.text,
                    sentence,
                    t.start,
                    t.end,
                    unit=t.kind,
                    qualifiers=frozenset(self._qualifiers(clause)),
                    phrase=mask(clause.text),
                    time=sentence.doc.date,
                )
            )
        return out

    def _dates_another(self, text: str, t, dated: list) -> bool:
        """Whether the event word nearest the date ``t`` stands nearer another date of the sentence (``dated``):
        an event word names one date, the one beside it."""
        m = _nearest_match(self.lex.events, text, t.start, t.end)
        if m is None:
            return False
        gap = _gap(m.start(), m.end(), t.start, t.end)
        return any(_gap(m.start(), m.end(), o.start, o.end) < gap for o in dated if o is not t)

    def _event_at(self, text: str, start: int, end: int):
        """(clause, event, reporting word) for a date or time at ``text[start:end]``: the event word nearest it in
        its clause, else in its sentence (the event may stand in the other clause: "the ferry went missing, and
        contact ended at 5.15 am"), and the reporting word nearest it in that same scope; each as ``_nearest``
        gives it, or None."""
        clause = clause_at(text, start, end)
        scope, offset = clause.text, clause.start
        near = _nearest(self.lex.events, scope, start - offset, end - offset, self.lex.event_of)
        if near is None:
            scope, offset = text, 0
            near = _nearest(self.lex.events, scope, start, end, self.lex.event_of)
        m = _nearest_match(self.lex.event_verbs, clause.text, start - clause.start, end - clause.start)
        verb = None if m is None else _gap(m.start(), m.end(), start - clause.start, end - clause.start)
        if verb is not None and (near is None or verb <= near[1]) and verb <= self.event_window:
            # "struck on 6 March" dates whatever its sentence names before the verb, its subject ("the quake,
            # which ..., struck"), at the verb's distance; a sentence naming nothing leaves the date unnamed, and
            # an event another clause names after the verb is no subject of it ("the case began in March 2020, and
            # the verdict was read out on Thursday": March 2020 is no verdict's). A verb that is also an event
            # word of its own ("erupted") names its own event only when nothing else is named: "clashes erupted
            # on 7 April" dates the clashes, "the volcano erupted on 7 April" an eruption.
            own = near if near is not None and near[1] == verb else None
            upto = clause.start + m.end()  # the sentence up to the verb: its subject's side
            named = (
                self._named(clause.text[: m.end()], start - clause.start, end - clause.start)
                or self._named(text[:upto], start, end)
                or own
                or near
            )
            near = (named[0], verb) if named else None
        return clause, near, _nearest(self.lex.reporting, scope, start - offset, end - offset, {})

    def _named(self, text: str, start: int, end: int) -> tuple[str, int] | None:
        """The event named nearest [start, end) by a word that is not also an event verb, as ``_nearest`` gives it."""
        best = None
        for m in _matches(self.lex.events, text):
            key = phrase_key(m.group(0))
            if key in self.lex.verb_keys or (m.start() < end and start < m.end()):
                continue
            gap = _gap(m.start(), m.end(), start, end)
            if best is None or gap < best[1]:
                best = (self.lex.event_of.get(key, key), gap)
        return best

    def times(self, sentence: Sentence) -> list[Claim]:
        """Time-of-day claims ("the quake struck at 4.15 pm"), each with the event word nearest it, as dates
        have. The attribute names the zone: a local time and a GMT one are two readings of one moment, never
        rivals. A time no event word names, or one a reporting word governs ("said at noon"), is left out."""
        if self.lex.events is None:
            return []
        text = sentence.text
        out = []
        for start, end, value in times_of_day(text):
            clause, near, told = self._event_at(text, start, end)
            if (
                near is None
                or near[1] > self.event_window
                or told is not None
                and told[1] < near[1]
                or self._told_on(text, start)
            ):
                continue
            out.append(
                Claim(
                    "time",
                    near[0],
                    f"time of {near[0]} ({value.zone})",
                    value,
                    text[start:end].strip(),
                    sentence,
                    start,
                    end,
                    qualifiers=frozenset(self._qualifiers(clause)),
                    phrase=mask(clause.text),
                    time=sentence.doc.date,
                )
            )
        return out

    def _told_on(self, text: str, start: int) -> bool:
        """Whether a reporting word governs the date: "said on Tuesday, May 7", "released on Monday"."""
        if self.lex.reporting is None:
            return False
        before = text[max(0, start - 40) : start]
        return any(_GOVERNED.fullmatch(before[m.end() :]) for m in self.lex.reporting.finditer(before))

    def spans(self, sentence: Sentence) -> list[Claim]:
        """Span claims: a run of years ("from 2012 to 2018", "2012-18"), what a term in office or a war lasted.

        A span is one claim, not two bare years: two sources that agree on where it
        starts and differ on where it ends are telling one span two ways.
        """
        out = []
        for start, end, text, span in year_spans(sentence.text):
            clause = clause_at(sentence.text, start, end)
            out.append(
                Claim(
                    "span",
                    "span of years",
                    "span",
                    span,
                    text,
                    sentence,
                    start,
                    end,
                    unit="years",
                    qualifiers=frozenset(self._qualifiers(clause)),
                    phrase=window(clause, start, end, SPAN_WORDS),
                    time=sentence.doc.date,
                )
            )
        return out

    def sentence_claims(self, sentence: Sentence) -> list[Claim]:
        return (
            self.quantities(sentence)
            + self.minutes(sentence)
            + self.dates(sentence)
            + self.spans(sentence)
            + self.times(sentence)
        )


def _surnames(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, surname) of each run of capitalised words in ``text[start:end]``, the sentence's first word left
    out (it is capitalised whatever it is: "Ivo Marek" keeps "marek")."""
    out = []
    lead = len(text) - len(text.lstrip())
    for m in _CAPITALISED.finditer(text, start, end):
        words = m.group(0).split()
        if m.start() == lead:
            words = words[1:]
        if words:
            out.append((m.start(), m.end(), words[-1].lower()))
    return out


def players(claim: Claim) -> frozenset[str]:
    """Everyone a minute of play may belong to: its actor and every name in its clause. The nearest name may be
    the team ("Calloway headed the equaliser for Dornholm in the 81st minute"), so two minutes are one player's
    when each one's actor is named beside the other."""
    clause = clause_at(claim.sentence.text, claim.start, claim.end)
    return frozenset(
        {claim.subject} | {name for _, _, name in _surnames(claim.sentence.text, clause.start, clause.end)}
    ) - {""}


def title_claims(people) -> list[Claim]:
    """Title claims: every title a sentence gives a person, with the person as subject."""
    out = []
    for person in people:
        for m in person.mentions:
            for t in m.titles:
                i = m.sentence.text.find(t.text)
                start = i if i >= 0 else m.start
                out.append(
                    Claim(
                        "title",
                        person.name,
                        t.ladder or "role",
                        t,
                        t.text,
                        m.sentence,
                        start,
                        start + len(t.text),
                        time=m.sentence.doc.date,
                        qualifiers=frozenset({"qualified"} if t.qualified else ()),
                    )
                )
    return sorted(out, key=lambda c: (c.document, c.offset))


def words_of(text: str) -> str:
    """A quote's words, lower case, punctuation dropped: what two wordings are compared on."""
    return " ".join(w.lower() for w in re.findall(r"\w+", text))


def quote_claims(parts) -> list[Claim]:
    """Quote claims from ``QuotePart``s: the speaker as subject, the words as value."""
    out = []
    for p in parts:
        start = p.start - p.sentence.start
        out.append(
            Claim(
                "quote",
                p.speaker or "",
                "quote",
                words_of(p.text),
                " ".join(p.text.split()),
                p.sentence,
                start,
                start + len(p.text),
                speaker=p.speaker,
                time=p.sentence.doc.date,
            )
        )
    return out


def names_near(claim: Claim, names: set[str]) -> set[str]:
    """The proper-name keys of ``names`` (a sentence's) that stand inside the claim's clause, but for what the
    figure counts ("five Russians" names no one beside the Russians it counts: "4 Russian" is the same people)."""
    clause = clause_at(claim.sentence.text, claim.start, claim.end).text
    folded = fold(clause)
    counted = claim.subject.lower().rstrip("s") if claim.kind == "quantity" else ""
    # what the figure counts ("five Russians") or the zone a time is told in ("6:23 p.m. EST") is no name beside it
    own = {counted} if counted else set()
    if claim.kind == "time":
        own |= {fold(w) for w in _ZONE_WORD.findall(claim.sentence.text[claim.end : claim.end + 8])}
    return {n for n in names if n and n in folded and n.rstrip("s") not in own}
