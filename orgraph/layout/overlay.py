"""Connectors drawn after the tree: dotted-line (matrix) reporting and the ``--show``
relations (coordination memberships, purchaser–provider orders, internal services).

Each is routed once the tree is placed, by :class:`orgraph.layout.router.Router`: an
orthogonal path through the channels between the placed boxes, leaving and entering its
boxes off-centre, never through a box, never on top of a tree line (nor, where another way
exists, right beside one); dotted lines are routed first and the other overlays keep off
them too. The lines of one tail and relation form a *bundle*: they share one trunk and
branch off it, so a body's many member lines (or a support unit's services) read as one;
a bundle's line between the boxes farthest apart is routed first, so the nearer ones branch
off its trunk instead of each crossing the tree on its own. Where more lines of a relation
share their head than their tail (five kommunalsjefer's dotted lines to Lier's 54
virksomheter, three networks' member lines to one box), the head holds the bundle: the
lines run together into one trunk, and a line that joins the trunk ends there, without an
arrowhead of its own; the trunk carries the one arrowhead.
Where a window of the chart holds too many boxes for the router, the cheapest of a few
orthogonal candidates is drawn instead (turning in a channel just outside either box).
Before routing, stacked columns whose boxes send or receive order or service lines get
corridors between those boxes (:mod:`orgraph.layout.room`); after it, a comb line (order or
service) that crosses another unit's comb is routed once more with every line drawn, and a
line left running close beside a reporting line because dotted lines into the same box took
its way is routed before them (:mod:`orgraph.layout.reroute`).
An aggregate drawn as one box per item (``--expand``) gets the line once, at its first
box, standing for the group. A bundle's text label ("bestiller", "tjeneste") is written
once per tail, above the longest level run of its first line.

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
import math
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from orgraph.layout.boxes import BoxSpec
from orgraph.layout.reroute import HEAD, Line, label_box, label_spot, relieve, untangle
from orgraph.layout.room import make_room, open_channels
from orgraph.layout.router import COMBS, Router
from orgraph.layout.tree import Layout, Route
from orgraph.model import Organisation, Relation
from orgraph.render.style import HIDDEN_UNLESS

__all__ = ["CHANNEL", "HEAD", "OverlayRoute", "overlay_routes"]

#: How far above (or below) the head's box an overlay turns, in points.
CHANNEL = 11.0
_LABELLED = {Relation.ORDER.value, Relation.SERVICE.value}


@dataclass(frozen=True)
class OverlayRoute(Route):
    """A route with the relation it draws and, for the first of a bundle, its label word
    and where the label's centre goes (``label_at``)."""

    relation: str = "dotted"
    label: str | None = None
    label_at: tuple[float, float] | None = None
    #: False for a branch that joins its bundle's trunk before the head (no arrowhead).
    arrow: bool = True


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
    edges = _overlay_edges(org, set(nodes), set(drawn), shown, specs)
    if not edges:
        return []
    combs = {specs[x][0].name for u, v, rel in edges if rel in COMBS for x in (u, v)}
    if combs:
        make_room(lay, combs)
    open_channels(lay, {specs[x][0].name for u, v, _ in edges for x in (u, v)})
    shapes = {s.name: s.attrs.get("shape", "box") for b in specs.values() for s in b}

    def new_router() -> Router:
        return Router(lay.boxes, shapes, [r.points for r in lay.routes], (lay.width, lay.height))

    lines, labels, fell_back = _route_all(edges, specs, lay, new_router())
    if combs and not fell_back:
        untangle(lines, labels, new_router)
    if not fell_back:
        relieve(lines, labels, [r.points for r in lay.routes], new_router)
    out: list[OverlayRoute] = []
    bundles: dict[tuple[str, ...], list[tuple[tuple[float, float], ...]]] = {}
    for i, line in enumerate(lines):
        earlier = bundles.setdefault(line.bundle, [])
        if line.bundle[0] == HEAD:
            drawn_points = _join(line.points, earlier)
        else:
            drawn_points = _branch(line.points, earlier)
        earlier.append(line.points)
        arrow = drawn_points[-1] == line.points[-1]
        out.append(OverlayRoute(line.tail, line.head, drawn_points, _side(line.points),
                                relation=line.rel, label=line.rel if i in labels else None,
                                label_at=labels.get(i), arrow=arrow))
    return out


