"""The chart's geometry, read back from the engine's SVG: no connector crosses a box it does
not connect, no boxes overlap, tree connectors never cross, reporting arrows enter from the
top (or from the side facing their spine in a column), sibling subtrees keep apart, staff
stubs leave their manager's trunk. On every bundled chart and on generated companies, with
the embedded engine always and the system Graphviz when it is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import svg_geometry as geo

import orgraph
from orgraph.generate import generate_company
from orgraph.render.dot import dot_name
from orgraph.render.pinned import pinned_layout
from orgraph.render.select import kinds_of, select

ROOT = Path(__file__).resolve().parent.parent
CHARTS = [*sorted((ROOT / "charts").glob("*.yaml")), ROOT / "examples" / "minimal.yaml"]
ENGINES = [
    "embedded",
    pytest.param("system", marks=[
        pytest.mark.system_graphviz,
        pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz not installed"),
    ]),
]


def drawn_tree(org: orgraph.Organisation, **options: object) -> dict[str, list[str]]:
    """Box name → the boxes hanging on it, as the layout built the tree."""
    layout_options = {k: v for k, v in options.items() if k != "legend"}
    _, _, tree, _ = pinned_layout(org, **layout_options)
    return {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in tree.items.items()}


def check(org: orgraph.Organisation, engine: str, **options: object) -> geo.Chart:
    svg = orgraph.render(org, "svg", engine=engine, **options)
    chart = geo.parse(svg)
    assert geo.all_problems(chart, drawn_tree(org, **options)) == []
    return chart


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", CHARTS, ids=lambda p: p.stem)
def test_bundled_charts_read_cleanly(path: Path, engine: str) -> None:
    org = orgraph.load(path)
    chart = check(org, engine)
    drawn = {n for n, c in chart.classes.items() if "legend" not in c and "title" not in c}
    nodes, _ = select(org, kinds_of(org), None, None, frozenset())
    _, specs, _, _ = pinned_layout(org)
    assert set(specs) == set(nodes)  # every node drawn ...
    assert drawn == {s.name for boxes in specs.values() for s in boxes}  # ... as its boxes
    for node in nodes:  # one box, or an aggregate's groups under their managers
        names = [s.name for s in specs[node]]
        assert names == [dot_name(node)] or all(n.startswith(f"{dot_name(node)}~g")
                                               for n in names), node


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", CHARTS, ids=lambda p: p.stem)
def test_bundled_charts_with_everything_shown(path: Path, engine: str) -> None:
    """With --expand, --legend and every overlay the tree and the dotted lines stay clean,
    and the overlays (coordination memberships, orders, services), routed after the tree,
    pass no box they do not connect and never run on top of a reporting line."""
    org = orgraph.load(path)
    options = {"show": "all", "legend": True, "expand": True}
    chart = geo.parse(orgraph.render(org, "svg", engine=engine, **options))
    tree_only = geo.Chart(chart.boxes, chart.classes,
                          [e for e in chart.edges if e.variant in geo.TREE_VARIANTS
                           or e.variant == "dotted"], chart.width, chart.height)
    assert geo.all_problems(tree_only, drawn_tree(org, **options)) == []
    assert geo.connectors_through_boxes(chart) == []
    assert geo.overlays_on_reporting_lines(chart, drawn_tree(org, **options)) == []
    assert any(e.variant in ("member", "order", "service") for e in chart.edges) == any(
        rel in ("member", "order", "service") for _, _, rel in org.edges(data="relation"))


@pytest.mark.parametrize("options", [{"expand": False}, {"expand": True, "lang": "en"}],
                         ids=["plain", "expand-en"])
@pytest.mark.parametrize("path", CHARTS, ids=lambda p: p.stem)
def test_overlays_pass_no_box_and_no_reporting_line(path: Path, options: dict) -> None:
    """Every overlay of every bundled chart (``--show all``, with and without ``--expand``,
    in either language) goes round the boxes it does not connect and off the tree's and
    the dotted lines."""
    org = orgraph.load(path)
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded", show="all", **options))
    routes = {(r.tail, r.head) for r in _overlay_routes(org, show="all", **options)}
    overlays = [e for e in chart.edges if (e.tail, e.head) in routes]
    assert len(overlays) == len(routes)
    assert geo.connectors_through_boxes(geo.Chart(chart.boxes, chart.classes, overlays)) == []
    assert geo.overlays_on_reporting_lines(chart, drawn_tree(org, show="all", **options)) == []


def _overlay_routes(org: orgraph.Organisation, **options: object) -> list:
    return pinned_layout(org, **options)[3]


@pytest.mark.parametrize("name", ["strand", "lier", "loten-2002-10"])
def test_many_lines_of_one_body_are_bundled(name: str) -> None:
    """A body's many member lines (and a support unit's many service lines) share a trunk:
    of a bundle of six or more, most lines branch off another line of the bundle (drawn
    once) instead of leaving the body's box on their own."""
    chart = geo.parse(orgraph.render(orgraph.load(ROOT / "charts" / f"{name}.yaml"), "svg",
                                     engine="embedded", show="all", expand=True))
    bundles: dict[tuple[str, str], list[geo.Edge]] = {}
    for edge in chart.edges:
        if edge.variant in ("member", "order", "service"):
            bundles.setdefault((edge.tail, edge.variant), []).append(edge)
    big = {key: edges for key, edges in bundles.items() if len(edges) >= 6}
    assert big
    for (tail, _), edges in big.items():
        x0, y0, x1, y1 = chart.boxes[tail]
        own = [e for e in edges if x0 - 1 <= e.points[0][0] <= x1 + 1
               and y0 - 1 <= e.points[0][1] <= y1 + 1]
        assert 1 <= len(own) <= 0.6 * len(edges), (tail, len(own), len(edges))
        for edge in edges:  # a branch starts on a line of its bundle
            if edge not in own:
                assert any(_on(edge.points[0], other) for other in edges if other is not edge)


