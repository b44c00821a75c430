"""The scan memo: an unchanged re-scan replays its outcome; any change to what a report depends on runs it afresh."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cache.memo import Memo, Outcome

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).parent / "factcheck"
ARTICLE_A = "Murat Nurtleu, the Foreign Minister, met the envoy in Minsk on 15 August 2024.\n"
ARTICLE_B = (
    "Murat Nurtleu, the Deputy Minister of Foreign Affairs, met the envoy in Minsk on 16 August 2024.\n"
)
# Prints, at exit, whether the analysis pipeline was imported: a replay must not need it.
PROBE = (
    "import atexit, sys; atexit.register(lambda: print('PIPELINE', 'factcheck.pipeline' in sys.modules, file=sys.stderr)); "
    "from factcheck.cli import main; main()"
)


def scan(corpus: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            "scan",
            str(corpus),
            "--format",
            "json",
            "--cache-dir",
            str(cache),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.fixture
def corpus(tmp_path, exported_models):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A)
    (folder / "b.txt").write_text(ARTICLE_B)
    # The session cache already holds the exported model; a fresh cache beside it shares it.
    cache = tmp_path / "cache"
    cache.mkdir()
    os.symlink(exported_models, cache / "models")
    return folder, cache


def test_unchanged_rescan_replays_the_same_outcome_without_the_pipeline(corpus):
    folder, cache = corpus
    first = scan(folder, cache)
    again = scan(folder, cache)
    assert first.returncode == again.returncode == 1  # the title conflict is an error
    assert first.stdout == again.stdout and "title-conflict" in first.stdout
    assert "PIPELINE True" in first.stderr and "PIPELINE False" in again.stderr


@pytest.mark.parametrize("change", ["edit", "setting", "rule", "format"])
def test_any_change_runs_the_scan_afresh(corpus, tmp_path, change):
    folder, cache = corpus
    scan(folder, cache)
    extra: list[str] = []
    if change == "edit":
        (folder / "b.txt").write_text(ARTICLE_A)  # now both agree: no conflict left
    elif change == "setting":
        extra = ["--fail-on", "never"]
    elif change == "rule":
        rules = tmp_path / "rules"
        rules.mkdir()
        shipped = (ROOT / "rules" / "title-conflict.yaml").read_text()
        (rules / "title.yaml").write_text(shipped.replace("severity: error", "severity: info"))
        extra = ["--rules", str(rules)]
    else:
        extra = ["--format", "markdown"]
    after = scan(folder, cache, *extra)
    assert "PIPELINE True" in after.stderr
    if change == "edit":
        assert "title-conflict" not in after.stdout and after.returncode == 0
    if change in ("setting", "rule"):
        assert after.returncode == 0
    if change == "rule":  # the same folder, the file edited back: the first outcome again, not the last
        (rules / "title.yaml").write_text(shipped)
        assert scan(folder, cache, *extra).returncode == 1


def test_unreadable_input_is_never_replayed(corpus):
    folder, cache = corpus
    (folder / "c.txt").mkdir()  # a folder named like an article: cannot be read as a file
    for _ in range(2):
        result = scan(folder, cache, str(folder / "c.txt" / "missing.txt"))
        # refused before any work (paths are checked first), so there is nothing to replay either
        assert (
            result.returncode == 2
            and "missing.txt: no such file or folder" in result.stderr
            and result.stdout == ""
        )


def test_no_cache_writes_no_memo(corpus):
    folder, cache = corpus
    scan(folder, cache, "--no-cache")
    assert not (cache / "scans.sqlite3").exists()


def test_damaged_record_is_a_miss_and_is_rewritten(corpus):
    folder, cache = corpus
    first = scan(folder, cache)
    with sqlite3.connect(cache / "scans.sqlite3") as db:
        db.execute("UPDATE scans SET outcome = replace(outcome, 'title-conflict', 'title-confl1ct')")
    again = scan(folder, cache)
    assert "PIPELINE True" in again.stderr and again.stdout == first.stdout
    assert "PIPELINE False" in scan(folder, cache).stderr


def test_garbage_memo_file_is_moved_aside_with_a_warning(corpus):
    folder, cache = corpus
    (cache / "scans.sqlite3").write_bytes(b"not a database" * 200)
    result = scan(folder, cache)
    assert (
        result.returncode == 1 and "scan memo" in result.stderr and (cache / "scans.sqlite3.corrupt").exists()
    )


def test_memo_keeps_only_the_most_recent(tmp_path):
    memo = Memo(tmp_path / "scans.sqlite3")
    for i in range(Memo.KEEP + 5):
        memo.put(f"k{i}", Outcome(f"text {i}", [], [], ["error"], 1))
    assert memo.get("k0") is None and memo.get(f"k{Memo.KEEP + 4}").text == f"text {Memo.KEEP + 4}"
    assert memo.db.execute("SELECT COUNT(*) FROM scans").fetchone()[0] == Memo.KEEP
    memo.close()
