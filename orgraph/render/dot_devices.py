"""The layout devices of the ``dot`` chart (:mod:`orgraph.render.dot`), all plain ``dot``.

* :func:`hang_staff`: staff units beside the line of the manager they serve, on an
  invisible junction point that shares their rank;
* :func:`stack_leaves`: more than ``wrap`` leaf units under one manager stacked in columns
  of junction points;
* :func:`political_ranks`: political bodies ranked above the CAO;
* :func:`hang_loose`: nodes nothing visible hangs from, on the CAO's rank.

Each writes into the :class:`graphviz.Digraph` being built (or returns the edge statements
for it); ``drawn`` maps a node to its DOT names (one, or one per box of an expanded
aggregate).

Examples
--------
>>> import graphviz
>>> graph = graphviz.Digraph()
>>> hang_loose(graph, ["hr"], {"hr": ["hr"]}, ["cao"])
>>> print(graph.source)
digraph {
    {
    graph [rank=same]
    cao
    hr
    }
}
<BLANKLINE>
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import graphviz

from orgraph.model import Category, Kind, Organisation, Relation, category_of
from orgraph.render.dot_blocks import EdgeStatement, block
from orgraph.render.labels import dot_name
from orgraph.render.select import TREE_RELATIONS
from orgraph.render.style import POINT_STYLE, edge_style, edge_variant

__all__ = ["column_grid", "hang_loose", "hang_staff", "loose_nodes", "political_ranks",
           "stack_leaves"]


def hang_staff(graph: graphviz.Digraph, org: Organisation, staff_of: Mapping[str, list[str]],
               drawn: Mapping[str, list[str]]) -> dict[str, str]:
    """Hang each manager's staff units beside its line; return manager → junction name.

    The manager's line runs down to an invisible junction point (same ``group``, so the
    line stays straight); the junction and the staff units share one rank, alternately
    right and left of the line (a left one by a reversed edge, its arrow kept at the unit).

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> graph = graphviz.Digraph()
    >>> hang_staff(graph, org, {"radmann": ["okonomi", "personal"]},
    ...            {"okonomi": ["okonomi"], "personal": ["personal"]})
    {'radmann': '~j~radmann'}
    >>> print(graph.source)  # doctest: +ELLIPSIS
    digraph {
    ...
        radmann -> "~j~radmann"
        }
        {
        graph [rank=same]
        "~j~radmann" -> okonomi [arrowhead=normal class=staff_instructs ...]
        personal -> "~j~radmann" [arrowhead=none arrowtail=none class=staff dir=back ...]
        }
    }
    <BLANKLINE>
    """
    junction: dict[str, str] = {}
    for manager, staff in staff_of.items():
        mname = dot_name(manager)
        jname = f"~j~{mname}"
        junction[manager] = jname
        with block(graph, node=POINT_STYLE, edge={**edge_style("trunk"), "weight": "100"}):
            graph.node(jname, group=mname)
            graph.edge(mname, jname)
        with block(graph, rank="same"):  # the edges put the junction and staff in it
            for i, member in enumerate(staff):
                variant = edge_variant(Relation.STAFF,
                                       instructs=bool(org.nodes[member].get("instructs")))
                attrs = {**edge_style(variant), "id": f"{variant}:{mname}->{dot_name(member)}"}
                for target in drawn[member]:
                    if i % 2 == 0:  # right of the line
                        graph.edge(jname, target, **attrs)
                    else:  # left of the line: reversed edge, arrow kept at the staff unit
                        attrs_left = {**attrs, "dir": "back",
                                      "arrowtail": attrs["arrowhead"], "arrowhead": "none"}
                        graph.edge(target, jname, **attrs_left)
    return junction


def column_grid(targets: list[str], wrap: int) -> list[list[str]]:
    """Split ``targets`` into the fewest rows that hold at most ``wrap`` side by side,
    returned as columns (top to bottom, then the next column).

    Examples
    --------
    >>> column_grid(["a", "b", "c", "d", "e"], 2)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    rows = math.ceil(len(targets) / wrap)
    cols = math.ceil(len(targets) / rows)
    return [targets[c * rows:(c + 1) * rows] for c in range(cols)]


def stack_leaves(graph: graphviz.Digraph, org: Organisation,
                 tree_children: Mapping[str, list[str]], drawn: Mapping[str, list[str]],
                 junction: Mapping[str, str], wrap: int) -> set[tuple[str, str]]:
    """Stack the leaf units of every manager with more than ``wrap`` of them in columns;
    return the (manager, unit) line edges drawn this way.

    Examples
    --------
    Three leaves under the CAO, at most two side by side: two columns of junction points
    (the grid of :func:`column_grid`):

    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> children = {"radmann": ["kommunalsjef", "skole", "barnehager"]}
    >>> drawn = {n: [n] for n in org}
    >>> graph = graphviz.Digraph()
    >>> sorted(stack_leaves(graph, org, children, drawn, {}, 2))
    [('radmann', 'barnehager'), ('radmann', 'kommunalsjef'), ('radmann', 'skole')]
    >>> "~c~radmann~1~0" in graph.source, "~c~radmann~2~0" in graph.source
    (True, False)
    >>> stack_leaves(graphviz.Digraph(), org, children, drawn, {}, 3)  # three fit in a row
    set()
    """
    stacked: set[tuple[str, str]] = set()
    for parent, kids in tree_children.items():
        leaves = [k for k in kids if org.edges[parent, k]["relation"] == Relation.LINE.value
                  and not tree_children.get(k)]
        targets = [t for k in leaves for t in drawn[k]]
        if len(targets) <= wrap:
            continue
        owner = {t: k for k in leaves for t in drawn[k]}
        _draw_columns(graph, dot_name(parent), junction.get(parent, dot_name(parent)),
                      column_grid(targets, wrap))
        stacked.update((parent, owner[t]) for t in targets)
    return stacked


