"""number-conflict: one quantity given different values by different sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

The check reads quantity claims (``extract.claims``) and compares only claims that
are aligned (``align``): one story, one attribute ("killed", "depth", "cost"...),
and the same subject by sentence, claim phrase or named thing. So a quake's depth
never meets its distance from a city, nor the dead the injured, nor "nine have not
been identified" the "12 identified".

Two exact figures are compared at the precision they are written in: "$3.2
billion" and "$3.23 billion" agree (one is the other rounded), "$153.07 million"
and "$153.70 million" do not (a transposed digit), nor do "220,000" and "224,000"
(every written digit counts), and a rounding never stretches past
``rounding_cap`` of the figure. Estimates and bounds are compared as ranges:
"about 300" is 300 ± ``approximate_tolerance``, "at least 12" is 12 or more, "up to
40" is 40 or fewer; ranges that overlap agree. Units are converted first
("984-foot" = "300-metre"); a magnitude is always read to a tenth ("6" is 6.0).

A conflict is a pair: one quantity with two values, or one outlier against a
majority. Where the disagreeing figures of one attribute fall into three or more
values, or one source itself gives both values (in one sentence, even where only one
was read as a claim), they are more likely several
quantities (two candidates' shares, a fine and a total) or updates than one figure
misreported, and the finding is at ``pooled_severity`` (info). A pair is a
warning only when the two figures are plainly about one thing: the same named
subject, sentences of one cluster, or clauses at least ``pair_similarity`` alike;
a pair aligned on weaker signs is asked at ``pooled_severity``, and three or more
values that only weak signs tie, pair by pair, or three or more sums no word
names ("amount"), are several quantities and not shown at all (his own share of
a deal, loans, shares sold). A count that is a
remainder or an increment ("six other candidates", "12 more bodies") is never
compared, nor is a figure told of another year than its article's ("the 2009
quake of magnitude 6.3" in a 2016 report). Figures that grow as an event
unfolds (``evolving`` attributes: casualties, arrests) are compared as of one
reporting day: two sources published on different days, an undated one, or a
figure marked as an update ("rose to", "so far") differ at ``changed_severity``
(info: "the figure changed between reports"). Estimates and hedged figures that
disagree are at ``approximate_severity``. Figures more than ``max_ratio`` apart are
different quantities, not one misreported (a share price and the deal's value).

A figure's subject counts as much as its attribute. Figures of a ``held`` attribute
(votes, a share of them, a stake) belong to the name before them in their clause
(``holder``): two candidates' shares are never compared, and one candidate's two are
plainly one quantity. A named person's ages are one attribute however the surname is
romanised (``ages_by_person``), and a people counted by nationality ("five Russians")
is an attribute of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
import dataclasses
import datetime
import functools
import itertools
import math
import re

from ..group.align import MEASURES, aligned
from ..extract.claims import clause_at, players
from ._summary import summary_sentences
from ..extract.names import fold
from ..extract.numbers import CURRENCY_WORDS, SCALES, WORD_NUMBERS
from ..stopwords import ENGLISH
from ..models import Claim, Corpus, Finding, evidence_at, severity_rank
from ..groups import components
from .base import Check, Example


def interval(c: Claim, tolerance: float, approximate: float) -> tuple[float, float]:
    """The range of values a figure admits."""
    v = float(c.value)
    if "lower-bound" in c.qualifiers:
        return v, float("inf")
    if "upper-bound" in c.qualifiers:
        return float("-inf"), v
    # Two exact figures agree within ``tolerance`` of each other: half of it on each side.
    slack = approximate if ("approximate" in c.qualifiers or "hedged" in c.qualifiers) else tolerance / 2
    return v - abs(v) * slack, v + abs(v) * slack


BOUNDS = frozenset({"lower-bound", "upper-bound"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
PARTIAL = re.compile(r"\s+(?:other|more|additional|further|extra)\b", re.I)


def step(c: Claim) -> float:
    """The precision ``c`` is written to, in its base unit: a unit of its last written digit.

    "153.07 million" -> 10,000; "3 billion" -> 1 billion; "9,000" -> 1 (every written digit
    counts: "9,000" is not "9,400" unless a rounding word says so); "six" -> 1. A magnitude
    is read to a tenth whatever its form: "magnitude 6" is 6.0, not 6 give or take 0.5."""
    if c.unit == "magnitude":
        return 0.1
    m = _NUMBER.search(c.text)
    if not m:
        return 1.0  # a number in words ("six") is a count
    return (10.0 ** -len(m.group(1)) if m.group(1) else 1.0) * scale(c)


def years_named(c: Claim) -> frozenset[str]:
    """The years the figure's clause names, other than its article's own: "in 2009" in a 2016 report.

    Two figures are one quantity only when they name the same such years: a quake recalled from 2009 is
    not today's, while "exports in 2023" in two 2024 articles are one figure."""
    if c.unit == "year":
        return frozenset()
    return _other_years(c, clause_at(c.sentence.text, c.start, c.end).text)


def _other_years(c: Claim, text: str) -> frozenset[str]:
    """The years ``text`` names, other than the year of the figure's article."""
    return frozenset(_YEAR.findall(text)) - ({c.time[:4]} if c.time else set())


def years_recalled(c: Claim) -> frozenset[str]:
    """The years the figure's whole sentence names, other than its article's own: "The worst earlier accident,
    in 2009, killed 33" recalls another event, whatever commas part the year from the figure."""
    return _other_years(c, c.sentence.text)


