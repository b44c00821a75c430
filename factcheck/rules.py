"""Rule files: load, validate and merge ``rules/*.yaml``.

Every file names what it ``extends``. Two families exist:

- a *check rule* extends a check type (``title-conflict``, ``vague-date``...). It has an
  ``id``, a ``severity``, a ``message`` template with ``{placeholders}``, and the type's own
  parameters, each checked against the type's defaults;
- a *lexicon* extends a vocabulary that extractors and checks share (``boilerplate``,
  ``titles``, ``names``, ``transliteration``, ``house-style``). Lexicon files of one kind merge, so a
  newsroom's own folder adds to the shipped lists instead of replacing them.

Any problem raises :class:`RuleError` naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .models import SEVERITIES

# libyaml's safe loader when PyYAML was built with it (several times faster on the big lexicons).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Each lexicon kind and the keys it may carry, with their empty values.
LEXICON_TYPES: dict[str, dict[str, Any]] = {
    "boilerplate": {"lines": [], "head_lines": [], "head_size": 8, "drop_repeated": True},
    "titles": {"ranks": {}, "portfolios": {}, "countries": {}, "equivalents": {}, "qualifiers": [], "roles": []},
    "transliteration": {"equivalents": [], "substitutions": [], "endings": []},
    "house-style": {"preferred": [], "severity": "warning"},
    "names": {"stopwords": [], "org_words": [], "speech_verbs": []},
    "claims": {"attributes": {}, "measures": {}, "evolving": [], "updates": [], "hedges": [], "negations": [], "events": {},
               "settle_days": 31, "event_window": 80},
}

RULE_KEYS = {"id", "extends", "severity", "message", "description", "example", "enabled"}


class RuleError(Exception):
    """A rule file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Rule:
    """One check rule: which type it extends and how it is configured."""

    id: str
    extends: str
    severity: str
    message: str
    params: dict
    path: str
    description: str = ""
    enabled: bool = True


@dataclass
class RuleSet:
    """The active check rules and the merged lexicons."""

    rules: list[Rule] = field(default_factory=list)
    lexicons: dict[str, dict] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def lexicon(self, kind: str) -> dict:
        """The merged lexicon of ``kind``, with defaults for what no file set."""
        merged = {k: _copy(v) for k, v in LEXICON_TYPES[kind].items()}
        merged.update(self.lexicons.get(kind, {}))
        return merged


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        old = into.get(key)
        if isinstance(old, list) and isinstance(value, list):
            into[key] = old + value
        elif isinstance(old, dict) and isinstance(value, dict):
            into[key] = {**old, **value}
        else:
            into[key] = value


def _check_type(expected: Any, value: Any, path: Path, key: str) -> None:
    # bool is an int in Python, so it is tested first to keep `true` out of numeric keys.
    if isinstance(expected, bool):
        ok = isinstance(value, bool)
    elif isinstance(expected, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif expected is None:
        ok = True
    else:
        ok = isinstance(value, type(expected))
    if not ok:
        raise RuleError(f"{path}: key '{key}' must be a {type(expected).__name__}, got {type(value).__name__}")


def load_file(path: Path, check_types: dict[str, type], into: RuleSet) -> None:
    """Validate one rule file and add it to ``into``."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping of keys")
    extends = data.get("extends")
    if not extends:
        raise RuleError(f"{path}: missing key 'extends'")
    into.files.append(str(path))
    if extends in LEXICON_TYPES:
        allowed = LEXICON_TYPES[extends]
        for key, value in data.items():
            if key in ("extends", "description"):
                continue
            if key not in allowed:
                raise RuleError(f"{path}: unknown key '{key}' for lexicon '{extends}'")
            _check_type(allowed[key], value, path, key)
        _merge(into.lexicons.setdefault(extends, {}), {k: v for k, v in data.items() if k in allowed})
        return
    if extends not in check_types:
        known = ", ".join(sorted([*check_types, *LEXICON_TYPES]))
        raise RuleError(f"{path}: key 'extends' names unknown type '{extends}' (known: {known})")
    defaults = check_types[extends].defaults
    for key in ("id", "severity", "message"):
        if key not in data:
            raise RuleError(f"{path}: missing key '{key}'")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{path}: key 'severity' must be one of {', '.join(SEVERITIES)}, got {data['severity']!r}")
    params = {k: _copy(v) for k, v in defaults.items()}
    for key, value in data.items():
        if key in RULE_KEYS:
            continue
        if key not in defaults:
            raise RuleError(f"{path}: unknown key '{key}' for check type '{extends}'")
        _check_type(defaults[key], value, path, key)
        params[key] = value
    rule = Rule(
        id=str(data["id"]),
        extends=extends,
        severity=data["severity"],
        message=str(data["message"]),
        params=params,
        path=str(path),
        description=str(data.get("description", "")).strip(),
        enabled=bool(data.get("enabled", True)),
    )
    # A later folder's rule with the same id replaces the earlier one: that is how a
    # newsroom overrides a shipped rule without editing it.
    into.rules = [r for r in into.rules if r.id != rule.id] + [rule]


def load_rules(dirs: list[Path], check_types: dict[str, type]) -> RuleSet:
    """Load every ``*.yaml`` / ``*.yml`` in ``dirs``, in order, file names sorted."""
    ruleset = RuleSet()
    for folder in dirs:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rules folder not found")
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            load_file(path, check_types, ruleset)
    ruleset.rules.sort(key=lambda r: r.id)
    return ruleset


def default_rules_dir() -> Path:
    """The rules shipped with factcheck: ``rules/`` beside the package, or inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "rules"):
        if candidate.is_dir():
            return candidate
    return here.parent / "rules"
