"""Writing reports and baselines: to stdout, a device or FIFO as a stream, or a regular file atomically.

``-o`` may name anything. What is there decides how it is written:

- ``-``: standard output;
- a character device, FIFO or socket (``/dev/stdout``, ``/dev/null``, a named pipe,
  a symlink to one of these): opened and written in place, never replaced, so a
  reader gets the report and a device stays a device;
- a regular file, or nothing yet: written to a temporary file beside it, flushed,
  then renamed over it, so a reader never sees half a report and a failed write
  keeps the old one. An existing file keeps its mode; a new one gets 0644 less
  the umask (reports are not secrets, and mkstemp alone would make them 0600);
- a symlink to a regular file (or a dangling one): the link itself is replaced,
  never the file it points to, so ``-o`` cannot be steered into overwriting a file
  elsewhere;
- anything under ``/dev`` or ``/proc`` once links are resolved (``/dev/stdout`` is a
  link to ``/proc/self/fd/1``, which may be a regular file when stdout is redirected
  to one): written in place like a stream, never replaced, so a redirected
  ``-o /dev/stdout`` can never turn the system's ``/dev/stdout`` link into a file;
  and a path there that leads nowhere (``/dev/stdout`` when stdout is closed) is
  refused, never created;
- a directory: an error; so is a path whose folder does not exist (it is not
  created: a typo in ``-o`` must not scatter reports into new folders).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

STREAMS = (stat.S_ISCHR, stat.S_ISFIFO, stat.S_ISSOCK)


class OutputError(Exception):
    """The output path cannot be written; the message names it."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_stream(path: Path, text: str) -> None:
    """Write ``text`` straight into a device, FIFO or socket at ``path`` (no temporary file, no rename)."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_atomic(path: Path, text: str) -> None:
    """Replace the regular file (or symlink) at ``path`` with ``text`` through a temporary file and a rename.

    The mode of a regular file already at ``path`` is kept; a new file is 0666 less
    the umask (0644 under the usual umask). The rename replaces a symlink itself,
    never its target.
    """
    try:
        st = os.lstat(path)
        mode = stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else 0o666 & ~_umask()
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    if not path.parent.is_dir():
        # like a shell redirection: a typo in the folder is an error, not a new folder somewhere
        raise OutputError(f"{path}: no such folder {path.parent} (create it first)")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def system_path(path: Path | str) -> bool:
    """Whether ``path`` is, or leads to, something under /dev or /proc: never replaced, only written."""
    for candidate in (os.path.abspath(path), os.path.realpath(path)):
        if candidate == "/dev" or candidate.startswith(("/dev/", "/proc/")):
            return True
    return False


def write_output(path: Path | str, text: str) -> None:
    """Write a report or baseline to ``path`` as the module docstring says; OutputError when it cannot be."""
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(path)
    try:
        try:
            st = os.stat(path)  # follows symlinks: /dev/stdout is a link to the terminal or pipe
        except (FileNotFoundError, NotADirectoryError):
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{path}: is a directory")
        if st is None and system_path(path):
            # A dangling /dev/stdout (stdout closed) must not become a regular file renamed over the link.
            raise OutputError(f"{path}: does not exist; nothing is created under /dev or /proc")
        if st is not None and (any(test(st.st_mode) for test in STREAMS) or system_path(path)):
            write_stream(path, text)
        else:
            write_atomic(path, text)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
