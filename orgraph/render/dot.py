"""Organisation → DOT source: a pure function of the graph and the legend table.

No process runs here and no file is touched: :func:`to_dot` returns a string. Node ids are
the DOT node names (ids outside ``[A-Za-z0-9_./-]`` are hex-encoded, see :func:`dot_name`);
every text that reaches the chart goes through :func:`html_text`, so a label can neither end
the DOT string nor inject markup into SVG.

Each style of the legend table is written once per run of statements that share it, as the
``node [...]``/``edge [...]`` defaults of an anonymous ``{ ... }`` block, so a statement
carries only its own label, id or group: fewer attributes to quote, the same chart.

Layout devices (all plain ``dot``):

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

import contextlib
import functools
import itertools
import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping

import graphviz
import graphviz.quoting

from orgraph.language import resolve_language
from orgraph.model import Category, Kind, Organisation, Relation, category_of
from orgraph.render.drawable import check_drawable, short_label
from orgraph.render.expand import expand_aggregate
from orgraph.render.labels import (
    COLUMN_ITEM_WIDTH,
    ITEM_WIDTH,
    TWO_COLUMNS_ABOVE,
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
    POINT_STYLE,
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
    half = math.ceil(len(items) / 2)
    columns = [_bullets(items[:half], COLUMN_ITEM_WIDTH),
               _bullets(items[half:], COLUMN_ITEM_WIDTH)]
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
    captions = captions or {}
    links = links or {}
    visible = set(nodes)

    graph = graphviz.Digraph(name="orgraph")
    graph.body += [_defaults("graph", _key(GRAPH_ATTR)), _defaults("node", _key(NODE_DEFAULTS)),
                   _defaults("edge", _key(EDGE_DEFAULTS))]
    title = _title(org, lang)
    if title:
        graph.attr(label=_label([title], bold_first=True))

    # 1. who hangs where -------------------------------------------------------------------
    staff_of: dict[str, list[str]] = {}
    for u, v in org.edges_of(Relation.STAFF):
        if u in visible and v in visible:
            staff_of.setdefault(u, []).append(v)
    tree_children: dict[str, list[str]] = {}
    for u, v, rel in org.edges(data="relation"):
        if rel in TREE_RELATIONS and u in visible and v in visible:
            tree_children.setdefault(u, []).append(v)

    # 2. nodes ---------------------------------------------------------------------------
    node_stmts: list[tuple[dict[str, str], str, dict[str, str]]] = []
    drawn: dict[str, list[str]] = {}
    for node in nodes:
        kind = kinds[node]
        data = org.nodes[node]
        text = short_label(org.label(node, lang), node)
        name = dot_name(node)
        items = [short_label(str(i), node) for i in data.get("items") or []]
        count = data.get("count")
        if kind is Kind.UNIT_GROUP and expand and items:
            drawn[node] = []
            item_style = node_style(Kind.UNIT)
            item_style["class"] += " expanded"
            boxes, rest = expand_aggregate(data)
            for i, (item, _) in enumerate(boxes):
                node_stmts.append((item_style, f"{name}~{i}",
                                   {"label": _label(_lines(item, _LABEL_WIDTH))}))
                drawn[node].append(f"{name}~{i}")
            if rest:
                node_stmts.append((node_style(Kind.UNIT_GROUP), f"{name}~more", {
                    "label": _label([f"+{rest} {words['more']}",
                                     *_lines(text, _LABEL_WIDTH)])}))
                drawn[node].append(f"{name}~more")
            continue
        attrs = node_style(kind, text)
        width = _STAFF_LABEL_WIDTH if kind is Kind.STAFF else _LABEL_WIDTH
        if kind is Kind.STAFF and items:  # a staff box for several units (Støtteenheter)
            label = _aggregate_label(text, items)
        elif kind is Kind.UNIT_GROUP:
            named = count is not None and re.search(rf"(^|\s){count}(\s|$)", text)
            head = text if count is None or named else f"{text} ({count})"
            label = _aggregate_label(head, items)
        else:
            if count is not None and not re.search(rf"(^|\s){count}(\s|$)", text):
                text = f"{text} ({count})"  # a counted box (e.g. four committees)
            lines = _lines(text, width)
            if node in collapsed:
                lines.append(f"+{collapsed[node]} {words['units']} {words['below']}")
                attrs["peripheries"] = "2"
                attrs["class"] += " collapsed"
            if captions.get(node):
                lines.append(captions[node])
            label = _label(lines)
        own = {"label": label}
        if links.get(node):
            own["URL"] = graphviz.nohtml(links[node])  # a URL in <...> is no HTML label
        if node in staff_of:  # the manager's line runs straight down to its staff junction
            own["group"] = name
        node_stmts.append((attrs, name, own))
        drawn[node] = [name]
    _emit_nodes(graph, node_stmts)

    junction: dict[str, str] = {}
    for manager, staff in staff_of.items():
        mname = dot_name(manager)
        jname = f"~j~{mname}"
        junction[manager] = jname
        with _block(graph, node=POINT_STYLE, edge={**edge_style("trunk"), "weight": "100"}):
            graph.node(jname, group=mname)
            graph.edge(mname, jname)
        with _block(graph, rank="same"):  # the edges put the junction and staff in it
            for i, member in enumerate(staff):
                variant = edge_variant(Relation.STAFF,
                                       instructs=bool(org.nodes[member].get("instructs")))
                attrs = {**edge_style(variant), "id": f"{variant}:{mname}->{dot_name(member)}"}
                for target in drawn[member]:
                    if i % 2 == 0:  # right of the line
                        graph.edge(jname, target, **attrs)
                    else:  # left of the line: reversed edge, arrow kept at the staff unit
                        attrs_left = {**attrs, "dir": "back",
                                      "arrowtail": attrs["arrowhead"], "arrowhead": "none"}
                        graph.edge(target, jname, **attrs_left)

    # 3. line, delegation and dotted edges; leaves stacked into columns --------------------
    stacked: set[tuple[str, str]] = set()
    for parent, kids in tree_children.items():
        leaves = [k for k in kids if org.edges[parent, k]["relation"] == Relation.LINE.value
                  and not tree_children.get(k)]
        targets = [t for k in leaves for t in drawn[k]]
        if len(targets) <= wrap:
            continue
        rows = math.ceil(len(targets) / wrap)
        cols = math.ceil(len(targets) / rows)
        source = junction.get(parent, dot_name(parent))
        owner = {t: k for k in leaves for t in drawn[k]}
        grid = [targets[c * rows:(c + 1) * rows] for c in range(cols)]
        pname = dot_name(parent)
        for c, column in enumerate(grid):  # one vertical line of points per column
            points = [f"~c~{pname}~{c}~{r}" for r in range(len(column))]
            with _block(graph, node={**POINT_STYLE, "group": f"~c~{pname}~{c}"},
                        edge={**edge_style("trunk"), "weight": "10"}):
                graph.edge(source, points[0], weight="1")  # the points are made by the edges
                graph.edges(itertools.pairwise(points))
        for r in range(rows):  # one rank per row, ordered point, unit, point, unit, ...
            with _block(graph, rank="same", edge={**edge_style("line"), "weight": "50"}):
                previous = None
                for c, column in enumerate(grid):
                    if r >= len(column):
                        continue
                    point, target = f"~c~{pname}~{c}~{r}", column[r]
                    if previous is not None:
                        graph.edge(previous, point, **edge_style("row"), weight="1")
                    graph.edge(point, target, id=f"line:{pname}->{target}")
                    previous = target
        stacked.update((parent, owner[t]) for t in targets)

    edge_stmts: list[tuple[dict[str, str], str, str, dict[str, str]]] = []
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
                edge_stmts.append((attrs, t, h, {"id": f"{variant}:{dot_name(u)}->{h}"}))

    # 4. political bodies above the CAO ----------------------------------------------------
    political = [n for n in nodes if category_of(kinds[n]) is Category.POLITICAL]
    lowest = [p for p in political
              if not any(category_of(kinds[c]) is Category.POLITICAL
                         for c in tree_children.get(p, []))]
    caos = [n for n in nodes if kinds[n] is Kind.CAO]
    for cao in caos:
        for body in lowest:
            edge_stmts.append((edge_style("rank"), dot_name(body), dot_name(cao), {}))
    _emit_edges(graph, edge_stmts)

    # 5. nodes nothing visible hangs them on (support units that only serve): beside the CAO
    hung = {v for v in nodes for u in org.predecessors(v) if u in visible
            and org.edges[u, v].get("relation") in TREE_RELATIONS | {Relation.DOTTED.value}}
    loose = [n for n in nodes if n not in hung and n not in caos and category_of(
        kinds[n]) in (Category.STAFF, Category.PERFORMANCE, Category.CHIEF_EXECUTIVE)]
    if caos and loose:
        with _block(graph, rank="same"):
            graph.node(dot_name(caos[0]))
            for n in loose:
                for name in drawn[n]:
                    graph.node(name)
    if len(graph.body) > ORTHO_MAX_LINES:  # right-angled routing costs too much when large
        graph.attr(splines="polyline")
    if legend:
        _add_legend(graph, words)
    return graph.source


@contextlib.contextmanager
def _block(graph: graphviz.Digraph, *, node: dict[str, str] | None = None,
           edge: dict[str, str] | None = None, **attrs: str) -> Iterator[None]:
    """Write an anonymous subgraph ``{ ... }`` into ``graph``: ``node``/``edge`` are default
    attributes for the statements written inside (DOT scopes them to the braces), ``attrs``
    its own attributes (``rank="same"``). Only the braces bypass the graphviz package;
    every name and value still goes through its quoting."""
    graph.body.append("\t{\n")
    if attrs:
        graph.body.append(_defaults("graph", _key(attrs)))
    if node:
        graph.body.append(_defaults("node", _key(node)))
    if edge:
        graph.body.append(_defaults("edge", _key(edge)))
    yield
    graph.body.append("\t}\n")


@functools.lru_cache(maxsize=1024)
def _defaults(what: str, style: tuple[tuple[str, str], ...]) -> str:
    """The ``graph|node|edge [...]`` statement of a style, quoted by the graphviz package
    once per style rather than once per chart (the table's rows recur in every chart)."""
    return f"\t{what}{graphviz.quoting.attr_list(attributes=style)}\n"


def _key(style: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(style.items()))


def _emit_nodes(graph: graphviz.Digraph,
                stmts: list[tuple[dict[str, str], str, dict[str, str]]]) -> None:
    """Write node statements in order; a run of nodes with one style shares a subgraph
    whose ``node [...]`` carries the style, so each statement carries only its label."""
    for _, group in itertools.groupby(stmts, key=lambda s: _key(s[0])):
        run = list(group)
        with _block(graph, node=run[0][0]):
            for _, name, own in run:
                graph.node(name, **own)


def _emit_edges(graph: graphviz.Digraph,
                stmts: list[tuple[dict[str, str], str, str, dict[str, str]]]) -> None:
    """Write edge statements in order; a run with one style shares an ``edge [...]``."""
    for _, group in itertools.groupby(stmts, key=lambda s: _key(s[0])):
        run = list(group)
        with _block(graph, edge=run[0][0]):
            for _, tail, head, own in run:
                graph.edge(tail, head, **own)


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
