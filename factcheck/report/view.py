"""What the Markdown and HTML reports share: the report laid out for a reader.

``view(report)`` turns a :class:`~factcheck.models.Report` into stories of
numbered findings, each with its evidence collapsed into rows (one row per
sentence per document, "also at lines 18, 20"), the value of each row split
into words that differ from the other sources and words that agree, long values
trimmed around the difference, and paths shortened to their common folder.

It also holds the helpers every format needs: :func:`visible` (from
``factcheck.escapes``), which shows control characters (C0, C1, ESC, bidi
overrides) as escapes so that no file name or article can move the cursor, clear
a terminal, reorder text or forge a line; :func:`word_diff`; :func:`relative_paths`;
and the wording of a finding about a draft, its value above the archive's
(:func:`comparison`, from the ``DraftView`` the gate returned).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..escapes import one_line
from ..models import SEVERITIES, Document, DraftView, Evidence, Finding, Report, Span, value_of, word_key


def flat(text: str) -> str:
    """``one_line`` without leading and trailing spaces."""
    return one_line(text).strip()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- paths -------------------------------------------------------------------------------------------------------


def relative_paths(paths: list[str], relative_too: bool = True) -> tuple[str, dict[str, str]]:
    """The folder the paths share, and each path relative to it.

    Absolute paths are shortened to their common folder, so a report reads the
    same wherever the corpus lies. Relative paths (relative to the directory the
    scan ran in) are shortened the same way with ``relative_too``, and otherwise
    shown as typed. A mix of absolute and relative paths is shown as typed. The
    folder is "" when nothing was shortened. The result depends on the paths
    alone, never on the current directory, so a replayed report is the same.
    """
    given = sorted({p for p in paths if p})
    same = {p: p for p in given}
    absolute = [p for p in given if p.startswith("/")]
    if not given or (absolute and len(absolute) != len(given)) or (not absolute and not relative_too):
        return "", same
    if not absolute and any(p == ".." or p.startswith("../") for p in map(posixpath.normpath, given)):
        return "", same
    norm = [posixpath.normpath(p) for p in given]
    root = posixpath.commonpath(norm) if len(set(norm)) > 1 else posixpath.dirname(norm[0])
    if root in norm:  # a path that is the folder of another
        root = posixpath.dirname(root)
    if root in ("", ".", "/"):
        return "", same
    return root, {p: posixpath.relpath(n, root) for p, n in zip(given, norm)}


# --- words and differences ---------------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_STRIP = re.compile(r"^[\W_]+|[\W_]+$")


def _key(word: str) -> str:
    return _STRIP.sub("", word.casefold().replace("’", "'")) or word


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _key_all(text: str) -> str:
    return " ".join(map(_key, words(text)))


_MARKS = re.compile(r"\[-(.+?)-\]|\{\+(.+?)\+\}")


def diff_marks(text: str) -> list[tuple[str, str]]:
    """``text`` cut at the word-diff marks a message may carry: ``[(op, text)]``, op ``=``, ``-`` ([-gone-]) or ``+`` ({+new+})."""
    out, at = [], 0
    for m in _MARKS.finditer(text):
        if m.start() > at:
            out.append(("=", text[at : m.start()]))
        out.append(("-", m.group(1)) if m.group(1) is not None else ("+", m.group(2)))
        at = m.end()
    if at < len(text):
        out.append(("=", text[at:]))
    return out


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """``a`` against ``b`` word by word: ``[(op, text)]`` with op ``=`` (both), ``-`` (only a) or ``+`` (only b).

    Words are compared without case and surrounding punctuation, so a closing
    comma or a curly apostrophe is not a difference.
    """
    wa, wb = words(a), words(b)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in wa], [_key(w) for w in wb], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(wa[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(wa[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(wb[j1:j2])))
    return out


def differing(value: str, others: list[str]) -> list[bool]:
    """For each word of ``value``: whether some other value leaves it out or words it differently."""
    ws = words(value)
    flags = [False] * len(ws)
    for other in others:
        matcher = difflib.SequenceMatcher(
            None, [_key(w) for w in ws], [_key(w) for w in words(other)], autojunk=False
        )
        for op, i1, i2, _, _ in matcher.get_opcodes():
            if op != "equal":
                for i in range(i1, i2):
                    flags[i] = True
    return flags


@dataclass(frozen=True)
class Piece:
    """A run of words of a value as shown: ``differs`` marks words the other sources do not share; ``gap`` is "…"."""

    text: str
    differs: bool = False
    gap: bool = False


LONG_VALUE = 12  # words: a longer value is trimmed
CONTEXT = 3  # words kept either side of a difference


def trimmed(value: str, others: list[str], limit: int | None = LONG_VALUE) -> list[Piece]:
    """``value`` as pieces, differing words marked; a value over ``limit`` words keeps only the words around its differences.

    A value no other source contradicts word by word (a single source) is shown
    whole up to ``limit`` words, then "…". With ``limit=None`` nothing is cut.
    """
    ws = words(value)
    flags = differing(value, others) if others else [False] * len(ws)
    if others and not any(flags):
        flags = [True] * len(ws)  # "Minister" beside "Foreign Minister": the value as a whole is what differs
    if limit is None:
        limit = len(ws)
    keep = [False] * len(ws)
    if any(flags) and len(ws) > limit:
        for i, d in enumerate(flags):
            if d:
                for j in range(max(0, i - CONTEXT), min(len(ws), i + CONTEXT + 1)):
                    keep[j] = True
    else:
        keep = [i < limit for i in range(len(ws))]
    pieces: list[Piece] = []
    for i, w in enumerate(ws):
        if not keep[i]:
            if not pieces or not pieces[-1].gap:
                pieces.append(Piece("…", gap=True))
            continue
        if pieces and not pieces[-1].gap and pieces[-1].differs == flags[i]:
            pieces[-1] = Piece(pieces[-1].text + " " + w, flags[i])
        else:
            pieces.append(Piece(w, flags[i]))
    return pieces


SENTENCE_RADIUS = 4  # words kept either side of the value in a sentence excerpt


def excerpt(sentence: str, value: str | None, radius: int = SENTENCE_RADIUS) -> tuple[str, str, str]:
    """``(before, value, after)`` of a one-line sentence, each side cut to ``radius`` words with "…".

    The value is found case-insensitively; a sentence without it gives
    ``("", "", sentence)`` cut after ``2 * radius`` words. A value longer than
    ``LONG_VALUE`` words keeps its first and last words around a "…": the value
    cell shows its differences.
    """
    sentence = re.sub(r"\s+", " ", sentence).strip()
    needle = re.sub(r"\s+", " ", value or "").strip()
    i = sentence.lower().find(needle.lower()) if needle else -1
    if i < 0:
        ws = sentence.split(" ")
        return "", "", " ".join(ws[: 2 * radius]) + (" …" if len(ws) > 2 * radius else "")
    before, mid, after = sentence[:i], sentence[i : i + len(needle)], sentence[i + len(needle) :]
    bw, aw = before.split(" "), after.split(" ")
    if len(bw) > radius + 1:
        before = "… " + " ".join(bw[-radius - 1 :])
    if len(aw) > radius + 1:
        after = " ".join(aw[: radius + 1]) + " …"
    mw = mid.split(" ")
    if len(mw) > LONG_VALUE:
        mid = " ".join(mw[:3]) + " … " + " ".join(mw[-2:])
    return before, mid, after


def full_value(e: Evidence, values: list[str]) -> str:
    """The finding's value this evidence shows, whole: a quote whose first words the evidence names, say."""
    if not e.value:
        return ""
    short, sentence = _key_all(e.value), _key_all(e.text)
    best = e.value
    for v in values:
        whole = _key_all(v)
        if whole.startswith(short) and whole in sentence and len(v) > len(best):
            best = v
    return best


