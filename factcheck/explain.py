"""What ``factcheck explain`` (no argument, or ``--markdown``) and ``factcheck config`` print: the checks, the
README's check table, and the settings as TOML."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import fields

from .config import NOT_KEYS, Settings
from .escapes import visible
from .gate.facts import CHECK as FACT_SHEET
from .models import severity_rank


def listing(rules: list) -> str:
    """Every check: its id, the type it extends, its default severity, and its shipped parameter values."""
    lines = ["Checks (factcheck explain TYPE says more about one):", ""]
    for r in sorted(rules, key=lambda r: r.id):
        state = "" if r.enabled else ", off"
        lines.append(f"{r.id}  ({r.extends}; default severity {r.severity}{state})")
        description = " ".join((r.description or "").split())
        if description:
            lines.append(f"    {description}")
        values = dataclasses.asdict(r.params)
        for key, value in sorted(values.items()):
            lines.append(f"    {key} = {_short(value)}")
    lines.append(f"{FACT_SHEET}  (the newsroom fact sheet; default severity error)")
    lines.append("    A title, spelling, figure or date that facts.yaml contradicts.")
    return "\n".join(lines) + "\n"


def markdown_table(rules: list) -> str:
    """The README's check table: each enabled rule's id, what it reports (its ``summary``, else its
    ``description``) and its default severity; the most severe first, then by id. README.md holds this very
    text (tests/test_readme.py), so the table is written once, in the rule files."""
    lines = [TABLE_HEAD, "|---|---|---|"]
    for r in sorted((r for r in rules if r.enabled), key=lambda r: (-severity_rank(r.severity), r.id)):
        text = " ".join((r.summary or r.description).split()).replace("|", "\\|")
        lines.append(f"| `{r.id}` | {text} | {r.severity} |")
    return "\n".join(lines) + "\n"


TABLE_HEAD = "| check | what it reports | default severity |"


def with_check_table(readme: str, table: str) -> str:
    """``readme`` with its check table (from ``TABLE_HEAD`` to the first blank line) replaced by ``table``."""
    start = readme.index(TABLE_HEAD)
    return readme[:start] + table + readme[readme.index("\n\n", start) + 1 :]


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 100 else text[:97] + "..."


def toml_value(value) -> str:
    """A TOML literal for a setting's value (strings, numbers, booleans, lists of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")


def _key(name: str) -> str:
    return name if name.replace("-", "").replace("_", "").isalnum() else json.dumps(name)


def settings_toml(settings: Settings) -> str:
    """The effective settings as a factcheck.toml that reads back to the same values; origins as comments."""
    lines = [
        "# factcheck: effective settings (paste into factcheck.toml, or under [tool.factcheck] in pyproject.toml)",
        f"# config file: {visible(settings.config_file)}"
        if settings.config_file
        else "# config file: none (searched from the current folder up to the repository root)",
    ]
    tables = []
    for f in fields(settings):
        if f.name in NOT_KEYS:
            continue
        value = getattr(settings, f.name)
        if isinstance(value, dict):
            tables.append((f.name, value))
            continue
        lines.append(
            f"{f.name.replace('_', '-')} = {toml_value(value)}    # {visible(settings.origin(f.name))}"
        )
    for name, table in tables:
        lines += ["", f"[{name}]    # {visible(settings.origin(name))}"]
        lines += [f"{_key(k)} = {toml_value(v)}" for k, v in sorted(table.items())]
    return "\n".join(lines) + "\n"
