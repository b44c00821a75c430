"""The Markdown report: what an editor reads, compact enough for a terminal at 100 columns.

A line of totals; the contents, one line per severity with its counts by check
and a link to each finding; then one section per story with its documents and
its findings, errors first. Each finding has a heading with a severity marker,
one paragraph with what disagrees, the suggestion and the id, and the places it
rests on. Where the sources disagree that is a table with one row per value,
the words that differ from the other sources in bold and a long quote trimmed
around them; otherwise one line per place. A sentence repeated on several lines
of one document is one place ("also at lines 18, 20"); places beyond
``MAX_PLACES`` per value or ``MAX_ROWS`` per finding are listed by location
below ("2 more places folded: ..."), so every place stays in the report.

Everything that comes from an article or a file name is made inert: HTML
characters become entities, Markdown marks are backslash-escaped, and control
characters are written as visible escapes (``factcheck.escapes.visible``).
"""

from __future__ import annotations

import html
import re

from ..models import Report
from .view import Item, Piece, Row, View, comparison, diff_marks, excerpt, flat, plural, view

MAX_ROWS = 3  # places listed for a finding whose sources agree on its value
MAX_PLACES = 2  # places listed beside one value of a conflict
MARKERS = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")


def _inline(text: str) -> str:
    # HTML characters as entities first, so no tag, comment or autolink can form; then Markdown marks.
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def escape(text: str) -> str:
    """Source text made inert on one line: controls escaped visibly, HTML entities, backslashes before Markdown marks.

    A leading "-", "+", "=" or "1." is escaped too, so a message cannot start a list or a heading.
    """
    out = _inline(flat(text))
    out = re.sub(r"^([-+=])", r"\\\1", out)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)


def code(text: str, in_table: bool = False) -> str:
    """``text`` as a code span that no backtick in it can close; pipes escaped where a table would split on them."""
    text = flat(text)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{text}{fence}"


def pieces(ps: list[Piece]) -> str:
    """A value's pieces, the differing words in bold."""
    out = []
    for p in ps:
        out.append("…" if p.gap else f"**{escape(p.text)}**" if p.differs else escape(p.text))
    return " ".join(out)


def mark(sentence: str, value: str | None) -> str:
    """The escaped sentence around the first occurrence of ``value``, the value in bold (``view.excerpt``)."""
    before, mid, after = excerpt(flat(sentence), flat(value) if value else None)
    if not mid:
        return escape(after)
    return f"{_inline(before)}**{_inline(mid)}**{_inline(after)}"


