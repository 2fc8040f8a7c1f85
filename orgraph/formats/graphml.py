"""GraphML through networkx (yEd, Gephi, Cytoscape); nested attributes travel as JSON text."""

from __future__ import annotations

import warnings
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

import networkx as nx

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, read_bytes
from orgraph.formats._direct import directed, read_as_written
from orgraph.formats._graph import flatten, from_graph
from orgraph.formats.gexf import check_ids
from orgraph.formats.yed import Drawing, is_yed, take_drawing
from orgraph.model import Organisation

__all__ = ["read_graphml", "write_graphml"]


#: Undirected graphs and edges, read as written (:func:`read_as_written`).
_UNDIRECTED = {"graph": ("edgedefault", "undirected", "directed"),
               "edge": ("directed", "false", "true")}


def read_graphml(path: str | Path, *, report: Report | None = None,
                 strict: bool = False, top: str | None = None) -> Organisation:
    """Read a GraphML file into an Organisation (see :func:`orgraph.formats.read`).

    yEd files give their boxes' names from ``y:NodeLabel`` (:mod:`orgraph.formats.yed`);
    the drawing (geometry, styles, ...) is left out and reported once per kind of thing.
    What networkx would warn about is reported too, not printed. GraphML's rules (one node
    per id, edges between declared nodes) are checked either way; an undirected graph
    (``edgedefault="undirected"``) is directed away from ``top``, or without it refused when
    ``strict`` (:func:`orgraph.formats._direct.directed`).

    Examples
    --------
    >>> import tempfile, orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> out = Path(tempfile.mkdtemp()) / "m.graphml"
    >>> write_graphml(org, out)
    >>> orgraph.graphs_equal(read_graphml(out), org)
    True
    >>> report = Report("yed")
    >>> yed = read_graphml("tests/data/yed-orgchart.graphml", report=report)
    >>> yed.nodes["n1"]["label"].splitlines(), report.dropped[0]
    (['Ola Hansen', 'Økonomisjef'], 'node geometry (y:Geometry: position and size) (6×)')
    """
    filename = str(path)
    report = report if report is not None else Report(filename)
    data = read_bytes(path)
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise ChartError([Problem(filename, "declares a DOCTYPE or entities; orgraph reads "
                                            "plain GraphML only: remove the declaration")])
    try:
        root = ElementTree.fromstring(data)
        if not any(child.tag.rsplit("}", 1)[-1] == "graph" for child in root):
            raise ChartError([Problem(filename, "holds no <graph>; export the graph again")])
        left_out = check_ids(root, filename, data, report, strict)
        drawing = take_drawing(root) if is_yed(root) else None
        hoisted = _hoist_nested(root, report)
        undirected = read_as_written(root, _UNDIRECTED)
        if drawing is not None or hoisted or undirected or left_out:
            data = ElementTree.tostring(root)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            graph = nx.parse_graphml(data, node_type=str)
    except (ParseError, nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise ChartError([Problem(filename, f"is not readable GraphML ({exc}); export it "
                                            "again or check the XML")]) from None
    for message in dict.fromkeys(str(w.message) for w in caught):
        report.note(f"networkx: {message}")
    for key in ("node_default", "edge_default"):  # networkx's own, not the file's
        if graph.graph.get(key) == {}:
            del graph.graph[key]
    if drawing is not None:
        _use_drawing(graph, drawing, report)
    if undirected:
        graph = directed(graph, filename, report, top, strict)
    return from_graph(graph, filename, report, strict=strict)



def _hoist_nested(root: ElementTree.Element, report: Report) -> bool:
    """Move the nodes and edges of graphs nested in nodes into the top graph, reported.

    networkx reads only the top graph's nodes, so a nested ``<graph>`` (a yEd group, a
    folder node) would lose its nodes; the grouping itself is not reporting structure.

    Examples
    --------
    >>> xml = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
    ...        '<node id="a"><graph id="a:"><node id="a::b"/></graph></node></graph></graphml>')
    >>> root = ElementTree.fromstring(xml); report = Report("g.graphml")
    >>> _hoist_nested(root, report), len(root.findall(".//{*}graph"))
    (True, 1)
    >>> report.dropped[0]
    "nesting of 1 node(s) in 1 nested graph(s) (in node 'a'): read as nodes of the top graph"
    """
    top = next((child for child in root if child.tag.rsplit("}", 1)[-1] == "graph"), None)
    if top is None:
        return False
    owners: list[str] = []
    moved, changed = 0, False
    stack = list(top)
    while stack:
        element = stack.pop()
        if element.tag.rsplit("}", 1)[-1] != "node":
            continue
        for nested in [c for c in element if c.tag.rsplit("}", 1)[-1] == "graph"]:
            element.remove(nested)
            # A yEd group (which networkx flattens itself, recursively) is drawing, not loss.
            lost = element.attrib.pop("yfiles.foldertype", None) != "group"
            if lost:
                owners.append(element.attrib.get("id", "?"))
            for child in list(nested):
                if child.tag.rsplit("}", 1)[-1] in ("node", "edge"):
                    top.append(child)
                    moved += lost and child.tag.endswith("node")
                    stack.append(child)
            changed = True
    if owners:
        shown = ", ".join(repr(o) for o in owners[:3]) + (", ..." if len(owners) > 3 else "")
        report.drop(f"nesting of {moved} node(s) in {len(owners)} nested graph(s) (in node "
                    f"{shown}): read as nodes of the top graph")
    return changed


def _use_drawing(graph: nx.Graph, drawing: Drawing, report: Report) -> None:
    """yEd labels as ``label`` (unless the file has a label attribute), the rest reported."""
    for node, text in drawing.node_labels.items():
        if node in graph and not isinstance(graph.nodes[node].get("label"), str):
            graph.nodes[node]["label"] = text
    edge_ids = 0
    for *_, attrs in graph.edges(data=True):
        ident = attrs.pop("id", None)
        if ident is not None:
            edge_ids += 1
            if ident in drawing.edge_labels and "label" not in attrs:
                attrs["label"] = drawing.edge_labels[ident]
    if edge_ids:
        drawing.removed["edge ids"] += edge_ids
    for line in drawing.lines():
        report.drop(line)
    _groups_to_attributes(graph, drawing, report)


def _groups_to_attributes(graph: nx.Graph, drawing: Drawing, report: Report) -> None:
    """Group nodes with members and no edge (yEd's department boxes drawn round their
    people) are no units: each member keeps the groups' names as ``group``
    (``"HR / Payroll"``, outermost first), and the group nodes go, reported."""
    holders = set(drawing.group_of.values())
    boxes = {g for g in holders if g in graph and graph.degree(g) == 0}
    if not boxes:
        return

    def name(group: str) -> str:
        label = graph.nodes[group].get("label")
        return label if isinstance(label, str) and label else group

    for member, group in drawing.group_of.items():
        if member not in graph or member in boxes or group not in boxes:
            continue
        path = [group]
        while drawing.group_of.get(path[-1]) in boxes:
            path.append(drawing.group_of[path[-1]])
        graph.nodes[member].setdefault("group", " / ".join(map(name, reversed(path))))
    ordered = sorted(boxes, key=list(graph).index)
    shown = ", ".join(repr(name(g)) for g in ordered[:5]) + (", ..." if len(boxes) > 5 else "")
    report.drop(f"{len(boxes)} group node(s) with no reporting line of their own ({shown}): "
                "read as no units; each member keeps its groups' names as 'group'")
    graph.remove_nodes_from(boxes)


def write_graphml(org: Organisation, path: str | Path, *, report: Report | None = None) -> None:
    """Write an Organisation as GraphML; every attribute is carried."""
    nx.write_graphml(flatten(org), str(path), encoding="utf-8", prettyprint=True)
