"""Parsed documents on disk: an unchanged file is not read, split or searched for names again.

Checking one draft against a published archive re-reads every article of the
archive, though almost none has changed. This store keeps, per file, what the
stages before the encoder make of it: the Document, its sentences and the proper
names each sentence mentions. A record's key hashes the file's bytes and the
path it is shown under, factcheck's own source, the rule files and the size limit,
so any change that could alter the parse misses and the file is parsed afresh. The
bytes hashed are the ``discover.Source``'s, the very bytes that are parsed: the file
is not read a second time for the key.

Records are JSON, never pickle (a cache folder may be shared), and carry their own
sha256; a damaged record is a miss.
"""

from __future__ import annotations

import hashlib
import json

from ..config import Settings
from ..models import Document, Sentence, Span
from . import open_store
from .digests import source_digest
from .store import RecordStore

FORMAT = "factcheck-parsed/2"


def file_key(context: str, source) -> str:
    """The record key of one ``discover.Source``: its bytes' sha256, its display name and the ``context``."""
    return hashlib.sha256(
        f"{FORMAT}\0{context}\0{source.display}\0{source.sha256}".encode("utf-8", "surrogateescape")
    ).hexdigest()


def source_keys(sources, rules_digest: str, settings: Settings) -> dict[str, str]:
    """Each source's record key, by display name: the ``file_key`` of its bytes and name in this run's context.

    The context is what else a parse depends on: factcheck's own source, the rule
    files (``rules_digest``, the hash of their bytes as loaded, not of a second
    read), the size limit and the longest sentence.
    """
    context = f"{source_digest()}\0{rules_digest}\0{settings.max_file_size}\0{settings.max_sentence_length}"
    return {source.display: file_key(context, source) for source in sources}


def to_record(doc: Document, sentences: list[Sentence], names: dict) -> str:
    return json.dumps(
        {
            "doc": {
                "path": doc.path,
                "source": doc.source,
                "text": doc.text,
                "title": doc.title,
                "date": doc.date,
                "blocks": [[b.start, b.end] for b in doc.blocks],
                "source_map": [list(p) for p in doc.source_map],
                "warnings": doc.warnings,
                "suppressions": [[a, b, sorted(ids)] for a, b, ids in doc.suppressions],
            },
            "sentences": [
                [s.index, s.start, s.end, s.text, s.block, sorted(names[s.key])] for s in sentences
            ],
        },
        ensure_ascii=False,
    )


def from_record(text: str) -> tuple[Document, list[Sentence], dict]:
    data = json.loads(text)
    d = data["doc"]
    doc = Document(
        path=d["path"],
        source=d["source"],
        text=d["text"],
        title=d["title"],
        date=d["date"],
        blocks=[Span(a, b) for a, b in d["blocks"]],
        source_map=[(t, s) for t, s in d["source_map"]],
        warnings=list(d["warnings"]),
        suppressions=[(a, b, frozenset(ids)) for a, b, ids in d["suppressions"]],
    )
    sentences, names = [], {}
    for index, start, end, text_, block, found in data["sentences"]:
        s = Sentence(doc, index, start, end, text_, block)
        sentences.append(s)
        names[s.key] = frozenset(found)
    return doc, sentences, names


class ParsedStore(RecordStore):
    """Parsed files by key; the ``KEEP`` most recently used are kept."""

    KIND = "parse cache"
    TABLE = "parsed"
    KEEP = 50_000

    def __post_init__(self) -> None:
        super().__post_init__()
        self.fresh: dict[str, str] = {}

    def get(self, keys: list[str]) -> dict[str, tuple[Document, list[Sentence], dict]]:
        found = {}
        for key, record in self.read(keys).items():
            try:
                found[key] = from_record(record)
            except (ValueError, KeyError, TypeError):
                pass  # a record of another shape is a miss
        return found

    def add(self, key: str, doc: Document, sentences: list[Sentence], names: dict) -> None:
        """Queue a parse; it is written in one transaction at ``close``."""
        self.fresh[key] = to_record(doc, sentences, names)

    def close(self) -> None:
        if self.fresh:
            self.write(self.fresh)
        super().close()


class ParseCache:
    """The parse cache as one scan uses it: its sources' records read at once, new parses written at ``close``."""

    def __init__(self, store: ParsedStore, keys: dict[str, str]) -> None:
        self.store = store
        self.keys = keys
        self.hits = store.get(sorted(set(keys.values())))

    @classmethod
    def open(cls, sources, rules_digest: str, settings: Settings, warnings: list[str]) -> ParseCache | None:
        """The cache for ``sources`` under ``settings``' cache folder, or None (a line in ``warnings``) when the store
        cannot be used now."""
        keys = source_keys(sources, rules_digest, settings)
        store = open_store(ParsedStore, settings.cache_root() / "parsed.sqlite3", warnings)
        return cls(store, keys) if store else None

    def get(self, source) -> tuple[Document, list[Sentence], dict] | None:
        """The document, sentences and names recorded for ``source``'s very bytes, or None."""
        return self.hits.get(self.keys[source.display])

    def add(self, source, doc: Document, sentences: list[Sentence], names: dict) -> None:
        self.store.add(self.keys[source.display], doc, sentences, names)

    def close(self) -> list[str]:
        """Write the new parses; the store's warnings (a full disk, a lock)."""
        self.store.close()
        return self.store.warnings
