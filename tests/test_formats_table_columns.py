"""Tables: joined name columns, trimmed cells, and the fast checks that stand in for the
full chart-rule pass (each compared with the slow check it replaces)."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from orgraph import Organisation, formats
from orgraph.chartfile import check_organisation
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import Report
from orgraph.formats._common import (
    ID_PATTERN,
    Problems,
    check_values,
    check_values_by_node,
    line_forest,
)
from orgraph.formats._forest import is_forest
from orgraph.formats._text import _all_valid


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def problems(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


# --------------------------------------------------------------------------- names


def test_two_name_columns_joined_by_a_space(tmp_path):
    path = write(tmp_path, "id,manager,first_name,last_name,title\n"
                           "1,,Kari,Nordmann,CEO\n2,1, Ola ,,CFO\n3,1,,Hansen,CTO\n")
    org = formats.read(path, name_col="first_name,last_name")
    assert [org.nodes[n]["label"] for n in "123"] == ["Kari Nordmann", "Ola", "Hansen"]
    assert "first_name" not in org.nodes["1"] and org.nodes["1"]["title"] == "CEO"


def test_first_and_last_name_columns_are_joined_by_default_and_noted(tmp_path):
    path = write(tmp_path, "EmployeeID,ManagerID,First Name,Surname\n1,,Kari,Nordmann\n")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert org.nodes["1"]["label"] == "Kari Nordmann"
    assert "labels join First Name, Surname with a space; choose others with --name-col" \
        in report.notes


def test_a_name_column_wins_over_first_and_last_names(tmp_path):
    path = write(tmp_path, "id,parent,name,first_name,last_name\n1,,Boss,Kari,Nordmann\n")
    org = formats.read(path)
    assert org.nodes["1"]["label"] == "Boss" and org.nodes["1"]["first_name"] == "Kari"


def test_a_joined_name_column_that_is_missing_is_named(tmp_path):
    path = write(tmp_path, "id,parent,first_name\n1,,Kari\n")
    with pytest.raises(ChartError, match=r"no column 'surname' \(for name\); the columns are: "
                                         "id, parent, first_name"):
        formats.read(path, name_col="first_name,surname")


def test_a_header_with_a_comma_is_still_one_column(tmp_path):
    path = write(tmp_path, 'id,parent,"Name, full"\n1,,Kari Nordmann\n')
    assert formats.read(path, name_col="Name, full").nodes["1"]["label"] == "Kari Nordmann"


def test_name_col_joins_on_the_command_line(tmp_path):
    path = write(tmp_path, "id,manager,first,last\n1,,Kari,Nordmann\n2,1,Ola,Hansen\n")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["convert", str(path), str(out),
                                       "--name-col", "first,last"])
    assert result.exit_code == 0, result.output
    assert formats.read(out).nodes["2"]["label"] == "Ola Hansen"


# --------------------------------------------------------------------------- spaces


def test_spaces_around_names_titles_and_ids_are_trimmed_and_ids_noted(tmp_path):
    path = write(tmp_path, "id,parent,name,title\n"
                           " a ,,  Rådmann , Chief \n"
                           "b, a,Skole,\n"
                           "c,b,\tBarnehage\t,\n")
    report = Report(str(path))
    org = formats.read(path, report=report)
    assert sorted(org.nodes) == ["a", "b", "c"] and org.line_superior("b") == "a"
    assert org.nodes["a"]["label"] == "Rådmann" and org.nodes["a"]["title"] == "Chief"
    assert org.nodes["c"]["label"] == "Barnehage"
    assert "1 id cell(s) had leading or trailing spaces, trimmed: line 2 ' a ' → 'a'" \
        in report.notes
    assert "1 reports-to cell(s) had leading or trailing spaces, trimmed: line 3 ' a' → 'a'" \
        in report.notes


def test_ids_that_differ_only_by_spaces_are_duplicates(tmp_path):
    path = write(tmp_path, "id,parent\na,\n a,a\n")
    with pytest.raises(ChartError, match=r":3: node 'a': duplicate id 'a' \(first on line 2\)"):
        formats.read(path, strict=True)


# --------------------------------------------------------------------------- columns


def test_bad_cells_of_several_columns_are_reported_in_row_order(tmp_path):
    path = write(tmp_path, "id,parent,kind,headcount,count\n"
                           "a,,cao,1,\n"
                           "b,a,unit,lots,\n"
                           "c,a,unit_group,2,many\n"
                           "d,a,unit,-,\n")
    with pytest.raises(ChartError) as excinfo:
        formats.read(path)
    assert problems(excinfo) == [
        f"{path}:3: node 'b': column 'headcount': 'lots' is not a number",
        f"{path}:4: node 'c': column 'count': invalid literal for int() with base 10: 'many'",
        f"{path}:5: node 'd': column 'headcount': '-' is not a number",
        f"{path}:4: node 'c': a unit_group needs 'count': how many units the box stands for",
    ]  # the cells first, row by row; then the chart rules on what the cells gave


def test_a_negative_or_nan_headcount_is_refused(tmp_path):
    for cell in ("-2", "nan", "inf", "1e400", "-inf"):
        path = write(tmp_path, f"id,parent,headcount\na,,1\nb,a,{cell}\n")
        with pytest.raises(ChartError, match=r":3: node 'b': 'headcount' is .*; it must be a "
                                             "finite number from 0 to 1,000,000,000,000"):
            formats.read(path)


def test_line_edges_from_the_edges_column_are_still_checked(tmp_path):
    two = ('id,parent,edges\na,,\nb,a,\nc,a,"[{""to"": ""b"", ""type"": ""line""}]"\n')
    with pytest.raises(ChartError, match=r"node 'b': has 2 line superiors \(a, c\)"):
        formats.read(write(tmp_path, two))
    loop = ('id,parent,edges\na,,\nb,a,"[{""to"": ""c"", ""type"": ""line""}]"\n'
            'c,,"[{""to"": ""b"", ""type"": ""line""}]"\n')
    with pytest.raises(ChartError, match="reporting cycle"):
        formats.read(write(tmp_path, loop))


def test_dotted_and_other_edges_keep_row_order(tmp_path):
    path = write(tmp_path, "id,parent,dotted,members\n"
                           "a,,,\nb,a,,\nc,a,b,\ng,a,c;b,a\n")
    org = formats.read(path, profile="orgraph")
    assert list(org.pred["g"].items()) == [("a", {"relation": "line"}),
                                           ("c", {"relation": "dotted"}),
                                           ("b", {"relation": "dotted"})]
    assert org.edges["b", "c"]["relation"] == "dotted"
    assert org.edges["g", "a"]["relation"] == "member"


def test_a_large_table_with_every_kind_of_column(tmp_path):
    rng = random.Random(5)
    parent = [-1] + [rng.randrange(max(0, i - 50), i) for i in range(1, 30_000)]

    def table(parent: list[int]) -> str:
        rows = ["id,parent,name,title,kind,headcount,dotted"]
        for i, p in enumerate(parent):  # over the size that switches to numpy's loop check
            dotted = f"u{i - 60}" if i > 60 and i % 100 == 0 else ""
            rows.append(f"u{i},{f'u{p}' if p >= 0 else ''},Unit {i},Head,"
                        f"{'unit' if i else 'cao'},{i % 9},{dotted}")
        return "\n".join(rows) + "\n"

    org = formats.read(write(tmp_path, table(parent)))
    assert org.number_of_nodes() == 30_000 and org.number_of_edges() == 29_999 + 299
    assert org.nodes["u100"] == {"kind": "unit", "label": "Unit 100", "title": "Head",
                                 "headcount": 1}
    assert check_organisation(org) == []
    above, k = [], 29_999
    while k > 0:
        above.append(k)
        k = parent[k]
    looped = list(parent)
    looped[above[-1]] = 29_999  # the top's first subordinate on this chain reports to u29999
    with pytest.raises(ChartError, match=f"reporting cycle: u{above[-1]} "):
        formats.read(write(tmp_path, table(looped), "loop.csv"), strict=True)


# --------------------------------------------------------------------------- fast checks


def random_parents(rng: random.Random, n: int, loops: int) -> list[int]:
    parent = [-1] + [rng.randrange(0, i) for i in range(1, n)]
    for _ in range(loops):
        parent[rng.randrange(n)] = rng.randrange(n)
    return parent


@pytest.mark.parametrize("n", [1, 5, 300, 25_000])
def test_is_forest_agrees_with_networkx(n):
    rng = random.Random(n)
    for loops in (0, 0, 1, 3):
        parent = random_parents(rng, n, loops)
        graph = nx.DiGraph([(p, k) for k, p in enumerate(parent) if p >= 0])
        graph.add_nodes_from(range(n))
        assert is_forest(parent) == nx.is_directed_acyclic_graph(graph), (n, loops)


def random_org(rng: random.Random, n: int) -> Organisation:
    org = Organisation()
    for k in range(n):
        org.add_node(str(k), kind="unit", label=str(k))
    for k in range(1, n):
        org.add_edge(str(rng.randrange(k)), str(k), relation="line")
    for _ in range(rng.randrange(4)):  # a few extra edges of any relation, anywhere
        u, v = str(rng.randrange(n)), str(rng.randrange(n))
        if u != v and not org.has_edge(u, v):
            org.add_edge(u, v, relation=rng.choice(["line", "dotted", "staff"]))
    return org


def test_line_forest_is_true_exactly_when_check_organisation_finds_nothing():
    rng = random.Random(2002)
    verdicts = set()
    for trial in range(300):
        org = random_org(rng, 2 + trial % 12)
        verdict = line_forest(org)
        assert verdict == (check_organisation(org) == []), list(org.edges(data=True))
        verdicts.add(verdict)
    assert verdicts == {True, False}


@pytest.mark.parametrize("attrs", [
    {"headcount": -1}, {"headcount": float("nan")}, {"headcount": True}, {"headcount": "3"},
    {"count": 0}, {"count": 2}, {"count": 2.0}, {"seats": 3}, {"instructs": "yes"},
    {"kind": "staff", "instructs": 1}, {"kind": "executive", "role": "boss"},
    {"kind": "executive", "role": ["x"]}, {"kind": "council", "principle": "sector"},
    {"label": 5}, {"label": "x" * 5001}, {"note": None}, {"items": ["a", 1]},
    {"kind": "unit_group"}, {"kind": "unit_group", "count": 3, "items": ["a"]},
    {"citations": []}, {"kind": "skole"}, {"kind": None}, {"custom": object()},
    {"item_counts": {"a": 0}}, {"item_counts": {"a": 2}}, {"groups": [{"under": 1}]},
    {"shown": "yes"}, {"shown": False},
])
def test_the_column_check_finds_a_problem_exactly_when_the_node_walk_does(attrs):
    org = Organisation()
    org.add_node("a", kind="cao", label="A")
    org.add_node("b", **{"kind": "unit", "label": "B", **attrs})
    org.add_edge("a", "b", relation="line")
    fast, slow = Problems("x"), Problems("x")
    check_values(org, fast)
    check_values_by_node(org, slow)
    assert [str(p) for p in fast.items] == [str(p) for p in slow.items]


@pytest.mark.parametrize("edge", [("b", "b", "line"), ("a", "b", "boss"), ("b", "a", None)])
def test_the_column_check_sees_bad_edges(edge):
    org = Organisation()
    org.add_node("a", kind="cao", label="A")
    org.add_node("b", kind="unit", label="B")
    u, v, relation = edge
    org.add_edge(u, v, **({"relation": relation} if relation else {}))
    fast, slow = Problems("x"), Problems("x")
    check_values(org, fast)
    check_values_by_node(org, slow)
    assert fast.items and [str(p) for p in fast.items] == [str(p) for p in slow.items]


def test_the_bulk_id_check_agrees_with_the_id_rule_one_by_one():
    rng = random.Random(7)
    alphabet = "aZ9_.-/ \nÅ\t"
    for _ in range(3000):
        ids = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 4)))
               for _ in range(rng.randrange(1, 4))]
        expected = all(ID_PATTERN.fullmatch(i) for i in ids)
        assert _all_valid(ids) == expected, ids
