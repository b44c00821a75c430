"""The newsroom fact sheet: values an editor has confirmed once, checked in every later draft.

``facts.yaml`` in the project root (the folder of the config file, else the
current folder), or the file the ``facts`` setting names::

    people:
      - name: Murat Nurtleu            # the preferred spelling
        also: []                       # other spellings the newsroom accepts
        titles:
          - title: Deputy Minister of Foreign Affairs
            until: 2023-09-01
          - title: Foreign Minister
            since: 2023-09-01
    figures:
      - subject: workers              # a word of the finding's subject
        value: six
    dates:
      - subject: interview
        value: August 15

The sheet is the authoritative record and beats any archive majority:

- a person's title is checked as of the article's date (``since`` inclusive,
  ``until`` exclusive); an article without a date is checked against every title
  the person ever held;
- a name one or two letters from a listed person's preferred spelling, and not in
  ``also``, is a misspelling;
- a figure or date is checked where a check finds the value disputed, for a
  finding whose subject contains the entry's ``subject``.

A contradiction is an error of the ``fact-sheet`` check that names the entry. In
``--against`` mode the sheet also settles a disputed finding: a draft that agrees
with the sheet is not blamed, whatever the archive says (``verdict``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz.distance import OSA

from .. import safe_yaml
from ..extract.names import fold
from ..extract.numbers import _number, find_quantities
from ..files import InputError, read_bytes
from ..models import Corpus, Document, Finding, evidence_at

CHECK = "fact-sheet"
_WORD = re.compile(r"\w+")
KINDS = ("people", "figures", "dates")


class FactsError(Exception):
    """A fact sheet that cannot be used; the message names the file and the key."""


def _words(text: str) -> str:
    return " ".join(_WORD.findall(str(text).casefold()))


@dataclass(frozen=True)
class Held:
    """One title a person held, from ``since`` (inclusive) until ``until`` (exclusive)."""

    title: str
    since: str | None = None
    until: str | None = None

    def covers(self, date: str | None) -> bool:
        return date is None or (
            (self.since is None or self.since <= date) and (self.until is None or date < self.until)
        )

    def describe(self) -> str:
        span = " ".join(
            x
            for x in (
                f"since {self.since}" if self.since else "",
                f"until {self.until}" if self.until else "",
            )
            if x
        )
        return f"'{self.title}'" + (f" ({span})" if span else "")


MAX_FACTS_BYTES = 2_000_000  # as for a rule file


@dataclass
class PersonFact:
    name: str
    also: list[str] = field(default_factory=list)
    titles: list[Held] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return fold(self.name.split()[-1])


@dataclass(frozen=True)
class ValueFact:
    kind: str  # "figures" or "dates"
    subject: str
    value: str


@dataclass
class FactSheet:
    """The parsed sheet, the file it came from, and the sha256 of the bytes it was parsed from.

    The scan memo's key uses ``sha256``: the sheet is read once, and the key and the
    checks both rest on those bytes.
    """

    path: Path
    people: list[PersonFact] = field(default_factory=list)
    values: list[ValueFact] = field(default_factory=list)
    sha256: str = ""

    # --- reading --------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> FactSheet:
        """Read (once, bounded) and validate a fact sheet; a missing or malformed one raises FactsError naming file and key."""
        # A repository's fact sheet is untrusted input, like its rules: the same bounded reader and YAML limits.
        try:
            raw = read_bytes(path, MAX_FACTS_BYTES, str(path))
        except InputError as exc:
            raise FactsError(f"cannot read fact sheet {exc}") from None
        return cls.parse(path, raw)

    @classmethod
    def parse(cls, path: Path, raw: bytes) -> FactSheet:
        """A fact sheet from the bytes of ``path`` already read; FactsError naming file and key when malformed."""
        try:
            data = safe_yaml.load(raw.decode("utf-8")) or {}
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise FactsError(f"{path}: not a fact sheet (invalid YAML: {exc})") from None
        if not isinstance(data, dict):
            raise FactsError(f"{path}: a fact sheet is a mapping with keys {', '.join(KINDS)}")
        for key in data:
            if key not in KINDS:
                raise FactsError(f"{path}: unknown key '{key}' (known: {', '.join(KINDS)})")
        sheet = cls(path, sha256=hashlib.sha256(raw).hexdigest())
        for n, p in enumerate(_list(path, data, "people")):
            sheet.people.append(_person_fact(path, f"people[{n}]", p))
        for kind in ("figures", "dates"):
            for n, v in enumerate(_list(path, data, kind)):
                sheet.values.append(_value_fact(path, kind, f"{kind}[{n}]", v))
        return sheet

    # --- checking -------------------------------------------------------------------------------------------

    def person(self, name: str) -> PersonFact | None:
        """The listed person a name refers to: same surname (folded), or one of the accepted spellings."""
        key = fold(name.split()[-1]) if name.split() else ""
        return next(
            (p for p in self.people if p.surname == key or any(fold(a.split()[-1]) == key for a in p.also)),
            None,
        )

    def title_says(
        self, lexicon, person: PersonFact, written: str, date: str | None
    ) -> tuple[bool | None, str]:
        """Whether the sheet confirms (True) or contradicts (False) ``written`` as the person's title on ``date``."""
        held = [h for h in person.titles if h.covers(date)]
        if not held:
            return None, ""
        entry = f"{self.path.name}: {person.name} " + " / ".join(h.describe() for h in held)
        seen = _title(lexicon, written)
        if any(_same_title(seen, _title(lexicon, h.title), written, h.title) for h in held):
            return True, entry
        return False, entry

    def check(self, corpus: Corpus, severity: str = "error") -> list[Finding]:
        """Findings for every title and spelling in the corpus that the sheet contradicts."""
        lexicon = corpus.lexicons.titles
        findings = []
        for person in corpus.people:
            for m in person.mentions:
                date = m.sentence.doc.date
                fact = self.person(person.name) or self.person(m.name) or self._misspelt(m.surname)
                if fact is None:
                    continue
                if fold(m.surname) not in {fact.surname, *(fold(a.split()[-1]) for a in fact.also)}:
                    if self._misspelt(m.surname) is fact:
                        findings.append(
                            _finding(
                                severity,
                                fact.name,
                                [m.surname, fact.name.split()[-1]],
                                evidence_at(m.sentence, m.surname),
                                f"'{m.surname}' contradicts the fact sheet: {self.path.name} spells it "
                                f"'{fact.name}'",
                                fact.name.split()[-1],
                            )
                        )
                for t in m.titles:
                    if t.qualified or t.ladder is None:
                        continue
                    says, entry = self.title_says(lexicon, fact, t.text, date)
                    if says is False:
                        findings.append(
                            _finding(
                                severity,
                                fact.name,
                                [t.text],
                                evidence_at(m.sentence, t.text),
                                f"{fact.name} is '{t.text}' here, but the fact sheet says otherwise"
                                f"{' on ' + date if date else ''} ({entry})",
                                None,
                            )
                        )
        return findings

    def _misspelt(self, surname: str) -> PersonFact | None:
        key = fold(surname)
        for p in self.people:
            if (
                len(key) >= 4
                and key != p.surname
                and OSA.distance(key, p.surname) <= 2
                and key not in {fold(a.split()[-1]) for a in p.also}
            ):
                return p
        return None

    def verdict(self, documents: list[Document], lexicons: dict):
        """A ``judge.Verdict``: what the sheet says of a value a draft states in a finding."""
        dates = {d.path: d.date for d in documents}

        def says(f: Finding, value: str, draft: str) -> tuple[bool | None, str]:
            if f.check in ("title-conflict", "title-unmatched", CHECK):
                fact = self.person(f.subject)
                if fact:
                    return self.title_says(lexicons.titles, fact, value, dates.get(draft))
            if f.check in ("name-misspelling", "name-variant"):
                fact = self.person(value) or self._misspelt(value.split()[-1] if value.split() else value)
                if fact:
                    ok = fold(value.split()[-1]) in {fact.surname, *(fold(a.split()[-1]) for a in fact.also)}
                    return ok, f"{self.path.name}: {fact.name}"
            subject = _words(f.subject)
            for v in self.values:
                if _words(v.subject) and f" {_words(v.subject)} " in f" {subject} ":
                    return _words(value) == _words(
                        v.value
                    ), f"{self.path.name}: {v.kind} '{v.subject}' = '{v.value}'"
            return None, ""

        return says

    # --- showing --------------------------------------------------------------------------------------------

    def listing(self) -> list[str]:
        """One line per entry, for ``factcheck facts list``."""
        lines = []
        for p in self.people:
            also = f" (also: {', '.join(p.also)})" if p.also else ""
            lines.append(f"person  {p.name}{also}")
            for h in p.titles:
                lines.append(f"  title {h.describe()}")
        for v in self.values:
            lines.append(f"{v.kind[:-1]:<7} {v.subject} = {v.value}")
        return lines


