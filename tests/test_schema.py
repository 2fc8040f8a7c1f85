"""The published JSON Schema is valid and agrees with the loader."""

from pathlib import Path

import jsonschema
import pytest
import yaml

from orgraph.chartfile import chart_schema
from orgraph.model import Kind, Relation

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
