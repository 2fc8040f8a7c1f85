"""The placers of :mod:`orgraph.layout.tree` that hang reports from vertical spines: leaf
columns, spine columns of whole subtrees, the indented (vertical) form, and peers in the
manager's row.

They are methods of a mix-in of :class:`orgraph.layout.tree._Placer`, which provides
``blocks``, ``sp`` (the spacing), ``_place`` and ``_route``. :func:`assign_columns` is the
pure part: which column each block goes to.

Examples
--------
>>> assign_columns([(40, 20, True, True)] * 5, 1, 6.0)
[[0, 2, 4], [1, 3]]
>>> assign_columns([(40, 20, True, True)] * 3, 2, 6.0) is None  # a spine of one block
True
"""

from __future__ import annotations

from collections.abc import Sequence

from orgraph.layout.block import Block
from orgraph.layout.packing import columns_by_width, spine_offsets
from orgraph.layout.shapes import Item, Point, Spacing

__all__ = ["IN_ORDER_UP_TO", "ColumnForms", "assign_columns"]

#: In charts of up to this many boxes, spine columns are dealt in their order (a small
#: chart reads in order, also beside another drawing of it, as in before/after charts).
IN_ORDER_UP_TO = 100


def assign_columns(blocks: Sequence[tuple[float, float, bool, bool]], spines: int,
                   row_gap: float, tallest_first: bool = True) -> list[list[int]] | None:
    """Deal blocks ``(w, h, clear left, clear right)`` into ``2 * spines`` columns, left
    and right of each spine in turn: ``tallest_first`` (longest processing time first, which
    levels the columns) or in their order, each to the shortest column it can be entered in (a left
    column's blocks are entered on their right side, so they need it clear); a column
    keeps its blocks in their order.

    Returns the block indices per column (left of spine 0, right of spine 0, left of spine
    1, ...), or ``None`` when a spine would hold fewer than two blocks (a lone box is never
    entered from the side).

    Examples
    --------
    >>> assign_columns([(40, 20, True, True)] * 4, 1, 6.0)
    [[0, 2], [1, 3]]
    >>> assign_columns([(40, 20, True, True)], 1, 6.0) is None
    True

    Block 0 is not clear on its left, so it cannot go right of the spine:

    >>> assign_columns([(40, 20, False, True), (40, 50, True, True), (40, 20, True, True)],
    ...                1, 6.0)
    [[0, 1], [2]]
    """
    cols: list[list[int]] = [[] for _ in range(2 * spines)]
    heights = [0.0] * (2 * spines)
    deal = range(len(blocks))
    if tallest_first:
        deal = sorted(deal, key=lambda i: -blocks[i][1])
    for i in deal:
        _, h, clear_left, clear_right = blocks[i]
        best = -1
        for c in range(2 * spines):
            if (clear_right if c % 2 == 0 else clear_left) and (
                    best < 0 or heights[c] < heights[best] - 1e-9):
                best = c
        if best < 0:
            return None
        cols[best].append(i)
        heights[best] += h + row_gap
    if any(len(cols[2 * s]) + len(cols[2 * s + 1]) < 2 for s in range(spines)):
        return None
    return [sorted(c) for c in cols]