def scale(c: Claim) -> float:
    """The factor from the figure as written to its base-unit value: "3 billion" -> 1e9, "1,300-foot" -> 0.3048."""
    m = _NUMBER.search(c.text)
    written = float(m.group().replace(",", "")) if m else 0.0
    return abs(float(c.value) / written) if written else 1.0


def rescaled(a: Claim, b: Claim) -> bool:
    """Whether two figures write the same digits at scales a power of 1,000 apart: "1.2 million" / "1.2 billion"."""
    ma, mb = _NUMBER.search(a.text), _NUMBER.search(b.text)
    if (
        not ma
        or not mb
        or ma.group().replace(",", "") != mb.group().replace(",", "")
        or float(a.value) == float(b.value)
    ):
        return False
    ratio = max(abs(float(a.value)), abs(float(b.value))) / max(
        min(abs(float(a.value)), abs(float(b.value))), 1e-12
    )
    return any(math.isclose(ratio, 1000.0**k, rel_tol=1e-6) for k in (1, 2, 3))


def timeline(group: list[Claim]) -> list[dict]:
    """A moving figure's steps: each source's value and the time it is reported as of, in time order
    (undated reports last); within one time, the smaller figure first, as tolls grow."""
    steps = sorted(group, key=lambda c: (c.time is None, c.time or "", float(c.value), c.document, c.offset))
    out = []
    for c in steps:
        e = c.evidence()
        out.append({"time": c.time or "undated", "value": c.text, "document": e.document, "line": e.line})
    return out


def named_amounts(corpus: Corpus, claims: list[Claim]) -> list[Claim]:
    """Bare sums named the way the story names its money: "a $4.6 million library" is the library's cost
    where the story's one named sum of that currency is a cost ("will cost $4.2 million")."""
    named: dict[tuple, set[str]] = {}
    for c in claims:
        if c.unit.startswith("money") and not c.attribute.startswith("amount") and " per " not in c.attribute:
            named.setdefault((corpus.story_of.get(c.document), c.unit), set()).add(c.attribute)
    out = []
    for c in claims:
        names = named.get((corpus.story_of.get(c.document), c.unit), set())
        if c.attribute.startswith("amount (") and len(names) == 1:
            c = dataclasses.replace(c, attribute=next(iter(names)))
        out.append(c)
    return out


def ages_by_person(corpus: Corpus, claims: list[Claim]) -> list[Claim]:
    """Claims with each named person's age ("age of mirzoyev") given, as attribute and subject, one surname for
    all its romanisations: those whose consonants agree (``Transliteration.consonants``) take the first of them in
    alphabetical order, so one person's age in two romanisations ("Mirzoyev, 32" / "32-year-old Mirzoev") is one
    attribute of one subject."""
    key_of = corpus.lexicons.transliteration.consonants
    keys = {
        id(c): key_of(c.attribute.removeprefix("age of "))
        for c in claims
        if c.unit == "age" and c.attribute.startswith("age of ")
    }
    forms: dict[str, str] = {}
    for c in claims:
        if id(c) in keys:
            name = c.attribute.removeprefix("age of ")
            forms[keys[id(c)]] = min(forms.get(keys[id(c)], name), name)
    # the person is the subject too: two ages of one person align however unlike their sentences are
    return [
        dataclasses.replace(c, attribute="age of " + forms[keys[id(c)]], subject=forms[keys[id(c)]])
        if id(c) in keys
        else c
        for c in claims
    ]


def partial(c: Claim) -> bool:
    """Whether a count is a remainder or an increment ("six other candidates", "12 more bodies")."""
    return bool(PARTIAL.match(c.sentence.text, c.end))


_FIGURE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w]|[.,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\w]|[.,]\d)"
)


@functools.lru_cache(maxsize=1 << 16)
def _figures(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, digits without group commas) of every figure written in digits.

    Cached: every aligned pair reads both its sentences' figures, and a sentence is in many pairs."""
    return tuple((m.start(), m.end(), m.group().replace(",", "")) for m in _FIGURE.finditer(text))


# ``a``'s own figure in another unit: "40 billion crowns ($4.3 billion)" writes one sum twice, so its "40" is
# no second quantity of the source's.
_CONVERTED = re.compile(r"[^\W\d_\s]*(?:\s+[^\W\d_]+){0,3}\s*\(\s*(?:[A-Z]{0,3}[$€£¥₹]|[A-Z]{3}\s)?")
_CONVERTED_BACK = re.compile(r"[^\W\d]*(?:\s+[^\W\d_]+){0,3}\s*\(\s*(?:[A-Z]{0,3}[$€£¥₹]|[A-Z]{3}\s)?")


def gives_other(a: Claim, b: Claim) -> bool:
    """Whether ``a``'s sentence also writes ``b``'s figure, outside ``a``'s own: the source gives both figures,
    so they are two quantities ("Lind polled 40,112 votes; Roe trailed with 38,950"), not one misreported,
    even when only the first was read as a claim."""
    digits = {d for _, _, d in _figures(b.text)}
    text = a.sentence.text
    return any(
        d in digits
        and not (a.start <= start < a.end)
        and not _CONVERTED.fullmatch(text, end, a.start)
        and not _CONVERTED_BACK.fullmatch(text, a.end, start)
        for start, end, d in _figures(text)
    )


