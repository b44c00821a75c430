import numpy as np
import pytest

from factcheck.config import ModelError
from factcheck.model.embed import PACKAGED_SHA256, Embedder, normalise


def test_packaged_model_is_hash_checked_and_vectors_are_unit(cache_dir):
    e = Embedder(cache_dir=cache_dir)
    assert e.model_hash == PACKAGED_SHA256
    v = e.encode(["The minister met the envoy.", "The minister met the envoy."])
    assert v.shape == (2, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    e.close()


def test_warm_cache_does_not_load_the_model(tmp_path):
    texts = ["Kazakhstan summoned the ambassador.", "A month later, he called."]
    cold = Embedder(cache_dir=tmp_path)
    first = cold.encode(texts)
    assert cold.loaded and cold.encoded == 2
    cold.close()
    warm = Embedder(cache_dir=tmp_path)
    second = warm.encode(
        ["Kazakhstan  summoned the ambassador.", "A month later, he called."]
    )  # spacing normalised
    assert not warm.loaded and warm.encoded == 0
    assert np.allclose(first, second)
    warm.close()


def test_wrong_weights_hash_is_refused(tmp_path):
    e = Embedder(cache_dir=tmp_path, sha256="0" * 64)
    with pytest.raises(ModelError, match="sha256"):
        e.encode(["x"])
    e.close()


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="model folder not found"):
        Embedder(model=str(tmp_path / "nope"), cache_dir=tmp_path)


def test_normalise():
    assert normalise("“Quote”  here\n") == '"Quote" here'
