"""Golden reports: one folder per check type under tests/fixtures/, scanned through the CLI.

Each folder's ``expected.json`` is the whole JSON report. After a deliberate change,
regenerate with ``FACTCHECK_UPDATE_GOLDEN=1 make test`` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.checks import CHECK_TYPES
from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests") / "fixtures"


def test_every_check_type_has_a_golden_folder():
    assert {
        p.name for p in (ROOT / FIXTURES).iterdir() if (p / "expected.json").exists() or p.name in CHECK_TYPES
    } >= set(CHECK_TYPES)


@pytest.mark.parametrize("check", sorted(CHECK_TYPES))
def test_golden_report(check, cache_dir, monkeypatch):
    monkeypatch.chdir(ROOT)
    folder = FIXTURES / check
    result = CliRunner().invoke(
        cli,
        ["scan", folder.as_posix(), "--format", "json", "--fail-on", "never", "--cache-dir", str(cache_dir)],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert check in {f["check"] for f in report["findings"]}
    expected = folder / "expected.json"
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert report == json.loads(expected.read_text(encoding="utf-8"))
