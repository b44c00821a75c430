"""``factcheck index``: fill the embedding cache for a whole archive ahead of any scan.

The cache is the one ``scan`` reads (``Embedder``'s SQLite file under the cache
folder), keyed the same way (model weights hash and backend, normalised sentence),
so a scan after an index finds every sentence there and never loads the model.

Two engines give the same cache, row for row:

- ``local``: this process reads, splits and encodes, like a cold scan does.
- ``ray``: reading and splitting, then encoding, run as Ray Data ``map_batches``
  stages. The encoding stage is a pool of actors: each loads the ONNX model once
  and encodes batch after batch. Vectors come back to this process, the only one
  that writes the cache (SQLite has one writer; workers on other machines could
  not reach the file anyway). Ray is optional: ``pip install factcheck[ray]``.

Only the encoding is distributed; grouping and checks stay with ``scan``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .config import Settings
from .model.embed import embedder_for

ENGINES = ("local", "ray")
# Texts per encoding batch sent to a Ray actor: large enough that padding by length pays, small enough to spread.
RAY_BATCH = 256
FILES_PER_TASK = 8  # files read and split per Ray task


class IndexUnavailable(Exception):
    """The archive cannot be indexed with this engine (the message says why)."""


@dataclass
class Indexed:
    """What an index run did."""

    files: int
    documents: int
    texts: int  # unique normalised texts found: sentences and claim phrases
    encoded: int  # of those, how many were not in the cache before
    errors: list[str]
    warnings: list[str]
    stored: int = 0  # of the newly encoded, how many the cache took
    missing: int = 0  # paths given that do not exist

    @property
    def incomplete(self) -> bool:
        """Whether texts were encoded that the cache could not keep (a full disk, a read-only or locked store)."""
        return self.stored < self.encoded


def index_local(paths: list[str], settings: Settings) -> Indexed:
    """Read, split and encode in this process; the cache gets what a cold scan would write.

    A folder also gets its archive index (``archive.build.update``), and is read
    only where it changed since the last one: the texts counted and encoded are
    those of the files read this time. Files named one by one are read every time.
    """
    from .pipeline import archive_texts  # the stages before encoding, as a scan runs them

    folders = [p for p in paths if os.path.isdir(p)]
    others = [p for p in paths if p not in folders]
    texts, files, documents, errors, warnings, missing = (
        archive_texts(others, settings) if others else ([], 0, 0, [], [], 0)
    )
    embedder = embedder_for(settings, use_cache=True)
    try:
        embedder.encode(texts)
        seen = set(texts)
        for folder in folders:
            done = _archive(folder, settings, embedder, warnings)
            if done is None:  # its index file cannot be used (warned): the folder is read as before indexes
                texts_, files_, documents_, errors_, warnings_, _ = archive_texts([folder], settings)
                embedder.encode(texts_)
                files, documents, errors = files + files_, documents + documents_, errors + errors_
                warnings += warnings_
                seen.update(texts_)
                continue
            files, documents = files + done.files, documents + done.documents
            errors, warnings = errors + done.errors, warnings + done.warnings
            seen.update(done.texts)
        warnings += embedder.warnings
    finally:
        embedder.close()
    return Indexed(files, documents, len(seen), embedder.encoded, errors, warnings, embedder.stored, missing)


def _archive(folder: str, settings: Settings, embedder, warnings: list[str]):
    """Update the archive index of one folder (its new and changed files read and encoded with ``embedder``)."""
    from pathlib import Path

    from .archive.build import update
    from .ruleset import lexicons, rule_set

    rules = rule_set(settings)
    return update(Path(folder), settings, rules, lexicons(rules), embedder, warnings)


def _encode_on_ray(
    ray, missing: list[str], settings: Settings, workers: int, cache, model
) -> tuple[int, int]:
    """Ray stage 2 (actors): encode ``missing`` and put the vectors in ``cache``, 4,096 at a time; (encoded, stored)."""
    if not missing:
        return 0, 0
    todo = ray.data.from_items(
        [{"text": t} for t in missing],
        override_num_blocks=max(workers, -(-len(missing) // RAY_BATCH)),
    )
    vectors = todo.map_batches(
        _Encode,
        fn_constructor_kwargs={"settings": settings},
        batch_size=RAY_BATCH,
        concurrency=workers,
        num_cpus=1,
        batch_format="numpy",
    )
    encoded = stored = 0
    fresh: dict[str, np.ndarray] = {}
    for batch in vectors.iter_batches(batch_size=RAY_BATCH, batch_format="numpy"):
        for text, blob in zip(batch["text"], batch["vector"]):
            fresh[str(text)] = np.frombuffer(blob, dtype=np.float32)
        if len(fresh) >= 4096:
            stored += cache.put(model, fresh)
            encoded += len(fresh)
            fresh = {}
    stored += cache.put(model, fresh)
    return encoded + len(fresh), stored


def _read_split(batch: dict, settings: Settings) -> dict:
    """Ray stage 1 (tasks): a batch of file paths -> rows ``(kind, value)``.

    ``kind`` is ``text`` (a unique normalised sentence), ``error``, ``warning`` or
    ``documents`` (how many documents were read, as a string): Ray Data rows need
    one set of columns, and the driver wants all four.
    """
    from .pipeline import archive_texts

    texts, _, documents, errors, warnings, _ = archive_texts([str(p) for p in batch["path"]], settings)
    rows = [("text", t) for t in texts] + [("error", e) for e in errors] + [("warning", w) for w in warnings]
    rows.append(("documents", str(documents)))
    return {
        "kind": np.array([k for k, _ in rows], dtype=object),
        "value": np.array([v for _, v in rows], dtype=object),
    }


class _Encode:
    """Ray stage 2, an actor class: each actor loads the model once, then turns batches of texts into vectors."""

    def __init__(self, settings: Settings) -> None:
        self.embedder = embedder_for(
            settings, use_cache=False
        )  # reads the graph the driver prepared; writes nothing
        self.embedder.threads = (
            1  # one actor per CPU: ONNX Runtime must not spread over the other actors' cores
        )
        self.embedder.load()

    def __call__(self, batch: dict) -> dict:
        texts = [str(t) for t in batch["text"]]
        vectors = self.embedder.fresh(texts)
        return {
            "text": np.array(texts, dtype=object),
            "vector": np.array([v.tobytes() for v in vectors], dtype=object),
        }


def _ray():
    # Ray reports usage to its authors unless told not to; factcheck reaches no network.
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise IndexUnavailable(f"--engine ray needs Ray Data: pip install 'factcheck[ray]' ({exc})") from None
    return ray


def index_ray(paths: list[str], settings: Settings, workers: int | None = None) -> Indexed:
    """Read and split, then encode, as two Ray Data ``map_batches`` stages; this process writes the cache, then
    each folder's archive index (``archive.build.update``) from it, as ``index_local`` does.

    Between the stages the driver drops sentences seen twice or already cached, so
    each sentence is encoded once. Uses the Ray cluster already initialised in this
    process, or starts a local one (no dashboard, no usage reporting) and stops it
    afterwards. ``workers`` is the number of encoding actors (default: the cluster's CPUs).
    """
    from .ingest.discover import listing

    ray = _ray()
    # Listing only: the workers read the files (each once), not the driver.
    files, missing_paths = listing(paths)
    if not files:  # nothing to read: no model to load, no cluster to start
        return Indexed(0, 0, 0, 0, missing_paths, [], 0, len(missing_paths))
    # The driver checks the weights and prepares the graph once, before any worker starts:
    # workers only read it, and none exports it a second time.
    embedder = embedder_for(settings, use_cache=True)
    started = False
    try:
        embedder.load()
        cache, model = embedder.cache, embedder.cache_key
        if not ray.is_initialized():
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
            started = True
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        texts: set[str] = set()
        documents, errors, warnings = 0, list(missing_paths), []
        items = [{"path": str(p)} for p in files]
        read = ray.data.from_items(items, override_num_blocks=max(1, -(-len(items) // FILES_PER_TASK)))
        read = read.map_batches(
            _read_split, fn_kwargs={"settings": settings}, batch_size=FILES_PER_TASK, batch_format="numpy"
        )
        for batch in read.iter_batches(batch_size=4096, batch_format="numpy"):
            for kind, value in zip(batch["kind"], batch["value"]):
                if kind == "text":
                    texts.add(str(value))
                elif kind == "documents":
                    documents += int(value)
                else:
                    (errors if kind == "error" else warnings).append(str(value))
        unique = sorted(texts)
        known = cache.get(model, unique) if cache else {}
        missing = [t for t in unique if t not in known]
        del known
        if cache is None:
            # No cache to fill: encoding them would be lost. They count as encoded and not stored, so the run
            # reports itself incomplete (exit 2) without loading a worker.
            encoded, stored = len(missing), 0
        else:
            encoded, stored = _encode_on_ray(ray, missing, settings, workers, cache, model)
        # Each folder's archive index, as the local engine writes it: its texts are in the cache now, so the
        # driver only reads, groups and writes (``scan --against`` reads through it either way).
        for folder in (p for p in paths if os.path.isdir(p)):
            _archive(folder, settings, embedder, warnings)
        warnings += embedder.warnings
    finally:
        embedder.close()
        if started:
            ray.shutdown()
    return Indexed(
        len(files),
        documents,
        len(unique),
        encoded,
        sorted(errors),
        sorted(warnings),
        stored,
        len(missing_paths),
    )


def index(paths: list[str], settings: Settings, engine: str = "local", workers: int | None = None) -> Indexed:
    """Fill the embedding cache for every file under ``paths`` with ``engine`` (``local`` or ``ray``)."""
    if engine not in ENGINES:
        raise IndexUnavailable(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    return index_ray(paths, settings, workers) if engine == "ray" else index_local(paths, settings)
