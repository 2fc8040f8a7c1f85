"""One pass over an organisation that all metrics share: kinds, line tree, dotted edges."""

from __future__ import annotations

from collections.abc import Hashable
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np

from orgraph.errors import MetricsError
from orgraph.model import acts_for_cao

__all__ = ["Structure", "structure", "weight_of"]

_LINE = "line"
_DOTTED = "dotted"
#: Kinds whose nodes are performance units (aggregates count as their ``count``).
UNIT_KINDS = frozenset({"unit", "unit_group"})
POLITICAL = frozenset({"council", "executive_committee", "main_committee", "committee",
                       "advisory_committee", "political_body"})
#: Kinds in an administration's reporting trees even without a line edge of their own.
ADMINISTRATIVE = ("cao", "executive", "department", "unit", "unit_group", "service_office")


def weight_of(data: dict[str, Any]) -> int:
    """How many units a node stands for: its ``count`` for a ``unit_group``, else 1.

    Examples
    --------
    >>> weight_of({"kind": "unit_group", "count": 3}), weight_of({"kind": "unit", "count": 3})
    (3, 1)
    >>> weight_of({"kind": "unit_group", "count": -1})  # not a count: one unit
    1
    """
    if data.get("kind") == "unit_group":
        count = data.get("count", 1)
        return count if isinstance(count, int) and count > 0 else 1
    return 1


#: The largest count of a unit group the measures add (sums stay exact in 64-bit numbers).
MAX_COUNT = 2**53


def _not_a_name(items: Any, key: str) -> MetricsError:
    """The error for the first node (or edge) whose ``key`` cannot be a name (a list, ...).

    Examples
    --------
    >>> str(_not_a_name([("a", {"kind": "unit"}), ("b", {"kind": ["unit"]})], "kind"))
    "node 'b': kind ['unit'] is not a name; give one of the chart format's kinds"
    """
    for where, d in items:
        try:
            hash(d.get(key))
        except TypeError:
            what = "node" if key == "kind" else "edge"
            return MetricsError(f"{what} {where!r}: {key} {d.get(key)!r} is not a name; give "
                                f"one of the chart format's {key}s")
    return MetricsError(f"a {key} is not a name")  # pragma: no cover - found above


def _name(org: nx.DiGraph) -> str:
    return str(org.graph.get("name", "the organisation"))


