"""The text and SARIF formats."""

import json

from sarif_kit.validate import validation_errors


def test_sarif_validates_against_the_schema(run_cli):
    result = run_cli("scan", "seeds", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert validation_errors(log) == []
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    first = results[0]
    assert first["partialFingerprints"]["factcheck/v1"].startswith(first["ruleId"] + ":")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_text_is_one_line_per_finding_without_colour_off_a_terminal(run_cli):
    result = run_cli("scan", "seeds", "--format", "text")
    top = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    # reported where the misspelling is, not where the right spelling supports it
    assert top[0].startswith("seeds/001_de325bb79e0b97f8.txt:8:34: error name-misspelling ")
    assert "\x1b[" not in result.stdout
    assert top[-1].startswith("2 error(s), 4 warning(s), 9 info")


def test_json_is_escaped(scan_texts):
    _, report = scan_texts(
        {"a.txt": 'Title "quoted" \\ back\nThe <script>alert(1)</script> day was "fine" on 21 August 2024.\n'}
    )
    assert report["documents"][0]["title"] == 'Title "quoted" \\ back'
