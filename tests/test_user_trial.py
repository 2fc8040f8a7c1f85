"""A new user's own files: the defects a trial with realistic HR exports found.

Each test is a file an HR person would produce (Excel-saved CSV, a manager column of names,
a person reporting to someone absent, duplicated rows, two roots, a cycle) read as the
analysis commands read it (lenient: every record kept, every repair reported with its line)
and as ``--strict`` / ``validate`` read it (the format's rules: refused, with the line).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph import formats
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import Report

HR = ("id,manager,name,title\n"
      "1,,Kari Nordmann,CEO\n"           # line 2
      "2,1,Ola Hansen,CFO\n"             # 3
      "3,2,Per Olsen,Accountant\n"       # 4
      "3,2,Per Olsen,Accountant (2)\n"   # 5: the same id again
      "4,1,Anne Berg,HR lead\n"          # 6
      "5,9,Tom Lie,Intern\n"             # 7: reports to no row
      "6,6,Siri Moe,Self\n"              # 8: reports to itself
      "7,8,Liv Dahl,Loop A\n"            # 9: a loop 7 -> 8 -> 7
      "8,7,Geir Ås,Loop B\n"             # 10
      "10,,Second Top,Board\n")          # 11: a second top


@pytest.fixture
def hr(tmp_path: Path) -> Path:
    path = tmp_path / "hr.csv"
    path.write_text(HR, encoding="utf-8")
    return path


def test_a_lenient_reading_keeps_every_row_and_reports_each_repair(hr):
    report = Report(str(hr))
    org = formats.read(hr, report=report)
    assert org.number_of_nodes() == 10  # every row, the repeated id too
    assert org.nodes["3_2"]["source_id"] == "3" and org.nodes["3_2"]["title"] == \
        "Accountant (2)"
    assert org.line_superior("3") == "2" and org.line_superior("3_2") == "2"
    assert org.line_superior("5") is None and org.nodes["5"]["source_reports_to"] == "9"
    assert org.line_superior("6") is None and org.nodes["6"]["source_reports_to"] == "6"
    assert org.line_superior("8") == "7" and org.line_superior("7") is None
    assert org.nodes["7"]["source_reports_to"] == "8"
    repairs = [str(p) for p in report.repairs]
    assert f"{hr}:5: node '3': repeats the id '3' of line 4: read as '3_2' (source_id '3'); " \
           "who reports to '3' reports to line 4" in repairs
    assert f"{hr}:7: node '5': reports to '9' (manager), which is no row's id: read as a " \
           "top (source_reports_to '9')" in repairs
    assert (f"{hr}:8: node '6': reports to itself (manager = id): read as a top "
            "(source_reports_to '6')") in repairs
    assert any(r.startswith(f"{hr}:9: node '7': closes the reporting cycle 7 (line 9) → "
                            "8 (line 10) → 7 (line 9): its superior '8' is dropped")
               for r in repairs)
    assert any("5 top posts (empty or repaired manager)" in n and "read as a forest" in n
               for n in report.notes)


def test_a_strict_reading_refuses_the_same_rows_with_their_lines(hr):
    with pytest.raises(ChartError) as excinfo:
        formats.read(hr, strict=True)
    found = [str(p) for p in excinfo.value.problems]
    assert f"{hr}:5: node '3': duplicate id '3' (first on line 4); give each row its own id" \
        in found
    assert any(p.startswith(f"{hr}:7: node '5': reports to '9' (manager)") for p in found)
    assert any(p.startswith(f"{hr}:8: node '6': reports to itself") for p in found)


def test_show_and_metrics_load_the_file_and_print_the_repairs(hr):
    runner = CliRunner()
    shown = runner.invoke(main, ["show", str(hr)])
    assert shown.exit_code == 0, shown.output
    assert "Tom Lie" in shown.stdout and shown.stdout.count("Per Olsen") == 2
    assert f"warning: {hr}:7: node '5': reports to '9'" in shown.stderr
    strict = runner.invoke(main, ["show", str(hr), "--strict"])
    assert strict.exit_code == 1 and "Traceback" not in strict.output
    assert f"error: {hr}:5: node '3': duplicate id '3'" in strict.stderr
    checked = runner.invoke(main, ["validate", str(hr)])  # validate is strict
    assert checked.exit_code == 1
    assert f"error: {hr}:7: node '5': reports to '9'" in checked.stderr
    metrics = runner.invoke(main, ["metrics", str(hr), "--format", "json"])
    assert metrics.exit_code == 0, metrics.output
    assert '"trees": 2' in metrics.stdout  # Kari's and Liv's; the three loose rows are units


def test_an_empty_id_cell_is_given_an_id_of_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,parent,name\na,,A\n,a,No id\n", encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.nodes["line3"]["label"] == "No id" and org.line_superior("line3") == "a"
    assert f"{path}:3: the id cell is empty: read as 'line3'" in map(str, report.repairs)
    with pytest.raises(ChartError, match=":3: the id cell is empty; every row needs an id"):
        formats.read(path, strict=True)


def test_a_long_loop_is_named_by_its_ends_not_every_row(tmp_path):
    rows = ["id,parent", "top,"] + [f"u{i},u{(i + 1) % 500}" for i in range(500)]
    path = tmp_path / "loop.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    (repair,) = [str(p) for p in report.repairs]
    assert "(500 rows)" in repair and len(repair) < 400
    assert org.number_of_nodes() == 501 and org.line_superior("u0") is None
    with pytest.raises(ChartError) as excinfo:
        formats.read(path, strict=True)
    (refusal,) = [str(p) for p in excinfo.value.problems]
    assert "(500 rows)" in refusal and len(refusal) < 400


def test_a_manager_column_of_names_keys_the_rows_by_their_names(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Name,Title,Manager\nKari Nordmann,CEO,\nOla Hansen,CFO,Kari Nordmann\n"
                    "Per Olsen,Accountant,Ola Hansen\n", encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.line_superior("per_olsen") == "ola_hansen"
    assert org.nodes["per_olsen"]["label"] == "Per Olsen"
    assert org.nodes["per_olsen"]["title"] == "Accountant"  # the job title, as Visio's is
    assert any(n.startswith("no id column: rows are keyed by their Name") and "--id-col" in n
               for n in report.notes)


YED_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><graphml '
            'xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:y="http://www.yworks.com/xml/graphml">'
            '<key for="node" id="d6" yfiles.type="nodegraphics"/>'
            '<graph edgedefault="directed" id="G">')


def _yed_node(ident: str, label: str, inner: str = "") -> str:
    graphics = "GroupNode" if inner else "ShapeNode"
    nested = f'<graph edgedefault="directed" id="{ident}:">{inner}</graph>' if inner else ""
    folder = ' yfiles.foldertype="group"' if inner else ""
    return (f'<node id="{ident}"{folder}><data key="d6"><y:{graphics}>'
            f'<y:NodeLabel>{label}</y:NodeLabel></y:{graphics}></data>{nested}</node>')


def test_yed_department_groups_are_no_units_but_each_members_group(tmp_path):
    """yEd draws departments as group boxes round their people, with no line of their own:
    they were read as loose units (a forest of 3, two 'units' nobody manages)."""
    people = (_yed_node("g1::a", "Ola Hansen") + _yed_node("g1::b", "Per Olsen"))
    inner = _yed_node("g2::g3::c", "Lise Dahl")
    path = tmp_path / "groups.graphml"
    path.write_text(YED_HEAD + _yed_node("ceo", "Kari Nordmann")
                    + _yed_node("g1", "Finance", people)
                    + _yed_node("g2", "HR", _yed_node("g2::g3", "Payroll", inner))
                    + '<edge source="ceo" target="g1::a"/><edge source="g1::a" '
                      'target="g1::b"/><edge source="ceo" target="g2::g3::c"/>'
                    + "</graph></graphml>", encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert sorted(d["label"] for _, d in org.nodes(data=True)) == [
        "Kari Nordmann", "Lise Dahl", "Ola Hansen", "Per Olsen"]
    assert org.nodes["g1_a"]["group"] == "Finance"
    assert org.nodes["g2_g3_c"]["group"] == "HR / Payroll"
    assert any(d.startswith("3 group node(s) with no reporting line of their own "
                            "('Finance', 'HR', 'Payroll')") for d in report.dropped)
    runner = CliRunner()
    shown = runner.invoke(main, ["show", str(path)])
    assert shown.exit_code == 0 and "Finance" not in shown.stdout


def test_an_empty_text_attribute_survives_a_table(tmp_path):
    """d3-org-chart's JSON has "size": "" on every record: CSV lost it without a word."""
    import orgraph

    org = formats.read(Path(__file__).parent / "data" / "d3-org-chart.json",
                       report=Report("d3"))
    assert org.nodes["O-6066"]["size"] == ""
    for suffix in ("csv", "tsv"):
        out = tmp_path / f"d3.{suffix}"
        formats.write(org, out, report=Report(str(out)))
        back = formats.read(out, report=Report(str(out)))
        back.graph = dict(org.graph)
        assert back.nodes["O-6066"]["size"] == ""
        assert orgraph.graphs_equal(back, org)


