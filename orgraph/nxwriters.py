"""networkx's GraphML and GEXF writers on an Organisation: a clear message, not a TypeError.

GraphML and GEXF hold one scalar per attribute (text, a number, true/false); an
organisation keeps lists and mappings (``items``, ``citations``, ``sources``) and ``None``
where a fact is unknown. ``nx.write_graphml(org, path)`` then used to stop deep inside
networkx ("GraphML does not support type <class 'list'>", or GEXF's "too many values to
unpack"). :meth:`orgraph.model.Organisation.is_directed`, the first thing those writers ask
of a graph, calls :func:`check_writable` when a networkx writer asks, which names the
attributes and :func:`orgraph.formats.write`, which stores them as JSON text and reads back
exactly. An organisation with scalar attributes only is written by networkx as before.
``nx.node_link_data(org)`` needs nothing of this: JSON holds lists and mappings.

Examples
--------
>>> import io, networkx as nx, orgraph
>>> org = orgraph.load("examples/minimal.yaml")
>>> nx.write_graphml(org, io.BytesIO())
Traceback (most recent call last):
...
TypeError: nx.write_graphml cannot write Organisation 'Eksempel kommune' as it is: ...
"""

from __future__ import annotations

import sys
from typing import Any

import networkx as nx

__all__ = ["WRITER_MODULES", "asked_by_writer", "check_writable", "unwritable"]

#: networkx modules whose writers take scalar attributes only, and the format's suffix.
WRITER_MODULES = {"networkx.readwrite.graphml": "graphml", "networkx.readwrite.gexf": "gexf"}
_SCALARS = (str, int, float, bool)
_NAMES = {"graphml": "GraphML", "gexf": "GEXF"}


def asked_by_writer(depth: int = 2) -> str | None:
    """The format (``graphml``, ``gexf``) whose networkx writer called ``depth`` frames up.

    Examples
    --------
    >>> asked_by_writer() is None, asked_by_writer(depth=10_000) is None
    (True, True)
    """
    try:
        frame = sys._getframe(depth)
    except ValueError:  # called from C with no Python caller that deep
        return None
    return WRITER_MODULES.get(frame.f_globals.get("__name__", ""))


def unwritable(graph: nx.Graph, limit: int = 3) -> list[str]:
    """Up to ``limit`` attributes that are not scalars: ``"node 'x' 'items' (list)"``.

    Examples
    --------
    >>> g = nx.DiGraph(sources=["a"]); g.add_node("r", label="R", count=None)
    >>> unwritable(g)
    ["graph 'sources' (list)", "node 'r' 'count' (NoneType)"]
    """
    found: list[str] = []
    places: list[tuple[str, dict[str, Any]]] = [("graph", graph.graph)]
    for where, data in [*places, *((f"node {n!r}", d) for n, d in graph.nodes(data=True)),
                        *((f"edge {u!r} → {v!r}", d) for u, v, d in graph.edges(data=True))]:
        for key, value in data.items():
            if not isinstance(value, _SCALARS) and not hasattr(value, "dtype"):
                found.append(f"{where} {key!r} ({type(value).__name__})")
                if len(found) >= limit:
                    return found
    return found


def check_writable(graph: nx.Graph, fmt: str) -> None:
    """Raise a TypeError naming :func:`orgraph.formats.write` when ``fmt`` cannot hold
    ``graph``'s attributes.

    Raises
    ------
    TypeError
        Some attribute is a list, a mapping or ``None`` (the message names three).

    Examples
    --------
    >>> check_writable(nx.DiGraph(name="x"), "graphml")  # scalars: networkx writes it
    """
    bad = unwritable(graph)
    if not bad:
        return
    name = graph.graph.get("name", "")
    raise TypeError(
        f"nx.write_{fmt} cannot write Organisation {name!r} as it is: {_NAMES[fmt]} holds one "
        f"text, number or true/false per attribute, and these are not: {', '.join(bad)}. "
        f"Write it with orgraph.formats.write(org, 'org.{fmt}'), which keeps lists, "
        "mappings and missing values as JSON text that orgraph reads back exactly "
        f"(or pass networkx a plain copy: nx.write_{fmt}(orgraph.formats.flatten(org), ...))")
