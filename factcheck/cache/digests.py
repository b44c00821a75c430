"""The hashes every cache key includes: factcheck's own code and the rule files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..rules import RuleError, files_digest, read_rule_bytes, rule_files

PACKAGE = Path(__file__).resolve().parent.parent


def source_digest() -> str:
    """One hash over factcheck's own source files, so an upgrade or a local edit invalidates every cache."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def sha256_file(path: Path) -> str:
    """The sha256 of a (large) file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def rules_digest(rule_dirs: list[Path]) -> str | None:
    """The digest of the rule files in ``rule_dirs`` as ``rules.load_rules`` would read them; None if one cannot be read.

    ``RuleSet.digest`` is the same hash over the bytes actually loaded, so a rule
    file edited between the two reads is caught by comparing them.
    """
    try:
        return files_digest([(str(path), read_rule_bytes(path)) for path in rule_files(rule_dirs)])
    except RuleError:
        return None
