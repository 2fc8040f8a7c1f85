"""What every organisation has, municipality or not: its head(s), depth, layers and spans.

The **head** of an organisation is its node of kind ``cao`` (the chief executive: a
municipality's rådmann, a company's CEO, the top of the tree of a file without kinds, see
:mod:`orgraph.infer`). An organisation with several heads is a **forest**: it is measured
per tree and as a whole. Without any ``cao`` node, the heads are the tops of the reporting
trees: the nodes without a line superior (political bodies above them aside) that are
administrative (``executive``, ``department``, ``unit``, ``unit_group``,
``service_office``) or have line reports.

**Depth**, the rule: the levels of the line tree below the head, the head being level 1.
A head alone is depth 1; a head with reports is 2; Krackhardt's (1987) high-tech company
(CEO, 4 vice presidents, 16 managers) is 3. It is the raw depth in edges
(:func:`~orgraph.metrics.depth`) plus one; political bodies above the head, staff units on
staff edges and dotted-line reporting do not add levels. A forest's depth is its deepest
tree's.

**Layers** (the layer profile): the nodes on each level, from the head down, an aggregate
(``unit_group``) counted as its ``count``: ``[1, 4, 16]``; a forest's profile is the sum of
its trees', level by level.

Examples
--------
>>> import orgraph
>>> org = orgraph.load("tests/data/krackhardt-high-tech.csv")
>>> heads(org), depth_in_levels(org), layer_profile(org)
(['7'], 3, [1, 4, 16])
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

from orgraph.errors import MetricsError
from orgraph.metrics._structure import Structure, structure
from orgraph.metrics.krackhardt import _hierarchy_measures
from orgraph.metrics.span import _all_spans, _span_arrays, span_values_stats

__all__ = ["depth_in_levels", "head_layers", "heads", "layer_profile", "tree_records"]

def heads(org: nx.DiGraph | Structure) -> list[Hashable]:
    """The head(s) of the organisation, in the graph's order (see the module notes).

    Examples
    --------
    >>> import orgraph
    >>> heads(orgraph.load("examples/minimal.yaml"))
    ['radmann']
    >>> org = orgraph.Organisation()
    >>> for n in "abc":
    ...     org.add_unit(n, kind="unit")
    >>> org.add_relation("a", "b")
    >>> heads(org)  # no cao: the tops of the trees ('c' is a tree of its own)
    ['a', 'c']
    """
    return list(structure(org).heads())


def _no_head(st: Structure) -> MetricsError:
    return MetricsError(f"{st.name}: has no reporting tree (no node of kind cao and no "
                        "line edges); add the reports-to relation")


def depth_in_levels(org: nx.DiGraph | Structure) -> int:
    """Levels from the head down to the deepest node, the head being level 1.

    Raises
    ------
    MetricsError
        No head; a node with two line superiors; a reporting cycle.

    Examples
    --------
    >>> import orgraph
    >>> depth_in_levels(orgraph.load("examples/minimal.yaml"))  # rådmann, units
    2
    """
    st = structure(org)
    trees = st.head_levels()
    if not trees:
        raise _no_head(st)
    return max(len(levels) for levels in trees)


def _profile(st: Structure, levels: list[np.ndarray]) -> list[int]:
    weights = st.weights
    return [int(weights[level].sum()) for level in levels]


def head_layers(org: nx.DiGraph | Structure) -> dict[Hashable, int]:
    """Node → its layer below its head (the head is layer 0), for the nodes of the heads'
    trees; nodes outside them (political bodies, staff on staff edges) are absent.

    Raises
    ------
    MetricsError
        As :func:`depth_in_levels`, except that no head gives an empty mapping.

    Examples
    --------
    >>> import orgraph
    >>> head_layers(orgraph.load("tests/data/krackhardt-high-tech.csv"))["14"]
    1
    """
    st = structure(org)
    nodes = st.nodes
    out: dict[Hashable, int] = {}
    for levels in st.head_levels():
        for i, level in enumerate(levels):
            out.update(dict.fromkeys(map(nodes.__getitem__, level.tolist()), i))
    return out


def layer_profile(org: nx.DiGraph | Structure) -> list[int]:
    """Nodes per level from the head, an aggregate as its count; a forest's summed.

    Raises
    ------
    MetricsError
        As :func:`depth_in_levels`.

    Examples
    --------
    >>> import orgraph
    >>> layer_profile(orgraph.load("examples/minimal.yaml"))  # rådmann; kommunalsjef,
    [1, 5]
    >>> # school and 3 kindergartens (the staff unit hangs on a staff edge, not a level)
    """
    st = structure(org)
    trees = st.head_levels()
    if not trees:
        raise _no_head(st)
    total = [0] * max(len(levels) for levels in trees)
    for levels in trees:
        for i, count in enumerate(_profile(st, levels)):
            total[i] += count
    return total


def tree_records(org: nx.DiGraph | Structure, *, dotted: bool = True,
                 lub_reading: str = "sna") -> list[dict[str, Any]]:
    """The generic metrics of each tree: head, depth, layers, spans, Krackhardt measures.

    A tree is a head and everything below it on line edges; its hierarchy measures are
    those of that part of the organisation alone (line and, unless ``dotted=False``,
    dotted edges between its nodes). ``nan`` measures are ``None``.

    Raises
    ------
    MetricsError
        As :func:`depth_in_levels`.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.Organisation()
    >>> for n in ("a", "a1", "a2", "b", "b1"):
    ...     org.add_unit(n, kind="unit")
    >>> for sup, sub in [("a", "a1"), ("a", "a2"), ("b", "b1")]:
    ...     org.add_relation(sup, sub)
    >>> [(t["head"], t["depth"], t["layers"], t["span_max"]) for t in tree_records(org)]
    [('a', 2, [1, 2], 2), ('b', 2, [1, 1], 1)]
    """
    st = structure(org)
    trees = st.head_levels()
    managers, spans = _span_arrays(st)
    out = []
    for head, levels in zip(heads(st), trees, strict=True):
        members = np.concatenate(levels)
        inside = np.zeros(st.n, dtype=bool)
        inside[members] = True
        values = spans[inside[managers]]
        stats = span_values_stats(values)
        sub = st.org.subgraph([st.nodes[i] for i in members.tolist()]).copy()
        hier = _hierarchy_measures(sub, dotted, lub_reading)
        out.append({
            "head": head, "depth": len(levels), "layers": _profile(st, levels),
            "head_span": int(_all_spans(st)[st.index[head]]),
            "managers": stats["managers"], "span_max": stats["max"],
            "span_mean": stats["mean"], "span_median": stats["median"],
            **{k: (None if isinstance(v, float) and v != v else v) for k, v in hier.items()},
        })
    return out
