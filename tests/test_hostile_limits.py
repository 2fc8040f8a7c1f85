"""Bad option values, a missing system engine, and charts too deep or too wide to draw: clean
errors that say what to do, never a traceback or a hang (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph.book.cut import Tree
from orgraph.cli import main
from orgraph.errors import RenderError
from orgraph.render.drawable import MAX_BOOK_LEVELS, MAX_EXPANDED, MAX_LABEL, MAX_LEVELS

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = str(ROOT / "examples" / "minimal.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _chain(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"chain-{n}.csv"
    rows = ["id,reports_to", "n0,", *(f"n{i},n{i - 1}" for i in range(1, n))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _table(tmp_path: Path) -> Path:
    path = tmp_path / "t.csv"
    path.write_text("id;reports_to;name\n1;;Sjef\n2;1;Skole\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "says"), [
    (";;", "2 characters"), ("", "0 characters"), ("\n", "cannot separate"),
    ("a", "cannot separate")])
def test_a_delimiter_that_is_not_one_separator_is_a_usage_error(runner, tmp_path, value, says):
    result = runner.invoke(main, ["show", str(_table(tmp_path)), "--delimiter", value])
    assert result.exit_code == 2, result.output
    assert "--delimiter" in result.output and says in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_delimiter_may_be_named(runner, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("id\treports_to\tname\n1\t\tSjef\n2\t1\tSkole\n", encoding="utf-8")
    result = runner.invoke(main, ["show", str(path), "--from", "csv", "--delimiter", "tab"])
    assert result.exit_code == 0, result.output
    assert "Skole" in result.output


@pytest.mark.parametrize("name", ["bogus", "rot13", "hex", "base64"])
def test_an_encoding_that_is_not_a_text_encoding_is_a_usage_error(runner, tmp_path, name):
    result = runner.invoke(main, ["metrics", str(_table(tmp_path)), "--encoding", name])
    assert result.exit_code == 2, result.output
    assert f"'{name}' is not a text encoding" in result.output


def test_a_text_encoding_is_accepted(runner, tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("id,reports_to,name\n1,,Rådmann\n2,1,Skøle\n".encode("latin-1"))
    result = runner.invoke(main, ["show", str(path), "--encoding", "latin-1"])
    assert result.exit_code == 0, result.output
    assert "Skøle" in result.output


@pytest.mark.parametrize(("option", "value"), [
    ("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "1e400"), ("--timeout", "-1"),
    ("--timeout", "1e9"), ("--dpi", "nan"), ("--min-text", "nan"), ("--min-text", "inf")])
def test_numbers_that_are_not_finite_or_in_range_are_usage_errors(runner, tmp_path, option,
                                                                  value):
    out = tmp_path / "x.svg"
    result = runner.invoke(main, ["render", MINIMAL, "-o", str(out), option, value])
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert not out.exists()


def test_the_library_refuses_a_timeout_that_is_not_a_number_of_seconds():
    org = orgraph.load(MINIMAL)
    for timeout in (float("nan"), float("inf"), 0, -1, True):
        with pytest.raises(RenderError, match="not a number of seconds"):
            orgraph.render(org, "svg", engine="embedded", timeout=timeout)


@pytest.mark.parametrize("args", [["-o", "x.svg"], ["-o", "x.pdf"], ["--book", "book.pdf"],
                                  ["--layout", "dot", "-o", "x.svg"], ["-o", "x.html"]])
def test_engine_system_without_graphviz_fails_as_asked(runner, tmp_path, monkeypatch, args):
    """No `dot` on the PATH: --engine system is an error naming the fix, not the embedded
    engine in its place; --engine auto takes the embedded one."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render", MINIMAL, "--engine", "system", *args])
    assert result.exit_code == 1, result.output
    assert "the system Graphviz `dot` is not on the PATH" in result.output
    assert "--engine embedded" in result.output
    assert not list(tmp_path.glob("x.*")) and not (tmp_path / "book.pdf").exists()
    fallback = runner.invoke(main, ["render", MINIMAL, "--engine", "auto", "-o", "y.svg"])
    assert fallback.exit_code == 0, fallback.output
    assert (tmp_path / "y.svg").read_bytes().lstrip().startswith(b"<?xml")


def test_a_chain_too_deep_for_one_chart_is_refused_with_the_way_out(runner, tmp_path):
    path = _chain(tmp_path, MAX_LEVELS + 500)
    out = tmp_path / "chain.svg"
    result = runner.invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{MAX_LEVELS + 500:,} levels deep" in result.output
    assert "--root ID --depth N" in result.output
    assert not out.exists()
    part = runner.invoke(main, ["render", str(path), "--depth", "5", "-o", str(out)])
    assert part.exit_code == 0, part.output
    assert b"n5" in out.read_bytes() and b">n7<" not in out.read_bytes()


