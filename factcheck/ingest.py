"""Paths -> Documents: read, decode, strip markup and page boilerplate, find title and date.

Files are only ever opened for reading. Plain text and Markdown keep their text as
it is on disk, so every offset maps to itself; HTML keeps its visible text with a
map back to the source. What is analysed is a list of *blocks* (paragraphs or
lines) with the masthead, comment widgets, share buttons, datelines and repeated
headlines left out, as ``rules/boilerplate.yaml`` says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .extract import published
from .extract.dates import find_temporals, parse_date
from .models import Document, Span

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000


class InputError(Exception):
    """A file that cannot be read; the message is one line and names the file.

    ``skipped`` marks a file left out on purpose (over the size limit): a warning,
    not an error.
    """

    def __init__(self, message: str, skipped: bool = False) -> None:
        super().__init__(message)
        self.skipped = skipped


# "factcheck: ignore title-conflict" on a line of its own, bare or inside an HTML
# comment or behind a comment mark, silences those checks (all, if none are named)
# for the paragraph that follows.
SUPPRESS_LINE = re.compile(r"(?:<!--[ \t]*)?(?:#+|//|%|;)?[ \t]*factcheck:[ \t]*ignore\b(?P<checks>[^\n]*?)[ \t]*(?:-->)?", re.IGNORECASE)
SUPPRESS = re.compile(r"^[ \t]*" + SUPPRESS_LINE.pattern + r"[ \t]*$", re.MULTILINE | re.IGNORECASE)


def _checks(names: str) -> frozenset[str]:
    found = frozenset(n for n in re.split(r"[\s,]+", names.strip()) if n)
    return found or frozenset({"*"})


# ---------------------------------------------------------------- finding files


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Expand folders into the readable files below them.

    Returns the files, sorted so the scan does not depend on the file system's
    listing order, and one error line per argument that does not exist.
    """
    files: set[Path] = set()
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in p.rglob("*"):
                if any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue  # hidden folders (.git, .venv) and dotfiles are never articles
                if child.suffix.lower() in SUFFIXES - {""} and (child.is_file() or child.is_symlink()):
                    files.add(child)
        elif p.exists() or p.is_symlink():
            files.add(p)
        else:
            errors.append(f"{raw}: no such file or directory")
    return sorted(files, key=lambda f: f.as_posix()), errors


# ---------------------------------------------------------------- decoding


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Bytes -> text. UTF-8 (with or without BOM) first, then a detected encoding.

    Text that is mostly valid UTF-8 with a few broken bytes keeps UTF-8, with the
    bad bytes replaced. Returns the text and any warnings. Raises InputError for
    binary data.
    """
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), warnings
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig"), warnings
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (a bad paste) stays UTF-8: guessing a legacy
    # encoding for the whole file would garble every non-ASCII letter in it.
    if _UTF8_MULTIBYTE.search(data):
        lenient = data.decode("utf-8-sig", errors="replace")
        bad = lenient.count("\ufffd")
        warnings.append(f"{name}: {bad} invalid UTF-8 byte sequence(s) replaced")
        return lenient, warnings
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{name}: not valid UTF-8 and no encoding detected; undecodable bytes replaced")
        return text, warnings
    warnings.append(f"{name}: not UTF-8; read as {best.encoding}")
    return str(best), warnings


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """Read and decode one file, or raise InputError with a one-line reason."""
    name = path.as_posix()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: {size} bytes is over the size limit of {max_bytes} bytes; skipped", skipped=True)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    # Line endings are not rewritten, so offsets stay true to the file: a CRLF
    # file's "\r" stays in the text and is trimmed as white space.
    return decode(data, name)


# ---------------------------------------------------------------- markup


class _VisibleText(HTMLParser):
    """Visible text of an HTML page with a map back to source offsets."""

    SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
    BLOCK = {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
        "section", "article", "header", "footer", "blockquote", "pre", "figcaption", "figure",
        "title", "aside", "nav", "main", "dd", "dt", "hr",
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
            self.suppressions.append((self.length, _checks(m.group("checks"))))

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
    return "".join(parser.parts), parser.map or [(0, 0)], parser.h1 or parser.title, parser.date, parser.suppressions


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)


def front_matter(source: str) -> tuple[dict, int]:
    """YAML front matter of a Markdown file and the offset where the body starts."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return {}, 0
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, 0
    return (data if isinstance(data, dict) else {}), m.end()


# Markdown prefixes that are markup, not words: headings, quotes, list bullets.
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)+")


# ---------------------------------------------------------------- blocks


