"""Sentences -> cross-source Clusters of "the same claim".

1. A neighbour graph: each sentence is linked to its ``k`` most similar sentences
   whose cosine similarity is at least ``threshold``. Similarities are computed in
   row blocks, so memory is O(block * n + n * k), never n * n.
2. Connected components of that graph.
3. Anti-chaining: a component whose members are not all close (some pair below
   ``floor``) is split by complete linkage at ``floor``, so A~B and B~C cannot drag
   an unrelated C into A's claim.
"""

from __future__ import annotations

import numpy as np

from .models import Cluster, Sentence

# Best F1 on the hand-labelled seed pairs (benchmarks/threshold.py): 0.73 at 0.80, precision 1.00.
DEFAULT_THRESHOLD = 0.80
DEFAULT_FLOOR = 0.6


# Above this many sentences an approximate index (faiss HNSW) finds the neighbours:
# exact blocked search costs n² · d, the index about n · log n. Measured in benchmarks/RESULTS.md.
ANN_MIN = 100_000
MAX_COMPONENT = 4000
BLOCK_CELLS = 4_000_000  # similarities held at once by the exact search (16 MB of float32)


def _unique_edges(i: np.ndarray, j: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keep = lo != hi
    lo, hi, w = lo[keep], hi[keep], w[keep]
    if not len(lo):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    pairs, first = np.unique(np.stack([lo, hi], axis=1), axis=0, return_index=True)
    return pairs[:, 0], pairs[:, 1], w[first]


def hnsw_edges(vectors: np.ndarray, threshold: float, k: int = 10, ef: int = 64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Approximate edges from a faiss HNSW index: memory O(n · (d + M)), never n²."""
    import faiss

    n, d = vectors.shape
    index = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef
    # A multi-threaded build links nodes in a racy order; one thread keeps the graph, and so
    # the report, the same from run to run. Searching stays parallel: each query is independent.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    finally:
        faiss.omp_set_num_threads(threads)
    index.hnsw.efSearch = max(ef, k + 1)
    rows, cols, sims = [], [], []
    for start in range(0, n, 8192):
        stop = min(start + 8192, n)
        sim, idx = index.search(np.ascontiguousarray(vectors[start:stop], dtype=np.float32), k + 1)
        keep = (sim >= threshold) & (idx >= 0)
        rows.append(np.repeat(np.arange(start, stop), k + 1).reshape(-1, k + 1)[keep])
        cols.append(idx[keep])
        sims.append(sim[keep])
    return _unique_edges(np.concatenate(rows), np.concatenate(cols), np.concatenate(sims))


def neighbour_edges(vectors: np.ndarray, threshold: float, k: int = 10, block: int | None = None,
                    method: str = "auto") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges (i, j, similarity) with i < j, from each row's top ``k`` neighbours above ``threshold``.

    ``method`` is ``exact`` (blocked matrix products), ``hnsw`` (faiss), or ``auto``:
    HNSW from ANN_MIN rows up when faiss is installed, exact below.
    """
    n = len(vectors)
    if method == "hnsw" or (method == "auto" and n >= ANN_MIN and _has_faiss()):
        return hnsw_edges(vectors, threshold, k)
    # Rows per block so that one block of similarities holds about BLOCK_CELLS floats:
    # memory stays flat as n grows, instead of block * n.
    block = block or max(16, min(1024, BLOCK_CELLS // max(n, 1)))
    rows, cols, sims = [], [], []
    for start in range(0, n, block):
        stop = min(start + block, n)
        s = vectors[start:stop] @ vectors.T  # (block, n): the only large array, bounded by BLOCK_CELLS
        s[np.arange(stop - start), np.arange(start, stop)] = -1.0  # no self-loops
        kk = min(k, n - 1)
        if kk <= 0:
            break
        top = np.argpartition(s, n - kk, axis=1)[:, n - kk:]  # the kk largest, without a negated copy
        top_sims = np.take_along_axis(s, top, axis=1)
        keep = top_sims >= threshold
        r = np.repeat(np.arange(start, stop), kk).reshape(-1, kk)[keep]
        rows.append(r)
        cols.append(top[keep])
        sims.append(top_sims[keep])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return _unique_edges(np.concatenate(rows), np.concatenate(cols), np.concatenate(sims))


def _has_faiss() -> bool:
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def _split(members: np.ndarray, vectors: np.ndarray, floor: float, threshold: float = DEFAULT_THRESHOLD) -> list[np.ndarray]:
    """Split a component until every pair inside a part is at least ``floor`` similar.

    A component too large to compare all its pairs (over MAX_COMPONENT) is first
    regrouped at a stricter threshold, so memory stays bounded.
    """
    if len(members) <= 2:
        return [members]
    if len(members) > MAX_COMPONENT:
        if threshold >= 0.99:
            return [members[i:i + MAX_COMPONENT] for i in range(0, len(members), MAX_COMPONENT)]
        stricter = min(0.99, threshold + 0.05)
        return [members[g] for g in group(vectors[members], stricter, floor, method="exact")]
    sub = vectors[members]
    sims = sub @ sub.T
    if sims.min() >= floor:
        return [members]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - sims, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="complete"), t=1.0 - floor, criterion="distance")
    return [members[labels == label] for label in np.unique(labels)]


def group(vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD, floor: float = DEFAULT_FLOOR, k: int = 10,
          method: str = "auto") -> list[np.ndarray]:
    """Index groups of mutually similar rows of ``vectors`` (unit vectors), singletons included."""
    n = len(vectors)
    if n == 0:
        return []
    i, j, _ = neighbour_edges(vectors, threshold, k, method=method)
    # scipy is imported here, not at the top: the CLI reads this module's defaults at start-up.
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups: list[np.ndarray] = []
    for members in np.split(order, bounds):
        groups.extend(_split(np.sort(members), vectors, min(floor, threshold), threshold))
    return sorted(groups, key=lambda g: int(g[0]))


def cluster(sentences: list[Sentence], vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD,
            floor: float = DEFAULT_FLOOR, k: int = 10) -> list[Cluster]:
    """Clusters of sentences, numbered in order of their first sentence."""
    return [Cluster(id=n, sentences=[sentences[i] for i in g]) for n, g in enumerate(group(vectors, threshold, floor, k))]



# Measured on tests/fixtures/corpus: documents of one story are 0.56-0.88 alike, of unrelated
# stories at most 0.15; the seeds (one story) 0.78-0.89.
DEFAULT_STORY_THRESHOLD = 0.4
STORY_MIN_SHARED_NAMES = 2


def stories(sentences: list[Sentence], vectors: np.ndarray, names: dict[str, set[str]],
            threshold: float = DEFAULT_STORY_THRESHOLD, min_shared: int = STORY_MIN_SHARED_NAMES) -> list[list[str]]:
    """Documents grouped into stories.

    Two documents are one story when their mean sentence vectors are at least
    ``threshold`` alike *and* they name at least ``min_shared`` of the same proper
    names (``names``: document path -> name keys); a document naming fewer than that
    is judged by its vectors alone. Articles built on one template but about
    different places and people stay apart. Candidate pairs come from an inverted
    index of names, so the work grows with the pairs that share names, not n².
    Checks compare documents only within one story.
    """
    paths = sorted({s.doc.path for s in sentences})
    index = {p: i for i, p in enumerate(paths)}
    parent = list(range(len(paths)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    centroids = np.zeros((len(paths), vectors.shape[1] if vectors.ndim == 2 else 1), dtype=np.float32)
    for s, v in zip(sentences, vectors):
        centroids[index[s.doc.path]] += v
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)

    def close(a: int, b: int) -> bool:
        return float(centroids[a] @ centroids[b]) >= threshold

    # Names that nearly every document carries ("Reuters") say nothing about the story.
    docs_with: dict[str, list[int]] = {}
    for p in paths:
        for name in names.get(p, ()):
            docs_with.setdefault(name, []).append(index[p])
    common = max(50, len(paths) // 20)
    shared: dict[tuple[int, int], int] = {}
    for holders in docs_with.values():
        if len(holders) > common:
            continue
        for i, a in enumerate(holders):
            for b in holders[i + 1:]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    for (a, b), n in sorted(shared.items()):
        if n >= min_shared and close(a, b):
            parent[find(a)] = find(b)
    # Documents with almost no names: fall back to their vectors (blocked: never documents x documents at once).
    sparse = [index[p] for p in paths if len(names.get(p, ())) < min_shared]
    for a in sparse:
        sims = centroids @ centroids[a]
        for b in np.flatnonzero(sims >= threshold):
            if int(b) != a:
                parent[find(a)] = find(int(b))
    groups: dict[int, list[str]] = {}
    for p in paths:
        groups.setdefault(find(index[p]), []).append(p)
    return sorted(groups.values())
