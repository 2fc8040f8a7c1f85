"""Writing DOT statements into a :class:`graphviz.Digraph` in blocks that share a style.

Each style of the legend table is written once per run of statements that share it, as the
``node [...]``/``edge [...]`` defaults of an anonymous ``{ ... }`` block, so a statement
carries only its own label, id or group (see :mod:`orgraph.render.dot`).

Examples
--------
>>> import graphviz
>>> graph = graphviz.Digraph()
>>> emit_edges(graph, [({"style": "dashed"}, "a", "b", {}), ({"style": "dashed"}, "b", "c", {})])
>>> print(graph.source)
digraph {
    {
    edge [style=dashed]
    a -> b
    b -> c
    }
}
<BLANKLINE>
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Iterator

import graphviz
import graphviz.quoting

__all__ = ["EdgeStatement", "NodeStatement", "block", "defaults", "emit_edges", "emit_nodes",
           "style_key"]

#: A node statement: its style (shared with its neighbours), DOT name, own attributes.
NodeStatement = tuple[dict[str, str], str, dict[str, str]]
#: An edge statement: its style, tail, head, own attributes.
EdgeStatement = tuple[dict[str, str], str, str, dict[str, str]]


@contextlib.contextmanager
def block(graph: graphviz.Digraph, *, node: dict[str, str] | None = None,
          edge: dict[str, str] | None = None, **attrs: str) -> Iterator[None]:
    """Write an anonymous subgraph ``{ ... }`` into ``graph``: ``node``/``edge`` are default
    attributes for the statements written inside (DOT scopes them to the braces), ``attrs``
    its own attributes (``rank="same"``). Only the braces bypass the graphviz package;
    every name and value still goes through its quoting.

    Examples
    --------
    >>> graph = graphviz.Digraph()
    >>> with block(graph, node={"shape": "box"}, rank="same"):
    ...     graph.node("a b")
    >>> print(graph.source)
    digraph {
        {
        graph [rank=same]
        node [shape=box]
        "a b"
        }
    }
    <BLANKLINE>
    """
    graph.body.append("\t{\n")
    if attrs:
        graph.body.append(defaults("graph", style_key(attrs)))
    if node:
        graph.body.append(defaults("node", style_key(node)))
    if edge:
        graph.body.append(defaults("edge", style_key(edge)))
    yield
    graph.body.append("\t}\n")


@functools.lru_cache(maxsize=1024)
def defaults(what: str, style: tuple[tuple[str, str], ...]) -> str:
    """The ``graph|node|edge [...]`` statement of a style, quoted by the graphviz package
    once per style rather than once per chart (the table's rows recur in every chart).

    Examples
    --------
    >>> defaults("node", (("label", "a b"), ("shape", "box")))
    '\\tnode [label="a b" shape=box]\\n'
    """
    return f"\t{what}{graphviz.quoting.attr_list(attributes=style)}\n"


def style_key(style: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """A style as a hashable, order-independent key.

    Examples
    --------
    >>> style_key({"shape": "box", "color": "red"})
    (('color', 'red'), ('shape', 'box'))
    """
    return tuple(sorted(style.items()))


def emit_nodes(graph: graphviz.Digraph, stmts: list[NodeStatement]) -> None:
    """Write node statements in order; a run of nodes with one style shares a subgraph
    whose ``node [...]`` carries the style, so each statement carries only its label.

    Examples
    --------
    >>> graph = graphviz.Digraph()
    >>> emit_nodes(graph, [({"shape": "box"}, "a", {"label": "A"}), ({"shape": "box"}, "b", {}),
    ...                    ({"shape": "oval"}, "c", {})])
    >>> print(graph.source)
    digraph {
        {
        node [shape=box]
        a [label=A]
        b
        }
        {
        node [shape=oval]
        c
        }
    }
    <BLANKLINE>
    """
    for _, group in itertools.groupby(stmts, key=lambda s: style_key(s[0])):
        run = list(group)
        with block(graph, node=run[0][0]):
            for _, name, own in run:
                graph.node(name, **own)


def emit_edges(graph: graphviz.Digraph, stmts: list[EdgeStatement]) -> None:
    """Write edge statements in order; a run with one style shares an ``edge [...]``.

    Examples
    --------
    >>> graph = graphviz.Digraph()
    >>> emit_edges(graph, [({"style": "dashed"}, "a", "b", {}), ({}, "b", "c", {"id": "x"})])
    >>> print(graph.source)
    digraph {
        {
        edge [style=dashed]
        a -> b
        }
        {
        b -> c [id=x]
        }
    }
    <BLANKLINE>
    """
    for _, group in itertools.groupby(stmts, key=lambda s: style_key(s[0])):
        run = list(group)
        with block(graph, edge=run[0][0]):
            for _, tail, head, own in run:
                graph.edge(tail, head, **own)
