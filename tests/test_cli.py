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
        assert set(f) == {
            "id",
            "check",
            "severity",
            "message",
            "subject",
            "values",
            "evidence",
            "suggestion",
            "story",
        }
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
    assert [
        (e["document"], e["line"], e["column"])
        for e in june[0]["evidence"]
        if e["value"] == "June of that year"
    ] == [("seeds/001_de325bb79e0b97f8.txt", 13, 4), ("seeds/001_de325bb79e0b97f8.txt", 24, 4)]
    assert "2022" in june[0]["suggestion"]

    docs = {d["path"]: d for d in report["documents"]}
    assert docs["seeds/001_de325bb79e0b97f8.txt"]["date"] == "2024-08-23"
    assert docs["seeds/002_884f17b88d29c1fe.txt"]["date"] is None
    assert report["summary"] == {
        s: sum(f["severity"] == s for f in report["findings"]) for s in ("error", "warning", "info")
    }


def test_committed_seeds_report_equals_a_fresh_render(run_cli):
    result = run_cli("scan", "seeds", "--fail-on", "never")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")


def test_output_is_deterministic(run_cli):
    first = run_cli("scan", "seeds", "--format", "json").stdout
    assert (
        run_cli(
            "scan",
            "seeds/004_3f559ca2113d10b1.txt",
            "seeds/001_de325bb79e0b97f8.txt",
            "seeds/000_930d5a79777f7f1d.txt",
            "seeds/003_a0f516bfa7225924.txt",
            "seeds/002_884f17b88d29c1fe.txt",
            "--format",
            "json",
        ).stdout
        == first
    )


def test_fail_on_levels(run_cli):
    assert run_cli("scan", "seeds", "--fail-on", "never").exit_code == 0
    assert run_cli("scan", "seeds", "--fail-on", "warning").exit_code == 1


def test_exit_0_when_nothing_at_the_fail_level(scan_texts):
    code, report = scan_texts(
        {"a.txt": "Quiet day\nPublished: 2024-08-22\nNothing happened in the town on 21 August 2024.\n"}
    )
    assert code == 0 and report["summary"]["error"] == 0


def test_missing_path_exits_2_before_any_work_and_prints_no_report(run_cli):
    result = run_cli("scan", "seeds/002_884f17b88d29c1fe.txt", "no/such/file.txt", "--format", "json")
    assert result.exit_code == 2
    assert "no/such/file.txt: no such file or folder" in result.stderr
    assert result.stdout == ""


def test_missing_against_path_exits_2_before_any_work(run_cli):
    result = run_cli("scan", "seeds/002_884f17b88d29c1fe.txt", "--against", "publishd", "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "publishd: no such file or folder (--against)" in result.stderr


def test_unreadable_file_in_a_folder_is_reported_and_the_scan_goes_on(tmp_path, cache_dir):
    (tmp_path / "good.txt").write_text(
        "Talks\nThe minister met the envoy in Astana on 21 August 2024.\n", encoding="utf-8"
    )
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 50)
    result = CliRunner().invoke(
        cli, ["scan", str(tmp_path), "--format", "json", "--cache-dir", str(cache_dir)]
    )
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "bad.txt: binary file" in lines[0]
    assert lines[1] == "factcheck: 0 errors, 0 warnings, 0 info in 1 file"  # the closing summary line
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
        cli_module.main(["scan", str(ROOT / "seeds"), "--no-cache"])  # a memo would replay, never run
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
        result = subprocess.run(
            [str(Path(sys.executable).parent / "factcheck"), "scan", *order, "--cache-dir", str(cache_dir)],
            capture_output=True,
            env=env,
            cwd=ROOT,
        )
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


# --- no silent failures: every unknown check name is loud, with "did you mean" -------------------------------


def test_unknown_check_in_select_and_ignore_exits_2_with_did_you_mean(run_cli):
    for option in ("--select", "--ignore"):
        result = run_cli("scan", "seeds", option, "title-conflcit")
        assert result.exit_code == 2 and result.stdout == ""
        assert f"{option}: unknown check 'title-conflcit' (did you mean 'title-conflict'?)" in result.stderr