# --- the laid-out report -----------------------------------------------------------------------------------------


@dataclass
class Row:
    """One sentence of one document that a finding rests on, with every line it appears on."""

    evidence: Evidence  # the first place
    path: str  # shown path
    value: str  # the whole value, "" when the place has none
    pieces: list[Piece]  # the value, differing words marked, trimmed around them
    whole: list[Piece]  # the value, differing words marked, uncut
    also: list[int] = field(
        default_factory=list
    )  # further lines of the same document with the same sentence and value

    @property
    def where(self) -> str:
        return f"{self.path}:{self.evidence.line}:{self.evidence.column}"


@dataclass
class Item:
    """One finding as shown: its number, its anchor and its rows."""

    number: int
    finding: Finding
    anchor: str
    story: int
    rows: list[Row]

    @property
    def values(self) -> list[str]:
        """The distinct values of its rows, in row order."""
        seen: dict[str, None] = {}
        for r in self.rows:
            if r.value:
                seen.setdefault(r.value, None)
        return list(seen)

    def by_value(self) -> list[list[Row]]:
        """The rows grouped by what they say (values equal word for word).

        Groups in question come first ("Nurleu" before the "Nurtleu" the suggestion
        names), then in row order.
        """
        groups: dict[str, list[Row]] = {}
        for r in self.rows:
            groups.setdefault(_key_all(r.value), []).append(r)
        disputed = set(self.finding.disputed)
        return sorted(groups.values(), key=lambda g: not any(r.evidence in disputed for r in g))

    @property
    def conflict(self) -> bool:
        """Whether the sources say different things (two or more distinct values)."""
        return len({_key_all(v) for v in self.values}) > 1


@dataclass
class Story:
    number: int
    title: str
    paths: list[str]  # its documents' paths, as the report holds them
    items: list[Item]
    label: str = ""  # its main names and date range (stories.label)


