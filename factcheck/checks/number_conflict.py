"""number-conflict: one quantity given different values by different sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

The check reads quantity claims (``extract.claims``) and compares only claims that
are aligned (``align``): one story, one attribute ("killed", "depth", "cost"...),
and the same subject by sentence, claim phrase or named thing. So a quake's depth
never meets its distance from a city, nor the dead the injured, nor "nine have not
been identified" the "12 identified".

Values are compared as ranges: "about 300" is 300 ± ``approximate_tolerance``,
"at least 12" is 12 or more, "up to 40" is 40 or fewer; ranges that overlap agree.
Units are converted first ("984-foot" = "300-metre"). Figures that grow as an event
unfolds (``evolving`` attributes: casualties, arrests) are compared as of one
reporting day: two sources published on different days, an undated one, or a
figure marked as an update ("rose to", "so far") differ at ``changed_severity``
(info: "the figure changed between reports"). Estimates and hedged figures that
disagree are at ``approximate_severity``. Figures more than ``max_ratio`` apart are
different quantities, not one misreported (a share price and the deal's value).
"""

from __future__ import annotations

from ..align import aligned
from ..models import Claim, Corpus, Finding, severity_rank
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


def rounds(smaller: float, larger: float) -> bool:
    """Whether ``smaller`` reads as ``larger`` rounded down ("above 3,000" for 3,617): a multiple of a power of ten
    (at least 10) larger than their difference. 17 does not round 18; 120 rounds 123."""
    step = 10
    while step <= larger - smaller:
        step *= 10
    return smaller % step == 0


def headline_of(sentence) -> bool:
    """Whether ``sentence`` is its document's headline: the first sentence, worded as the title."""
    title = sentence.doc.title
    return sentence.index == 0 and bool(title) and " ".join(sentence.text.split()) == " ".join(title.split())


class NumberConflict(Check):
    name = "number-conflict"
    message_fields = ('quantity', 'headline', 'body')
    needs = ("quantity",)
    defaults = {
        "phrase_similarity": 0.6, "sentence_similarity": 0.6, "close_values": 0.25, "tolerance": 0.01, "approximate_tolerance": 0.1,
        "approximate_severity": "info", "changed_severity": "info", "dimensions": [], "evolving": [], "max_ratio": 10,
        "headline_message": "The headline says '{headline}' but the article says '{body}' ({quantity})",
    }
    examples = (
        Example({"a.txt": "Trade\nExports from Kazakhstan to Belarus totalled $153.07 million in 2023, the ministry said.\n",
                 "b.txt": "Trade\nExports from Kazakhstan to Belarus totalled $135.07 million in 2023, according to the ministry.\n"},
                ("$153.07 million", "$135.07 million")),
        Example({"a.txt": "Tower\nThe 984-foot tower was finished in the spring after three years of work.\n",
                 "b.txt": "Tower\nThe 300-metre tower was finished in the spring after three years of work.\n"},
                note="one length in two units"),
    )

    def agree(self, a: Claim, b: Claim) -> bool:
        if a.value == b.value:
            return True
        if a.unit == "year":
            return False  # 1977 and 1979 are two years, however close
        lo_a, hi_a = interval(a, self.params["tolerance"], self.params["approximate_tolerance"])
        lo_b, hi_b = interval(b, self.params["tolerance"], self.params["approximate_tolerance"])
        return lo_a <= hi_b and lo_b <= hi_a

    def comparable(self, a: Claim, b: Claim) -> bool:
        """Whether two figures are close enough to be one quantity misreported: within ``max_ratio`` of each other.

        "$32.77" (a share price) and "$13.7 billion" (the deal) share an attribute only
        because neither names one; no slip turns one into the other. Figures that grow
        as an event unfolds (tolls) are exempt: they are compared as of one day.
        """
        lo, hi = sorted((abs(float(a.value)), abs(float(b.value))))
        return a.unit == "year" or lo > 0 and hi / lo <= self.params["max_ratio"]

    def severity(self, a: Claim, b: Claim, evolving: frozenset) -> tuple[str, str]:
        """(severity, reason) of a disagreement between two aligned figures."""
        attribute = a.attribute.removeprefix("not ")
        if attribute in evolving and (a.time is None or b.time is None or a.time != b.time
                                      or "update" in a.qualifiers or "update" in b.qualifiers):
            return self.params["changed_severity"], "changed"
        if (a.qualifiers | b.qualifiers) & {"approximate", "hedged", "lower-bound", "upper-bound"}:
            return self.params["approximate_severity"], "estimate"
        return self.rule.severity, "conflict"

    def run(self, corpus: Corpus) -> list[Finding]:
        allowed = set(self.params["dimensions"])
        evolving = frozenset(self.params["evolving"]) | corpus.lexicons.claims.evolving
        claims = [c for c in corpus.claims_of("quantity") if not allowed or c.unit.split(":")[0] in allowed]
        pairs, judged = [], {}
        for a, b, _ in aligned(corpus, claims, self.params["phrase_similarity"], self.params["sentence_similarity"],
                               close_values=self.params["close_values"]):
            if not self.agree(a, b) and (self.comparable(a, b) or a.attribute.removeprefix("not ") in evolving):
                pairs.append((a, b))
                judged[(id(a), id(b))] = self.severity(a, b, evolving)
        findings = self.headlines(claims)
        for group in components(pairs):
            values = sorted({c.text for c in group})
            if len(values) < 2:
                continue
            members = {id(c) for c in group}
            verdicts = [v for (x, y), v in judged.items() if x in members and y in members]
            level = max((v[0] for v in verdicts), key=severity_rank)
            reasons = {why for lvl, why in verdicts if lvl == level}
            attribute = group[0].attribute
            subject = attribute if not group[0].subject or group[0].subject in attribute else f"{attribute} ({group[0].subject})"
            if "conflict" in reasons:
                suggestion = "Check the figure against the primary source."
            elif "changed" in reasons:
                dates = sorted({c.time or "undated" for c in group})
                suggestion = f"The figure may have changed between reports ({', '.join(dates)}); give the latest with its time and source."
            else:
                suggestion = "The figures are estimates; say so, or use one source's figure with attribution."
            findings.append(self.finding(
                subject=subject,
                values=values,
                evidence=[c.evidence() for c in group],
                severity=level,
                suggestion=suggestion,
                quantity=subject,
            ))
        return findings

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

    def headlines(self, claims: list[Claim]) -> list[Finding]:
        """A headline figure that no figure of the same attribute in its own article agrees with.

        The headline and the article are one document at one time, so a figure that
        grew since ("rose to", a later day) is no excuse: one of the two was not
        updated. The headline is compared with the article's first figure for that
        attribute (its lead) only when no figure of the article agrees with it.
        """
        by_doc: dict[str, list[Claim]] = {}
        for c in claims:
            by_doc.setdefault(c.document, []).append(c)
        findings = []
        for path in sorted(by_doc):
            body = by_doc[path]
            for h in (c for c in body if headline_of(c.sentence)):
                same = [b for b in body if b.attribute == h.attribute and not headline_of(b.sentence)
                        and b.unit == h.unit and not h.attribute.startswith("number of")]
                if not same or any(self.headline_agrees(h, b) for b in same):
                    continue
                lead = min(same, key=lambda b: b.offset)
                findings.append(self.finding(
                    subject=h.attribute, values=[h.text, lead.text], evidence=[h.evidence(), lead.evidence()],
                    suggestion="Make the headline and the article give one figure.",
                    template=self.params["headline_message"], quantity=h.attribute, headline=h.text, body=lead.text,
                ))
        return findings
