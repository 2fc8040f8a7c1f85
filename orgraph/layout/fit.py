"""Fitting a chart to a shape: which folding of :mod:`orgraph.layout.tree` to draw.

A few foldings are tried with walks that compute sizes only (no routes), and the one full walk
draws the winner.

Examples
--------
>>> from orgraph.layout.tree import Item, layout_tree
>>> items = {"ceo": Item("ceo", 60, 20, children=[f"d{i}" for i in range(12)])}
>>> for i in range(12):
...     items[f"d{i}"] = Item(f"d{i}", 60, 20, children=[f"d{i}u{j}" for j in range(3)])
...     items.update({f"d{i}u{j}": Item(f"d{i}u{j}", 60, 20) for j in range(3)})
>>> wide = layout_tree(items, ["ceo"])
>>> fit = fit_layout(items, ["ceo"])
>>> wide.width / wide.height > 3 >= fit.width / fit.height >= 0.5
True
"""

from __future__ import annotations

import math

from orgraph.layout.tree import (
    SPACING,
    Item,
    Layout,
    Spacing,
    _assemble,
    _depths,
    _place_all,
    _Placer,
)

__all__ = ["fit_layout"]


def _size(placer: _Placer, roots: list[str], spacing: Spacing) -> tuple[float, float]:
    blocks = placer.blocks
    width = sum(blocks[r].w for r in roots) + spacing.root_gap * (len(roots) - 1)
    return width, max((blocks[r].h for r in roots), default=0.0)


def fit_layout(items: dict[str, Item], roots: list[str], *, wrap: int = 6,
               max_aspect: float = 3.0, min_aspect: float = 0.5,
               spacing: Spacing = SPACING) -> Layout:
    """:func:`layout_tree` folded until the drawing is at most ``max_aspect`` times as wide
    as it is tall: rows of reports wrap into several rows round the trunk (a row budget
    guessed from the boxes' area, and 1.6 times more or less), then, with the best of those,
    subtrees from level 2 or 1 down switch to the vertical form. Of the foldings tried
    (sizes only), the smallest drawing within ``[min_aspect, max_aspect]`` wins, else the
    one closest to that range.

    Examples
    --------
    >>> fit_layout({"a": Item("a", 40, 20)}, ["a"]).boxes["a"]
    (20.0, 10.0, 40, 20)
    """
    if not roots:
        return Layout(0.0, 0.0, {}, [])

    def miss(size: tuple[float, float]) -> float:
        aspect = max(size[0], 1.0) / max(size[1], 1.0)
        return max(math.log(aspect / max_aspect), math.log(min_aspect / aspect), 0.0)

    order, depth = _depths(items, roots)

    def trial(vertical_from: int | None, budget: float) -> tuple[float, float]:
        return _size(_place_all(items, order, depth, wrap, vertical_from, budget, spacing,
                                False), roots, spacing)

    best, best_size = (None, math.inf), trial(None, math.inf)
    if miss(best_size) > 0.0:
        # the row budget's first guess: the width of a drawing of the boxes' area (times
        # the white space a tree needs) at the widest aspect allowed
        area = sum(i.width * i.height for i in items.values())
        guess = max(300.0, math.sqrt(area * 5.0 * max_aspect) * 0.6)
        tried = []
        for budget in (guess * 1.6, guess, guess / 1.6):  # rows first
            size = trial(None, budget)
            tried.append((miss(size), size[0] * size[1], (None, budget), size))
        _, _, best, best_size = min(tried, key=lambda t: (t[0], t[1]))
        deepest = max((d for k, d in depth.items() if not items[k].is_leaf()), default=0)
        for level in (2, 1):  # then the vertical form from a level, with that budget
            if level < deepest:
                size = trial(level, best[1])
                tried.append((miss(size), size[0] * size[1], (level, best[1]), size))
        _, _, best, best_size = min(tried, key=lambda t: (t[0], t[1]))
    placer = _place_all(items, order, depth, wrap, best[0], best[1], spacing, True)
    lay = _assemble(items, placer.blocks, roots, spacing, best[0])
    lay.row_budget = best[1]
    return lay
