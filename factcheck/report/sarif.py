"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning and the like): one run, one result per finding.

- ``ruleId`` is the check id; each rule carries its description
  (``fullDescription``) and help from the check type's example
  (``help.markdown``). factcheck has no public address of its own (each newsroom
  hosts its copy), so no ``informationUri`` or ``helpUri`` is given rather than a
  placeholder; the help names the README's "Checks" section.
- Levels map error -> error, warning -> warning, info -> note.
- Every place is a location with its start line and column, and its end column
  where the value is found there on disk. Paths are URIs relative to
  ``%SRCROOT%`` (``originalUriBaseIds``): ``--sarif-root``, or else the folder
  the scan ran in, whether the paths were given relative or absolute, so the URIs
  match the repository's files. A file outside that folder gets an absolute
  ``file://`` URI.
- The message ends with the suggestion, so code-scanning views show it; where
  the suggestion is one of the finding's values (a misspelling and its better
  form), each place writing another value gets a ``fixes`` replacement.
- The finding id is the ``partialFingerprints`` entry, so dashboards track a
  finding across edits the same way a baseline does.
"""

from __future__ import annotations

import json
import os
import posixpath
from urllib.parse import quote

from .. import __version__
from ..models import Evidence, Finding, Report

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def _uri(path: str) -> str:
    # Percent-encoded; a file name that was not UTF-8 (surrogate-escaped) keeps its original bytes.
    return quote(path, safe="/", encoding="utf-8", errors="surrogateescape")


def _examples() -> dict[str, str]:
    from ..checks import CHECK_TYPES  # every check module: only SARIF needs their examples here

    return {name: cls.example for name, cls in CHECK_TYPES.items()}


def rule(check: str, description: str, severity: str, example: str) -> dict:
    """A reportingDescriptor: what the check reports, with its example as help."""
    text = description or check
    markdown = f'**{check}**: {text}\n\nSee the "Checks" section of factcheck\'s README.'
    if example:
        markdown += "\n\nExample:\n\n```text\n" + example.replace("```", "'''") + "\n```"
    return {
        "id": check,
        "name": check,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text + (f"\n\nExample:\n{example}" if example else ""), "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[severity]},
    }


def _end_column(e: Evidence, sources: dict[str, list[str]]) -> int | None:
    """The column after the value, when the file has the value at the evidence's line and column."""
    lines = sources.get(e.document)
    if not e.value or not lines or not 0 < e.line <= len(lines):
        return None
    start = e.column - 1
    return e.column + len(e.value) if lines[e.line - 1][start : start + len(e.value)] == e.value else None


def as_dict(report: Report, root: str | None = None, cwd: str | None = None) -> dict:
    """The SARIF log; URIs are relative to ``root`` (default: ``cwd``, default: the current directory).

    A relative path in the report is relative to ``cwd``, the folder the scan ran in.
    """
    cwd = posixpath.normpath(cwd or os.getcwd())
    root = posixpath.normpath(posixpath.join(cwd, root or cwd))
    examples = _examples()
    checks = sorted({f.check for f in report.findings} | set(report.rules))
    rules = []
    for check in checks:
        description, severity = report.rules.get(check, ("", "warning"))
        rules.append(rule(check, description, severity, examples.get(check, "")))
    index = {check: i for i, check in enumerate(checks)}
    sources = {d.path: d.source.split("\n") for d in report.documents}

    def artifact(path: str) -> dict:
        full = posixpath.normpath(posixpath.join(cwd, path))
        if full == root or not full.startswith(root.rstrip("/") + "/"):
            return {"uri": "file://" + _uri(full)}
        return {"uri": _uri(posixpath.relpath(full, root)), "uriBaseId": SRCROOT}

    def region(e: Evidence) -> dict:
        out = {"startLine": e.line, "startColumn": e.column}
        end = _end_column(e, sources)
        if end is not None:
            out["endColumn"] = end
        out["snippet"] = {"text": e.text}
        return out

    def fixes(f: Finding) -> list[dict]:
        if not f.suggestion or f.suggestion not in f.values:
            return []
        out = []
        for e in f.disputed:
            end = _end_column(e, sources)
            if e.value and e.value != f.suggestion and end is not None:
                out.append(
                    {
                        "description": {"text": f"Replace '{e.value}' with '{f.suggestion}'"},
                        "artifactChanges": [
                            {
                                "artifactLocation": artifact(e.document),
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "startLine": e.line,
                                            "startColumn": e.column,
                                            "endColumn": end,
                                        },
                                        "insertedContent": {"text": f.suggestion},
                                    }
                                ],
                            }
                        ],
                    }
                )
        return out

    results = []
    for f in report.findings:
        ordered = [f.primary] + [e for e in f.evidence if e is not f.primary] if f.evidence else []
        locations = [
            {
                "physicalLocation": {"artifactLocation": artifact(e.document), "region": region(e)},
                "message": {"text": e.value or e.text},
            }
            for e in ordered
        ]
        message = " ".join(f.message.split())
        if f.suggestion:
            message += (
                "" if message.endswith((".", "!", "?")) else "."
            ) + f" Suggestion: {' '.join(f.suggestion.split())}"
        result = {
            "ruleId": f.check,
            "ruleIndex": index[f.check],
            "level": LEVELS[f.severity],
            "message": {"text": message},
            "locations": locations[:1],
            "partialFingerprints": {"factcheck/v1": f.id},
            "properties": {"subject": f.subject, "values": f.values, "suggestion": f.suggestion},
        }
        if len(locations) > 1:
            result["relatedLocations"] = [dict(loc, id=n) for n, loc in enumerate(locations[1:], 1)]
        if found := fixes(f):
            result["fixes"] = found
        results.append(result)
    base = {
        "uri": "file://" + _uri(root.rstrip("/") + "/"),
        "description": {
            "text": "The folder the URIs are relative to: --sarif-root, or the folder factcheck scan ran in."
        },
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules}},
                "originalUriBaseIds": {SRCROOT: base},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def render(report: Report, color: bool = False, root: str | None = None) -> str:
    text = json.dumps(as_dict(report, root), ensure_ascii=False, indent=2) + "\n"
    # Lone surrogates (file names that were not UTF-8) only occur inside strings: escape them.
    return "".join(f"\\u{ord(c):04x}" if "\ud800" <= c <= "\udfff" else c for c in text)
