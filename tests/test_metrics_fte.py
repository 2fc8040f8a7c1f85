"""Counting by FTE: organogram junior rows are buckets of posts; tables with a head count."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph import formats
from orgraph.cli import main
from orgraph.formats.organogram import read_organogram
from orgraph.metrics import spans
from orgraph.metrics.fte import fte_fields, span_counts, span_fte, span_fte_stats
from orgraph.metrics.records import record

SENIOR = Path("tests/data/organogram-senior.csv")
JUNIOR_FTE = {"PS001": 2 + 1, "D011": 3.5, "DD012": 2 + 4.8, "D021": 12 + 0}


def test_junior_groups_count_rows_and_carry_fte():
    org = read_organogram(SENIOR)
    assert org.nodes["DD012/junior"]["count_of"] == "rows"
    assert spans(org)["DD012"] == 2  # two junior rows
    assert span_fte(org)["DD012"] == pytest.approx(JUNIOR_FTE["DD012"])
    # the Permanent Secretary: two DGs of 1 FTE and 3 junior FTE
    assert span_fte(org)["PS001"] == pytest.approx(2 + JUNIOR_FTE["PS001"])
    assert span_counts(org) == "posts and junior rows"


def test_record_has_the_fte_keys():
    rec = record(read_organogram(SENIOR))
    senior_fte = 1 + 1 + 1 + (0.6 + 0.4) + 1 + 1  # DD022 eliminated, reference 0 left out
    assert rec["fte_total"] == pytest.approx(senior_fte + sum(JUNIOR_FTE.values()))
    assert rec["top_span_fte"] == pytest.approx(5.0)
    assert rec["span_fte_max"] == pytest.approx(12.0)
    assert rec["span_counts"] == "posts and junior rows"


def test_a_table_with_a_headcount_column(tmp_path):
    path = tmp_path / "co.csv"
    path.write_text("id,parent,name,headcount\nceo,,CEO,1\na,ceo,Sales,12\nb,ceo,Ops,30.5\n"
                    "c,a,North,4\n", encoding="utf-8")
    org = formats.read(path, report=formats.Report(str(path)))
    fields = fte_fields(org)
    assert fields["span_counts"] == "units" and fields["fte_total"] == pytest.approx(47.5)
    assert fields["top_span_fte"] == pytest.approx(42.5)  # the one root: ceo
    assert span_fte_stats(org) == {"managers": 2, "undefined": 0, "max": 42.5,
                                   "mean": 23.25, "median": 23.25}


def test_missing_fte_leaves_the_span_undefined_with_a_note(tmp_path):
    path = tmp_path / "co.csv"
    path.write_text("id,parent,headcount\nceo,,1\na,ceo,2\nb,ceo,\n", encoding="utf-8")
    org = formats.read(path, report=formats.Report(str(path)))
    assert span_fte(org) == {"ceo": None}
    fields = fte_fields(org)
    assert fields["span_fte_max"] is None and fields["fte_total"] == pytest.approx(3)
    assert any(n.startswith("span_fte: 1 manager(s), the top post among them,")
               for n in fields["notes"])


def test_spans_table_says_what_it_counts():
    result = CliRunner().invoke(main, ["spans", str(SENIOR)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index(next(x for x in lines if x.startswith("manager")))
    assert lines[start].split() == ["manager", "kind", "layer", "span", "fte"]
    # the Permanent Secretary: 4 (two posts, two junior rows), 5 FTE
    assert lines[start + 1].split()[-2:] == ["4", "5"]
    assert "spans count posts and junior rows" in result.stdout


def test_small_ratios_are_not_printed_as_zero(tmp_path):
    path = tmp_path / "big.yaml"  # a municipality: mintzberg_ratio is a municipal key
    path.write_text("orgraph: 1\norganisation: {name: Stor kommune, municipality: true}\n"
                    "units:\n- {id: r, kind: cao, units: [{id: u, kind: unit_group, "
                    "count: 2000, headcount: 100000}]}\n", encoding="utf-8")
    ratio = record(orgraph.load(path))["mintzberg_ratio"]
    assert 0 < ratio < 0.001
    result = CliRunner().invoke(main, ["metrics", str(path)])
    line = next(x for x in result.stdout.splitlines() if "mintzberg_ratio" in x)
    shown = line.split()[-1]
    assert float(shown) == pytest.approx(ratio, rel=0.01) and shown != "0"
