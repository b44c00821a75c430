"""name-variant: one name spelt in two transliterations or house styles across the corpus.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Beyond the listed systems, two forms that stand beside the same name ("Nizar
Najarian" / "Nizar Nigaryan") and share a consonant skeleton, yet differ by three
or more letters, are reported too: likely one name transliterated two ways.
Closer pairs are name-misspelling's to judge.
"""

from __future__ import annotations

from dataclasses import dataclass
from rapidfuzz.distance import OSA

from ..extract.names import fold
from ..models import Corpus, Finding
from ._forms import collect_forms, consonants, neighbours
from .base import Check, Example


class NameVariant(Check):
    name = "name-variant"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/name-variant.yaml, typed; their values are stated there."""

        min_length: int

    message_fields = ("usage",)
    examples = (
        Example(
            {
                "a.txt": "Talks\nPresident Aleksandr Lukashenka spoke about the talks.\n",
                "b.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks.\n",
            },
            ("Lukashenka", "Lukashenko"),
        ),
        Example(
            {
                "a.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks.\n",
                "b.txt": "Talks\nPresident Alexander Lukashenko spoke again about the talks.\n",
            }
        ),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        translit = corpus.lexicons.transliteration
        house = corpus.lexicons.house_style
        preferred = {fold(p): p for p in house["preferred"]}
        groups: list[list] = []
        for story in corpus.stories:
            by_skeleton: dict[str, list] = {}
            forms = sorted(collect_forms(corpus, story).values(), key=lambda f: f.text)
            for form in forms:
                by_skeleton.setdefault(translit.skeleton(form.text), []).append(form)
            groups.extend(by_skeleton.values())
            groups.extend(self._renderings(forms, translit))
        findings = []
        for forms in groups:
            forms = list(forms)
            spellings = {fold(f.text) for f in forms}
            if len(spellings) < 2:
                continue
            forms.sort(key=lambda f: (-len(f.documents), f.text))
            chosen = next((preferred[fold(f.text)] for f in forms if fold(f.text) in preferred), None)
            usage = ", ".join(
                f"'{f.text}' in {len(f.documents)} source{'s' if len(f.documents) > 1 else ''}" for f in forms
            )
            findings.append(
                self.finding(
                    subject=chosen or forms[0].text,
                    values=sorted(f.text for f in forms),
                    evidence=[e for f in forms for e in f.evidence(per_document=True)],
                    suggestion=f"House style prefers '{chosen}'."
                    if chosen
                    else f"Pick one spelling for the house style ({usage}).",
                    severity=house["severity"] if chosen else None,
                    usage=usage,
                )
            )
        return findings

    def _renderings(self, forms: list, translit) -> list[list]:
        """Pairs of forms beside one name whose consonant skeletons agree but whose letters differ by three or more."""
        near = {id(f): neighbours(f) for f in forms}
        keys = {id(f): consonants(f.text) for f in forms}
        out = []
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                if len(a.text) < self.params.min_length or len(b.text) < self.params.min_length:
                    continue
                if (
                    keys[id(a)] != keys[id(b)]
                    or not near[id(a)] & near[id(b)]
                    or translit.same(a.text, b.text)
                ):
                    continue
                if OSA.distance(fold(a.text), fold(b.text)) >= 3:
                    out.append([a, b])
        return out
