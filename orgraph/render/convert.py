"""SVG → PDF for the embedded engine, which writes no PDF itself (svglib + reportlab).

svglib and reportlab are pure Python plus wheels (lxml, Pillow) on every platform: no system
library, unlike cairosvg, which needs libcairo. Text stays text in the PDF, with æøå.

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

__all__ = ["pdf_fonts", "svg_to_pdf"]

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
        svglib is missing (the message says how to install it) or cannot read the SVG.
    """
    try:
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg
    except ImportError:
        raise RenderError("PDF output needs svglib: install it with "
                          "`python -m pip install svglib` (orgraph declares it), or use "
                          "--engine system with Graphviz installed") from None
    logging.getLogger("svglib").setLevel(logging.ERROR)
    drawing = svg2rlg(io.BytesIO(pdf_fonts(svg)))
    if drawing is None:
        raise RenderError("could not convert the SVG to PDF (svglib read no drawing)")
    out = io.BytesIO()
    if page is None:
        renderPDF.drawToFile(drawing, out)
        return out.getvalue()
    from reportlab.pdfgen.canvas import Canvas

    scale = min((page[0] - 2 * margin) / max(drawing.width, 1.0),
                (page[1] - 2 * margin) / max(drawing.height, 1.0), 1.5)
    canvas = Canvas(out, pagesize=page)
    canvas.translate((page[0] - drawing.width * scale) / 2,
                     (page[1] - drawing.height * scale) / 2)
    canvas.scale(scale, scale)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
