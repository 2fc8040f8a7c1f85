"""Tables: every tool's export, column options, and every bad input with its row number."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgraph
from orgraph import formats
from orgraph.errors import ChartError
from orgraph.formats import Report
from orgraph.formats.tabular import read_table

DATA = Path(__file__).parent / "data"


def problems(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_visio_export_uses_names_as_ids_and_keeps_the_other_columns():
    report = Report("v")
    org = formats.read(DATA / "visio-export.csv", report=report)
    assert org.line_superior("anne_berg") == "ola_hansen"
    assert org.nodes["anne_berg"]["label"] == "Anne Berg"
    assert org.nodes["anne_berg"]["source_id"] == "Anne Berg"
    assert org.nodes["anne_berg"]["title"] == "Rektor Sentrum skole"
    assert org.nodes["anne_berg"]["Department"] == "Oppvekst"
    assert "Telephone" not in org.nodes["liv_dahl"]  # an empty cell is no attribute
    assert any("rewritten" in n for n in report.notes)
    assert any("no kinds in the file: 'kari_nordmann', the top of the tree, is the head"
               in n for n in report.notes)


@pytest.mark.parametrize(("name", "top", "child", "parent", "label"), [
    ("d3-org-chart.csv", "1", "4", "2", "Anne Berg"),
    ("balkan.csv", "100", "102", "101", "Anne Berg"),
    ("orgchartnow.csv", "E1", "E4", "E3", "Anne Berg"),
    ("visio-export.csv", "kari_nordmann", "nils_lie", "per_olsen", "Nils Lie"),
])
def test_each_profile_is_detected(name, top, child, parent, label):
    org = formats.read(DATA / name, report=Report(name))
    assert org.line_superior(child) == parent
    assert org.line_superior(top) is None
    assert org.nodes[child]["label"] == label


def test_d3_position_and_balkan_title_become_title():
    assert formats.read(DATA / "d3-org-chart.csv").nodes["2"]["title"] == "Kommunalsjef"
    assert formats.read(DATA / "balkan.csv").nodes["102"]["title"] == "Rektor"


def test_orgchartnow_assistant_is_a_staff_unit():
    org = formats.read(DATA / "orgchartnow.csv")
    assert org.kind("E2").value == "staff"
    assert org.relation("E1", "E2").value == "staff"
    assert org.nodes["E2"]["instructs"] is False
    assert org.kind("E3").value == "department"  # no kind column: E3 has reports


def test_explicit_columns_and_a_semicolon_file():
    text = "Ansattnr;Leder;Navn;Type;Ansatte\n1;;Rådmann;cao;3\n2;1;Skole;unit;40,5\n"
    org = read_table("x.csv", text=text, id_col="Ansattnr", parent_col="Leder",
                     name_col="Navn", kind_col="Type", headcount_col="Ansatte")
    assert org.kind("1").value == "cao"
    assert org.nodes["2"] == {"kind": "unit", "label": "Skole", "headcount": 40.5}


def test_dotted_column():
    text = "id,parent,name,matrix\na,,A,\nb,a,B,\nc,a,C,b\n"
    org = read_table("x.csv", text=text, dotted_col="matrix")
    assert org.relation("b", "c").value == "dotted"
    assert org.line_superior("c") == "a"


def test_tsv_by_suffix(tmp_path):
    org = formats.read(write(tmp_path, "id\tparent\n1\t\n2\t1\n", "t.tsv"))
    assert org.line_superior("2") == "1"


def test_byte_order_mark_is_not_part_of_the_first_header():
    org = formats.read(DATA / "bom.csv")
    assert org.line_superior("2") == "1"
    assert org.nodes["2"]["label"] == "CFO"


def test_latin1_is_refused_with_the_fix_and_read_with_the_encoding():
    with pytest.raises(ChartError) as excinfo:  # leniently: read as Windows-1252, reported
        formats.read(DATA / "latin1.csv", id_col="id", parent_col="overordnet", strict=True)
    (message,) = problems(excinfo)
    assert message.startswith(f"{DATA / 'latin1.csv'}:2: is not valid utf-8")
    assert "--encoding cp1252 (or latin-1)" in message
    org = formats.read(DATA / "latin1.csv", encoding="latin-1", id_col="id",
                       parent_col="overordnet", name_col="navn")
    assert org.nodes["1"]["label"] == "Rådmann"


def test_every_problem_of_a_file_together_with_row_numbers(tmp_path):
    path = write(tmp_path, "id,parent,name\n"
                           "a,,A\n"           # line 2
                           "b,a,B\n"          # 3
                           "b,a,B again\n"    # 4 duplicate
                           "c,zz,C\n"         # 5 dangling
                           "d,d,D\n"          # 6 to itself
                           "e,a\n"            # 7 ragged
                           ",a,no id\n")      # 8 empty id
    with pytest.raises(ChartError) as excinfo:
        formats.read(path, profile="d3", id_col="id", parent_col="parent", strict=True)
    found = problems(excinfo)
    assert f"{path}:4: node 'b': duplicate id 'b' (first on line 3); give each row its own id" \
        in found
    assert any(p.startswith(f"{path}:5: node 'c': reports to 'zz'") for p in found)
    assert any(p.startswith(f"{path}:6: node 'd': reports to itself") for p in found)
    assert any(p.startswith(f"{path}:7: has 2 fields; the header has 3") for p in found)
    assert any(p.startswith(f"{path}:8: the id cell is empty") for p in found)


def test_reporting_cycle_names_rows(tmp_path):
    path = write(tmp_path, "id,parentId\ntop,\na,c\nb,a\nc,b\n")
    with pytest.raises(ChartError) as excinfo:
        formats.read(path, strict=True)
    (message,) = problems(excinfo)
    # superior → subordinate, as check_organisation writes cycles: b reports to a, ...
    assert message == (f"{path}:3: node 'a': reporting cycle: a (line 3) → b (line 4) → "
                       "c (line 5) → a (line 3); break it (one of these must report "
                       "elsewhere, or be the top post)")


def test_several_top_posts_in_a_tool_export(tmp_path):
    path = write(tmp_path, "id,pid\n1,\n2,\n3,1\n")
    with pytest.raises(ChartError, match=r"2 top posts \(empty pid\): '1' \(line 2\), "
                                         r"'2' \(line 3\)"):
        formats.read(path, strict=True)


def test_orgraph_csv_may_have_several_tops(tmp_path):
    path = write(tmp_path, "id,parent,kind\ncouncil,,council\ngroup,,leader_group\n")
    assert formats.read(path).number_of_nodes() == 2


def test_extra_empty_cells_are_tolerated_but_not_extra_values(tmp_path):
    assert formats.read(write(tmp_path, "id,pid\n1,,,\n2,1,\n")).line_superior("2") == "1"
    with pytest.raises(ChartError, match=":3: has 3 fields"):
        formats.read(write(tmp_path, "id,pid\n1,\n2,1,x\n"), strict=True)
    report = Report("t")  # leniently the extra value is kept, reported
    org = formats.read(write(tmp_path, "id,pid\n1,\n2,1,x\n"), report=report)
    assert org.nodes["2"]["source_extra_cells"] == ["x"] and report.repairs[0].line == 3


def test_wrong_kind_and_values_in_orgraph_csv(tmp_path):
    path = write(tmp_path, "id,parent,kind,count,instructs\n"
                           "a,,cao,,\n"
                           "b,a,skole,,\n"
                           "c,a,unit_group,zero,\n"
                           "d,a,unit,,maybe\n")
    with pytest.raises(ChartError) as excinfo:
        formats.read(path)
    found = problems(excinfo)
    assert any(p.startswith(f"{path}:3: node 'b': unknown kind 'skole'; use one of")
               for p in found)
    assert any(p.startswith(f"{path}:4: node 'c': column 'count'") for p in found)
    assert any(p.startswith(f"{path}:5: node 'd': column 'instructs': 'maybe' is not true")
               for p in found)


def test_missing_columns_name_the_options(tmp_path):
    with pytest.raises(ChartError, match="no reports-to column found among a, b; name it "
                                         "with --parent-col"):
        formats.read(write(tmp_path, "a,b\n1,2\n"))
    with pytest.raises(ChartError, match="no column 'Boss' \\(for parent\\)"):
        formats.read(write(tmp_path, "id,pid\n1,\n"), parent_col="Boss")


def test_empty_file_and_header_only(tmp_path):
    with pytest.raises(ChartError, match="the file is empty"):
        formats.read(write(tmp_path, ""))
    with pytest.raises(ChartError, match="no rows below the header"):
        formats.read(write(tmp_path, "id,parent\n"))


def test_nothing_half_loaded_on_error(tmp_path):
    path = write(tmp_path, "id,pid\n1,\n2,9\n")
    with pytest.raises(ChartError):
        orgraph.load(path, strict=True)


def test_labels_are_plain_text(tmp_path):
    with pytest.warns(formats.FormatWarning, match=r"t.csv:2: removed 1 control character\(s\) "
                                                   r"\(NUL"):
        org = formats.read(write(tmp_path, 'id,pid,name\n1,,"<b>Boss</b>\x00"\n'))
    assert org.nodes["1"]["label"] == "<b>Boss</b>"


def test_fast_path_builds_the_same_graph_and_passes_the_chart_rules():
    import networkx as nx

    from orgraph.chartfile import check_organisation

    org = read_table("x.csv", text="id,parentId,name\n1,,A\n2,1,B\n3,1,C\n4,3,D\n")
    expected = orgraph.Organisation(name="x")
    kinds = ("cao", "unit", "department", "unit")  # inferred: head, managers, units
    for node, label, kind in zip("1234", "ABCD", kinds, strict=True):
        expected.add_unit(node, kind=kind, label=label)
    for sup, sub in (("1", "2"), ("1", "3"), ("3", "4")):
        expected.add_relation(sup, sub)
    assert orgraph.graphs_equal(org, expected)
    assert check_organisation(org) == []
    assert nx.is_arborescence(org)
    assert list(org.predecessors("4")) == ["3"] and org.in_degree("1") == 0


def test_id_column_wins_over_visio_names(tmp_path):
    from orgraph import formats

    path = tmp_path / "ids.csv"
    path.write_text("id,name,reports_to\nr,Rådmann,\nu,Sentrum skole,r\nv,Sentrum skole,r\n",
                    encoding="utf-8")
    org = formats.read(path)
    assert sorted(org.line_subordinates("r")) == ["u", "v"]  # same names stay two units
    assert org.nodes["u"]["label"] == "Sentrum skole"
