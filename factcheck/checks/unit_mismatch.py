"""unit-mismatch: one figure given in two units that do not convert into each other.

Example: one outlet's "300 tonnes of aid" and another's "300 litres of aid", in
sentences that tell one thing. The same written figure in two measures of different
dimensions (a length, a mass, an area, a volume: ``dimensions``) is one quantity with
its unit misreported in one of the sources; number-conflict never compares them,
since a mass and a volume are different attributes. Not mismatches: units of one
dimension ("6 km" / "6 miles" convert, and their figures are number-conflict's), a
magnitude on any scale ("magnitude 6.1" / "6.1 on the Richter scale"), counts and
sums of money.

A pair is reported only when it is plainly one statement told twice: two documents
of one story whose sentences share a claim cluster or are at least
``sentence_similarity`` alike, or whose claim phrases are at least
``phrase_similarity`` alike (claim alignment, ``group/align.py``), writing a figure
of at least ``min_amount`` in the same words: the word before the figure and the
``words_after`` words after its unit ("carried 300 tonnes of aid" / "carried 300
litres of aid"). Two measures of one thing are no mismatch ("the 25-metre boat" /
"the boat, carrying 25 tonnes of fish"), and a document that writes the figure in
both dimensions tells two quantities ("the 300-metre ship carried 300 tonnes"): its
figures are compared with no other's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..extract.numbers import written_amount
from ..group.align import aligned
from ..models import Claim, Corpus, Finding
from .base import Check, Example

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


class UnitMismatch(Check):
    name = "unit-mismatch"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/unit-mismatch.yaml, typed; their values are stated there."""

        dimensions: list[str]
        min_amount: float
        sentence_similarity: float
        phrase_similarity: float
        words_after: int

    message_fields = ("units",)
    needs = ("quantity",)
    examples = (
        Example(
            {
                "a.txt": "Aid convoy\nThe convoy carried 300 tonnes of aid to the flooded valley on Monday.\n",
                "b.txt": "Convoy arrives\nThe convoy carried 300 litres of aid to the flooded valley on Monday.\n",
            },
            ("300 tonnes", "300 litres"),
        ),
        Example(
            {
                "a.txt": "Tremor\nThe tremor, of magnitude 6.1, shook the valley on Monday.\n",
                "b.txt": "Tremor\nThe tremor, 6.1 on the Richter scale, shook the valley on Monday.\n",
            },
            note="a magnitude on any scale is no unit mismatch",
        ),
        Example(
            {
                "a.txt": "Pipeline\nThe new pipeline runs 120 km across the plain.\n",
                "b.txt": "Pipeline\nThe new pipeline runs 120 miles across the plain.\n",
            },
            note="kilometres and miles convert: a different figure, number-conflict's to judge",
        ),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        figures = self._figures(corpus)
        both = _written_both_ways(figures)
        p = self.params
        pairs: dict[tuple, list[tuple[Claim, Claim]]] = {}  # (story, figure) -> its mismatched pairs
        for a, b, _ in aligned(corpus, figures, p.phrase_similarity, p.sentence_similarity, by_subject=False):
            if (
                a.unit != b.unit
                and not {(a.document, a.value), (b.document, b.value)} & both
                and self._frame(a) == self._frame(b)
            ):
                pairs.setdefault((corpus.story_of.get(a.document), a.value), []).append((a, b))
        return [
            self._finding(found)
            for _, found in sorted(pairs.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))
        ]

    def _frame(self, c: Claim) -> tuple[list[str], list[str]]:
        """The words around a figure, in lower case: the one before it and the ``words_after`` after its unit."""
        before, after = c.sentence.text[: c.start].lower(), c.sentence.text[c.end :].lower()
        return _WORDS.findall(before)[-1:], _WORDS.findall(after)[: self.params.words_after]

    def _figures(self, corpus: Corpus) -> list[Claim]:
        """Each measure claim of a compared dimension as its written figure (``value``, no unit), in one
        attribute per figure: alignment then pairs only claims that write the same figure."""
        dimensions = set(self.params.dimensions)
        out = []
        for c in corpus.claims_of("quantity"):
            if c.unit not in dimensions or "negated" in c.qualifiers:
                continue
            amount = written_amount(c.text)
            if amount is not None and amount >= self.params.min_amount:
                out.append(replace(c, attribute=f"figure {amount!r}", value=amount))
        return out

    def _finding(self, pairs: list[tuple[Claim, Claim]]) -> Finding:
        """One finding for the pairs of one story that write one figure in units of different dimensions."""
        claims = list({id(c): c for pair in pairs for c in pair}.values())
        claims.sort(key=lambda c: (c.document, c.offset))
        values = sorted({c.text for c in claims}, key=str.lower)
        units = sorted({c.unit for c in claims})
        by_unit = {u: sorted({c.sentence.doc.name for c in claims if c.unit == u}) for u in units}
        said = "; ".join(f"{u}: {', '.join(docs)}" for u, docs in by_unit.items())
        return self.finding(
            subject=_shown(claims[0].value),
            values=values,
            evidence=[c.evidence() for c in claims],
            suggestion=f"Check the unit against the original source ({said}).",
            units=" and ".join(units),
        )


def _written_both_ways(figures: list[Claim]) -> set[tuple[str, float]]:
    """(document, figure) where a document writes one figure in units of two dimensions: it tells two quantities
    ("the 300-metre ship carried 300 tonnes"), so neither is held against another source."""
    units: dict[tuple[str, float], set[str]] = {}
    for c in figures:
        units.setdefault((c.document, c.value), set()).add(c.unit)
    return {key for key, found in units.items() if len(found) > 1}


def _shown(amount: float) -> str:
    """A figure as a reader writes it: 20000.0 -> "20,000", 2.5 -> "2.5"."""
    return f"{int(amount):,}" if amount == int(amount) else f"{amount:,}"