def _on(point: tuple[float, float], edge: geo.Edge) -> bool:
    """Whether ``point`` lies on one of the edge's segments (to half a point)."""
    x, y = point
    return any(min(p[0], q[0]) - 0.5 <= x <= max(p[0], q[0]) + 0.5
               and min(p[1], q[1]) - 0.5 <= y <= max(p[1], q[1]) + 0.5
               for p, q in geo.segments(edge))


def test_overlays_fall_back_to_candidates_in_a_crowded_window(monkeypatch) -> None:
    """Where the router's window would hold too many boxes, an overlay is still drawn (the
    cheapest orthogonal candidate), from its tail's box to its head's."""
    from orgraph.layout import router

    org = orgraph.load(ROOT / "charts" / "moss.yaml")
    routed = _overlay_routes(org, show="all")
    monkeypatch.setattr(router, "LIMIT", 1)
    fallen = _overlay_routes(org, show="all")
    assert [(r.tail, r.head) for r in fallen] == [(r.tail, r.head) for r in routed]
    assert [r.points for r in fallen] != [r.points for r in routed]
    lay = pinned_layout(org, show="all")[0]
    for r in fallen:  # ends on its head's box (a bundle's first line: starts on its tail's)
        ends = [(r.head, r.points[-1])]
        if r is next(f for f in fallen if (f.tail, f.relation) == (r.tail, r.relation)):
            ends.append((r.tail, r.points[0]))
        for name, (x, y) in ends:
            cx, cy, w, h = lay.boxes[name]
            assert abs(x - cx) <= w / 2 + 0.01 and abs(y - cy) <= h / 2 + 0.01