def test_id_parent_name_without_kinds_gets_its_head_and_managers(tmp_path):
    """'id,parent,name' matched orgraph's own columns, so no kinds were inferred: every box
    was a unit, unlike the same file headed 'id,reports_to,name'."""
    path = tmp_path / "t.csv"
    path.write_text("id,parent,name\n1,,Kari\n2,1,Ola\n3,2,Per\n", encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert [org.nodes[n]["kind"] for n in "123"] == ["cao", "department", "unit"]
    assert any(n.startswith("no kinds in the file") for n in report.notes)


def test_excel_sep_line_names_the_delimiter(tmp_path):
    """Excel writes 'sep=;' as the first line of a CSV saved for other locales."""
    path = tmp_path / "excel.csv"
    path.write_bytes(b"sep=;\r\nid;parent;name\r\n1;;Kari\r\n2;1;Ola\r\n2;1;Ola again\r\n")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.nodes["2"]["label"] == "Ola" and org.line_superior("2") == "1"
    assert any("sep=;" in n for n in report.notes)
    assert f"{path}:5: node '2': repeats the id '2' of line 4" in str(report.repairs[0])


def test_compare_names_a_company_head_as_metrics_does(tmp_path):
    """compare's Head row showed a CSV's id ('1'), where metrics shows 'Kari Nordmann (1)'."""
    one = tmp_path / "a.csv"
    one.write_text("id,manager,name\n1,,Kari Nordmann\n2,1,Ola\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(one), "tests/data/krackhardt-high-tech.csv",
                                       "-q"])
    assert result.exit_code == 0, result.output
    head = next(line for line in result.stdout.splitlines() if line.startswith("Head "))
    assert "Kari Nordmann (1)" in head and head.rstrip().endswith(" 7")