_NEAR_WORDS = 6
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def near_words(c: Claim, reporting=None) -> set[str]:
    """The content words within ``_NEAR_WORDS`` words either side of a figure in its sentence (not its clause: a
    bracketed conversion's clause is the figure alone): what an unnamed sum is a sum of ("loan", "orders")."""
    text = c.sentence.text
    before = _WORD.findall(text[: c.start])[-_NEAR_WORDS:]
    after = _WORD.findall(text[c.end :])[:_NEAR_WORDS]
    return {
        w.lower()
        for w in before + after
        if len(w) > 3
        and w.lower() not in ENGLISH
        and w.lower() not in SCALES
        and w.lower() not in CURRENCY_WORDS
        and not w[:1].isupper()
        and not (reporting is not None and reporting.fullmatch(w))
    }


# What stands between two counts of one enumeration: the first one's counted noun, then a comma or "and"
# ("six children and two infants", "171 adults, 92 children"); never "including" (a part of it).
_SIBLING = re.compile(r"\s*[^\W\d_][\w'’ -]{0,40}?(?:,\s*(?:and\s+)?|\s+and\s+)")


def siblings(x: Claim, others) -> list[Claim]:
    """Counts of other nouns, with no predicate of their own, listed beside ``x`` in its sentence."""
    out = []
    for s in others:
        if (
            s is x
            or s.sentence.key != x.sentence.key
            or s.unit != "count"
            or not s.attribute.startswith("number of")
            or s.subject == x.subject
        ):
            continue
        first, second = (x, s) if x.end <= s.start else (s, x)
        if _SIBLING.fullmatch(x.sentence.text, first.end, second.start):
            out.append(s)
    return out


def splits(x: Claim, y: Claim, others) -> bool:
    """Whether ``y``'s figure is ``x``'s plus a sibling count of ``x``'s enumeration: one source counts a group whole,
    the other in parts ("8 children" / "six children and two infants")."""
    return any(math.isclose(float(x.value) + float(s.value), float(y.value)) for s in siblings(x, others))


_AUX = r"(?:(?:was|were|has|have|had|been|is|are)\s+)*"
# "No one voted against the plan", "nobody was hurt": a zero told with a verb.
_ZERO = re.compile(
    r"\b(?P<zero>no one|nobody|none|not one|not a single \w+)\s+"
    + _AUX
    + r"(?P<verb>[a-z]+ed)\b(?:\s+(?P<next>[a-z]+))?",
    re.IGNORECASE,
)
_COUNT_VERB = re.compile(
    r"(?<![\w.,])(?P<num>\d[\d,]*|"
    + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
    + r")\s+(?:[a-z][\w'’-]*\s+)?"
    + _AUX
    + r"(?P<verb>[a-z]+ed)\b(?:\s+(?P<next>[a-z]+))?",
    re.IGNORECASE,
)


def zero_and_count(sentences) -> list[tuple]:
    """(zero match, its sentence, count match, its sentence) where one document says no one did a thing and, in
    another sentence, gives a figure of people who did it, with the same verb and the word after it where both have
    one ("No one voted against the plan" / "12 members voted against it")."""
    zeros, counts = [], []
    for s in sentences:
        zeros += [(m, s) for m in _ZERO.finditer(s.text)]
    if not zeros:
        return []  # most articles say no one did nothing: their figures need not be read here
    found: dict[int, list] = {}
    for z, s in zeros:
        found.setdefault(id(s), []).append(z)
    for s in sentences:
        # the "one" of "no one voted" is part of a zero, not a count of one
        counts += [
            (m, s)
            for m in _COUNT_VERB.finditer(s.text)
            if m.group("num").lower() not in ("zero", "no")
            and not any(z.start() <= m.start() < z.end() for z in found.get(id(s), ()))
        ]
    out = []
    for z, zs in zeros:
        for c, cs in counts:
            if cs is zs or c.group("verb").lower() != z.group("verb").lower():
                continue
            if z.group("next") and c.group("next") and z.group("next").lower() != c.group("next").lower():
                continue
            out.append((z, zs, c, cs))
            break
    return out


def rounds(smaller: float, larger: float) -> bool:
    """Whether ``smaller`` reads as ``larger`` rounded down ("above 3,000" for 3,617): a multiple of a power of ten
    (at least 10) larger than their difference. 17 does not round 18; 120 rounds 123."""
    step = 10
    while step <= larger - smaller:
        step *= 10
    return smaller % step == 0


# Units of time read as counted things ("34 seconds", "three minutes"): spans of time, not counts of anything.
_TIME_UNITS = frozenset(
    f"number of {u}" for u in ("second", "minute", "hour", "day", "week", "month", "year")
)


def _unnamed(attribute: str) -> bool:
    """Whether an attribute names nothing but its unit: a sum no word names ("amount (USD)"), or a span of time
    no word names ("number of second" in "by 34 seconds")."""
    bare = attribute.removeprefix("not ")
    return bare.startswith("amount") or bare in _TIME_UNITS


