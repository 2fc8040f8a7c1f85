"""A subtree's alternatives and the slots a form gives its reports, for
:mod:`orgraph.layout.fit`.

Every subtree keeps its :class:`Front`: the forms (each an :class:`Alt`: form, block, and
the forms of its reports it assumes) that no other beats in both width and height. A form
puts reports in columns or rows (:func:`slots_of`); :func:`refit` gives each report the form
of its front that fills its slot best.

Examples
--------
>>> from orgraph.layout.block import Block
>>> def alt(w, h):
...     b = Block()
...     b.w, b.h = w, h
...     return Alt(("base", 0.0), b, {})
>>> front = Front([alt(100, 50), alt(60, 90), alt(60, 80)])
>>> [(a.block.w, a.block.h) for a in front.alts]
[(60, 80), (100, 50)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from typing import NamedTuple

from orgraph.layout.block import Block
from orgraph.layout.shapes import Item
from orgraph.layout.tree import SPINE_FORMS, Form

__all__ = ["Alt", "Front", "Slot", "column_groups", "refit", "slots_of"]


class Front:
    """A subtree's forms that no other beats in both width and height, narrowest first.

    Examples
    --------
    >>> def alt(w, h):
    ...     b = Block()
    ...     b.w, b.h = w, h
    ...     return Alt(("base", 0.0), b, {})
    >>> front = Front([alt(100, 50), alt(60, 90)])
    >>> front.shortest_within(80).block.w, front.shortest_within(120).block.w
    (60, 100)
    >>> front.narrowest_within(60).block.w, front.shortest_within(50) is None
    (100, True)
    """

    __slots__ = ("alts", "neg_heights", "widths")

    def __init__(self, alts: list[Alt]) -> None:
        self.alts: list[Alt] = []
        for a in sorted(alts, key=lambda a: (a.block.w, a.block.h)):
            if not self.alts or a.block.h < self.alts[-1].block.h - 1e-9:
                self.alts.append(a)
        self.widths = [a.block.w for a in self.alts]
        self.neg_heights = [-a.block.h for a in self.alts]  # ascending

    def shortest_within(self, width: float) -> Alt | None:
        """The shortest form at most ``width`` wide."""
        i = bisect_right(self.widths, width + 1e-6) - 1
        return self.alts[i] if i >= 0 else None

    def narrowest_within(self, height: float) -> Alt | None:
        """The narrowest form at most ``height`` tall."""
        i = bisect_left(self.neg_heights, -height - 1e-6)
        return self.alts[i] if i < len(self.alts) else None


class Alt(NamedTuple):
    """A subtree in one form: its block, and the forms of its reports it assumes.

    Examples
    --------
    >>> block = Block()
    >>> block.w, block.h = 40.0, 20.0
    >>> alt = Alt(("vertical", 0.0), block, {})
    >>> alt.form[0], alt.block.w, alt.kids
    ('vertical', 40.0, {})
    """

    form: Form
    block: Block
    kids: dict[str, Alt]


#: A group of reports (or peers) in one column (``True``) or row (``False``), with its
#: widest (column) or tallest (row) member's size, and whether it may stretch (peers).
Slot = tuple[list[str], float, bool, bool]


def slots_of(item: Item, form: Form, block: Block, blocks: Mapping[str, Block],
           fronts: dict[str, Front], current: dict[str, Alt]) -> list[Slot]:
    """The reports and peers with other forms that a form puts in one column or row.

    Peers are one row; the reports of a manager with peers are in its core block.

    Examples
    --------
    Reports ``a`` and ``b`` one below the other: one column in a spine form, two rows in
    the bus form:

    >>> def alt(w, h):
    ...     b = Block()
    ...     b.w, b.h = w, h
    ...     return Alt(("base", 0.0), b, {})
    >>> fronts = {"a": Front([alt(100, 20), alt(60, 40)]),
    ...           "b": Front([alt(60, 20), alt(40, 40)])}
    >>> current = {k: f.alts[0] for k, f in fronts.items()}  # (60, 40) and (40, 40)
    >>> block = Block()
    >>> block.subs = [("a", 0.0, 30.0), ("b", 0.0, 60.0)]
    >>> item = Item("m", 50, 20, children=["a", "b"])
    >>> slots_of(item, ("spines", 0.0), block, {}, fronts, current)
    [(['a', 'b'], 60, True, False)]
    >>> slots_of(item, ("base", 0.0), block, {}, fronts, current)
    [(['a'], 40, False, False), (['b'], 40, False, False)]
    """
    kids = set(item.children)
    subs = block.subs
    if item.peers:  # the manager's own column is a block of its own inside the row
        subs = blocks[f"\0core\0{item.key}"].subs
    placed = [(k, dx, dy) for k, dx, dy in subs if k in kids and k in fronts]
    size = {k: current[k].block for k, _, _ in placed}
    slots: list[Slot]
    if form[0] in SPINE_FORMS:
        slots = [(col, max(size[k].w for k in col), True, False)
                 for col in column_groups(placed, size)]
    else:
        rows: dict[float, list[str]] = {}
        for k, _, dy in placed:
            rows.setdefault(round(dy, 3), []).append(k)
        slots = [(row, max(size[k].h for k in row), False, False) for row in rows.values()]
    peers = [k for k in item.peers if k in fronts]
    if peers:
        slots.append((peers, max(current[k].block.h for k in peers), False, True))
    return slots


def refit(slots: list[Slot], fronts: dict[str, Front], current: dict[str, Alt],
           scale: float = 1.0, reach: float = 1.0) -> dict[str, Alt]:
    """Other forms for the members that fill slots ``scale`` times their group's size
    better, the scale at most ``reach`` but for peers (see :data:`PEER_SLOTS`; a manager
    without peers reaches :data:`WIDER_SLOTS`): in columns, the shortest form as wide as
    the slot; in rows, the narrowest form as tall as the slot.

    Examples
    --------
    In a column 60 wide, ``b`` (40 x 40) takes its form as wide as the column and shorter;
    ``a`` already fills it:

    >>> def alt(w, h):
    ...     b = Block()
    ...     b.w, b.h = w, h
    ...     return Alt(("base", 0.0), b, {})
    >>> fronts = {"a": Front([alt(100, 20), alt(60, 40)]),
    ...           "b": Front([alt(60, 20), alt(40, 40)])}
    >>> current = {k: f.alts[0] for k, f in fronts.items()}
    >>> swaps = refit([(["a", "b"], 60.0, True, False)], fronts, current)
    >>> {k: (a.block.w, a.block.h) for k, a in swaps.items()}
    {'b': (60, 20)}
    """
    swaps = {}
    for keys, size, columns, stretch in slots:
        size *= scale if stretch else min(scale, reach)
        for k in keys:
            front = fronts[k]
            alt = front.shortest_within(size) if columns else front.narrowest_within(size)
            if alt is not None and alt is not current[k]:
                swaps[k] = alt
    return swaps


def column_groups(placed: list[tuple[str, float, float]], blocks: dict[str, Block]
                   ) -> list[list[str]]:
    """Reports in one column: the same left edge (right of a spine) or right edge (left).

    Examples
    --------
    >>> blocks = {k: Block() for k in "abc"}
    >>> for k, w in zip("abc", (40.0, 30.0, 30.0)):
    ...     blocks[k].w = w
    >>> column_groups([("a", 0.0, 0.0), ("b", 0.0, 30.0), ("c", 100.0, 0.0)], blocks)
    [['a', 'b'], ['c']]
    """
    groups: dict[tuple[str, float], list[str]] = {}
    for k, dx, _ in placed:
        groups.setdefault(("l", round(dx, 3)), []).append(k)
        groups.setdefault(("r", round(dx + blocks[k].w, 3)), []).append(k)
    out, seen = [], set()
    for g in sorted(groups.values(), key=len, reverse=True):
        g = [k for k in g if k not in seen]
        if g:
            seen.update(g)
            out.append(g)
    return out
