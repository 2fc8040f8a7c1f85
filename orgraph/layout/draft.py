"""The draft placement of very large charts: one form per subtree chosen by rule, in linear time.

:func:`orgraph.layout.fit.fit_layout` searches many forms at many slot sizes for every subtree
to make compact charts; above :data:`DRAFT_ABOVE` boxes (a chart read on screen, in the
interactive HTML page or a chart book, not on paper) it hands the chart to
:func:`draft_layout`, which takes one form per subtree by rule, in four linear walks:

1. bottom up, every subtree's box area;
2. top down, every subtree's target width: the top's is that of a rectangle
   :data:`DRAFT_DENSITY` times its boxes' area at width ÷ height ``aspect``; a manager whose
   reports' natural widths (the same rectangle for each) fit side by side in its target
   and who has at most ``wrap`` leaf reports plans a **bus**, and shares its width out in
   proportion; else it plans ``2 k`` **columns round k spines**, deals its reports into
   them by area (largest first, to the emptiest), and gives each column a width in
   proportion to the area dealt to it, so the columns come out about equally tall;
3. bottom up, every block in its planned form (reports that are all leaves: a bus of at
   most ``wrap``, else as many spines as the target width holds, in their order), staff on
   stubs from the trunk, right and left, above the reports; bands and peers hang with the
   reports;
4. top down, absolute positions and routes.

The geometry is that of :mod:`orgraph.layout.tree`'s bus and spine placers (the same
spacing), so the rules the test suite checks hold: no overlaps, sibling subtrees disjoint,
arrows from the top or from the side facing their spine, staff stubs from the trunk.

Examples
--------
>>> from orgraph.layout.tree import Item
>>> items = {"m": Item("m", 60, 20, children=[f"u{i}" for i in range(40)])}
>>> items.update({f"u{i}": Item(f"u{i}", 60, 20) for i in range(40)})
>>> lay = draft_layout(items, ["m"])
>>> len(lay.boxes), len(lay.routes), sorted({r.enter for r in lay.routes})
(41, 40, ['left', 'right'])
>>> 0.5 < lay.width / lay.height < 3
True
"""

from __future__ import annotations

import heapq
import math

from orgraph.layout.draft_forms import DraftForms, Rel
from orgraph.layout.forms import assign_columns
from orgraph.layout.packing import columns_by_width
from orgraph.layout.shapes import SPACING, Item, Layout, Route, Spacing

__all__ = ["DRAFT_ABOVE", "DRAFT_DENSITY", "DRAFT_SPINES", "DRAFT_TALLER", "draft_layout"]

#: Charts of more boxes than this are placed by :func:`draft_layout` (linear time, one form
#: per subtree by rule) instead of the search of :func:`orgraph.layout.fit.fit_layout`.
DRAFT_ABOVE = 15_000
#: A subtree's natural size: a rectangle this many times the area of its boxes.
DRAFT_DENSITY = 3.0
#: Subtrees aim at this part of the chart's width ÷ height: each level's blocks come out a
#: little wider than planned, so aiming taller keeps the whole chart in range.
DRAFT_TALLER = 0.75
#: The most spines a subtree's reports hang from in the draft.
DRAFT_SPINES = 12



def draft_layout(items: dict[str, Item], roots: list[str], *, wrap: int = 6,
                 aspect: float = 1.5, limits: tuple[float, float] = (0.5, 3.0),
                 spacing: Spacing = SPACING) -> Layout:
    """Place a forest of boxes by rule, in linear time (see the module's description).

    Parameters
    ----------
    items : dict
        Every box by key; each item names what hangs on it.
    roots : list of str
        The trees' top boxes, drawn side by side in this order.
    wrap : int
        More leaf reports than this under one manager hang in columns from spines.
    aspect : float
        The width ÷ height each tree aims at (its subtrees aim at :data:`DRAFT_TALLER`
        times it).
    limits : (float, float)
        The narrowest and widest width ÷ height a top's block should keep: its form is
        first chosen to stay within them.
    spacing : Spacing

    Returns
    -------
    Layout

    Examples
    --------
    >>> from orgraph.layout.tree import Item
    >>> items = {"ceo": Item("ceo", 60, 20, children=["a", "b"], staff=["s"]),
    ...          "a": Item("a", 40, 20), "b": Item("b", 40, 20), "s": Item("s", 30, 20)}
    >>> lay = draft_layout(items, ["ceo"])
    >>> lay.boxes["ceo"][0] == (lay.boxes["a"][0] + lay.boxes["b"][0]) / 2
    True
    >>> sorted((r.head, r.enter) for r in lay.routes)
    [('a', 'top'), ('b', 'top'), ('s', 'left')]
    """
    if not roots:
        return Layout(0.0, 0.0, {}, [])
    walk = _Walk(items, wrap, aspect * DRAFT_TALLER, spacing, limits)
    order = walk.post_order(roots)
    walk.areas(order)
    walk.plan(roots, order)
    leafy = walk.leafy  # (a leaf's block is its box, set by the first walk)
    for key in order:
        if key not in leafy:
            walk.place(key)
    return walk.assemble(roots, order)


