"""The two ways factcheck runs the sentence encoder: ONNX Runtime (default) or PyTorch.

Both take a sentence-transformers model folder and give the same L2-normalised
vectors. ``OnnxEncoder`` runs a graph exported once from that folder (see
``cache.onnx``) with ONNX Runtime and the ``tokenizers`` library, so a scan
imports neither torch nor transformers; it handles the common layout
Transformer → Pooling (mean, CLS or max) → optional Normalize. ``TorchEncoder`` is
plain ``SentenceTransformer.encode`` and takes any model sentence-transformers can
load. benchmarks/RESULTS.md has the measurement behind the default.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class BackendUnavailable(Exception):
    """This backend cannot run this model; the message says why (the caller falls back to torch)."""


def offline() -> None:
    """Keep Hugging Face libraries off the network; call before importing them."""
    # A hub lookup would fail here, and must not be tried.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def quiet_transformers() -> None:
    """Hide transformers' weight-loading bar unless stderr is a terminal (keeps logs and CI output clean)."""
    if not sys.stderr.isatty():
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()


def unit_rows(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


@dataclass(frozen=True)
class Layout:
    """What a sentence-transformers folder does after the transformer: read from its config files."""

    pooling: str  # "mean", "cls" or "max"
    normalize: bool
    max_length: int
    lower_case: bool

    @classmethod
    def read(cls, folder: Path) -> Layout:
        """The layout of ``folder``; ``BackendUnavailable`` if it is not one the ONNX path reproduces."""
        try:
            modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
            kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
            paths = {m["type"].rsplit(".", 1)[-1]: m.get("path", "") for m in modules}
            bert = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
            pool = json.loads(
                (folder / paths.get("Pooling", "1_Pooling") / "config.json").read_text(encoding="utf-8")
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BackendUnavailable(f"cannot read the model layout in {folder}: {exc}") from None
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
            raise BackendUnavailable(f"model modules {kinds} are not Transformer → Pooling [→ Normalize]")
        if not (folder / "tokenizer.json").is_file():
            raise BackendUnavailable(f"no tokenizer.json in {folder}")
        modes = [
            m
            for m in ("cls", "mean", "max")
            if pool.get(f"pooling_mode_{m}_token" if m == "cls" else f"pooling_mode_{m}_tokens")
        ]
        others = [
            k
            for k, v in pool.items()
            if k.startswith("pooling_mode_") and v and not any(m in k for m in modes)
        ]
        if len(modes) != 1 or others:
            raise BackendUnavailable(f"pooling {pool} is not exactly one of mean, CLS or max")
        return cls(
            pooling=modes[0],
            normalize=kinds[-1] == "Normalize",
            max_length=int(bert.get("max_seq_length") or 512),
            lower_case=bool(bert.get("do_lower_case")),
        )

    def pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Sentence vectors from token states ``hidden`` (batch, tokens, dim) and the attention ``mask``."""
        if self.pooling == "cls":
            out = hidden[:, 0]
        elif self.pooling == "max":
            out = np.where(mask[..., None] > 0, hidden, -1e9).max(axis=1)
        else:
            m = mask[..., None].astype(np.float32)
            out = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return unit_rows(out) if self.normalize else out.astype(np.float32)


class OnnxEncoder:
    """Runs an exported ONNX graph of the model's transformer with ONNX Runtime on the CPU.

    Sentences are tokenized with the folder's ``tokenizer.json``, sorted by length
    and batched so that padding stays small; pooling and normalisation follow the
    folder's sentence-transformers config, so vectors match ``TorchEncoder``'s.
    """

    # ONNX Runtime's optimisation levels, by the names ``benchmarks/ort_settings.py`` measures them under.
    LEVELS = ("disable", "basic", "extended", "all")

    def __init__(
        self,
        graph: Path,
        folder: Path,
        threads: int = 0,
        *,
        optimization: str = "all",
        spinning: bool = False,
        inter_threads: int = 1,
        save_optimized: Path | None = None,
    ) -> None:
        """A session on ``graph``. The keywords are ONNX Runtime's settings as factcheck uses them by default
        (every graph optimisation at load, intra-op threads that sleep when idle, one inter-op thread);
        ``benchmarks/ort_settings.py`` measures the alternatives, and ``save_optimized`` writes the graph as
        optimised at load."""
        try:
            from tokenizers import Tokenizer

            from .privacy import onnxruntime

            ort = onnxruntime()  # imported with its telemetry off (factcheck.model.privacy)
        except ImportError as exc:
            raise BackendUnavailable(f"onnxruntime is not installed ({exc})") from None
        self.layout = Layout.read(folder)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The file may carry a fixed padding length; padding per batch is done here instead.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.layout.max_length)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = inter_threads
        if inter_threads > 1:
            options.execution_mode = ort.ExecutionMode.ORT_PARALLEL
        if not spinning:
            # Idle intra-op threads spin by default. On a machine whose cores other work shares (a newsroom
            # laptop, a CI runner) the spinning steals them: in three runs of benchmarks/ort_settings.py on this
            # shared 2-core machine, sleeping threads took 0.89 and 0.92 of the spinning session's wall time,
            # and spinning 1.21 of the sleeping one's (benchmarks/ORT.md); the vectors are the same bytes.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        options.graph_optimization_level = {
            "disable": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
            "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
            "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
        }[optimization]
        if save_optimized is not None:
            options.optimized_model_filepath = str(save_optimized)
        try:
            self.session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types for bad files
            raise BackendUnavailable(f"ONNX Runtime cannot load {graph}: {exc}") from None
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str], batch_size: int = 64, done=None, by_length: bool = True) -> np.ndarray:
        """Unit-free sentence vectors in ``texts`` order; ``done(count, total)`` is called after each batch.

        Batches hold texts of about one length (``by_length``), each padded to its longest only; with
        ``by_length`` off they are taken in text order (measured, not used: ``benchmarks/ort_settings.py``)."""
        if self.layout.lower_case:
            texts = [t.lower() for t in texts]
        encodings = self.tokenizer.encode_batch(texts)
        order = (
            sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
            if by_length
            else list(range(len(texts)))
        )
        out: np.ndarray | None = None
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for r, i in enumerate(rows):
                enc = encodings[i]
                n = len(enc.ids)
                ids[r, :n], mask[r, :n], types[r, :n] = enc.ids, enc.attention_mask, enc.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
            vectors = self.layout.pool(hidden, mask)
            if out is None:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
            if done:
                done(min(start + batch_size, len(order)), len(order))
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)


class TorchEncoder:
    """``SentenceTransformer(folder, device="cpu").encode``: any model sentence-transformers loads."""

    def __init__(self, folder: Path) -> None:
        offline()
        from sentence_transformers import SentenceTransformer  # heavy: imports torch

        quiet_transformers()
        self.model = SentenceTransformer(str(folder), device="cpu")

    def encode(self, texts: list[str], batch_size: int = 64, done=None) -> np.ndarray:
        # sentence-transformers draws its own bar on a terminal; ``done`` is told once, at the end
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=sys.stderr.isatty(),
        ).astype(np.float32)
        if done:
            done(len(texts), len(texts))
        return vectors
