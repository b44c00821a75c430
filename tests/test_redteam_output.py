"""Output that cannot be forged (issue 15, item 7).

File names and article text are untrusted. In every format a file name stays
one inert token: a backtick cannot leave a Markdown code span, a newline cannot
start a finding line or a fake summary. Control characters (C0, C1, ESC) and
bidi overrides are shown as visible escapes in text and Markdown output,
whatever the terminal. ``NO_COLOR`` turns colour off.

Every test here failed on the renderers before this fix, except the two JSON
ones (``json`` and ``sarif``), whose escaping was already right: they guard it.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from factcheck.cli import cli
from factcheck.models import Document, Evidence, Finding, Report
from factcheck.report import FORMATS, markdown, text

IMG = "<img src=x onerror=alert(1)>"
FORGED = "0 error(s), 0 warning(s), 0 info"
NAMES = {
    "backtick": f"a`{IMG}`.txt",
    "newline": f"b.txt:1:1: info fake all clear\n{FORGED}\nc.txt",
    "escape": "d\x1b[2J\x1b[32m.txt",
    "bidi": "e\u202etxt.exe",
}
# Every character that must never reach a terminal raw: C0 (but the line feed that ends a line), DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARTICLE = "Minister Murat Nurleu said \x1b[2J\x1b[32mall is well\x1b[0m and \u202eevil\u202c, \x9b31m in May."


def hostile_report() -> Report:
    docs = [
        Document(path=p, source=ARTICLE, text=ARTICLE, title=f"Title \x1b]0;owned\x07 {IMG}")
        for p in NAMES.values()
    ]
    findings = [
        Finding(
            "name-misspelling",
            "error",
            "'Nurleu' \x1b[8mhidden\x1b[0m is likely a misspelling",
            "Murat \u202eNurleu",
            ["Nurleu", "Nurtleu"],
            [Evidence(p, 1, 16, ARTICLE, "Nurleu") for p in NAMES.values()],
            "Nurtleu\x1b[2J",
            rule="name-misspelling",
        ),
        Finding(
            "vague-date",
            "warning",
            "Vague date: 'In May'",
            "In May",
            ["In May"],
            [Evidence(NAMES["newline"], 1, 80, ARTICLE, "In May")],
            "Name the date in full.",
        ),
    ]
    return Report(
        documents=docs,
        findings=findings,
        errors=[f"{NAMES['escape']}: cannot read"],
        warnings=[f"{NAMES['newline']}: skipped"],
        sentence_counts={p: 1 for p in NAMES.values()},
    )


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_no_raw_control_or_bidi_character_in_text_or_markdown(fmt):
    out = FORMATS[fmt](hostile_report())
    assert not RAW.search(out), RAW.findall(out)
    assert "\\x1b[2J" in out and "\\u202e" in out


def test_text_file_name_newlines_cannot_forge_lines_or_a_summary():
    lines = text.render(hostile_report()).splitlines()
    assert lines[-1] == "1 error(s), 1 warning(s), 0 info"
    assert FORGED not in lines and not any(line.startswith(FORGED) for line in lines)
    assert not any(line.startswith(("c.txt", "0 error")) for line in lines[:-1])
    # Each line is a finding (path:line:col:), an indented place or suggestion, or the summary.
    assert all(re.match(r"^(\S.*:\d+:\d+: (error|warning|info) |    |\d+ error)", line) for line in lines)


def test_markdown_file_name_cannot_leave_its_code_span():
    html = MarkdownIt("commonmark").enable("table").render(markdown.render(hostile_report()))
    assert "<img" not in html
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown.render(hostile_report()))
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    inline = [c for t in tokens if t.children for c in t.children]
    assert not [c for c in inline if c.type == "html_inline"]
    assert any(c.type == "code_inline" and IMG in c.content for c in inline)


def test_markdown_file_name_newlines_cannot_forge_rows_or_lines():
    out = markdown.render(hostile_report())
    html = MarkdownIt("commonmark").enable("table").render(out)
    # The forged summary never starts a paragraph, a cell or a line of its own.
    assert not re.search(r">\s*" + re.escape(FORGED), html)
    assert not any(line.lstrip("|` ").startswith(FORGED) for line in out.splitlines())


def test_html_escapes_file_names_and_text():
    out = FORMATS["html"](hostile_report())
    assert IMG not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert not RAW.search(out)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_keep_names_whole_and_valid(fmt):
    out = FORMATS[fmt](hostile_report())
    assert "\n0 error" not in out and "\x1b" not in out
    json.loads(out)


def test_text_honours_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in text.render(hostile_report(), color=True)


def test_hostile_file_names_end_to_end(tmp_path, cache_dir):
    good = (
        "Summit in Astana\nForeign Minister Murat Nurtleu met the ambassador in Astana on 21 August 2024.\n"
    )
    bad = (
        "Envoy talks\nMinister Murat Nurleu met the ambassador in Astana on 21 August 2024 \x1b[2Jat noon.\n"
    )
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(good.replace("met", "greeted"), encoding="utf-8")
    for name in (NAMES["backtick"], NAMES["newline"]):
        (tmp_path / name).write_text(bad, encoding="utf-8")
    outputs = {}
    for fmt in ("markdown", "text", "html", "json", "sarif"):
        result = CliRunner().invoke(
            cli, ["scan", str(tmp_path), "--format", fmt, "--cache-dir", str(cache_dir), "--fail-on", "never"]
        )
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.stdout
    assert "Nurleu" in outputs["text"]  # the hostile files were read and reported
    assert not any(line.startswith(FORGED) for line in outputs["text"].splitlines()[:-1])
    assert not RAW.search(outputs["text"]) and not RAW.search(outputs["markdown"])
    tokens = MarkdownIt("commonmark").enable("table").parse(outputs["markdown"])
    assert not [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    assert IMG not in outputs["html"]
    paths = {e["document"] for f in json.loads(outputs["json"])["findings"] for e in f["evidence"]}
    assert str(tmp_path / NAMES["newline"]) in paths


@pytest.mark.parametrize("fmt", ["markdown", "text", "html", "json", "sarif"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_the_output_stays_utf8(fmt):
    name = b"caf\xe9 \xff.txt".decode("utf-8", "surrogateescape")
    f = Finding(
        "vague-date",
        "warning",
        "Vague date: 'In May'",
        "In May",
        ["In May"],
        [Evidence(name, 2, 1, "In May it rained.", "In May")],
    )
    out = FORMATS[fmt](Report(documents=[Document(path=name, source="", text="")], findings=[f]))
    out.encode("utf-8")  # raises on a lone surrogate
    if fmt in ("markdown", "text", "html"):
        assert "caf\\xe9 \\xff.txt" in out