def _route_all(edges: list[tuple[str, str, str]], specs: Mapping[str, list[BoxSpec]],
               lay: Layout, router: Router,
               ) -> tuple[list[Line], dict[int, tuple[float, float]], bool]:
    """Every edge routed in turn, each keeping off those before it: the lines, where their
    bundles' labels go (line → centre), and whether the cheap candidates had to stand in
    for the router somewhere (a window too crowded)."""
    index: _Index | None = None
    lines: list[Line] = []
    labels: dict[int, tuple[float, float]] = {}
    ends = [(specs[u][0].name, specs[v][0].name, rel) for u, v, rel in edges]  # an expanded
    bundles = _bundles(ends)  # aggregate: its first box
    for k in _farthest_first(ends, bundles, lay.boxes):
        (tail, head, rel), bundle = ends[k], bundles[k]
        line = Line(tail, head, rel, rel == Relation.DOTTED.value, (), bundle)
        points = router.route(tail, head, line.bundle, line.reporting)
        if points is None:  # too crowded a window for the router: the cheap candidates
            if index is None:
                index = _Index(lay)
                for earlier in lines:
                    index.add_route(earlier.points)
            points = index.best_route(tail, head)
        if index is not None:
            index.add_route(points)
        router.add(points, line.bundle, line.reporting, tip=line.bundle[0] != HEAD)
        line.points = points
        if rel in _LABELLED and all(other.bundle != line.bundle for other in lines):
            labels[len(lines)] = label_spot(points, router.free)
            router.occupy(label_box(labels[len(lines)]))
        lines.append(line)
    return lines, labels, index is not None


def _farthest_first(ends: list[tuple[str, str, str]], bundles: list[tuple[str, ...]],
                    boxes: Mapping[str, tuple[float, float, float, float]]) -> list[int]:
    """The order to route the lines in: bundle by bundle, in the order the bundles first
    come, and in a bundle the line between the boxes farthest apart first, so the nearer
    ones branch off its trunk instead of each crossing the tree on its own way (Strand's
    Ledermøtet's members on the far side of the rådmann's trunk); a comb's lines (order,
    service) as they come.

    >>> boxes = {"t": (0, 0, 10, 10), "a": (0, 50, 10, 10), "b": (0, 90, 10, 10)}
    >>> ends = [("t", "a", "member"), ("t", "b", "member"), ("a", "b", "dotted")]
    >>> _farthest_first(ends, _bundles(ends), boxes)
    [1, 0, 2]
    """
    first = {}
    for k, bundle in enumerate(bundles):
        first.setdefault(bundle, k)

    def key(k: int) -> tuple[int, float]:
        if ends[k][2] in COMBS:  # a comb's lines as they come (untangled afterwards)
            return first[bundles[k]], 0.0
        (ax, ay, _, _), (bx, by, _, _) = boxes[ends[k][0]], boxes[ends[k][1]]
        return first[bundles[k]], -(abs(ax - bx) + abs(ay - by))

    return sorted(range(len(ends)), key=key)


def _bundles(ends: list[tuple[str, str, str]]) -> list[tuple[str, ...]]:
    """Each line's bundle: ``(tail, relation)``, or ``(HEAD, head, relation)`` where more
    lines of the relation share the head than the tail (not for combs, whose lines are
    one unit's, each with its label).

    >>> _bundles([("a", "x", "dotted"), ("b", "x", "dotted"), ("a", "y", "member")])
    [('~head', 'x', 'dotted'), ('~head', 'x', 'dotted'), ('a', 'member')]
    >>> _bundles([("a", "x", "order"), ("b", "x", "order")])
    [('a', 'order'), ('b', 'order')]
    """
    tails = Counter((tail, rel) for tail, _, rel in ends)
    heads = Counter((head, rel) for _, head, rel in ends)
    return [(HEAD, head, rel) if heads[head, rel] > tails[tail, rel] and rel not in COMBS
            else (tail, rel) for tail, head, rel in ends]