def test_an_fte_column_in_capitals_gives_the_fte_measures(tmp_path):
    """An HR export's 'FTE' column was kept as text, and metrics said no node has an fte."""
    path = tmp_path / "hr.csv"
    path.write_text("EmployeeID,FullName,ManagerID,FTE\n1,Boss,,1.0\n2,A,1,0.5\n3,B,1,0,8\n"
                    .replace("0,8", '"0,8"'), encoding="utf-8")
    org = formats.read(path, report=Report(str(path)))
    assert org.nodes["2"]["fte"] == 0.5 and org.nodes["3"]["fte"] == 0.8
    assert "FTE" not in org.nodes["2"]
    result = CliRunner().invoke(main, ["metrics", str(path), "--format", "json", "-q"])
    assert '"top_span_fte": 1.3' in result.stdout


def test_json_records_with_a_manager_id_key_keep_their_reporting_lines(tmp_path):
    """An HR system's JSON ([{"id", "managerId", ...}]) read as BALKAN with no 'pid': every
    record a top, with nothing said about the 'managerId' key that held the structure."""
    path = tmp_path / "hr.json"
    path.write_text('[{"id": 1, "managerId": null, "name": "Kari"},'
                    ' {"id": 2, "managerId": 1, "name": "Ola"},'
                    ' {"id": 3, "managerId": "2", "name": "Per"}]', encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.line_superior("2") == "1" and org.line_superior("3") == "2"
    assert "managerId" not in org.nodes["2"]
    assert any("'managerId'" in n and "reports-to" in n for n in report.notes)


def test_blank_rows_in_the_middle_of_a_sheet_are_skipped(tmp_path):
    """Excel saves a blank row as ',,,': it was refused ('the id cell is empty') by a strict
    reading and made a nameless box by a lenient one."""
    path = tmp_path / "blank.csv"
    path.write_text("id,parent,name\r\n1,,Kari\r\n,,\r\n2,1,Ola\r\n , , \r\n", encoding="utf-8")
    for strict in (False, True):
        report = Report(str(path))
        org = formats.read(path, report=report, strict=strict)
        assert sorted(org) == ["1", "2"] and not report.repairs
        assert any("2 blank row(s) skipped: lines 3, 5" in n for n in report.notes)


def test_a_date_cell_of_a_workbook_reads_as_its_date(tmp_path):
    """A 'Start date' cell read as '2010-01-04 00:00:00'."""
    import datetime

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "manager", "name", "start", "seen"])
    sheet.append([1, None, "Kari", datetime.date(2010, 1, 4),
                  datetime.datetime(2020, 5, 6, 7, 30)])
    path = tmp_path / "hr.xlsx"
    book.save(path)
    org = formats.read(path, report=Report(str(path)))
    assert org.nodes["1"]["start"] == "2010-01-04"
    assert org.nodes["1"]["seen"] == "2020-05-06T07:30:00"


