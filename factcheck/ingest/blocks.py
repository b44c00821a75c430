"""Text -> blocks (paragraphs or lines), without boilerplate; the title and dateline are taken on the way."""

from __future__ import annotations

import re

from ..extract import published
from ..extract.dates import find_temporals
from ..models import Document, Span
from .boilerplate import Boilerplate
from .markers import SUPPRESS_LINE
from .markup import MD_PREFIX


def _lines(text: str) -> list[Span]:
    """Non-blank lines as spans without their surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append(Span(m.start() + lead, m.start() + len(line.rstrip())))
    return spans


def raw_blocks(text: str, start: int = 0, markdown: bool = False) -> list[Span]:
    """Split text into blocks: paragraphs of wrapped text, or single lines.

    A file written one paragraph per line (most scraped articles) gets one block
    per line. Hard-wrapped prose, where most lines run close to one width, gets one
    block per blank-line paragraph, except that a short line with no final stop
    (a heading) is a block of its own.
    """
    lines = [
        s for s in _lines(text) if s.start >= start and not SUPPRESS_LINE.fullmatch(text, s.start, s.end)
    ]
    if markdown:
        lines = _markdown_lines(text, lines)
    if not lines:
        return []
    lengths = [s.end - s.start for s in lines]
    width = max(lengths)
    near = sum(1 for n in lengths if n >= 0.6 * width)
    wrapped = 40 <= width <= 120 and len(lines) >= 4 and near >= 0.5 * len(lines)
    if not wrapped:
        return lines
    return _paragraphs(text, lines, width)


def _markdown_lines(text: str, lines: list[Span]) -> list[Span]:
    """Markdown lines without HTML comments, each cut after its heading, quote or list marker; empty ones dropped."""
    lines = [s for s in lines if not text[s.start : s.end].lstrip().startswith("<!--")]
    trimmed = []
    for s in lines:
        m = MD_PREFIX.match(text, s.start, s.end)
        cut = m.end() if m else s.start
        if text[cut : s.end].strip():
            trimmed.append(Span(cut, s.end))
    return trimmed


def _paragraphs(text: str, lines: list[Span], width: int) -> list[Span]:
    """Hard-wrapped lines joined into blocks at blank lines and after each short line."""
    blocks: list[Span] = []
    current: Span | None = None
    previous_short = False
    for s in lines:
        gap = current is not None and "\n\n" in text[current.end : s.start].replace("\r", "").replace(
            " ", ""
        ).replace("\t", "")
        # A short line ends its paragraph: it is a heading or a paragraph's last line.
        if current is not None and (gap or previous_short):
            blocks.append(current)
            current = None
        current = s if current is None else Span(current.start, s.end)
        previous_short = (s.end - s.start) < 0.6 * width
    if current is not None:
        blocks.append(current)
    return blocks


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def analyse_blocks(
    doc: Document, candidates: list[Span], boilerplate: Boilerplate, find_title: bool, find_date: bool
) -> None:
    """Keep the blocks that are reporting; take the title and dateline on the way."""
    kept: list[Span] = []
    previous: str | None = None
    for index, span in enumerate(candidates):
        text = doc.text[span.start : span.end].strip()
        if boilerplate.matches(text, index):
            continue
        if boilerplate.drop_repeated and previous is not None and _norm(text) == previous:
            continue  # a headline or byline printed twice
        wants_date = index < boilerplate.head_size and find_date and doc.date is None
        wants_title = find_title and doc.title is None and len(text) <= 200
        dateline = published.head_date(text) if wants_date or wants_title else None
        if wants_date and dateline:
            doc.date = dateline
            continue
        if wants_title and not dateline:
            doc.title = " ".join(text.split())
        previous = _norm(text)
        kept.append(span)
    doc.blocks = kept
    if find_date and doc.date is None and kept:
        _date_from_lead(doc, kept)


def _date_from_lead(doc: Document, kept: list[Span]) -> None:
    """Date ``doc`` from a dateline opening one of its first two kept blocks, warning when its year was inferred."""
    # "CAIRO – 5 August 2020: The toll..." dates the report in its first paragraph
    years = [t.value.year for t in find_temporals(doc.text) if t.kind == "absolute" and t.value.year]
    for span in kept[:2]:
        lead = published.lead_dateline(doc.text[span.start : span.end], years)
        if lead:
            doc.date = lead[0]
            if lead[1]:
                doc.warnings.append(
                    f"{doc.path}: publication date {lead[0]} read from the dateline, its year inferred from the text"
                )
            break
