"""factcheck's own reports and baselines, told from articles: a file is one only when it parses as one."""

from __future__ import annotations

import json
import re

# A report or baseline written into a scanned folder must not come back as an article; but
# a draft is never skipped for merely *mentioning* a report (a "factcheck-report/1" in an
# HTML comment): only text that parses as a report, in one of the formats factcheck
# writes, is one.
_HTML_REPORT = re.compile(
    rb'\A<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    rb'<meta http-equiv="Content-Security-Policy" content="[^"<>]*">[^<>]*(?:<meta [^<>]*>)*'
    rb'<meta name="generator" content="factcheck"><title>factcheck report</title><style>'
)
_MARKDOWN_REPORT = re.compile(rb"\A# factcheck report\r?\n\r?\n\d+ documents?, \d+ sentences?: ")
_TEXT_SUMMARY = re.compile(rb"\d+ error\(s\), \d+ warning\(s\), \d+ info(?:; not reported: .*)?")
_TEXT_LINE = re.compile(rb"(?:.*:\d+:\d+: (?:error|warning|info) .*|    .*)")
BASELINE_SCHEMAS = ("factcheck-baseline/2", "factcheck-baseline/1")


def _json_report(data: bytes) -> bool:
    """Whether ``data`` is a JSON report valid against the shipped schema, a factcheck SARIF log or a baseline."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    if not isinstance(doc, dict):
        return False
    if doc.get("schema") == "factcheck-report/1":
        import jsonschema

        from ..report.json import schema

        try:
            jsonschema.validate(doc, schema())
        except (jsonschema.ValidationError, RecursionError):
            return False
        return True
    if doc.get("schema") in BASELINE_SCHEMAS:
        return isinstance(doc.get("findings"), list) and all(isinstance(e, dict) for e in doc["findings"])
    runs = doc.get("runs")
    return (
        doc.get("version") == "2.1.0"
        and isinstance(runs, list)
        and len(runs) == 1
        and isinstance(runs[0], dict)
        and isinstance(runs[0].get("tool"), dict)
        and isinstance(runs[0]["tool"].get("driver"), dict)
        and runs[0]["tool"]["driver"].get("name") == "factcheck"
        and isinstance(runs[0].get("results"), list)
    )


def is_report(data: bytes) -> bool:
    """Whether ``data`` is a factcheck report or baseline, read as one; never from a marker string alone.

    JSON parses and validates against the report schema (or is a baseline, or a
    SARIF log whose tool is factcheck); the HTML report opens with the head factcheck
    writes; the Markdown report opens with its title and counts; the text report is
    finding lines (``path:line:col: severity ...``, evidence and suggestions
    indented) over a count line. A draft that only carries one of these strings (in a
    comment, say) is an article and is judged.
    """
    if data.lstrip()[:1] == b"{":
        return _json_report(data)
    if _HTML_REPORT.match(data) or _MARKDOWN_REPORT.match(data):
        return True
    body = data.rstrip(b"\n")
    if not _TEXT_SUMMARY.fullmatch(body.rpartition(b"\n")[2]):
        return False  # the usual case, decided from the last line alone
    lines = body.split(b"\n", 200)[:-1]
    return all(_TEXT_LINE.fullmatch(line) for line in lines[:200])
