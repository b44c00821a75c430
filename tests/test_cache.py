"""The embedding cache: corrupt and truncated files are rebuilt; two processes can share it."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np

from factcheck.cache.embeddings import Cache
from factcheck.model.embed import Embedder

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).parent / "factcheck"
TEXTS = ["Kazakhstan summoned the Belarusian ambassador.", "A month later, he called."]


def test_garbage_cache_is_moved_aside_rebuilt_and_reported(tmp_path):
    (tmp_path / "embeddings.sqlite3").write_bytes(b"this is not a database" * 100)
    e = Embedder(cache_dir=tmp_path)
    v = e.encode(TEXTS)
    assert e.cache.warnings and "moved to embeddings.sqlite3.corrupt and rebuilt" in e.cache.warnings[0]
    e.close()
    assert (tmp_path / "embeddings.sqlite3.corrupt").exists()
    again = Embedder(cache_dir=tmp_path)
    assert np.allclose(again.encode(TEXTS), v) and not again.loaded and not again.cache.warnings
    again.close()


def test_truncated_cache_is_rebuilt(tmp_path):
    e = Embedder(cache_dir=tmp_path)
    v = e.encode(TEXTS)
    e.close()
    db = tmp_path / "embeddings.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    again = Embedder(cache_dir=tmp_path)
    assert np.allclose(again.encode(TEXTS), v)
    again.close()


def test_damaged_rows_are_re_encoded(tmp_path):
    e = Embedder(cache_dir=tmp_path)
    v = e.encode(TEXTS)
    e.close()
    with sqlite3.connect(tmp_path / "embeddings.sqlite3") as db:
        db.execute("UPDATE vectors SET vector = ?", [np.full(384, np.nan, dtype=np.float32).tobytes()])
    again = Embedder(cache_dir=tmp_path)
    assert np.allclose(again.encode(TEXTS), v) and again.encoded == 2
    again.close()


def test_a_warning_reaches_the_scan_output(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "embeddings.sqlite3").write_bytes(b"\x00garbage" * 64)
    result = subprocess.run(
        [
            str(FACTCHECK),
            "scan",
            # two documents: a scan of one encodes nothing and never opens the embedding cache
            str(ROOT / "seeds" / "002_884f17b88d29c1fe.txt"),
            str(ROOT / "seeds" / "003_a0f516bfa7225924.txt"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode in (0, 1)
    assert "factcheck: warning: embedding cache" in result.stderr


def test_two_processes_share_one_cache(tmp_path):
    cache = tmp_path / "shared"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    targets = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "corpus"]
    procs = [
        subprocess.Popen(
            [str(FACTCHECK), "scan", str(t), "--format", "json", "--cache-dir", str(cache)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for t in targets
    ]
    together = [p.communicate()[0] for p in procs]
    assert [p.returncode for p in procs] == [1, 1]
    alone = [
        subprocess.run(
            [str(FACTCHECK), "scan", str(t), "--format", "json", "--no-cache"], capture_output=True, env=env
        ).stdout
        for t in targets
    ]
    assert together == alone
    with sqlite3.connect(cache / "embeddings.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c = Cache(cache / "embeddings.sqlite3")
    assert not c.warnings
    c.close()


def test_a_crash_mid_write_leaves_the_cache_sound(tmp_path):
    e = Embedder(cache_dir=tmp_path)
    v = e.encode(TEXTS)
    e.close()
    # A writer that dies inside a transaction, before commit.
    script = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1])\n"
        "db.execute('BEGIN')\n"
        "db.executemany('INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)', [('m', str(i), b'x' * 1536) for i in range(5000)])\n"
        "os._exit(1)\n"
    )
    assert (
        subprocess.run([sys.executable, "-c", script, str(tmp_path / "embeddings.sqlite3")]).returncode == 1
    )
    again = Embedder(cache_dir=tmp_path)
    assert not again.cache.warnings
    assert np.allclose(again.encode(TEXTS), v) and not again.loaded
    assert again.cache.db.execute("SELECT COUNT(*) FROM vectors WHERE model = 'm'").fetchone()[0] == 0
    again.close()
