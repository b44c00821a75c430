"""What an editor has accepted, and how a draft is judged against the archive.

These decide which findings are *reported*, and at what severity, after the checks
have run; they never change what the checks find. They work on a finding's
evidence (each place has a document and a value), so they hold for every check.

- ``judge``: in ``--against`` mode the drafts are judged and the archive is
  evidence. A draft value that no archive source supports, or that a majority of
  the archive (or the fact sheet) contradicts, keeps the check's severity; a draft
  that agrees with a majority, or quotes one source word for word, is at most an
  info note that the archive itself disagrees.
- ``suppressed``, ``accepted``, ``baselined``: findings an inline marker, the
  config's accept list or a baseline sets aside. Each returns the findings kept
  and a record per finding set aside (``Suppression``: what, where and why).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable

from .files import InputError, display_name, read_bytes
from .models import Document, Evidence, Finding, severity_rank

BASELINE_SCHEMA = "factcheck-baseline/2"
# Entries keyed by opaque Finding ids, with nothing an editor can review: refused since round three.
_OLD_BASELINE_SCHEMA = "factcheck-baseline/1"
_WORD = re.compile(r"\w+")
# A value this long that a draft shares with one source is a quotation, copied word for word.
QUOTE_WORDS = 5
_QUOTE_MARKS = set('“”"«»„')  # not ’, which is also an apostrophe


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


class UnknownName(Exception):
    """A check name that names no check; the message offers the closest ones."""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the closest known name, or the full list when none is close."""
    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known: {', '.join(known)})"


def check_names(names: Iterable[str], known: Iterable[str], where: str, wildcard: bool = False) -> None:
    """Raise UnknownName for the first of ``names`` that is not a known check ("*" allowed with ``wildcard``)."""
    known = set(known)
    for name in names:
        if name not in known and not (wildcard and name == "*"):
            raise UnknownName(f"{where}: unknown check '{name}'{did_you_mean(name, known)}")


@dataclass(frozen=True)
class Suppression:
    """A finding that was not reported: its id, check and subject, where it was, and why."""

    id: str
    check: str
    subject: str
    where: str  # "path:line" of the place the reason applies to
    why: str  # "inline marker", "accepted: <value>", "baseline"

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "check": self.check,
            "subject": self.subject,
            "where": self.where,
            "why": self.why,
        }


def _set_aside(f: Finding, why: str, where: Evidence | None = None) -> Suppression:
    place = where or f.primary
    return Suppression(
        f.id, f.check, f.subject, f"{place.document}:{place.line}" if place.document else "-", why
    )


# --- judging a draft -------------------------------------------------------------------------------------------


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


# --- what an editor has accepted -------------------------------------------------------------------------------


def suppressed(
    findings: list[Finding], documents: list[Document], drafts: set[str] | None = None, enabled: bool = True
) -> tuple[list[Finding], list[Suppression]]:
    """Drop findings resting on a paragraph marked ``factcheck: ignore <check>`` (or ``ignore`` for all).

    Only a marker in a judged document counts: with ``drafts`` (the ``--against``
    shape), a marker in an evidence document never silences a finding about a
    draft, and a marker speaks for its own draft only: a finding is set aside when
    every draft place it rests on is marked in that draft, so a marker in one staged
    draft never silences the same finding in another. ``enabled=False``
    (``--no-inline-ignores``) honours no marker at all.
    """
    if not enabled:
        return findings, []
    scopes = {
        d.path: d.suppressions for d in documents if d.suppressions and (drafts is None or d.path in drafts)
    }

    def covered(f: Finding, e: Evidence) -> bool:
        return any(
            first <= e.line <= last and (f.check in checks or "*" in checks)
            for first, last, checks in scopes.get(e.document, [])
        )

    def marker(f: Finding) -> Evidence | None:
        hit = next((e for e in f.evidence if covered(f, e)), None)
        if hit is None or drafts is None:
            return hit
        judged = [e for e in f.evidence if e.document in drafts]
        return hit if all(covered(f, e) for e in judged) else None

    kept, aside = [], []
    for f in findings:
        e = marker(f)
        if e is None:
            kept.append(f)
        else:
            aside.append(_set_aside(f, "inline marker", e))
    return kept, aside


def marker_warnings(documents: list[Document], known: Iterable[str]) -> list[str]:
    """A warning for each inline marker naming no check (a typo there would silently ignore nothing)."""
    known = set(known)
    out = []
    for d in documents:
        for first, _, checks in d.suppressions:
            for name in sorted(checks - {"*"} - known):
                out.append(
                    f"{d.path}:{first}: inline marker names unknown check '{name}'{did_you_mean(name, known)}"
                )
    return out


def accepted(
    findings: list[Finding], accept: dict[str, list[str]]
) -> tuple[list[Finding], list[Suppression]]:
    """Drop findings whose subject or one of whose values the config accepts for that check.

    ``accept = {"name-misspelling" = ["Nurleu"]}`` accepts that spelling; ``"*"`` as
    the check accepts a value for every check.
    """
    kept, aside = [], []
    for f in findings:
        allowed = {a.casefold(): a for a in accept.get(f.check, []) + accept.get("*", [])}
        hit = next((allowed[x.casefold()] for x in [f.subject, *f.values] if x.casefold() in allowed), None)
        if hit is None:
            kept.append(f)
        else:
            aside.append(_set_aside(f, f"accepted in config: '{hit}'"))
    return kept, aside


def involving(findings: list[Finding], drafts: set[str]) -> list[Finding]:
    """Only the findings that put a draft in question (the ``--against`` shape).

    A draft that merely supports the suggestion (writes "Nurtleu" where the corpus
    misspells it) is not in question, so the published corpus's own slips stay out
    of a draft's report.
    """
    return [f for f in findings if any(e.document in drafts for e in f.disputed)]


