"""One line per finding, like a compiler: ``path:line:col: severity check message``.

Each finding is reported at its first evidence location; the other places follow
on indented lines so that editors and CI logs can jump to every one.
"""

from __future__ import annotations

import click

from ..models import Report

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report: Report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        first = f.primary if f.evidence else None
        where = f"{first.document}:{first.line}:{first.column}" if first else "-"
        severity = click.style(f.severity, fg=_COLOURS[f.severity], bold=True) if color else f.severity
        lines.append(f"{where}: {severity} {f.check} {' '.join(f.message.split())}")
        for e in f.evidence:
            if e is first:
                continue
            lines.append(f"    {e.document}:{e.line}:{e.column}: {' '.join((e.value or e.text[:60]).split())}")
    s = report.summary()
    tail = f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
    aside = ", ".join(f"{n} {k}" for k, n in sorted(report.set_aside.items()) if n)
    lines.append(tail + (f"; not reported: {aside}" if aside else ""))
    return "\n".join(lines) + "\n"