def _reports(it: Item) -> list[str]:
    """What hangs below a box in the draft: its bands, peers and reports."""
    return [*it.band, *it.peers, *it.children] if it.band or it.peers else it.children


def _may_list(it: Item) -> bool:
    """Whether a box may hang its reports in an indented list (not with staff, bands or
    peers, as :func:`orgraph.layout.tree.vertical_allowed`)."""
    return len(it.children) > 1 and not (it.staff or it.band or it.peers)


def _deal(areas: list[float], bins: int) -> list[list[int]]:
    """Indices into ``areas`` dealt into ``bins`` groups, largest first to the group of
    least area (each group in index order).

    Examples
    --------
    >>> _deal([5.0, 1.0, 4.0, 2.0], 2)
    [[0, 1], [2, 3]]
    """
    heap = [(0.0, b) for b in range(bins)]
    groups: list[list[int]] = [[] for _ in range(bins)]
    for i in sorted(range(len(areas)), key=lambda i: -areas[i]):
        total, b = heapq.heappop(heap)
        groups[b].append(i)
        heapq.heappush(heap, (total + areas[i], b))
    return [sorted(g) for g in groups]


def _columns_size(cols: list[list[int]], widths: list[float], rows: list[float],
                  ) -> tuple[float, float]:
    """The summed widths of columns of blocks (each as wide as its widest) and the height of
    the tallest (its blocks' ``rows``: height and gap below).

    Examples
    --------
    >>> _columns_size([[0, 2], [1], []], [30.0, 20.0, 40.0], [26.0, 26.0, 30.0])
    (60.0, 56.0)
    """
    width, tallest = 0.0, 0.0
    for col in cols:
        if col:
            width += max([widths[i] for i in col])
            tall = sum([rows[i] for i in col])
            if tall > tallest:
                tallest = tall
    return width, tallest