def below(findings: list[Finding], level: str) -> tuple[list[Finding], list[Finding]]:
    """(findings at or above ``level``, findings below it): ``--min-severity``, a display level.

    The CLI refuses a ``--fail-on`` below ``--min-severity``, so a finding that is
    not shown never decides an exit code.
    """
    kept = [f for f in findings if severity_rank(f.severity) >= severity_rank(level)]
    return kept, [f for f in findings if severity_rank(f.severity) < severity_rank(level)]


# --- baselines -------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _subject(f: Finding) -> str:
    # A subject that names a file ("only in a.txt") would tie the key to a file name.
    subject = f.subject
    for name in sorted({e.document.rsplit("/", 1)[-1] for e in f.evidence}, key=len, reverse=True):
        subject = subject.replace(name, "")
    # the separators the names stood between go too: "copied across a.txt, b.txt" -> "copied across"
    subject = re.sub(r"(?:\s*(?:,|;|:|\band\b))+\s*(?=$|[,;:])", "", subject)
    return _norm(re.sub(r"^\s*[,;:]\s*", "", subject))


def entry_key(check: str, subject: str, value: str, sentence: str) -> str:
    """The baseline key of one place: what is said there, never where or beside what."""
    h = hashlib.sha256()
    for part in (check, subject, _norm(value), _norm(sentence)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return f"{check}:{h.hexdigest()[:16]}"


def entries(f: Finding, judged: set[str] | None) -> list[dict]:
    """The baseline entries of a finding: one per place in a judged document (all places without ``judged``).

    Each holds the check, the subject, the value stated there and that sentence,
    normalised, and the key hashed from exactly those four. Source counts, other
    documents, file names and line numbers are left out, so the key holds when only
    one staged draft is scanned, when another sentence is edited and when another
    draft is staged.
    """
    views = f.drafts
    blamed = {v.document for v in views if v.blamed}
    out = []
    for e in f.evidence:
        if judged is not None and e.document not in judged:
            continue
        if blamed and e.document not in blamed:
            continue  # a draft that agrees with the archive is not what the baseline accepts
        subject, value, sentence = _subject(f), _norm(value_of(f, e)), _norm(e.text)
        out.append(
            {
                "key": entry_key(f.check, subject, value, sentence),
                "check": f.check,
                "subject": subject,
                "value": value,
                "sentence": sentence,
            }
        )
    return out


def baseline_text(findings: list[Finding], judged: set[str] | None = None) -> str:
    """A baseline file: every judged place of every finding, sorted by key."""
    unique = {e["key"]: e for f in findings for e in entries(f, judged)}
    return (
        json.dumps(
            {"schema": BASELINE_SCHEMA, "findings": [unique[k] for k in sorted(unique)]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


@dataclass
class Baseline:
    """The keys a baseline file records, what is wrong with it (each a one-line note), and the bytes' sha256.

    ``sha256`` is the hash of the very bytes the keys came from (the scan memo's key
    uses it, never a second read of the file); "missing" when there was no file.
    """

    keys: set[str]
    notes: list[str]
    sha256: str = "missing"


MAX_BASELINE_BYTES = 50_000_000  # a baseline of every finding in a large archive


def read_baseline(path: Path) -> Baseline:
    """The keys recorded in a baseline file, read once; a missing file is an empty baseline with a note.

    An entry whose key is not the hash of its own check, subject, value and
    sentence (a relabelled entry) suppresses nothing and is noted. A
    ``factcheck-baseline/1`` file (opaque finding ids, nothing to review) is an
    error that says how to write a new one.
    """
    name = display_name(path)
    try:
        # The shared bounded reader: a FIFO or device named as the baseline is refused, never waited on.
        raw = read_bytes(path, MAX_BASELINE_BYTES, name)
        data = json.loads(raw.decode("utf-8"))
    except InputError as exc:
        if exc.kind == "missing":
            return Baseline(set(), [f"{name}: baseline file not found; treating it as empty"])
        raise BaselineError(f"cannot read baseline {exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BaselineError(f"{name}: not a factcheck baseline (invalid JSON: {exc})") from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema == _OLD_BASELINE_SCHEMA:
        raise BaselineError(
            f"{name}: {schema} is no longer read (its entries are opaque finding ids that no editor "
            "can review); record the findings again with --write-baseline"
        )
    if schema != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{name}: not a factcheck baseline (expected schema '{BASELINE_SCHEMA}')")
    keys, notes = set(), []
    for n, e in enumerate(data["findings"]):
        fields = [e.get(k) for k in ("check", "subject", "value", "sentence")] if isinstance(e, dict) else []
        if (
            len(fields) != 4
            or not all(isinstance(x, str) for x in fields)
            or not isinstance(e.get("key"), str)
        ):
            notes.append(f"{path}: entry {n + 1} is not a baseline entry; ignored")
        elif entry_key(*fields) != e["key"]:
            notes.append(
                f"{path}: entry {n + 1} ({e['key']}) does not match its own check, subject, value and "
                "sentence; ignored"
            )
        else:
            keys.add(e["key"])
    return Baseline(keys, notes, hashlib.sha256(raw).hexdigest())


def baselined(
    findings: list[Finding], known: Baseline | None, judged: set[str] | None = None
) -> tuple[list[Finding], list[Suppression]]:
    """Drop findings whose every judged place a baseline records."""
    if known is None:
        return findings, []
    kept, aside = [], []
    for f in findings:
        own = entries(f, judged)
        if own and all(e["key"] in known.keys for e in own):
            aside.append(_set_aside(f, "baseline"))
        else:
            kept.append(f)
    return kept, aside
