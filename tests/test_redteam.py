"""The attacks of issue 15, each reproduced: inputs, caches, outputs, rules and config.

Each test stages one case from the issue the way an attacker or an accident would,
with real files, FIFOs, devices, symlinks and (where root makes a fault hard to
stage otherwise) a private mount namespace for a read-only or full cache folder.
Gate cases (issue 15 item 9) and output escaping (item 7) are tested elsewhere.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import files
from factcheck.checks import CHECK_TYPES
from factcheck.cli import cli
from factcheck.config import ConfigError, load_settings
from factcheck.files import InputError
from factcheck.ingest.discover import discover
from factcheck.ingest.markup import front_matter
from factcheck.rules import RuleError, default_rules_dir, load_rules

FACTCHECK = Path(sys.executable).parent / "factcheck"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
PUBLISHED = "Summit in Astana\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu met the Belarusian ambassador in Astana.\n"
DRAFT_BAD = "# Envoy summoned\n\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n"
DRAFT_FIXED = (
    "# Envoy summoned\n\nKazakhstan's Foreign Minister, Murat Nurtleu, met the Belarusian ambassador.\n"
)
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


def newsroom(root: Path, draft: str = DRAFT_BAD) -> Path:
    """published/summit.txt and drafts/envoy.md (a title conflict with the published article by default)."""
    (root / "published").mkdir(parents=True, exist_ok=True)
    (root / "drafts").mkdir(exist_ok=True)
    (root / "published" / "summit.txt").write_text(PUBLISHED, encoding="utf-8")
    (root / "drafts" / "envoy.md").write_text(draft, encoding="utf-8")
    return root


def invoke(*args: str, cache: Path | None = None):
    extra = ["--cache-dir", str(cache)] if cache is not None else []
    return CliRunner().invoke(cli, ["scan", *args, *extra])


def run(*args, cwd=None, timeout=180, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FACTCHECK), *map(str, args)], cwd=cwd, capture_output=True, timeout=timeout, env=env or ENV
    )


def can_unshare() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


namespace = pytest.mark.skipif(
    not can_unshare(), reason="needs root and a private mount namespace (unshare -m)"
)


# ------------------------------------------------------------------ 1. fail closed on anything named


def test_named_draft_over_the_size_limit_fails_the_gate(tmp_path, cache_dir):
    room = newsroom(tmp_path, DRAFT_BAD + "\nThe ambassador was summoned over remarks made in Minsk. " * 10)
    result = invoke(
        str(room / "drafts" / "envoy.md"),
        "--against",
        str(room / "published"),
        "--max-file-size",
        "400",
        cache=cache_dir,
    )
    assert result.exit_code == 2, result.output
    assert [
        line
        for line in result.stderr.splitlines()
        if "envoy.md" in line and "size limit of 400 bytes" in line
    ]


def test_named_draft_without_text_and_a_colon_in_its_name_fails(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    draft = room / "drafts" / "envoy: v2.html"
    draft.write_text("<html><head><script>var x = 1;</script></head><body></body></html>\n", encoding="utf-8")
    result = invoke(str(draft), "--against", str(room / "published"), cache=cache_dir)
    assert result.exit_code == 2, result.output
    assert any("envoy: v2.html" in line and "no text to check" in line for line in result.stderr.splitlines())


@pytest.mark.parametrize("kind", ["empty", "fifo", "report", "missing"])
def test_any_named_file_not_analysed_exits_2_with_its_own_line(tmp_path, cache_dir, kind):
    room = newsroom(tmp_path)
    named = room / "drafts" / f"{kind}.md"
    if kind == "empty":
        named.write_text("\n \n", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(named)
    elif kind == "report":
        shutil.copy(Path(__file__).resolve().parent.parent / "reports" / "seeds.md", named)
    started = time.monotonic()
    result = invoke(str(named), str(room / "drafts" / "envoy.md"), cache=cache_dir)
    assert time.monotonic() - started < 120  # a FIFO is never opened, so never waited on
    assert result.exit_code == 2, result.output
    assert len([line for line in result.stderr.splitlines() if f"{kind}.md" in line]) == 1


def test_a_file_skipped_inside_a_folder_is_only_a_warning(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    (room / "published" / "big.txt").write_text("Long read\n" + "The talks went on. " * 100, encoding="utf-8")
    result = invoke(str(room / "published"), "--max-file-size", "1000", "--format", "json", cache=cache_dir)
    assert result.exit_code == 0, result.output
    assert any(
        line.startswith("factcheck: warning:") and "big.txt" in line for line in result.stderr.splitlines()
    )


@pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit or git not installed"
)
def test_oversized_conflicting_draft_cannot_be_committed_through_the_hook(tmp_path, cache_dir):
    """The README's pre-commit hook, real git and pre-commit: a draft over the size limit is blocked, not waved through."""
    repo = newsroom(tmp_path / "newsroom", DRAFT_BAD)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: factcheck\n        name: factcheck\n"
        f"        entry: {FACTCHECK} scan --format text --against published --cache-dir {cache_dir} --max-file-size 2000\n"
        "        language: system\n        types_or: [markdown, html, plain-text]\n        files: ^drafts/\n"
        "        require_serial: true\n",
        encoding="utf-8",
    )
    env = {
        **ENV,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.invalid",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.invalid",
    }

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)

    git("init", "-q", "-b", "main")
    git("add", "published", ".pre-commit-config.yaml")
    git("commit", "-q", "--no-verify", "-m", "published record")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, check=True, capture_output=True)
    padding = "\n".join(
        f"Paragraph {i}: the ambassador was summoned over remarks made in Minsk." for i in range(60)
    )
    (repo / "drafts" / "envoy.md").write_text(DRAFT_BAD + "\n" + padding + "\n", encoding="utf-8")
    git("add", "drafts/envoy.md")
    blocked = git("commit", "-q", "-m", "oversized draft")
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "size limit" in blocked.stdout + blocked.stderr


