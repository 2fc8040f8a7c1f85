"""A demanding new user's own files, second round: encodings, long reports, real line numbers.

Each test is a file a user brings (a UK organogram whose publisher's export lost characters,
an Excel CSV in Windows-1252, an HR export with thousands of broken manager cells, a CSV with
Excel's ``sep=;`` line, JSON and GraphML from chart tools) read through the CLI as the user
runs it, or through :func:`orgraph.formats.read`; each fails on the code before this round.
The UK rows are excerpts of the Home Office's 31 March 2011 organogram (Crown copyright, Open
Government Licence v3.0; datagovuk/organograms), trimmed to the columns the reader needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph import formats
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import Report

SENIOR = ("Post Unique Reference,Name,Grade (or equivalent),Job Title,Job/Team Function,"
          "Parent Department,Organisation,Unit,Contact Phone,Contact E-mail,"
          "Reports to Senior Post,Salary Cost of Reports (£),FTE,Actual Pay Floor (£),"
          "Actual Pay Ceiling (£),Professional/Occupational Group,Notes,Valid?\n"
          "1PS01,Dame Helen Ghosh,SCS4,Permanent Secretary,Leads the department,Home Office,"
          "Home Office,Private Office,0207 035 4848,ps@homeoffice.example,XX,0,1,160000,"
          "164999,Policy,,1\n"
          "1LAB07,Jane Doe,SCS2,Director,\"consistent with the Government\ufffds approach\","
          "Home Office,Home Office,Legal,0207 035 4848,d@homeoffice.example,1PS01,0,1,90000,"
          "94999,Legal,,1\n")
JUNIOR = ("Parent Department,Organisation,Unit,Reporting Senior Post,Grade,"
          "Payscale Minimum (£),Payscale Maximum (£),Generic Job Title,"
          "Number of Posts in FTE,Professional/Occupational Group\n"
          "Home Office,Home Office,Private Office,1PS01,EO,20235,23802,Diary Manager\ufffd,6,"
          "Operational Delivery\n")


@pytest.fixture
def home_office(tmp_path: Path) -> Path:
    senior = tmp_path / "home_office-2011-03-31-senior.csv"
    senior.write_text(SENIOR, encoding="utf-8")
    (tmp_path / "home_office-2011-03-31-junior.csv").write_text(JUNIOR, encoding="utf-8")
    return senior


def test_replacement_characters_are_kept_and_reported_with_line_and_column(home_office):
    """The Home Office's file holds U+FFFD where its export lost a character (a black
    square in the PDF): it was read without a word."""
    report = Report(str(home_office))
    org = formats.read(home_office, report=report)
    assert any("Government\ufffds" in str(v) for _, d in org.nodes(data=True)
               for v in d.values())  # kept: no text is dropped or guessed
    found = [str(p) for p in report.repairs if "U+FFFD" in p.message]
    assert any(r.startswith(f"{home_office}:3: column 5 'Job/Team Function' holds U+FFFD")
               and "bytes not valid in its encoding" in r and "kept as it is" in r
               for r in found), found
    junior = str(home_office).replace("senior", "junior")
    assert any(r.startswith(f"{junior}:2: column 8 'Generic Job Title' holds U+FFFD")
               for r in found), found


def test_a_strict_reading_notes_replacement_characters_once_and_does_not_refuse(tmp_path):
    """The bytes are valid UTF-8, so no format rule is broken: validate says so once."""
    path = tmp_path / "t.csv"
    path.write_text("id,parent,name\n1,,Caf\ufffd\n2,1,B\ufffd\ufffd\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    (note,) = [line for line in result.stderr.splitlines() if "U+FFFD" in line]
    assert note.startswith(f"note: {path}: 3 character(s) U+FFFD") and "lines 2, 3" in note


CP1252 = "id,manager,name,title\r\n1,,Kari Ås,Rådmann\r\n2,1,Øystein Bø,Økonomisjef\r\n"


def test_a_windows_1252_csv_loads_leniently_with_each_line_reported(tmp_path):
    """Excel on Windows saves æøå as single bytes; show/metrics refused the whole file."""
    path = tmp_path / "excel.csv"
    path.write_bytes(CP1252.encode("cp1252"))
    runner = CliRunner()
    shown = runner.invoke(main, ["show", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "Kari Ås" in shown.stdout and "Øystein Bø" in shown.stdout  # no mojibake
    assert (f"warning: {path}:3: byte(s) not valid in utf-8 at column 5 ('D8 F8 D8'): read "
            "as Windows-1252 'ØøØ'") in shown.stderr
    refused = runner.invoke(main, ["validate", str(path)])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert f"error: {path}:2: is not valid utf-8 (byte 0xc5 at column 9)" in refused.stderr
    assert "--encoding cp1252" in refused.stderr


def test_mostly_utf8_with_a_pasted_windows_byte_keeps_its_utf8(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("id,parent,name\n1,,Tromsø\n2,1,".encode() + b"Bod\xf8\n")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.nodes["1"]["label"] == "Tromsø" and org.nodes["2"]["label"] == "Bodø"
    (repair,) = report.repairs
    assert repair.line == 3 and "column 8 ('F8')" in repair.message


def test_utf8_read_as_latin1_on_request_is_noted(tmp_path):
    """--encoding latin-1 on a UTF-8 file gave 'Ã\\x85s' for 'Ås' without a word."""
    path = tmp_path / "u8.csv"
    path.write_text("id,parent,name\n1,,Kari Ås\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(path), "--encoding", "latin-1"])
    assert result.exit_code == 0
    assert "though the bytes are valid UTF-8" in result.stderr and "'Kari'" not in \
        result.stderr and "would be 'Ås'" in result.stderr


def test_json_with_windows_bytes_is_refused_strictly_and_read_leniently(tmp_path):
    path = tmp_path / "d3.json"
    path.write_bytes('[{"id": "1", "parentId": "", "name": "Åse"}]'.encode("cp1252"))
    with pytest.raises(ChartError, match=r"d3\.json:1: is not valid utf-8"):
        formats.read(path, strict=True)
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.nodes["1"]["label"] == "Åse"
    assert any("read as Windows-1252 'Å'" in p.message for p in report.repairs)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    rows = ["id,manager,name", "1,,CEO"] + [f"{i},x{i},P{i}" for i in range(2, 20002)]
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_twenty_thousand_repairs_of_one_kind_print_ten_and_a_count(broken, tmp_path):
    """20,000 broken manager cells printed 20,000 warning lines."""
    runner = CliRunner()
    result = runner.invoke(main, ["metrics", str(broken)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 11
    assert warnings[0].startswith(f"warning: {broken}:3: node '2': reports to 'x2'")
    assert warnings[-1] == (f"warning: {broken}: … and 19,990 more of this kind (lines 13 to "
                            "20,002): reports to … (manager), which is no row's id: read as a "
                            "top (source_reports_to …)")
    assert "--max-repairs 0 prints them all" in result.stderr
    everything = tmp_path / "all.txt"
    full = runner.invoke(main, ["metrics", str(broken), "--report-file", str(everything)])
    assert full.exit_code == 0
    written = everything.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("warning:") for line in written) == 20_000
    all_printed = runner.invoke(main, ["show", str(broken), "--max-repairs", "0"])
    assert all_printed.stderr.count("\nwarning: ") >= 19_999


def test_strict_refusals_are_capped_the_same_way(broken):
    result = CliRunner().invoke(main, ["validate", str(broken), "--max-repairs", "3"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and "… and 19,997 more of this kind" in errors[-1]


def test_the_cap_counts_each_kind_apart(tmp_path):
    rows = ["id,manager,name", "1,,CEO"] + [f"{i},x{i},P{i}" for i in range(2, 40)] \
        + [f"{i},{i},Self {i}" for i in range(40, 60)]
    path = tmp_path / "two.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(path)])
    lines = result.stderr.splitlines()
    assert sum("which is no row's id" in line and "more" not in line for line in lines) == 10
    assert sum("reports to itself" in line and "more" not in line for line in lines) == 10
    assert f"warning: {path}: … and 28 more of this kind (lines 13 to 40)" in result.stderr
    assert f"warning: {path}: … and 10 more of this kind (lines 51 to 60)" in result.stderr


def test_the_python_api_warns_at_most_ten_of_a_kind(broken):
    with pytest.warns(formats.FormatWarning) as caught:
        formats.read(broken)
    repairs = [str(w.message) for w in caught if "reports to" in str(w.message)]
    assert len(repairs) == 11 and "… and 19,990 more of this kind" in repairs[-1]


SEP = b"sep=;\r\nid;parent;name;name\r\n1;;A;x\r\n2;1;B;y\r\n"


def test_after_a_sep_line_the_header_is_line_two_in_every_message(tmp_path):
    """After Excel's 'sep=;' line, a repeated column name was reported on line 1."""
    path = tmp_path / "sep.csv"
    path.write_bytes(SEP)
    report = Report(str(path))
    formats.read(path, report=report)
    assert str(report.repairs[0]).startswith(f"{path}:2: column 4 repeats the name 'name'")
    with pytest.raises(ChartError, match=r"sep\.csv:2: column 4 repeats the name"):
        formats.read(path, strict=True)
    with pytest.raises(ChartError, match=r"sep\.csv:2: no column 'boss' \(for parent\)"):
        formats.read(path, parent_col="boss")


