"""Connectors drawn after the tree: dotted-line (matrix) reporting and the ``--show``
relations (coordination memberships, purchaser–provider orders, internal services).

Each is routed once the tree is placed, as the cheapest of a few orthogonal candidates:
leaving its tail off-centre (a quarter or 0.4 of the box's width from the middle, where no
tree line runs) at the top, bottom or side, turning in a channel a few points outside either
box (clear of the bus halfway between rows), and entering the head off-centre too. A
candidate's cost counts the boxes it passes (heavily), the segments it would run along on
top of a line already drawn, then its length; boxes and lines sit in grid buckets, so a
route costs what is near it, not the whole chart. An aggregate drawn as one box per item
(``--expand``) gets the line once, at its first box, standing for the group. A bundle's text
label ("bestiller", "tjeneste") is written once per tail.

Examples
--------
>>> from orgraph import load
>>> from orgraph.render.pinned import pinned_layout
>>> lay, specs, tree, extra = pinned_layout(load("charts/lier.yaml"))
>>> {r.relation for r in extra}
{'dotted'}
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from orgraph.layout.boxes import BoxSpec
from orgraph.layout.router import Router
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
                   lay: Layout, shown: Collection[str],
                   drawn: Collection[tuple[str, str]] = ()) -> list[OverlayRoute]:
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
    drawn : collection of (str, str)
        Node pairs whose edge the tree already draws (a dotted edge a staff unit hangs on).
    """
    visible = set(nodes)
    drawn = set(drawn)
    out: list[OverlayRoute] = []
    labelled: set[tuple[str, str]] = set()
    index: _Index | None = None
    edges = sorted(org.edges(data="relation"), key=lambda e: e[2] != Relation.DOTTED.value)
    for u, v, rel in edges:  # dotted lines first: the others keep off them
        if u not in visible or v not in visible or (u, v) in drawn:
            continue
        if rel != Relation.DOTTED.value and not (
                rel in HIDDEN_UNLESS and HIDDEN_UNLESS[rel] in shown) and not (
                rel == Relation.MEMBER.value and org.nodes[u].get("shown")):
            continue  # a body marked shown is drawn with its member lines
        if index is None:
            index = _Index(lay)
            shapes = {s.name: s.attrs.get("shape", "box") for b in specs.values() for s in b}
            router = Router(lay.boxes, shapes, [r.points for r in lay.routes],
                            (lay.width, lay.height))
        if any(spec.group_under == u for spec in specs[v]):
            continue  # the group box hangs under u: the tree line says it
        tail = specs[u][0].name
        for spec in specs[v][:1]:  # an expanded aggregate: once, to its first box
            reporting = rel == Relation.DOTTED.value
            points = router.route(tail, spec.name, (tail, rel), reporting)
            if points is None:  # too crowded a window for the router: the cheap candidates
                points = index.best_route(tail, spec.name)
            index.add_route(points)
            router.add(points, (tail, rel), reporting)
            label = None
            if rel in _LABELLED and (tail, rel) not in labelled:
                labelled.add((tail, rel))
                label = rel
            out.append(OverlayRoute(tail, spec.name, points, _side(points), relation=rel,
                                    label=label))
    return out


def _side(points: tuple[tuple[float, float], ...]) -> str:
    (px, py), (qx, qy) = points[-2], points[-1]
    if abs(qx - px) < abs(qy - py):
        return "top" if qy > py else "bottom"
    return "left" if qx > px else "right"


_CELL = 160.0


class _Index:
    """Boxes and already-drawn lines in grid buckets, to score candidate routes."""

    def __init__(self, lay: Layout) -> None:
        self.lay = lay
        self.cells: dict[tuple[int, int], list[tuple[str, float, float, float, float]]] = {}
        for name, (cx, cy, w, h) in lay.boxes.items():
            self._put(name, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        self.lines: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        for route in lay.routes:
            self.add_route(route.points)

    def _put(self, name: str, x0: float, y0: float, x1: float, y1: float) -> None:
        for key in self._keys(x0, y0, x1, y1):
            self.cells.setdefault(key, []).append((name, x0, y0, x1, y1))

    @staticmethod
    def _keys(x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int]]:
        return [(i, j) for i in range(int(x0 // _CELL), int(x1 // _CELL) + 1)
                for j in range(int(y0 // _CELL), int(y1 // _CELL) + 1)]

    def add_route(self, points: tuple[tuple[float, float], ...]) -> None:
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            seg = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            for key in self._keys(*seg):
                self.lines.setdefault(key, []).append(seg)

    def cost(self, points: tuple[tuple[float, float], ...], ends: tuple[str, str]) -> float:
        """Boxes crossed (heavily), lines run along (less), then length."""
        crossed: set[str] = set()
        along = 0
        length = 0.0
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            x0, y0, x1, y1 = min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)
            length += (x1 - x0) + (y1 - y0)
            for key in self._keys(x0, y0, x1, y1):
                for name, bx0, by0, bx1, by1 in self.cells.get(key, ()):
                    if name in ends or name in crossed:
                        continue
                    if x0 < bx1 - 1 and x1 > bx0 + 1 and y0 < by1 - 1 and y1 > by0 + 1:
                        crossed.add(name)
                for lx0, ly0, lx1, ly1 in self.lines.get(key, ()):
                    same_y = y0 == y1 == ly0 == ly1 and x0 < lx1 and lx0 < x1
                    same_x = x0 == x1 == lx0 == lx1 and y0 < ly1 and ly0 < y1
                    along += same_x or same_y
        return len(crossed) * 1000.0 + along * 50.0 + length

    def best_route(self, tail: str, head: str) -> tuple[tuple[float, float], ...]:
        """The cheapest of a few orthogonal routes between the two boxes."""
        a, b = self.lay.boxes[tail], self.lay.boxes[head]
        best, best_cost = None, float("inf")
        for points in _candidates(a, b):
            c = self.cost(points, (tail, head))
            if c < best_cost:
                best, best_cost = points, c
        assert best is not None
        return best


def _candidates(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
                ) -> list[tuple[tuple[float, float], ...]]:
    """Routes leaving ``a`` off-centre (top, bottom or side) and entering ``b`` likewise,
    turning in channels just outside either box."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    out = []
    a_top, a_bot, b_top, b_bot = ay - ah / 2, ay + ah / 2, by - bh / 2, by + bh / 2
    for fa in (0.25, -0.25, 0.4, -0.4):
        sx = ax + aw * fa
        for fb in (0.25, -0.25, 0.4, -0.4):
            ex = bx + bw * fb
            ends = []
            if b_top > a_bot:  # head below
                ends = [(a_bot, b_top, y) for y in (b_top - CHANNEL, a_bot + CHANNEL)]
            elif b_bot < a_top:  # head above
                ends = [(a_top, b_bot, y) for y in (b_bot + CHANNEL, a_top - CHANNEL)]
            else:
                ends = [(a_top, b_top, min(a_top, b_top) - CHANNEL),
                        (a_bot, b_bot, max(a_bot, b_bot) + CHANNEL)]
            for y_start, y_end, channel in ends:
                out.append(((sx, y_start), (sx, channel), (ex, channel), (ex, y_end)))
    for side_a in (1, -1):  # side to side through a vertical channel
        sx = ax + side_a * aw / 2
        for side_b in (1, -1):
            ex = bx + side_b * bw / 2
            for channel in (sx + side_a * CHANNEL, ex + side_b * CHANNEL):
                out.append(((sx, ay), (channel, ay), (channel, by), (ex, by)))
    return out
