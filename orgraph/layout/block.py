"""A laid-out subtree as a rectangle of parts in local coordinates (:class:`Block`), the
unit every placer of :mod:`orgraph.layout.tree` builds and packs.

Examples
--------
>>> b = Block()
>>> b.boxes.append(("a", -20.0, 0.0))
>>> b.rx, b.rw, b.rh = -20.0, 40.0, 20.0
>>> b.normalise(-20.0, 20.0, 20.0)
>>> b.w, b.ox, b.rx
(40.0, 20.0, 0.0)
>>> dedupe([(0, 0), (0, 5), (0, 10), (0, 10), (4, 10)])
[(0, 0), (0, 10), (4, 10)]
"""

from __future__ import annotations

from orgraph.layout.shapes import Point

__all__ = ["Block", "dedupe"]


class Block:
    """A laid-out subtree: its size, its root box and its parts in local coordinates.

    Attributes
    ----------
    boxes : list of (key, left, top)
        The boxes this block draws itself.
    subs : list of (key, dx, dy)
        Child blocks and their offsets.
    routes : list of (tail, head, points, enter)
        Connectors, in local coordinates.
    w, h : float
        The block's size.
    rx, ry, rw, rh : float
        Its root box: left, top, width, height.
    ox : float
        Shift of the parts when the block is assembled (so that it starts at x = 0).
    clear : (bool, bool)
        Whether a line can reach the root box's middle from the block's left (right) edge
        without crossing anything of the block (its root box's row holds nothing else).

    Examples
    --------
    >>> b = Block()
    >>> b.rx = 5.0
    >>> b.normalise(-10.0, 30.0, 20.0)  # parts reached from x = -10 to 30
    >>> b.ox, b.rx, b.w, b.h
    (10.0, 15.0, 40.0, 20.0)
    """

    __slots__ = ("boxes", "clear", "h", "ox", "rh", "routes", "rw", "rx", "ry", "subs", "w")

    def __init__(self) -> None:
        self.boxes: list[tuple[str, float, float]] = []
        self.subs: list[tuple[str, float, float]] = []
        self.routes: list[tuple[str, str, list[Point], str]] = []
        self.w = self.h = self.rx = self.ry = self.rw = self.rh = self.ox = 0.0
        self.clear = (True, True)

    def normalise(self, min_x: float, max_x: float, max_y: float) -> None:
        """Make the block start at x = 0: its parts are shifted by ``ox`` when assembled."""
        self.ox = -min_x
        self.rx -= min_x
        self.w, self.h = max_x - min_x, max_y


def dedupe(points: list[Point]) -> list[Point]:
    """Drop repeated points and middle points of straight runs.

    Examples
    --------
    >>> dedupe([(0, 0), (0, 0), (0, 5), (0, 10), (5, 10)])
    [(0, 0), (0, 10), (5, 10)]
    """
    out: list[Point] = []
    for p in points:  # (-e < d < e is abs(d) < e, without a call)
        if out:
            bx, by = out[-1]
            if -1e-9 < bx - p[0] < 1e-9 and -1e-9 < by - p[1] < 1e-9:
                continue
            if len(out) >= 2:
                ax, ay = out[-2]
                if (-1e-9 < ax - bx < 1e-9 and -1e-9 < bx - p[0] < 1e-9) or (
                        -1e-9 < ay - by < 1e-9 and -1e-9 < by - p[1] < 1e-9):
                    out[-1] = p
                    continue
        out.append(p)
    return out
