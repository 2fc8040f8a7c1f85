"""Folding a chart that is too wide: the compact forms (columns of whole subtrees round
spines), the choice between forms, and what each subtree keeps of its forms. Pure layout
(no engine); the drawn geometry of the same layouts is checked in test_layout_geometry.py."""

from __future__ import annotations

import math

import pytest

from orgraph.layout.block import Block
from orgraph.layout.fit import fit_layout
from orgraph.layout.forms import assign_columns
from orgraph.layout.shapes import Item, Layout
from orgraph.layout.slots import Alt, Front
from orgraph.layout.tree import BASE, layout_tree


def company(divisions: list[int], teams: int = 3) -> dict[str, Item]:
    """A CEO over divisions of ``teams`` teams each, a team of ``n`` leaves per division."""
    items = {"ceo": Item("ceo", 90, 36)}
    for d, n in enumerate(divisions):
        div = f"d{d}"
        items["ceo"].children.append(div)
        items[div] = Item(div, 90, 36)
        for t in range(teams):
            team = f"{div}t{t}"
            items[div].children.append(team)
            items[team] = Item(team, 90, 36, children=[f"{team}u{u}" for u in range(n)])
            items.update({f"{team}u{u}": Item(f"{team}u{u}", 80 + 5 * (u % 4), 36)
                          for u in range(n)})
    return items


def overlaps(lay: Layout) -> list[tuple[str, str]]:
    boxes = sorted(lay.boxes.items(), key=lambda kv: kv[1][0] - kv[1][2] / 2)
    out = []
    for i, (a, (ax, ay, aw, ah)) in enumerate(boxes):
        for b, (bx, by, bw, bh) in boxes[i + 1:]:
            if bx - bw / 2 >= ax + aw / 2:
                break
            if abs(ay - by) < (ah + bh) / 2 - 1e-6:
                out.append((a, b))
    return out


def test_columns_are_dealt_tallest_first_and_keep_their_order() -> None:
    blocks = [(50, 20, True, True), (50, 200, True, True), (50, 20, True, True),
              (50, 20, True, True), (50, 20, True, True)]
    cols = assign_columns(blocks, 1, 6.0)
    assert cols is not None
    tall = next(c for c in cols if 1 in c)
    assert tall == [1]  # the tall block alone; the four short ones beside it, in order
    assert next(c for c in cols if 0 in c) == [0, 2, 3, 4]


def test_columns_respect_the_side_a_block_can_be_entered_from() -> None:
    # a block whose right side is blocked (peers in its row) only goes right of a spine
    blocks = [(50, 20, True, False), (50, 20, True, False), (50, 20, True, True)]
    cols = assign_columns(blocks, 1, 6.0)
    assert cols is not None and 0 in cols[1] and 1 in cols[1]
    assert assign_columns([(50, 20, False, False)] * 3, 1, 6.0) is None
    assert assign_columns([(50, 20, True, True)] * 3, 2, 6.0) is None  # a spine of one


def test_a_chart_that_fits_is_not_folded() -> None:
    items = company([2], teams=2)
    plain = layout_tree(items, ["ceo"])
    fitted = fit_layout(items, ["ceo"])
    assert plain.boxes == fitted.boxes


@pytest.mark.parametrize("divisions", [[6] * 12, [3, 20, 4, 9, 2, 15, 7, 7, 1, 12]])
def test_a_wide_chart_is_folded_into_range_without_overlaps(divisions: list[int]) -> None:
    items = company(divisions)
    wide = layout_tree(items, ["ceo"])
    assert wide.width / wide.height > 3
    lay = fit_layout(items, ["ceo"])
    assert 0.5 <= lay.width / lay.height <= 3.0
    assert overlaps(lay) == []
    assert set(lay.boxes) == set(items)
    area = sum(w * h for _, _, w, h in lay.boxes.values())
    assert lay.width * lay.height < wide.width * wide.height
    assert lay.width * lay.height / area < 4.0


def test_spine_columns_enter_each_report_from_the_side_facing_its_spine() -> None:
    items = company([2, 14, 3, 9, 2, 12, 6, 6, 1, 10, 4, 8], teams=4)
    lay = fit_layout(items, ["ceo"])
    sideways = [r for r in lay.routes if r.enter in ("left", "right")]
    assert sideways  # the compact forms were used
    for route in sideways:
        (sx, sy), (ex, ey) = route.points[-2], route.points[-1]
        cx, cy, w, _ = lay.boxes[route.head]
        assert abs(sy - ey) < 1e-6 and abs(ey - cy) < 1e-6  # level, at the box's middle
        side = cx - w / 2 if route.enter == "left" else cx + w / 2
        assert abs(ex - side) < 1e-6
        assert (sx < ex) == (route.enter == "left")  # comes from the spine's side
    # a spine's two columns start at different heights: no entry faces another's
    spines: dict[tuple[str, float], dict[str, set[float]]] = {}
    for route in sideways:
        spine = spines.setdefault((route.tail, round(route.points[-2][0], 3)), {})
        spine.setdefault(route.enter, set()).add(round(route.points[-1][1], 3))
    for sides in spines.values():
        assert not sides.get("left", set()) & sides.get("right", set())


def test_the_front_keeps_only_forms_no_other_beats_on_both_sides() -> None:
    def alt(w: float, h: float) -> Alt:
        b = Block()
        b.w, b.h = w, h
        return Alt(BASE, b, {})

    front = Front([alt(100, 50), alt(60, 90), alt(120, 60), alt(60, 80), alt(200, 20)])
    assert [(a.block.w, a.block.h) for a in front.alts] == [(60, 80), (100, 50), (200, 20)]
    assert front.shortest_within(150).block.h == 50
    assert front.shortest_within(59) is None
    assert front.narrowest_within(60).block.w == 100
    assert front.narrowest_within(10) is None
    assert front.narrowest_within(math.inf).block.w == 60


@pytest.mark.parametrize("limits", [(0.5, 3.0), (1.18, 1.63)])
def test_peers_are_refitted_to_keep_the_chart_in_range(limits: tuple[float, float]) -> None:
    # divisions drawn in the chief's own row (executives acting for the CAO) are refitted
    # like reports: without that, their own forms made a landscape page's chart 0.8:1
    items = company([6, 14, 3, 9, 12, 8], teams=4)
    ceo = items["ceo"]
    ceo.peers, ceo.children = ceo.children, []
    lay = fit_layout(items, ["ceo"], min_aspect=limits[0], max_aspect=limits[1])
    assert limits[0] <= lay.width / lay.height <= limits[1]
    assert overlaps(lay) == []
    assert set(lay.boxes) == set(items)


@pytest.mark.parametrize(("people", "seed"), [(150, 1), (150, 2), (500, 1), (500, 2)])
def test_a_folded_company_is_drawn_landscape_for_a_screen(people: int, seed: int) -> None:
    # within the allowed 1:2-3:1 the smallest drawing was often a tall 1:2 (500 people,
    # seed 1: 0.51), a fifth of a landscape screen when shown whole; the top aims at
    # AIM instead. Measured on the engine's SVG, whose size is the drawing's.
    import xml.etree.ElementTree as ET

    import orgraph
    from orgraph.generate import generate_company
    from orgraph.layout.fit import AIM

    svg = ET.fromstring(orgraph.render(generate_company(people, seed=seed), "svg",
                                       engine="embedded"))
    width, height = (float(svg.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert AIM[0] <= width / height <= AIM[1]
