"""Connected groups from pairs (union-find): stories from linked documents, findings from pairwise clashes."""

from __future__ import annotations

from collections.abc import Iterable


def components(pairs: Iterable[tuple[object, object]]) -> list[list[object]]:
    """Connected groups of the items in ``pairs`` (union-find), each in first-seen order."""
    parent: dict[int, int] = {}
    items: dict[int, object] = {}
    order: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        for item in (a, b):
            if id(item) not in parent:
                parent[id(item)] = id(item)
                items[id(item)] = item
                order.append(id(item))
        parent[find(id(a))] = find(id(b))
    groups: dict[int, list[object]] = {}
    for key in order:
        groups.setdefault(find(key), []).append(items[key])
    return list(groups.values())
