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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from orgraph._collect import paused_cycle_collection
from orgraph.layout.block import Block
from orgraph.layout.draft import DRAFT_ABOVE, draft_layout
from orgraph.layout.pagefit import (
    ONE_ROW,
    PAGE_SPACING,
    Frames,
    box_block,
    climb,
    page_fitted,
    page_score,
    reshaped,
)
from orgraph.layout.slots import Alt, Front, refit, slots_of
from orgraph.layout.tree import (
    BASE,
    SPACING,
    Form,
    Item,
    Layout,
    Spacing,
    _assemble,
    _depths,
    _place_all,
    _Placer,
    leaf_blocks,
    vertical_allowed,
)

__all__ = ["SPINES", "TRIALS", "choose_forms", "fit_layout", "subtree_areas"]

#: (drawing area ÷ box area aimed at, weight of a subtree's shape) of the compact forms,
#: tried in turn until the drawing's width ÷ height is within range.
TRIALS = ((2.2, 0.0), (2.2, 1.0), (1.6, 1.0), (3.2, 1.0))
#: Rows under buses read best: kept unless the compact forms make a drawing this many
#: times smaller.
COMPACT_GAIN = 1.5
#: Charts of more boxes than this (the bundled ones have up to 44) are folded in the compact
#: forms without trying rows alone.
ROWS_UP_TO = 100
#: Slot sizes reports are refitted to, as parts of their group's widest (columns) or tallest
#: (rows) report.
SLOTS = (1.0, 0.85, 0.7, 0.55, 0.4, 0.25)
#: Slot sizes a manager with peers is tried with, finer and also taller than the tallest
#: peer (so narrower): the peers' row is the chart's width where they are the top's, and
#: only one box (the CAO) is placed again per size.
PEER_SLOTS = tuple(round(0.25 * 1.08 ** i, 4) for i in range(33))
#: Slot sizes tried too in charts of more than :data:`ROWS_UP_TO` boxes: wider (columns) or
#: taller (rows) than the group's widest or tallest report, so a report may take a wider,
#: shorter form beside a wide one (a narrower, taller one beside a tall one).
WIDER_SLOTS = (2.0, 1.5, 1.25)
#: In charts of more than :data:`ROWS_UP_TO` boxes, a subtree of more than this many times
#: its manager's box area refits its reports to slot sizes in finer steps
#: (:data:`FINE_SLOTS`): there are few such subtrees, and their shapes decide how well the
#: big blocks fit together.
FINE_FROM = 30.0
FINE_SLOTS = (1.75, 1.1, *(round(1.0 - 0.04 * i, 2) for i in range(20)))
#: The most spines a subtree's reports hang from.
SPINES = 6
#: Row budgets tried, as parts of a subtree's target width.
ROW_BUDGETS = (1.0,)
#: The width ÷ height a folded chart's top aims at within its limits: a screen's shape,
#: landscape and at most twice as wide as tall (the smallest drawing in the whole range
#: 1:2–3:1 was often a tall 1:2, a fifth of a landscape screen when shown whole).
AIM = (1.0, 2.0)


def _size(placer: _Placer, roots: list[str], spacing: Spacing) -> tuple[float, float]:
    blocks = placer.blocks
    width = sum(blocks[r].w for r in roots) + spacing.root_gap * (len(roots) - 1)
    return width, max((blocks[r].h for r in roots), default=0.0)


def subtree_areas(items: dict[str, Item], order: list[str]) -> dict[str, float]:
    """The summed box area of every subtree (``order``: children before parents).

    Examples
    --------
    >>> items = {"m": Item("m", 10, 10, children=["a"]), "a": Item("a", 4, 5)}
    >>> subtree_areas(items, ["a", "m"])
    {'a': 20, 'm': 120}
    """
    area: dict[str, float] = {}
    for key in order:
        item = items[key]
        area[key] = item.width * item.height + sum(
            area[k] for k in (*item.staff, *item.band, *item.peers, *item.children))
    return area


