"""The published JSON Schema is valid and agrees with the loader."""

from collections.abc import Iterable
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from orgraph.chartfile import chart_schema
from orgraph.model import Kind, Relation
from orgraph.schemacheck import schema_errors

ROOT = Path(__file__).parent.parent
CHARTS = sorted((ROOT / "charts").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(chart_schema())


def test_schema_lists_exactly_the_model_kinds_and_relations():
    defs = chart_schema()["$defs"]
    assert defs["kind"]["enum"] == [k.value for k in Kind]
    assert defs["relationType"]["enum"] == [r.value for r in Relation]


@pytest.mark.parametrize("path", CHARTS, ids=lambda p: p.name)
def test_every_bundled_chart_validates_against_the_schema_alone(path):
    # What an editor does with the schema, without orgraph: plain PyYAML + jsonschema.
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, chart_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_what_the_loader_rejects():
    doc = {"orgraph": 1, "organisation": {"name": "X"},
           "units": [{"id": "g", "kind": "unit_group", "count": 0}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, chart_schema())


# Values that the schema accepts or refuses for the keys a unit may hold, mixed at random.
_VALUES = st.sampled_from(["a", "p-1", "a b", "", "x" * 201, "Rådmann\nKari", 0, 1, 2.5, -1,
                           True, False, None, [], ["a"], {}, {"value": 2}, {"value": -1},
                           "unit", "cao", "boss", "other", "sector", float("nan"), 10**13])
_KEYS = st.sampled_from(["id", "kind", "parent", "label", "label_en", "note", "source",
                         "headcount", "count", "seats", "role", "acts_for_cao", "instructs",
                         "principle", "shown", "items", "dotted", "bogus"])
_UNITS = st.recursive(
    st.dictionaries(_KEYS, _VALUES, max_size=5),
    lambda children: st.builds(lambda unit, units: {**unit, "units": units},
                               st.dictionaries(_KEYS, _VALUES, max_size=5),
                               st.lists(children, max_size=3) | _VALUES),
    max_leaves=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_UNITS | _VALUES, max_size=4))
def test_the_bulk_check_finds_exactly_the_validators_errors(units: list) -> None:
    """orgraph's quick check of plain units (nested or not) reports what the whole-document
    validator reports: the same paths, the same messages."""
    doc = {"orgraph": 1, "organisation": {"name": "X"}, "units": units}

    def found(errors: Iterable[jsonschema.ValidationError]) -> list[tuple[str, str]]:
        return sorted((str(list(e.absolute_path)), e.message) for e in errors)

    whole = jsonschema.Draft202012Validator(chart_schema()).iter_errors(doc)
    assert found(schema_errors(doc, chart_schema())) == found(whole)


def test_a_big_nested_chart_is_checked_without_the_validator(monkeypatch) -> None:
    """A generated company's chart (nested units with head counts, roles and flags) needs
    the validator for the document's frame alone, not for any unit."""
    import orgraph.schemacheck as check
    from orgraph.chartfile import dump_chart, loads_chart
    from orgraph.generate import generate_company

    text = dump_chart(generate_company(300, seed=2))
    validated = []
    real = check.jsonschema.Draft202012Validator.iter_errors
    monkeypatch.setattr(check.jsonschema.Draft202012Validator, "iter_errors",
                        lambda self, instance: validated.append(instance) or real(self, instance))
    assert loads_chart(text).number_of_nodes() == 300
    assert len(validated) == 1 and validated[0]["units"] == []
