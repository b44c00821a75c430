"""The attacks of issue 22 (reliability, round three), each reproduced as a test: r01 to r25.

Each test stages one case of ``../shared/redteam/rNN_*.sh`` with real files and the
CLI, and states the outcome the issue expects. r10 and r16 (story linking) are
tested with the story-clustering work.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.gate import baseline as gate_baseline
from factcheck.cli import cli
from factcheck.gate.facts import FactSheet
from factcheck.ingest.boilerplate import Boilerplate
from factcheck.ingest.discover import Source, discover
from factcheck.ingest.own_reports import is_report
from factcheck.ingest.parse import parse_source

from test_redteam import DRAFT_BAD, ENV, newsroom

FACTCHECK = Path(sys.executable).parent / "factcheck"
# The same staging as round two's (tests/test_redteam.py): one published article, one draft with a title conflict.
BAD = DRAFT_BAD.removeprefix("# Envoy summoned\n\n")


def scan(*args, cache: Path | None = None):
    extra = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    return CliRunner().invoke(cli, ["scan", *map(str, args), *extra])


def run(*args, cwd=None, timeout=180, stdin=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FACTCHECK), *map(str, args)], cwd=cwd, capture_output=True, timeout=timeout, env=ENV, stdin=stdin
    )


# ------------------------------------------------------------------ r01-r03: the memo key reads each input once


def test_r01_a_baseline_swapped_mid_scan_never_poisons_the_memo(tmp_path, own_cache, monkeypatch):
    room = newsroom(tmp_path)
    drafts, published = room / "drafts" / "envoy.md", room / "published"
    covering, empty, used = tmp_path / "covering.json", tmp_path / "empty.json", tmp_path / "bl.json"
    assert scan(drafts, "--against", published, "--write-baseline", covering, cache=own_cache).exit_code == 0
    assert "title-conflict" in covering.read_text(encoding="utf-8")
    empty.write_text('{"schema":"factcheck-baseline/2","findings":[]}\n', encoding="utf-8")
    shutil.copy(empty, used)
    original = gate_baseline.read_baseline

    def swapped(path):
        shutil.copy(covering, path)  # the covering baseline lands just before the gate reads it
        return original(path)

    with monkeypatch.context() as patch:
        patch.setattr(gate_baseline, "read_baseline", swapped)
        scan(drafts, "--against", published, "--baseline", used, "--format", "text", cache=own_cache)
    shutil.copy(empty, used)
    replayed = scan(drafts, "--against", published, "--baseline", used, "--format", "text", cache=own_cache)
    assert replayed.exit_code == 1, replayed.output


def test_r02_a_fact_sheet_swapped_mid_scan_never_poisons_the_memo(tmp_path, own_cache, monkeypatch):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\ntitle: Envoy\ndate: 2024-08-23\n---\n\nDeputy Minister of Foreign Affairs Murat Nurtleu met "
        "the Belarusian ambassador in Astana on Friday.\n",
        encoding="utf-8",
    )
    strict = "people:\n  - name: Murat Nurtleu\n    titles:\n      - {title: Foreign Minister, since: 2023-09-01}\n"
    sheet = tmp_path / "facts.yaml"
    sheet.write_text(strict, encoding="utf-8")
    original = FactSheet.load.__func__

    def swapped(cls, path):
        Path(path).write_text("people: []\n", encoding="utf-8")
        return original(cls, path)

    with monkeypatch.context() as patch:
        patch.setattr(FactSheet, "load", classmethod(swapped))
        scan(draft, "--facts", sheet, "--format", "text", cache=own_cache)
    sheet.write_text(strict, encoding="utf-8")
    replayed = scan(draft, "--facts", sheet, "--format", "text", cache=own_cache)
    assert replayed.exit_code == 1, replayed.output


@pytest.mark.parametrize("option", ["--baseline", "--facts"])
def test_r03_a_fifo_baseline_or_fact_sheet_is_refused_with_the_cache_on(tmp_path, cache_dir, option):
    room = newsroom(tmp_path)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    result = run(
        "scan",
        "--format",
        "text",
        room / "drafts" / "envoy.md",
        "--against",
        room / "published",
        option,
        fifo,
        "--cache-dir",
        cache_dir,
        timeout=60,
    )
    assert result.returncode == 2 and b"FIFO" in result.stderr, result.stderr


def test_r03_a_fact_sheet_linked_to_dev_zero_is_refused_at_once(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    (room / "sheet.yaml").symlink_to("/dev/zero")
    started = time.monotonic()
    result = run(
        "scan",
        "--format",
        "text",
        "drafts/envoy.md",
        "--against",
        "published",
        "--facts",
        "sheet.yaml",
        "--cache-dir",
        cache_dir,
        cwd=room,
        timeout=60,
    )
    assert result.returncode == 2 and b"character device" in result.stderr, result.stderr
    assert time.monotonic() - started < 30


# ------------------------------------------------------------------ r06-r09: the gate judges what it should


def test_r06_two_names_that_display_alike_are_two_documents(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    (room / "drafts" / "envoy.md").unlink()
    literal = room / "drafts" / "caf\\xe9.txt"
    literal.write_text("Envoy summoned\n\n" + BAD, encoding="utf-8")
    raw = Path(os.fsdecode(os.fsencode(str(room / "drafts")) + b"/caf\xe9.txt"))
    raw.write_text("Envoy\n\nMore soon.\n", encoding="utf-8")
    for args in ([literal], [literal, raw], [room / "drafts"]):
        result = scan(
            *args, "--against", room / "published", "--fail-on", "info", "--format", "json", cache=cache_dir
        )
        assert result.exit_code == 1, (args, result.output)
    paths = [d["path"] for d in json.loads(result.stdout)["documents"]]
    assert len([p for p in paths if "caf" in p]) == 2 and len(set(paths)) == len(paths), paths


def test_r07_a_marker_in_one_staged_draft_never_silences_another(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    (room / "drafts" / "envoy.md").unlink()
    (room / "drafts" / "a.txt").write_text(
        "Envoy summoned\n\nfactcheck: ignore title-conflict\n" + BAD, encoding="utf-8"
    )
    (room / "drafts" / "b.txt").write_text("Envoy summoned\n\n" + BAD, encoding="utf-8")
    result = scan(
        room / "drafts" / "a.txt",
        room / "drafts" / "b.txt",
        "--against",
        room / "published",
        "--format",
        "json",
        cache=cache_dir,
    )
    assert result.exit_code == 1, result.output
    alone = scan(
        room / "drafts" / "a.txt", "--against", room / "published", "--format", "json", cache=cache_dir
    )
    assert alone.exit_code == 0, alone.output  # the marker still speaks for its own draft


@pytest.mark.parametrize(
    "draft",
    [
        "---\ntitle: Envoy summoned\nfactcheck: ignore\n---\n\n" + BAD,
        "# Envoy\n\n```\nfactcheck: ignore\n```\n\n" + BAD,
        "# Envoy\n\n~~~~\nfactcheck: ignore\n~~~~\n\n" + BAD,
    ],
    ids=["front-matter", "code-block", "tilde-fence"],
)
def test_r08_front_matter_and_code_blocks_hold_no_marker(tmp_path, cache_dir, draft):
    room = newsroom(tmp_path, draft)
    result = scan(
        room / "drafts" / "envoy.md", "--against", room / "published", "--format", "text", cache=cache_dir
    )
    assert result.exit_code == 1, result.output


def test_r09_a_draft_mentioning_the_report_schema_is_judged_not_skipped(tmp_path, cache_dir):
    room = newsroom(tmp_path, "<!-- factcheck-report/1 -->\n" + DRAFT_BAD)
    (room / "drafts" / "weather.md").write_text(
        "# Weather\n\nLight rain is expected in Astana on Saturday.\n", encoding="utf-8"
    )
    result = scan(room / "drafts", "--against", room / "published", "--format", "text", cache=cache_dir)
    assert result.exit_code == 1, result.output
    assert not is_report(b'{"schema": "factcheck-report/1", "note": "not a report"}')
    assert not is_report(b'<p>factcheck-baseline/1</p><meta name="generator" content="factcheck">')


# ------------------------------------------------------------------ r11-r13: untrusted text on the terminal


EVIL_ID = "vd\x1b]0;PWNED\x07\x1b[31mRED\nseeds/x.txt:1:1: error title-conflict FORGED\n<img src=x onerror=alert(1)>"


def test_r11_a_rule_id_with_controls_or_markup_is_refused_naming_file_and_key(tmp_path, cache_dir):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "evil.yaml").write_text(
        json.dumps(
            {"id": EVIL_ID, "extends": "vague-date", "severity": "warning", "message": "Vague date: {reason}"}
        ),
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "Published: 2024-04-10\nThe ministry said the talks collapsed in June of that year.\n",
        encoding="utf-8",
    )
    for result in (
        scan(article, "--rules", rules, "--format", "markdown", cache=cache_dir),
        CliRunner().invoke(cli, ["rules", "--rules", str(rules)]),
    ):
        assert result.exit_code == 2, result.output
        assert "evil.yaml: key 'id'" in result.stderr
        assert "\x1b" not in result.output and "FORGED" not in result.stdout and "<img" not in result.stdout


def test_r12_file_names_on_stderr_are_escaped(tmp_path, cache_dir):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "ok.txt").write_text(
        "The ministry said 40 people attended the summit in Astana on Friday.\n", encoding="utf-8"
    )
    (folder / "x\x1b]0;PWNED\x07\x1b[2J.txt").write_bytes(b"\x00bin")
    (folder / "y\nfactcheck: 0 errors, 0 warnings, 0 info in 9 files.txt").write_bytes(b"\x00bin")
    result = scan(folder, "--format", "text", cache=cache_dir)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert not any(
        line.startswith("factcheck: 0 errors, 0 warnings, 0 info in 9") for line in result.stderr.splitlines()
    )
    assert "x\\x1b]0;PWNED\\x07\\x1b[2J.txt" in result.stderr
    assert "y\\nfactcheck: 0 errors" in result.stderr  # the newline is shown, not obeyed


def test_r13_facts_list_shows_the_sheet_escaped(tmp_path):
    sheet = tmp_path / "facts.yaml"
    sheet.write_text(
        'people:\n  - name: "Murat Nurtleu"\n    also: ["Nurtleu\\e]0;PWNED\\a\\e[2J"]\n    titles:\n'
        '      - {title: "Foreign Minister\\nfigure  fake = entry", since: 2023-09-01}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["facts", "list", "--file", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert not any(line.startswith("figure") for line in result.stdout.splitlines())
    assert "Nurtleu\\x1b]0;PWNED\\x07\\x1b[2J" in result.stdout


# ------------------------------------------------------------------ r14-r15: bounded work


def test_r14_many_patterns_slow_only_together_are_bounded(tmp_path):
    script = textwrap.dedent(r"""
        import time
        from factcheck.ingest.boilerplate import RulePatterns
        patterns = [r'(?:.*?\s){0,4}.*\d{%d}' % (50 + i) for i in range(40)]
        base = ('The ministry said 40 people attended the summit in Astana on Friday, and officials described the talks '
                'as constructive, according to a statement released later in the evening by the press office. ')
        line = (base * 2)[:250]
        rp = RulePatterns(patterns, 'lines')
        started = time.monotonic()
        for _ in range(3):
            assert not rp.fullmatch(line)
        print(round(time.monotonic() - started, 1), len(rp.warnings))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=ENV
    )
    assert done.returncode == 0, done.stderr
    seconds, warnings = done.stdout.split()
    assert float(seconds) < 60 and warnings == "1"


