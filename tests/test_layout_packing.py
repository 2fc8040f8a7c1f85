"""Spine columns grouped by width (orgraph.layout.packing) and the ``spines_by_width`` form
that uses them: like widths share a column, every block is dealt once, each column can be
entered from its spine, and large charts (only) try the form; and the wider slots large
charts refit reports to, and the finer search in their large subtrees (generated companies
of 500 people are more compact with each)."""

from __future__ import annotations

import pytest

from orgraph.layout.fit import choose_forms
from orgraph.layout.forms import assign_columns
from orgraph.layout.packing import columns_area, columns_by_width
from orgraph.layout.shapes import SPACING, Item
from orgraph.layout.tree import _assemble, _depths, _place_all


def mixed(n: int) -> list[tuple[float, float, bool, bool]]:
    """``n`` blocks, two narrow and two wide in turn, of a few heights."""
    return [(140.0 if i // 2 % 2 else 60.0, 20.0 + 10 * (i % 3), True, True) for i in range(n)]


@pytest.mark.parametrize(("n", "spines"), [(8, 1), (13, 1), (12, 2), (30, 3)])
def test_every_block_is_dealt_once_into_at_most_two_columns_a_spine(n: int,
                                                                   spines: int) -> None:
    blocks = mixed(n)
    cols = columns_by_width(blocks, spines, 6.0)
    assert cols is not None and len(cols) == 2 * spines
    assert sorted(i for c in cols for i in c) == list(range(n))
    assert all(c == sorted(c) for c in cols)  # each column in the blocks' order
    for s in range(spines):
        assert len(cols[2 * s]) + len(cols[2 * s + 1]) >= 2


def test_like_widths_share_a_column_and_take_less_area_than_levelled_columns() -> None:
    blocks = mixed(12)
    cols = columns_by_width(blocks, 1, 6.0)
    assert cols is not None
    assert {blocks[i][0] for i in cols[0]} == {140.0} or {blocks[i][0] for i in cols[1]} == {
        140.0}
    level = assign_columns(blocks, 1, 6.0)
    by_width = columns_area(blocks, cols, 6.0, 12.0, 14.0)
    assert by_width < columns_area(blocks, level, 6.0, 12.0, 14.0)


def test_a_column_is_only_as_tall_as_needed_to_hold_every_block() -> None:
    # one tall block: the common height grows until three columns' worth fit in two
    blocks = [(100.0, 200.0, True, True)] + [(50.0, 20.0, True, True)] * 6
    cols = columns_by_width(blocks, 1, 6.0)
    assert cols is not None
    heights = [sum(blocks[i][1] + 6.0 for i in c) for c in cols]
    assert max(heights) == pytest.approx(206.0)  # no column taller than the tall block


def test_columns_respect_the_side_a_block_can_be_entered_from() -> None:
    # blocks whose right side is blocked may only stand right of a spine
    blocks = [(90.0, 20.0, True, False)] * 2 + [(50.0, 20.0, True, True)] * 2
    cols = columns_by_width(blocks, 1, 6.0)
    assert cols is not None and set(cols[1]) >= {0, 1}
    assert columns_by_width([(50.0, 20.0, False, False)] * 4, 1, 6.0) is None
    assert columns_by_width([(50.0, 20.0, True, True)] * 3, 2, 6.0) is None


def manager(n: int) -> dict[str, Item]:
    items = {"m": Item("m", 80, 30, children=[f"u{i}" for i in range(n)])}
    items.update({f"u{i}": Item(f"u{i}", 140 if i // 2 % 2 else 60, 30) for i in range(n)})
    return items


def test_the_form_is_narrower_and_enters_every_report_from_its_spine() -> None:
    items = manager(12)
    order, _ = _depths(items, ["m"])
    sizes = {}
    for kind in ("spines", "spines_by_width"):
        placer = _place_all(items, order, 6, SPACING, True, {"m": (kind, 1.0)})
        lay = _assemble(items, placer.blocks, ["m"], SPACING)
        sizes[kind] = (lay.width, lay.height)
        spine = lay.routes[0].points[-2][0]
        for r in lay.routes:
            cx, _, w, _ = lay.boxes[r.head]
            assert r.enter == ("left" if cx > spine else "right")
            edge = cx - w / 2 if r.enter == "left" else cx + w / 2
            assert abs(r.points[-1][0] - edge) < 1e-6
    assert sizes["spines_by_width"][0] < sizes["spines"][0]


def test_only_charts_of_more_than_a_hundred_boxes_try_the_form() -> None:
    for n, expected in ((40, False), (120, True)):
        items = manager(n)
        order, _ = _depths(items, ["m"])
        forms, _ = choose_forms(items, order, 6, SPACING, 2.0, 1.0)
        assert (forms.get("m", ("base", 0.0))[0] == "spines_by_width") is expected


def compactness(org_size: int, seed: int) -> float:
    from orgraph.generate import generate_company
    from orgraph.render.pinned import pinned_layout

    lay, _, _, _ = pinned_layout(generate_company(org_size, seed=seed), lang="en")
    return lay.width * lay.height / sum(w * h for _, _, w, h in lay.boxes.values())


def test_wider_slots_let_reports_take_wider_shorter_forms(monkeypatch) -> None:
    with_wider = compactness(500, 1)
    monkeypatch.setattr("orgraph.layout.fit.WIDER_SLOTS", ())
    assert with_wider < compactness(500, 1)


def test_large_subtrees_search_finer_slots(monkeypatch) -> None:
    fine = compactness(500, 2)
    monkeypatch.setattr("orgraph.layout.fit.FINE_FROM", float("inf"))
    assert fine < compactness(500, 2)
