"""Span of control (kontrollspenn) and the spans-and-layers profile of org-design practice."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

from orgraph.display import SpanProfile, Spans
from orgraph.errors import MetricsError
from orgraph.metrics._structure import POLITICAL, Structure, structure
from orgraph.metrics.levels import _unit_halves
from orgraph.metrics.report import _performance_mask

__all__ = [
    "SPAN_BANDS",
    "cao_span",
    "span_stats",
    "span_values_stats",
    "spans",
    "spans_and_layers",
    "team_span",
]

#: Manager archetype bands of spans-and-layers reviews: (name, smallest, largest span).
SPAN_BANDS = (("1-2", 1, 2), ("3-5", 3, 5), ("6-7", 6, 7), ("8-10", 8, 10),
              ("11-15", 11, 15), ("16+", 16, None))


def spans(org: nx.DiGraph | Structure) -> dict[Hashable, int]:
    """Span of control of every manager: its line subordinates, an aggregate as its count.

    Definition: for every node that is not a political body and has at least one line
    subordinate, the sum over its line subordinates of their weight (a ``unit_group``
    counts as its ``count``, any other node as 1). Dotted-line subordinates are not counted
    (they keep their line superior). Nodes without subordinates are not managers and are
    absent, so statistics over the result are over managers only.

    References
    ----------
    Urwick, L. F. (1956), "The Manager's Span of Control", *Harvard Business Review* 34(3);
    NIBR-rapport 2002:21, chapter 5 (kontrollspenn).

    Examples
    --------
    >>> import orgraph
    >>> spans(orgraph.load("examples/minimal.yaml"))  # school 1 + kindergartens 3 + kommunalsjef 1
    {'radmann': 5}
    """
    st = structure(org)
    nodes = st.nodes
    idx, values = _span_arrays(st)
    return Spans(zip(map(nodes.__getitem__, idx.tolist()), values.tolist(), strict=True))


def _all_spans(st: Structure) -> np.ndarray:
    """Per node: the weight of its line subordinates (0 for a node without any)."""
    def compute() -> np.ndarray:
        if not len(st.line_head):
            return np.zeros(st.n, dtype=np.int64)
        return np.bincount(st.line_tail, weights=st.weights[st.line_head],
                           minlength=st.n).astype(np.int64)
    return st.cached("all_spans", compute)


def _span_arrays(st: Structure) -> tuple[np.ndarray, np.ndarray]:
    """Manager indices (graph order) and their spans, as :func:`spans` defines them."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        managers = np.flatnonzero((st.line_deg > 0) & ~st.kind_mask(*POLITICAL))
        return managers, _all_spans(st)[managers]
    return st.cached("span_arrays", compute)


def cao_span(org: nx.DiGraph | Structure) -> int:
    """The CAO's span of control (0 when nobody reports to the CAO on a line edge).

    Raises
    ------
    MetricsError
        No CAO, or several.

    Examples
    --------
    >>> import orgraph
    >>> cao_span(orgraph.load("examples/minimal.yaml"))
    5
    """
    st = structure(org)
    return int(_all_spans(st)[st.index[st.cao()]])


def span_stats(org: nx.DiGraph | Structure) -> dict[str, Any]:
    """Max, mean and median span over managers only (never over all nodes).

    Returns
    -------
    dict
        ``managers`` (count), ``max``, ``mean``, ``median``; the last three are ``None``
        when there is no manager.

    Examples
    --------
    >>> import orgraph
    >>> span_stats(orgraph.load("examples/minimal.yaml"))
    {'managers': 1, 'max': 5, 'mean': 5.0, 'median': 5.0}
    """
    return span_values_stats(_span_arrays(structure(org))[1])


def span_values_stats(values: np.ndarray) -> dict[str, Any]:
    """:func:`span_stats` of given span values (one per manager).

    Examples
    --------
    >>> span_values_stats(np.array([4, 3, 7, 2, 4]))
    {'managers': 5, 'max': 7, 'mean': 4.0, 'median': 4.0}
    """
    count = len(values)
    if not count:
        return {"managers": 0, "max": None, "mean": None, "median": None}
    # exact as statistics.fmean / median on the ints: an int sum, one division
    half = count // 2
    if count % 2:
        median = float(int(np.partition(values, half)[half]))
    else:
        part = np.partition(values, (half - 1, half))
        median = float((int(part[half - 1]) + int(part[half])) / 2)
    return {"managers": count, "max": int(values.max()),
            "mean": int(values.sum()) / count, "median": median}


