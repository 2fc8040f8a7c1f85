"""The hierarchy measures of an acyclic reporting graph by array passes (numpy).

The fast path of :mod:`orgraph.metrics.krackhardt` for the sna LUB reading: a forest of
single-superior edges handled by pointer jumping, Python work only for nodes with two or
more superiors and the nodes above them.

Examples
--------
>>> from typing import NamedTuple

import numpy as np
>>> out = _fast_measures(3, np.array([0, 0]), np.array([1, 2]), 0)
>>> out["hierarchy"], out["lub"]
(1.0, 1.0)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from orgraph.metrics._hierarchy_counts import _finish, _pairs
from orgraph.metrics._reach import _find, _lub_counts

#: Weak components of the multi part: component id → (top-component set, weight) groups.
Components = dict[int, list[tuple[frozenset[int], int]]]


class _Forest(NamedTuple):
    """The forest F of the edges into nodes with one superior, per node (arrays of ``k``)."""

    up: np.ndarray  #: F-parent, -1 at an F-root
    root: np.ndarray  #: the F-root above (the node itself at a root)
    depth: np.ndarray  #: edges to the F-root
    size: np.ndarray  #: nodes in the F-subtree, the node included


def _fast_measures(k: int, tail: np.ndarray, head: np.ndarray,
                   loops: int) -> dict[str, float] | None:
    """The measures (sna LUB reading) of an acyclic reporting graph; ``None`` on a cycle.

    The graph splits into a forest F of the edges into nodes with one superior, whose roots
    are the sources and the nodes with two or more superiors ("multi" nodes). Depth in F,
    F-root and F-subtree size are array passes (pointer jumping, sizes by depth). A node's
    ancestors are its F-path plus its F-root's ancestors; its descendants are its F-subtree
    plus the F-subtrees of the multi nodes it reaches. Only multi nodes, and the nodes above
    an edge into one, get Python work: their root sets, ancestor counts and reached multi
    nodes. Exactly the quantities of :class:`_Reach`, so the results are the same.
    """
    if k == 0:
        return None
    indeg = np.bincount(head, minlength=k)
    into_single = indeg[head] == 1
    forest = _forest(k, tail[into_single], head[into_single], indeg != 1)
    if forest is None:
        return None  # a cycle of nodes with one superior each
    desc = forest.size - 1
    anc_total = int(forest.depth.sum())
    sources = np.flatnonzero(indeg == 0)
    multi = np.flatnonzero(indeg >= 2).tolist()
    comps: Components = {}
    alone = sources
    if multi:
        found = _multi_part(forest, tail[~into_single], head[~into_single], multi, desc)
        if found is None:
            return None  # a cycle through a multi node
        anc_multi, comps, involved = found
        anc_total += anc_multi
        if involved:
            alone = sources[~np.isin(sources, np.fromiter(involved, dtype=np.int64))]
    return _measures_from_counts(k, len(tail), loops, forest.size[alone], comps,
                                 anc_total, desc)


def _forest(k: int, tail: np.ndarray, head: np.ndarray, is_root: np.ndarray) -> _Forest | None:
    """The forest F of the edges ``tail → head`` (each head with this one superior), whose
    roots are the nodes ``is_root``; ``None`` when some node reaches no root (a cycle)."""
    up = np.full(k, -1, dtype=np.int64)
    up[head] = tail
    found = _roots_by_pointer_jumping(up, is_root)
    if found is None:
        return None
    root, depth = found
    return _Forest(up, root, depth, _subtree_sizes(up, depth))


def _roots_by_pointer_jumping(up: np.ndarray,
                              is_root: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Each node's root and distance to it along ``up`` (parent, -1 at a root), by pointer
    jumping (log k array passes); ``None`` when some node reaches no root (a cycle).

    Examples
    --------
    >>> root, depth = _roots_by_pointer_jumping(np.array([-1, 0, 1, 0]),
    ...                                         np.array([True, False, False, False]))
    >>> root.tolist(), depth.tolist()
    ([0, 0, 0, 0], [0, 1, 2, 1])
    >>> _roots_by_pointer_jumping(np.array([1, 0]), np.array([False, False])) is None
    True
    """
    k = len(up)
    anc = np.where(is_root, np.arange(k, dtype=np.int64), up)
    dist = (~is_root).astype(np.int64)
    for _ in range(k.bit_length() + 1):  # pointer jumping: distance to the F-root
        nxt = anc[anc]
        if np.array_equal(nxt, anc):
            break
        dist += dist[anc]
        anc = nxt
    if not is_root[anc].all():
        return None
    return anc, dist


