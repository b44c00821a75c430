"""Broken and hostile inputs: one clear line each, the scan goes on, nothing crashes."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import load_document, read_text
from factcheck.cli import cli
from factcheck.files import InputError
from factcheck.ingest.boilerplate import Boilerplate

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_bad", DATA / "make_bad.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = module.make()
    cache = tmp_path_factory.mktemp("cache")
    result = CliRunner().invoke(cli, ["scan", str(folder), "--format", "json", "--cache-dir", str(cache)])
    md = CliRunner().invoke(cli, ["scan", str(folder), "--cache-dir", str(cache)])
    return folder, result, json.loads(result.stdout), md


def test_exit_is_0_or_1_and_nothing_crashes(bad):
    _, result, _, md = bad
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output and "Traceback" not in md.output


@pytest.mark.parametrize(
    "name, reason",
    [
        ("binary.txt", "binary file, not text"),
        ("empty.txt", "empty file"),
        ("whitespace-only.txt", "empty file"),
        ("symlink-loop.txt", "cannot read"),
        ("big-20mb.txt", "over the size limit"),
        ("cp1251.txt", "not UTF-8; read as cp1251"),
        ("invalid-utf8.txt", "invalid UTF-8 byte sequence(s) replaced"),
    ],
)
def test_each_problem_file_has_one_line_naming_it_in_stderr_and_the_report(bad, name, reason):
    folder, result, _, md = bad
    lines = [line for line in result.stderr.splitlines() if f"/{name}:" in line]
    assert len(lines) == 1 and reason in lines[0]
    assert any(name in line and reason in line for line in md.stdout.splitlines() if line.startswith("- "))


def test_readable_oddities_are_read(bad):
    _, _, report, _ = bad
    docs = {Path(d["path"]).name: d for d in report["documents"]}
    for name in (
        "crlf.txt",
        "utf16-bom.txt",
        "cp1251.txt",
        "invalid-utf8.txt",
        "name with spaces.txt",
        "новости.txt",
        "nested.html",
        "long-line.txt",
        "hostile.md",
    ):
        assert name in docs, name
    assert docs["utf16-bom.txt"]["title"] == "Summit in Astana"
    assert docs["cp1251.txt"]["title"] == "Новости"
    assert docs["crlf.txt"]["title"] == "Summit in Astana"


def test_crlf_positions_and_text_are_clean(bad):
    _, _, report, _ = bad
    for f in report["findings"]:
        for e in f["evidence"]:
            assert "\r" not in e["text"]
            if e["document"].endswith("crlf.txt"):
                assert e["line"] == 2


def test_long_line_is_cut_into_bounded_sentences(bad):
    folder, _, report, _ = bad
    from factcheck.config import Settings
    from factcheck.ruleset import rule_set
    from factcheck.extract.sentences import MAX_SENTENCE_CHARS, split

    boiler = Boilerplate.from_lexicon(rule_set(Settings()).lexicon("boilerplate"))
    doc = load_document(folder / "long-line.txt", boiler)
    assert max(len(s.text) for s in split(doc)) <= MAX_SENTENCE_CHARS


def test_hostile_markup_in_sources_is_inert_in_the_markdown_report(bad):
    from markdown_it import MarkdownIt

    _, _, _, md = bad
    html = MarkdownIt("commonmark").enable("table").render(md.stdout)
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html


def test_permission_denied_is_one_line(tmp_path, monkeypatch):
    f = tmp_path / "locked.txt"
    f.write_text("Title\nText.\n", encoding="utf-8")

    def deny(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", deny)  # root reads any file: the refusal is staged
    with pytest.raises(InputError, match=r"locked.txt: permission denied$"):
        read_text(f)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_reported(bad):
    _, result, _, _ = bad
    assert "unreadable.txt: permission denied" in result.stderr


def test_max_file_size_flag(tmp_path, cache_dir):
    (tmp_path / "a.txt").write_text(
        "Title\nForeign Minister Murat Nurtleu met the ambassador on 21 August 2024.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Title\n" + "The ambassador met the minister. " * 100 + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli,
        ["scan", str(tmp_path), "--max-file-size", "1000", "--format", "json", "--cache-dir", str(cache_dir)],
    )
    assert result.exit_code == 0
    assert "b.txt" in result.stderr and "size limit of 1000 bytes; skipped" in result.stderr
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == ["a.txt"]