def choose_forms(items: dict[str, Item], order: list[str], wrap: int, spacing: Spacing,
                 density: float, aspect: float, fill: float = 0.0,
                 tops: Mapping[str, tuple[float, float]] | None = None,
                 leaves: dict[str, Block] | None = None,
                 shapes: Mapping[str, Sequence[tuple[float, float]]] | None = None,
                 frames: Frames | None = None) -> tuple[dict[str, Form], _Placer]:
    """One bottom-up walk choosing every subtree's form (sizes only).

    A subtree's target is a rectangle ``density`` times the area of its boxes at width ÷
    height ``aspect``. Every form is tried (the bus form; rows within the target's width;
    columns round 1 to :data:`SPINES` spines; the vertical form), each with its reports
    refitted to the slots it gives them (:func:`_refit`, sizes :func:`_scales`). The
    smallest block wins, its area weighted by how many times the target must grow to hold
    it to the power ``fill``; a subtree in ``tops`` must first keep its width ÷ height
    within the range given.

    Examples
    --------
    Forty leaf reports: by area alone, one column pair round the trunk; shaped to the
    target too, four columns round two spines:

    >>> items = {"m": Item("m", 60, 20, children=[f"u{i}" for i in range(40)])}
    >>> items.update({f"u{i}": Item(f"u{i}", 60, 20) for i in range(40)})
    >>> order = [*items][1:] + ["m"]
    >>> choose_forms(items, order, 6, SPACING, 2.0, 1.5)[0].get("m", BASE)
    ('base', 0.0)
    >>> forms, placer = choose_forms(items, order, 6, SPACING, 2.0, 1.5, fill=1.0)
    >>> forms["m"], round(placer.blocks["m"].w), round(placer.blocks["m"].h)
    (('spines', 2.0), 302, 320)
    """
    forms: dict[str, Form] = {}
    placer = _Placer(items, wrap, spacing, False, forms, leaves)
    fronts: dict[str, Front] = {}
    current: dict[str, Alt] = {}
    area = subtree_areas(items, order)
    large = len(items) > ROWS_UP_TO
    for key in order:
        item = items[key]
        if not (item.children or item.peers):  # (else the bus form is the first tried)
            current[key] = Alt(BASE, placer.place(item), {})
            placer.blocks[key] = current[key].block
            if shapes and key in shapes and item.is_leaf():
                fronts[key] = Front([current[key], *(
                    Alt(("shape", float(i)), box_block(key, w, h), {})
                    for i, (w, h) in enumerate(shapes[key][1:], 1))])
            continue
        budget = math.sqrt(area[key] * density * aspect)
        target = (budget, budget / aspect, fill, (tops or {}).get(key))
        fine = large and area[key] > FINE_FROM * item.width * item.height
        tried = _forms_of(placer, item, budget, fronts, current, large, fine)
        if frames and tops and key in tops:  # the top on a page: the largest text
            tried += _climbed(placer, item, fronts, tried, frames)
            best = _top_on_page(tried, frames)
        else:
            best = min(tried, key=lambda a: _score(a.block, target))
        current[key] = best  # its reports follow best.kids: settled once, top down, below
        placer.blocks[key] = best.block
        fronts[key] = Front(tried)
        for k in (*item.peers, *item.children):  # only a parent refits them: free the rest
            fronts.pop(k, None)
    _settle(placer, current, order)
    return forms, placer


def _top_on_page(tried: list[Alt], frames: Frames) -> Alt:
    """The top's alternative on a page: the largest text, but the divisions in one row under
    the bus (the first level seen at a glance) unless another form's text is
    :data:`~orgraph.layout.pagefit.ONE_ROW` times larger."""
    def score(a: Alt) -> float:
        return page_score(a.block.w, a.block.h, frames)

    best = min(tried, key=score)
    row = [a for a in tried if a.form == BASE]
    if row and score(min(row, key=score)) <= score(best) * ONE_ROW:
        return min(row, key=score)
    return best


