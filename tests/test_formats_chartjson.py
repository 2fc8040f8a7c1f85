"""Chart tools' JSON (d3-org-chart, BALKAN, dabeng / nested trees) and nested YAML trees."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

import orgraph
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import FormatWarning, Report, read

DATA = Path(__file__).parent / "data"


def _read(path: Path, **options) -> tuple[orgraph.Organisation, Report]:
    report = Report(str(path))
    return read(path, report=report, **options), report


def _line_superiors(org: orgraph.Organisation) -> dict[str, str]:
    return {v: u for u, v, r in org.edges(data="relation") if r != "dotted"}


def _write(tmp_path: Path, data, name: str = "x.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ d3-org-chart


def test_d3_org_chart_array_loads_every_record_and_link():
    path = DATA / "d3-org-chart.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    org, report = _read(path)
    assert set(org.nodes) == {r["id"] for r in records}
    assert _line_superiors(org) == {r["id"]: r["parentId"] for r in records if r["parentId"]}
    assert org.nodes["O-6068"]["label"] == "Anne Berg"  # " Anne Berg" trimmed
    assert org.nodes["O-6070"]["label"] == "Lise Dahl"  # "Lise Dahl " trimmed
    assert org.nodes["O-6067"]["title"] == "CTO"  # positionName "CTO " trimmed
    assert org.nodes["O-6069"]["imageUrl"] == "https://example.org/img/4.jpg"
    assert report.dropped == []


def test_d3_node_id_accessors_win_over_id(tmp_path):
    data = [{"nodeId": "a", "id": "x", "name": "A"},
            {"nodeId": "b", "id": "y", "parentNodeId": "a", "parentId": "x", "name": "B"}]
    org, _ = _read(_write(tmp_path, data))
    assert _line_superiors(org) == {"b": "a"}


def test_d3_two_tops_are_a_forest_leniently_and_an_error_strictly(tmp_path):
    path = _write(tmp_path, [{"id": "a", "parentId": ""}, {"id": "b", "parentId": None},
                             {"id": "c", "parentId": "a"}])
    org, report = _read(path)
    assert org.number_of_nodes() == 3 and _line_superiors(org) == {"c": "a"}
    assert any("2 tops ('a', 'b'): read as a forest" in n for n in report.notes)
    with pytest.raises(ChartError, match=r"d3-org-chart \(d3.stratify\) wants one top"):
        read(path, strict=True)


# ------------------------------------------------------------------ BALKAN


def test_balkan_nodes_object_loads_its_links_not_unconnected_roots():
    path = DATA / "balkan-orgchart.json"
    nodes = json.loads(path.read_text(encoding="utf-8"))["nodes"]
    org, report = _read(path)
    assert set(org.nodes) == {str(n["id"]) for n in nodes}
    assert _line_superiors(org) == {"2": "1", "3": "1", "4": "1", "hr-team": "1",
                                    "5": "hr-team", "6": "5", "7": "4", "8": "4"}
    assert org.relation("3", "7").value == "dotted"  # ppid: partner parent
    assert org.number_of_edges() == 9
    assert org.nodes["2"]["kind"] == "staff"  # tag "assistant"
    assert org.relation("1", "2").value == "staff"
    assert org.nodes["hr-team"]["tags"] == ["hr-team", "group"]
    assert org.nodes["5"]["label"] == "Anne Berg" and org.nodes["5"]["title"] == "HR-leder"
    assert report.dropped == ["chart settings 'nodeBinding', 'template': how BALKAN draws the "
                              "chart, not the organisation"]


def test_balkan_array_and_node_binding(tmp_path):
    org, _ = _read(DATA / "balkan-array.json")
    assert _line_superiors(org) == {"2": "1", "3": "1", "4": "3"}
    assert org.nodes["2"]["kind"] == "staff"
    path = _write(tmp_path, {"nodeBinding": {"field_0": "fullName", "field_1": "job"},
                             "nodes": [{"id": 1, "fullName": " Kari ", "job": "CEO"},
                                       {"id": 2, "pid": 1, "fullName": "Ola"}]})
    org, _ = _read(path)
    assert org.nodes["1"]["label"] == "Kari" and org.nodes["1"]["title"] == "CEO"
    assert org.line_superior("2") == "1"


# ------------------------------------------------------------------ nested trees


def test_dabeng_nested_json_loads_every_node_with_ids_from_names():
    org, report = _read(DATA / "dabeng-orgchart.json")
    labels = sorted(d["label"] for _, d in org.nodes(data=True))
    assert labels == sorted(["Kari Nordmann", "Bo Hansen", "Siri Moe", "Per Olsen",
                             "Anne Berg", "Lise Dahl", "Nils Lie", "Eva Lund", "Bo Hansen"])
    assert org.number_of_edges() == 8
    assert org.line_superior("Lise_Dahl") == "Anne_Berg"
    assert org.line_superior("Anne_Berg") == "Siri_Moe"
    assert {org.line_superior("Bo_Hansen"), org.line_superior("Bo_Hansen_2")} == {"rootNode"}
    assert org.nodes["Bo_Hansen_2"]["className"] == "second-bo"
    assert "source_id" not in org.nodes["Bo_Hansen"]  # a made-up id has no original
    assert org.nodes["rootNode"]["title"] == "general manager"
    assert report.dropped == []


def test_nested_yaml_tree_loads_through_orgraph_load():
    org = orgraph.load(DATA / "tree.yaml")
    assert org.number_of_nodes() == 8 and org.number_of_edges() == 7
    assert org.line_superior("Skole") == "Oppvekst"
    assert org.line_superior("Hjemmetjenesten") == "Helse_og_omsorg"
    assert org.nodes["Helse_og_omsorg"]["label"] == "Helse og omsorg"
    assert org.nodes["Okonomi"]["kind"] == "staff"
    assert org.relation("Radmann", "Okonomi").value == "staff"


def test_chart_files_still_read_as_charts():
    org = orgraph.load("examples/minimal.yaml")
    assert org.graph["name"] == "Eksempel kommune"


def test_a_deep_tree_loads_without_recursion(tmp_path):
    tree: dict = {"name": "n0"}
    node = tree
    for depth in range(1, 400):
        node["children"] = [{"name": f"n{depth}"}]
        node = node["children"][0]
    org, _ = _read(_write(tmp_path, tree))
    assert org.number_of_nodes() == 400 and org.line_superior("n399") == "n398"


# ------------------------------------------------------------------ shapes and profiles


@pytest.mark.parametrize("data", [{"version": 1}, [1, 2], "text", [], {"nodes": 3},
                                  [{"name": "no id"}]])
def test_a_shape_orgraph_does_not_read_names_the_shapes_it_does(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(ChartError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith(f"{path}: is none of the JSON shapes orgraph reads")
    for shape in ("d3-org-chart", "BALKAN OrgChart JS", "dabeng/OrgChart", "node-link",
                  "--profile"):
        assert shape in message


def test_profile_chooses_the_reader_and_must_agree_with_the_file(tmp_path):
    path = _write(tmp_path, [{"id": "a"}, {"id": "b"}])
    org, _ = _read(path, profile="d3")
    assert org.number_of_nodes() == 2
    with pytest.raises(ChartError, match=r"--profile balkan reads BALKAN.*this file has the "
                                         r"shape of d3-org-chart.*: use --profile d3"):
        read(DATA / "d3-org-chart.json", profile="balkan")
    with pytest.raises(ChartError, match=r"--profile nodelink reads node-link.*use --profile "
                                         r"balkan"):
        read(DATA / "balkan-orgchart.json", profile="nodelink")
    with pytest.raises(ChartError, match="unknown JSON profile 'visio'; use one of: d3, "
                                         "balkan, dabeng, tree, nodelink"):
        read(path, profile="visio")


def test_node_link_json_keeps_working(tmp_path):
    path = _write(tmp_path, {"nodes": [{"id": 1, "name": "CEO"}, {"id": 2}],
                             "links": [{"source": 1, "target": 2}]})
    org, _ = _read(path)
    assert org.line_superior("2") == "1"
    org, _ = _read(path, profile="nodelink")
    assert org.line_superior("2") == "1"


# ------------------------------------------------------------------ lenient and strict

_BROKEN = {"nodes": [
    {"id": 1, "name": "Top"},
    {"id": 2, "pid": 99, "name": "Orphan"},        # unknown superior
    {"id": 3, "pid": 3, "name": "Self"},           # reports to itself
    {"id": 1, "pid": 1, "name": "Second one"},     # duplicate id
    {"id": 4, "pid": 5, "name": "Loop A"},         # 4 → 5 → 4
    {"id": 5, "pid": 4, "name": "Loop B"},
    {"id": 6, "pid": 1, "name": "Child of 1"},
]}


def test_lenient_reading_repairs_and_reports_each_record(tmp_path):
    path = _write(tmp_path, _BROKEN)
    org, report = _read(path)
    assert org.number_of_nodes() == 7  # every record loads
    assert {d["label"] for _, d in org.nodes(data=True)} == {n["name"] for n in _BROKEN["nodes"]}
    assert org.nodes["1_2"]["source_id"] == "1" and org.line_superior("1_2") == "1"
    assert org.line_superior("6") == "1"  # the first record with that id
    assert org.line_superior("2") is None and org.line_superior("3") is None
    assert {org.line_superior("4"), org.line_superior("5")} == {None, "4"}
    assert report.dropped == []  # repaired and kept, not dropped
    repairs = "\n".join(map(str, report.repairs))
    assert "node '2': nodes[1]: its superior '99' is no record's id: read as a top" in repairs
    assert "node '3': nodes[2]: reports to itself: read as a top" in repairs
    assert "node '1': nodes[3]: repeats the id of nodes[0]: read as '1_2'" in repairs
    assert "node '4': nodes[4]: closes the reporting cycle 4 → 5 → 4" in repairs


def test_lenient_repairs_are_warnings_without_a_report(tmp_path):
    path = _write(tmp_path, _BROKEN)
    with pytest.warns(FormatWarning) as caught:
        read(path)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 4
    assert f"{path}: node '2': nodes[1]: its superior '99' is no record's id" in \
        "\n".join(messages)


def test_strict_reading_refuses_every_broken_record(tmp_path):
    path = _write(tmp_path, _BROKEN)
    with pytest.raises(ChartError) as info:
        read(path, strict=True)
    problems = [str(p) for p in info.value.problems]
    assert problems == [
        f"{path}: node '1': nodes[3] repeats the id '1' of nodes[0]; give every record its "
        "own id",
        f"{path}: node '2': nodes[1] reports to '99', which is no record's id; fix the id or "
        "add the record",
        f"{path}: node '3': nodes[2] reports to itself; give it another superior or none",
        f"{path}: node '4': reporting cycle 4 → 5 → 4; break it (one of these must report "
        "elsewhere)",
    ]


def test_records_that_are_not_objects(tmp_path):
    path = _write(tmp_path, [{"id": 1, "pid": None}, 7, {"id": 2, "pid": 1}])
    org, report = _read(path, profile="balkan")
    assert set(org.nodes) == {"1", "2"}
    assert report.dropped == ["nodes[1]: a number, not an object with an id: left out"]
    with pytest.raises(ChartError, match="nodes\\[1\\] is a number, not an object"):
        read(path, profile="balkan", strict=True)


def test_fields_named_like_chart_keys_do_not_become_structure(tmp_path):
    path = _write(tmp_path, [{"id": "a", "parentId": "", "dotted": "b", "kind": "boss",
                              "count": 3},
                             {"id": "b", "parentId": "a", "kind": "staff"}])
    org, report = _read(path)
    assert org.number_of_edges() == 1
    assert org.nodes["a"]["source_dotted"] == "b"
    assert org.nodes["a"]["source_kind"] == "boss" and org.nodes["a"]["source_count"] == 3
    assert org.nodes["b"]["kind"] == "staff"  # a kind orgraph knows is kept
    assert any("field 'dotted' (1×) kept as 'source_dotted'" in n for n in report.notes)


# ------------------------------------------------------------------ hostile text, round trips


def test_hostile_labels_survive_as_plain_text(tmp_path):
    evil = '<script>alert("x")</script>'
    quoted = 'Ola "Boss" O\'Hara & <b>co</b>'
    path = _write(tmp_path, [{"id": "1", "parentId": "", "name": evil, "positionName": quoted},
                             {"id": "2", "parentId": "1", "name": quoted}])
    org, _ = _read(path)
    assert org.nodes["1"]["label"] == evil and org.nodes["2"]["label"] == quoted
    svg = tmp_path / "chart.svg"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(svg)])
    assert result.exit_code == 0, result.output
    root = ElementTree.parse(svg).getroot()
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "script" not in tags and "b" not in tags
    texts = "".join(element.text or "" for element in root.iter())
    assert 'alert("x")' in texts and "O'Hara" in texts


@pytest.mark.parametrize("name", ["d3-org-chart.json", "balkan-orgchart.json",
                                  "dabeng-orgchart.json", "tree.yaml"])
@pytest.mark.parametrize("suffix", [".yaml", ".json", ".graphml"])
def test_round_trip_through_orgraph_convert(tmp_path, name, suffix):
    source = DATA / name
    out = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(main, ["convert", str(source), str(out)])
    assert result.exit_code == 0, result.output
    assert orgraph.graphs_equal(orgraph.load(out), read(source, report=Report("x")))


# ------------------------------------------------------------------ command line


def test_cli_reads_balkan_with_warnings_on_stderr():
    result = CliRunner().invoke(main, ["show", str(DATA / "balkan-orgchart.json")])
    assert result.exit_code == 0, result.output
    assert "Siri Moe" in result.stdout and "Anne Berg" in result.stdout
    assert "warning:" in result.stderr and "chart settings 'nodeBinding'" in result.stderr


def test_cli_profile_for_json_is_used_not_ignored(tmp_path):
    path = _write(tmp_path, [{"id": "1", "parentId": ""}, {"id": "2", "parentId": "1"}])
    result = CliRunner().invoke(main, ["show", str(path), "--profile", "balkan"])
    assert result.exit_code == 1
    assert "use --profile d3" in result.stderr
    result = CliRunner().invoke(main, ["show", str(path), "--profile", "dabeng"])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_no_raw_python_warnings_from_the_json_readers(tmp_path):
    path = _write(tmp_path, _BROKEN)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read(path, report=Report("x"))
    assert caught == []