def _measured_alike(classes: list[list[Claim]], ratio: float) -> list[list[Claim]]:
    """``classes`` with the measures whose values all lie within ``ratio`` of each other joined, in value order
    ("230 m", "233 m" | "765 m"); counts, money and other figures are left as they are."""
    if not all(c.unit in MEASURES and c.unit != "magnitude" for side in classes for c in side):
        return classes
    ordered = sorted(classes, key=lambda side: abs(float(side[0].value)))
    joined = [list(ordered[0])]
    for side in ordered[1:]:
        low = min(abs(float(c.value)) for c in joined[-1])
        high = max(abs(float(c.value)) for c in side)
        if low > 0 and high / low <= 1 + ratio:
            joined[-1] += side
        else:
            joined.append(list(side))
    return joined


def _tied_by_alignment(groups: list[list[Claim]], aligned_pairs: list[tuple[Claim, Claim]]) -> list[bool]:
    """For each group, whether any of ``aligned_pairs`` (the pairs alignment found, not the loose stage) lies in it."""
    where = {id(c): i for i, group in enumerate(groups) for c in group}
    tied = [False] * len(groups)
    for a, _ in aligned_pairs:
        tied[where[id(a)]] = True
    return tied


class NumberConflict(Check):
    name = "number-conflict"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/number-conflict.yaml, typed; their values are stated there."""

        phrase_similarity: float
        sentence_similarity: float
        close_values: float
        tolerance: float
        rounding_cap: float
        approximate_tolerance: float
        approximate_severity: str
        changed_severity: str
        pooled_severity: str
        pair_similarity: float
        dimensions: list[str]
        evolving: list[str]
        held: list[str]
        max_ratio: float
        age_drift: int
        headline_message: str
        summary_message: str
        summary_labels: list[str]
        zero_message: str

    message_fields = ("quantity", "headline", "body", "zero", "count")
    needs = ("quantity",)
    examples = (
        Example(
            {
                "a.txt": "Trade\nExports from Kazakhstan to Belarus totalled $153.07 million in 2023, the ministry said.\n",
                "b.txt": "Trade\nExports from Kazakhstan to Belarus totalled $135.07 million in 2023, according to the ministry.\n",
            },
            ("$153.07 million", "$135.07 million"),
        ),
        Example(
            {
                "a.txt": "Tower\nThe 984-foot tower was finished in the spring after three years of work.\n",
                "b.txt": "Tower\nThe 300-metre tower was finished in the spring after three years of work.\n",
            },
            note="one length in two units",
        ),
    )

    def agree(self, a: Claim, b: Claim) -> bool:
        if a.value == b.value:
            return True
        if a.unit == "year":
            return False  # 1977 and 1979 are two years, however close
        loose = {"approximate", "hedged", "lower-bound", "upper-bound"}
        if not (a.qualifiers & loose or b.qualifiers & loose):
            # Exact figures: one may be the other rounded to the precision it is written in, no further.
            x, y = float(a.value), float(b.value)
            gap = abs(x - y)
            cap = self.params.rounding_cap * max(abs(x), abs(y))
            if not math.isclose(scale(a), scale(b), rel_tol=1e-6):
                return (
                    gap <= cap
                )  # a conversion ("1,300-foot" / "400-metre") is a rounding however it is written
            return gap <= max(step(a), step(b)) / 2 * (1 + 1e-9) and gap <= cap
        lo_a, hi_a = interval(a, self.params.tolerance, self.params.approximate_tolerance)
        lo_b, hi_b = interval(b, self.params.tolerance, self.params.approximate_tolerance)
        return lo_a <= hi_b and lo_b <= hi_a

    def comparable(self, a: Claim, b: Claim) -> bool:
        """Whether two figures are close enough to be one quantity misreported: within ``max_ratio`` of each other.

        "$32.77" (a share price) and "$13.7 billion" (the deal) share an attribute only
        because neither names one; no slip turns one into the other. Figures that grow
        as an event unfolds (tolls) are exempt: they are compared as of one day.
        """
        lo, hi = sorted((abs(float(a.value)), abs(float(b.value))))
        return a.unit == "year" or lo > 0 and hi / lo <= self.params.max_ratio

    def severity(self, a: Claim, b: Claim, evolving: frozenset) -> tuple[str, str]:
        """(severity, reason) of a disagreement between two aligned figures."""
        attribute = a.attribute.removeprefix("not ")
        if a.unit == "minute":
            # a minute of play is counted two ways (the 63rd minute is 62:00-62:59), and stoppage time blurs it
            return self.params.approximate_severity, "estimate"
        if a.unit == "age" and abs(float(a.value) - float(b.value)) <= self.params.age_drift + full_years(
            a.time, b.time
        ):
            # An age moves: a birthday between two reports, or the age at the event against the age when
            # reported ("29" at the arrest, "31" at the verdict two years on), is no misreported figure.
            return self.params.approximate_severity, "age"
        if attribute in evolving:
            # Tolls and tallies move within a day as officials update them, and a page's date says
            # nothing of the hour: two outlets' figures are two points on a timeline, not a clash.
            return self.params.changed_severity, "changed"
        if (a.qualifiers | b.qualifiers) & {"approximate", "hedged", "lower-bound", "upper-bound"}:
            return self.params.approximate_severity, "estimate"
        return self.rule.severity, "conflict"

    def run(self, corpus: Corpus) -> list[Finding]:
        # the corpus's name keys, read once when a held figure needs them (``_holder``)
        self._known: frozenset[str] | None = None
        allowed = set(self.params.dimensions)
        evolving = frozenset(self.params.evolving) | corpus.lexicons.claims.evolving
        claims = ages_by_person(
            corpus,
            named_amounts(
                corpus,
                [
                    c
                    for c in corpus.claims_of("quantity")
                    if (not allowed or c.unit.split(":")[0] in allowed) and not partial(c)
                ],
            ),
        )
        peers: dict[tuple, list[Claim]] = {}
        for c in claims:
            peers.setdefault((corpus.story_of.get(c.document), c.attribute), []).append(c)
        pairs, judged = self._aligned_pairs(corpus, claims, peers, evolving)
        boxed = summary_sentences(corpus, frozenset(self.params.summary_labels))
        findings = self.headlines(claims, corpus.story_of, boxed) + self.zeros(corpus)
        n_aligned = len(pairs)
        self._unaligned_pairs(corpus, claims, evolving, pairs, judged)
        groups = components(pairs)
        for group, tied in zip(groups, _tied_by_alignment(groups, pairs[:n_aligned]), strict=True):
            if len(self.classes(group)) >= 3 and (not tied or _unnamed(group[0].attribute)):
                # Three or more values are several quantities, never one told several ways, when only the
                # unaligned stage tied them, pair by pair (sums a story gives in unlike sentences: "$15 billion" of
                # his own, loans of "$12.5 billion", "$15.5 billion" of shares sold), or when they are sums no word
                # names: a price, a fine and a fund are three sums, however alike their sentences
                continue
            finding = self._group_finding(corpus, group, judged, peers)
            if finding is not None:
                findings.append(finding)
        return findings

    def _tells_both(self, x: Claim, y: Claim, corpus: Corpus, own: dict, evolving: frozenset) -> bool:
        """Whether x's source also gives a figure that agrees with y for x's evolving attribute (``own``: the
        peers of each story and attribute, by document)."""
        # A toll x's source also gives y's figure for: it tells two quantities (a toll and the part of it that
        # died at the scene) or two moments, so y is no other value of x's on the timeline.
        if x.attribute.removeprefix("not ") not in evolving:
            return False
        return any(
            p is not x and self.agree(p, y)
            for p in own[(corpus.story_of.get(x.document), x.attribute, x.document)]
        )

    def _aligned_pairs(
        self, corpus: Corpus, claims: list[Claim], peers: dict, evolving: frozenset
    ) -> tuple[list[tuple[Claim, Claim]], dict]:
        """The aligned pairs of disagreeing, comparable figures, and (id(a), id(b)) -> (severity, reason) for each."""
        by_sentence: dict[tuple, list[Claim]] = {}
        for c in claims:
            by_sentence.setdefault(c.sentence.key, []).append(c)
        # each pair looks for x's other figures among its own document's peers only: a big story's peers are
        # hundreds of figures, and its aligned pairs thousands
        own: dict[tuple, list[Claim]] = {}
        for (story, attribute), found in peers.items():
            for p in found:
                own.setdefault((story, attribute, p.document), []).append(p)
        pairs, judged = [], {}
        for a, b, similarity in aligned(
            corpus,
            claims,
            self.params.phrase_similarity,
            self.params.sentence_similarity,
            close_values=self.params.close_values,
        ):
            if self._not_one_quantity(a, b, corpus, own, evolving, by_sentence):
                continue
            if not self.agree(a, b) and (
                self.comparable(a, b) or a.attribute.removeprefix("not ") in evolving
            ):
                pairs.append((a, b))
                judged[(id(a), id(b))] = self._verdict(corpus, a, b, similarity, evolving)
        return pairs, judged

    def _not_one_quantity(
        self, a: Claim, b: Claim, corpus: Corpus, own: dict, evolving: frozenset, by_sentence: dict
    ) -> bool:
        """Whether two aligned figures are known to count different things (minutes, years, a source giving both)."""
        if a.unit == "minute" and not (
            a.subject and b.subject and a.subject in players(b) and b.subject in players(a)
        ):
            return True  # minutes of play are compared for one player's goal or card only: a match has many minutes
        if years_named(a) != years_named(b):
            return True  # figures of two different years, or a past event recalled beside today's
        if self._two_holders(a, b, corpus):
            return True  # two candidates' votes, two investors' stakes
        # one source gives both figures (or the other's in parts): two quantities, or one counted two ways
        return bool(
            gives_other(a, b)
            or gives_other(b, a)
            or self._tells_both(a, b, corpus, own, evolving)
            or self._tells_both(b, a, corpus, own, evolving)
            or splits(a, b, by_sentence[a.sentence.key])
            or splits(b, a, by_sentence[b.sentence.key])
        )

    def _two_holders(self, a: Claim, b: Claim, corpus: Corpus) -> bool:
        """Whether two figures of a ``held`` attribute belong to different holders: each names one (``holder``),
        and they differ ("Ruto took 50.49%" / "Odinga 48.85%")."""
        if a.attribute.removeprefix("not ") not in self.params.held:
            return False
        x, y = self._holder(a, corpus), self._holder(b, corpus)
        return bool(x and y and x != y)

    def _holder(self, c: Claim, corpus: Corpus) -> str:
        """``holder`` of ``c`` among the corpus's name keys (read once a run)."""
        if self._known is None:
            self._known = frozenset(n for names in corpus.names.values() for n in names)
        return holder(c, self._known)

    def _verdict(
        self, corpus: Corpus, a: Claim, b: Claim, similarity: float, evolving: frozenset
    ) -> tuple[str, str]:
        """(severity, reason) of an aligned disagreement, capped at info for a headline and at pooled when not plainly one thing."""
        verdict = self.severity(a, b, evolving)
        if (a.sentence.headline or b.sentence.headline) and severity_rank(verdict[0]) > severity_rank("info"):
            # A headline clips its sentence ("Quake toll 120"), so what its figure counts is a guess.
            verdict = ("info", "headline")
        if not self.plainly_one(corpus, a, b, similarity) and severity_rank(verdict[0]) > severity_rank(
            self.params.pooled_severity
        ):
            verdict = (self.params.pooled_severity, "pooled")
        return verdict

    def _unaligned_pairs(
        self, corpus: Corpus, claims: list[Claim], evolving: frozenset, pairs: list, judged: dict
    ) -> None:
        """Add to ``pairs`` (judged pooled) disagreeing figures of one named attribute that nothing aligned."""
        # Figures of one named attribute in one story that nothing aligns may still be one quantity: asked at info.
        # Not bare counts ("12 players" / "nine players"), tallies (a hospital's patients / all the injured),
        # or figures whose subjects differ (an aftershock / the quake): those are many things by nature.
        seen = {frozenset((id(a), id(b))) for a, b in pairs}
        reporting = corpus.lexicons.claims.reporting
        around: dict[int, set[str]] = {}  # id(claim) -> its near words, read once however many pairs it is in

        def near(c: Claim) -> set[str]:
            if id(c) not in around:
                around[id(c)] = near_words(c, reporting)
            return around[id(c)]

        for a, b, _ in aligned(corpus, claims, 2.0, 2.0, by_subject=False, loose=True):
            attribute = a.attribute.removeprefix("not ")
            if attribute.startswith("amount (") and not near(a) & near(b):
                continue  # a sum no word names is one quantity with another only where both are sums of one thing
            if _many_by_nature(a, b, attribute, evolving) or self._two_holders(a, b, corpus):
                continue
            if frozenset((id(a), id(b))) not in seen and not self.agree(a, b) and self.comparable(a, b):
                pairs.append((a, b))
                # one named holder's figure told two ways is one quantity however unlike the two sentences are
                one_holder = attribute in self.params.held and self._holder(a, corpus)
                judged[(id(a), id(b))] = (
                    self._verdict(corpus, a, b, 0.0, evolving)
                    if one_holder
                    else (self.params.pooled_severity, "pooled")
                )

    def _group_finding(self, corpus: Corpus, group: list[Claim], judged: dict, peers: dict) -> Finding | None:
        """The finding for one group of disagreeing figures at its worst verdict, or None when they give one value."""
        values = sorted({c.text for c in group})
        if len(values) < 2:
            return None
        members = {id(c) for c in group}
        verdicts = [v for (x, y), v in judged.items() if x in members and y in members]
        level = max((v[0] for v in verdicts), key=severity_rank)
        reasons = {why for lvl, why in verdicts if lvl == level}
        if severity_rank(level) > severity_rank(self.params.pooled_severity) and self.pooled(
            group, lambda c: peers[(corpus.story_of.get(c.document), c.attribute)]
        ):
            level, reasons = self.params.pooled_severity, {"pooled"}
        attribute = group[0].attribute
        subject = (
            attribute
            if not group[0].subject or group[0].subject in attribute
            else f"{attribute} ({group[0].subject})"
        )
        support = (
            self._support(group, peers[(corpus.story_of.get(group[0].document), group[0].attribute)])
            if severity_rank(level) > severity_rank(self.params.pooled_severity)
            else []
        )
        finding = self.finding(
            subject=subject,
            values=values,
            evidence=[c.evidence() for c in group],
            cited=[c.evidence() for c in support],
            severity=level,
            suggestion=_suggestion(reasons, group),
            quantity=subject,
        )
        if reasons == {"changed"}:
            finding.timeline = timeline(group)
        return finding

    def _support(self, group: list[Claim], peers: list[Claim]) -> list[Claim]:
        """The story's other sources that give one side of an asserted conflict (``peers``: every figure of its
        story and attribute), one figure each, in document order: they say which of the two the story holds."""
        classes = self.classes(group)
        seen = {c.document for c in group}
        out = []
        for p in sorted(peers, key=lambda c: (c.document, c.offset)):
            if p.document in seen:
                continue
            if sum(any(self.agree(p, c) for c in side) for side in classes) == 1:
                out.append(p)
                seen.add(p.document)
        return out

    def zeros(self, corpus: Corpus) -> list[Finding]:
        """One article that says no one did a thing and elsewhere gives how many did ("12 members voted against" /
        "Nobody voted against the plan"): asked at ``pooled_severity``; the two may be two votes or two moments."""
        findings = []
        for _path, sentences in sorted(corpus.by_document().items()):
            for z, zs, c, cs in zero_and_count([s for s in sentences if not s.headline]):
                what = z.group("verb").lower()
                zero, count = zs.text[z.start() : z.end("verb")], cs.text[c.start() : c.end("verb")]
                findings.append(
                    self.finding(
                        subject=what,
                        values=[zero, c.group("num")],
                        evidence=[
                            evidence_at(zs, z.group(0), zs.start + z.start()),
                            evidence_at(cs, c.group("num"), cs.start + c.start()),
                        ],
                        severity=self.params.pooled_severity,
                        suggestion="The article says both that none did this and how many did: check which holds, and for which vote or moment.",
                        template=self.params.zero_message,
                        quantity=what,
                        zero=zero,
                        count=count,
                    )
                )
        return findings

    def plainly_one(self, corpus: Corpus, a: Claim, b: Claim, similarity: float) -> bool:
        """Whether two aligned figures are plainly about one thing: one named subject, one cluster, or close clauses."""
        if a.subject and a.subject == b.subject and not a.attribute.startswith("number of"):
            return True
        if a.attribute.removeprefix("not ") in self.params.held and self._holder(a, corpus):
            return True  # a named holder's figure (``_two_holders`` let no pair of two holders through)
        cluster = corpus.cluster_of.get(a.sentence.key)
        return (
            cluster is not None and cluster is corpus.cluster_of.get(b.sentence.key)
        ) or similarity >= self.params.pair_similarity

    def classes(self, group: list[Claim]) -> list[list[Claim]]:
        """The claims of ``group`` partitioned into values that agree with each other."""
        links = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :] if self.agree(a, b)]
        seen = {id(c) for pair in links for c in pair}
        return components(links) + [[c] for c in group if id(c) not in seen]

    def pooled(self, group: list[Claim], peers_of) -> bool:
        """Whether disagreeing figures look like several quantities pooled, not one misreported.

        Three or more values with no two sides, or one document on both sides, or a source that
        gives the other side's figure elsewhere. ``peers_of(c)``: every figure of ``c``'s
        attribute in its story."""
        classes = self.classes(group)
        if len(classes) >= 3:
            # measures within close_values of each other are one thing measured twice ("230 m" / "233 m"): two
            # such clusters are an outlier against a majority ("765 m"), one or three are no clear outlier
            classes = _measured_alike(classes, self.params.close_values)
            if len(classes) != 2:
                return True
        if len(classes) != 2:
            return False
        docs = [{c.document for c in side} for side in classes]
        if docs[0] & docs[1]:
            return True
        # A source that elsewhere gives the other side's figure for the same attribute uses it for another thing.
        for this, other in ((0, 1), (1, 0)):
            seen: dict[int, list] = {}  # the peer lists already asked (held, so no id is reused), by id
            for c in classes[this]:
                peers = peers_of(c)
                if id(peers) in seen:
                    continue  # one story and attribute: the same peers, the same answer
                seen[id(peers)] = peers
                # a bound ("at least 25 percent") agrees with a whole range of figures: it gives none of them
                mine = [
                    p
                    for p in peers
                    if p.document in docs[this] and p not in classes[this] and not p.qualifiers & BOUNDS
                ]
                if any(self.agree(p, o) for p in mine for o in classes[other]):
                    return True
        return False

    def headline_agrees(self, h: Claim, b: Claim) -> bool:
        """A headline figure agrees with a body figure as any two figures do, but two bounds the same way must
        be one figure or its rounding: "at least 17" over "at least 18" is a headline left behind, "above 3,000"
        over "at least 3,617" is a rounding."""
        if not self.agree(h, b):
            return False
        for bound in ("lower-bound", "upper-bound"):
            if bound in h.qualifiers and bound in b.qualifiers and float(h.value) != float(b.value):
                lo, hi = sorted((float(h.value), float(b.value)))
                return rounds(lo, hi) if bound == "lower-bound" else rounds(-hi, -lo)
        return True

    def headlines(
        self, claims: list[Claim], story_of: dict | None = None, boxed: set | frozenset = frozenset()
    ) -> list[Finding]:
        """A headline figure, or one of a summary box (``boxed``: its sentences' keys), that no figure of the same
        attribute in its own article agrees with.

        The headline and the article are one document at one time, so a figure that
        grew since ("rose to", a later day) is no excuse: one of the two was not
        updated. The headline is compared with the article's first figure for that
        attribute (its lead) only when no figure of the article agrees with it. Other
        sources of the story (``story_of``: path -> story) that give the lead's figure
        are cited too, once each: they say which of the two the story holds.
        """
        story_of = story_of or {}
        by_doc: dict[str, list[Claim]] = {}
        for c in claims:
            by_doc.setdefault(c.document, []).append(c)
        findings = []
        for path in sorted(by_doc):
            body = by_doc[path]
            for h in (c for c in body if c.sentence.headline or c.sentence.key in boxed):
                finding = self._headline_finding(h, body, path, claims, story_of, boxed)
                if finding is not None:
                    findings.append(finding)
        return findings

    def _headline_finding(
        self, h: Claim, body: list[Claim], path: str, claims: list[Claim], story_of: dict, boxed
    ) -> Finding | None:
        """The finding for headline (or summary box) figure ``h`` when no figure of its own article (``body``, less
        its headline and summary box) agrees with it, else None."""

        told = [b for b in body if not b.sentence.headline and b.sentence.key not in boxed]
        same = _headline_peers(h, told)
        if not same or any(self.headline_agrees(h, b) for b in same) or _parts_of(h, same, body):
            return None
        if any(b.unit == h.unit and float(b.value) == float(h.value) for b in told):
            return None  # the article gives the headline's very figure, under another word ("a $40bn deal" / "worth $40bn")
        lead = min(same, key=lambda b: b.offset)
        x, y = sorted((abs(float(h.value)), abs(float(lead.value))))
        # A figure left behind by an update is near the new one ("17" / "18"); a headline figure far from
        # the article's is more likely another quantity that the headline's clipped wording hides: asked.
        # So is one that writes the article's digits at another scale ("$1.2 million" / "$1.2 billion"): a slip.
        near = x > 0 and y / x <= 1 + self.params.close_values or rescaled(h, lead)
        backing = _backing(claims, path, lead, story_of)
        return self.finding(
            severity=None if near else "info",
            subject=h.attribute,
            values=[h.text, lead.text],
            evidence=[h.evidence(), lead.evidence(), *(backing[d] for d in sorted(backing))],
            suggestion=f"Make the {'headline' if h.sentence.headline else 'summary'} and the article give one figure.",
            template=self.params.headline_message if h.sentence.headline else self.params.summary_message,
            quantity=h.attribute,
            headline=h.text,
            body=lead.text,
        )


