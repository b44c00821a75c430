"""Golden reports, scanned through the CLI with the real model: the whole JSON report must equal ``expected.json``.

One golden runs every check together: the fixture corpus (``tests/fixtures/corpus/``, a discrepancy planted
for the checks its ``key.json`` lists, and look-alikes that must stay silent). A new check needs no golden
of its own: it runs in this one, where a finding it adds changes the report. The older folders
``tests/fixtures/<type>/`` keep one golden each for the first checks.

After a deliberate change, regenerate with ``FACTCHECK_UPDATE_GOLDEN=1 make test`` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests") / "fixtures"
CORPUS = FIXTURES / "corpus"
FOLDERS = sorted(
    p.name for p in (ROOT / FIXTURES).iterdir() if (p / "expected.json").exists() and p.name != "corpus"
)


def scanned(folder: Path, cache_dir: Path) -> dict:
    """The JSON report of ``folder``, scanned from the repository root; ``expected.json`` rewritten when asked."""
    result = CliRunner().invoke(
        cli,
        ["scan", folder.as_posix(), "--format", "json", "--fail-on", "never", "--cache-dir", str(cache_dir)],
    )
    assert result.exit_code == 0, result.output
    expected = folder / "expected.json"
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        expected.write_text(result.stdout, encoding="utf-8")
    report = json.loads(result.stdout)
    assert report == json.loads(expected.read_text(encoding="utf-8"))
    return report


def test_every_check_together_on_the_fixture_corpus(cache_dir, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = scanned(CORPUS, cache_dir)
    planted = {
        c
        for item in json.loads((CORPUS / "key.json").read_text(encoding="utf-8"))["items"]
        for c in item["checks"]
    }
    assert {f["check"] for f in report["findings"]} == planted


@pytest.mark.parametrize("folder", FOLDERS)
def test_golden_report(folder, cache_dir, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = scanned(FIXTURES / folder, cache_dir)
    assert folder in {f["check"] for f in report["findings"]}
