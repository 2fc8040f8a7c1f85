"""What-if transformations: each returns a new, valid organisation and leaves its input alone."""

from __future__ import annotations

import pytest

import orgraph
from orgraph import metrics
from orgraph.reorg import transform as tf


def chart(name: str) -> orgraph.Organisation:
    return orgraph.load(f"charts/{name}.yaml")


@pytest.fixture
def rissa() -> orgraph.Organisation:
    return chart("rissa")


CASES = [
    ("remove", lambda o: tf.remove_unit(o, "ass_radmann_ho")),
    ("remove_level", lambda o: tf.remove_level(o, role="assistant_cao")),
    ("merge", lambda o: tf.merge_units(o, ["kultur", "bibliotek"], into="kultur_bibliotek")),
    ("split", lambda o: tf.split_aggregate(orgraph.load("charts/evenes.yaml"), "driftsenheter")),
    ("move", lambda o: tf.move_unit(o, "kultur", "ass_radmann_oppvekst")),
    ("act_for_cao", lambda o: tf.act_for_cao(o, ["ass_radmann_ho"])),
    ("add", lambda o: tf.add_unit(o, "ikt", kind="staff", superior="radmann", label="IKT")),
    ("attach", lambda o: tf.attach(o, "kultur", "ledergruppe")),
]


@pytest.mark.parametrize("name, step", CASES, ids=[c[0] for c in CASES])
def test_every_transformation_is_pure_valid_and_noted(rissa, name, step):
    before = orgraph.dump(rissa)
    result = step(rissa)
    assert orgraph.dump(rissa) == before  # the input is unchanged
    assert result is not rissa
    assert orgraph.check_organisation(result) == []
    assert len(result.graph["steps"]) == 1 and result.graph["steps"][0].split()[0] in name
    assert "steps" not in rissa.graph
    again = orgraph.loads(orgraph.dump(result))  # writes and reads back as a chart
    assert orgraph.graphs_equal(again, result)


def test_remove_moves_reports_and_staff_to_the_superior():
    sveio = chart("sveio")
    (chief,) = [n for n in sveio.nodes_of("executive")
                if sveio.nodes[n].get("label", "").startswith("Sektorsjef «Oppvekst")]
    reports = list(sveio.successors(chief))
    flat = tf.remove_unit(sveio, chief, source="a test")
    sup = sveio.line_superior(chief)
    for sub in reports:
        assert flat.relation(sup, sub) == sveio.relation(chief, sub)
    assert chief not in flat
    assert flat.graph["steps"] == [f"remove {chief}: {len(reports)} reports moved to {sup} "
                                   "[a test]"]


def test_remove_level_makes_rissa_a_two_level_model_with_twenty_units_under_the_cao(rissa):
    # Vedlegg 1: 7 units under one assistant CAO, 9 under the other, 4 under the rådmann.
    flat = tf.remove_level(rissa, role="assistant_cao")
    assert metrics.cao_span(rissa) == 6
    assert metrics.cao_span(flat) == 7 + 9 + 4
    assert metrics.executive_level_size(flat) == 1
    assert tf.remove_level(rissa, level=2).graph["steps"] == [
        "remove level level=2: ass_radmann_ho, ass_radmann_oppvekst"]


def test_merge_adds_up_counted_boxes_and_keeps_the_first_place(rissa):
    flat = tf.remove_level(rissa, role="assistant_cao")
    merged = tf.merge_units(flat, ["re_helse_omsorg", "re_oppvekst"], into="resultatenheter",
                            label="16 resultatenheter")
    data = merged.nodes["resultatenheter"]
    assert (data["kind"], data["count"], data["label"]) == ("unit_group", 16,
                                                           "16 resultatenheter")
    assert merged.line_superior("resultatenheter") == "radmann"
    assert metrics.performance_units(merged) == metrics.performance_units(flat) == 20
    recounted = tf.merge_units(flat, ["re_helse_omsorg", "re_oppvekst"], count=14)
    assert recounted.nodes["re_helse_omsorg"]["count"] == 14 and "re_oppvekst" not in recounted


def test_merge_moves_every_edge_of_the_merged_units():
    loten = chart("loten")
    merged = tf.merge_units(loten, ["okonomistab", "plan_kulturstab"])
    assert "plan_kulturstab" not in merged
    lead = next(iter(merged.nodes_of("leader_group")))
    assert merged.has_edge(lead, "okonomistab")
    assert metrics.staff_units(merged) == metrics.staff_units(loten) - 1


def test_split_gives_one_unit_per_item_and_keeps_the_count():
    evenes = chart("evenes")
    split = tf.split_aggregate(evenes, "driftsenheter")
    under = list(split.line_subordinates("radmann"))
    assert "driftsenheter" not in split and len(under) == 6
    assert [split.nodes[n]["label"] for n in under][:2] == ["To skoler", "To barnehager"]
    assert metrics.performance_units(split) == metrics.performance_units(evenes) == 8


