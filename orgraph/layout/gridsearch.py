"""The A* search of :mod:`orgraph.layout.router` over the track grid of one window.

The grid's cells are the crossings of the window's tracks; a state is a cell and the
direction of travel there. The search keeps its tables in flat lists indexed by number
rather than in dictionaries keyed by tuples: cell ``(i, j)`` is ``(i + 1) * w + j + 1``
with ``w = len(ys) + 2`` (a border of blocked cells round the grid takes the place of the
bounds checks), a state is ``cell * 4 + direction``. Numbered so, states order as the
tuples ``(i, j, direction)`` do, so the heap breaks ties as it would on the tuples and the
search pops the same states in the same order.

Examples
--------
>>> from orgraph.layout.tracks import Lane
>>> rows = [Lane() for _ in range(2)]
>>> for lane in rows:
...     lane.seal()
>>> cost = lambda lane, a, b: b - a
>>> starts = [(0.0, (0, 0), 0, (0.0, -5.0))]
>>> goals = {(1, 1): [(1, 0.0, (10.0, 15.0))]}
>>> astar([0.0, 10.0], [0.0, 10.0], rows, rows, starts, goals, cost, [0])
(((0.0, -5.0), [(0, 0), (1, 0), (1, 1)], (10.0, 15.0)), 34.0)
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Sequence

from orgraph.layout.tracks import Lane, Point

__all__ = ["BEND", "BUDGET", "GIVE_UP", "GUIDE", "MAX_STATES", "astar", "free_cells"]

BEND = 14.0
MAX_STATES = 40_000  # one search gives up (for the cheap fallback) after so many states,
BUDGET = 250_000  # and every search of a chart after so many in all
GUIDE = 0.8  # the search's guess: this times the distance left (less than 1 finds bundles)
GIVE_UP: tuple = ("give up",)


def free_cells(xs: Sequence[float], rows: Sequence[Lane]) -> bytearray:
    """Which cells of the grid a route may pass (1) and which not (0): those inside a
    row's blocked intervals, and the border round the grid (see the module's numbering).

    >>> lane = Lane()
    >>> lane.blocked.append((5.0, 15.0))
    >>> lane.seal()
    >>> list(free_cells([0.0, 10.0, 20.0], [lane]))
    [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    """
    nx, w = len(xs), len(rows) + 2
    free = bytearray((nx + 2) * w)
    ones = b"\x01" * nx
    for j, lane in enumerate(rows):
        free[w + j + 1:(nx + 1) * w + j + 1:w] = ones
        for s, e in lane.spans():
            lo, hi = bisect.bisect_right(xs, s), bisect.bisect_left(xs, e)
            if lo < hi:
                free[(lo + 1) * w + j + 1:(hi + 1) * w + j + 1:w] = bytes(hi - lo)
    return free


def astar(xs: list[float], ys: list[float], rows: list[Lane], cols: list[Lane],
          starts: list, goals: dict, cost_of: Callable[[Lane, float, float], float],
          spent: list[int]) -> tuple | None:
    """A* over the track grid, states (column, row, direction of travel), guided by the
    distance to the box of goals; ``None`` when no goal is reached, :data:`GIVE_UP` after
    :data:`MAX_STATES` states, or once ``spent[0]``, which counts them, passes
    :data:`BUDGET`. ``starts`` are (cost, (i, j), direction, port), ``goals`` map a cell
    (i, j) to its (direction in, extra cost, port); found: ((first point, cells, last
    point), cost). Each grid edge's cost is asked of ``cost_of`` once."""
    w = len(ys) + 2
    hx, hy = _distances(xs, ys, goals)
    guess = [GUIDE * (a + b) for a in hx for b in hy]  # cell i * w + j: GUIDE * (hx + hy)
    free = free_cells(xs, rows)
    best = [math.inf] * (4 * len(free))
    back: list[int | None] = [None] * (4 * len(free))
    edges: list[float | None] = [None] * (2 * len(free))
    heap, origin = _seed(starts, w, guess, best, back)
    at_goal = {(i + 1) * w + j + 1: ends for (i, j), ends in goals.items()}

    def edge_cost(k: int) -> float:
        i, j = divmod(k >> 1, w)
        if k & 1:  # upright, along column i
            return cost_of(cols[i - 1], ys[j - 1], ys[j])
        return cost_of(rows[j - 1], xs[i - 1], xs[i])

    moves = ((0, w, 0), (1, 1, 1), (2, -w, 0), (3, -1, 1))  # direction, step, upright
    pop, push = heapq.heappop, heapq.heappush
    limit = min(MAX_STATES, BUDGET - spent[0])  # give up past so many states
    done, done_cost, expanded = None, math.inf, 0
    while heap:
        f, g, s = pop(heap)
        if f >= done_cost:
            break
        if g > best[s]:
            continue
        expanded += 1
        if expanded > limit:
            spent[0] += expanded
            return GIVE_UP
        c, d = s >> 2, s & 3
        for d_in, extra, port in at_goal.get(c, ()):
            total = g + extra + (BEND if d != d_in else 0.0)
            if d != d_in ^ 2 and total < done_cost:
                done, done_cost = (s, port), total
        for nd, step, axis in moves:
            nc = c + step
            if nd == d ^ 2 or not free[nc]:
                continue
            k = (c if step > 0 else nc) * 2 + axis
            e = edges[k]
            if e is None:
                e = edges[k] = edge_cost(k)
            ng = g + e + (BEND if nd != d else 0.0)
            ns = nc * 4 + nd
            if ng < best[ns]:
                best[ns], back[ns] = ng, s
                push(heap, (ng + guess[nc], ng, ns))
    spent[0] += expanded
    return None if done is None else (_walk_back(done, back, origin, w), done_cost)


def _distances(xs: list[float], ys: list[float], goals: dict,
               ) -> tuple[list[float], list[float]]:
    """Per column and per row, bordered as the grid is, how far it lies outside the box
    round the goals' cells: the search's guess at a cell is :data:`GUIDE` times the sum.

    >>> _distances([0.0, 10.0, 30.0], [0.0, 5.0], {(1, 1): []})
    ([0.0, 10.0, 0.0, 20.0, 0.0], [0.0, 5.0, 0.0, 0.0])
    """
    gx, gy = [xs[i] for i, _ in goals], [ys[j] for _, j in goals]
    x0, x1, y0, y1 = min(gx), max(gx), min(gy), max(gy)
    return ([0.0, *(max(x0 - x, 0.0, x - x1) for x in xs), 0.0],
            [0.0, *(max(y0 - y, 0.0, y - y1) for y in ys), 0.0])


def _seed(starts: list, w: int, guess: list[float], best: list[float],
          back: list[int | None]) -> tuple[list, dict[int, Point]]:
    """The search's first heap, of its start states, and each start state's port; the
    cheapest start of a state kept in ``best`` (and ``back``: none)."""
    heap: list = []
    origin: dict[int, Point] = {}
    for cost, (i, j), d, port in starts:
        c = (i + 1) * w + j + 1
        s = c * 4 + d
        if cost < best[s]:
            best[s], back[s], origin[s] = cost, None, port
            heapq.heappush(heap, (cost + guess[c], cost, s))
    return heap, origin


def _walk_back(done: tuple[int, Point], back: list[int | None], origin: dict[int, Point],
               w: int) -> tuple[Point, list[tuple[int, int]], Point]:
    """(first point, grid cells (i, j), last point) of the path that ended in ``done``."""
    state: int | None
    state, last = done
    cells = []
    first = last
    while state is not None:
        i, j = divmod(state >> 2, w)
        cells.append((i - 1, j - 1))
        first = origin.get(state, first)
        state = back[state]
    cells.reverse()
    return first, cells, last
