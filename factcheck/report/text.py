"""One line per finding, like a compiler: ``path:line:col: severity check message``.

Each finding is reported at its first place in question; its other places follow
on indented lines so that editors and CI logs can jump to every one, then a
``suggestion:`` line. A finding whose message does not name its value (a
single-source claim) names it after the message.

Nothing from a file name or an article reaches the terminal as a control
character: newlines, ESC, C1 controls and bidi overrides are written as visible
escapes (``\\n``, ``\\x1b``, ``\\u202e``), so a file name cannot forge a line or a
summary and an article cannot clear the screen. Colour is only for the severity
word, only on a terminal, and never when ``NO_COLOR`` is set.
"""

from __future__ import annotations

import os

import click

from ..models import Report
from .view import comparison, flat, trimmed

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def colour_wanted(stream) -> bool:
    """Whether output to ``stream`` may be coloured: a terminal, and no ``NO_COLOR`` (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _named(message: str, value: str | None) -> str:
    """The message, followed by the claim's value (shortened) when the message does not contain it."""
    if not value or flat(value).casefold() in message.casefold():
        return message
    pieces = trimmed(value, [])
    return f'{message}: "{" ".join(p.text for p in pieces)}"'


def render(report: Report, color: bool = False) -> str:
    color = color and not os.environ.get("NO_COLOR")
    lines = []
    for f in report.findings:
        first = f.primary if f.evidence else None
        where = f"{flat(first.document)}:{first.line}:{first.column}" if first else "-"
        severity = click.style(f.severity, fg=_COLOURS[f.severity], bold=True) if color else f.severity
        lines.append(
            f"{where}: {severity} {f.check} {_named(flat(f.message), first.value if first else None)}"
        )
        for e in f.evidence:
            if e is first:
                continue
            lines.append(f"    {flat(e.document)}:{e.line}:{e.column}: {flat(e.value or e.text[:60])}")
        if f.drafts:  # the draft's value above the archive's, one labelled line each (view.comparison)
            lines += [f"    {flat(line)}" for line in comparison(f)]
        if f.suggestion:
            lines.append(f"    suggestion: {flat(f.suggestion)}")
    s = report.summary()
    tail = f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
    aside = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(report.set_aside.items()) if n)
    lines.append(tail + (f"; not reported: {aside}" if aside else ""))
    return "\n".join(lines) + "\n"