def test_unknown_check_in_config_is_the_same_error_for_scan_and_config(tmp_path, cache_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "Talks\nThe minister met the envoy in Astana on 21 August 2024.\n", encoding="utf-8"
    )
    for table in (
        '[severity]\nvauge-date = "error"\n',
        '[accept]\nvauge-date = ["June"]\n',
        'ignore = ["vauge-date"]\n',
        'select = ["vauge-date"]\n',
    ):
        (tmp_path / "factcheck.toml").write_text(table, encoding="utf-8")
        scanned = CliRunner().invoke(cli, ["scan", "a.txt", "--cache-dir", str(cache_dir)])
        shown = CliRunner().invoke(cli, ["config"])
        assert scanned.exit_code == shown.exit_code == 2, table
        assert "unknown check 'vauge-date' (did you mean 'vague-date'?)" in scanned.stderr
        assert scanned.stderr == shown.stderr and scanned.stdout == shown.stdout == ""


def test_config_prints_toml_that_reads_back_to_the_same_settings(tmp_path, monkeypatch):
    import tomllib

    from factcheck.config import load_settings

    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text(
        'fail-on = "warning"\nignore = ["single-source"]\ninline-ignores = false\n'
        '[severity]\nvague-date = "off"\n[accept]\nname-misspelling = ["Nurleu"]\n"*" = ["Astana"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 0, result.stderr
    printed = tomllib.loads(result.stdout)
    (tmp_path / "factcheck.toml").write_text(result.stdout, encoding="utf-8")
    again = load_settings()
    assert printed["severity"] == {"vague-date": "off"} and printed["accept"]["*"] == ["Astana"]
    assert (again.fail_on, again.ignore, again.inline_ignores, again.accept) == (
        "warning",
        ["single-source"],
        False,
        {"name-misspelling": ["Nurleu"], "*": ["Astana"]},
    )


def test_severity_off_ignore_and_select_turn_checks_off(tmp_path, cache_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "Talks\nThe ministry has long pursued a balanced policy. In June of that year, it changed course.\n",
        encoding="utf-8",
    )

    def found(*extra):
        result = CliRunner().invoke(
            cli, ["scan", "a.txt", "--format", "json", "--cache-dir", str(cache_dir), *extra]
        )
        assert result.exit_code in (0, 1), result.stderr
        return {f["check"] for f in json.loads(result.stdout)["findings"]}

    assert "vague-date" in found()
    assert "vague-date" not in found("--ignore", "vague-date")
    assert "vague-date" not in found("--select", "title-conflict,date-conflict")
    (tmp_path / "factcheck.toml").write_text('[severity]\nvague-date = "off"\n', encoding="utf-8")
    assert "vague-date" not in found()
    (tmp_path / "factcheck.toml").write_text('ignore = ["vague-date"]\n', encoding="utf-8")
    assert "vague-date" not in found()


# --- terminal conventions -------------------------------------------------------------------------------------


class _Tty:
    def isatty(self):
        return True


class _Pipe:
    def isatty(self):
        return False


def test_colour_and_default_format_follow_the_terminal_and_no_color(monkeypatch):
    from factcheck.terminal import colour, default_format

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert default_format(None, _Tty()) == "text" and default_format(None, _Pipe()) == "markdown"
    assert default_format(Path("r.md"), _Tty()) == "markdown"
    assert colour("auto", None, _Tty(), "text") and not colour("auto", None, _Pipe(), "text")
    assert not colour("auto", None, _Tty(), "markdown")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour("auto", None, _Tty(), "text")
    assert colour("always", None, _Pipe(), "text") and not colour("never", None, _Tty(), "text")


def test_color_always_colours_the_text_report_and_never_does_not(run_cli):
    coloured = run_cli("scan", "seeds", "--format", "text", "--color", "always")
    plain = run_cli("scan", "seeds", "--format", "text", "--color", "never")
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout


def test_text_report_has_a_suggestion_line(run_cli):
    result = run_cli("scan", "seeds", "--format", "text")
    assert any(line.startswith("    suggestion: ") for line in result.stdout.splitlines())


def test_summary_line_on_stderr_names_the_report_file(run_cli, tmp_path):
    out = tmp_path / "r.md"
    result = run_cli("scan", "seeds", "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0
    last = result.stderr.splitlines()[-1]
    assert (
        last.startswith("factcheck: ")
        and " in 5 files; report written to " in last
        and last.endswith(str(out))
    )


def test_stdin_article_is_reported_under_its_stdin_filename(tmp_path, cache_dir):
    draft = "# Envoy\n\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n"
    published = tmp_path / "published"
    published.mkdir()
    (published / "a.txt").write_text(
        "Summit\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu met the Belarusian ambassador "
        "in Astana on Monday.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        [
            "scan",
            "-",
            "--stdin-filename",
            "drafts/envoy.md",
            "--against",
            str(published),
            "--format",
            "json",
            "--cache-dir",
            str(cache_dir),
        ],
        input=draft.encode(),
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert "drafts/envoy.md" in [d["path"] for d in report["documents"]]
    assert any(e["document"] == "drafts/envoy.md" for f in report["findings"] for e in f["evidence"])
    assert "factcheck-stdin-" not in result.stdout


def test_explain_without_a_check_lists_every_check_with_severity_and_values(run_cli):
    from factcheck.checks import CHECK_TYPES

    result = run_cli("explain")
    assert result.exit_code == 0
    for check in CHECK_TYPES:
        assert f"\n{check}  (" in result.stdout
    assert "title-conflict  (title-conflict; default severity error)" in result.stdout
    assert "    settle_future_days = 62" in result.stdout  # a shipped parameter value
    assert "fact-sheet" in result.stdout


def test_help_has_no_developer_markup(run_cli):
    for command in (
        [],
        ["scan"],
        ["explain"],
        ["config"],
        ["rules"],
        ["prepare"],
        ["facts"],
        ["facts", "add"],
        ["facts", "list"],
    ):
        text = run_cli(*command, "--help").stdout
        assert "``" not in text and "\\b" not in text, command


def test_explain_unknown_check_says_did_you_mean(run_cli):
    result = run_cli("explain", "title-conflcit")
    assert result.exit_code == 2 and "did you mean 'title-conflict'?" in result.stderr


def test_progress_shows_only_on_a_terminal_and_only_after_the_delay(monkeypatch):
    import io
    import time

    from factcheck.terminal import Progress

    class TtyBuffer(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(Progress, "DELAY", 0.05)
    quiet = io.StringIO()  # not a terminal: never a byte
    p = Progress(quiet)
    p("encoding 10 sentences of 2 files")
    time.sleep(0.2)
    p.close()
    assert quiet.getvalue() == ""
    tty = TtyBuffer()
    p = Progress(tty)
    p("reading files")
    assert tty.getvalue() == ""  # nothing before the delay
    time.sleep(0.2)
    p("encoding 10 sentences of 2 files")
    p.close()
    shown = tty.getvalue()
    assert "factcheck: reading files" in shown and "factcheck: encoding 10 sentences of 2 files" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared before the report


def test_reports_are_written_0644_and_keep_an_existing_mode(run_cli, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        assert run_cli("scan", "seeds", "-o", str(fresh), "--fail-on", "never").exit_code == 0
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.md"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        assert run_cli("scan", "seeds", "-o", str(kept), "--fail-on", "never").exit_code == 0
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text(encoding="utf-8").startswith(
            "# factcheck report"
        )
    finally:
        os.umask(old)


def test_stdin_filename_without_stdin_is_an_error(run_cli):
    result = run_cli("scan", "seeds", "--stdin-filename", "drafts/x.md")
    assert result.exit_code == 2 and "give '-' as a path too" in result.stderr and result.stdout == ""


def test_min_severity_hides_lower_findings_and_counts_them(run_cli, tmp_path):
    every = json.loads(run_cli("scan", "seeds", "--format", "json", "--fail-on", "never").stdout)
    shown = json.loads(
        run_cli("scan", "seeds", "--format", "json", "--fail-on", "never", "--min-severity", "WARNING").stdout
    )
    lower = [f for f in every["findings"] if f["severity"] == "info"]
    assert lower and [f["id"] for f in shown["findings"]] == [
        f["id"] for f in every["findings"] if f["severity"] != "info"
    ]
    assert (
        shown["set_aside"]["below_min_severity"] == len(lower)
        and "below_min_severity" not in every["set_aside"]
    )
    text = run_cli(
        "scan", "seeds", "--format", "text", "--fail-on", "never", "--min-severity", "warning"
    ).stdout
    assert text.splitlines()[-1].endswith(f"not reported: {len(lower)} below min severity")
    # a finding that fails the run is always shown
    refused = run_cli("scan", "seeds", "--format", "json", "--fail-on", "info", "--min-severity", "warning")
    assert refused.exit_code == 2 and "below min-severity" in refused.stderr


def test_a_text_report_on_stdout_carries_the_one_summary(run_cli, tmp_path):
    result = run_cli("scan", "seeds", "--format", "text", "--fail-on", "never")
    assert result.stdout.splitlines()[-1].startswith("2 error(s)")
    assert not any(
        line.startswith("factcheck: ") and " in 5 files" in line for line in result.stderr.splitlines()
    )


def test_unknown_config_key_offers_the_closest(tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('fail_onn = "warning"\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 2 and "unknown key 'fail_onn' (did you mean 'fail-on'?)" in result.stderr


def test_select_is_case_insensitive_and_a_typo_gets_a_suggestion(run_cli):
    upper = json.loads(
        run_cli(
            "scan", "seeds", "--format", "json", "--fail-on", "never", "--select", "TITLE-CONFLICT"
        ).stdout
    )
    assert {f["check"] for f in upper["findings"]} == {"title-conflict"}
    typo = run_cli("scan", "seeds", "--format", "json", "--select", "Title-Conflcit")
    assert typo.exit_code == 2 and "did you mean 'title-conflict'?" in typo.stderr


def test_force_color_colours_a_pipe_unless_no_color(monkeypatch):
    import io

    from factcheck.terminal import colour

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert colour("auto", None, io.StringIO(), "text") is True
    assert (
        colour("auto", None, io.StringIO(), "json") is False
        and colour("never", None, io.StringIO(), "text") is False
    )
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour("auto", None, io.StringIO(), "text") is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert colour("auto", None, io.StringIO(), "text") is False


def test_facts_add_refuses_a_figure_or_date_that_is_none(tmp_path):
    sheet = tmp_path / "facts.yaml"
    for kind, value in (("figure", "lots"), ("date", "soon"), ("date", "next week")):
        result = CliRunner().invoke(cli, ["facts", "add", kind, "cost", value, "--file", str(sheet)])
        assert result.exit_code == 2 and f"'{value}' is not a" in result.stderr, (kind, value, result.stderr)
    assert not sheet.exists()
    for kind, value in (
        ("figure", "$4.6 million"),
        ("figure", "six"),
        ("figure", "1,200"),
        ("date", "August 15"),
    ):
        assert (
            CliRunner().invoke(cli, ["facts", "add", kind, "cost", value, "--file", str(sheet)]).exit_code
            == 0
        ), value


def test_output_into_a_missing_folder_is_refused(run_cli, tmp_path):
    result = run_cli("scan", "seeds", "-o", str(tmp_path / "no-such" / "r.md"), "--fail-on", "never")
    assert result.exit_code == 2 and "no such folder" in result.stderr
    assert not (tmp_path / "no-such").exists()


def test_baseline_subjects_name_no_file_and_keep_no_stray_separator():
    from factcheck.gate.baseline import entries
    from factcheck.models import Evidence, Finding

    places = [
        Evidence("x/a.txt", 1, 1, "The same long passage.", None),
        Evidence("y/b.txt", 1, 1, "The same long passage.", None),
    ]
    f = Finding("duplicate-passage", "info", "m", "copied across a.txt, b.txt", [], places)
    assert {e["subject"] for e in entries(f, None)} == {"copied across"}
    g = Finding("duplicate-passage", "warning", "m", "a.txt: 2 sentences repeated", [], places[:1])
    assert {e["subject"] for e in entries(g, None)} == {"2 sentences repeated"}


def test_encoding_progress_counts_sentences_and_the_export_is_announced(
    cache_dir, exported_models, tmp_path, monkeypatch
):
    from factcheck.cache import onnx
    from factcheck.model.embed import Embedder

    seen = []
    e = Embedder(cache_dir=cache_dir, use_cache=False)
    e.progress = seen.append
    e.encode([f"Sentence number {n} about the budget." for n in range(70)])
    e.close()
    assert seen[-1] == "encoding sentences: 70 of 70 done" and "encoding sentences: 64 of 70 done" in seen
    # a cache without the exported graph: the export is announced before it starts (here it is the session's graph)
    ready = onnx.prepare
    monkeypatch.setattr(
        onnx, "prepare", lambda folder, root, sha, backend, fh: ready(folder, cache_dir, sha, backend, fh)
    )
    said = []
    fresh = Embedder(cache_dir=tmp_path / "fresh")
    fresh.announce = said.append
    fresh.load()
    fresh.close()
    assert said and said[0].startswith("exporting packaged:all-MiniLM-L6-v2 to ONNX"), said


def test_prepare_names_what_runs_not_a_class(cache_dir, exported_models):
    result = CliRunner().invoke(cli, ["prepare", "--cache-dir", str(cache_dir)])
    assert (
        result.exit_code == 0 and "run by ONNX Runtime" in result.stderr and "Encoder" not in result.stderr
    ), result.stderr
