"""Read sizes and node boxes back from a Graphviz SVG (both engines write the same form).

Examples
--------
>>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="100pt" '
...        b'viewBox="0.00 0.00 200.00 100.00"><g id="graph0" class="graph" '
...        b'transform="scale(1 1) rotate(0) translate(4 96)"><g class="node"><title>a</title>'
...        b'<polygon points="10,-10 60,-10 60,-40 10,-40 10,-10"/>'
...        b'<text font-size="12.00">A</text></g></g></svg>')
>>> svg_size(svg), smallest_text(svg)
((200.0, 100.0), 12.0)
>>> node_boxes(svg)
{'a': (14.0, 56.0, 64.0, 86.0)}
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from orgraph.errors import RenderError

__all__ = ["node_boxes", "smallest_text", "svg_size"]

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|-?\.\d+")
_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"',
                   re.S)
_FONT = re.compile(rb'font-size="([\d.]+)"')
_TRANSFORM = re.compile(r"scale\(([-\d.e]+)(?:[ ,]+([-\d.e]+))?\).*?"
                        r"translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)")


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height of the drawing in points, from the ``<svg>`` element.

    Raises
    ------
    RenderError
        The SVG states no size.

    Examples
    --------
    >>> svg_size(b'<svg width="200pt" height="100pt">')
    (200.0, 100.0)
    >>> svg_size(b'<svg width="200px" height="100">')  # pixels are 3/4 pt
    (150.0, 100.0)
    >>> svg_size(b"<svg>")
    Traceback (most recent call last):
    orgraph.errors.RenderError: the engine's SVG states no width and height
    """
    match = _SIZE.search(svg[:4000])
    if not match:
        raise RenderError("the engine's SVG states no width and height")
    def points(value: bytes, unit: bytes | None) -> float:
        return float(value) * (0.75 if unit == b"px" else 1.0)
    return points(match[1], match[2]), points(match[3], match[4])


def smallest_text(svg: bytes) -> float | None:
    """The smallest ``font-size`` in the SVG (points at natural size), ``None`` if no text.

    Examples
    --------
    >>> smallest_text(b'<text font-size="14.00">a</text><text font-size="10.00">b</text>')
    10.0
    >>> smallest_text(b"<svg/>") is None
    True
    """
    sizes = [float(s) for s in _FONT.findall(svg)]
    return min(sizes) if sizes else None


def node_boxes(svg: bytes) -> dict[str, tuple[float, float, float, float]]:
    """DOT node name → ``(left, top, right, bottom)`` of its shape, in points from the top
    left of the drawing (junction points and other ``~`` helpers left out).

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.render import render
    >>> org = orgraph.Organisation(name="X")
    >>> org.add_unit("cao", kind="cao", label="Rådmann")
    >>> org.add_unit("school", kind="unit", label="Skole")
    >>> org.add_relation("cao", "school")
    >>> boxes = node_boxes(render(org, "svg", engine="embedded"))
    >>> sorted(boxes), boxes["cao"][3] < boxes["school"][1]  # the CAO's box above the school's
    (['cao', 'school'], True)
    """
    root = ET.fromstring(svg)
    graph = root.find(f"{_SVG}g")
    sx = sy = 1.0
    tx = ty = 0.0
    if graph is not None:
        match = _TRANSFORM.search(graph.get("transform", ""))
        if match:
            sx = float(match[1])
            sy = float(match[2] or match[1])
            tx, ty = float(match[3]), float(match[4])
    boxes = {}
    for group in root.iter(f"{_SVG}g"):
        if "node" not in group.get("class", "").split():
            continue
        title = group.findtext(f"{_SVG}title") or ""
        if title.startswith("~"):
            continue
        xs, ys = _shape_points(group)
        if xs:
            boxes[title] = (sx * (min(xs) + tx), sy * (min(ys) + ty),
                            sx * (max(xs) + tx), sy * (max(ys) + ty))
    return boxes


def _shape_points(group: ET.Element) -> tuple[list[float], list[float]]:
    xs: list[float] = []
    ys: list[float] = []
    for shape in group.iter():
        tag = shape.tag.removeprefix(_SVG)
        if tag in ("polygon", "polyline"):
            numbers = [float(n) for n in _NUMBER.findall(shape.get("points", ""))]
        elif tag == "path":
            numbers = [float(n) for n in _NUMBER.findall(shape.get("d", ""))]
        elif tag == "ellipse":
            cx, cy = float(shape.get("cx", 0)), float(shape.get("cy", 0))
            rx, ry = float(shape.get("rx", 0)), float(shape.get("ry", 0))
            numbers = [cx - rx, cy - ry, cx + rx, cy + ry]
        else:
            continue
        xs.extend(numbers[0::2])
        ys.extend(numbers[1::2])
    return xs, ys
