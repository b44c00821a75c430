"""Rule files: load, validate and merge ``rules/*.yaml``.

Every file names what it ``extends``. Two families exist:

- a *check rule* extends a check type (``title-conflict``, ``vague-date``...). It has an
  ``id``, a ``severity``, a ``message`` template with ``{placeholders}``, and the type's own
  parameters. The type's ``Params`` (a frozen dataclass) names them and their types; the shipped
  ``rules/<type>.yaml`` states their values, once. They are read into a ``Params`` object
  (``Rule.params``), so a key the type does not declare, a key no file sets, or a value of the
  wrong type is a load error;
- a *lexicon* extends a vocabulary that extractors and checks share (``boilerplate``,
  ``titles``, ``names``, ``transliteration``, ``house-style``). Lexicon files of one kind merge, so a
  newsroom's own folder adds to the shipped lists instead of replacing them. Three lexicons
  (``sentences``, ``numbers``, ``published``) are read by functions that run without a rule set (the
  sentence splitter, the figure reader, the publication-date reader): they come from the shipped file
  alone (``shipped_lexicon``), and a newsroom folder that extends one is refused, naming the file.

Any problem raises :class:`RuleError` naming the file and the key, at load time.

A repository's rule folder is untrusted input for a hook, so loading is bounded:
only regular files under ``MAX_RULE_BYTES`` are read (``files.read_bytes``),
YAML aliases and nesting are limited (``safe_yaml``), message templates may only
hold plain ``{name}`` fields, and every regular expression a rule gives must
compile here (it then runs with a time limit per match, see ``boilerplate.Boilerplate``).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import string
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from . import safe_yaml
from .escapes import visible_repr
from .files import InputError, read_bytes
from .models import SEVERITIES
from .values import same_kind

MAX_RULE_BYTES = 2_000_000
# Lexicon keys whose strings are regular expressions (compiled at load, run with a time limit).
PATTERN_KEYS = {("boilerplate", "lines"), ("boilerplate", "head_lines")}

# Each lexicon kind and the keys it may carry, with their empty values.
LEXICON_TYPES: dict[str, dict[str, Any]] = {
    "boilerplate": {"lines": [], "head_lines": [], "head_size": 8, "drop_repeated": True},
    "titles": {
        "ranks": {},
        "portfolios": {},
        "countries": {},
        "nationalities": {},
        "equivalents": {},
        "qualifiers": [],
        "levels": [],
        "roles": [],
    },
    "transliteration": {
        "equivalents": [],
        "substitutions": [],
        "endings": [],
        "romanisation": [],
        "vowels": "aeiouy",
    },
    "house-style": {"preferred": [], "severity": "warning"},
    "names": {
        "stopwords": [],
        "org_words": [],
        "speech_verbs": [],
        "speech_before": [],
        "place_words": [],
        "place_heads": [],
        "settlements": {},
        "honorifics": [],
    },
    "claims": {
        "attributes": {},
        "measures": {},
        "evolving": [],
        "updates": [],
        "hedges": [],
        "provisional": [],
        "negations": [],
        "events": {},
        "event_verbs": [],
        "money": [],
        "reporting": [],
        "magnitude_of": {},
        "clause_openers": [],
        "terms": {},
        "other_terms": [],
        "settle_days": 31,
        "event_window": 80,
    },
    # The sentence splitter (extract/sentences.py), read from the shipped file alone (SHIPPED_ONLY).
    "sentences": {"abbreviations": [], "ambiguous": [], "openers": []},
    # The figure reader (extract/numbers.py), read from the shipped file alone (SHIPPED_ONLY).
    "numbers": {
        "attribute_verbs": [],
        "stop_nouns": [],
        "pronouns": [],
        "more": [],
        "modifiers": [],
        "modifier_endings": [],
        "demonym_endings": [],
    },
    # The publication-date reader (extract/published.py), read from the shipped file alone (SHIPPED_ONLY).
    "published": {"noise": [], "links": []},
    # Story grouping (factcheck/group/stories.py); rules/stories.yaml says what each one does.
    "stories": {
        "threshold": 0.26,
        "weights": {"entities": 0.6, "words": 0.2, "dense": 0.2},
        "dense_floor": 0.2,
        "prior_documents": 5,
        "time_grace_days": 7,
        "time_scale_days": 60,
        "time_floor": 0.5,
        "common_share": 0.3,
        "max_term_documents": 50,
        "neighbours": 10,
        "ann_min": 5000,
        "label_names": 3,
    },
}

# Lexicons that module-level functions read with no rule set at hand (the sentence splitter, the figure reader,
# the publication-date reader): ``shipped_lexicon`` reads them from the shipped rules folder alone. A scan's
# rule set is not threaded through those functions (their results are cached per text), so a newsroom folder
# cannot extend them; the loader refuses one that tries, rather than ignore it.
SHIPPED_ONLY = frozenset({"sentences", "numbers", "published"})

# What a rule id may be: ids are shown raw in tables and used as check names in config and markers.
RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
RULE_KEYS = {"id", "extends", "severity", "message", "description", "summary", "example", "enabled"}


class RuleError(Exception):
    """A rule file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Rule:
    """One check rule: which type it extends and how it is configured."""

    id: str
    extends: str
    severity: str
    message: str
    params: Any  # the check type's Params: every parameter, typed
    path: str
    description: str = ""
    enabled: bool = True
    summary: str = ""  # what the check reports, as the README's check table says it (``explain --markdown``)