def _person_fact(path: Path, where: str, p: Any) -> PersonFact:
    """One ``people`` entry (at ``where``) checked and read; FactsError naming file and key when malformed."""
    if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
        raise FactsError(f"{path}: {where} needs a 'name'")
    _only(path, where, p, ("name", "also", "titles"))
    also = p.get("also") or []
    if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
        raise FactsError(f"{path}: {where}.also must be a list of names")
    titles = [_held(path, f"{where}.titles[{m}]", t) for m, t in enumerate(p.get("titles") or [])]
    return PersonFact(" ".join(p["name"].split()), list(also), titles)


def _held(path: Path, at: str, t: Any) -> Held:
    """One title entry (at ``at``) checked and read, with its optional dates."""
    if not isinstance(t, dict) or not isinstance(t.get("title"), str):
        raise FactsError(f"{path}: {at} needs a 'title'")
    _only(path, at, t, ("title", "since", "until"))
    return Held(
        t["title"],
        _date(path, f"{at}.since", t.get("since")),
        _date(path, f"{at}.until", t.get("until")),
    )


def _value_fact(path: Path, kind: str, where: str, v: Any) -> ValueFact:
    """One ``figures`` or ``dates`` entry (at ``where``) checked and read; a date value in ISO form."""
    if not isinstance(v, dict) or not all(
        isinstance(v.get(k), (str, int, float)) for k in ("subject", "value")
    ):
        raise FactsError(f"{path}: {where} needs a 'subject' and a 'value'")
    _only(path, where, v, ("subject", "value"))
    value = v["value"].isoformat() if isinstance(v["value"], dt.date) else str(v["value"])
    return ValueFact(kind, str(v["subject"]), value)


