"""GEXF through networkx (Gephi); the organisation's facts travel in ``<meta><description>``."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, read_bytes
from orgraph.formats._direct import directed, read_as_written
from orgraph.formats._graph import ENCODED_KEY, flatten, from_graph
from orgraph.model import Organisation

__all__ = ["read_gexf", "write_gexf"]

#: Attribute names GEXF (as networkx writes it) uses for itself.
_RESERVED = {"node": {"id", "pid", "start", "end", "viz", "spells", "parents", "name"},
             "edge": {"id", "type", "weight", "start", "end", "label", "key", "spells", "viz",
                      "name"},
             "graph": set()}
_PREFIX = "orgraph:"
_FACTS = "orgraph facts: "


def write_gexf(org: Organisation, path: str | Path, *, report: Report | None = None) -> None:
    """Write GEXF 1.2 for Gephi; every attribute is carried.

    Examples
    --------
    >>> import tempfile, orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> out = Path(tempfile.mkdtemp()) / "m.gexf"
    >>> write_gexf(org, out)
    >>> orgraph.graphs_equal(read_gexf(out), org)
    True
    """
    flat = flatten(org)
    facts = dict(flat.graph)
    flat.graph.clear()
    flat.graph["name"] = str(org.graph.get("name", ""))
    for scope, items in (("node", flat.nodes(data=True)), ("edge", flat.edges(data=True))):
        for *_, data in items:
            for key in [k for k in data if k in _RESERVED[scope] or k.startswith(_PREFIX)]:
                data[_PREFIX + key] = data.pop(key)
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    ET.register_namespace("", "http://www.gexf.net/1.2draft")
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    try:
        root = ET.fromstring(buffer.getvalue())
    except ET.ParseError:  # networkx wrote a control character XML cannot hold
        raise ValueError("XML cannot hold control characters") from None
    meta = next((e for e in root if e.tag.endswith("meta")), None)
    if meta is None:  # pragma: no cover - networkx always writes <meta>
        meta = ET.SubElement(root, "{http://www.gexf.net/1.2draft}meta")
    ET.SubElement(meta, "{http://www.gexf.net/1.2draft}description").text = \
        _FACTS + json.dumps(facts, ensure_ascii=False)
    ET.ElementTree(root).write(str(path), encoding="utf-8", xml_declaration=True)


#: Undirected graphs and edges, read as written (:func:`read_as_written`).
_UNDIRECTED = {"graph": ("defaultedgetype", "undirected", "directed"),
               "edge": ("type", "undirected", "directed")}


def read_gexf(path: str | Path, *, report: Report | None = None, strict: bool = False,
              top: str | None = None) -> Organisation:
    """Read a GEXF file (Gephi) into an Organisation (see :func:`orgraph.formats.read`); an
    undirected graph is directed away from ``top``, or without it refused when ``strict``
    (:func:`orgraph.formats._direct.directed`)."""
    filename = str(path)
    report = report if report is not None else Report(filename)
    data = read_bytes(path)
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise ChartError([Problem(filename, "declares a DOCTYPE or entities; orgraph reads "
                                            "plain GEXF only: remove the declaration")])
    try:
        root = ET.fromstring(data)
        left_out = check_ids(root, filename, data, report, strict)
        undirected = read_as_written(root, _UNDIRECTED)
        if undirected or left_out:
            data = ET.tostring(root)
        graph = nx.read_gexf(io.BytesIO(data), node_type=str)
    except (ET.ParseError, nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise ChartError([Problem(filename, f"is not readable GEXF ({exc}); export it again "
                                            "from Gephi or check the XML")]) from None
    facts = {}
    for element in root.iter():
        if element.tag.endswith("description") and (element.text or "").startswith(_FACTS):
            try:
                facts = json.loads(element.text[len(_FACTS):])
            except json.JSONDecodeError:
                raise ChartError([Problem(filename, "the orgraph facts in <description> are "
                                                    "not valid JSON; remove them")]) from None
    name = graph.graph.get("name")
    graph.graph.clear()
    if isinstance(facts, dict) and facts:
        graph.graph.update(facts)
    elif name:
        graph.graph["name"] = name
    for scope, items in (("node", graph.nodes(data=True)), ("edge", graph.edges(data=True))):
        for *_, attrs in items:
            if scope == "edge":
                attrs.pop("id", None)  # networkx numbers edges itself
            for key in [k for k in attrs if k.startswith(_PREFIX)]:
                attrs[key[len(_PREFIX):]] = attrs.pop(key)
    dropped = {"node": {"viz"} if not facts else set(), "edge": set(), "graph": set()}
    graph.graph.setdefault(ENCODED_KEY, facts.get(ENCODED_KEY) if facts else None)
    if graph.graph[ENCODED_KEY] is None:
        del graph.graph[ENCODED_KEY]
    if undirected:
        graph = directed(graph, filename, report, top, strict)
    return from_graph(graph, filename, report, drop=dropped, strict=strict)



def check_ids(root: ET.Element, filename: str, data: bytes = b"", report: Report | None = None,
              strict: bool = True) -> bool:
    """GEXF and GraphML: duplicate node ids and edges to undeclared nodes (networkx would
    merge or invent them) are errors; a lenient reading (``report`` and not ``strict``)
    leaves such an edge out instead, reported with its line (found by its id in ``data``).
    Returns whether an edge was left out (``root`` changed).

    Examples
    --------
    >>> xml = (b'<graphml><graph><node id="a"/>\\n'
    ...        b'<edge id="e1" source="a" target="z"/></graph></graphml>')
    >>> root = ET.fromstring(xml); report = Report("g.graphml")
    >>> check_ids(root, "g.graphml", xml, report, strict=False), len(root.findall(".//edge"))
    (True, 0)
    >>> print(report.repairs[0])
    g.graphml:2: edge 'e1' ('a' → 'z') names 'z', which is no <node>'s id: the edge is left out
    """
    problems = []
    ids: set[str] = set()
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "node" and "id" in element.attrib:
            if element.attrib["id"] in ids:
                problems.append(Problem(filename, f"two <node>s with id "
                                                  f"{element.attrib['id']!r}; give each node "
                                                  "its own id", node=element.attrib["id"]))
            ids.add(element.attrib["id"])
    lenient = report is not None and not strict and not problems  # ids first: all or none
    left_out = False
    for parent in list(root.iter()):
        for element in list(parent):
            if element.tag.rsplit("}", 1)[-1] != "edge":
                continue
            source, target = element.attrib.get("source"), element.attrib.get("target")
            end = next((e for e in (source, target) if e not in ids), None)
            if end is None and (source is not None and target is not None):
                continue
            name = element.attrib.get("id")
            found = re.search(rb'<(?:\w+:)?edge\b[^>]*\bid="' + re.escape(name.encode())
                              + b'"', data) if name else None
            line = data.count(b"\n", 0, found.start()) + 1 if found else None
            what = (f"edge {name!r} ({source!r} → {target!r})" if name else
                    f"an edge {source!r} → {target!r}")
            if lenient:
                parent.remove(element)
                left_out = True
                report.repair(Problem(  # type: ignore[union-attr]
                    filename, f"{what} names {end!r}, which is no <node>'s id: the edge is "
                              "left out", line=line))
            else:
                problems.append(Problem(filename, f"{what} names {end!r}, which is no <node>'s "
                                                  "id; add the node or fix the edge", line=line))
    if problems:
        raise ChartError(problems)
    return left_out
