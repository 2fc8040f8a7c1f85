"""UK government organograms: the senior/junior pair and the format's own rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orgraph import formats
from orgraph.errors import ChartError
from orgraph.formats import Report
from orgraph.formats.organogram import read_organogram

DATA = Path(__file__).parent / "data"
SENIOR = DATA / "organogram-senior.csv"
JUNIOR = DATA / "organogram-junior.csv"
HEADER = SENIOR.read_text("utf-8").splitlines()[0]
JUNIOR_HEADER = JUNIOR.read_text("utf-8").splitlines()[0]


def senior_row(ref: str, name: str, title: str, boss: str, fte: str = "1") -> str:
    return (f"{ref},{name},SCS2,{title},Does things,Dept,Dept,Unit,0300,a@b.gov.uk,{boss},0,"
            f"{fte},0,0,Policy,,")


def pair(tmp_path: Path, rows: list[str], junior: list[str] | None = None) -> Path:
    senior = tmp_path / "x-senior.csv"
    senior.write_text("\n".join([HEADER, *rows]) + "\n", "utf-8")
    if junior is not None:
        (tmp_path / "x-junior.csv").write_text("\n".join([JUNIOR_HEADER, *junior]) + "\n",
                                               "utf-8")
    return senior


def messages(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_the_pair_is_found_and_read_through_the_registry():
    report = Report(str(SENIOR))
    org = formats.read(SENIOR, report=report)
    assert org.graph["name"] == "Department for Example Affairs"
    assert org.kind("PS001").value == "cao"
    assert org.line_superior("DD012") == "D011"
    assert org.nodes["DG020"]["vacant"] is True
    assert "holders" not in org.nodes["DD012"]  # N/D: the name is not disclosed
    assert org.nodes["D011"]["holders"] == ["Ann Other", "Bo Second"]  # a job share
    assert org.nodes["D011"]["fte"] == 1.0
    assert "DD022" not in org  # Eliminated
    assert any("eliminated" in d for d in report.dropped)
    assert any("Post Unique Reference 0" in d for d in report.dropped)


def test_junior_posts_are_counted_aggregates_with_fte_totals():
    org = read_organogram(SENIOR)
    group = org.nodes["DD012/junior"]
    assert group["kind"] == "unit_group"
    assert group["count"] == 2
    assert group["fte"] == pytest.approx(6.8)
    assert group["items"] == ["Senior Economist (Grade 6): 2 FTE", "Statistician (SEO): 4.8 FTE"]
    assert org.line_superior("DD012/junior") == "DD012"
    assert sum(org.nodes[n].get("fte", 0) for n in org if n.endswith("/junior")) == \
        pytest.approx(2 + 1 + 3.5 + 2 + 4.8 + 12 + 0)


def test_without_the_junior_file_only_senior_posts(tmp_path):
    shutil.copy(SENIOR, tmp_path / "only.csv")
    report = Report("x")
    org = read_organogram(tmp_path / "only.csv", report=report)
    assert not [n for n in org if n.endswith("/junior")]
    assert any("no junior-post file" in n for n in report.notes)


def test_junior_file_alone_is_refused_with_the_fix():
    with pytest.raises(ChartError, match="this is a junior-post file; read the senior-post"):
        read_organogram(JUNIOR)


def test_no_top_post(tmp_path):
    path = pair(tmp_path, [senior_row("A1", "X", "Boss", "B1"), senior_row("B1", "Y", "B", "A1")])
    with pytest.raises(ChartError) as excinfo:
        read_organogram(path, strict=True)
    assert any("no post reports to 'XX'" in m for m in messages(excinfo))


def test_two_top_posts(tmp_path):
    path = pair(tmp_path, [senior_row("A1", "X", "Boss", "XX"), senior_row("B1", "Y", "B", "xx")])
    with pytest.raises(ChartError, match=r"2 posts report to 'XX' \(A1 \(line 2\), B1 \(line 3\)"
                                         r"\); exactly one post is the top"):
        read_organogram(path, strict=True)


def test_every_rule_at_once_with_line_numbers(tmp_path):
    path = pair(tmp_path, [
        senior_row("A1", "Top", "Boss", "XX"),          # 2
        senior_row("B1", "", "No name", "A1"),          # 3 blank name
        senior_row("C1", "Z", "Self", "C1"),            # 4 reports to itself
        senior_row("D1", "Z", "Lost", "Q9"),            # 5 unknown post
        senior_row("E1", "Z", "N/D", "A1"),             # 6 title N/D
        senior_row("F 1", "Z", "Spaces", "A1"),         # 7 bad reference
        senior_row("XX", "Z", "XX", "A1"),              # 8 XX as a reference
        senior_row("G1", "Eliminated", "Gone", "A1"),   # 9
        senior_row("H1", "Z", "Orphan", "G1"),          # 10 reports to an eliminated post
        senior_row("A1", "Z", "Other", "XX"),           # 11 duplicate, not a job share
        senior_row("I1", "Z", "Bad FTE", "A1", "lots"),  # 12
    ], junior=[
        "Dept,Dept,Unit,Q7,EO,1,2,Clerk,1,Other",       # 2 unknown senior post
        "Dept,Dept,Unit,A1,EO,1,2,Clerk,many,Other",    # 3 bad FTE
    ])
    with pytest.raises(ChartError) as excinfo:
        read_organogram(path, strict=True)
    found = messages(excinfo)
    senior, junior = str(path), str(tmp_path / "x-junior.csv")
    expected = [
        f"{senior}:3: node 'B1': 'Name' is empty",
        f"{senior}:4: node 'C1': reports to itself",
        f"{senior}:5: node 'D1': reports to unknown senior post 'Q9'",
        f"{senior}:6: node 'E1': 'Job Title' cannot be blank or 'N/D'",
        f"{senior}:7: node 'F 1': 'Post Unique Reference' 'F 1' may hold only",
        f"{senior}:8: node 'XX': 'Post Unique Reference' cannot be 'XX'",
        f"{senior}:10: node 'H1': reports to post 'G1', which is 'Eliminated'",
        f"{senior}:11: node 'A1': 'Post Unique Reference' 'A1' is used twice (first on line 2)",
        f"{senior}:12: node 'I1': 'FTE' is 'lots'",
        f"{junior}:2: node 'Q7': reports to unknown senior post 'Q7'",
        f"{junior}:3: node 'A1': 'Number of Posts in FTE' is 'many'",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in found), start


def test_a_loop_that_never_reaches_the_top(tmp_path):
    path = pair(tmp_path, [senior_row("A1", "T", "Top", "XX"), senior_row("B1", "U", "B", "C1"),
                           senior_row("C1", "V", "C", "B1")])
    with pytest.raises(ChartError, match=r"reporting loop .*B1.*C1.* never reach the top post"):
        read_organogram(path, strict=True)


def test_headers_match_ignoring_case_and_punctuation(tmp_path):
    header = HEADER.upper().replace("(", "").replace(")", "").replace("/", " ")
    path = tmp_path / "caps.csv"
    path.write_text(header + "\n" + senior_row("A1", "T", "Top", "XX") + "\n", "utf-8")
    assert formats.read(path).kind("A1").value == "cao"
