"""Generic organisations: files without kinds, the generic metrics section, forests, language.

The company is Krackhardt's (1987) high-tech managers, reports-to relation
(tests/data/krackhardt-high-tech.csv, provenance in tests/data/krackhardt-high-tech.md).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import orgraph
from orgraph import formats, metrics
from orgraph.cli import main
from orgraph.errors import ChartError
from orgraph.formats import Report
from orgraph.infer import infer_kinds, set_head
from orgraph.language import resolve_language
from orgraph.metrics.records import GENERIC_FIELDS, MUNICIPAL_FIELDS, record
from orgraph.render import to_dot

ROOT = Path(__file__).parent.parent
KRACK = ROOT / "tests" / "data" / "krackhardt-high-tech.csv"
MUNICIPAL_WORDS = ("rådmann", "CAO", "council", "kommune")


def krack_rows() -> list[dict[str, str]]:
    with KRACK.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------ inference
def test_krackhardt_kinds_are_inferred_and_agree_with_his_levels() -> None:
    report = Report(str(KRACK))
    org = formats.read(KRACK, report=report)
    assert metrics.heads(org) == ["7"]
    layer = metrics.head_layers(org)
    # Krackhardt's own LEVEL attribute (1 CEO, 2 vice president, 3 manager) is our level
    for row in krack_rows():
        assert layer[row["id"]] + 1 == int(row["level"]), row
        kind = org.nodes[row["id"]]["kind"]
        assert kind == {"1": "cao", "2": "department", "3": "unit"}[row["level"]], row
    assert any(n.startswith("no kinds in the file: '7', the top of the tree, is the head")
               for n in report.notes)


def test_krackhardt_generic_metrics_as_the_issue_states() -> None:
    rec = record(orgraph.load(KRACK))
    assert (rec["depth"], rec["layers"], rec["span_max"]) == (3, [1, 4, 16], 7)
    assert (rec["span_mean"], rec["span_median"]) == (4.0, 4.0)
    assert [rec[k] for k in ("connectedness", "hierarchy", "efficiency", "lub")] == [1.0] * 4
    assert rec["head"] == "7" and rec["trees"] == 1 and rec["head_span"] == 4


def test_a_company_record_has_no_municipal_dimensions_and_no_municipal_note() -> None:
    rec = record(orgraph.load(KRACK))
    assert rec["municipality"] is False
    assert list(rec) == [*GENERIC_FIELDS, "notes"]
    assert not set(rec) & set(MUNICIPAL_FIELDS)
    assert not any(word in note for note in rec["notes"] for word in MUNICIPAL_WORDS)


def test_a_municipality_gets_both_sections() -> None:
    rec = record(orgraph.load(ROOT / "charts" / "sveio.yaml"))
    assert rec["municipality"] is True
    assert rec["depth"] == rec["depth_from_cao"] + 1  # levels vs edges, from the rådmann
    assert rec["leader_team"] == "5" and rec["management_levels"] == 2.5


def test_declared_municipality_wins_over_inference(tmp_path: Path) -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    assert metrics.municipality(org)
    org.graph["municipality"] = False
    assert "leader_team" not in record(org)
    company = orgraph.load(KRACK)
    company.graph["municipality"] = True
    assert record(company)["leader_team"] == "1"  # fallback: the head, no executives


def test_staff_keep_their_kind_and_dotted_lines_make_no_manager() -> None:
    org = orgraph.Organisation(name="Acme")
    for node in ("ceo", "pa", "cto", "dev"):
        org.add_unit(node, kind="staff" if node == "pa" else "unit")
    org.add_relation("ceo", "pa", "staff")
    org.add_relation("ceo", "cto")
    org.add_relation("ceo", "dev")
    org.add_relation("cto", "dev", "dotted")
    assert infer_kinds(org) == ["ceo"]
    assert {n: d["kind"] for n, d in org.nodes(data=True)} == {
        "ceo": "cao", "pa": "staff", "cto": "unit", "dev": "unit"}


def test_one_node_is_the_head_and_loose_nodes_stay_units() -> None:
    org = orgraph.Organisation(name="One")
    org.add_unit("solo", kind="unit")
    assert infer_kinds(org) == ["solo"]
    loose = orgraph.Organisation(name="Loose")
    for node in ("a", "b", "c"):
        loose.add_unit(node, kind="unit")
    loose.add_relation("a", "b")
    report = Report("loose.csv")
    assert infer_kinds(loose, report) == ["a"]
    assert loose.nodes["c"]["kind"] == "unit"
    assert "1 of them report to nobody and have no reports" in report.notes[0]


def test_dot_graphml_and_json_without_kinds_are_inferred(tmp_path: Path) -> None:
    graph = nx.DiGraph([("ceo", "vp"), ("vp", "eng"), ("ceo", "ops")])
    (tmp_path / "a.dot").write_text("digraph { ceo -> vp; vp -> eng; ceo -> ops }\n",
                                    encoding="utf-8")
    nx.write_graphml(graph, tmp_path / "a.graphml")
    (tmp_path / "a.json").write_text(json.dumps(nx.node_link_data(graph, edges="links")),
                                     encoding="utf-8")
    for name in ("a.dot", "a.graphml", "a.json"):
        org = formats.read(tmp_path / name, report=Report(name))
        kinds = {n: d["kind"] for n, d in org.nodes(data=True)}
        assert kinds == {"ceo": "cao", "vp": "department", "eng": "unit", "ops": "unit"}, name


def test_a_file_with_some_kinds_is_not_inferred(tmp_path: Path) -> None:
    (tmp_path / "b.dot").write_text("digraph { a [kind=cao]; a -> b; b -> c }\n",
                                    encoding="utf-8")
    org = formats.read(tmp_path / "b.dot", report=Report("b"))
    assert org.nodes["b"]["kind"] == "unit"  # the file chose its kinds: b stays as read


# ------------------------------------------------------------------ --top
BOARD = "id,reports_to,name\nboard,,Board\nceo,board,Chief\ncfo,ceo,Finance\nacct,cfo,Accounts\n"


def test_top_names_the_head(tmp_path: Path) -> None:
    path = tmp_path / "acme.csv"
    path.write_text(BOARD, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["metrics", str(path), "--format", "json"])
    assert json.loads(result.stdout)[0]["head"] == "board"
    result = runner.invoke(main, ["metrics", str(path), "--format", "json", "--top", "ceo"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)[0]
    assert (rec["head"], rec["depth"], rec["layers"]) == ("ceo", 3, [1, 1, 1])
    assert "'ceo' is the head (kind cao, --top)" in result.stderr
    assert result.stderr.count("no kinds in the file") == 1  # the reader's guess replaced


def test_top_errors_name_the_file_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "acme.csv"
    path.write_text(BOARD, encoding="utf-8")
    result = CliRunner().invoke(main, ["spans", str(path), "--top", "nobody"])
    assert result.exit_code == 1
    assert f"error: {path}: --top: no node 'nobody'" in result.stderr
    result = CliRunner().invoke(main, ["metrics", "examples/minimal.yaml", "--top", "skole"])
    assert result.exit_code == 1
    assert "--top applies to files without kinds" in result.stderr
    assert "Traceback" not in result.output
    with pytest.raises(ChartError, match="declares committee, council, executive,"):
        set_head(orgraph.load(ROOT / "examples" / "minimal.yaml"), "skole")


# ------------------------------------------------------------------ forests
FOREST = "digraph { a -> a1; a -> a2; a2 -> a3; b -> b1; b -> b2; b -> b3 }\n"


def test_a_forest_is_measured_per_tree_and_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "forest.dot"
    path.write_text(FOREST, encoding="utf-8")
    rec = record(orgraph.load(path))
    assert rec["trees"] == 2 and rec["head"] is None and rec["head_span"] is None
    assert rec["depth"] == 3 and rec["layers"] == [2, 5, 1]
    assert rec["connectedness"] < 1  # two trees are not one connected organisation
    trees = {t["head"]: t for t in rec["per_tree"]}
    assert (trees["a"]["depth"], trees["a"]["layers"], trees["a"]["span_max"]) == (3, [1, 2, 1], 2)
    assert (trees["b"]["depth"], trees["b"]["layers"], trees["b"]["head_span"]) == (2, [1, 3], 3)
    assert trees["a"]["connectedness"] == trees["b"]["connectedness"] == 1.0
    assert any(n.startswith("head: 2 reporting trees") for n in rec["notes"])
    result = CliRunner().invoke(main, ["metrics", str(path)])
    assert "  tree a: depth 3, layers 1/2/1" in result.stdout
    spans = CliRunner().invoke(main, ["spans", str(path)])
    assert spans.exit_code == 0, spans.output
    assert spans.stdout.startswith("Chief executive: a\nChief executive: b\n")


# ------------------------------------------------------------------ spans and compare
def test_spans_prints_its_table_for_a_company() -> None:
    done = subprocess.run([sys.executable, "-m", "orgraph", "spans", str(KRACK)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Chief executive: 7"
    table = {line.split()[0]: line.split()[1:] for line in lines[2:8]}
    assert table["14"] == ["department", "1", "7"] and table["7"] == ["cao", "0", "4"]
    assert "span bands: 1-2: 1, 3-5: 3, 6-7: 1" in done.stdout
    assert "has no CAO" not in done.stdout + done.stderr


def test_compare_chooses_the_generic_layout_for_a_company() -> None:
    result = CliRunner().invoke(main, ["compare", "charts/lier.yaml", str(KRACK),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    rows = {row["dimension"]: row["values"] for row in table["rows"]}
    assert table["layout"] == "generic"
    assert rows["Layers"][1] == "1/4/16" and rows["Depth (levels)"][1] == "3"
    assert rows["Largest span"][1] == "7" and rows["LUB"][1] == "1.0"
    explicit = CliRunner().invoke(main, ["compare", "charts/lier.yaml", "--layout", "generic"])
    assert explicit.stdout.splitlines()[0].split() == ["Lier"]
    assert "Depth (levels)" in explicit.stdout and "Leader team" not in explicit.stdout


# ------------------------------------------------------------------ language
def test_the_nine_charts_declare_norwegian_and_files_default_to_english() -> None:
    for path in sorted((ROOT / "charts").glob("*.yaml")):
        assert orgraph.load(path).graph["language"] == "no", path
    assert resolve_language(orgraph.load(KRACK)) == "en"
    assert resolve_language(orgraph.load(KRACK), "no") == "no"


def test_chart_words_follow_the_language() -> None:
    company = orgraph.load(KRACK)
    assert "+20 units below" in to_dot(company, root="7", depth=0)
    assert "+20 enheter under" in to_dot(company, root="7", depth=0, lang="no")
    chart = orgraph.load(ROOT / "examples" / "minimal.yaml")
    assert "enheter under" in to_dot(chart, root="kommunestyre", depth=1)
    assert "units below" in to_dot(chart, root="kommunestyre", depth=1, lang="en")


def test_language_no_unquoted_is_norwegian_and_others_are_refused() -> None:
    org = orgraph.loads("orgraph: 1\norganisation: {name: X, language: no}\nunits: []\n")
    assert org.graph["language"] == "no"
    with pytest.raises(ChartError, match="language: 'de' is not one of no, en"):
        orgraph.loads("orgraph: 1\norganisation: {name: X, language: de}\nunits: []\n")
    assert orgraph.graphs_equal(orgraph.loads(orgraph.dump(org)), org)
