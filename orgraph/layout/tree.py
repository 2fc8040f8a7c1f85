"""Organisation-chart tree placement: boxes in, positions and connector routes out.

A pure function of a tree of sized boxes (:class:`Item`), ignorant of organisation kinds:
:func:`layout_tree` places every box and routes every connector;
:func:`orgraph.layout.fit.fit_layout` picks the folding (row budget, vertical form) that keeps
the chart readable. Coordinates are points, ``x`` to the right and ``y`` **down**, box
positions are centres.

Each subtree is laid out once, bottom up, as a rectangular block, and a block is placed by a
*placer* chosen by rule, in the spirit of yFiles' node placers (default, bus, assistant,
left-right) and of dabeng/OrgChart's ``verticalLevel``; sibling blocks never overlap, so
sibling subtrees' bounding boxes are disjoint by construction. Placers:

* **bus**: the manager on top, its line leaving the bottom centre (the *trunk*), one
  horizontal bus, each report entered at its top centre; the manager is centred over its
  first and last report, an only report hangs straight below;
* **stack**: more than ``wrap`` leaf reports hang in one or two columns from a vertical spine,
  each entered from the side facing the spine;
* **rows**: reports wider together than the row budget wrap into several rows, each split
  round the trunk (which runs straight down through the gap) and hanging from its own bus;
* **staff stubs**: staff beside the trunk, alternately right and left, on short horizontal
  stubs above the reports' bus (an item's ``staff``);
* **band**: bodies beside the trunk under their own bus, the trunk passing straight down
  through it to the main reports (an item's ``band``: committees beside the council's line to
  the CAO);
* **peers**: posts drawn in the manager's own row (an item's ``peers``: executives acting for
  the CAO), entered at their top from a channel above the row that leaves the manager's side;
  peers with only staff below stand right beside the manager's box and its column starts
  below their staff (Sveio's utviklingssjef and økonomisjef), where that is smaller;
* **vertical**: at ``vertical_from`` levels and deeper, a subtree is an indented list: a spine
  from the manager's lower left, every report entered from the left.

The walk is linear in the number of boxes: blocks keep their children's offsets, and one final
pass adds them up. The placement follows the block ("bounding box") variant of the tidy tree
(Reingold and Tilford 1981; Walker 1990; Buchheim, Jünger and Leipert 2002 for the linear
walk), with per-subtree placers as in yFiles' ``TreeLayout``.

Examples
--------
>>> items = {"ceo": Item("ceo", 60, 20, children=["a", "b"]),
...          "a": Item("a", 40, 20), "b": Item("b", 40, 20)}
>>> lay = layout_tree(items, ["ceo"])
>>> lay.boxes["ceo"][0] == (lay.boxes["a"][0] + lay.boxes["b"][0]) / 2
True
>>> [r.enter for r in lay.routes]
['top', 'top']
"""

from __future__ import annotations

import math
from collections.abc import Collection

__all__ = ["SPACING", "Item", "Layout", "Route", "Spacing", "layout_tree"]

from orgraph.layout.block import Block, dedupe
from orgraph.layout.forms import ColumnForms
from orgraph.layout.shapes import SPACING, Item, Layout, Point, Route, Spacing

#: A subtree's form: how its reports hang (see :func:`layout_tree`).
Form = tuple[str, float]
BASE: Form = ("base", 0.0)
#: The forms hanging reports in columns round spines: dealt to level the columns' heights,
#: or grouped by width (like widths share a column).
SPINE_FORMS = ("spines", "spines_by_width")


