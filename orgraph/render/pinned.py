"""Organisation → DOT with every position pinned: orgraph places, Graphviz only draws.

:func:`to_pinned_dot` measures every box (:mod:`orgraph.layout.boxes`), builds the tree of
boxes (:mod:`orgraph.layout.chart`), places it (:mod:`orgraph.layout.tree`) and writes DOT in
which every node carries ``pos="x,y!"`` with an explicit ``width``/``height``
(``fixedsize``) and every edge its route as ``pos`` (a polyline written as a cubic B-spline:
a straight segment P→Q is P,P,Q,Q; an arrowhead ends at the ``e,x,y`` point). The result
is drawn with ``neato -n2``, which keeps all of it, in either engine.

Text never reaches DOT unescaped: plain labels go through :func:`dot_string` (quotes and
backslashes escaped, so no ``\\N``-style escapes or string break-outs), bullet lists through
:func:`orgraph.render.dot.html_text`.

Examples
--------
>>> from orgraph import load
>>> src = to_pinned_dot(load("examples/minimal.yaml"))
>>> 'label="Rådmann"' in src and 'pos="' in src
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from orgraph._collect import paused_cycle_collection
from orgraph.errors import RenderError
from orgraph.layout.boxes import BoxSpec, box_specs
from orgraph.layout.chart import ChartTree, chart_tree
from orgraph.layout.draft import DRAFT_ABOVE
from orgraph.layout.fit import fit_layout
from orgraph.layout.overlay import overlay_routes
from orgraph.layout.pagefit import Frames, page_fitted
from orgraph.layout.teams import PAGE_PAD, fit_teams, pad_lists, team_lists, team_shapes
from orgraph.layout.text import line_height, text_width
from orgraph.layout.tree import Layout, Route
from orgraph.model import Organisation
from orgraph.render.dot import DEFAULT_WRAP
from orgraph.render.drawable import check_drawable
from orgraph.render.labels import html_text
from orgraph.render.legend import Legend
from orgraph.render.options import chart_title, check_options, parse_show
from orgraph.render.pinned_labels import box_label, dot_string, escaped
from orgraph.render.select import select
from orgraph.render.style import EDGE_STYLE, TEXT, edge_style

if TYPE_CHECKING:
    from orgraph.render.marks import Marks

__all__ = ["ARROW_LENGTH", "MARGIN", "TITLE_SIZE", "bounding_box", "chart_statements",
           "dot_string", "drawn_size", "graph_statements", "pinned_layout", "title_statement",
           "to_pinned_dot"]

#: Length of an arrowhead in points (Graphviz's 10 pt times the chart's arrowsize 0.7).
ARROW_LENGTH = 7.0
#: Space round the drawing, in points.
MARGIN = 12.0
#: Size of a chart's title, in points.
TITLE_SIZE = 16.0
_NODE_DEFAULTS = ('node [fixedsize=true fontname=Arial fontsize=12 margin=0 '
                  'style=filled fillcolor=white]')
_EDGE_DEFAULTS = "edge [arrowsize=0.7 fontname=Arial fontsize=10]"


#: One box's statement (printf-style: faster than an f-string for its floats).
_NODE = '\t"%s" [%s pos="%.2f,%.2f!" width="%.4f" height="%.4f"%s label=%s]'

_BB = re.compile(r'bb="0,0,([\d.]+),([\d.]+)"')
_PAD = 7.2  # points: the graph's pad=0.1 (inches) on each side


def bounding_box(source: str) -> tuple[float, float] | None:
    """The (width, height) in points that pinned DOT declares, or ``None``.

    Examples
    --------
    >>> bounding_box('graph [bb="0,0,120.50,80"]')
    (120.5, 80.0)
    """
    found = _BB.search(source)
    return (float(found[1]), float(found[2])) if found else None


def drawn_size(source: str) -> tuple[float, float] | None:
    """The size of the engine's SVG of pinned DOT, known before drawing: the engine trims
    orgraph's margin and adds its pad (plus 6 pt of slack, so a page is never too small).

    Examples
    --------
    >>> drawn_size('graph [bb="0,0,100,50"]')
    (96.4, 46.4)
    """
    box = bounding_box(source)
    if box is None:
        return None
    extra = 2 * _PAD - 2 * MARGIN + 6.0
    return round(box[0] + extra, 2), round(box[1] + extra, 2)


@functools.lru_cache(maxsize=4096)
def _style_attrs(style: tuple[tuple[str, str], ...]) -> str:
    """The quoted ``key=value`` pairs of a legend style (its ``margin`` left out, the boxes
    are sized), once per style."""
    return " ".join(f"{k}={dot_string(str(v))}" for k, v in style if k != "margin")


def _attrs(pairs: Mapping[str, object]) -> str:
    out = []
    for key, value in pairs.items():
        text = str(value)
        if not (key == "label" and text.startswith(("<", '"'))):
            text = dot_string(text)
        out.append(f"{key}={text}")
    return "[" + " ".join(out) + "]"


@functools.lru_cache(maxsize=64)
def _edge_attrs(variant: str) -> tuple[str, bool]:
    """An edge variant's style as DOT ``key=value`` pairs (without ``constraint``, which
    pinned positions make moot), and whether it has an arrowhead."""
    style = edge_style(variant)
    arrow = style.get("arrowhead", "normal") != "none"
    return _attrs({k: v for k, v in style.items() if k != "constraint"})[1:-1], arrow


@functools.lru_cache(maxsize=64)
def _branch_attrs(variant: str) -> tuple[str, bool]:
    """:func:`_edge_attrs` for an overlay that ends on its bundle's trunk: no arrowhead.

    >>> _branch_attrs("dotted")
    ('style="dashed" arrowhead="none" color="#333333" class="dotted"', False)
    """
    style = {k: v for k, v in edge_style(variant).items() if k != "constraint"}
    style["arrowhead"] = "none"
    return _attrs(style)[1:-1], False


def _spline(points: tuple[tuple[float, float], ...], left: float, top: float,
            arrow: bool) -> str:
    """A polyline as Graphviz's edge ``pos``: shifted by (``left``, ``top``), y flipped, the
    last segment shortened by the arrowhead, which ends at the ``e`` point.

    Examples
    --------
    >>> _spline(((0, 0), (0, 20)), 10, 100, True)
    'e,10.00,80.00 10.00,100.00 10.00,100.00 10.00,87.00 10.00,87.00'
    """
    # printf-style formatting: measurably faster than f-strings for floats, same digits
    last = len(points) - 1
    px, py = points[last]
    bx, by = px + left, top - py
    if not last:
        return "%.2f,%.2f" % (bx, by)  # noqa: UP031
    prefix = ""
    if arrow:
        qx, qy = points[last - 1]
        dx, dy = bx - (qx + left), by - (top - qy)
        length = max(abs(dx), abs(dy))
        cut = min(ARROW_LENGTH, length * 0.9)
        prefix = "e,%.2f,%.2f " % (bx, by)  # noqa: UP031
        length = length or 1.0
        bx, by = bx - dx / length * cut, by - dy / length * cut
    end = "%.2f,%.2f" % (bx, by)  # noqa: UP031
    # segment P→Q is the cubic P,P,Q,Q: the first point twice, the inner ones three times
    x0, y0 = points[0]
    first = "%.2f,%.2f" % (x0 + left, top - y0)  # noqa: UP031
    if last == 1:
        return f"{prefix}{first} {first} {end} {end}"
    inner = "".join([" %.2f,%.2f" % (x + left, top - y) * 3  # noqa: UP031
                     for x, y in points[1:last]])
    return f"{prefix}{first} {first}{inner} {end} {end}"


def pinned_layout(org: Organisation, *, lang: str = "no", expand: bool = False,
                  show: str | Collection[str] | None = None, root: str | None = None,
                  depth: int | None = None, wrap: int = DEFAULT_WRAP,
                  cut: Collection[str] = (), captions: Mapping[str, str] | None = None,
                  links: Mapping[str, str] | None = None, max_aspect: float = 3.0,
                  min_aspect: float = 0.5, teams: str = "boxes",
                  frames: Frames | None = None, draft_above: float = DRAFT_ABOVE,
                  ) -> tuple[Layout, dict, object, list]:
    """Measure, build and place the chart: ``(layout, specs by node, tree, overlays)``.

    The layout's ``boxes`` hold the box centres in points, y down, without the margin and
    the title; :func:`to_pinned_dot` adds both. With ``teams="lists"`` a manager's leaf
    reports are one list box (:mod:`orgraph.layout.teams`), held in the specs under the
    list's box name; ``frames``: the page's drawing area (width, height) in each orientation
    it may take, for a large chart to fill (:mod:`orgraph.layout.pagefit`). A chart of more
    than ``draft_above`` boxes is placed by rule in linear time (:mod:`orgraph.layout.draft`).

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> lay, specs, tree, overlays = pinned_layout(org)
    >>> lay.boxes["kommunestyre"][:2], tree.roots, [o.relation for o in overlays]
    ((109.031, 12.2), ['kommunestyre'], ['dotted'])
    >>> sorted(pinned_layout(org, root="radmann", depth=1)[0].boxes)
    ['barnehager', 'kommunalsjef', 'okonomi', 'personal', 'radmann', 'skole']
    """
    with paused_cycle_collection():
        return _pinned_layout(org, lang, expand, show, root, depth, wrap, cut, captions, links,
                              (min_aspect, max_aspect), teams == "lists", frames, draft_above)


def _pinned_layout(org: Organisation, lang: str, expand: bool,
                   show: str | Collection[str] | None, root: str | None, depth: int | None,
                   wrap: int, cut: Collection[str], captions: Mapping[str, str] | None,
                   links: Mapping[str, str] | None, aspects: tuple[float, float],
                   lists: bool = False, frames: Frames | None = None,
                   draft_above: float = DRAFT_ABOVE,
                   ) -> tuple[Layout, dict, object, list]:
    shown = parse_show(show)
    kinds = check_options(org, lang, root, depth, wrap)
    nodes, collapsed = select(org, kinds, root, depth, shown, **({"cut": cut} if cut else {}))
    check_drawable(org, nodes, expand=expand)
    specs = box_specs(org, nodes, kinds, collapsed, lang=lang, expand=expand,
                      captions=captions, links=links)
    tree = chart_tree(org, nodes, kinds, specs)
    made = team_lists(org, tree, specs, kinds, lang=lang, captions=captions) if lists else {}
    if made and frames and page_fitted(len(tree.items)):  # (the others keep their boxes)
        pad_lists(made, tree.items, PAGE_PAD)
    lay = fit_layout(tree.items, tree.roots, wrap=wrap, min_aspect=aspects[0],
                     max_aspect=aspects[1], shapes=team_shapes(made), frames=frames,
                     draft_above=draft_above)
    fit_teams(made, lay.boxes)
    lay.routes = [r for r in lay.routes if r.head not in tree.unlinked]  # bodies: no line
    drawn = {(u, v) for u, v, _ in tree.edge_of.values()}
    overlays = overlay_routes(org, nodes, specs, lay, shown, drawn)
    return lay, specs, tree, overlays


def to_pinned_dot(org: Organisation, *, lang: str = "no", expand: bool = False,
                  legend: bool = False, show: str | Collection[str] | None = None,
                  root: str | None = None, depth: int | None = None,
                  wrap: int = DEFAULT_WRAP, cut: Collection[str] = (),
                  captions: Mapping[str, str] | None = None,
                  links: Mapping[str, str] | None = None, max_aspect: float = 3.0,
                  size: tuple[float, float] | None = None,
                  marks: Marks | None = None, min_aspect: float = 0.5,
                  teams: str = "boxes", frames: Frames | None = None,
                  draft_above: float = DRAFT_ABOVE) -> str:
    """Return DOT with pinned positions and routes, to be drawn by ``neato -n2``.

    Parameters are those of :func:`orgraph.render.dot.to_dot`, and:

    cut : collection of str
        Nodes drawn as counted boxes with nothing drawn below them (pages of a book).
    captions, links : mapping, optional
        An extra line of text, and a link target (SVG/PDF link), per node.
    max_aspect, min_aspect : float
        The widest and the narrowest width ÷ height the layout may keep before it folds.
    size : (float, float), optional
        Scale the drawing down to fit this many points (width, height).
    marks : Marks, optional
        Changes to mark on the boxes and lines (:mod:`orgraph.render.marks`), with their
        rows in the legend.
    teams : {"boxes", "lists"}
        A box per person, or a manager's leaf reports as one list (:mod:`orgraph.layout.teams`).
    frames : sequence of (float, float), optional
        The page's drawing area (width, height, points) in each orientation it may take
        (:func:`orgraph.render.page_frames`): a large chart is fitted to give it the largest
        text there.
    draft_above : float
        Charts of more boxes than this (default :data:`~orgraph.layout.draft.DRAFT_ABOVE`,
        15,000) are placed by rule in linear time, not by the search for the most compact
        forms (:mod:`orgraph.layout.draft`); ``0`` always, ``math.inf`` never.

    Examples
    --------
    >>> from orgraph import load
    >>> src = to_pinned_dot(load("examples/minimal.yaml"), legend=True)
    >>> src.count("fixedsize=true") >= 1 and "e," in src
    True
    """
    if marks is not None and teams == "lists":
        raise RenderError("changes are marked on every person's own box: draw a before/after "
                          "chart with teams='boxes'")
    # one pause for the whole chart: the collector resumes when its objects are freed, so its
    # first pass does not scan them all (a third of a second at 100,000 units)
    with paused_cycle_collection():
        return _pinned_dot(org, lang, expand, legend, show, root, depth, wrap, cut, captions,
                           links, max_aspect, size, marks, min_aspect, teams, frames,
                           draft_above)


def _pinned_dot(org: Organisation, lang: str, expand: bool, legend: bool,
                show: str | Collection[str] | None, root: str | None, depth: int | None,
                wrap: int, cut: Collection[str], captions: Mapping[str, str] | None,
                links: Mapping[str, str] | None, max_aspect: float,
                size: tuple[float, float] | None, marks: Marks | None,
                min_aspect: float, teams: str, frames: Frames | None = None,
                draft_above: float = DRAFT_ABOVE) -> str:
    words = TEXT[lang]
    title = chart_title(org, lang)
    title_h = line_height(TITLE_SIZE) + 10.0 if title else 0.0
    if frames:  # the layout's share of the page: without the margins and the title
        frames = [(w - 2 * MARGIN, h - 2 * MARGIN - title_h) for w, h in frames]
    lay, specs, tree, overlays = pinned_layout(
        org, lang=lang, expand=expand, show=show, root=root, depth=depth, wrap=wrap, cut=cut,
        captions=captions, links=links, max_aspect=max_aspect, min_aspect=min_aspect,
        teams=teams, frames=frames, draft_above=draft_above)
    if marks is not None:
        marks.restyle(specs)
    key = Legend.of(org, specs, tree, overlays, words) if legend else None
    if key and marks is not None:
        key.marks = marks.legend_rows(lang)
    extra_w, extra_h = key.size() if key else (0.0, 0.0)
    height = MARGIN + title_h + max(lay.height, extra_h) + MARGIN
    width = max(lay.width + extra_w, text_width(title, TITLE_SIZE, bold=True)) + 2 * MARGIN
    top = height - MARGIN - title_h  # DOT y of the layout's y = 0
    lines = ["digraph orgraph {", *graph_statements(width, height, size)]
    if title:
        lines.append(title_statement("~title", title, width / 2, height - MARGIN - title_h / 2))
    lines += chart_statements(org, lay, specs, tree, overlays, lang, left=MARGIN, top=top,
                              marks=marks)
    if key:
        lines.extend(key.statements(MARGIN + lay.width, top, words["legend"]))
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_statements(width: float, height: float,
                     size: tuple[float, float] | None = None) -> list[str]:
    """The graph and default statements of a pinned drawing ``width`` × ``height`` points.

    Examples
    --------
    >>> graph_statements(100, 50)[0].split(" bb=")[1]
    '"0,0,100.00,50.00"]'
    """
    return [f'\tgraph [bgcolor=white fontname=Arial outputorder=edgesfirst pad=0.1 '
            f'bb="0,0,{width:.2f},{height:.2f}"'
            + (f' size="{size[0] / 72:.3f},{size[1] / 72:.3f}"' if size else "") + "]",
            f"\t{_NODE_DEFAULTS}", f"\t{_EDGE_DEFAULTS}"]


def title_statement(name: str, title: str, x: float, y: float,
                    font_size: float = TITLE_SIZE) -> str:
    """A bold title centred at (x, y), DOT coordinates; ``name`` is its node's name.

    Examples
    --------
    >>> "<b>A &amp; B</b>" in title_statement("~title", "A & B", 50, 20)
    True
    """
    tw = text_width(title, font_size, bold=True) + 4
    h = line_height(font_size) + 10.0
    label = (f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="0"><tr>'
             f'<td align="left" width="{tw:.1f}" fixedsize="true"><b>{html_text(title)}</b>'
             f'</td></tr></table>>')
    return (f'\t{dot_string(name)} [shape=plaintext style="" fontsize={font_size:g} '
            f'class=title pos="{x:.2f},{y:.2f}!" width={tw / 72:.4f} height={h / 72:.4f} '
            f'label={label}]')


def chart_statements(org: Organisation, lay: Layout, specs: Mapping[str, list[BoxSpec]],
                     tree: ChartTree, overlays: list, lang: str, *, left: float, top: float,
                     marks: Marks | None = None) -> list[str]:
    """The node and edge statements of one laid-out chart (:func:`pinned_layout`), its
    layout's origin at DOT point (``left``, ``top``); ``marks`` restyles changed lines.

    Examples
    --------
    DOT's y runs up: a box centre at (109.031, 12.2) from the origin (10, 20) is pinned at
    (119.03, 7.80):

    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> lay, specs, tree, overlays = pinned_layout(org)
    >>> lines = chart_statements(org, lay, specs, tree, overlays, "no", left=10, top=20)
    >>> sum("->" in s for s in lines), sum("->" not in s for s in lines)  # edges, boxes
    (9, 9)
    >>> print(lines[0])  # doctest: +ELLIPSIS
    "kommunestyre" [... pos="119.03,7.80!" ... label="Kommunestyret"]
    """
    names: dict[str, str] = {}  # box name → as it goes between quotes, escaped once
    lines = _node_statements(lay, specs, left, top, names)
    words = TEXT[lang]
    owner = {s.name: s.node for boxes in specs.values() for s in boxes} if marks else {}
    edge_of = tree.edge_of
    styles: dict[str, tuple[str, str, bool]] = {}  # relation → variant, style, arrow
    plain = marks is None
    for route in lay.routes:
        if type(route) is not Route:
            rel = getattr(route, "relation", None)
            head_node = None
            if rel is None:
                _, head_node, rel = edge_of[(route.tail, route.head)]
            lines.append(_edge_statement(org, route, rel, head_node, words, left, top,
                                         marks, owner))
            continue
        _, head_node, rel = edge_of[(route.tail, route.head)]
        if not plain or rel == "staff":
            lines.append(_edge_statement(org, route, rel, head_node, words, left, top,
                                         marks, owner))
            continue
        found = styles.get(rel)
        if found is None:
            variant = _variant(org, rel, None)
            found = styles[rel] = (variant, *_edge_attrs(variant))
        variant, style, arrow = found  # the common line: its style written once per variant
        tail, head = names.get(route.tail), names.get(route.head)
        if tail is None or head is None:
            tail, head = escaped(route.tail), escaped(route.head)
        lines.append(f'\t"{tail}" -> "{head}" [{style} pos="'
                     f'{_spline(route.points, left, top, arrow)}" '
                     f'id="{variant}:{tail}->{head}"]')
    lines += [_edge_statement(org, r, r.relation, None, words, left, top, marks, owner)
              for r in overlays]
    return lines


def _edge_statement(org: Organisation, route: Route, rel: str, head_node: str | None,
                    words: Mapping[str, str], left: float, top: float, marks: Marks | None,
                    owner: Mapping[str, str]) -> str:
    """One edge's statement: its variant's style, route, id, label and marks."""
    variant = _variant(org, rel, head_node)
    branch = not getattr(route, "arrow", True)  # an overlay joining its bundle's trunk
    style, arrow = _branch_attrs(variant) if branch else _edge_attrs(variant)
    pos = _spline(route.points, left, top, arrow)
    tail, head = escaped(route.tail), escaped(route.head)
    ends = f'\t"{tail}" -> "{head}"'
    label = getattr(route, "label", None)
    if marks is None and not label:  # the common line: its style written once per variant
        return f'{ends} [{style} pos="{pos}" id="{variant}:{tail}->{head}"]'
    pairs: dict[str, str] = {k: v for k, v in edge_style(variant).items()
                             if k != "constraint"}
    if branch:
        pairs["arrowhead"] = "none"
    pairs["pos"] = pos
    pairs["id"] = f"{variant}:{route.tail}->{route.head}"
    if label:
        pairs["label"] = f'"{escaped(words[label])}"'
        x, y = getattr(route, "label_at", None) or route.points[len(route.points) // 2]
        pairs["lp"] = f"{x + left:.2f},{top - y:.2f}"
    if marks is not None:
        marks.restyle_edge(owner[route.head], pairs, tail=owner.get(route.tail))
    return f"{ends} {_attrs(pairs)}"


def _node_statements(lay: Layout, specs: Mapping[str, list[BoxSpec]], left: float,
                     top: float, names: dict[str, str] | None = None) -> list[str]:
    """One statement per box: its style, pinned centre, size (its ring drawn outside),
    link and label; ``names`` gets every box's escaped name."""
    lines = []
    names = {} if names is None else names
    boxes_at = lay.boxes
    for boxes in specs.values():
        for spec in boxes:
            cx, cy, w, h = boxes_at[spec.name]
            if spec.ring:
                w, h = w - 2 * spec.ring, h - 2 * spec.ring  # the ring is drawn outside
            style = _style_attrs(tuple(spec.attrs.items()))
            url = f" URL={dot_string(spec.url)}" if spec.url else ""
            name = names[spec.name] = escaped(spec.name)
            lines.append(_NODE % (name, style, cx + left, top - cy, w / 72, h / 72, url,
                                  box_label(spec)))
    return lines


def _variant(org: Organisation, relation: str, head: str | None) -> str:
    if relation == "staff" and head is not None and org.nodes[head].get("instructs"):
        return "staff_instructs"
    if relation not in EDGE_STYLE:
        raise RenderError(f"no line style for relation {relation!r}")
    return relation
