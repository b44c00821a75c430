"""SARIF 2.1.0, for code-scanning dashboards: one run, one result per finding.

``ruleId`` is the check id; levels map error -> error, warning -> warning, info ->
note; every evidence place is a location with its start line and column; the
finding id is the ``partialFingerprints`` entry, so dashboards track a finding
across edits the same way a baseline does.
"""

from __future__ import annotations

import json

from .. import __version__
from ..models import Report

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def as_dict(report: Report) -> dict:
    checks = sorted({f.check for f in report.findings} | set(report.rules))
    rules = []
    for check in checks:
        description, severity = report.rules.get(check, ("", "warning"))
        rules.append({
            "id": check,
            "name": check,
            "shortDescription": {"text": description or check},
            "defaultConfiguration": {"level": LEVELS[severity]},
        })
    index = {check: i for i, check in enumerate(checks)}
    results = []
    for f in report.findings:
        ordered = [f.primary] + [e for e in f.evidence if e is not f.primary] if f.evidence else []
        locations = [{
            "physicalLocation": {
                "artifactLocation": {"uri": e.document},
                "region": {"startLine": e.line, "startColumn": e.column, "snippet": {"text": e.text}},
            },
            "message": {"text": e.value or e.text},
        } for e in ordered]
        result = {
            "ruleId": f.check,
            "ruleIndex": index[f.check],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": locations[:1],
            "partialFingerprints": {"factcheck/v1": f.id},
            "properties": {"subject": f.subject, "values": f.values, "suggestion": f.suggestion},
        }
        if len(locations) > 1:
            result["relatedLocations"] = [dict(loc, id=n) for n, loc in enumerate(locations[1:], 1)]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
