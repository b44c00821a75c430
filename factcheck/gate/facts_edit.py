"""``factcheck facts add``: one entry added to the fact sheet file, keeping everything else in it.

The sheet is the newsroom's record, with comments that say where each value came
from, so an add never rewrites it from the parsed values:

- the file is edited as a YAML round trip (``ruamel.yaml``): comments, key order,
  quoting and flow style all stay as they were, and the entry is appended;
- the whole read-modify-write holds an exclusive lock (``flock`` on the sheet's
  folder), so concurrent adds run one after the other and none is lost;
- the new text is parsed and validated like any sheet before it is written, then
  written to a temporary file beside the sheet and renamed over it;
- only a regular file (or nothing yet) is a sheet: a FIFO, a device, ``/dev/stdout``
  or anything under ``/dev`` or ``/proc`` is refused, even when it does not exist
  (a dangling ``/dev/stdout`` when stdout is closed), so no system link is ever
  replaced by a file.
"""

from __future__ import annotations

import fcntl
import io
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..extract.dates import find_temporals
from ..files import InputError, read_bytes
from ..output import system_path, write_atomic
from .facts import MAX_FACTS_BYTES, FactSheet, FactsError, _date, _words, is_figure

KINDS = ("title", "spelling", "figure", "date")
HEADER = "# The newsroom fact sheet: confirmed values every draft is checked against (factcheck facts).\n"


def _refuse_special(path: Path) -> None:
    """FactsError unless ``path`` is a regular file or nothing, outside /dev and /proc."""
    if system_path(path):
        raise FactsError(f"{path}: under /dev or /proc; a fact sheet is a regular file")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise FactsError(f"{path}: a symbolic link to nothing; not replaced") from None
        return
    except OSError as exc:
        raise FactsError(f"{path}: cannot use as a fact sheet ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise FactsError(f"{path}: not a regular file; a fact sheet is one")


@contextmanager
def _locked(folder: Path):
    """An exclusive ``flock`` on ``folder`` for the duration: every add to a sheet in it waits its turn."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long source comment or title onto a second line
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _seq(mapping: CommentedMap, key: str) -> CommentedSeq:
    if mapping.get(key) is None:
        mapping[key] = CommentedSeq()
    return mapping[key]


def edited(
    text: str,
    path: Path,
    kind: str,
    subject: str,
    value: str,
    since: str | None = None,
    until: str | None = None,
) -> str:
    """``text`` (a sheet's YAML, possibly empty) with one entry added, everything else kept as written."""
    if kind not in KINDS:
        raise FactsError(f"unknown kind of fact '{kind}' (known: {', '.join(KINDS)})")
    y = _yaml()
    try:
        data = y.load(text) if text.strip() else None
    except YAMLError as exc:
        raise FactsError(f"{path}: not a fact sheet (invalid YAML: {exc})") from None
    prefix = ""
    if data is None:  # a new sheet, or one of comments only: they stay on top
        data = CommentedMap()
        prefix = text if text.strip() else HEADER
        prefix += "" if prefix.endswith("\n") else "\n"
    if kind in ("title", "spelling"):
        _add_to_person(data, path, kind, subject, value, since, until)
    else:
        _add_value(data, kind, subject, value)
    out = io.StringIO()
    y.dump(data, out)
    return prefix + out.getvalue()


def _add_to_person(
    data: CommentedMap, path: Path, kind: str, subject: str, value: str, since: str | None, until: str | None
) -> None:
    """Add a title (with its dates) or an accepted spelling to the person ``subject``, added to the list if missing."""
    people = _seq(data, "people")
    person = next(
        (p for p in people if isinstance(p, dict) and _words(p.get("name", "")) == _words(subject)), None
    )
    if person is None:
        person = CommentedMap(name=" ".join(subject.split()))
        people.append(person)
    if kind == "title":
        entry = CommentedMap(title=value)
        for key, day in (("since", _date(path, "since", since)), ("until", _date(path, "until", until))):
            if day:
                entry[key] = day
        _seq(person, "titles").append(entry)
    elif value and value not in (person.get("also") or []):
        _seq(person, "also").append(value)


def _add_value(data: CommentedMap, kind: str, subject: str, value: str) -> None:
    """Add a figure or a date entry, after checking that ``value`` reads as one."""
    if kind == "figure" and not is_figure(value):
        raise FactsError(
            f"'{value}' is not a figure (give a number: '6', 'six', '$4.6 million', '1,200 people')"
        )
    if kind == "date" and not any(t.kind in ("absolute", "partial") for t in find_temporals(value)):
        raise FactsError(f"'{value}' is not a date (give a calendar date: 'August 15', '15 August 2024')")
    _seq(data, kind + "s").append(CommentedMap(subject=subject, value=value))


def add(
    path: Path, kind: str, subject: str, value: str, since: str | None = None, until: str | None = None
) -> FactSheet:
    """Add one entry to the sheet at ``path`` (made if missing) as the module docstring says; the sheet as written.

    ``kind`` is "title" (``subject`` a person, ``value`` a title, optional dates),
    "spelling" (``subject`` a person's preferred name, ``value`` an accepted other
    spelling, or empty), "figure" or "date". Raises FactsError naming the file.
    """
    _refuse_special(path)
    folder = path.parent if str(path.parent) else Path(".")
    with _locked(folder):
        _refuse_special(path)
        try:
            raw = read_bytes(path, MAX_FACTS_BYTES, str(path))
        except InputError as exc:
            if exc.kind != "missing":
                raise FactsError(f"cannot read fact sheet {exc}") from None
            raw = b""
        if raw.strip():
            FactSheet.parse(path, raw)  # a sheet that does not validate is never edited
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FactsError(f"{path}: not a fact sheet (not UTF-8: {exc})") from None
        new = edited(text, path, kind, subject, value, since, until)
        sheet = FactSheet.parse(path, new.encode("utf-8"))  # what is written reads back as a valid sheet
        try:
            write_atomic(path, new)
        except OSError as exc:
            raise FactsError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return sheet
