"""Similarity tiles as int8 matrix products, with a proven error bound.

Exact neighbour search is bound by its ``n² · d`` products. On a CPU an int8 product
(ONNX Runtime's ``MatMulInteger``, already loaded for the encoder) runs several times
as fast as a float32 one, and an int32 sum is exact, so it is deterministic on any
thread count. It is not the similarity itself: each unit vector ``x`` is stored as
``x̂ = s_x · q_x`` (``q_x`` in -63..63) plus a residual ``e_x``, and

    |x·y - x̂·ŷ| = |x̂·e_y + e_x·y| <= |x̂| |e_y| + |e_x| |y|

(Cauchy-Schwarz). A row none of whose int8 similarities in a tile reaches the
threshold minus that bound has no pair there; ``cluster.exact_edges`` skips it and
computes float32 products for the other rows only, which decide. No pair can be
lost, so the edges are the float32 search's edges.

Why 7 bits, not 8: x86 CPUs without VNNI multiply unsigned by signed bytes with an
instruction that saturates a pair of products at 32,767. With rows shifted to 1..127
and columns in -63..63, a pair sums to at most 2 · 127 · 63 = 16,002, so no CPU can
saturate, at the price of twice the rounding error (still a bound near 0.03).
"""

from __future__ import annotations

import numpy as np

LEVELS = 63  # the largest magnitude of a quantised component (7 bits, see the module docstring)
ZERO = 64  # rows are shifted to 1..127 to use the unsigned-by-signed kernel

_session = None


def _matmul_integer():
    """One ONNX Runtime session computing ``(A - 64) · B`` for uint8 A and int8 B, in int32."""
    global _session
    if _session is None:
        import onnxruntime as ort
        from onnx import TensorProto, helper

        graph = helper.make_graph(
            [helper.make_node("MatMulInteger", ["A", "B", "zero"], ["Y"])],
            "int8_products",
            [
                helper.make_tensor_value_info("A", TensorProto.UINT8, [None, None]),
                helper.make_tensor_value_info("B", TensorProto.INT8, [None, None]),
            ],
            [helper.make_tensor_value_info("Y", TensorProto.INT32, [None, None])],
            initializer=[helper.make_tensor("zero", TensorProto.UINT8, [], [ZERO])],
        )
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
        model.ir_version = 8  # readable by every onnxruntime the project accepts
        options = ort.SessionOptions()
        options.log_severity_level = 3
        _session = ort.InferenceSession(
            model.SerializeToString(), options, providers=["CPUExecutionProvider"]
        )
    return _session


def available() -> bool:
    """True when ONNX Runtime and onnx are importable (both are dependencies; a trimmed install may lack them)."""
    try:
        _matmul_integer()
    except ImportError:
        return False
    return True


def _quantise(v: np.ndarray, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(levels, residual norms) of rows ``v`` at per-row ``scale``: ``v = scale · levels + residual``."""
    q = np.rint(v / scale[:, None])  # |v / scale| <= LEVELS by construction: no clipping needed
    residual = v - q * scale[:, None]
    # float32 arithmetic, so every norm is padded by a relative 1e-5: the bound must hold, not nearly hold.
    error = np.sqrt(np.einsum("ij,ij->i", residual, residual, dtype=np.float64)) * (1.0 + 1e-5) + 1e-7
    return q, error


class Int8Vectors:
    """Vectors quantised once, as rows and as column tiles, with the per-row thresholds that make them exact.

    A row has its own scale (its largest component over LEVELS); a column tile has one
    scale for all its rows, so that a row's int32 threshold holds for every column of
    the tile exactly, not for the tile's largest scale only.
    """

    def __init__(self, vectors: np.ndarray, tile: int):
        v = np.ascontiguousarray(vectors, dtype=np.float32)
        peak = np.abs(v).max(axis=1) if v.size else np.zeros(len(v), dtype=np.float32)
        scale = np.maximum(peak, np.float32(1e-30)) / np.float32(LEVELS)
        q, self.error = _quantise(v, scale)
        self.scale = scale.astype(np.float64)
        self.norm = np.sqrt(np.einsum("ij,ij->i", v, v, dtype=np.float64)) * (1.0 + 1e-5)
        self.approx_norm = self.norm + self.error  # |x̂| <= |x| + |e_x|
        self.rows = (q + ZERO).astype(np.uint8)
        self.tile = tile
        self.columns, self.column_scale, self.column_error = [], [], []
        for b in range(0, len(v), tile):
            part = v[b : b + tile]
            shared = np.full(
                len(part), max(float(peak[b : b + tile].max()), 1e-30) / LEVELS, dtype=np.float32
            )
            levels, error = _quantise(part, shared)
            # MatMulInteger wants B as (d, m), contiguous
            self.columns.append(np.ascontiguousarray(levels.astype(np.int8).T))
            self.column_scale.append(float(shared[0]))
            self.column_error.append(float(error.max()))
        self.column_norm = [float(self.norm[b : b + tile].max()) for b in range(0, len(v), tile)]

    def products(self, a: int, stop: int, b: int) -> np.ndarray:
        """``q_rows[a:stop] · q_cols[b:b+tile]`` as int32 (the int8 similarity, unscaled)."""
        return _matmul_integer().run(None, {"A": self.rows[a:stop], "B": self.columns[b // self.tile]})[0]

    def bar(self, a: int, stop: int, b: int, threshold: float) -> np.ndarray | None:
        """Per row of ``a:stop``, the int32 value below which no pair in column tile ``b`` can reach ``threshold``.

        None when the bound is too loose to exclude anything (then no row is ruled out).
        """
        t = b // self.tile
        reach = (
            threshold
            - self.approx_norm[a:stop] * self.column_error[t]
            - self.error[a:stop] * self.column_norm[t]
        )
        if reach.min() <= 0:
            return None
        # s_x · s_tile · Q >= reach  exactly when  Q >= reach / (s_x · s_tile); one integer step lower absorbs rounding.
        return np.floor(reach / (self.scale[a:stop] * self.column_scale[t])).astype(np.int64) - 1

    def loose(self, threshold: float) -> bool:
        """True when the bound cannot separate anything at ``threshold`` (tiny thresholds, odd vectors)."""
        if not len(self.norm):
            return False
        return (
            float(
                threshold
                - self.approx_norm.max() * max(self.column_error)
                - self.error.max() * max(self.column_norm)
            )
            <= 0
        )
