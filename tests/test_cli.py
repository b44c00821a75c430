"""End to end on seeds/ through the CLI, with the real model."""

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_seeds_report_the_three_named_discrepancies(run_cli):
    result = run_cli("scan", "seeds", "--format", "json")
    assert result.exit_code == 1  # errors found, default --fail-on error
    report = json.loads(result.stdout)
    assert report["schema"] == "factcheck-report/1"
    assert {"schema", "documents", "findings", "summary"} <= set(report)  # keys are only ever added
    by_check = {}
    for f in report["findings"]:
        assert set(f) == {"id", "check", "severity", "message", "subject", "values", "evidence", "suggestion"}
        by_check.setdefault(f["check"], []).append(f)

    (title,) = by_check["title-conflict"]
    assert title["subject"] == "Murat Nurtleu"
    places = {(e["document"], e["line"], e["value"]) for e in title["evidence"]}
    assert ("seeds/001_de325bb79e0b97f8.txt", 7, "Foreign Minister") in places
    assert ("seeds/004_3f559ca2113d10b1.txt", 15, "Kazakhstan’s Deputy Minister of Foreign Affairs") in places

    (spelling,) = by_check["name-misspelling"]
    assert spelling["values"] == ["Nurleu", "Nurtleu"] and spelling["suggestion"] == "Nurtleu"
    rare = sorted((e["document"], e["line"]) for e in spelling["evidence"] if e["value"] == "Nurleu")
    assert rare == [("seeds/001_de325bb79e0b97f8.txt", n) for n in (8, 9, 19, 20)]

    # "A month later" counts from the unresolved June, so it is folded into June's finding
    june = [f for f in by_check["vague-date"] if f["values"] == ["June of that year", "A month later"]]
    assert len(june) == 1
    assert [(e["document"], e["line"], e["column"]) for e in june[0]["evidence"] if e["value"] == "June of that year"] == [
        ("seeds/001_de325bb79e0b97f8.txt", 13, 4), ("seeds/001_de325bb79e0b97f8.txt", 24, 4)]
    assert "2022" in june[0]["suggestion"]

    docs = {d["path"]: d for d in report["documents"]}
    assert docs["seeds/001_de325bb79e0b97f8.txt"]["date"] == "2024-08-23"
    assert docs["seeds/002_884f17b88d29c1fe.txt"]["date"] is None
    assert report["summary"] == {s: sum(f["severity"] == s for f in report["findings"]) for s in ("error", "warning", "info")}


def test_committed_seeds_report_equals_a_fresh_render(run_cli):
    result = run_cli("scan", "seeds", "--fail-on", "never")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")


def test_output_is_deterministic(run_cli):
    first = run_cli("scan", "seeds", "--format", "json").stdout
    assert run_cli("scan", "seeds/004_3f559ca2113d10b1.txt", "seeds/001_de325bb79e0b97f8.txt", "seeds/000_930d5a79777f7f1d.txt",
                   "seeds/003_a0f516bfa7225924.txt", "seeds/002_884f17b88d29c1fe.txt", "--format", "json").stdout == first


def test_fail_on_levels(run_cli):
    assert run_cli("scan", "seeds", "--fail-on", "never").exit_code == 0
    assert run_cli("scan", "seeds", "--fail-on", "warning").exit_code == 1


def test_exit_0_when_nothing_at_the_fail_level(scan_texts):
    code, report = scan_texts({"a.txt": "Quiet day\nPublished: 2024-08-22\nNothing happened in the town on 21 August 2024.\n"})
    assert code == 0 and report["summary"]["error"] == 0


def test_missing_path_exits_2_and_the_rest_is_still_scanned(run_cli):
    result = run_cli("scan", "seeds/002_884f17b88d29c1fe.txt", "no/such/file.txt", "--format", "json")
    assert result.exit_code == 2
    assert "no/such/file.txt: no such file or directory" in result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 1


def test_unreadable_file_in_a_folder_is_reported_and_the_scan_goes_on(tmp_path, cache_dir):
    (tmp_path / "good.txt").write_text("Talks\nThe minister met the envoy in Astana on 21 August 2024.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 50)
    result = CliRunner().invoke(cli, ["scan", str(tmp_path), "--format", "json", "--cache-dir", str(cache_dir)])
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "bad.txt: binary file" in result.stderr
    assert [d["path"].rsplit("/", 1)[-1] for d in json.loads(result.stdout)["documents"]] == ["good.txt"]


def test_usage_error_exits_2(run_cli):
    assert run_cli("scan", "seeds", "--format", "nope").exit_code == 2
    assert run_cli("explain", "no-such-check").exit_code == 2


def test_output_file_is_written(run_cli, tmp_path):
    out = tmp_path / "r.md"
    assert run_cli("scan", "seeds", "-o", str(out), "--fail-on", "never").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# factcheck report")


def test_rules_and_explain(run_cli):
    listing = run_cli("rules").stdout
    for check in ("title-conflict", "name-misspelling", "vague-date"):
        assert check in listing
    text = run_cli("explain", "vague-date").stdout
    assert "June of that year" in text and "settle_days" in text


def test_internal_error_fails_closed(monkeypatch, capsys):
    import pytest

    from factcheck import cli as cli_module, pipeline

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(pipeline, "run", boom)
    with pytest.raises(SystemExit) as exc:
        cli_module.main(["scan", str(ROOT / "seeds")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "factcheck: internal error: RuntimeError: kaboom"


def test_model_hash_mismatch_exits_2_with_its_own_message(run_cli, tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text(f'model-sha256 = "{"0" * 64}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["scan", str(ROOT / "seeds"), "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 2
    assert "sha256" in result.stderr and "expected " + "0" * 64 in result.stderr
    assert result.stderr.count("\n") == 1


def test_nothing_readable_exits_2(tmp_path, cache_dir):
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(tmp_path), "--cache-dir", str(cache_dir)])
    assert result.exit_code == 2
    assert "no readable documents" in result.stderr


def test_byte_identical_whatever_the_hash_seed_and_argument_order(cache_dir, run_cli):
    import os
    import random
    import subprocess
    import sys

    run_cli("scan", "seeds")  # warm the session cache
    files = sorted(str(p) for p in (ROOT / "seeds").iterdir())
    outputs = set()
    for seed in ("0", "12345"):
        order = files[:]
        random.Random(int(seed)).shuffle(order)
        env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
        result = subprocess.run([str(Path(sys.executable).parent / "factcheck"), "scan", *order, "--cache-dir", str(cache_dir)],
                                capture_output=True, env=env, cwd=ROOT)
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_reports_are_written_atomically(tmp_path, monkeypatch):
    import os

    import pytest

    from factcheck.output import write_atomic

    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")

    def fail(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new report\n")
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left behind
    monkeypatch.undo()
    write_atomic(target, "new report\n")
    assert target.read_text(encoding="utf-8") == "new report\n"
