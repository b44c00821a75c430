"""title-unmatched: a person's title from another ladder than every other source gives.

Example: the archive calls Murat Nurtleu "Foreign Minister"; a draft calls him
"Prime Minister", "Ambassador" or "Foreign Ministry spokesman". Titles on one ladder
(Minister / Deputy Minister) are title-conflict's; a post on another ladder is not
a contradiction in itself (one person may hold two posts), so this check says no
source supports it.

Not reported: a document that also gives the person a title the other sources
support ("Nurtleu, who is also Foreign Minister", "Deputy Prime Minister and
Foreign Minister": the posts are held together), titles marked "former" or
"acting", and a person no other source gives a title. With ``--against`` the
drafts are judged against the archive, and one archive source is enough; in a
plain scan a document is the odd one out only when ``min_other_sources``
documents agree on another ladder. With ``--against``, a fact sheet entry for the
draft's title settles it (the gate reads the sheet).
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from ..extract.people import Title
from ..models import Claim, Corpus, Finding
from .base import Check, Example


class TitleUnmatched(Check):
    name = "title-unmatched"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/title-unmatched.yaml, typed; their values are stated there."""

        min_other_sources: int
        posts: list[str]
        held_together: list[str]
        ranks: list[str]

    message_fields = ("post", "other")
    needs = ("title",)
    examples = (
        Example(
            {
                "a.txt": "Summit in Astana\nForeign Minister Murat Nurtleu met the Belarusian ambassador on Monday.\n",
                "b.txt": "Envoy summoned\nForeign Minister Murat Nurtleu summoned the Belarusian ambassador.\n",
                "c.txt": "Talks in Astana\nPrime Minister Murat Nurtleu met the Belarusian ambassador on Monday.\n",
            },
            ("Prime Minister",),
        ),
        Example(
            {
                "a.txt": "Summit in Astana\nForeign Minister Murat Nurtleu met the Belarusian ambassador on Monday.\n",
                "b.txt": "Envoy summoned\nForeign Minister Murat Nurtleu summoned the Belarusian ambassador.\n",
                "c.txt": "Talks in Astana\nDeputy Prime Minister Murat Nurtleu, who is also Foreign Minister, met the "
                "Belarusian ambassador.\n",
            },
            note="posts held together",
        ),
    )

    def post(self, t: Title) -> str | None:
        """The ladder a title stands on, a listed post ("spokesman") as its own; None for a role, a qualified
        title or a rank that is no post (``ranks``: a general may also be a minister or a commander)."""
        if t.qualified or t.ladder in self.params.ranks:
            return None
        if t.ladder:
            return t.ladder
        words = t.text.casefold().split()
        return next((p for p in self.params.posts if p in words), None)

    def held_together(self, c: Claim, supported: set[str], lexicon) -> bool:
        """Whether the claim's sentence joins its title to a supported one ("Deputy Prime Minister and Foreign
        Minister", "Deputy Prime Minister ..., who is also Foreign Minister"): the rule's ``held_together`` words
        between the two."""
        joins = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in self.params.held_together) + r")\b", re.IGNORECASE
        )
        text = c.sentence.text
        for start, end, t in lexicon.find(text):
            if self.post(t) in supported:
                between = text[min(end, c.end) : max(start, c.start)]
                if joins.search(between):
                    return True
        return False

    def run(self, corpus: Corpus) -> list[Finding]:
        by_person: dict[tuple, list[Claim]] = {}
        for c in corpus.claims_of("title"):
            if self.post(c.value):
                by_person.setdefault((c.subject, str(corpus.story_of.get(c.document))), []).append(c)
        findings = []
        for (person, _), claims in sorted(by_person.items()):
            findings.extend(self._person(person, claims, corpus.judged, corpus.lexicons.titles))
        return findings

    def _person(self, person: str, claims: list[Claim], judged: frozenset, lexicon) -> list[Finding]:
        """The findings for one person's titles (title claims) within one story."""
        posts: dict[str, set[str]] = {}  # document -> the ladders it gives the person
        for c in claims:
            posts.setdefault(c.document, set()).add(self.post(c.value))
        findings = []
        for document in sorted(posts):
            if judged and document not in judged:
                continue
            findings.extend(self._document(person, claims, posts, document, judged, lexicon))
        return findings

    def _document(
        self,
        person: str,
        claims: list[Claim],
        posts: dict[str, set[str]],
        document: str,
        judged: frozenset,
        lexicon,
    ) -> list[Finding]:
        """The findings for the posts ``document`` gives the person that too few other sources give."""
        findings = []
        others = {d: p for d, p in posts.items() if d != document and (not judged or d not in judged)}
        supported = set().union(*others.values()) if others else set()
        need = 1 if judged else self.params.min_other_sources
        for ladder in sorted(posts[document] - supported):
            if posts[document] & supported:
                continue  # the document also gives a post the others give: held together
            backing = [d for d, p in others.items() if p - {ladder}]
            if len(backing) < need:
                continue
            own = [c for c in claims if c.document == document and self.post(c.value) == ladder]
            if any(self.held_together(c, supported, lexicon) for c in own):
                continue
            rest = [c for c in claims if c.document in backing]
            findings.append(self._unmatched(person, own, rest))
        return findings

    def _unmatched(self, person: str, own: list[Claim], rest: list[Claim]) -> Finding:
        """The finding for a post only ``own`` gives, against the posts the backing sources' ``rest`` give."""
        other = sorted({c.text for c in rest}, key=str.lower)
        stated = sorted({c.text for c in own}, key=str.lower)
        return self.finding(
            subject=person,
            values=stated + other,
            post=", ".join(f"'{o}'" for o in stated),
            evidence=[c.evidence() for c in own + rest],
            suggestion=f"Confirm {person}'s post against an official record; if the posts are held together, "
            "say so in the text, or list both in the fact sheet.",
            other=", ".join(f"'{o}'" for o in other),
        )
