"""Sentence vectors on disk, in one SQLite file (``Store``: atomic, shared, rebuilt when damaged).

Vectors are keyed by model (weights hash and backend) and normalised sentence
text; the weights' own hashes are remembered by size and mtime. A read or write
that fails (a full disk, a lock held too long) is one line in ``warnings``, then
the store is skipped for the run (``Store.recover``): a cache miss, never a failed
scan. A file found corrupt at a read or write is moved aside and rebuilt once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from .digests import sha256_file
from .store import Store, chunked


class Cache(Store):
    """Embeddings by model and normalised text, and weights' hashes by file, size and mtime."""

    KIND = "embedding cache"
    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS vectors (model TEXT, text TEXT, vector BLOB, PRIMARY KEY (model, text))",
        "CREATE TABLE IF NOT EXISTS hashes (file TEXT PRIMARY KEY, size INTEGER, mtime REAL, sha256 TEXT)",
    )

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        keys: list[str] = []
        blobs: list[bytes] = []
        if self.skipped:
            return {}
        try:
            for chunk, marks in chunked(texts):
                for text, blob in self.db.execute(
                    f"SELECT text, vector FROM vectors WHERE model=? AND text IN ({marks})", [model, *chunk]
                ):
                    keys.append(text)
                    blobs.append(blob)
        except sqlite3.Error as exc:
            return self.get(model, texts) if self.recover(exc, "read") else {}
        # A damaged row (wrong length, NaN, not unit length) is treated as missing and re-encoded.
        # Rows are checked as one array per byte length, not one by one.
        found: dict[str, np.ndarray] = {}
        sizes = {len(b) for b in blobs if isinstance(b, bytes)}
        for size in sizes:
            if not size or size % 4:
                continue
            rows = [i for i, b in enumerate(blobs) if isinstance(b, bytes) and len(b) == size]
            matrix = np.frombuffer(b"".join(blobs[i] for i in rows), dtype=np.float32).reshape(
                len(rows), size // 4
            )
            sound = np.isfinite(matrix).all(axis=1)
            sound[sound] &= np.abs(np.linalg.norm(matrix[sound], axis=1) - 1.0) < 1e-3
            for n, (r, ok) in enumerate(zip(rows, sound)):
                if ok:
                    found[keys[r]] = matrix[n]
        return found

    def put(self, model: str, items: dict[str, np.ndarray]) -> int:
        """Store ``items``; how many were stored (all of them, or 0 when the write failed and was noted)."""
        if self.skipped:
            return 0
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [(model, t, np.asarray(v, dtype=np.float32).tobytes()) for t, v in items.items()],
                )
        except sqlite3.Error as exc:
            return self.put(model, items) if self.recover(exc, "written") else 0
        return len(items)

    def file_hash(self, path: Path) -> str:
        """The sha256 of a weights file, remembered by size and mtime so it is read once."""
        st = path.stat()
        try:
            row = self.db.execute(
                "SELECT size, mtime, sha256 FROM hashes WHERE file=?", [str(path)]
            ).fetchone()
        except sqlite3.Error:
            row = None
        if row and row[0] == st.st_size and row[1] == st.st_mtime:
            return row[2]
        digest = sha256_file(path)
        try:
            with self.db:
                self.db.execute(
                    "INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?)",
                    [str(path), st.st_size, st.st_mtime, digest],
                )
        except sqlite3.Error as exc:
            self.warnings.append(f"{self.KIND} {self.path} could not be written ({exc})")
        return digest


class ArchiveCache(Cache):
    """The same file, opened without ``PRAGMA quick_check``, for a scan against an archive index.

    The check reads the whole file, and this file holds the whole archive's vectors:
    a scan that reads a few stories through the index must not cost O(archive) here.
    Rows are still checked one by one as they are read (length, finite, unit length),
    and a damaged page SQLite meets is still proven corrupt and moved aside.
    """

    CHECK_ON_OPEN = False