class _Placer(ColumnForms):
    """Builds one block per item, bottom up; the placers are its methods and its mix-in's.

    ``forms`` gives a subtree's form (default: :data:`BASE`, a bus with leaf columns);
    ``full=False`` computes sizes only.
    """

    def __init__(self, items: dict[str, Item], wrap: int, spacing: Spacing,
                 full: bool = True, forms: dict[str, Form] | None = None,
                 leaves: dict[str, Block] | None = None) -> None:
        self.items, self.wrap, self.sp = items, wrap, spacing
        self.full = full
        self.forms: dict[str, Form] = {} if forms is None else forms
        self.blocks: dict[str, Block] = {}
        self.leaves = {} if leaves is None else leaves  # a leaf's block never changes
        #: the keys of boxes nothing hangs on
        self.leafy: Collection[str] = self.leaves or {
            k for k, it in items.items() if it.is_leaf()}

    def place(self, item: Item) -> Block:
        """The block of ``item`` in its form."""
        leaf = self.leaves.get(item.key)
        if leaf is not None:
            return leaf
        form = self.forms.get(item.key, BASE)
        return self.vertical(item) if form[0] == "vertical" else self.bus(item)

    def _route(self, b: Block, tail: str, head: str, points: list[Point], enter: str,
               ) -> None:
        if self.full:
            b.routes.append((tail, head, dedupe(points), enter))

    # -- the bus form --------------------------------------------------------------------
    def bus(self, item: Item) -> Block:
        core = self._column(item)
        if not item.peers:
            return core
        return self._peer_row(item, core)

    def _column(self, item: Item, start: float = 0.0) -> Block:
        """The manager's box, its staff, band and reports below; those start ``start``
        below the box's top at the earliest (below peers drawn beside it)."""
        b = Block()
        w, h = item.width, item.height
        b.boxes.append((item.key, -w / 2, 0.0))
        b.rx, b.ry, b.rw, b.rh = -w / 2, 0.0, w, h
        ext = [-w / 2, w / 2, h]  # min x, max x, max y
        y = max(h, start)
        if item.staff:
            y = self._staff(item, b, y, ext)
        if item.band:
            y = self._band(item, b, y, ext)
        if item.children:
            self._reports(item, b, y, ext)
        b.normalise(*ext)
        return b

    def _place(self, b: Block, key: str, dx: float, dy: float, ext: list[float]) -> Block:
        child = self.blocks[key]
        b.subs.append((key, dx, dy))
        if dx < ext[0]:  # min and max of ext, as comparisons: the hottest lines of a walk
            ext[0] = dx
        if dx + child.w > ext[1]:
            ext[1] = dx + child.w
        if dy + child.h > ext[2]:
            ext[2] = dy + child.h
        return child

    def _staff(self, item: Item, b: Block, y: float, ext: list[float]) -> float:
        sp, h = self.sp, item.height
        y += sp.staff_gap
        for i in range(0, len(item.staff), 2):
            row = item.staff[i:i + 2]
            blocks = [self.blocks[s] for s in row]
            mid = y + max(c.ry + c.rh / 2 for c in blocks)
            bottom = y
            for j, (key, c) in enumerate(zip(row, blocks, strict=True)):
                if j == 0:  # right of the trunk, its box entered from the left side
                    dx, enter = sp.stub, "left"
                    side = dx + c.rx
                else:  # the whole block left of the trunk, its box entered from the right
                    dx, enter = -sp.stub - c.w, "right"
                    side = dx + c.rx + c.rw
                dy = mid - (c.ry + c.rh / 2)
                self._place(b, key, dx, dy, ext)
                self._route(b, item.key, key, [(0.0, h), (0.0, mid), (side, mid)], enter)
                bottom = max(bottom, dy + c.h)
            y = bottom + sp.staff_gap
        return y

    def _band(self, item: Item, b: Block, y: float, ext: list[float]) -> float:
        half = math.ceil(len(item.band) / 2) if item.children else 0
        left, right = item.band[:half], item.band[half:]
        start = None
        if not left:  # nothing continues down the trunk: centre the band under it
            start = -(sum(self.blocks[k].w for k in right)
                      + self.sp.h_gap * (len(right) - 1)) / 2
        return self._beside_trunk(item, b, y, ext, left, right, start)

    def _beside_trunk(self, item: Item, b: Block, y: float, ext: list[float],
                      left: list[str], right: list[str], start: float | None = None) -> float:
        """Blocks ``left`` (outward from the trunk, so in reverse) and ``right`` of the
        trunk, a gap round it, under one bus halfway down ``v_gap``; returns their bottom.
        ``start`` moves the right-hand blocks' first left edge (default: just right of the
        trunk)."""
        sp, h = self.sp, item.height
        top, bus_y = y + sp.v_gap, y + sp.v_gap / 2
        spots: list[tuple[str, float]] = []
        x = sp.h_gap / 2 if start is None else start
        for key in right:
            spots.append((key, x))
            x += self.blocks[key].w + sp.h_gap
        x = -sp.h_gap / 2
        for key in reversed(left):
            x -= self.blocks[key].w
            spots.append((key, x))
            x -= sp.h_gap
        bottom = y
        for key, dx in spots:
            c = self._place(b, key, dx, top, ext)
            if self.full:
                ax = dx + c.rx + c.rw / 2
                self._route(b, item.key, key, [(0.0, h), (0.0, bus_y), (ax, bus_y),
                                                (ax, top + c.ry)], "top")
            bottom = max(bottom, top + c.h)
        return bottom

    def _reports(self, item: Item, b: Block, y: float, ext: list[float]) -> None:
        sp, blocks = self.sp, self.blocks
        kids = item.children
        kind, arg = self.forms.get(item.key, BASE)
        if kind in SPINE_FORMS and self._spines(item, b, y, ext, kids, int(arg),
                                                kind == "spines_by_width"):
            return
        if kind == "rows" and len(kids) > 1 and (  # too wide: rows round the trunk
                sum([blocks[k].w for k in kids]) + sp.h_gap * (len(kids) - 1) > arg
                and self._rows(item, b, y, ext, kids, arg)):
            return
        leafy = self.leafy
        leaves = [k for k in kids if k in leafy]
        members: list[tuple[str, object]]
        if len(leaves) > self.wrap:
            leafset = set(leaves)
            others = [k for k in kids if k not in leafset]
            half = len(others) // 2
            members = [("block", k) for k in others[:half]] + [
                ("stack", self._columns(leaves))] + [("block", k) for k in others[half:]]
        else:
            members = [("block", k) for k in kids]
        spots, x, gap = [], 0.0, sp.h_gap
        for what, payload in members:
            if what == "block":
                c = blocks[payload]  # type: ignore[index]
                spots.append((what, payload, x, x + c.rx + c.rw / 2))
                x += c.w + gap
            else:
                width, spine, _ = payload  # type: ignore[misc]
                spots.append((what, payload, x, x + spine))
                x += width + sp.h_gap
        t = (spots[0][3] + spots[-1][3]) / 2
        self._hang(item, b, y, ext, spots, t)

    def _rows(self, item: Item, b: Block, y: float, ext: list[float],
              kids: list[str], budget: float) -> bool:
        """Reports in several rows, each split round the trunk, which runs straight down
        through the gap in the middle; each row hangs from its own bus. The last row's only
        report hangs straight below the trunk. Returns False (nothing placed) when every row
        would hold one report: that staircase reads worse than one wide row."""
        sp, h = self.sp, item.height
        rows: list[list[str]] = [[]]
        width = 0.0
        for key in kids:
            w = self.blocks[key].w + sp.h_gap
            if rows[-1] and width + w > budget:
                rows.append([])
                width = 0.0
            rows[-1].append(key)
            width += w
        if len(rows) == len(kids):
            return False  # a report a row is a staircase: keep them in one row
        for n, row in enumerate(rows):
            top = y + sp.v_gap
            if n == len(rows) - 1 and len(row) == 1:
                c = self.blocks[row[0]]
                dx = -(c.rx + c.rw / 2)
                self._place(b, row[0], dx, top, ext)
                self._route(b, item.key, row[0], [(0.0, h), (0.0, top + c.ry)], "top")
                return True
            split, total, acc = 0, sum(self.blocks[k].w for k in row), 0.0
            for i, key in enumerate(row):  # left half: the first reports up to half the width
                if acc + self.blocks[key].w / 2 > total / 2 and i > 0:
                    break
                acc += self.blocks[key].w
                split = i + 1
            split = min(split, len(row) - 1) if len(row) > 1 else 1 - n % 2  # alternate
            y = self._beside_trunk(item, b, y, ext, row[:split], row[split:])
        return True

    def _hang(self, item: Item, b: Block, y: float, ext: list[float], spots: list,
              t: float) -> None:
        """Place the row's members below the trunk and route the lines to them."""
        sp, h, full = self.sp, item.height, self.full
        top, bus_y = y + sp.v_gap, y + sp.v_gap / 2
        if len(spots) == 1:
            top = y + sp.v_gap / 2 + sp.row_gap
        for what, payload, left, anchor in spots:
            ax, dx = anchor - t, left - t
            if full:
                head = [(0.0, h), (0.0, bus_y), (ax, bus_y)] if len(spots) > 1 else [(0.0, h)]
            if what == "block":
                c = self._place(b, payload, dx, top, ext)
                if full:
                    self._route(b, item.key, payload, [*head, (ax, top + c.ry)], "top")
                continue
            width, spine, placed = payload
            ext[0], ext[1] = min(ext[0], dx), max(ext[1], dx + width)
            for key, off_x, off_y, mid, side, end_x in placed:
                self._place(b, key, dx + spine + off_x, top + off_y, ext)
                if full:
                    self._route(b, item.key, key,
                                [*head, (ax, top + mid), (ax + end_x, top + mid)], side)