class ColumnForms:
    """Placers hanging reports from vertical spines (a mix-in of the tree's placer).

    Examples
    --------
    The vertical form (:meth:`vertical`) through :func:`orgraph.layout.tree.layout_tree`:
    every report right of a spine 12 pt in from the manager's left edge, entered from the
    left:

    >>> from orgraph.layout.shapes import Item
    >>> from orgraph.layout.tree import layout_tree
    >>> items = {"m": Item("m", 50, 20, children=["a", "b", "c"])}
    >>> items.update({k: Item(k, 40, 20) for k in "abc"})
    >>> lay = layout_tree(items, ["m"], vertical_from=0)
    >>> [(r.head, r.enter, r.points[0]) for r in lay.routes]
    [('a', 'left', (12.0, 20.0)), ('b', 'left', (12.0, 20.0)), ('c', 'left', (12.0, 20.0))]
    >>> [lay.boxes[k][1] for k in "abc"]  # one below the other
    [36.0, 62.0, 88.0]
    """

    blocks: dict[str, Block]
    items: dict[str, Item]
    sp: Spacing
    full: bool

    def _place(self, b: Block, key: str, dx: float, dy: float, ext: list[float]) -> Block:
        raise NotImplementedError  # the placer's

    def _route(self, b: Block, tail: str, head: str, points: list[Point], enter: str,
               ) -> None:
        raise NotImplementedError  # the placer's

    def _spines(self, item: Item, b: Block, y: float, ext: list[float], kids: list[str],
                spines: int, by_width: bool = False) -> bool:
        """Reports in ``2 * spines`` columns, two round each spine; the spines hang from one
        bus below the trunk (one spine: the trunk itself runs on down). Each report's root box
        is entered from the side facing its spine. Returns False (nothing placed) when the
        reports cannot be dealt so (:func:`assign_columns`, or ``by_width``:
        :func:`orgraph.layout.packing.columns_by_width`)."""
        sp, h, full = self.sp, item.height, self.full
        blocks = [self.blocks[k] for k in kids]
        sizes = [(c.w, c.h, *c.clear) for c in blocks]
        cols = (columns_by_width(sizes, spines, sp.row_gap) if by_width else
                assign_columns(sizes, spines, sp.row_gap, len(self.items) > IN_ORDER_UP_TO))
        if cols is None:
            return False
        offsets = spine_offsets(cols, [c.w for c in blocks], sp.spine_gap, sp.h_gap)
        top = y + (sp.v_gap if spines > 1 else sp.v_gap / 2 + sp.row_gap)
        bus_y = y + sp.v_gap / 2
        for s, sx in enumerate(offsets):
            # the spine is part of the block, also where only one side of it holds reports:
            # a spine at the block's edge would be where the manager's own spine runs
            ext[0], ext[1] = min(ext[0], sx), max(ext[1], sx)
            head = [(0.0, h), (0.0, bus_y), (sx, bus_y)] if spines > 1 else [(0.0, h)]
            for side, col in (("right", cols[2 * s]), ("left", cols[2 * s + 1])):
                dy = top  # the right column a little lower: no entry faces another's
                if side == "left" and cols[2 * s]:
                    dy += blocks[cols[2 * s][0]].rh / 2 + sp.row_gap
                for i in col:
                    c = blocks[i]
                    dx = sx - sp.spine_gap - c.w if side == "right" else sx + sp.spine_gap
                    self._place(b, kids[i], dx, dy, ext)
                    if full:
                        mid = dy + c.ry + c.rh / 2
                        end = dx + c.rx + (c.rw if side == "right" else 0.0)
                        self._route(b, item.key, kids[i],
                                    [*head, (sx, mid), (end, mid)], side)
                    dy += c.h + sp.row_gap
        return True

    def _columns(self, keys: list[str]) -> tuple[float, float, list]:
        """Blocks in one or two columns round a spine at x = 0, each entered from the side
        facing the spine; the next block goes to the shorter column, so the columns end
        level. Returns (width, spine x, [(key, dx, dy, entry y, side)])."""
        sp = self.sp
        two = len(keys) > 3
        heights = [0.0, 0.0]  # left, right
        widths = [0.0, 0.0]
        placed = []
        for key in keys:
            c = self.blocks[key]
            col = 1 if not two or heights[1] <= heights[0] - 1e-9 else 0
            if two and heights[0] == heights[1]:
                col = 0 if len(placed) % 2 == 0 else 1
            if two and col == 1 and heights[1] == 0.0:  # a little lower than the left:
                heights[1] = c.rh / 2 + sp.row_gap  # no entry faces another's
            dy = heights[col]
            mid = dy + c.ry + c.rh / 2
            if col == 1:  # block starts right of the spine; its root box entered on the left
                placed.append((key, sp.spine_gap, dy, mid, "left", sp.spine_gap + c.rx))
                widths[1] = max(widths[1], sp.spine_gap + c.w)
            else:  # block ends left of the spine; its root box entered on the right
                placed.append((key, -sp.spine_gap - c.w, dy, mid, "right",
                               -sp.spine_gap - c.w + c.rx + c.rw))
                widths[0] = max(widths[0], sp.spine_gap + c.w)
            heights[col] = dy + c.h + sp.row_gap
        return widths[0] + widths[1], widths[0], placed

    def _column(self, item: Item, start: float = 0.0) -> Block:
        raise NotImplementedError  # the placer's

    def _peer_row(self, item: Item, core: Block) -> Block:
        """The manager's row with its peers (:meth:`_with_peers`): the peers with more below
        them beyond the manager's column (``core``); or, when what is below them is staff
        only (beside the line, not a level down), all beside its box and the column's
        content pushed down below them, if that block is smaller."""
        beyond = self._with_peers(item, core)
        drop = max(self.blocks[k].h - self.blocks[k].ry for k in item.peers)
        if drop <= item.height + self.sp.staff_gap / 2 or any(  # lone boxes, or levels below
                self.items[k].children or self.items[k].band or self.items[k].peers
                for k in item.peers):
            return beyond
        beside = self._with_peers(item, self._column(item, drop), beside_all=True)
        if beside.w * beside.h < beyond.w * beyond.h - 1e-6:
            return beside
        self.blocks[f"\0core\0{item.key}"] = core
        return beyond

    def _with_peers(self, item: Item, core: Block, beside_all: bool = False) -> Block:
        """The manager's column with its peers left and right in its row: a peer that is a
        lone box (or every peer, ``beside_all``) right beside the manager's box, one with
        more below it beyond the column."""
        sp = self.sp
        b = Block()
        c_top = sp.channel
        ext = [0.0, core.w, c_top + core.h]
        b.subs.append((f"\0core\0{item.key}", 0.0, c_top))
        self.blocks[f"\0core\0{item.key}"] = core
        half = len(item.peers) // 2
        left, right = item.peers[:half], item.peers[half:]
        row_top = c_top + core.ry
        mid = row_top + core.rh / 2
        box_l, box_r = core.rx, core.rx + core.rw

        trunk = box_l + core.rw / 2

        def alone(c: Block) -> bool:  # a lone box no taller than the row: beside the manager
            return beside_all or (not c.subs and c.h <= core.rh + sp.staff_gap / 2)

        def under(c: Block) -> bool:  # may what hangs below its box reach under the manager's?
            return beside_all and c.ry == 0.0 and c.rh + sp.staff_gap >= core.rh

        x = box_r + sp.h_gap
        for n, key in enumerate(right):
            if not alone(self.blocks[key]):
                x = max(x, core.w + sp.h_gap)
            elif n == 0 and under(self.blocks[key]):  # its box beside, its staff clear of the trunk
                x = max(x - self.blocks[key].rx, trunk + sp.h_gap)
            c = self._place(b, key, x, row_top - self.blocks[key].ry, ext)
            ax = x + c.rx + c.rw / 2
            self._route(b, item.key, key, [(box_r, mid), (box_r + sp.h_gap / 2, mid),
                                             (box_r + sp.h_gap / 2, c_top / 2), (ax, c_top / 2),
                                             (ax, row_top)], "top")
            x += c.w + sp.h_gap
        x = box_l - sp.h_gap
        for n, key in enumerate(reversed(left)):
            c = self.blocks[key]
            if not alone(c):
                x = min(x, -sp.h_gap)
            elif n == 0 and under(c):
                x = min(x + (c.w - c.rx - c.rw), trunk - sp.h_gap)
            x -= c.w
            self._place(b, key, x, row_top - c.ry, ext)
            ax = x + c.rx + c.rw / 2
            self._route(b, item.key, key, [(box_l, mid), (box_l - sp.h_gap / 2, mid),
                                             (box_l - sp.h_gap / 2, c_top / 2), (ax, c_top / 2),
                                             (ax, row_top)], "top")
            x -= sp.h_gap
        b.rx, b.ry, b.rw, b.rh = core.rx, row_top, core.rw, core.rh
        ext[0] = min(ext[0], x + sp.h_gap) if left else ext[0]
        b.clear = (False, False)
        b.normalise(*ext)
        return b

    # -- the vertical (indented) form ----------------------------------------------------
    def vertical(self, item: Item) -> Block:
        b, sp = Block(), self.sp
        w, h = item.width, item.height
        b.boxes.append((item.key, 0.0, 0.0))
        b.rx, b.ry, b.rw, b.rh = 0.0, 0.0, w, h
        ext = [0.0, w, h]
        y = 0.0
        for key in item.staff:  # a column right of the box, off its right side
            c = self.blocks[key]
            dx, dy = w + sp.stub - c.rx, y - c.ry
            if y == 0.0:
                dy = h / 2 - c.ry - c.rh / 2
            self._place(b, key, dx, dy, ext)
            mid = dy + c.ry + c.rh / 2
            self._route(b, item.key, key, [(w, h / 2), (w + sp.stub / 2, h / 2),
                                                     (w + sp.stub / 2, mid), (w + sp.stub, mid)],
                             "left")
            y = dy + c.h + sp.staff_gap
        y = max(h, y - sp.staff_gap) + sp.row_gap
        spine = min(sp.indent, w / 2)
        for key in [*item.peers, *item.band, *item.children]:
            c = self.blocks[key]  # wholly right of the spine, its root box entered on the left
            dx = spine + sp.spine_gap
            self._place(b, key, dx, y, ext)
            if self.full:
                mid = y + c.ry + c.rh / 2
                self._route(b, item.key, key, [(spine, h), (spine, mid), (dx + c.rx, mid)],
                            "left")
            y += c.h + sp.row_gap
        b.clear = (True, not item.staff)
        b.normalise(*ext)
        return b
