"""The rules of one run: the shipped rule files, then the folders the settings name, configured by the settings.

``rule_set`` loads them and applies the config's severities and choices (``select``,
``ignore``, ``severity = "off"``), refusing a check name that names no rule;
``lexicons`` parses the vocabularies every extractor and check shares, once per run.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .checks import CHECK_TYPES
from .config import Settings
from .gate.facts import CHECK as FACT_SHEET, FactSheet
from .gate.names import UnknownName, check_names
from .lexicons import Lexicons
from .rules import RuleError, RuleSet, default_rules_dir, load_rules


def rule_set(settings: Settings) -> RuleSet:
    """The shipped rules, then each folder the settings name, in order; then the config's severities and choices.

    Every check name the settings use (``severity``, ``accept``, ``select``,
    ``ignore``) must name a rule or ``fact-sheet``; a typo is an error with the
    closest names. ``severity = "off"``, ``ignore`` and ``select`` turn rules off.
    """
    rules = load_rules([default_rules_dir(), *(Path(d) for d in settings.rules)], CHECK_TYPES)
    known = {r.id for r in rules.rules} | {FACT_SHEET}
    try:
        for key in ("severity", "accept", "select", "ignore"):
            names = getattr(settings, key)
            where = (
                "--" + key
                if settings.origin(key) == "command line"
                else f"{settings.origin(key)}: key '{key}'"
            )
            check_names(names, known, where, wildcard=key == "accept")
    except UnknownName as exc:
        raise RuleError(str(exc)) from None
    rules.rules = [
        replace(
            r,
            severity=settings.severity.get(r.id, r.severity)
            if settings.severity.get(r.id) != "off"
            else r.severity,
            enabled=r.enabled and check_on(settings, r.id),
        )
        for r in rules.rules
    ]
    return rules


def check_on(settings: Settings, name: str) -> bool:
    """Whether the settings leave a check on: not ``off`` in ``severity``, selected, not ignored."""
    return (
        settings.severity.get(name) != "off"
        and (not settings.select or name in settings.select)
        and name not in settings.ignore
    )


def lexicons(rules: RuleSet) -> Lexicons:
    """The parsed vocabularies every extractor and check shares."""
    return Lexicons.build(rules)


def fact_sheet_severity(settings: Settings) -> str:
    """The fact sheet's check's severity: the config's, else error."""
    return settings.severity.get(FACT_SHEET, "error")


def rule_info(rules: RuleSet, settings: Settings, sheet: FactSheet | None) -> dict:
    """Rule id -> (description, severity) for each enabled rule, and the fact sheet's check when there is a sheet."""
    info = {r.id: (r.description, r.severity) for r in rules.rules if r.enabled}
    if sheet:
        info[FACT_SHEET] = ("A value the newsroom fact sheet contradicts.", fact_sheet_severity(settings))
    return info
