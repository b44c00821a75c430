"""Sentences -> cross-source Clusters of "the same claim".

1. A neighbour graph: each sentence is linked to its ``k`` most similar sentences
   whose cosine similarity is at least ``threshold``. Similarities are computed in
   row blocks, so memory is O(block * n + n * k), never n * n.
2. Connected components of that graph.
3. Anti-chaining: a component whose members are not all close (some pair below
   ``floor``) is split by complete linkage at ``floor``, so A~B and B~C cannot drag
   an unrelated C into A's claim.

Only sentences of different documents are ever compared by their cluster (every
reader of ``Corpus.cluster_of`` looks at cross-document pairs), so given each row's
document (``labels``), a component whose sentences all come from one document is
not split but left as singletons, and a scan of one document compares no pairs at
all: its cost stays linear however alike its sentences are (one article of 70,000
near-identical sentences, issue 22's r25).
"""

from __future__ import annotations

import numpy as np


from ..config import DEFAULT_FLOOR, DEFAULT_THRESHOLD
from ..models import Cluster, Sentence

# Best F1 on the hand-labelled seed pairs (benchmarks/threshold.py): 0.73 at 0.80, precision 1.00.


# From this many sentences up an approximate index (faiss HNSW) finds the neighbours; exact search below.
# Where HNSW overtakes exact search depends on the data (benchmarks/RESULTS.md, both shapes). With int8 tiles,
# exact search on the clustered shape (most rows without a neighbour, like a newsroom archive) took 36 s at
# 200,000 against HNSW's 224 s; growing as n^2 against HNSW's ~n^1.3, it would meet HNSW near 1,000,000. On the
# tiled shape (every row with dozens of near-copies, the worst case for exact search) the two meet near 100,000.
# 300,000 keeps archives exact (and reproducible to the last edge) as far as exact search is the faster of the two
# on archive-shaped data by a wide margin.
ANN_MIN = 300_000
MAX_COMPONENT = 4000
INT8_MIN = (
    8192  # from this many rows up int8 products rule out rows before the float32 ones (see exact_edges)
)
INT8_KEEP = 0.3  # int8 tiles stay on while they leave under this share of rows to the float32 products
TILE = 2048  # rows and columns of one block of similarities in the exact search (16 MB of float32)


