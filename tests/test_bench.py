"""The benchmark harness keeps working: a --quick run at tiny size. It asserts shape, never speed."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def assert_every_figure(data: dict, text: str) -> None:
    """The shape of a quick bench's results.json and RESULTS.md; no figure whose value depends on the CPU is pinned.

    The int8 candidates' share re-encoded in fp32 is whatever this CPU's int8 kernels
    leave near the threshold: another machine may leave no borderline pair (0.0).
    """
    scan = data["scan"][0]
    for key in (
        "cold_vs_plain_encode",
        "torch_cold_vs_plain_encode",
        "warm_speedup",
        "edited_speedup",
        "prepare_seconds",
        "cold_scan_peak_rss_mib",
        "recall_total",
    ):
        assert isinstance(scan[key], (int, float)), key
    assert scan["identical_reports"]
    encoders = {e["backend"]: e for e in data["encoders"]}
    for backend in ("onnx", "onnx-int8"):
        assert encoders[backend]["seconds"] > 0 and 0 <= encoders[backend]["group_pairs"]["f1"] <= 1, (
            encoders[backend]
        )
    assert encoders["onnx"]["min_cosine_to_fp32"] > 0.999  # the fp32 export is the same model
    grouping = data["grouping"]
    assert [g["n"] for g in grouping] == [200, 400]
    for g in grouping:
        for method in ("factcheck", "float32", "hnsw", "community_detection", "agglomerative"):
            assert "seconds" in g[method] and "peak_rss_mib" in g[method], (method, g[method])
        assert 0 <= g["pairs_vs_agglomerative"]["f1"] <= 1
        assert 0 <= g["hnsw_vs_exact"]["f1"] <= 1
    assert [g["n"] for g in data["grouping_clustered"]] == [200, 400]
    for g in data["grouping_clustered"]:
        for method in ("factcheck", "hnsw", "community_detection"):
            assert "seconds" in g[method], (method, g[method])
        assert "skipped" in g["agglomerative"]
    one_line = data["one_line"][0]
    assert one_line["sentences"] == 2000 and one_line["seconds"] > 0, one_line
    whole = data["one_line_scan"][0]
    assert whole["n"] == 200 and whole["code"] == 0 and whole["index_code"] == 0, whole
    assert whole["cached_code"] == 0 and whole["scan_seconds"] > 0 and whole["cached_scan_seconds"] > 0, whole
    candidates = {c["candidate"]: c for c in data["candidates"]}
    assert len(candidates) == 4, list(candidates)
    for name, c in candidates.items():
        assert c["seconds"] > 0, (name, c)
        if name.startswith("int8"):
            # The quick corpus is six articles: no pair may lie within the narrowest margin of the threshold.
            assert 0 <= c["share_fp32"] <= 1 and 0 <= c["group_pairs"]["f1"] <= 1, c
    claims = candidates["claims only (fp32)"]
    assert (
        0 < claims["share_encoded"] <= 1 and claims["findings_full"] > 0 and claims["cold_scan_seconds"] > 0
    )
    assert data["seeds"]["code"] == 0 and data["seeds"]["cold_scan_peak_rss_mib"] > 0
    assert data["precommit"]["draft_warm_seconds"] > 0 and data["precommit"]["draft_edited_seconds"] > 0
    assert data["precommit"]["corpus_cold_scan_peak_rss_mib"] > 0
    for heading in (
        "## Targets",
        "## Scan",
        "## Encoder backends",
        "## Cold scan: the candidates",
        "## Grouping",
        "### Clustered",
        "### Tiled",
        "## Pre-commit shape",
    ):
        assert heading in text
    assert "seeds cold scan peak RSS" in text and "at 40,000, clustered" in text
    assert (
        "a 5 MB one-line article (`scan --no-cache`) ≤ 60 s" in text
        and "One-line article, scanned whole" in text
    )


def test_quick_bench_writes_every_figure(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            "--quick",
            "--out",
            str(tmp_path),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads((tmp_path / "results.json").read_text())
    assert_every_figure(data, (tmp_path / "RESULTS.md").read_text())

    # A machine whose int8 kernels leave no pair near the threshold re-encodes nothing in fp32: the same run with
    # every int8 share forced to zero (and the borderline step costing no time) still passes and still writes RESULTS.md.
    for c in data["candidates"]:
        if c["candidate"].startswith("int8"):
            c["share_fp32"] = 0.0
            c["seconds"] = next(e["seconds"] for e in data["encoders"] if e["backend"] == "onnx-int8")
    forced = tmp_path / "forced"
    forced.mkdir()
    (forced / "results.json").write_text(json.dumps(data))
    rewrite = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            "--from-json",
            str(forced / "results.json"),
            "--out",
            str(forced),
        ],
        capture_output=True,
        text=True,
    )
    assert rewrite.returncode == 0, rewrite.stderr[-2000:]
    assert_every_figure(data, (forced / "RESULTS.md").read_text())


def test_clustered_shape_is_the_issue_s():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import numpy as np

    import bench

    v = bench.clustered_vectors(800, d=384, sigma=0.045, seed=1)
    assert v.shape == (800, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    sims = v @ v.T
    np.fill_diagonal(sims, -1)
    # a row is centre + noise of norm ~0.88: two rows of one centre are ~0.56 alike, so almost none pass 0.8
    assert (sims.max(axis=1) >= 0.8).mean() < 0.05
    assert 0.45 < np.median(sims[sims > 0.3]) < 0.7


def test_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    # six articles per story: the reference plus five that carry two plants each, so every check is planted
    a = generate.generate(tmp_path / "a", 2, 6, seed=3)
    b = generate.generate(tmp_path / "b", 2, 6, seed=3)
    assert a == b
    assert sorted(p.read_text() for p in (tmp_path / "a").glob("*.txt")) == sorted(
        p.read_text() for p in (tmp_path / "b").glob("*.txt")
    )
    assert {i["check"] for i in a["items"]} == set(generate.CHECKS)


def test_stages_prints_the_sealed_half_in_shapes_never_its_words():
    """``benchmarks/stages.py`` reads the sealed half: what it prints of a finding or a key value is the detector's
    own wording and a value's shape, never the article's words, values or names."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import stages

    finding = {
        "check": "number-conflict",
        "severity": "info",
        "subject": "amount (USD)",
        "message": "Sources give different figures for the landslide victims (Velmora): '12', '15'",
        "suggestion": "Check 'Velmora' against \"the ministry\"",
        "values": ["12", "15"],
    }
    shown = stages.template(finding)
    for word in ("landslide", "Velmora", "ministry", "12", "15"):
        assert word not in shown
    assert "[an unnamed sum]" in shown and shown.startswith("number-conflict info 2 values")
    assert [
        stages.shape(v)
        for v in ("6:32 pm", "on Tuesday", "Feb. 15", "in November", "1879", "22", "nine tenths")
    ] == [
        "a time of day",
        "a weekday",
        "a month and day",
        "a month",
        "a year",
        "digits",
        "words",
    ]
