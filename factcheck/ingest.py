"""Paths -> Sources -> Documents: find, read once, decode, strip markup and page boilerplate.

Files are only ever opened for reading, and only regular files are read: a symlink
is followed only to a regular file, never to a FIFO, device or socket, and the size
limit is checked on the opened descriptor before a bounded read. Each file is read
exactly once into a :class:`Source` (its bytes and their sha256); the memo key, the
parse-cache key and the parser all use those same bytes, so a file that changes
mid-scan can never be cached under the hash of other bytes.

Plain text and Markdown keep their text as it is on disk, so every offset maps to
itself; HTML keeps its visible text with a map back to the source. What is analysed
is a list of *blocks* (paragraphs or lines) with the masthead, comment widgets,
share buttons, datelines and repeated headlines left out, as
``rules/boilerplate.yaml`` says.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import regex
import yaml

from .config import DEFAULT_MAX_BYTES
from .files import InputError, display_name, read_bytes
from . import safe_yaml
from .extract import published
from .extract.dates import find_temporals, parse_date
from .models import Document, Span

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
# Front matter is a few lines of metadata; anything larger or deeper is not an article's.
FRONT_MATTER_MAX_BYTES = 64_000
FRONT_MATTER_MAX_DEPTH = 20


@dataclass(frozen=True)
class Problem:
    """One input that was not analysed, as data: the file, why, and whether it was named.

    A file named on the command line (not found inside a folder) that is not
    analysed, for any reason, fails the scan: ``fatal`` says so, and the CLI takes
    its exit code from this flag, never from the message text.
    """

    file: str  # display name, valid UTF-8
    reason: str  # one line, without the file name
    kind: str  # "missing", "unreadable", "empty", "skipped"
    named: bool = False

    @property
    def fatal(self) -> bool:
        return self.named

    @property
    def is_error(self) -> bool:
        """An error line (else a warning): everything but a file inside a folder skipped on purpose."""
        return self.fatal or self.kind != "skipped"

    @property
    def line(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass(frozen=True)
class Source:
    """One input file, read once: where it is, how it is shown, and the exact bytes analysed."""

    path: Path  # as found; a non-UTF-8 name keeps its bytes as surrogates (os.fsencode gives them back)
    display: str  # the name reports show: valid UTF-8, undecodable bytes escaped as \\xNN
    data: bytes
    sha256: str
    named: bool = False  # given on the command line rather than found in a folder

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


@dataclass
class Inputs:
    """What ``discover`` found: the sources read, the inputs not read, and which sources are drafts."""

    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    drafts: set[str] = field(default_factory=set)  # display names of the sources under the scanned PATHS


def _checks(names: str) -> frozenset[str]:
    found = frozenset(n for n in re.split(r"[\s,]+", names.strip()) if n)
    return found or frozenset({"*"})


# "factcheck: ignore title-conflict" on a line of its own, bare or inside an HTML
# comment or behind a comment mark, silences those checks (all, if none are named)
# for the paragraph that follows.
SUPPRESS_LINE = re.compile(
    r"(?:<!--[ \t]*)?(?:#+|//|%|;)?[ \t]*factcheck:[ \t]*ignore\b(?P<checks>[^\n]*?)[ \t]*(?:-->)?",
    re.IGNORECASE,
)
SUPPRESS = re.compile(r"^[ \t]*" + SUPPRESS_LINE.pattern + r"[ \t]*$", re.MULTILINE | re.IGNORECASE)


# ---------------------------------------------------------------- reading


# A report or baseline written into a scanned folder must not come back as an article; but
# a draft is never skipped for merely *mentioning* a report (a "factcheck-report/1" in an
# HTML comment): only text that parses as a report, in one of the formats factcheck
# writes, is one.
_HTML_REPORT = re.compile(
    rb'\A<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    rb'<meta http-equiv="Content-Security-Policy" content="[^"<>]*">[^<>]*(?:<meta [^<>]*>)*'
    rb'<meta name="generator" content="factcheck"><title>factcheck report</title><style>'
)
_MARKDOWN_REPORT = re.compile(rb"\A# factcheck report\r?\n\r?\n\d+ documents?, \d+ sentences?: ")
_TEXT_SUMMARY = re.compile(rb"\d+ error\(s\), \d+ warning\(s\), \d+ info(?:; not reported: .*)?")
_TEXT_LINE = re.compile(rb"(?:.*:\d+:\d+: (?:error|warning|info) .*|    .*)")
BASELINE_SCHEMAS = ("factcheck-baseline/2", "factcheck-baseline/1")


def _json_report(data: bytes) -> bool:
    """Whether ``data`` is a JSON report valid against the shipped schema, a factcheck SARIF log or a baseline."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    if not isinstance(doc, dict):
        return False
    if doc.get("schema") == "factcheck-report/1":
        import jsonschema

        from .report.json import schema

        try:
            jsonschema.validate(doc, schema())
        except (jsonschema.ValidationError, RecursionError):
            return False
        return True
    if doc.get("schema") in BASELINE_SCHEMAS:
        return isinstance(doc.get("findings"), list) and all(isinstance(e, dict) for e in doc["findings"])
    runs = doc.get("runs")
    return (
        doc.get("version") == "2.1.0"
        and isinstance(runs, list)
        and len(runs) == 1
        and isinstance(runs[0], dict)
        and isinstance(runs[0].get("tool"), dict)
        and isinstance(runs[0]["tool"].get("driver"), dict)
        and runs[0]["tool"]["driver"].get("name") == "factcheck"
        and isinstance(runs[0].get("results"), list)
    )