def test_r15_a_folder_a_thousand_deep_is_walked_without_recursion(tmp_path, cache_dir, monkeypatch):
    room = newsroom(tmp_path)
    deep = room / "published" / "deep"
    deep.mkdir()
    deep_tree(deep, 1000, monkeypatch)
    try:
        inputs = discover([str(room / "published")])
        assert any(s.display.endswith("/a/x.txt") for s in inputs.sources)
        result = scan(
            room / "drafts" / "envoy.md", "--against", room / "published", "--format", "text", cache=cache_dir
        )
        assert result.exit_code == 1, result.output
    finally:
        remove_deep_tree(deep, 1000, monkeypatch)


def deep_tree(top: Path, depth: int, monkeypatch) -> None:
    """``top/a/a/.../a/x.txt``, ``depth`` folders deep, made one level at a time (os.makedirs recurses per level)."""
    monkeypatch.chdir(top)
    for _ in range(depth):
        os.mkdir("a")
        os.chdir("a")
    Path("x.txt").write_text("The ministry said 40 people attended.\n", encoding="utf-8")
    monkeypatch.chdir(top.parent)


def remove_deep_tree(top: Path, depth: int, monkeypatch) -> None:
    """Undo ``deep_tree`` level by level: pytest's own clean-up (shutil.rmtree on 3.11) recurses and would fail."""
    monkeypatch.chdir(top)
    for _ in range(depth):
        os.chdir("a")
    Path("x.txt").unlink(missing_ok=True)
    for _ in range(depth):
        os.chdir("..")
        os.rmdir("a")
    monkeypatch.chdir(top.parent)


