"""Paper sizes, fitting a chart onto a page, and the guards on what a page can hold.

Examples
--------
>>> Page.parse("A4")
Page(name='A4', width=842.0, height=595.0, orientation=None)
>>> Page.parse("a3,portrait").size(1000, 500)
(842.0, 1191.0)
>>> Page.parse("letter").size(300, 900)  # orientation follows the chart
(612.0, 792.0)
>>> Page.parse("A0,landscape").size(300, 900)
(3370.0, 2384.0)
>>> Page.parse("B5")
Traceback (most recent call last):
...
orgraph.errors.RenderError: unknown page 'B5'; use one of A0, A1, A2, A3, A4, A5, letter, legal, tabloid, optionally with ,landscape or ,portrait (e.g. A3,landscape)
"""  # noqa: E501

from __future__ import annotations

import warnings
from dataclasses import dataclass

from orgraph.errors import RenderError

__all__ = [
    "MAX_PIXELS",
    "MIN_TEXT",
    "PAGES",
    "PAGE_MARGIN",
    "PAGE_NAMES",
    "PAPERS",
    "Page",
    "RenderNote",
    "RenderWarning",
    "check_raster",
    "warn_small_text",
]

#: Paper sizes in points, portrait: ISO 216 A0–A5 (millimetres to 0.01 pt) and the US
#: letter, legal and tabloid. The chart book's pages are these sizes.
PAPERS: dict[str, tuple[float, float]] = {
    "A0": (2383.94, 3370.39),
    "A1": (1683.78, 2383.94),
    "A2": (1190.55, 1683.78),
    "A3": (841.89, 1190.55),
    "A4": (595.28, 841.89),
    "A5": (419.53, 595.28),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
    "tabloid": (792.0, 1224.0),
}
#: The same sizes landscape (long side first) in whole points: a single chart's page.
PAGES = {name: (float(round(h)), float(round(w))) for name, (w, h) in PAPERS.items()}
#: The sizes by name, for messages.
PAGE_NAMES = ", ".join(PAPERS)
#: Margin round a chart on a page, in points.
PAGE_MARGIN = 28.0
#: Below this text size (points) on the page a chart warns that it cannot be read.
MIN_TEXT = 6.0
#: A raster larger than this many pixels is refused.
MAX_PIXELS = 100_000_000


class RenderWarning(UserWarning):
    """A chart was drawn, but something about it needs the reader's attention."""


class RenderNote(RenderWarning):
    """A chart was drawn differently from the options' default, to be readable: says how,
    and the option that draws it as asked (``orgraph render`` prints it as a note)."""


@dataclass(frozen=True)
class Page:
    """A paper size, landscape or portrait or (``None``) whichever suits the chart."""

    name: str
    width: float
    height: float
    orientation: str | None = None

    @classmethod
    def parse(cls, text: str) -> Page:
        """Read ``A4``, ``A3,landscape``, ``letter,portrait`` (case-insensitive)."""
        name, _, orient = (p.strip() for p in text.partition(","))
        key = {k.lower(): k for k in PAGES}.get(name.lower())
        if key is None or orient.lower() not in ("", "landscape", "portrait"):
            raise RenderError(f"unknown page {text!r}; use one of {PAGE_NAMES}, optionally "
                              "with ,landscape or ,portrait (e.g. A3,landscape)")
        return cls(key, *PAGES[key], orient.lower() or None)

    def size(self, chart_w: float, chart_h: float) -> tuple[float, float]:
        """The page's (width, height) in points, turned to suit the chart if not fixed."""
        long, short = self.width, self.height
        landscape = (self.orientation == "landscape" if self.orientation
                     else chart_w >= chart_h)
        return (long, short) if landscape else (short, long)

    def scale(self, chart_w: float, chart_h: float) -> float:
        """The factor that fits the chart inside the page's margins (at most 1.5).

        Examples
        --------
        >>> round(Page.parse("A4").scale(1572, 100), 3)
        0.5
        """
        page_w, page_h = self.size(chart_w, chart_h)
        return min((page_w - 2 * PAGE_MARGIN) / max(chart_w, 1.0),
                   (page_h - 2 * PAGE_MARGIN) / max(chart_h, 1.0), 1.5)


def warn_small_text(smallest: float, scale: float, where: str) -> None:
    """Warn when the chart's smallest text, scaled, falls below :data:`MIN_TEXT` points."""
    if smallest * scale < MIN_TEXT:
        warnings.warn(RenderWarning(
            f"the smallest text would be {smallest * scale:.1f} pt {where}, below "
            f"{MIN_TEXT:g} pt: draw part of the chart (--root ID --depth N), or a larger "
            "--page"), stacklevel=3)


def check_raster(width_pt: float, height_pt: float, dpi: float) -> None:
    """Refuse a raster of more than :data:`MAX_PIXELS` pixels before it is drawn.

    Examples
    --------
    >>> check_raster(20000, 10000, 96)
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: a PNG of this chart would be 26667 × 13333 px (356 megapixels, ...
    """
    w, h = width_pt * dpi / 72, height_pt * dpi / 72
    if w * h > MAX_PIXELS:
        raise RenderError(f"a PNG of this chart would be {w:.0f} × {h:.0f} px "
                          f"({w * h / 1e6:.0f} megapixels, the limit is {MAX_PIXELS // 1_000_000})"
                          ": lower --dpi, fit it to a --page, draw part of it (--root ID "
                          "--depth N), or write SVG or PDF")
