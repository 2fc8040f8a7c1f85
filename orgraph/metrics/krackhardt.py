"""Graph-theoretic hierarchy over reporting edges: Krackhardt (1994), flow hierarchy, GRC.

Krackhardt's four measures (connectedness, hierarchy, efficiency, least-upper-boundedness)
are computed exactly as R's ``sna`` package (version 2.8: ``connectedness``,
``hierarchy(measure="krackhardt")``, ``efficiency``, ``lubness``) computes them, with edges
running superior → subordinate. Flow hierarchy and global reaching centrality equal
:func:`networkx.flow_hierarchy` and :func:`networkx.global_reaching_centrality` (unweighted).

None of them materialises an n × n matrix. The reachability relation is handled through
the condensation of the reporting graph (strongly connected components, one Tarjan pass
only when there is a cycle) and three facts per condensed node: the set of top (source)
components above it, which sna's LUB test reduces to; the weight of its ancestors (the
reachable pairs, for hierarchy); the weight of its descendants (for reaching centrality).
In a tree or near-tree these are inherited from the single superior in O(1); only nodes with
two or more superiors, and the nodes above them, need an explicit walk. The cost is
O(n + m) on a forest and O(n + m + Σ walks) on a near-tree; see ``BENCHMARKS.md``.

The reporting graph
-------------------
For an :class:`~orgraph.model.Organisation`: the ``line`` edges, and ``dotted`` edges unless
``dotted=False``; its nodes are every administrative node (kinds ``cao``, ``executive``,
``unit``, ``unit_group``, ``department``) plus any other node on a reporting edge (the
council above the CAO, a staff unit on a line edge). Staff units attached by ``staff``
edges, committees, and coordination bodies are outside it. An aggregate (``unit_group``)
is one node here. For any other :class:`networkx.DiGraph`: all nodes and edges.

Undefined values
----------------
Where sna divides 0 by 0 (no reachable pair for hierarchy; no weak component larger than 1
for efficiency, larger than 2 for LUB) the result is ``nan``, as in R. Where networkx raises
(no edges for flow hierarchy and reaching centrality; fewer than two nodes) the result is
``nan`` too. The records turn ``nan`` into ``None`` (JSON ``null``).

LUB: sna's code and the textbook
--------------------------------
Krackhardt (1994) asks, for every pair of members, whether they have a *least* upper
bound: a common superior that every other common superior outranks (their closest common
boss). sna's C routine ``lubness_con_R`` instead accepts a pair when some common superior
*outranks every other* common superior (a greatest element of the upper bounds), and it
counts a superior as its own upper bound (reachability with the diagonal set). The two
agree on trees and forests. They differ as soon as someone has two superiors:

* A → C, B → C, C → D: sna finds no vertex above both A and B among the upper bounds of
  (C, D) = {A, B, C} and counts a violation; the textbook's least upper bound is C.
* R → A, R → B, A → C, B → C, A → D, B → D: for (C, D) sna accepts R; the textbook finds
  two incomparable closest bosses A and B and counts a violation.

``lub(org)`` follows sna (``reading="sna"``, the default, so results match published sna
numbers); ``lub(org, reading="textbook")`` follows Krackhardt's definition. In sna terms the
test reduces exactly to "the pair has exactly one top (source) component above it", which is
what is computed. The textbook reading is exact too; it costs O(|H|²) walks where H is the
set of nodes below someone with two superiors (fine for charts, slow for a million nodes with
matrix edges high in the hierarchy).

References
----------
.. [1] Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations.
   In Carley & Prietula (eds), *Computational Organization Theory*, 89–111. Erlbaum.
.. [2] Butts, C. T. (2024). sna: Tools for Social Network Analysis, R package 2.8,
   ``R/gli.R`` and ``src/gli.c``. https://CRAN.R-project.org/package=sna
.. [3] Everett, M. & Krackhardt, D. (2012). A second look at Krackhardt's graph theoretical
   dimensions of informal organizations. *Social Networks* 34, 159–163.
.. [4] Luo, J. & Magee, C. L. (2011). Detecting evolving patterns of self-organizing
   networks by flow hierarchy measurement. *Complexity* 16(6), 53–61.
.. [5] Mones, E., Vicsek, L. & Vicsek, T. (2012). Hierarchy measure for complex networks.
   *PLoS ONE* 7(3), e33799.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

from orgraph.errors import MetricsError
from orgraph.metrics._structure import Structure, structure

__all__ = [
    "ADMIN_KINDS",
    "LUB_READINGS",
    "connectedness",
    "efficiency",
    "flow_hierarchy",
    "global_reaching_centrality",
    "hierarchy",
    "krackhardt",
    "lub",
    "reporting_nodes",
]

#: Readings of least-upper-boundedness: sna's code (default) and Krackhardt's definition.
LUB_READINGS = ("sna", "textbook")
#: Node kinds that belong to the reporting graph even without a reporting edge.
ADMIN_KINDS = frozenset({"cao", "executive", "unit", "unit_group", "department"})
NAN = math.nan


def _is_organisation(g: nx.DiGraph) -> bool:
    from orgraph.model import Organisation

    return isinstance(g, Organisation)


def _graph(org: nx.DiGraph | Structure, dotted: bool) -> tuple[list[Hashable],
                                                                 list[list[int]], int]:
    """Nodes, successor lists (int indices, no self-loops), and the number of self-loops."""
    if isinstance(org, Structure) or _is_organisation(org):
        st = structure(org)
        kind = st.kind
        edges: list[tuple[Hashable, Hashable]] = []
        for u, vs in st.children.items():
            edges.extend((u, v) for v in vs)
        if dotted:
            edges.extend(st.dotted)
        nodes = [n for n, k in kind.items() if k in ADMIN_KINDS]
        have = set(nodes)
        for u, v in edges:
            for end in (u, v):
                if end not in have:
                    have.add(end)
                    nodes.append(end)
        index = {n: i for i, n in enumerate(nodes)}
        succ: list[list[int]] = [[] for _ in nodes]
        loops = 0
        for u, v in edges:
            if u == v:
                loops += 1
            else:
                succ[index[u]].append(index[v])
        return nodes, succ, loops
    if not isinstance(org, nx.DiGraph):
        raise MetricsError(f"expected an Organisation or a networkx DiGraph, got "
                           f"{type(org).__name__}")
    if org.is_multigraph():
        raise MetricsError("hierarchy measures take a simple DiGraph, not a MultiDiGraph")
    nodes = list(org)
    index = {n: i for i, n in enumerate(nodes)}
    succ = [[] for _ in nodes]
    loops = 0
    for u, nbrs in org._succ.items():
        iu = index[u]
        for v in nbrs:
            if u == v:
                loops += 1
            else:
                succ[iu].append(index[v])
    return nodes, succ, loops


def reporting_nodes(org: nx.DiGraph, *, dotted: bool = True) -> list[Hashable]:
    """The nodes of the reporting graph the hierarchy measures are computed on.

    Examples
    --------
    >>> import orgraph
    >>> reporting_nodes(orgraph.load("examples/minimal.yaml"))
    ['radmann', 'kommunalsjef', 'skole', 'barnehager', 'kommunestyre']
    """
    return _graph(org, dotted)[0]


def _tarjan(n: int, succ: list[list[int]]) -> list[int]:
    """Strongly connected components (iterative Tarjan); returns component id per node."""
    index = [-1] * n
    low = [0] * n
    on = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    ncomp = 0
    for start in range(n):
        if index[start] != -1:
            continue
        work = [(start, 0)]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on[start] = True
        while work:
            v, i = work[-1]
            children = succ[v]
            if i < len(children):
                work[-1] = (v, i + 1)
                w = children[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on[w] = True
                    work.append((w, 0))
                elif on[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on[w] = False
                    comp[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
    return comp


def _find(parent: dict[int, int], x: int) -> int:
    """Union-find root of ``x`` in ``parent`` (absent = its own root), with path compression."""
    root = x
    while parent.get(root, root) != root:
        root = parent[root]
    while parent.get(x, x) != root:
        parent[x], x = root, parent[x]
    return root


class _Reach:
    """Reachability facts of a digraph, via its condensation, without an n × n matrix."""

    def __init__(self, n: int, succ: list[list[int]], loops: int) -> None:
        self.n = n
        self.loops = loops
        self.n_edges = sum(len(s) for s in succ)  # without self-loops
        order = self._topological(n, succ)
        if order is None:  # a cycle: condense
            comp = _tarjan(n, succ)
            k = max(comp) + 1 if n else 0
            weight = [0] * k
            for c in comp:
                weight[c] += 1
            csets: list[set[int]] = [set() for _ in range(k)]
            inside = 0
            for u in range(n):
                cu = comp[u]
                for v in succ[u]:
                    cv = comp[v]
                    if cu == cv:
                        inside += 1
                    else:
                        csets[cu].add(cv)
            self.comp = comp
            self.edges_in_cycles = inside
            succ = [list(s) for s in csets]
            n = k
            order = self._topological(n, succ)
            assert order is not None
        else:
            weight = [1] * n
            self.comp = None
            self.edges_in_cycles = 0
        self.k = n
        self.weight = weight
        self.succ = succ
        self.order = order
        self._propagate()

    @staticmethod
    def _topological(n: int, succ: list[list[int]]) -> list[int] | None:
        indeg = [0] * n
        for s in succ:
            for v in s:
                indeg[v] += 1
        order = [v for v in range(n) if indeg[v] == 0]
        i = 0
        while i < len(order):
            for v in succ[order[i]]:
                indeg[v] -= 1
                if indeg[v] == 0:
                    order.append(v)
            i += 1
        return order if len(order) == n else None

    def _propagate(self) -> None:
        k, succ, weight, order = self.k, self.succ, self.weight, self.order
        pred: list[list[int]] = [[] for _ in range(k)]
        for u in range(k):
            for v in succ[u]:
                pred[v].append(u)
        roots: list[frozenset[int] | None] = [None] * k  # source components above (incl.)
        anc_w = [0] * k  # total weight of strict ancestors
        anc_n = [0] * k  # number of strict ancestor components
        multi: list[int] = []
        interned: dict[frozenset[int], frozenset[int]] = {}
        for v in order:
            ps = pred[v]
            if not ps:
                roots[v] = frozenset((v,))
            elif len(ps) == 1:
                p = ps[0]
                roots[v] = roots[p]
                anc_w[v] = anc_w[p] + weight[p]
                anc_n[v] = anc_n[p] + 1
            else:
                multi.append(v)
                union = frozenset().union(*(roots[p] for p in ps))  # type: ignore[arg-type]
                roots[v] = interned.setdefault(union, union)
                anc = self._ancestors(v, pred)
                anc_w[v] = sum(weight[a] for a in anc)
                anc_n[v] = len(anc)
        self.pred = pred
        self.roots = roots
        self.anc_w = anc_w
        self.anc_n = anc_n
        self.multi = multi
        # U: ancestors-or-self of nodes with two or more superiors
        upper: set[int] = set()
        stack = list(multi)
        while stack:
            v = stack.pop()
            if v not in upper:
                upper.add(v)
                stack.extend(pred[v])
        desc_w = [0] * k
        for v in reversed(order):
            if v not in upper:
                total = 0
                for c in succ[v]:
                    total += weight[c] + desc_w[c]
                desc_w[v] = total
        for v in upper:
            seen = {v}
            stack = [v]
            total = 0
            while stack:
                y = stack.pop()
                for c in succ[y]:
                    if c in seen:
                        continue
                    seen.add(c)
                    if c in upper:
                        total += weight[c]
                        stack.append(c)
                    else:
                        total += weight[c] + desc_w[c]
            desc_w[v] = total
        self.desc_w = desc_w
        self.upper = upper

    @staticmethod
    def _ancestors(v: int, pred: list[list[int]]) -> set[int]:
        seen: set[int] = set()
        stack = list(pred[v])
        while stack:
            u = stack.pop()
            if u not in seen:
                seen.add(u)
                stack.extend(pred[u])
        return seen

    # ------------------------------------------------------------------ components
    def components(self) -> tuple[list[int], dict[int, list[tuple[frozenset[int], int]]]]:
        """Weak component sizes, and per component its (root set, weight) groups."""
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            return _find(parent, x)

        for v in self.multi:
            rs = list(self.roots[v])  # type: ignore[arg-type]
            a = find(rs[0])
            for r in rs[1:]:
                b = find(r)
                if a != b:
                    parent[b] = a
        group_w: dict[int, int] = {}
        group_set: dict[int, frozenset[int]] = {}
        for v in range(self.k):
            rs = self.roots[v]
            key = id(rs)
            if key in group_w:
                group_w[key] += self.weight[v]
            else:
                group_w[key] = self.weight[v]
                group_set[key] = rs  # type: ignore[assignment]
        comps: dict[int, list[tuple[frozenset[int], int]]] = {}
        for key, w in group_w.items():
            rs = group_set[key]
            comps.setdefault(find(next(iter(rs))), []).append((rs, w))
        sizes = [sum(w for _, w in groups) for groups in comps.values()]
        return sizes, comps


def _pairs(x: int) -> int:
    return x * (x - 1) // 2


def _lub_counts(comps: dict[int, list[tuple[frozenset[int], int]]]) -> tuple[int, int, int]:
    """Over weak components larger than 2: (max violations, pairs with exactly one common
    top component, pairs with none)."""
    maxv = one = zero = 0
    for groups in comps.values():
        size = sum(w for _, w in groups)
        if size <= 2:
            continue
        maxv += (size - 1) * (size - 2) // 2
        single: dict[int, int] = {}
        multis: list[tuple[frozenset[int], int]] = []
        for rs, w in groups:
            if len(rs) == 1:
                (r,) = rs
                single[r] = single.get(r, 0) + w
            else:
                multis.append((rs, w))
        total_single = sum(single.values())
        one += sum(_pairs(w) for w in single.values())
        zero += (total_single * total_single - sum(w * w for w in single.values())) // 2
        for rs, w in multis:
            covered = sum(single.get(r, 0) for r in rs)
            one += w * covered
            zero += w * (total_single - covered)
        for i, (rs, w) in enumerate(multis):
            for rs2, w2 in multis[i + 1:]:
                common = len(rs & rs2)
                if common == 1:
                    one += w * w2
                elif common == 0:
                    zero += w * w2
    return maxv, one, zero


def _textbook_extra(reach: _Reach) -> int:
    """Pairs below nodes with two superiors whose common superiors have no least element."""
    below: set[int] = set()
    stack = list(reach.multi)
    while stack:
        v = stack.pop()
        if v not in below:
            below.add(v)
            stack.extend(reach.succ[v])
    h = sorted(below)
    anc = {v: reach._ancestors(v, reach.pred) | {v} for v in h}
    bad = 0
    for i, x in enumerate(h):
        ax = anc[x]
        for y in h[i + 1:]:
            ay = anc[y]
            if x in ay or y in ax:
                continue
            common = ax & ay
            if not common:
                continue  # no common superior: counted with the pairs without one
            if not any(reach.anc_n[z] + 1 == len(common) for z in common):
                bad += reach.weight[x] * reach.weight[y]
    return bad


def _reach(org: nx.DiGraph | Structure, dotted: bool) -> _Reach:
    nodes, succ, loops = _graph(org, dotted)
    return _Reach(len(nodes), succ, loops)


def _check_reading(reading: str) -> None:
    if reading not in LUB_READINGS:
        raise MetricsError(f"unknown LUB reading '{reading}'; use one of: "
                           f"{', '.join(LUB_READINGS)}")


def _measures(reach: _Reach, reading: str = "sna") -> dict[str, float]:
    _check_reading(reading)
    n = reach.n
    sizes, comps = reach.components()
    maxlub, one, zero = _lub_counts(comps)
    if maxlub and reading != "sna":
        zero += _textbook_extra(reach)
    edges = reach.n_edges + reach.loops
    grc_sum = 0
    if not (edges == 0 or n <= 1):
        lrc = [(w - 1 + d) for w, d in zip(reach.weight, reach.desc_w, strict=False)]
        top = max(lrc)
        grc_sum = sum(w * (top - c) for w, c in zip(reach.weight, lrc, strict=False))
    return _finish(
        n, reading,
        conn_pairs=sum(_pairs(s) for s in sizes),
        mutual=sum(_pairs(w) for w in reach.weight),
        asym=sum(w * a for w, a in zip(reach.weight, reach.anc_w, strict=False)),
        required=sum(s - 1 for s in sizes), maxv=sum((s - 1) ** 2 for s in sizes),
        n_edges=reach.n_edges, maxlub=maxlub, one=one, zero=zero,
        lub_pairs=sum(_pairs(s) for s in sizes if s > 2), loops=reach.loops,
        edges_in_cycles=reach.edges_in_cycles, grc_sum=grc_sum)


def _finish(n: int, reading: str, *, conn_pairs: int, mutual: int, asym: int, required: int,
            maxv: int, n_edges: int, maxlub: int, one: int, zero: int, lub_pairs: int,
            loops: int, edges_in_cycles: int, grc_sum: int) -> dict[str, float]:
    """The six measures from exact integer aggregates (one formula for both algorithms)."""
    out: dict[str, float] = {}
    # connectedness: density of the weak reachability relation (sna connectedness_R)
    out["connectedness"] = 1.0 if n <= 1 else conn_pairs / _pairs(n)
    # hierarchy: 1 - mutual / (mutual + asymmetric) reachable dyads (sna "krackhardt")
    out["hierarchy"] = NAN if mutual + asym == 0 else 1 - mutual / (mutual + asym)
    # efficiency: 1 - (edges - required) / maximum violations (sna efficiency, diag=FALSE)
    out["efficiency"] = NAN if maxv == 0 else 1 - (n_edges - required) / maxv
    # least-upper-boundedness
    if maxlub == 0:
        out["lub"] = NAN
    else:
        violations = lub_pairs - one if reading == "sna" else zero
        out["lub"] = 1 - violations / maxlub
    # flow hierarchy (networkx): share of edges, self-loops included, on no cycle
    edges = n_edges + loops
    out["flow_hierarchy"] = (NAN if edges == 0
                             else 1 - (edges_in_cycles + loops) / edges)
    # global reaching centrality (networkx, unweighted)
    if edges == 0 or n <= 1:
        out["global_reaching_centrality"] = NAN
    else:
        out["global_reaching_centrality"] = grc_sum / (n - 1) / (n - 1)
    return out


def _edge_arrays(org: nx.DiGraph | Structure,
                 dotted: bool) -> tuple[int, np.ndarray, np.ndarray, int]:
    """Reporting graph as arrays: node count, tails, heads (compact indices, self-loops
    removed) and the number of self-loops. Reads ``_succ`` directly (see :class:`Structure`)."""
    if isinstance(org, Structure) or _is_organisation(org):
        st = structure(org)
        rel = st.rel_mask("line", "dotted") if dotted else st.rel_mask("line")
        tail, head = st.tail[rel], st.head[rel]
        keep = st.kind_mask(*ADMIN_KINDS)
        keep[tail] = True
        keep[head] = True
        new = np.cumsum(keep) - 1
        k = int(keep.sum())
        tail, head = new[tail], new[head]
    else:
        if not isinstance(org, nx.DiGraph):
            raise MetricsError(f"expected an Organisation or a networkx DiGraph, got "
                               f"{type(org).__name__}")
        if org.is_multigraph():
            raise MetricsError("hierarchy measures take a simple DiGraph, not a MultiDiGraph")
        succ = org._succ
        k = len(succ)
        index = dict(zip(succ, range(k), strict=True))
        outdeg = np.fromiter(map(len, succ.values()), dtype=np.int64, count=k)
        head = np.fromiter((index[v] for nbrs in succ.values() for v in nbrs),
                           dtype=np.int64, count=int(outdeg.sum()))
        tail = np.repeat(np.arange(k, dtype=np.int64), outdeg)
    loop = tail == head
    loops = int(loop.sum())
    if loops:
        tail, head = tail[~loop], head[~loop]
    return k, tail, head, loops


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


def _hierarchy_measures(org: nx.DiGraph | Structure, dotted: bool,
                        reading: str) -> dict[str, float]:
    """:func:`krackhardt`: the array algorithm when it applies (acyclic, sna reading),
    else :class:`_Reach` (cycles are condensed; the textbook LUB needs its walks)."""
    _check_reading(reading)
    k, tail, head, loops = _edge_arrays(org, dotted)
    if reading == "sna":
        fast = _fast_measures(k, tail, head, loops)
        if fast is not None:
            return fast
    succ: list[list[int]] = [[] for _ in range(k)]
    for u, v in zip(tail.tolist(), head.tolist(), strict=True):
        succ[u].append(v)
    return _measures(_Reach(k, succ, loops), reading)


def krackhardt(org: nx.DiGraph | Structure, *, dotted: bool = True,
               reading: str = "sna") -> dict[str, float]:
    """All six hierarchy measures at once (one pass over the reporting graph).

    Parameters
    ----------
    org : Organisation or networkx.DiGraph
    dotted : bool, default True
        Count dotted-line (matrix) reporting as reporting edges. Without them an
        organisation's line is a forest, where hierarchy, efficiency and LUB are 1.
    reading : {"sna", "textbook"}, default "sna"
        How LUB is read (see the module notes).

    Returns
    -------
    dict
        ``connectedness``, ``hierarchy``, ``efficiency``, ``lub``, ``flow_hierarchy``,
        ``global_reaching_centrality``; ``nan`` where undefined.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "b"), ("a", "c"), ("c", "d"), ("b", "d")])
    >>> {k: round(v, 3) for k, v in krackhardt(g).items()}  # doctest: +NORMALIZE_WHITESPACE
    {'connectedness': 1.0, 'hierarchy': 1.0, 'efficiency': 0.889, 'lub': 1.0,
     'flow_hierarchy': 1.0, 'global_reaching_centrality': 0.778}
    """
    return _hierarchy_measures(org, dotted, reading)


def connectedness(org: nx.DiGraph | Structure, *, dotted: bool = True) -> float:
    """Krackhardt's connectedness: the share of pairs joined by a semipath.

    Definition (sna ``connectedness``): with weak component sizes s_i over n nodes,
    Σ s_i (s_i − 1) / 2 divided by n (n − 1) / 2; 1 for n ≤ 1.

    Examples
    --------
    >>> import networkx as nx
    >>> connectedness(nx.DiGraph([("a", "b"), ("c", "d")]))  # 2 of 6 pairs
    0.3333333333333333
    """
    return krackhardt(org, dotted=dotted)["connectedness"]


def hierarchy(org: nx.DiGraph | Structure, *, dotted: bool = True) -> float:
    """Krackhardt's hierarchy: the share of reachable pairs reachable one way only.

    Definition (sna ``hierarchy(measure="krackhardt")``): on the reachability relation,
    1 − M / (M + A) with M the unordered pairs that reach each other and A the pairs where
    exactly one reaches the other; ``nan`` when no pair is reachable.

    Examples
    --------
    >>> import networkx as nx
    >>> hierarchy(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]))  # M=1, A=2
    0.6666666666666667
    """
    return krackhardt(org, dotted=dotted)["hierarchy"]


def efficiency(org: nx.DiGraph | Structure, *, dotted: bool = True) -> float:
    """Krackhardt's efficiency: how few edges beyond a spanning tree the graph has.

    Definition (sna ``efficiency``, ``diag=FALSE``): 1 − (m − Σ (s_i − 1)) / Σ (s_i − 1)²
    with m the edges and s_i the weak component sizes; ``nan`` when all components are
    single nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> efficiency(nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c")]))  # 1 extra of 4 possible
    0.75
    """
    return krackhardt(org, dotted=dotted)["efficiency"]


def lub(org: nx.DiGraph | Structure, *, dotted: bool = True, reading: str = "sna") -> float:
    """Krackhardt's least-upper-boundedness.

    Definition (sna ``lubness``): over the weak components with more than 2 nodes,
    1 − V / Σ (s_i − 1)(s_i − 2) / 2, with V the pairs lacking an upper bound of the kind
    ``reading`` names (see the module notes: sna's "common superior above all others" by
    default, Krackhardt's "closest common superior" with ``reading="textbook"``); ``nan``
    when no component has more than 2 nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("A", "C"), ("B", "C"), ("C", "D")])
    >>> lub(g), lub(g, reading="textbook")
    (0.33333333333333337, 0.6666666666666667)
    """
    return krackhardt(org, dotted=dotted, reading=reading)["lub"]


def flow_hierarchy(org: nx.DiGraph | Structure, *, dotted: bool = True) -> float:
    """Flow hierarchy: the share of edges on no cycle, as :func:`networkx.flow_hierarchy`.

    ``nan`` for a graph without edges (networkx raises).

    Examples
    --------
    >>> import networkx as nx
    >>> flow_hierarchy(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    0.33333333333333337
    """
    return krackhardt(org, dotted=dotted)["flow_hierarchy"]


def global_reaching_centrality(org: nx.DiGraph | Structure, *, dotted: bool = True) -> float:
    """Global reaching centrality, as :func:`networkx.global_reaching_centrality` (unweighted).

    Definition: with local reaching centrality c(v) = |descendants(v)| / (n − 1), the mean
    over nodes of max c − c(v), divided by n − 1 as networkx does. Computed from descendant
    counts instead of all-pairs shortest paths (networkx's O(n·m)). ``nan`` when there are
    no edges or fewer than two nodes (networkx raises).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "b"), ("a", "c"), ("c", "d")])
    >>> round(global_reaching_centrality(g), 12) == round(nx.global_reaching_centrality(g), 12)
    True
    """
    return krackhardt(org, dotted=dotted)["global_reaching_centrality"]
