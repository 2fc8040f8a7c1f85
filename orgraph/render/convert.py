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

from orgraph.errors import RenderError

__all__ = ["svg_to_pdf"]


def svg_to_pdf(svg: bytes) -> bytes:
    """Convert an SVG document to a one-page PDF.

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
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:
        raise RenderError("could not convert the SVG to PDF (svglib read no drawing)")
    out = io.BytesIO()
    renderPDF.drawToFile(drawing, out)
    return out.getvalue()