def _branch(points: tuple[tuple[float, float], ...],
            earlier: list[tuple[tuple[float, float], ...]]) -> tuple[tuple[float, float], ...]:
    """``points`` from where it leaves the earlier line of its bundle that it starts along
    the longest, so the shared trunk is drawn once (dotted lines drawn twice do not line up
    their dots).

    Examples
    --------
    >>> _branch(((0, 0), (0, 10), (20, 10)), [((0, 0), (0, 30))])
    ((0, 10), (20, 10))
    >>> _branch(((0, 0), (0, 10)), [((5, 0), (5, 30))])
    ((0, 0), (0, 10))
    """
    best, cut = 0.0, None
    for other in earlier:
        shared, at = _shared_prefix(points, other)
        if shared > best:
            best, cut = shared, at
    if cut is None:
        return points
    point, index = cut
    return (point, *points[index:]) if point != points[index] else points[index:]


def _join(points: tuple[tuple[float, float], ...],
          earlier: list[tuple[tuple[float, float], ...]]) -> tuple[tuple[float, float], ...]:
    """``points`` up to where it joins the earlier line of its (head's) bundle that it ends
    along the longest, so the trunk into the head is drawn once, with one arrowhead.

    Examples
    --------
    >>> _join(((20, 10), (0, 10), (0, 30)), [((0, 0), (0, 30))])
    ((20, 10), (0, 10))
    >>> _join(((0, 0), (0, 10)), [((5, 0), (5, 30))])
    ((0, 0), (0, 10))
    """
    cut = _branch(points[::-1], [line[::-1] for line in earlier])
    return cut[::-1]


def _shared_prefix(p: tuple[tuple[float, float], ...], q: tuple[tuple[float, float], ...],
                   ) -> tuple[float, tuple[tuple[float, float], int] | None]:
    """How far the polylines ``p`` and ``q`` run together from a common start, and where
    ``p`` leaves ``q``: (the point, the index of ``p``'s next point)."""
    if not p or not q or p[0] != q[0]:
        return 0.0, None
    i = j = 1
    here, run = p[0], 0.0
    while i < len(p) and j < len(q):
        dp = (p[i][0] - here[0], p[i][1] - here[1])
        dq = (q[j][0] - here[0], q[j][1] - here[1])
        lp, lq = abs(dp[0]) + abs(dp[1]), abs(dq[0]) + abs(dq[1])
        if lp < 1e-6 or lq < 1e-6 or _heading(dp) != _heading(dq):
            break
        step = min(lp, lq)
        here = p[i] if step == lp else q[j] if step == lq else (
            here[0] + dp[0] / lp * step, here[1] + dp[1] / lp * step)
        run += step
        i, j = i + (step == lp), j + (step == lq)
    if run == 0.0 or i >= len(p):
        return 0.0, None
    return run, (here, i)


def _heading(d: tuple[float, float]) -> tuple[int, int]:
    """The direction of a step, each coordinate's sign (rounding left out).

    >>> _heading((3e-14, -254.3)), _heading((12.0, 0.0))
    ((0, -1), (1, 0))
    """
    return (int(d[0] > 1e-6) - int(d[0] < -1e-6), int(d[1] > 1e-6) - int(d[1] < -1e-6))


