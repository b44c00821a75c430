"""The JSON report: the stable ``factcheck-report/1`` contract that hooks and tools read."""

from __future__ import annotations

import json

from ..models import Report

SCHEMA = "factcheck-report/1"


def as_dict(report: Report, sentence_counts: dict[str, int] | None = None) -> dict:
    counts = sentence_counts or {}
    return {
        "schema": SCHEMA,
        "documents": [
            {"path": d.path, "title": d.title, "date": d.date, "sentences": counts.get(d.path, 0)}
            for d in sorted(report.documents, key=lambda d: d.path)
        ],
        "findings": [f.as_dict() for f in report.findings],
        "summary": report.summary(),
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps(as_dict(report, report.sentence_counts), ensure_ascii=False, indent=2) + "\n"