def _depths(items: dict[str, Item], roots: list[str]) -> tuple[list[str], dict[str, int]]:
    """Post-order of the forest (children before parents) and every item's depth."""
    depth: dict[str, int] = {}
    order: list[str] = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        key, d = stack.pop()
        if key in depth:
            raise ValueError(f"box {key!r} hangs in the tree twice")
        depth[key] = d
        order.append(key)
        it = items[key]
        for child in [*it.staff, *it.band, *it.peers, *it.children]:
            stack.append((child, d + 1))
    order.reverse()
    return order, depth


def layout_tree(items: dict[str, Item], roots: list[str], *, wrap: int = 6,
                vertical_from: int | None = None, row_budget: float = math.inf,
                spacing: Spacing = SPACING) -> Layout:
    """Place a forest of boxes: every box's centre and every connector's route.

    Parameters
    ----------
    items : dict
        Every box by key; each item names what hangs on it.
    roots : list of str
        The trees' top boxes, drawn side by side in this order.
    wrap : int
        More leaf reports than this under one manager hang in columns from a spine.
    vertical_from : int, optional
        Subtrees whose top is this many levels below a root, or deeper, are indented lists.
    row_budget : float
        Reports wider together than this (points) wrap into rows round the trunk.
    spacing : Spacing

    Returns
    -------
    Layout

    Examples
    --------
    >>> items = {"m": Item("m", 50, 20, children=[f"u{i}" for i in range(8)])}
    >>> items.update({f"u{i}": Item(f"u{i}", 40, 20) for i in range(8)})
    >>> lay = layout_tree(items, ["m"])
    >>> sorted({r.enter for r in lay.routes})  # eight leaves: two columns round a spine
    ['left', 'right']
    """
    order, depth = _depths(items, roots)
    managers = [k for k in order if items[k].children]
    forms: dict[str, Form] = {}
    if row_budget < math.inf:
        forms.update({k: ("rows", row_budget) for k in managers})
    if vertical_from is not None:
        forms.update({k: ("vertical", 0.0) for k in managers
                      if depth[k] >= vertical_from and vertical_allowed(items[k])})
    placer = _place_all(items, order, wrap, spacing, True, forms)
    return _assemble(items, placer.blocks, roots, spacing)


