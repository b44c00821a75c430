"""The JSON report against the JSON Schema shipped in the package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.models import Evidence, Finding, Report
from factcheck.report import json as json_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def validator():
    schema = json_report.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_ships_inside_the_package():
    from importlib import resources

    assert resources.files("factcheck").joinpath("schema/report.schema.json").is_file()


def test_seeds_report_validates(run_cli, validator):
    data = json.loads(run_cli("scan", "seeds", "--format", "json").stdout)
    validator.validate(data)
    assert data["set_aside"] == {"suppressed": 0, "accepted": 0, "baselined": 0}
    ids = [f["id"] for f in data["findings"]]
    assert sorted(i for s in data["stories"] for i in s["findings"]) == sorted(ids)
    assert {p for s in data["stories"] for p in s["documents"]} == {d["path"] for d in data["documents"]}


@pytest.mark.parametrize("case", sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists()))
def test_golden_reports_validate(case, validator):
    validator.validate(json.loads((FIXTURES / case / "expected.json").read_text(encoding="utf-8")))


def test_set_aside_counts_baselined_findings(run_cli, tmp_path):
    written = run_cli("scan", "seeds", "--format", "json", "--write-baseline", str(tmp_path / "base.json"))
    assert (
        written.exit_code == 0 and written.stdout == ""
    )  # the baseline was asked for: no report dumped on stdout besides
    assert "baseline of" in written.stderr and (tmp_path / "base.json").exists()
    first = json.loads(run_cli("scan", "seeds", "--format", "json").stdout)
    again = json.loads(
        run_cli("scan", "seeds", "--format", "json", "--baseline", str(tmp_path / "base.json")).stdout
    )
    assert first["findings"] and again["findings"] == []
    assert again["set_aside"] == {"suppressed": 0, "accepted": 0, "baselined": len(first["findings"])}


def test_schema_rejects_a_broken_report(validator):
    f = Finding("vague-date", "warning", "m", "s", ["v"], [Evidence("a.txt", 1, 1, "t", "v")])
    data = json_report.as_dict(Report(documents=[], findings=[f]))
    validator.validate(data)
    data["findings"][0]["evidence"][0]["line"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)
    del data["findings"][0]["evidence"][0]
    data["findings"][0].pop("id")
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_a_file_name_that_is_not_utf8_stays_lossless_and_the_json_valid():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    f = Finding("vague-date", "warning", "m", "s", ["v"], [Evidence(name, 1, 1, "t", "v")])
    text = json_report.render(Report(documents=[], findings=[f]))
    text.encode("utf-8")  # no lone surrogate left
    assert json.loads(text)["findings"][0]["evidence"][0]["document"] == name
