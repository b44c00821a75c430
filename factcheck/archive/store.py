"""The archive index's file: one SQLite ``Store`` per archive folder, in the cache folder.

Its name is the sha256 of the archive's resolved path, so the index of ``archive/``
is found from any working folder, and nothing is ever written inside the archive.
Every row carries the sha256 of its own bytes (as ``RecordStore``'s records do); a
row whose hash does not match is a miss, never trusted. The whole file is not
integrity-checked at open (``CHECK_ON_OPEN`` off): it holds the vector matrices,
and a scan must not read them twice. A file SQLite proves corrupt is moved aside
and rebuilt (``Store``); any other failure is one warning and no index.

The articles' mean vectors, which every scan reads whole, are kept beside the file
(``<index>.<sha256>.f32``, named by their own hash and written before the rows that
name them), not in it: a blob read through SQLite's pages cost three times what
reading a plain file costs, at 150 MB for 100,000 articles. The ``derived`` row of
that name holds the file's name, size and sha256, and a scan checks all three (the
sha256 in a thread, while it reads and encodes its drafts: ``Beside``).

Tables:

- ``meta``: the context the index was built in (factcheck's code, the rules, the
  model, the limits, the grouping parameters): an index built in another context
  is stale as a whole; and ``listing``, one digest over every file's path, size and
  mtime (``stat_digest``), so a scan finds an unchanged folder fresh without reading
  the ``documents`` rows;
- ``documents``: one row per archive file, by path relative to the archive
  (``records.Record``), with its stat, so a scan can tell cheaply that the archive
  is unchanged;
- ``terms``: for each name and content word, how many articles hold it (story
  grouping's document frequencies);
- ``stories``: each story's names and its unique sentences' vectors, and ``names``:
  each name's stories. A draft's sentence can only join a story that names one of
  its names, so a scan reads the vectors of those stories alone;
- ``derived``: what a scan loads whole (the articles in row order, each one's story,
  the articles' mean vectors: a file beside this one), each as one blob, and the
  stories' members (for counting); like the two tables above, rebuilt from the
  records at each update.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from itertools import chain
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import ClassVar

from ..cache.store import Store, chunked


def index_path(root: Path, cache_root: Path) -> Path:
    """Where the index of the archive folder ``root`` lives: named by the sha256 of its resolved path."""
    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return cache_root / "archive" / f"{key[:32]}.sqlite3"


def stat_digest(files: dict[str, tuple[int, int]]) -> str:
    """One sha256 over every file's path, size and mtime_ns, in the order of ``files`` (``build.listing``'s):
    the ``listing`` a fresh index holds, and a scan compares the folder's listing with. A folder listed in
    another order reads as changed, and the scan then compares the rows one by one."""
    h = hashlib.sha256("\0".join(files).encode("utf-8", "surrogateescape"))
    h.update(array("q", chain.from_iterable(files.values())).tobytes())
    return h.hexdigest()


# The derived blobs kept in a file beside the index (see the module docstring), and that file's suffix.
BESIDE = frozenset({"centroids"})
SUFFIX = ".f32"


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little") + part)
    return h.hexdigest()


class ArchiveStore(Store):
    """The archive index's SQLite file (see the module docstring); reads return nothing once it is skipped."""

    KIND: ClassVar[str] = "archive index"
    CHECK_ON_OPEN: ClassVar[bool] = False  # every row carries its own sha256 instead
    SCHEMA: ClassVar[tuple[str, ...]] = (
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE IF NOT EXISTS documents (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
        "sha256 TEXT, record TEXT, centroid BLOB, digest TEXT)",
        "CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, entities INTEGER, words INTEGER)",
        "CREATE TABLE IF NOT EXISTS derived (name TEXT PRIMARY KEY, digest TEXT, data BLOB)",
        "CREATE TABLE IF NOT EXISTS stories (id INTEGER PRIMARY KEY, names TEXT, vectors BLOB, digest TEXT)",
        "CREATE TABLE IF NOT EXISTS names (name TEXT PRIMARY KEY, stories TEXT)",
    )

    def _query(self, doing: str, sql: str, args=()) -> list:
        """Every row of one query, or [] (noted once) when the file cannot be read."""
        if self.skipped:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            return self._query(doing, sql, args) if self.recover(exc, doing) else []

    def generation(self) -> str | None:
        """A digest of everything the index holds, written with it: what a scan's memo key takes for the archive."""
        rows = self._query("read", "SELECT value FROM meta WHERE key='generation'")
        return rows[0][0] if rows else None

    def context(self) -> str | None:
        rows = self._query("read", "SELECT value FROM meta WHERE key='context'")
        return rows[0][0] if rows else None

    def listed(self) -> str | None:
        """The ``stat_digest`` of the files the index holds, as written with them."""
        rows = self._query("read", "SELECT value FROM meta WHERE key='listing'")
        return rows[0][0] if rows else None

    def stats(self, with_sha256: bool = True) -> dict[str, tuple]:
        """Path -> (size, mtime_ns, sha256) of every file the index holds (without the sha256: what a scan judges
        freshness by)."""
        if not with_sha256:
            return {
                p: (size, mtime)
                for p, size, mtime in self._query("read", "SELECT path, size, mtime_ns FROM documents")
            }
        rows = self._query("read", "SELECT path, size, mtime_ns, sha256 FROM documents")
        return {p: (size, mtime, sha) for p, size, mtime, sha in rows}

    def records(self, paths: list[str]) -> dict[str, tuple[str, bytes]]:
        """Path -> (record JSON, centroid bytes) for the sound rows among ``paths``."""
        found: dict[str, tuple[str, bytes]] = {}
        for chunk, marks in chunked(paths):
            rows = self._query(
                "read", f"SELECT path, record, centroid, digest FROM documents WHERE path IN ({marks})", chunk
            )
            for path, record, centroid, digest in rows:
                if (
                    isinstance(record, str)
                    and isinstance(centroid, bytes)
                    and digest == _digest(record.encode(), centroid)
                ):
                    found[path] = (record, centroid)
        return found

    def all_records(self) -> dict[str, tuple[str, bytes]]:
        """Every sound record, by path (a damaged one is left out: the caller rebuilds it)."""
        rows = self._query("read", "SELECT path, record, centroid, digest FROM documents")
        return {
            p: (r, c)
            for p, r, c, d in rows
            if isinstance(r, str) and isinstance(c, bytes) and d == _digest(r.encode(), c)
        }

    def terms(self, terms: list[str]) -> dict[str, tuple[int, int]]:
        """Term -> (articles naming it, articles using it as a content word), for the terms the index knows."""
        found: dict[str, tuple[int, int]] = {}
        for chunk, marks in chunked(terms):
            for term, ent, words in self._query(
                "read", f"SELECT term, entities, words FROM terms WHERE term IN ({marks})", chunk
            ):
                found[term] = (ent, words)
        return found

    def naming(self, names: list[str]) -> set[int]:
        """The stories that name one of ``names`` (a name skeleton, as ``parse`` gives it)."""
        found: set[int] = set()
        for chunk, marks in chunked(names):
            for (ids,) in self._query("read", f"SELECT stories FROM names WHERE name IN ({marks})", chunk):
                found.update(json.loads(ids))
        return found

    def stories(self, ids: list[int]) -> dict[int, tuple[set[str], bytes]] | None:
        """Story id -> (the names it names, its unique sentences' vectors as float32 bytes); None if one is damaged."""
        found: dict[int, tuple[set[str], bytes]] = {}
        for chunk, marks in chunked(ids):
            rows = self._query(
                "read", f"SELECT id, names, vectors, digest FROM stories WHERE id IN ({marks})", chunk
            )
            for story, names, vectors, digest in rows:
                if not (isinstance(names, str) and isinstance(vectors, bytes)):
                    return None
                if digest != _digest(str(story).encode(), names.encode(), vectors):
                    return None
                found[story] = (set(json.loads(names)), vectors)
        return found if len(found) == len(set(ids)) else None

    def derived(self, name: str) -> bytes | None:
        """One derived blob, or None when it is missing or its hash does not match (for one kept ``BESIDE``
        the index: the file it names is missing, or its size or sha256 does not match)."""
        if name in BESIDE:
            beside = self.beside(name)
            return beside.read() if beside is not None else None
        rows = self._query("read", "SELECT data, digest FROM derived WHERE name=?", [name])
        if not rows or not isinstance(rows[0][0], bytes) or rows[0][1] != _digest(rows[0][0]):
            return None
        return rows[0][0]

    def beside(self, name: str) -> Beside | None:
        """The file beside the index that the ``derived`` row ``name`` names, not yet read; None when the row is
        missing or damaged, or the file is missing or of another size."""
        rows = self._query("read", "SELECT data, digest FROM derived WHERE name=?", [name])
        if not rows or not isinstance(rows[0][0], bytes) or rows[0][1] != _digest(rows[0][0]):
            return None
        try:
            held = json.loads(rows[0][0])
            path = self.path.with_name(held["file"])
            if path.name != held["file"] or path.stat().st_size != held["bytes"]:
                return None
            return Beside(path, held["bytes"], held["sha256"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _put_beside(self, data: bytes) -> bytes:
        """Write ``data`` beside the index, in a file named by its sha256 (a file of that name already holds
        them); the ``derived`` row naming it."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.path.with_name(f"{self.path.stem}.{sha[:32]}{SUFFIX}")
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(
            data
        )  # written again even when a file of that name is there: it may be the damaged one
        os.replace(part, path)  # whole or not there: a crash leaves no half-written matrix under its name
        return dumps({"bytes": len(data), "file": path.name, "sha256": sha})

    def _drop_beside(self, kept: set[str], before: int) -> None:
        """Remove the files beside the index that its rows no longer name, written before ``before`` (ns): an
        earlier update's, never one another process is writing for its own update now."""
        for path in self.path.parent.glob(f"{self.path.stem}.*{SUFFIX}*"):
            try:
                if path.name not in kept and path.stat().st_mtime_ns < before:
                    path.unlink()
            except OSError:
                pass  # gone already, or not ours to remove: the next update tries again

    def write(
        self,
        context: str,
        upserts: dict[str, tuple[tuple[int, int, str], str, bytes]],
        deleted: list[str],
        terms: dict[str, tuple[int, int]] | None,
        derived: dict[str, bytes],
        stories: list[tuple[list[str], bytes]] | None = None,
        listed: str | None = None,
    ) -> bool:
        """One transaction: the context, changed and deleted records, the term counts (when given), the derived
        blobs and the ``stat_digest`` of the files the rows now hold (``listed``; None: unknown, so a scan
        compares the rows). False (and one warning) when it could not be written: the old index stays whole."""
        if self.skipped:
            return False
        started = time.time_ns()
        try:
            # the files first: a failed transaction leaves rows that still name the old ones
            rows = {n: self._put_beside(d) if n in BESIDE else d for n, d in derived.items()}
        except OSError as exc:
            self.warnings.append(f"{self.KIND} {self.path} could not be written ({exc}); running without it")
            return False
        try:
            with self.db:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('context', ?)", [context])
                self.db.execute("DELETE FROM meta WHERE key IN ('generation', 'listing')")
                if listed is not None:
                    self.db.execute("INSERT INTO meta VALUES ('listing', ?)", [listed])
                self.db.executemany(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (p, size, mtime, sha, rec, cen, _digest(rec.encode(), cen))
                        for p, ((size, mtime, sha), rec, cen) in upserts.items()
                    ],
                )
                self.db.executemany("DELETE FROM documents WHERE path=?", [(p,) for p in deleted])
                if terms is not None:
                    self.db.execute("DELETE FROM terms")
                    self.db.executemany(
                        "INSERT INTO terms VALUES (?, ?, ?)", [(t, e, w) for t, (e, w) in terms.items()]
                    )
                if stories is not None:
                    self._write_stories(stories)
                self.db.executemany(
                    "INSERT OR REPLACE INTO derived VALUES (?, ?, ?)",
                    [(name, _digest(data), data) for name, data in rows.items()],
                )
                self._write_generation()
        except sqlite3.Error as exc:
            if self.recover(exc, "written"):
                return self.write(context, upserts, deleted, terms, derived, stories, listed)
            return False
        self._drop_beside({json.loads(rows[n])["file"] for n in BESIDE if n in rows}, started)
        return True

    def _write_generation(self) -> None:
        """One digest over the context, every file's stat and sha256, and every derived row's digest."""
        h = hashlib.sha256()
        for sql in (
            "SELECT value FROM meta WHERE key='context'",
            "SELECT path, size, mtime_ns, sha256, digest FROM documents ORDER BY path",
            "SELECT name, digest FROM derived ORDER BY name",
            "SELECT id, digest FROM stories ORDER BY id",
        ):
            for row in self.db.execute(sql):
                h.update(json.dumps(row).encode() + b"\n")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", [h.hexdigest()])

    def _write_stories(self, stories: list[tuple[list[str], bytes]]) -> None:
        """Story ``i`` of ``stories`` (its names, its sentence vectors) as row ``i``; each name -> its stories."""
        self.db.execute("DELETE FROM stories")
        self.db.execute("DELETE FROM names")
        naming: dict[str, list[int]] = {}
        rows = []
        for i, (names, vectors) in enumerate(stories):
            text = json.dumps(sorted(names), ensure_ascii=False)
            rows.append((i, text, vectors, _digest(str(i).encode(), text.encode(), vectors)))
            for name in names:
                naming.setdefault(name, []).append(i)
        self.db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?)", rows)
        self.db.executemany(
            "INSERT INTO names VALUES (?, ?)", [(n, json.dumps(ids)) for n, ids in naming.items()]
        )

    def clear(self) -> None:
        """Drop every record (the context changed: none of them can be reused)."""
        if self.skipped:
            return
        try:
            with self.db:
                for table in ("meta", "documents", "terms", "derived", "stories", "names"):
                    self.db.execute(f"DELETE FROM {table}")
        except sqlite3.Error as exc:
            if self.recover(exc, "written"):
                self.clear()


class Beside:
    """A file beside the index, as its row records it: read and checked against its sha256 on demand, or in a
    thread (``start``) while the scan reads and encodes its drafts: at 100,000 articles, 150 MB."""

    def __init__(self, path: Path, size: int, sha256: str) -> None:
        self.path, self.size, self.sha256 = path, size, sha256
        self._thread: threading.Thread | None = None
        self._data: bytes | None = None

    def start(self) -> None:
        if self._thread is None:
            # hashlib and file reads release the GIL: the other core reads while this one encodes
            self._thread = threading.Thread(target=self._read, name="factcheck-index-read", daemon=True)
            self._thread.start()

    def read(self) -> bytes | None:
        """The file's bytes when they are the ones recorded (else None), waiting for ``start``'s thread."""
        self.start()
        assert self._thread is not None
        self._thread.join()
        return self._data

    def _read(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        if len(data) == self.size and hashlib.sha256(data).hexdigest() == self.sha256:
            self._data = data


def dumps(value) -> bytes:
    """A derived JSON blob, written the same way every time (so two equal indexes hold equal bytes)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
