"""Connectors drawn after the tree: dotted-line (matrix) reporting and the ``--show``
relations (coordination memberships, purchaser–provider orders, internal services).

They never take a reporting line's place: each leaves its tail box a quarter of the box's
width right of the centre (where no tree line runs), turns in a channel a few points above
the head's row (clear of the bus halfway between rows), and enters the head a quarter right
of its centre. Routes from one tail share their first leg (a bundle), and a bundle's text
label ("bestiller", "tjeneste") is written once.

Examples
--------
>>> from orgraph import load
>>> from orgraph.render.pinned import pinned_layout
>>> lay, specs, tree, extra = pinned_layout(load("charts/lier.yaml"))
>>> {r.relation for r in extra}
{'dotted'}
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from orgraph.layout.boxes import BoxSpec
from orgraph.layout.tree import Layout, Route
from orgraph.model import Organisation, Relation
from orgraph.render.style import HIDDEN_UNLESS

__all__ = ["CHANNEL", "OverlayRoute", "overlay_routes"]

#: How far above (or below) the head's box an overlay turns, in points.
CHANNEL = 11.0
_LABELLED = {Relation.ORDER.value, Relation.SERVICE.value}


@dataclass(frozen=True)
class OverlayRoute(Route):
    """A route with the relation it draws and, for the first of a bundle, its label word."""

    relation: str = "dotted"
    label: str | None = None


def overlay_routes(org: Organisation, nodes: list[str], specs: Mapping[str, list[BoxSpec]],
                   lay: Layout, shown: Collection[str]) -> list[OverlayRoute]:
    """Routes for every drawn dotted edge and every shown overlay relation.

    Parameters
    ----------
    org : Organisation
    nodes : list of str
        Drawn nodes.
    specs : mapping
        Node → boxes.
    lay : Layout
        The placed tree.
    shown : collection of str
        The ``--show`` words in force.
    """
    visible = set(nodes)
    out: list[OverlayRoute] = []
    labelled: set[tuple[str, str]] = set()
    for u, v, rel in org.edges(data="relation"):
        if u not in visible or v not in visible:
            continue
        if rel != Relation.DOTTED.value and not (rel in HIDDEN_UNLESS
                                                 and HIDDEN_UNLESS[rel] in shown):
            continue
        tail = specs[u][0].name
        for spec in specs[v]:
            points = _route(lay.boxes[tail], lay.boxes[spec.name])
            label = None
            if rel in _LABELLED and (tail, rel) not in labelled:
                labelled.add((tail, rel))
                label = rel
            out.append(OverlayRoute(tail, spec.name, points, "top" if points[-1][1] >
                                    points[-2][1] else "bottom", relation=rel, label=label))
    return out


def _route(a: tuple[float, float, float, float],
           b: tuple[float, float, float, float]) -> tuple[tuple[float, float], ...]:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    start_x, end_x = ax + aw / 4, bx + bw / 4
    if by - bh / 2 > ay + ah / 2:  # head below: down, across above the head, down
        channel = by - bh / 2 - CHANNEL
        return ((start_x, ay + ah / 2), (start_x, channel), (end_x, channel),
                (end_x, by - bh / 2))
    if by + bh / 2 < ay - ah / 2:  # head above: up, across below the head, up
        channel = by + bh / 2 + CHANNEL
        return ((start_x, ay - ah / 2), (start_x, channel), (end_x, channel),
                (end_x, by + bh / 2))
    channel = min(ay - ah / 2, by - bh / 2) - CHANNEL  # same row: over the top
    return ((start_x, ay - ah / 2), (start_x, channel), (end_x, channel), (end_x, by - bh / 2))
