"""Settings: defaults, then ``[tool.factcheck]`` in pyproject.toml or ``factcheck.toml``, then flags.

The config file is found by walking up from the current directory to the
repository root (the nearest folder holding ``.git``); the first ``factcheck.toml``,
or ``pyproject.toml`` with a ``[tool.factcheck]`` table, wins. The search for that
root never passes the user's home folder, a filesystem boundary, or a folder that
is not the user's own or that others may write to (``/tmp``); when it finds no
root within those limits (a tarball, an export, a CI artefact), only the current
folder is searched. A config file above the project, which anyone with a folder up
there can place, is never read. A flag on the command line always beats the config
file, and ``factcheck config`` names the file used.

A config file is untrusted input for a hook, so it is read like an article (a
regular file, at most ``MAX_CONFIG_BYTES``), and a ``cache-dir`` it sets must stay
inside the user's cache folder or inside the folder that holds the config file
(given on the command line, any folder is allowed).
Each setting remembers where its value came from (``factcheck config`` shows it).
"""

from __future__ import annotations

import difflib

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .files import InputError, read_bytes
from .values import same_kind

# The defaults live here, at the bottom of the import graph: every stage imports them
# from config, and config imports no stage (so `factcheck --help` loads no numpy).
DEFAULT_THRESHOLD = (
    0.80  # cosine similarity that links two sentences into one claim (benchmarks/THRESHOLD.md)
)
DEFAULT_FLOOR = 0.6  # below this, even a shared neighbour does not link two sentences
PACKAGED = "packaged:all-MiniLM-L6-v2"
BACKENDS = ("onnx", "onnx-int8", "torch")
DEFAULT_BACKEND = "onnx"
DEFAULT_MAX_BYTES = 5_000_000  # a file larger than this is skipped
MAX_SENTENCE_CHARS = 1000  # a longer run of text is cut at spaces
FACTS_FILE = "facts.yaml"  # the fact sheet's name in a project root


