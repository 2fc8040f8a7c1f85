"""The placers of the draft (:mod:`orgraph.layout.draft`): staff on stubs, a bus, columns round
spines and an indented list, each a block of one subtree in coordinates of its own (x from
the manager's trunk, y from its box's top). They are the geometry of
:mod:`orgraph.layout.tree`'s placers (the same spacing), computed on the draft's extents
instead of blocks.

Examples
--------
>>> from orgraph.layout.shapes import Item
>>> forms = DraftForms()
>>> forms.items = {"m": Item("m", 60, 20), "a": Item("a", 40, 20), "b": Item("b", 40, 20)}
>>> forms.ext = {"a": (-20.0, 20.0, 20.0), "b": (-20.0, 20.0, 20.0)}
>>> forms.off, routes, ext = {}, [], [-30.0, 30.0, 20.0]
>>> forms._bus("m", 20.0, ["a", "b"], 20.0, routes, ext)
>>> forms.off, ext
({'a': (-27.0, 50.0), 'b': (27.0, 50.0)}, [-47.0, 47.0, 70.0])
"""

from __future__ import annotations

from orgraph.layout.packing import spine_offsets
from orgraph.layout.shapes import SPACING, Item, Point, Spacing

__all__ = ["DraftForms", "Rel"]

#: A route as it is built: (tail, head, points from the tail's trunk and top, enter side).
Rel = tuple[str, str, list[Point], str]