def _headline_peers(h: Claim, told: list[Claim]) -> list[Claim]:
    """The body figures (``told``: the article less its headline and summary box) that a headline figure is
    compared with: its attribute and unit, of no other year than the headline's."""
    return [
        b
        for b in told
        if b.attribute == h.attribute
        and b.unit == h.unit
        and not h.attribute.startswith("number of")
        # a headline tells today's event; a body sentence that names another year recalls another one
        and not years_recalled(b) - years_recalled(h)
    ]


PARTS_MAX = 6  # figures of one sentence tried as parts of a headline's total (2**6 sums at the most)


def _parts_of(h: Claim, same: list[Claim], body: list[Claim]) -> bool:
    """Whether a body sentence that gives the headline's attribute lists parts adding up to its figure: "Nine
    killed" over "Seven children and two teachers were killed", "52 dead" over "killed 46 miners and six
    rescuers" (the first part may be counted by its noun alone). Parts are figures of one unit in that sentence."""
    for sentence in {id(b.sentence): b.sentence for b in same}.values():
        figures = [float(c.value) for c in body if c.sentence is sentence and c.unit == h.unit][:PARTS_MAX]
        if any(
            math.isclose(sum(part), float(h.value))
            for n in range(2, len(figures) + 1)
            for part in itertools.combinations(figures, n)
        ):
            return True
    return False


