"""The benchmark harness keeps working: a --quick run at tiny size. It asserts shape, never speed."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_bench_writes_every_figure(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--out", str(tmp_path),
                             "--work", str(tmp_path / "work")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads((tmp_path / "results.json").read_text())
    scan = data["scan"][0]
    for key in ("cold_vs_plain_encode", "torch_cold_vs_plain_encode", "warm_speedup", "edited_speedup", "prepare_seconds",
                "cold_scan_peak_rss_mib", "recall_total"):
        assert isinstance(scan[key], (int, float)), key
    assert scan["identical_reports"]
    encoders = {e["backend"]: e for e in data["encoders"]}
    for backend in ("onnx", "onnx-int8"):
        assert encoders[backend]["seconds"] > 0 and 0 <= encoders[backend]["group_pairs"]["f1"] <= 1, encoders[backend]
    assert encoders["onnx"]["min_cosine_to_fp32"] > 0.999  # the fp32 export is the same model
    grouping = data["grouping"]
    assert [g["n"] for g in grouping] == [200, 400]
    for g in grouping:
        for method in ("factcheck", "hnsw", "community_detection", "agglomerative"):
            assert "seconds" in g[method] and "peak_rss_mib" in g[method], (method, g[method])
        assert 0 <= g["pairs_vs_agglomerative"]["f1"] <= 1
        assert 0 <= g["hnsw_vs_exact"]["f1"] <= 1
    assert data["precommit"]["draft_warm_seconds"] > 0 and data["precommit"]["draft_edited_seconds"] > 0
    text = (tmp_path / "RESULTS.md").read_text()
    for heading in ("## Targets", "## Scan", "## Encoder backends", "## Grouping", "## Pre-commit shape"):
        assert heading in text


def test_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    # six articles per story: the reference plus five that carry two plants each, so every check is planted
    a = generate.generate(tmp_path / "a", 2, 6, seed=3)
    b = generate.generate(tmp_path / "b", 2, 6, seed=3)
    assert a == b
    assert sorted(p.read_text() for p in (tmp_path / "a").glob("*.txt")) == sorted(p.read_text() for p in (tmp_path / "b").glob("*.txt"))
    assert {i["check"] for i in a["items"]} == set(generate.CHECKS)
