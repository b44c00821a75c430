"""One Source -> one Document: decode, read the markup, find the blocks, the title, the date and the markers."""

from __future__ import annotations

import datetime as _dt

from ..extract import published
from ..extract.dates import parse_date
from ..files import InputError
from ..models import Document, Span
from .blocks import analyse_blocks, raw_blocks
from .boilerplate import Boilerplate
from .decode import decode
from .discover import HTML_SUFFIXES, MARKDOWN_SUFFIXES, Source, problem
from .markers import line_markers, scopes
from .markup import fences, front_matter, html_text, title_span


def _calendar_date(iso: str) -> bool:
    """Whether ``iso`` (YYYY-MM-DD) names a real day: front matter may say 2024-02-30."""
    try:
        _dt.date.fromisoformat(iso)
        return True
    except (TypeError, ValueError):
        return False


def parse_source(source: Source, boilerplate: Boilerplate) -> Document:
    """One Source's bytes into a Document, or raise InputError (no text to check, binary data).

    Only ``source.data`` is read: the file is not opened again. Any other failure
    while parsing (the standard HTML parser asserts on ``<![foo``, for one) becomes
    an InputError naming the file and the reason, so one document never ends a scan.
    """
    try:
        return _parse(source, boilerplate)
    except InputError:
        raise
    except Exception as exc:  # per-document isolation: whatever a hostile file triggers stays with that file
        raise InputError(problem(source.display, exc, source.named).line) from None


def _parse(source: Source, boilerplate: Boilerplate) -> Document:
    name = source.display
    text, warnings = decode(source.data, name)
    if not text.strip():
        raise InputError(f"{name}: empty file; nothing to check", kind="empty")
    if source.suffix in HTML_SUFFIXES:
        doc, candidates, markers = _html(name, text, warnings)
    elif source.suffix in MARKDOWN_SUFFIXES:
        doc, candidates, markers = _markdown(name, text, warnings)
    else:
        doc = Document(path=name, source=text, text=text, warnings=warnings)
        candidates, markers = raw_blocks(text), line_markers(text)
    analyse_blocks(doc, candidates, boilerplate, find_title=doc.title is None, find_date=doc.date is None)
    if doc.date is not None and not _calendar_date(doc.date):
        doc.warnings.append(f"{name}: publication date {doc.date!r} is not a calendar date; ignored")
        doc.date = None
    doc.suppressions = scopes(doc, markers)
    if not doc.blocks:
        raise InputError(f"{name}: no text to check after removing markup and boilerplate", kind="empty")
    return doc


def _html(name: str, source: str, warnings: list[str]) -> tuple[Document, list[Span], list]:
    """An HTML page's Document (its visible text, mapped back), candidate blocks and marker comments."""
    text, smap, title, date, markers = html_text(source)
    doc = Document(
        path=name, source=source, text=text, title=title, date=date, source_map=smap, warnings=warnings
    )
    return doc, raw_blocks(text), markers


def _markdown(name: str, text: str, warnings: list[str]) -> tuple[Document, list[Span], list]:
    """A Markdown file's Document (title and date from its front matter), candidate blocks and marker lines."""
    meta, body = front_matter(text)
    title = meta.get("title")
    date = parse_date(meta["date"]) if meta.get("date") else published.url_date(str(meta.get("url") or ""))
    doc = Document(
        path=name,
        source=text,
        text=text,
        title=str(title) if title else None,
        date=date,
        warnings=warnings,
    )
    candidates = raw_blocks(text, start=body, markdown=True)
    opening = text[candidates[0].start : candidates[0].end].lstrip("# \t") if candidates else ""
    if " ".join(opening.split()) != " ".join((doc.title or "").split()):
        # unless the body opens with it ("# Title")
        candidates = title_span(text, body, doc.title) + candidates
    # A marker is an instruction in the rendered text: front matter is metadata and a
    # fenced code block is shown as code, so neither silences anything.
    return doc, candidates, line_markers(text, body, fences(text, body))
