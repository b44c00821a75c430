"""The newsroom fact sheet: reading it, titles as of a date, spellings, and `factcheck facts add/list`."""

import json

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.gate.facts import FactSheet, FactsError

SHEET = """\
people:
  - name: Murat Nurtleu
    titles:
      - title: Deputy Minister of Foreign Affairs
        since: 2021-01-01
        until: 2023-09-01
      - title: Foreign Minister
        since: 2023-09-01
figures:
  - subject: amount in USD
    value: $153.07 million
"""


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text(SHEET, encoding="utf-8")
    return FactSheet.load(path)


@pytest.mark.parametrize(
    "text, message",
    [
        ("peple: []\n", "unknown key 'peple'"),
        (
            "people:\n  - name: X\n    titles:\n      - title: Minister\n        since: last year\n",
            "people[0].titles[0].since must be a date",
        ),
        ("people:\n  - titles: []\n", "people[0] needs a 'name'"),
        ("figures:\n  - subject: x\n", "figures[0] needs a 'subject' and a 'value'"),
    ],
)
def test_a_bad_fact_sheet_names_the_file_and_key(tmp_path, text, message):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactsError, match="facts.yaml: .*" + message.replace("[", r"\[").replace("]", r"\]")):
        FactSheet.load(path)


def test_a_title_is_checked_as_of_the_article_date(sheet, lex):
    person = sheet.person("Murat Nurtleu")
    says = lambda title, date: sheet.title_says(lex.titles, person, title, date)[0]  # noqa: E731
    assert says("Foreign Minister", "2024-08-23") is True
    assert says("Deputy Minister of Foreign Affairs", "2024-08-23") is False
    assert says("Deputy Minister of Foreign Affairs", "2022-03-01") is True
    assert says("Foreign Minister", "2022-03-01") is False
    assert says("Foreign Minister", None) is True  # undated: any title the person held


def test_a_contradicted_title_and_a_misspelt_name_are_errors_naming_the_entry(tmp_path, cache_dir, sheet):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ntitle: Envoy\ndate: 2024-08-23\n---\n\nDeputy Minister of Foreign Affairs Murat Nurtleu "
        "met the Belarusian ambassador. Later Nurtlue said the talks went well.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["scan", str(folder), "--facts", str(sheet.path), "--format", "json", "--cache-dir", str(cache_dir)],
    )
    report = json.loads(result.stdout)
    found = [f for f in report["findings"] if f["check"] == "fact-sheet"]
    assert result.exit_code == 1 and {f["severity"] for f in found} == {"error"}
    messages = " ".join(f["message"] for f in found)
    assert "facts.yaml: Murat Nurtleu 'Foreign Minister' (since 2023-09-01)" in messages
    assert "'Nurtlue' contradicts the fact sheet: facts.yaml spells it 'Murat Nurtleu'" in messages


def test_facts_add_and_list_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["facts", "add", "title", "Murat Nurtleu", "Foreign Minister", "--since", "2023-09-01"]
        ).exit_code
        == 0
    )
    assert runner.invoke(cli, ["facts", "add", "spelling", "Murat Nurtleu", "Nurtlev"]).exit_code == 0
    assert runner.invoke(cli, ["facts", "add", "figure", "amount in USD", "$153.07 million"]).exit_code == 0
    listed = runner.invoke(cli, ["facts", "list"])
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[1:] == [
        "person  Murat Nurtleu (also: Nurtlev)",
        "  title 'Foreign Minister' (since 2023-09-01)",
        "figure  amount in USD = $153.07 million",
    ]
    loaded = FactSheet.load(tmp_path / "facts.yaml")  # what was written reads back
    assert loaded.people[0].titles[0].since == "2023-09-01"
    bad = runner.invoke(cli, ["facts", "add", "title", "X", "Minister", "--since", "soon"])
    assert bad.exit_code == 2 and "since must be a date" in bad.stderr


def test_facts_yaml_in_the_project_root_is_found(tmp_path, monkeypatch):
    from factcheck.config import load_settings

    (tmp_path / "facts.yaml").write_text(SHEET, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()  # the project root
    (tmp_path / "factcheck.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    assert load_settings().facts == str((tmp_path / "facts.yaml").resolve())


def test_a_bad_fact_sheet_is_the_same_error_for_scan_and_config(tmp_path, cache_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text("", encoding="utf-8")
    (tmp_path / "facts.yaml").write_text("peple: []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "Talks\nThe minister met the envoy in Astana on 21 August 2024.\n", encoding="utf-8"
    )
    scanned = CliRunner().invoke(cli, ["scan", "a.txt", "--cache-dir", str(cache_dir)])
    shown = CliRunner().invoke(cli, ["config"])
    assert scanned.exit_code == shown.exit_code == 2
    assert "facts.yaml: unknown key 'peple'" in scanned.stderr and scanned.stderr == shown.stderr


def test_a_figure_on_the_sheet_decides_a_disputed_figure(tmp_path, cache_dir):
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "trade.md").write_text(
        "---\ntitle: Trade\ndate: 2024-08-23\n---\n\nKazakhstan ranks second in the foreign trade of Belarus within the CIS "
        "countries, with exports to Belarus totaling $135.07 million in 2023.\n",
        encoding="utf-8",
    )

    def scan_with(value):
        sheet = tmp_path / "facts.yaml"
        sheet.write_text(f"figures:\n  - {{subject: amount (USD), value: '{value}'}}\n", encoding="utf-8")
        result = CliRunner().invoke(
            cli,
            [
                "scan",
                str(drafts / "trade.md"),
                "--against",
                str(seeds),
                "--facts",
                str(sheet),
                "--select",
                "number-conflict",
                "--format",
                "json",
                "--cache-dir",
                str(cache_dir),
            ],
        )
        [finding] = json.loads(result.stdout)["findings"]
        return result.exit_code, finding

    code, finding = scan_with("$153.07 million")  # the sheet sides with the archive: the draft is wrong
    assert (
        code == 1
        and finding["severity"] == "error"
        and finding["drafts"][0]["fact"].endswith("'$153.07 million'")
    )
    code, finding = scan_with("$135.07 million")  # the sheet sides with the draft: not blamed
    assert code == 0 and finding["severity"] == "info" and finding["drafts"][0]["blamed"] is False