@dataclass
class Boilerplate:
    """Which blocks are page furniture rather than reporting (from ``rules/boilerplate.yaml``)."""

    lines: list[re.Pattern]
    head_lines: list[re.Pattern]
    head_size: int = 8
    drop_repeated: bool = True

    @classmethod
    def from_lexicon(cls, lex: dict) -> "Boilerplate":
        def compile_all(patterns):
            return [re.compile(p, re.IGNORECASE) for p in patterns]

        return cls(compile_all(lex["lines"]), compile_all(lex["head_lines"]), int(lex["head_size"]), bool(lex["drop_repeated"]))

    def matches(self, text: str, index: int) -> bool:
        if any(p.fullmatch(text) for p in self.lines):
            return True
        return index < self.head_size and any(p.fullmatch(text) for p in self.head_lines)


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
    lines = [s for s in _lines(text) if s.start >= start and not SUPPRESS_LINE.fullmatch(text, s.start, s.end)]
    if markdown:
        lines = [s for s in lines if not text[s.start:s.end].lstrip().startswith("<!--")]
        trimmed = []
        for s in lines:
            m = _MD_PREFIX.match(text, s.start, s.end)
            cut = m.end() if m else s.start
            if text[cut:s.end].strip():
                trimmed.append(Span(cut, s.end))
        lines = trimmed
    if not lines:
        return []
    lengths = [s.end - s.start for s in lines]
    width = max(lengths)
    near = sum(1 for n in lengths if n >= 0.6 * width)
    wrapped = 40 <= width <= 120 and len(lines) >= 4 and near >= 0.5 * len(lines)
    if not wrapped:
        return lines
    blocks: list[Span] = []
    current: Span | None = None
    previous_short = False
    for s in lines:
        gap = current is not None and "\n\n" in text[current.end:s.start].replace("\r", "").replace(" ", "").replace("\t", "")
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


def analyse_blocks(doc: Document, candidates: list[Span], boilerplate: Boilerplate, find_title: bool, find_date: bool) -> None:
    """Keep the blocks that are reporting; take the title and dateline on the way."""
    kept: list[Span] = []
    previous: str | None = None
    for index, span in enumerate(candidates):
        text = doc.text[span.start:span.end].strip()
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
        # "CAIRO – 5 August 2020: The toll..." dates the report in its first paragraph
        years = [t.value.year for t in find_temporals(doc.text) if t.kind == "absolute" and t.value.year]
        for span in kept[:2]:
            lead = published.lead_dateline(doc.text[span.start:span.end], years)
            if lead:
                doc.date = lead[0]
                if lead[1]:
                    doc.warnings.append(f"{doc.path}: publication date {lead[0]} read from the dateline, its year inferred from the text")
                break


def _scopes(doc: Document, markers: list[tuple[int, frozenset[str]]]) -> list[tuple[int, int, frozenset[str]]]:
    """(first line, last line, checks) of the paragraph each suppression marker covers: the next block."""
    scopes = []
    for offset, checks in markers:
        block = next((b for b in doc.blocks if b.start >= offset), None)
        if block is not None:
            scopes.append((doc.position(block.start)[0], doc.position(max(block.end - 1, block.start))[0], checks))
    return scopes


def load_document(path: Path, boilerplate: Boilerplate, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> Document:
    """Read one file into a Document, or raise InputError."""
    source, warnings = read_text(path, max_bytes)
    name = display or path.as_posix()
    suffix = path.suffix.lower()
    if not source.strip():
        raise InputError(f"{name}: empty file; nothing to check")
    if suffix in HTML_SUFFIXES:
        text, smap, title, date, markers = html_text(source)
        doc = Document(path=name, source=source, text=text, title=title, date=date, source_map=smap, warnings=warnings)
        candidates = raw_blocks(text)
    elif suffix in MARKDOWN_SUFFIXES:
        meta, body = front_matter(source)
        title = meta.get("title")
        date = parse_date(meta["date"]) if meta.get("date") else published.url_date(str(meta.get("url") or ""))
        doc = Document(path=name, source=source, text=source, title=str(title) if title else None, date=date, warnings=warnings)
        candidates = raw_blocks(source, start=body, markdown=True)
        markers = [(m.end(), _checks(m.group("checks"))) for m in SUPPRESS.finditer(source)]
    else:
        doc = Document(path=name, source=source, text=source, warnings=warnings)
        candidates = raw_blocks(source)
        markers = [(m.end(), _checks(m.group("checks"))) for m in SUPPRESS.finditer(source)]
    analyse_blocks(doc, candidates, boilerplate, find_title=doc.title is None, find_date=doc.date is None)
    doc.suppressions = _scopes(doc, markers)
    if not doc.blocks:
        raise InputError(f"{name}: no text to check after removing markup and boilerplate")
    return doc