# ------------------------------------------------------------------ 2. read once, key what was read


class _Opens:
    """Counts every open of the watched files, through os.open and io.open alike; can rewrite a file after its first read."""

    def __init__(self, monkeypatch, watched: list[Path], rewrite: dict[Path, bytes] | None = None):
        self.counts = {p.resolve(): 0 for p in watched}
        self.rewrite = {p.resolve(): data for p, data in (rewrite or {}).items()}
        real_os_open, real_io_open, real_close = os.open, io.open, os.close
        fds: dict[int, Path] = {}

        def after_read(path: Path) -> None:
            data = self.rewrite.pop(path, None)
            if data is not None:  # the editor saves the file right after factcheck first read it
                path.write_bytes(data)

        def os_open(path, flags, *args, **kwargs):
            fd = real_os_open(path, flags, *args, **kwargs)
            key = self._key(path)
            if key is not None:
                self.counts[key] += 1
                fds[fd] = key
            return fd

        def os_close(fd):
            real_close(fd)
            if fd in fds:
                after_read(fds.pop(fd))

        def io_open(file, *args, **kwargs):
            handle = real_io_open(file, *args, **kwargs)
            key = self._key(file) if isinstance(file, (str, bytes, os.PathLike)) else None
            if key is None:
                return handle
            self.counts[key] += 1
            close = handle.close

            class Watched:
                def __getattr__(self, name):
                    return getattr(handle, name)

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    self.close()

                def close(self):
                    close()
                    after_read(key)

            return Watched()

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(os, "close", os_close)
        monkeypatch.setattr(io, "open", io_open)

    def _key(self, path) -> Path | None:
        try:
            key = Path(os.fsdecode(path)).resolve()
        except (TypeError, ValueError, OSError):
            return None
        return key if key in self.counts else None