def _subtree_sizes(up: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Nodes in each subtree of the forest ``up`` (parent, -1 at a root), the node
    included: summed level by level from the deepest.

    Examples
    --------
    >>> _subtree_sizes(np.array([-1, 0, 1, 0]), np.array([0, 1, 2, 1])).tolist()
    [4, 2, 1, 1]
    """
    size = np.ones(len(up), dtype=np.int64)
    by_depth = np.argsort(depth, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(depth))))
    for d in range(len(bounds) - 2, 0, -1):
        level = by_depth[bounds[d]:bounds[d + 1]]
        np.add.at(size, up[level], size[level])
    return size


def _multi_part(forest: _Forest, tail: np.ndarray, head: np.ndarray, multi: list[int],
                desc: np.ndarray) -> tuple[int, Components, set[int]] | None:
    """The Python work for the ``multi`` nodes, given the edges into them (``tail → head``).

    Adds to ``desc`` (descendants per node) the F-subtrees of the multi nodes each node
    above an edge into one reaches; returns the ancestor pairs the multi nodes' F-subtrees
    add, the weak components through multi nodes and the sources involved in them, or
    ``None`` on a cycle through a multi node.
    """
    upl, sz = forest.up.tolist(), forest.size.tolist()
    preds, mchild = _edges_into_multi(tail, head)
    lnodes = _multi_children_below(mchild, upl, forest.depth)
    order = _multi_order(multi, lnodes)
    if order is None:
        return None
    roots = _root_sets(order, preds, forest.root.tolist())
    anc_multi = _multi_ancestor_pairs(multi, preds, upl, sz)
    _add_reached_multi(desc, order, lnodes, sz)
    comps, involved = _weak_components(multi, roots, sz)
    return anc_multi, comps, involved


def _edges_into_multi(tail: np.ndarray,
                      head: np.ndarray) -> tuple[dict[int, list[int]], dict[int, set[int]]]:
    """The edges into multi nodes as multi node → superiors and node → multi children.

    Examples
    --------
    >>> _edges_into_multi(np.array([0, 1]), np.array([2, 2]))
    ({2: [0, 1]}, {0: {2}, 1: {2}})
    """
    preds: dict[int, list[int]] = {}
    mchild: dict[int, set[int]] = {}
    for u, v in zip(tail.tolist(), head.tolist(), strict=True):
        preds.setdefault(v, []).append(u)
        mchild.setdefault(u, set()).add(v)
    return preds, mchild


def _multi_children_below(mchild: dict[int, set[int]], upl: list[int],
                          depth: np.ndarray) -> dict[int, set[int]]:
    """For each node on an F-path up from an edge into a multi node: the direct multi
    children of its F-subtree (``upl``: F-parent, -1 at a root)."""
    lnodes: dict[int, set[int]] = {}
    for x in mchild:
        while x not in lnodes:
            lnodes[x] = set(mchild.get(x, ()))
            x = upl[x]
            if x < 0:
                break
    for v in sorted(lnodes, key=depth.__getitem__, reverse=True):
        p = upl[v]
        if p >= 0:
            lnodes[p] |= lnodes[v]
    return lnodes


def _multi_order(multi: list[int], lnodes: dict[int, set[int]]) -> list[int] | None:
    """The multi nodes in topological order (m before m' when m' is a direct multi child
    of m's F-subtree); ``None`` when a cycle through a multi node leaves some unordered.

    Examples
    --------
    >>> _multi_order([3, 5], {5: {3}})
    [5, 3]
    >>> _multi_order([3, 5], {5: {3}, 3: {5}}) is None
    True
    """
    waiting = dict.fromkeys(multi, 0)
    for a in multi:
        for b in lnodes.get(a, ()):
            waiting[b] += 1
    order = [a for a in multi if waiting[a] == 0]
    i = 0
    while i < len(order):
        for b in lnodes.get(order[i], ()):
            waiting[b] -= 1
            if waiting[b] == 0:
                order.append(b)
        i += 1
    return order if len(order) == len(multi) else None


def _root_sets(order: list[int], preds: dict[int, list[int]],
               froot: list[int]) -> dict[int, frozenset[int]]:
    """Each multi node's set of top (source) nodes above it, in topological ``order``;
    equal sets are one object."""
    roots: dict[int, frozenset[int]] = {}
    interned: dict[frozenset[int], frozenset[int]] = {}
    for a in order:
        found: set[int] = set()
        for p in preds[a]:
            r = froot[p]
            if r in roots:
                found |= roots[r]
            else:
                found.add(r)
        rs = frozenset(found)
        roots[a] = interned.setdefault(rs, rs)
    return roots


def _multi_ancestor_pairs(multi: list[int], preds: dict[int, list[int]], upl: list[int],
                          sz: list[int]) -> int:
    """Ancestor pairs a multi node adds: its ancestors (an explicit walk, as
    :class:`_Reach` does for these nodes) times its F-subtree's size."""
    total = 0
    for a in multi:
        seen: set[int] = set()
        stack = list(preds[a])
        while stack:
            u = stack.pop()
            while u >= 0 and u not in seen:
                seen.add(u)
                more = preds.get(u)
                if more is None:
                    u = upl[u]
                else:
                    stack.extend(more)
                    break
        total += len(seen) * sz[a]
    return total


def _add_reached_multi(desc: np.ndarray, order: list[int], lnodes: dict[int, set[int]],
                       sz: list[int]) -> None:
    """Set the descendants of each node in ``lnodes``: its F-subtree plus the F-subtrees of
    every multi node it reaches."""
    reached: dict[int, set[int]] = {}
    for a in reversed(order):
        mine = {a}
        for b in lnodes.get(a, ()):
            mine |= reached[b]
        reached[a] = mine
    for v, direct in lnodes.items():
        below: set[int] = set()
        for b in direct:
            below |= reached[b]
        desc[v] = sz[v] - 1 + sum(sz[x] for x in below)


def _weak_components(multi: list[int], roots: dict[int, frozenset[int]],
                     sz: list[int]) -> tuple[Components, set[int]]:
    """Weak components through multi nodes: sources joined by a multi node's root set.

    Returns component → (root set, weight) groups, a multi node's F-subtree weighing on
    its root set and a source's on itself, and the sources involved.

    Examples
    --------
    >>> comps, involved = _weak_components([2], {2: frozenset({0, 1})}, [1, 1, 3])
    >>> sorted(involved), sorted(w for groups in comps.values() for _, w in groups)
    ([0, 1], [1, 1, 3])
    """
    link: dict[int, int] = {}
    groups: dict[frozenset[int], int] = {}
    for a in multi:
        rs = roots[a]
        groups[rs] = groups.get(rs, 0) + sz[a]
    involved: set[int] = set()
    for rs in groups:
        first, *rest = rs
        involved.update(rs)
        for r in rest:
            x, y = _find(link, first), _find(link, r)
            if x != y:
                link[y] = x
    for r in involved:
        single = frozenset((r,))
        groups[single] = groups.get(single, 0) + sz[r]
    comps: Components = {}
    for rs, w in groups.items():
        comps.setdefault(_find(link, next(iter(rs))), []).append((rs, w))
    return comps, involved


def _measures_from_counts(k: int, m: int, loops: int, s_alone: np.ndarray,
                          comps: Components, anc_total: int,
                          desc: np.ndarray) -> dict[str, float]:
    """The measures of ``k`` nodes and ``m`` edges from the counts: ``s_alone`` the sizes of
    the components that are one F-tree below a source (on the arrays), ``comps`` the
    others, ``anc_total`` the ancestor pairs and ``desc`` the descendants per node."""
    big = s_alone[s_alone > 2]
    sizes = [sum(w for _, w in g) for g in comps.values()]
    maxlub, one, zero = _lub_counts(comps)
    edges = m + loops
    grc_sum = 0
    if not (edges == 0 or k <= 1):
        grc_sum = k * int(desc.max()) - int(desc.sum())
    return _finish(
        k, "sna",
        conn_pairs=int((s_alone * (s_alone - 1) // 2).sum()) + sum(_pairs(x) for x in sizes),
        mutual=0, asym=anc_total,
        required=int((s_alone - 1).sum()) + sum(x - 1 for x in sizes),
        maxv=int(((s_alone - 1) ** 2).sum()) + sum((x - 1) ** 2 for x in sizes),
        n_edges=m, maxlub=maxlub + int(((big - 1) * (big - 2) // 2).sum()),
        one=one + int((big * (big - 1) // 2).sum()), zero=zero,
        lub_pairs=int((big * (big - 1) // 2).sum()) + sum(_pairs(x) for x in sizes if x > 2),
        loops=loops, edges_in_cycles=0, grc_sum=grc_sum)
