from markdown_it import MarkdownIt

from factcheck.models import Evidence, Finding, Report
from factcheck.report import json as json_report, markdown


def hostile_report():
    text = "He said <script>alert(1)</script> and <img src=x onerror=alert(2)> then [x](javascript:alert(3)) | *bold*"
    f = Finding(
        check="vague-date",
        severity="warning",
        message="Vague date: 'June of that year'",
        subject="<b>June</b>",
        values=["June of that year"],
        evidence=[Evidence("a.txt", 3, 4, text, "alert(1)")],
        suggestion="[fix](javascript:x)",
    )
    return Report(documents=[], findings=[f], sentence_counts={})


def test_markdown_renders_source_text_inert():
    html = MarkdownIt("commonmark").enable("table").render(markdown.render(hostile_report()))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript:' not in html


def test_markdown_has_contents_then_evidence_with_file_line():
    text = markdown.render(hostile_report())
    assert text.index("## Contents") < text.index("### 1. 🟠 warning · vague-date")
    assert "`a.txt:3:4`" in text


def test_json_contract_keys():
    import json

    data = json.loads(json_report.render(hostile_report()))
    # The original contract first, unchanged; keys are only ever added after it.
    assert list(data)[:4] == ["schema", "documents", "findings", "summary"]
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0}
    original = ["id", "check", "severity", "message", "subject", "values", "evidence", "suggestion"]
    assert list(data["findings"][0])[:8] == original
    assert list(data["findings"][0])[8:] == ["story"]  # added later: the story the finding is reported under


def test_committed_seeds_report_renders_clean():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "reports" / "seeds.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    headings = [
        t.content
        for t in tokens
        if t.type == "inline" and t.map and text.splitlines()[t.map[0]].startswith("#")
    ]
    assert headings[:2] == ["factcheck report", "Contents"]
