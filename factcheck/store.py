"""SQLite files in the cache folder: atomic writes, shared by processes, rebuilt when damaged.

SQLite's journal makes every write atomic, so a crash mid-write leaves the previous
state, and several processes can share one file. A file that is not a sound
database (corrupt, truncated, not SQLite) is moved aside to ``<name>.corrupt`` and
rebuilt, with a line in ``warnings``: a cache is never a reason for a scan to fail.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(self.path.name + ".corrupt")
            for suffix in ("", "-wal", "-shm"):
                part = Path(str(self.path) + suffix)
                if part.exists():
                    os.replace(part, Path(str(aside) + suffix))
            self.warnings.append(f"{self.KIND} {self.path} was unreadable ({exc}); moved to {aside.name} and rebuilt")
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            if self.CHECK_ON_OPEN and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            for statement in self.SCHEMA:
                db.execute(statement)
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self.db.close()
