"""Grouping at archive scale with the HNSW index: time, peak memory, and neighbour recall.

    .venv/bin/python benchmarks/ann_scale.py VECTORS.npy --sizes 200000 1000000

VECTORS.npy holds real sentence vectors (bench.py leaves them in its work folder as
real-vectors.npy); larger sets tile them with small noise, as bench.py does. For
each size a child process runs ``group(..., method="hnsw")`` and reports its own
time and peak RSS. Recall is measured on a sample of 2,000 rows: of their exact
neighbours above the threshold, the share that ends up in the same group.
Writes benchmarks/ANN.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench import child, fmt  # noqa: E402

RUN = """
    import numpy as np
    from factcheck.group.cluster import group
    v = np.ascontiguousarray(np.load(ARGS[0], mmap_mode="r"), dtype=np.float32)
    threshold = float(ARGS[1])
    t = time.perf_counter()
    groups = group(v, threshold=threshold, method="hnsw")
    RESULT["seconds"] = time.perf_counter() - t
    RESULT["groups"] = len(groups)
    labels = np.empty(len(v), dtype=np.int64)
    for n, g in enumerate(groups):
        labels[g] = n
    # Recall on a sample: of 2,000 rows' exact neighbours above the threshold, the share put in the same group.
    rng = np.random.default_rng(0)
    sample = np.sort(rng.choice(len(v), size=min(2000, len(v)), replace=False))
    hit = total = 0
    for start in range(0, len(sample), 256):
        rows = sample[start:start + 256]
        sims = v[rows] @ v.T
        for r, row in zip(rows, sims):
            row[r] = -1
            top = np.argpartition(-row, 10)[:10]
            for c in top[row[top] >= threshold]:
                total += 1
                hit += labels[r] == labels[c]
    RESULT["same_group_recall"] = hit / total if total else 1.0
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("vectors", type=Path)
    p.add_argument("--sizes", type=int, nargs="+", default=[200_000, 1_000_000])
    p.add_argument("--threshold", type=float, default=0.8)
    a = p.parse_args()
    real = np.load(a.vectors)
    rng = np.random.default_rng(0)
    rows = []
    for n in a.sizes:
        reps = -(-n // len(real))
        path = a.vectors.with_name(f"tiled-{n}.npy")
        out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, real.shape[1]))
        for k in range(reps):
            lo, hi = k * len(real), min((k + 1) * len(real), n)
            block = real[: hi - lo] + (0 if k == 0 else rng.normal(0, 0.015, (hi - lo, real.shape[1])))
            out[lo:hi] = block / np.linalg.norm(block, axis=1, keepdims=True)
        out.flush()
        del out
        result = child(RUN, str(path), str(a.threshold))
        rows.append({"n": n, **result})
        print(json.dumps(rows[-1]), file=sys.stderr)
        path.unlink()
    lines = [
        "# Grouping at archive scale (HNSW)",
        "",
        f"Command: `.venv/bin/python benchmarks/ann_scale.py real-vectors.npy --sizes {' '.join(map(str, a.sizes))}`, "
        "with the real vectors from a `make bench` run tiled with small noise. Threshold "
        f"{a.threshold}. One run on this 2-core machine.",
        "",
        "| n | seconds | peak RSS MiB | groups | same-group recall of exact neighbours (2,000-row sample) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']} | {fmt(r.get('seconds'), 1)} | {fmt(r.get('peak_rss_mib'), 0)} | {r.get('groups', r.get('error'))} | "
            f"{fmt(r.get('same_group_recall'), 3)} |"
        )
    if len(rows) > 1 and all("seconds" in r for r in rows):
        lines += [
            "",
            f"Time ratio {rows[-1]['n']}/{rows[0]['n']} rows: {fmt(rows[-1]['seconds'] / rows[0]['seconds'])}×.",
        ]
    (HERE / "ANN.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
