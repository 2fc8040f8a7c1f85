"""Text measured from the chart font's real metrics, so boxes fit their text in any engine.

The chart names Arial; Helvetica's metrics (Adobe's AFM widths, shipped with reportlab, a
dependency of svglib) are the same advance widths as Arial's and its metric-compatible clones
(Arimo, Liberation Sans), including æ, ø, å and the rest of Latin-1. Characters outside the
font's table are measured as the widest Latin capital, so a box never comes out too small.

Examples
--------
>>> round(text_width("Rådmann", 12), 2)
52.02
>>> text_width("ÆØÅ", 12) > text_width("AOA", 12) * 0.99
True
>>> text_width("Rådmann", 12, bold=True) > text_width("Rådmann", 12)
True
"""

from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import getFont

__all__ = ["FONT_STACK", "LINE_SPACING", "PDF_FONTS", "line_height", "text_width"]

#: The font stack written into SVG: the chart's metrics are Arial's.
FONT_STACK = 'Arial, Helvetica, "Liberation Sans", Arimo, sans-serif'
#: Graphviz's line spacing: a line of text is this many times the font size tall.
LINE_SPACING = 1.2
#: The standard PDF fonts that carry the same metrics (no font file needed in a PDF).
PDF_FONTS = {False: "Helvetica", True: "Helvetica-Bold"}
_FALLBACK = "W"  # the widest Latin capital: unknown characters never make a box too small


@functools.lru_cache(maxsize=2)
def _widths(bold: bool) -> tuple[dict[str, float], float]:
    font = getFont(PDF_FONTS[bold])
    encoding = font.encoding.vector
    table: dict[str, float] = {}
    for code, width in enumerate(font.widths):
        name = encoding[code] if code < len(encoding) else None
        if name and width:
            table[chr(code)] = width / 1000.0
    return table, table[_FALLBACK]


@functools.lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line of ``text`` at ``size`` points in Arial.

    Parameters
    ----------
    text : str
        One line (no newlines).
    size : float
        Font size in points.
    bold : bool
        Measure the bold face.

    Examples
    --------
    >>> text_width("", 12)
    0.0
    >>> round(text_width("W", 10), 2)
    9.44
    """
    table, fallback = _widths(bold)
    special = {"\u00a0": table.get(" ", fallback)}
    total = 0.0
    for char in text:
        width = table.get(char)
        if width is None:
            width = special.get(char, fallback)
        total += width
    return total * size


def line_height(size: float) -> float:
    """Height of one line of text at ``size`` points.

    Examples
    --------
    >>> line_height(10)
    12.0
    """
    return size * LINE_SPACING