@dataclass
class RuleSet:
    """The active check rules and the merged lexicons."""

    rules: list[Rule] = field(default_factory=list)
    lexicons: dict[str, dict] = field(default_factory=dict)
    loaded: list[tuple[str, bytes]] = field(default_factory=list)  # (file, the exact bytes loaded), in order

    @property
    def digest(self) -> str:
        """The hash of the rule files' bytes as loaded (``cache.digests.rules_digest`` hashes the same way)."""
        return files_digest(self.loaded)

    def lexicon(self, kind: str) -> dict:
        """The merged lexicon of ``kind``, with defaults for what no file set."""
        merged = {k: _copy(v) for k, v in LEXICON_TYPES[kind].items()}
        merged.update(self.lexicons.get(kind, {}))
        return merged


def files_digest(files: list[tuple[str, bytes]]) -> str:
    """One hash over (name, bytes) pairs, in order: how a rule set's files are fingerprinted."""
    h = hashlib.sha256()
    for name, data in files:
        h.update(name.encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")
    return h.hexdigest()


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
    if not same_kind(expected, value):
        raise RuleError(
            f"{path}: key '{key}' must be a {type(expected).__name__}, got {type(value).__name__}"
        )


def param_types(check_type: type) -> dict[str, Any]:
    """A check type's parameters and their declared types: the fields of its ``Params`` dataclass, in order."""
    hints = typing.get_type_hints(check_type.Params)
    return {f.name: hints[f.name] for f in dataclasses.fields(check_type.Params)}


def _check_param(expected: Any, value: Any, path: Path, key: str, check_type: type) -> None:
    """Raise a ``RuleError`` naming the file and the key when ``value`` is not of the declared type ``expected``.

    ``bool``, ``int`` (a whole number), ``float`` (any number), ``str``, ``list[X]`` and ``dict[str, X]``
    are known. Beyond its type, a parameter named ``..._severity`` must be a severity, and one named
    ``..._message`` a message template with plain ``{fields}`` the check fills.
    """
    origin = typing.get_origin(expected)
    if origin is list:
        _check_kind(list, value, path, key)
        (inner,) = typing.get_args(expected)
        for i, item in enumerate(value):
            _check_param(inner, item, path, f"{key}[{i}]", check_type)
    elif origin is dict:
        _check_kind(dict, value, path, key)
        _, inner = typing.get_args(expected)
        for k, item in value.items():
            if not isinstance(k, str):
                raise RuleError(f"{path}: key '{key}' must have text keys, got {k!r}")
            _check_param(inner, item, path, f"{key}.{k}", check_type)
    else:
        _check_kind(expected, value, path, key)
        if key.endswith("severity") and value not in SEVERITIES:
            raise RuleError(f"{path}: key '{key}' must be one of {', '.join(SEVERITIES)}, got {value!r}")
        if key.endswith("_message"):
            check_message(value, path, check_type.fields, key)


def _check_kind(expected: type, value: Any, path: Path, key: str) -> None:
    # A whole number passes for a float parameter, never a float for an int one; a bool passes for neither.
    ok = same_kind(expected(), value) and not (expected is int and isinstance(value, float))
    if not ok:
        raise RuleError(f"{path}: key '{key}' must be a {expected.__name__}, got {type(value).__name__}")


def check_message(template: str, path: Path, fields: set[str] | None = None, key: str = "message") -> None:
    """Refuse a message template with anything but plain ``{name}`` fields (no format spec, attribute or index).

    A template such as ``{subject:>400000000}`` would write a 400 MB report, and
    ``{subject.__class__}`` reaches into Python objects. ``fields`` (when known)
    are the names the check fills; any other name is refused too.
    """
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise RuleError(f"{path}: key '{key}' is not a valid template ({exc})") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise RuleError(f"{path}: key '{key}' may only hold plain {{name}} fields, got {shown!r}")
        if fields is not None and name not in fields:
            raise RuleError(
                f"{path}: key '{key}' names unknown field {{{name}}} (known: {', '.join(sorted(fields))})"
            )


def _check_patterns(kind: str, key: str, value: Any, path: Path) -> None:
    if (kind, key) not in PATTERN_KEYS:
        return
    for i, pattern in enumerate(value):
        try:
            regex.compile(pattern)
        except (regex.error, TypeError, ValueError) as exc:
            raise RuleError(f"{path}: key '{key}[{i}]' is not a valid regular expression ({exc})") from None


def rule_files(dirs: list[Path]) -> list[Path]:
    """The rule files of ``dirs``, in load order: folder by folder, file names sorted."""
    files = []
    for folder in dirs:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rules folder not found")
        files += sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return files


def read_rule_bytes(path: Path) -> bytes:
    """One rule file's bytes: a regular file (symlinks followed only to one), at most ``MAX_RULE_BYTES``."""
    try:
        return read_bytes(path, MAX_RULE_BYTES, str(path))
    except InputError as exc:
        raise RuleError(f"cannot read rule file {exc}") from None


def load_file(path: Path, check_types: dict[str, type], into: RuleSet) -> None:
    """Validate one rule file and add it to ``into``."""
    raw = read_rule_bytes(path)
    data = _parse_yaml(path, raw)
    into.loaded.append((str(path), raw))
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping of keys")
    extends = data.get("extends")
    if not extends:
        raise RuleError(f"{path}: missing key 'extends'")
    if extends in LEXICON_TYPES:
        _load_lexicon(path, data, extends, into)
        return
    if extends not in check_types:
        known = ", ".join(sorted([*check_types, *LEXICON_TYPES]))
        raise RuleError(f"{path}: key 'extends' names unknown type '{extends}' (known: {known})")
    check_type = check_types[extends]
    _check_rule_id(path, data)
    # A rule with the id of an earlier one (a newsroom's override of a shipped rule)
    # inherits what it does not set: its parameters, severity, message, description and summary.
    earlier = next((r for r in into.rules if r.id == str(data["id"]) and r.extends == extends), None)
    severity, message = _severity_and_message(path, data, earlier, check_types[extends])
    if "enabled" in data and not isinstance(data["enabled"], bool):
        raise RuleError(f"{path}: key 'enabled' must be a bool, got {type(data['enabled']).__name__}")
    if "summary" in data and not isinstance(data["summary"], str):
        raise RuleError(f"{path}: key 'summary' must be a str, got {type(data['summary']).__name__}")
    params = _rule_params(path, data, check_type, earlier, extends)
    rule = Rule(
        id=str(data["id"]),
        extends=extends,
        severity=severity,
        message=message,
        params=params,
        path=str(path),
        description=str(data.get("description", earlier.description if earlier else "")).strip(),
        enabled=data.get("enabled", earlier.enabled if earlier else True),
        summary=" ".join(data.get("summary", earlier.summary if earlier else "").split()),
    )
    # A later folder's rule with the same id replaces the earlier one: that is how a
    # newsroom overrides a shipped rule without editing it.
    into.rules = [r for r in into.rules if r.id != rule.id] + [rule]


def _parse_yaml(path: Path, raw: bytes) -> Any:
    """A rule file's bytes parsed as (limited) YAML; any failure is a ``RuleError`` naming the file."""
    try:
        return safe_yaml.load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    except safe_yaml.YAMLLimitError as exc:
        raise RuleError(f"{path}: refused: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. a timestamp that is no date
        raise RuleError(f"{path}: a value cannot be read ({exc})") from None


def _load_lexicon(path: Path, data: dict, extends: str, into: RuleSet) -> None:
    """Check a lexicon file's keys and values and merge them into ``into``'s lexicon of that type."""
    allowed = LEXICON_TYPES[extends]
    if extends in SHIPPED_ONLY and path.resolve().parent != default_rules_dir():
        raise RuleError(
            f"{path}: key 'extends': the '{extends}' lexicon is read from the shipped rules only "
            f"(rules/{extends}.yaml in factcheck's own folder), not from a newsroom's rules folder"
        )
    for key, value in data.items():
        if key in ("extends", "description"):
            continue
        if key not in allowed:
            raise RuleError(f"{path}: unknown key '{key}' for lexicon '{extends}'")
        _check_type(allowed[key], value, path, key)
        _check_patterns(extends, key, value, path)
    _merge(into.lexicons.setdefault(extends, {}), {k: v for k, v in data.items() if k in allowed})


def _check_rule_id(path: Path, data: dict) -> None:
    """Raise a ``RuleError`` when the rule has no id or the id is not a plain name."""
    if "id" not in data:
        raise RuleError(f"{path}: missing key 'id'")
    # An id reaches every report, the terminal and --select/--ignore: it is a name, nothing more.
    if not isinstance(data["id"], str) or not RULE_ID.fullmatch(data["id"]):
        raise RuleError(
            f"{path}: key 'id' must be letters, digits, '.', '_' or '-' (at most 64, starting with a "
            f"letter or digit), got {visible_repr(data['id'])}"
        )


def _severity_and_message(path: Path, data: dict, earlier: Rule | None, check_type: type) -> tuple[str, str]:
    """The rule's severity and message template, inherited from ``earlier`` when unset, both checked."""
    for key in ("severity", "message"):
        if key not in data and earlier is None:
            raise RuleError(f"{path}: missing key '{key}'")
    severity = data.get("severity", earlier.severity if earlier else None)
    if severity not in SEVERITIES:
        raise RuleError(f"{path}: key 'severity' must be one of {', '.join(SEVERITIES)}, got {severity!r}")
    message = data["message"] if "message" in data else earlier.message
    if not isinstance(message, str):
        raise RuleError(f"{path}: key 'message' must be a str, got {type(message).__name__}")
    check_message(message, path, getattr(check_type, "fields", None))
    return severity, message


def _rule_params(path: Path, data: dict, check_type: type, earlier: Rule | None, extends: str) -> Any:
    """The check parameters as the type's ``Params``: ``earlier``'s values (else the shipped ones), overridden
    by the file's, each checked against its declared type. A key the type does not declare, or a parameter that
    neither this file nor the shipped one sets, is a ``RuleError`` naming this file and the key."""
    declared = param_types(check_type)
    values = (
        dataclasses.asdict(earlier.params)
        if earlier
        else {k: _copy(v) for k, v in check_type.defaults.items()}
    )
    for key, value in data.items():
        if key in RULE_KEYS:
            continue
        if key not in declared:
            raise RuleError(f"{path}: unknown key '{key}' for check type '{extends}'")
        _check_param(declared[key], value, path, key, check_type)
        values[key] = value
    for key in declared:
        if key not in values:
            raise RuleError(
                f"{path}: missing key '{key}': check type '{extends}' reads it, and neither this file nor the "
                f"shipped rules/{extends}.yaml sets it"
            )
    return check_type.Params(**{key: values[key] for key in declared})


def load_rules(dirs: list[Path], check_types: dict[str, type]) -> RuleSet:
    """Load every ``*.yaml`` / ``*.yml`` in ``dirs``, in order, file names sorted."""
    ruleset = RuleSet()
    for path in rule_files(dirs):
        load_file(path, check_types, ruleset)
    ruleset.rules.sort(key=lambda r: r.id)
    return ruleset


def shipped_parameters(check: str) -> dict[str, Any]:
    """A check type's parameters and their defaults: the keys of its shipped rule file ``rules/<check>.yaml``
    beyond the rule's own (id, severity, message...). The values are stated there once, where editors read
    and override them; a type with no shipped file has none. Problems in the file are named when the rules
    load (``load_file``)."""
    path = default_rules_dir() / f"{check}.yaml"
    if not path.is_file():
        return {}
    data = safe_yaml.load(read_rule_bytes(path).decode("utf-8"))
    return {k: v for k, v in data.items() if k not in RULE_KEYS} if isinstance(data, dict) else {}


@functools.cache
def shipped_lexicon(kind: str) -> dict[str, Any]:
    """The lexicon of ``kind`` as the shipped ``rules/<kind>.yaml`` states it, checked as ``load_rules`` checks it,
    read once per process: for functions that run without a rule set (``SHIPPED_ONLY``). Do not modify it."""
    into = RuleSet()
    load_file(default_rules_dir() / f"{kind}.yaml", {}, into)
    return into.lexicon(kind)


def default_rules_dir() -> Path:
    """The rules shipped with factcheck: ``factcheck/data/rules``, package data in the wheel.

    In a checkout that folder is a symlink to the top-level ``rules/`` (where editors
    look); it is resolved, so rule paths read ``rules/<name>.yaml`` there.
    """
    return (Path(__file__).resolve().parent / "data" / "rules").resolve()
