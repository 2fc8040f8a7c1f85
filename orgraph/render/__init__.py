"""Charts in the legend of Vedlegg 1: Organisation → layout → DOT → SVG / PNG / PDF.

:func:`render` is the whole pipeline, and this subpackage called is :func:`render`:
``orgraph.render(org, "svg")`` draws, ``orgraph.render.pinned`` is a module. By default
orgraph lays the chart out itself (:mod:`orgraph.layout`: measured boxes, per-subtree
placers, routed connectors) and Graphviz only draws the pinned DOT
(:mod:`~orgraph.render.pinned`, ``neato -n2``); ``layout="dot"`` keeps Graphviz's own
``dot`` layout (:mod:`~orgraph.render.dot`) for comparison.
:mod:`~orgraph.render.style` is the legend table, :mod:`~orgraph.render.engine` the one place
that starts a process, :mod:`~orgraph.render.convert` SVG → PDF.

Examples
--------
>>> import orgraph
>>> org = orgraph.load("examples/minimal.yaml")
>>> render(org, format="svg")[:5], orgraph.render(org, "svg")[:5]
(b'<?xml', b'<?xml')
>>> render(org, format="png")[1:4]
b'PNG'
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Collection, Mapping
from typing import Any

from orgraph.errors import RenderError
from orgraph.language import resolve_language
from orgraph.layout.text import FONT_STACK
from orgraph.model import Organisation
from orgraph.render.dot import DEFAULT_WRAP, to_dot
from orgraph.render.engine import DEFAULT_TIMEOUT, ENGINES, find_engine, run_engine
from orgraph.render.page import PAGE_MARGIN, Page, check_raster, warn_small_text
from orgraph.render.teams import auto_teams, check_teams

__all__ = ["DEFAULT_TIMEOUT", "ENGINES", "FORMATS", "LAYOUTS", "chart_source", "draw",
           "page_aspect", "page_frames", "page_min_aspect", "render", "smallest_text", "to_dot",
           "to_pinned_dot", "with_id_prefix"]

#: Output formats; ``dot`` is the DOT source (pinned, or before ``dot``'s layout).
FORMATS = ("svg", "png", "pdf", "dot")
#: Layouts: orgraph's own tree layout, or Graphviz ``dot``'s.
LAYOUTS = ("tree", "dot")
_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_FONT_SIZE = re.compile(r'\sfontsize="?([\d.]+)')
_EDGE_LABEL = re.compile(r'^\t"[^\n]*" -> "[^\n]*[\s\[]label=', re.MULTILINE)
_EDGE_TEXT = 10.0  # points: the size of edge labels (the DOT's edge defaults)
_BOX_TEXT = 12.0  # points: box text (the DOT's node defaults)


def smallest_text(source: str) -> float:
    r"""The smallest text size, in points before scaling, that pinned DOT draws: box text
    (12 pt), and the legend's and edge labels' 10 pt where the chart has them.

    Examples
    --------
    >>> smallest_text('\tnode [margin=0 fontsize=12]\n\tedge [arrowsize=0.7 fontsize=10]')
    12.0
    >>> smallest_text('\tnode [margin=0 fontsize=12]\n\t"a" -> "b" [label="bestiller"]')
    10.0
    """
    body = "\n".join(line for line in source.splitlines() if not line.startswith("\tedge ["))
    sizes = [float(x) for x in _FONT_SIZE.findall(body)]
    if _EDGE_LABEL.search(source):
        sizes.append(_EDGE_TEXT)
    return min(sizes, default=_BOX_TEXT)


def render(org: Organisation, format: str = "svg", *, engine: str = "auto",
           lang: str | None = None, expand: bool = False, legend: bool = False,
           show: str | Collection[str] | None = None, root: str | None = None,
           depth: int | None = None, wrap: int = DEFAULT_WRAP,
           timeout: float | None = DEFAULT_TIMEOUT, dpi: float | None = None,
           layout: str = "tree", page: str | Page | None = None,
           cut: Collection[str] = (), captions: Mapping[str, str] | None = None,
           links: Mapping[str, str] | None = None, id_prefix: str | None = None,
           teams: str = "auto", draft_above: float | None = None) -> bytes:
    """Draw the organisation's chart and return it as bytes.

    Parameters
    ----------
    org : Organisation
    format : {"svg", "png", "pdf", "dot"}
        ``dot`` returns the DOT source (UTF-8) without running an engine.
    engine : {"auto", "system", "embedded"}
        ``auto`` uses the system's Graphviz when installed, else graphviz-pure.
    lang, expand, legend, show, root, depth, wrap
        Passed to :func:`orgraph.render.pinned.to_pinned_dot` (or ``to_dot``).
    timeout : float or None
        Seconds the engine may take.
    dpi : float, optional
        Resolution of PNG output (default 96 dpi for PNG).
    layout : {"tree", "dot"}
        orgraph's own layout (default) or Graphviz ``dot``'s.
    page : str or Page, optional
        Fit the chart to a paper size (``"A4"``, ``"A3,landscape"``); PDF pages are that size.
    cut, captions, links
        Chart-book options of :func:`~orgraph.render.pinned.to_pinned_dot`.
    id_prefix : str, optional
        SVG only: put this prefix before every id (and every reference to one), so that
        several charts share a page (:mod:`~orgraph.render.svgids`); ``"auto"`` makes one
        from the chart (``og`` + 8 hex digits, the same for the same chart).
    teams : {"auto", "boxes", "lists"}
        A box per person, or a manager's leaf reports as one list box
        (:mod:`orgraph.layout.teams`); ``auto``: lists only on a ``page`` where boxes would
        put the text below 6 pt and lists make it larger (a :class:`RenderNote` says so).
        Orgraph's own layout only.
    draft_above : float, optional
        Charts of more boxes than this are placed by rule in linear time, not by the search
        for the most compact forms (default
        :data:`orgraph.layout.draft.DRAFT_ABOVE`, 15,000; ``0``: always). Orgraph's own
        layout only.

    Raises
    ------
    RenderError
        An unknown format or option, a missing engine, a failed or timed-out drawing, a PNG
        of more than 100 megapixels.

    Warns
    -----
    RenderWarning
        The smallest text would be below 6 pt on the page.
    RenderNote
        ``teams="auto"`` drew team lists.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> b"Kommunestyret" in orgraph.render(org, "dot")
    True
    >>> orgraph.render(org, "gif")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: unknown format 'gif'; use one of: svg, png, pdf, dot
    """
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    if id_prefix is not None and format != "svg":
        raise RenderError(f"id_prefix applies to SVG only, not to {format!r}; leave it out")
    paper = Page.parse(page) if isinstance(page, str) else page
    source = chart_source(org, lang=lang, expand=expand, legend=legend, show=show, root=root,
                          depth=depth, wrap=wrap, layout=layout, page=paper, cut=cut,
                          captions=captions, links=links, teams=teams,
                          draft_above=draft_above)
    out = draw(source, format, engine=engine, timeout=timeout, dpi=dpi, page=paper,
               pinned=layout == "tree")
    if id_prefix is not None:
        out = with_id_prefix(out, id_prefix)
    return out


def chart_source(org: Organisation, *, lang: str | None = None, expand: bool = False,
                 legend: bool = False, show: str | Collection[str] | None = None,
                 root: str | None = None, depth: int | None = None, wrap: int = DEFAULT_WRAP,
                 layout: str = "tree", page: str | Page | None = None,
                 cut: Collection[str] = (), captions: Mapping[str, str] | None = None,
                 links: Mapping[str, str] | None = None, teams: str = "auto",
                 draft_above: float | None = None) -> str:
    """The first half of :func:`render`: the chart laid out as DOT, before it is fitted to
    ``page`` and drawn (:func:`draw`), so that one layout serves several formats (a
    notebook's SVG and PNG, :class:`orgraph.display.Chart`).

    The parameters are :func:`render`'s; ``page`` shapes the layout (its aspect and frames),
    and :func:`draw` with the same page scales the drawing to it.

    Examples
    --------
    >>> import orgraph
    >>> source = chart_source(orgraph.load("examples/minimal.yaml"), page="A4")
    >>> draw(source, "svg", page=Page.parse("A4"))[:5], draw(source, "png")[1:4]
    (b'<?xml', b'PNG')
    """
    lang = resolve_language(org, lang)  # the chart's declared language unless lang is given
    if layout not in LAYOUTS:
        raise RenderError(f"unknown layout {layout!r}; use one of: {', '.join(LAYOUTS)}")
    check_teams(teams, layout)
    paper = Page.parse(page) if isinstance(page, str) else page
    if layout == "dot":
        return to_dot(org, lang=lang, expand=expand, legend=legend, show=show, root=root,
                      depth=depth, wrap=wrap, cut=cut, captions=captions, links=links)
    from orgraph.render.pinned import to_pinned_dot

    options = {"lang": lang, "expand": expand, "legend": legend, "show": show, "root": root,
               "depth": depth, "wrap": wrap, "cut": cut, "captions": captions, "links": links,
               "max_aspect": page_aspect(paper), "min_aspect": page_min_aspect(paper),
               "frames": page_frames(paper)}
    if draft_above is not None:
        options["draft_above"] = draft_above
    if teams == "auto":
        return auto_teams(org, paper, smallest_text, **options)
    return to_pinned_dot(org, teams=teams, **options)


def draw(source: str, format: str = "svg", *, engine: str = "auto",
         timeout: float | None = DEFAULT_TIMEOUT, dpi: float | None = None,
         page: Page | None = None, pinned: bool = True) -> bytes:
    """Draw DOT (pinned by orgraph's layout, or for ``dot`` to lay out) as ``format`` bytes:
    the second half of :func:`render`, for drawings built otherwise
    (:mod:`orgraph.render.compare`).

    Examples
    --------
    >>> draw('digraph { a [pos="20,20!" width=0.5 height=0.3] }')[:5]
    b'<?xml'
    """
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    scale = 1.0
    if page is not None and pinned:
        source, scale = _fit(source, page, format)
    if format == "dot":
        return source.encode("utf-8")
    if format == "png":
        dpi = dpi or 96
        from orgraph.render.pinned import bounding_box

        size = bounding_box(source)
        if size:
            check_raster(size[0] * scale, size[1] * scale, dpi)
    which, exe = find_engine(engine)
    if format == "pdf" and (which == "embedded" or pinned):
        from orgraph.render.convert import svg_to_pdf

        svg = run_engine(which, exe, source, "svg", timeout=timeout, pinned=pinned)
        return svg_to_pdf(svg, page=page.size(*_svg_size(svg)) if page else None)
    out = run_engine(which, exe, source, format, timeout=timeout, dpi=dpi, pinned=pinned)
    if format == "svg" and pinned:
        out = out.replace(b'font-family="Arial"',
                          b'font-family="' + FONT_STACK.replace('"', "&quot;").encode() + b'"')
    return out


def with_id_prefix(svg: bytes, id_prefix: str) -> bytes:
    """``svg`` with ``id_prefix`` before every id (``"auto"``: one made from the chart), as
    ``render(..., id_prefix=...)`` gives it (:mod:`~orgraph.render.svgids`).

    Examples
    --------
    >>> with_id_prefix(b'<svg><g id="n1"/></svg>', "c1_")
    b'<svg><g id="c1_n1"/></svg>'
    """
    from orgraph.render.svgids import chart_prefix, prefix_ids

    prefix = chart_prefix(svg) if id_prefix == "auto" else id_prefix
    try:
        return prefix_ids(svg, prefix)
    except ValueError as exc:
        raise RenderError(str(exc)) from None


def page_aspect(paper: Page | None) -> float:
    """The widest aspect ratio the layout may keep: 3:1, or the page's (a little wider).

    Examples
    --------
    >>> page_aspect(None), round(page_aspect(Page.parse("A4,landscape")), 2)
    (3.0, 1.63)
    """
    if paper is None:
        return 3.0
    w, h = paper.size(1.0, 0.0) if paper.orientation != "portrait" else paper.size(0.0, 1.0)
    return max(w / h * 1.15, 0.8)


def page_frames(paper: Page | None) -> list[tuple[float, float]] | None:
    """The page's drawing area (width, height) in points, inside its margins, in each
    orientation it may take (for the layout to fill; ``None`` without a page).

    Examples
    --------
    >>> page_frames(Page.parse("A3,landscape")), len(page_frames(Page.parse("A3")))
    ([(1135.0, 786.0)], 2)
    """
    if paper is None:
        return None
    long, short = paper.width - 2 * PAGE_MARGIN, paper.height - 2 * PAGE_MARGIN
    if paper.orientation == "landscape":
        return [(long, short)]
    if paper.orientation == "portrait":
        return [(short, long)]
    return [(long, short), (short, long)]


def page_min_aspect(paper: Page | None) -> float:
    """The narrowest aspect ratio the layout may keep: 1:2; on a page turned one way, the
    page's (a little narrower); on a page that turns to suit the chart, the portrait page's.

    Examples
    --------
    >>> page_min_aspect(None), round(page_min_aspect(Page.parse("A3,landscape")), 2)
    (0.5, 1.18)
    >>> [round(page_min_aspect(Page.parse(p)), 2) for p in ("A3", "A3,portrait")]
    [0.61, 0.59]
    """
    if paper is None:
        return 0.5
    long = paper.width / paper.height
    if paper.orientation == "landscape":
        return long / 1.2
    if paper.orientation == "portrait":
        return 1 / long / 1.2
    return 1 / (long * 1.15)


def _fit(source: str, paper: Page, format: str) -> tuple[str, float]:
    """Scale the drawing to the page (``size`` in DOT); warn when text gets too small."""
    from orgraph.render.pinned import bounding_box

    box = bounding_box(source)
    if box is None:
        return source, 1.0
    w, h = box
    scale = paper.scale(w, h)
    warn_small_text(smallest_text(source), scale, f"on {paper.name}")
    if format == "pdf":
        return source, scale  # the PDF writer fits the drawing onto the page
    size = f' size="{w * scale / 72:.3f},{h * scale / 72:.3f}!"'
    return source.replace("bb=", size.strip() + " bb=", 1), scale


def _svg_size(svg: bytes) -> tuple[float, float]:
    found = _SIZE.search(svg)
    return (float(found[1]), float(found[2])) if found else (1.0, 1.0)


class _RenderModule(types.ModuleType):
    """``orgraph.render`` is this subpackage and, called, :func:`render` (backwards compatible).

    ``orgraph.render(org, "svg")`` has drawn charts since 0.1; the subpackage's modules
    (``orgraph.render.pinned``, ...) live under the same name. A module attribute cannot be
    both, and which one ``orgraph.render`` named used to depend on import order; a callable
    module is both, whatever was imported first.
    """

    def __call__(self, org: Organisation, format: str = "svg", **options: Any) -> bytes:
        return render(org, format, **options)


sys.modules[__name__].__class__ = _RenderModule


def __getattr__(name: str) -> Any:
    """``to_pinned_dot`` and ``bounding_box`` from :mod:`orgraph.render.pinned`, loaded on
    first use: the pinned writer needs :mod:`orgraph.layout`, whose box measuring needs this
    subpackage's labels and styles, so importing it here would make
    ``import orgraph.layout.boxes`` (first) fail on the cycle."""
    if name in ("to_pinned_dot", "bounding_box"):
        from orgraph.render import pinned

        return getattr(pinned, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
