"""Where HNSW grouping time goes: the neighbour search, and the components and anti-chaining split after it.

    .venv/bin/python benchmarks/parts.py WORK/vectors-100000.npy WORK/vectors-200000.npy > benchmarks/PARTS.md

The vector files are the ones `make bench BENCH_ARGS="--large --work WORK"` leaves in
its work folder. Each size runs in this one process, one after the other.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.config import DEFAULT_THRESHOLD  # noqa: E402
from factcheck.group import cluster  # noqa: E402


def main(paths: list[str]) -> None:
    print("| n | neighbour search s | whole group() s | components and split s | groups | largest group |")
    print("|---|---|---|---|---|---|")
    previous, growth = None, []
    for path in paths:
        v = np.load(path)
        t = time.perf_counter()
        cluster.hnsw_edges(v, DEFAULT_THRESHOLD)
        search = time.perf_counter() - t
        t = time.perf_counter()
        groups = cluster.group(v, method="hnsw")
        whole = time.perf_counter() - t
        print(
            f"| {len(v)} | {search:.1f} | {whole:.1f} | {whole - search:.1f} | {len(groups)} | {max(len(g) for g in groups)} |"
        )
        if previous:
            growth.append(
                f"Growth {len(v)}/{previous[0]}: search {search / previous[1]:.2f}×, whole {whole / previous[2]:.2f}×, "
                f"the rest {(whole - search) / max(previous[2] - previous[1], 1e-9):.2f}×."
            )
        previous = (len(v), search, whole)
    for line in growth:
        print(f"\n{line}")


if __name__ == "__main__":
    main(sys.argv[1:])
