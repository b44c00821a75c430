"""A draft judged against the archive: each draft's side of a finding, and the severity that follows from it.

``judge`` returns new findings carrying a ``DraftView`` per draft; the findings it is
given are never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..lexicons import Lexicons
from ..models import Document, DraftView, Finding, value_of, word_key
from ..rules import RuleSet
from .facts import FactSheet, title_relation, unrepeated

# Check types whose values are people's titles: the gate reads two of them with the title lexicon.
TITLE_CHECKS = ("title-conflict", "title-unmatched")
# A value this long that a draft shares with one source is a quotation, copied word for word.
QUOTE_WORDS = 5
_QUOTE_MARKS = set('“”"«»„')  # not ’, which is also an apostrophe


# A fact-sheet verdict on one value: (True: the sheet says so / False: it contradicts / None: says nothing, entry label).
Verdict = Callable[[Finding, str, str], tuple[bool | None, str]]


# How a check reads two stated values: True / 1 the same claim, 0 one says less ("Minister" / "Foreign Minister"),
# False / -1 different claims, or None when it cannot tell.
Same = Callable[[Finding, str, str], "bool | int | None"]


def _relation(f: Finding, a: str, b: str, same: Same | None) -> int:
    """How two stated values relate: 1 they say the same, 0 one only says more or less, -1 they differ.

    The check's own reading decides first (``same``: two phrasings of one title).
    Otherwise a short value says the same in another word order ("August 15" /
    "15 August"), and a value inside another one neither agrees nor disagrees:
    "Foreign Minister" inside "Deputy Foreign Minister" is not support. A quotation
    must match word for word.
    """
    ka, kb = word_key(a), word_key(b)
    if ka == kb:
        return 1
    if same is not None:
        reading = same(f, a, b)
        if reading is not None:  # a bool (same post or not), or the relation itself (0: one says less)
            return reading if type(reading) is int else (1 if reading else -1)
    wa, wb = ka.split(), kb.split()
    if max(len(wa), len(wb)) < QUOTE_WORDS and sorted(wa) == sorted(wb):
        return 1
    short, long_ = (ka, kb) if len(wa) <= len(wb) else (kb, ka)
    return 0 if f" {short} " in f" {long_} " else -1


def split(
    f: Finding, value: str, archive: dict[str, set[str]], same: Same | None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(agree, disagree, say less): the archive sources by how they stand to a draft's ``value``.

    The one count every format shows. A source agrees when one of its values says
    the same; otherwise it disagrees when one says otherwise; otherwise it says
    less ("Minister" beside the draft's "Foreign Minister", a value inside another).
    """
    relations = {d: {_relation(f, value, v, same) for v in vals} for d, vals in archive.items()}
    agree = tuple(sorted(d for d, r in relations.items() if 1 in r))
    disagree = tuple(sorted(d for d, r in relations.items() if 1 not in r and -1 in r))
    less = tuple(sorted(d for d in relations if d not in agree and d not in disagree))
    return agree, disagree, less


def _view(
    f: Finding, draft: str, archive: dict[str, set[str]], verdict: Verdict | None, same: Same | None
) -> DraftView:
    own = {word_key(value_of(f, e)): value_of(f, e) for e in f.evidence if e.document == draft}
    value = " / ".join(sorted(own.values()))
    key = word_key(value)
    agree, disagree, less = split(f, value, archive, same)
    if verdict is not None and len(own) == 1:
        says, entry = verdict(f, value, draft)
        if says is not None:
            return DraftView(draft, value, agree, disagree, blamed=not says, fact=entry, less=less)
    if len(own) > 1:  # the draft states two values itself: no archive can settle that
        return DraftView(draft, value, agree, disagree, blamed=True, less=less)
    # A quotation shared word for word with one source is that source's wording, not the draft's slip.
    quoted = (
        bool(agree)
        and len(key.split()) >= QUOTE_WORDS
        and any(_QUOTE_MARKS & set(e.text) for e in f.evidence if e.document == draft)
    )
    blamed = not agree or (len(disagree) > len(agree) and not quoted)
    return DraftView(draft, value, agree, disagree, blamed, less=less)


def judge(
    findings: list[Finding], drafts: set[str], verdict: Verdict | None = None, same: Same | None = None
) -> list[Finding]:
    """Grade each finding from the drafts' point of view (see the module docstring).

    A finding with no archive evidence (the draft against itself) is returned as
    it is. Otherwise a new finding takes its place, with a ``DraftView`` for each
    draft it involves; when no draft is blamed, it is info, noting how the archive
    splits. The findings given are not changed.
    """
    out = []
    for f in findings:
        judged = sorted({e.document for e in f.evidence if e.document in drafts})
        archive: dict[str, set[str]] = {}
        for e in f.evidence:
            if e.document not in drafts:
                archive.setdefault(e.document, set()).add(value_of(f, e))
        stated = {word_key(value_of(f, e)) for e in f.evidence}
        if not judged or not archive or len(stated) < 2:
            # the draft against itself, or every place says the same thing (a vague date, a copy)
            out.append(f)
            continue
        out.append(_graded(f, tuple(_view(f, d, archive, verdict, same) for d in judged)))
    return out


def _graded(f: Finding, views: tuple[DraftView, ...]) -> Finding:
    """``f`` with the drafts' views: an error when a blamed draft contradicts the fact sheet; info, with a note,
    when no draft is blamed; else at the check's severity."""
    severity, message = f.severity, f.message
    facts = [v for v in views if v.fact]
    if any(v.blamed for v in views):
        if any(v.blamed and v.fact for v in views):
            severity = "error"
            message += f" (contradicts the fact sheet: {next(v.fact for v in views if v.blamed and v.fact)})"
    else:
        severity = "info"
        note = (
            f"the fact sheet agrees with the draft ({facts[0].fact})"
            if facts
            else "the draft agrees with the archive; the archive itself disagrees: "
            + "; ".join(v.counts() for v in views)
        )
        message += f" ({note})"
    return replace(f, severity=severity, message=message, drafts=views)


def involving(findings: list[Finding], drafts: set[str]) -> list[Finding]:
    """Only the findings that put a draft in question (the ``--against`` shape).

    A draft that merely supports the suggestion (writes "Nurtleu" where the corpus
    misspells it) is not in question, so the published corpus's own slips stay out
    of a draft's report.
    """
    return [f for f in findings if any(e.document in drafts for e in f.disputed)]


def judge_drafts(
    findings: list[Finding],
    drafts: set[str],
    rules: RuleSet,
    lex: Lexicons,
    sheet: FactSheet | None,
    documents: list[Document],
) -> list[Finding]:
    """The findings that involve a draft, graded from the drafts' side (``judge``), repeats dropped, sorted.

    ``rules`` tells which checks read titles, ``lex`` holds the title lexicon, and the
    fact sheet (``sheet``, read with the ``documents``' dates) settles what it knows.
    """
    findings = involving(findings, drafts)
    extends = {r.id: r.extends for r in rules.rules}

    def same(f: Finding, a: str, b: str) -> int | None:
        # Two phrasings of one title ("Deputy Foreign Minister" / "Deputy Minister of Foreign Affairs") agree;
        # a bare "Minister" says less than "Foreign Minister" or "Defence Minister", and supports neither.
        return title_relation(lex.titles, a, b) if extends.get(f.check) in TITLE_CHECKS else None

    findings = judge(findings, drafts, sheet.verdict(documents, lex) if sheet else None, same)
    return sorted(unrepeated(findings), key=Finding.sort_key)