def _settle(placer: _Placer, current: dict[str, Alt], order: list[str]) -> None:
    """Every subtree in the form its parent's chosen form assumes of it (top down), the
    roots and what no parent refits in the form chosen for them."""
    blocks, forms = placer.blocks, placer.forms
    for key in reversed(order):  # parents before their reports
        alt = current[key]
        blocks[key] = alt.block
        if alt.form is BASE:
            forms.pop(key, None)
        else:
            forms[key] = alt.form
        current.update(alt.kids)


def _forms_of(placer: _Placer, item: Item, budget: float, fronts: dict[str, Front],
              current: dict[str, Alt], large: bool = False, fine: bool = False,
              ) -> list[Alt]:
    """Every form of one subtree, each with its reports and peers refitted to every slot
    size (``large``: a chart of more than :data:`ROWS_UP_TO` boxes, ``fine``: a subtree
    there of more than :data:`FINE_FROM` times its manager's box; see :func:`_large_forms`
    and :func:`_scales`)."""
    flex = [k for k in (*item.peers, *item.children) if k in fronts]  # with other forms
    kept = {k: current[k] for k in flex}  # what a form assumes of reports not refitted
    tried: list[Alt] = []
    others = _candidates(item, budget, placer.blocks, bool(flex)) if item.children else []
    if large and item.children:
        others += _large_forms(others)
    for form in [BASE, *others]:
        placer.forms[item.key] = form
        first = placer.place(item)
        slots = slots_of(item, form, first, placer.blocks, fronts, current)
        scales = PEER_SLOTS if item.peers else _scales(large, fine)
        seen: set[tuple] = set()
        for scale in scales if slots else (1.0,):
            swaps = refit(slots, fronts, current, scale, 1.0 if item.peers else math.inf)
            mark = tuple(map(id, swaps.values()))  # a member's alts are its own, in slot order
            if mark in seen:
                continue
            seen.add(mark)
            block = _placed_with(placer, item, swaps) if swaps else first
            tried.append(Alt(form, block, {**kept, **swaps} if swaps else kept))
    return tried


def _climbed(placer: _Placer, item: Item, fronts: dict[str, Front], tried: list[Alt],
             frames: Frames) -> list[Alt]:
    """:func:`orgraph.layout.pagefit.climb` on one subtree's alternatives."""
    def place(form: Form, kids: dict[str, Alt]) -> Block:
        placer.forms[item.key] = form
        return _placed_with(placer, item, kids)

    flex = [k for k in (*item.peers, *item.children) if k in fronts]
    return climb(tried, flex, fronts, place, lambda b: page_score(b.w, b.h, frames))


def _placed_with(placer: _Placer, item: Item, swaps: Mapping[str, Alt]) -> Block:
    """``item``'s block with some reports in other forms. Placing reads only the reports'
    blocks, so only those are swapped (and put back): what the other forms assume further
    down is settled once, when every form is chosen (:func:`_settle`)."""
    blocks = placer.blocks
    saved = {k: blocks[k] for k in swaps}
    blocks.update((k, alt.block) for k, alt in swaps.items())
    try:
        return placer.place(item)
    finally:
        blocks.update(saved)


def _score(block: Block, target: tuple) -> tuple[float, float]:
    """Smaller is better: (how far out of its aspect range, area weighted by growth)."""
    width, height, fill, limits = target
    grow = max(block.w / width, block.h / height, 1.0)
    return _miss(block.w, block.h, limits), block.w * block.h * grow ** fill


def _miss(width: float, height: float, limits: tuple[float, float] | None) -> float:
    """How far (in log) width ÷ height lies outside ``limits`` (0 inside, or no limits)."""
    if limits is None:
        return 0.0
    aspect = max(width, 1.0) / max(height, 1.0)
    return max(math.log(aspect / limits[1]), math.log(limits[0] / aspect), 0.0)


