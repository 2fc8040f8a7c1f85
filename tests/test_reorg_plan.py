"""Plan files: read safely, every problem with the plan's line; applied step by step."""

from __future__ import annotations

import textwrap

import pytest

import orgraph
from orgraph.errors import ChartError
from orgraph.reorg.plan import apply_plan, load_plan, loads_plan

HEAD = """\
orgraph-plan: 1
organisation: Rissa kommune
date: "2002-06-20"
source: "a test"
steps:
"""


def plan(steps: str, head: str = HEAD) -> str:
    return head + textwrap.indent(textwrap.dedent(steps), "  ")


def problems(text: str) -> list[str]:
    with pytest.raises(ChartError) as err:
        loads_plan(text, "p.yaml")
    return [str(p) for p in err.value.problems]


def test_every_step_type_reads():
    p = loads_plan(plan("""\
        - remove: ass_radmann_ho
          source: s1
        - remove_level: {role: assistant_cao}
          source: s2
        - merge: {units: [kultur, bibliotek], into: kb, label: Kultur}
          source: s3
        - split: re_oppvekst
          source: s4
        - move: {unit: kultur, to: radmann}
          source: s5
        - act_for_cao: ass_radmann_ho
          source: s6
        - add: {id: ikt, kind: staff, under: radmann, label: IKT}
          source: s7
        - attach: {unit: kultur, to: ledergruppe}
          source: s8
        """), "p.yaml")
    assert [(s.kind, s.source, s.line) for s in p.steps] == [
        ("remove", "s1", 6), ("remove_level", "s2", 8), ("merge", "s3", 10),
        ("split", "s4", 12), ("move", "s5", 14), ("act_for_cao", "s6", 16),
        ("add", "s7", 18), ("attach", "s8", 20)]
    assert p.steps[5].args == {"units": ["ass_radmann_ho"]}


def test_unknown_step_type_names_its_line():
    assert problems(plan("""\
        - remove: ass_radmann_ho
          source: s1
        - promote: kultur
          source: s2
        """)) == ["p.yaml:8: step 2: unknown step type 'promote'; use one of: remove, "
                  "remove_level, merge, split, move, act_for_cao, add, attach"]


def test_all_problems_at_once_each_with_a_line():
    found = problems(textwrap.dedent("""\
        orgraph-plan: 2
        organisation: Rissa kommune
        date: 2002
        steps:
          - remove: a
          - move: kultur
            source: s
          - move: {unit: kultur, under: radmann}
            source: s
          - {remove: a, split: b, source: s}
        extra: 1
        """))
    assert found == [
        "p.yaml:1: the first key must be 'orgraph-plan: 1' (the plan format version)",
        "p.yaml:3: 'date:' is missing or not text; a plan says which organisation it is for, "
        "the date it describes (quoted, \"2002-06-20\") and its source",
        "p.yaml:1: 'source:' is missing or not text; a plan says which organisation it is "
        "for, the date it describes (quoted, \"2002-06-20\") and its source",
        "p.yaml:11: unknown key 'extra'; a plan has date, note, organisation, orgraph-plan, "
        "source, steps, title",
        "p.yaml:5: step 1 (remove): 'source:' is missing; cite what the step rests on",
        "p.yaml:6: step 2 (move): write it as a mapping with unit, to",
        "p.yaml:8: step 3 (move): missing to; unknown under (allowed: unit, to)",
        "p.yaml:10: step 4: 2 step types (remove, split) in one step; use one of: remove, "
        "remove_level, merge, split, move, act_for_cao, add, attach",
    ]


def test_yaml_safety_applies_to_plans():
    found = problems(plan("""\
        - remove: &x ass_radmann_ho
          source: *x
        """))
    assert found[0].startswith("p.yaml:7: YAML alias '*x' is not allowed")


def test_a_plan_for_another_organisation_is_refused():
    p = load_plan("examples/plans/rissa-2002-06.yaml")
    with pytest.raises(ChartError) as err:
        apply_plan(orgraph.load("charts/loten.yaml"), p)
    assert str(err.value) == ("examples/plans/rissa-2002-06.yaml: the plan is for 'Rissa "
                              "kommune', but the input is 'Løten kommune'; apply it to the "
                              "organisation it names")


def test_a_step_that_fails_names_the_plan_line_and_step(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(plan("""\
        - remove: ass_radmann_ho
          source: s1
        - move: {unit: ass_radmann_oppvekst, to: re_oppvekst}
          source: s2
        """), encoding="utf-8")
    with pytest.raises(ChartError) as err:
        apply_plan(orgraph.load("charts/rissa.yaml"), load_plan(path))
    assert str(err.value) == (
        f"{path}:8: step 2 (move): cannot move 'ass_radmann_oppvekst' under 're_oppvekst': "
        "that would make the reporting cycle ass_radmann_oppvekst → re_oppvekst → "
        "ass_radmann_oppvekst")


def test_applying_dates_the_result_and_notes_every_step():
    org = orgraph.load("charts/rissa.yaml")
    p = load_plan("examples/plans/rissa-2002-06.yaml")
    after = apply_plan(org, p)
    assert after.graph["date"] == "2002-06-20" and org.graph["date"] == "2002"
    assert len(after.graph["steps"]) == len(p.steps)
    assert after.graph["steps"][0].startswith("remove ass_radmann_ho: 1 report moved to "
                                              "radmann [Vedlegg 1 ('I juni 2002")
    assert after.graph["plan"]["title"] == "Nivået assisterende rådmenn fjernes"
    assert orgraph.check_organisation(after) == []


def test_step_arguments_have_their_types():
    assert problems(plan("""\
        - merge: {units: [a, b], count: "15", label: 7}
          source: s
        - remove: 12
          source: s
        """)) == [
        "p.yaml:6: step 1 (merge): 'count' must be a whole number (1 or more); 'label' must "
        "be text",
        "p.yaml:8: step 2 (remove): 'unit' must be text"]
