"""Transliteration equivalence of name forms, from ``rules/transliteration.yaml``.

Two forms are the same name spelt by different systems when they are listed
together, or when folding diacritics and applying the listed letter-group
substitutions and endings makes them equal ("Lukashenka" ~ "Lukashenko",
"Łukašenka" ~ "Lukashenka").
"""

from __future__ import annotations

from .extract.names import fold


_SLAVIC = str.maketrans({"š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "č": "ch", "Č": "Ch", "ć": "ch", "ś": "sh", "ŭ": "u", "ў": "u"})


class Transliteration:
    def __init__(self, lexicon: dict) -> None:
        self.groups: dict[str, str] = {}
        for group in lexicon["equivalents"]:
            head = fold(group[0])
            for form in group:
                self.groups[fold(form)] = head
        # Rewrite every pair to one side, longest first, so both sides meet.
        self.substitutions = sorted(((fold(a), fold(b)) for a, b in lexicon["substitutions"]), key=lambda p: -len(p[0]))
        self.endings = sorted(((fold(a), fold(b)) for a, b in lexicon["endings"]), key=lambda p: -len(p[0]))
        self._memo: dict[str, str] = {}

    def skeleton(self, form: str) -> str:
        """The spelling-system-free key of a form (memoised: the same names recur thousands of times)."""
        cached = self._memo.get(form)
        if cached is None:
            cached = self._memo[form] = self._skeleton(form)
        return cached

    def _skeleton(self, form: str) -> str:
        # Latin-script Slavic letters first, before fold() strips their marks: š is "sh", not "s".
        f = fold(form.translate(_SLAVIC))
        if f in self.groups:
            return "=" + self.groups[f]
        for a, b in self.endings:
            if f.endswith(a):
                f = f[: -len(a)] + b
                break
        for a, b in self.substitutions:
            f = f.replace(a, b)
        return f

    def same(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are one name in two transliterations (or identical)."""
        fa, fb = fold(a), fold(b)
        return fa == fb or self.skeleton(a) == self.skeleton(b)
