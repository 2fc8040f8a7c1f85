"""Overlays that read as lines of their own, on the engine's SVG of every bundled chart: the
combs of two support units that serve each other's units (Strand's Vedlikehold og service and
Interntjenester) do not cross each other, and no overlay runs close beside a reporting line
for long (a leader group's line beside the rådmann's trunk reads as a doubled trunk)."""

from __future__ import annotations

from pathlib import Path

import pytest
import svg_geometry as geo
from test_layout_geometry import drawn_tree

import orgraph

ROOT = Path(__file__).resolve().parent.parent
CHARTS = sorted((ROOT / "charts").glob("*.yaml"))
NEAR = 12.0  # points: an overlay this close beside a reporting line runs along it ...
SHORT = 30.0  # ... for no longer than this (leaving or entering a box beside it)


def _chart(name: str, **options: object) -> geo.Chart:
    org = orgraph.load(ROOT / "charts" / f"{name}.yaml")
    return geo.parse(orgraph.render(org, "svg", engine="embedded", show="all", **options))


@pytest.mark.parametrize("lang", ["no", "en"])
@pytest.mark.parametrize("expand", [False, True], ids=["plain", "expand"])
def test_strand_service_combs_do_not_cross(expand: bool, lang: str) -> None:
    """Both internal-service units serve the six other units (kap. 6.2): two combs of six
    lines, neither crossing the other, nor a box, nor running on a reporting line (in
    either language, whose box widths differ)."""
    chart = _chart("strand", expand=expand, lang=lang)
    combs: dict[str, set[str]] = {}
    for edge in chart.edges:
        if edge.variant == "service":
            combs.setdefault(edge.tail, set()).add(edge.head)
    assert sorted(combs) == ["interntjenester", "vedlikehold_service"]
    assert all(len(heads) == 6 for heads in combs.values())
    assert geo.crossing_combs(chart) == []
    assert geo.connectors_through_boxes(chart) == []
    org = orgraph.load(ROOT / "charts" / "strand.yaml")
    assert geo.overlays_on_reporting_lines(chart, drawn_tree(org, show="all", expand=expand,
                                                             lang=lang)) == []


_LIER_EXPAND = pytest.mark.xfail(
    strict=True, reason="Lier --expand: four dotted lines and three network member lines "
                        "crowd the top of '15 skoler', which sits against the trunk; one "
                        "member line runs 53 pt at 8.5 pt beside a dotted line there")
BESIDE_CASES = [pytest.param(path, expand, id=f"{path.stem}-{'expand' if expand else 'plain'}",
                             marks=[_LIER_EXPAND] if (path.stem, expand) == ("lier", True)
                             else [])
                for path in CHARTS for expand in (False, True)]


@pytest.mark.parametrize(("path", "expand"), BESIDE_CASES)
def test_no_overlay_runs_long_beside_a_reporting_line(path: Path, expand: bool) -> None:
    """Closer than NEAR points beside a tree connector (or a dotted line), an overlay runs
    no more than SHORT points: it keeps its distance or leaves at once."""
    org = orgraph.load(path)
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded", show="all",
                                     expand=expand))
    runs = geo.overlay_runs_beside_reporting_lines(
        chart, drawn_tree(org, show="all", expand=expand), near=NEAR)
    assert {k: round(v) for k, v in runs.items() if v > SHORT} == {}


@pytest.mark.parametrize("name", ["evenes", "larvik", "loten-2002-10", "sveio"])
def test_leader_group_lines_keep_clear_of_the_trunk(name: str) -> None:
    """A leader group's member lines do not run within 20 pt beside the rådmann's trunk
    (or any reporting line) for more than 20 pt."""
    runs = geo.overlay_runs_beside_reporting_lines(_chart(name), None, near=20.0)
    assert {k: round(v) for k, v in runs.items()
            if k.startswith("member ledergruppe->") and v > 20.0} == {}


def test_comb_and_beside_checks_find_what_they_look_for() -> None:
    """The two checks are not vacuous: on a made-up chart they report exactly the comb
    crossing and the long run beside the trunk."""
    chart = geo.Chart(
        boxes={"m": (40, 0, 60, 10), "a": (0, 50, 20, 60), "b": (80, 50, 100, 60)},
        classes={"m": [], "a": [], "b": []},
        edges=[geo.Edge("m", "a", ["line"], [(50, 10), (50, 80)], True),
               geo.Edge("a", "b", ["service"], [(10, 60), (10, 70), (90, 70), (90, 60)], True),
               geo.Edge("b", "a", ["service"], [(95, 50), (95, 40), (60, 40), (60, 75),
                                                (5, 75), (5, 60)], True),
               geo.Edge("a", "m", ["member"], [(15, 50), (15, 30), (45, 30), (45, 10)], True)])
    assert geo.crossing_combs(chart) == ["service of a crosses service of b (1x)"]
    assert geo.overlay_runs_beside_reporting_lines(chart, near=10.0) == {"member a->m": 20.0}
    assert geo.overlay_runs_beside_reporting_lines(chart, near=4.0) == {}
