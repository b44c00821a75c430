"""SARIF that code scanning can use: relative URIs, rule help, suggestions, fixes, end columns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sarif_kit.validate import validation_errors

from factcheck.models import Document, Evidence, Finding, Report
from factcheck.report import sarif

SOURCE_A = "Headline\nMurat Nurtleu met the envoy.\n"
SOURCE_B = "Headline\nThen Murat Nurleu left.\n"


def misspelling(root: str) -> Report:
    docs = [
        Document(path=f"{root}a.txt", source=SOURCE_A, text=SOURCE_A),
        Document(path=f"{root}b.txt", source=SOURCE_B, text=SOURCE_B),
    ]
    f = Finding(
        "name-misspelling",
        "error",
        "'Nurleu' is likely a misspelling of 'Nurtleu'",
        "Murat Nurtleu",
        ["Nurleu", "Nurtleu"],
        [
            Evidence(f"{root}a.txt", 2, 7, "Murat Nurtleu met the envoy.", "Nurtleu"),
            Evidence(f"{root}b.txt", 2, 12, "Then Murat Nurleu left.", "Nurleu"),
        ],
        "Nurtleu",
    )
    return Report(
        documents=docs,
        findings=[f],
        rules={"name-misspelling": ("A name one or two edits from a better-attested form.", "warning")},
    )


def test_seeds_sarif_validates_and_rules_carry_help(run_cli):
    log = json.loads(run_cli("scan", "seeds", "--format", "sarif").stdout)
    assert validation_errors(log) == []
    run = log["runs"][0]
    assert "%SRCROOT%" in run["originalUriBaseIds"] and "informationUri" not in run["tool"]["driver"]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and "helpUri" not in rule  # no placeholder address
        assert 'the "Checks" section' in rule["help"]["markdown"]
        assert "Example:" in rule["help"]["markdown"] and "```text" in rule["help"]["markdown"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("seeds/")
        assert result["partialFingerprints"]["factcheck/v1"].startswith(result["ruleId"] + ":")
        if result["properties"]["suggestion"]:
            assert "Suggestion: " in result["message"]["text"]


def test_relative_uris_and_end_columns_from_the_file():
    log = sarif.as_dict(misspelling("news/"), cwd="/srv")
    assert validation_errors(log) == []
    result = log["runs"][0]["results"][0]
    primary = result["locations"][0]["physicalLocation"]
    assert primary["artifactLocation"] == {"uri": "news/b.txt", "uriBaseId": "%SRCROOT%"}
    assert primary["region"]["startColumn"] == 12 and primary["region"]["endColumn"] == 12 + len("Nurleu")
    assert result["message"]["text"].endswith("'Nurtleu'. Suggestion: Nurtleu")


def test_a_fix_replaces_the_value_in_question_with_the_suggestion():
    result = sarif.as_dict(misspelling(""), cwd="/srv")["runs"][0]["results"][0]
    (fix,) = result["fixes"]
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "b.txt"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 2, "startColumn": 12, "endColumn": 18},
            "insertedContent": {"text": "Nurtleu"},
        }
    ]


def test_no_end_column_or_fix_where_the_file_does_not_hold_the_value_there():
    report = misspelling("")
    report.documents[1].source = "Headline\nThen Murat N. left.\n"
    result = sarif.as_dict(report)["runs"][0]["results"][0]
    assert "endColumn" not in result["locations"][0]["physicalLocation"]["region"]
    assert "fixes" not in result


def test_absolute_paths_become_relative_to_the_working_folder_or_the_sarif_root():
    # a scan of /srv/news/corpus run in /srv/news: URIs name the files as the repository does, not the scanned folder
    log = sarif.as_dict(misspelling("/srv/news/corpus/"), cwd="/srv/news")
    assert validation_errors(log) == []
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/news/"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/b.txt"
    rooted = sarif.as_dict(misspelling("corpus/"), root="/srv", cwd="/srv/news")["runs"][0]
    assert rooted["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/"
    assert (
        rooted["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "news/corpus/b.txt"
    )
    # a file outside the root has no relative URI: its absolute one
    outside = sarif.as_dict(misspelling("/elsewhere/"), cwd="/srv/news")["runs"][0]
    assert outside["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///elsewhere/b.txt"
    }


def test_absolute_input_paths_end_to_end_are_relative_to_the_working_folder(run_cli, tmp_path):
    root = Path(__file__).resolve().parent.parent
    log = json.loads(run_cli("scan", str(root / "seeds"), "--format", "sarif").stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
    }
    assert uris and all(u.startswith("seeds/") for u in uris), uris
    rooted = json.loads(
        run_cli("scan", str(root / "seeds"), "--format", "sarif", "--sarif-root", str(root / "seeds")).stdout
    )
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in rooted["runs"][0]["results"]
    }
    assert uris and not any("/" in u for u in uris), uris
    assert run_cli("scan", "seeds", "--format", "json", "--sarif-root", "seeds").exit_code == 2


def test_tool_version_is_the_cli_version(run_cli):
    log = json.loads(run_cli("scan", "seeds", "--format", "sarif").stdout)
    shown = subprocess.run(
        [str(Path(sys.executable).parent / "factcheck"), "--version"], capture_output=True, text=True
    ).stdout
    assert shown.split()[-1] == log["runs"][0]["tool"]["driver"]["version"], shown


def test_uris_are_percent_encoded():
    report = misspelling("")
    for d in report.documents:
        d.path = "my `news`/" + d.path
    report.findings[0].evidence = [
        Evidence("my `news`/" + e.document, e.line, e.column, e.text, e.value)
        for e in report.findings[0].evidence
    ]
    uri = sarif.as_dict(report, cwd="/srv")["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"
    ]["uri"]
    assert uri == "my%20%60news%60/b.txt"
