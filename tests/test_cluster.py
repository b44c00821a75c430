import numpy as np
import pytest

from factcheck.group.cluster import _components, group, neighbour_edges


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_blocked_edges_match_brute_force():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(20, 16))
    v = unit(np.repeat(base, 3, axis=0) + 0.05 * rng.normal(size=(60, 16)))
    i, j, s = neighbour_edges(v, 0.9, k=10, tile=7)
    full = v @ v.T
    expected = {(a, b) for a in range(60) for b in range(a + 1, 60) if full[a, b] >= 0.9}
    assert set(zip(i.tolist(), j.tolist())) == expected


def test_groups_are_near_duplicates_and_singletons_stay():
    v = unit([[1, 0, 0], [0.99, 0.05, 0], [0, 1, 0], [0, 0, 1]])
    assert [g.tolist() for g in group(v, threshold=0.9)] == [[0, 1], [2], [3]]


def test_chaining_is_split():
    # a~b and b~c pass the threshold, but a and c are far apart: not one claim
    angles = np.radians([0, 35, 70])
    v = unit(np.stack([np.cos(angles), np.sin(angles)], axis=1))
    groups = group(v, threshold=0.8, floor=0.6)
    assert all(len(g) < 3 for g in groups)
    assert sum(len(g) for g in groups) == 3


def test_hnsw_finds_the_exact_edges_on_clear_neighbours():
    from factcheck.group.cluster import hnsw_edges

    rng = np.random.default_rng(1)
    base = rng.normal(size=(300, 32))
    v = unit(np.repeat(base, 2, axis=0) + 0.02 * rng.normal(size=(600, 32)))
    exact = set(zip(*(a.tolist() for a in neighbour_edges(v, 0.9, method="exact")[:2])))
    i, j, w = hnsw_edges(v, 0.9)
    approx = set(zip(i.tolist(), j.tolist()))
    assert len(exact & approx) / len(exact) >= 0.99
    assert (w >= 0.9).all() and (i < j).all()  # no edge below the threshold, no self-loop, each pair once


def test_oversized_component_is_regrouped_not_compared_pairwise(monkeypatch):
    from factcheck.group import cluster

    monkeypatch.setattr(cluster, "MAX_COMPONENT", 10)
    rng = np.random.default_rng(2)
    # a long chain of near neighbours: one component of 60 at 0.8
    angles = np.radians(np.arange(60) * 5.0)
    v = unit(np.stack([np.cos(angles), np.sin(angles), 0.01 * rng.normal(size=60)], axis=1))
    groups = cluster.group(v, threshold=0.8, floor=0.6)
    assert all(len(g) <= 10 for g in groups) and sum(len(g) for g in groups) == 60


def test_hnsw_edges_are_the_same_from_run_to_run():
    from factcheck.group.cluster import hnsw_edges

    rng = np.random.default_rng(3)
    v = unit(np.repeat(rng.normal(size=(400, 24)), 3, axis=0) + 0.05 * rng.normal(size=(1200, 24)))
    first = [a.tolist() for a in hnsw_edges(v, 0.8)[:2]]
    assert all([a.tolist() for a in hnsw_edges(v, 0.8)[:2]] == first for _ in range(3))


def reference_edges(v, threshold, k=10, block=64):
    """The exact search as it was before the tiled one: row blocks against all rows, then argpartition per row."""
    n = len(v)
    rows, cols = [], []
    for start in range(0, n, block):
        stop = min(start + block, n)
        s = v[start:stop] @ v.T
        s[np.arange(stop - start), np.arange(start, stop)] = -1.0
        top = np.argpartition(s, n - k, axis=1)[:, n - k :]
        keep = np.take_along_axis(s, top, axis=1) >= threshold
        rows.append(np.repeat(np.arange(start, stop), k).reshape(-1, k)[keep])
        cols.append(top[keep])
    i, j = np.concatenate(rows), np.concatenate(cols)
    return {(min(a, b), max(a, b)) for a, b in zip(i.tolist(), j.tolist())}