def _many_by_nature(a: Claim, b: Claim, attribute: str, evolving: frozenset) -> bool:
    """Whether two loosely aligned figures are many things by nature: counts, tallies, minutes, other subjects or years."""
    return bool(
        attribute.startswith("number of")
        or attribute in evolving
        or a.unit == "minute"
        or (a.subject and b.subject and a.subject != b.subject)
        or years_named(a) != years_named(b)
        or gives_other(a, b)
        or gives_other(b, a)
    )


_POSSESSIVE = re.compile(r"['’]s?$")


def holder(c: Claim, known: frozenset[str]) -> str:
    """The name nearest before the figure in its clause, among ``known`` (the story's name keys): whose votes or
    stake it is ("Ruto received 50.49 percent" -> "ruto", "and Odinga 48.85 percent" -> "odinga"). A figure in
    brackets is read in the clause before them ("Raila Odinga received 6,942,930 votes (48.5%)"). "" when the
    clause names no one before the figure: a name further back is as often the speaker's as the holder's."""
    text = c.sentence.text
    clause = clause_at(text, c.start, c.end)
    start = clause.start
    if text[:start].rstrip().endswith("("):
        start = clause_at(text, start - 1, start - 1).start
    for word in reversed(_WORD.findall(fold(text[start : c.start]))):
        word = _POSSESSIVE.sub("", word)  # "Odinga's 48.85 percent"
        if word in known:
            return word
    return ""