def test_a_spent_search_budget_gives_up_without_building_a_grid(monkeypatch) -> None:
    """Once a chart's searches have spent their budget, a later search gives up at once
    (A* would at its first state), without the window's lanes: the overlay falls back to
    the candidates (``None``), and the give-up counts one state more, as A*'s would."""
    from orgraph.layout import gridsearch, router, tracks

    built: list[int] = []

    def counted(*args: object, **kwargs: object) -> list[tracks.Lane]:
        built.append(1)
        return tracks.lanes(*args, **kwargs)

    monkeypatch.setattr(router, "lanes", counted)
    boxes = {"a": (30, 10, 40, 20), "b": (130, 10, 40, 20), "wall": (80, 10, 20, 60)}
    routing = router.Router(boxes, {}, [], (160, 60))
    assert routing.route("a", "b", "x") is not None
    assert built
    built.clear()
    routing._spent[0] = gridsearch.BUDGET
    assert routing.route("a", "b", "y") is None
    assert not built
    assert routing._spent[0] == gridsearch.BUDGET + 1


@pytest.mark.parametrize("show", [None, "all"])
def test_larvik_samordningsrad_sits_by_its_members(show: str | None) -> None:
    """Figur V1.9 draws Samordningsrådet with the units, not as a chart of its own: a body
    joined only to its members is placed beside them, amid the tree's boxes, with no
    reporting line into it, and its member lines pass no box."""
    org = orgraph.load(ROOT / "charts" / "larvik.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded", show=show))
    body = chart.boxes["samordningsradet"]
    others = [b for n, b in chart.boxes.items() if n != "samordningsradet"
              and "legend" not in chart.classes[n] and "title" not in chart.classes[n]]
    cx, cy = (body[0] + body[2]) / 2, (body[1] + body[3]) / 2  # amid the other boxes
    assert min(b[0] for b in others) < cx < max(b[2] for b in others)
    assert min(b[1] for b in others) < cy < max(b[3] for b in others)
    into = [e for e in chart.edges if e.head == "samordningsradet"]
    assert into == []
    members = [e for e in chart.edges if e.tail == "samordningsradet"]
    assert sorted(e.head for e in members) == ["radmann", "resultatenheter",
                                               "stedfortredende_radmann"]
    assert {e.variant for e in members} == {"member"}
    assert geo.connectors_through_boxes(geo.Chart(chart.boxes, chart.classes, members)) == []
    cao = chart.boxes["radmann"]  # by the rådmann's trunk, below the rådmann
    assert body[1] > cao[3]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("people", [30, 150, 500, 2000])
def test_generated_companies_read_cleanly(people: int, engine: str) -> None:
    org = generate_company(people, seed=people)
    chart = check(org, engine)
    assert len(chart.boxes) == people  # every person, once
    aspect = chart.width / chart.height
    assert 0.5 <= aspect <= 3.0, (chart.width, chart.height)


@pytest.mark.parametrize("engine", ENGINES)
def test_counted_boxes_keep_apart(engine: str) -> None:
    """Counted boxes (a second border 4 pt outside) stacked in columns do not touch."""
    org = generate_company(600, seed=5)
    chart = check(org, engine, depth=2)
    assert sum("collapsed" in c for c in chart.classes.values()) >= 10


def test_arendal_draws_its_three_groups_under_their_kommunalsjefer() -> None:
    """Vedlegg 1: 'Resultatenhetene er fordelt på tre grupper som ledes av hver sin
    kommunalsjef'; the report gives no group sizes, so each says the 65 in all."""
    org = orgraph.load(ROOT / "charts" / "arendal.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded"))
    groups = sorted(n for n in chart.boxes if n.startswith("resultatenheter~g"))
    assert len(groups) == 3
    heads = {e.head: e.tail for e in chart.edges if e.variant == "line"}
    assert [heads[g] for g in groups] == ["kommunalsjef_1", "kommunalsjef_2",
                                          "kommunalsjef_3"]
    for g in groups:
        assert chart.boxes[heads[g]][3] < chart.boxes[g][1]  # below its kommunalsjef
    assert not [e for e in chart.edges if e.variant == "dotted"
                and e.head.startswith("resultatenheter")]


