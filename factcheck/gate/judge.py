"""A draft judged against the archive: each draft's side of a finding, and the severity that follows from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable, Iterable

from ..models import Evidence, Finding

_WORD = re.compile(r"\w+")
# A value this long that a draft shares with one source is a quotation, copied word for word.
QUOTE_WORDS = 5
_QUOTE_MARKS = set('“”"«»„')  # not ’, which is also an apostrophe


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def value_of(f: Finding, e: Evidence) -> str:
    """The finding's value that one place states.

    Most checks put that value in ``Evidence.value``; where the evidence value is a
    shortened cue (a quote's first words), the finding value the sentence contains
    is the one it states.
    """
    if e.value is not None and any(_words(e.value) == _words(v) for v in f.values):
        return e.value
    sentence = f" {_words(e.text)} "
    inside = [v for v in f.values if _words(v) and f" {_words(v)} " in sentence]
    if inside:
        return max(inside, key=len)
    return e.value if e.value is not None else e.text


@dataclass(frozen=True)
class DraftView:
    """One draft's side of a finding: its value, and the archive sources that agree and disagree."""

    document: str
    value: str
    agree: tuple[str, ...]
    disagree: tuple[str, ...]
    blamed: bool
    fact: str | None = None  # the fact sheet entry that decided, if one did
    less: tuple[str, ...] = ()  # archive sources that only say less ("Minister" beside "Foreign Minister")

    def counts(self) -> str:
        """ "1 archive source agrees, 2 disagree, 1 says less": the one wording of the split, for every format."""

        def n(docs: tuple, one: str, many: str) -> str:
            return f"{len(docs)} {one if len(docs) == 1 else many}"

        parts = [
            n(self.agree, "archive source agrees", "archive sources agree"),
            n(self.disagree, "disagrees", "disagree"),
        ]
        if self.less:
            parts.append(n(self.less, "says less", "say less"))
        return ", ".join(parts)

    def relation(self, document: str) -> str:
        """How one archive source stands to the draft's value: "agrees", "disagrees", "says less" or ""."""
        return (
            "agrees"
            if document in self.agree
            else "disagrees"
            if document in self.disagree
            else "says less"
            if document in self.less
            else ""
        )

    def as_dict(self) -> dict:
        out = {
            "document": self.document,
            "value": self.value,
            "agree": list(self.agree),
            "disagree": list(self.disagree),
            "agree_count": len(self.agree),
            "disagree_count": len(self.disagree),
            "blamed": self.blamed,
            "less": list(self.less),
            "less_count": len(self.less),
        }
        if self.fact:
            out["fact"] = self.fact
        return out


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
    ka, kb = _words(a), _words(b)
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
    own = {_words(value_of(f, e)): value_of(f, e) for e in f.evidence if e.document == draft}
    value = " / ".join(sorted(own.values()))
    key = _words(value)
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

    A finding with no archive evidence (the draft against itself) keeps its
    severity. Otherwise each draft it involves gets a ``DraftView``; when no draft
    is blamed, the finding becomes info, noting how the archive splits.
    """
    out = []
    for f in findings:
        judged = sorted({e.document for e in f.evidence if e.document in drafts})
        archive: dict[str, set[str]] = {}
        for e in f.evidence:
            if e.document not in drafts:
                archive.setdefault(e.document, set()).add(value_of(f, e))
        stated = {_words(value_of(f, e)) for e in f.evidence}
        if not judged or not archive or len(stated) < 2:
            out.append(
                f
            )  # the draft against itself, or every place says the same thing (a vague date, a copy)
            continue
        views = [_view(f, d, archive, verdict, same) for d in judged]
        f.drafts = views
        _grade(f, views)
        out.append(f)
    return out


def _grade(f: Finding, views: list[DraftView]) -> None:
    """Raise ``f`` to error when a blamed draft contradicts the fact sheet; lower it to info, with a note, when no draft is blamed."""
    facts = [v for v in views if v.fact]
    if any(v.blamed for v in views):
        if any(v.blamed and v.fact for v in views):
            f.severity = "error"
            f.message += (
                f" (contradicts the fact sheet: {next(v.fact for v in views if v.blamed and v.fact)})"
            )
    else:
        f.severity = "info"
        note = (
            f"the fact sheet agrees with the draft ({facts[0].fact})"
            if facts
            else "the draft agrees with the archive; the archive itself disagrees: "
            + "; ".join(v.counts() for v in views)
        )
        f.message += f" ({note})"


def label(path: str, among: Iterable[str] = ()) -> str:
    """A short name for a source in a two-line comparison.

    The file name without its extension, shortened to its first ``_``-separated part
    ("004" for ``004_3f559ca2113d10b1.txt``) when no other of ``among`` shares it.
    """

    def stem(p: str) -> str:
        name = p.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name

    full = stem(path)
    short = full.split("_", 1)[0]
    if short and short != full and all(stem(o).split("_", 1)[0] != short for o in among if o != path):
        return short
    return full


def comparison(f: Finding) -> list[str]:
    """Labelled lines for a finding about a draft: "draft: <value>" then one line per other wording.

    For a quote this shows the two wordings one above the other; for a figure or a
    title it shows the draft's value and what the archive says instead, with the
    counts of ``DraftView.counts``; a source that only says less ("Minister") or
    agrees in other words is marked so.
    """
    views = f.drafts
    lines = []
    for v in views:
        if " / " in v.value and v.value not in {value_of(f, e) for e in f.evidence}:
            lines.append(f"draft: {v.value}  ({v.document} itself writes each of these)")
        else:
            lines.append(f"draft: {v.value}  ({v.document}; {v.counts()})")
        shown: dict[tuple[str, str], list[str]] = {}
        for e in f.evidence:
            if e.document not in {w.document for w in views}:
                other = value_of(f, e)
                if _words(other) != _words(v.value):
                    shown.setdefault((v.relation(e.document), other), []).append(e.document)
        order = {"disagrees": 0, "says less": 1, "agrees": 2, "": 3}
        for (how, other), docs in sorted(
            shown.items(), key=lambda kv: (order[kv[0][0]], -len(set(kv[1])), kv[0][1])
        ):
            names = sorted({label(d, [e.document for e in f.evidence]) for d in docs})
            more = f" (+{len(names) - 1} more)" if len(names) > 1 else ""
            # what the archive says instead goes unmarked; a source that only says less, or agrees in other words, is marked
            lines.append(f"{names[0]}{more}{f' ({how})' if how in ('says less', 'agrees') else ''}: {other}")
    return lines


def involving(findings: list[Finding], drafts: set[str]) -> list[Finding]:
    """Only the findings that put a draft in question (the ``--against`` shape).

    A draft that merely supports the suggestion (writes "Nurtleu" where the corpus
    misspells it) is not in question, so the published corpus's own slips stay out
    of a draft's report.
    """
    return [f for f in findings if any(e.document in drafts for e in f.disputed)]