def is_report(data: bytes) -> bool:
    """Whether ``data`` is a factcheck report or baseline, read as one; never from a marker string alone.

    JSON parses and validates against the report schema (or is a baseline, or a
    SARIF log whose tool is factcheck); the HTML report opens with the head factcheck
    writes; the Markdown report opens with its title and counts; the text report is
    finding lines (``path:line:col: severity ...``, evidence and suggestions
    indented) over a count line. A draft that only carries one of these strings (in a
    comment, say) is an article and is judged.
    """
    if data.lstrip()[:1] == b"{":
        return _json_report(data)
    if _HTML_REPORT.match(data) or _MARKDOWN_REPORT.match(data):
        return True
    body = data.rstrip(b"\n")
    if not _TEXT_SUMMARY.fullmatch(body.rpartition(b"\n")[2]):
        return False  # the usual case, decided from the last line alone
    lines = body.split(b"\n", 200)[:-1]
    return all(_TEXT_LINE.fullmatch(line) for line in lines[:200])


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, named: bool = False) -> Source:
    """Read one file into a Source, or raise InputError (reports and baselines are skipped)."""
    display = display_name(path)
    data = read_bytes(path, max_bytes, display)
    if is_report(data):
        raise InputError(
            f"{display}: a factcheck report or baseline, not an article; skipped", kind="skipped"
        )
    return Source(path, display, data, hashlib.sha256(data).hexdigest(), named)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk(folder: Path, follow_symlinks: bool = False) -> tuple[list[Path], list[Path]]:
    """Article files below ``folder``, and the symlinked files left out because they lead outside it.

    Hidden folders and files are left out and symlinked folders are not entered.
    A symlinked file is read only when it resolves inside ``folder`` (or with
    ``follow_symlinks``): a link in a scanned tree must not pull a file from
    elsewhere on the machine (credentials, keys) into a report. The walk keeps its
    own stack, so a tree of any depth costs no recursion (``os.walk`` raised
    RecursionError at about 1,000 levels); a folder that cannot be listed is passed
    over, as ``os.walk`` does.
    """
    found: list[Path] = []
    outside: list[Path] = []
    top = os.path.realpath(folder)
    stack = [os.fspath(folder)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as listing_:
                entries = list(listing_)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .git, .venv and dotfiles are never articles
            try:
                is_dir = entry.is_dir()  # follows a symlink, as os.walk does, to know a folder from a file
            except OSError:
                is_dir = False  # a symlink loop, say: a file to the walk, so its read fails with one line
            try:
                is_link = entry.is_symlink()
            except OSError:
                is_link = False
            if is_dir:
                if not is_link:
                    stack.append(entry.path)
                continue
            if os.path.splitext(entry.name)[1].lower() not in SUFFIXES - {""}:
                continue
            if is_link and not follow_symlinks and not _inside(os.path.realpath(entry.path), top):
                outside.append(Path(entry.path))
            else:
                found.append(Path(entry.path))
    return found, outside


def listing(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The article files ``paths`` name or hold, sorted, without reading them; and one line per missing path.

    For ``factcheck index --engine ray``, whose workers read the files themselves.
    """
    files: set[Path] = set()
    missing: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.update(_walk(p)[0])
        elif p.exists() or p.is_symlink():
            files.add(p)
        else:
            missing.append(f"{display_name(raw)}: no such file or directory")
    return sorted(files, key=lambda f: f.as_posix()), missing


def discover(
    paths: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    against: list[str] | tuple = (),
    follow_symlinks: bool = False,
) -> Inputs:
    """Expand folders into files and read each file once.

    ``paths`` are the articles to check (the drafts, with ``against``); ``against``
    are evidence. Sources come sorted by display name, so the scan does not depend
    on the file system's listing order. Every argument that does not exist, and every
    file that cannot be read, is a :class:`Problem`; files named directly are
    ``named``, so that any problem with them fails the scan. A symlinked file found
    in a folder that leads out of it is a Problem too (skipped, with a note), unless
    ``follow_symlinks``.
    """
    wanted: dict[str, tuple[Path, bool, bool]] = {}  # posix path -> (path, named, draft)
    problems: list[Problem] = []
    refused: dict[str, Problem] = {}  # symlinks found in a folder that lead out of it
    for is_draft, group in ((True, paths), (False, against)):
        for raw in group:
            p = Path(raw)
            if p.is_dir():
                children, outside = _walk(p, follow_symlinks)
                for link in outside:
                    refused[link.as_posix()] = Problem(
                        display_name(link),
                        f"a symbolic link to a file outside {display_name(raw)}; not read "
                        "(--follow-symlinks reads it)",
                        "skipped",
                    )
                for child in children:
                    key = child.as_posix()
                    old = wanted.get(key)
                    wanted[key] = (child, bool(old and old[1]), is_draft or bool(old and old[2]))
            elif p.exists() or p.is_symlink():
                key = p.as_posix()
                old = wanted.get(key)
                wanted[key] = (p, True, is_draft or bool(old and old[2]))
            else:
                problems.append(Problem(display_name(raw), "no such file or directory", "missing", True))
    problems += [refused[k] for k in sorted(refused) if k not in wanted]  # a link also named is read
    inputs = Inputs(problems=problems)
    for key in sorted(wanted):
        path, named, is_draft = wanted[key]
        try:
            source = read_source(path, max_bytes, named)
        except InputError as exc:
            inputs.problems.append(problem(display_name(path), exc, named))
            continue
        inputs.sources.append(source)
        if is_draft:
            inputs.drafts.add(source.display)
    return inputs


def problem(name: str, exc: BaseException, named: bool) -> Problem:
    """A Problem for the file ``name`` from an InputError (or any exception met while parsing it)."""
    if isinstance(exc, InputError):
        text, kind = str(exc), exc.kind
        reason = text[len(name) + 2 :] if text.startswith(f"{name}: ") else text
    else:
        kind = "unreadable"
        detail = " ".join(str(exc).split())[:200]
        reason = f"could not be parsed ({type(exc).__name__}{': ' + detail if detail else ''})"
    return Problem(name, display_name(reason), kind, named)


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
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError:  # a truncated or damaged UTF-16 file: keep what decodes
            warnings.append(f"{name}: invalid UTF-16 data replaced")
            return data.decode("utf-16", errors="replace"), warnings
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
    name = display_name(path)
    # Line endings are not rewritten, so offsets stay true to the file: a CRLF
    # file's "\r" stays in the text and is trimmed as white space.
    return decode(read_bytes(path, max_bytes, name), name)


# ---------------------------------------------------------------- markup


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


def _fences(text: str, start: int = 0) -> list[tuple[int, int]]:
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
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)+")


# ---------------------------------------------------------------- blocks


# A rule's regular expression gets this long per match: ample for any sane pattern
# on one block, and it stops a catastrophic one such as ``(a|aa)+$`` at once.
PATTERN_TIMEOUT = 0.25
# Patterns that cannot share one alternation: backreferences (group numbers would
# shift) and global inline flags (they would apply to every other pattern).
_ALONE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


class RulePatterns:
    """A rule key's regular expressions, each matched with a time limit; one that exceeds it is dropped.

    The patterns are joined into one alternation: one call with a timeout costs
    about what a single pattern does, where fourteen separate timed calls cost seven
    times plain ``re``. When the alternation times out, each pattern is tried
    alone on that text; one that exceeds the limit by itself is reported once and
    dropped. The alternation that timed out is not tried again for the rest of the
    scan (patterns each fast alone can still be slow together), so a line costs at
    most ``PATTERN_TIMEOUT`` per pattern, never an unbounded retry.
    """

    def __init__(self, patterns: list[str], key: str) -> None:
        self.key = key
        self.patterns = list(patterns)
        self.warnings: list[str] = []
        self.one_by_one = False  # set once the alternation has timed out
        self._build()

    def _build(self) -> None:
        joined = [p for p in self.patterns if not _ALONE.search(p)] if not self.one_by_one else []
        self.joined = (
            regex.compile("|".join(f"(?:{p})" for p in joined), regex.IGNORECASE) if joined else None
        )
        self.alone = [
            regex.compile(p, regex.IGNORECASE) for p in self.patterns if self.one_by_one or _ALONE.search(p)
        ]

    def _drop(self, pattern: str) -> None:
        self.patterns.remove(pattern)
        self.warnings.append(
            f"boilerplate rule: pattern {pattern!r} in key '{self.key}' took over "
            f"{PATTERN_TIMEOUT} s on one line; skipped for the rest of the scan"
        )

    def fullmatch(self, text: str) -> bool:
        """Whether one of the patterns matches all of ``text``."""
        if self.joined is not None:
            try:
                if self.joined.fullmatch(text, timeout=PATTERN_TIMEOUT):
                    return True
            except TimeoutError:
                self.one_by_one = True
                self.warnings.append(
                    f"boilerplate rule: the patterns of key '{self.key}' together took over "
                    f"{PATTERN_TIMEOUT} s on one line; each is matched alone for the rest of the scan"
                )
                self._build()
        matched, dropped = False, False
        for compiled in self.alone:
            try:
                if compiled.fullmatch(text, timeout=PATTERN_TIMEOUT):
                    matched = True
                    break
            except TimeoutError:
                self._drop(compiled.pattern)
                dropped = True
        if dropped:
            self._build()
        return matched


@dataclass
class Boilerplate:
    """Which blocks are page furniture rather than reporting (from ``rules/boilerplate.yaml``).

    The patterns come from rule files, which may be untrusted, so each match runs
    with a time limit (``RulePatterns``); a pattern that exceeds it is reported once
    in ``warnings`` and skipped from then on.
    """

    lines: RulePatterns
    head_lines: RulePatterns
    head_size: int = 8
    drop_repeated: bool = True

    @classmethod
    def from_lexicon(cls, lex: dict) -> Boilerplate:
        return cls(
            RulePatterns(lex["lines"], "lines"),
            RulePatterns(lex["head_lines"], "head_lines"),
            int(lex["head_size"]),
            bool(lex["drop_repeated"]),
        )

    @property
    def warnings(self) -> list[str]:
        return self.lines.warnings + self.head_lines.warnings

    def matches(self, text: str, index: int) -> bool:
        if self.lines.fullmatch(text):
            return True
        return index < self.head_size and self.head_lines.fullmatch(text)


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
        m = _MD_PREFIX.match(text, s.start, s.end)
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


def _scopes(
    doc: Document, markers: list[tuple[int, frozenset[str]]]
) -> list[tuple[int, int, frozenset[str]]]:
    """(first line, last line, checks) of the paragraph each suppression marker covers: the next block."""
    scopes = []
    for offset, checks in markers:
        block = next((b for b in doc.blocks if b.start >= offset), None)
        if block is not None:
            scopes.append(
                (doc.position(block.start)[0], doc.position(max(block.end - 1, block.start))[0], checks)
            )
    return scopes


def _calendar_date(iso: str) -> bool:
    """Whether ``iso`` (YYYY-MM-DD) names a real day: front matter may say 2024-02-30."""
    try:
        _dt.date.fromisoformat(iso)
        return True
    except (TypeError, ValueError):
        return False


_TITLE_LINE = re.compile(r"""^title:[ \t]*(?P<q>["']?)(?P<value>[^\r\n]*?)(?P=q)[ \t]*\r?$""", re.MULTILINE)


def _title_span(text: str, body: int, title: str | None) -> list[Span]:
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
    text_, warnings = decode(source.data, name)
    if not text_.strip():
        raise InputError(f"{name}: empty file; nothing to check", kind="empty")
    if source.suffix in HTML_SUFFIXES:
        text, smap, title, date, markers = html_text(text_)
        doc = Document(
            path=name, source=text_, text=text, title=title, date=date, source_map=smap, warnings=warnings
        )
        candidates = raw_blocks(text)
    elif source.suffix in MARKDOWN_SUFFIXES:
        meta, body = front_matter(text_)
        title = meta.get("title")
        date = (
            parse_date(meta["date"]) if meta.get("date") else published.url_date(str(meta.get("url") or ""))
        )
        doc = Document(
            path=name,
            source=text_,
            text=text_,
            title=str(title) if title else None,
            date=date,
            warnings=warnings,
        )
        candidates = raw_blocks(text_, start=body, markdown=True)
        opening = text_[candidates[0].start : candidates[0].end].lstrip("# \t") if candidates else ""
        if " ".join(opening.split()) != " ".join((doc.title or "").split()):
            candidates = (
                _title_span(text_, body, doc.title) + candidates
            )  # unless the body opens with it ("# Title")
        # A marker is an instruction in the rendered text: front matter is metadata and a
        # fenced code block is shown as code, so neither silences anything.
        fences = _fences(text_, body)
        markers = [
            (m.end(), _checks(m.group("checks")))
            for m in SUPPRESS.finditer(text_, body)
            if not any(a <= m.start() < b for a, b in fences)
        ]
    else:
        doc = Document(path=name, source=text_, text=text_, warnings=warnings)
        candidates = raw_blocks(text_)
        markers = [(m.end(), _checks(m.group("checks"))) for m in SUPPRESS.finditer(text_)]
    analyse_blocks(doc, candidates, boilerplate, find_title=doc.title is None, find_date=doc.date is None)
    if doc.date is not None and not _calendar_date(doc.date):
        doc.warnings.append(f"{name}: publication date {doc.date!r} is not a calendar date; ignored")
        doc.date = None
    doc.suppressions = _scopes(doc, markers)
    if not doc.blocks:
        raise InputError(f"{name}: no text to check after removing markup and boilerplate", kind="empty")
    return doc


def load_document(
    path: Path, boilerplate: Boilerplate, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> Document:
    """Read one file into a Document, or raise InputError (``read_source`` then ``parse_source``)."""
    source = read_source(path, max_bytes)
    if display:
        source = Source(source.path, display, source.data, source.sha256, source.named)
    return parse_source(source, boilerplate)