def test_lier_support_units_hang_beside_the_cao_by_their_dotted_line() -> None:
    """Figur 7.2 draws STØTTEENHETER beside the rådmann's line, not as a tree of its own;
    the chart gives it only a dotted (follow-up) line from the rådmann."""
    org = orgraph.load(ROOT / "charts" / "lier.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded"))
    support, cao = chart.boxes["stotteenheter"], chart.boxes["radmann"]
    into = [e for e in chart.edges if e.head == "stotteenheter"]
    assert [(e.tail, e.variant) for e in into] == [("radmann", "dotted")]  # drawn once
    assert cao[3] < support[1] < chart.boxes["virksomheter"][1]  # between the two rows
    trunk_x = (cao[0] + cao[2]) / 2
    assert abs(into[0].points[0][0] - trunk_x) < 1.0  # leaves the rådmann's trunk
    assert support[0] - trunk_x < 40  # right beside it


def test_a_lone_peer_sits_right_beside_the_cao() -> None:
    """Larvik's stedfortredende rådmann (acting for the rådmann, nothing below him) is drawn
    in the rådmann's row right next to him, not beyond the staff circles below."""
    org = orgraph.load(ROOT / "charts" / "larvik.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded"))
    cao, deputy = chart.boxes["radmann"], chart.boxes["stedfortredende_radmann"]
    assert abs((cao[1] + cao[3]) / 2 - (deputy[1] + deputy[3]) / 2) < 1.0  # one row
    assert 0 < deputy[0] - cao[2] < 30
    assert geo.all_problems(chart) == []


@pytest.mark.parametrize("name", ["sveio", "sveio-2002"])
def test_peers_with_only_staff_below_sit_beside_the_cao(name: str) -> None:
    """Sveio's utviklingssjef and økonomisjef act for the rådmann and have only staff below
    (beside the line, not a level down): they stand right beside the rådmann's box in his
    row, and his reports begin below their staff, not beyond his column's width."""
    org = orgraph.load(ROOT / "charts" / f"{name}.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded"))
    cao = chart.boxes["radmann"]
    left, right = chart.boxes["utviklingssjef"], chart.boxes["okonomisjef"]
    for peer in (left, right):
        assert abs((cao[1] + cao[3]) / 2 - (peer[1] + peer[3]) / 2) < 1.0  # one row
    assert 0 < cao[0] - left[2] < 80 and 0 < right[0] - cao[2] < 80  # their staff between
    staff = [chart.boxes[s] for s in ("lonn_personalkontor", "ikt_kontor", "okonomikontor")
             if s in chart.boxes]
    reports = [chart.boxes[k] for k in org.successors("radmann")
               if org.edges["radmann", k]["relation"] == "line" and k in chart.boxes
               and k not in ("utviklingssjef", "okonomisjef")]
    assert staff and reports
    assert min(r[1] for r in reports) > max(s[3] for s in staff)
    assert min(r[0] for r in reports) < left[0] and right[2] < max(r[2] for r in reports)
    assert geo.all_problems(chart) == []


def test_a_network_without_members_hangs_beside_the_cao_trunk() -> None:
    """Strand's tverrfaglige team (formed case by case, no members) is drawn beside the
    rådmann's trunk, between his box and his units, not as a tree of its own."""
    org = orgraph.load(ROOT / "charts" / "strand.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded", show={"all"}))
    cao, team = chart.boxes["radmann"], chart.boxes["tverrfaglige_team"]
    units = [chart.boxes[k] for k in ("omsorg", "miljo", "kultur")]
    assert cao[3] < team[1] and team[3] < min(u[1] for u in units)
    trunk = (cao[0] + cao[2]) / 2
    assert min(abs(team[0] - trunk), abs(team[2] - trunk)) < 40  # on a stub beside it
    assert geo.all_problems(chart) == []


