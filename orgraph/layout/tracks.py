"""The tracks of a search window for :mod:`orgraph.layout.router`: where an overlay may run.

Tracks are lines a little outside every box's sides and in the middle (and either side of
the middle) of every free gap between boxes, so routes run in the channels between rows and
columns; each track (a :class:`Lane`) knows the boxes it may not enter, the lines that run
along it and the lines that cross it.

Examples
--------
>>> xs = tracks([(10, 0, 30, 5)], 0, 60, [20])
>>> lane = lanes([2.5], [(10 - CLEARANCE, 0, 30 + CLEARANCE, 5)], [], swap=False)[0]
>>> [x for x in xs if lane.free(x)]
[0, 4.0, 36.0, 41.5, 46.5, 51.5, 60]
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

__all__ = ["APART", "BESIDE", "CELL", "CLEARANCE", "CLOSE", "MARGIN", "NEAR", "TOL", "TRACK",
           "Buckets",
           "Lane", "Point", "Rect", "box_rect", "crosses", "lanes", "segments", "tracks"]

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

CLEARANCE = 3.0  # free space kept round every box
MARGIN = 6.0  # a track this far outside a box's side
TRACK = 5.0  # more tracks this far either side of a gap's middle
TOL = 2.0  # lines closer than this and parallel run on each other
NEAR = 7.0  # the router runs no closer than this beside a tree line where it can help it
CLOSE = 12.0  # closer than this beside a line it reads as running along it (pays more)
BESIDE = 24.0  # and pays for every point it runs closer than this beside a reporting line
APART = TOL + 0.5  # the least distance between two tracks


def crosses(p: Point, q: Point, r: Rect) -> bool:
    """Whether the axis-parallel segment p–q enters the inside of ``r``.

    >>> crosses((0, 5), (20, 5), (5, 0, 10, 10)), crosses((0, 12), (20, 12), (5, 0, 10, 10))
    (True, False)
    """
    return (min(p[0], q[0]) < r[2] and max(p[0], q[0]) > r[0]
            and min(p[1], q[1]) < r[3] and max(p[1], q[1]) > r[1])


def tracks(rects: list[Rect], lo: float, hi: float, keep: Iterable[float]) -> list[float]:
    """Track coordinates along one axis: the window's ends, ``MARGIN`` outside every box's
    sides, the middle of every free gap (and ``TRACK`` either side of it, room allowing),
    and the coordinates in ``keep``; tracks closer than ``APART`` are merged (into the kept
    one, if either is), so lines on different tracks never look like one.

    >>> tracks([(10, 0, 30, 5)], 0, 60, [20])
    [0, 4.0, 15.0, 20, 25.0, 36.0, 41.5, 46.5, 51.5, 60]
    """
    edges = sorted({lo, hi, *(r[0] - CLEARANCE for r in rects),
                    *(r[2] + CLEARANCE for r in rects)})
    loose = {lo, hi, *(r[0] - MARGIN for r in rects), *(r[2] + MARGIN for r in rects)}
    for a, b in itertools.pairwise(edges):
        if b - a > 2 * MARGIN:
            mid = (a + b) / 2
            loose.add(mid)
            if b - a > 2 * (MARGIN + TRACK):
                loose.update((mid - TRACK, mid + TRACK))
    kept = sorted(set(keep))
    out = list(kept)
    for v in sorted(loose):
        k = bisect.bisect_left(kept, v)
        if lo <= v <= hi and all(abs(v - kept[m]) >= APART for m in (k - 1, k)
                                 if 0 <= m < len(kept)):
            out.append(v)
    out.sort()
    merged: list[float] = []
    for v in out:
        if merged and v - merged[-1] < APART and merged[-1] not in kept:
            merged[-1] = v
        elif not merged or v - merged[-1] >= APART or v in kept:
            merged.append(v)
    return merged


class Lane:
    """What lies on one track (a row or a column): the boxes it may not enter, the lines
    running along it, and where lines cross it."""

    __slots__ = ("_ends", "_starts", "along", "blocked", "cross_over", "cross_tree", "over_at")

    def __init__(self) -> None:
        self.blocked: list[tuple[float, float]] = []
        self.along: list[tuple[float, float, object, float]] = []  # from, to, line, off by
        self.cross_tree: list[float] = []
        self.cross_over: list[tuple[float, object]] = []
        self.over_at: list[float] = []  # where cross_over's lines cross, sorted (by lanes())
        self._starts: list[float] = []
        self._ends: list[float] = []

    def seal(self) -> None:
        """Index :attr:`blocked` for :meth:`free`: overlapping open intervals merged (ones
        that only touch kept apart, so their common end stays free), sorted."""
        starts: list[float] = []
        ends: list[float] = []
        for a, b in sorted(self.blocked):
            if ends and a < ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._starts, self._ends = starts, ends

    def spans(self) -> list[tuple[float, float]]:
        """The blocked (open) intervals as :meth:`seal` merged them, in order.

        >>> lane = Lane()
        >>> lane.blocked += [(5, 20), (0, 10), (20, 30)]
        >>> lane.seal()
        >>> lane.spans()
        [(0, 20), (20, 30)]
        """
        return list(zip(self._starts, self._ends, strict=True))

    def free(self, v: float) -> bool:
        """Whether ``v`` lies inside none of the blocked (open) intervals.

        >>> lane = Lane()
        >>> lane.blocked += [(0, 10), (5, 20), (20, 30)]
        >>> lane.seal()
        >>> [lane.free(v) for v in (0, 7, 20, 25, 30, 31)]
        [True, False, True, False, True, True]
        """
        i = bisect.bisect_left(self._starts, v) - 1
        return i < 0 or v >= self._ends[i]


def lanes(coords: list[float], rects: list[Rect], lines: list[tuple[Rect, object]],
           swap: bool) -> list[Lane]:
    """One :class:`Lane` per coordinate: rows (``swap`` false: the coordinates are y) or
    columns (``swap``: x)."""
    lanes = [Lane() for _ in coords]

    def span(lo: float, hi: float) -> range:
        return range(bisect.bisect_right(coords, lo), bisect.bisect_left(coords, hi))

    for r in rects:
        a0, b0, a1, b1 = (r[1], r[0], r[3], r[2]) if swap else r
        for k in span(b0, b1):
            lanes[k].blocked.append((a0, a1))
    for seg, bundle in lines:
        a0, b0, a1, b1 = (seg[1], seg[0], seg[3], seg[2]) if swap else seg
        if b0 == b1:  # runs along the lanes near it
            reach = BESIDE if bundle is None or bundle[0] else CLOSE  # tree, reporting: others
            for k in span(b0 - reach, b0 + reach):
                lanes[k].along.append((a0, a1, bundle, abs(coords[k] - b0)))
        elif a0 == a1:  # crosses the lanes it spans
            for k in span(b0 - 1.0, b1 + 1.0):
                if bundle is None:
                    lanes[k].cross_tree.append(a0)
                else:
                    lanes[k].cross_over.append((a0, bundle))
    for lane in lanes:
        lane.cross_tree = sorted(set(lane.cross_tree))  # one trunk drawn by many connectors
        lane.over_at = sorted(v for v, _ in lane.cross_over)
        lane.seal()
    return lanes


#: Points square of a :class:`Buckets` cell.
CELL = 160.0


def box_rect(box: tuple[float, float, float, float]) -> Rect:
    """A box given as (centre x, centre y, width, height) as its corners (x0, y0, x1, y1).

    Examples
    --------
    >>> box_rect((10.0, 20.0, 4.0, 2.0))
    (8.0, 19.0, 12.0, 21.0)
    """
    cx, cy, w, h = box
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


class Buckets:
    """Items by the grid cells (:data:`CELL` points square) their rectangles touch.

    Examples
    --------
    >>> grid = Buckets()
    >>> grid.put("a", (0.0, 0.0, 10.0, 10.0)); grid.put("b", (500.0, 0.0, 510.0, 10.0))
    >>> grid.near((5.0, 5.0, 20.0, 20.0))
    ['a']
    >>> kept = Buckets(within=[(0.0, 0.0, 1.0, 1.0)])
    >>> kept.put("a", (0.0, 0.0, 10.0, 10.0)); kept.put("b", (500.0, 0.0, 510.0, 10.0))
    >>> kept.near((5.0, 5.0, 20.0, 20.0)), sorted(kept.cells)
    (['a'], [(0, 0)])
    """

    def __init__(self, within: list[Rect] | None = None) -> None:
        self.cells: dict[tuple[int, int], list] = {}
        #: Only the cells these rectangles touch are kept (all, when ``None``): a
        #: :meth:`near` inside them answers as if every cell were.
        self.within = None if within is None else [_cells(r) for r in within]

    def put(self, item: object, r: Rect) -> None:
        i0, j0, i1, j1 = _cells(r)
        for a0, b0, a1, b1 in (((i0, j0, i1, j1),) if self.within is None else self.within):
            for i in range(max(i0, a0), min(i1, a1) + 1):
                for j in range(max(j0, b0), min(j1, b1) + 1):
                    self.cells.setdefault((i, j), []).append(item)

    def put_grown(self, items: Iterable[tuple], at: int, grow: float) -> None:
        """:meth:`put` each item by its rectangle ``item[at]`` grown by ``grow`` on every
        side, in order (one call for many: the search puts a window's every box and line).

        >>> grid = Buckets(within=[(0.0, 0.0, 1.0, 1.0)])
        >>> grid.put_grown([("a", (0.0, 0.0, 10.0, 10.0)), ("b", (200.0, 0, 210.0, 10.0))],
        ...                1, 1.0)
        >>> sorted(grid.cells), [name for name, _ in grid.near((5.0, 5.0, 6.0, 6.0))]
        ([(0, 0)], ['a'])
        >>> everywhere = Buckets()
        >>> everywhere.put_grown([("a", (0.0, 0.0, 10.0, 10.0))], 1, 1.0)
        >>> sorted(everywhere.cells)
        [(-1, -1), (-1, 0), (0, -1), (0, 0)]
        """
        cells = self.cells
        for item in items:
            r = item[at]
            i0, j0 = int((r[0] - grow) // CELL), int((r[1] - grow) // CELL)
            i1, j1 = int((r[2] + grow) // CELL), int((r[3] + grow) // CELL)
            for a0, b0, a1, b1 in (((i0, j0, i1, j1),) if self.within is None
                                   else self.within):
                if i0 > a1 or a0 > i1 or j0 > b1 or b0 > j1:
                    continue
                for i in range(max(i0, a0), min(i1, a1) + 1):
                    for j in range(max(j0, b0), min(j1, b1) + 1):
                        cells.setdefault((i, j), []).append(item)

    def near(self, r: Rect) -> list:
        out, seen = [], set()
        for i in range(int(r[0] // CELL), int(r[2] // CELL) + 1):
            for j in range(int(r[1] // CELL), int(r[3] // CELL) + 1):
                for item in self.cells.get((i, j), ()):
                    if id(item) not in seen:
                        seen.add(id(item))
                        out.append(item)
        return out


def _cells(r: Rect) -> tuple[int, int, int, int]:
    """The first and last column and row of the :class:`Buckets` cells ``r`` touches.

    >>> _cells((-1.0, 0.0, 170.0, 10.0))
    (-1, 0, 1, 0)
    """
    return int(r[0] // CELL), int(r[1] // CELL), int(r[2] // CELL), int(r[3] // CELL)


def segments(points: Iterable[Point]) -> list[Rect]:
    """A polyline's segments as (x0, y0, x1, y1) with x0 ≤ x1 and y0 ≤ y1.

    Examples
    --------
    >>> segments([(0.0, 0.0), (0.0, 5.0), (0.0, 5.0), (-3.0, 5.0)])
    [(0.0, 0.0, 0.0, 5.0), (-3.0, 5.0, 0.0, 5.0)]
    """
    return [(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            for a, b in itertools.pairwise(points) if a != b]