class ModelError(Exception):
    """The model cannot be found, or its weights are not the ones expected."""


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(os.environ["FACTCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


MAX_CONFIG_BYTES = 1_000_000


# Settings fields that are not config keys: where values came from, and which file was read.
NOT_KEYS = ("sources", "config_file")


class ConfigError(Exception):
    """A config file or value that cannot be used; the message names the file and key."""


@dataclass
class Settings:
    model: str = PACKAGED  # "packaged:all-MiniLM-L6-v2" or a local model folder
    model_sha256: str = ""  # expected weights hash for a non-packaged model (empty: not checked)
    backend: str = DEFAULT_BACKEND  # "onnx" (exported once, run with ONNX Runtime), "onnx-int8" or "torch"
    threshold: float = DEFAULT_THRESHOLD  # cosine similarity that links two sentences
    floor: float = DEFAULT_FLOOR  # every pair inside a cluster must be at least this similar
    neighbours: int = 10  # links kept per sentence
    story_threshold: float = (
        0.0  # average-linkage similarity that makes one story; 0: rules/stories.yaml's threshold
    )
    cache_dir: str = ""  # empty: $FACTCHECK_CACHE_DIR or ~/.cache/factcheck
    cache: bool = True
    rules: list = field(default_factory=list)  # extra rule folders, after the shipped ones
    fail_on: str = "error"
    min_severity: str = (
        "info"  # findings below it are not reported (a display level, like Vale's minAlertLevel)
    )
    max_file_size: int = (
        DEFAULT_MAX_BYTES  # bytes; a larger file is skipped (named on the command line: exit 2)
    )
    max_sentence_length: int = MAX_SENTENCE_CHARS  # characters; a longer run of text is cut at spaces
    max_sentences: int = 500_000  # per scan; documents past it are skipped (named ones: exit 2)
    batch_size: int = 64
    severity: dict = field(
        default_factory=dict
    )  # rule id -> severity ("off" turns it off), overriding the rule file
    accept: dict = field(default_factory=dict)  # check id -> accepted subjects or values (e.g. a spelling)
    select: list = field(default_factory=list)  # only these checks run (empty: all)
    ignore: list = field(default_factory=list)  # these checks do not run
    inline_ignores: bool = True  # honour "factcheck: ignore" markers in judged documents
    facts: str = ""  # the fact sheet; empty: facts.yaml beside the config file (or here), if there is one
    sources: dict = field(default_factory=dict, compare=False, repr=False)
    config_file: str = field(
        default="", compare=False
    )  # the config file read ("" when none): not a config key

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get("_frozen"):
            raise AttributeError(f"Settings are frozen once loaded; use replaced() (tried to set {name!r})")
        object.__setattr__(self, name, value)

    def freeze(self) -> Settings:
        """No more changes: what ``factcheck config`` shows is what the scan uses."""
        object.__setattr__(self, "_frozen", True)
        return self

    def replaced(self, source: str, **changes: Any) -> Settings:
        """A frozen copy with ``changes`` applied, each recorded as coming from ``source``."""
        copy = Settings(**{f.name: getattr(self, f.name) for f in fields(self)})
        copy.sources = dict(self.sources)
        for attr, value in changes.items():
            setattr(copy, attr, value)
            copy.sources[attr] = source
        return copy.freeze()

    def set(self, key: str, value: Any, source: str) -> None:
        """Set one value after checking its type; ``source`` is recorded for ``factcheck config``."""
        names = {f.name: f for f in fields(self) if f.name not in NOT_KEYS}
        attr = key.replace("-", "_")
        if attr not in names:
            _unknown_key(key, names, source)
        value = _typed(getattr(self, attr), key, value, source)
        _check_choice(attr, key, value, source)
        _check_collection(attr, key, value, source)
        _check_range(attr, key, value, source)
        setattr(self, attr, value)
        self.sources[attr] = source

    def cache_root(self) -> Path:
        """The cache folder: ``cache-dir`` when set, else ``default_cache_dir()``."""
        return Path(self.cache_dir) if self.cache_dir else default_cache_dir()

    def origin(self, attr: str) -> str:
        return self.sources.get(attr, "default")


def _unknown_key(key: str, names: dict, source: str) -> None:
    """Raise a ``ConfigError`` for an unknown key, naming the closest known one (or all of them)."""
    known = sorted(n.replace("_", "-") for n in names)
    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
    raise ConfigError(f"{source}: unknown key '{key}' ({hint})")


def _typed(current: Any, key: str, value: Any, source: str) -> Any:
    """``value`` as the type of the setting's ``current`` value (an int widened to a float); raise when it does not fit."""
    # An int setting takes only an int (a byte count of 1.5 means nothing); a float one takes either.
    ok = same_kind(current, value) and not (type(current) is int and isinstance(value, float))
    if ok and isinstance(current, float):
        value = float(value)
    if not ok:
        raise ConfigError(f"{source}: key '{key}' must be a {type(current).__name__}, got {value!r}")
    return value


def _check_choice(attr: str, key: str, value: Any, source: str) -> None:
    """Raise a ``ConfigError`` when ``fail-on``, ``min-severity`` or ``backend`` is not one of its choices."""
    if attr == "fail_on" and value not in ("error", "warning", "info", "never"):
        raise ConfigError(f"{source}: key '{key}' must be one of error, warning, info, never; got {value!r}")
    if attr == "min_severity" and value not in ("error", "warning", "info"):
        raise ConfigError(f"{source}: key '{key}' must be one of error, warning, info; got {value!r}")
    if attr == "backend" and value not in BACKENDS:
        raise ConfigError(f"{source}: key '{key}' must be one of {', '.join(BACKENDS)}; got {value!r}")


def _check_collection(attr: str, key: str, value: Any, source: str) -> None:
    """Raise a ``ConfigError`` for a bad entry in ``severity``, ``accept``, ``select`` or ``ignore``."""
    if attr == "severity":
        for rule, level in value.items():
            if level not in ("error", "warning", "info", "off"):
                raise ConfigError(
                    f"{source}: key 'severity.{rule}' must be one of error, warning, info, off; got {level!r}"
                )
    if attr == "accept":
        for check, accepted in value.items():
            if not isinstance(accepted, list) or not all(isinstance(a, str) for a in accepted):
                raise ConfigError(f"{source}: key 'accept.{check}' must be a list of strings")
    if attr in ("select", "ignore") and not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{source}: key '{key}' must be a list of check names")


def _check_range(attr: str, key: str, value: Any, source: str) -> None:
    """Raise a ``ConfigError`` when a count is below 1 or a similarity is outside its interval."""
    if (
        attr in ("max_file_size", "max_sentence_length", "max_sentences", "batch_size", "neighbours")
        and value < 1
    ):
        raise ConfigError(f"{source}: key '{key}' must be at least 1, got {value!r}")
    if attr in ("threshold", "floor") and not 0.0 < value <= 1.0:
        raise ConfigError(f"{source}: key '{key}' must be in (0, 1], got {value!r}")
    if attr == "story_threshold" and not 0.0 <= value <= 1.0:
        raise ConfigError(
            f"{source}: key '{key}' must be in [0, 1] (0: rules/stories.yaml's threshold), got {value!r}"
        )


def project_root(here: Path) -> Path | None:
    """The nearest folder at or above ``here`` that holds ``.git``, or None.

    The walk stops, without a root, at the user's home folder, at a filesystem
    boundary, and before a folder that belongs to another user or that others may
    write to: nothing there is this project's.
    """
    home = Path(os.path.expanduser("~")).resolve()
    uid = os.geteuid()
    folder = here
    while True:
        if (folder / ".git").exists():
            return folder
        if folder == home or folder.parent == folder:
            return None
        try:
            st, up = os.stat(folder), os.stat(folder.parent)
        except OSError:
            return None
        if up.st_dev != st.st_dev or up.st_uid != uid or up.st_mode & 0o002:
            return None
        folder = folder.parent


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest config file at or above ``start``, up to the project root, and its factcheck table.

    Without a project root (``project_root``), only ``start`` itself is searched.
    """
    here = (start or Path.cwd()).resolve()
    root = project_root(here)
    folders = [here] if root is None else [here, *here.parents[: len(here.parts) - len(root.parts)]]
    for folder in folders:
        # Anything by these names is read, so a FIFO or device there is refused loudly, not passed over.
        own = folder / "factcheck.toml"
        if own.exists() or own.is_symlink():
            return own, _read(own)
        project = folder / "pyproject.toml"
        if project.exists() or project.is_symlink():
            table = _read(project).get("tool", {}).get("factcheck")
            if table is not None:
                return project, table
    return None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(read_bytes(path, MAX_CONFIG_BYTES, str(path)).decode("utf-8"))
    except InputError as exc:
        raise ConfigError(f"cannot read config {exc}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _check_cache_dir(value: str, config: Path) -> str:
    """A config file's ``cache-dir``, resolved against the config's folder; only inside it or the user's cache folder."""

    resolved = (config.parent / Path(value).expanduser()).resolve()
    allowed = [config.parent.resolve(), default_cache_dir().expanduser().resolve().parent]
    if not any(_inside(resolved, folder) for folder in allowed):
        raise ConfigError(
            f"{config}: key 'cache-dir' must be inside {allowed[0]} or {allowed[1]} "
            f"(got {value!r}); give --cache-dir on the command line for another folder"
        )
    return str(resolved)


def load_settings(flags: dict[str, Any] | None = None, start: Path | None = None) -> Settings:
    """Defaults, overridden by the config file, overridden by ``flags`` (None values are unset flags)."""
    settings = Settings()
    found = find_config(start)
    if found:
        _apply_config(settings, *found)
    _apply_flags(settings, flags or {})
    if not settings.facts:
        # facts.yaml in the project root: beside the config file, else in the current folder
        root = found[0].parent if found else (start or Path.cwd())
        if (root / FACTS_FILE).is_file():
            settings.set("facts", str((root / FACTS_FILE).resolve()), f"{root / FACTS_FILE}")
    return settings.freeze()


def _apply_config(settings: Settings, path: Path, table: dict) -> None:
    """Set every key of the config file at ``path``, its paths resolved against the file's folder."""
    settings.config_file = str(path)
    for key, value in table.items():
        if key == "rules" and isinstance(value, list):
            # rule folders are relative to the config file, not to where factcheck runs
            value = [str((path.parent / v).resolve()) for v in value]
        if key == "facts" and isinstance(value, str) and value:
            value = str((path.parent / value).resolve())
        if key == "cache-dir" and isinstance(value, str) and value:
            value = _check_cache_dir(value, path)
        settings.set(key, value, f"{path}")


def _apply_flags(settings: Settings, flags: dict[str, Any]) -> None:
    """Set every command-line flag that was given (None and () are unset flags)."""
    for key, value in flags.items():
        if value is not None and value != ():
            value = list(value) if isinstance(value, tuple) else value
            if key == "rules":
                value = [
                    *settings.rules,
                    *value,
                ]  # --rules adds folders after the config's, never replaces them
            settings.set(key, value, "command line")