def _list(path: Path, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise FactsError(f"{path}: '{key}' must be a list")
    return value


def _only(path: Path, where: str, entry: dict, keys: tuple[str, ...]) -> None:
    for key in entry:
        if key not in keys:
            raise FactsError(f"{path}: {where}: unknown key '{key}' (known: {', '.join(keys)})")


def _date(path: Path, where: str, value) -> str | None:
    """An ISO date string from YAML (which reads 2023-09-01 as a date already), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise FactsError(f"{path}: {where} must be a date (YYYY-MM-DD), got {value!r}") from None


def _title(lexicon, text: str):
    found = lexicon.find(text)
    return found[0][2] if found else None


def same_title(lexicon, a: str, b: str) -> bool | None:
    """Whether two written titles name the same post (``gate.Same`` for title checks); None when one is no title."""
    ta, tb = _title(lexicon, a), _title(lexicon, b)
    if ta is None or tb is None or ta.ladder is None or tb.ladder is None:
        return None
    return _same_title(ta, tb, a, b)


def title_relation(lexicon, a: str, b: str) -> int | None:
    """How a source's title ``b`` stands to a draft's ``a`` (``gate.Same`` for title checks).

    1: the same post, or a fuller name of the draft's ("Foreign Minister" supports a
    draft's bare "Minister"); 0: ``b`` names no portfolio where ``a`` does (a bare
    "Minister" says less than "Defence Minister", and supports it no more than
    "Foreign Minister"); -1: another post. None when either is no title.
    """
    ta, tb = _title(lexicon, a), _title(lexicon, b)
    if ta is None or tb is None or ta.ladder is None or tb.ladder is None:
        return None
    if not _same_title(ta, tb, a, b):
        return -1
    return 0 if ta.portfolio is not None and tb.portfolio is None else 1


def _same_title(a, b, text_a: str, text_b: str) -> bool:
    """Whether two titles name the same post: same ladder, level and (where both say) portfolio and country."""
    if a is None or b is None or a.ladder is None or b.ladder is None:
        return _words(text_a) == _words(text_b)
    return (
        a.ladder == b.ladder
        and a.level == b.level
        and (a.portfolio is None or b.portfolio is None or a.portfolio == b.portfolio)
        and (a.country is None or b.country is None or a.country == b.country)
    )


def _finding(
    severity: str, subject: str, values: list[str], evidence, message: str, suggestion: str | None
) -> Finding:
    return Finding(
        check=CHECK,
        severity=severity,
        message=message,
        subject=subject,
        values=values,
        evidence=[evidence],
        suggestion=suggestion,
        rule=CHECK,
    )


def unrepeated(findings: list[Finding]) -> list[Finding]:
    """Findings without the fact-sheet findings that repeat a judged finding the sheet already decided.

    When a title-conflict about a draft is blamed on the fact sheet, the same place's
    own fact-sheet finding says nothing more.
    """
    decided = {
        (e.document, e.line, e.column)
        for f in findings
        if f.check != CHECK
        for v in f.drafts
        if v.fact and v.blamed
        for e in f.evidence
        if e.document == v.document
    }
    return [
        f
        for f in findings
        if f.check != CHECK or not all((e.document, e.line, e.column) in decided for e in f.evidence)
    ]


def is_figure(value: str) -> bool:
    """Whether ``value`` states a number: a quantity ("$4.6 million") or a word that is a number ("6", "six", "1,200")."""
    return bool(find_quantities(value)) or any(
        _number(w.strip("$€£%.,;:()")) is not None for w in value.split()
    )
