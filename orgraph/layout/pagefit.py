"""Fitting a large chart to a page: the scale the page gives a drawing, and the search at the
top of the tree that raises it (:func:`climb`), for :mod:`orgraph.layout.fit`.

Without a page a chart is folded into a range of shapes and then made small; on a page what
counts is the one number the reader sees, the text's size: the drawing is scaled by
``min(page width / width, page height / height)``. :func:`page_score` is its inverse (smaller
is better). The top subtree's reports (the divisions) are big blocks of very different
heights, each with many forms (its front, :class:`orgraph.layout.slots.Front`): :func:`climb`
swaps one division's form at a time for another of its front while the page score falls, so
the divisions' heights meet under their bus (or their columns round the spines level out).

Examples
--------
>>> page_score(2000, 1000, [(1000, 800)])
2.0
>>> page_score(800, 1600, [(1000, 800), (800, 1000)])  # a page that turns: portrait
1.6
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from orgraph.layout.block import Block
from orgraph.layout.shapes import Item, Spacing

__all__ = ["ONE_ROW", "PAGE_FIT_FROM", "PAGE_FIT_UP_TO", "PAGE_SPACING", "ROUNDS", "box_block",
           "climb", "page_fitted", "page_score", "reshaped"]

#: Charts of up to this many boxes are fitted to a page so (more cannot be read on one
#: sheet: a chart book can, and the extra walks would cost seconds).
PAGE_FIT_UP_TO = 5_000
#: ... and of more than this many (the smaller ones, the bundled charts among them, keep the
#: folding they have without a page).
PAGE_FIT_FROM = 100
#: The gaps of a chart fitted to a page (against :data:`~orgraph.layout.shapes.SPACING`):
#: about a third tighter, still wider than an arrowhead (7 pt) where a line ends in one
#: (10 pt from a spine or a bus to the box it enters). Against the gaps of 12, 24, 11 and 5
#: pt before (h_gap, v_gap, spine_gap, row_gap), 500 people (seeds 1-3) on A3 with team
#: lists: 5.6, 5.1, 5.0 pt -> 5.8, 5.1, 5.2 pt (``benchmarks/bench_layout.py --a3``).
PAGE_SPACING = Spacing(h_gap=10.0, v_gap=22.0, stub=12.0, staff_gap=6.0, spine_gap=11.0,
                       row_gap=4.0, indent=10.0, channel=18.0, root_gap=30.0)
#: The top's divisions stay in one row under its bus unless another form makes the text this
#: many times larger (500 people, seed 3, on A3 with team lists: columns round three spines
#: gave 5 % larger text and scattered the directors over the page).
ONE_ROW = 1.08
#: The most swaps :func:`climb` makes per form.
ROUNDS = 24
#: Forms whose best alternative's score is more than this many times the best one's are not
#: climbed from.
KEEP = 1.25

Frames = Sequence[tuple[float, float]]


def page_fitted(boxes: int) -> bool:
    """Whether a chart of this many boxes is fitted to a page when it is given one.

    Examples
    --------
    >>> page_fitted(100), page_fitted(500), page_fitted(5_001)
    (False, True, False)
    """
    return PAGE_FIT_FROM < boxes <= PAGE_FIT_UP_TO


def page_score(width: float, height: float, frames: Frames) -> float:
    """How many times the drawing must shrink to fit the best of ``frames`` (the page's
    drawing area, in each orientation it may take): the inverse of its scale."""
    return min(max(width / fw, height / fh) for fw, fh in frames)


def box_block(key: str, width: float, height: float) -> Block:
    """The block of a lone box of this size (a leaf in another shape).

    Examples
    --------
    >>> b = box_block("a", 40.0, 20.0)
    >>> b.w, b.h, b.boxes
    (40.0, 20.0, [('a', -20.0, 0.0)])
    """
    b = Block()
    b.boxes.append((key, -width / 2, 0.0))
    b.rx, b.ry, b.rw, b.rh = -width / 2, 0.0, width, height
    b.normalise(-width / 2, width / 2, height)
    return b


def climb(tried: list[Any], flex: list[str], fronts: Mapping[str, Any],
          place: Callable[[Any, dict[str, Any]], Block], score: Callable[[Block], float],
          ) -> list[Any]:
    """Better alternatives of one subtree, by hill-climbing from each form's best.

    Parameters
    ----------
    tried : list of Alt
        The subtree's alternatives (form, block, the reports' alternatives assumed).
    flex : list of str
        The reports that have other forms (those in ``fronts``).
    fronts : mapping
        Report → its front (``alts``: its alternatives no other beats in both sizes).
    place : callable
        (form, reports' alternatives) → the subtree's block.
    score : callable
        Block → smaller is better (:func:`page_score`).

    Returns
    -------
    list of Alt
        Each improvement found, in order (the last of a form is its best).

    Examples
    --------
    Two reports side by side, each a tall or a wide box: the climb finds both tall, which
    fit a square page best.

    >>> from orgraph.layout.slots import Alt, Front
    >>> fronts = {k: Front([Alt(("shape", 0.0), box_block(k, 100, 10), {}),
    ...                      Alt(("shape", 1.0), box_block(k, 10, 100), {})]) for k in "ab"}
    >>> def place(form, kids):
    ...     return box_block("m", sum(kids[k].block.w for k in "ab"),
    ...                      max(kids[k].block.h for k in "ab"))
    >>> start = {k: fronts[k].alts[1] for k in "ab"}  # both wide
    >>> first = Alt(("base", 0.0), place(None, start), start)
    >>> best = climb([first], ["a", "b"], fronts, place, lambda b: max(b.w, b.h))[-1]
    >>> best.block.w, best.block.h
    (20.0, 100)
    """
    best_of: dict[Any, Any] = {}
    for a in tried:
        if a.form not in best_of or score(a.block) < score(best_of[a.form].block):
            best_of[a.form] = a
    if not best_of or not flex:
        return []
    top = min(score(a.block) for a in best_of.values())
    out = []
    for form, alt in best_of.items():
        if score(alt.block) > top * KEEP:
            continue
        kids, now = dict(alt.kids), score(alt.block)
        for _ in range(ROUNDS):
            move = None
            for k in flex:
                for cand in fronts[k].alts:
                    if cand is kids[k]:
                        continue
                    block = place(form, {**kids, k: cand})
                    if score(block) < now - 1e-6:
                        now, move = score(block), (k, cand, block)
            if move is None:
                break
            kids[move[0]] = move[1]
            out.append(alt._replace(block=move[2], kids=dict(kids)))
    return out


def reshaped(items: dict[str, Item], forms: Mapping[str, tuple[str, float]],
             shapes: Mapping[str, Sequence[tuple[float, float]]] | None,
             ) -> dict[str, Item]:
    """``items`` with every leaf the folding gave another shape (form ``("shape", i)``:
    ``shapes[key][i]``) resized to it.

    Examples
    --------
    >>> items = {"a": Item("a", 40, 20)}
    >>> reshaped(items, {"a": ("shape", 1.0)}, {"a": [(40, 20), (80, 10)]})["a"]
    Item(key='a', width=80, height=10, children=[], staff=[], band=[], peers=[])
    >>> reshaped(items, {}, None) is items
    True
    """
    shaped = {k: int(f[1]) for k, f in forms.items() if f[0] == "shape"}
    if not shaped or not shapes:
        return items
    out = dict(items)
    for key, i in shaped.items():
        width, height = shapes[key][i]
        out[key] = Item(key, width, height)
    return out
