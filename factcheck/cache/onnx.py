"""One-time, offline export of a model folder's transformer to ONNX, checked before use.

``prepare`` returns the path of a ready graph under ``<cache>/models/``, exporting it
on first use: the transformer is traced with ``torch.onnx.export`` from the local
weights (no network), its output is compared with PyTorch's on probe sentences, and
only then is the file moved into place. ``onnx-int8`` is that graph with dynamic
int8 weights (``onnxruntime.quantization``, per channel). A sidecar JSON file keeps
the graph's sha256, so a damaged graph is found and rebuilt.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np

from ..model.encoders import BackendUnavailable, Layout, OnnxEncoder, offline, quiet_transformers
from .digests import sha256_file

# Bumped when the export changes, so graphs made by an older factcheck are not reused.
EXPORT_VERSION = 1
PROBES = [
    "The Foreign Minister met his counterpart in Minsk on 15 August 2024.",
    "Officials said 1,200 people attended.",
    '"We will respond," he said.',
    "Short.",
]
# Largest allowed difference between ONNX and PyTorch sentence vectors (fp32 export).
TOLERANCE = 1e-4


def graph_path(root: Path, weights_sha256: str, backend: str) -> Path:
    variant = "int8" if backend == "onnx-int8" else "fp32"
    return root / "models" / f"{weights_sha256[:16]}-v{EXPORT_VERSION}-{variant}.onnx"


def sound(graph: Path, file_hash) -> bool:
    """Whether ``graph`` exists and still has the sha256 recorded when it was made."""
    meta = graph.with_suffix(".json")
    try:
        recorded = json.loads(meta.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return graph.is_file() and file_hash(graph) == recorded


def prepare(folder: Path, root: Path, weights_sha256: str, backend: str, file_hash=sha256_file) -> Path:
    """The ONNX graph for ``backend`` ("onnx" or "onnx-int8"), exported now if missing or damaged."""
    graph = graph_path(root, weights_sha256, backend)
    if sound(graph, file_hash):
        return graph
    Layout.read(folder)  # refuse early, before the torch import, if the layout is not one we reproduce
    graph.parent.mkdir(parents=True, exist_ok=True)
    if backend == "onnx-int8":
        source = prepare(folder, root, weights_sha256, "onnx", file_hash)
        _publish(graph, lambda tmp: _quantize(source, tmp))
    else:
        _publish(graph, lambda tmp: _export(folder, tmp))
    return graph


def _publish(graph: Path, make) -> None:
    """Build into a temporary file beside ``graph``, record its hash, then rename both into place."""
    fd, tmp = tempfile.mkstemp(dir=graph.parent, prefix=graph.name, suffix=".tmp")
    os.close(fd)
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the graph is no secret and the cache may be shared
        make(Path(tmp))
        meta = {"sha256": sha256_file(Path(tmp)), "export_version": EXPORT_VERSION}
        os.replace(tmp, graph)
        # Written after the graph: a graph without its record is rebuilt, never trusted.
        meta_tmp = graph.with_suffix(".json.tmp")
        meta_tmp.write_text(json.dumps(meta) + "\n", encoding="utf-8")
        os.replace(meta_tmp, graph.with_suffix(".json"))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _export(folder: Path, out: Path) -> None:
    offline()
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise BackendUnavailable(f"exporting to ONNX needs torch and transformers ({exc})") from None
    quiet_transformers()
    layout = Layout.read(folder)
    # Eager attention traces to plain ONNX ops; the SDPA path bakes the example's mask shape into the graph.
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    example = tokenizer(PROBES[:2], padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in example]

    class Hidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(**dict(zip(names, args))).last_hidden_state

    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]}
    with torch.no_grad(), warnings.catch_warnings():
        # The reference is taken before tracing: the exporter hands the module back in training mode (dropout on).
        batch = tokenizer(
            PROBES, padding=True, truncation=True, max_length=layout.max_length, return_tensors="pt"
        )
        expected = layout.pool(
            model(**{n: batch[n] for n in names}).last_hidden_state.numpy(), batch["attention_mask"].numpy()
        )
        warnings.simplefilter(
            "ignore"
        )  # tracer notes about constant Python values; the check below is what counts
        torch.onnx.export(
            Hidden(model),
            tuple(example[n] for n in names),
            str(out),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    got = OnnxEncoder(out, folder).encode(PROBES, batch_size=len(PROBES))
    worst = float(np.abs(got - expected).max())
    if worst > TOLERANCE:
        raise BackendUnavailable(
            f"the ONNX export of {folder} differs from PyTorch by {worst:.2e} (> {TOLERANCE})"
        )


def _quantize(source: Path, out: Path) -> None:
    try:
        import onnx

        from ..model.privacy import onnxruntime

        onnxruntime()  # import it with its telemetry off before the quantizer does (factcheck.model.privacy)
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise BackendUnavailable(f"int8 quantization needs onnx and onnxruntime ({exc})") from None
    import logging

    # The quantizer logs a pre-processing hint on the root logger at WARNING; it is not a problem here.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(
            str(source),
            str(out),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root.setLevel(level)
