"""The chart schema's errors for a document, with the plain units checked in bulk.

``jsonschema`` spends most of a large chart's reading on units that hold nothing but ids,
a kind, texts, numbers and flags: resolving the schema's ``$ref`` for every key of every
unit. Such a unit is checked here against the same rules in a few operations
(:func:`plain_unit`; the rules are read from the schema itself, so they cannot drift from
it), nested units one by one below it; every other unit, and the rest of the document,
goes through the validator, each error's path as if the whole document had been validated
at once. A unit the quick rules are unsure of always goes to the validator, so the errors
are the validator's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema

__all__ = ["plain_unit", "schema_errors"]

Check = Callable[[Any], bool]
_RULES: dict[int, tuple[frozenset[str], dict[str, Check]]] = {}


def _rules(schema: dict[str, Any]) -> tuple[frozenset[str], dict[str, Check]]:
    """A unit's required keys, and a quick check per key whose rule is simple (read once)."""
    key = id(schema)
    if key not in _RULES:
        node = schema["$defs"]["node"]
        checks = {name: check for name, rule in node["properties"].items()
                  if (check := _check(rule, schema["$defs"])) is not None}
        _RULES[key] = (frozenset(node.get("required", ())), checks)
    return _RULES[key]


def _check(rule: dict[str, Any], defs: dict[str, Any]) -> Check | None:
    """A quick check that accepts only values ``rule`` accepts, or ``None`` if ``rule`` is
    not a plain string, number, flag or choice (or the first alternative of one).

    Examples
    --------
    >>> check = _check({"type": "string", "maxLength": 3}, {})
    >>> check("abc"), check("abcd"), check(3)
    (True, False, False)
    >>> check = _check({"anyOf": [{"type": "number", "minimum": 0}, {"type": "object"}]}, {})
    >>> check(2.5), check(-1), check(True), check({"value": 2})
    (True, False, False, False)
    """
    rule = {k: v for k, v in rule.items() if k != "description"}
    if set(rule) == {"$ref"}:
        prefix, _, name = rule["$ref"].rpartition("/")
        return _check(defs[name], defs) if prefix == "#/$defs" and name in defs else None
    if set(rule) == {"anyOf"}:  # a value the first form accepts is valid
        return _check(rule["anyOf"][0], defs)
    if set(rule) == {"enum"} and all(isinstance(v, str) for v in rule["enum"]):
        choices = frozenset(rule["enum"])
        return lambda value: isinstance(value, str) and value in choices
    kind = rule.get("type")
    if rule == {"type": "boolean"}:
        return lambda value: value is True or value is False
    if kind == "string" and set(rule) <= {"type", "pattern", "maxLength"}:
        return _string_check(rule)
    if kind == "number" and set(rule) <= {"type", "minimum", "maximum"}:
        low, high = rule.get("minimum", -float("inf")), rule.get("maximum", float("inf"))
        return lambda value: type(value) in (int, float) and low <= value <= high
    return None


def _string_check(rule: dict[str, Any]) -> Check:
    pattern = re.compile(rule["pattern"]) if "pattern" in rule else None
    longest = rule.get("maxLength", float("inf"))
    return lambda value: (isinstance(value, str) and len(value) <= longest
                          and (pattern is None or pattern.search(value) is not None))


def plain_unit(unit: Any, schema: dict[str, Any]) -> bool:
    """Whether ``unit`` (its nested ``units`` aside) holds only keys with simple rules, each
    with a value the schema accepts.

    Examples
    --------
    >>> from orgraph.chartfile import chart_schema
    >>> plain_unit({"id": "a", "kind": "unit", "parent": "b", "label": "A"}, chart_schema())
    True
    >>> plain_unit({"id": "a", "kind": "executive", "headcount": 1, "role": "other",
    ...             "acts_for_cao": False, "units": [{"id": "b"}]}, chart_schema())
    True
    >>> plain_unit({"id": "a b", "kind": "unit"}, chart_schema())
    False
    >>> plain_unit({"id": "a", "kind": "unit", "items": []}, chart_schema())
    False
    >>> plain_unit({"id": "a", "kind": "unit", "units": "b"}, chart_schema())
    False
    """
    if not isinstance(unit, dict):
        return False
    required, checks = _rules(schema)
    if not required <= unit.keys():
        return False
    for key, value in unit.items():
        if key == "units":
            if not isinstance(value, list):
                return False
            continue
        check = checks.get(key)
        if check is None or not check(value):
            return False
    return True


def schema_errors(doc: dict[str, Any], schema: dict[str, Any]
                  ) -> Iterator[jsonschema.ValidationError]:
    """Every error :class:`jsonschema.Draft202012Validator` finds in ``doc``.

    Examples
    --------
    >>> from orgraph.chartfile import chart_schema
    >>> doc = {"orgraph": 1, "organisation": {"name": "X"},
    ...        "units": [{"id": "a", "kind": "cao", "units": [{"id": "b", "kind": "boss"}]}]}
    >>> [list(e.absolute_path) for e in schema_errors(doc, chart_schema())]
    [['units', 0, 'units', 0, 'kind']]
    """
    units = doc.get("units")
    if not isinstance(units, list):
        yield from jsonschema.Draft202012Validator(schema).iter_errors(doc)
        return
    yield from jsonschema.Draft202012Validator(schema).iter_errors({**doc, "units": []})
    node = jsonschema.Draft202012Validator({"$ref": "#/$defs/node", "$defs": schema["$defs"]})
    yield from _unit_errors(units, ["units"], node, schema)


def _unit_errors(units: list[Any], path: list[Any], node: jsonschema.Draft202012Validator,
                 schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    """The errors of ``units`` (at ``path`` in the document) and of the units nested in
    them: a unit by the quick rules, else by ``node`` (without its nested units, which
    follow one by one)."""
    for index, unit in enumerate(units):
        nested = unit.get("units") if isinstance(unit, dict) else None
        if not isinstance(nested, list):
            nested = None
        if not plain_unit(unit, schema):
            shallow = unit if nested is None else {**unit, "units": []}
            for error in node.iter_errors(shallow):
                error.path.extendleft(reversed([*path, index]))
                yield error
        if nested:
            yield from _unit_errors(nested, [*path, index, "units"], node, schema)
