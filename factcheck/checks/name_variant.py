"""name-variant: one name spelt in two transliterations or house styles across the corpus.

Example: "Lukashenka" (Charter 97) and "Lukashenko" (Eurasianet), or "Aleksandr" and
"Alexander". Not an error: a house-style question, reported at info. When
``rules/house-style.yaml`` names a preferred form, the other forms of that name are
raised to the house-style severity (warning by default) and the preferred form is
the suggestion.
"""

from __future__ import annotations

from ..extract.names import fold
from ..models import Corpus, Finding
from ._forms import collect_forms
from .base import Check


class NameVariant(Check):
    name = "name-variant"
    defaults = {}
    example = (
        "a.txt: ...Lukashenka's words...\n"
        "b.txt: ...Aleksandr Lukashenko said...\n"
        "-> name-variant (info): 'Lukashenka', 'Lukashenko' are spellings of one name"
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        translit = corpus.lexicons["transliteration"]
        house = corpus.lexicons["house-style"]
        preferred = {fold(p): p for p in house["preferred"]}
        groups: list[list] = []
        for story in corpus.stories:
            by_skeleton: dict[str, list] = {}
            for form in collect_forms(corpus, story).values():
                by_skeleton.setdefault(translit.skeleton(form.text), []).append(form)
            groups.extend(by_skeleton.values())
        findings = []
        for forms in groups:
            spellings = {fold(f.text) for f in forms}
            if len(spellings) < 2:
                continue
            forms.sort(key=lambda f: (-len(f.documents), f.text))
            chosen = next((preferred[fold(f.text)] for f in forms if fold(f.text) in preferred), None)
            usage = ", ".join(f"'{f.text}' in {len(f.documents)} source{'s' if len(f.documents) > 1 else ''}" for f in forms)
            findings.append(self.finding(
                subject=chosen or forms[0].text,
                values=sorted(f.text for f in forms),
                evidence=[e for f in forms for e in f.evidence(per_document=True)],
                suggestion=f"House style prefers '{chosen}'." if chosen else f"Pick one spelling for the house style ({usage}).",
                severity=house["severity"] if chosen else None,
                usage=usage,
            ))
        return findings
