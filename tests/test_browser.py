"""The HTML report in a real browser: Debian's chromium driven by Playwright (``factcheck.report.browser``).

Skipped, with the reason, only when chromium or Playwright is missing and
``FACTCHECK_REQUIRE_BROWSER`` is unset; CI (``.ci/run``) installs chromium and
sets it, so there a missing browser fails instead of passing silently.
"""

from __future__ import annotations

import importlib.util
import os
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.report import browser

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

if not browser.available():
    reason = f"chromium ({browser.CHROMIUM}) or playwright is not installed: apt-get install chromium; pip install playwright"
    if os.environ.get("FACTCHECK_REQUIRE_BROWSER"):
        pytest.fail(f"FACTCHECK_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

HOSTILE = (
    "Summit in Astana\n"
    "Foreign Minister Murat Nurtleu met the ambassador in Astana on 21 August 2024.\n\n"
    'Minister Murat Nurleu said <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> '
    '<svg onload="window.pwned = 3"></svg> [click](javascript:window.pwned=4) '
    '<a href="javascript:window.pwned=5">link</a> <iframe src="https://example.org/"></iframe> '
    "\x1b[2J\x1b[32m0 error(s)\x1b[0m \u202eevil\u202c.\n"
)
HOSTILE_NAMES = ["<img src=x onerror=alert(1)>`x`.md", "evil\nname.txt", "\u202etxt.exe.md"]


@pytest.fixture(scope="module")
def chromium():
    with browser.chromium() as b:
        yield b


def scan_html(paths: list[str], out: Path, cache: Path) -> Path:
    result = CliRunner().invoke(
        cli,
        ["scan", *paths, "--format", "html", "-o", str(out), "--cache-dir", str(cache), "--fail-on", "never"],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory, cache_dir) -> Path:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return scan_html(["seeds"], tmp_path_factory.mktemp("html") / "seeds.html", cache_dir)
    finally:
        os.chdir(cwd)


def open_page(chromium, path: Path):
    """A page with ``path`` loaded, and what it did: console errors, page errors, requests and dialogs."""
    page = chromium.new_page(viewport=browser.VIEWPORT)
    seen = {"console": [], "errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, seen


def test_seeds_page_loads_with_no_console_error_and_no_request(chromium, seeds_html):
    page, seen = open_page(chromium, seeds_html)
    assert seen["console"] == [] and seen["errors"] == []
    assert seen["requests"] == [seeds_html.resolve().as_uri()]  # the page itself, nothing else
    # The script ran under the page's own Content-Security-Policy: the filters are shown.
    assert page.locator("#filters").is_visible()
    cards = page.locator("article.card").count()
    assert cards > 0 and page.locator("#shown").inner_text() == f"{cards} of {cards} findings shown"
    assert page.locator("h1").inner_text() == "factcheck report"
    page.close()


def test_filters_hide_and_show_cards_from_the_keyboard(chromium, seeds_html):
    page, _ = open_page(chromium, seeds_html)
    cards = page.locator("article.card")
    total = cards.count()
    info = page.locator("article.card[data-severity=info]").count()
    assert 0 < info < total
    box = page.locator("input[name=severity][value=info]")
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    assert page.locator("article.card[data-severity=info]:visible").count() == 0
    assert page.locator("article.card:visible").count() == total - info
    assert page.locator("#shown").inner_text() == f"{total - info} of {total} findings shown"
    # A check filter narrows further; "Show all" brings every card back.
    check = page.locator("article.card[data-severity=error]").first.get_attribute("data-check")
    page.locator(f"input[name=check][value='{check}']").uncheck()
    assert page.locator(f"article.card[data-check='{check}']:visible").count() == 0
    page.locator("#all").click()
    assert page.locator("article.card:visible").count() == total
    # Unticking the only story hides every card and the story section itself.
    page.locator("input[name=story]").first.uncheck()
    assert page.locator("section.story:visible").count() == 0
    page.close()


def test_a_click_on_a_place_shows_the_sentence_in_its_paragraph(chromium, seeds_html):
    page, _ = open_page(chromium, seeds_html)
    place = page.locator("article.card details").first
    paragraph = place.locator(".paragraph")
    assert not paragraph.is_visible()
    place.locator("summary").click()
    assert paragraph.is_visible()
    sentence = paragraph.locator("mark").inner_text()
    assert sentence and sentence in paragraph.inner_text() and len(paragraph.inner_text()) >= len(sentence)
    page.close()


def test_hostile_corpus_renders_inert(chromium, tmp_path, cache_dir):
    spec = importlib.util.spec_from_file_location("make_bad", DATA / "make_bad.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bad = module.make()
    names = tmp_path / "names"
    names.mkdir()
    for name in HOSTILE_NAMES:
        (names / name).write_text(HOSTILE, encoding="utf-8")
    out = scan_html([str(bad), str(names)], tmp_path / "hostile.html", cache_dir)
    text = out.read_text(encoding="utf-8")
    assert "Nurleu" in text  # the hostile article did produce findings, so its text is on the page
    page, seen = open_page(chromium, out)
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["console"] == []
    assert seen["requests"] == [out.resolve().as_uri()]
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img, svg, iframe, object, embed").count() == 0
    assert page.locator("script").count() == 1  # the report's own
    assert page.locator("a[href^='javascript:' i]").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    body = page.locator("body").inner_text()
    assert "\x1b" not in body and "\u202e" not in body and "\\x1b[2J" in body and "\\u202e" in body
    page.close()


def test_screenshot_of_a_report(chromium, tmp_path, seeds_html):
    png = tmp_path / "shot.png"
    browser.screenshot(chromium, seeds_html, png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (browser.VIEWPORT["width"], browser.VIEWPORT["height"])


def test_committed_screenshot_is_a_png_of_the_page():
    data = (ROOT / "reports" / "seeds.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == browser.VIEWPORT["width"]


# The Markdown report before it was made compact rendered the same 15 seeds findings 7,949 px tall
# (530 px each; 3,949 px now, measured with `python -m factcheck.report.browser --height`). The
# bound leaves room for the checks' own wording to change while catching a return to the old layout.
MAX_HEIGHT_PER_FINDING = 300


def test_markdown_report_stays_compact(chromium):
    text = (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")
    findings = sum(1 for line in text.splitlines() if line.startswith("### "))
    assert findings and browser.markdown_height(chromium, text) <= MAX_HEIGHT_PER_FINDING * findings


def test_print_drops_the_controls(chromium, seeds_html):
    page, _ = open_page(chromium, seeds_html)
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert page.locator(".counts").is_visible()
    page.close()


def test_dark_theme_follows_the_system(chromium, seeds_html):
    page, _ = open_page(chromium, seeds_html)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light == "rgb(255, 255, 255)" and dark != light
    page.close()


def test_page_is_no_wider_than_a_phone_and_dates_do_not_wrap_on_a_desktop(chromium, seeds_html):
    # At 390 px (a phone) the documents table and the story filter once made the page 528 px wide.
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(seeds_html.resolve().as_uri())
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at a 390 px viewport"
    page.close()
    # At 1280 px a date cell is one line: "2024-08-23" never breaks at its hyphens.
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(seeds_html.resolve().as_uri())
    page.wait_for_load_state("load")
    heights = page.evaluate("""() => [...document.querySelectorAll('td, th, time, .date')]
        .filter(e => /^\\s*\\d{4}-\\d\\d(-\\d\\d)?\\s*$/.test(e.textContent))
        .map(e => { const r = document.createRange(); r.selectNodeContents(e);
                    return [e.textContent.trim(), r.getClientRects().length]; })""")
    assert heights and all(lines == 1 for _, lines in heights), heights
    page.close()