def _overlay_edges(org: Organisation, visible: set[str], drawn: set[tuple[str, str]],
                   shown: Collection[str], specs: Mapping[str, list[BoxSpec]],
                   ) -> list[tuple[str, str, str]]:
    """The edges drawn as overlays, dotted lines first (the others keep off them): dotted
    edges the tree does not draw, the relations ``shown`` names, and the member lines of a
    body marked shown; not to a group box hanging under the tail (its tree line says it)."""
    out = []
    for u, v, rel in org.edges(data="relation"):
        if u not in visible or v not in visible or (u, v) in drawn:
            continue
        if rel != Relation.DOTTED.value and not (
                rel in HIDDEN_UNLESS and HIDDEN_UNLESS[rel] in shown) and not (
                rel == Relation.MEMBER.value and org.nodes[u].get("shown")):
            continue
        if not any(spec.group_under == u for spec in specs[v]):
            out.append((u, v, rel))
    out.sort(key=lambda e: e[2] != Relation.DOTTED.value)
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
        # level lines by (cell, y) as (x0, x1), upright ones by (cell, x) as (y0, y1)
        self.level: dict[tuple[int, int, float], list[tuple[float, float]]] = {}
        self.upright: dict[tuple[int, int, float], list[tuple[float, float]]] = {}
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
            x0, y0, x1, y1 = min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)
            for i, j in self._keys(x0, y0, x1, y1):
                if y0 == y1:
                    self.level.setdefault((i, j, y0), []).append((x0, x1))
                if x0 == x1:
                    self.upright.setdefault((i, j, x0), []).append((y0, y1))

    def cost(self, points: tuple[tuple[float, float], ...], ends: tuple[str, str],
             bound: float = math.inf) -> float:
        """Boxes crossed (heavily), lines run along (less: each line once per grid cell the
        two share), then length. (A level segment can only run along a level line at its
        height, an upright one along an upright one: the lines are kept so.) The sum only
        grows as the segments are walked: once it reaches ``bound``, what it is so far is
        returned (the candidate cannot be cheaper than one costing ``bound``).

        >>> boxes = {"a": (0, 0, 20, 10), "b": (100, 0, 20, 10), "c": (50, 0, 20, 10)}
        >>> index = _Index(Layout(120, 10, boxes, []))
        >>> index.cost(((10, 0), (90, 0)), ("a", "b")), index.cost(((10, 0), (90, 0)),
        ...                                                          ("a", "b"), 500.0)
        (1080.0, 1080.0)
        >>> index.cost(((10, 0), (10, 30), (90, 30)), ("a", "b"), 50.0)
        110.0
        """
        segments = [(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
                    for (ax, ay), (bx, by) in itertools.pairwise(points)]
        length = 0.0
        for x0, y0, x1, y1 in segments:
            length += (x1 - x0) + (y1 - y0)
        crossed: set[str] = set()
        along = 0
        for x0, y0, x1, y1 in segments:
            if len(crossed) * 1000.0 + along * 50.0 + length >= bound:
                break
            for i, j in self._keys(x0, y0, x1, y1):
                for name, bx0, by0, bx1, by1 in self.cells.get((i, j), ()):
                    if name in ends or name in crossed:
                        continue
                    if x0 < bx1 - 1 and x1 > bx0 + 1 and y0 < by1 - 1 and y1 > by0 + 1:
                        crossed.add(name)
                if y0 == y1:  # on a level line at the same height (a point: either)
                    along += sum(x0 < lx1 and lx0 < x1 for lx0, lx1 in self.level.get(
                        (i, j, y0), ()))
                if x0 == x1:
                    along += sum(y0 < ly1 and ly0 < y1 for ly0, ly1 in self.upright.get(
                        (i, j, x0), ()))
        return len(crossed) * 1000.0 + along * 50.0 + length

    def best_route(self, tail: str, head: str) -> tuple[tuple[float, float], ...]:
        """The cheapest of a few orthogonal routes between the two boxes."""
        a, b = self.lay.boxes[tail], self.lay.boxes[head]
        best, best_cost = None, float("inf")
        for points in _candidates(a, b):
            c = self.cost(points, (tail, head), best_cost)
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
