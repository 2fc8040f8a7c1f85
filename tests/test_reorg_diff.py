"""orgraph.diff: matching by id and by label, every change type, the result's outputs."""

from __future__ import annotations

import json

import pytest

import orgraph
from orgraph.errors import OrgraphError
from orgraph.model import Organisation
from orgraph.reorg import Diff, UnitChange


def small() -> Organisation:
    org = Organisation(name="Testkommune", date="2001")
    org.add_unit("kommunestyre", kind="council", label="Kommunestyret")
    org.add_unit("r", kind="cao", label="Rådmann")
    org.add_relation("kommunestyre", "r")
    org.add_unit("sjef", kind="executive", label="Kommunalsjef", role="kommunalsjef",
                 acts_for_cao=True)
    org.add_relation("r", "sjef")
    org.add_unit("stab", kind="staff", label="Økonomistab", instructs=False)
    org.add_relation("r", "stab", "staff")
    for i, name in enumerate(["Skole", "Barnehage", "Sykehjem"]):
        org.add_unit(f"u{i}", kind="unit", label=name)
        org.add_relation("sjef", f"u{i}")
    org.add_unit("grp", kind="unit_group", label="4 barnehager", count=4)
    org.add_relation("r", "grp")
    return org


def test_a_file_against_itself_is_empty():
    org = orgraph.load("charts/lier.yaml")
    d = orgraph.diff(org, orgraph.load("charts/lier.yaml"))
    assert isinstance(d, Diff)
    assert d.is_empty() and d.changes == () and d.metric_changes() == {}
    assert d.matches == {n: n for n in org}
    assert d.metrics["performance_units"] == (54, 54)


def test_each_change_type_by_id():
    old, new = small(), small()
    new.remove_node("u2")
    new.add_unit("u9", kind="unit", label="Helsestasjon")
    new.add_relation("sjef", "u9")
    new.remove_edge("sjef", "u1")
    new.add_relation("r", "u1")
    new.nodes["u0"]["label"] = "Sentrum skole"
    new.nodes["sjef"]["kind"] = "department"
    new.nodes["grp"]["count"] = 5
    new.add_relation("sjef", "stab", "dotted")
    d = orgraph.diff(old, new, match="id")
    got = {(c.change, c.unit, c.old, c.new) for c in d.changes}
    assert got == {
        ("removed", "u2", "Sykehjem", None),
        ("added", "u9", None, "Helsestasjon"),
        ("moved", "u1", "sjef", "r"),
        ("renamed", "u0", "Skole", "Sentrum skole"),
        ("rekinded", "sjef", "executive", "department"),
        ("recounted", "grp", "4", "5"),
        ("attachment", "stab", "staff: r", "dotted: sjef; staff: r"),
    }
    assert d.added() == {"u9"} and d.removed() == {"u2"}
    assert d.moved() == {"u1": ("sjef", "r")}
    assert d.metric_changes()["performance_units"] == (7, 8)
    assert all(c.match == "id" and c.score is None for c in d.changes)


def test_label_fallback_reports_its_score_and_match_id_turns_it_off():
    old, new = small(), small()
    new = orgraph.loads(orgraph.dump(old).replace("u1", "barnehage_1"))
    d = orgraph.diff(old, new)
    (fallback,) = d.of("reidentified")
    assert (fallback.old_id, fallback.new_id, fallback.match, fallback.score) == \
        ("u1", "barnehage_1", "label", 1.0)
    assert d.matches["barnehage_1"] == "u1"
    assert d.label_matched() == {"barnehage_1": ("u1", 1.0)}
    assert d.metric_changes() == {}
    strict = orgraph.diff(old, new, match="id")
    assert strict.removed() == {"u1"} and strict.added() == {"barnehage_1"}
    assert strict.of("reidentified") == []


