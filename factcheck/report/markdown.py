"""The Markdown report: what an editor reads.

A summary table first, then the findings by severity (errors first), each with
its evidence as a table of ``file:line`` and the sentence, the disputed value in
bold. Source text is escaped so that nothing in an article renders as HTML, a
link or Markdown structure.
"""

from __future__ import annotations

import html
import re

from tabulate import tabulate

from ..models import SEVERITIES, Finding, Report

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Source text made inert: HTML entities for <, >, &, and backslashes before Markdown marks."""
    return _escape(" ".join(str(text).split()))


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def mark(sentence: str, value: str | None) -> str:
    """The escaped sentence with the first occurrence of ``value`` in bold."""
    sentence = " ".join(sentence.split())
    if value:
        i = sentence.lower().find(" ".join(value.split()).lower())
        if i >= 0:
            j = i + len(" ".join(value.split()))
            return f"{_escape(sentence[:i])}**{_escape(sentence[i:j])}**{_escape(sentence[j:])}"
    return escape(sentence)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_table(report: Report) -> str:
    checks = sorted({f.check for f in report.findings})
    rows = []
    for check in checks:
        counts = [sum(1 for f in report.findings if f.check == check and f.severity == s) for s in reversed(SEVERITIES)]
        rows.append([check, *counts, sum(counts)])
    totals = report.summary()
    rows.append(["**total**", totals["error"], totals["warning"], totals["info"], len(report.findings)])
    return tabulate(rows, headers=["check", "error", "warning", "info", "total"], tablefmt="github")


def finding_block(n: int, f: Finding) -> str:
    lines = [f"#### {n}. {f.severity} · {f.check} · {escape(f.subject)}", "", escape(f.message), ""]
    rows = [[f"`{e.document}:{e.line}:{e.column}`", escape(e.value) if e.value else "", mark(e.text, e.value)] for e in f.evidence]
    lines.append(tabulate(rows, headers=["where", "value", "sentence"], tablefmt="github", disable_numparse=True))
    lines.append("")
    if f.suggestion:
        lines += [f"**Suggestion:** {escape(f.suggestion)}", ""]
    lines += [f"id `{f.id}`", ""]
    return "\n".join(lines)


def by_story(report: Report) -> list[tuple[list[str], list[Finding]]]:
    """Findings under the story of their primary evidence document, stories in document order."""
    named = {d.path for d in report.documents} | {e.document for f in report.findings for e in f.evidence}
    stories = report.stories or [sorted(named)]
    story_of = {p: i for i, story in enumerate(stories) for p in story}
    groups: list[list[Finding]] = [[] for _ in stories]
    for f in report.findings:
        groups[story_of.get(f.primary.document, 0)].append(f)
    return [(story, found) for story, found in zip(stories, groups)]


def render(report: Report, color: bool = False) -> str:
    total_sentences = sum(report.sentence_counts.values())
    s = report.summary()
    titles = {d.path: d.title for d in report.documents}
    out = [
        "# factcheck report",
        "",
        f"{_plural(len(report.documents), 'document')}, {_plural(total_sentences, 'sentence')}: "
        f"{_plural(s['error'], 'error')}, {_plural(s['warning'], 'warning')}, {s['info']} info.",
        "",
        "## Summary",
        "",
        summary_table(report),
        "",
    ]
    aside = ", ".join(f"{n} {k}" for k, n in sorted(report.set_aside.items()) if n)
    if aside:
        out += [f"Not reported: {aside} (see the editor's guide in the README).", ""]
    if report.errors or report.warnings:
        out += ["## Files not read or read with a warning", ""]
        out += [f"- error: {escape(e)}" for e in report.errors]
        out += [f"- warning: {escape(w)}" for w in report.warnings]
        out.append("")
    grouped = by_story(report)
    # Number findings in reading order: story, then severity, then the findings' own order.
    ordered = [(story, severity, f) for story, found in grouped for severity in reversed(SEVERITIES)
               for f in found if f.severity == severity]
    if ordered:
        out += ["## Contents", ""]
        out += [f"{n}. {f.severity} · {f.check} · {escape(f.subject)} (`{f.primary.document}:{f.primary.line}`)"
                if f.evidence else f"{n}. {f.severity} · {f.check} · {escape(f.subject)}"
                for n, (_, _, f) in enumerate(ordered, 1)]
        out.append("")
    n = 0
    for number, (story, found) in enumerate(grouped, 1):
        if not found:
            continue
        lead = titles.get(story[0]) or story[0]
        out += [f"## Story {number}: {escape(lead)}", "", f"{_plural(len(story), 'document')}: " + ", ".join(f"`{p}`" for p in story), ""]
        for severity in reversed(SEVERITIES):
            group = [f for f in found if f.severity == severity]
            if not group:
                continue
            title = {"error": "Errors", "warning": "Warnings", "info": "Info"}[severity]
            out += [f"### {title}", ""]
            for f in group:
                n += 1
                out.append(finding_block(n, f))
    out += ["## Documents", ""]
    rows = [[f"`{d.path}`", escape(d.title or "(no title)"), d.date or "(undated)", report.sentence_counts.get(d.path, 0)]
            for d in sorted(report.documents, key=lambda d: d.path)]
    out.append(tabulate(rows, headers=["document", "title", "date", "sentences"], tablefmt="github", disable_numparse=True))
    out.append("")
    return "\n".join(out)
