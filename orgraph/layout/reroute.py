"""Second passes over the routed overlays, and the record of a line while it is routed.

The first pass (:func:`orgraph.layout.overlay.overlay_routes`) routes each overlay knowing
only the lines before it. Two repairs follow, each keeping a new route only where it is
better by its own measure:

* :func:`untangle`: a comb line (order or service) that crosses another unit's comb is
  routed again with every other line drawn;
* :func:`relieve`: a line that runs close beside a reporting line (a tree connector, or for
  the ``--show`` relations a dotted line) for long, because a dotted line ending in the same
  box took the room it needed, is routed first, and those dotted lines after it.

Examples
--------
>>> Line("a", "b", "member", False, ((0, 0), (0, 10))).bundle
('a', 'member')
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from orgraph.layout.router import COMBS, Router
from orgraph.layout.tracks import CLOSE, TOL

__all__ = ["HEAD", "Line", "close_run", "label_box", "label_spot", "relieve", "untangle"]

Point = tuple[float, float]
_LABEL_WIDTH = 44.0  # points: "bestiller", "tjeneste", "orders" at 10 pt, and a little
SHORT = 20.0  # points: a line closer than CLOSE beside a reporting line for longer is relieved


@dataclass
class Line:
    """One overlay while it is routed: its ends, relation, whether it is a ``reporting``
    (dotted) line, its points and its bundle (``(tail, relation)`` unless given)."""

    tail: str
    head: str
    rel: str
    reporting: bool
    points: tuple[tuple[float, float], ...]
    bundle: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.bundle = self.bundle or (self.tail, self.rel)


#: The first word of a bundle held by its head: ``(HEAD, head, relation)``.
HEAD = "~head"


def label_box(spot: tuple[float, float]) -> tuple[float, float, float, float]:
    """The rectangle a bundle's label centred on ``spot`` takes.

    >>> label_box((50.0, 20.0))
    (28.0, 14.0, 72.0, 26.0)
    """
    return (spot[0] - _LABEL_WIDTH / 2, spot[1] - 6.0, spot[0] + _LABEL_WIDTH / 2,
            spot[1] + 6.0)


def untangle(lines: list[Line], labels: dict[int, tuple[float, float]],
              new_router: Callable[[], Router], rounds: int = 1) -> None:
    """Route again, in place, each comb line that crosses another comb, with every other
    line already drawn (the first pass routed it knowing only the lines before it); a new
    route is kept where it crosses fewer combs. A rerouted line's label is placed again."""
    for _ in range(rounds):
        tangled = [i for i in range(len(lines)) if _comb_crossings(lines, i)]
        if not tangled:
            return
        for i in tangled:
            before = _comb_crossings(lines, i)
            if not before:
                continue
            router = new_router()
            for k, other in enumerate(lines):
                if k != i:
                    router.add(other.points, other.bundle, other.reporting,
                               tip=other.bundle[0] != HEAD)
            for k, spot in labels.items():
                if k != i:
                    router.occupy(label_box(spot))
            line = lines[i]
            points = router.route(line.tail, line.head, line.bundle, line.reporting)
            if points is None:
                continue
            old, line.points = line.points, points
            if _comb_crossings(lines, i) >= before:
                line.points = old
            elif i in labels:
                labels[i] = label_spot(points, router.free)


def _comb_crossings(lines: list[Line], i: int) -> int:
    """How often line ``i``, if it is a comb's, crosses the lines of other combs.

    >>> a = Line("a", "x", "service", False, ((0, 5), (20, 5)))
    >>> b = Line("b", "y", "service", False, ((10, 0), (10, 10)))
    >>> c = Line("b", "y", "member", False, b.points)
    >>> _comb_crossings([a, b], 0), _comb_crossings([a, c], 0)
    (1, 0)
    """
    line = lines[i]
    if line.rel not in COMBS:
        return 0
    return sum(_crossing(p, q) for other in lines
               if other.rel in COMBS and other.bundle != line.bundle
               for p in itertools.pairwise(line.points) for q in itertools.pairwise(other.points))


