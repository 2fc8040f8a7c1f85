"""The draft placement of very large charts (orgraph/layout/draft.py): the same geometry rules
as the full search, read back from the embedded engine's SVG with the threshold lowered so
that small charts take it, and the threshold itself (charts at or below it keep the search)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import svg_geometry as geo

import orgraph
from orgraph.generate import generate_company
from orgraph.layout.draft import DRAFT_ABOVE, draft_layout
from orgraph.layout.fit import fit_layout
from orgraph.layout.tree import Item
from orgraph.render.pinned import pinned_layout, to_pinned_dot

ROOT = Path(__file__).resolve().parent.parent
CHARTS = [*sorted((ROOT / "charts").glob("*.yaml")), ROOT / "examples" / "minimal.yaml"]


def problems(org: orgraph.Organisation, **options: object) -> tuple[geo.Chart, list[str]]:
    """The chart drawn in the draft by the embedded engine, and every geometry problem."""
    svg = orgraph.render(org, "svg", engine="embedded", draft_above=0, **options)
    _, _, tree, _ = pinned_layout(org, draft_above=0,
                                  **{k: v for k, v in options.items() if k != "legend"})
    children = {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in tree.items.items()}
    chart = geo.parse(svg)
    return chart, geo.all_problems(chart, children)


@pytest.mark.parametrize(("people", "seed"), [(30, 1), (150, 2), (500, 3), (2000, 4)])
def test_generated_companies_in_the_draft_read_cleanly(people: int, seed: int) -> None:
    org = generate_company(people, seed=seed)
    chart, found = problems(org)
    assert found == []
    assert len(chart.boxes) == people  # every person, once
    assert 0.5 <= chart.width / chart.height <= 3.0, (chart.width, chart.height)


def test_counted_boxes_in_the_draft_keep_apart() -> None:
    chart, found = problems(generate_company(600, seed=5), depth=2)
    assert found == []
    assert sum("collapsed" in c for c in chart.classes.values()) >= 10


@pytest.mark.parametrize("path", CHARTS, ids=lambda p: p.stem)
def test_bundled_charts_in_the_draft_read_cleanly(path: Path) -> None:
    """Staff stubs, political bands, peers and bodies beside their members, in the draft."""
    _, found = problems(orgraph.load(path), show="all", expand=True, legend=True)
    assert found == []


def test_the_draft_draws_every_form_it_has() -> None:
    """Buses, columns round one and several spines, indented lists and staff stubs all
    occur in a large generated company (so the checks above cover each)."""
    org = generate_company(2000, seed=4)
    lay, _, tree, _ = pinned_layout(org, draft_above=0)
    enter = {r.head: r.enter for r in lay.routes}
    spines: dict[str, set[float]] = {}
    for r in lay.routes:
        if r.enter in ("left", "right") and r.head in tree.items[r.tail].children:
            spines.setdefault(r.tail, set()).add(round(r.points[-2][0], 1))
    lists = [k for k, it in tree.items.items() if len(it.children) > 1 and all(
        enter[c] == "left" for c in it.children) and len(spines.get(k, ())) == 1]
    assert {"top", "left", "right"} <= set(enter.values())
    assert any(len(s) > 1 for s in spines.values())  # several spines under one manager
    assert lists  # indented lists
    assert any(it.staff for it in tree.items.values())


def test_the_threshold_picks_the_draft_above_it_only() -> None:
    """At or below ``draft_above`` boxes the search runs as before; above it, the draft."""
    org = generate_company(150, seed=1)
    assert to_pinned_dot(org) == to_pinned_dot(org, draft_above=150) == to_pinned_dot(
        org, draft_above=math.inf)
    assert to_pinned_dot(org, draft_above=149) == to_pinned_dot(org, draft_above=0)
    assert to_pinned_dot(org, draft_above=149) != to_pinned_dot(org)
    assert DRAFT_ABOVE > 10_000  # the companies of up to 10,000 people keep the search


def test_fit_layout_hands_large_charts_to_the_draft() -> None:
    items = {"m": Item("m", 60, 20, children=[f"u{i}" for i in range(40)])}
    items.update({f"u{i}": Item(f"u{i}", 60, 20) for i in range(40)})
    drafted = draft_layout(items, ["m"])
    assert fit_layout(items, ["m"], draft_above=40) == drafted
    assert fit_layout(items, ["m"], draft_above=41) == fit_layout(items, ["m"],
                                                                  draft_above=math.inf)


def test_leaf_reports_fill_columns_round_more_spines_when_there_are_many() -> None:
    """A manager of 200 leaves: its columns hang round several spines, the block about as
    wide as it is tall, every leaf entered from the side of its spine."""
    items = {"m": Item("m", 60, 20, children=[f"u{i}" for i in range(200)])}
    items.update({f"u{i}": Item(f"u{i}", 90, 30) for i in range(200)})
    lay = draft_layout(items, ["m"])
    assert {r.enter for r in lay.routes} == {"left", "right"}
    assert len({round(r.points[-2][0], 1) for r in lay.routes}) >= 3
    assert 0.5 <= lay.width / lay.height <= 3.0


def test_a_box_hung_twice_is_an_error() -> None:
    items = {"a": Item("a", 10, 10, children=["b"]), "b": Item("b", 10, 10),
             "c": Item("c", 10, 10, children=["b"])}
    with pytest.raises(ValueError, match="'b' hangs in the tree twice"):
        draft_layout(items, ["a", "c"])


def test_hostile_labels_stay_escaped_in_the_draft() -> None:
    """Quotes, backslashes and markup in labels neither break out of DOT nor reach the SVG
    as markup, in the draft too: the SVG parses, and shows them as text."""
    org = orgraph.load(ROOT / "tests/fixtures/render_escaping.yaml")
    svg = orgraph.render(org, "svg", engine="embedded", draft_above=0)
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    text = " ".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))
    for label in ('Kommune"styret\\', "Rådmann <b>bold</b> & co", "</text><script>x</script>"):
        assert label in text
    assert len(pinned_layout(org, draft_above=0)[0].boxes) == len(
        pinned_layout(org)[0].boxes)


def test_the_command_line_lowers_the_threshold() -> None:
    """``orgraph render --draft-above N`` draws what ``render(..., draft_above=N)`` draws."""
    from click.testing import CliRunner

    from orgraph.cli import main

    path = str(ROOT / "charts" / "lier.yaml")
    org = orgraph.load(path)
    runner = CliRunner()
    drafted = runner.invoke(main, ["render", path, "-o", "-", "-f", "dot", "--draft-above", "0"])
    default = runner.invoke(main, ["render", path, "-o", "-", "-f", "dot"])
    assert drafted.exit_code == 0 == default.exit_code, drafted.output
    assert drafted.stdout_bytes == orgraph.render(org, "dot", draft_above=0)
    assert default.stdout_bytes == orgraph.render(org, "dot") != drafted.stdout_bytes
    bad = runner.invoke(main, ["render", path, "-o", "-", "-f", "dot", "--draft-above", "-1"])
    assert bad.exit_code == 2 and "--draft-above" in bad.output
