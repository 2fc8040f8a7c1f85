"""Paper sizes and the parts of a book page: margins, header, footer, chart area.

Examples
--------
>>> parse_page("A4")
Paper(name='A4 landscape', width=841.89, height=595.28)
>>> parse_page("letter,portrait").width
612.0
>>> chart_area(parse_page("A4"))
(785.89, 501.28)
"""

from __future__ import annotations

from dataclasses import dataclass

from orgraph.errors import RenderError
from orgraph.render.page import PAGE_NAMES, PAPERS

__all__ = ["FOOTER", "HEADER", "MARGIN", "PAPERS", "Paper", "chart_area", "parse_page"]

#: Space around everything on a page, in points (1 cm).
MARGIN = 28.0
#: Height of the header (the path from the top, with links) above the chart.
HEADER = 22.0
#: Height of the footer (the page number) below the chart.
FOOTER = 16.0


@dataclass(frozen=True)
class Paper:
    """A page size in points, orientation applied.

    Examples
    --------
    >>> parse_page("a4") == Paper("A4 landscape", 841.89, 595.28)
    True
    >>> parse_page("A4 portrait")
    Paper(name='A4 portrait', width=595.28, height=841.89)
    """

    name: str
    width: float
    height: float


def parse_page(text: str) -> Paper:
    """Read ``A4``, ``A3,portrait``, ``letter landscape``, ``a2-landscape`` (landscape by
    default: organisation charts are wide).

    Raises
    ------
    RenderError
        An unknown size or orientation, naming the choices.

    Examples
    --------
    >>> parse_page("a3 portrait").name
    'A3 portrait'
    >>> parse_page("B5")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: unknown page size 'B5'; use one of: A0, A1, A2, A3, A4, A5, \
letter, legal, tabloid, optionally with ,landscape or ,portrait (e.g. A3,portrait)
    """
    words = text.replace(",", " ").replace("-", " ").split()
    sizes = {k.lower(): k for k in PAPERS}
    if not words or words[0].lower() not in sizes or len(words) > 2 or (
            len(words) == 2 and words[1].lower() not in ("landscape", "portrait")):
        raise RenderError(f"unknown page size {text!r}; use one of: {PAGE_NAMES}, "
                          "optionally with ,landscape or ,portrait (e.g. A3,portrait)")
    size = sizes[words[0].lower()]
    orientation = words[1].lower() if len(words) == 2 else "landscape"
    short, long = PAPERS[size]
    width, height = (long, short) if orientation == "landscape" else (short, long)
    return Paper(f"{size} {orientation}", width, height)


def chart_area(paper: Paper) -> tuple[float, float]:
    """Width and height left for the chart inside the margins, header and footer.

    Examples
    --------
    >>> chart_area(parse_page("A4"))
    (785.89, 501.28)
    """
    return (round(paper.width - 2 * MARGIN, 2),
            round(paper.height - 2 * MARGIN - HEADER - FOOTER, 2))
