"""The hierarchy measures of an acyclic reporting graph by array passes (numpy).

The fast path of :mod:`orgraph.metrics.krackhardt` for the sna LUB reading: a forest of
single-superior edges handled by pointer jumping, Python work only for nodes with two or
more superiors and the nodes above them.

Examples
--------
>>> import numpy as np
>>> out = _fast_measures(3, np.array([0, 0]), np.array([1, 2]), 0)
>>> out["hierarchy"], out["lub"]
(1.0, 1.0)
"""

from __future__ import annotations

import numpy as np

from orgraph.metrics._hierarchy_counts import _finish, _pairs
from orgraph.metrics._reach import _find, _lub_counts


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
    m = len(tail)
    indeg = np.bincount(head, minlength=k)
    into_single = indeg[head] == 1
    up = np.full(k, -1, dtype=np.int64)
    up[head[into_single]] = tail[into_single]
    is_root = indeg != 1
    anc = np.where(is_root, np.arange(k, dtype=np.int64), up)
    dist = (~is_root).astype(np.int64)
    for _ in range(k.bit_length() + 1):  # pointer jumping: distance to the F-root
        nxt = anc[anc]
        if np.array_equal(nxt, anc):
            break
        dist += dist[anc]
        anc = nxt
    if not is_root[anc].all():
        return None  # a cycle of nodes with one superior each
    froot, fdepth = anc, dist
    size = np.ones(k, dtype=np.int64)
    by_depth = np.argsort(fdepth, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(fdepth))))
    for d in range(len(bounds) - 2, 0, -1):
        level = by_depth[bounds[d]:bounds[d + 1]]
        np.add.at(size, up[level], size[level])
    desc = size - 1
    anc_total = int(fdepth.sum())
    sources = np.flatnonzero(indeg == 0)
    multi = np.flatnonzero(indeg >= 2).tolist()
    comps: dict[int, list[tuple[frozenset[int], int]]] = {}
    alone = sources
    if multi:
        upl, fr, sz = up.tolist(), froot.tolist(), size.tolist()
        preds: dict[int, list[int]] = {}
        mchild: dict[int, set[int]] = {}
        for u, v in zip(tail[~into_single].tolist(), head[~into_single].tolist(),
                        strict=True):
            preds.setdefault(v, []).append(u)
            mchild.setdefault(u, set()).add(v)
        # direct multi children below each node on an F-path to an edge into a multi node
        lnodes: dict[int, set[int]] = {}
        for x in mchild:
            while x not in lnodes:
                lnodes[x] = set(mchild.get(x, ()))
                x = upl[x]
                if x < 0:
                    break
        lorder = sorted(lnodes, key=fdepth.__getitem__, reverse=True)
        for v in lorder:
            p = upl[v]
            if p >= 0:
                lnodes[p] |= lnodes[v]
        # multi nodes in topological order (m -> m' when m' is a direct multi child of m's
        # F-tree); a cycle through a multi node leaves some unordered
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
        if len(order) < len(multi):
            return None
        roots: dict[int, frozenset[int]] = {}
        interned: dict[frozenset[int], frozenset[int]] = {}
        for a in order:
            found: set[int] = set()
            for p in preds[a]:
                r = fr[p]
                if r in roots:
                    found |= roots[r]
                else:
                    found.add(r)
            rs = frozenset(found)
            roots[a] = interned.setdefault(rs, rs)
        for a in multi:  # explicit ancestor walk, as _Reach does for these nodes
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
            anc_total += len(seen) * sz[a]
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
        # weak components: sources joined by a multi node's root set
        link: dict[int, int] = {}

        def find(x: int) -> int:
            return _find(link, x)

        groups: dict[frozenset[int], int] = {}
        for a in multi:
            rs = roots[a]
            groups[rs] = groups.get(rs, 0) + sz[a]
        involved: set[int] = set()
        for rs in groups:
            first, *rest = rs
            involved.update(rs)
            for r in rest:
                x, y = find(first), find(r)
                if x != y:
                    link[y] = x
        for r in involved:
            single = frozenset((r,))
            groups[single] = groups.get(single, 0) + sz[r]
        for rs, w in groups.items():
            comps.setdefault(find(next(iter(rs))), []).append((rs, w))
        if involved:
            alone = sources[~np.isin(sources, np.fromiter(involved, dtype=np.int64))]
    # components that are a single F-tree below a source, on the arrays
    s_alone = size[alone]
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