def _crossing(a: tuple[tuple[float, float], tuple[float, float]],
              b: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    """Whether an axis-parallel segment crosses another inside both (not at an end)."""
    (p, q), (r, t) = a, b
    if p[1] == q[1] and r[0] == t[0]:  # a level, b upright
        return (min(p[0], q[0]) < r[0] < max(p[0], q[0])
                and min(r[1], t[1]) < p[1] < max(r[1], t[1]))
    if p[0] == q[0] and r[1] == t[1]:
        return _crossing(b, a)
    return False


def label_spot(points: tuple[tuple[float, float], ...],
                free: Callable[[tuple[float, float, float, float]], bool],
                ) -> tuple[float, float]:
    """The centre of a route's label: above (or else below) the middle of its longest level
    run that has room, else beside the middle of an upright run, where ``free`` says the
    label's rectangle (x0, y0, x1, y1) covers no box and no other label.

    Examples
    --------
    >>> label_spot(((0, 0), (0, 20), (60, 20), (60, 30)), lambda r: True)
    (30.0, 10.0)
    >>> label_spot(((0, 0), (0, 20), (60, 20), (60, 30)), lambda r: r[1] > 20)
    (30.0, 30.0)
    """
    half_w, half_h = _LABEL_WIDTH / 2, 6.0
    runs = sorted(itertools.pairwise(points), reverse=True,
                  key=lambda r: abs(r[1][0] - r[0][0]) + abs(r[1][1] - r[0][1]))
    spots = []
    for (ax, ay), (bx, by) in runs:
        mx, my = (ax + bx) / 2, (ay + by) / 2
        if ay == by and abs(bx - ax) >= _LABEL_WIDTH:
            spots += [(mx, my - half_h - 4), (mx, my + half_h + 4)]
        elif ax == bx:
            spots += [(mx + half_w + 3, my), (mx - half_w - 3, my)]
    for x, y in spots:
        if free((x - half_w, y - half_h, x + half_w, y + half_h)):
            return x, y
    return spots[0] if spots else points[len(points) // 2]


def close_run(points: Sequence[Point], others: Iterable[Sequence[Point]]) -> float:
    """The longest stretch (points) the polyline ``points`` runs parallel to one of the
    ``others``, beside it (more than :data:`~orgraph.layout.tracks.TOL` apart) and closer
    than :data:`~orgraph.layout.tracks.CLOSE`.

    >>> close_run(((0, 0), (0, 50)), [((10, 5), (10, 45)), ((1, 0), (1, 50))])
    40
    >>> close_run(((0, 0), (0, 50)), [((20, 0), (20, 50))])
    0.0
    """
    best = 0.0
    mine = list(itertools.pairwise(points))
    for other in others:
        for (p, q), (r, t) in itertools.product(mine, itertools.pairwise(other)):
            for k in (0, 1):  # the axis both are constant on
                if p[k] == q[k] and r[k] == t[k] and TOL < abs(p[k] - r[k]) < CLOSE:
                    o = 1 - k
                    run = min(max(p[o], q[o]), max(r[o], t[o])) - max(min(p[o], q[o]),
                                                                      min(r[o], t[o]))
                    best = max(best, run)
    return best


def _crowded(lines: list[Line], i: int, tree: list[Sequence[Point]]) -> float:
    """How long line ``i`` runs close beside a reporting line: a tree connector, or for a
    line that is not itself a dotted line, a dotted one."""
    line = lines[i]
    others = [*tree, *(o.points for k, o in enumerate(lines)
                       if k != i and o.reporting and not line.reporting)]
    return close_run(line.points, others)


def _badness(lines: list[Line], group: list[int], tree: list[Sequence[Point]]) -> float:
    """How long the lines ``group`` run close beside reporting lines, in all: each bundle's
    longest such run once (its lines are drawn on each other)."""
    worst: dict[tuple[str, ...], float] = {}
    for k in group:
        worst[lines[k].bundle] = max(worst.get(lines[k].bundle, 0.0), _crowded(lines, k, tree))
    return sum(worst.values())


def relieve(lines: list[Line], labels: dict[int, Point], tree: list[Sequence[Point]],
            new_router: Callable[[], Router]) -> None:
    """Route again, in place, each line that runs closer than
    :data:`~orgraph.layout.tracks.CLOSE` beside a reporting line for more than
    :data:`SHORT` points where dotted lines end in the same box: the line first, then those
    dotted lines' bundles (in their order), every other line already drawn. Kept where the
    line and the rerouted ones run close beside reporting lines for less in all (Lier's
    barnehage network's member line, which came down beside the rådmann's trunk to the
    first school because the kommunalsjefer's dotted arrow had taken its way in)."""
    for i in range(len(lines)):
        line = lines[i]
        if line.reporting or _crowded(lines, i, tree) <= SHORT:
            continue
        heads = {o.bundle for o in lines if o.reporting and o.head == line.head}
        group = [i, *(k for k, o in enumerate(lines) if o.bundle in heads)]
        if len(group) == 1:
            continue
        before = _badness(lines, group, tree)
        old = {k: lines[k].points for k in group}
        router = _route_group(lines, labels, group, new_router)
        if router is not None and _badness(lines, group, tree) < before:
            if i in labels:
                labels[i] = label_spot(lines[i].points, router.free)
            continue
        for k, points in old.items():
            lines[k].points = points


def _route_group(lines: list[Line], labels: dict[int, Point], group: list[int],
                 new_router: Callable[[], Router]) -> Router | None:
    """Route the lines ``group`` again, in that order, in place, with every other line and
    label drawn; the router they were routed with, or ``None`` where one found no route
    (the lines then half rerouted: the caller puts them back)."""
    router = new_router()
    for k, other in enumerate(lines):
        if k not in group:
            router.add(other.points, other.bundle, other.reporting,
                       tip=other.bundle[0] != HEAD)
    for k, spot in labels.items():
        if k not in group:
            router.occupy(label_box(spot))
    for k in group:
        line = lines[k]
        points = router.route(line.tail, line.head, line.bundle, line.reporting)
        if points is None:
            return None
        line.points = points
        router.add(points, line.bundle, line.reporting, tip=line.bundle[0] != HEAD)
    return router
