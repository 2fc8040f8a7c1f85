"""JSON node-link data, as networkx's ``node_link_data`` writes it (d3 force layouts too)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import networkx as nx

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, decode_text, read_bytes, scrub_controls
from orgraph.formats._direct import directed
from orgraph.formats._graph import from_graph
from orgraph.formats._text import scrub_parsed
from orgraph.model import Organisation

__all__ = ["from_nodelink_data", "parse_json", "read_nodelink", "write_nodelink"]


def read_nodelink(path: str | Path, *, report: Report | None = None,
                  encoding: str | None = None, strict: bool = False) -> Organisation:
    """Read node-link JSON (``{"nodes": [...], "edges" or "links": [...]}``).

    Examples
    --------
    >>> import tempfile, orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> out = Path(tempfile.mkdtemp()) / "m.json"
    >>> write_nodelink(org, out)
    >>> orgraph.graphs_equal(read_nodelink(out), org)
    True
    """
    filename = str(path)
    report = report if report is not None else Report(filename)
    return from_nodelink_data(parse_json(path, encoding, report, strict), filename, report,
                              strict)


def parse_json(path: str | Path, encoding: str | None = None, report: Report | None = None,
               strict: bool = False) -> Any:
    """Parse a JSON file; every failure is a ChartError naming the file (and line).

    A key given twice in one object is refused when ``strict`` and otherwise reported
    (the last value is kept, as every JSON parser does); control characters are removed and
    reported (:func:`~orgraph.formats._text.scrub_controls`). How deep an attribute's
    value may nest is checked where the attributes are taken (a nested tree is deep).

    Examples
    --------
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "bad.json"
    >>> _ = bad.write_text('{"a": NaN}')
    >>> parse_json(bad)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: ...bad.json: is not valid JSON: NaN is not a number JSON ...
    """
    filename = str(path)
    text = scrub_controls(decode_text(read_bytes(path), filename, encoding, report, strict),
                          filename, report, strict)
    repeated: list[str] = []
    try:
        data = json.loads(text, parse_constant=_no_constant,
                          object_pairs_hook=functools.partial(_object, repeated))
    except json.JSONDecodeError as exc:
        raise ChartError([Problem(filename, f"is not valid JSON: {exc.msg} (column "
                                            f"{exc.colno})", line=exc.lineno)]) from None
    except ValueError as exc:  # NaN / Infinity
        raise ChartError([Problem(filename, f"is not valid JSON: {exc}")]) from None
    except RecursionError:
        raise ChartError([Problem(filename, "cannot be read: its lists and objects nest "
                                            "too deeply; export it again")]) from None
    if repeated:
        _report_repeated(repeated, filename, report, strict)
    return scrub_parsed(data, text, filename, report, strict)


def _object(repeated: list[str], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, noting each key it gives twice."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
    return out


def _report_repeated(repeated: list[str], filename: str, report: Report | None,
                     strict: bool) -> None:
    keys = ", ".join(repr(k) for k in dict.fromkeys(repeated))
    message = (f"{len(repeated)} key(s) given twice in one object ({keys}); a JSON object "
               "names each key once")
    if strict:
        raise ChartError([Problem(filename, message + ": keep one")])
    if report is not None:
        report.repair(Problem(filename, message + ": the last value of each is kept"))


def from_nodelink_data(data: Any, filename: str, report: Report, strict: bool = False,
                       top: str | None = None) -> Organisation:
    """An Organisation from parsed node-link data (see :func:`read_nodelink`).

    An edge to a node the file does not declare is refused when ``strict``; otherwise the
    node is added (as networkx does) and the repair reported. An undirected graph
    (``"directed": false``) is directed away from ``top``, or without it refused when
    ``strict`` (:func:`orgraph.formats._direct.directed`).
    """
    edges_key = _check_shape(data, filename)
    _undeclared(data, edges_key, filename, report, strict)
    undirected = data.get("directed", True) is False  # read as written, then directed
    data = {**data, "directed": True, "multigraph": False}
    try:
        graph = nx.node_link_graph(data, edges=edges_key)
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise ChartError([Problem(filename, f"is not node-link data ({exc}); each node needs "
                                            "'id', each edge 'source' and 'target'")]) from None
    for *_, attrs in graph.nodes(data=True):
        _unescape(attrs)
    for *_, attrs in graph.edges(data=True):
        _unescape(attrs)
    if undirected:
        graph = directed(graph, filename, report, top, strict)
    return from_graph(graph, filename, report, strict=strict)


def _undeclared(data: dict[str, Any], edges_key: str, filename: str, report: Report,
                strict: bool) -> None:
    declared = {str(node["id"]) for node in data["nodes"]}
    missing: dict[str, int] = {}
    for index, edge in enumerate(data[edges_key]):
        for end in (edge["source"], edge["target"]):
            if str(end) not in declared:
                missing.setdefault(str(end), index)
    if not missing:
        return
    shown = ", ".join(f"{n!r} ({edges_key}[{i}])" for n, i in list(missing.items())[:5])
    message = (f"{len(missing)} node(s) named by edges but not in \"nodes\": {shown}"
               + (", ..." if len(missing) > 5 else ""))
    if strict:
        raise ChartError([Problem(filename, message + "; add them to \"nodes\" or fix the "
                                                      "edges")])
    report.repair(Problem(filename, message + "; added as nodes without attributes"))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows; write a number or null")


def _check_shape(data: Any, filename: str) -> str:
    problems = []
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise ChartError([Problem(filename, 'node-link JSON is an object with "nodes": [...] '
                                            'and "edges": [...] (or "links")')])
    edges_key = "edges" if "edges" in data else "links"
    if not isinstance(data.get(edges_key, []), list):
        problems.append(Problem(filename, f'"{edges_key}" must be a list'))
    if not isinstance(data.get("graph", {}), dict):
        problems.append(Problem(filename, '"graph" must be an object of organisation facts'))
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or not isinstance(node.get("id"), (str, int)):
            problems.append(Problem(filename, f"nodes[{index}] needs an \"id\" (text or "
                                              "number)"))
    for index, edge in enumerate(data.get(edges_key, [])):
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            problems.append(Problem(filename, f"{edges_key}[{index}] needs \"source\" and "
                                              "\"target\""))
    seen_nodes: set[Any] = set()
    for index, node in enumerate(data["nodes"]):
        if isinstance(node, dict) and isinstance(node.get("id"), (str, int)):
            if str(node["id"]) in seen_nodes:
                problems.append(Problem(filename, f"nodes[{index}]: duplicate id "
                                                  f"{node['id']!r}; give each node its own id",
                                        node=str(node["id"])))
            seen_nodes.add(str(node["id"]))
    seen_edges: set[tuple[str, str]] = set()
    for index, edge in enumerate(data.get(edges_key, [])):
        if isinstance(edge, dict) and "source" in edge and "target" in edge:
            pair = (str(edge["source"]), str(edge["target"]))
            if pair in seen_edges:
                problems.append(Problem(filename, f"{edges_key}[{index}]: a second edge from "
                                                  f"{pair[0]!r} to {pair[1]!r}; an "
                                                  "organisation has one relation per pair: "
                                                  "keep one", node=pair[1]))
            seen_edges.add(pair)
    if problems:
        raise ChartError(problems)
    if "links" in data and "edges" in data:
        raise ChartError([Problem(filename, 'both "edges" and "links"; keep one')])
    data.setdefault(edges_key, [])
    return edges_key


def write_nodelink(org: Organisation, path: str | Path, *,
                   report: Report | None = None) -> None:
    """Write node-link JSON; every attribute is carried (JSON holds nested values)."""
    clash = org.copy()
    for *_, attrs in clash.nodes(data=True):
        _escape(attrs, {"id"})
    for *_, attrs in clash.edges(data=True):
        _escape(attrs, {"source", "target"})
    data = nx.node_link_data(clash, edges="edges")
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    Path(path).write_text(text + "\n", encoding="utf-8")


_PREFIX = "orgraph:"


def _escape(attrs: dict[str, Any], reserved: set[str]) -> None:
    """Rename attributes that node-link data uses itself (an edge's citation ``source``)."""
    for key in [k for k in attrs if k in reserved or k.startswith(_PREFIX)]:
        attrs[_PREFIX + key] = attrs.pop(key)


def _unescape(attrs: dict[str, Any]) -> None:
    for key in [k for k in attrs if k.startswith(_PREFIX)]:
        attrs[key[len(_PREFIX):]] = attrs.pop(key)