def _draw_columns(graph: graphviz.Digraph, pname: str, source: str,
                  grid: list[list[str]]) -> None:
    """Draw the columns of ``grid`` below ``source`` (the manager ``pname`` or its
    junction): a vertical line of points per column, one rank per row ordered point, unit,
    point, unit, ..., each unit on a line edge from its point."""
    for c, column in enumerate(grid):  # one vertical line of points per column
        points = [f"~c~{pname}~{c}~{r}" for r in range(len(column))]
        with block(graph, node={**POINT_STYLE, "group": f"~c~{pname}~{c}"},
                   edge={**edge_style("trunk"), "weight": "10"}):
            graph.edge(source, points[0], weight="1")  # the points are made by the edges
            graph.edges(itertools.pairwise(points))
    for r in range(len(grid[0])):  # the first column is the longest
        with block(graph, rank="same", edge={**edge_style("line"), "weight": "50"}):
            previous = None
            for c, column in enumerate(grid):
                if r >= len(column):
                    continue
                point, target = f"~c~{pname}~{c}~{r}", column[r]
                if previous is not None:
                    graph.edge(previous, point, **edge_style("row"), weight="1")
                graph.edge(point, target, id=f"line:{pname}->{target}")
                previous = target


def political_ranks(nodes: list[str], kinds: Mapping[str, Kind],
                    tree_children: Mapping[str, list[str]],
                    caos: list[str]) -> list[EdgeStatement]:
    """Invisible edges from each lowest political body to each CAO, ranking the political
    bodies above the administration.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> kinds = {n: org.kind(n) for n in org}
    >>> children = {"kommunestyre": ["formannskap", "helseutvalg", "radmann"]}
    >>> [(t, h) for _, t, h, _ in political_ranks(list(org), kinds, children, ["radmann"])]
    [('formannskap', 'radmann'), ('helseutvalg', 'radmann')]
    """
    political = [n for n in nodes if category_of(kinds[n]) is Category.POLITICAL]
    lowest = [p for p in political
              if not any(category_of(kinds[c]) is Category.POLITICAL
                         for c in tree_children.get(p, []))]
    return [(edge_style("rank"), dot_name(body), dot_name(cao), {})
            for cao in caos for body in lowest]


def loose_nodes(org: Organisation, nodes: list[str], kinds: Mapping[str, Kind],
                caos: list[str]) -> list[str]:
    """Staff, performance and chief-executive nodes that no visible line, delegation or
    dotted edge hangs from (support units that only serve), the CAOs excepted.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> kinds = {n: org.kind(n) for n in org}
    >>> loose_nodes(org, ["radmann", "okonomi", "skole"], kinds, ["radmann"])
    []
    >>> loose_nodes(org, ["kommunestyre", "okonomi", "skole"], kinds, [])  # no CAO drawn
    ['okonomi', 'skole']
    """
    visible = set(nodes)
    hung = {v for v in nodes for u in org.predecessors(v) if u in visible
            and org.edges[u, v].get("relation") in TREE_RELATIONS | {Relation.DOTTED.value}}
    return [n for n in nodes if n not in hung and n not in caos and category_of(
        kinds[n]) in (Category.STAFF, Category.PERFORMANCE, Category.CHIEF_EXECUTIVE)]


def hang_loose(graph: graphviz.Digraph, loose: list[str], drawn: Mapping[str, list[str]],
               caos: list[str]) -> None:
    """Put the ``loose`` nodes (:func:`loose_nodes`) on the first CAO's rank.

    Examples
    --------
    >>> graph = graphviz.Digraph()
    >>> hang_loose(graph, ["hr"], {"hr": ["hr~0", "hr~1"]}, ["cao"])
    >>> graph.body
    ['\\t{\\n', '\\tgraph [rank=same]\\n', '\\tcao\\n', '\\t"hr~0"\\n', '\\t"hr~1"\\n', '\\t}\\n']
    >>> hang_loose(graph, ["hr"], {"hr": ["hr"]}, [])  # no CAO: nothing written
    >>> len(graph.body)
    6
    """
    if caos and loose:
        with block(graph, rank="same"):
            graph.node(dot_name(caos[0]))
            for n in loose:
                for name in drawn[n]:
                    graph.node(name)
