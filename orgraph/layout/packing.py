"""Dealing blocks into spine columns by width as well as height: blocks of like widths share
a column, so a narrow block does not stand in a column as wide as the widest.

:func:`orgraph.layout.forms.assign_columns` levels the columns' heights (tallest first);
:func:`columns_by_width` fills the columns widest first up to a common height (the
``spines_by_width`` form; :mod:`orgraph.layout.fit` tries both and keeps the smaller
subtree); :func:`columns_area` measures a dealing, to compare them.

Examples
--------
Four wide and four narrow leaves round one spine: by height alone each column mixes both;
by width the wide ones share a column.

>>> blocks = [(w, 20, True, True) for w in (120, 120, 60, 60, 120, 120, 60, 60)]
>>> columns_by_width(blocks, 1, 6.0)
[[0, 1, 4, 5], [2, 3, 6, 7]]
>>> from orgraph.layout.forms import assign_columns
>>> level = assign_columns(blocks, 1, 6.0)
>>> columns_area(blocks, level, 6.0, 12.0, 14.0) > columns_area(
...     blocks, columns_by_width(blocks, 1, 6.0), 6.0, 12.0, 14.0)
True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["columns_area", "columns_by_width", "spine_offsets"]

Blocks = Sequence[tuple[float, float, bool, bool]]


def columns_by_width(blocks: Blocks, spines: int, row_gap: float) -> list[list[int]] | None:
    """Deal blocks ``(w, h, clear left, clear right)`` into ``2 * spines`` columns, widest
    first, each column filled up to the lowest common height that takes them all; the
    tallest columns go left of their spine (the right one starts a little lower).

    Returns the block indices per column as :func:`orgraph.layout.forms.assign_columns`
    does (left of spine 0, right of spine 0, ...; each column in the blocks' order), or
    ``None`` when this dealing cannot be entered (a block whose entry side is blocked, a
    spine with fewer than two blocks).

    Examples
    --------
    >>> columns_by_width([(90, 20, True, True), (50, 20, True, True),
    ...                   (80, 20, True, True)], 1, 6.0)
    [[0, 2], [1]]
    """
    n = len(blocks)
    if n < 2 * spines:
        return None
    order = sorted(range(n), key=lambda i: -blocks[i][0])
    lo = max(max(b[1] for b in blocks), sum(b[1] + row_gap for b in blocks) / (2 * spines))
    groups, heights = _fill(blocks, order, lo, row_gap)
    while len(groups) > 2 * spines:  # raise the common height to the next block that fits
        lo = min(used + blocks[nxt[0]][1] + row_gap
                 for used, nxt in zip(heights, groups[1:], strict=False))
        groups, heights = _fill(blocks, order, lo, row_gap)
    missing = 2 * spines - len(groups)
    return _sides(blocks, groups + [[]] * missing, heights + [0.0] * missing, spines)


def _fill(blocks: Blocks, order: list[int], height: float, row_gap: float,
          ) -> tuple[list[list[int]], list[float]]:
    """Blocks in ``order``, a new column whenever the next would pass ``height``; the
    columns and their heights."""
    groups: list[list[int]] = [[]]
    heights = [0.0]
    for i in order:
        h = blocks[i][1] + row_gap
        if groups[-1] and heights[-1] + h > height + 1e-6:
            groups.append([])
            heights.append(0.0)
        groups[-1].append(i)
        heights[-1] += h
    return groups, heights


def _sides(blocks: Blocks, groups: list[list[int]], heights: list[float], spines: int,
           ) -> list[list[int]] | None:
    """Columns to places: left of a spine (entered on the right) or right (on the left),
    taller first; ``None`` when a column cannot be entered from its side."""
    cols: list[list[int]] = [[] for _ in range(2 * spines)]
    free = list(range(2 * spines))
    for g in sorted(range(len(groups)), key=lambda j: -heights[j]):
        group = groups[g]
        right_ok = all(blocks[i][3] for i in group)  # may stand left of a spine
        left_ok = all(blocks[i][2] for i in group)
        spot = next((c for c in free if (right_ok if c % 2 == 0 else left_ok)), None)
        if spot is None:
            return None
        free.remove(spot)
        cols[spot] = sorted(group)
    if any(len(cols[2 * s]) + len(cols[2 * s + 1]) < 2 for s in range(spines)):
        return None
    return cols


def columns_area(blocks: Blocks, cols: list[list[int]] | None, row_gap: float,
                 spine_gap: float, h_gap: float) -> float:
    """The area the columns take round their spines (``inf`` for no dealing).

    Examples
    --------
    >>> columns_area([(50, 20, True, True)] * 2, [[0], [1]], 6.0, 12.0, 14.0)
    3224.0
    """
    if cols is None:
        return float("inf")
    widths = [max((blocks[i][0] for i in c), default=0.0) for c in cols]
    width = sum(widths) + 2 * spine_gap * (len(cols) // 2) + h_gap * (len(cols) // 2 - 1)
    height = max(sum(blocks[i][1] + row_gap for i in c) for c in cols)
    return width * height


def spine_offsets(cols: Sequence[Sequence[int]], widths: Sequence[float],
                  spine_gap: float, h_gap: float) -> list[float]:
    """Where the spines of these column pairs stand (``cols[2 s]`` left and ``cols[2 s + 1]``
    right of spine ``s``; ``widths`` every report's width), as x offsets from the middle
    between the first and the last spine.

    Examples
    --------
    >>> spine_offsets([[0], [1], [2], []], [40.0, 30.0, 50.0], 10.0, 20.0)
    [-60.0, 60.0]
    """
    xs, x = [], 0.0
    for s in range(len(cols) // 2):
        left = max((widths[i] for i in cols[2 * s]), default=0.0)
        right = max((widths[i] for i in cols[2 * s + 1]), default=0.0)
        xs.append(x + left + spine_gap)
        x = xs[-1] + spine_gap + right + h_gap
    middle = (xs[0] + xs[-1]) / 2
    return [spine - middle for spine in xs]
