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
