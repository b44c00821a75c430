"""The archive index (factcheck/archive/): an incremental update equals a full rebuild, and a scan through
the index reports the findings of a scan that reads the whole archive."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.archive.build import update
from factcheck.archive.select import open_index
from factcheck.archive.store import index_path
from factcheck.cli import cli
from factcheck.config import Settings
from factcheck.ingest.discover import discover
from factcheck.ingest.read import load_parsed
from factcheck.model.embed import embedder_for
from factcheck.ruleset import lexicons, rule_set

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
NEPAL = ROOT / "tests" / "fixtures" / "coverage" / "nepal-quake-2015"

ADDED = (
    "Flood in Marlow\nPublished: 2025-04-02\n\n"
    "Mayor Ilse Brandt said on Tuesday that 14 homes in Marlow were flooded overnight.\n"
    "The river Thame rose by two metres, Mayor Ilse Brandt told reporters.\n"
)
CHANGED_LINE = "\nHarbour master Tomas Varga said the bridge would reopen on 30 March.\n"


def archive_of(folder: Path) -> Path:
    """The fixture corpus (its first article left out: it is the draft) and one coverage story, as one archive."""
    (folder / "bridge").mkdir(parents=True)
    (folder / "nepal").mkdir()
    for f in sorted(CORPUS.iterdir()):
        if f.suffix in (".txt", ".md", ".html") and f.name != "a1-herald.txt":
            shutil.copy(f, folder / "bridge" / f.name)
    for f in sorted(NEPAL.iterdir()):
        if f.suffix in (".txt", ".md", ".html"):
            shutil.copy(f, folder / "nepal" / f.name)
    return folder


def index_rows(cache: Path, archive: Path) -> dict:
    """Every row of the archive index's tables but ``meta``, as stored."""
    with sqlite3.connect(index_path(archive, cache)) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("documents", "terms", "derived", "stories", "names")
        }


def run_update(archive: Path, cache: Path):
    settings = Settings(cache_dir=str(cache))
    rules = rule_set(settings)
    embedder = embedder_for(settings, use_cache=True)
    warnings: list[str] = []
    try:
        return update(archive, settings, rules, lexicons(rules), embedder, warnings), warnings
    finally:
        embedder.close()


def selected(archive: Path, cache: Path, draft: Path) -> tuple[list, list]:
    """What a scan of ``draft`` would read of the archive through the index: the groups and the files."""
    settings = Settings(cache_dir=str(cache))
    rules = rule_set(settings)
    lex = lexicons(rules)
    embedder = embedder_for(settings, use_cache=True)
    warnings: list[str] = []
    index = open_index([str(archive)], [str(draft)], settings, rules, lex, embedder.cache_key, warnings)
    assert index is not None and not warnings, warnings
    read = load_parsed(discover([str(draft)]), rules, settings, lex)
    sentences = [s for d in read.documents for s in read.parsed[d.path][0]]
    names = {k: v for d in read.documents for k, v in read.parsed[d.path][1].items()}
    try:
        vectors = embedder.encode([s.text for s in sentences])
        return index.select(read.documents, sentences, vectors, names, settings.threshold)
    finally:
        index.close()
        embedder.close()


def test_an_incremental_update_equals_a_full_rebuild(tmp_path, own_cache):
    archive = archive_of(tmp_path / "archive")
    first, _ = run_update(archive, own_cache)
    assert first.read == first.files == 12 and first.documents == 12 and first.written
    again, _ = run_update(archive, own_cache)
    assert again.read == 0 and not again.texts  # nothing changed: nothing read, nothing encoded

    # one article added, one changed, one deleted
    (archive / "bridge" / "c1-flood.txt").write_text(ADDED, encoding="utf-8")
    changed = archive / "bridge" / "a4-riverside.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + CHANGED_LINE, encoding="utf-8")
    (archive / "nepal" / "nepal-quake-2015--ap.txt").unlink()
    incremental, _ = run_update(archive, own_cache)
    assert (incremental.read, incremental.removed, incremental.documents) == (2, 1, 12)
    rows = index_rows(own_cache, archive)
    draft = CORPUS / "a1-herald.txt"
    found = selected(archive, own_cache, draft)

    # the same archive indexed from nothing, with the same embedding cache (so the same vectors)
    index_path(archive, own_cache).unlink()
    rebuilt, _ = run_update(archive, own_cache)
    assert rebuilt.read == 12
    assert index_rows(own_cache, archive) == rows
    assert selected(archive, own_cache, draft) == found
    groups, files = found
    assert files == ["bridge/a2-coastal.md", "bridge/a3-courier.html", "bridge/a4-riverside.txt"]
    assert groups == [sorted([str(draft), *(os.path.join(archive, f) for f in files)])]


