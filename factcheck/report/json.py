"""The JSON report: the stable ``factcheck-report/1`` contract that hooks and tools read.

Keys are only ever added, never renamed or removed. ``schema``, ``documents``,
``findings`` and ``summary`` are the original contract; ``stories`` (which
documents report one story, and the ids of its findings) and ``set_aside``
(how many findings were suppressed, accepted or baselined) came later. The
JSON Schema shipped in the package (``factcheck/schema/report.schema.json``,
:func:`schema`) describes all of it.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from ..models import Report
from .view import by_story

SCHEMA = "factcheck-report/1"
SET_ASIDE = ("suppressed", "accepted", "baselined")


def schema() -> dict:
    """The JSON Schema of this report, as shipped inside the package."""
    return json.loads(
        resources.files("factcheck").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
    )


def as_dict(report: Report, sentence_counts: dict[str, int] | None = None) -> dict:
    counts = sentence_counts or {}
    grouped = by_story(report)
    labels = report.story_labels
    story_of = {f.id: n for n, (_, found) in enumerate(grouped, 1) for f in found}
    return {
        "schema": SCHEMA,
        "documents": [
            {"path": d.path, "title": d.title, "date": d.date, "sentences": counts.get(d.path, 0)}
            for d in sorted(report.documents, key=lambda d: d.path)
        ],
        "findings": [{**f.as_dict(), "story": story_of.get(f.id)} for f in report.findings],
        "summary": report.summary(),
        "stories": [
            {
                "story": n,
                "label": labels[n - 1] if n <= len(labels) else "",
                "documents": list(paths),
                "findings": [f.id for f in found],
            }
            for n, (paths, found) in enumerate(grouped, 1)
        ],
        "set_aside": {
            **{k: report.set_aside.get(k, 0) for k in SET_ASIDE},
            # added to the contract, only when --min-severity left a finding out
            **({"below_min_severity": n} if (n := report.set_aside.get("below_min_severity")) else {}),
        },
        # added to the contract: what was not reported, each with where and why (only when something was)
        **({"suppressed": [s.as_dict() for s in report.suppressed]} if report.suppressed else {}),
    }


def render(report: Report, color: bool = False) -> str:
    text = json.dumps(as_dict(report, report.sentence_counts), ensure_ascii=False, indent=2) + "\n"
    # A file name that is not UTF-8 reaches us with lone surrogates (surrogateescape); a JSON
    # \u escape keeps it lossless and the report valid UTF-8. They only occur inside strings.
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
