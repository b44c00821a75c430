"""Whole-scan memo: a re-scan whose inputs have not changed replays the stored outcome.

A scan's output depends only on factcheck's own code, the libraries that read and
analyse text, the settings, the rule files, the bytes of every input file and the
paths they are shown under, the baseline, the model weights and backend, and the
output format. ``scan_key`` hashes all of them. When none has changed, the CLI
replays the stored report text, warnings, errors and finding severities, so the exit
code is the same too, without loading the model or analysing anything.

Whatever cannot be hashed cleanly (a file that cannot be read, a missing rule
folder, a path that does not exist) gives no key, and the scan runs in full: the
memo never hides an error.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from pathlib import Path

from .ingest import discover
from .store import RecordStore

FORMAT = "factcheck-memo/1"
# Libraries whose version can change what a scan finds or how a report is written.
LIBRARIES = ("numpy", "scipy", "scikit-learn", "rapidfuzz", "faiss-cpu", "PyYAML", "charset-normalizer",
             "onnxruntime", "tokenizers", "sentence-transformers", "torch", "tabulate", "click")
PACKAGE = Path(__file__).resolve().parent


@dataclass
class Outcome:
    """What a scan shows and how it ends: enough to replay it."""

    text: str
    warnings: list[str]
    errors: list[str]
    severities: list[str]
    documents: int


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_digest() -> str:
    """One hash over factcheck's own source files, so an upgrade or a local edit invalidates the memo."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def rules_digest(rule_dirs: list[Path]) -> str | None:
    """One hash over every rule file in ``rule_dirs`` (names and bytes); None if a folder is missing."""
    h = hashlib.sha256()
    for folder in rule_dirs:
        if not folder.is_dir():
            return None
        for rule in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            h.update(rule.as_posix().encode("utf-8", "surrogateescape") + b"\0" + rule.read_bytes() + b"\0")
    return h.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def scan_key(paths: list[str], against: list[str], settings, rule_dirs: list[Path], weights: Path,
             baseline: Path | None, fmt: str, colour: bool) -> str | None:
    """The memo key of one scan, or None when some input cannot be hashed (the scan then runs in full)."""
    h = hashlib.sha256()

    def add(*parts) -> None:
        for part in parts:
            h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")

    add(FORMAT, sys.version, source_digest(), *(f"{lib}={_version(lib)}" for lib in LIBRARIES))
    add(json.dumps({f.name: getattr(settings, f.name) for f in fields(settings) if f.name != "sources"},
                   sort_keys=True, default=str))
    add(fmt, colour, "paths", *paths, "against", *against)
    try:
        rules = rules_digest(rule_dirs)
        if rules is None:
            return None
        add(rules)
        files, missing = discover([*paths, *against])
        if missing:
            return None
        for path in files:
            st = path.stat()
            # A file over the size limit is skipped by the scan, so its size stands in for its bytes.
            add(path.as_posix(), st.st_size if st.st_size > settings.max_file_size else _sha(path.read_bytes()))
        if baseline is not None:
            add("baseline", _sha(baseline.read_bytes()))
        if settings.facts:
            add("facts", _sha(Path(settings.facts).read_bytes()))
        st = weights.stat()
        add(weights.as_posix(), st.st_size, st.st_mtime_ns)
    except OSError:
        return None
    return h.hexdigest()


class Memo(RecordStore):
    """Scan outcomes by key, the most recently used ``KEEP`` of them."""

    KIND = "scan memo"
    TABLE = "scans"
    COLUMN = "outcome"
    KEEP = 32

    def get(self, key: str) -> Outcome | None:
        text = self.read([key]).get(key)
        try:
            return Outcome(**json.loads(text)) if text else None
        except (ValueError, TypeError):
            return None  # a record of another shape is a miss; the full scan then writes a sound one

    def put(self, key: str, outcome: Outcome) -> None:
        self.write({key: json.dumps(asdict(outcome), ensure_ascii=False)})
