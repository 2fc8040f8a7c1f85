"""Room for overlay combs in the tree's stacked columns, made before the overlays are routed.

A column of reports stacked round a spine (:mod:`orgraph.layout.forms`) leaves only 6 pt
between its boxes, and its two sides are offset by half a box, so no line can pass between
two boxes of it: each box can be reached from its outer side alone. Two support units that
each serve the others (Strand's Vedlikehold og service and Interntjenester, kap. 6.2) then
cannot be drawn without their lines ("combs") crossing each other. Where the boxes of a
column send or receive such lines (``order``, ``service``; three boxes or more),
:func:`make_room` opens a corridor :data:`CORRIDOR` points high between every two of those
boxes that follow each other from top to bottom, by moving everything below down (a
horizontal band inserted into the whole drawing, so nothing comes to overlap and every tree
connector stays orthogonal: its vertical runs grow). Charts without such lines are left as
they are.

Examples
--------
>>> from orgraph.layout.shapes import Layout, Route
>>> boxes = {"m": (20, 5, 40, 10), "a": (10, 30, 10, 20), "b": (30, 42, 10, 20),
...          "c": (10, 54, 10, 20)}
>>> lay = Layout(40, 70, boxes, [
...     Route("m", "a", ((20, 10), (20, 30), (15, 30)), "right"),
...     Route("m", "b", ((20, 10), (20, 42), (25, 42)), "left"),
...     Route("m", "c", ((20, 10), (20, 54), (15, 54)), "right")])
>>> make_room(lay, {"a", "b"})  # two boxes of a column: left as they are
>>> lay.boxes["b"], lay.height
((30, 42, 10, 20), 70)
>>> make_room(lay, {"a", "b", "c"})
>>> lay.boxes["b"], lay.routes[1].points, lay.boxes["c"][1], lay.height
((30, 64.0, 10, 20), ((20, 10), (20, 64.0), (25, 64.0)), 98.0, 114.0)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection

from orgraph.layout.shapes import Layout, Route

__all__ = ["CHANNEL_ROOM", "CORRIDOR", "make_room", "open_channels"]

CORRIDOR = 14.0  # points of free height between two boxes of a column that carry combs
CHANNEL_ROOM = 36.0  # points of free height under a row of three or more overlays' ends
_OVERLAP = 24.0  # a box below a row's box by less than this across is beside it, not under


def make_room(lay: Layout, touched: Collection[str]) -> None:
    """Open corridors between the boxes in ``touched`` of the stacked columns that hold at
    least three of them, in place: see the module's docstring."""
    cuts: dict[float, float] = {}
    for heads in _columns(lay).values():
        order = sorted((h for h in heads if h in touched), key=lambda h: lay.boxes[h][1])
        if len(order) < 3:
            continue
        for a, b in itertools.pairwise(order):
            (_, ay, _, ah), (_, by, _, bh) = lay.boxes[a], lay.boxes[b]
            gap = (by - bh / 2) - (ay + ah / 2)
            if gap < CORRIDOR and by > ay:
                at = (ay + by) / 2
                cuts[at] = max(cuts.get(at, 0.0), CORRIDOR - gap)
    for at in sorted(cuts, reverse=True):  # lowest first: the cuts above stay where they are
        _insert(lay, at, cuts[at])


def _columns(lay: Layout) -> dict[tuple[str, float], list[str]]:
    """(manager, spine x) → the boxes entered from the side off that spine."""
    out: dict[tuple[str, float], list[str]] = {}
    for route in lay.routes:
        p = route.points
        if route.enter in ("left", "right") and len(p) >= 3 and p[-3][0] == p[-2][0]:
            out.setdefault((route.tail, round(p[-2][0], 3)), []).append(route.head)
    return out


def _insert(lay: Layout, at: float, height: float) -> None:
    """Move everything below ``at`` down by ``height``: boxes by their centre, connectors
    point by point, a connector's ends with the box they touch."""
    moved = {name for name, box in lay.boxes.items() if box[1] > at}
    for name in moved:
        cx, cy, w, h = lay.boxes[name]
        lay.boxes[name] = (cx, cy + height, w, h)

    def shift(point: tuple[float, float], down: bool) -> tuple[float, float]:
        return (point[0], point[1] + height) if down else point

    routes = []
    for route in lay.routes:
        p = route.points
        inner = [shift(q, q[1] > at) for q in p[1:-1]]
        points = (shift(p[0], route.tail in moved), *inner, shift(p[-1], route.head in moved))
        routes.append(Route(route.tail, route.head, points if len(p) > 1 else p[:1],
                            route.enter))
    lay.routes = routes
    lay.height += height


def open_channels(lay: Layout, ends: Collection[str]) -> None:
    """Open a channel :data:`CHANNEL_ROOM` points high under every row (boxes with one top)
    of three or more boxes in ``ends`` (where overlays begin or end) that has a box closer
    below its lowest bottom, by moving everything below down (as :func:`make_room` does),
    in place: the overlays of a row (a leader group's member lines, dotted lines, a support unit's
    services) then find room to run beside each other under it.

    Examples
    --------
    >>> from orgraph.layout.shapes import Layout
    >>> boxes = {"a": (15, 5, 30, 10), "b": (50, 5, 30, 10), "c": (85, 5, 30, 10),
    ...          "s": (50, 30, 60, 20)}
    >>> lay = Layout(100, 40, boxes, [])
    >>> open_channels(lay, {"a", "b"})  # two ends in the row: left as it is
    >>> lay.boxes["s"]
    (50, 30, 60, 20)
    >>> open_channels(lay, {"a", "b", "c"})
    >>> lay.boxes["s"], lay.height
    ((50, 56.0, 60, 20), 66.0)
    """
    rows: dict[float, list[tuple[float, float, float]]] = {}
    for name in ends:
        cx, cy, w, h = lay.boxes[name]
        rows.setdefault(round(cy - h / 2, 1), []).append((cx - w / 2, cx + w / 2, cy + h / 2))
    cuts: dict[float, float] = {}
    for top, row in rows.items():
        if len(row) < 3:
            continue
        bottom = max(b for _, _, b in row)
        gap, at = math.inf, 0.0
        for cx, cy, w, h in lay.boxes.values():
            y0, x0, x1 = cy - h / 2, cx - w / 2, cx + w / 2
            if y0 < bottom or cy - h / 2 <= top:
                continue
            if y0 - bottom < gap and any(min(a1, x1) - max(a0, x0) >= _OVERLAP
                                         for a0, a1, _ in row):
                gap, at = y0 - bottom, (bottom + y0) / 2
        if gap < CHANNEL_ROOM:
            cuts[at] = max(cuts.get(at, 0.0), CHANNEL_ROOM - gap)
    for at in sorted(cuts, reverse=True):
        _insert(lay, at, cuts[at])
