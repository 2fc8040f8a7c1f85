"""Graphviz SVG drawn straight into PDF (orgraph.render.svgpdf), read back with pdfminer.

Every text of the engine's SVG must come out in the PDF where the SVG puts it, in its size
and weight, and every painted shape must be drawn; SVG outside Graphviz's subset goes
through svglib instead.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

from orgraph.chartfile import load_chart
from orgraph.render import render
from orgraph.render.convert import svg_to_pdf
from orgraph.render.svgpdf import Unsupported, draw_svg, svg_extent

CHARTS = Path(__file__).resolve().parent.parent / "charts"
SVG = "{http://www.w3.org/2000/svg}"


def _chars(pdf: bytes) -> list[LTChar]:
    out: list[LTChar] = []
    stack = list(next(iter(extract_pages(io.BytesIO(pdf)))))
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            out.append(item)
        elif hasattr(item, "__iter__"):
            stack.extend(item)
    return out


def _shapes(pdf: bytes) -> int:
    return sum(isinstance(item, (LTCurve, LTLine, LTRect))
               for item in next(iter(extract_pages(io.BytesIO(pdf)))))


def _texts(svg: bytes) -> list[tuple[str, float, float, float, str, bool]]:
    """(text, x, y, size, anchor, bold) of every SVG text, in page points (y up)."""
    root = ET.fromstring(svg)
    width, height, view = svg_extent(root)
    group = root.find(f"{SVG}g")
    assert group is not None
    tx, ty = (float(v) for v in re.findall(r"translate\(([-\d.]+) ([-\d.]+)\)",
                                            group.get("transform", ""))[0])
    out = []
    for text in root.iter(f"{SVG}text"):
        if not (text.text or "").strip():
            continue
        x = (float(text.get("x")) + tx - view[0]) * width / view[2]
        y = height - (float(text.get("y")) + ty - view[1]) * height / view[3]
        out.append((text.text, x, y, float(text.get("font-size")),
                    text.get("text-anchor", "start"), text.get("font-weight") == "bold"))
    return out


@pytest.fixture(scope="module")
def lier_svg() -> bytes:
    return render(load_chart(CHARTS / "lier.yaml"), format="svg", show={"all"}, legend=True)


def test_every_text_lands_where_the_svg_puts_it(lier_svg: bytes) -> None:
    pdf = svg_to_pdf(lier_svg)
    chars = _chars(pdf)
    texts = _texts(lier_svg)
    assert len(texts) > 40
    for content, x, y, size, anchor, bold in texts:
        near = [c for c in chars if abs(c.size - size) < 0.6
                and y - 0.35 * size <= c.y0 <= y + 0.05 * size
                and x - 0.6 * len(content) * size <= c.x0 <= x + 0.6 * len(content) * size]
        line = sorted(near, key=lambda c: c.x0)
        drawn = "".join(c.get_text() for c in line).replace("(cid:127)", "•")  # reportlab's
        assert content.replace(" ", "") in drawn.replace(" ", ""), (content, drawn)
        first = next(c for c in line if c.get_text() == content.strip()[0]
                     or c.get_text() == "(cid:127)")
        fonts = {c.fontname for c in line if c.get_text() in content}
        assert any(("Bold" in f) == bold for f in fonts), (content, fonts)
        if anchor == "middle":  # centred on x, as the SVG says
            last = max((c for c in line if c.get_text() == content.strip()[-1]),
                       key=lambda c: -abs(c.x1 - (2 * x - first.x0)))
            assert abs((first.x0 + last.x1) / 2 - x) < 1.0, (content, first.x0, last.x1, x)


def test_every_painted_shape_is_drawn(lier_svg: bytes) -> None:
    root = ET.fromstring(lier_svg)
    painted = [e for e in root.iter()
               if e.tag.split("}")[-1] in ("polygon", "path", "ellipse", "polyline")
               and not (e.get("fill") in ("none", "transparent", None)
                        and e.get("stroke") in ("none", "transparent", None))]
    assert _shapes(svg_to_pdf(lier_svg)) >= len(painted) - 1  # the page's white background


def test_strikethrough_and_dashes_are_drawn() -> None:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="30pt">'
           b'<g transform="translate(0 30)"><path fill="none" stroke="grey" '
           b'stroke-dasharray="5,2" d="M5,-5C5,-5 95,-5 95,-5"/>'
           b'<text x="10" y="-12" font-size="10" text-decoration="line-through">Bort</text>'
           b'</g></svg>')
    pdf = svg_to_pdf(svg)
    shapes = [item for item in next(iter(extract_pages(io.BytesIO(pdf))))
              if isinstance(item, (LTCurve, LTLine, LTRect))]
    assert len(shapes) == 2  # the dashed path and the strike line
    dashes = [s.dashing_style for s in shapes]
    assert dashes[0] is not None and list(dashes[0][0]) == [5, 2], dashes
    chars = sorted(_chars(pdf), key=lambda c: c.x0)
    assert "".join(c.get_text() for c in chars) == "Bort"
    strike = shapes[1]
    assert chars[0].x0 - 0.5 <= strike.x0 and strike.x1 <= chars[-1].x1 + 0.5
    assert chars[0].y0 < strike.y0 < chars[0].y1  # through the letters, not under them


@pytest.mark.parametrize("svg", [
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20pt" height="20pt">'
    b'<path d="m1,1 l5,5" stroke="black"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20pt" height="20pt">'
    b'<image href="x.png" width="5" height="5"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20pt" height="20pt">'
    b'<g transform="skewX(10)"><text x="1" y="9">a</text></g></svg>',
])
def test_outside_the_subset_is_refused_before_drawing(svg: bytes) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), pagesize=(20, 20))
    with pytest.raises(Unsupported):
        draw_svg(canvas, svg, 0, 0, 1.0)
    assert svg_to_pdf(svg)[:5] == b"%PDF-"  # svglib draws it instead


def test_page_fitting_scales_and_centres(lier_svg: bytes) -> None:
    pdf = svg_to_pdf(lier_svg, page=(842.0, 595.0))
    chars = _chars(pdf)
    left, right = min(c.x0 for c in chars), max(c.x1 for c in chars)
    assert left >= 28 - 1 and right <= 842 - 28 + 1
    assert abs(left - (842 - right)) < 60  # centred (text spans nearly the drawing)
