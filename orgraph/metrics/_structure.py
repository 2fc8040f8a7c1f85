"""One pass over an organisation that all metrics share: kinds, line tree, dotted edges."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from orgraph.errors import MetricsError

__all__ = ["Structure", "structure", "weight_of"]

_LINE = "line"
_DOTTED = "dotted"
#: Kinds whose nodes are performance units (aggregates count as their ``count``).
UNIT_KINDS = frozenset({"unit", "unit_group"})
POLITICAL = frozenset({"council", "executive_committee", "main_committee", "committee",
                       "advisory_committee", "political_body"})


def weight_of(data: dict[str, Any]) -> int:
    """How many units a node stands for: its ``count`` for a ``unit_group``, else 1."""
    if data.get("kind") == "unit_group":
        count = data.get("count", 1)
        return count if isinstance(count, int) and count > 0 else 1
    return 1


def _name(org: nx.DiGraph) -> str:
    return str(org.graph.get("name", "the organisation"))


class Structure:
    """The facts of an organisation that the metrics read, gathered in one pass.

    Attributes
    ----------
    org : networkx.DiGraph
        The organisation.
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
    """

    def __init__(self, org: nx.DiGraph) -> None:
        self.org = org
        self.name = _name(org)
        self.kind: dict[Hashable, str | None] = {}
        self.by_kind: dict[str | None, list[Hashable]] = {}
        self.counts: dict[Hashable, int] = {}
        for n, d in org._node.items():
            k = d.get("kind")
            self.kind[n] = k
            if k in self.by_kind:
                self.by_kind[k].append(n)
            else:
                self.by_kind[k] = [n]
            if k == "unit_group":
                self.counts[n] = weight_of(d)
        self.memo: dict[Any, Any] = {}
        self.parent: dict[Hashable, Hashable] = {}
        self.children: dict[Hashable, list[Hashable]] = {}
        self.dotted: list[tuple[Hashable, Hashable]] = []
        self.extra_superiors: dict[Hashable, list[Hashable]] = {}
        self.n_edges = 0
        parent, children = self.parent, self.children
        for u, nbrs in org._succ.items():
            for v, d in nbrs.items():
                rel = d.get("relation")
                if rel == _LINE:
                    if v in parent:
                        self.extra_superiors.setdefault(v, []).append(u)
                    else:
                        parent[v] = u
                    if u in children:
                        children[u].append(v)
                    else:
                        children[u] = [v]
                elif rel == _DOTTED:
                    self.dotted.append((u, v))
        self._cycle_checked = False

    # ----------------------------------------------------------------- lookups
    def weight(self, node: Hashable) -> int:
        """How many units ``node`` stands for (its ``count`` when it is a ``unit_group``)."""
        return self.counts.get(node, 1)

    def nodes_of(self, *kinds: str) -> list[Hashable]:
        """The nodes of the given kinds, grouped by kind in the order given, each group in
        insertion order."""
        if len(kinds) == 1:
            return list(self.by_kind.get(kinds[0], ()))
        return [n for k in dict.fromkeys(kinds) for n in self.by_kind.get(k, ())]

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

    def acts_for_cao(self, node: Hashable) -> bool:
        """Whether ``node`` is an executive post acting on the CAO's behalf."""
        if self.kind.get(node) != "executive":
            return False
        data = self.org.nodes[node]
        if "acts_for_cao" in data:
            return bool(data["acts_for_cao"])
        return data.get("role") != "sector_chief"

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
        # every node reachable from a node without a line superior is acyclic
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
    """Return ``org``'s :class:`Structure` (``org`` itself when it already is one)."""
    if isinstance(org, Structure):
        return org
    if not isinstance(org, nx.DiGraph):
        raise MetricsError(f"expected an Organisation (a networkx DiGraph), got "
                           f"{type(org).__name__}")
    return Structure(org)