def test_after_a_sep_line_a_quoting_error_names_the_files_line(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_bytes(b"sep=;\nid;parent;name\n1;;A\n2;1;\"B\"x\n")
    with pytest.raises(ChartError, match=r"quote\.csv:4: cannot parse the file"):
        formats.read(path)


HR = ("Employee ID,Manager ID,First Name,Last Name,Job Title,Department,Dotted Line Manager\n"
      "001,,Kari,Nordmann,CEO,Executive,\n"          # line 2
      "002,001,Ola,Hansen,CFO,Finance,001\n"         # 3: dotted = line manager
      "003,1,Per,Olsen,Accountant,Finance,004\n"     # 4: '1' for '001'
      "004,001,Anne,Berg,HR lead,HR,004\n"           # 5: dotted to itself
      "005, 002 ,Tom,Lie,Intern,Finance,999\n")      # 6: dotted to no row


@pytest.fixture
def hr(tmp_path: Path) -> Path:
    path = tmp_path / "hr.csv"
    path.write_text(HR, encoding="utf-8")
    return path


def test_a_manager_id_without_its_leading_zeros_is_matched_to_the_row(hr):
    """Excel keeps '001' in one column and writes 1 in another: '003' fell off the tree."""
    report = Report(str(hr))
    org = formats.read(hr, report=report)
    assert org.line_superior("003") == "001"
    assert (f"{hr}:4: node '003': reports to '1' (Manager ID), which is no row's Employee ID "
            "but the number of '001' (line 2), as a spreadsheet writes it without leading "
            "zeros: read as reporting to '001'") in map(str, report.repairs)
    with pytest.raises(ChartError, match=r"hr\.csv:4: node '003': reports to '1' \(Manager "
                                         r"ID\), which is no row's Employee ID; '001' \(line "
                                         r"2\) is the same number"):
        formats.read(hr, strict=True)


def test_an_hr_exports_job_title_and_dotted_line_columns_are_read(hr):
    """'Job Title' was an opaque data column (no title under the name in a box) and the
    'Dotted Line Manager' column was ignored."""
    report = Report(str(hr))
    org = formats.read(hr, report=report)
    assert org.nodes["003"]["title"] == "Accountant" and "Job Title" not in org.nodes["003"]
    assert org.relation("004", "003").value == "dotted"


def test_bad_dotted_line_cells_are_left_out_leniently_and_refused_strictly(hr):
    """A dotted-line cell naming no row refused the whole file, even in show and metrics."""
    report = Report(str(hr))
    org = formats.read(hr, report=report)
    repairs = [str(p) for p in report.repairs]
    assert (f"{hr}:6: node '005': refers to unknown id '999' (dotted edge 999 → 005): the "
            "dotted edge is left out (source_dotted '999')") in repairs
    assert (f"{hr}:5: node '004': names itself in its dotted cell: the dotted edge is left out "
            "(source_dotted '004')") in repairs
    assert (f"{hr}:3: node '002': two relations from '001' to '002' (line and dotted): the "
            "dotted edge is left out (source_dotted '001')") in repairs
    assert org.nodes["005"]["source_dotted"] == "999" and not org.has_edge("004", "004")
    fixed = hr.with_name("fixed.csv")
    fixed.write_text(HR.replace("003,1,", "003,001,"), encoding="utf-8")
    with pytest.raises(ChartError) as excinfo:
        formats.read(fixed, strict=True)
    found = [str(p) for p in excinfo.value.problems]
    assert f"{fixed}:6: node '005': refers to unknown id '999' (dotted edge 999 → 005); add a " \
           "row with that id or fix the spelling" in found
    assert any(p.startswith(f"{fixed}:5: node '004': names itself in its dotted cell") for p in
               found)


def test_json_repairs_are_repairs_and_capped_like_a_tables(tmp_path):
    """d3-org-chart JSON with 20,000 broken parentIds printed 20,000 'warning: dropped
    records[N] ...' lines (the records were kept, not dropped)."""
    import json

    records = [{"id": "1", "parentId": "", "name": "CEO"}] + [
        {"id": str(i), "parentId": f"x{i}", "name": f"P{i}"} for i in range(2, 20002)]
    path = tmp_path / "d3.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(path)])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 11 and "dropped" not in result.stderr
    assert warnings[0] == (f"warning: {path}: node '2': records[1]: its superior 'x2' is no "
                           "record's id: read as a top")
    assert "… and 19,990 more of this kind" in warnings[-1]


YED = ('<?xml version="1.0" encoding="UTF-8"?>\n'
       '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
       '<graph edgedefault="directed" id="G">\n'
       '<node id="n0"/><node id="n1"/><node id="n2"/><node id="n3"/><node id="n4"/>\n'
       '<edge id="e0" source="n0" target="n1"/>\n'
       '<edge id="e1" source="n3" target="n4"/>\n'   # line 6: n3 and n4 form a loop
       '<edge id="e2" source="n4" target="n3"/>\n'
       '<edge id="e3" source="n1" target="n9"/>\n'   # line 8: to no node
       '<edge id="e4" source="n2" target="n1"/>\n'   # line 9: n1's second superior
       '</graph>\n</graphml>\n')


def test_a_graphml_drawing_with_stray_and_looping_arrows_loads_leniently(tmp_path):
    """yEd lets a user draw anything: one arrow to a deleted node, a loop, or two arrows
    into one box refused the whole file in show and metrics."""
    path = tmp_path / "drawing.graphml"
    path.write_text(YED, encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.number_of_nodes() == 5 and org.line_superior("n1") == "n0"
    assert org.relation("n2", "n1").value == "dotted"
    assert org.line_superior("n4") == "n3" and org.line_superior("n3") is None
    assert org.nodes["n3"]["source_reports_to"] == "n4"
    repairs = [str(p) for p in report.repairs]
    assert (f"{path}:8: edge 'e3' ('n1' → 'n9') names 'n9', which is no <node>'s id: the edge "
            "is left out") in repairs
    assert (f"{path}: node 'n1': has 2 line superiors ('n0', 'n2'): the line from 'n2' is read "
            "as dotted-line reporting") in repairs
    assert (f"{path}: node 'n3': closes the reporting cycle n3 → n4 → n3: its line from 'n4' "
            "is dropped (source_reports_to 'n4')") in repairs
    with pytest.raises(ChartError) as excinfo:
        formats.read(path, strict=True)
    assert f"{path}:8: edge 'e3' ('n1' → 'n9') names 'n9', which is no <node>'s id; add the " \
           "node or fix the edge" in map(str, excinfo.value.problems)
    no_stray = path.with_name("loop.graphml")
    no_stray.write_text(YED.replace('<edge id="e3" source="n1" target="n9"/>\n', ""),
                        encoding="utf-8")
    with pytest.raises(ChartError, match=r"2 line superiors|reporting cycle"):
        formats.read(no_stray, strict=True)


def test_a_bad_number_in_an_hr_exports_fte_column_is_kept_as_text(tmp_path):
    """One 'abc' in the FTE column of a semicolon CSV refused the whole file in metrics."""
    path = tmp_path / "semi.csv"
    path.write_text('id;manager;name;FTE\n1;;"Kari\nNordmann";1,0\n2;1;Ola;0,5\n3;1;Per;abc\n',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["metrics", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"fte_total": 1.5' in result.stdout
    assert (f"warning: {path}:5: node '3': column 'FTE': 'abc' is not a number: left out (kept "
            "as text in source_fte)") in result.stderr  # line 5: the quoted name spans two
    refused = CliRunner().invoke(main, ["validate", str(path)])
    assert refused.exit_code == 1
    assert f"error: {path}:5: node '3': column 'FTE': 'abc' is not a number" in refused.stderr


def test_rows_of_the_wrong_width_are_fitted_leniently(tmp_path):
    """A row with a cell too many or too few (a stray comma) refused the whole file."""
    path = tmp_path / "ragged.csv"
    path.write_text("id,manager,name\n1,,A\n2,1,B,extra\n3,1\n", encoding="utf-8")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.nodes["2"]["source_extra_cells"] == ["extra"] and org.line_superior("3") == "1"
    assert [str(p) for p in report.repairs] == [
        f"{path}:3: has 4 fields; the header has 3: the extra cells are kept in "
        "source_extra_cells (check for a missing or extra delimiter)",
        f"{path}:4: has 2 fields; the header has 3: the missing cells are read as empty (check "
        "for a missing or extra delimiter)"]
    with pytest.raises(ChartError, match=r"ragged\.csv:3: has 4 fields; the header has 3"):
        formats.read(path, strict=True)


EVIL_DOT = ('digraph G {\n'
            '  a [label=<<b>CEO</b><script>alert(1)</script>> URL="javascript:alert(1)"];\n'
            '  b [label="CFO\\"]; x [label=\\"pwn"];\n'
            '  a -> b; a -> c; c -> a;\n'
            '}\n')


def test_a_dot_drawing_with_a_loop_loads_and_its_text_stays_in_its_labels(tmp_path):
    """A loop refused a DOT file in show and render; hostile labels must stay labels."""
    path = tmp_path / "evil.dot"
    path.write_text(EVIL_DOT, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(main, ["show", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "closes the reporting cycle a → c → a" in shown.stderr
    out = tmp_path / "out.dot"
    converted = runner.invoke(main, ["convert", str(path), str(out), "-q"])
    assert converted.exit_code == 0, converted.output
    import pydot

    (graph,) = pydot.graph_from_dot_data(out.read_text(encoding="utf-8"))
    names = {n.get_name().strip('"') for n in graph.get_nodes()} - {"graph", "node", "edge"}
    assert names == {"a", "b", "c"}  # no node 'x' broke out of b's label
    assert all("URL" not in n.get_attributes() for n in graph.get_nodes())
    svg = tmp_path / "out.svg"
    assert runner.invoke(main, ["render", str(path), "-o", str(svg), "-q"]).exit_code == 0
    text = svg.read_text(encoding="utf-8")
    assert "<script" not in text and "javascript:" not in text