class DraftForms:
    """The draft's placers (a mix-in of its walk): each adds its reports' offsets to
    ``off``, their routes to ``routes`` and widens ``ext`` (min x, max x, bottom).

    Examples
    --------
    Two reports in an indented list, right of a spine near the box's left edge:

    >>> from orgraph.layout.shapes import Item
    >>> forms = DraftForms()
    >>> forms.items = {"m": Item("m", 60, 20), "a": Item("a", 40, 20), "b": Item("b", 40, 20)}
    >>> forms.ext = {"a": (-20.0, 20.0, 20.0), "b": (-20.0, 20.0, 20.0)}
    >>> forms.off, routes, ext = {}, [], [-30.0, 30.0, 20.0]
    >>> forms._vertical("m", forms.items["m"], ["a", "b"], routes, ext)
    >>> forms.off, ext, [r[3] for r in routes]
    ({'a': (14.0, 26.0), 'b': (14.0, 52.0)}, [-30.0, 34.0, 72.0], ['left', 'left'])
    """

    items: dict[str, Item]
    #: key → (min x, max x, height) of its block, x from its trunk, y from its top
    ext: dict[str, tuple[float, float, float]]
    #: key → (dx, dy) of its trunk and top from its parent's
    off: dict[str, tuple[float, float]]
    sp: Spacing = SPACING

    def _staff(self, key: str, staff: list[str], h: float, routes: list[Rel],
               ext: list[float]) -> float:
        """Staff in rows of two, right then left of the trunk, on stubs; returns the y
        below them."""
        sp, items, extent, off = self.sp, self.items, self.ext, self.off
        y = h + sp.staff_gap
        for i in range(0, len(staff), 2):
            row = staff[i:i + 2]
            mid = y + max(items[s].height for s in row) / 2
            bottom = y
            for j, s in enumerate(row):
                lo, hi, sh = extent[s]
                half = items[s].width / 2
                top = mid - items[s].height / 2
                if j == 0:  # right of the trunk, entered from the left
                    tx = sp.stub - lo
                    routes.append((key, s, [(0.0, h), (0.0, mid), (tx - half, mid)], "left"))
                    ext[1] = max(ext[1], tx + hi)
                else:  # left of the trunk, entered from the right
                    tx = -sp.stub - hi
                    routes.append((key, s, [(0.0, h), (0.0, mid), (tx + half, mid)], "right"))
                    ext[0] = min(ext[0], tx + lo)
                off[s] = (tx, top)
                bottom = max(bottom, top + sh)
            ext[2] = max(ext[2], bottom)
            y = bottom + sp.staff_gap
        return y

    def _bus(self, key: str, h: float, reports: list[str], y: float, routes: list[Rel],
             ext: list[float]) -> None:
        """Reports side by side under one bus, each entered at its top centre (an only
        report straight below the trunk)."""
        sp, extent, off = self.sp, self.ext, self.off
        trunks, x = [], 0.0
        for k in reports:
            lo, hi, _ = extent[k]
            trunks.append(x - lo)
            x += hi - lo + sp.h_gap
        t = (trunks[0] + trunks[-1]) / 2
        top = y + (sp.v_gap / 2 + sp.row_gap if len(reports) == 1 else sp.v_gap)
        bus_y = y + sp.v_gap / 2
        for k, trunk in zip(reports, trunks, strict=True):
            ax = trunk - t
            off[k] = (ax, top)
            if -1e-9 < ax < 1e-9:
                pts = [(0.0, h), (0.0, top)]
            else:
                pts = [(0.0, h), (0.0, bus_y), (ax, bus_y), (ax, top)]
            routes.append((key, k, pts, "top"))
        ext[0] = min(ext[0], trunks[0] - t + extent[reports[0]][0])
        ext[1] = max(ext[1], trunks[-1] - t + extent[reports[-1]][1])
        ext[2] = max(ext[2], top + max([extent[k][2] for k in reports]))

    def _spines(self, key: str, h: float, reports: list[str], y: float,
                cols: list[list[int]], routes: list[Rel], ext: list[float]) -> None:
        """Reports in the columns ``cols``, two round each spine (the geometry of
        :meth:`orgraph.layout.forms.ColumnForms._spines`), each entered from the side
        facing its spine; the spines hang from one bus (one spine: the trunk runs on)."""
        sp, extent, items, off = self.sp, self.ext, self.items, self.off
        spines = len(cols) // 2
        widths = [extent[k][1] - extent[k][0] for k in reports]
        top = y + (sp.v_gap if spines > 1 else sp.v_gap / 2 + sp.row_gap)
        bus_y = y + sp.v_gap / 2
        for s, sx in enumerate(spine_offsets(cols, widths, sp.spine_gap, sp.h_gap)):
            ext[0], ext[1] = min(ext[0], sx), max(ext[1], sx)
            head = [(0.0, h), (0.0, bus_y), (sx, bus_y)] if (
                spines > 1 and not -1e-9 < sx < 1e-9) else [(0.0, h)]
            for side, col in (("right", cols[2 * s]), ("left", cols[2 * s + 1])):
                dy = top  # the right column a little lower: no entry faces another's
                if side == "left" and cols[2 * s]:
                    dy += items[reports[cols[2 * s][0]]].height / 2 + sp.row_gap
                for i in col:
                    k = reports[i]
                    lo, hi, kh = extent[k]
                    half = items[k].width / 2
                    if side == "right":  # left of the spine, entered on its right side
                        tx = sx - sp.spine_gap - hi
                        end = tx + half
                        ext[0] = min(ext[0], tx + lo)
                    else:
                        tx = sx + sp.spine_gap - lo
                        end = tx - half
                        ext[1] = max(ext[1], tx + hi)
                    off[k] = (tx, dy)
                    mid = dy + items[k].height / 2
                    routes.append((key, k, [*head, (sx, mid), (end, mid)], side))
                    dy += kh + sp.row_gap
                ext[2] = max(ext[2], dy - sp.row_gap)

    def _vertical(self, key: str, it: Item, reports: list[str], routes: list[Rel],
                  ext: list[float]) -> None:
        """Reports in an indented list: a spine from the box's lower left, each report
        right of it, entered from the left (the geometry of
        :meth:`orgraph.layout.forms.ColumnForms.vertical`)."""
        sp, extent, items, off = self.sp, self.ext, self.items, self.off
        w, h = it.width, it.height
        spine = -w / 2 + min(sp.indent, w / 2)
        y = h + sp.row_gap
        for k in reports:
            lo, hi, kh = extent[k]
            tx = spine + sp.spine_gap - lo
            off[k] = (tx, y)
            mid = y + items[k].height / 2
            routes.append((key, k, [(spine, h), (spine, mid), (tx - items[k].width / 2, mid)],
                           "left"))
            ext[1] = max(ext[1], tx + hi)
            y += kh + sp.row_gap
        ext[2] = max(ext[2], y - sp.row_gap)
