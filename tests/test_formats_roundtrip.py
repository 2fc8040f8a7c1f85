"""Every writable format carries an organisation there and back (or says what it dropped)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import orgraph
from orgraph import formats
from orgraph.formats import FormatWarning, Report

DATA = Path(__file__).parent / "data"
FIXTURES = [Path("examples/minimal.yaml"), DATA / "formats-every-kind.yaml",
            *sorted(Path("charts").glob("*.yaml"))]
LOSSLESS = ["yaml", "dot", "graphml", "json", "gexf"]
TABLES = ["csv", "tsv", "xlsx"]


@pytest.fixture(params=FIXTURES, ids=lambda p: p.name)
def org(request):
    return orgraph.load(request.param)


@pytest.mark.parametrize("suffix", LOSSLESS)
def test_lossless_formats_round_trip(org, suffix, tmp_path):
    out = tmp_path / f"chart.{suffix}"
    report = Report(str(out))
    formats.write(org, out, report=report)
    back = formats.read(out, report=Report(str(out)))
    assert report.dropped == []
    assert orgraph.graphs_equal(back, org)


@pytest.mark.parametrize("suffix", TABLES)
def test_tables_round_trip_and_report_the_facts_they_drop(org, suffix, tmp_path):
    pytest.importorskip("openpyxl") if suffix == "xlsx" else None
    out = tmp_path / f"chart.{suffix}"
    report = Report(str(out))
    formats.write(org, out, report=report)
    back = formats.read(out)
    assert len(report.dropped) == 1
    for key in org.graph:
        assert key in report.dropped[0]
    assert back.graph == {"name": "chart"}
    back.graph = dict(org.graph)
    assert orgraph.graphs_equal(back, org)


def test_writing_a_table_without_a_report_warns(tmp_path):
    org = orgraph.load("examples/minimal.yaml")
    with pytest.warns(FormatWarning, match="organisation's facts"):
        formats.write(org, tmp_path / "m.csv")


def test_lossless_write_does_not_warn(tmp_path):
    org = orgraph.load("examples/minimal.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        formats.write(org, tmp_path / "m.graphml")


def test_orgraph_load_dispatches_by_suffix(tmp_path):
    org = orgraph.load("examples/minimal.yaml")
    formats.write(org, tmp_path / "m.json")
    assert orgraph.graphs_equal(orgraph.load(tmp_path / "m.json"), org)


def test_yaml_load_is_unchanged_for_unknown_suffixes(tmp_path):
    copy = tmp_path / "chart.txt.chart"
    copy.write_text(Path("examples/minimal.yaml").read_text("utf-8"), "utf-8")
    assert orgraph.graphs_equal(orgraph.load(copy), orgraph.load("examples/minimal.yaml"))


def test_format_can_be_named_instead_of_the_suffix(tmp_path):
    org = orgraph.load("examples/minimal.yaml")
    out = tmp_path / "chart.data"
    formats.write(org, out, "graphml")
    assert orgraph.graphs_equal(formats.read(out, "graphml"), org)


def test_unknown_suffix_and_format_say_what_to_use(tmp_path):
    with pytest.raises(orgraph.ChartError, match=r"unknown file suffix '\.pdf'.*\.graphml"):
        formats.read(tmp_path / "x.pdf")
    with pytest.raises(orgraph.ChartError, match="cannot write format 'organogram'; use one of"):
        formats.write(orgraph.load("examples/minimal.yaml"), tmp_path / "x.csv", "organogram")


def test_csv_escapes_formula_cells_and_reads_them_back(tmp_path):
    org = orgraph.load(DATA / "formats-every-kind.yaml")
    out = tmp_path / "x.csv"
    formats.write(org, out, report=Report(str(out)))
    text = out.read_text("utf-8")
    assert "'=HYPERLINK" in text and "'+Utvalg" in text and "'-Komité" in text
    assert "'@Kontrollutvalg" in text and "'+47 123" in text
    import csv
    for row in csv.reader(text.splitlines()):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    back = formats.read(out)
    assert back.nodes["council"]["label"] == org.nodes["council"]["label"]


def test_xlsx_cells_are_text_not_formulas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    org = orgraph.load(DATA / "formats-every-kind.yaml")
    out = tmp_path / "x.xlsx"
    formats.write(org, out, report=Report(str(out)))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    types = {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value}
    assert "f" not in types
