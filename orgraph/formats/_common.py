"""Shared pieces of the format converters: the chart format's value checks and the finish.

Reports and problems live in :mod:`orgraph.formats._report`, text decoding and ids in
:mod:`orgraph.formats._text`; both are re-exported here.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Mapping
from itertools import chain, compress, repeat
from pathlib import Path
from typing import Any

from orgraph import limits
from orgraph.chartfile import KIND_ONLY_KEYS as CHART_KIND_ONLY
from orgraph.chartfile import check_organisation
from orgraph.formats._forest import is_forest, superior_pointers
from orgraph.formats._report import FormatWarning, Problems, Report
from orgraph.formats._text import (
    ID_PATTERN,
    decode_text,
    plain_text,
    read_bytes,
    safe_ids,
    scrub_controls,
    strip_controls,
)
from orgraph.limits import MAX_NUMBER, nested_within
from orgraph.model import EXECUTIVE_ROLES, Kind, Organisation, Relation

__all__ = [
    "ID_PATTERN",
    "KINDS",
    "RELATIONS",
    "FormatWarning",
    "Problems",
    "Report",
    "check_nesting",
    "check_values",
    "check_values_by_node",
    "decode_text",
    "encode_value",
    "finish",
    "is_scalar",
    "line_forest",
    "normalise",
    "plain_text",
    "read_bytes",
    "safe_ids",
    "scrub_controls",
    "strip_controls",
]

KINDS = frozenset(k.value for k in Kind)
RELATIONS = frozenset(r.value for r in Relation)
_TEXT_KEYS = ("label", "label_en", "source", "note")
_MAX_TEXT = 5000


def is_scalar(value: Any) -> bool:
    """Whether a value is a str, int, float or bool (what flat formats carry)."""
    return isinstance(value, (str, int, float, bool)) and not (
        isinstance(value, float) and not math.isfinite(value))


def encode_value(value: Any) -> str:
    """A JSON string for a nested value (lists and mappings in flat formats)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def normalise(org: Organisation, name: str) -> None:
    """Fill in what the YAML reader fills in, so that every format yields the same graph.

    ``label`` defaults to the id, an executive ``acts_for_cao`` unless a ``sector_chief``,
    a staff unit does not ``instructs``; the organisation ``name`` defaults to ``name``.
    """
    org.graph.setdefault("name", name)
    for node, data in org.nodes(data=True):
        if "label" not in data:
            data["label"] = node
        kind = data.get("kind")
        if kind == "executive" and "acts_for_cao" not in data:
            data["acts_for_cao"] = data.get("role") != "sector_chief"
        elif kind == "staff" and "instructs" not in data:
            data["instructs"] = False


#: Keys only some kinds may carry: the chart reader's own table (structural keys aside).
_KIND_ONLY = {key: {k.value for k in kinds} for key, kinds in CHART_KIND_ONLY.items()
              if key not in ("members", "dotted", "orders_from", "serves")}
_SIMPLE = frozenset({"kind", "label"})


def _short(value: Any) -> str:
    """A value for a message, at most 60 characters (a 4,000-digit count is cut).

    Examples
    --------
    >>> _short(10 ** 100)
    '1000000000000000000000000000000000000000000000000000000000...'
    """
    text = repr(value) if not isinstance(value, int) or value < 10 ** 60 else str(value)[:58]
    return text if len(text) <= 60 else text[:58] + "..."


