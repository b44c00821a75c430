"""Markup read as text: HTML's visible text (with a map back to the source), Markdown's front matter and fences.

HTML comments that are ``factcheck: ignore`` markers are collected on the way (``markers``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml

from .. import safe_yaml
from ..extract.dates import parse_date
from ..models import Span
from .markers import SUPPRESS_LINE, named_checks

# Front matter is a few lines of metadata; anything larger or deeper is not an article's.
FRONT_MATTER_MAX_BYTES = 64_000
FRONT_MATTER_MAX_DEPTH = 20


class _VisibleText(HTMLParser):
    """Visible text of an HTML page with a map back to source offsets."""

    SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
    BLOCK = {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "figcaption",
        "figure",
        "title",
        "aside",
        "nav",
        "main",
        "dd",
        "dt",
        "hr",
    }

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
        self.parts: list[str] = []
        self.map: list[tuple[int, int]] = []
        self.length = 0
        self.skip_depth = 0
        self.title: str | None = None
        self.h1: str | None = None
        self.date: str | None = None
        self.suppressions: list[tuple[int, frozenset[str]]] = []
        self._capture: str | None = None
        self._captured: list[str] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n\n", self._offset())

    def _emit(self, text: str, source_offset: int) -> None:
        self.map.append((self.length, source_offset))
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and not self.date:
            prop = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if prop in ("article:published_time", "datepublished", "date", "pubdate", "dc.date"):
                self.date = parse_date(a.get("content") or "")
        if tag == "time" and not self.date and a.get("datetime"):
            self.date = parse_date(a["datetime"])
        if tag in self.SKIP:
            self.skip_depth += 1
            if tag == "head":
                self.skip_depth -= 1  # <head> only hides what it holds via its own children
        if tag in ("title", "h1"):
            self._capture, self._captured = tag, []
        if tag in self.BLOCK:
            self._newline()

    def handle_endtag(self, tag):
        if tag in self.SKIP and tag != "head" and self.skip_depth:
            self.skip_depth -= 1
        if tag == self._capture:
            text = " ".join("".join(self._captured).split())
            if tag == "title" and not self.title:
                self.title = text or None
            if tag == "h1" and not self.h1:
                self.h1 = text or None
            self._capture = None
        if tag in self.BLOCK:
            self._newline()

    def handle_comment(self, data):
        m = SUPPRESS_LINE.fullmatch(data.strip())
        if m:
            self.suppressions.append((self.length, named_checks(m.group("checks"))))

    def handle_data(self, data):
        if self._capture:
            self._captured.append(data)
        if self.skip_depth or self._capture == "title":
            return
        if data.strip():
            self._emit(data, self._offset())


def html_text(source: str) -> tuple[str, list[tuple[int, int]], str | None, str | None, list]:
    """Visible text, source map, title, date and suppression comments of an HTML page."""
    parser = _VisibleText(source)
    parser.feed(source)
    parser.close()
    return (
        "".join(parser.parts),
        parser.map or [(0, 0)],
        parser.h1 or parser.title,
        parser.date,
        parser.suppressions,
    )


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)


def front_matter(source: str) -> tuple[dict, int]:
    """YAML front matter of a Markdown file and the offset where the body starts.

    Front matter is untrusted: it is read with aliases bounded, nesting at most
    ``FRONT_MATTER_MAX_DEPTH`` deep and ``FRONT_MATTER_MAX_BYTES`` long, and with
    dates kept as text (``2024-02-30`` is then no date, not an error). Front matter
    that breaks any of these is read as text, like front matter that is not YAML.
    """
    m = _FRONT_MATTER.match(source)
    if not m or len(m.group(1)) > FRONT_MATTER_MAX_BYTES:
        return {}, 0
    try:
        data = safe_yaml.load(
            m.group(1), max_aliases=10, max_depth=FRONT_MATTER_MAX_DEPTH, max_nodes=10_000, timestamps=False
        )
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return {}, 0
    return (data if isinstance(data, dict) else {}), m.end()


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)


def fences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block after ``start``: from a ``` or ~~~ line to its closing fence.

    As CommonMark says, the closing fence uses the same character, at least as many
    times; a block left open runs to the end of the text.
    """
    spans = []
    pos = start
    while True:
        m = _FENCE.search(text, pos)
        if not m:
            return spans
        fence = m.group(1)
        line_end = text.find("\n", m.end())
        if line_end < 0:
            spans.append((m.start(), len(text)))
            return spans
        close = re.compile(
            r"^[ ]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*\r?$", re.MULTILINE
        )
        c = close.search(text, line_end + 1)
        end = c.end() if c else len(text)
        spans.append((m.start(), end))
        pos = end


# Markdown prefixes that are markup, not words: headings, quotes, list bullets.
MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)+")


_TITLE_LINE = re.compile(r"""^title:[ \t]*(?P<q>["']?)(?P<value>[^\r\n]*?)(?P=q)[ \t]*\r?$""", re.MULTILINE)


def title_span(text: str, body: int, title: str | None) -> list[Span]:
    """The front-matter title's own characters, as a block: a headline is read like one in HTML.

    Only a one-line title written as it reads (no escapes, no folded lines) is taken,
    so the block's offsets point at exactly the characters the report quotes.
    """
    if not title:
        return []
    for m in _TITLE_LINE.finditer(text, 0, body):
        if m.group("value") == title:
            return [Span(m.start("value"), m.end("value"))]
    return []