def _unique_edges(i: np.ndarray, j: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keep = lo != hi
    lo, hi, w = lo[keep], hi[keep], w[keep]
    if not len(lo):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    pairs, first = np.unique(np.stack([lo, hi], axis=1), axis=0, return_index=True)
    return pairs[:, 0], pairs[:, 1], w[first]


def hnsw_edges(
    vectors: np.ndarray, threshold: float, k: int = 10, ef: int = 64
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def _top_k_per_row(
    rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of directed entries (row, col, sim), each row's ``k`` most similar; equal similarities keep the lower col.

    A sort, not a heap: one ``lexsort`` over the entries, then each entry's rank inside its row.
    """
    if not len(rows):
        return rows, cols, sims
    # One 64-bit key, row ascending then similarity descending: a positive float32's bits order like the float,
    # so their complement orders the other way. Entries are sorted by col first, and the stable sort keeps that.
    if sims.min() > 0:
        by_col = np.argsort(cols, kind="stable")
        rows, cols, sims = rows[by_col], cols[by_col], sims[by_col]
        bits = np.ascontiguousarray(sims, dtype=np.float32).view(np.uint32)
        key = (rows.astype(np.uint64) << np.uint64(32)) | (np.uint32(0xFFFFFFFF) - bits).astype(np.uint64)
        order = np.argsort(key, kind="stable")
    else:  # a threshold at or below zero (never the configured one): the general three-key sort
        order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    keep = rank < k
    return rows[keep], cols[keep], sims[keep]


def exact_edges(
    vectors: np.ndarray, threshold: float, k: int = 10, tile: int = TILE, int8: bool | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact edges: each row's top ``k`` neighbours at or above ``threshold``, found with tiled matrix products.

    Only tiles on and above the diagonal are multiplied (similarity is symmetric: half
    the work of a full ``n × n`` product), each ``tile × tile`` (16 MB at 2048). Rows
    whose maximum in a tile is below the threshold are skipped; of the others only the
    pairs at or above the threshold are kept, so the per-row selection runs over a few
    candidates, never over ``n`` columns. Candidates are cut back to each row's ``k``
    best (``_top_k_per_row``: a sort, no heap) whenever they pile up, so memory stays
    ``O(n · k + tile²)`` even when every row has many neighbours.

    Where rows have many neighbours (near-copies by the thousand), each row's bar
    rises from the threshold to the ``k``-th best similarity it has been offered: a
    row with over ``k`` candidates at its bar in one tile keeps its ``k`` best there
    (``_select``), and later candidates below the bar are never taken. A candidate
    below ``k`` others already found cannot be among the ``k`` best, so the edges are
    the same; what a tile leaves behind is at most ``k`` per row and column, never
    every pair, and the sorts that cut candidates back stay small.

    From INT8_MIN rows up (or as ``int8`` says) each tile is first an int8 product
    with a proven error bound (``int8_products``): a row whose int8 maximum cannot
    reach the threshold is skipped, and only the other rows get float32 products,
    which decide. The edges are the same; on vectors where most rows have no
    neighbour, the products run several times as fast. Where int8 keeps over
    INT8_KEEP of the rows, the search goes on with float32 tiles alone.
    """
    v = np.ascontiguousarray(vectors, dtype=np.float32)
    n = len(v)
    kk = min(k, n - 1)
    empty = np.zeros(0, dtype=np.int64)
    if kk <= 0:
        return empty, empty, np.zeros(0, dtype=np.float32)
    coarse = _int8_vectors(v, threshold, tile, int8)
    # Each row's bar: a candidate below it cannot be among the row's k best (compared as ``s >= threshold`` is).
    bar = np.full(n, threshold, dtype=np.result_type(v, threshold))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    held, limit = 0, 4 * n * kk + tile * tile
    seen_rows = hot_rows = 0
    for a, b in ((i, j) for i in range(0, n, tile) for j in range(i, n, tile)):
        stop = min(a + tile, n)
        picked = None
        if coarse is not None:
            picked = _hot_rows(coarse, a, stop, b, threshold)
            seen_rows, hot_rows = seen_rows + (stop - a), hot_rows + len(picked)
            # Where most rows have near neighbours (many near-copies), int8 prunes little and only adds its
            # own products: float32 tiles alone are faster from there on.
            if seen_rows >= 8 * tile and hot_rows > INT8_KEEP * seen_rows:
                coarse = None
            if not len(picked):
                continue
        found = _tile_entries(v, a, stop, b, tile, threshold, bar, kk, picked)
        if found is None:
            continue
        rows.append(found[0])
        cols.append(found[1])
        sims.append(found[2])
        held += len(found[0])
        if held > limit:
            merged = _top_k_per_row(np.concatenate(rows), np.concatenate(cols), np.concatenate(sims), kk)
            rows, cols, sims = [merged[0]], [merged[1]], [merged[2]]
            held = len(merged[0])
    if not rows:
        return empty, empty, np.zeros(0, dtype=np.float32)
    i, j, w = _top_k_per_row(np.concatenate(rows), np.concatenate(cols), np.concatenate(sims), kk)
    return _unique_edges(i.astype(np.int64), j.astype(np.int64), w)


def _int8_vectors(v: np.ndarray, threshold: float, tile: int, int8: bool | None):
    """The int8 form of ``v`` when its products should rule rows out, else None (float32 tiles alone)."""
    if int8 is False or (int8 is None and len(v) < INT8_MIN):
        return None
    from . import int8_products

    if not int8_products.available():
        return None
    coarse = int8_products.Int8Vectors(v, tile)
    return None if coarse.loose(threshold) else coarse


def _hot_rows(coarse, a: int, stop: int, b: int, threshold: float) -> np.ndarray:
    """Rows of ``a:stop`` that may have a pair at or above ``threshold`` in column tile ``b``, by the int8 bound."""
    s = coarse.products(a, stop, b)
    if a == b:  # a row is not its own neighbour
        np.fill_diagonal(s, np.iinfo(s.dtype).min)
    bar = coarse.bar(a, stop, b, threshold)
    if bar is None:
        return np.arange(stop - a)
    return np.flatnonzero(s.max(axis=1) >= bar)


def _tile_entries(
    v: np.ndarray,
    a: int,
    stop: int,
    b: int,
    tile: int,
    threshold: float,
    bar: np.ndarray,
    crowd: int,
    rows: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Candidates (row, column, similarity), both ways round, of rows ``a:stop`` (or only ``rows`` of them) and
    columns ``b:b+tile``, from float32 products; None if none.

    A pair counts once: on a diagonal tile only the product above the diagonal is read,
    and a row is never its own pair. Each way round, an entry is a candidate when it is
    at or above its row's ``bar`` (the threshold or higher); a row with over ``crowd``
    candidates keeps its ``crowd`` best and raises its bar (``_select``).
    """
    block = v[a:stop] if rows is None else v[a + rows]
    s = block @ v[b : b + tile].T
    if a == b:  # a row is not its own neighbour (and would make every row look hot)
        if rows is None:
            np.fill_diagonal(s, -np.inf)
        else:
            own = (a + rows - b) < s.shape[1]
            s[np.flatnonzero(own), (a + rows - b)[own]] = -np.inf
    # One row maximum is cheaper than a full boolean mask, and most rows have no neighbour at all.
    hot = np.flatnonzero(s.max(axis=1) >= threshold)
    if not len(hot):
        return None
    if len(hot) < len(s):
        s = s[hot]
    here = a + (hot if rows is None else rows[hot])
    there = b + np.arange(s.shape[1])
    upper = there[None, :] > here[:, None] if a == b else None
    down = _select(s, 0, here, there, bar, crowd, upper)
    up = _select(s, 1, there, here, bar, crowd, upper)
    return tuple(np.concatenate([x, y]) for x, y in zip(down, up))


def _select(
    s: np.ndarray,
    axis: int,
    owners: np.ndarray,
    targets: np.ndarray,
    bar: np.ndarray,
    crowd: int,
    allowed: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries (owner, target, similarity) of ``s`` at or above each owner's bar; owners run along ``axis``.

    An owner offered more than ``crowd`` entries keeps its ``crowd`` best (equal
    similarities: the lower targets, as ``_top_k_per_row`` orders them), and its bar
    rises to the last one kept. ``targets`` must be ascending; ``allowed`` masks out
    entries read elsewhere.
    """
    mask = s >= (bar[owners][:, None] if axis == 0 else bar[owners][None, :])
    if allowed is not None:
        mask &= allowed
    crowded = np.flatnonzero(np.count_nonzero(mask, axis=1 - axis) > crowd)
    if len(crowded):
        # one row per crowded owner
        sub = s[crowded] if axis == 0 else s[:, crowded].T
        offered = mask[crowded] if axis == 0 else mask[:, crowded].T
        width = sub.shape[1]
        kth = np.partition(np.where(offered, sub, -np.inf), width - crowd, axis=1)[:, width - crowd]
        kept = offered & (sub >= kth[:, None])
        tied = np.flatnonzero(np.count_nonzero(kept, axis=1) > crowd)
        if len(tied):  # equal similarities at the crowd-th place (copies of one sentence): the lower targets
            at = kept[tied] & (sub[tied] == kth[tied, None])
            room = crowd - np.count_nonzero(kept[tied] & ~at, axis=1)
            kept[tied] &= ~at | (np.cumsum(at, axis=1) <= room[:, None])
        if axis == 0:
            mask[crowded] = kept
        else:
            mask[:, crowded] = kept.T
        owned = owners[crowded]
        bar[owned] = np.maximum(bar[owned], kth)
    # flatnonzero and divmod: a 2-d nonzero walks the mask several times over
    r, c = np.divmod(np.flatnonzero(mask), s.shape[1])
    return (owners[r], targets[c], s[r, c]) if axis == 0 else (owners[c], targets[r], s[r, c])


def neighbour_edges(
    vectors: np.ndarray, threshold: float, k: int = 10, tile: int = TILE, method: str = "auto"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges (i, j, similarity) with i < j, from each row's top ``k`` neighbours above ``threshold``.

    ``method`` is ``exact`` (tiled matrix products, ``exact_edges``), ``exact-float32``
    (the same, never with int8 tiles: for measuring them), ``hnsw`` (faiss), or
    ``auto``: HNSW from ANN_MIN rows up when faiss is installed, exact below.
    """
    if _uses_hnsw(len(vectors), method):
        return hnsw_edges(vectors, threshold, k)
    return exact_edges(vectors, threshold, k, tile, int8=False if method == "exact-float32" else None)


def _uses_hnsw(n: int, method: str) -> bool:
    return method == "hnsw" or (method == "auto" and n >= ANN_MIN and _has_faiss())


def _has_faiss() -> bool:
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def _split(
    members: np.ndarray,
    vectors: np.ndarray,
    floor: float,
    threshold: float = DEFAULT_THRESHOLD,
    docs: np.ndarray | None = None,
    edges: tuple | None = None,
    k: int = 10,
) -> list[np.ndarray]:
    """Split a component until every pair inside a part is at least ``floor`` similar.

    A component too large to compare all its pairs (over MAX_COMPONENT) is first
    regrouped at a stricter threshold, so memory stays bounded. Given the exact
    ``edges`` the component was found with, the stricter ones are those of them at or
    above the stricter threshold: a row's ``k`` best at the stricter threshold are the
    first of its ``k`` best at this one, so no similarity is computed again. With
    ``docs`` (each row's document, as integers), a component of one document's rows
    is left as singletons, uncompared.
    """
    if docs is not None and len(members) > 1 and _one_label(docs[members]):
        return [members[i : i + 1] for i in range(len(members))]
    if len(members) <= 2:
        return [members]
    if len(members) > MAX_COMPONENT:
        if threshold >= 0.99:
            return [members[i : i + MAX_COMPONENT] for i in range(0, len(members), MAX_COMPONENT)]
        stricter = min(0.99, threshold + 0.05)
        inner = None
        if edges is not None:
            i, j, w = edges
            keep = np.isin(i, members) & (w >= stricter)  # an edge of a member stays inside its component
            inner = (np.searchsorted(members, i[keep]), np.searchsorted(members, j[keep]), w[keep])
        return [
            members[g]
            for g in group(
                vectors[members],
                stricter,
                floor,
                k,
                method="exact",
                labels=None if docs is None else docs[members],
                edges=inner,
            )
        ]
    sub = vectors[members]
    sims = sub @ sub.T
    if sims.min() >= floor:
        return [members]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - sims, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(
        linkage(squareform(dist, checks=False), method="complete"), t=1.0 - floor, criterion="distance"
    )
    return [members[labels == label] for label in np.unique(labels)]


SMALL_GRAPH = 50_000  # rows up to which components are found in numpy (scipy's import costs 0.2-0.5 s)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Each row's connected component through the edges ``(i, j)``, as a label shared by its rows alone.

    A pre-commit scan groups a few hundred sentences, where importing scipy's sparse
    graphs cost more than the whole grouping: up to ``SMALL_GRAPH`` rows, roots are hooked
    along the edges and paths halved in numpy (each row ends labelled with the smallest
    row of its component). The partition is scipy's; only the label values differ, and
    the caller keys on the partition alone.
    """
    if n > SMALL_GRAPH:
        # scipy is imported here, not at the top: the CLI reads this module's defaults at start-up.
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
        return connected_components(graph, directed=False)[1]
    root = np.arange(n)
    while True:
        # every row points at its component's root so far; an edge between two roots hooks the larger under the
        # smaller, so every component with an edge out merges each round: about log2(n) rounds at most
        ri, rj = root[i], root[j]
        apart = ri != rj
        if not apart.any():
            return root
        np.minimum.at(root, np.maximum(ri[apart], rj[apart]), np.minimum(ri[apart], rj[apart]))
        jumped = root[root]
        while not np.array_equal(jumped, root):  # each row takes its root's root, down to the roots
            root, jumped = jumped, jumped[jumped]


def _one_label(docs: np.ndarray) -> bool:
    return bool(len(docs)) and bool((docs == docs[0]).all())


def group(
    vectors: np.ndarray,
    threshold: float = DEFAULT_THRESHOLD,
    floor: float = DEFAULT_FLOOR,
    k: int = 10,
    method: str = "auto",
    labels=None,
    edges: tuple | None = None,
) -> list[np.ndarray]:
    """Index groups of mutually similar rows of ``vectors`` (unit vectors), singletons included.

    ``labels``, when given, is each row's document: rows of one document are never
    grouped with each other alone (see the module docstring), so rows that all share
    one label come back as singletons without a single comparison. ``edges`` are the
    exact neighbour edges at ``threshold`` when the caller has them (``_split``).
    """
    n = len(vectors)
    if n == 0:
        return []
    docs = None
    if labels is not None:
        docs = np.unique(np.asarray(labels), return_inverse=True)[1].reshape(-1)
        if _one_label(docs):
            return [np.array([r]) for r in range(n)]
    if edges is None:
        edges = neighbour_edges(vectors, threshold, k, method=method)
        # HNSW's edges are approximate: a stricter regrouping searches again, exactly
        exact = not _uses_hnsw(n, method)
    else:
        exact = True
    i, j, _ = edges
    component = _components(n, i, j)
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    groups: list[np.ndarray] = []
    for members in np.split(order, bounds):
        groups.extend(
            _split(
                np.sort(members), vectors, min(floor, threshold), threshold, docs, edges if exact else None, k
            )
        )
    return sorted(groups, key=lambda g: int(g[0]))


def cluster(
    sentences: list[Sentence],
    vectors: np.ndarray,
    threshold: float = DEFAULT_THRESHOLD,
    floor: float = DEFAULT_FLOOR,
    k: int = 10,
) -> list[Cluster]:
    """Clusters of sentences, numbered in order of their first sentence.

    A cluster tells sentences of different documents that state one claim; sentences
    of one document are never compared by it, so they are not grouped among themselves.
    """
    labels = [s.doc.path for s in sentences]
    return [
        Cluster(id=n, sentences=[sentences[i] for i in g])
        for n, g in enumerate(group(vectors, threshold, floor, k, labels=labels))
    ]
