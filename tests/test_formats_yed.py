"""yEd / yFiles GraphML: names from y:NodeLabel, the drawing reported, no raw warnings."""

from __future__ import annotations

import warnings
from pathlib import Path

from click.testing import CliRunner

import orgraph
from orgraph.cli import main
from orgraph.formats import Report, read

YED = Path(__file__).parent / "data" / "yed-orgchart.graphml"
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><graphml '
         'xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:y="http://www.yworks.com/xml/graphml">'
         '<key for="node" id="d6" yfiles.type="nodegraphics"/>')


def _node(ident: str, label: str, extra: str = "") -> str:
    return (f'<node id="{ident}"{extra}><data key="d6"><y:ShapeNode><y:Geometry x="0" y="0"/>'
            f'<y:NodeLabel>{label}</y:NodeLabel></y:ShapeNode></data>')


def test_yed_labels_become_names_and_every_node_and_edge_loads():
    report = Report("yed")
    org = read(YED, report=report)
    labels = {n: d["label"] for n, d in org.nodes(data=True)}
    assert labels == {"n0": "Kari Nordmann", "n1": "Ola Hansen\nØkonomisjef",
                      "n2": "Oppvekst", "n2_n0": "Sentrum skole",
                      "n2_n1": "Nordby barnehage", "n3": "n3"}
    assert sorted(org.edges()) == [("n0", "n1"), ("n0", "n2"), ("n1", "n3"),
                                   ("n2", "n2_n0"), ("n2", "n2_n1")]
    assert org.edges["n0", "n2"]["label"] == "leder"
    assert org.nodes["n0"]["url"] == "https://example.org/ceo"
    assert org.nodes["n0"]["description"] == "Leads the company"
    assert org.graph["Description"] == "Eksempel AS"
    for attrs in (d for _, d in org.nodes(data=True)):
        assert not {"x", "y", "shape_type"} & set(attrs)


def test_yed_drawing_is_reported_once_per_kind_of_thing():
    report = Report("yed")
    read(YED, report=report)
    assert report.dropped == [
        "node geometry (y:Geometry: position and size) (6×)",
        "node styles (shape, fill, border, label fonts and placement) (6×)",
        "the closed view of group nodes (its own label and size) (1×)",
        "edge geometry (y:Path: bends and ports) (5×)",
        "edge styles (line type and colour, arrows, label fonts) (5×)",
        "nesting in group nodes (the nodes are kept; being drawn inside a group is no "
        "reporting line) (2×)",
        "edge ids (the drawing's numbering of its edges) (5×)",
    ]


def test_networkx_warnings_do_not_leak_and_are_reported(tmp_path):
    path = tmp_path / "ports.graphml"
    path.write_text(_HEAD + '<key attr.name="owner" for="node" id="d9"/>'
                    '<graph edgedefault="directed">'
                    + _node("a", "A") + '<data key="d9">HR</data><port name="p0"/></node>'
                    + _node("b", "B") + "</node>"
                    '<edge source="a" target="b"/></graph></graphml>', encoding="utf-8")
    report = Report("p")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        org = read(path, report=report)
    assert caught == []
    assert org.nodes["a"]["owner"] == "HR" and org.line_superior("b") == "a"
    assert "networkx: No key type for id d9. Using string" in report.notes
    assert "ports (<port> and port graphics) (1×)" in report.dropped


def test_folder_nodes_keep_their_nested_nodes(tmp_path):
    path = tmp_path / "folder.graphml"
    path.write_text(_HEAD + '<graph edgedefault="directed">'
                    + _node("g", "Gruppe", ' yfiles.foldertype="folder"')
                    + '<graph edgedefault="directed" id="g:">' + _node("g::a", "Inne")
                    + "</node></graph></node></graph></graphml>", encoding="utf-8")
    org = read(path, report=Report("f"))
    # the folder has no line of its own: no unit, its name kept on its member
    assert {d["label"]: d.get("group") for _, d in org.nodes(data=True)} == {"Inne": "Gruppe"}


def test_hostile_yed_label_stays_plain_text(tmp_path):
    path = tmp_path / "evil.graphml"
    path.write_text(_HEAD + '<graph edgedefault="directed">'
                    + _node("a", "&lt;script&gt;alert('x')&lt;/script&gt; \"q\"")
                    + "</node></graph></graphml>", encoding="utf-8")
    org = read(path, report=Report("e"))
    assert org.nodes["a"]["label"] == "<script>alert('x')</script> \"q\""


def test_yed_round_trip_and_command_line(tmp_path):
    out = tmp_path / "yed.yaml"
    result = CliRunner().invoke(main, ["convert", str(YED), str(out)])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "dropped node geometry" in result.stderr
    assert orgraph.graphs_equal(orgraph.load(out), read(YED, report=Report("y")))
    shown = CliRunner().invoke(main, ["show", str(YED)])
    assert shown.exit_code == 0 and "Sentrum skole" in shown.stdout
