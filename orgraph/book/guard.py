"""Guards against charts nobody can read: a hint on the command line, a preview in notebooks.

* :func:`unreadable_hint`: the command line's note when a chart, fitted to a page, would have
  text smaller than :data:`READABLE_PT` (it names ``--book`` and ``-o OUT.html``);
* :func:`preview`: what a notebook shows for an organisation of more than
  :data:`PREVIEW_BOXES` boxes: the top levels, with counted boxes, and a one-line hint
  naming the Python arguments that draw more. It lays out at most that many boxes, so
  displaying a 70,000-person organisation takes a moment, not minutes.

Examples
--------
>>> from orgraph.book.paper import parse_page
>>> unreadable_hint("big.csv", (352709.0, 978.0), parse_page("A4")).split(";")[0]
'note: big.csv: fitted to an A4 landscape page its text would be 0.03 pt'
>>> unreadable_hint("small.yaml", (600.0, 300.0), parse_page("A4")) is None
True
"""

from __future__ import annotations

import re
import struct

from orgraph.book.cut import Tree, tops_of
from orgraph.book.paper import MARGIN, Paper
from orgraph.model import Organisation
from orgraph.render.style import NODE_DEFAULTS

__all__ = ["PREVIEW_BOXES", "READABLE_PT", "READ_IT", "chart_size", "preview", "preview_cut",
           "preview_depth",
           "unreadable_hint"]

#: Text smaller than this (points, on paper) is unreadable.
READABLE_PT = 6.0
#: The command line's way out of an unreadable chart.
READ_IT = ("draw it as a book of readable pages with --book OUT.pdf (or --book DIR/), as an "
           "interactive chart with -o OUT.html, or a part with --root ID --depth N")
#: Notebooks draw at most this many boxes before they show the top levels only.
PREVIEW_BOXES = 300
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)")
_SVG_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="([\d.]+)(?:pt)?"[^>]*?\bheight="([\d.]+)', re.S)


def chart_size(data: bytes, fmt: str, dpi: float = 96.0) -> tuple[float, float] | None:
    """Width and height in points of a rendered chart (SVG, PNG or PDF), ``None`` if unknown.

    Examples
    --------
    >>> chart_size(b'<svg width="10pt" height="20pt">', "svg")
    (10.0, 20.0)
    """
    if fmt == "svg":
        match = _SVG_SIZE.search(data[:4000])
        return (float(match[1]), float(match[2])) if match else None
    if fmt == "png" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width * 72 / dpi, height * 72 / dpi
    if fmt == "pdf":
        match = _MEDIA_BOX.search(data)
        if match:
            x0, y0, x1, y1 = (float(v) for v in match.groups())
            return x1 - x0, y1 - y0
    return None


def unreadable_hint(name: str, size: tuple[float, float], paper: Paper,
                    text_pt: float = float(NODE_DEFAULTS["fontsize"])) -> str | None:
    """A note naming the way out when ``size`` fitted to ``paper`` makes text unreadable.

    Parameters
    ----------
    name : str
        The chart's name in the note (its file).
    size : (float, float)
        The drawing's width and height in points at natural size.
    paper : Paper
        The page it is fitted to, inside the margins.
    text_pt : float
        The drawing's text size at natural size.

    Returns
    -------
    str or None
        The note, or ``None`` when the text stays readable.

    Examples
    --------
    >>> from orgraph.book.paper import parse_page
    >>> unreadable_hint("big.yaml", (5000, 3000), parse_page("A4"))
    'note: big.yaml: fitted to an A4 landscape page its text would be 1.89 pt; draw it ...'
    >>> unreadable_hint("small.yaml", (400, 300), parse_page("A4")) is None
    True
    """
    width, height = size
    scale = min((paper.width - 2 * MARGIN) / width, (paper.height - 2 * MARGIN) / height, 1.0)
    text = text_pt * scale
    if text >= READABLE_PT:
        return None
    return (f"note: {name}: fitted to an {paper.name} page its text would be {text:.2f} pt; "
            + READ_IT)


def preview_depth(org: Organisation, max_boxes: int = PREVIEW_BOXES,
                  tree: Tree | None = None) -> int | None:
    """How many levels below the top fit in ``max_boxes`` boxes (``None``: all of it).

    Examples
    --------
    >>> from orgraph.generate import generate_company
    >>> preview_depth(generate_company(100)), preview_depth(generate_company(5000))
    (None, 2)
    """
    if org.number_of_nodes() <= max_boxes:
        return None
    tree = tree or Tree(org)
    frontier, seen, depth = list(tops_of(org)), set(tops_of(org)), 0
    while frontier:
        nxt = [c for u in frontier for c in tree.children[u] if c not in seen]
        if len(seen) + len(nxt) > max_boxes:
            return depth
        seen.update(nxt)
        frontier = nxt
        depth += 1
    return None


def preview(org: Organisation, max_boxes: int = PREVIEW_BOXES, **options: object
            ) -> tuple[bytes, str | None]:
    """The SVG a notebook shows and the one-line hint (``None`` when it shows everything).

    Examples
    --------
    >>> from orgraph.generate import generate_company
    >>> svg, hint = preview(generate_company(2000, seed=1))
    >>> svg[:5], hint.split(":")[0]
    (b'<?xml', 'Showing the top 2 levels of 2000 boxes')
    """
    from orgraph.render import render

    cut, hint = preview_cut(org, max_boxes)
    return render(org, "svg", cut=cut, **options), hint  # type: ignore[arg-type]


def preview_cut(org: Organisation, max_boxes: int = PREVIEW_BOXES
                ) -> tuple[set[str], str | None]:
    """The nodes a notebook's preview cuts (drawn as counted boxes) and its hint.

    Nothing is cut, and there is no hint, when the organisation has at most ``max_boxes``
    boxes; otherwise the hint names the Python arguments that draw more.

    Examples
    --------
    >>> from orgraph.generate import generate_company
    >>> cut, hint = preview_cut(generate_company(2000, seed=1))
    >>> len(cut) > 0, "org.chart(root='p1', depth=N)" in hint
    (True, True)
    >>> preview_cut(generate_company(20))
    (set(), None)
    """
    depth = preview_depth(org, max_boxes)
    if depth is None:
        return set(), None
    tree = Tree(org)
    tops = tops_of(org)
    top = max(tops, key=lambda t: tree.size[t])
    hint = (f"Showing the top {depth} levels of {org.number_of_nodes()} boxes: draw a part "
            f"with org.chart(root={top!r}, depth=N) (bytes: orgraph.render(org, "
            f"root={top!r}, depth=N)), or the whole as readable pages with "
            "orgraph.book.build_book(org)")
    return _level(tree, tops, depth), hint


def _level(tree: Tree, tops: list[str], depth: int) -> set[str]:
    """The nodes ``depth`` levels below the tops (those the preview cuts)."""
    frontier, seen = list(tops), set(tops)
    for _ in range(depth):
        frontier = [c for u in frontier for c in tree.children[u] if c not in seen]
        seen.update(frontier)
    return set(frontier)
