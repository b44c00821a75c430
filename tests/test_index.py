"""`factcheck index`: the local and Ray engines fill the cache `scan` reads, identically."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.model.embed import embedder_for

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def fresh_cache(tmp_path: Path, exported_models: Path, name: str) -> Path:
    """An empty cache that shares the session's exported ONNX graphs (so nothing is exported twice)."""
    cache = tmp_path / name
    cache.mkdir()
    os.symlink(exported_models, cache / "models")
    return cache


def vectors(cache: Path) -> list[tuple]:
    with sqlite3.connect(cache / "embeddings.sqlite3") as db:
        return db.execute("SELECT model, text, vector FROM vectors ORDER BY model, text").fetchall()


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def scan_report(cache: Path) -> str:
    # --no-cache would bypass the vectors; the scan must read them, so the memo is what is kept out
    result = run("scan", str(CORPUS), "--format", "json", "--cache-dir", str(cache), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return result.output


def test_local_index_fills_the_cache_a_scan_then_reads(tmp_path, exported_models):
    indexed = fresh_cache(tmp_path, exported_models, "indexed")
    result = run("index", str(CORPUS), "--cache-dir", str(indexed))
    assert result.exit_code == 0, result.output
    assert "indexed 8 document(s)" in result.output
    rows = vectors(indexed)
    assert rows and len({r[0] for r in rows}) == 1

    # a plain cold scan writes exactly these rows: same keys, same bytes
    scanned = fresh_cache(tmp_path, exported_models, "scanned")
    cold = scan_report(scanned)
    assert vectors(scanned) == rows

    # a scan after the index encodes nothing: the model is never loaded
    from factcheck.config import Settings
    from factcheck.pipeline import run as pipeline_run

    embedder = embedder_for(Settings(cache_dir=str(indexed)))
    report = pipeline_run([str(CORPUS)], Settings(cache_dir=str(indexed)), embedder=embedder)
    assert embedder.encoded == 0 and not embedder.loaded and report.documents
    embedder.close()
    assert scan_report(indexed) == cold

    again = run("index", str(CORPUS), "--cache-dir", str(indexed))
    assert again.exit_code == 0 and "0 newly encoded" in again.output


def test_index_of_a_missing_path_fails(tmp_path, exported_models):
    cache = fresh_cache(tmp_path, exported_models, "cache")
    result = run("index", str(tmp_path / "nope"), "--cache-dir", str(cache))
    assert result.exit_code == 2


def test_ray_engine_fills_the_same_cache_as_the_local_engine(tmp_path, exported_models, monkeypatch):
    ray = pytest.importorskip("ray", reason="the Ray engine is the optional extra factcheck[ray]")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    from factcheck.config import Settings
    from factcheck.index import index

    local = fresh_cache(tmp_path, exported_models, "local")
    distributed = fresh_cache(tmp_path, exported_models, "ray")
    done_local = index([str(CORPUS)], Settings(cache_dir=str(local)), "local")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        done_ray = index([str(CORPUS)], Settings(cache_dir=str(distributed)), "ray", workers=2)
    finally:
        ray.shutdown()
    assert (
        (done_ray.files, done_ray.documents, done_ray.texts, done_ray.encoded)
        == (done_local.files, done_local.documents, done_local.texts, done_local.encoded)
        == (8, 8, done_local.texts, done_local.texts)
    )
    assert vectors(distributed) == vectors(local)
    assert scan_report(distributed) == scan_report(local)
    # both engines write the folder's archive index, for a pre-commit's scan --against
    from factcheck.archive.store import index_path

    assert index_path(CORPUS, local).exists() and index_path(CORPUS, distributed).exists()


def test_ray_engine_reports_a_missing_path(tmp_path, exported_models, monkeypatch):
    pytest.importorskip("ray", reason="the Ray engine is the optional extra factcheck[ray]")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    cache = fresh_cache(tmp_path, exported_models, "cache")
    # no Ray cluster is started for nothing: the missing path is found before any work is sent out
    result = run("index", str(tmp_path / "nope"), "--engine", "ray", "--cache-dir", str(cache))
    assert result.exit_code == 2 and "no such file" in result.output
