"""From a plain networkx graph (read by GraphML, GEXF, node-link JSON) to an Organisation."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from typing import Any

import networkx as nx

from orgraph.errors import Problem
from orgraph.formats._common import (
    Problems,
    Report,
    encode_value,
    finish,
    safe_ids,
    strip_controls,
)
from orgraph.formats._table_repairs import loop_chain
from orgraph.infer import infer_kinds
from orgraph.model import Organisation

__all__ = ["ENCODED_KEY", "flatten", "from_graph"]

#: Graph attribute listing the attributes a flat format holds as JSON text.
ENCODED_KEY = "orgraph_json"
_SCALARS = (bool, int, float, str)


def _type_of(value: Any) -> type | None:
    for t in _SCALARS:
        if type(value) is t:
            return t
    return None


def _needs_json(values: list[Any]) -> bool:
    types = {_type_of(v) for v in values}
    if None in types or len(types) != 1:
        return True
    return any(isinstance(v, float) and v != v for v in values)  # NaN does not survive


def flatten(org: nx.DiGraph, reserved: dict[str, set[str]] | None = None) -> nx.DiGraph:
    """A copy of ``org`` whose attributes are all scalars of one type per key.

    An attribute key whose values are nested (lists, mappings), missing a single scalar
    type, or named like a ``reserved`` attribute of the target format is stored as JSON text;
    the keys are listed in the graph attribute ``orgraph_json`` (itself JSON), so that
    :func:`from_graph` restores the values exactly.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("a", items=["x"], count=2); g.add_node("b", count=2.5)
    >>> flat = flatten(g)
    >>> flat.nodes["a"], flat.graph["orgraph_json"]
    ({'items': '["x"]', 'count': '2'}, '{"graph": [], "node": ["items", "count"], "edge": []}')
    """
    reserved = reserved or {}
    flat = nx.DiGraph()
    encoded: dict[str, list[str]] = {}
    scopes = {
        "graph": [org.graph],
        "node": [d for _, d in org.nodes(data=True)],
        "edge": [d for _, _, d in org.edges(data=True)],
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for scope, dicts in scopes.items():
        values: dict[str, list[Any]] = {}
        for d in dicts:
            for k, v in d.items():
                values.setdefault(k, []).append(v)
        keys = [k for k, vs in values.items()
                if _needs_json(vs) or k in reserved.get(scope, set()) or k == ENCODED_KEY]
        encoded[scope] = keys
        wanted = set(keys)
        out[scope] = [{k: (encode_value(v) if k in wanted else v) for k, v in d.items()}
                      for d in dicts]
    flat.graph.update(out["graph"][0])
    flat.graph[ENCODED_KEY] = json.dumps(encoded)
    flat.add_nodes_from(zip(org.nodes, out["node"], strict=True))
    flat.add_edges_from((u, v, d) for (u, v), d in zip(org.edges, out["edge"], strict=True))
    return flat


def from_graph(graph: nx.Graph, filename: str, report: Report,
               drop: dict[str, set[str]] | None = None, strict: bool = False) -> Organisation:
    """Check and convert a graph read from a file into an Organisation.

    Node ids become text; ids that break the chart format's rule are rewritten (the original
    kept as ``source_id``); missing kinds become ``unit`` and missing relations ``line``
    (both noted in ``report``); labels become plain text; attributes named in ``drop``
    (per scope ``graph``/``node``/``edge``) are left out and reported. Unless ``strict``,
    a node's second line superior becomes dotted-line reporting and a reporting loop is
    broken (:func:`repair_lines`), each reported; ``strict`` refuses them.
    """
    problems = Problems(filename)
    drop = drop or {}
    decoded = _decode_plan(graph, problems)
    ids = _checked_ids(graph, problems, report)
    problems.raise_if_any()
    rename = safe_ids(ids, report)
    org = Organisation()
    dropped: Counter[tuple[str, str]] = Counter()
    org.graph.update(_attrs(graph.graph, decoded.get("graph", set()), drop.get("graph", set()),
                            "graph", dropped))
    org.graph.pop(ENCODED_KEY, None)
    no_kind = _add_nodes(org, graph, rename, decoded.get("node", set()),
                         drop.get("node", set()), dropped)
    no_relation = _add_edges(org, graph, rename, decoded.get("edge", set()),
                             drop.get("edge", set()), dropped)
    _report_repairs(report, dropped, no_kind=no_kind, no_relation=no_relation, nodes=len(org))
    if not strict and not problems:
        repair_lines(org, filename, report)
    org = finish(org, filename, problems, name=org.graph.get("name") or None)
    if no_kind and no_kind == len(org):  # no kinds at all: head, managers, units
        infer_kinds(org, report)
    return org


def _checked_ids(graph: nx.Graph, problems: Problems, report: Report) -> list[str]:
    """The node ids as text, after adding to ``problems`` what an organisation cannot hold
    (two edges between one pair, no nodes, ids equal as text) and noting an undirected
    graph in ``report``."""
    if graph.is_multigraph():
        pairs = Counter((u, v) for u, v, *_ in graph.edges)
        for (u, v), n in pairs.items():
            if n > 1:
                problems.add(f"{n} edges from {u!r} to {v!r}; an organisation has at most one "
                             "relation per pair: keep one", node=str(v))
    if not graph.is_directed():
        report.note("the graph is undirected: each edge is read as written, first end the "
                    "superior")
    ids = [str(n) for n in graph.nodes]
    if not ids:
        problems.add("the graph has no nodes; an organisation needs at least one unit")
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        problems.add(f"node ids {', '.join(dupes)} are the same as text; give each node its "
                     "own id")
    return ids


def _add_nodes(org: Organisation, graph: nx.Graph, rename: dict[str, str], decode: set[str],
               drop: set[str], dropped: Counter[tuple[str, str]]) -> int:
    """Add the graph's nodes to ``org`` under their text ids (as ``rename`` rewrites them,
    the original kept as ``source_id``), labels as plain text; return how many had no kind
    (now ``unit``)."""
    no_kind = 0
    for n, data in graph.nodes(data=True):
        attrs = _attrs(data, decode, drop, "node", dropped)
        if "kind" not in attrs:
            attrs["kind"] = "unit"
            no_kind += 1
        for key in ("label", "label_en"):
            if isinstance(attrs.get(key), str):
                attrs[key] = strip_controls(attrs[key])
        if str(n) in rename:
            attrs["source_id"] = str(n)
        org.add_node(rename.get(str(n), str(n)), **attrs)
    return no_kind


def _add_edges(org: Organisation, graph: nx.Graph, rename: dict[str, str], decode: set[str],
               drop: set[str], dropped: Counter[tuple[str, str]]) -> int:
    """Add the graph's edges to ``org`` (the first of several between one pair); return
    how many had no relation (now ``line``)."""
    no_relation = 0
    for u, v, *rest in graph.edges(data=True):
        attrs = _attrs(rest[-1], decode, drop, "edge", dropped)
        if "relation" not in attrs:
            attrs["relation"] = "line"
            no_relation += 1
        tail, head = rename.get(str(u), str(u)), rename.get(str(v), str(v))
        if org.has_edge(tail, head):
            continue  # reported as a multigraph problem
        org.add_edge(tail, head, **attrs)
    return no_relation


def _report_repairs(report: Report, dropped: Counter[tuple[str, str]], *, no_kind: int,
                    no_relation: int, nodes: int) -> None:
    """Report the attributes dropped and the kinds and relations filled in (no note on
    kinds when every node of the ``nodes`` lacked one: they are inferred instead)."""
    for (scope, key), count in sorted(dropped.items()):
        report.drop(f"{scope} attribute {key!r} ({count}×)")
    if no_kind and no_kind < nodes:
        report.note(f"{no_kind} node(s) without 'kind' became 'unit'")
    if no_relation:
        report.note(f"{no_relation} edge(s) without 'relation' became 'line' (reporting)")


def _decode_plan(graph: nx.Graph, problems: Problems) -> dict[str, set[str]]:
    raw = graph.graph.get(ENCODED_KEY)
    if raw is None:
        return {}
    try:
        plan = json.loads(raw)
        return {scope: set(plan.get(scope, [])) for scope in ("graph", "node", "edge")}
    except (json.JSONDecodeError, TypeError, AttributeError):
        problems.add(f"the graph attribute {ENCODED_KEY!r} is not orgraph's JSON list of "
                     "encoded attributes; remove it")
        return {}


def _attrs(data: dict[str, Any], decode: set[str], drop: set[str], scope: str,
           dropped: Counter[tuple[str, str]]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        key = str(key)
        if key in drop:
            dropped[scope, key] += 1
            continue
        if key in decode and isinstance(value, str):
            with contextlib.suppress(json.JSONDecodeError):
                value = json.loads(value)
        out[key] = value
    return out


def repair_lines(org: Organisation, filename: str, report: Report) -> None:
    """A lenient reading's repair of a graph's reporting lines, each reported: a node's line
    superiors after the first (in file order) become dotted-line reporting; a reporting
    loop loses the line into its first node (in file order), kept as ``source_reports_to``.

    Examples
    --------
    >>> org = Organisation()
    >>> for n in "abcd": org.add_node(n, kind="unit", label=n)
    >>> org.add_edges_from([("a", "b"), ("c", "b"), ("c", "d"), ("d", "c")], relation="line")
    >>> report = Report("g.graphml"); repair_lines(org, "g.graphml", report)
    >>> org.edges["c", "b"]["relation"], org.has_edge("d", "c"), org.nodes["c"]
    ('dotted', False, {'kind': 'unit', 'label': 'c', 'source_reports_to': 'd'})
    >>> for p in report.repairs: print(p)  # doctest: +NORMALIZE_WHITESPACE
    g.graphml: node 'b': has 2 line superiors ('a', 'c'): the line from 'c' is read as
    dotted-line reporting
    g.graphml: node 'c': closes the reporting cycle c → d → c: its line from 'd' is dropped
    (source_reports_to 'd')
    """
    superior: dict[str, str] = {}
    for node in org:
        lines = [u for u, d in org.pred[node].items() if d.get("relation", "line") == "line"]
        for other in lines[1:]:
            org.edges[other, node]["relation"] = "dotted"
            report.repair(Problem(filename, f"has {len(lines)} line superiors "
                                            f"({', '.join(map(repr, lines))}): the line from "
                                            f"{other!r} is read as dotted-line reporting",
                                  node=node))
        if lines:
            superior[node] = lines[0]
    walked: dict[str, int] = {}
    for k, start in enumerate(org):
        node: str | None = start
        while node is not None and node not in walked:
            walked[node] = k
            node = superior.get(node)
        if node is None or walked[node] != k:
            continue
        loop = [node]
        while superior[loop[-1]] != node:
            loop.append(superior[loop[-1]])
        order = {n: i for i, n in enumerate(org)}
        at = loop.index(min(loop, key=order.__getitem__))
        loop = loop[at:] + loop[:at]  # from its first node, each reporting to the next
        first, cut = loop[0], superior.pop(loop[0])
        org.remove_edge(cut, first)
        org.nodes[first]["source_reports_to"] = cut
        report.repair(Problem(filename, f"closes the reporting cycle {loop_chain(loop)}: its "
                                        f"line from {cut!r} is dropped (source_reports_to "
                                        f"{cut!r})", node=first))