@pytest.mark.parametrize("name", ["arendal", "lier", "larvik"])
def test_hexagon_text_stays_inside_the_slanted_sides(name: str) -> None:
    """Coordination bodies are hexagons: every line's glyphs (cap height above the baseline,
    the measured width) lie inside the hexagon's polygon, corners included."""
    import re
    import xml.etree.ElementTree as ET

    from orgraph.layout.text import text_width

    org = orgraph.load(ROOT / "charts" / f"{name}.yaml")
    root = ET.fromstring(orgraph.render(org, "svg", engine="embedded", show={"all"}))
    ns = "{http://www.w3.org/2000/svg}"
    checked = 0
    for group in root.iter(f"{ns}g"):
        polygon = group.find(f"{ns}polygon")
        if "coordination" not in (group.get("class") or "") or polygon is None:
            continue
        nums = [float(v) for v in re.findall(r"-?[\d.]+", polygon.get("points", ""))]
        corners = list(zip(nums[0::2], nums[1::2], strict=False))[:-1]
        assert len(corners) == 6
        for text in group.iter(f"{ns}text"):
            size = float(text.get("font-size"))
            half = text_width(text.text, size) / 2
            x, y = float(text.get("x")), float(text.get("y"))
            for px, py in ((x - half, y), (x + half, y), (x - half, y - 0.72 * size),
                           (x + half, y - 0.72 * size)):
                assert _inside(corners, px, py), (name, text.text, (px, py), corners)
            checked += 1
    assert checked >= 1


def _inside(corners: list[tuple[float, float]], x: float, y: float) -> bool:
    """``(x, y)`` inside (or on) a convex polygon, either winding."""
    signs = set()
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        cross = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)
        if abs(cross) > 1e-6:
            signs.add(cross > 0)
    return len(signs) <= 1


def test_checker_finds_what_it_looks_for() -> None:
    """The checks are not vacuous: a Graphviz-dot layout of a knotty chart fails some."""
    org = orgraph.load(ROOT / "charts" / "rissa-2002-06.yaml")
    chart = geo.parse(orgraph.render(org, "svg", engine="embedded", layout="dot"))
    problems = [*geo.bad_entries(chart), *geo.crossing_tree_connectors(chart),
                *geo.connectors_through_boxes(chart)]
    assert problems
    fake = geo.Chart(boxes={"a": (0, 0, 10, 10), "b": (5, 5, 20, 20), "c": (30, 0, 40, 10)},
                     classes={"a": [], "b": [], "c": []},
                     edges=[geo.Edge("a", "c", ["line"], [(8, 12), (8, 30), (35, 30),
                                                          (35, 10)], True)])
    assert geo.overlapping_boxes(fake) == ["a overlaps b"]
    assert geo.bad_entries(fake) == ["a->c enters from below"]
    assert geo.connectors_through_boxes(fake) == ["line a->c crosses b"]
    fake.edges += [geo.Edge("a", "b", ["member"], [(8, 30), (20, 30), (20, 12)], True),
                   geo.Edge("c", "b", ["member"], [(32, 12), (32, 25)], True)]
    assert geo.overlays_on_reporting_lines(fake) == ["member a->b runs on line a->c"]


def test_shared_tree_runs_finds_a_report_hung_on_another_managers_spine() -> None:
    """A manager's connectors may share its trunk and bus; a connector of another manager
    running on them (a subtree's spine where its manager's manager's spine runs) is found,
    however the two are split into segments."""
    boxes = {"m": (0, 0, 20, 10), "a": (30, 20, 50, 30), "b": (30, 40, 50, 50),
             "x": (60, 30, 80, 40)}
    own = [geo.Edge("m", "a", ["line"], [(10, 10), (10, 25), (30, 25)], True),
           geo.Edge("m", "b", ["line"], [(10, 10), (10, 45), (30, 45)], True)]
    chart = geo.Chart(boxes, {k: [] for k in boxes}, list(own))
    assert geo.shared_tree_runs(chart) == []
    chart.edges.append(geo.Edge("a", "x", ["line"], [(40, 30), (40, 33), (10.5, 33),
                                                     (10.5, 60), (60, 60)], True))
    assert geo.shared_tree_runs(chart) == ["a->x runs on m->b"]
