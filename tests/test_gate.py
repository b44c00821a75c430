"""Editor workflow: suppressions, the accept list, baselines and --against, end to end."""

import json

from click.testing import CliRunner

from factcheck.cli import cli

CONFLICT = {
    "a.txt": "Summit\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu met the Belarusian ambassador in Astana on Monday.\n",
    "b.md": "# Envoy\n\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n",
}


def write(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def scan(cache_dir, *args):
    result = CliRunner().invoke(cli, ["scan", *map(str, args), "--format", "json", "--cache-dir", str(cache_dir)])
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def checks(report):
    return sorted(f["check"] for f in report["findings"])


def test_markdown_comment_suppresses_the_next_paragraph(tmp_path, cache_dir):
    folder = write(tmp_path / "c", {**CONFLICT, "b.md": "# Envoy\n\n<!-- factcheck: ignore title-conflict -->\n" + CONFLICT["b.md"].split("\n\n", 1)[1]})
    result, report = scan(cache_dir, folder)
    assert "title-conflict" not in checks(report) and result.exit_code == 0


def test_html_comment_suppresses(tmp_path, cache_dir):
    html = ("<html><body><h1>Envoy</h1><!-- factcheck: ignore title-conflict -->\n"
            "<p>Kazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.</p></body></html>")
    folder = write(tmp_path / "c", {"a.txt": CONFLICT["a.txt"], "b.html": html})
    _, report = scan(cache_dir, folder)
    assert "title-conflict" not in checks(report)


def test_plain_text_marker_suppresses_only_the_named_check_and_only_the_next_paragraph(tmp_path, cache_dir):
    text = ("Summit\nPublished: 2024-08-23\n\nfactcheck: ignore vague-date\nForeign Minister Murat Nurtleu met the ambassador on Monday.\n\n"
            "The talks continued on Wednesday, officials said.\n")
    folder = write(tmp_path / "c", {"a.txt": text, "b.md": CONFLICT["b.md"]})
    _, report = scan(cache_dir, folder)
    assert "title-conflict" in checks(report)  # not named by the marker
    # the dated document settles both weekdays anyway; what matters is the marker line is not analysed
    assert all("factcheck: ignore" not in e["text"] for f in report["findings"] for e in f["evidence"])


def test_unsuppressed_conflict_fails(tmp_path, cache_dir):
    result, report = scan(cache_dir, write(tmp_path / "c", CONFLICT))
    assert "title-conflict" in checks(report) and result.exit_code == 1


def test_accept_list_in_config(tmp_path, cache_dir, monkeypatch):
    folder = write(tmp_path / "c", CONFLICT)
    (tmp_path / "factcheck.toml").write_text('[accept]\ntitle-conflict = ["Murat Nurtleu"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, report = scan(cache_dir, folder)
    assert "title-conflict" not in checks(report) and result.exit_code == 0


def test_severity_override_in_config(tmp_path, cache_dir, monkeypatch):
    folder = write(tmp_path / "c", CONFLICT)
    (tmp_path / "factcheck.toml").write_text('[severity]\ntitle-conflict = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, report = scan(cache_dir, folder)
    assert [f["severity"] for f in report["findings"] if f["check"] == "title-conflict"] == ["warning"]
    assert result.exit_code == 0  # default --fail-on error


def test_bad_config_names_the_key_and_exits_2(tmp_path, cache_dir, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('[severity]\ntitle-conflict = "loud"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, _ = scan(cache_dir, write(tmp_path / "c", CONFLICT))
    assert result.exit_code == 2 and "severity.title-conflict" in result.stderr


def test_baseline_round_trip_survives_moved_lines_and_renamed_files(tmp_path, cache_dir):
    folder = write(tmp_path / "c", CONFLICT)
    base = tmp_path / "baseline.json"
    result, _ = scan(cache_dir, folder, "--write-baseline", base)
    assert result.exit_code == 0 and json.loads(base.read_text())["schema"] == "factcheck-baseline/2"
    # move the line down, add a paragraph elsewhere, rename the other file
    (folder / "a.txt").write_text("Summit\nPublished: 2024-08-23\n\nThe weather in Astana was fine.\n\n"
                                  + CONFLICT["a.txt"].split("\n", 2)[2], encoding="utf-8")
    (folder / "b.md").rename(folder / "envoy.md")
    result, report = scan(cache_dir, folder, "--baseline", base)
    assert "title-conflict" not in checks(report) and result.exit_code == 0
    # a new discrepancy is still reported
    (folder / "c.txt").write_text("Talks\nThe ministry has long pursued a balanced policy. In June of that year, it changed course.\n",
                                  encoding="utf-8")
    result, report = scan(cache_dir, folder, "--baseline", base)
    assert "vague-date" in checks(report) and "title-conflict" not in checks(report)


def test_baseline_count_is_in_the_markdown_summary(tmp_path, cache_dir):
    folder = write(tmp_path / "c", CONFLICT)
    base = tmp_path / "baseline.json"
    scan(cache_dir, folder, "--write-baseline", base)
    result = CliRunner().invoke(cli, ["scan", str(folder), "--baseline", str(base), "--cache-dir", str(cache_dir)])
    assert "baselined" in result.stdout


def test_bad_baseline_exits_2(tmp_path, cache_dir):
    bad = tmp_path / "baseline.json"
    bad.write_text("not json", encoding="utf-8")
    result, _ = scan(cache_dir, write(tmp_path / "c", CONFLICT), "--baseline", bad)
    assert result.exit_code == 2 and "baseline.json" in result.stderr


def test_against_reports_only_findings_involving_a_draft(tmp_path, cache_dir):
    corpus = write(tmp_path / "published", {
        **CONFLICT,
        "c.txt": "Policy\nUnrest shook the country in early 2022.\nThe government has long pursued a balanced policy.\n"
                 "In June of that year, the president spoke at a forum.\n",
    })
    draft = write(tmp_path / "drafts", {"d.txt": "Envoy\nMinister Murat Nurtleu said the meeting with the Belarusian ambassador was calm.\n"})
    result, report = scan(cache_dir, draft / "d.txt", "--against", corpus)
    for f in report["findings"]:
        assert any(e["document"].endswith("d.txt") for e in f["evidence"])
    assert "vague-date" not in checks(report)  # c.txt's vague date does not involve the draft
    assert "title-conflict" in checks(report)  # "Minister" vs "Deputy Minister" involves it
    assert result.exit_code == 1


def test_against_leaves_out_the_corpus_own_slips_that_a_draft_only_supports(tmp_path, cache_dir):
    corpus = write(tmp_path / "published", {
        "a.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy. Later, Nurleu said the talks went well.\n",
        "b.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy in Astana.\n",
    })
    draft = write(tmp_path / "drafts", {"d.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy again.\n"})
    _, full = scan(cache_dir, corpus, draft)
    assert "name-misspelling" in checks(full)
    _, report = scan(cache_dir, draft / "d.txt", "--against", corpus)
    assert "name-misspelling" not in checks(report)