def test_a_cold_scan_opens_each_input_file_once(tmp_path, own_cache, monkeypatch):
    room = newsroom(tmp_path)
    (room / "published" / "second.md").write_text(
        "# Talks\n\nThe ministers met in Minsk on 21 August 2024.\n", encoding="utf-8"
    )
    files = sorted(p for p in room.rglob("*") if p.is_file())
    opens = _Opens(monkeypatch, files)
    result = invoke(str(room / "drafts"), "--against", str(room / "published"), cache=own_cache)
    assert result.exit_code == 1, result.output
    assert opens.counts == {f.resolve(): 1 for f in files}


def test_a_file_edited_mid_scan_never_poisons_the_memo(tmp_path, own_cache, monkeypatch):
    """The draft conflicts; an edit lands between factcheck's reads. A later scan must agree with --no-cache."""
    room = newsroom(tmp_path, DRAFT_BAD)
    draft = room / "drafts" / "envoy.md"
    args = (str(draft), "--against", str(room / "published"), "--format", "json")
    with monkeypatch.context() as patch:
        _Opens(patch, [draft], rewrite={draft: DRAFT_FIXED.encode()})
        invoke(*args, cache=own_cache)
    draft.write_text(DRAFT_BAD, encoding="utf-8")  # the conflicting text is back
    cached = invoke(*args, cache=own_cache)
    fresh = invoke(*args, "--no-cache", cache=own_cache)
    assert fresh.exit_code == 1, fresh.output
    assert (cached.exit_code, cached.stdout) == (fresh.exit_code, fresh.stdout)


# ------------------------------------------------------------------ 3. safe output paths


PRIVATE_DEV = (
    # A private /dev (tmpfs) with the usual links and the devices Python needs, so a
    # failing test can only damage its own copy of /dev/stdout, never the machine's.
    'd=$(mktemp -d) && mount -t tmpfs tmpfs "$d" && '
    'for n in null zero urandom random; do touch "$d/$n" && mount --bind "/dev/$n" "$d/$n"; done && '
    'mkdir "$d/shm" && mount --bind /dev/shm "$d/shm" && '
    'ln -s /proc/self/fd/0 "$d/stdin" && ln -s /proc/self/fd/1 "$d/stdout" && ln -s /proc/self/fd/2 "$d/stderr" && '
    'mount --rbind "$d" /dev && '
)


@namespace
@pytest.mark.parametrize("stdout", ["pipe", "file"])
def test_output_to_dev_stdout_prints_the_report_and_keeps_the_link(tmp_path, cache_dir, stdout):
    """``-o /dev/stdout`` into a pipe, and redirected to a file: the report arrives and /dev/stdout stays a link."""
    room = newsroom(tmp_path)
    scan = f"{FACTCHECK} scan {room / 'published'} -o /dev/stdout --cache-dir {cache_dir}"
    out = tmp_path / "redirected.md"
    target = f"> {out}" if stdout == "file" else ""
    result = _in_namespace(
        PRIVATE_DEV + f"{{ {scan} {target}; echo exit=$? >&2; readlink /dev/stdout >&2; }}"
    )
    assert "exit=0\n/proc/self/fd/1" in result.stderr, result.stderr
    printed = out.read_text(encoding="utf-8") if stdout == "file" else result.stdout
    assert printed.startswith("# factcheck report")


