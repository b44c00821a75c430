"""Transliteration equivalence of name forms, from ``rules/transliteration.yaml``.

Two forms are the same name spelt by different systems when they are listed
together, or when folding diacritics and applying the listed letter-group
substitutions and endings makes them equal ("Lukashenka" ~ "Lukashenko",
"Łukašenka" ~ "Lukashenka").

Beyond that, :meth:`Transliteration.explains` says which differences between two
forms a romanisation explains (``romanisation`` in the rule file): vowel
alternations and y/i glides ("Yevgeny" / "Evgeniy", "Aliyev" / "Aliyav"),
consonant groups that systems render differently (kh/h/q/k, zh/j/dzh, ts/c/tz,
sh/sch/ş, ch/tch), hyphens and case; and doubled letters on their own
("Powell" / "Powel"). A dropped, added or transposed consonant, or a truncation,
is never explained.
"""

from __future__ import annotations

import re

from .extract.names import fold


_SLAVIC = str.maketrans(
    {
        "š": "sh",
        "Š": "Sh",
        "ž": "zh",
        "Ž": "Zh",
        "č": "ch",
        "Č": "Ch",
        "ć": "ch",
        "ś": "sh",
        "ŭ": "u",
        "ў": "u",
        # Azerbaijani and Turkish letters no decomposition folds: "Əliyev" is "Aliyev", "Kırıkkale" "Kirikkale"
        "ə": "a",
        "Ə": "A",
        "ı": "i",
    }
)


class Transliteration:
    def __init__(self, lexicon: dict) -> None:
        self.groups: dict[str, str] = {}
        for group in lexicon["equivalents"]:
            head = fold(group[0])
            for form in group:
                self.groups[fold(form)] = head
        # Rewrite every pair to one side, longest first, so both sides meet.
        self.substitutions = sorted(
            ((fold(a), fold(b)) for a, b in lexicon["substitutions"]), key=lambda p: -len(p[0])
        )
        self.endings = sorted(((fold(a), fold(b)) for a, b in lexicon["endings"]), key=lambda p: -len(p[0]))
        self._memo: dict[str, str] = {}
        romanisation = sorted(
            ((fold(a), fold(b)) for a, b in lexicon["romanisation"]), key=lambda p: -len(p[0])
        )
        # A group listed with two sides ("kh" as "h" and as "k": "Panakhov" / "Panahov", "Badakhshan" /
        # "Badakshan") is one system's choice either way, but "h" is no "k": each reading is a system of its own.
        sides: dict[str, list[str]] = {}
        for a, b in romanisation:
            sides.setdefault(a, []).append(b)
        self.systems = [
            [(a, sides[a][min(i, len(sides[a]) - 1)]) for a in sides]
            for i in range(max((len(v) for v in sides.values()), default=1))
        ]
        self.vowel_run = re.compile(f"[{re.escape(lexicon['vowels'])}]+")

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
        # Until nothing changes: one pass, longest first, turns "yu" to "iu" before "j" turns to "y", and
        # "Jusupov" / "Yusupov" would never meet. Every pair shortens a form or moves it along j -> y -> i, so
        # it settles within a few passes.
        for _ in range(8):
            before = f
            for a, b in self.substitutions:
                f = f.replace(a, b)
            if f == before:
                break
        return f

    @staticmethod
    def _plain(form: str) -> str:
        return re.sub(r"[\s'’-]", "", fold(form.translate(_SLAVIC)))

    def consonants(self, form: str) -> str:
        """A form's consonants alone, undoubled, in the table's first system: one key for a name however its vowels,
        glides, doubled letters and endings in a vowel are romanised ("Mirzoyev" / "Mirzoev", "Fayzov" / "Faizov",
        "Fariduni" / "Faridun"). Looser than ``skeleton``: for telling whose a figure is, never a spelling."""
        return self._key(form, undouble=True).replace("_", "")

    def _key(self, form: str, undouble: bool, consonants: bool = True, system: int = 0) -> str:
        f = self._plain(form)
        if undouble:
            f = re.sub(r"(.)\1+", r"\1", f)
        if consonants:
            for a, b in self.systems[system]:
                f = f.replace(a, b)
        return self.vowel_run.sub("_", f)

    def _meet(self, a: str, b: str, undouble: bool) -> bool:
        """Whether two forms have one key in some system of the romanisation table."""
        return any(
            self._key(a, undouble, system=i) == self._key(b, undouble, system=i)
            for i in range(len(self.systems))
        )

    def _transposed(self, a: str, b: str) -> bool:
        """Whether two forms' vowel runs, in order, hold the same letters and one of them in another order."""
        ra, rb = self.vowel_run.findall(self._plain(a)), self.vowel_run.findall(self._plain(b))
        return len(ra) == len(rb) and any(x != y and sorted(x) == sorted(y) for x, y in zip(ra, rb))

    def explains(self, a: str, b: str) -> str | None:
        """Which romanisation difference separates two forms: "romanised" (consonant groups, with or
        without vowels, glides, hyphens, case), "vowels" (vowels and glides alone), "doubled" (a doubled
        consonant), or None (a slip's kind of difference: a consonant dropped, added or changed).
        "vowels" and "doubled" may be a romanisation or a slip."""
        if fold(a) == fold(b):
            return None
        if self._plain(a) == self._plain(b):
            return "romanised"
        if self._meet(a, b, undouble=False):
            if self._transposed(a, b):
                return None  # "Nurtlue" / "Nurtleu": letters swapped, which no romanisation does
            # Only vowels and glides differ ("Aliyev" / "Aliyav"): a romanisation, or a slip of one vowel.
            return (
                "vowels"
                if self._key(a, False, consonants=False) == self._key(b, False, consonants=False)
                else "romanised"
            )
        return "doubled" if self._meet(a, b, undouble=True) else None

    def same(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are one name in two transliterations (or identical)."""
        fa, fb = fold(a), fold(b)
        return fa == fb or self.skeleton(a) == self.skeleton(b)
