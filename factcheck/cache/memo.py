"""Whole-scan memo: a re-scan whose inputs have not changed replays the stored outcome.

A scan's output depends only on factcheck's own code, the libraries that read and
analyse text, the settings, the rule files, the bytes of every input file and the
names they are shown under, the baseline, the model weights and backend, and the
output format. ``scan_key`` hashes all of them; the input files' part is the sha256
of the bytes ``discover.discover`` read, the same bytes the scan then analyses. When
none has changed, the CLI replays the stored report text, warnings, errors, finding
severities and whether an input named on the command line failed, so the exit code
is the same too, without loading the model or analysing anything.

A scan with an input that could not be read, or a rule folder that cannot be
hashed, gives no key, and the scan runs in full: the memo never hides an error.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from pathlib import Path

from ..config import NOT_KEYS
from .digests import rules_digest, source_digest
from .store import RecordStore

FORMAT = "factcheck-memo/2"
# Libraries whose version can change what a scan finds or how a report is written.
LIBRARIES = (
    "numpy",
    "scipy",
    "scikit-learn",
    "rapidfuzz",
    "faiss-cpu",
    "PyYAML",
    "charset-normalizer",
    "onnxruntime",
    "tokenizers",
    "sentence-transformers",
    "torch",
    "tabulate",
    "click",
    "regex",
)


@dataclass
class Outcome:
    """What a scan shows and how it ends: enough to replay it."""

    text: str
    warnings: list[str]
    errors: list[str]
    severities: list[str]
    documents: int
    fatal: bool = False  # an input named on the command line was not analysed: exit 2
    wrote_baseline: bool = False  # a scan that writes a baseline records findings, it does not judge them
    rules_digest: str = (
        ""  # the rule files' bytes as loaded (a memo entry is kept only when the key hashed these)
    )

    def exit_code(self, fail_on: str) -> int:
        """2 when a named input was not analysed or nothing was readable; 1 when a finding is at or above ``fail_on``; else 0."""
        from ..models import exit_code

        return exit_code(
            self.severities, fail_on, fatal=self.fatal or not self.documents, judged=not self.wrote_baseline
        )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def scan_key(
    inputs,
    settings,
    rule_dirs: list[Path],
    weights: Path,
    baseline: str | None,
    facts: str | None,
    fmt: str,
    colour: bool,
    archive: str | None = None,
) -> tuple[str, str] | None:
    """This scan's memo key and the rules digest in it, or None when the scan must run in full.

    ``inputs`` is ``discover.discover``'s result: the key covers each source's display
    name and the sha256 of its bytes, and each input skipped on purpose.
    ``baseline`` and ``facts`` are the sha256 of the bytes the scan loaded them from
    (``baseline.Baseline.sha256``, ``FactSheet.sha256``): no file is read here, so what
    is hashed is what is used. ``archive`` stands for an ``--against`` folder whose
    fresh archive index the scan reads instead (the folder and the index's generation).
    """
    if any(p.is_error for p in inputs.problems):
        return None
    h = hashlib.sha256()

    def add(*parts) -> None:
        for part in parts:
            h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")

    add(FORMAT, sys.version, source_digest(), *(f"{lib}={_version(lib)}" for lib in LIBRARIES))
    add(
        json.dumps(
            {f.name: getattr(settings, f.name) for f in fields(settings) if f.name not in NOT_KEYS},
            sort_keys=True,
            default=str,
        )
    )
    add(fmt, colour)
    rules = rules_digest(rule_dirs)
    if rules is None:
        return None
    add(rules)
    for source in inputs.sources:
        add("source", source.display, source.sha256, source.display in inputs.drafts)
    for problem in inputs.problems:
        add("skipped", problem.line)
    if baseline is not None:
        add("baseline", baseline)
    if facts is not None:
        add("facts", facts)
    if archive is not None:
        add("archive", archive)  # an archive index standing in for the --against folder: its generation
    try:
        st = weights.stat()
        add(weights.as_posix(), st.st_size, st.st_mtime_ns)
    except OSError:
        return None
    return h.hexdigest(), rules


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