def clustered(n, d, sigma, seed):
    """The issue's independent shape: n/8 random unit centres, each row a centre plus Gaussian noise, renormalised."""
    rng = np.random.default_rng(seed)
    centres = unit(rng.normal(size=(max(1, n // 8), d)))
    return unit(centres[rng.integers(0, len(centres), n)] + rng.normal(0, sigma, (n, d)))


@pytest.mark.parametrize("tile", [37, 256, 2048])
@pytest.mark.parametrize("sigma", [0.02, 0.045, 0.08])
def test_tiled_exact_edges_equal_the_previous_exact_search(tile, sigma):
    # 64-d, so that at these noise levels some rows have many neighbours above 0.8, some a few and some none;
    # the small tiles cut candidates back to the top k many times over.
    v = clustered(1500, 64, sigma, seed=4)
    i, j, w = neighbour_edges(v, 0.8, k=10, tile=tile, method="exact")
    assert set(zip(i.tolist(), j.tolist())) == reference_edges(v, 0.8)
    assert np.allclose(w, (v[i] * v[j]).sum(axis=1), atol=1e-5) and (i < j).all()


def test_tiled_exact_groups_equal_the_previous_exact_search_on_near_copies(monkeypatch):
    # the bench's tiled shape: a base set and noisy copies of it, so each row has several near-copies
    from factcheck.group import cluster

    rng = np.random.default_rng(5)
    base = unit(rng.normal(size=(300, 48)))
    v = unit(np.concatenate([base + (0 if c == 0 else rng.normal(0, 0.015, base.shape)) for c in range(14)]))
    expected = reference_edges(v, 0.8)
    i, j, _ = neighbour_edges(v, 0.8, tile=500, method="exact")
    assert set(zip(i.tolist(), j.tolist())) == expected
    ours = [g.tolist() for g in group(v, threshold=0.8)]

    def previous(vectors, threshold, k=10, tile=None, int8=None):
        pairs = np.array(sorted(reference_edges(vectors, threshold, k)), dtype=np.int64).reshape(-1, 2)
        return pairs[:, 0], pairs[:, 1], np.ones(len(pairs), dtype=np.float32)

    monkeypatch.setattr(cluster, "exact_edges", previous)
    assert ours == [g.tolist() for g in group(v, threshold=0.8)]
    assert len(ours) < len(v) // 2  # the copies did group


def test_identical_rows_beyond_k_form_one_group():
    # 25 copies of one sentence: equal similarities at the k-th place are settled by the lower index, so
    # every copy links to the first copies and none is left out
    rng = np.random.default_rng(6)
    v = unit(np.concatenate([np.repeat(rng.normal(size=(1, 32)), 25, axis=0), rng.normal(size=(40, 32))]))
    groups = [g.tolist() for g in group(v, threshold=0.9, k=10)]
    assert list(range(25)) in groups


def test_exact_edges_below_zero_threshold_match_brute_force():
    # the fast sort key assumes positive similarities; a threshold at or below zero takes the general sort
    rng = np.random.default_rng(7)
    v = unit(rng.normal(size=(120, 8)))
    assert set(
        zip(*(a.tolist() for a in neighbour_edges(v, -0.2, k=5, tile=50, method="exact")[:2]))
    ) == reference_edges(v, -0.2, k=5)


@pytest.mark.parametrize("tile", [37, 512])
@pytest.mark.parametrize("sigma", [0.02, 0.045, 0.08])
@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.95])
def test_int8_tiles_give_the_float32_edges(tile, sigma, threshold):
    # int8 products only rule rows out, with a proven error bound: the edges must be exactly the float32
    # search's, including the top-k cut on rows with many neighbours
    from factcheck.group.cluster import exact_edges

    v = clustered(1500, 64, sigma, seed=8)
    fp32 = exact_edges(v, threshold, k=10, tile=tile, int8=False)
    int8 = exact_edges(v, threshold, k=10, tile=tile, int8=True)
    assert len(fp32[0]) > 0 or threshold == 0.95  # a few rows have many neighbours, some none
    assert_same_edges(v, fp32, int8, k=10)


def assert_same_edges(v, ours, other, k):
    """The same edges, but where a row's k-th neighbour ties within float32 rounding: a sub-block's product may
    round the last bit differently from the whole tile's, and then the tie may fall the other way."""
    a = set(zip(ours[0].tolist(), ours[1].tolist()))
    b = set(zip(other[0].tolist(), other[1].tolist()))
    sims = v @ v.T
    for i, j in a ^ b:
        for row in (i, j):
            kth = np.sort(sims[row][np.arange(len(v)) != row])[-k]
            if abs(sims[i, j] - kth) < 1e-5:
                break
        else:
            raise AssertionError(f"edge {(i, j)} differs and is no tie at the k-th place")
    assert len(a ^ b) <= max(2, len(a) // 500)


def test_int8_tiles_are_not_fooled_by_a_dominant_dimension():
    # one large component per row makes int8's step coarse for the rest: the bound must widen, not lose pairs
    rng = np.random.default_rng(9)
    base = rng.normal(0, 0.05, size=(200, 384))
    base[:, 0] = 1.0
    v = unit(np.repeat(base, 2, axis=0) + rng.normal(0, 0.01, (400, 384)))
    from factcheck.group.cluster import exact_edges

    for threshold in (0.9, 0.99, 0.999):
        fp32 = exact_edges(v, threshold, tile=64, int8=False)
        int8 = exact_edges(v, threshold, tile=64, int8=True)
        assert np.array_equal(fp32[0], int8[0]) and np.array_equal(fp32[1], int8[1])


def test_int8_bound_holds_for_every_pair():
    # the stated bound |x·y - x̂·ŷ| <= |x̂||e_y| + |e_x||y|, checked on all pairs of a random set
    from factcheck.group.int8_products import Int8Vectors

    rng = np.random.default_rng(10)
    v = unit(rng.normal(size=(300, 384)))
    q = Int8Vectors(v, tile=300)
    coarse = q.products(0, 300, 0) * q.scale[:, None] * q.column_scale[0]
    bound = q.approx_norm[:, None] * q.column_error[0] + q.error[:, None] * q.column_norm[0]
    assert (np.abs(v @ v.T - coarse) <= bound).all()
    assert bound.max() < 0.06  # and it is tight enough to prune: 7-bit steps on 384-d unit vectors


def test_int8_gives_way_to_float32_where_most_rows_are_hot(monkeypatch):
    # near-copies everywhere: int8 rules out few rows, so the search drops it and stays exact
    from factcheck.group import cluster

    calls = []
    real = cluster._hot_rows
    monkeypatch.setattr(cluster, "_hot_rows", lambda *a: calls.append(1) or real(*a))
    v = clustered(3000, 64, 0.02, seed=11)
    # at 0.2 in 64 dimensions, nearly every row has some pair above the threshold in every tile
    fp32 = cluster.exact_edges(v, 0.2, tile=50, int8=False)
    int8 = cluster.exact_edges(v, 0.2, tile=50, int8=True)
    assert_same_edges(v, fp32, int8, k=10)
    tiles = sum(1 for a in range(0, 3000, 50) for b in range(a, 3000, 50))
    assert 8 <= len(calls) < tiles


def brute_top_k(v, threshold, k):
    """Each row's k best at or above the threshold, equal similarities settled by the lower index: the edges."""
    sims = v @ v.T
    edges = set()
    for r in range(len(v)):
        ranked = sorted((-sims[r, c], c) for c in range(len(v)) if c != r and sims[r, c] >= threshold)
        edges |= {(min(r, c), max(r, c)) for _, c in ranked[:k]}
    return edges


def test_rows_with_many_equal_neighbours_keep_the_lowest_across_tiles():
    # 60 exact copies of two directions (products exactly 1 and 0 whatever the tiling): every row is offered far
    # more than k candidates in every tile, and its bar rises to 1 after the first; the k kept must still be the
    # lowest indices, as one sort over all candidates would keep them
    v = np.zeros((120, 8), dtype=np.float32)
    v[np.arange(120) % 2 == 0, 0] = 1.0
    v[np.arange(120) % 2 == 1, 1] = 1.0
    for tile in (7, 16, 2048):
        i, j, w = neighbour_edges(v, 0.9, k=3, tile=tile, method="exact")
        assert set(zip(i.tolist(), j.tolist())) == brute_top_k(v, 0.9, 3) and (w == 1).all()


def test_near_copies_by_the_hundred_give_the_brute_force_edges():
    # the r25 shape: every row near-identical to every other, so each tile offers every row hundreds of candidates
    rng = np.random.default_rng(12)
    v = unit(rng.normal(size=(1, 32)) + 0.02 * rng.normal(size=(400, 32)))
    i, j, _ = neighbour_edges(v, 0.8, k=5, tile=64, method="exact")
    assert set(zip(i.tolist(), j.tolist())) == brute_top_k(v, 0.8, 5)


def test_an_oversized_component_is_regrouped_from_its_own_edges(monkeypatch):
    # at a stricter threshold a row's k best are the first of its k best at the looser one: filtering the
    # component's edges gives the groups a second search would
    from factcheck.group import cluster

    monkeypatch.setattr(cluster, "MAX_COMPONENT", 40)
    rng = np.random.default_rng(13)
    base = rng.normal(size=(3, 24))  # three components of about 200 at 0.5, regrouped until they fit
    v = unit(base[rng.integers(0, 3, 600)] + 0.2 * rng.normal(size=(600, 24)))
    ours = [g.tolist() for g in cluster.group(v, threshold=0.5, floor=0.4)]
    searched = []
    real_split, real_edges = cluster._split, cluster.neighbour_edges
    monkeypatch.setattr(
        cluster,
        "_split",
        lambda members, vectors, floor, threshold, docs=None, edges=None, k=10: real_split(
            members, vectors, floor, threshold, docs, None, k
        ),
    )
    monkeypatch.setattr(
        cluster, "neighbour_edges", lambda v, *a, **kw: searched.append(len(v)) or real_edges(v, *a, **kw)
    )
    assert [g.tolist() for g in cluster.group(v, threshold=0.5, floor=0.4)] == ours
    assert len(searched) > 1 and max(map(len, ours)) > 10  # the comparison did search again; groups did form


def test_one_documents_rows_are_never_compared():
    # only sentences of different documents are read as one claim: one document's rows stay singletons, and a
    # component of one document's rows is not split
    from factcheck.group import cluster

    v = unit(np.ones((6, 4)) + 0.01 * np.arange(24).reshape(6, 4))
    assert [g.tolist() for g in group(v, labels=["a"] * 6)] == [[r] for r in range(6)]
    mixed = [g.tolist() for g in group(v, labels=["a"] * 5 + ["b"])]
    assert mixed == [g.tolist() for g in group(v)] == [list(range(6))]
    apart = unit(np.concatenate([v, -v]))  # two components: one of "a" alone, one of "a" and "b"
    labels = ["a"] * 6 + ["a"] * 5 + ["b"]
    assert [g.tolist() for g in cluster.group(apart, labels=labels)] == [
        [0],
        [1],
        [2],
        [3],
        [4],
        [5],
        list(range(6, 12)),
    ]


def test_components_found_in_numpy_are_scipys():
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(7)
    graphs = [
        (n, rng.integers(0, n, m), rng.integers(0, n, m)) for n, m in ((1, 0), (5, 0), (300, 200), (300, 900))
    ]
    chain = rng.permutation(5000)
    graphs.append((5000, chain[:-1], chain[1:]))  # one long path: still a few rounds, not one per row
    for n, i, j in graphs:
        ours = _components(n, i, j)
        theirs = connected_components(coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n)), directed=False)[1]
        # the same partition: each of our labels is one of scipy's, and the other way round
        assert len(set(zip(ours, theirs))) == len(set(ours)) == len(set(theirs))
