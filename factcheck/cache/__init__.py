"""Everything factcheck keeps between runs, in one folder (``Settings.cache_root()``).

- ``store``: the SQLite base every store shares (atomic, shared by processes, a
  damaged file moved aside and rebuilt, an unusable one left alone);
- ``memo``: whole-scan outcomes, so an unchanged re-scan replays its result;
- ``parsed``: parsed documents, so an unchanged file is not parsed again;
- ``embeddings``: sentence vectors and the weights' hashes;
- ``onnx``: the model's one-time ONNX export;
- ``digests``: the hashes of factcheck's own code and of the rule files that
  every key includes.

Every key hashes the exact bytes that were analysed (``discover.Source``), never a
second read of a file. A cache is never a reason for a scan to fail: a folder
that cannot be used gives one warning (``usable``) and the scan runs without it.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .store import CacheUnavailable


def usable(root: Path) -> str | None:
    """None when ``root`` can hold the caches, else the one-line reason it cannot.

    The folder is created if needed, and a small file is made, given 64 KiB of
    disk and removed: a path that is a file, a read-only folder and a full disk all
    fail here, before any store is opened. The space is reserved with
    ``posix_fallocate``, which fails at once on a full disk, where a plain write may
    only fail when the page cache is flushed, and costs no fsync on every scan.
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=root)
        try:
            try:
                os.posix_fallocate(fd, 0, 1 << 16)
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    raise
                os.write(fd, b"\0" * (1 << 16))  # a file system without fallocate
                os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        why = "not a folder" if root.exists() and not root.is_dir() else exc.strerror or str(exc)
        return f"cache folder {root} cannot be used ({why}); scanning without the cache"
    return None


def open_store(cls, path: Path, warnings: list[str]):
    """``cls(path)``, or None with a line in ``warnings`` when that store cannot be used now."""
    try:
        return cls(path)
    except CacheUnavailable as exc:
        warnings.append(str(exc))
        return None