def test_a_moved_unit_under_a_new_id_is_moved_in_the_new_ids():
    old, new = small(), small()
    new.remove_node("u0")
    new.add_unit("skolen", kind="unit", label="Skolen")
    new.add_relation("r", "skolen")
    d = orgraph.diff(old, new)
    changes = {c.change: c for c in d.changes if c.new_id == "skolen"}
    assert set(changes) == {"reidentified", "moved", "renamed"}
    assert changes["reidentified"].score == pytest.approx(0.909, abs=1e-3)
    assert changes["moved"].match == "label"
    assert d.moved() == {"skolen": ("sjef", "r")}


def test_dissimilar_labels_and_other_categories_are_not_matched():
    old, new = small(), small()
    new.remove_node("stab")  # staff "Økonomistab"
    new.add_unit("okonomi", kind="unit", label="Økonomistab")  # same label, a unit now
    new.add_relation("r", "okonomi")
    new.remove_node("u2")
    new.add_unit("x", kind="unit", label="Kulturskole")
    new.add_relation("sjef", "x")
    d = orgraph.diff(old, new)
    assert d.of("reidentified") == []
    assert d.removed() == {"stab", "u2"} and d.added() == {"okonomi", "x"}


def test_label_mode_ignores_ids():
    old = small()
    new = orgraph.loads(orgraph.dump(old).replace("u0", "a").replace("grp", "b"))
    d = orgraph.diff(old, new, match="label")
    assert d.matches["a"] == "u0" and d.matches["b"] == "grp"
    assert {c.change for c in d.changes} == {"reidentified"}
    assert len(d.of("reidentified")) == 2  # the ids that stayed are matched, not reported


def test_unknown_match_mode():
    with pytest.raises(OrgraphError, match="unknown match 'best'; use one of: id, label"):
        orgraph.diff(small(), small(), match="best")


def test_outputs_carry_the_same_content():
    old, new = small(), small()
    new.nodes["u0"]["label"] = "Skole | <b>*x*</b>"
    d = orgraph.diff(old, new)
    data = json.loads(json.dumps(d.to_dict()))
    assert data["changes"] == [{"change": "renamed", "old_id": "u0", "new_id": "u0",
                                "old": "Skole", "new": "Skole | <b>*x*</b>",
                                "match": "id", "score": None}]
    assert data["metrics"] == {} and data["empty"] is False
    assert "performance_units" in d.to_dict(all_metrics=True)["metrics"]
    md = d.to_markdown()
    assert "Skole \\| \\<b\\>\\*x\\*\\</b\\>" in md and "<b>" not in md
    frame = d.to_dataframe()
    assert list(frame["change"]) == ["renamed"] and frame.loc[0, "new"] == "Skole | <b>*x*</b>"
    metrics = d.to_dataframe("metrics")
    assert metrics.loc["performance_units", "old"] == 7 and not metrics["changed"].any()
    assert "renamed  u0" in d.to_table()


def test_inputs_are_not_changed():
    old, new = small(), small()
    before = orgraph.dump(old), orgraph.dump(new)
    new.remove_node("u0")
    after_new = orgraph.dump(new)
    orgraph.diff(old, new)
    assert (orgraph.dump(old), orgraph.dump(new)) == (before[0], after_new)


def test_unit_change_is_frozen():
    change = UnitChange("a", "a", "renamed", "A", "B")
    with pytest.raises(AttributeError):
        change.new = "C"  # type: ignore[misc]


def test_a_chart_without_political_bodies_is_measured_as_a_municipality_beside_one():
    # evenes-1998.yaml leaves the political side out (the report does not describe it)
    d = orgraph.diff(orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml"))
    assert d.notes == ("the old organisation has no political bodies; both are measured as "
                       "municipalities so that the report's dimensions compare",)
    assert d.metrics["performance_units"] == (9, 8)
    assert d.to_dict()["notes"] == list(d.notes)
    assert d.to_table().splitlines()[1].startswith("note: the old organisation")
    same = orgraph.diff(small(), small())
    assert same.notes == () and "performance_units" in same.metrics
