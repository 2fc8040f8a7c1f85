"""Graphviz's SVG drawn straight onto a reportlab canvas: PDF pages without svglib's cost.

Graphviz writes a small, regular subset of SVG: groups with one ``transform``, ``polygon``,
``polyline``, ``ellipse``, ``path`` (absolute ``M``/``C``), ``text`` and links (``a``).
:func:`draw_svg` turns each element into one or two canvas operations. svglib builds a general
drawing tree first and takes about six times as long for a chart page (BENCHMARKS.md, chart
book); it remains the fallback for any SVG outside this subset (:class:`Unsupported`).

Text is set in the standard PDF fonts (the chart's Arial as Helvetica, which has Arial's
metrics), so it stays inside its boxes with no font installed.

Examples
--------
>>> from reportlab.pdfgen.canvas import Canvas
>>> import io
>>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40pt" height="20pt">'
...        '<g transform="translate(4 16)"><polygon fill="none" stroke="black" '
...        'points="0,0 30,0 30,-12 0,-12 0,0"/><text x="15" y="-3" text-anchor="middle" '
...        'font-family="Arial" font-size="8.00">Bø</text></g></svg>').encode()
>>> out = io.BytesIO()
>>> canvas = Canvas(out, pagesize=(40, 20))
>>> draw_svg(canvas, svg, 0, 0, 1.0)
(40.0, 20.0)
>>> canvas.showPage(); canvas.save(); out.getvalue()[:5]
b'%PDF-'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["Unsupported", "draw_svg", "svg_extent"]

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[MLCHVZmlchvz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(scale|rotate|translate)\(([^)]*)\)")
_SKIPPED = {"title", "desc", "metadata", "defs", "style"}


class Unsupported(ValueError):
    """The SVG uses something outside Graphviz's subset; draw it with svglib instead.

    Examples
    --------
    >>> from reportlab.pdfgen.canvas import Canvas
    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt">'
    ...        b'<g transform="skewX(10)"/></svg>')
    >>> draw_svg(Canvas(None), svg, 0, 0, 1.0)
    Traceback (most recent call last):
    orgraph.render.svgpdf.Unsupported: transform 'skewX(10)'
    >>> issubclass(Unsupported, ValueError)
    True
    """


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _length(value: str | None) -> float:
    """An SVG length in points (``pt``, ``px`` = 0.75 pt, or a bare number)."""
    if not value:
        return 0.0
    match = _NUMBER.match(value.strip())
    if not match:
        raise Unsupported(f"length {value!r}")
    number = float(match.group())
    return number * 0.75 if value.strip().endswith("px") else number


def svg_extent(root: ET.Element) -> tuple[float, float, tuple[float, float, float, float]]:
    """Width and height in points and the viewBox ``(x, y, w, h)`` of an SVG root.

    Examples
    --------
    >>> svg_extent(ET.fromstring('<svg width="20pt" height="10pt" viewBox="0 0 40 20"/>'))
    (20.0, 10.0, (0.0, 0.0, 40.0, 20.0))
    """
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(v) for v in _NUMBER.findall(root.get("viewBox") or "")]
    view = (box[0], box[1], box[2], box[3]) if len(box) == 4 else (0.0, 0.0, width, height)
    return width or view[2], height or view[3], view


@lru_cache(maxsize=256)
def _colour(value: str | None) -> Any:
    """A reportlab colour, or None for no paint (``none``, ``transparent``)."""
    if value is None or value in ("none", "transparent", ""):
        return None
    from reportlab.lib import colors

    try:
        return colors.toColor(value)
    except ValueError:
        raise Unsupported(f"colour {value!r}") from None


#: Characters the standard PDF fonts lack, and what the PDF shows instead: "→" (a renamed
#: unit's "old → new" in a before/after chart) as "->".
_NOT_IN_FONT = str.maketrans({"\u2192": "->"})


@lru_cache(maxsize=64)
def _font(family: str, weight: str, style: str) -> str:
    """The standard PDF font for an SVG font family, weight and style."""
    family = family.lower()
    base = ("Times" if "times" in family or family.strip() == "serif" else
            "Courier" if "courier" in family or "mono" in family else "Helvetica")
    bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    italic = style in ("italic", "oblique")
    if base == "Times":
        return {(False, False): "Times-Roman", (True, False): "Times-Bold",
                (False, True): "Times-Italic", (True, True): "Times-BoldItalic"}[bold, italic]
    suffix = ("Bold" if bold else "") + ("Oblique" if italic else "")
    return f"{base}-{suffix}" if suffix else base


def _numbers(text: str) -> list[float]:
    return [float(v) for v in _NUMBER.findall(text)]


class _Painter:
    """Draws one SVG's elements on a canvas whose user space is the SVG's (y down)."""

    def __init__(self, canvas: Any) -> None:
        self.c = canvas
        self.draw: dict[str, Callable[[ET.Element, dict[str, str]], None]] = {
            "polygon": self.polygon, "polyline": self.polyline, "path": self.path,
            "ellipse": self.ellipse, "circle": self.circle, "text": self.text,
            "line": self.line, "rect": self.rect,
        }

    def walk(self, element: ET.Element, inherited: dict[str, str]) -> None:
        """Draw ``element`` and its children; presentation attributes are inherited."""
        tag = _tag(element)
        if tag in _SKIPPED or not tag:
            return
        style = {**inherited, **{k: v for k, v in element.attrib.items() if "}" not in k}}
        if tag in ("g", "a", "svg"):
            transform = element.get("transform")
            if transform:
                self.c.saveState()
                self.transform(transform)
            for child in element:
                self.walk(child, style)
            if transform:
                self.c.restoreState()
            return
        painter = self.draw.get(tag)
        if painter is None:
            raise Unsupported(f"element <{tag}>")
        painter(element, style)

    def transform(self, text: str) -> None:
        for name, args in _TRANSFORM.findall(text):
            values = _numbers(args)
            if name == "translate":
                self.c.translate(values[0], values[1] if len(values) > 1 else 0.0)
            elif name == "scale":
                self.c.scale(values[0], values[1] if len(values) > 1 else values[0])
            elif values and values[0] != 0:
                self.c.rotate(values[0])
        if _TRANSFORM.sub("", text).strip():
            raise Unsupported(f"transform {text!r}")

    def paint(self, path: Any, style: dict[str, str], *, closed: bool) -> None:
        fill = _colour(style.get("fill", "black")) if closed else None
        stroke = _colour(style.get("stroke", "none"))
        if fill is None and stroke is None:
            return
        c = self.c
        if fill is not None:
            c.setFillColor(fill, alpha=float(style.get("fill-opacity", 1)))
        if stroke is not None:
            c.setStrokeColor(stroke, alpha=float(style.get("stroke-opacity", 1)))
            c.setLineWidth(_length(style.get("stroke-width")) or 1.0)
            dash = _numbers(style.get("stroke-dasharray", ""))
            c.setDash(dash if dash and any(dash) else [])
        c.drawPath(path, stroke=stroke is not None, fill=fill is not None)

    def polygon(self, element: ET.Element, style: dict[str, str], closed: bool = True) -> None:
        values = _numbers(element.get("points", ""))
        if len(values) < 4:
            return
        path = self.c.beginPath()
        path.moveTo(values[0], values[1])
        for i in range(2, len(values) - 1, 2):
            path.lineTo(values[i], values[i + 1])
        if closed:
            path.close()
        self.paint(path, style, closed=closed)

    def polyline(self, element: ET.Element, style: dict[str, str]) -> None:
        self.polygon(element, style, closed=False)

    def line(self, element: ET.Element, style: dict[str, str]) -> None:
        path = self.c.beginPath()
        path.moveTo(float(element.get("x1", 0)), float(element.get("y1", 0)))
        path.lineTo(float(element.get("x2", 0)), float(element.get("y2", 0)))
        self.paint(path, style, closed=False)

    def rect(self, element: ET.Element, style: dict[str, str]) -> None:
        path = self.c.beginPath()
        path.rect(_length(element.get("x")), _length(element.get("y")),
                  _length(element.get("width")), _length(element.get("height")))
        self.paint(path, style, closed=True)

    def ellipse(self, element: ET.Element, style: dict[str, str]) -> None:
        cx, cy = float(element.get("cx", 0)), float(element.get("cy", 0))
        rx, ry = float(element.get("rx", 0)), float(element.get("ry", 0))
        path = self.c.beginPath()
        path.ellipse(cx - rx, cy - ry, 2 * rx, 2 * ry)
        self.paint(path, style, closed=True)

    def circle(self, element: ET.Element, style: dict[str, str]) -> None:
        r = float(element.get("r", 0))
        path = self.c.beginPath()
        path.circle(float(element.get("cx", 0)), float(element.get("cy", 0)), r)
        self.paint(path, style, closed=True)

    def path(self, element: ET.Element, style: dict[str, str]) -> None:
        path, closed = _path(self.c.beginPath(), element.get("d", ""))
        self.paint(path, style, closed=closed or style.get("fill", "black") != "none")

    def text(self, element: ET.Element, style: dict[str, str]) -> None:
        if len(element):
            raise Unsupported("<text> with child elements")
        content = (element.text or "").translate(_NOT_IN_FONT)
        if not content.strip():
            return
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = _length(style.get("font-size", "14")) or 14.0
        font = _font(style.get("font-family", "Helvetica"), style.get("font-weight", ""),
                     style.get("font-style", ""))
        width = stringWidth(content, font, size)
        anchor = style.get("text-anchor", "start")
        x = float(element.get("x", 0)) - {"middle": width / 2, "end": width}.get(anchor, 0.0)
        y = float(element.get("y", 0))
        c = self.c
        c.saveState()
        c.translate(x, y)
        c.scale(1, -1)  # the page is flipped to SVG's y-down; text must read upright
        fill = _colour(style.get("fill", "black"))
        if fill is not None:
            c.setFillColor(fill)
            c.setStrokeColor(fill)
        c.setFont(font, size)
        c.drawString(0, 0, content)
        if "line-through" in style.get("text-decoration", ""):
            c.setLineWidth(size / 14)
            c.line(0, size * 0.3, width, size * 0.3)
        if "underline" in style.get("text-decoration", ""):
            c.setLineWidth(size / 14)
            c.line(0, -size * 0.12, width, -size * 0.12)
        c.restoreState()


def _path(path: Any, d: str) -> tuple[Any, bool]:
    """Fill a reportlab path from absolute SVG path data (M, L, H, V, C, Z)."""
    tokens = _PATH_TOKEN.findall(d)
    command, x, y, closed, i = "", 0.0, 0.0, False, 0
    while i < len(tokens):
        token = tokens[i]
        if token.isalpha():
            if token.islower():
                raise Unsupported(f"relative path command {token!r}")
            command, i = token, i + 1
            if command == "Z":
                path.close()
                closed = True
            continue
        need = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6}.get(command)
        if need is None or i + need > len(tokens):
            raise Unsupported(f"path data {d[:40]!r}")
        v = [float(t) for t in tokens[i:i + need]]
        i += need
        if command == "M":
            x, y = v
            path.moveTo(x, y)
            command = "L"  # further pairs after M are line-tos
        elif command == "L":
            x, y = v
            path.lineTo(x, y)
        elif command == "H":
            x = v[0]
            path.lineTo(x, y)
        elif command == "V":
            y = v[0]
            path.lineTo(x, y)
        else:
            x, y = v[4], v[5]
            path.curveTo(*v)
    return path, closed


_DRAWN = {"polygon", "polyline", "path", "ellipse", "circle", "text", "line", "rect", "g", "a",
          "svg"}
_PATH_LETTERS = re.compile(r"[A-DF-Za-df-z]")  # every letter but e/E (exponents)


def _check(root: ET.Element) -> None:
    """Raise :class:`Unsupported` before drawing anything the painter cannot draw."""
    for element in root.iter():
        tag = _tag(element)
        if tag in _SKIPPED:
            continue
        if tag not in _DRAWN:
            raise Unsupported(f"element <{tag or element.tag}>")
        if tag == "path" and set(_PATH_LETTERS.findall(element.get("d", ""))) - set("MLHVCZ"):
            raise Unsupported(f"path data {element.get('d', '')[:40]!r}")
        if tag == "text" and len(element):
            raise Unsupported("<text> with child elements")
        transform = element.get("transform")
        if transform and _TRANSFORM.sub("", transform).strip():
            raise Unsupported(f"transform {transform!r}")
        for key in ("fill", "stroke"):
            if key in element.attrib:
                _colour(element.get(key))


def draw_svg(canvas: Any, svg: bytes | str, x: float, y: float,
             scale: float) -> tuple[float, float]:
    """Draw ``svg`` with its lower-left corner at ``(x, y)`` (PDF points), scaled by ``scale``.

    Returns the SVG's width and height in points (before ``scale``).

    Raises
    ------
    Unsupported
        The SVG uses an element, path command, transform or colour outside Graphviz's
        subset; nothing usable has been drawn (the caller draws it another way).

    Examples
    --------
    >>> import io
    >>> from reportlab.pdfgen.canvas import Canvas
    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt" '
    ...        b'viewBox="0 0 100 50"><polygon fill="#ff0000" points="0,0 100,0 100,50"/></svg>')
    >>> out = io.BytesIO()
    >>> canvas = Canvas(out, pagesize=(200, 100), pageCompression=0)
    >>> draw_svg(canvas, svg, 10, 10, 1.5)  # the size before the scale
    (100.0, 50.0)
    >>> canvas.save()
    >>> b"1 0 0 rg" in out.getvalue()  # the red fill
    True
    """
    root = ET.fromstring(svg)
    _check(root)
    width, height, view = svg_extent(root)
    canvas.saveState()
    try:
        canvas.translate(x, y + height * scale)
        canvas.scale(scale * width / (view[2] or width), -scale * height / (view[3] or height))
        canvas.translate(-view[0], -view[1])
        _Painter(canvas).walk(root, {})
    finally:
        canvas.restoreState()
    return width, height