class _Walk(DraftForms):
    """The walks of :func:`draft_layout` and what they share."""

    def __init__(self, items: dict[str, Item], wrap: int, aspect: float,
                 spacing: Spacing, limits: tuple[float, float] = (0.5, 3.0)) -> None:
        self.items, self.wrap, self.aspect, self.sp = items, wrap, aspect, spacing
        self.limits = limits
        self.roots: set[str] = set()
        #: key → its boxes' summed area
        self.area: dict[str, float] = {}
        #: the keys of boxes nothing hangs on
        self.leafy: set[str] = set()
        #: key → the least width its block can take (about)
        self.least: dict[str, float] = {}
        #: key → the width its block aims at
        self.target: dict[str, float] = {}
        #: the keys whose reports hang in an indented list
        self.lists: set[str] = set()
        #: key → its reports' columns (indices into its reports), if planned round spines
        self.cols: dict[str, list[list[int]]] = {}
        #: key → (min x, max x, height) of its block, x from its trunk, y from its top
        self.ext: dict[str, tuple[float, float, float]] = {}
        #: key → (dx, dy) of its trunk and top from its parent's
        self.off: dict[str, tuple[float, float]] = {}
        self.routes: dict[str, list[Rel]] = {}

    def post_order(self, roots: list[str]) -> list[str]:
        """Children before parents; a box hung twice is an error."""
        items, seen = self.items, set()
        order: list[str] = []
        stack = list(reversed(roots))
        while stack:
            key = stack.pop()
            if key in seen:
                raise ValueError(f"box {key!r} hangs in the tree twice")
            seen.add(key)
            order.append(key)
            it = items[key]
            stack.extend(it.staff)
            stack.extend(it.band)
            stack.extend(it.peers)
            stack.extend(it.children)
        order.reverse()
        return order

    def areas(self, order: list[str]) -> None:
        """Walk 1: every subtree's box area (and a leaf's block: its box)."""
        items, area, least, leafy, extent = self.items, self.area, self.least, self.leafy, self.ext
        for key in order:
            it = items[key]
            if not (it.children or it.staff or it.band or it.peers):
                w, h = it.width, it.height
                area[key] = w * h
                least[key] = w
                leafy.add(key)
                extent[key] = (-w / 2, w / 2, h)
                continue
            a = it.width * it.height
            for bucket in (it.staff, it.band, it.peers, it.children):
                for k in bucket:
                    a += area[k]
            area[key] = a
            least[key] = self._least(it)

    def _least(self, it: Item) -> float:
        """About the least width ``it``'s block can take: its reports in an indented list
        (where it may, :meth:`_vertical`), else round one spine (a lower bound: the widest
        report on one side, the narrowest on the other)."""
        sp, least = self.sp, self.least
        w = it.width
        reports = _reports(it)
        if len(reports) > 1:
            widths = [least[k] for k in reports]
            widest = max(widths)
            if _may_list(it):
                w = max(w, min(sp.indent, w / 2) + sp.spine_gap + widest)
            else:  # round one spine: the widest on one side, the narrowest on the other
                w = max(w, widest + min(widths) + 2 * sp.spine_gap)
        elif reports:
            w = max(w, least[reports[0]])
        if it.staff:
            w = max(w, 2 * (sp.stub + max([least[k] for k in it.staff])))
        return w

    def natural(self, key: str) -> float:
        """The width of a rectangle :data:`DRAFT_DENSITY` times the subtree's box area at
        the aspect aimed at (a box alone: its width)."""
        if key in self.leafy:
            return self.items[key].width
        return max(math.sqrt(self.area[key] * DRAFT_DENSITY * self.aspect), self.least[key])

    def plan(self, roots: list[str], order: list[str]) -> None:
        """Walk 2, top down: every subtree's target width, and the columns of those that
        hang their reports round spines."""
        items, target, sp = self.items, self.target, self.sp
        self.roots = set(roots)
        for r in roots:
            target[r] = self.natural(r)
        for key in reversed(order):
            it = items[key]
            reports = _reports(it)
            for k in it.staff:
                target[k] = self.natural(k)
            if not reports:
                continue
            leafy = self.leafy
            leaves = sum(1 for k in reports if k in leafy)
            n = len(reports)
            if leaves == n:  # (a leaf's target is never read)
                continue
            goal = target[key]
            nat = [self.natural(k) for k in reports]
            room = goal - sp.h_gap * (n - 1)
            if n < 2 or it.band or it.peers or (leaves <= self.wrap and sum(nat) <= room):
                scale = 1.0
                for k, w in zip(reports, nat, strict=True):
                    target[k] = max(w * scale, self.least[k])
                continue
            widest = max([self.least[k] for k in reports])
            if _may_list(it) and goal < 2 * widest + 2 * sp.spine_gap:
                self.lists.add(key)  # too narrow for a spine: an indented list
                room = goal - min(sp.indent, it.width / 2) - sp.spine_gap
                for k in reports:
                    target[k] = max(room, self.least[k])
                continue
            pair = 2 * sum(nat) / n + 2 * sp.spine_gap + sp.h_gap
            spines = max(1, min(round((goal + sp.h_gap) / pair), n // 2, DRAFT_SPINES))
            areas = [self.area[k] for k in reports]
            cols = _deal(areas, 2 * spines)
            self.cols[key] = cols
            room = goal - spines * 2 * sp.spine_gap - (spines - 1) * sp.h_gap
            total = sum(areas)
            for col in cols:
                width = room * sum(areas[i] for i in col) / total
                for i in col:
                    target[reports[i]] = max(width, self.least[reports[i]])

    def place(self, key: str) -> None:
        """Walk 3: ``key``'s block (not a leaf's: :meth:`areas` sets those), its reports'
        blocks already placed."""
        it = self.items[key]
        w, h = it.width, it.height
        reports = _reports(it)
        ext = [-w / 2, w / 2, h]
        routes: list[Rel] = []
        self.routes[key] = routes
        y = self._staff(key, it.staff, h, routes, ext) if it.staff else h
        if reports:
            if it.band or it.peers:  # bodies and peers beside the main line: one bus
                form = "bus"
            elif all(k in self.leafy for k in reports):
                form = self._leaf_columns(it, reports, self.target[key])
                if it.key in self.lists:
                    form = "list"
            else:
                form = self._choose(key, it, reports, y) if len(reports) > 1 else "bus"
            if form == "list":
                self._vertical(key, it, reports, routes, ext)
            elif form is None or form == "bus":
                self._bus(key, h, reports, y, routes, ext)
            else:
                self._spines(key, h, reports, y, form, routes, ext)
        self.ext[key] = (ext[0], ext[1], ext[2])

    def _leaf_columns(self, it: Item, reports: list[str], goal: float,
                      ) -> list[list[int]] | None:
        """The columns of reports that are all leaves (in their order, as many spines as
        ``goal`` holds), or ``None`` for a bus (at most ``wrap`` of them, or one) or an
        indented list (too narrow for a spine: the key goes to :attr:`lists`)."""
        items, sp = self.items, self.sp
        n = len(reports)
        if it.key in self.lists or n < 2 or (
                n <= self.wrap and self._bus_width(reports) <= goal):
            return None
        widest = max(items[k].width for k in reports)
        pair = 2 * widest + 2 * sp.spine_gap + sp.h_gap
        if goal < pair - sp.h_gap and _may_list(it):
            self.lists.add(it.key)
            return None
        spines = max(1, min(int((goal + sp.h_gap) / pair), n // 2, DRAFT_SPINES))
        sizes = [(items[k].width, items[k].height, True, True) for k in reports]
        return assign_columns(sizes, spines, sp.row_gap, tallest_first=False)

    def _choose(self, key: str, it: Item, reports: list[str], y: float,
                ) -> list[list[int]] | str:
        """The form of a box whose reports are not all leaves: ``"bus"``, ``"list"`` (an
        indented list) or the columns round the planned spine count, one fewer or one more
        (dealt by height, tallest first, or by width:
        :func:`orgraph.layout.packing.columns_by_width`), whichever block is smallest, its
        area weighted by how many times the target must grow to hold it."""
        sp, extent = self.sp, self.ext
        sizes = [(extent[k][1] - extent[k][0], extent[k][2], True, True) for k in reports]
        widths = [c[0] for c in sizes]
        rows = [c[1] + sp.row_gap for c in sizes]  # a block's height and the gap below it
        goal = self.target[key]
        tall = self.area[key] * DRAFT_DENSITY / goal
        n = len(reports)
        tried: list[tuple[float, float, list[list[int]] | str]] = []
        if sum(1 for k in reports if k in self.leafy) <= self.wrap:
            tried.append((sum(widths) + sp.h_gap * (n - 1),
                          sp.v_gap + max([c[1] for c in sizes]), "bus"))
        if _may_list(it):
            tried.append((min(sp.indent, it.width / 2) + sp.spine_gap + max(widths),
                          sum(rows), "list"))
        planned = len(self.cols[key]) // 2 if key in self.cols else 1
        top = key in self.roots  # a top tries every spine count: its shape is the chart's
        for spines in range(1 if top else max(1, planned - 1),
                            min(planned + 1, n // 2) + 1):
            for cols in (assign_columns(sizes, spines, sp.row_gap),
                         columns_by_width(sizes, spines, sp.row_gap)
                         if top or spines == planned else None):
                if cols is not None:
                    w, h = _columns_size(cols, widths, rows)
                    tried.append((w + 2 * sp.spine_gap * spines + sp.h_gap * (spines - 1),
                                  sp.v_gap + h, cols))
        best, score = "bus", (math.inf, math.inf)
        for w, h, form in tried:
            h += y
            miss = 0.0
            if top:  # first within the aspect range aimed at
                miss = max(math.log(w / h / self.limits[1]), math.log(self.limits[0] * h / w),
                           0.0)
            value = (miss, w * h * max(w / goal, h / tall, 1.0))
            if value < score:
                best, score = form, value
        return best

    def _bus_width(self, reports: list[str]) -> float:
        extent = self.ext
        return sum([extent[k][1] - extent[k][0] for k in reports]) + self.sp.h_gap * (
            len(reports) - 1)

    def assemble(self, roots: list[str], order: list[str]) -> Layout:
        """Walk 4, top down: every trunk and top from its parent's, boxes and routes."""
        items, extent, off, rel = self.items, self.ext, self.off, self.routes
        where: dict[str, tuple[float, float]] = {}
        x, height = 0.0, 0.0
        for r in roots:
            lo, hi, h = extent[r]
            where[r] = (x - lo, 0.0)
            x += hi - lo + self.sp.root_gap
            height = max(height, h)
        boxes: dict[str, tuple[float, float, float, float]] = {}
        routes: list[Route] = []
        for key in reversed(order):  # parents before their reports
            tx, ty = where[key]
            it = items[key]
            boxes[key] = (tx, ty + it.height / 2, it.width, it.height)
            made = rel.get(key)
            if made is None:
                continue
            for tail, head, pts, enter in made:
                dx, dy = off[head]
                where[head] = (tx + dx, ty + dy)
                routes.append(Route(tail, head, tuple([(tx + px, ty + py) for px, py in pts]),
                                    enter))
        return Layout(max(x - self.sp.root_gap, 0.0), height, boxes, routes)
