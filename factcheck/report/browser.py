"""Open an HTML report in Debian's Chromium through Playwright: for the screenshot and the browser tests.

Playwright (a test dependency) drives the system browser at ``CHROMIUM``; its
own browser downloads (``playwright install``) are never used, so nothing is
fetched. The browser runs with its background networking, updates and sync off.

    python -m factcheck.report.browser reports/seeds.html reports/seeds.png
    python -m factcheck.report.browser --height reports/seeds.md   # rendered height in px at 1280 px
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


def available() -> bool:
    """Whether the browser and Playwright are both installed."""
    import importlib.util

    if importlib.util.find_spec("playwright") is None:
        return False
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (a Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(browser, page_file: Path, png: Path, color_scheme: str = "light") -> None:
    """A screenshot of the top of ``page_file`` (one 1280 x 900 screen) in ``browser``, written to ``png``."""
    page = browser.new_page(viewport=VIEWPORT, color_scheme=color_scheme)
    try:
        page.goto(page_file.resolve().as_uri())
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png), full_page=False)
    finally:
        page.close()


# Close to how GitHub shows a Markdown file: a 1012 px column, 16 px text, tables as wide as their content.
MARKDOWN_STYLE = (
    "body{max-width:1012px;margin:0 auto;padding:32px;font:16px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}"
    "table{border-collapse:collapse;display:block;width:max-content;max-width:100%;overflow:auto}"
    "td,th{border:1px solid #ddd;padding:6px 13px}code{font-size:85%}"
    "h1,h2,h3{margin:24px 0 16px;line-height:1.25}p,ul,ol,table{margin:0 0 16px}"
)


def markdown_height(browser, markdown: str) -> int:
    """The height in pixels of ``markdown`` rendered (CommonMark with tables) in a 1280 px wide window."""
    from markdown_it import MarkdownIt

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.set_content(
            f"<style>{MARKDOWN_STYLE}</style>" + MarkdownIt("commonmark").enable("table").render(markdown)
        )
        return int(page.evaluate("document.documentElement.scrollHeight"))
    finally:
        page.close()


def main(argv: list[str]) -> int:
    if not available():
        print(
            f"factcheck: error: needs playwright (pip) and chromium at {CHROMIUM} (apt-get install chromium)",
            file=sys.stderr,
        )
        return 2
    if len(argv) >= 2 and argv[0] == "--height":
        with chromium() as browser:
            for name in argv[1:]:
                print(f"{name}: {markdown_height(browser, Path(name).read_text(encoding='utf-8'))} px")
        return 0
    if len(argv) != 2:
        print(
            "usage: python -m factcheck.report.browser REPORT.html OUT.png | --height REPORT.md ...",
            file=sys.stderr,
        )
        return 2
    with chromium() as browser:
        screenshot(browser, Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
