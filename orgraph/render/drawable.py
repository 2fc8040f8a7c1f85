"""What one chart can draw: a bounded number of levels, expanded boxes and label characters.

A chart of 100,000 levels, or an aggregate of 50,000 units drawn one box each, would take the
layout and the engine minutes to hours and give a drawing nobody can read. The renderer checks
the selection first and refuses with a :class:`~orgraph.errors.RenderError` that names the
ways out (a part with ``--root``/``--depth``, the aggregate as one box, the chart book or the
interactive chart). A label longer than :data:`MAX_LABEL` characters is shortened for the
drawing, with a :class:`~orgraph.render.page.RenderWarning` naming the node.

Examples
--------
>>> import orgraph
>>> org = orgraph.Organisation()
>>> org.add_unit("n0", kind="cao")
>>> for i in range(1, 5):
...     org.add_unit(f"n{i}", kind="unit"); org.add_relation(f"n{i - 1}", f"n{i}")
>>> drawn_levels(org, list(org.nodes))
5
>>> check_drawable(org, list(org.nodes), max_levels=3)
Traceback (most recent call last):
...
orgraph.errors.RenderError: the chart would be 5 levels deep; one chart draws at most 3: ...
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Iterable

from orgraph.errors import RenderError
from orgraph.model import Kind, Organisation
from orgraph.render.page import RenderWarning
from orgraph.render.select import LEVEL_RELATIONS

__all__ = ["MAX_BOOK_LEVELS", "MAX_EXPANDED", "MAX_LABEL", "MAX_LEVELS", "check_book",
           "check_drawable", "drawn_levels", "short_label"]

#: Levels one chart draws at most (real organisations have well under 20).
MAX_LEVELS = 1_000
#: Levels a chart book (and the interactive chart, made of its pages) draws at most: each
#: page holds a few levels, so a deeper chain makes thousands of pages.
MAX_BOOK_LEVELS = 200
#: Boxes ``expand`` may add for the items of the drawn aggregates.
MAX_EXPANDED = 5_000
#: Characters of a label drawn in a box; a longer label is shortened, with a warning.
MAX_LABEL = 1_000

_PART = "draw a part with --root ID --depth N (render(root=..., depth=...))"


def drawn_levels(org: Organisation, nodes: Iterable[str]) -> int:
    """The number of levels the drawn ``nodes`` span along line and delegation edges.

    Breadth-first from every drawn node without a drawn superior, so it takes time linear in
    the drawing and no recursion, however deep the organisation.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")  # council, CAO, units
    >>> drawn_levels(org, org.nodes), drawn_levels(org, ["radmann", "skole"])
    (3, 2)
    >>> drawn_levels(org, ["kommunestyre", "skole"])  # no drawn edge between them
    1
    """
    drawn = set(nodes)
    below: dict[str, list[str]] = {}  # the level edges between drawn nodes, read once
    for u, nbrs in org.adjacency():
        if u in drawn:
            level = [v for v, d in nbrs.items()
                     if v in drawn and d.get("relation") in LEVEL_RELATIONS]
            if level:
                below[u] = level
    hung = {v for vs in below.values() for v in vs}
    frontier = [n for n in drawn if n not in hung]
    seen = set(frontier)
    levels = 0
    while frontier:
        levels += 1
        nxt = []
        for u in frontier:
            for v in below.get(u, ()):
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    return levels


def _expanded_boxes(org: Organisation, nodes: Iterable[str]) -> int:
    """Boxes ``expand`` draws for the drawn aggregates: one per listed item (and at most one
    "+N more" box each, not counted)."""
    total = 0
    for node in nodes:
        data = org.nodes[node]
        items = data.get("items")
        if data.get("kind") == Kind.UNIT_GROUP.value and isinstance(items, list):
            total += len(items)
    return total


def check_drawable(org: Organisation, nodes: Collection[str], *, expand: bool = False,
                   max_levels: int = MAX_LEVELS, max_expanded: int = MAX_EXPANDED) -> None:
    """Refuse a selection one chart cannot draw in reasonable time (see the module notes).

    Raises
    ------
    RenderError
        More than ``max_levels`` levels, or (with ``expand``) more than ``max_expanded``
        boxes for the aggregates' units.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> check_drawable(org, list(org), max_levels=3)
    >>> check_drawable(org, list(org), max_levels=2)
    Traceback (most recent call last):
    orgraph.errors.RenderError: the chart would be 3 levels deep; one chart draws at most 2: \
draw a part with --root ID --depth N (render(root=..., depth=...))
    """
    levels = drawn_levels(org, nodes)
    if levels > max_levels:
        raise RenderError(f"the chart would be {levels:,} levels deep; one chart draws at "
                          f"most {max_levels:,}: {_PART}")
    if expand:
        boxes = _expanded_boxes(org, nodes)
        if boxes > max_expanded:
            raise RenderError(f"expanding the aggregates would draw {boxes:,} boxes; one chart "
                              f"expands at most {max_expanded:,}: drop --expand (each aggregate "
                              f"is one box with its count), or {_PART}")


def check_book(org: Organisation, max_levels: int = MAX_BOOK_LEVELS) -> None:
    """Refuse a chart book (or interactive chart) of an organisation deeper than
    ``max_levels`` levels, before any page is planned.

    Examples
    --------
    >>> import orgraph
    >>> check_book(orgraph.load("examples/minimal.yaml"))
    """
    levels = drawn_levels(org, org.nodes)
    if levels > max_levels:
        raise RenderError(f"the organisation is {levels:,} levels deep; a chart book or an "
                          f"interactive chart draws at most {max_levels:,}: {_PART}, or look "
                          "for a column whose rows each report to the one before")


def short_label(text: str, node: str, limit: int = MAX_LABEL) -> str:
    """``text``, or its first ``limit`` characters and "…" with a warning naming ``node``.

    Examples
    --------
    >>> short_label("Skole", "s")
    'Skole'
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     short_label("x" * 12, "s", limit=4)
    'xxx…'
    >>> str(caught[0].message)
    "node 's': its label of 12 characters is drawn shortened to 4"
    """
    if len(text) <= limit:
        return text
    warnings.warn(f"node {node!r}: its label of {len(text):,} characters is drawn shortened to "
                  f"{limit:,}", RenderWarning, stacklevel=2)
    return text[:limit - 1] + "…"
