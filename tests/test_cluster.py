import numpy as np

from factcheck.cluster import group, neighbour_edges


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_blocked_edges_match_brute_force():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(20, 16))
    v = unit(np.repeat(base, 3, axis=0) + 0.05 * rng.normal(size=(60, 16)))
    i, j, s = neighbour_edges(v, 0.9, k=10, block=7)
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
    from factcheck.cluster import hnsw_edges

    rng = np.random.default_rng(1)
    base = rng.normal(size=(300, 32))
    v = unit(np.repeat(base, 2, axis=0) + 0.02 * rng.normal(size=(600, 32)))
    exact = set(zip(*(a.tolist() for a in neighbour_edges(v, 0.9, method="exact")[:2])))
    i, j, w = hnsw_edges(v, 0.9)
    approx = set(zip(i.tolist(), j.tolist()))
    assert len(exact & approx) / len(exact) >= 0.99
    assert (w >= 0.9).all() and (i < j).all()  # no edge below the threshold, no self-loop, each pair once


def test_oversized_component_is_regrouped_not_compared_pairwise(monkeypatch):
    from factcheck import cluster

    monkeypatch.setattr(cluster, "MAX_COMPONENT", 10)
    rng = np.random.default_rng(2)
    # a long chain of near neighbours: one component of 60 at 0.8
    angles = np.radians(np.arange(60) * 5.0)
    v = unit(np.stack([np.cos(angles), np.sin(angles), 0.01 * rng.normal(size=60)], axis=1))
    groups = cluster.group(v, threshold=0.8, floor=0.6)
    assert all(len(g) <= 10 for g in groups) and sum(len(g) for g in groups) == 60


def test_hnsw_edges_are_the_same_from_run_to_run():
    from factcheck.cluster import hnsw_edges

    rng = np.random.default_rng(3)
    v = unit(np.repeat(rng.normal(size=(400, 24)), 3, axis=0) + 0.05 * rng.normal(size=(1200, 24)))
    first = [a.tolist() for a in hnsw_edges(v, 0.8)[:2]]
    assert all([a.tolist() for a in hnsw_edges(v, 0.8)[:2]] == first for _ in range(3))
