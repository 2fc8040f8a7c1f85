"""Undirected graphs (DOT ``graph { a -- b }``, GraphML ``edgedefault="undirected"``) as
reporting lines: directed downwards from a stated top, or refused with the way to direct them.

An undirected edge does not say which end is the superior. Given the top (``--top ID``),
each edge is directed away from it, level by level (a breadth-first walk, no recursion);
without one, a strict reading refuses the file and a lenient one reads each edge as written,
first end the superior, and reports that repair.
"""

from __future__ import annotations

from collections import deque
from typing import Any
from xml.etree import ElementTree

import networkx as nx

from orgraph.errors import ChartError, Problem
from orgraph.formats._report import Report

__all__ = ["HOW_TO_DIRECT", "directed", "merge_pairs", "orient", "read_as_written"]

HOW_TO_DIRECT = ("name the top with --top ID (each edge is then directed away from it), or "
                 "write a directed graph (digraph, superior -> subordinate)")

Edge = tuple[str, str, dict[str, Any]]


def merge_pairs(edges: list[Edge]) -> list[Edge]:
    """A strict undirected graph's edges, one per pair of ends (``a -- b`` is ``b -- a``),
    the attributes of repeats merged into the first, as Graphviz does.

    Examples
    --------
    >>> merge_pairs([("a", "b", {}), ("b", "a", {"note": "x"}), ("b", "c", {})])
    [('a', 'b', {'note': 'x'}), ('b', 'c', {})]
    """
    first: dict[frozenset[str], Edge] = {}
    for u, v, attrs in edges:
        key = frozenset((u, v))
        if key in first:
            first[key][2].update(attrs)
        else:
            first[key] = (u, v, dict(attrs))
    return list(first.values())


def orient(nodes: list[str], edges: list[Edge], filename: str, report: Report,
           top: str | None, strict: bool) -> list[Edge]:
    """The edges of an undirected graph as ``(superior, subordinate, attributes)``.

    Raises
    ------
    ChartError
        No ``top`` and ``strict``; a ``top`` that is no node; nodes no path joins to it.

    Examples
    --------
    >>> report = Report("u.dot")
    >>> edges = [("b", "a", {}), ("b", "c", {}), ("d", "c", {})]
    >>> [(u, v) for u, v, _ in orient(["a", "b", "c", "d"], edges, "u.dot", report, "a",
    ...                               False)]
    [('a', 'b'), ('b', 'c'), ('c', 'd')]
    >>> report.notes[-1]
    "an undirected graph: each edge directed away from the top 'a' (--top)"
    >>> orient(["a", "b"], [("a", "b", {})], "u.dot", report, None, True)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: u.dot: is an undirected graph: which end of an edge is the ...
    """
    if top is None:
        message = ("is an undirected graph: which end of an edge is the superior is not "
                   f"stated; {HOW_TO_DIRECT}")
        if strict:
            raise ChartError([Problem(filename, message)])
        report.repair(Problem(filename, message + "; read each edge as written, first end the "
                                                  "superior"))
        return edges
    if top not in nodes:
        raise ChartError([Problem(filename, f"--top {top!r} is no node of the graph")])
    around: dict[str, list[int]] = {n: [] for n in nodes}
    for k, (u, v, _) in enumerate(edges):
        around[u].append(k)
        around[v].append(k)
    level = {top: 0}
    out: list[Edge | None] = [None] * len(edges)
    todo = deque([top])
    while todo:
        node = todo.popleft()
        for k in around[node]:
            if out[k] is not None:
                continue
            u, v, attrs = edges[k]
            other = v if u == node else u
            out[k] = (node, other, attrs)
            if other not in level:
                level[other] = level[node] + 1
                todo.append(other)
    missing = [n for n in nodes if n not in level]
    if missing:
        shown = ", ".join(map(repr, missing[:5])) + (", ..." if len(missing) > 5 else "")
        raise ChartError([Problem(filename, f"{len(missing)} node(s) have no path to the top "
                                            f"{top!r}: {shown}; join them to it or name "
                                            "another top")])
    report.note(f"an undirected graph: each edge directed away from the top {top!r} (--top)")
    return [edge for edge in out if edge is not None]


def directed(graph: nx.DiGraph, filename: str, report: Report, top: str | None,
             strict: bool) -> nx.DiGraph:
    """An undirected graph read from a file (GraphML, GEXF, node-link JSON) as ``graph``,
    each edge source to target as written, directed by :func:`orient`: away from ``top``;
    without it refused when ``strict``, else kept as written and reported. Nodes, their
    order and every attribute are kept; parallel edges stay (the reader reports them).

    Examples
    --------
    >>> g = nx.DiGraph([("b", "a"), ("b", "c")])
    >>> sorted(directed(g, "u.graphml", Report("u.graphml"), "a", False).edges)
    [('a', 'b'), ('b', 'c')]
    """
    out = nx.MultiDiGraph() if graph.is_multigraph() else nx.DiGraph()
    out.graph.update(graph.graph)
    out.add_nodes_from(graph.nodes(data=True))
    edges = [(u, v, dict(attrs)) for u, v, attrs in graph.edges(data=True)]
    out.add_edges_from(orient(list(graph.nodes), edges, filename, report, top, strict))
    return out


def read_as_written(root: ElementTree.Element, undirected: dict[str, tuple[str, str, str]],
                    ) -> bool:
    """Make an XML graph file's undirected graphs and edges directed, source to target as
    written, for :func:`directed` to direct from the top; returns whether there were any.

    ``undirected`` maps a tag (without namespace) to (attribute, undirected value, directed
    value): GraphML ``{"graph": ("edgedefault", "undirected", "directed"), "edge":
    ("directed", "false", "true")}``, GEXF ``defaultedgetype`` and ``type``.

    Examples
    --------
    >>> root = ElementTree.fromstring('<g><graph edgedefault="undirected"/></g>')
    >>> read_as_written(root, {"graph": ("edgedefault", "undirected", "directed")})
    True
    >>> root[0].get("edgedefault")
    'directed'
    """
    found = False
    for element in root.iter():
        rule = undirected.get(element.tag.rsplit("}", 1)[-1])
        if rule and element.get(rule[0]) == rule[1]:
            element.set(rule[0], rule[2])
            found = True
    return found
