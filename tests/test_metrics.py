"""Metrics on small organisations built in the tests: rules, edge cases and bad input."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph import MetricsError, Organisation, metrics
from orgraph.cli import main
from orgraph.metrics.records import FIELDS, record, to_dataframe


def build(nodes: dict, edges: list, **graph) -> Organisation:
    """nodes: id -> kind or (kind, attrs); edges: (sup, sub) or (sup, sub, relation)."""
    org = Organisation(name=graph.pop("name", "Test"), **graph)
    for node, spec in nodes.items():
        kind, attrs = (spec, {}) if isinstance(spec, str) else spec
        org.add_unit(node, kind=kind, **attrs)
    for edge in edges:
        org.add_relation(*edge)
    return org


def two_level(units: int = 3) -> Organisation:
    nodes = {"k": ("council", {"seats": 17}), "r": "cao"}
    nodes.update({f"u{i}": "unit" for i in range(units)})
    return build(nodes, [("k", "r")] + [("r", f"u{i}") for i in range(units)])


# ------------------------------------------------------------------ report dimensions
def test_performance_units_count_aggregates_and_leaf_departments_only() -> None:
    org = build({"r": "cao", "d": "department", "leaf": "department", "buy": "department",
                 "g": ("unit_group", {"count": 7}), "u": "unit", "p": "unit"},
                [("r", "d"), ("d", "g"), ("d", "u"), ("r", "leaf"), ("r", "buy"),
                 ("r", "p"), ("buy", "p", "order")])
    assert metrics.performance_units(org) == 7 + 1 + 1 + 1  # g, u, p, leaf; not d, not buy


def test_political_organisation_precedence() -> None:
    def pol(*kinds_principles: tuple[str, str | None]) -> str:
        nodes = {"k": "council"}
        for i, (kind, principle) in enumerate(kinds_principles):
            nodes[f"c{i}"] = (kind, {"principle": principle} if principle else {})
        return metrics.political_organisation(build(nodes, []))

    assert pol() == "no committees"
    assert pol(("committee", "sector")) == "utvalg"
    assert pol(("committee", "function"), ("committee", "sector")) == "utvalg F"
    assert pol(("main_committee", None), ("committee", "function")) == "hovedutvalg"
    assert pol(("advisory_committee", None), ("main_committee", None)) == "komité"


def test_committees_count_boxes_and_marked_bodies() -> None:
    org = build({"k": "council", "f": ("executive_committee", {"standing_committee": True}),
                 "box": ("advisory_committee", {"count": 3}), "kontroll": "political_body"},
                [])
    assert metrics.committees(org) == 4
    assert metrics.decision_authority(org) is False


def test_central_staff_needs_cao_or_acting_executive() -> None:
    org = build({"r": "cao", "s": ("executive", {"role": "sector_chief",
                                                 "acts_for_cao": False}),
                 "st": "staff"}, [("r", "s"), ("s", "st", "staff")])
    assert metrics.central_staff(org) is False
    org.add_unit("k", kind="executive", role="kommunalsjef", acts_for_cao=True)
    org.add_relation("r", "k")
    org.add_relation("k", "st2", "staff")
    org.nodes["st2"].update(kind="staff", label="st2")
    assert metrics.central_staff(org) is True


# ------------------------------------------------------------------ leader group
def test_leader_team_string_and_fallback() -> None:
    org = build({"r": "cao", "e": "executive", "s": "staff",
                 "g": ("unit_group", {"count": 65}), "lg": "leader_group"},
                [("r", "e"), ("r", "g"), ("r", "s", "staff"),
                 ("lg", "r", "member"), ("lg", "g", "member")], municipality=True)
    assert metrics.leader_team(org) == "1+65"
    assert metrics.includes_unit_leaders(org) and not metrics.includes_staff_leaders(org)
    org.add_relation("lg", "s", "member")
    assert metrics.leader_team(org) == "2+65"
    assert metrics.integration(org) == 2
    org.remove_node("lg")
    assert metrics.leader_team(org) == "2"  # fallback: CAO + executive posts
    assert metrics.leader_team_source(org) == "fallback"
    assert any("fallback" in n or "no leader_group" in n for n in record(org)["notes"])


def test_two_leader_groups_is_an_error() -> None:
    org = build({"r": "cao", "a": "leader_group", "b": "leader_group"}, [])
    with pytest.raises(MetricsError, match="2 leader groups"):
        metrics.leader_team(org)


# ------------------------------------------------------------------ levels
def test_levels_rule() -> None:
    kommunalsjef = ("executive", {"role": "kommunalsjef", "acts_for_cao": True})
    chief = ("executive", {"role": "sector_chief", "acts_for_cao": False})
    # Lier-like: units under kommunalsjefer acting for the CAO -> 2
    lier = build({"r": "cao", "k1": kommunalsjef, "k2": kommunalsjef, "a": "unit",
                  "b": "unit"}, [("r", "k1"), ("r", "k2"), ("k1", "a"), ("k2", "b")])
    assert metrics.management_levels(lier) == 2
    assert metrics.depth_from_cao(lier) == 2
    # a sector chief outside the leader group is a full level -> 3
    etat = build({"r": "cao", "s": chief, "a": "unit"}, [("r", "s"), ("s", "a")])
    assert metrics.management_levels(etat) == 3
    # mixed: direct and through a sector chief -> 2.5
    etat.add_unit("b", kind="unit")
    etat.add_relation("r", "b")
    assert metrics.management_levels(etat) == 2.5
    assert metrics.management_levels_range(etat) == (2, 3)
    # Sveio-like: sector chiefs in the CAO's leader group -> half level -> 2.5
    sveio = build({"r": "cao", "s": chief, "a": "unit", "lg": "leader_group"},
                  [("r", "s"), ("s", "a"), ("lg", "r", "member"), ("lg", "s", "member")])
    assert metrics.unit_levels(sveio) == {"a": 2.5}
    assert metrics.management_levels(sveio) == 2.5
    # a department in the line adds a level
    dept = build({"r": "cao", "d": "department", "a": "unit"}, [("r", "d"), ("d", "a")])
    assert metrics.management_levels(dept) == 3


def test_layering_shortest_and_longest() -> None:
    org = build({"r": "cao", "a": "executive", "b": "department", "u": "unit"},
                [("r", "a"), ("a", "b"), ("b", "u"), ("r", "u", "dotted")])
    assert metrics.layers(org)["u"] == 3
    assert metrics.layers(org, dotted=True)["u"] == 1
    assert metrics.layers(org, dotted=True, layering="longest")["u"] == 3
    with pytest.raises(MetricsError, match="unknown layering"):
        metrics.layers(org, layering="widest")


def test_longest_layering_rejects_dotted_cycle() -> None:
    org = build({"r": "cao", "a": "unit", "b": "unit"},
                [("r", "a"), ("a", "b"), ("b", "a", "dotted")])
    assert metrics.layers(org, dotted=True)["b"] == 2
    with pytest.raises(MetricsError, match="cycle"):
        metrics.layers(org, dotted=True, layering="longest")


def test_mintzberg_ratio_only_with_headcounts() -> None:
    org = two_level(2)
    assert metrics.mintzberg_ratio(org) is None
    org.nodes["u0"]["headcount"] = 30
    assert metrics.mintzberg_ratio(org) is None
    org.nodes["u1"]["headcount"] = 10
    assert metrics.mintzberg_ratio(org) == pytest.approx(2 / 40)


# ------------------------------------------------------------------ spans
def test_spans_over_managers_only_and_aggregates() -> None:
    org = build({"r": "cao", "k": "executive", "g": ("unit_group", {"count": 20}),
                 "a": "unit", "b": "unit", "c": "unit"},
                [("r", "k"), ("r", "g"), ("k", "a"), ("k", "b"), ("k", "c")])
    assert metrics.spans(org) == {"r": 21, "k": 3}
    assert metrics.span_stats(org) == {"managers": 2, "max": 21, "mean": 12.0,
                                       "median": 12.0}
    profile = metrics.spans_and_layers(org)
    assert profile["units_per_layer"] == [0, 20, 3]
    assert profile["bands"]["3-5"] == 1 and profile["bands"]["16+"] == 1
    assert profile["wide_managers"] == 1 and profile["narrow_managers"] == 0


def test_diamond_and_pyramid_profiles_differ() -> None:
    pyramid = build({"r": "cao", "a": "department", "b": "department",
                     **{f"u{i}": "unit" for i in range(6)}},
                    [("r", "a"), ("r", "b")] + [("a", f"u{i}") for i in range(3)]
                    + [("b", f"u{i}") for i in range(3, 6)])
    diamond = build({"r": "cao", **{f"d{i}": "department" for i in range(4)}, "u": "unit"},
                    [("r", f"d{i}") for i in range(4)] + [("d0", "u")])
    assert metrics.spans_and_layers(pyramid)["units_per_layer"] == [0, 0, 6]
    assert metrics.spans_and_layers(diamond)["units_per_layer"] == [0, 3, 1]


def test_team_span_shared_by_followers() -> None:
    kommunalsjef = ("executive", {"role": "kommunalsjef"})
    org = build({"r": "cao", "k1": kommunalsjef, "k2": kommunalsjef,
                 "g": ("unit_group", {"count": 10}), "h": ("unit_group", {"count": 6})},
                [("r", "k1"), ("r", "k2"), ("r", "g"), ("r", "h"),
                 ("k1", "g", "dotted"), ("k2", "h", "dotted")])
    assert metrics.team_span(org) == 8.0
    assert metrics.cao_span(org) == 18


# ------------------------------------------------------------------ bad input
def test_empty_organisation() -> None:
    org = Organisation(name="Tom", municipality=True)
    assert metrics.performance_units(org) == 0
    assert metrics.political_organisation(org) == "no committees"
    with pytest.raises(MetricsError, match="no CAO"):
        metrics.management_levels(org)
    rec = record(org)
    assert rec["management_levels"] is None and rec["depth_from_cao"] is None
    assert any("no CAO" in n for n in rec["notes"])
    json.dumps(rec)  # JSON-ready: no nan


def test_no_cao() -> None:
    org = build({"a": "unit", "b": "unit"}, [])
    with pytest.raises(MetricsError, match="has no CAO"):
        metrics.depth_from_cao(org)
    assert metrics.units_outside_cao(org) == 2
    assert record(org)["connectedness"] == 0.0


def test_two_caos_is_an_error() -> None:
    org = build({"a": "cao", "b": "cao"}, [])
    with pytest.raises(MetricsError, match="2 nodes of kind 'cao'"):
        metrics.cao_span(org)


def test_forest_with_several_roots() -> None:
    org = two_level(2)
    org.add_unit("boss", kind="department")
    org.add_unit("lost", kind="unit_group", count=4)
    org.add_relation("boss", "lost")
    assert metrics.units_outside_cao(org) == 4
    assert metrics.management_levels(org) == 2  # units under the CAO only
    assert record(org)["connectedness"] < 1


def test_reporting_cycle_is_a_clear_error() -> None:
    org = build({"r": "cao", "a": "unit", "b": "unit"}, [("r", "a")])
    org.add_relation("a", "b")
    org.add_relation("b", "a")  # a has two superiors too
    org.remove_edge("r", "a")
    with pytest.raises(MetricsError, match=r"cycle (a → b → a|b → a → b)"):
        metrics.depth(org, "r")


def test_two_line_superiors_is_a_clear_error() -> None:
    org = build({"r": "cao", "a": "executive", "u": "unit"},
                [("r", "a"), ("a", "u"), ("r", "u")])
    with pytest.raises(MetricsError, match="node 'u' has 2 line superiors"):
        metrics.management_levels(org)
    assert metrics.spans(org) == {"r": 2, "a": 1}  # out-degree is still defined
    assert not math.isnan(metrics.hierarchy(org))


# ------------------------------------------------------------------ records and CLI
def test_record_keys_are_stable_and_documented_in_readme() -> None:
    rec = record(orgraph.load("examples/minimal.yaml"))
    assert list(rec) == list(FIELDS)
    readme = Path("README.md").read_text(encoding="utf-8")
    for key in FIELDS:
        assert f"`{key}`" in readme, key


def test_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = to_dataframe([record(two_level(3)), record(two_level(5))], index=["a", "b"])
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["performance_units"]) == [3, 5] and list(frame.index) == ["a", "b"]


def test_dataframe_rows_have_unique_keys_and_the_name_as_a_column() -> None:
    pytest.importorskip("pandas")
    paths = sorted(Path("charts").glob("*.yaml"))
    recs = [record(orgraph.load(p)) for p in paths]
    by_name = to_dataframe(recs)  # four names repeat: the dated reorganisations get the date
    assert by_name.index.is_unique and len(by_name) == len(paths)
    assert by_name.loc["Sveio kommune (2002-09)", "name"] == "Sveio kommune"
    by_file = to_dataframe({str(p): r for p, r in zip(paths, recs, strict=True)})
    assert list(by_file.index) == [str(p) for p in paths]
    assert (by_file["name"] == "Sveio kommune").sum() == 2
    with pytest.raises(MetricsError, match="share the key 'x'"):
        to_dataframe(recs[:2], index=["x", "x"])
    with pytest.raises(MetricsError, match="1 keys for 2 records"):
        to_dataframe(recs[:2], index=["x"])
    same = [record(two_level(3)), record(two_level(5))]
    with pytest.raises(MetricsError, match=r"pass to_dataframe\(\{key: record"):
        to_dataframe(same)


def test_cli_metrics_json_and_csv(tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["metrics", "examples/minimal.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data[0]["leader_team"] == "3" and data[0]["file"] == "examples/minimal.yaml"
    out = tmp_path / "m.csv"
    result = runner.invoke(main, ["metrics", "examples/minimal.yaml", "--format", "csv",
                                  "-o", str(out)])
    assert result.exit_code == 0
    header, row = out.read_text(encoding="utf-8").splitlines()[:2]
    assert header.split(",")[:3] == ["file", "name", "date"]
    assert "Eksempel kommune" in row


def test_cli_metrics_table_fits_80_columns() -> None:
    result = CliRunner().invoke(main, ["metrics", "examples/minimal.yaml"])
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "  leader_team" in result.output


def test_cli_compare_and_spans() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["compare", "examples/minimal.yaml"])
    assert result.exit_code == 0
    assert result.output.splitlines()[3].split() == ["Leader", "team", "3"]
    result = runner.invoke(main, ["spans", "examples/minimal.yaml"])
    assert result.exit_code == 0
    assert "Rådmann" in result.output and "3-5: 1" in result.output


def test_cli_bad_file_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgraph: 1\norganisation: {name: X}\nunits:\n  - {id: a, kind: skole}\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["metrics", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "Traceback" not in result.output


def test_cli_help_has_examples() -> None:
    # a fresh process: click caches a command's help option the first time a Context is
    # made for it, so an in-process check of -h depends on which test ran first
    for command in ("metrics", "compare", "spans"):
        result = subprocess.run([sys.executable, "-m", "orgraph", command, "-h"],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert "Examples:" in result.stdout and f"orgraph {command} " in result.stdout


def test_no_cao_and_no_leader_group_leaves_the_leader_team_undefined(tmp_path) -> None:
    from click.testing import CliRunner

    import orgraph
    from orgraph.cli import main
    from orgraph.errors import MetricsError
    from orgraph.metrics import leader_team
    from orgraph.metrics.records import record

    org = orgraph.loads("orgraph: 1\norganisation: {name: Tom, municipality: true}\n"
                        "units: []\n")
    with pytest.raises(MetricsError, match="neither a leader_group nor a CAO"):
        leader_team(org)
    rec = record(org)
    assert rec["leader_team"] is None
    assert any(n.startswith("leader_team: Tom: has neither") for n in rec["notes"])
    assert not any("CAO + executive posts used" in n for n in rec["notes"])
    empty = tmp_path / "tom.yaml"
    empty.write_text("orgraph: 1\norganisation: {name: Tom, municipality: true}\nunits: []\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", "examples/minimal.yaml", str(empty)])
    assert result.exit_code == 0
    team_row = next(line for line in result.output.splitlines() if line.startswith("Leader"))
    assert team_row.split()[2:] == ["3", "-", "*1"]
    assert "*1  leader team: Tom: has neither a leader_group nor a CAO" in result.output
