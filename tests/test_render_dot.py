"""The DOT builder: the legend of Vedlegg 1 per chart, escaping, golden DOT (no engine)."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import pydot
import pytest

import orgraph
from orgraph.errors import RenderError
from orgraph.model import Category, Kind, category_of
from orgraph.render.dot import (
    COLUMN_ITEM_WIDTH,
    ITEM_WIDTH,
    TWO_COLUMNS_ABOVE,
    dot_name,
    to_dot,
)

ROOT = Path(__file__).resolve().parent.parent
CHARTS = [*sorted((ROOT / "charts").glob("*.yaml")), ROOT / "examples" / "minimal.yaml"]
FIXTURE = ROOT / "tests" / "fixtures" / "render_escaping.yaml"
GOLDEN = ROOT / "tests" / "golden" / "render_escaping.dot"
NBSP = "\u00a0"
HANG = NBSP * 3


@functools.lru_cache(maxsize=64)
def parse(source: str) -> pydot.Dot:
    (graph,) = pydot.graph_from_dot_data(source)
    return graph


def unq(value: str | None) -> str:
    return (value or "").strip('"')


@functools.lru_cache(maxsize=64)
def resolve(graph: pydot.Dot) -> tuple[dict[str, dict[str, str]],
                                       list[tuple[str, str, dict[str, str]]]]:
    """Every node's and edge's attributes as Graphviz reads the DOT, defaults included.

    Statements are read in order, subgraphs in place. A ``node [...]``/``edge [...]`` default
    holds to the end of its braces; a node takes the node defaults in scope where it first
    appears (its own statement or an edge end) and later statements only add attributes;
    an edge takes the edge defaults in scope.
    """
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []

    def walk(g: pydot.Graph, node_defaults: dict[str, str], edge_defaults: dict[str, str]
             ) -> None:
        node_defaults, edge_defaults = dict(node_defaults), dict(edge_defaults)
        statements = sorted([*g.get_nodes(), *g.get_edges(), *g.get_subgraphs()],
                            key=lambda obj: obj.obj_dict["sequence"])
        for obj in statements:
            if isinstance(obj, pydot.Subgraph):
                walk(obj, node_defaults, edge_defaults)
            elif isinstance(obj, pydot.Edge):
                ends = unq(obj.get_source()), unq(obj.get_destination())
                for end in ends:
                    nodes.setdefault(end, dict(node_defaults))
                edges.append((*ends, {k: unq(v) for k, v in
                                      {**edge_defaults, **obj.get_attributes()}.items()}))
            else:
                name = unq(obj.get_name())
                if name == "node":
                    node_defaults.update(obj.get_attributes())
                elif name == "edge":
                    edge_defaults.update(obj.get_attributes())
                elif name != "graph":
                    nodes.setdefault(name, dict(node_defaults)).update(obj.get_attributes())

    walk(graph, {}, {})
    return nodes, edges


def all_nodes(graph: pydot.Dot) -> dict[str, dict[str, str]]:
    """Every node with its attributes as Graphviz reads them (subgraphs included)."""
    return resolve(graph)[0]


def all_edges(graph: pydot.Dot) -> list[tuple[str, str, dict[str, str]]]:
    """Every edge with its attributes as Graphviz reads them (subgraphs included)."""
    return resolve(graph)[1]


def test_resolve_applies_scoped_defaults() -> None:
    graph = parse('digraph { node [shape=box] a; { node [shape=circle] edge [style=dashed] '
                  'b; a -> c; a [color=red] } b [shape=point] a -> b }')
    nodes, edges = resolve(graph)
    assert nodes["a"] == {"shape": "box", "color": "red"}  # defaults of its first statement
    assert nodes["b"]["shape"] == "point" and nodes["c"]["shape"] == "circle"
    assert [e[2].get("style") for e in edges] == ["dashed", None]


def label_text(label: str) -> str:
    """The visible text of an HTML-like label (table cells one after another)."""
    inner = label[1:-1] if label.startswith("<") else label
    inner = re.sub(r"<br[^>]*/>|</td>", "\n", inner)
    inner = re.sub(r"</?(b|table|tr|td)\b[^>]*>", "", inner)
    return html.unescape(inner).replace(NBSP, " ")


def label_cells(label: str) -> list[list[str]]:
    """The text lines of each table cell of a label (one cell when it has no table)."""
    inner = label[1:-1]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", inner) or [inner]
    out = []
    for cell in cells:
        text = html.unescape(re.sub(r"</?b>", "", re.sub(r"<br[^>]*/>", "\n", cell)))
        out.append([line for line in text.split("\n") if line])
    return [c for c in out if c]


def items_of(lines: list[str]) -> list[str]:
    """Bullet items put back together from their wrapped lines."""
    items: list[str] = []
    for line in lines:
        if line.startswith("• "):
            items.append(line[2:])
        elif line.startswith(HANG) and items:
            items[-1] += " " + line[len(HANG):]
    return items


@pytest.fixture(params=CHARTS, ids=lambda p: p.stem)
def chart(request: pytest.FixtureRequest) -> orgraph.Organisation:
    return orgraph.load(request.param)


def test_every_chart_is_tested() -> None:
    assert len(CHARTS) >= 2  # the example plus at least one municipality


def test_shape_per_kind(chart: orgraph.Organisation) -> None:
    nodes = all_nodes(parse(to_dot(chart, show="all")))
    for node in chart.nodes:
        attrs = nodes[dot_name(node)]
        kind = chart.kind(node)
        style = unq(attrs.get("style"))
        if category_of(kind) is Category.POLITICAL:
            assert attrs["shape"] == "box" and "rounded" in style, node
        elif kind is Kind.STAFF:
            assert attrs["shape"] in ("circle", "ellipse"), node
        elif category_of(kind) in (Category.PERFORMANCE, Category.CHIEF_EXECUTIVE):
            assert attrs["shape"] == "box" and "rounded" not in style, node
        assert unq(attrs["class"]).split()[0] == kind.value


def test_arrowheads_per_relation(chart: orgraph.Organisation) -> None:
    edges = all_edges(parse(to_dot(chart, show="all")))
    seen = {}
    for _, _, attrs in edges:
        variant = attrs.get("class", "")
        seen.setdefault(variant, set()).add(
            attrs.get("arrowtail") if attrs.get("dir") == "back" else attrs.get("arrowhead"))
        if variant == "line":
            assert attrs["style"] == "solid"
        if variant == "dotted":
            assert attrs["style"] == "dashed" and attrs["constraint"] == "false"
        if variant in ("member", "order", "service"):
            assert attrs["style"] == "dotted" and attrs["constraint"] == "false"
    assert seen.get("line", {"normal"}) == {"normal"}
    assert seen.get("staff", {"none"}) == {"none"}
    assert seen.get("staff_instructs", {"normal"}) == {"normal"}
    # every staff edge of the graph is drawn once, with the arrow the instructs flag asks for
    for u, v in chart.edges_of("staff"):
        variant = "staff_instructs" if chart.nodes[v].get("instructs") else "staff"
        ids = [a["id"] for _, _, a in edges if a.get("class") == variant]
        assert f"{variant}:{dot_name(u)}->{dot_name(v)}" in ids


def test_line_edges_all_drawn(chart: orgraph.Organisation) -> None:
    ids = {a.get("id") for _, _, a in all_edges(parse(to_dot(chart)))}
    for u, v in chart.edges_of("line"):
        assert f"line:{dot_name(u)}->{dot_name(v)}" in ids, (u, v)


def test_hidden_relations_need_show(chart: orgraph.Organisation) -> None:
    edges = all_edges(parse(to_dot(chart)))
    plain = {a.get("class") for _, _, a in edges}
    assert not plain & {"order", "service"}
    # member lines without --show only for a body the chart marks shown (its figure draws it)
    drawn = {a["id"] for _, _, a in edges if a.get("class") == "member"}
    wanted = {f"member:{dot_name(u)}->{dot_name(v)}" for u, v in chart.edges_of("member")
              if chart.nodes[u].get("shown")}
    assert drawn == wanted
    full = {a.get("class") for _, _, a in all_edges(parse(to_dot(chart, show="all")))}
    for rel in ("member", "order", "service"):
        assert (rel in full) == any(True for _ in chart.edges_of(rel))


def test_staff_on_own_rank_beside_a_junction(chart: orgraph.Organisation) -> None:
    graph = parse(to_dot(chart))
    same_rank = [sub for sub in graph.get_subgraphs()
                 if unq(sub.get_attributes().get("rank") or "") == "same"
                 or "rank=same" in sub.to_string()]
    for u, v in chart.edges_of("staff"):
        group = [s for s in same_rank if f"~j~{dot_name(u)}" in s.to_string()]
        assert group, u
        assert dot_name(v) in group[0].to_string()


def test_aggregates_count_and_bullets(chart: orgraph.Organisation) -> None:
    nodes = all_nodes(parse(to_dot(chart)))
    for node in chart.nodes_of("unit_group"):
        text = label_text(nodes[dot_name(node)]["label"])
        count = chart.nodes[node].get("count")
        if count is not None:
            assert str(count) in text
        items = [" ".join(str(i).split()) for i in chart.nodes[node].get("items") or []]
        cells = label_cells(nodes[dot_name(node)]["label"])
        assert [i for c in cells for i in items_of(c)] == items


def test_expand_draws_one_box_per_item(chart: orgraph.Organisation) -> None:
    nodes = all_nodes(parse(to_dot(chart, expand=True)))
    for node in chart.nodes_of("unit_group"):
        items = chart.nodes[node].get("items") or []
        drawn = [n for n in nodes if n.startswith(f"{dot_name(node)}~")
                 and n != f"{dot_name(node)}~more"]
        assert len(drawn) == len(items)
        assert sorted(label_text(nodes[n]["label"]).replace("\n", " ") for n in drawn) == \
            sorted(" ".join(str(i).split()) for i in items)


def test_political_bodies_ranked_above_cao(chart: orgraph.Organisation) -> None:
    edges = all_edges(parse(to_dot(chart)))
    invis = {(u, v) for u, v, a in edges if a.get("style") == "invis"}
    for cao in chart.nodes_of("cao"):
        for body in (n for n in chart if category_of(chart.kind(n)) is Category.POLITICAL):
            political_kids = [v for v in chart.successors(body)
                              if category_of(chart.kind(v)) is Category.POLITICAL]
            if not political_kids:
                assert (dot_name(body), dot_name(cao)) in invis


def test_golden_dot_with_awkward_labels() -> None:
    source = to_dot(orgraph.load(FIXTURE))
    assert source == GOLDEN.read_text(encoding="utf-8")


def test_awkward_labels_round_trip_and_stay_inside_the_label() -> None:
    org = orgraph.load(FIXTURE)
    nodes = all_nodes(parse(to_dot(org)))
    assert len([n for n in org if org.label(n) == "Sentrum skole"]) == 2
    for node in org.nodes:
        label = nodes[dot_name(node)]["label"]
        assert label.startswith("<") and label.endswith(">")
        own_markup = re.sub(r'<br align="left"/>|<br/>|</?b>|</?t[rd]>|</table>|<table '
                            r'border="0" cellborder="0" cellspacing="0" cellpadding="0">|'
                            r'<td (colspan="3" |width="\d+")?(align="left"( valign="top")?)?>',
                            "", label[1:-1])
        assert not set(own_markup) & set('<>"'), label  # data cannot add markup or quotes
        text = label_text(label).replace("\n", " ")
        assert " ".join(org.label(node).split()) in text


def test_wide_managers_stack_into_columns() -> None:
    org = orgraph.Organisation(name="Wide")
    org.add_unit("cao", kind="cao")
    for i in range(20):
        org.add_unit(f"u{i}", kind="unit")
        org.add_relation("cao", f"u{i}")
    graph = parse(to_dot(org, wrap=5))
    rows = [s for s in graph.get_subgraphs() if "rank=same" in s.to_string()]
    assert len(rows) == 4
    assert all(sum(f"u{i}" in re.findall(r"\bu\d+\b", r.to_string()) for i in range(20)) == 5
               for r in rows)


def test_root_and_depth_count_collapsed_subtrees() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    nodes = all_nodes(parse(to_dot(org, root="kommunestyre", depth=1)))
    assert "skole" not in nodes and "radmann" in nodes
    text = label_text(nodes["radmann"]["label"])
    hidden = 1 + 1 + 3  # kommunalsjef, skole, barnehager (3 units); staff are drawn
    assert f"+{hidden} enheter under" in text.replace("\n", " ")
    assert "okonomi" in nodes  # staff of a drawn manager are drawn


def test_lang_en_uses_english_labels() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    nodes = all_nodes(parse(to_dot(org, lang="en")))
    assert label_text(nodes["kommunestyre"]["label"]) == "Municipal council"
    assert label_text(nodes["formannskap"]["label"]) == "Formannskapet"  # no label_en


def test_legend_box() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    graph = parse(to_dot(org, legend=True))
    (legend,) = [s for s in graph.get_subgraphs() if s.get_name() == "cluster_legend"]
    shapes = {unq(n.get_attributes().get("shape")) for n in legend.get_nodes()}
    assert {"box", "circle"} <= shapes
    assert "cluster_legend" not in to_dot(org)


@pytest.mark.parametrize("kwargs, message", [
    ({"root": "nope"}, "not in the organisation"),
    ({"lang": "de"}, "unknown language"),
    ({"show": "staff"}, "unknown --show value"),
    ({"root": "radmann", "depth": -1}, "--depth"),
])
def test_bad_options_raise_render_error(kwargs: dict, message: str) -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    with pytest.raises(RenderError, match=message):
        to_dot(org, **kwargs)


def test_odd_ids_are_encoded_one_to_one() -> None:
    ids = ['a"b', "a\\", "x y", "æ", "a_x22_b", "plain-id.1/2"]
    names = [dot_name(i) for i in ids]
    assert len(set(names)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_./~-]+", n) for n in names)


def aggregate(items: list[str], label: str = "Enheter") -> orgraph.Organisation:
    org = orgraph.Organisation(name="Aggregat")
    org.add_unit("cao", kind="cao", label="Rådmann")
    org.add_unit("group", kind="unit_group", label=label, count=len(items), items=items)
    org.add_relation("cao", "group")
    return org


def test_aggregate_lines_stay_within_the_wrap_width(chart: orgraph.Organisation) -> None:
    nodes = all_nodes(parse(to_dot(chart)))
    for node in chart.nodes_of("unit_group"):
        items = chart.nodes[node].get("items") or []
        if not items:
            continue
        heading, *columns = label_cells(nodes[dot_name(node)]["label"])
        if len(items) > TWO_COLUMNS_ABOVE:
            assert len(columns) == 2, node
            width = COLUMN_ITEM_WIDTH
        else:
            assert not columns, node
            columns = [[x for x in heading if x.startswith(("• ", HANG))]]
            heading = heading[:len(heading) - len(columns[0])]
            width = ITEM_WIDTH
        longest_word = max(len(w) for i in items for w in str(i).split())
        for line in (x for c in columns for x in c):
            assert len(line) <= max(width, longest_word + len(HANG)), (node, line)
        assert all(len(line) <= 2 * COLUMN_ITEM_WIDTH for line in heading), node


def test_long_items_wrap_with_a_hanging_indent() -> None:
    item = ("Pleie- og omsorg (syke- og bygdeheim, åpen omsorg og omsorg for psykisk "
            "utviklingshemmede, Arbeidssenteret)")
    org = aggregate(["To skoler", item], "Åtte driftsenheter rapporterer til rådmannen")
    (lines,) = label_cells(all_nodes(parse(to_dot(org)))["group"]["label"])
    bullets = [x for x in lines if x.startswith(("• ", HANG))]
    assert len(bullets) >= 4  # the long item took three lines or more
    assert all(len(x) <= ITEM_WIDTH for x in bullets)
    assert bullets[2].startswith(HANG) and not bullets[2][len(HANG):].startswith(" ")
    assert items_of(lines) == ["To skoler", item]


def test_aggregate_heading_wraps_at_word_boundaries() -> None:
    head = "Åtte driftsenheter rapporterer til rådmannen"
    org = aggregate(["To skoler", "To barnehager"], head)
    (lines,) = label_cells(all_nodes(parse(to_dot(org)))["group"]["label"])
    heading = lines[:lines.index("• To skoler")]
    assert len(heading) >= 2  # wider than the items: wrapped, not left to widen the box
    assert " ".join(heading).replace(NBSP, " ") == f"{head} (2)"
    words = set(f"{head} (2)".replace(NBSP, " ").split())
    assert all(set(x.replace(NBSP, " ").split()) <= words for x in heading)


@pytest.mark.parametrize("count, columns", [(TWO_COLUMNS_ABOVE, 0), (TWO_COLUMNS_ABOVE + 1, 2),
                                            (24, 2)])
def test_two_columns_above_the_threshold(count: int, columns: int) -> None:
    items = [f"Enhet nummer {i}" for i in range(count)]
    label = all_nodes(parse(to_dot(aggregate(items))))["group"]["label"]
    cells = label_cells(label)
    if not columns:
        assert "<table" not in label and len(cells) == 1
        assert items_of(cells[0]) == items
        return
    heading, first, second = cells
    assert heading == [f"Enheter ({count})"]  # the heading spans both columns
    assert items_of(first) + items_of(second) == items  # down the first column, then the next
    assert len(items_of(first)) - len(items_of(second)) in (0, 1)
