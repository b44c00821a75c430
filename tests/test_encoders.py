"""The encoder backends: the ONNX export matches PyTorch, int8 stays close, bad graphs are rebuilt."""

import json
import shutil

import numpy as np
import pytest

from factcheck.model.embed import Embedder
from factcheck.model.encoders import BackendUnavailable, Layout, OnnxEncoder, TorchEncoder
from factcheck.cache.onnx import graph_path, prepare

TEXTS = [
    "Murat Nurtleu, the Foreign Minister, met the envoy in Minsk.",
    "The Deputy Minister of Foreign Affairs, Murat Nurtleu, met the envoy.",
    "In June of that year, the talks resumed.",
    "Officials said 1,200 people attended the forum on 15 August 2024.",
    "Rain.",
]


@pytest.fixture(scope="module")
def folder():
    e = Embedder()
    return e.folder


@pytest.fixture(scope="module")
def torch_vectors(folder):
    return TorchEncoder(folder).encode(TEXTS)


def test_onnx_vectors_match_torch(cache_dir, folder, torch_vectors):
    e = Embedder(cache_dir=cache_dir)
    graph = prepare(folder, cache_dir, e.model_hash, "onnx")
    onnx = OnnxEncoder(graph, folder).encode(TEXTS, batch_size=2)  # several batches, different padding
    assert np.abs(onnx - torch_vectors).max() < 1e-4


def test_int8_vectors_stay_close_but_are_not_identical(cache_dir, folder, torch_vectors):
    e = Embedder(cache_dir=cache_dir)
    graph = prepare(folder, cache_dir, e.model_hash, "onnx-int8")
    int8 = OnnxEncoder(graph, folder).encode(TEXTS)
    cosine = (int8 * torch_vectors).sum(axis=1)
    assert cosine.min() > 0.97 and np.abs(int8 - torch_vectors).max() > 1e-4


def test_default_backend_is_onnx_and_never_imports_torch(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from factcheck.model.embed import Embedder; "
        f"e = Embedder(cache_dir=Path({str(tmp_path)!r})); v = e.encode(['A sentence.']); "
        "print(type(e.load()).__name__, 'torch' in sys.modules)"
    )
    # First run exports (and so imports torch); the second only loads the exported graph.
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    (tmp_path / "embeddings.sqlite3").unlink()
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["OnnxEncoder", "False"]


def test_damaged_graph_is_rebuilt(tmp_path, folder):
    e = Embedder(cache_dir=tmp_path)
    graph = prepare(folder, tmp_path, e.model_hash, "onnx")
    good = graph.read_bytes()
    graph.write_bytes(good[: len(good) // 2])  # truncated, as by a full disk
    again = prepare(folder, tmp_path, e.model_hash, "onnx")
    assert again == graph and graph.read_bytes() == good


def test_graph_without_its_record_is_not_trusted(tmp_path, folder):
    e = Embedder(cache_dir=tmp_path)
    graph = prepare(folder, tmp_path, e.model_hash, "onnx")
    graph.with_suffix(".json").unlink()
    graph.write_bytes(b"not a graph")
    prepare(folder, tmp_path, e.model_hash, "onnx")
    assert json.loads(graph.with_suffix(".json").read_text())["sha256"]
    assert OnnxEncoder(graph, folder).encode(["x"]).shape == (1, 384)


def test_layout_is_read_from_the_folder(folder):
    layout = Layout.read(folder)
    assert (layout.pooling, layout.normalize, layout.max_length, layout.lower_case) == (
        "mean",
        True,
        256,
        False,
    )


def test_unsupported_layout_falls_back_to_torch_with_a_warning(tmp_path, folder):
    custom = tmp_path / "model"
    shutil.copytree(folder, custom)
    modules = json.loads((custom / "modules.json").read_text())
    modules.insert(
        2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    )
    (custom / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(BackendUnavailable, match="Dense"):
        Layout.read(custom)
    (custom / "modules.json").write_text(
        json.dumps([m for m in modules if m["type"].endswith(("Transformer", "Pooling", "Normalize"))])
    )
    (custom / "tokenizer.json").unlink()
    e = Embedder(model=str(custom), cache_dir=tmp_path)
    assert e.encode(["A sentence."]).shape == (1, 384)
    assert isinstance(e.load(), TorchEncoder)
    assert any("tokenizer.json" in w and "using torch" in w for w in e.warnings)


def test_backends_cache_apart(tmp_path):
    onnx = Embedder(cache_dir=tmp_path)
    torch = Embedder(cache_dir=tmp_path, backend="torch")
    assert onnx.cache_key != torch.cache_key == torch.model_hash


def test_no_cache_exports_to_a_scratch_folder_that_is_removed(tmp_path):
    e = Embedder(cache_dir=tmp_path, use_cache=False)
    e.encode(["A sentence."])
    scratch = e._scratch.name
    e.close()
    assert not (tmp_path / "models").exists() and not __import__("os").path.exists(scratch)


def test_unknown_backend_is_refused():
    from factcheck.config import ModelError

    with pytest.raises(ModelError, match="unknown backend"):
        Embedder(backend="tpu")


def test_graph_path_names_hash_version_and_variant(tmp_path):
    assert graph_path(tmp_path, "ab" * 32, "onnx-int8").name == "abababababababab-v1-int8.onnx"


def test_onnx_vectors_do_not_depend_on_batch_or_threads(cache_dir, folder):
    # `factcheck index --engine ray` encodes in other batches and on one thread per actor, and the bench's
    # int8 re-check swaps fp32 rows in: both rely on a sentence's vector being the same bytes whatever its batch
    e = Embedder(cache_dir=cache_dir)
    graph = prepare(folder, cache_dir, e.model_hash, "onnx")
    texts = TEXTS * 3 + [t.upper() for t in TEXTS]
    together = OnnxEncoder(graph, folder).encode(texts, batch_size=64)
    one_thread = OnnxEncoder(graph, folder, threads=1)
    alone = np.stack([one_thread.encode([t])[0] for t in texts])
    shuffled = OnnxEncoder(graph, folder).encode(texts[::-1], batch_size=3)[::-1]
    assert together.tobytes() == alone.tobytes() == shuffled.tobytes()


def test_no_cache_uses_a_graph_already_prepared_in_the_cache_folder(cache_dir, exported_models):
    # a --no-cache scan (or an index worker) reads the prepared graph instead of exporting it again
    e = Embedder(cache_dir=cache_dir, use_cache=False)
    e.load()
    assert e._scratch is None and e.loaded
    e.close()


def test_session_settings_measured_by_the_bench_keep_the_vectors(cache_dir, folder, tmp_path):
    # benchmarks/ort_settings.py times these against factcheck's own session: a setting that changed what is
    # computed would not be a speed question, so each must give the default session's vectors
    e = Embedder(cache_dir=cache_dir)
    graph = prepare(folder, cache_dir, e.model_hash, "onnx")
    default = OnnxEncoder(graph, folder).encode(TEXTS)
    saved = tmp_path / "optimised.onnx"
    spinning = OnnxEncoder(graph, folder, spinning=True, save_optimized=saved)
    assert spinning.encode(TEXTS, by_length=False).tobytes() == default.tobytes()
    assert saved.is_file()
    assert OnnxEncoder(saved, folder, optimization="disable").encode(TEXTS).tobytes() == default.tobytes()
    for level in OnnxEncoder.LEVELS:
        plain = OnnxEncoder(graph, folder, optimization=level, inter_threads=2).encode(TEXTS)
        assert np.abs(plain - default).max() < 1e-5, level