def vertical_allowed(item: Item) -> bool:
    """Whether a subtree may take the vertical form (staff, peers and bands keep theirs).

    Examples
    --------
    >>> vertical_allowed(Item("m", 50, 20, children=["a", "b"]))
    True
    >>> vertical_allowed(Item("m", 50, 20, children=["a", "b"], staff=["s"]))
    False
    >>> vertical_allowed(Item("m", 50, 20, children=["a"]))
    False
    """
    return len(item.children) > 1 and not (item.staff or item.peers or item.band)


def leaf_blocks(items: dict[str, Item], spacing: Spacing = SPACING) -> dict[str, Block]:
    """The block of every box nothing hangs on, built once for every walk.

    Examples
    --------
    >>> blocks = leaf_blocks({"m": Item("m", 50, 20, children=["a"]), "a": Item("a", 40, 20)})
    >>> list(blocks), blocks["a"].w, blocks["a"].h
    (['a'], 40.0, 20)
    """
    placer = _Placer(items, 0, spacing)
    return {k: placer.bus(it) for k, it in items.items() if it.is_leaf()}


def _place_all(items: dict[str, Item], order: list[str], wrap: int, spacing: Spacing,
               full: bool, forms: dict[str, Form] | None = None,
               leaves: dict[str, Block] | None = None) -> _Placer:
    """One bottom-up walk in ``order``: a block per item (``full=False``: sizes only)."""
    placer = _Placer(items, wrap, spacing, full, dict(forms or {}), leaves)
    blocks = placer.blocks
    for key in order:
        blocks[key] = placer.place(items[key])
    return placer


def _assemble(items: dict[str, Item], blocks: dict[str, Block], roots: list[str],
              spacing: Spacing) -> Layout:
    """Add up the offsets: absolute boxes and routes."""
    boxes: dict[str, tuple[float, float, float, float]] = {}
    routes: list[Route] = []
    x, height = 0.0, 0.0
    stack: list[tuple[str, float, float]] = []
    for root in roots:
        stack.append((root, x, 0.0))
        x += blocks[root].w + spacing.root_gap
        height = max(height, blocks[root].h)
    while stack:
        key, ox, oy = stack.pop()
        block = blocks[key]
        ox += block.ox
        for name, bx, by in block.boxes:
            it = items[name]
            boxes[name] = (ox + bx + it.width / 2, oy + by + it.height / 2, it.width, it.height)
        for tail, head, pts, enter in block.routes:
            routes.append(Route(tail, head, tuple([(ox + px, oy + py) for px, py in pts]),
                                enter))
        for child, dx, dy in block.subs:
            stack.append((child, ox + dx, oy + dy))
    width = max(x - spacing.root_gap, 0.0)
    return Layout(width, height, boxes, routes)
