"""GraphML through networkx (yEd, Gephi, Cytoscape); nested attributes travel as JSON text."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

import networkx as nx

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, read_bytes
from orgraph.formats._graph import flatten, from_graph
from orgraph.formats.gexf import check_ids
from orgraph.model import Organisation

__all__ = ["read_graphml", "write_graphml"]


def read_graphml(path: str | Path, *, report: Report | None = None) -> Organisation:
    """Read a GraphML file into an Organisation (see :func:`orgraph.formats.read`).

    Examples
    --------
    >>> import tempfile, orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> out = Path(tempfile.mkdtemp()) / "m.graphml"
    >>> write_graphml(org, out)
    >>> orgraph.graphs_equal(read_graphml(out), org)
    True
    """
    filename = str(path)
    report = report if report is not None else Report(filename)
    data = read_bytes(path)
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise ChartError([Problem(filename, "declares a DOCTYPE or entities; orgraph reads "
                                            "plain GraphML only: remove the declaration")])
    try:
        check_ids(ElementTree.fromstring(data), filename)
        graph = nx.parse_graphml(data, node_type=str)
    except (ParseError, nx.NetworkXError, ValueError, KeyError) as exc:
        raise ChartError([Problem(filename, f"is not readable GraphML ({exc}); export it "
                                            "again or check the XML")]) from None
    for key in ("node_default", "edge_default"):  # networkx's own, not the file's
        if graph.graph.get(key) == {}:
            del graph.graph[key]
    return from_graph(graph, filename, report)


def write_graphml(org: Organisation, path: str | Path, *, report: Report | None = None) -> None:
    """Write an Organisation as GraphML; every attribute is carried."""
    nx.write_graphml(flatten(org), str(path), encoding="utf-8", prettyprint=True)
