"""UK organograms read two ways: lenient (repair and report) and strict (the UK rules).

The real pairs are excerpts of the March 2011 publication (tests/data/organograms-2011-03-31,
provenance in its PROVENANCE.md).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_formats_organogram import pair, senior_row

from orgraph import formats
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import FormatWarning, Report
from orgraph.formats.organogram import read_organogram

REAL = Path(__file__).parent / "data" / "organograms-2011-03-31"
IPC = REAL / "infrastructure_planning_commission-2011-03-31-senior.csv"
SLC = REAL / "scottish_law_commission-2011-03-31-senior.csv"
RPA = REAL / "rural_payments_agency-2011-03-31-senior.csv"
NHSBT = REAL / "nhs_blood_and_transplant-2011-03-31-senior.csv"
IPCC = REAL / "independent_police_complaints_commission-2011-03-31-senior.csv"
DCMS = REAL / "department_for_culture_media_and_sport-2011-03-31-senior.csv"


def lenient(path: Path) -> tuple:
    report = Report(str(path))
    return read_organogram(path, report=report), [str(p) for p in report.repairs]


def test_self_reporting_chair_and_blank_names_are_repaired_and_reported():
    org, repairs = lenient(IPC)
    assert org.kind("1").value == "cao" and org.graph["top_post"] == "1"
    assert org.nodes["1"]["source_reports_to"] == "1"  # the reference as written
    assert org.line_superior("11") == "1" and org.line_superior("13") == "11"
    assert f"{IPC}:13: node '1': reports to itself: read as a top post" in repairs
    assert any(r.startswith(f"{IPC}: no post reports to 'XX'") and r.endswith("(1)")
               for r in repairs)
    blank = [r for r in repairs if "'Name' is empty: read as 'N/D'" in r]
    assert f"{IPC}:2: node '3': 'Name' is empty: read as 'N/D' (not disclosed)" in blank
    assert "holders" not in org.nodes["3"]  # N/D: nobody named
    assert org.nodes["1"]["holders"] == ["Mike Pitt"]
    # every record kept: 14 senior rows, junior rows under 4 posts
    assert len([n for n in org if not n.endswith("/junior")]) == 14
    assert org.nodes["13/junior"]["count"] == 18
    assert org.nodes["13/junior"]["fte"] == pytest.approx(52.0)


def test_strict_refuses_the_same_file_as_the_uk_rules_do():
    with pytest.raises(ChartError) as excinfo:
        read_organogram(IPC, strict=True)
    found = [str(p) for p in excinfo.value.problems]
    assert f"{IPC}:13: node '1': reports to itself; name the post it reports to" in found
    assert any("no post reports to 'XX'; mark the top post" in m for m in found)
    assert any(m.startswith(f"{IPC}:2: node '3': 'Name' is empty; write the name") for m in found)


def test_unknown_superior_makes_the_post_a_top():
    org, repairs = lenient(SLC)
    assert list(org) == ["201"] and org.kind("201").value == "cao"
    assert org.nodes["201"]["source_reports_to"] == "206"
    assert f"{SLC}:2: node '201': reports to unknown senior post '206': read as a top post" \
        in repairs
    with pytest.raises(ChartError, match="reports to unknown senior post '206'; fix"):
        read_organogram(SLC, strict=True)


def test_two_xx_posts_are_a_forest():
    org, repairs = lenient(RPA)
    tops = [n for n in org if org.in_degree(n) == 0]
    assert tops == ["1", "3"] == org.graph["top_posts"]
    assert all(org.kind(t).value == "cao" for t in tops)
    assert "top_post" not in org.graph
    assert any("2 posts report to 'XX' (1 (line 4), 3 (line 6)): read as a forest of 2 trees"
               in r for r in repairs)
    with pytest.raises(ChartError, match=r"2 posts report to 'XX' .*exactly one post is the top"):
        read_organogram(RPA, strict=True)


def test_job_share_rows_differing_only_in_export_columns_merge_in_both_readings():
    for strict in (False, True):
        try:
            org = read_organogram(NHSBT, strict=strict)
        except ChartError as exc:  # strict: blank names elsewhere, but no duplicate
            assert not [p for p in exc.problems if "used twice" in p.message]
            continue
        share = org.nodes["2774616"]
        assert share["job_share"] is True
        assert share["holders"] == ["PARFREMENT, Anna", "ROBINSON ,Katherine"]
        assert share["fte"] == pytest.approx(1.4)


def test_references_the_uk_rule_refuses_are_kept_when_the_chart_allows_them():
    org, repairs = lenient(IPCC)
    assert "280_DOQS1" in org
    assert any("'280_DOQS1' may hold only letters, digits and '-'" in r
               and r.endswith(": kept as written") for r in repairs)
    with pytest.raises(ChartError, match="'280_DOQS1' may hold only letters"):
        read_organogram(IPCC, strict=True)


def test_a_pair_without_posts_is_refused_strictly_and_read_empty_leniently():
    with pytest.raises(ChartError, match=r"has no posts .*the header is its only line"):
        read_organogram(DCMS, strict=True)
    org, repairs = lenient(DCMS)
    assert org.number_of_nodes() == 0
    assert [r for r in repairs if "has no posts" in r] == [r for r in repairs]
    assert repairs and "read as an empty organisation" in repairs[0]


def test_every_rule_repaired_keeps_every_record(tmp_path):
    path = pair(tmp_path, [
        senior_row("A1", "Top", "Boss", "XX"),           # 2
        senior_row("C1", "Z", "Self", "C1"),             # 3
        senior_row("F 1", "Z", "Spaces", "A1"),          # 4
        senior_row("G1", "Eliminated", "Gone", "A1"),    # 5
        senior_row("H1", "Z", "Orphan", "G1"),           # 6
        senior_row("A1", "Z", "Other", "A1"),            # 7 no job share
        senior_row("I1", "Z", "Bad FTE", "F 1", "lots"),  # 8
        senior_row("J1", "Z", "Loop", "K1"),             # 9
        senior_row("K1", "Z", "Loop", "J1"),             # 10
        senior_row("", "Z", "No reference", "A1"),       # 11
        senior_row("XX", "Z", "XX", "A1"),               # 12
    ], junior=[
        "Dept,Dept,Unit,Q7,EO,1,2,Clerk,1,Other",        # 2 unknown
        "Dept,Dept,Unit,G1,EO,1,2,Clerk,3,Other",        # 3 eliminated
        "Dept,Dept,Unit,A1,EO,1,2,Clerk,many,Other",     # 4 bad FTE
        "Dept,Dept,Unit,,EO,1,2,Clerk,2,Other",          # 5 empty
    ])
    org, repairs = lenient(path)
    junior = str(tmp_path / "x-junior.csv")
    assert org.line_superior("f_1") == "A1" and org.nodes["f_1"]["source_id"] == "F 1"
    assert org.line_superior("I1") == "f_1" and "fte" not in org.nodes["I1"]
    assert org.line_superior("H1") == "A1"  # G1 is Eliminated: its own superior
    assert org.nodes["A1.2"]["source_id"] == "A1" and org.line_superior("A1.2") == "A1"
    assert org.in_degree("J1") == 0 and org.line_superior("K1") == "J1"
    assert org.nodes["J1"]["source_reports_to"] == "K1"
    assert org.line_superior("line-11") == "A1"
    assert org.line_superior("XX") == "A1"  # its subordinates' 'XX' still means the top
    assert org.graph["top_post"] == "A1"  # the one post reporting to 'XX'
    assert org.kind("A1").value == "cao" and org.kind("C1").value == "executive"
    assert org.in_degree("Q7/junior") == 0 and org.nodes["Q7/junior"]["source_reports_to"] == "Q7"
    assert org.nodes["A1/junior"]["fte"] == 3 and org.nodes["A1/junior"]["count"] == 2
    assert org.nodes["A1/junior"]["items"] == ["Clerk (EO): 3 FTE", "Clerk (EO): ? FTE"]
    assert org.in_degree("_unassigned/junior") == 0
    for start in [f"{path}:3: node 'C1': reports to itself: read as a top post",
                  f"{path}:4: node 'F 1': 'Post Unique Reference' 'F 1' may hold only",
                  f"{path}:6: node 'H1': reports to post 'G1', which is 'Eliminated': now "
                  "reports to 'A1'",
                  f"{path}:7: node 'A1': 'Post Unique Reference' 'A1' is used twice",
                  f"{path}:8: node 'I1': 'FTE' is 'lots', not a number: left out",
                  f"{path}:9: node 'J1': reporting loop J1 → K1 → J1: broken here",
                  f"{path}:11: 'Post Unique Reference' is empty: read as post 'line-11'",
                  f"{path}:12: node 'XX': 'Post Unique Reference' is 'XX'",
                  f"{junior}:2: node 'Q7': reports to unknown senior post 'Q7'",
                  f"{junior}:3: node 'G1': reports to senior post 'G1', which is 'Eliminated': "
                  "now under 'A1'",
                  f"{junior}:4: node 'A1': 'Number of Posts in FTE' is 'many'",
                  f"{junior}:5: 'Reporting Senior Post' is empty"]:
        assert any(r.startswith(start) for r in repairs), start
    assert len(repairs) == 12


def test_without_a_report_repairs_are_warnings():
    with pytest.warns(FormatWarning) as caught:
        formats.read(SLC)
    messages = [str(w.message) for w in caught]
    assert any("reports to unknown senior post '206': read as a top post" in m for m in messages)
    assert any("no post reports to 'XX'" in m for m in messages)


def test_strict_reaches_the_reader_through_formats_read():
    with pytest.raises(ChartError, match="reports to itself"):
        formats.read(IPC, strict=True)
    assert formats.read(IPC, report=Report("x")).graph["top_post"] == "1"


def test_validate_is_strict_and_lenient_previews_the_repairs():
    runner = CliRunner()
    strict = runner.invoke(main, ["validate", str(IPC)])
    assert strict.exit_code == 1
    assert f"error: {IPC}:13: node '1': reports to itself" in strict.stderr
    preview = runner.invoke(main, ["validate", "--lenient", str(IPC)])
    assert preview.exit_code == 0, preview.output
    blank = sum(1 for row in csv.reader(IPC.open(encoding="utf-8")) if not row[1].strip())
    assert blank == 11
    assert f"ok (18 nodes, 17 edges, {blank + 2} repairs)" in preview.stdout  # + self, no XX
    assert f"warning: {IPC}:13: node '1': reports to itself: read as a top post" \
        in preview.stderr


def test_analysis_commands_are_lenient_and_strict_on_request():
    runner = CliRunner()
    shown = runner.invoke(main, ["show", str(SLC)])
    assert shown.exit_code == 0 and "Scottish Law Commissioner" in shown.stdout
    assert "read leniently, 2 repair(s)" in shown.stderr  # unknown superior; no 'XX' post
    refused = runner.invoke(main, ["show", "--strict", str(SLC)])
    assert refused.exit_code == 1
    assert "reports to unknown senior post '206'; fix the reference" in refused.stderr
