"""The HTML report's markup, without a browser (tests/test_browser.py opens it in one)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from factcheck.models import Document, Evidence, Finding, Report
from factcheck.report import html

ROOT = Path(__file__).resolve().parent.parent
QUOTE_A = "The time is not far off when you will come to Russia and ask for help."
QUOTE_B = "The time is not far away when you will come to the same Russia and ask for help."


def quote_report() -> Report:
    a = f"Headline\n\nLukashenko said: “{QUOTE_A}” The talks ended.\n"
    b = f"Other headline\n\n“{QUOTE_B}” he said.\n"
    docs = [
        Document(path="news/a.txt", source=a, text=a, title="A"),
        Document(path="news/b.txt", source=b, text=b, title="B"),
    ]
    f = Finding(
        "quote-mismatch",
        "warning",
        "A quote from Lukashenko is worded differently",
        "Lukashenko",
        [QUOTE_A, QUOTE_B],
        [
            Evidence("news/a.txt", 3, 18, f"Lukashenko said: “{QUOTE_A}”", "The time is not far off"),
            Evidence("news/b.txt", 3, 2, f"“{QUOTE_B}” he said.", "The time is not far away"),
        ],
        "Check the quote against the original statement or recording.",
    )
    return Report(documents=docs, findings=[f], sentence_counts={"news/a.txt": 2, "news/b.txt": 2})


def test_committed_seeds_html_equals_a_fresh_render(run_cli):
    result = run_cli("scan", "seeds", "--format", "html", "--fail-on", "never")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "reports" / "seeds.html").read_text(encoding="utf-8")


def test_csp_allows_exactly_the_inline_style_and_script():
    page = html.render(quote_report())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert (
        "default-src 'none'" in csp
        and f"style-src {digest(style)}" in csp
        and f"script-src {digest(script)}" in csp
    )
    assert "unsafe-inline" not in csp and "img-src 'none'" in csp


def test_self_contained_with_no_external_reference():
    page = html.render(quote_report())
    assert " src=" not in page and "url(" not in page and "@import" not in page
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page))


def test_conflict_sources_side_by_side_with_a_word_diff():
    page = html.render(quote_report())
    columns = re.findall(r'<section class="source"><h4>([^<]+)</h4>', page)
    assert columns == ["a.txt", "b.txt"]
    assert "<b>off</b>" in page and "<b>away</b>" in page
    assert "<del>off</del>" in page and "<ins>away</ins>" in page and "<ins>the same</ins>" in page


def test_a_place_opens_onto_its_paragraph():
    page = html.render(quote_report())
    assert page.count('<p class="paragraph">') == 2
    assert f"<mark>Lukashenko said: “{QUOTE_A}”</mark> The talks ended." in page


def test_cards_carry_what_the_filters_read_and_severity_is_not_colour_only():
    page = html.render(quote_report())
    assert (
        '<article class="card warning" id="finding-1" data-severity="warning" data-check="quote-mismatch" data-story="1"'
        in page
    )
    assert '<span class="sev warning"><span aria-hidden="true">▲</span> warning</span>' in page
    assert '<input type="checkbox" name="story" value="1" checked>' in page


def test_rendering_is_deterministic():
    assert html.render(quote_report()) == html.render(quote_report())


def test_word_diff_only_for_quotes_with_a_legend_naming_each_source_and_marks_drawn():
    from factcheck.models import Document, Evidence, Finding, Report
    from factcheck.report import html

    a, b = (
        "The time is not far off when you will come to Russia.",
        "The time is not far away when you will come to Russia.",
    )
    docs = [
        Document(path="a.txt", source=f"T\n{a}\n", text=f"T\n{a}\n"),
        Document(path="b.txt", source=f"T\n{b}\n", text=f"T\n{b}\n"),
    ]
    quote = Finding(
        "quote-mismatch",
        "warning",
        "A quote is worded differently: not far [-off-] {+away+}",
        "Lukashenko",
        [a, b],
        [Evidence("a.txt", 2, 1, a, a), Evidence("b.txt", 2, 1, b, b)],
    )
    title = Finding(
        "title-conflict",
        "error",
        "m",
        "Jane Roe",
        ["Deputy Minister of Foreign Affairs", "First Deputy Minister of Defence"],
        [
            Evidence("a.txt", 2, 1, a, "Deputy Minister of Foreign Affairs"),
            Evidence("b.txt", 2, 1, b, "First Deputy Minister of Defence"),
        ],
    )
    page = html.render(Report(documents=docs, findings=[quote, title]))
    assert page.count('class="diff"') == 1  # the quote's, not the title's
    assert "Word diff (<del>a.txt</del> <ins>b.txt</ins>)" in page
    assert "not far <del>off</del> <ins>away</ins>" in page and "[-off-]" not in page
