"""SVG → PDF for the embedded engine, which writes no PDF itself (reportlab; svglib fallback).

Graphviz's SVG is drawn on a reportlab canvas by :mod:`orgraph.render.svgpdf`; other SVG by
svglib. Both are pure Python plus wheels on every platform: no system library, unlike
cairosvg, which needs libcairo. Text stays text in the PDF, with æøå.

Examples
--------
>>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="20pt" height="10pt">'
...        '<text x="1" y="8">Bø</text></svg>')
>>> pdf = svg_to_pdf(svg.encode("utf-8"))
>>> pdf[:5]
b'%PDF-'
"""

from __future__ import annotations

import io
import logging
import re

from orgraph.errors import RenderError

__all__ = ["draw_on", "draw_with_svglib", "pdf_fonts", "svg_to_pdf"]

_ARIAL = re.compile(rb'font-family="(?:Arial|Helvetica)[^"]*"')


def pdf_fonts(svg: bytes) -> bytes:
    """Name the standard PDF font Helvetica where the SVG names Arial (or the font stack).

    The chart's font is Arial; Helvetica has the same metrics and needs no font file, so text
    stays inside its boxes whatever fonts are installed (and svglib looks no font up).

    Examples
    --------
    >>> pdf_fonts(b'<text font-family="Arial, Helvetica, &quot;Liberation Sans&quot;">')
    b'<text font-family="Helvetica">'
    """
    return _ARIAL.sub(b'font-family="Helvetica"', svg)


def draw_on(canvas: object, svg: bytes, x: float, y: float, scale: float) -> None:
    """Draw ``svg`` on a reportlab canvas, lower-left corner at ``(x, y)``, scaled.

    Graphviz's SVG goes through :func:`orgraph.render.svgpdf.draw_svg` (fast, direct canvas
    operations); anything outside its subset through svglib.

    Raises
    ------
    RenderError
        svglib is needed for this SVG and is missing, or cannot read it.

    Examples
    --------
    A transform Graphviz never writes (``skewX``) goes through svglib; both are drawn:

    >>> import io
    >>> from reportlab.pdfgen.canvas import Canvas
    >>> def red(transform):
    ...     return (b'<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt">'
    ...             b'<g transform="' + transform + b'"><polygon fill="#ff0000" '
    ...             b'points="0,0 10,0 10,10"/></g></svg>')
    >>> for transform in (b"scale(1)", b"skewX(10)"):
    ...     out = io.BytesIO()
    ...     canvas = Canvas(out, pagesize=(200, 100), pageCompression=0)
    ...     draw_on(canvas, red(transform), 10, 10, 1.0)
    ...     canvas.save()
    ...     print(b"1 0 0 rg" in out.getvalue())  # the red fill
    True
    True
    """
    from orgraph.render.svgpdf import Unsupported, draw_svg

    try:
        draw_svg(canvas, svg, x, y, scale)
        return
    except Unsupported:
        pass
    draw_with_svglib(canvas, svg, x, y, scale)


def draw_with_svglib(canvas: object, svg: bytes, x: float, y: float, scale: float) -> None:
    """Draw any SVG on a reportlab canvas through svglib's drawing tree (the general,
    slower route :func:`draw_on` falls back to); arguments as for :func:`draw_on`.

    Raises
    ------
    RenderError
        svglib is missing or cannot read the SVG.

    Examples
    --------
    >>> import io
    >>> from reportlab.pdfgen.canvas import Canvas
    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt">'
    ...        b'<polygon fill="#ff0000" points="0,0 10,0 10,10"/></svg>')
    >>> out = io.BytesIO()
    >>> canvas = Canvas(out, pagesize=(200, 100), pageCompression=0)
    >>> draw_with_svglib(canvas, svg, 0, 0, 2.0)
    >>> canvas.save()
    >>> b"1 0 0 rg" in out.getvalue()
    True
    """
    try:
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg
    except ImportError:
        raise RenderError("PDF output of this SVG needs svglib: install it with "
                          "`python -m pip install svglib` (orgraph declares it), or use "
                          "--engine system with Graphviz installed") from None
    logging.getLogger("svglib").setLevel(logging.ERROR)
    drawing = svg2rlg(io.BytesIO(pdf_fonts(svg)))
    if drawing is None:
        raise RenderError("could not convert the SVG to PDF (svglib read no drawing)")
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.translate(x, y)  # type: ignore[attr-defined]
    canvas.scale(scale, scale)  # type: ignore[attr-defined]
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()  # type: ignore[attr-defined]


def svg_to_pdf(svg: bytes, page: tuple[float, float] | None = None,
               margin: float = 28.0) -> bytes:
    """Convert an SVG document to a one-page PDF.

    With ``page`` (width, height in points) the page has that size and the drawing is scaled
    to fit inside ``margin`` and centred; else the page is the drawing's size. Text uses the
    standard PDF font Helvetica, whose metrics are Arial's, so it stays inside its boxes
    with no font installed.

    Raises
    ------
    RenderError
        The SVG cannot be read (the message says why).

    Examples
    --------
    >>> import re
    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="263pt" height="358pt">'
    ...        b'<polygon fill="#ff0000" points="0,0 10,0 10,10"/></svg>')
    >>> re.findall(rb"/MediaBox \\[[^]]*\\]", svg_to_pdf(svg))  # the drawing's size
    [b'/MediaBox [ 0 0 263 358 ]']
    >>> re.findall(rb"/MediaBox \\[[^]]*\\]", svg_to_pdf(svg, (595.28, 841.89)))
    [b'/MediaBox [ 0 0 595.28 841.89 ]']
    >>> svg_to_pdf(b"<svg")
    Traceback (most recent call last):
    orgraph.errors.RenderError: could not convert the SVG to PDF: unclosed token: line 1, \
column 0
    """
    import xml.etree.ElementTree as ET

    from reportlab.pdfgen.canvas import Canvas

    from orgraph.render.svgpdf import svg_extent

    try:
        width, height, _ = svg_extent(ET.fromstring(svg))
    except (ET.ParseError, ValueError) as exc:
        raise RenderError(f"could not convert the SVG to PDF: {exc}") from None
    width, height = max(width, 1.0), max(height, 1.0)
    out = io.BytesIO()
    if page is None:
        canvas = Canvas(out, pagesize=(width, height))
        draw_on(canvas, svg, 0, 0, 1.0)
    else:
        scale = min((page[0] - 2 * margin) / width, (page[1] - 2 * margin) / height, 1.5)
        canvas = Canvas(out, pagesize=page)
        draw_on(canvas, svg, (page[0] - width * scale) / 2, (page[1] - height * scale) / 2,
                scale)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
