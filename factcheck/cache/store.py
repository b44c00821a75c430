"""SQLite files in the cache folder: atomic writes, shared by processes, rebuilt when damaged.

SQLite's journal makes every write atomic, so a crash mid-write leaves the previous
state, and several processes can share one file. A file *proven* not to be a sound
database (SQLite says it is corrupt or not a database, or its integrity check
fails), when it is opened or at any later read or write, is moved aside to
``<name>.corrupt`` and rebuilt, once per process, with a line in ``warnings``; the
next scan finds a sound file. Any other failure to open it (a read-only folder, a
full disk, a cache path that is a file) raises :class:`CacheUnavailable` and leaves
the file alone: the caller then runs without that store. A lock held by another
process is waited on for ``LOCK_TIMEOUT`` seconds, then the store is skipped with
one note. A cache is never a reason for a scan to fail.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar


# SQLite limits the "?" marks of one statement; keys are looked up this many at a time.
CHUNK = 500
# How long a store waits for another process's lock before the scan goes on without it.
LOCK_TIMEOUT = 2.0


def chunked(items: list, size: int = CHUNK):
    """``items`` in consecutive slices of at most ``size``, with the SQL marks for one slice."""
    for i in range(0, len(items), size):
        chunk = items[i : i + size]
        yield chunk, ",".join("?" * len(chunk))


# SQLite's own verdicts that a file is damaged; nothing else justifies moving it aside.
_CORRUPT_CODES = {getattr(sqlite3, "SQLITE_CORRUPT", 11), getattr(sqlite3, "SQLITE_NOTADB", 26)}


class CacheUnavailable(Exception):
    """A store that cannot be used right now (not damaged): the scan goes on without it."""


class _Corrupt(sqlite3.DatabaseError):
    """Our own integrity check failed."""


def proven_corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Whether ``exc`` says the database file itself is damaged (not merely unwritable or locked)."""
    if isinstance(exc, _Corrupt):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    return not isinstance(exc, sqlite3.OperationalError)


@dataclass
class Store:
    """One SQLite file whose tables ``SCHEMA`` creates; subclasses add the queries."""

    path: Path
    warnings: list = field(default_factory=list)

    KIND: ClassVar[str] = "cache"  # how warnings name this file
    SCHEMA: ClassVar[tuple[str, ...]] = ()
    # PRAGMA quick_check reads the whole file: worth it for vectors, which are read back
    # one by one, too slow for a store of large records that carry their own hash.
    CHECK_ON_OPEN: ClassVar[bool] = True

    def __post_init__(self) -> None:
        self.rebuilt = False  # moved aside and rebuilt once already in this process
        self.skipped = (
            False  # given up for this process (a lock held too long, a second failure): no more notes
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self.db = self._open()
            except sqlite3.DatabaseError as exc:
                if not proven_corrupt(exc):
                    raise
                self._move_aside(exc)
                self.db = self._open()
        except (OSError, sqlite3.Error) as exc:
            raise CacheUnavailable(
                f"{self.KIND} {self.path} cannot be used ({exc}); running without it"
            ) from None

    def _move_aside(self, exc: BaseException) -> None:
        aside = self.path.with_name(self.path.name + ".corrupt")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                os.replace(part, Path(str(aside) + suffix))
        self.rebuilt = True
        self.warnings.append(
            f"{self.KIND} {self.path} was unreadable ({exc}); moved to {aside.name} and rebuilt"
        )

    def recover(self, exc: sqlite3.Error, doing: str) -> bool:
        """After a failed read or write: True when the file was proven corrupt and has just been rebuilt (retry once).

        Otherwise the failure is noted once (``could not be read``, ``... written``)
        and the store is skipped for the rest of the process, so a lock held by
        another process costs one ``LOCK_TIMEOUT`` and one line, not one per query.
        """
        if isinstance(exc, sqlite3.DatabaseError) and proven_corrupt(exc) and not self.rebuilt:
            try:
                self.db.close()
                self._move_aside(exc)
                self.db = self._open()
                return True
            except (OSError, sqlite3.Error) as again:
                exc = again
        if not self.skipped:
            self.warnings.append(f"{self.KIND} {self.path} could not be {doing} ({exc}); running without it")
        self.skipped = True
        return False

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            if self.CHECK_ON_OPEN and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Corrupt("integrity check failed")
            for statement in self.SCHEMA:
                db.execute(statement)
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error as exc:
            self.warnings.append(f"{self.KIND} {self.path} could not be closed cleanly ({exc})")


def sha256_text(text: str) -> str:
    """The sha256 of a text record (lone surrogates kept, as file names may carry them)."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


class RecordStore(Store):
    """Text records by key, each stored with its sha256; the ``KEEP`` most recently used are kept.

    A record whose hash no longer matches is a miss, so a damaged record is
    rebuilt by the caller, never trusted. Every record this process reads or writes
    is marked with a number one above the highest yet; eviction drops the lowest.
    """

    TABLE: ClassVar[str] = "records"
    COLUMN: ClassVar[str] = "record"
    KEEP: ClassVar[int] = 1000
    CHECK_ON_OPEN: ClassVar[bool] = False  # each record carries its own sha256 instead

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.SCHEMA = (
            f"CREATE TABLE IF NOT EXISTS {cls.TABLE} (key TEXT PRIMARY KEY, used INTEGER, sha256 TEXT, {cls.COLUMN} TEXT)",
        )

    def _mark(self) -> int:
        return (self.db.execute(f"SELECT MAX(used) FROM {self.TABLE}").fetchone()[0] or 0) + 1

    def read(self, keys: list[str]) -> dict[str, str]:
        """The sound records among ``keys`` (none once the store is skipped)."""
        found: dict[str, str] = {}
        if self.skipped:
            return found
        try:
            for chunk, marks in chunked(keys):
                rows = self.db.execute(
                    f"SELECT key, sha256, {self.COLUMN} FROM {self.TABLE} WHERE key IN ({marks})", chunk
                )
                found.update(
                    (key, text)
                    for key, digest, text in rows
                    if isinstance(text, str) and sha256_text(text) == digest
                )
            mark = self._mark()
            with self.db:
                self.db.executemany(f"UPDATE {self.TABLE} SET used=? WHERE key=?", [(mark, k) for k in found])
        except sqlite3.Error as exc:
            return self.read(keys) if self.recover(exc, "read") else {}
        return found

    def write(self, records: dict[str, str]) -> None:
        """Store ``records`` (key -> text), then drop all but the ``KEEP`` most recently used."""
        if self.skipped:
            return
        try:
            mark = self._mark()
            with self.db:
                self.db.executemany(
                    f"INSERT OR REPLACE INTO {self.TABLE} VALUES (?, ?, ?, ?)",
                    [(k, mark, sha256_text(t), t) for k, t in records.items()],
                )
                self.db.execute(
                    f"DELETE FROM {self.TABLE} WHERE key NOT IN "
                    f"(SELECT key FROM {self.TABLE} ORDER BY used DESC LIMIT ?)",
                    [self.KEEP],
                )
        except sqlite3.Error as exc:
            if self.recover(exc, "written"):
                self.write(records)