@dataclass
class View:
    report: Report
    root: str  # the folder shown paths are relative to, "" when they are as typed
    paths: dict[str, str]
    stories: list[Story]

    @property
    def items(self) -> list[Item]:
        return [i for s in self.stories for i in s.items]

    def path(self, p: str) -> str:
        return self.paths.get(p, p)


# --- a finding about a draft: its value above the archive's ---------------------------------------------------


def _standing(v: DraftView, document: str) -> str:
    """How one archive source stands to a draft's value: "agrees", "disagrees", "says less" or ""."""
    return (
        "agrees"
        if document in v.agree
        else "disagrees"
        if document in v.disagree
        else "says less"
        if document in v.less
        else ""
    )


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
                if word_key(other) != word_key(v.value):
                    shown.setdefault((_standing(v, e.document), other), []).append(e.document)
        order = {"disagrees": 0, "says less": 1, "agrees": 2, "": 3}
        for (how, other), docs in sorted(
            shown.items(), key=lambda kv: (order[kv[0][0]], -len(set(kv[1])), kv[0][1])
        ):
            names = sorted({label(d, [e.document for e in f.evidence]) for d in docs})
            more = f" (+{len(names) - 1} more)" if len(names) > 1 else ""
            # what the archive says instead goes unmarked; a source that only says less, or agrees in other words, is marked
            lines.append(f"{names[0]}{more}{f' ({how})' if how in ('says less', 'agrees') else ''}: {other}")
    return lines


def rows(f: Finding, paths: dict[str, str]) -> list[Row]:
    """The evidence of ``f`` collapsed: the same sentence and value on several lines of one document is one row."""
    out: list[Row] = []
    index: dict[tuple, Row] = {}
    values = [full_value(e, list(f.values)) for e in f.evidence]
    distinct = list(dict.fromkeys(v for v in values if v))
    for e, v in zip(f.evidence, values):
        key = (e.document, " ".join(e.text.split()), v)
        if key in index:
            if e.line != index[key].evidence.line and e.line not in index[key].also:
                index[key].also.append(e.line)
            continue
        others = [o for o in distinct if _key_all(o) != _key_all(v)]
        row = Row(
            e,
            paths.get(e.document, e.document),
            v,
            trimmed(v, others) if v else [],
            trimmed(v, others, limit=None) if v else [],
        )
        index[key] = row
        out.append(row)
    return out


PARAGRAPH_CHARS = 1600


def paragraph(doc: Document | None, sentence: str) -> tuple[str, str, str]:
    """``(before, sentence, after)``: the paragraph (block) of ``doc`` that holds ``sentence``, on one line.

    Whitespace is normalised, as it is in evidence. A paragraph over
    ``PARAGRAPH_CHARS`` characters is cut around the sentence; a sentence found
    in no block stands alone.
    """
    sentence = " ".join(sentence.split())
    if doc is not None and sentence:
        for span in doc.blocks or [Span(0, len(doc.text))]:
            block = " ".join(doc.text[span.start : span.end].split())
            i = block.find(sentence)
            if i >= 0:
                before, after = block[:i], block[i + len(sentence) :]
                if len(before) > PARAGRAPH_CHARS // 2:
                    before = "… " + before[-(PARAGRAPH_CHARS // 2) :].split(" ", 1)[-1]
                if len(after) > PARAGRAPH_CHARS // 2:
                    after = after[: PARAGRAPH_CHARS // 2].rsplit(" ", 1)[0] + " …"
                return before, sentence, after
    return "", sentence, ""


def by_story(report: Report) -> list[tuple[list[str], list[Finding]]]:
    """Findings under the story of their primary evidence document, stories in document order."""
    named = {d.path for d in report.documents} | {e.document for f in report.findings for e in f.evidence}
    stories = report.stories or [sorted(named)]
    story_of = {p: i for i, story in enumerate(stories) for p in story}
    groups: list[list[Finding]] = [[] for _ in stories]
    for f in report.findings:
        groups[story_of.get(f.primary.document, 0)].append(f)
    return list(zip(stories, groups))


def view(report: Report) -> View:
    """The report laid out: stories, findings numbered in reading order (story, then severity), rows collapsed."""
    every = [d.path for d in report.documents] + [e.document for f in report.findings for e in f.evidence]
    root, paths = relative_paths(every)
    titles = {d.path: d.title for d in report.documents}
    stories: list[Story] = []
    n = 0
    for number, (story, found) in enumerate(by_story(report), 1):
        items = []
        for severity in reversed(SEVERITIES):
            for f in found:
                if f.severity == severity:
                    n += 1
                    items.append(Item(n, f, f"finding-{n}", number, rows(f, paths)))
        lead = titles.get(story[0]) if story else None
        labels = report.story_labels
        stories.append(
            Story(
                number,
                flat(lead or (paths.get(story[0], story[0]) if story else "")),
                list(story),
                items,
                flat(labels[number - 1]) if number <= len(labels) else "",
            )
        )
    return View(report, root, paths, stories)
