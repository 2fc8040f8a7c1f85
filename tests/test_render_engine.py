"""Rendering through a real engine: the laid-out SVG keeps the legend (embedded always,
system Graphviz when ``dot`` is installed)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import orgraph
from orgraph.errors import RenderError
from orgraph.model import Category, category_of
from orgraph.render.dot import dot_name
from orgraph.render.engine import find_engine, layout

ROOT = Path(__file__).resolve().parent.parent
CHARTS = [*sorted((ROOT / "charts").glob("*.yaml")), ROOT / "examples" / "minimal.yaml"]
SVG = "{http://www.w3.org/2000/svg}"

ENGINES = [
    "embedded",
    pytest.param("system", marks=[
        pytest.mark.system_graphviz,
        pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz not installed"),
    ]),
]


def node_boxes(svg: bytes) -> dict[str, tuple[float, float, float, float]]:
    """Node name → (x_min, y_min, x_max, y_max) of its shape in SVG coordinates."""
    root = ET.fromstring(svg)
    out = {}
    for group in root.iter(f"{SVG}g"):
        if "node" not in (group.get("class") or "").split():
            continue
        name = group.find(f"{SVG}title").text
        xs, ys = [], []
        for shape in group:
            if shape.tag == f"{SVG}ellipse":
                cx, cy = float(shape.get("cx")), float(shape.get("cy"))
                rx, ry = float(shape.get("rx")), float(shape.get("ry"))
                xs += [cx - rx, cx + rx]
                ys += [cy - ry, cy + ry]
            elif shape.tag in (f"{SVG}polygon", f"{SVG}path"):

                nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?",
                                                     shape.get("points") or shape.get("d"))]
                xs += nums[0::2]
                ys += nums[1::2]
        if xs:
            out[name] = (min(xs), min(ys), max(xs), max(ys))
    return out


@pytest.fixture(params=CHARTS, ids=lambda p: p.stem)
def chart(request: pytest.FixtureRequest) -> orgraph.Organisation:
    return orgraph.load(request.param)


def same_row(boxes: dict, a: str, b: str) -> bool:
    """Whether two nodes' boxes share a row (their vertical extents overlap)."""
    ba, bb = boxes[dot_name(a)], boxes[dot_name(b)]
    return ba[1] < bb[3] and bb[1] < ba[3]


@pytest.mark.parametrize("engine", ENGINES)
def test_svg_layout_keeps_the_legend(chart: orgraph.Organisation, engine: str) -> None:
    svg = orgraph.render(chart, "svg", engine=engine, show="all")
    boxes = node_boxes(svg)
    centre = {n: ((b[1] + b[3]) / 2) for n, b in boxes.items()}
    for node in chart.nodes:  # each node a box, or an aggregate's group boxes
        assert dot_name(node) in boxes or any(b.startswith(f"{dot_name(node)}~g")
                                              for b in boxes), node
    # staff units sit beside the line, strictly between their manager and its units
    for manager, staff in chart.edges_of("staff"):
        m, s = dot_name(manager), dot_name(staff)
        assert centre[s] > boxes[m][3], (manager, staff)  # below the manager's box
        for unit in chart.line_subordinates(manager):
            if dot_name(unit) not in boxes:
                continue  # drawn as groups under other managers
            if same_row(boxes, manager, unit):
                continue  # an executive acting for the CAO, drawn in the CAO's row
            assert centre[s] < boxes[dot_name(unit)][1], (staff, unit)  # above its units
    # political bodies above the CAO
    for cao in chart.nodes_of("cao"):
        for body in chart:
            if category_of(chart.kind(body)) is Category.POLITICAL:
                assert boxes[dot_name(body)][3] < boxes[dot_name(cao)][1], body
    # political bodies are rounded (path with curves), operating units plain polygons
    root = ET.fromstring(svg)
    for group in root.iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        if "political" in classes:
            assert group.find(f"{SVG}path") is not None
        if "unit" in classes:
            assert group.find(f"{SVG}polygon") is not None


@pytest.mark.parametrize("engine", ENGINES)
def test_awkward_labels_survive_layout(engine: str) -> None:
    org = orgraph.load(ROOT / "tests" / "fixtures" / "render_escaping.yaml")
    svg = orgraph.render(org, "svg", engine=engine)
    root = ET.fromstring(svg)  # well-formed: nothing broke out of a label
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for needle in ['Kommune"styret\\', "Rådmann <b>bold</b> & co", 'Bø "barnehage"',
                   "• </text><script>x</script>", "Ærlighet"]:
        assert needle in texts
    assert texts.count("Sentrum skole") == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_png_and_pdf(engine: str) -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    assert orgraph.render(org, "png", engine=engine).startswith(b"\x89PNG\r\n\x1a\n")
    assert orgraph.render(org, "pdf", engine=engine).startswith(b"%PDF-")


def test_layout_timeout_is_a_clear_error() -> None:
    big = "digraph {" + " ".join(f"n{i} -> n{i + 1};" for i in range(3000)) + "}"
    with pytest.raises(RenderError, match=r"longer than .*--timeout"):
        layout(big, "svg", engine="embedded", timeout=0.01)


def test_engine_failure_shows_its_message() -> None:
    with pytest.raises(RenderError, match=r"embedded engine .* failed"):
        layout("digraph { a -> }", "svg", engine="embedded")


def test_unknown_format_and_engine() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    with pytest.raises(RenderError, match="use one of: svg, png, pdf, dot"):
        orgraph.render(org, "gif")
    with pytest.raises(RenderError, match="use one of: auto, system, embedded"):
        orgraph.render(org, engine="cairo")


@pytest.mark.skipif(shutil.which("dot") is not None, reason="system Graphviz is installed")
def test_missing_system_engine_names_the_fix() -> None:
    with pytest.raises(RenderError, match=r"install Graphviz .* --engine embedded"):
        find_engine("system")
    assert find_engine("auto")[0] == "embedded"


def test_notebook_display_is_the_chart() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    bundle = org._repr_mimebundle_()
    assert ET.fromstring(bundle["image/svg+xml"]).tag == f"{SVG}svg"
    assert "Kommunestyret" in bundle["image/svg+xml"]