def full_years(a: str | None, b: str | None) -> int:
    """Whole years between two ISO dates (a claim's ``time``); 0 when either is missing or unreadable."""
    try:
        days = abs((datetime.date.fromisoformat(a[:10]) - datetime.date.fromisoformat(b[:10])).days)
    except (TypeError, ValueError):
        return 0
    return int(days // 365.25)


def _suggestion(reasons: set[str], group: list[Claim]) -> str:
    """What to do about a group of disagreeing figures, by the reason its verdict gives."""
    if "pooled" in reasons:
        return (
            "These may be several quantities or successive figures, not one: "
            "check which figure each source gives for which thing and when."
        )
    if "conflict" in reasons:
        return "Check the figure against the primary source."
    if "headline" in reasons:
        return (
            "A headline's figure is compared: headlines round and clip what they say; "
            "check the article's own figure against the other source."
        )
    if "age" in reasons:
        return (
            "An age moves with time: check the date of birth, and say when the age applies "
            "(at the event, or when reported)."
        )
    if "changed" in reasons:
        dates = sorted({c.time or "undated" for c in group})
        return f"The figure may have changed between reports ({', '.join(dates)}); give the latest with its time and source."
    return "The figures are estimates; say so, or use one source's figure with attribution."


def _backing(claims: list[Claim], path: str, lead: Claim, story_of: dict) -> dict:
    """Document -> evidence of the first body figure in each other source of the story that gives ``lead``'s figure."""
    backing = {}
    for c in claims:
        if (
            c.document != path
            and c.document not in backing
            and story_of.get(c.document) == story_of.get(path)
            and c.attribute == lead.attribute
            and c.unit == lead.unit
            and not c.sentence.headline
            and float(c.value) == float(lead.value)
        ):
            backing[c.document] = c.evidence()
    return backing
