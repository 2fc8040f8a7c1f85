"""DOT, GraphML, node-link JSON and GEXF from elsewhere: allow-lists, plain labels, safety."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pydot
import pytest

import orgraph
from orgraph import formats
from orgraph.errors import ChartError
from orgraph.formats import Report
from orgraph.formats.dot import UNSAFE, dot_string, read_dot

EVIL_DOT = r'''digraph "Evil" {
  graph [imagepath="/etc", fontpath="/usr/share/fonts", nslimit=1e9, label="G"];
  node [shape=box, image="/etc/passwd"];
  ceo [label=<<table><tr><td>CEO &amp; <b>boss</b></td></tr></table>>, shapefile="/etc/shadow",
       kind=cao];
  cfo [label="CFO\nfinance", image="/etc/passwd", URL="javascript:alert(1)"];
  ceo -> cfo [color=red, relation=line];
  subgraph cluster_x { label="x"; cto; }
  ceo -> cto;
}
'''


def test_dot_import_keeps_only_understood_attributes_and_reports_the_rest():
    report = Report("evil.dot")
    org = read_dot("evil.dot", report=report, text=EVIL_DOT)
    for _, data in org.nodes(data=True):
        assert not set(data) & UNSAFE
        assert set(data) <= {"kind", "label"}
    assert org.graph == {"name": "Evil"}
    assert org.nodes["ceo"]["label"] == "CEO & boss"
    assert org.nodes["cfo"]["label"] == "CFO\nfinance"
    assert org.kind("ceo").value == "cao" and org.kind("cto").value == "unit"
    dropped = "\n".join(report.dropped)
    for attr in ("image", "shapefile", "fontpath", "imagepath", "nslimit", "URL", "color",
                 "shape"):
        assert f"'{attr}'" in dropped, attr
    assert "node attribute 'image' (1×): Graphviz would read local files" in dropped
    assert "default node attribute 'image' (1×)" in dropped
    assert any("without 'kind' became 'unit'" in n for n in report.notes)


def test_dot_written_from_imported_dot_has_no_unsafe_attribute(tmp_path):
    org = read_dot("evil.dot", report=Report("e"), text=EVIL_DOT)
    text = dot_string(org)
    for attr in UNSAFE:
        assert f"{attr}=" not in text


def test_untrusted_labels_cannot_break_out_of_dot():
    org = orgraph.Organisation(name='x"; node [image="/etc/passwd"]; "')
    org.add_unit("a", kind="unit", label='"]; b [image="/etc/passwd"]; a [label="\\')
    org.add_unit('c" -> "d', kind="unit", label="<b>html</b>\n")
    text = dot_string(org)
    graph = pydot.graph_from_dot_data(text)[0]
    names = {n.get_name() for n in graph.get_nodes()} - {"graph", "node", "edge"}
    assert len(names) == 2
    for node in graph.get_nodes():
        assert "image" not in node.get_attributes()
    back = read_dot("x.dot", text=text, report=Report("x"))
    assert back.nodes["a"]["label"] == org.nodes["a"]["label"]
    assert back.nodes["c_-_d"]["label"] == "<b>html</b>\n"
    assert back.nodes["c_-_d"]["source_id"] == 'c" -> "d'
    assert back.graph["name"] == org.graph["name"]


def test_bad_dot_is_a_clear_error():
    with pytest.raises(ChartError, match=r"x\.dot:1: is not valid DOT"):
        read_dot("x.dot", text="digraph { a -> ")
    with pytest.raises(ChartError, match="holds 2 graphs"):
        read_dot("x.dot", text="digraph {a} digraph {b}")
    with pytest.raises(ChartError, match="unknown kind 'boss'"):
        read_dot("x.dot", text="digraph {a [kind=boss]}")
    with pytest.raises(ChartError, match="reporting cycle a → b → a"):
        read_dot("x.dot", text="digraph {a -> b; b -> a}", strict=True)
    report = Report("x.dot")  # leniently the loop is broken at its first node, reported
    org = read_dot("x.dot", text="digraph {a -> b; b -> a}", report=report)
    assert org.line_superior("a") is None and org.nodes["a"]["source_reports_to"] == "b"
    assert "closes the reporting cycle a → b → a" in report.repairs[0].message


def test_graphml_from_elsewhere(tmp_path):
    graph = nx.DiGraph()
    graph.add_node(1, label="<script>alert(1)</script>", kind="cao")
    graph.add_node(2, label="Unit")
    graph.add_edge(1, 2)
    nx.write_graphml(graph, tmp_path / "g.graphml")
    report = Report("g")
    org = formats.read(tmp_path / "g.graphml", report=report)
    assert org.nodes["2"] == {"label": "Unit", "kind": "unit"}
    assert org.relation("1", "2").value == "line"
    assert org.nodes["1"]["label"] == "<script>alert(1)</script>"  # text, escaped by writers
    assert any("became 'line'" in n for n in report.notes)


def test_graphml_with_entities_is_refused(tmp_path):
    path = tmp_path / "x.graphml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>')
    with pytest.raises(ChartError, match="declares a DOCTYPE or entities"):
        formats.read(path)


def test_graphml_with_two_superiors_is_refused(tmp_path):
    graph = nx.DiGraph([("a", "c"), ("b", "c")])
    nx.write_graphml(graph, tmp_path / "g.graphml")
    with pytest.raises(ChartError, match="node 'c': has 2 line superiors"):
        formats.read(tmp_path / "g.graphml", strict=True)
    report = Report("g")  # leniently the second line is dotted, reported
    org = formats.read(tmp_path / "g.graphml", report=report)
    assert org.line_superior("c") == "a" and org.relation("b", "c").value == "dotted"
    assert "has 2 line superiors ('a', 'b')" in report.repairs[0].message


def test_node_link_json_from_d3(tmp_path):
    path = tmp_path / "d3.json"
    path.write_text(json.dumps({"nodes": [{"id": 1, "name": "CEO"}, {"id": 2}],
                                "links": [{"source": 1, "target": 2}]}))
    org = formats.read(path, report=Report("d3"))
    assert org.line_superior("2") == "1"
    assert org.nodes["1"]["name"] == "CEO"


@pytest.mark.parametrize(("text", "message"), [
    ("{", "is not valid JSON"),
    ("[]", "is none of the JSON shapes orgraph reads: d3-org-chart"),
    ('{"nodes": [{"name": 1}], "edges": []}', 'nodes\\[0\\] needs an "id"'),
    ('{"nodes": [{"id": "a"}], "edges": [{"source": "a"}]}', 'edges\\[0\\] needs "source"'),
])
def test_bad_node_link_json(tmp_path, text, message):
    path = tmp_path / "x.json"
    path.write_text(text)
    with pytest.raises(ChartError, match=message):
        formats.read(path)


def test_gexf_from_gephi_keeps_data_and_drops_layout(tmp_path):
    graph = nx.DiGraph()
    graph.add_node("a", label="A", viz={"position": {"x": 1.0, "y": 2.0, "z": 0.0}})
    graph.add_node("b", label="B", weight=3)
    graph.add_edge("a", "b")
    nx.write_gexf(graph, tmp_path / "g.gexf")
    report = Report("g")
    org = formats.read(tmp_path / "g.gexf", report=report)
    assert "viz" not in org.nodes["a"]
    assert org.nodes["b"]["weight"] == 3
    assert any("'viz'" in d for d in report.dropped)


def test_rewritten_ids_keep_the_original(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"nodes": [{"id": "Kari Nordmann"}, {"id": "a<b>"}],
                                "edges": [{"source": "Kari Nordmann", "target": "a<b>"}]}))
    org = formats.read(path, report=Report("x"))
    assert org.line_superior("a_b_") == "kari_nordmann"
    assert org.nodes["a_b_"]["source_id"] == "a<b>"
    assert Path(tmp_path / "x.json").exists()


def _problems(path: Path) -> list[str]:
    with pytest.raises(ChartError) as info:
        formats.read(path)
    return [str(p) for p in info.value.problems]


def test_node_link_json_nested_too_deeply_is_a_clear_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert _problems(path) == [f"{path}: cannot be read: its lists and objects nest too "
                               "deeply; export it again"]


def test_node_link_json_duplicates_and_nan_are_not_merged_silently(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text(json.dumps({"directed": True, "multigraph": True, "nodes": [
        {"id": "a", "kind": "cao"}, {"id": "b", "kind": "unit", "label": "first"},
        {"id": "b", "kind": "unit", "label": "second"}], "links": [
        {"source": "a", "target": "b"}, {"source": "a", "target": "b"}]}), encoding="utf-8")
    assert _problems(path) == [
        f"{path}: node 'b': nodes[2]: duplicate id 'b'; give each node its own id",
        f"{path}: node 'b': links[1]: a second edge from 'a' to 'b'; an organisation has one "
        "relation per pair: keep one"]
    path.write_text('{"nodes": [{"id": "a", "headcount": Infinity}], "links": []}',
                    encoding="utf-8")
    assert _problems(path) == [f"{path}: is not valid JSON: Infinity is not a number JSON "
                               "allows; write a number or null"]


def test_gexf_duplicate_node_and_dangling_edge_are_errors(tmp_path):
    path = tmp_path / "weird.gexf"
    path.write_text(
        '<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph defaultedgetype="directed"><nodes><node id="a" label="A"/>'
        '<node id="a" label="B"/></nodes><edges><edge id="0" source="a" target="q"/></edges>'
        "</graph></gexf>", encoding="utf-8")
    assert _problems(path) == [
        f"{path}: node 'a': two <node>s with id 'a'; give each node its own id",
        f"{path}:1: edge '0' ('a' → 'q') names 'q', which is no <node>'s id; add the node or "
        "fix the edge"]


def test_gexf_cannot_hold_a_control_character_and_says_so(tmp_path):
    org = orgraph.Organisation(name="X")
    org.add_unit("a", kind="cao", label="A\x07")
    with pytest.raises(ChartError, match="cannot write gexf: XML cannot hold control "
                                         "characters; remove the character"):
        formats.write(org, tmp_path / "x.gexf")


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_a_failed_write_leaves_the_file_as_it_was(tmp_path, suffix):
    # the Python API writes whole or not at all, as the CLI does: the writer fails half
    # way (XML cannot hold the control character) and the old file stays, no litter
    good = orgraph.Organisation(name="X")
    good.add_unit("a", kind="cao", label="A")
    target = tmp_path / f"x{suffix}"
    formats.write(good, target)
    before = target.read_bytes()
    bad = orgraph.Organisation(name="X")
    bad.add_unit("a", kind="cao", label="A\x07")
    with pytest.raises(ChartError):
        formats.write(bad, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_graphml_duplicate_node_and_dangling_edge_are_errors(tmp_path):
    path = tmp_path / "dup.graphml"
    path.write_text(
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<graph edgedefault="directed"><node id="a"/><node id="a"/>'
        '<edge source="a" target="zz"/></graph></graphml>', encoding="utf-8")
    assert _problems(path) == [
        f"{path}: node 'a': two <node>s with id 'a'; give each node its own id",
        f"{path}: an edge 'a' → 'zz' names 'zz', which is no <node>'s id; add the node or fix "
        "the edge"]


_UNDIRECTED = {  # a -- b, b -- c, the top c, in each format's own undirected form
    "graphml": '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
               '<graph edgedefault="undirected"><node id="a"/><node id="b"/><node id="c"/>'
               '<edge source="a" target="b"/><edge source="b" target="c"/></graph></graphml>',
    "gexf": '<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
            '<graph defaultedgetype="undirected"><nodes><node id="a" label="A"/>'
            '<node id="b" label="B"/><node id="c" label="C"/></nodes><edges>'
            '<edge id="0" source="a" target="b"/><edge id="1" source="b" target="c"/>'
            '</edges></graph></gexf>',
    "json": json.dumps({"directed": False, "multigraph": False, "graph": {},
                        "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
                        "edges": [{"source": "a", "target": "b"},
                                  {"source": "b", "target": "c"}]}),
}


@pytest.mark.parametrize("suffix", sorted(_UNDIRECTED))
def test_an_undirected_graph_is_directed_away_from_the_top(tmp_path, suffix):
    path = tmp_path / f"u.{suffix}"
    path.write_text(_UNDIRECTED[suffix], encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, top="c", report=report)
    assert sorted(org.edges) == [("b", "a"), ("c", "b")]
    assert any("directed away from the top 'c'" in n for n in report.notes)
    with pytest.raises(ChartError, match=r"undirected graph: which end .* --top ID"):
        formats.read(path, strict=True)
    lenient = Report(str(path))
    assert sorted(formats.read(path, report=lenient).edges) == [("a", "b"), ("b", "c")]
    assert any("read each edge as written" in str(r) for r in lenient.repairs)
    with pytest.raises(ChartError, match="--top 'z' is no node of the graph"):
        formats.read(path, top="z")
