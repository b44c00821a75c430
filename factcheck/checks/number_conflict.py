"""number-conflict: one quantity given different values by different sources.

Example: "repairs will cost $153.07 million" in one article and "$135.07 million"
in another -> number-conflict (warning). "about 30,000 vehicles" against "roughly
31,000 vehicles" is reported at ``approximate_severity`` (info): both are estimates.

Units are converted before comparing, so "the 984-foot bridge" and "the 300-metre
bridge" agree (within ``tolerance``). A part is never compared with a whole: "two of
the six workers" does not conflict with "six workers". Counts compare only when they
count the same noun; attribute years ("opened in 1977") only with the same verb;
money only in the same currency. Sentences that count the same noun need only
``keyed_similarity``; other quantities need ``similarity``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.numbers import Quantity, find_quantities
from ..models import Corpus, Finding, Sentence, evidence_at
from ._claims import clashes, components
from .base import Check


@dataclass(frozen=True)
class Stated:
    sentence: Sentence
    quantity: Quantity

    @property
    def key(self) -> tuple[str, str]:
        q = self.quantity
        # measures compare by dimension alone: "984-foot bridge" and "300-metre span" are one length
        thing = q.thing if q.dimension in ("count", "year") else ""
        return (q.dimension, thing)


class NumberConflict(Check):
    name = "number-conflict"
    defaults = {"similarity": 0.6, "keyed_similarity": 0.45, "tolerance": 0.01, "approximate_severity": "info", "dimensions": []}
    example = (
        "a.txt: Repairs will cost $153.07 million, the ministry said.\n"
        "b.txt: The ministry put the cost of repairs at $135.07 million.\n"
        "-> number-conflict: '$153.07 million' vs '$135.07 million'"
    )

    def stated(self, corpus: Corpus) -> list[Stated]:
        allowed = set(self.params["dimensions"])
        out = []
        for s in corpus.sentences:
            for q in find_quantities(s.text):
                if q.part_of is not None:
                    continue  # a part of a whole says nothing about the whole
                if allowed and q.dimension.split(":")[0] not in allowed:
                    continue
                out.append(Stated(s, q))
        return out

    def agree(self, a: Quantity, b: Quantity) -> bool:
        if a.value == b.value:
            return True
        if a.dimension == "year":
            return False  # 1977 and 1979 are two years, however close
        return abs(a.value - b.value) <= self.params["tolerance"] * max(abs(a.value), abs(b.value))

    def run(self, corpus: Corpus) -> list[Finding]:
        # Two sentences that count the same noun ("workers") need less else in common.
        keyed, plain = self.params["keyed_similarity"], self.params["similarity"]
        pairs = clashes(corpus, self.stated(corpus), kind=lambda st: st.key, agree=lambda x, y: self.agree(x.quantity, y.quantity),
                        min_similarity=min(keyed, plain), needed=lambda st: keyed if st.key[1] else plain)
        findings = []
        for group in components(pairs):
            values = sorted({st.quantity.text for st in group})
            if len(values) < 2:
                continue
            dimension, thing = group[0].key
            approximate = any(st.quantity.approximate for st in group)
            subject = {"count": f"number of '{thing}'", "year": f"year {thing}"}.get(dimension) or dimension.replace("money:", "amount in ")
            findings.append(self.finding(
                subject=subject,
                values=values,
                evidence=[evidence_at(st.sentence, st.quantity.text, st.sentence.start + st.quantity.start) for st in group],
                severity=self.params["approximate_severity"] if approximate else None,
                suggestion="Both figures are estimates; say so, or use one source's figure with attribution." if approximate
                else "Check the figure against the primary source.",
                quantity=subject,
            ))
        return findings
