"""Shared fixtures. The real packaged model is used throughout; one cache per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.config import DEFAULT_MAX_BYTES, Settings
from factcheck.files import display_name, read_bytes
from factcheck.ingest.boilerplate import Boilerplate
from factcheck.ingest.decode import decode
from factcheck.ingest.discover import read_source
from factcheck.ingest.parse import parse_source
from factcheck.models import Document
from factcheck.ruleset import lexicons, rule_set

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The hook tests commit in scratch repositories: a machine with no git identity (a fresh CI box, an empty HOME) must not fail them.
for _var, _value in (
    ("GIT_AUTHOR_NAME", "factcheck tests"),
    ("GIT_AUTHOR_EMAIL", "tests@factcheck.invalid"),
    ("GIT_COMMITTER_NAME", "factcheck tests"),
    ("GIT_COMMITTER_EMAIL", "tests@factcheck.invalid"),
):
    os.environ.setdefault(_var, _value)

# Property tests: a few hundred examples in a normal run, 10,000 per target under `make fuzz`.
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def load_document(path: Path, boilerplate: Boilerplate) -> Document:
    """Read one file into a Document, or raise InputError (``read_source`` then ``parse_source``)."""
    return parse_source(read_source(path), boilerplate)


def read_text(path: Path) -> tuple[str, list[str]]:
    """Read and decode one file, or raise InputError with a one-line reason."""
    name = display_name(path)
    return decode(read_bytes(path, DEFAULT_MAX_BYTES, name), name)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def exported_models(cache_dir) -> Path:
    """The session cache's folder of exported ONNX graphs, made once; tests with a cache of their own link to it."""
    from factcheck.model.embed import Embedder

    e = Embedder(cache_dir=cache_dir)
    e.load()
    e.close()
    return cache_dir / "models"


@pytest.fixture
def own_cache(tmp_path, exported_models) -> Path:
    """An empty cache folder of this test's own, with the session's exported model linked in (no re-export)."""
    cache = tmp_path / "own-cache"
    cache.mkdir()
    (cache / "models").symlink_to(exported_models, target_is_directory=True)
    return cache


@pytest.fixture(scope="session")
def lex():
    """The shipped lexicons, parsed."""
    return lexicons(rule_set(Settings()))


@pytest.fixture
def run_cli(cache_dir, monkeypatch):
    """Invoke the CLI from the repository root with the session cache; returns the click Result."""
    monkeypatch.chdir(ROOT)

    def invoke(*args: str):
        return CliRunner().invoke(
            cli,
            [*args[:1], *args[1:], *(["--cache-dir", str(cache_dir)] if args and args[0] == "scan" else [])],
        )

    return invoke


@pytest.fixture
def scan_texts(tmp_path, cache_dir):
    """Write ``{name: text}`` into a folder, scan it as JSON, return (exit code, report dict)."""

    def scan(files: dict[str, str], *extra: str):
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            cli, ["scan", str(folder), "--format", "json", "--cache-dir", str(cache_dir), *extra]
        )
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, json.loads(result.stdout)

    return scan


@pytest.fixture
def of_check():
    """``of_check(report, "vague-date")``: that check's findings in a JSON report."""
    return lambda report, check: [f for f in report["findings"] if f["check"] == check]


@pytest.fixture
def system_hook():
    """``system_hook(factcheck, cache_dir)``: the README's ``language: system`` pre-commit config, pointed at a test cache."""
    return lambda factcheck, cache_dir: (
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: factcheck\n"
        "        name: factcheck\n"
        f"        entry: {factcheck} scan --format text --min-severity warning --against published --fail-on warning --cache-dir {cache_dir}"
        " --baseline .factcheck-baseline.json\n"
        "        language: system\n"
        "        types_or: [markdown, html, plain-text]\n"
        "        files: ^drafts/\n"
        "        require_serial: true\n"
    )


# ---------------------------------------------------------------- one check on inline documents, no model


class WordVectors:
    """Stands in for the model in a unit test of one check: a text's vector is its words hashed into 384
    dimensions (a bag of words at unit length). Deterministic, and texts with the same words are alike, which
    is all claim grouping and alignment need from hand-written examples; end-to-end tests keep the real model."""

    warnings: list = []
    progress = announce = None

    def encode(self, texts: list[str]):
        import re
        import zlib

        import numpy as np

        rows = np.zeros((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = zlib.crc32(word.encode("utf-8"))
                rows[i, h % 384] += 1.0 if h & 1 << 20 else -1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


def corpus_of(documents: dict[str, str]):
    """``{name: text}`` analysed as a scan analyses it (parse, sentences, claims, stories, clusters, people,
    quotes), with ``WordVectors`` for the model: the Corpus every check reads."""
    import hashlib

    from factcheck.ingest.discover import Inputs, Source
    from factcheck.ingest.read import load_parsed
    from factcheck.pipeline import Context, analyse

    settings = Settings(cache=False)
    ctx = Context.start(settings, embedder=WordVectors())
    sources = [
        Source(Path(name), name, text.encode("utf-8"), hashlib.sha256(text.encode("utf-8")).hexdigest())
        for name, text in sorted(documents.items())
    ]
    return analyse(load_parsed(Inputs(sources), ctx.rules, settings, ctx.lex), ctx, None, [])


@pytest.fixture
def run_check():
    """``run_check("unit-mismatch", {name: text}, min_amount=5)``: the findings of that one shipped rule (its
    parameters overridden by the keywords) on the inline documents, with no model (``corpus_of``), reading only
    the claims it declares (``Check.needs``)."""
    import dataclasses

    from factcheck.checks import CHECK_TYPES
    from factcheck.pipeline import merge

    def run(check: str, documents: dict[str, str], **params):
        (rule,) = [r for r in rule_set(Settings(cache=False)).rules if r.id == check]
        rule = dataclasses.replace(rule, params=dataclasses.replace(rule.params, **params))
        corpus = corpus_of(documents)
        kind = CHECK_TYPES[rule.extends]
        with corpus.read_by(kind.needs):
            return merge(kind(rule).run(corpus))

    return run