class Structure:
    """The facts of an organisation that the metrics read, gathered in one pass.

    The pass reads networkx's adjacency dicts directly (``org._succ`` and ``org._node``,
    the same dicts :func:`networkx.bfs_layers` walks) and turns them into integer arrays:
    node index (position in ``org``), kind code, weight, and every edge as (tail, head,
    relation code). Everything else is computed on those arrays with numpy; the mappings
    below are built from them only when a caller asks for them. A Structure is a snapshot:
    make a new one after changing the graph (:func:`structure` does, for a graph).

    Attributes
    ----------
    org : networkx.DiGraph
        The organisation.
    nodes : list
        The nodes, in the graph's order; ``index`` maps node → position.
    kind_code, weights : numpy.ndarray
        Per node: the code of its kind (``kind_names[code]`` is the kind value, ``None`` for
        a node without one) and how many units it stands for.
    tail, head, rel_code : numpy.ndarray
        Per edge, in adjacency order: superior index, subordinate index, relation code
        (``rel_names[code]``).
    kind : dict
        Node → kind value (``None`` for a node without one).
    parent : dict
        Node → its line superior (line edges only); only nodes that have one.
    children : dict
        Node → list of line subordinates; only nodes that have some.
    dotted : list of (superior, subordinate)
        The dotted-line edges.
    extra_superiors : dict
        Node → further line superiors beyond the first (a malformed organisation).

    Examples
    --------
    >>> import orgraph
    >>> s = Structure(orgraph.load("examples/minimal.yaml"))
    >>> s.parent["skole"], s.children["radmann"], s.dotted
    ('radmann', ['kommunalsjef', 'skole', 'barnehager'], [('kommunalsjef', 'barnehager')])
    >>> s.weights.tolist(), s.extra_superiors
    ([1, 1, 1, 1, 1, 1, 1, 1, 3, 1], {})
    """

    def __init__(self, org: nx.DiGraph) -> None:
        self.org = org
        self.name = _name(org)
        succ, node_data = org._succ, org._node
        nodes = list(succ)
        n = len(nodes)
        self.nodes = nodes
        self.n = n
        self.index: dict[Hashable, int] = dict(zip(nodes, range(n), strict=True))
        data = list(node_data.values())
        if nodes != list(node_data):  # pragma: no cover - networkx keeps both in step
            data = [node_data[u] for u in nodes]
        self.data = data
        kcodes: dict[Any, int] = {}
        try:
            self.kind_code = np.fromiter(
                (kcodes.setdefault(d.get("kind"), len(kcodes)) for d in data),
                dtype=np.int64, count=n)
        except TypeError:  # a kind that is a list or a mapping: say which node
            raise _not_a_name(zip(nodes, data, strict=True), "kind") from None
        self.kind_names: list[Any] = list(kcodes)
        self._kcodes = kcodes
        outdeg = np.fromiter(map(len, succ.values()), dtype=np.int64, count=n)
        m = int(outdeg.sum())
        self.n_edges = m
        index = self.index
        self.head = np.fromiter((index[v] for nbrs in succ.values() for v in nbrs),
                                dtype=np.int64, count=m)
        self.tail = np.repeat(np.arange(n, dtype=np.int64), outdeg)
        rcodes: dict[Any, int] = {}
        try:
            self.rel_code = np.fromiter(
                (rcodes.setdefault(d.get("relation"), len(rcodes))
                 for nbrs in succ.values() for d in nbrs.values()), dtype=np.int64, count=m)
        except TypeError:
            raise _not_a_name((((u, v), d) for u, nbrs in succ.items()
                               for v, d in nbrs.items()), "relation") from None
        self._rcodes = rcodes
        self.rel_names: list[Any] = list(rcodes)
        weights = np.ones(n, dtype=np.int64)
        for i in np.flatnonzero(self.kind_code == kcodes.get("unit_group", -1)).tolist():
            weight = weight_of(data[i])
            if weight > MAX_COUNT:
                raise MetricsError(f"node {nodes[i]!r}: a count of {weight} units is more than "
                                   f"the {MAX_COUNT:,} the measures can add up; check the file")
            weights[i] = weight
        self.weights = weights
        line = self.rel_mask(_LINE)
        self.line_tail = self.tail[line]
        self.line_head = self.head[line]
        self.n_superiors = np.bincount(self.line_head, minlength=n)
        self.line_deg = np.bincount(self.line_tail, minlength=n)
        #: CSR of line subordinates: those of node i are line_head[indptr[i]:indptr[i+1]]
        #: (edges come tail by tail in node order, so the line edges already are sorted).
        self.line_indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(self.line_deg, out=self.line_indptr[1:])
        self.memo: dict[Any, Any] = {}
        self._cycle_checked = False

    # ----------------------------------------------------------------- arrays
    def kind_mask(self, *kinds: Any) -> np.ndarray:
        """Boolean array: the nodes whose kind is one of ``kinds``."""
        codes = [self._kcodes[k] for k in kinds if k in self._kcodes]
        if not codes:
            return np.zeros(self.n, dtype=bool)
        if len(codes) == 1:
            return self.kind_code == codes[0]
        return np.isin(self.kind_code, codes)

    def rel_mask(self, *relations: Any) -> np.ndarray:
        """Boolean array over the edges: those whose relation is one of ``relations``."""
        codes = [self._rcodes[r] for r in relations if r in self._rcodes]
        if not codes:
            return np.zeros(self.n_edges, dtype=bool)
        if len(codes) == 1:
            return self.rel_code == codes[0]
        return np.isin(self.rel_code, codes)

    def kind_of(self, node: Hashable) -> Any:
        """The kind value of ``node`` (``None`` when it has none or is not in the graph)."""
        i = self.index.get(node)
        return None if i is None else self.kind_names[self.kind_code[i]]

    def line_children_of(self, frontier: np.ndarray) -> np.ndarray:
        """The line subordinates of the nodes in ``frontier``, in breadth-first order."""
        if len(frontier) == 1:  # a chain's level: one slice, not five array operations
            i = int(frontier[0])
            return self.line_head[self.line_indptr[i]:self.line_indptr[i + 1]]
        deg = self.line_deg[frontier]
        total = int(deg.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        starts = self.line_indptr[frontier]
        ends = np.cumsum(deg)
        offsets = np.repeat(starts - (ends - deg), deg)
        return self.line_head[offsets + np.arange(total, dtype=np.int64)]

    def line_levels(self, root: int) -> list[np.ndarray]:
        """The line tree below node index ``root`` as breadth-first levels (tree checked)."""
        self.require_line_tree()
        return self.cached(("line_levels", root), lambda: self._line_levels([root]))

    def _line_levels(self, start: list[int]) -> list[np.ndarray]:
        levels = [np.asarray(start, dtype=np.int64)]
        while True:
            nxt = self.line_children_of(levels[-1])
            if not len(nxt):
                return levels
            levels.append(nxt)
            if len(levels) > self.n + 1:  # only a cycle gets here; callers check first
                raise MetricsError(f"{self.name}: reporting cycle")

    # ------------------------------------------------------------ mappings (lazy)
    @cached_property
    def kind(self) -> dict[Hashable, Any]:
        names = self.kind_names
        return dict(zip(self.nodes, (names[c] for c in self.kind_code.tolist()), strict=True))

    @cached_property
    def counts(self) -> dict[Hashable, int]:
        nodes, w = self.nodes, self.weights
        return {nodes[i]: int(w[i])
                for i in np.flatnonzero(self.kind_mask("unit_group")).tolist()}

    @cached_property
    def parent(self) -> dict[Hashable, Hashable]:
        nodes = self.nodes
        parent: dict[Hashable, Hashable] = {}
        for u, v in zip(self.line_tail.tolist(), self.line_head.tolist(), strict=True):
            if nodes[v] not in parent:
                parent[nodes[v]] = nodes[u]
        return parent

    @cached_property
    def children(self) -> dict[Hashable, list[Hashable]]:
        nodes = self.nodes
        children: dict[Hashable, list[Hashable]] = {}
        for u, v in zip(self.line_tail.tolist(), self.line_head.tolist(), strict=True):
            if nodes[u] in children:
                children[nodes[u]].append(nodes[v])
            else:
                children[nodes[u]] = [nodes[v]]
        return children

    @cached_property
    def dotted(self) -> list[tuple[Hashable, Hashable]]:
        mask = self.rel_mask(_DOTTED)
        nodes = self.nodes
        return [(nodes[u], nodes[v]) for u, v in
                zip(self.tail[mask].tolist(), self.head[mask].tolist(), strict=True)]

    @cached_property
    def extra_superiors(self) -> dict[Hashable, list[Hashable]]:
        extra: dict[Hashable, list[Hashable]] = {}
        if not len(self.n_superiors) or self.n_superiors.max() <= 1:
            return extra
        nodes = self.nodes
        seen: set[int] = set()
        for u, v in zip(self.line_tail.tolist(), self.line_head.tolist(), strict=True):
            if v in seen:
                extra.setdefault(nodes[v], []).append(nodes[u])
            else:
                seen.add(v)
        return extra

    # ----------------------------------------------------------------- lookups
    def weight(self, node: Hashable) -> int:
        """How many units ``node`` stands for (its ``count`` when it is a ``unit_group``)."""
        i = self.index.get(node)
        return 1 if i is None else int(self.weights[i])

    def indices_of(self, kind: str) -> np.ndarray:
        """Node indices of ``kind``, in the graph's order (computed once per Structure)."""
        return self.cached(("indices_of", kind),
                           lambda: np.flatnonzero(self.kind_mask(kind)))

    def nodes_of(self, *kinds: str) -> list[Hashable]:
        """The nodes of the given kinds, grouped by kind in the order given, each group in
        insertion order."""
        nodes = self.nodes
        return [nodes[i] for k in dict.fromkeys(kinds) for i in self.indices_of(k).tolist()]

    def cached(self, key: Any, func: Any) -> Any:
        """``func()``, computed once per Structure (a Structure is a snapshot of the graph)."""
        if key not in self.memo:
            self.memo[key] = func()
        return self.memo[key]

    def single(self, kind: str, what: str) -> Hashable:
        """The one node of ``kind``; a :class:`MetricsError` when there is none or several."""
        found = self.nodes_of(kind)
        if not found:
            raise MetricsError(f"{self.name}: has no {what} (a node of kind '{kind}'); "
                               f"add one to measure from it")
        if len(found) > 1:
            raise MetricsError(f"{self.name}: has {len(found)} nodes of kind '{kind}' "
                               f"({', '.join(map(str, found[:5]))}); keep one {what}")
        return found[0]

    def cao(self) -> Hashable:
        """The chief administrative officer; :class:`MetricsError` when absent or ambiguous."""
        return self.single("cao", "CAO (rådmann)")

    def council(self) -> Hashable:
        """The municipal council; :class:`MetricsError` when absent or ambiguous."""
        return self.single("council", "municipal council")

    def heads(self) -> list[Hashable]:
        """The organisation's head(s): see :mod:`orgraph.metrics.generic`."""
        return self.cached("heads", self._heads)

    def _heads(self) -> list[Hashable]:
        caos = self.nodes_of("cao")
        if caos:
            return caos
        political = self.kind_mask(*POLITICAL)
        parent = np.full(self.n, -1, dtype=np.int64)
        parent[self.line_head] = self.line_tail
        top = parent < 0  # no line superior, or only a political one
        top[~top] = political[parent[~top]]
        eligible = (self.kind_mask(*ADMINISTRATIVE) | (self.line_deg > 0)
                    | (self.n_superiors > 0))
        nodes = self.nodes
        return [nodes[i] for i in np.flatnonzero(top & eligible & ~political).tolist()]

    def head_levels(self) -> list[list[np.ndarray]]:
        """Per head: its line tree as breadth-first levels (tree checked)."""
        def compute() -> list[list[np.ndarray]]:
            self.require_line_tree()
            return [self.line_levels(self.index[h]) for h in self.heads()]
        return self.cached("head_levels", compute)

    def acts_for_cao(self, node: Hashable) -> bool:
        """Whether ``node`` is an executive post acting on the CAO's behalf."""
        if self.kind_of(node) != "executive":
            return False
        return acts_for_cao(self.data[self.index[node]])

    # ----------------------------------------------------------------- checks
    def require_line_tree(self) -> None:
        """Raise :class:`MetricsError` if line reporting has two superiors or a cycle."""
        if self.extra_superiors:
            node, sups = next(iter(self.extra_superiors.items()))
            sups = [self.parent[node], *sups]
            raise MetricsError(
                f"{self.name}: node '{node}' has {len(sups)} line superiors "
                f"({', '.join(map(str, sups))}); line-based metrics need one: declare the "
                f"others as dotted-line reporting")
        if self._cycle_checked:
            return
        # every node reachable from a node without a line superior is acyclic; the check
        # runs level by level on the arrays, the Python walk below only names the cycle
        has_sup = self.n_superiors > 0
        in_line = (self.line_deg > 0) | has_sup
        roots = np.flatnonzero((self.line_deg > 0) & ~has_sup)
        reached = 0
        frontier = roots
        while len(frontier):
            reached += len(frontier)
            frontier = self.line_children_of(frontier)
        if reached == int(in_line.sum()):
            self._cycle_checked = True
            return
        seen = 0
        stack = [n for n in self.children if n not in self.parent]
        children = self.children
        while stack:
            node = stack.pop()
            seen += 1
            stack.extend(children.get(node, ()))
        in_line = set(self.children) | set(self.parent)
        if seen != len(in_line):
            reached: set[Hashable] = set()
            stack = [n for n in self.children if n not in self.parent]
            while stack:
                node = stack.pop()
                reached.add(node)
                stack.extend(children.get(node, ()))
            start = next(n for n in in_line if n not in reached)
            path = [start]
            node = self.parent[start]
            while node not in path:
                path.append(node)
                node = self.parent[node]
            cycle = path[path.index(node):]
            cycle.reverse()
            text = " → ".join(map(str, [*cycle, cycle[0]]))
            raise MetricsError(f"{self.name}: reporting cycle {text}; line-based metrics need "
                               f"a hierarchy: break the cycle")
        self._cycle_checked = True


def structure(org: nx.DiGraph | Structure) -> Structure:
    """Return ``org``'s :class:`Structure` (``org`` itself when it already is one).

    Raises
    ------
    MetricsError
        ``org`` is not a networkx DiGraph.

    Examples
    --------
    >>> import orgraph
    >>> s = structure(orgraph.load("examples/minimal.yaml"))
    >>> structure(s) is s, s.n, s.kind["barnehager"]
    (True, 10, 'unit_group')
    >>> structure([1, 2])
    Traceback (most recent call last):
    orgraph.errors.MetricsError: expected an Organisation (a networkx DiGraph), got list
    """
    if isinstance(org, Structure):
        return org
    if not isinstance(org, nx.DiGraph):
        raise MetricsError(f"expected an Organisation (a networkx DiGraph), got "
                           f"{type(org).__name__}")
    return Structure(org)
