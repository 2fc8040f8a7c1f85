"""``orgraph convert`` and the shared input options of validate and show, through CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture
def runner():
    return CliRunner()


def test_convert_yaml_to_graphml_and_back(runner, tmp_path):
    out = tmp_path / "m.graphml"
    result = runner.invoke(main, ["convert", "examples/minimal.yaml", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # informational lines go to stderr
    assert result.stderr == f"{out}: wrote 10 nodes, 12 edges\n"
    assert orgraph.graphs_equal(orgraph.load(out), orgraph.load("examples/minimal.yaml"))


def test_convert_prints_what_it_dropped(runner, tmp_path):
    out = tmp_path / "m.csv"
    result = runner.invoke(main, ["convert", "examples/minimal.yaml", str(out)])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {out}: dropped the organisation's facts (name, ")


def test_convert_with_column_options_and_to(runner, tmp_path):
    src = tmp_path / "staff.txt"
    src.write_text("Ansattnr;Leder;Navn\n1;;Rådmann\n2;1;Skole\n", "utf-8")
    out = tmp_path / "out.data"
    result = runner.invoke(main, ["convert", str(src), str(out), "--from", "csv", "--to", "json",
                                  "--id-col", "Ansattnr", "--parent-col", "Leder",
                                  "--name-col", "Navn", "--delimiter", ";"])
    assert result.exit_code == 0, result.output
    org = orgraph.load(out, format="json")
    assert org.nodes["2"]["label"] == "Skole" and org.line_superior("2") == "1"


def test_convert_reports_every_problem_and_exits_1(runner, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("id,pid\n1,\n2,9\n3,\n", "utf-8")
    result = runner.invoke(main, ["convert", str(src), str(tmp_path / "x.yaml"), "--strict"])
    assert result.exit_code == 1
    assert f"error: {src}:3: node '2': reports to '9' (pid)" in result.stderr
    assert "2 top posts" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_convert_suggests_latin1(runner, tmp_path):
    result = runner.invoke(main, ["convert", str(DATA / "latin1.csv"), str(tmp_path / "x.yaml"),
                                  "--id-col", "id", "--parent-col", "overordnet",
                                  "--strict"])
    assert result.exit_code == 1
    assert "--encoding cp1252 (or latin-1)" in result.stderr
    lenient = runner.invoke(main, ["convert", str(DATA / "latin1.csv"),
                                   str(tmp_path / "x.yaml"), "--id-col", "id",
                                   "--parent-col", "overordnet"])
    assert lenient.exit_code == 0 and "read as Windows-1252 'å'" in lenient.stderr
    ok = runner.invoke(main, ["convert", str(DATA / "latin1.csv"), str(tmp_path / "x.yaml"),
                              "--id-col", "id", "--parent-col", "overordnet",
                              "--encoding", "latin-1"])
    assert ok.exit_code == 0, ok.output


def test_convert_organogram_pair_to_yaml(runner, tmp_path):
    out = tmp_path / "org.yaml"
    result = runner.invoke(main, ["convert", str(DATA / "organogram-senior.csv"), str(out)])
    assert result.exit_code == 0, result.output
    assert "dropped 1 eliminated post(s) (DD022)" in result.stderr
    assert orgraph.load(out).nodes["D021/junior"]["fte"] == 12


def test_unknown_output_suffix(runner, tmp_path):
    result = runner.invoke(main, ["convert", "examples/minimal.yaml", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "unknown file suffix '.pdf'" in result.stderr


def test_validate_and_show_accept_any_format_with_the_same_options(runner):
    result = runner.invoke(main, ["validate", str(DATA / "visio-export.csv"),
                                  str(DATA / "balkan.csv"), "examples/minimal.yaml"])
    assert result.exit_code == 0, result.output
    assert f"{DATA / 'balkan.csv'}: ok (3 nodes, 2 edges)" in result.stdout
    shown = runner.invoke(main, ["show", str(DATA / "orgchartnow.csv"), "--profile",
                                 "orgchartnow"])
    assert shown.exit_code == 0, shown.output
    assert "Kari Nordmann [cao]" in shown.stdout  # no kind column: the top is the head
    assert "(stab) Siri Moe [staff]" in shown.stdout


def test_validate_reports_a_bad_table_and_goes_on(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,parentId\na,b\nb,a\n", "utf-8")
    result = runner.invoke(main, ["validate", str(bad), "examples/minimal.yaml"])
    assert result.exit_code == 1
    assert f"error: {bad}:2: node 'a': reporting cycle" in result.stderr
    assert "examples/minimal.yaml: ok" in result.stdout


def test_convert_help(runner):
    # --help, not -h: tests/test_docs.py builds click.Context(command) directly, and click
    # then caches a help option without -h on the command for the rest of the session.
    result = runner.invoke(main, ["convert", "--help"])
    assert result.exit_code == 0
    assert "orgraph convert examples/minimal.yaml minimal.graphml" in result.output
    for option in ("--from", "--to", "--profile", "--id-col", "--parent-col", "--name-col",
                   "--kind-col", "--dotted-col", "--headcount-col", "--encoding",
                   "--delimiter", "--junior"):
        assert option in result.output
