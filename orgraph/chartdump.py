"""Writing an organisation as a chart file (the inverse of :func:`orgraph.chartfile.load_chart`)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import yaml

from orgraph.chartfile import (
    _MAX_NESTING,
    _STRUCTURAL,
    FORMAT_VERSION,
    _node_keys,
    _org_keys,
    default_relation,
)

__all__ = ["dump_chart"]


def dump_chart(org: nx.DiGraph) -> str:
    """Write an organisation as chart-file YAML that loads back to an equal graph.

    Nodes nest under the superior they would get by default; every other edge goes to
    ``relations:``. Cited facts are written back in their ``{value, source, ...}`` form.

    Examples
    --------
    >>> from orgraph.model import graphs_equal
    >>> from orgraph.chartfile import load_chart, loads_chart
    >>> org = load_chart("examples/minimal.yaml")
    >>> graphs_equal(loads_chart(dump_chart(org)), org)
    True
    """
    nested_under: dict[str, str] = {}
    for u, v, data in org.edges(data=True):
        if v in nested_under or set(data) != {"relation"}:
            continue
        if data["relation"] == default_relation(org.nodes[u]["kind"],
                                                org.nodes[v]["kind"]).value:
            nested_under[v] = u
    # Nesting must form a forest: drop nestings that would close a loop.
    _break_loops(nested_under)
    # Parsers recurse per level and the reader refuses deep nesting (yamlsafe.MAX_DEPTH):
    # a node deeper than _MAX_NESTING starts again at the top, its edge under relations:.
    kids: dict[str, list[str]] = {}
    for v, u in nested_under.items():
        kids.setdefault(u, []).append(v)
    todo = [(n, 0) for n in org.nodes if n not in nested_under]
    while todo:
        node, level = todo.pop()
        for kid in kids.get(node, []):
            if level + 1 > _MAX_NESTING:
                del nested_under[kid]
                todo.append((kid, 0))
            else:
                todo.append((kid, level + 1))
    children: dict[str | None, list[str]] = {}
    for node in org.nodes:
        children.setdefault(nested_under.get(node), []).append(node)

    def node_doc(node: str) -> dict[str, Any]:
        data = dict(org.nodes[node])
        out: dict[str, Any] = {"id": node, "kind": data.pop("kind")}
        citations = data.pop("citations", {})
        out.update(_facts_back(data, citations, _node_keys() - _STRUCTURAL))
        kids = [node_doc(c) for c in children.get(node, [])]
        if kids:
            out["units"] = kids
        return out

    graph = dict(org.graph)
    citations = graph.pop("citations", {})
    organisation = _facts_back(graph, citations, _org_keys())
    doc: dict[str, Any] = {"orgraph": FORMAT_VERSION, "organisation": organisation,
                           "units": [node_doc(n) for n in children.get(None, [])]}
    relations = [{"from": u, "to": v, "type": d["relation"],
                  **_facts_back({k: x for k, x in d.items() if k != "relation"}, {},
                                frozenset({"source", "note"}))}
                 for u, v, d in org.edges(data=True) if nested_under.get(v) != u]
    if relations:
        doc["relations"] = relations
    # libyaml's emitter when installed: the Python one takes most of a large conversion
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def _break_loops(up: dict[str, str]) -> None:
    """Break every loop of ``up`` (node → superior) by dropping one nesting, in one walk.

    Each node is visited once: a walk up stops at a node an earlier walk settled, so a
    chain of 100,000 levels takes 100,000 steps, not 100,000² / 2.

    Examples
    --------
    >>> up = {"b": "a", "c": "b", "x": "y", "y": "x", "z": "x"}
    >>> _break_loops(up); up
    {'b': 'a', 'c': 'b', 'x': 'y', 'z': 'x'}
    """
    walk: dict[str, int] = {}  # node → the number of the walk that first met it
    for k, start in enumerate(list(up)):
        path, node = [], start
        while node in up and node not in walk:
            walk[node] = k
            path.append(node)
            node = up[node]
        if node in up and walk.get(node) == k:  # this walk met itself: a loop at node
            del up[path[-1]]


def _facts_back(attrs: dict[str, Any], citations: dict[str, Any],
                known: frozenset[str]) -> dict[str, Any]:
    """Attributes → chart keys: cited facts as mappings, unknown attributes under ``data``."""
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in attrs.items():
        if key in citations:
            out[key] = {"value": value, **citations[key]}
        elif key in known and key != "data":
            out[key] = value
        else:
            extra[key] = value
    if extra:
        out["data"] = extra
    return out
