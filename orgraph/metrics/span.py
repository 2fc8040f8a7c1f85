"""Span of control (kontrollspenn) and the spans-and-layers profile of org-design practice."""

from __future__ import annotations

import statistics
from collections.abc import Hashable
from typing import Any

import networkx as nx

from orgraph.metrics._structure import POLITICAL, Structure, structure
from orgraph.metrics.levels import _cached_layers
from orgraph.metrics.report import _performance_nodes

__all__ = [
    "SPAN_BANDS",
    "cao_span",
    "span_stats",
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

    def compute() -> dict[Hashable, int]:
        counts, kind = st.counts, st.kind
        return {n: (sum(counts.get(c, 1) for c in subs) if counts else len(subs))
                for n, subs in st.children.items() if kind.get(n) not in POLITICAL}
    return dict(st.cached("spans", compute))


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
    cao = st.cao()
    return sum(st.weight(c) for c in st.children.get(cao, ()))


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
    values = list(spans(org).values())
    if not values:
        return {"managers": 0, "max": None, "mean": None, "median": None}
    return {"managers": len(values), "max": max(values),
            "mean": statistics.fmean(values), "median": float(statistics.median(values))}


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
    cao = st.cao()
    units = set(_performance_nodes(st))
    level = {cao}
    stack = [cao]
    while stack:
        for child in st.children.get(stack.pop(), ()):
            if st.acts_for_cao(child):
                level.add(child)
                stack.append(child)
    pred = st.org.pred
    carried = 0
    carriers: set[Hashable] = set()
    for unit in units:
        boss = st.parent.get(unit)
        if boss not in level:
            continue
        carried += st.weight(unit)
        mine = {sup for sup, d in pred[unit].items()
                if d.get("relation") in ("line", "dotted") and sup in level and sup != cao}
        carriers |= mine or {boss}
    return carried / len(carriers) if carriers else None


def spans_and_layers(org: nx.DiGraph | Structure) -> dict[str, Any]:
    """The spans-and-layers profile: units per layer and managers per span band.

    Returns
    -------
    dict
        ``units_per_layer``: list, index = layer below the CAO (line edges), value =
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
        As :func:`~orgraph.metrics.layers` (no CAO, two line superiors, a cycle).

    Examples
    --------
    >>> import orgraph
    >>> profile = spans_and_layers(orgraph.load("examples/minimal.yaml"))
    >>> profile["units_per_layer"], profile["bands"]["3-5"], profile["wide_managers"]
    ([0, 4], 1, 0)
    """
    st = structure(org)
    layer = _cached_layers(st)
    span = spans(st)
    height = max(layer.values())
    units = [0] * (height + 1)
    for node in _performance_nodes(st):
        if node in layer:
            units[layer[node]] += st.weight(node)
    managers = [0] * (height + 1)
    for node in span:
        if node in layer:
            managers[layer[node]] += 1
    bands = {name: 0 for name, _, _ in SPAN_BANDS}
    for value in span.values():
        for name, lo, hi in SPAN_BANDS:
            if value >= lo and (hi is None or value <= hi):
                bands[name] += 1
                break
    return {
        "units_per_layer": units,
        "managers_per_layer": managers,
        "narrow_managers": sum(1 for v in span.values() if v <= 2),
        "wide_managers": sum(1 for v in span.values() if v > 15),
        "bands": bands,
    }
