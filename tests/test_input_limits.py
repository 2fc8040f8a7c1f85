"""The input-hardening layer: limits, special files, and every repair reported (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph import formats, limits
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import FormatWarning, Report

HEAD = "orgraph: 1\norganisation: {name: X}\nunits:\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def read(path: Path, **options) -> tuple[orgraph.Organisation, Report]:
    report = Report(str(path))
    return formats.read(path, report=report, **options), report


# ------------------------------------------------------------------ special files and limits


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ChartError, match=r"pipe.csv: is a pipe \(FIFO\), not a regular file"):
        formats.read(fifo)  # would block forever if opened


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_without_reading_it(device):
    with pytest.raises(ChartError, match="is a character device, not a regular file"):
        formats.read(device, format="csv")
    with pytest.raises(ChartError, match="is a character device"):
        orgraph.load(device)


def test_the_row_column_and_cell_limits_name_the_way_to_raise_them(tmp_path):
    rows = write(tmp_path, "rows.csv", "id,parent\n" + "".join(f"n{i},\n" for i in range(6)))
    with limits.raised(rows=5), pytest.raises(ChartError, match=r"has more than 5 rows; the "
                                                                 r"limit is 5 \(raise it with "
                                                                 r"--limit rows=N"):
        formats.read(rows)
    wide = write(tmp_path, "wide.csv", "id,parent," + ",".join(f"c{i}" for i in range(30))
                 + "\na,," + ",".join("x" * 30) + "\n")
    with limits.raised(columns=20), pytest.raises(ChartError, match=r"wide.csv:1: has 32 "
                                                                    r"columns; the limit is 20"):
        formats.read(wide)
    cell = write(tmp_path, "cell.csv", "id,parent,label\na,," + "x" * 500 + "\n")
    with limits.raised(cell_chars=100), pytest.raises(ChartError, match=r"field larger than "
                                                                        r"field limit.*cell_chars"):
        formats.read(cell)
    assert formats.read(cell).nodes["a"]["label"] == "x" * 500  # the default allows it


def test_limits_come_from_the_environment_and_the_command_line(tmp_path, monkeypatch):
    wide = write(tmp_path, "wide.csv", "id,parent,a,b,c\n1,,x,y,z\n")
    monkeypatch.setenv("ORGRAPH_LIMIT_COLUMNS", "3")
    assert limits.current().columns == 3
    result = CliRunner().invoke(main, ["validate", str(wide)])
    assert result.exit_code == 1 and "has 5 columns; the limit is 3" in result.output
    result = CliRunner().invoke(main, ["validate", str(wide), "--limit", "columns=10"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["validate", str(wide), "--limit", "colums=10"])
    assert result.exit_code == 1 and "unknown limit 'colums'; use one of" in result.output
    monkeypatch.setenv("ORGRAPH_LIMIT_COLUMNS", "many")
    with pytest.raises(ChartError, match="ORGRAPH_LIMIT_COLUMNS: 'many' is not a positive"):
        limits.current()


def test_the_input_and_chart_size_limits(tmp_path):
    chart = write(tmp_path, "c.yaml", HEAD + "  - {id: a, kind: cao}\n")
    with limits.raised(chart_bytes=20), pytest.raises(ChartError, match="chart_bytes=N"):
        orgraph.load(chart)
    table = write(tmp_path, "t.csv", "id,parent\na,\n")
    with limits.raised(input_bytes=5), pytest.raises(ChartError, match=r"limited to 5 bytes "
                                                                       r".*input_bytes=N"):
        formats.read(table)


def test_depth_cannot_be_raised_past_the_hard_limit():
    with limits.raised(depth=10 ** 6):
        assert limits.current().depth == limits.HARD_DEPTH


def test_a_value_nested_950_deep_is_refused_not_a_recursion_error(tmp_path):
    deep: object = "x"
    for _ in range(950):
        deep = [deep]
    path = write(tmp_path, "d.json", json.dumps({"nodes": [{"id": "a", "v": deep}],
                                                 "edges": []}))
    with pytest.raises(ChartError, match="node 'a': 'v' nests lists or mappings more than "
                                         "100 levels deep"):
        formats.read(path)
    cell = json.dumps(deep).replace('"', '""')
    table = write(tmp_path, "d.csv", f'id,parent,v:json\na,,"{cell}"\n')
    with pytest.raises(ChartError, match="column 'v:json': nests lists or mappings"):
        formats.read(table)


# ------------------------------------------------------------------ values of the wrong type


@pytest.mark.parametrize("cell", ["10000000000000000000", "1e30", ".inf", "0"])
def test_counts_are_bounded_whole_numbers(tmp_path, cell):
    path = write(tmp_path, "c.csv", f"id,parent,kind,label,count\ng,,unit_group,G,{cell}\n")
    with pytest.raises(ChartError, match=r"c.csv:2: node 'g': .*count"):
        formats.read(path)


@pytest.mark.parametrize("value", [".inf", ".nan", "1e400", "9" * 4000])
def test_yaml_counts_and_head_counts_must_be_finite_and_bounded(value):
    for key, kind in (("count", "unit_group"), ("headcount", "unit")):
        with pytest.raises(ChartError) as info:
            orgraph.loads(HEAD + f"  - {{id: g, kind: {kind}, {key}: {value}}}\n")
        assert "t.yaml" not in str(info.value) and ":4: node 'g':" in str(info.value)
        assert len(str(info.value)) < 2000  # a 4,000-digit number is cut in the message


def test_a_kind_or_relation_of_the_wrong_type_is_a_problem_not_a_type_error(tmp_path):
    data = {"nodes": [{"id": "a", "kind": ["unit"]}, {"id": "b", "kind": {"x": 1}},
                      {"id": "c"}],
            "edges": [{"source": "a", "target": "c", "relation": ["line"]}]}
    with pytest.raises(ChartError) as info:
        formats.read(write(tmp_path, "k.json", json.dumps(data)))
    message = str(info.value)
    assert "node 'a': unknown kind ['unit']" in message
    assert "node 'b': unknown kind {'x': 1}" in message
    assert "edge a → c: unknown relation ['line']" in message


def test_a_relation_key_in_an_edges_cell_is_refused_with_the_fix(tmp_path):
    path = write(tmp_path, "e.csv", 'id,parent,kind,label,edges\na,,unit,A,\n'
                 'b,a,unit,B,"[{""to"": ""a"", ""type"": ""dotted"", ""relation"": ""x""}]"\n')
    with pytest.raises(ChartError, match=r"e.csv:3: node 'b': column 'edges': an edge in "
                                         r"\"edges\" has a key \"relation\""):
        formats.read(path)


@pytest.mark.parametrize(("text", "message"), [
    ("  - {id: a, kind: cao, label: !!binary aGVsbG8=}\n", "tag 'tag:yaml.org,2002:binary'"),
    ("  - {id: a, kind: cao, data: !!set {x}}\n", "tag 'tag:yaml.org,2002:set'"),
    ("  - {id: a, kind: cao}\n---\nb: 1\n", "more than one YAML document"),
])
def test_yaml_tags_and_streams_a_chart_cannot_hold_are_refused(text, message):
    with pytest.raises(ChartError, match=message):
        orgraph.loads(HEAD + text)


def test_yaml_nested_100000_deep_is_refused_without_crashing():
    with pytest.raises(ChartError, match="nested more than 128 levels deep"):
        orgraph.loads("[" * 100_000 + "]" * 100_000)


def test_a_long_parent_chain_loads_and_dumps_in_linear_time():
    rows = "".join(f"  - {{id: n{i}, kind: unit, parent: n{i - 1}}}\n" for i in range(1, 3000))
    org = orgraph.loads(HEAD + "  - {id: n0, kind: cao}\n" + rows)
    assert org.line_superior("n2999") == "n2998"
    assert orgraph.graphs_equal(orgraph.loads(orgraph.dump(org)), org)


# ------------------------------------------------------------------ repairs, reported


def test_control_characters_are_removed_and_reported_or_refused(tmp_path):
    path = write(tmp_path, "a.csv", "id,parent,label\na,,\x1b[31mRed\x1b[0m\nb,a,B\x00\n")
    org, report = read(path)
    assert org.nodes["a"]["label"] == "Red" and org.nodes["b"]["label"] == "B"
    assert [str(p) for p in report.repairs] == [
        f"{path}:2: removed 3 control character(s) (ESC, NUL; terminal escape sequences "
        "whole) on lines 2, 3"]
    with pytest.raises(ChartError, match=r"a.csv:2: holds the control character U\+001B "
                                         r"\(ESC\)"):
        formats.read(path, strict=True)
    with pytest.warns(FormatWarning, match="removed 3 control character"):
        formats.read(path)


def test_control_characters_in_dot_and_json_are_reported_too(tmp_path):
    dot = write(tmp_path, "a.dot", 'digraph { a [label="x\x07y"]; a -> b }')
    org, report = read(dot)
    assert org.nodes["a"]["label"] == "xy" and "BEL" in str(report.repairs[0])
    data = write(tmp_path, "a.json", '{"nodes": [{"id": "a", "label": "x\x00"}], "edges": []}')
    with pytest.raises(ChartError, match="NUL"):
        formats.read(data, strict=True)


def test_bare_cr_line_ends_are_read_as_line_ends(tmp_path):
    path = write(tmp_path, "mac.csv", "id,parent,label\ra,,A\rb,a,B\r")
    org, report = read(path)
    assert org.line_superior("b") == "a"
    assert any("bare carriage return" in note for note in report.notes)


def test_repeated_and_empty_column_names_keep_their_data(tmp_path):
    path = write(tmp_path, "h.csv", "id,parent,label,note,note,\na,,A,x,y,z\nb,a,B,,w,\n")
    org, report = read(path)
    assert org.nodes["a"]["note"] == "x" and org.nodes["a"]["note_2"] == "y"
    assert org.nodes["a"]["column_6"] == "z" and org.nodes["b"]["note_2"] == "w"
    assert [str(p) for p in report.repairs] == [
        f"{path}:1: column 5 repeats the name 'note' (column 4): its cells are read as "
        "'note_2'",
        f"{path}:1: column 6 has no name but holds data: its cells are read as 'column_6'"]
    with pytest.raises(ChartError, match="column 5 repeats the name 'note'"):
        formats.read(path, strict=True)
    trailing = write(tmp_path, "t.csv", "id,parent,\na,,\n")  # an empty unnamed column
    assert read(trailing)[1].repairs == []


def test_json_keys_given_twice_are_reported_or_refused(tmp_path):
    path = write(tmp_path, "d.json", '{"nodes": [{"id": "a", "kind": "unit", "kind": "cao"}],'
                                     ' "edges": []}')
    org, report = read(path)
    assert org.nodes["a"]["kind"] == "cao"
    assert "1 key(s) given twice in one object ('kind')" in str(report.repairs[0])
    with pytest.raises(ChartError, match=r"given twice .*: keep one"):
        formats.read(path, strict=True)


def test_node_link_edges_to_undeclared_nodes_are_reported_or_refused(tmp_path):
    path = write(tmp_path, "u.json", json.dumps({"nodes": [{"id": "a"}],
                                                 "edges": [{"source": "a", "target": "zz"}]}))
    org, report = read(path)
    assert "zz" in org and "'zz' (edges[0])" in str(report.repairs[0])
    with pytest.raises(ChartError, match=r"1 node\(s\) named by edges but not in \"nodes\""):
        formats.read(path, strict=True)


def test_graphml_graphs_nested_in_nodes_keep_their_nodes(tmp_path):
    path = write(tmp_path, "n.graphml", (
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<graph edgedefault="directed"><node id="a"/><node id="b">'
        '<graph id="b:" edgedefault="directed"><node id="c"/><node id="d"/>'
        '<edge source="c" target="d"/></graph></node>'
        '<edge source="a" target="b"/><edge source="b" target="c"/></graph></graphml>'))
    org, report = read(path)
    assert sorted(org) == ["a", "b", "c", "d"] and org.line_superior("d") == "c"
    assert report.dropped == ["nesting of 2 node(s) in 1 nested graph(s) (in node 'b'): read "
                              "as nodes of the top graph"]


# ------------------------------------------------------------------ workbooks


openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_extra_sheets_are_reported_and_sheet_chooses_one(tmp_path):
    path = _workbook(tmp_path / "w.xlsx", {"Staff": [["id", "parent"], ["a", ""]],
                                           "Other": [["id", "parent"], ["z", ""], ["y", "z"]]})
    org, report = read(path)
    assert list(org) == ["a"]
    assert report.dropped == ["sheet(s) 'Other': only the first sheet, 'Staff', is read; "
                              "choose another with --sheet NAME"]
    org, report = read(path, sheet="Other")
    assert sorted(org) == ["y", "z"] and report.dropped == []
    with pytest.raises(ChartError, match="has no sheet 'Nope'; its sheets are: 'Staff', "
                                         "'Other'"):
        formats.read(path, sheet="Nope")
    result = CliRunner().invoke(main, ["validate", str(path), "--sheet", "Other"])
    assert result.exit_code == 0 and "2 nodes" in result.output


def test_formula_cells_without_a_saved_value_are_reported_or_refused(tmp_path):
    path = _workbook(tmp_path / "f.xlsx", {"S": [["id", "parent", "label"], ["a", "", "A"],
                                                 ["b", "a", '=CONCAT("x","y")']]})
    org, report = read(path)
    assert org.nodes["b"]["label"] == ""  # read as empty
    assert str(report.repairs[0]).startswith(f"{path}:3: 1 formula cell(s) have no saved "
                                             'value: C3 (=CONCAT("x","y"))')
    with pytest.raises(ChartError, match="formula cell"):
        formats.read(path, strict=True)


def _repack(source: Path, target: Path, member: str, write_member) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == member:
                with zout.open(member, "w", force_zip64=True) as stream:
                    write_member(stream)
            else:
                zout.writestr(info, zin.read(info.filename))
    return target


_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path):
    base = _workbook(tmp_path / "b.xlsx", {"S": [["id", "parent"], ["a", ""]]})

    def spaces(stream):
        stream.write(_SHEET + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
        for _ in range(20):
            stream.write(b" " * 1_000_000)
        stream.write(b"</t></is></c></row></sheetData></worksheet>")
    bomb = _repack(base, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", spaces)
    with limits.raised(xlsx_ratio=100), pytest.raises(ChartError, match=r"packed .* times"):
        formats.read(bomb)
    with limits.raised(xlsx_bytes=1_000_000), pytest.raises(ChartError,
                                                            match="bytes once unpacked"):
        formats.read(bomb)


def test_huge_row_counts_and_false_dimensions_are_refused_quickly(tmp_path):
    base = _workbook(tmp_path / "b.xlsx", {"S": [["id", "parent"], ["a", ""]]})

    def rows(stream):
        stream.write(_SHEET + b"<sheetData>")
        stream.write(b"".join(b'<row r="%d"/>' % i for i in range(1, 1_100_001)))
        stream.write(b"</sheetData></worksheet>")
    many = _repack(base, tmp_path / "rows.xlsx", "xl/worksheets/sheet1.xml", rows)
    with pytest.raises(ChartError, match=r"has 1,100,000 rows in xl/worksheets/sheet1\.xml; "
                                         r"Excel holds at most 1,048,576"):
        formats.read(many)

    def wide(stream):
        stream.write(_SHEET + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1">'
                     b'<c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="XFD1" '
                     b't="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    false = _repack(base, tmp_path / "dim.xlsx", "xl/worksheets/sheet1.xml", wide)
    with pytest.raises(ChartError, match=r"dim\.xlsx:1: has 16,384 columns; the limit is 10,000"):
        formats.read(false)


def test_a_special_file_is_refused_by_a_real_process():
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-m", "orgraph", "validate", "--from", "csv",
                           "/dev/zero"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "/dev/zero: is a character device, not a regular file" in proc.stdout + proc.stderr


# ------------------------------------------------------------------ undirected DOT


def test_an_undirected_graph_is_directed_from_the_top_or_refused(tmp_path):
    path = write(tmp_path, "u.dot", "strict graph org { b -- a; b -- c; c -- d; d -- c }")
    with pytest.raises(ChartError, match=r"is an undirected graph: .*name the top with --top"):
        formats.read(path, strict=True)
    org, report = read(path)
    assert org.line_superior("a") == "b" and "read each edge as written" in str(
        report.repairs[0])
    org, report = read(path, top="a", strict=True)
    assert [org.line_superior(n) for n in "bcd"] == ["a", "b", "c"]
    with pytest.raises(ChartError, match="--top 'x' is no node"):
        formats.read(path, top="x")
    result = CliRunner().invoke(main, ["show", str(path), "--top", "a"])
    assert result.exit_code == 0 and result.output.index("b [") < result.output.index("d [")


def test_a_strict_digraph_merges_repeated_edges_as_graphviz_does(tmp_path):
    path = write(tmp_path, "s.dot", "strict digraph { a -> b; a -> b [note=x] }")
    assert formats.read(path).edges["a", "b"]["note"] == "x"
    with pytest.raises(ChartError, match="two edges from 'a' to 'b'"):
        formats.read(write(tmp_path, "t.dot", "digraph { a -> b; a -> b }"))


# ------------------------------------------------------------------ more values and shapes


def test_the_dot_parser_reads_the_language_not_just_orgraphs_own_output(tmp_path):
    path = write(tmp_path, "g.dot", (
        '/* a comment */ digraph "Org" {\n  // line comment\n# preprocessor line\n'
        '  graph [fontsize=9]; node [shape=box]\n  "a b":p1:n -> c -> d [relation=staff]\n'
        '  c [label="C" + "D"]; subgraph cluster_x { label=X; e }\n  e -> "a b"\n}\n'))
    org, report = read(path)
    assert org.graph["name"] == "Org" and org.nodes["c"]["label"] == "CD"
    assert org.relation("c", "d").value == "staff" and org.line_superior("a_b") == "e"
    assert "default node attribute 'shape' (1×)" in report.dropped
    assert "subgraph attribute 'label' (1×)" in report.dropped
    for text, message in [("digraph { a -> {b c} }", "an edge to or from a subgraph"),
                          ("digraph {a} digraph {b}", "holds 2 graphs"),
                          ("digraph {}", "the graph has no nodes"),
                          ("digraph { a -> b [relation=<<i>line</i>>] }", "HTML-like"),
                          ("digraph { a -> ", r"g.dot:1: is not valid DOT")]:
        with pytest.raises(ChartError, match=message):
            formats.read(write(tmp_path, "g.dot", text))


def test_orgraphs_column_names_keep_their_meaning_in_any_table(tmp_path):
    for text, message in [("id,reports_to,relation\n1,,\n2,1,marriage\n", "'marriage'"),
                          ("id,reports_to,dotted\n1,,\n2,1,9\n", "unknown id '9'"),
                          ("id,reports_to,fte\n1,,1.0\n2,1,NaN\n", "'fte' is nan")]:
        with pytest.raises(ChartError, match=message):
            formats.read(write(tmp_path, "t.csv", text), strict=True)
    report = Report("t")  # leniently the dotted line to no row is left out, reported
    formats.read(write(tmp_path, "t.csv", "id,reports_to,dotted\n1,,\n2,1,9\n"), report=report)
    assert "refers to unknown id '9' (dotted edge 9 → 2)" in report.repairs[0].message


@pytest.mark.parametrize("fact", ["inhabitants: .inf", "model_introduced: " + "9" * 60])
def test_numeric_organisation_facts_are_finite_and_bounded(fact):
    with pytest.raises(ChartError, match=r":2: '.*' is .*; it must be a finite number"):
        orgraph.loads(f"orgraph: 1\norganisation: {{name: X, {fact}}}\nunits:\n"
                      "  - {id: a, kind: cao}\n")


def test_escaped_control_characters_in_json_texts_are_reported(tmp_path):
    path = write(tmp_path, "a.json", '{"nodes": [{"id": "a", "label": "\\u001b[31mred"}, '
                                     '{"id": "b"}], "edges": [{"source": "a", "target": "b"}]}')
    org, report = read(path)
    assert org.nodes["a"]["label"] == "red" and "ESC" in str(report.repairs[0])
    with pytest.raises(ChartError, match="control characters in 1 text"):
        formats.read(path, strict=True)


def test_chart_tool_json_of_the_wrong_shape_is_reported_or_refused(tmp_path):
    d3 = write(tmp_path, "d3.json", json.dumps([{"id": "1", "parentId": "", "name": {"a": 1}},
                                                {"id": "2", "parentId": "1", "kind": ["x"]}]))
    org, report = read(d3)
    assert org.nodes["1"]["source_label"] == {"a": 1}
    assert "records[0]: the name is an object, not text" in str(report.repairs[0])
    with pytest.raises(ChartError, match="the name is an object"):
        formats.read(d3, strict=True)
    balkan = write(tmp_path, "b.json", json.dumps({"nodes": [
        {"id": 1, "name": "A"}, {"id": 2, "pid": 1, "tags": [["assistant"]]}]}))
    with pytest.raises(ChartError, match='nodes\\[1\\]: "tags" must be a list of texts'):
        formats.read(balkan, strict=True)
    tree = write(tmp_path, "t.json", json.dumps({"name": "A", "children": [None]}))
    with pytest.raises(ChartError, match="/children/0: a child is null"):
        formats.read(tree, strict=True)


def test_the_workbook_row_limit_is_counted_before_openpyxl(tmp_path):
    pytest.importorskip("openpyxl")
    path = _workbook(tmp_path / "r.xlsx", {"S": [["id", "parent"]] + [[f"n{i}", ""]
                                                                      for i in range(30)]})
    with limits.raised(xlsx_rows=10), pytest.raises(ChartError, match=r"has 31 rows in "
                                                                      r"xl/worksheets/"):
        formats.read(path)


def test_an_organogram_row_shorter_than_its_header_is_reported_or_refused(tmp_path):
    header = ("Post Unique Reference,Name,Grade (or equivalent),Job Title,Job/Team Function,"
              "Parent Department,Organisation,Unit,Contact Phone,Contact E-mail,"
              "Reports to Senior Post,Salary Cost of Reports (£),FTE,Actual Pay Floor (£),"
              "Actual Pay Ceiling (£),Professional/Occupational Group,Notes,Valid?")
    full = "1,Jane,SCS3,Chief,Leads,D,D,U,0,a@x,XX,0,1,100,200,Policy,,1"
    path = write(tmp_path, "x-senior.csv", f"{header}\n{full}\n2,Bob,SCS1\n")
    org, report = read(path)
    assert "2" in org
    assert any(p.line == 3 and "the row has 3 fields; the header has 18" in p.message
               for p in report.repairs)
    with pytest.raises(ChartError, match=r"x-senior.csv:3: the row has 3 fields"):
        formats.read(path, strict=True)
