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

from collections.abc import Hashable

import networkx as nx
import numpy as np

from orgraph.errors import MetricsError
from orgraph.metrics._hierarchy_arrays import _fast_measures
from orgraph.metrics._hierarchy_counts import _finish, _pairs
from orgraph.metrics._reach import _lub_counts, _Reach, _textbook_extra
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