def test_output_dash_is_stdout(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    result = invoke(str(room / "published"), "-o", "-", cache=cache_dir)
    assert result.exit_code == 0 and result.stdout.startswith("# factcheck report")
    assert not (Path.cwd() / "-").exists()


def test_output_to_a_character_device_keeps_the_device(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("cannot make a device node here")
    result = invoke(str(room / "published"), "-o", str(null), cache=cache_dir)
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert result.exit_code == 0, result.output


def test_output_to_a_fifo_reaches_its_reader(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke(str(room / "published"), "-o", str(fifo), cache=cache_dir)
    reader.join(60)
    assert result.exit_code == 0, result.output
    assert received and received[0].startswith(b"# factcheck report")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_replaced_report_keeps_its_mode_and_a_new_one_is_0644(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    kept = tmp_path / "kept.md"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    new = tmp_path / "new.md"
    old_umask = os.umask(0o022)
    try:
        assert invoke(str(room / "published"), "-o", str(kept), cache=cache_dir).exit_code == 0
        assert invoke(str(room / "published"), "-o", str(new), cache=cache_dir).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text(encoding="utf-8").startswith(
        "# factcheck"
    )
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


def test_a_symlinked_output_is_replaced_not_followed(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    victim = tmp_path / "precious.txt"
    victim.write_text("do not touch\n", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(victim)
    assert invoke(str(room / "published"), "-o", str(link), cache=cache_dir).exit_code == 0
    assert victim.read_text(encoding="utf-8") == "do not touch\n"
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("# factcheck report")


@pytest.mark.parametrize(
    "fmt, name", [("markdown", "report.md"), ("text", "report.txt"), ("html", "report.html")]
)
def test_a_report_written_into_the_scanned_folder_is_not_read_back(tmp_path, cache_dir, fmt, name):
    room = newsroom(tmp_path)
    (room / "drafts" / "envoy.md").unlink()
    (room / "drafts" / "second.md").write_text(
        "# Envoy\n\nForeign Minister Murat Nurtlieu met the ambassador.\n", encoding="utf-8"
    )
    first = invoke(str(room), "--format", fmt, "-o", str(room / name), cache=cache_dir)
    assert first.exit_code in (0, 1), first.output
    again = invoke(str(room), "--format", "json", cache=cache_dir)
    assert name not in [Path(d["path"]).name for d in json.loads(again.stdout)["documents"]]
    assert any(name in line and "factcheck report" in line for line in again.stderr.splitlines())


# ------------------------------------------------------------------ 4. only regular files are read


def test_a_symlink_to_dev_zero_in_a_folder_is_not_read(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    (room / "published" / "zero.txt").symlink_to("/dev/zero")
    started = time.monotonic()
    result = invoke(str(room / "published"), "--format", "json", cache=cache_dir)
    assert time.monotonic() - started < 120
    assert result.exit_code == 0, result.output
    # The link leads out of the folder, so it is not followed at all (issue 22, r22) ...
    assert any("zero.txt" in line and "outside" in line for line in result.stderr.splitlines())
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == ["summit.txt"]
    # ... and followed on request, it leads to no regular file.
    followed = invoke(str(room / "published"), "--format", "json", "--follow-symlinks", cache=cache_dir)
    assert time.monotonic() - started < 240
    assert followed.exit_code == 0, followed.output
    assert any("zero.txt" in line and "not a regular file" in line for line in followed.stderr.splitlines())


def test_a_symlink_to_a_fifo_does_not_hang_the_scan(tmp_path):
    room = newsroom(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    (room / "published" / "pipe.txt").symlink_to(tmp_path / "pipe")
    inputs = discover([str(room / "published")])  # would block forever on open() without a writer
    assert [s.path.name for s in inputs.sources] == ["summit.txt"]
    assert [(p.file.rsplit("/", 1)[-1], p.fatal) for p in inputs.problems] == [("pipe.txt", False)]


def test_the_size_limit_is_checked_on_the_open_descriptor(tmp_path, monkeypatch):
    """A file that passes the first stat and then grows is still held to the limit."""
    f = tmp_path / "grows.txt"
    f.write_text("Title\nShort.\n", encoding="utf-8")
    real_fstat = os.fstat

    def grown(fd):
        f.write_text("Title\n" + "x" * 5000, encoding="utf-8")
        return real_fstat(fd)

    monkeypatch.setattr(os, "fstat", grown)
    with pytest.raises(InputError, match="size limit"):
        files.read_bytes(f, max_bytes=1000)


def test_a_rule_file_pointing_at_dev_zero_is_refused_quickly(tmp_path, cache_dir):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "zero.yaml").symlink_to("/dev/zero")
    room = newsroom(tmp_path)
    started = time.monotonic()
    result = invoke(str(room / "published"), "--rules", str(rules), cache=cache_dir)
    assert time.monotonic() - started < 60
    assert result.exit_code == 2 and "zero.yaml" in result.output and "not a regular file" in result.output


def test_a_config_file_pointing_at_dev_zero_is_refused(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "factcheck.toml").symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_settings(start=tmp_path)


# ------------------------------------------------------------------ 5. per-document isolation

TRIGGERS = {
    "bad-date.md": "---\ntitle: Summit\ndate: 2024-02-30\n---\n\nForeign Minister Murat Nurtleu met the ambassador.\n",
    "deep.md": "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n\nThe minister met the ambassador in Astana.\n",
    "utf16-truncated.txt": "Summit in Astana\nThe minister met the ambassador.\n".encode("utf-16")[:-1],
    "marked-section.html": "<html><body><p>The minister met the ambassador in Astana.</p><![foo</body></html>",
    "alias-bomb.md": (
        "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
        + "title: *i\n---\n\n"
        "The minister met the ambassador.\n"
    ),
}


@pytest.fixture(scope="module")
def isolated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("triggers")
    (folder / "ok.txt").write_text(PUBLISHED, encoding="utf-8")
    for name, content in TRIGGERS.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    cache = tmp_path_factory.mktemp("cache")
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["scan", str(folder), "--format", "json", "--cache-dir", str(cache)])
    return result, time.monotonic() - started


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_one_bad_article_never_aborts_the_scan(isolated, name):
    result, seconds = isolated
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    read = [Path(d["path"]).name for d in report["documents"]]
    assert "ok.txt" in read
    # Either read (its bad part set aside) or named on one error line with the reason; never a crash.
    assert (
        name in read
        or len([line for line in result.stderr.splitlines() if name in line and "error" in line]) == 1
    )
    assert seconds < 120


def test_front_matter_alias_bomb_is_refused_at_once():
    start = time.monotonic()
    meta, body = front_matter(TRIGGERS["alias-bomb.md"])
    assert (meta, body) == ({}, 0) and time.monotonic() - start < 1


def test_a_non_utf8_file_name_gives_valid_utf8_json(tmp_path, cache_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ok.txt").write_text(PUBLISHED, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(PUBLISHED.replace("Astana", "Minsk").encode())
    result = run("scan", folder, "--format", "json", "--no-cache", "--cache-dir", cache_dir)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout.decode("utf-8"))  # strict: raises on invalid UTF-8
    assert sorted(Path(d["path"]).name for d in report["documents"]) == ["caf\\xe9.txt", "ok.txt"]


# ------------------------------------------------------------------ 6. a cache is never a reason to fail


def test_a_cache_path_that_is_a_file_gives_one_warning_and_the_same_result(tmp_path, cache_dir):
    room = newsroom(tmp_path)
    blocker = tmp_path / "cache-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    args = (str(room / "drafts"), "--against", str(room / "published"), "--format", "json")
    fresh = invoke(*args, "--no-cache", cache=cache_dir)
    result = invoke(*args, cache=blocker)
    assert (result.exit_code, result.stdout) == (fresh.exit_code, fresh.stdout) == (1, fresh.stdout)
    assert len([line for line in result.stderr.splitlines() if "cache" in line]) == 1


def _in_namespace(script: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=timeout, env=ENV
    )


@namespace
def test_a_read_only_cache_folder_is_used_without_writing_and_never_renamed(tmp_path, own_cache):
    room = newsroom(tmp_path)
    args = f"scan {room / 'drafts'} --against {room / 'published'} --format json --cache-dir {own_cache}"
    warm = run(*args.split())
    assert warm.returncode == 1, warm.stderr
    before = sorted(p.name for p in own_cache.iterdir())
    (room / "drafts" / "envoy.md").write_text(
        DRAFT_BAD + "\nA new paragraph.\n", encoding="utf-8"
    )  # a memo miss
    result = _in_namespace(
        f"mount --bind {own_cache} {own_cache} && mount -o remount,bind,ro {own_cache} && "
        f"{{ {FACTCHECK} {args}; echo exit=$?; }}"
    )
    assert result.stdout.rstrip().endswith("exit=1"), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in own_cache.iterdir()) == before  # no .corrupt, nothing renamed
    assert not any(".corrupt" in p.name for p in own_cache.iterdir())


@namespace
def test_a_full_cache_disk_gives_warnings_and_the_same_result(tmp_path, cache_dir, exported_models):
    room = newsroom(tmp_path)
    cache = tmp_path / "tiny"
    cache.mkdir()
    args = f"scan {room / 'drafts'} --against {room / 'published'} --format json --cache-dir {cache}"
    fresh = run(
        *f"scan {room / 'drafts'} --against {room / 'published'} --format json --no-cache "
        f"--cache-dir {cache_dir}".split()
    )
    result = _in_namespace(
        f"mount -t tmpfs -o size=64k tmpfs {cache}; ln -s {exported_models} {cache}/models; "
        f"dd if=/dev/zero of={cache}/filler bs=4k count=100 2>/dev/null || true; "
        f"{{ {FACTCHECK} {args}; echo exit=$?; }}"
    )
    assert result.stdout.rstrip().endswith("exit=1"), result.stderr
    assert json.loads(result.stdout.rstrip()[: -len("exit=1")]) == json.loads(fresh.stdout)
    assert "Traceback" not in result.stderr and "cache" in result.stderr


def test_only_a_proven_corrupt_database_is_moved_aside(tmp_path):
    import sqlite3

    from factcheck.cache.store import CacheUnavailable, proven_corrupt
    from factcheck.cache.memo import Memo

    locked = sqlite3.OperationalError("attempt to write a readonly database")
    locked.sqlite_errorcode = sqlite3.SQLITE_READONLY
    garbage = sqlite3.DatabaseError("file is not a database")
    garbage.sqlite_errorcode = sqlite3.SQLITE_NOTADB
    assert not proven_corrupt(locked) and proven_corrupt(garbage)
    healthy = tmp_path / "scans.sqlite3"
    Memo(healthy).close()
    real_connect = sqlite3.connect

    def readonly(*a, **k):
        raise locked

    sqlite3.connect = readonly
    try:
        with pytest.raises(CacheUnavailable):
            Memo(healthy)
    finally:
        sqlite3.connect = real_connect
    assert healthy.exists() and not (tmp_path / "scans.sqlite3.corrupt").exists()


# ------------------------------------------------------------------ 8. untrusted rules and config


def _rule_dir(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "newsroom-rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_catastrophic_rule_regex_is_stopped_reported_and_skipped(tmp_path, cache_dir):
    rules = _rule_dir(tmp_path, "furniture.yaml", "extends: boilerplate\nlines: ['(a|aa)+$']\n")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Summit\n" + "a" * 60 + "!\nThe minister met the ambassador in Astana.\n", encoding="utf-8"
    )
    started = time.monotonic()
    result = invoke(str(folder), "--rules", str(rules), "--format", "json", cache=cache_dir)
    assert time.monotonic() - started < 60
    assert result.exit_code == 0, result.output
    assert any("(a|aa)+$" in line and "skipped" in line for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    "template", ["{subject:>400000000}", "{subject.__class__}", "{values[0]}", "{subject!r}"]
)
def test_a_message_template_may_only_hold_plain_fields(tmp_path, template):
    rules = _rule_dir(
        tmp_path,
        "title-conflict.yaml",
        f"id: title-conflict\nextends: title-conflict\nseverity: error\nmessage: '{template}'\n",
    )
    with pytest.raises(RuleError, match=r"title-conflict.yaml: key 'message'"):
        load_rules([default_rules_dir(), rules], CHECK_TYPES)


def test_a_rule_file_alias_bomb_is_refused_at_once(tmp_path):
    bomb = "extends: names\nstopwords: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    rules = _rule_dir(tmp_path, "names.yaml", bomb)
    started = time.monotonic()
    with pytest.raises(RuleError, match="names.yaml: refused: more than"):
        load_rules([rules], CHECK_TYPES)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "line, key",
    [
        ("opinion: [1, 2]", "opinion[0]"),
        ("max_per_document: two", "max_per_document"),
        ("enabled: maybe", "enabled"),
    ],
)
def test_rule_values_are_validated_at_load_naming_file_and_key(tmp_path, line, key):
    rules = _rule_dir(
        tmp_path,
        "single-source.yaml",
        f"id: single-source\nextends: single-source\nseverity: info\nmessage: '{{subject}}'\n{line}\n",
    )
    with pytest.raises(RuleError) as exc:
        load_rules([default_rules_dir(), rules], CHECK_TYPES)
    assert "single-source.yaml" in str(exc.value) and f"'{key}'" in str(exc.value)


def test_a_replacement_rule_inherits_what_it_does_not_set(tmp_path):
    shipped = {r.id: r for r in load_rules([default_rules_dir()], CHECK_TYPES).rules}["single-source"]
    rules = _rule_dir(
        tmp_path, "single-source.yaml", "id: single-source\nextends: single-source\nmin_words: 20\n"
    )
    replaced = {r.id: r for r in load_rules([default_rules_dir(), rules], CHECK_TYPES).rules}["single-source"]
    assert replaced.params == dataclasses.replace(shipped.params, min_words=20)
    assert (replaced.severity, replaced.message) == (shipped.severity, shipped.message)


def test_config_above_the_repository_root_is_not_read(tmp_path):
    (tmp_path / "factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    assert load_settings(start=repo / "drafts").fail_on == "error"
    assert load_settings(start=tmp_path).fail_on == "never"  # outside the repository it is the nearest config


def test_fail_on_on_the_command_line_beats_the_config(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    settings = load_settings({"fail_on": "error"}, start=tmp_path)
    assert (settings.fail_on, settings.origin("fail_on")) == ("error", "command line")


def test_a_repository_config_cannot_send_the_cache_anywhere(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "factcheck.toml").write_text('cache-dir = "/etc/factcheck-cache"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="key 'cache-dir' must be inside"):
        load_settings(start=tmp_path)
    (tmp_path / "factcheck.toml").write_text('cache-dir = ".factcheck-cache"\n', encoding="utf-8")
    assert load_settings(start=tmp_path).cache_dir == str(tmp_path.resolve() / ".factcheck-cache")
    (tmp_path / "factcheck.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert load_settings({"cache_dir": "/srv/elsewhere"}, start=tmp_path).cache_dir == "/srv/elsewhere"


# ------------------------------------------------------------------ 10. limits, each with its config key


def test_max_sentences_skips_documents_past_the_limit_and_fails_a_named_one(tmp_path, cache_dir, monkeypatch):
    room = newsroom(tmp_path)
    (room / ".git").mkdir()
    (room / "factcheck.toml").write_text("max-sentences = 2\n", encoding="utf-8")
    (room / "published" / "later.txt").write_text(
        "Talks\nThe talks went on. They ended late. Nobody spoke.\n", encoding="utf-8"
    )
    monkeypatch.chdir(room)
    folder = invoke("published", "--format", "json", cache=cache_dir)
    assert folder.exit_code == 0, folder.output
    assert any("later.txt" in line and "max-sentences (2)" in line for line in folder.stderr.splitlines())
    named = invoke("published/summit.txt", "published/later.txt", cache=cache_dir)
    assert named.exit_code == 2, named.output


def test_max_sentence_length_cuts_run_on_text(tmp_path):
    from factcheck.config import Settings
    from factcheck.ingest.read import load_parsed
    from factcheck.ruleset import lexicons, rule_set

    f = tmp_path / "run-on.txt"
    f.write_text("Title\n" + "word " * 400 + "\n", encoding="utf-8")
    settings = Settings(max_sentence_length=100, cache=False)
    rules = rule_set(settings)
    _, parsed, _, _ = load_parsed(discover([str(f)]), rules, settings, lexicons(rules))
    sentences, _ = parsed[f.as_posix()]
    assert len(sentences) > 10 and max(s.end - s.start for s in sentences) <= 100