def team_span(org: nx.DiGraph | Structure) -> float | None:
    """Span per member of the CAO's level when that level shares the units between them.

    Definition: take the performance units (aggregates as their count) whose line superior
    is on the CAO's level (the CAO, or an executive post acting for the CAO reached through
    such posts only). Each unit is carried by the executives acting for the CAO among its
    line and dotted-line superiors (a kommunalsjef who follows it up), or, when there is
    none, by its line superior. The result is the number of those units divided by the
    number of distinct carriers. Lier: 54 units with the line to the CAO and followed up by
    5 kommunalsjefer = 10.8; Larvik: 65 units under the CAO alone = 65. ``None`` when no
    unit reports to the CAO's level (Sveio's units report to sector chiefs).

    References
    ----------
    NIBR-rapport 2002:21, chapter 5.2 and Vedlegg 1 (Lier).

    Examples
    --------
    >>> import orgraph
    >>> team_span(orgraph.load("examples/minimal.yaml"))  # kommunalsjef follows up 3 of 4
    2.0
    """
    st = structure(org)
    st.require_line_tree()
    cao = st.index[st.cao()]
    _unit_halves(st)
    level = st.memo["cao_level"]  # the CAO and the posts acting for it, through such posts
    parent = np.full(st.n, -1, dtype=np.int64)
    parent[st.line_head] = st.line_tail
    boss = parent
    carried_mask = _performance_mask(st) & (boss >= 0)
    carried_mask[carried_mask] = level[boss[carried_mask]]
    carried = int(st.weights[carried_mask].sum())
    # carriers: superiors of a carried unit on line or dotted edges, on the CAO's level,
    # not the CAO; a unit without such a superior is carried by its line superior
    edges = st.rel_mask("line", "dotted")
    tails, heads = st.tail[edges], st.head[edges]
    mine = carried_mask[heads] & level[tails] & (tails != cao)
    carriers = set(tails[mine].tolist())
    lone = carried_mask.copy()
    lone[heads[mine]] = False
    carriers.update(boss[lone].tolist())
    return carried / len(carriers) if carriers else None


def spans_and_layers(org: nx.DiGraph | Structure) -> dict[str, Any]:
    """The spans-and-layers profile: units per layer and managers per span band.

    Layers run down from the head (the CAO; each head of a forest, summed layer by layer:
    see :mod:`orgraph.metrics.generic`).

    Returns
    -------
    SpanProfile
        A dict (shown as tables in Jupyter). ``units_per_layer``: list, index = layer
        below the head (line edges), value =
        performance units there (aggregates as their count), so a pyramid and a diamond
        differ; ``managers_per_layer``: managers (nodes with line subordinates) per layer;
        ``narrow_managers``: managers with span ≤ 2; ``wide_managers``: span > 15;
        ``bands``: managers per archetype band of :data:`SPAN_BANDS` (1–2, 3–5, 6–7, 8–10,
        11–15, 16+). Managers outside the CAO's line are counted in the bands too.

    References
    ----------
    Spans-and-layers reviews in org-design practice, e.g. McKinsey & Company (2017),
    "How to identify the right 'spans of control' for your organization" (the manager
    archetypes and the ≤ 2 / > 15 warning thresholds).

    Raises
    ------
    MetricsError
        No reporting tree, two line superiors, a cycle.

    Examples
    --------
    >>> import orgraph
    >>> profile = spans_and_layers(orgraph.load("examples/minimal.yaml"))
    >>> profile["units_per_layer"], profile["bands"]["3-5"], profile["wide_managers"]
    ([0, 4], 1, 0)
    """
    st = structure(org)
    trees = st.head_levels()
    if not trees:
        raise MetricsError(f"{st.name}: has no reporting tree (no node of kind cao and no "
                           "line edges); add the reports-to relation")
    idx, values = _span_arrays(st)
    perf, weights = _performance_mask(st), st.weights
    is_manager = np.zeros(st.n, dtype=bool)
    is_manager[idx] = True
    depth = max(len(levels) for levels in trees)
    units, managers = [0] * depth, [0] * depth
    for levels in trees:
        for i, level in enumerate(levels):
            units[i] += int(weights[level[perf[level]]].sum())
            managers[i] += int(is_manager[level].sum())
    bands = {name: 0 for name, _, _ in SPAN_BANDS}
    for name, lo, hi in SPAN_BANDS:
        inside = values >= lo if hi is None else (values >= lo) & (values <= hi)
        bands[name] = int(inside.sum())
    return SpanProfile({
        "units_per_layer": units,
        "managers_per_layer": managers,
        "narrow_managers": int((values <= 2).sum()),
        "wide_managers": int((values > 15).sum()),
        "bands": bands,
    })
