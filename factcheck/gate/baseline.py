"""Baselines: the findings an editor has recorded as known, written, read (bounded, once) and applied."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..files import InputError, display_name, read_bytes
from ..models import Finding, value_of
from .suppress import Suppression, set_aside

BASELINE_SCHEMA = "factcheck-baseline/2"
# Entries keyed by opaque Finding ids, with nothing an editor can review: refused since round three.
_OLD_BASELINE_SCHEMA = "factcheck-baseline/1"


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _subject(f: Finding) -> str:
    # A subject that names a file ("only in a.txt") would tie the key to a file name.
    subject = f.subject
    for name in sorted({e.document.rsplit("/", 1)[-1] for e in f.evidence}, key=len, reverse=True):
        subject = subject.replace(name, "")
    # the separators the names stood between go too: "copied across a.txt, b.txt" -> "copied across"
    subject = re.sub(r"(?:\s*(?:,|;|:|\band\b))+\s*(?=$|[,;:])", "", subject)
    return _norm(re.sub(r"^\s*[,;:]\s*", "", subject))


def entry_key(check: str, subject: str, value: str, sentence: str) -> str:
    """The baseline key of one place: what is said there, never where or beside what."""
    h = hashlib.sha256()
    for part in (check, subject, _norm(value), _norm(sentence)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return f"{check}:{h.hexdigest()[:16]}"


def entries(f: Finding, judged: set[str] | None) -> list[dict]:
    """The baseline entries of a finding: one per place in a judged document (all places without ``judged``).

    Each holds the check, the subject, the value stated there and that sentence,
    normalised, and the key hashed from exactly those four. Source counts, other
    documents, file names and line numbers are left out, so the key holds when only
    one staged draft is scanned, when another sentence is edited and when another
    draft is staged.
    """
    views = f.drafts
    blamed = {v.document for v in views if v.blamed}
    out = []
    for e in f.evidence:
        if judged is not None and e.document not in judged:
            continue
        if blamed and e.document not in blamed:
            continue  # a draft that agrees with the archive is not what the baseline accepts
        subject, value, sentence = _subject(f), _norm(value_of(f, e)), _norm(e.text)
        out.append(
            {
                "key": entry_key(f.check, subject, value, sentence),
                "check": f.check,
                "subject": subject,
                "value": value,
                "sentence": sentence,
            }
        )
    return out


def baseline_text(findings: list[Finding], judged: set[str] | None = None) -> str:
    """A baseline file: every judged place of every finding, sorted by key."""
    unique = {e["key"]: e for f in findings for e in entries(f, judged)}
    return (
        json.dumps(
            {"schema": BASELINE_SCHEMA, "findings": [unique[k] for k in sorted(unique)]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


@dataclass
class Baseline:
    """The keys a baseline file records, what is wrong with it (each a one-line note), and the bytes' sha256.

    ``sha256`` is the hash of the very bytes the keys came from (the scan memo's key
    uses it, never a second read of the file); "missing" when there was no file.
    """

    keys: set[str]
    notes: list[str]
    sha256: str = "missing"


MAX_BASELINE_BYTES = 50_000_000  # a baseline of every finding in a large archive


def read_baseline(path: Path) -> Baseline:
    """The keys recorded in a baseline file, read once; a missing file is an empty baseline with a note.

    An entry whose key is not the hash of its own check, subject, value and
    sentence (a relabelled entry) suppresses nothing and is noted. A
    ``factcheck-baseline/1`` file (opaque finding ids, nothing to review) is an
    error that says how to write a new one.
    """
    name = display_name(path)
    try:
        # The shared bounded reader: a FIFO or device named as the baseline is refused, never waited on.
        raw = read_bytes(path, MAX_BASELINE_BYTES, name)
        data = json.loads(raw.decode("utf-8"))
    except InputError as exc:
        if exc.kind == "missing":
            return Baseline(set(), [f"{name}: baseline file not found; treating it as empty"])
        raise BaselineError(f"cannot read baseline {exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BaselineError(f"{name}: not a factcheck baseline (invalid JSON: {exc})") from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema == _OLD_BASELINE_SCHEMA:
        raise BaselineError(
            f"{name}: {schema} is no longer read (its entries are opaque finding ids that no editor "
            "can review); record the findings again with --write-baseline"
        )
    if schema != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{name}: not a factcheck baseline (expected schema '{BASELINE_SCHEMA}')")
    keys, notes = set(), []
    for n, e in enumerate(data["findings"]):
        fields = [e.get(k) for k in ("check", "subject", "value", "sentence")] if isinstance(e, dict) else []
        if (
            len(fields) != 4
            or not all(isinstance(x, str) for x in fields)
            or not isinstance(e.get("key"), str)
        ):
            notes.append(f"{path}: entry {n + 1} is not a baseline entry; ignored")
        elif entry_key(*fields) != e["key"]:
            notes.append(
                f"{path}: entry {n + 1} ({e['key']}) does not match its own check, subject, value and "
                "sentence; ignored"
            )
        else:
            keys.add(e["key"])
    return Baseline(keys, notes, hashlib.sha256(raw).hexdigest())


def baselined(
    findings: list[Finding], known: Baseline | None, judged: set[str] | None = None
) -> tuple[list[Finding], list[Suppression]]:
    """Drop findings whose every judged place a baseline records."""
    if known is None:
        return findings, []
    kept, aside = [], []
    for f in findings:
        own = entries(f, judged)
        if own and all(e["key"] in known.keys for e in own):
            aside.append(set_aside(f, "baseline"))
        else:
            kept.append(f)
    return kept, aside