@pytest.mark.parametrize("args", [["--book", "book/"], ["-o", "chain.html"]])
def test_a_book_of_a_deep_chain_is_refused_before_any_page(runner, tmp_path, args):
    path = _chain(tmp_path, MAX_BOOK_LEVELS + 1)
    result = runner.invoke(main, ["render", str(path), *[str(tmp_path / a) if i else a
                                                          for i, a in enumerate(args)]])
    assert result.exit_code == 1, result.output
    assert f"{MAX_BOOK_LEVELS + 1:,} levels deep" in result.output


def test_a_book_of_a_chain_within_the_limit_is_drawn(tmp_path):
    org = orgraph.load(_chain(tmp_path, 60))
    from orgraph.book import build_book

    book = build_book(org, "A4", engine="embedded")
    assert {n for page in book.pages for n in page.nodes} == set(org.nodes)


def test_expanding_a_huge_aggregate_is_refused_and_the_box_is_drawn(tmp_path):
    items = ", ".join(f'"Skole {i}"' for i in range(MAX_EXPANDED + 1))
    path = tmp_path / "agg.yaml"
    path.write_text("orgraph: 1\norganisation: {name: X}\nunits:\n  - id: cao\n    kind: cao\n"
                    f"    units:\n      - {{id: g, kind: unit_group, count: {MAX_EXPANDED + 1}, "
                    f"items: [{items}]}}\n", encoding="utf-8")
    org = orgraph.load(path)
    with pytest.raises(RenderError, match=r"drop --expand"):
        orgraph.render(org, "dot", expand=True)
    with pytest.raises(RenderError, match=r"drop --expand"):
        orgraph.render(org, "dot", expand=True, layout="dot")
    assert b"Skole 0" in orgraph.render(org, "dot")


def test_a_huge_label_is_drawn_shortened_with_a_warning(tmp_path):
    path = tmp_path / "label.csv"
    path.write_text("id,reports_to,name\na,,Sjef\nb,a," + "Ord " * 1100 + "\n", encoding="utf-8")
    org = orgraph.load(path)
    with pytest.warns(UserWarning, match=r"node 'b': its label of 4,\d{3} characters"):
        source = orgraph.render(org, "dot").decode("utf-8")
    assert "Ord Ord" in source and "Ord " * 300 not in source.replace("<br/>", " ")
    assert len(source) < 20 * MAX_LABEL


def test_units_below_a_long_chain_are_counted_once_each():
    org = orgraph.Organisation()
    org.add_unit("n0", kind="cao")
    for i in range(1, 20_000):
        org.add_unit(f"n{i}", kind="unit")
        org.add_relation(f"n{i - 1}", f"n{i}")
    tree = Tree(org)
    assert tree.units_below["n0"] == 19_999 and tree.units_below["n19999"] == 0
    assert tree.units_below["n100"] == 19_899


def _odd(key: str, value: object, node: str = "a") -> orgraph.Organisation:
    org = orgraph.Organisation(name="Odd")
    org.add_unit("c", kind="cao")
    org.add_unit("a", kind="unit")
    org.add_unit("g", kind="unit_group", count=3)
    org.add_relation("c", "a")
    org.add_relation("c", "g")
    org.nodes[node][key] = value
    return org


@pytest.mark.parametrize(("key", "value", "node", "says"), [
    ("kind", ["unit"], "a", "node 'a': kind ['unit'] is not a name"),
    ("count", 10**19, "g", "node 'g': a count of 10000000000000000000 units"),
    ("headcount", float("nan"), "a", "headcount nan"),
    ("fte", 10**400, "a", "is not a finite number")])
def test_measures_of_odd_values_are_clean_errors(key, value, node, says):
    """Values a reader would refuse, set by a program: a MetricsError naming the node or the
    value, not a TypeError or OverflowError from numpy."""
    from orgraph.errors import MetricsError
    from orgraph.metrics.fte import fte_fields
    from orgraph.metrics.records import record
    from orgraph.metrics.span import spans_and_layers

    org = _odd(key, value, node)
    for measure in (record, fte_fields if key in ("headcount", "fte") else spans_and_layers):
        with pytest.raises(MetricsError, match=re.escape(says)):
            measure(org)


def test_an_edge_relation_that_is_not_a_name_is_a_clean_error():
    from orgraph.errors import MetricsError
    from orgraph.metrics.records import record

    org = _odd("kind", "unit")
    org.edges["c", "a"]["relation"] = {"line": True}
    with pytest.raises(MetricsError, match=r"edge \('c', 'a'\): relation"):
        record(org)
