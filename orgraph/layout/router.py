"""Orthogonal routes through the free space of a placed chart, for the overlays.

:class:`Router` finds the cheapest path between two boxes on a sparse grid of *tracks*: lines
a few points outside every box's sides, and the middle (and either side of the middle) of
every free gap between boxes, so routes run in the channels between rows and columns. A
route leaves its tail and enters its head off-centre (where no tree line runs) on a short
straight stub, never enters a box's clearance, never runs on top of a tree connector, pays
for each bend and each line it crosses (a tree connector as much as 40 points of way round),
for running beside a reporting line (most within :data:`~orgraph.layout.tracks.CLOSE`, where
the two read as one doubled line) and a little beside another overlay that is not bound for
the same box, pays heavily for running on another overlay's line
and little for running on a line of its own *bundle* (the same tail and relation), so the
lines of one body to its many members share one trunk and branch off it. The search
(A*) looks only at a window round the two boxes (:mod:`orgraph.layout.tracks`), grown
when no path is found there; a window with too many boxes, or a search that takes too long,
is refused (``None``), for the caller's cheaper fallback.

Examples
--------
>>> boxes = {"a": (30, 10, 40, 20), "b": (130, 10, 40, 20), "wall": (80, 10, 20, 60)}
>>> router = Router(boxes, {}, [], (160, 60))
>>> path = router.route("a", "b", "x")
>>> all(not crosses(p, q, (70, -20, 90, 40)) for p, q in zip(path, path[1:]))
True
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Mapping

from orgraph.layout.gridsearch import BEND, BUDGET, astar
from orgraph.layout.gridsearch import GIVE_UP as _GIVE_UP
from orgraph.layout.tracks import (
    CLEARANCE,
    CLOSE,
    MARGIN,
    NEAR,
    TOL,
    Lane,
    Point,
    Rect,
    crosses,
    lanes,
    tracks,
)
from orgraph.layout.tracks import Buckets as _Buckets
from orgraph.layout.tracks import box_rect as _rect
from orgraph.layout.tracks import segments as _segments

__all__ = ["COMBS", "Router"]

_Port = tuple[Point, Point, int, float]  # outline point, stub end, direction, extra cost

STUB = 10.0  # a route leaves and enters a box straight for at least this long
TIP = 2 * STUB  # the end of a line no later line of its bundle branches off (its arrowhead)
CROSS_TREE = 40.0  # crossing a tree connector: about as much as 40 points of way round
CROSS_OVERLAY = 5.0
CROSS_COMB = 400.0  # a comb (a unit's order or service lines) crossing another comb
#: The relations whose bundles are combs: a unit's lines to the many units it serves.
COMBS = frozenset({"order", "service"})
ALONG_OTHER = 5.0  # times the length run on another bundle's line, plus ALONG_START
ALONG_START = 40.0
SHARE = 0.2  # times the length run on a line of the route's own bundle
NEAR_COST = 10.0  # times the length run beside a tree line closer than tracks.CLOSE
CLOSE_COST = 0.5  # times the length run beside another overlay closer than tracks.CLOSE
BESIDE_COST = 6.0  # times the length run beside a reporting line closer than tracks.BESIDE
LIMIT = 400  # the most boxes a search window may hold
TAKEN = 60.0  # extra cost of ending where a line of another bundle ends
NEW_START = 60.0  # of a bundle's line leaving (entering) a box where no line of it does
BELOW = 30.0  # of entering a box from below
DETOUR = 80.0  # a route costing more than this over its plain cost tries a wider window,
FAR = 600.0  # and one costing more than this in that wider one, the whole drawing
_HARD, _OWN, _OTHER = "hard", "own", "other"


class Router:
    """Routes overlays round the boxes of a placed chart.

    Parameters
    ----------
    boxes : mapping
        Box name → (centre x, centre y, width, height), y down.
    shapes : mapping
        Box name → Graphviz shape (``box`` when missing), to end a route on the outline.
    tree : iterable of point sequences
        The tree's connectors, which overlays cross but never run along.
    size : (float, float)
        The drawing's width and height: routes stay within a few points of it.
    """

    def __init__(self, boxes: Mapping[str, tuple[float, float, float, float]],
                 shapes: Mapping[str, str], tree: Iterable[Iterable[Point]],
                 size: tuple[float, float]) -> None:
        self.boxes, self.shapes = boxes, shapes
        self.bounds = (-MARGIN, -MARGIN, size[0] + MARGIN, size[1] + MARGIN)
        self._boxes = _Buckets()
        for name, box in boxes.items():
            self._boxes.put((name, _rect(box)), _rect(box))
        self._lines = _Buckets()
        self._ends: dict[Point, object] = {}  # where overlays leave and enter boxes
        self._starts: dict[tuple[object, str], set[Point]] = {}  # where a bundle leaves boxes
        self._finishes: dict[tuple[object, str], set[Point]] = {}  # and where it enters them
        self._extent: dict[object, Rect] = {}  # the rectangle round a bundle's lines
        self._spent = [0]  # search states so far (see BUDGET)
        for points in tree:
            self._add(points, None)

    def free(self, r: Rect) -> bool:
        """Whether the rectangle ``r`` (x0, y0, x1, y1) covers no box and nothing
        :meth:`occupy` took, and lies inside the drawing."""
        b = self.bounds
        if r[0] < b[0] or r[1] < b[1] or r[2] > b[2] or r[3] > b[3]:
            return False
        return not any(crosses(q[:2], q[2:], r) for _, q in self._boxes.near(r))

    def occupy(self, r: Rect) -> None:
        """Take the rectangle ``r`` (a label) away from :meth:`free`."""
        self._boxes.put(("", r), r)

    def _add(self, points: Iterable[Point], bundle: object) -> None:
        for seg in _segments(points):
            self._lines.put((seg, bundle), seg)

    def add(self, points: Iterable[Point], bundle: object, reporting: bool = False,
            tip: bool = False) -> None:
        """Record a drawn overlay, so later routes keep off it (or share it: same bundle);
        later routes that are not ``reporting`` lines never run on a ``reporting`` one.
        With ``tip``, the last :data:`TIP` points (where the arrowhead sits) are not the
        bundle's to branch off: a branch leaving there would start on another's arrowhead."""
        points = list(points)
        if tip and len(points) >= 2:
            (ax, ay), (bx, by) = points[-2], points[-1]
            run = abs(bx - ax) + abs(by - ay)
            f = min(1.0, TIP / run) if run else 1.0
            cut = (bx - (bx - ax) * f, by - (by - ay) * f)
            self._add([*points[:-1], cut], (reporting, bundle))
            self._add([cut, points[-1]], (reporting, ("~tip", bundle)))
        else:
            self._add(points, (reporting, bundle))
        if points:
            self._ends.setdefault(points[0], bundle)
            self._ends.setdefault(points[-1], bundle)
            self._starts.setdefault((bundle, self._at(points[0])), set()).add(points[0])
            self._finishes.setdefault((bundle, self._at(points[-1])), set()).add(points[-1])
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            r = self._extent.get(bundle, (min(xs), min(ys), max(xs), max(ys)))
            self._extent[bundle] = (min(r[0], *xs), min(r[1], *ys), max(r[2], *xs),
                                    max(r[3], *ys))

    def _at(self, point: Point) -> str:
        """The name of the box whose outline ``point`` lies on (or ``""``)."""
        for name, r in self._boxes.near((point[0] - 1, point[1] - 1, point[0] + 1,
                                         point[1] + 1)):
            if name and r[0] - 1 <= point[0] <= r[2] + 1 and r[1] - 1 <= point[1] <= r[3] + 1:
                return name
        return ""

    def route(self, tail: str, head: str, bundle: object,
              reporting: bool = False) -> tuple[Point, ...] | None:
        """The cheapest route from ``tail``'s box to ``head``'s, or ``None`` when the window
        it needs holds more than :data:`LIMIT` boxes or no route exists. A ``reporting``
        route (a dotted line) may run on other reporting overlays, at a price. The window
        grows round the two boxes while the route found costs more than :data:`DETOUR` over
        its length and bends (past 160 points: :data:`FAR`); the cheapest found is taken."""
        a, b = _rect(self.boxes[tail]), _rect(self.boxes[head])
        c = self._extent.get(bundle, a)  # the window holds the bundle's lines, to join them
        span = (min(a[0], b[0], c[0]), min(a[1], b[1], c[1]), max(a[2], b[2], c[2]),
                max(a[3], b[3], c[3]))
        best: tuple[tuple[Point, ...], float] | None = None
        for pad, strict in ((48.0, True), (160.0, True), (math.inf, True), (math.inf, False)):
            win = (max(span[0] - pad, self.bounds[0]), max(span[1] - pad, self.bounds[1]),
                   min(span[2] + pad, self.bounds[2]), min(span[3] + pad, self.bounds[3]))
            rects = [item for item in self._boxes.near(win)
                     if crosses(item[1][:2], item[1][2:], win) or item[0] in (tail, head)]
            if len(rects) > LIMIT or (best and not strict):
                break  # too many boxes, or a costly route found and the hard rules kept
            space = _Space(win, rects, self._lines.near(win), bundle, reporting, strict)
            space.converging = {b for b, name in self._finishes if name == head}
            space.spent = self._spent
            found = space.search((tail, self._ports(tail, True, bundle)),
                                 (head, self._ports(head, False, bundle)))
            if found is _GIVE_UP:  # too costly a search: the caller falls back
                return best[0] if best else None
            if found is not None:
                if best is None or found[1] < best[1]:
                    best = found
                extra = best[1] - _plain_cost(best[0])
                if extra <= (DETOUR if pad < 160.0 else FAR) or not strict:
                    return best[0]  # clean enough (else a wider window may do better)
        return best[0] if best else None

    def _ports(self, name: str, leaving: bool, bundle: object) -> list[_Port]:
        """Where a route of ``bundle`` may leave (or enter) a box: (point on the outline, end
        of the straight stub outside it, direction index of travel at the stub's outer
        end, extra cost: :data:`TAKEN` where a route of another bundle ends)."""
        cx, cy, w, h = self.boxes[name]
        shape = self.shapes.get(name, "box")
        out = []
        for f in (0.25, -0.25, 0.4, -0.4):
            inset = _inset(shape, abs(f) * 2, w, h)
            for sign, d in ((-1, 3), (1, 1)):  # top: travelling up; bottom: down
                out.append(((cx + w * f, cy + sign * (h / 2 - inset)),
                            (cx + w * f, cy + sign * (h / 2 + STUB)), d if leaving else d ^ 2))
        for f in (0.25, -0.25, 0.0):
            inset = _inset(shape, abs(f) * 2, w, h, side=True)
            for sign, d in ((-1, 2), (1, 0)):  # left: travelling left; right: right
                out.append(((cx + sign * (w / 2 - inset), cy + h * f),
                            (cx + sign * (w / 2 + STUB), cy + h * f), d if leaving else d ^ 2))
        x0, y0, x1, y1 = self.bounds
        starts = (self._starts if leaving else self._finishes).get((bundle, name), set())
        return [(*p, (0.0 if self._ends.get(p[0], bundle) == bundle else TAKEN)
                 + (NEW_START if starts and p[0] not in starts else 0.0)
                 + (BELOW if not leaving and p[2] == 3 else 0.0)) for p in out
                if x0 <= p[1][0] <= x1 and y0 <= p[1][1] <= y1]


def _comb(bundle: object) -> bool:
    """Whether a bundle ``(tail, relation)`` or ``(mark, head, relation)`` is a comb (see
    :data:`COMBS`).

    >>> _comb(("drift", "service")), _comb(("ledergruppe", "member")), _comb("x")
    (True, False, False)
    >>> _comb(("~head", "virksomheter", "order"))
    True
    """
    return isinstance(bundle, tuple) and len(bundle) in (2, 3) and bundle[-1] in COMBS


def _inset(shape: str, t: float, w: float, h: float, side: bool = False) -> float:
    """How far inside its bounding box a shape's outline lies, ``t`` (0 to 1) of the way
    from the middle of the top (or, ``side``, of the left) to its end.

    >>> _inset("box", 0.5, 40, 20), round(_inset("ellipse", 0.5, 40, 20), 2)
    (0.0, 1.34)
    >>> round(_inset("hexagon", 0.8, 40, 20), 2), _inset("hexagon", 0.5, 40, 20, side=True)
    (6.0, 5.0)
    """
    if shape in ("ellipse", "circle", "oval"):
        return (w if side else h) / 2 * (1 - math.sqrt(max(0.0, 1 - t * t)))
    if shape == "hexagon":  # flat top and bottom over the middle half, points at the sides
        return t * w / 4 if side else max(0.0, (t - 0.5) * 2) * h / 2
    return 0.0


class _Space:
    """The tracks of one search window and the A* search over them."""

    def __init__(self, win: Rect, rects: list[tuple[str, Rect]],
                 lines: list[tuple[Rect, object]], bundle: object, reporting: bool,
                 strict: bool) -> None:
        self.win, self.bundle, self.reporting, self.strict = win, bundle, reporting, strict
        self.converging: set[object] = set()  # bundles ending in the route's head box
        self.spent = [0]  # search states so far, shared by the router's spaces
        self.rects = rects
        self.lines = [(s, b) for s, b in lines if crosses((s[0] - 1, s[1] - 1),
                                                            (s[2] + 1, s[3] + 1), win)]
        self._near: tuple[_Buckets, _Buckets] | None = None  # boxes, lines: for the stubs
        self.stubs: list[Rect] | None = None  # where stubs lie (None: anywhere)

    def _close_to(self, seg: Rect) -> tuple[list, list]:
        """The window's boxes ``(name, rect)`` and lines ``(line, bundle)`` whose cells the
        segment's (grown by a point) touch."""
        if self._near is None:
            self._near = (_Buckets(self.stubs), _Buckets(self.stubs))
            self._near[0].put_grown(self.rects, 1, 1.0)
            self._near[1].put_grown(self.lines, 0, 1.0)
        grown = (seg[0] - 1, seg[1] - 1, seg[2] + 1, seg[3] + 1)
        return self._near[0].near(grown), self._near[1].near(grown)

    def _kind(self, line: tuple[bool, object] | None) -> str:
        """A line's bearing on this route: a tree or reporting line (:data:`_HARD`, never
        run on), one of the route's bundle (:data:`_OWN`), or another overlay."""
        if line is None or (line[0] and not self.reporting and line[1] != self.bundle):
            return _HARD
        return _OWN if line[1] == self.bundle else _OTHER

    def _crossing(self, line: tuple[bool, object]) -> float:
        """The cost of crossing an overlay's line: nothing for the route's own bundle,
        :data:`CROSS_COMB` where both are combs, else :data:`CROSS_OVERLAY`."""
        if line[1] == self.bundle:
            return 0.0
        return CROSS_COMB if _comb(line[1]) and _comb(self.bundle) else CROSS_OVERLAY

    def _cost(self, lane: Lane, a: float, b: float) -> float:
        """The cost of running from ``a`` to ``b`` (a < b) along ``lane``: its length, more
        beside a tree line or on another overlay, less on its own bundle, plus the lines it
        crosses; ``inf`` through a box or on top of a tree line. (The search asks this of
        every grid edge it reaches: the kinds of :meth:`_kind` are worked out inline.)"""
        if not lane.free((a + b) / 2):
            return math.inf
        own, reporting = self.bundle, self.reporting
        share = other = near = close = beside = 0.0
        for lo, hi, line, off in lane.along:
            run = (b if b < hi else hi) - (a if a > lo else lo)  # min(hi, b) - max(lo, a)
            if run <= 0.5:
                continue
            hard = line is None or (line[0] and not reporting and line[1] != own)
            if off >= TOL:  # beside a tree or reporting line: as little as it can
                if hard:
                    if off < NEAR and self.strict:
                        return math.inf
                    if off >= CLOSE:
                        beside = run if run > beside else beside
                    elif run > near:
                        near = run
                elif off < NEAR:  # hugging another overlay (or its own bundle's line)
                    near = run if run > near else near
                elif off < CLOSE and line[1] != own:  # close beside another:
                    if reporting and not line[0]:  # it would run beside this one
                        near = run if run > near else near
                    elif line[1] not in self.converging and run > close:  # (not two lines
                        close = run  # to one box)
                continue
            if hard:
                return math.inf
            if off < 0.01 and line[1] == own:  # on its bundle's line, not just beside it
                share += run
            else:
                other += run
        if share or other or near or beside or close:
            share = min(share, b - a)  # lines of a bundle lie on each other
            other = min(other, b - a - share)
            cost = (b - a) - share - other + SHARE * share + ALONG_OTHER * other
            if other:
                cost += ALONG_START
            cost += (NEAR_COST * min(near, b - a) + BESIDE_COST * min(beside, b - a)
                     + CLOSE_COST * min(close, b - a))
        else:  # the same sum, all its other terms nought
            cost = b - a
        trees = lane.cross_tree
        if trees:
            cost += CROSS_TREE * (bisect.bisect_right(trees, b) - bisect.bisect_right(trees, a))
        at = lane.over_at
        if at and bisect.bisect_right(at, b) > bisect.bisect_right(at, a):
            cost += sum(self._crossing(line) for v, line in lane.cross_over if a < v <= b)
        return cost

    def _stub_cost(self, p: Point, q: Point, own: str) -> float:
        """The cost of the straight stub from a box's outline to the grid."""
        seg = (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
        rects, lines = self._close_to(seg)
        for name, r in rects:
            if name != own and crosses(p, q, (r[0] - 0.5, r[1] - 0.5, r[2] + 0.5, r[3] + 0.5)):
                return math.inf
        cost = seg[2] - seg[0] + seg[3] - seg[1]
        for line, bundle in lines:
            vertical = line[0] == line[2]
            if vertical == (seg[0] == seg[2]):  # parallel: on top of it, or beside it?
                off = abs(line[0] - seg[0]) if vertical else abs(line[1] - seg[1])
                lo, hi = (1, 3) if vertical else (0, 2)
                run = min(line[hi], seg[hi]) - max(line[lo], seg[lo])
                kind = self._kind(bundle)
                if off < TOL and run > 0.5:
                    if kind is _HARD:
                        return math.inf
                    cost += 0 if kind is _OWN else ALONG_START
                elif off < NEAR and run > 0.5 and kind is _HARD:  # right beside a tree line
                    cost += NEAR_COST * run
            elif crosses((seg[0] - 0.1, seg[1] - 0.1), (seg[2] + 0.1, seg[3] + 0.1), line):
                cost += CROSS_TREE if bundle is None else self._crossing(bundle)
        return cost

    def search(self, tails: tuple[str, list[_Port]],
               heads: tuple[str, list[_Port]]) -> tuple | None:
        """The cheapest route from one of the tail's ports to one of the head's, and its
        cost (or ``None``, or :data:`_GIVE_UP`): each port is (point on the outline, end of
        its stub, direction of travel there). Once the chart's searches have spent the
        :data:`~orgraph.layout.gridsearch.BUDGET`, a search that has ports to start and
        end at gives up without building its grid (A* would give up at its first state)."""
        (tail_name, tails_at), (head_name, heads_at) = tails, heads
        plain = [r for _, r in self.rects]
        inflated = [(r[0] - CLEARANCE, r[1] - CLEARANCE, r[2] + CLEARANCE, r[3] + CLEARANCE)
                    for r in plain]

        self.stubs = [_around(ports) for ports in (tails_at, heads_at) if ports]

        def open_at(q: Point) -> bool:  # a track's crossing there would be free
            return not any(r[0] < q[0] < r[2] and r[1] < q[1] < r[3] for r in inflated)

        goals: list[tuple[Point, tuple[int, float, Point]]] = []
        for port, stub, d, extra in heads_at:
            cost = self._stub_cost(stub, port, head_name) + extra
            if cost < math.inf and open_at(stub):
                goals.append((stub, (d, cost, port)))
        starts = []
        for port, stub, d, extra in tails_at:
            cost = self._stub_cost(port, stub, tail_name) + extra
            if cost < math.inf and open_at(stub):
                starts.append((cost, stub, d, port))
        if not goals or not starts:
            return None
        if self.spent[0] >= BUDGET:
            self.spent[0] += 1
            return _GIVE_UP
        xs, ys = self._tracks([*tails_at, *heads_at])
        rows = lanes(ys, inflated, self.lines, swap=False)
        cols = lanes(xs, inflated, self.lines, swap=True)
        xi, yj = {x: i for i, x in enumerate(xs)}, {y: j for j, y in enumerate(ys)}
        at_goal: dict[tuple[int, int], list[tuple[int, float, Point]]] = {}
        for q, end in goals:
            at_goal.setdefault((xi[q[0]], yj[q[1]]), []).append(end)
        at_start = [(cost, (xi[q[0]], yj[q[1]]), d, port) for cost, q, d, port in starts]
        found = astar(xs, ys, rows, cols, at_start, at_goal, self._cost, self.spent)
        if found is None or found is _GIVE_UP:
            return found
        (first, cells, last), cost = found
        return _simplify([first, *((xs[i], ys[j]) for i, j in cells), last]), cost

    def _tracks(self, ends: list[_Port]) -> tuple[list[float], list[float]]:
        """The window's tracks, columns (x) and rows (y): round its boxes, through the
        ports' stub ends and along the lines of the route's own bundle."""
        plain = [r for _, r in self.rects]
        own = [s for s, b in self.lines if b is not None and b[1] == self.bundle]
        x0, y0, x1, y1 = self.win
        xs = tracks(plain, x0, x1, [q[0] for _, q, _, _ in ends]
                    + [s[0] for s in own if s[0] == s[2] and x0 <= s[0] <= x1])
        ys = tracks([(r[1], r[0], r[3], r[2]) for r in plain], y0, y1,
                    [q[1] for _, q, _, _ in ends]
                    + [s[1] for s in own if s[1] == s[3] and y0 <= s[1] <= y1])
        return xs, ys


def _around(ports: list[_Port]) -> Rect:
    """The rectangle round the ports' stubs, grown by a point as :meth:`_Space._close_to`
    grows them (twice, for a margin).

    >>> _around([((0.0, 0.0), (0.0, -10.0), 3, 0.0), ((5.0, 20.0), (5.0, 30.0), 1, 0.0)])
    (-2.0, -12.0, 7.0, 32.0)
    """
    xs = [v for p, q, _, _ in ports for v in (p[0], q[0])]
    ys = [v for p, q, _, _ in ports for v in (p[1], q[1])]
    return min(xs) - 2, min(ys) - 2, max(xs) + 2, max(ys) + 2


def _plain_cost(points: tuple[Point, ...]) -> float:
    """What a route would cost on free ground: its length and its bends.

    >>> _plain_cost(((0, 0), (0, 10), (20, 10)))
    44.0
    """
    length = sum(abs(q[0] - p[0]) + abs(q[1] - p[1]) for p, q in itertools.pairwise(points))
    return length + BEND * max(0, len(points) - 2)


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle points of straight runs."""
    out: list[Point] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)