def test_a_nested_tree_with_children_not_a_list_loads_leniently(tmp_path):
    """One record's "children": "oops" refused the whole file in show/metrics too."""
    path = tmp_path / "tree.json"
    path.write_text('{"name": "Kari", "children": [{"name": "Ola"}, '
                    '{"name": "Per", "children": "oops"}]}', encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert sorted(d["label"] for _, d in org.nodes(data=True)) == ["Kari", "Ola", "Per"]
    per = next(n for n, d in org.nodes(data=True) if d["label"] == "Per")
    assert org.nodes[per]["source_children"] == "oops"
    assert any('/children/1: "children" is a text' in str(p) and "no children" in str(p)
               for p in report.repairs)
    with pytest.raises(ChartError, match='"children" is a text; it must be a list'):
        formats.read(path, strict=True)


def test_a_manager_column_of_names_beside_an_id_column_is_matched_by_name(tmp_path):
    """id, name, manager (the manager's name): every row 'reported to no row's id' and the
    organisation fell apart into tops."""
    path = tmp_path / "hr.csv"
    path.write_text("id,name,manager\n1,Kari Nordmann,\n2,Ola Hansen,Kari Nordmann\n"
                    "3,Per Olsen,Ola Hansen\n4,Per Olsen,Kari Nordmann\n5,Liv,Per Olsen\n",
                    encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.line_superior("2") == "1" and org.line_superior("3") == "2"
    assert org.line_superior("4") == "1"
    assert any("matched by name" in n and "3 reports-to cell(s)" in n for n in report.notes)
    (repair,) = [str(p) for p in report.repairs]  # 'Per Olsen' names two rows
    assert repair.startswith(f"{path}:6: node '5': reports to 'Per Olsen' (manager)")
    assert "2 rows have that name (lines 4, 5)" in repair
    with pytest.raises(ChartError):
        formats.read(path, strict=True)