def test_split_leaves_the_unlisted_units_in_the_box():
    lier = chart("lier")
    (box,) = [n for n in lier.nodes_of("unit_group") if lier.nodes[n].get("items")][:1]
    from orgraph.aggregates import unlisted_units

    rest = unlisted_units(lier.nodes[box])
    split = tf.split_aggregate(lier, box)
    assert metrics.performance_units(split) == metrics.performance_units(lier)
    assert (box in split) == bool(rest)
    if rest:
        assert split.nodes[box]["count"] == rest and "items" not in split.nodes[box]


def test_act_for_cao_makes_sveio_a_two_level_model():
    # kap. 2.2: Sveio's sector chiefs in the line make it a 2.5-level model.
    sveio = chart("sveio")
    chiefs = [n for n in sveio if sveio.nodes[n].get("role") == "sector_chief"]
    assert metrics.management_levels(sveio) == 2.5
    assert metrics.management_levels(tf.act_for_cao(sveio, chiefs)) == 2


def test_add_then_move_under_the_new_unit(rissa):
    org = tf.add_unit(rissa, "kommunalteknikk", kind="unit", superior="radmann",
                      label="Kommunalteknikk")
    org = tf.move_unit(org, "utvikling_forvaltning", "kommunalteknikk")
    assert org.line_superior("utvikling_forvaltning") == "kommunalteknikk"
    assert org.graph["steps"] == ["add kommunalteknikk (unit) under radmann",
                                  "move utvikling_forvaltning from radmann to kommunalteknikk"]


def test_move_of_a_staff_unit_keeps_its_staff_relation(rissa):
    moved = tf.move_unit(rissa, "stottefunksjoner", "ass_radmann_ho")
    assert moved.relation("ass_radmann_ho", "stottefunksjoner").value == "staff"
    assert not moved.has_edge("radmann", "stottefunksjoner")


@pytest.mark.parametrize("step, message", [
    (lambda o: tf.remove_unit(o, "nope"), "no unit 'nope' in Rissa kommune"),
    (lambda o: tf.move_unit(o, "radmann", "kultur"),
     "cannot move 'radmann' under 'kultur': that would make the reporting cycle "
     "radmann → kultur → radmann"),
    (lambda o: tf.move_unit(o, "ass_radmann_ho", "re_helse_omsorg"),
     "ass_radmann_ho → re_helse_omsorg → ass_radmann_ho"),
    (lambda o: tf.move_unit(o, "kultur", "kultur"), "cycle kultur → kultur"),
    (lambda o: tf.merge_units(o, ["ass_radmann_ho", "re_helse_omsorg"]),
     "cannot merge 're_helse_omsorg' with its own superior 'ass_radmann_ho'"),
    (lambda o: tf.merge_units(o, ["kultur"]), "merge needs two or more units"),
    (lambda o: tf.merge_units(o, ["kultur", "bibliotek"], count=0), "1 or more, not 0"),
    (lambda o: tf.merge_units(o, ["kultur", "bibliotek"], into="radmann"),
     "that id is taken"),
    (lambda o: tf.split_aggregate(o, "re_oppvekst"), "only a unit_group with items"),
    (lambda o: tf.act_for_cao(o, ["kultur"]), "'kultur' is a unit"),
    (lambda o: tf.add_unit(o, "kultur", kind="unit", superior="radmann"), "id is taken"),
    (lambda o: tf.add_unit(o, "x", kind="bureau", superior="radmann"), "'bureau' is not"),
    (lambda o: tf.attach(o, "kultur", "ledergruppe", "line"), "a new line superior is a move"),
    (lambda o: tf.remove_level(o, role="sector_chief"),
     "no post with role=sector_chief in Rissa kommune; roles here: assistant_cao"),
    (lambda o: tf.remove_unit(o, "kommunestyre"), "no superior to take them"),
])
def test_bad_steps_are_refused_with_a_clear_message(rissa, step, message):
    before = orgraph.dump(rissa)
    with pytest.raises(tf.TransformError) as err:
        step(rissa)
    assert message in str(err.value)
    assert orgraph.dump(rissa) == before


def test_an_invalid_result_is_refused():
    # Arendal's resultatenheter are drawn in three groups, one under each kommunalsjef
    # (Vedlegg 1); merging two kommunalsjefer leaves a group under a post that is gone.
    arendal = chart("arendal")
    with pytest.raises(tf.TransformError) as err:
        tf.merge_units(arendal, ["kommunalsjef_1", "kommunalsjef_2"])
    assert str(err.value).startswith("merge kommunalsjef_1, kommunalsjef_2 into kommunalsjef_1: "
                                     "the result would not be a valid organisation: group "
                                     "under 'kommunalsjef_2'")
    assert "kommunalsjef_2" in arendal


def test_removing_a_group_manager_moves_the_group_to_its_superior():
    arendal = chart("arendal")
    flat = tf.remove_unit(arendal, "kommunalsjef_1")
    unders = [g["under"] for g in flat.nodes["resultatenheter"]["groups"]]
    assert unders == ["radmann", "kommunalsjef_2", "kommunalsjef_3"]
    assert next(g["under"] for g in arendal.nodes["resultatenheter"]["groups"]) == \
        "kommunalsjef_1"