def _candidates(item: Item, budget: float, blocks: Mapping[str, Block], flexible: bool,
                ) -> list[Form]:
    """The forms other than the bus form to try for a subtree with reports (the vertical
    form only if every report can be entered from its left; reports that have no other
    forms (leaves) round two spines at most: more never won in generated companies)."""
    kinds: list[Form] = [("rows", budget * f) for f in ROW_BUDGETS]
    most = SPINES if flexible else 2
    kinds += [("spines", float(m)) for m in range(1, min(most, len(item.children) // 2) + 1)]
    if vertical_allowed(item) and all(blocks[k].clear[0] for k in item.children):
        kinds.append(("vertical", 0.0))
    return kinds


def _scales(large: bool, fine: bool = False) -> tuple[float, ...]:
    """The slot sizes reports are refitted to: :data:`SLOTS`, and in large charts
    :data:`WIDER_SLOTS` first (``fine``: then :data:`FINE_SLOTS` for :data:`SLOTS`).

    Examples
    --------
    >>> _scales(False) == SLOTS, _scales(True)[:4], _scales(True, True)[3:8]
    (True, (2.0, 1.5, 1.25, 1.0), (1.75, 1.1, 1.0, 0.96, 0.92))
    """
    if not large:
        return SLOTS
    return (*WIDER_SLOTS, *(FINE_SLOTS if fine else SLOTS))


def _large_forms(forms: list[Form]) -> list[Form]:
    """The forms tried in large charts only (so the bundled ones keep theirs): each spine
    count again with the reports grouped by width (``spines_by_width``).

    Examples
    --------
    >>> _large_forms([BASE, ("spines", 1.0), ("vertical", 0.0), ("spines", 2.0)])
    [('spines_by_width', 1.0), ('spines_by_width', 2.0)]
    """
    return [("spines_by_width", arg) for kind, arg in forms if kind == "spines"]


@dataclass
class _Chart:
    """What every walk over one chart shares."""

    items: dict[str, Item]
    roots: list[str]
    wrap: int
    spacing: Spacing
    limits: tuple[float, float]
    order: list[str] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)
    leaves: dict[str, Block] = field(default_factory=dict)
    shapes: Mapping[str, Sequence[tuple[float, float]]] | None = None
    frames: Frames | None = None

    def __post_init__(self) -> None:
        self.order, self.depth = _depths(self.items, self.roots)
        self.leaves = leaf_blocks(self.items, self.spacing)

    def walk(self, forms: dict[str, Form], full: bool = False) -> _Placer:
        """One bottom-up walk with these forms."""
        return _place_all(self.items, self.order, self.wrap, self.spacing, full, forms,
                          self.leaves)

    def trial(self, forms: dict[str, Form]) -> tuple[float, float, dict[str, Form]]:
        """(miss, area, forms) of a walk with these forms."""
        size = _size(self.walk(forms), self.roots, self.spacing)
        return _miss(*size, self.limits), size[0] * size[1], forms


def _fold(chart: _Chart) -> dict[str, Form]:
    """The forms of a folded chart (see :func:`fit_layout`)."""
    limits = chart.limits
    aspect = min(max(limits[1] / 1.15, limits[0]), 1.5)
    tops = {r: aimed(limits) for r in chart.roots} if len(chart.roots) == 1 else {}
    tried = []
    for density, fill in TRIALS:
        chosen, placer = choose_forms(chart.items, chart.order, chart.wrap, chart.spacing,
                                      density, aspect, fill, tops, chart.leaves, chart.shapes,
                                      chart.frames)
        size = _size(placer, chart.roots, chart.spacing)
        score = page_score(*size, chart.frames) if chart.frames else 0.0
        tried.append((_miss(*size, limits), size[0] * size[1], chosen, score))
        if tried[-1][0] == 0.0:
            break
    best = min(tried, key=lambda t: (t[3], t[0], t[1]))
    if len(chart.items) > ROWS_UP_TO:
        return best[2]
    rows = _rows_fold(chart)
    if rows[0] <= best[0] and rows[1] <= best[1] * COMPACT_GAIN:
        return rows[2]
    return best[2]


def aimed(limits: tuple[float, float]) -> tuple[float, float]:
    """The part of ``limits`` (width ÷ height) within :data:`AIM`, or ``limits`` where they
    do not meet (a portrait page).

    Examples
    --------
    >>> aimed((0.5, 3.0)), aimed((1.18, 1.63)), aimed((0.6, 0.85))
    ((1.0, 2.0), (1.18, 1.63), (0.6, 0.85))
    """
    low, high = max(limits[0], AIM[0]), min(limits[1], AIM[1])
    return (low, high) if low <= high else limits


def _rows_fold(chart: _Chart) -> tuple[float, float, dict[str, Form]]:
    """The chart folded in rows under buses only: reports wider than a row budget wrap into
    rows round the trunk (a budget guessed from the boxes' area, and 1.6 times more or
    less), then, with the best of those, subtrees from level 2 or 1 down take the vertical
    form. Returns (miss, area, forms) of the best."""
    items, depth = chart.items, chart.depth
    managers = [k for k in chart.order if items[k].children]
    area = sum(i.width * i.height for i in items.values())
    guess = max(300.0, math.sqrt(area * 5.0 * chart.limits[1]) * 0.6)
    tried = [chart.trial({k: ("rows", budget) for k in managers})
             for budget in (guess * 1.6, guess, guess / 1.6)]
    best = min(tried, key=lambda t: (t[0], t[1]))
    deepest = max((depth[k] for k in managers), default=0)
    for level in (2, 1):
        if level < deepest:
            tried.append(chart.trial({**best[2], **{
                k: ("vertical", 0.0) for k in managers
                if depth[k] >= level and vertical_allowed(items[k])}}))
    return min(tried, key=lambda t: (t[0], t[1]))


def fit_layout(items: dict[str, Item], roots: list[str], *, wrap: int = 6,
               max_aspect: float = 3.0, min_aspect: float = 0.5,
               spacing: Spacing = SPACING,
               shapes: Mapping[str, Sequence[tuple[float, float]]] | None = None,
               frames: Frames | None = None, draft_above: float = DRAFT_ABOVE) -> Layout:
    """:func:`layout_tree` folded until the drawing is at most ``max_aspect`` times as wide
    as it is tall and at least ``min_aspect``.

    A chart that fits as it is stays so. Else every subtree gets a form from a target of
    its own size (:func:`choose_forms`), the compact forms included (columns round
    spines, the vertical form), tried as :data:`TRIALS` lists them until one is in range
    (else the one closest to it); the top's own form aims at :data:`AIM` within the range
    (:func:`aimed`). Up to :data:`ROWS_UP_TO` boxes, rows under buses alone
    are tried too and kept where they stay in range and no more than
    :data:`COMPACT_GAIN` times the area of the compact forms. A chart of more than
    ``draft_above`` boxes is placed by rule in linear time instead
    (:func:`orgraph.layout.draft.draft_layout`; ``math.inf``: never).

    Examples
    --------
    >>> fit_layout({"a": Item("a", 40, 20)}, ["a"]).boxes["a"]
    (20.0, 10.0, 40, 20)
    """
    if not roots:
        return Layout(0.0, 0.0, {}, [])
    with paused_cycle_collection():
        if len(items) > draft_above:  # (the items in their own shapes, no page frames)
            return draft_layout(items, roots, wrap=wrap, spacing=spacing,
                                aspect=min(max(max_aspect / 1.15, min_aspect), 1.5),
                                limits=(min_aspect, max_aspect))
        page = frames if frames and page_fitted(len(items)) else None
        if page and spacing is SPACING:
            spacing = PAGE_SPACING
        chart = _Chart(items, roots, wrap, spacing, (min_aspect, max_aspect), shapes=shapes,
                       frames=page)
        forms: dict[str, Form] = {}
        if chart.trial({})[0] > 0.0:
            forms = _fold(chart)
        if (shaped := reshaped(items, forms, shapes)) is not items:  # leaves in other shapes
            items = shaped
            chart = _Chart(items, roots, wrap, spacing, (min_aspect, max_aspect))
        placer = chart.walk(forms, full=True)
        return _assemble(items, placer.blocks, roots, spacing)
