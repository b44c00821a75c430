"""Paths -> Sources: find the article files, read each once, and say which inputs were not read.

Files are only ever opened for reading, and only regular files are read (``files.read_bytes``):
a symlink is followed only to a regular file, and the size limit is checked on the opened
descriptor before a bounded read. Each file is read exactly once into a :class:`Source` (its
bytes and their sha256); every later stage uses those bytes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..config import DEFAULT_MAX_BYTES
from ..files import InputError, display_name, read_bytes
from .own_reports import is_report

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES


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