class Slugger:
    """GitHub's heading anchors: lower case, punctuation and symbols dropped, spaces to hyphens, repeats numbered."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def slug(self, heading: str) -> str:
        base = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        n = self.seen.get(base, 0)
        self.seen[base] = n + 1
        return base if n == 0 else f"{base}-{n}"


def _heading_text(markdown: str) -> str:
    # The text GitHub slugs: what the heading renders as, escapes and emphasis removed.
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown.replace("**", "")))


def _where(row: Row, in_table: bool = False) -> str:
    also = (
        f" also at {'line' if len(row.also) == 1 else 'lines'} {', '.join(map(str, row.also))}"
        if row.also
        else ""
    )
    return code(row.where, in_table=in_table) + also


def finding_block(item: Item, heading: str) -> list[str]:
    """A finding: heading; what disagrees, the suggestion and the id; then its places, some folded."""
    f = item.finding
    # a word diff in the message reads as struck-out and bold words, not as raw [-off-] {+away+} marks
    said = " ".join(
        escape(t) if op == "=" else f"~~{escape(t)}~~" if op == "-" else f"**{escape(t)}**"
        for op, t in diff_marks(f.message)
        if t.strip()
    )
    if f.suggestion:
        said += f" · **Suggestion:** {_inline(flat(f.suggestion))}"
    lines = [f"### {heading}", "", f"{said} · id {code(f.id)}"]
    folded = []
    if f.timeline:
        # A moving figure: one row per report, in time order.
        lines += ["", "| as of | value | where |", "|---|---|---|"]
        shown = {r.evidence.document: r.path for r in item.rows}
        lines += [
            f"| {escape(step['time'])} | {escape(step['value'])} | "
            f"{code(shown.get(step['document'], step['document']) + ':' + str(step['line']), in_table=True)} |"
            for step in f.timeline
        ]
    elif item.conflict:
        # Sources that disagree: one row per value, the differing words in bold, with the first
        # sentence that says it and up to MAX_PLACES places; further places are listed below.
        lines += ["", "| value | where | sentence |", "|---|---|---|"]
        folded = []
        for group in item.by_value():
            first = group[0]
            places = ", ".join(_where(r, in_table=True) for r in group[:MAX_PLACES])
            folded += group[MAX_PLACES:]
            lines.append(
                f"| {pieces(first.pieces)} | {places} | {mark(first.evidence.text, first.value or first.evidence.value)} |"
            )
    else:
        # Nothing to compare: each place on a line of its own (a hard line break), its value in bold.
        shown, folded = item.rows[:MAX_ROWS], item.rows[MAX_ROWS:]
        for row in shown:
            lines[-1] += "\\"
            lines.append(f"↳ {_where(row)}: {mark(row.evidence.text, row.value or row.evidence.value)}")
    lines.append("")
    if folded:
        places = "; ".join(_where(r) + (f" ({pieces(r.pieces)})" if r.pieces else "") for r in folded)
        lines += [f"{plural(len(folded), 'more place')} folded: {places}", ""]
    if f.drafts:  # the draft's value above the archive's, one labelled line each, as a literal block
        lines += [f"    {flat(line)}" for line in comparison(f)] + [""]
    return lines


def render(report: Report, color: bool = False) -> str:
    v: View = view(report)
    slugger = Slugger()
    total_sentences = sum(report.sentence_counts.values())
    s = report.summary()
    out = [
        "# factcheck report",
        "",
        f"{plural(len(report.documents), 'document')}, {plural(total_sentences, 'sentence')}: "
        f"{plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, {s['info']} info."
        + (f" Paths are relative to {code(v.root + '/')}." if v.root else ""),
        "",
    ]
    slugger.slug("factcheck report")
    first_section = len(out)
    out += _not_reported(report)
    if report.errors or report.warnings:
        out += _problems(report)
        slugger.slug("Files not read or read with a warning")
    # Headings are slugged in the order they are written: the contents' anchor before the stories'.
    if v.items:
        slugger.slug("Contents")
    body, contents = _story_sections(report, v, slugger)
    out[first_section:first_section] = [*_contents(v, contents), ""] if contents else []
    out += body
    quiet = sorted(
        {d.path for d in report.documents} - {p for story in v.stories if story.items for p in story.paths}
    )
    if quiet:
        out += ["## Documents without findings", "", *documents_list(report, v, quiet), ""]
    if len(v.stories) > 1:
        out += _stories(v)
    return "\n".join(out)


def _not_reported(report: Report) -> list[str]:
    """The counts of findings set aside, and a folded list of the suppressed ones with where and why."""
    out: list[str] = []
    aside = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(report.set_aside.items()) if n)
    if aside:
        out += [f"Not reported: {aside} (see the editor's guide in the README).", ""]
    if report.suppressed:
        out += ["<details><summary>Not reported, with where and why</summary>", ""]
        out += [
            f"- {code(s.where)} {escape(s.check)} · {escape(s.subject)}: {escape(s.why)} (id {code(s.id)})"
            for s in report.suppressed
        ]
        out += ["", "</details>", ""]
    return out


def _problems(report: Report) -> list[str]:
    """The section listing files not read (errors) and files read with a warning."""
    out = ["## Files not read or read with a warning", ""]
    out += [f"- error: {escape(e)}" for e in report.errors]
    out += [f"- warning: {escape(w)}" for w in report.warnings]
    out.append("")
    return out


def _story_sections(
    report: Report, v: View, slugger: Slugger
) -> tuple[list[str], dict[tuple[int, str], list[str]]]:
    """Each story with findings as a section, and (story, severity) -> the links to its findings for the contents."""
    body: list[str] = []
    contents: dict[tuple[int, str], list[str]] = {}
    for story in v.stories:
        if not story.items:
            continue
        heading = f"Story {story.number}: {escape(story.title)}"
        slugger.slug(_heading_text(heading))
        body += [
            f"## {heading}",
            "",
            *([f"*{escape(story.label)}*", ""] if story.label else []),
            *documents_list(report, v, story.paths),
            "",
        ]
        # Findings come errors first; the marker in each heading says the severity.
        for item in story.items:
            f = item.finding
            heading = f"{item.number}. {MARKERS[f.severity]} · {f.check} · {escape(f.subject)}"
            anchor = slugger.slug(_heading_text(heading))
            contents.setdefault((story.number, f.severity), []).append(
                f"[{item.number}. {f.check} · {escape(f.subject)}](#{anchor})"
            )
            body += finding_block(item, heading)
    return body, contents


def _contents(v: View, contents: dict[tuple[int, str], list[str]]) -> list[str]:
    """The contents: one line per story and severity with its counts by check and its findings' links."""
    # The findings' links side by side (a list of links one per line would be the longest part of a short report).
    summary = ["## Contents", ""]
    several = len([story for story in v.stories if story.items]) > 1
    for (number, severity), links in contents.items():
        found = [
            i.finding
            for story in v.stories
            if story.number == number
            for i in story.items
            if i.finding.severity == severity
        ]
        checks = sorted({f.check for f in found})
        counts = ", ".join(f"{c} {sum(1 for f in found if f.check == c)}" for c in checks)
        total = plural(len(found), severity) if severity != "info" else f"{len(found)} info"
        summary.append(
            f"- {f'Story {number}: ' if several else ''}{MARKERS[severity].split()[0]} **{total}** ({counts}): "
            + " · ".join(links)
        )
    return summary


def _stories(v: View) -> list[str]:
    """Which articles were read as one story: checks compare documents of one story only."""
    out = ["## Stories", ""]
    out += [
        f"- Story {s.number}{f' ({escape(s.label)})' if s.label else ''}: "
        + ", ".join(code(v.path(p)) for p in s.paths)
        for s in v.stories
    ]
    out.append("")
    return out


def documents_list(report: Report, v: View, paths: list[str]) -> list[str]:
    """One line per document: its path, title, date and number of sentences."""
    docs = {d.path: d for d in report.documents}
    lines = []
    for p in sorted(paths):
        d = docs.get(p)
        title, date = (d.title, d.date) if d else (None, None)
        lines.append(
            f"- {code(v.path(p))} · {escape(title or '(no title)')} · {escape(date or 'undated')} · "
            f"{plural(report.sentence_counts.get(p, 0), 'sentence')}"
        )
    return lines
