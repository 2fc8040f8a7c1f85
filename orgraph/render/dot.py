"""Organisation → DOT source: a pure function of the graph and the legend table.

No process runs here and no file is touched: :func:`to_dot` returns a string. Node ids are
the DOT node names (ids outside ``[A-Za-z0-9_./-]`` are hex-encoded, see :func:`dot_name`);
every text that reaches the chart goes through :func:`html_text`, so a label can neither end
the DOT string nor inject markup into SVG.

Each style of the legend table is written once per run of statements that share it, as the
``node [...]``/``edge [...]`` defaults of an anonymous ``{ ... }`` block, so a statement
carries only its own label, id or group: fewer attributes to quote, the same chart
(:mod:`orgraph.render.dot_blocks`).

Layout devices (all plain ``dot``, in :mod:`orgraph.render.dot_devices`):

* political bodies are ranked above the CAO (invisible edges from each lowest political
  body to the CAO);
* staff units hang beside the line of the manager they serve: the manager's line runs down
  to an invisible junction point, and the junction and the staff units share one rank
  (``rank=same``), while the manager and the junction share a ``group`` so the line stays
  straight; the manager's subordinates hang from the junction, one rank further down;
* more than ``wrap`` leaf units under one manager are stacked in columns, each column a
  vertical line of junction points with the units hanging off it, instead of one very wide
  rank.

Examples
--------
>>> from orgraph import load
>>> source = to_dot(load("examples/minimal.yaml"))
>>> source.startswith("digraph")
True
>>> 'radmann [label=<Rådmann>' in source
True
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

import graphviz

from orgraph.language import resolve_language
from orgraph.model import Kind, Organisation, Relation, box_label
from orgraph.render.dot_blocks import (
    EdgeStatement,
    NodeStatement,
    defaults,
    emit_edges,
    emit_nodes,
    style_key,
)
from orgraph.render.dot_devices import (
    hang_loose,
    hang_staff,
    loose_nodes,
    political_ranks,
    stack_leaves,
)
from orgraph.render.drawable import check_drawable, short_label
from orgraph.render.expand import expand_aggregate
from orgraph.render.hidden import collapsed_line
from orgraph.render.labels import (
    COLUMN_ITEM_WIDTH,
    ITEM_WIDTH,
    TWO_COLUMNS_ABOVE,
    bullet_columns,
    dot_name,
    html_text,
)
from orgraph.render.labels import LABEL_WIDTH as _LABEL_WIDTH
from orgraph.render.labels import STAFF_LABEL_WIDTH as _STAFF_LABEL_WIDTH
from orgraph.render.labels import balanced as _balanced
from orgraph.render.labels import bullets as _bullets
from orgraph.render.labels import wrap_lines as _lines
from orgraph.render.options import chart_title as _title
from orgraph.render.options import check_options as _check
from orgraph.render.options import parse_show
from orgraph.render.select import LEVEL_RELATIONS, TREE_RELATIONS, select
from orgraph.render.style import (
    EDGE_DEFAULTS,
    EDGE_STYLE,
    GRAPH_ATTR,
    HIDDEN_UNLESS,
    NODE_DEFAULTS,
    TEXT,
    edge_style,
    edge_variant,
    node_style,
)

__all__ = ["COLUMN_ITEM_WIDTH", "DEFAULT_WRAP", "ITEM_WIDTH", "TWO_COLUMNS_ABOVE", "dot_name",
           "html_text", "parse_show", "to_dot"]

#: Leaf units under one manager beyond this number are stacked into columns.
DEFAULT_WRAP = 6
#: Charts with more DOT statements than this get polyline instead of right-angled edges.
ORTHO_MAX_LINES = 1500
_COLUMN_GAP = 14  # points between the two columns of an aggregate


def _text(lines: Iterable[str], *, bold: int = 0, align: str = "") -> str:
    """Escape and join lines for an HTML-like label; the first ``bold`` lines in bold
    (``align="left"`` for bullet lists: every line, the last included, flush left)."""
    brk = f'<br align="{align}"/>' if align else "<br/>"
    parts = [html_text(x) for x in lines]
    for i in range(min(bold, len(parts))):
        parts[i] = f"<b>{parts[i]}</b>"
    return brk.join(parts) + (brk if align and len(parts) > 1 else "")


def _label(lines: Iterable[str], *, bold_first: bool = False, align: str = "") -> str:
    """Join escaped lines into an HTML-like label (``align="left"`` for bullet lists)."""
    return f"<{_text(lines, bold=int(bold_first), align=align)}>"


def _aggregate_label(head: str, items: list[str]) -> str:
    """An aggregate's box: its heading in bold, then its items as bullets.

    Long items wrap at :data:`ITEM_WIDTH` characters with a hanging indent; more than
    :data:`TWO_COLUMNS_ABOVE` items are listed in two columns (an HTML-like table, top to
    bottom, then the second column). The heading wraps at word boundaries to the width of
    the items below it (at least a normal box's width), so it never widens the box.
    """
    if not items:
        heading = _balanced(head, _LABEL_WIDTH)
        return f"<{_text(heading, bold=len(heading))}>"
    if len(items) <= TWO_COLUMNS_ABOVE:
        bullets = _bullets(items, ITEM_WIDTH)
        heading = _balanced(head, max(_LABEL_WIDTH, max(map(len, bullets))))
        return f"<{_text([*heading, *bullets], bold=len(heading), align='left')}>"
    columns = bullet_columns(items, COLUMN_ITEM_WIDTH)
    heading = _balanced(head, max(_LABEL_WIDTH, sum(max(map(len, c)) for c in columns)))
    cell = '<td align="left" valign="top">'
    return ('<<table border="0" cellborder="0" cellspacing="0" cellpadding="0">'
            f'<tr><td colspan="3" align="left">{_text(heading, bold=len(heading), align="left")}'
            f'</td></tr><tr>{cell}{_text(columns[0], align="left")}</td>'
            f'<td width="{_COLUMN_GAP}"></td>{cell}{_text(columns[1], align="left")}</td>'
            '</tr></table>>')


def to_dot(org: Organisation, *, lang: str | None = None, expand: bool = False,
           legend: bool = False, show: str | Collection[str] | None = None,
           root: str | None = None, depth: int | None = None,
           wrap: int = DEFAULT_WRAP, cut: Collection[str] = (),
           captions: Mapping[str, str] | None = None,
           links: Mapping[str, str] | None = None) -> str:
    """Return the DOT source of the organisation's chart in the legend of Vedlegg 1.

    Parameters
    ----------
    org : Organisation
        The organisation to draw; it is not changed.
    lang : {"no", "en"}, optional
        Label language: the file's own labels, or ``label_en`` where present; by default
        the chart's declared language, else English (:func:`orgraph.language.resolve_language`).
    expand : bool
        Draw one box per listed item of an aggregate (``unit_group``) instead of one box
        with its count and bullet list.
    legend : bool
        Add a legend box that explains the shapes and lines.
    show : str or collection of str, optional
        Extra relations to draw: ``"coordination"`` (coordination bodies and their
        members), ``"orders"`` (purchaser–provider orders and internal services), ``"all"``.
    root, depth : optional
        Draw only the part below node ``root``, ``depth`` levels deep; subtrees cut off are
        counted on the node they hang from.
    wrap : int
        Most leaf units side by side under one manager before they stack into columns.
    cut : collection of str
        Nodes drawn with everything below them hidden and counted on them (as at ``depth``).
    captions : mapping, optional
        Node → one more line of text in its box (the chart book's "page 12"), last.
    links : mapping, optional
        Node → URL its box links to (``URL`` in DOT, an ``<a>`` around the box in SVG).

    Returns
    -------
    str
        DOT source; the same organisation and options always give the same text.

    Raises
    ------
    RenderError
        An unknown option value, or a ``root`` that is not in the organisation.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> src = to_dot(org, root="radmann", depth=0)
    >>> "kommunestyre" in src, "radmann" in src
    (False, True)
    >>> 'class=staff_instructs' in to_dot(org)
    True
    >>> src = to_dot(org, cut={"radmann"}, captions={"radmann": "7 under"},
    ...              links={"radmann": "#p2"})
    >>> 'radmann [label=<Rådmann<br/>+7 enheter under<br/>7 under> URL="#p2"' in src
    True
    """
    lang = resolve_language(org, lang)  # the chart's declared language unless lang is given
    shown = parse_show(show)
    kinds = _check(org, lang, root, depth, wrap)
    words = TEXT[lang]
    nodes, collapsed = select(org, kinds, root, depth, shown, cut)
    check_drawable(org, nodes, expand=expand)
    visible = set(nodes)
    graph = _new_graph(org, lang)
    staff_of, tree_children = _hangings(org, visible)
    node_stmts, drawn = _node_statements(org, nodes, kinds, lang, expand=expand,
                                         collapsed=collapsed, captions=captions or {},
                                         links=links or {}, managers=staff_of.keys())
    emit_nodes(graph, node_stmts)
    junction = hang_staff(graph, org, staff_of, drawn)
    stacked = stack_leaves(graph, org, tree_children, drawn, junction, wrap)
    edge_stmts = _edge_statements(org, visible, shown, words, drawn=drawn, junction=junction,
                                  stacked=stacked)
    caos = [n for n in nodes if kinds[n] is Kind.CAO]
    edge_stmts += political_ranks(nodes, kinds, tree_children, caos)
    emit_edges(graph, edge_stmts)
    hang_loose(graph, loose_nodes(org, nodes, kinds, caos), drawn, caos)
    if len(graph.body) > ORTHO_MAX_LINES:  # right-angled routing costs too much when large
        graph.attr(splines="polyline")
    if legend:
        _add_legend(graph, words)
    return graph.source


def _new_graph(org: Organisation, lang: str) -> graphviz.Digraph:
    """An empty chart: the style table's graph, node and edge defaults, and the title."""
    graph = graphviz.Digraph(name="orgraph")
    graph.body += [defaults("graph", style_key(GRAPH_ATTR)),
                   defaults("node", style_key(NODE_DEFAULTS)),
                   defaults("edge", style_key(EDGE_DEFAULTS))]
    title = _title(org, lang)
    if title:
        graph.attr(label=_label([title], bold_first=True))
    return graph


def _hangings(org: Organisation,
              visible: Collection[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Who hangs where among the visible nodes: manager → staff units, and node → its
    children by line and delegation (:data:`TREE_RELATIONS`), each in edge order."""
    staff_of: dict[str, list[str]] = {}
    for u, v in org.edges_of(Relation.STAFF):
        if u in visible and v in visible:
            staff_of.setdefault(u, []).append(v)
    tree_children: dict[str, list[str]] = {}
    for u, v, rel in org.edges(data="relation"):
        if rel in TREE_RELATIONS and u in visible and v in visible:
            tree_children.setdefault(u, []).append(v)
    return staff_of, tree_children


def _with_count(text: str, count: object) -> str:
    """``text`` with `` (count)`` added, unless ``count`` is ``None`` or already a word of it.

    Examples
    --------
    >>> _with_count("Skoler", 4), _with_count("4 skoler", 4), _with_count("Skoler", None)
    ('Skoler (4)', '4 skoler', 'Skoler')
    """
    if count is None or re.search(rf"(^|\s){count}(\s|$)", text):
        return text
    return f"{text} ({count})"


def _node_statements(org: Organisation, nodes: list[str], kinds: Mapping[str, Kind],
                     lang: str, *, expand: bool, collapsed: Mapping[str, int],
                     captions: Mapping[str, str], links: Mapping[str, str],
                     managers: Collection[str]) -> tuple[list[NodeStatement],
                                                         dict[str, list[str]]]:
    """The node statements of the chart, in node order, and node → its DOT names (one box,
    or one per item of an aggregate drawn expanded)."""
    words = TEXT[lang]
    stmts: list[NodeStatement] = []
    drawn: dict[str, list[str]] = {}
    visible = set(nodes)
    for node in nodes:
        kind = kinds[node]
        text = short_label(box_label(org.nodes[node], node, lang), node)
        items = [short_label(str(i), node) for i in org.nodes[node].get("items") or []]
        if kind is Kind.UNIT_GROUP and expand and items:
            boxes = _expanded_boxes(org.nodes[node], dot_name(node), text, words)
        else:
            boxes = [_box(node, kind, text, items, org.nodes[node].get("count"), words,
                          below=(collapsed_line(org, node, collapsed[node], visible, words)
                                 if node in collapsed else None), caption=captions.get(node),
                          link=links.get(node), manager=node in managers)]
        stmts += boxes
        drawn[node] = [name for _, name, _ in boxes]
    return stmts, drawn


def _expanded_boxes(data: Mapping[str, object], name: str, text: str,
                    words: Mapping[str, str]) -> list[NodeStatement]:
    """An aggregate drawn expanded: one unit box per listed item, then a box counting the
    items left out (:func:`~orgraph.render.expand.expand_aggregate`), if any."""
    item_style = node_style(Kind.UNIT)
    item_style["class"] += " expanded"
    boxes, rest = expand_aggregate(data)
    stmts: list[NodeStatement] = [
        (item_style, f"{name}~{i}", {"label": _label(_lines(item, _LABEL_WIDTH))})
        for i, (item, _) in enumerate(boxes)]
    if rest:
        stmts.append((node_style(Kind.UNIT_GROUP), f"{name}~more", {
            "label": _label([f"+{rest} {words['more']}", *_lines(text, _LABEL_WIDTH)])}))
    return stmts


def _box(node: str, kind: Kind, text: str, items: list[str], count: object,
         words: Mapping[str, str], *, below: str | None, caption: str | None,
         link: str | None, manager: bool) -> NodeStatement:
    """One node's box: its style, DOT name and label, with the line counting what is cut
    off ``below`` it (:func:`~orgraph.render.hidden.collapsed_line`), a ``caption`` line,
    a ``link`` and, for a ``manager`` with staff, the
    ``group`` that keeps its line to the staff junction straight."""
    attrs = node_style(kind, text)
    if kind is Kind.STAFF and items:  # a staff box for several units (Støtteenheter)
        label = _aggregate_label(text, items)
    elif kind is Kind.UNIT_GROUP:
        label = _aggregate_label(_with_count(text, count), items)
    else:  # a counted box (e.g. four committees) gets its count
        lines = _lines(_with_count(text, count),
                       _STAFF_LABEL_WIDTH if kind is Kind.STAFF else _LABEL_WIDTH)
        if below is not None:
            lines.append(below)
            attrs["peripheries"] = "2"
            attrs["class"] += " collapsed"
        if caption:
            lines.append(caption)
        label = _label(lines)
    name = dot_name(node)
    own = {"label": label}
    if link:
        own["URL"] = graphviz.nohtml(link)  # a URL in <...> is no HTML label
    if manager:  # the manager's line runs straight down to its staff junction
        own["group"] = name
    return attrs, name, own


def _edge_statements(org: Organisation, visible: Collection[str], shown: Collection[str],
                     words: Mapping[str, str], *, drawn: Mapping[str, list[str]],
                     junction: Mapping[str, str],
                     stacked: Collection[tuple[str, str]]) -> list[EdgeStatement]:
    """Line, delegation, dotted and shown edges between visible nodes, in edge order;
    not the staff edges (:func:`hang_staff`) nor the ``stacked`` ones (:func:`stack_leaves`).
    A level edge leaves a manager with staff from its junction."""
    stmts: list[EdgeStatement] = []
    for u, v, rel in org.edges(data="relation"):
        if u not in visible or v not in visible or (u, v) in stacked:
            continue
        if rel == Relation.STAFF.value:
            continue  # drawn beside the line above
        if rel in HIDDEN_UNLESS and HIDDEN_UNLESS[rel] not in shown and not (
                rel == Relation.MEMBER.value and org.nodes[u].get("shown")):
            continue  # a body marked shown is drawn with its member lines
        variant = edge_variant(rel)
        attrs = edge_style(variant)
        if variant in ("order", "service"):
            attrs["xlabel"] = _label([words[variant]])
        tail = junction.get(u, dot_name(u)) if rel in LEVEL_RELATIONS else dot_name(u)
        for t in drawn[u] if tail == dot_name(u) else [tail]:
            for h in drawn[v]:
                stmts.append((attrs, t, h, {"id": f"{variant}:{dot_name(u)}->{h}"}))
    return stmts


def _add_legend(graph: graphviz.Digraph, words: dict[str, str]) -> None:
    """A small cluster that explains shapes and lines with one sample of each."""
    with graph.subgraph(name="cluster_legend") as box:
        box.attr(label=_label([words["legend"]], bold_first=True), style="rounded",
                 color="#999999", fontsize="12")
        samples = {
            "~legend~political": (Kind.COUNCIL, words["political"]),
            "~legend~operating": (Kind.UNIT, words["operating"]),
            "~legend~staff": (Kind.STAFF, words["staff"]),
            "~legend~staffi": (Kind.STAFF, words["staff_instructs"]),
            "~legend~unit": (Kind.UNIT, words["operating"]),
        }
        for name, (kind, text) in samples.items():
            attrs = node_style(kind, text)
            attrs["class"] += " legend"
            box.node(name, label=_label(_lines(text, _STAFF_LABEL_WIDTH)), **attrs)
        box.edge("~legend~political", "~legend~operating", xlabel=_label([words["reporting"]]),
                 **EDGE_STYLE["line"], **{"class": "line legend"})
        box.edge("~legend~operating", "~legend~staff", **EDGE_STYLE["staff"],
                 **{"class": "staff legend"})
        box.edge("~legend~operating", "~legend~staffi", **EDGE_STYLE["staff_instructs"],
                 **{"class": "staff_instructs legend"})
        box.edge("~legend~operating", "~legend~unit", xlabel=_label([words["dotted"]]),
                 **{**EDGE_STYLE["dotted"], "constraint": "true"},
                 **{"class": "dotted legend"})