def _value_problem(key: str, value: Any) -> str | None:
    """Why ``value`` is not allowed for the chart key ``key`` (None if it is)."""
    if key in ("count", "seats"):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_NUMBER:
            return (f"'{key}' is {_short(value)}; it must be a whole number from 1 to "
                    f"{MAX_NUMBER:,}")
    elif key in ("headcount", "fte"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                not 0 <= value <= MAX_NUMBER:
            return (f"'{key}' is {_short(value)}; it must be a finite number from 0 to "
                    f"{MAX_NUMBER:,}")
    elif key in ("instructs", "acts_for_cao", "standing_committee"):
        if not isinstance(value, bool):
            return f"'{key}' is {value!r}; it must be true or false"
    elif key == "role":
        if value not in EXECUTIVE_ROLES:
            return f"unknown role {value!r}; use one of: {', '.join(EXECUTIVE_ROLES)}"
    elif key == "principle":
        if value not in ("sector", "function"):
            return f"unknown principle {value!r}; use sector or function"
    elif key in _TEXT_KEYS:
        if not isinstance(value, str):
            return f"'{key}' is {value!r}; it must be text"
        if len(value) > _MAX_TEXT:
            return f"'{key}' is {len(value)} characters long; the limit is {_MAX_TEXT}"
    elif key == "items":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "'items' must be a list of texts"
    elif key == "item_counts":
        if not isinstance(value, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n >= 1
                for n in value.values()):
            return "'item_counts' must map item texts to positive whole numbers"
    elif key == "groups":
        if not isinstance(value, list) or not all(
                isinstance(g, dict) and isinstance(g.get("under"), str) for g in value):
            return "'groups' must be a list of mappings, each with 'under' (a manager's id)"
    elif key == "shown" and not isinstance(value, bool):
        return f"'shown' is {value!r}; it must be true or false"
    elif key == "citations" and not isinstance(value, dict):
        return "'citations' must be a mapping of fact → citation"
    return None


_EXACT_TYPES: dict[str, tuple[type, ...]] = {
    "count": (int,), "seats": (int,), "headcount": (int, float), "fte": (int, float),
    "instructs": (bool,),
    "acts_for_cao": (bool,), "standing_committee": (bool,), "citations": (dict,),
    **{key: (str,) for key in _TEXT_KEYS}}
_CHOICES = {"role": frozenset(EXECUTIVE_ROLES), "principle": frozenset({"sector", "function"})}


def _values_hold(org: Organisation) -> bool:
    """Whether every kind, relation and chart value is allowed, one column at a time.

    ``True`` only when :func:`check_values` would find nothing; ``False`` sends it down the
    node-by-node path that names each problem (so the messages come from one place). The
    passes are ``map`` calls over the graph's own dicts, run in C.
    """
    datas = list(org._node.values())
    kinds = list(map(dict.get, datas, repeat("kind")))
    if not set(map(type, kinds)) <= {str} or not KINDS.issuperset(kinds):
        return False  # (a list or mapping as a kind would not even hash)
    if "unit_group" in kinds and any(d.get("kind") == "unit_group" and "count" not in d
                                     for d in datas):
        return False
    for key in set().union(*datas) - {"kind"}:
        has = list(map(dict.__contains__, datas, repeat(key)))
        holders = datas if all(has) else list(compress(datas, has))
        allowed = _KIND_ONLY.get(key)
        if allowed is not None and not allowed.issuperset(
                map(dict.__getitem__, holders, repeat("kind"))):
            return False
        if not _column_holds(key, list(map(dict.__getitem__, holders, repeat(key)))):
            return False
    succ = org._succ
    if any(map(operator.contains, succ.values(), succ)):  # u in succ[u]: a self-loop
        return False
    edges = chain.from_iterable(map(dict.values, succ.values()))
    relations = list(map(dict.get, edges, repeat("relation")))
    return set(map(type, relations)) <= {str} and RELATIONS.issuperset(relations)


def _column_holds(key: str, values: list[Any]) -> bool:
    """Whether ``_value_problem`` accepts every value of one key (see :func:`_values_hold`)."""
    types = _EXACT_TYPES.get(key)
    if types is not None:
        if not {type(v) for v in values}.issubset(types):
            return False
        if key in ("count", "seats", "headcount", "fte"):
            least = 0 if key in ("headcount", "fte") else 1
            return (all(map(operator.ge, values, repeat(least)))  # NaN fails here
                    and max(values) <= MAX_NUMBER)
        if key in _TEXT_KEYS:
            return max(map(len, values)) <= _MAX_TEXT
        return True
    if key in _CHOICES:
        try:
            return _CHOICES[key].issuperset(values)
        except TypeError:  # an unhashable value: not a choice
            return False
    if _has_rule(key):  # a key with a rule of its own and no column pass: value by value
        return all(_value_problem(key, v) is None for v in values)
    return True


@functools.lru_cache(maxsize=256)
def _has_rule(key: str) -> bool:
    """Whether :func:`_value_problem` checks ``key`` at all: every rule refuses a bare
    ``object()``, so a key it accepts that for is free text (a custom column)."""
    return _value_problem(key, object()) is not None


def check_values(org: Organisation, problems: Problems,
                 lines: Mapping[str, int | None] | None = None) -> None:
    """The chart format's rules on kinds, relations and the chart keys' values.

    A whole-column pass (:func:`_values_hold`) answers the common case, a sound file, in a
    few list scans; only a file with some problem is walked node by node to name each one.

    Examples
    --------
    >>> org = Organisation()
    >>> org.add_node("a", kind="unit", label="A", headcount=-1)
    >>> org.add_node("b", kind="skole", label="B")
    >>> found = Problems("t.csv"); check_values(org, found, {"a": 2, "b": 3})
    >>> for problem in found.items: print(problem)
    t.csv:2: node 'a': 'headcount' is -1; it must be a finite number from 0 to 1,000,000,000,000
    t.csv:3: node 'b': unknown kind 'skole'; use one of: advisory_committee, cao, ...
    """
    if not _values_hold(org):
        check_values_by_node(org, problems, lines)


def check_values_by_node(org: Organisation, problems: Problems,
                         lines: Mapping[str, int | None] | None = None) -> None:
    """:func:`check_values` node by node and edge by edge, naming every problem.

    A new rule here needs its whole-column form in :func:`_values_hold` too (a new key's
    rule in :func:`_value_problem` is found there by itself).
    """
    lines = lines or {}
    kinds = KINDS
    for node, data in org.nodes(data=True):
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in kinds:
            problems.add(f"unknown kind {_short(kind)}; use one of: "
                         f"{', '.join(sorted(kinds))}", lines.get(node), node)
            continue
        label = data.get("label", "")
        if data.keys() <= _SIMPLE and isinstance(label, str) and len(label) <= _MAX_TEXT:
            continue
        for key, value in data.items():
            allowed = _KIND_ONLY.get(key)
            if allowed is not None and kind not in allowed:
                problems.add(f"'{key}' is only for kind {' / '.join(sorted(allowed))}, not "
                             f"'{kind}'; drop it or change the kind", lines.get(node), node)
                continue
            message = _value_problem(key, value)
            if message:
                problems.add(message, lines.get(node), node)
        if kind == "unit_group" and "count" not in data:  # the chart reader's rule too
            problems.add("a unit_group needs 'count': how many units the box stands for",
                         lines.get(node), node)
    for u, v, rel in org.edges(data="relation"):
        if not isinstance(rel, str) or rel not in RELATIONS:
            problems.add(f"edge {u} → {v}: unknown relation {_short(rel)}; use one of: "
                         f"{', '.join(sorted(RELATIONS))}", lines.get(v), v)
        elif u == v:
            problems.add(f"a {rel} edge from '{u}' to itself; remove it", lines.get(v), v)


def finish(org: Organisation, filename: str, problems: Problems | None = None,
           lines: Mapping[str, int | None] | None = None, *, name: str | None = None,
           check_values_too: bool = True, structure_checked: bool = False) -> Organisation:
    """Normalise, check and return an imported organisation, or raise every problem at once.

    The checks are the YAML reader's: kinds, relations and chart keys
    (:func:`check_values`), then :func:`orgraph.chartfile.check_organisation` (a reporting
    cycle, two line superiors). A reader that has proved those two itself (each row names
    one superior and its own walk found no loop) passes ``structure_checked``. Values of
    the graph, nodes and edges may nest lists and mappings as deep as the ``depth`` limit.
    """
    problems = problems or Problems(filename)
    check_nesting(org, problems, lines)
    if check_values_too:
        check_values(org, problems, lines)
    if not problems:
        normalise(org, name or Path(filename).stem)
        if not structure_checked and not line_forest(org):
            problems.items.extend(check_organisation(org, filename, lines))
    problems.raise_if_any()
    return org


def check_nesting(org: Organisation, problems: Problems,
                  lines: Mapping[str, int | None] | None = None) -> None:
    """Report every value that nests lists and mappings deeper than the ``depth`` limit.

    Writers of YAML and JSON recurse once per level; a value nested 950 deep would end in a
    ``RecursionError`` there, so it is refused where it is read.

    Examples
    --------
    >>> org = Organisation(); deep = "x"
    >>> for _ in range(150): deep = [deep]
    >>> org.add_node("a", kind="unit", label="A", data=deep)
    >>> found = Problems("t.json"); check_nesting(org, found)
    >>> print(found.items[0])
    t.json: node 'a': 'data' nests lists or mappings more than 100 levels deep; flatten it ...
    """
    depth = limits.current().depth
    lines = lines or {}
    scopes = [(None, org.graph), *org._node.items(),
              *(((v, d) for u, v, d in org.edges(data=True)) if org.number_of_edges() else ())]
    for node, data in scopes:
        for key, value in data.items():
            if type(value) in (list, dict) and not nested_within(value, depth):
                problems.add(f"'{key}' nests lists or mappings more than {depth} levels "
                             f"deep; flatten it {limits.how_to_raise('depth')}",
                             lines.get(node) if node is not None else None, node)


def line_forest(org: Organisation) -> bool:
    """Whether every node has at most one line superior and line reporting has no loop.

    What :func:`orgraph.chartfile.check_organisation` checks, in one walk up the line
    superiors without copying the graph; ``False`` means it has something to say.

    Examples
    --------
    >>> org = Organisation()
    >>> for n in "abc": org.add_unit(n, kind="unit")
    >>> org.add_relation("a", "b"); org.add_relation("b", "c")
    >>> line_forest(org)
    True
    >>> org.add_relation("c", "a"); line_forest(org)
    False
    """
    pred = org._pred
    # Every edge as (head, tail, relation), gathered by map calls that run in C.
    heads = list(chain.from_iterable(map(repeat, pred, map(len, pred.values()))))
    tails = list(chain.from_iterable(pred.values()))
    edges = chain.from_iterable(map(dict.values, pred.values()))
    is_line = [r == Relation.LINE.value for r in map(dict.get, edges, repeat("relation"))]
    heads, tails = list(compress(heads, is_line)), list(compress(tails, is_line))
    if len(set(heads)) != len(heads):  # a node with two line superiors
        return False
    index = dict(zip(pred, range(len(pred)), strict=True))
    return is_forest(superior_pointers(len(pred), map(index.__getitem__, heads),
                                       map(index.__getitem__, tails), len(heads)))