def scan(draft: Path, archive: Path, cache: Path):
    result = CliRunner().invoke(
        cli,
        ["scan", str(draft), "--against", str(archive), "--format", "json", "--cache-dir", str(cache)]
        + ["--fail-on", "never"],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("draft", [CORPUS / "a1-herald.txt", NEPAL / "nepal-quake-2015--ap.txt"])
def test_a_scan_through_the_index_reports_the_findings_of_a_full_scan(
    tmp_path, own_cache, exported_models, draft
):
    archive = archive_of(tmp_path / "archive")
    (archive / "nepal" / draft.name).unlink(missing_ok=True)  # the draft is not also archive evidence
    plain_cache = tmp_path / "plain-cache"
    plain_cache.mkdir()
    (plain_cache / "models").symlink_to(exported_models, target_is_directory=True)
    plain, plain_err = scan(draft, archive, plain_cache)
    assert "archive index" not in plain_err
    result = CliRunner().invoke(cli, ["index", str(archive), "--cache-dir", str(own_cache)])
    assert result.exit_code == 0, result.output
    indexed, indexed_err = scan(draft, archive, own_cache)
    assert indexed["findings"] and indexed["findings"] == plain["findings"]
    assert [s["documents"] for s in indexed["stories"]] == [s["documents"] for s in plain["stories"]]
    # the index was used: the other story's articles were not read
    assert len(indexed["documents"]) < len(plain["documents"])
    assert "archive index" not in indexed_err


def test_a_stale_or_damaged_index_is_one_warning_and_the_archive_is_read(tmp_path, own_cache):
    archive = archive_of(tmp_path / "archive")
    draft = CORPUS / "a1-herald.txt"
    assert CliRunner().invoke(cli, ["index", str(archive), "--cache-dir", str(own_cache)]).exit_code == 0
    fresh, _ = scan(draft, archive, own_cache)

    # an archive file edited after the index: one warning, and every archive file read again
    edited = archive / "nepal" / "nepal-quake-2015--ap.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe death toll rose again.\n", encoding="utf-8")
    stale, err = scan(draft, archive, own_cache)
    assert err.count("archive index") == 1 and "out of date (1 file(s)" in err
    assert stale["findings"] == fresh["findings"]
    assert len(stale["documents"]) == 13  # the draft and every archive file

    # a derived blob damaged on disk: its hash no longer matches
    assert CliRunner().invoke(cli, ["index", str(archive), "--cache-dir", str(own_cache)]).exit_code == 0
    with closing(sqlite3.connect(index_path(archive, own_cache))) as db, db:
        # closed here: a connection left open keeps the write-ahead log, which SQLite reads before the file
        db.execute("UPDATE stories SET vectors = zeroblob(length(vectors))")
    damaged, err = scan(draft, archive, own_cache)
    assert err.count("archive index") == 1 and "damaged" in err
    assert damaged["findings"] == fresh["findings"] and len(damaged["documents"]) == 13

    # the mean vectors, kept in a file beside the index: one byte changed, then the file gone
    assert CliRunner().invoke(cli, ["index", str(archive), "--cache-dir", str(own_cache)]).exit_code == 0
    index = index_path(archive, own_cache)
    (beside,) = index.parent.glob(f"{index.stem}.*.f32")
    data = bytearray(beside.read_bytes())
    data[len(data) // 2] ^= 1
    beside.write_bytes(bytes(data))
    damaged, err = scan(draft, archive, own_cache)
    assert err.count("archive index") == 1 and "damaged" in err
    assert damaged["findings"] == fresh["findings"] and len(damaged["documents"]) == 13
    beside.unlink()
    damaged, err = scan(draft, archive, own_cache)
    assert err.count("archive index") == 1 and "damaged" in err and len(damaged["documents"]) == 13
    # the next update writes it again, and the index stands in for the archive
    assert CliRunner().invoke(cli, ["index", str(archive), "--cache-dir", str(own_cache)]).exit_code == 0
    assert [p.name for p in index.parent.glob(f"{index.stem}.*.f32")] == [beside.name]
    again, err = scan(draft, archive, own_cache)
    assert "archive index" not in err and again == fresh

    # a file that is not a database at all: moved aside, rebuilt empty, warned about, never trusted
    index_path(archive, own_cache).write_bytes(b"not a database" * 100)
    broken, err = scan(draft, archive, own_cache)
    assert "archive index" in err and broken["findings"] == fresh["findings"]
    assert len(broken["documents"]) == 13


def test_an_index_file_that_cannot_be_kept_leaves_the_embedding_cache_filled(tmp_path, own_cache):
    archive = archive_of(tmp_path / "archive")
    (own_cache / "archive").write_text("a file where the index folder would be", encoding="utf-8")
    result = CliRunner().invoke(cli, ["index", str(archive), "--cache-dir", str(own_cache)])
    assert result.exit_code == 0, result.output
    assert "indexed 12 document(s)" in result.output and "archive index" in result.output
    # the scan reads the archive in full, as without an index, with no word about one
    report, err = scan(CORPUS / "a1-herald.txt", archive, own_cache)
    assert len(report["documents"]) == 13 and "archive index" not in err


def test_the_listing_holds_the_files_a_scan_reads(tmp_path):
    from factcheck.archive.build import listing

    root = tmp_path / "archive"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\n\nA line.\n", encoding="utf-8")
    for rel in ("a.txt", "b.MD", "sub/c.html", "sub/deeper/d.txt", ".e.txt", ".hidden/f.txt", "g.jpg"):
        (root / rel).write_text("Title\n\nA sentence.\n", encoding="utf-8")
    (root / "inside-link.txt").symlink_to(root / "a.txt")
    (root / "outside-link.txt").symlink_to(outside)
    (root / "linked-folder").symlink_to(root / "sub", target_is_directory=True)
    (root / "broken.txt").symlink_to(root / "missing.txt")
    found = listing(root)
    read = discover([str(root)])
    assert sorted(found) == sorted(
        [*(s.path.relative_to(root).as_posix() for s in read.sources), "broken.txt"]
    )
    assert found["broken.txt"] == (-1, -1)  # listed (a scan reports it unreadable), never stat'ed
    st = (root / "inside-link.txt").stat()
    assert found["inside-link.txt"] == (st.st_size, st.st_mtime_ns) and listing(root) == found
