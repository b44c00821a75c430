"""benchmarks/ort_settings.py keeps working: a tiny run gives a row per setting, each with the baseline's vectors."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_timed_against_the_baseline_and_keeps_its_vectors(tmp_path):
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "ort_settings.py"),
            "--sample",
            "6",
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads((tmp_path / "ort_settings.json").read_text())
    assert result["sentences"] == 6
    rows = {r["setting"]: r for r in result["rows"]}
    assert len(rows) == 12 and any("spin" in s for s in rows) and any("text order" in s for s in rows)
    for name, r in rows.items():
        assert r["wall_ratio"] > 0 and r["cpu_ratio"] >= 0, name
        assert r["verdict"] in ("faster", "slower", "same"), name
        assert r["largest_difference"] < 1e-5, name  # a setting changes the time, never the vectors
    table = (tmp_path / "ORT.md").read_text()
    assert table.count("\n| ") == 13  # the header and one row per setting
