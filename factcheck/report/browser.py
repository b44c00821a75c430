"""Open an HTML report in Debian's Chromium through Playwright: for the screenshot and the browser tests.

Playwright (a test dependency) drives the system browser at ``CHROMIUM``; its
own browser downloads (``playwright install``) are never used, so nothing is
fetched. The browser runs with its background networking, updates and sync off.

    python -m factcheck.report.browser reports/seeds.html reports/seeds.png
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}


def available() -> bool:
    """Whether the browser and Playwright are both installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
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


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m factcheck.report.browser REPORT.html OUT.png", file=sys.stderr)
        return 2
    if not available():
        print(f"factcheck: error: needs playwright (pip) and chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    with chromium() as browser:
        screenshot(browser, Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
