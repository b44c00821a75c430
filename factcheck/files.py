"""Reading files safely: the one reader for articles, rule files and config files.

It sits at the bottom of the import graph beside ``config``: only regular files,
bounded reads, one-line errors that name the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class InputError(Exception):
    """A file that cannot be read; the message is one line and names the file.

    ``kind`` says why, as data: ``unreadable`` (the default), ``skipped`` (left out
    on purpose: over the size limit, or a factcheck report), ``missing`` or ``empty``.
    """

    def __init__(self, message: str, skipped: bool = False, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind or ("skipped" if skipped else "unreadable")

    @property
    def skipped(self) -> bool:
        return self.kind == "skipped"


def display_name(path: Path | str) -> str:
    """A path as reports show it: its own text, with bytes that are not UTF-8 written ``\\xNN``.

    File names on Linux are bytes; Python keeps undecodable ones as lone surrogates,
    which no UTF-8 output can carry. Escaping them keeps every report valid UTF-8.
    A name that itself contains ``\\x`` has that backslash written ``\\x5c``, so
    two different names never display the same: ``caf\\xe9.txt`` typed literally
    shows as ``caf\\x5cxe9.txt``, the byte 0xE9 as ``caf\\xe9.txt``. Documents are
    keyed by this name, so it must be one-to-one with the path's bytes.
    """
    text = Path(path).as_posix() if not isinstance(path, str) else path
    text = text.replace("\\x", "\\x5cx")
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_KIND_NAMES = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def _not_regular(mode: int) -> str:
    return f"not a regular file ({_KIND_NAMES.get(stat.S_IFMT(mode), 'special file')}); not read"


def read_bytes(path: Path | str, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of one regular file, read once and never more than ``max_bytes``; else InputError.

    A symlink is followed only to a regular file. FIFOs, devices and sockets are
    refused before they are opened (opening a FIFO would wait for a writer; a device
    may never end), and the opened descriptor is checked again, so a file swapped
    for one in between is refused too. The size limit is checked on the descriptor
    and the read itself is bounded, so a file that grows while it is read cannot
    exceed the limit either. Used for articles, rule files and config files alike.
    """
    name = name or display_name(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: {_not_regular(st.st_mode)}")
        # O_NONBLOCK: if a FIFO took the file's place since the stat, the open returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{name}: {_not_regular(st.st_mode)}")
            if st.st_size > max_bytes:
                raise InputError(
                    f"{name}: {st.st_size} bytes is over the size limit of {max_bytes} bytes; skipped",
                    kind="skipped",
                )
            chunks, total = [], 0
            while total <= max_bytes:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(fd)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or directory", kind="missing") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if total > max_bytes:
        raise InputError(
            f"{name}: grew past the size limit of {max_bytes} bytes while being read; skipped", kind="skipped"
        )
    return b"".join(chunks)
