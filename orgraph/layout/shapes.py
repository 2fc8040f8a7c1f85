"""The plain data of a tree layout: boxes to place (:class:`Item`), what comes out
(:class:`Layout`, :class:`Route`) and the distances used (:class:`Spacing`).

Examples
--------
>>> Item("a", 40, 20).is_leaf(), SPACING.h_gap
(True, 14.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SPACING", "Item", "Layout", "Point", "Route", "Spacing"]

Point = tuple[float, float]


@dataclass
class Item:
    """One box of the tree and what hangs on it.

    Attributes
    ----------
    key : str
        The box's name (unique).
    width, height : float
        The box's size in points.
    children : list of str
        Reports, placed below the manager.
    staff : list of str
        Staff placed beside the trunk on side stubs.
    band : list of str
        Bodies in a band beside the trunk under their own bus.
    peers : list of str
        Posts drawn in this box's row.

    Examples
    --------
    >>> Item("m", 50, 20, children=["a"]).is_leaf(), Item("a", 40, 20).is_leaf()
    (False, True)
    """

    key: str
    width: float
    height: float
    children: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    band: list[str] = field(default_factory=list)
    peers: list[str] = field(default_factory=list)

    def is_leaf(self) -> bool:
        """Whether nothing hangs on this box."""
        return not (self.children or self.staff or self.band or self.peers)


@dataclass(frozen=True)
class Route:
    """One connector: a polyline from ``tail``'s box to ``head``'s.

    ``enter`` is the side of the head's box the last segment enters from (``top``,
    ``left`` or ``right``).

    Examples
    --------
    A bus: down from the manager's box, along the bus, down into the report's top:

    >>> from orgraph.layout.tree import layout_tree
    >>> items = {"m": Item("m", 50, 20, children=["a", "b"]),
    ...          "a": Item("a", 40, 20), "b": Item("b", 40, 20)}
    >>> layout_tree(items, ["m"]).routes[0]
    Route(tail='m', head='a', points=((47.0, 20.0), (47.0, 35.0), (20.0, 35.0), (20.0, 50.0)), \
enter='top')
    """

    tail: str
    head: str
    points: tuple[Point, ...]
    enter: str


@dataclass
class Layout:
    """Where everything goes: box centres and sizes, connector routes, the drawing's size.

    Examples
    --------
    >>> from orgraph.layout.tree import layout_tree
    >>> items = {"m": Item("m", 50, 20, children=["a", "b"]),
    ...          "a": Item("a", 40, 20), "b": Item("b", 40, 20)}
    >>> lay = layout_tree(items, ["m"])
    >>> lay.width, lay.height, lay.boxes["m"], [(r.tail, r.head) for r in lay.routes]
    (94.0, 70.0, (47.0, 10.0, 50, 20), [('m', 'a'), ('m', 'b')])
    """

    width: float
    height: float
    boxes: dict[str, tuple[float, float, float, float]]  # key → (cx, cy, w, h), y down
    routes: list[Route]


@dataclass(frozen=True)
class Spacing:
    """Distances in points.

    Examples
    --------
    Two 40 pt reports side by side, 14 pt apart by default:

    >>> from dataclasses import replace
    >>> from orgraph.layout.tree import layout_tree
    >>> items = {"m": Item("m", 50, 20, children=["a", "b"]),
    ...          "a": Item("a", 40, 20), "b": Item("b", 40, 20)}
    >>> layout_tree(items, ["m"]).width, layout_tree(items, ["m"], spacing=replace(SPACING,
    ...                                                h_gap=20.0)).width
    (94.0, 100.0)
    """

    h_gap: float = 14.0  # between sibling blocks
    v_gap: float = 30.0  # from a trunk's end to the reports' tops; the bus runs halfway
    stub: float = 16.0  # trunk to a staff box
    staff_gap: float = 8.0  # above, between and below staff rows
    spine_gap: float = 12.0  # spine to a stacked or indented box
    row_gap: float = 6.0  # between stacked boxes
    indent: float = 12.0  # box's left edge to its spine in the vertical form
    channel: float = 22.0  # above a row with peers
    root_gap: float = 40.0  # between separate trees


SPACING = Spacing()
