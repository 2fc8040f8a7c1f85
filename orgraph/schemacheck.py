"""The chart schema's errors for a document, with the plain units checked in bulk.

``jsonschema`` spends most of a large chart's reading on units that hold nothing but an
id, a kind, a parent and texts: resolving the schema's ``$ref`` for every key of every
unit. Such a unit is checked here against the same rules (:func:`plain_unit`) in a few
operations; every other unit, and the rest of the document, goes through the validator,
each error's path as if the whole document had been validated at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema

__all__ = ["plain_unit", "schema_errors"]

_PLAIN_KEYS = frozenset({"id", "kind", "parent", "label", "label_en", "note", "source"})
_ID_KEYS = ("id", "parent")
_TEXT_KEYS = ("label", "label_en", "note", "source")


_RULES: dict[int, tuple[frozenset[str], re.Pattern[str], int, int]] = {}


def _rules(schema: dict[str, Any]) -> tuple[frozenset[str], re.Pattern[str], int, int]:
    """The kinds, the id pattern and the id and text lengths of ``schema`` (read once)."""
    key = id(schema)
    if key not in _RULES:
        defs = schema["$defs"]
        _RULES[key] = (frozenset(defs["kind"]["enum"]), re.compile(defs["id"]["pattern"]),
                       defs["id"]["maxLength"], defs["text"]["maxLength"])
    return _RULES[key]


def plain_unit(unit: Any, schema: dict[str, Any]) -> bool:
    """Whether ``unit`` holds only plain keys whose values the schema accepts.

    Examples
    --------
    >>> from orgraph.chartfile import chart_schema
    >>> plain_unit({"id": "a", "kind": "unit", "parent": "b", "label": "A"}, chart_schema())
    True
    >>> plain_unit({"id": "a b", "kind": "unit"}, chart_schema())
    False
    >>> plain_unit({"id": "a", "kind": "unit", "units": []}, chart_schema())
    False
    """
    if not isinstance(unit, dict) or not unit.keys() <= _PLAIN_KEYS or "kind" not in unit:
        return False
    kinds, id_pattern, id_length, text_length = _rules(schema)
    kind = unit["kind"]
    if not isinstance(kind, str) or kind not in kinds:
        return False
    for key in _ID_KEYS:
        if key in unit:
            value = unit[key]
            if not isinstance(value, str) or len(value) > id_length or \
                    id_pattern.search(value) is None:
                return False
    for key in _TEXT_KEYS:
        if key in unit:
            value = unit[key]
            if not isinstance(value, str) or len(value) > text_length:
                return False
    return True


def schema_errors(doc: dict[str, Any], schema: dict[str, Any]
                  ) -> Iterator[jsonschema.ValidationError]:
    """Every error :class:`jsonschema.Draft202012Validator` finds in ``doc``.

    Examples
    --------
    >>> from orgraph.chartfile import chart_schema
    >>> doc = {"orgraph": 1, "organisation": {"name": "X"},
    ...        "units": [{"id": "a", "kind": "cao"}, {"id": "b", "kind": "boss"}]}
    >>> [list(e.absolute_path) for e in schema_errors(doc, chart_schema())]
    [['units', 1, 'kind']]
    """
    units = doc.get("units")
    if not isinstance(units, list):
        yield from jsonschema.Draft202012Validator(schema).iter_errors(doc)
        return
    yield from jsonschema.Draft202012Validator(schema).iter_errors({**doc, "units": []})
    node = jsonschema.Draft202012Validator({"$ref": "#/$defs/node", "$defs": schema["$defs"]})
    for index, unit in enumerate(units):
        if plain_unit(unit, schema):
            continue
        for error in node.iter_errors(unit):
            error.path.extendleft(reversed(["units", index]))
            yield error
