"""The one-line-per-finding text format."""

from __future__ import annotations

import re

from factcheck.models import Evidence, Finding, Report
from factcheck.report import text


def report() -> Report:
    claim = "The plant employs 1,200 people and exported goods worth $153.07 million to Belarus in 2023, the ministry said."
    single = Finding(
        "single-source",
        "info",
        "A check-worthy claim that only b.txt makes",
        "only in b.txt",
        ["$153.07 million"],
        [Evidence("b.txt", 7, 40, claim, "$153.07 million")],
        "Confirm with a second source.",
    )
    vague = Finding(
        "vague-date",
        "warning",
        "Vague date: 'In May' names no year",
        "In May",
        ["In May"],
        [Evidence("a.txt", 3, 1, "In May the talks began.", "In May")],
        "Name the date in full.",
    )
    return Report(documents=[], findings=[vague, single])


def test_every_finding_has_a_suggestion_line():
    lines = text.render(report()).splitlines()
    assert lines[0].startswith("a.txt:3:1: warning vague-date Vague date: 'In May' names no year")
    assert lines[1] == "    suggestion: Name the date in full."
    assert lines[3] == "    suggestion: Confirm with a second source."


def test_single_source_line_names_the_claim():
    line = text.render(report()).splitlines()[2]
    assert (
        line == 'b.txt:7:40: info single-source A check-worthy claim that only b.txt makes: "$153.07 million"'
    )


def test_a_message_that_names_its_value_is_left_alone():
    assert "names no year: " not in text.render(report())


def test_colour_only_for_the_severity_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = text.render(report(), color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"(?:\x1b\[[0-9;]*m)+(error|warning|info)\x1b\[0m", r"\1", coloured) == text.render(
        report()
    )
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in text.render(report(), color=True)


def test_colour_wanted_needs_a_terminal_and_no_no_color(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert text.colour_wanted(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not text.colour_wanted(Tty())
    monkeypatch.delenv("NO_COLOR")
    assert not text.colour_wanted(object())