# ------------------------------------------------------------------ r17, r20, r22: data loss, old baselines, secrets


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_r17_an_output_never_replaces_an_input(tmp_path, cache_dir, option):
    room = newsroom(tmp_path)
    for target in (room / "drafts" / "envoy.md", room / "published" / "summit.txt"):
        before = target.read_bytes()
        result = scan(
            room / "drafts" / "envoy.md", "--against", room / "published", option, target, cache=cache_dir
        )
        assert result.exit_code == 2 and "is an input of this scan" in result.stderr, result.output
        assert target.read_bytes() == before


def test_r20_a_legacy_id_baseline_is_refused_with_a_clear_message(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    baseline = tmp_path / "old.json"
    baseline.write_text('{"schema":"factcheck-baseline/1","findings":[{"id":"abc"}]}\n', encoding="utf-8")
    result = scan(
        room / "drafts" / "envoy.md",
        "--against",
        room / "published",
        "--baseline",
        baseline,
        "--format",
        "text",
        cache=cache_dir,
    )
    assert result.exit_code == 2, result.output
    assert "factcheck-baseline/1 is no longer read" in result.stderr and "--write-baseline" in result.stderr


def test_r22_a_symlink_out_of_the_scanned_tree_is_not_read(tmp_path, cache_dir):
    room = newsroom(tmp_path / "room")
    secret = tmp_path / "secret" / "credentials"
    secret.parent.mkdir()
    secret.write_text("SECRET_TOKEN=example-not-real-0000\n", encoding="utf-8")
    (room / "published" / "notes.txt").symlink_to(secret)
    (room / "published" / "inside.txt").symlink_to(room / "published" / "summit.txt")  # inside the tree: read
    result = scan(
        room / "drafts" / "envoy.md", "--against", room / "published", "--format", "html", cache=cache_dir
    )
    assert result.exit_code == 1, result.output
    assert "SECRET_TOKEN" not in result.stdout
    assert "notes.txt: a symbolic link to a file outside" in result.stderr
    assert "inside.txt" in result.stdout
    followed = scan(
        room / "drafts" / "envoy.md",
        "--against",
        room / "published",
        "--format",
        "html",
        "--follow-symlinks",
        cache=cache_dir,
    )
    assert "SECRET_TOKEN" in followed.stdout


# ------------------------------------------------------------------ r05, r18: the fact sheet is edited, never lost


def test_r05_a_dangling_dev_stdout_style_target_is_refused_not_replaced(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    link = tmp_path / "stdout"
    link.symlink_to(
        "/proc/self/fd/999999"
    )  # what /dev/stdout is when stdout is closed: a link to nothing under /proc
    added = CliRunner().invoke(cli, ["facts", "add", "figure", "amount", "5", "--file", str(link)])
    assert added.exit_code == 2, added.output
    written = scan(room / "drafts" / "envoy.md", "-o", link, cache=cache_dir)
    assert written.exit_code == 2, written.output
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/999999"


def can_unshare() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not can_unshare(), reason="needs root and a private mount namespace (unshare -m)")
def test_r05_facts_add_to_dev_stdout_with_stdout_closed_keeps_the_link(tmp_path):
    script = (
        f'mount --make-rprivate / && d=$(mktemp -d) && mount -t tmpfs tmpfs "$d" && '
        f'touch "$d/null" && mount --bind /dev/null "$d/null" && ln -s /proc/self/fd/1 "$d/stdout" && '
        f'mount --rbind "$d" /dev && cd {tmp_path} && '
        f'{FACTCHECK} facts add figure amount 5 --file /dev/stdout >&- 2>/dev/null; echo "exit $?"; '
        "test -L /dev/stdout && echo link-kept"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120, env=ENV
    )
    assert "exit 2" in done.stdout and "link-kept" in done.stdout, (done.stdout, done.stderr)


SHEET_WITH_COMMENTS = """\
# Source for Nurtleu's titles: MFA press release 2023-09-01 (ref. 44/2023). Ask the standards desk before editing.
people:
  - name: Murat Nurtleu   # confirmed by phone, J. Roe
    titles:
      - {title: Foreign Minister, since: 2023-09-01}
"""


def test_r18_facts_add_keeps_every_comment(tmp_path):
    sheet = tmp_path / "facts.yaml"
    sheet.write_text(SHEET_WITH_COMMENTS, encoding="utf-8")
    runner = CliRunner()
    for args in (
        ["figure", "injured", "22"],
        ["title", "Murat Nurtleu", "Deputy Minister", "--until", "2023-09-01"],
        ["spelling", "Murat Nurtleu", "Nurtlev"],
    ):
        assert runner.invoke(cli, ["facts", "add", *args, "--file", str(sheet)]).exit_code == 0
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith(SHEET_WITH_COMMENTS)  # every line as it was, the new entries after
    loaded = FactSheet.load(sheet)
    assert [h.title for h in loaded.people[0].titles] == ["Foreign Minister", "Deputy Minister"]
    assert loaded.people[0].also == ["Nurtlev"] and loaded.values[0].value == "22"


def test_r18_concurrent_adds_lose_no_entry(tmp_path):
    sheet = tmp_path / "c.yaml"
    adds = [
        subprocess.Popen(
            [str(FACTCHECK), "facts", "add", "figure", f"subject{i}", str(i), "--file", str(sheet)],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in range(12)
    ]
    assert [p.wait(timeout=180) for p in adds] == [0] * 12
    assert sorted(v.subject for v in FactSheet.load(sheet).values) == sorted(f"subject{i}" for i in range(12))


# ------------------------------------------------------------------ r21: config discovery stops at the project


def test_r21_without_git_no_ancestor_config_is_obeyed(tmp_path, cache_dir, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    repo = newsroom(tmp_path / "repo")
    monkeypatch.chdir(repo)
    result = scan("drafts/envoy.md", "--against", "published", "--format", "text", cache=cache_dir)
    assert result.exit_code == 1, result.output
    (repo / ".git").mkdir()  # a repository root below the config: still not read
    assert (
        scan("drafts/envoy.md", "--against", "published", "--format", "text", cache=cache_dir).exit_code == 1
    )
    shown = CliRunner().invoke(cli, ["config"])
    assert "# config file: none" in shown.stdout
    (repo / "factcheck.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    shown = CliRunner().invoke(cli, ["config"])
    assert f"# config file: {repo / 'factcheck.toml'}" in shown.stdout


def test_r21_the_scripts_folder_lies_inside_a_repository_whose_root_config_is_obeyed(
    tmp_path, cache_dir, monkeypatch
):
    # The red-team script's own set-up: its scratch newsroom is `git init`ed (common.sh), the config goes to the
    # newsroom's top, and `repo/` below it loses its own .git. `repo/` is then inside the newsroom's working tree:
    # git names the newsroom as its top level, and so does config discovery. That config is the project's own,
    # and exit 0 is what it asks for. Without the outer .git (a tarball of the newsroom) it is not read.
    top = tmp_path / "newsroom"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    (top / "factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    repo = newsroom(top / "repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    monkeypatch.chdir(repo)
    args = ("drafts/envoy.md", "--against", "published", "--format", "text")
    assert scan(*args, cache=cache_dir).exit_code == 1  # with .git: its own root, no config
    shutil.rmtree(repo / ".git")
    toplevel = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
    )
    assert Path(toplevel.stdout.strip()).resolve() == top.resolve()
    assert scan(*args, cache=cache_dir).exit_code == 0  # without: the newsroom's config, as the script prints
    assert f"# config file: {top.resolve() / 'factcheck.toml'}" in CliRunner().invoke(cli, ["config"]).stdout
    shutil.rmtree(top / ".git")  # the newsroom exported: no repository root, only the current folder
    assert scan(*args, cache=cache_dir).exit_code == 1
    assert "# config file: none" in CliRunner().invoke(cli, ["config"]).stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a folder to another user")
def test_r21_a_repository_above_that_is_not_yours_is_not_the_project(tmp_path, cache_dir, monkeypatch):
    # The same newsroom, but its top (with .git and the config) belongs to another user: the walk stops before it.
    top = tmp_path / "newsroom"
    (top / ".git").mkdir(parents=True)
    (top / "factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    repo = newsroom(top / "repo")
    monkeypatch.chdir(repo)
    args = ("drafts/envoy.md", "--against", "published", "--format", "text")
    assert scan(*args, cache=cache_dir).exit_code == 0
    os.chown(top, 65534, 65534)
    try:
        assert scan(*args, cache=cache_dir).exit_code == 1
        assert "# config file: none" in CliRunner().invoke(cli, ["config"]).stdout
    finally:
        os.chown(top, 0, 0)


# ------------------------------------------------------------------ r04: stdin is bounded while it is read


class EndlessStdin(io.RawIOBase):
    """A standard input of 32 MB (endless, as far as a 1,000-byte limit goes); it records how much it gave.

    It does end, so that a reader that takes everything fails this test instead of the machine's memory.
    """

    END = 32 << 20

    def __init__(self) -> None:
        self.total, self.unbounded = 0, False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            self.unbounded = True
            size = 1 << 16
        size = max(0, min(size, self.END - self.total))
        self.total += size
        return b"The ministry said 40 people attended. "[:1] * size

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def test_r04_stdin_is_read_no_further_than_the_size_limit(cache_dir):
    stream = EndlessStdin()
    result = CliRunner().invoke(
        cli,
        ["scan", "-", "--max-file-size", "1000", "--cache-dir", str(cache_dir)],
        input=io.BufferedReader(stream),
    )
    assert result.exit_code == 2, result.output
    assert "over the size limit of 1000 bytes" in result.stderr
    assert not stream.unbounded and stream.total <= 1 << 17  # the size limit, plus at most one buffered read


# ------------------------------------------------------------------ r19: index fails when it stored nothing


def test_r19_index_exit_code_never_comes_from_a_file_name(tmp_path, cache_dir):
    folder = tmp_path / "ix"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The ministry said 40 people attended the summit in Astana on Friday.\n", encoding="utf-8"
    )
    (folder / "no such file.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(cli, ["index", str(folder), "--cache-dir", str(cache_dir)])
    assert result.exit_code == 0, (
        result.output
    )  # one unreadable file in a folder is an error line, not a failed index
    missing = CliRunner().invoke(
        cli, ["index", str(folder), str(tmp_path / "gone"), "--cache-dir", str(cache_dir)]
    )
    assert missing.exit_code == 2 and "1 path(s) given do not exist" in missing.stderr


@pytest.mark.skipif(not can_unshare(), reason="needs root and a private mount namespace (unshare -m)")
def test_r19_index_on_a_full_cache_disk_exits_non_zero(tmp_path, exported_models):
    folder = tmp_path / "ix"
    folder.mkdir()
    for i in range(40):
        (folder / f"r{i}.txt").write_text(
            f"Report {i}: the ministry said {i} people attended the summit in city number "
            f"{i} on day {i}.\nA second sentence about {i} delegates and {i * 7} journalists.\n",
            encoding="utf-8",
        )
    script = (
        f"mount --make-rprivate / && mkdir -p full && mount -t tmpfs -o size=200k tmpfs full && mkdir full/models && "
        f'mount --bind {exported_models} full/models && {FACTCHECK} index --cache-dir full ix/; echo "exit $?"'
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    assert "exit 2" in done.stdout, (done.stdout, done.stderr)
    assert "the index is incomplete" in done.stderr


# ------------------------------------------------------------------ r23-r24: damaged and locked stores


def test_r23_a_corrupt_record_store_is_moved_aside_and_rebuilt_once(tmp_path, own_cache):
    room = newsroom(tmp_path)
    args = (room / "drafts" / "envoy.md", "--against", room / "published")
    assert scan(*args, "--format", "sarif", cache=own_cache).exit_code == 1
    for name in ("parsed.sqlite3", "scans.sqlite3"):
        with open(own_cache / name, "r+b") as fh:
            fh.seek(4096)
            fh.write(b"\xde\xad\xbe\xef" * 512)
    notes = []
    for fmt in ("text", "markdown", "json"):  # three scans the memo has not seen
        result = scan(*args, "--format", fmt, cache=own_cache)
        assert result.exit_code == 1, result.output
        notes.append([line for line in result.stderr.splitlines() if "warning:" in line])
    assert len(notes[0]) == 2 and all("moved to" in line and "rebuilt" in line for line in notes[0]), notes[0]
    assert notes[1:] == [[], []]
    assert (own_cache / "parsed.sqlite3.corrupt").exists() and (own_cache / "scans.sqlite3.corrupt").exists()


def test_r24_a_locked_store_is_skipped_after_two_seconds_with_one_note(tmp_path, own_cache):
    room = newsroom(tmp_path)
    args = (
        "scan",
        "--format",
        "text",
        room / "drafts" / "envoy.md",
        "--against",
        room / "published",
        "--cache-dir",
        own_cache,
    )
    assert run(*args).returncode == 1
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import sqlite3, sys, time
        db = sqlite3.connect({str(own_cache / "scans.sqlite3")!r}, isolation_level=None)
        db.execute('PRAGMA locking_mode=EXCLUSIVE'); db.execute('BEGIN EXCLUSIVE')
        db.execute('CREATE TABLE IF NOT EXISTS zz(a)')
        print('locked', flush=True); time.sleep(300)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        (room / "drafts" / "envoy.md").write_text(
            DRAFT_BAD + "\nMore soon.\n", encoding="utf-8"
        )  # not a memo replay
        started = time.monotonic()
        result = run(*args)
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1, result.stderr
    warnings = [line for line in result.stderr.decode().splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "scans.sqlite3" in warnings[0] and "locked" in warnings[0], warnings
    assert elapsed < 45  # one 2 s wait, where each store once waited 60 s


# ------------------------------------------------------------------ r25: one long line of short sentences


def test_r25_splitting_and_claim_extraction_grow_linearly_on_one_line(lex):
    from factcheck.config import Settings
    from factcheck.extract.claims import ClaimExtractor
    from factcheck.ingest.read import parse
    from factcheck.ruleset import rule_set

    boilerplate = Boilerplate.from_lexicon(rule_set(Settings()).lexicon("boilerplate"))
    extractor = ClaimExtractor(lex.claims)
    sentence = "The ministry said %d people attended the summit in Astana on Friday. "

    def cost(n: int) -> float:
        data = ("Published: 2024-04-10\n" + "".join(sentence % i for i in range(n)) + "\n").encode()
        best = float("inf")
        for _ in range(3):  # the fastest of three runs: the machine is shared
            started = time.perf_counter()
            doc = parse_source(Source(Path("one-line.txt"), "one-line.txt", data, "-"), boilerplate)
            sentences, _ = parse(doc, lex)
            claims = [c for s in sentences for c in extractor.sentence_claims(s)]
            best = min(best, time.perf_counter() - started)
        assert len(sentences) == n and len(claims) >= n
        return best

    small, large = cost(1000), cost(8000)
    # linear: about 8; quadratic: about 64. The bound sits between the two with room for a loaded machine (CI saw
    # 16.1 while other jobs shared its two cores): it fails on growth, not on noise.
    assert large / small < 32, (small, large)


class NearCopies:
    """Stands in for the model in the tests below: each text's vector is one fixed unit vector plus a little noise
    of its own, so every two sentences are about 0.997 alike, as the model finds the r25 article's sentences."""

    warnings: list = []
    progress = announce = None

    def encode(self, texts: list[str]):
        import zlib

        import numpy as np

        base = np.random.default_rng(0).normal(size=384)
        rows = [base + 0.05 * np.random.default_rng(zlib.crc32(t.encode())).normal(size=384) for t in texts]
        rows = np.asarray(rows, dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def analysed(folder: Path, monkeypatch) -> tuple[int, int]:
    """Scan ``folder`` with ``NearCopies``: (sentence pairs handed to claim grouping's neighbour search, Python calls).

    The calls count the analysis and the checks, every Python function entered: work done pair by pair in Python
    shows up there, while the similarity products (numpy) show up in the pairs.
    """
    from factcheck.group import cluster
    from factcheck import pipeline
    from factcheck.config import Settings

    searched = []
    real = cluster.neighbour_edges
    monkeypatch.setattr(
        cluster, "neighbour_edges", lambda v, *a, **k: searched.append(len(v)) or real(v, *a, **k)
    )
    settings = Settings(cache=False)
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        report = pipeline.run([str(folder)], settings, embedder=NearCopies())
    finally:
        sys.setprofile(None)
    assert not report.errors, report.errors
    # story grouping searches among document centroids (one row per document): not sentence pairs
    sentences = sum(report.sentence_counts.values())
    return sum(n * (n - 1) // 2 for n in searched if n == sentences), calls


def one_line(folder: Path, n: int, first: int) -> Path:
    """An article on one line: ``n`` near-identical sentences with figures from ``first`` on (each size its own)."""
    folder.mkdir(parents=True)
    sentence = "The ministry said %d people attended the summit in Astana on Friday. "
    (folder / "one-line.txt").write_text(
        "Published: 2024-04-10\n" + "".join(sentence % (first + i) for i in range(n)) + "\n", encoding="utf-8"
    )
    return folder


def test_r25_one_long_article_is_analysed_in_linear_work(tmp_path, monkeypatch):
    # Work counted, never timed. Every two sentences of one article are near-identical: claim grouping used to
    # compare all of them, pair by pair (n² / 2 similarities, and a giant component split again and again), yet
    # only sentences of different documents are ever read as one claim.
    analysed(one_line(tmp_path / "warm", 50, 900_000), monkeypatch)  # word-level caches filled once
    small = analysed(one_line(tmp_path / "small", 400, 100_000), monkeypatch)
    large = analysed(one_line(tmp_path / "large", 800, 200_000), monkeypatch)
    assert small[0] == large[0] == 0, (small, large)
    assert large[1] / small[1] < 2.3, (small, large)  # linear: about 2


def test_r25_a_long_article_beside_another_is_analysed_in_linear_python_work(tmp_path, monkeypatch):
    # The same article beside a short published one stating the same figure: one story, one attribute. Alignment
    # used to visit every pair of the two articles' figures, same-document pairs included (n² / 2 of them in
    # Python, and an n × n similarity matrix); it visits the cross-document pairs only.
    published = "Summit in Astana\nPublished: 2024-08-23\nThe ministry said 40 people attended the summit in Astana on Friday.\n"

    def room(name: str, n: int, first: int) -> Path:
        folder = one_line(tmp_path / name, n, first)
        (folder / "summit.txt").write_text(published, encoding="utf-8")
        return folder

    analysed(room("warm", 50, 900_000), monkeypatch)
    small = analysed(room("small", 400, 100_000), monkeypatch)
    large = analysed(room("large", 800, 200_000), monkeypatch)
    assert large[1] / small[1] < 2.3, (small, large)  # linear: about 2; pair by pair: over 3


class _NoEncoder:
    """An embedder that fails the test if anything is encoded."""

    warnings: list = []
    progress = announce = None

    def encode(self, texts):
        raise AssertionError(f"encoded {len(texts)} texts of a one-document scan")

    def close(self):
        pass


def test_r25_one_document_scanned_alone_encodes_nothing_and_keeps_its_own_findings(tmp_path):
    # Every similarity compares two documents, so a scan of one document has nothing to encode: the 5 MB
    # one-line article costs its reading and claim extraction only. Findings within the one document
    # (a year-less date) are still reported.
    from factcheck import pipeline
    from factcheck.config import Settings

    article = tmp_path / "one.txt"
    article.write_text(
        "Published: 2024-04-10\n"
        "Foreign Minister Murat Nurtleu met the ambassador in Astana on Friday. "
        "In June of that year the two sides signed a memorandum.\n",
        encoding="utf-8",
    )
    report = pipeline.run([str(article)], Settings(cache=False), embedder=_NoEncoder())
    assert [f.check for f in report.findings] == ["vague-date"]
    assert report.stories == [[str(article)]]


def test_r25_two_documents_are_encoded(tmp_path):
    from factcheck import pipeline
    from factcheck.config import Settings

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Foreign Minister Murat Nurtleu met the ambassador.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="encoded 2 texts"):
        pipeline.run([str(tmp_path)], Settings(cache=False), embedder=_NoEncoder())
