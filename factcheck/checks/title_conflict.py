"""title-conflict: one person is given titles that cannot both be true.

Example: "Foreign Minister Murat Nurtleu" in one source and "Kazakhstan's Deputy
Minister of Foreign Affairs, Murat Nurtleu" in another: the same portfolio at two
ranks. Not conflicts: titles one can hold together ("deputy prime minister and top
diplomat" are different ladders), two phrasings of one title ("Kazakh President" /
"President of Kazakhstan"), and titles marked "former" or "acting".
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
import re

from ..extract.people import Title
from ..models import Corpus, Finding
from .base import Check, Example


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _within(t: Title, other, known: frozenset) -> bool:
    """Whether title ``t``'s portfolio is free words (none of the vocabulary's ``known``) that the sentence of the
    other title's claim also writes: a long name ("the Independent Electoral and Boundaries Commission") that each
    title reads only part of."""
    if not t.portfolio or t.portfolio in known:
        return False
    words = t.portfolio.split()
    return all(re.search(rf"\b{re.escape(w)}\b", other.sentence.text, re.I) for w in words)


def _same_portfolio(a: str | None, b: str | None) -> bool:
    """Portfolios that may be one: unknown, equal, or free wordings that share a word ("nigerian health" / "health")."""
    return _compatible(a, b) or bool(set(a.split()) & set(b.split()))


class TitleConflict(Check):
    name = "title-conflict"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/title-conflict.yaml, typed; their values are stated there."""

        compare_countries: bool
        compare_portfolios: bool
        exclusive_ladders: list[list[str]]

    message_fields = ("kind",)
    needs = ("title",)
    examples = (
        Example(
            {
                "a.txt": "Summit in Astana\nForeign Minister Murat Nurtleu met the Belarusian ambassador on Monday.\n",
                "b.txt": "Envoy summoned\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n",
            },
            ("Foreign Minister", "Kazakhstan's Deputy Minister of Foreign Affairs"),
        ),
        Example(
            {
                "a.txt": "Summit in Astana\nForeign Minister Murat Nurtleu met the ambassador.\n",
                "b.txt": "Envoy summoned\nMurat Nurtleu, Kazakhstan's deputy prime minister and top diplomat, met the ambassador.\n",
            },
            note="posts held together",
        ),
        Example(
            {
                "a.txt": "Crash inquiry\nDutch Minister Anna Veld resigned on Tuesday after the crash.\n",
                "b.txt": "Minister quits\nInfrastructure and Water Minister Anna Veld resigned on Tuesday after the crash.\n",
            },
            note="a nationality before a title is its country, not a portfolio",
        ),
        Example(
            {
                "a.txt": "Results\nNational Electoral and Boundaries Commission Chairman Tom Wekesa read the results.\n",
                "b.txt": "Results out\nTom Wekesa, chairman of the National Electoral and Boundaries Commission, read them.\n",
            },
            note="one body's long name, read to two lengths before and after the rank",
        ),
        Example(
            {
                "a.txt": "Budget\nTourism Minister Lina Varga presented the plan on Monday.\n",
                "b.txt": "Budget day\nFisheries Minister Lina Varga presented the plan on Monday.\n",
            },
            ("Tourism Minister", "Fisheries Minister"),
            note="one rank in two portfolios the vocabulary does not know",
        ),
        Example(
            {
                "a.txt": "Bridge falls\nPrime Minister Arun Mehta visited the site of the collapse on Monday.\n",
                "b.txt": "Bridge inquiry\nChief Minister Arun Mehta visited the site of the collapse on Monday.\n",
            },
            ("Prime Minister", "Chief Minister"),
            note="a country's head of government and a state's: one person cannot be both",
        ),
        Example(
            {
                "a.txt": "Bridge falls\nPrime Minister Arun Mehta visited the site on Monday.\n",
                "b.txt": "Bridge inquiry\nArun Mehta, the Deputy Chief Minister, visited the site on Monday.\n",
            },
            note="the top of one ladder and the second rung of the other: no exclusive pair",
        ),
    )

    def conflict(self, a: Title, b: Title) -> str | None:
        """Why ``a`` and ``b`` cannot both hold, or None when they can."""
        if a.qualified or b.qualified or a.ladder is None:
            return None
        if a.ladder != b.ladder:
            # the tops of two ladders one person cannot head at once: a country's government and a state's
            exclusive = any({a.ladder, b.ladder} == set(pair) for pair in self.params.exclusive_ladders)
            return (
                "office"
                if exclusive and a.level == b.level == 0 and _compatible(a.country, b.country)
                else None
            )
        if (
            a.level != b.level
            and _same_portfolio(a.portfolio, b.portfolio)
            and _compatible(a.country, b.country)
        ):
            return "rank"
        if (
            self.params.compare_portfolios
            and a.level == b.level
            and not _same_portfolio(a.portfolio, b.portfolio)
        ):
            return "portfolio"
        if self.params.compare_countries and a.country and b.country and a.country != b.country:
            return "country"
        return None

    def run(self, corpus: Corpus) -> list[Finding]:
        findings = []
        by_person: dict[tuple, list] = {}
        for c in corpus.claims_of("title"):
            if c.value.ladder:
                by_person.setdefault((c.subject, corpus.story_of.get(c.document)), []).append((c.value, c))
        for (person, _), held in sorted(by_person.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            findings.extend(self._person(person, held, corpus.lexicons.titles.portfolios))
        return findings

    def _person(self, person: str, held: list, known: frozenset = frozenset()) -> list[Finding]:
        """The finding, if any, for one person's titles (title, claim) within one story."""
        clashing: set[int] = set()
        kinds: set[str] = set()
        for (i, (a, ca)), (j, (b, cb)) in combinations(enumerate(held), 2):
            why = self.conflict(a, b)
            if why == "portfolio" and (_within(a, cb, known) or _within(b, ca, known)):
                why = None  # one body's long name read to two lengths ("Boundaries Commission Chairman" / "chairman of the Independent Electoral")
            if why:
                clashing.update((i, j))
                kinds.add(why)
        if not clashing:
            return []
        involved = [held[i] for i in sorted(clashing)]
        values = sorted({t.text for t, _ in involved}, key=str.lower)
        support: dict[str, set[str]] = {}
        for t, c in involved:
            support.setdefault(t.text, set()).add(c.document)
        counts = ", ".join(
            f"'{v}' in {len(support[v])} source{'s' if len(support[v]) > 1 else ''}" for v in values
        )
        top = sorted(values, key=lambda v: -len(support[v]))
        lead = f"; most sources say '{top[0]}'" if len(support[top[0]]) > len(support[top[1]]) else ""
        return [
            self.finding(
                subject=person,
                values=values,
                evidence=[c.evidence() for _, c in involved],
                suggestion=f"Confirm {person}'s title against an official record ({counts}){lead}.",
                kind=" and ".join(sorted(kinds)),
            )
        ]
