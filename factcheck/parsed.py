"""Parsed documents on disk: an unchanged file is not read, split or searched for names again.

Checking one draft against a published archive re-reads every article of the
archive, though almost none has changed. This store keeps, per file, what the
stages before the encoder make of it: the Document, its sentences and the proper
names each sentence mentions. A record's key hashes the file's bytes and the
path it is shown under, factcheck's own source, the rule files and the size limit,
so any change that could alter the parse misses and the file is parsed afresh.

Records are JSON, never pickle (a cache folder may be shared), and carry their own
sha256; a damaged record is a miss.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from .models import Document, Sentence, Span
from .store import Store

FORMAT = "factcheck-parsed/1"


def file_key(context: str, path: Path, display: str, max_bytes: int) -> str | None:
    """The record key of one file, or None when it should not be cached (unreadable or over the limit)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return hashlib.sha256(f"{FORMAT}\0{context}\0{display}\0".encode("utf-8", "surrogateescape") + data).hexdigest()


def to_record(doc: Document, sentences: list[Sentence], names: dict) -> str:
    return json.dumps({
        "doc": {"path": doc.path, "source": doc.source, "text": doc.text, "title": doc.title, "date": doc.date,
                "blocks": [[b.start, b.end] for b in doc.blocks], "source_map": [list(p) for p in doc.source_map],
                "warnings": doc.warnings, "suppressions": [[a, b, sorted(ids)] for a, b, ids in doc.suppressions]},
        "sentences": [[s.index, s.start, s.end, s.text, s.block, sorted(names[s.key])] for s in sentences],
    }, ensure_ascii=False)


def from_record(text: str) -> tuple[Document, list[Sentence], dict]:
    data = json.loads(text)
    d = data["doc"]
    doc = Document(path=d["path"], source=d["source"], text=d["text"], title=d["title"], date=d["date"],
                   blocks=[Span(a, b) for a, b in d["blocks"]], source_map=[(t, s) for t, s in d["source_map"]],
                   warnings=list(d["warnings"]), suppressions=[(a, b, frozenset(ids)) for a, b, ids in d["suppressions"]])
    sentences, names = [], {}
    for index, start, end, text_, block, found in data["sentences"]:
        s = Sentence(doc, index, start, end, text_, block)
        sentences.append(s)
        names[s.key] = frozenset(found)
    return doc, sentences, names


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


class ParsedStore(Store):
    """Parsed files by key; the ``KEEP`` most recently used are kept."""

    KIND = "parse cache"
    KEEP = 50_000
    CHECK_ON_OPEN = False  # each record carries its own sha256 instead
    SCHEMA = ("CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, used INTEGER, sha256 TEXT, record TEXT)",)

    def __post_init__(self) -> None:
        super().__post_init__()
        # One "used" mark per run: records this run reads or writes get it, so eviction drops the stale ones.
        self.run = (self.db.execute("SELECT MAX(used) FROM parsed").fetchone()[0] or 0) + 1
        self.fresh: list[tuple[str, str, str]] = []

    def get(self, keys: list[str]) -> dict[str, tuple[Document, list[Sentence], dict]]:
        found = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for key, digest, record in self.db.execute(f"SELECT key, sha256, record FROM parsed WHERE key IN ({marks})", chunk):
                    if _sha(record) == digest:
                        try:
                            found[key] = from_record(record)
                        except (ValueError, KeyError, TypeError):
                            pass  # a record of another shape is a miss
            with self.db:
                self.db.executemany("UPDATE parsed SET used=? WHERE key=?", [(self.run, k) for k in found])
        except sqlite3.DatabaseError as exc:
            self.warnings.append(f"parse cache {self.path} could not be read ({exc})")
        return found

    def add(self, key: str, doc: Document, sentences: list[Sentence], names: dict) -> None:
        record = to_record(doc, sentences, names)
        self.fresh.append((key, _sha(record), record))

    def close(self) -> None:
        try:
            if self.fresh:
                with self.db:
                    self.db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?)",
                                        [(k, self.run, d, r) for k, d, r in self.fresh])
                    self.db.execute("DELETE FROM parsed WHERE key NOT IN (SELECT key FROM parsed ORDER BY used DESC LIMIT ?)",
                                    [self.KEEP])
        except sqlite3.DatabaseError as exc:
            self.warnings.append(f"parse cache {self.path} could not be written ({exc})")
        super().close()
