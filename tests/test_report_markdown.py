"""The compact Markdown report, on hand-built reports (no model needed)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from factcheck.models import Document, Evidence, Finding, Report
from factcheck.report import markdown
from factcheck.report.markdown import Slugger

QUOTE_A = "The time is not far off when you will come to Russia and ask for support and help."
QUOTE_B = "The time is not far away when you will come to the same Russia and ask for support and help."


def doc(path: str, title: str = "A title") -> Document:
    return Document(path=path, source="", text="", title=title, date="2024-08-23")


def quote_report(root: str = "corpus/") -> Report:
    evidence = [
        Evidence(f"{root}a.txt", 6, 2, f"“{QUOTE_A}", "The time is not far off"),
        Evidence(f"{root}a.txt", 17, 2, f"“{QUOTE_A}", "The time is not far off"),  # the pasted second copy
        Evidence(f"{root}b.txt", 13, 48, f"He said: {QUOTE_B}", "The time is not far away"),
    ]
    f = Finding(
        "quote-mismatch",
        "warning",
        "A quote from Lukashenko is worded differently",
        "Aleksandr Lukashenko",
        [QUOTE_A, QUOTE_B],
        evidence,
        "Check the quote against the original statement or recording.",
    )
    return Report(
        documents=[doc(f"{root}a.txt"), doc(f"{root}b.txt")],
        findings=[f],
        sentence_counts={f"{root}a.txt": 20},
    )


def render_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_repeated_sentence_is_one_row_also_at_its_other_lines():
    text = markdown.render(quote_report())
    assert "`a.txt:6:2` also at line 17" in text
    assert "a.txt:17:2" not in text


def test_value_cell_bolds_the_differing_words_and_trims_a_long_quote():
    text = markdown.render(quote_report())
    value_a = next(line for line in text.splitlines() if "`a.txt:6:2`" in line).split(" | ")[0]
    assert "**off**" in value_a and "…" in value_a and "ask for support" not in value_a
    value_b = next(line for line in text.splitlines() if "`b.txt:13:48`" in line).split(" | ")[0]
    assert "**away**" in value_b and "**the same**" in value_b


def test_contents_links_to_each_findings_heading_anchor():
    text = markdown.render(quote_report())
    links = re.findall(r"\]\(#([^)]+)\)", text)
    slugger = Slugger()
    anchors = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "inline" and token.map and text.splitlines()[token.map[0]].startswith("#"):
            plain = "".join(c.content for c in token.children if c.type in ("text", "code_inline"))
            anchors.append(slugger.slug(plain))
    assert links and set(links) <= set(anchors)


def test_each_severity_has_a_visible_marker():
    text = markdown.render(quote_report())
    assert "### 1. 🟠 warning · quote-mismatch · Aleksandr Lukashenko" in text
    assert "🟠 **1 warning** (quote-mismatch 1)" in text


def test_absolute_paths_are_shown_relative_to_their_common_folder():
    text = markdown.render(quote_report("/home/editor/news/corpus/"))
    assert "/home/editor" not in text.replace("Paths are relative to `/home/editor/news/corpus/`", "")
    assert "Paths are relative to `/home/editor/news/corpus/`" in text
    assert "`a.txt:6:2`" in text


def test_rows_are_not_padded_and_cells_stay_short():
    text = markdown.render(quote_report())
    assert "   " not in text
    for line in text.splitlines():
        if line.startswith("| "):
            for cell in line.strip("|").split(" | "):
                assert len(cell) < 200


def test_evidence_beyond_the_cap_is_folded_and_counted():
    evidence = [Evidence(f"d{i}.txt", i + 1, 1, f"In May number {i} happened.", "In May") for i in range(7)]
    f = Finding("vague-date", "warning", "Vague date: 'In May'", "In May", ["In May"], evidence, None)
    text = markdown.render(Report(documents=[doc(f"d{i}.txt") for i in range(7)], findings=[f]))
    assert f"{7 - markdown.MAX_ROWS} more places folded:" in text
    for i in range(7):  # every place is still named
        assert f"`d{i}.txt:{i + 1}:1`" in text


def test_conflict_rows_put_the_value_in_question_first():
    evidence = [
        Evidence("a.txt", 1, 5, "Murat Nurtleu spoke.", "Nurtleu"),
        Evidence("b.txt", 2, 5, "Murat Nurleu spoke.", "Nurleu"),
    ]
    f = Finding(
        "name-misspelling",
        "error",
        "'Nurleu' is likely a misspelling of 'Nurtleu'",
        "Murat Nurtleu",
        ["Nurleu", "Nurtleu"],
        evidence,
        "Nurtleu",
    )
    text = markdown.render(Report(documents=[doc("a.txt"), doc("b.txt")], findings=[f]))
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert rows[0].startswith("| **Nurleu** | `b.txt:2:5`") and rows[1].startswith(
        "| **Nurtleu** | `a.txt:1:5`"
    )


def test_committed_report_is_half_the_characters_per_finding_of_the_old_one():
    # The old seeds.md was 34,873 bytes for 16 findings; rendered height is measured in tests/test_browser.py.
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "reports" / "seeds.md").read_text(encoding="utf-8")
    findings = sum(1 for line in text.splitlines() if line.startswith("### "))
    assert len(text.encode()) <= 34_873 / 16 * findings / 2


def test_a_message_word_diff_is_struck_and_bold_not_raw_marks():
    from factcheck.models import Document, Evidence, Finding, Report
    from factcheck.report import markdown

    a, b = "The time is not far off.", "The time is not far away."
    f = Finding(
        "quote-mismatch",
        "warning",
        "A quote is worded differently: not far [-off-] {+away+}",
        "Lukashenko",
        [a, b],
        [Evidence("a.txt", 2, 1, a, a), Evidence("b.txt", 2, 1, b, b)],
    )
    out = markdown.render(
        Report(
            documents=[
                Document(path="a.txt", source="", text=""),
                Document(path="b.txt", source="", text=""),
            ],
            findings=[f],
        )
    )
    assert "not far ~~off~~ **away**" in out and "[-off-]" not in out and "{+away+}" not in out
