"""What an editor has accepted: inline suppressions, the config's accept list, a baseline, and --against.

These decide which findings are *reported*, after the checks have run; they never
change what the checks find. Each returns the findings kept and how many it set aside,
so the report can say so.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import Document, Finding

BASELINE_SCHEMA = "factcheck-baseline/1"


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


def suppressed(findings: list[Finding], documents: list[Document]) -> tuple[list[Finding], int]:
    """Drop findings resting on a paragraph marked ``factcheck: ignore <check>`` (or ``ignore`` for all)."""
    scopes = {d.path: d.suppressions for d in documents if d.suppressions}

    def silenced(f: Finding) -> bool:
        return any(first <= e.line <= last and (f.check in checks or "*" in checks)
                   for e in f.evidence for first, last, checks in scopes.get(e.document, []))

    kept = [f for f in findings if not silenced(f)]
    return kept, len(findings) - len(kept)


def accepted(findings: list[Finding], accept: dict[str, list[str]]) -> tuple[list[Finding], int]:
    """Drop findings whose subject or one of whose values the config accepts for that check.

    ``accept = {"name-misspelling" = ["Nurleu"]}`` accepts that spelling; ``"*"`` as
    the check accepts a value for every check.
    """
    def ok(f: Finding) -> bool:
        allowed = {a.casefold() for a in accept.get(f.check, []) + accept.get("*", [])}
        return bool(allowed & {f.subject.casefold(), *(v.casefold() for v in f.values)})

    kept = [f for f in findings if not ok(f)]
    return kept, len(findings) - len(kept)


def involving(findings: list[Finding], drafts: set[str]) -> list[Finding]:
    """Only the findings that put a draft in question (the ``--against`` shape).

    A draft that merely supports the suggestion (writes "Nurtleu" where the corpus
    misspells it) is not in question, so the published corpus's own slips stay out
    of a draft's report.
    """
    return [f for f in findings if any(e.document in drafts for e in f.disputed)]


def baseline_text(findings: list[Finding]) -> str:
    """A baseline file recording the findings' fingerprints, sorted, one per line of JSON."""
    entries = sorted(({"id": f.id, "check": f.check, "subject": f.subject} for f in findings), key=lambda e: e["id"])
    return json.dumps({"schema": BASELINE_SCHEMA, "findings": entries}, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: Path) -> set[str]:
    """The fingerprints recorded in a baseline file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a factcheck baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a factcheck baseline (expected schema '{BASELINE_SCHEMA}')")
    return {e["id"] for e in data["findings"] if isinstance(e, dict) and isinstance(e.get("id"), str)}


def baselined(findings: list[Finding], known: set[str]) -> tuple[list[Finding], int]:
    """Drop findings already recorded in a baseline."""
    kept = [f for f in findings if f.id not in known]
    return kept, len(findings) - len(kept)
