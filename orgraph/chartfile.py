"""Read and write the YAML chart format (``docs/format.md``), with validation."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import networkx as nx

from orgraph import limits
from orgraph.aggregates import aggregate_problems
from orgraph.errors import ChartError, Problem
from orgraph.inputfile import read_limited
from orgraph.limits import MAX_NUMBER
from orgraph.model import (
    COORDINATION_KINDS,
    POLITICAL_KINDS,
    Kind,
    Organisation,
    Relation,
)
from orgraph.schemacheck import schema_errors
from orgraph.yamlsafe import Mapping, line_of, parse_yaml

if TYPE_CHECKING:  # loaded on first use (module __getattr__ at the end)
    from orgraph.chartdump import dump_chart

__all__ = [
    "chart_schema",
    "check_organisation",
    "default_relation",
    "dump_chart",
    "load_chart",
    "loads_chart",
]

FORMAT_VERSION = 1
#: Organisation facts that may carry a citation.
ORG_FACTS = ("county", "inhabitants", "model_introduced", "years_of_experience", "leader_team")
#: Node facts that may carry a citation.
NODE_FACTS = ("count", "seats", "headcount")
#: Node keys that become edges, with the relation and the edge direction.
_EDGE_LISTS = {
    "dotted": (Relation.DOTTED, "in"),  # dotted superior → this node
    "members": (Relation.MEMBER, "out"),  # this body → member
    "orders_from": (Relation.ORDER, "out"),  # this purchaser → provider
    "serves": (Relation.SERVICE, "out"),  # this service unit → served unit
}
#: Keys only some kinds may carry.
KIND_ONLY_KEYS = {
    "count": {Kind.UNIT_GROUP, Kind.MAIN_COMMITTEE, Kind.COMMITTEE, Kind.ADVISORY_COMMITTEE,
              Kind.POLITICAL_BODY},
    "standing_committee": {Kind.EXECUTIVE_COMMITTEE, Kind.POLITICAL_BODY},
    "items": {Kind.UNIT_GROUP, Kind.STAFF},
    "item_counts": {Kind.UNIT_GROUP},
    "groups": {Kind.UNIT_GROUP},
    "shown": COORDINATION_KINDS,
    "seats": POLITICAL_KINDS,
    "principle": POLITICAL_KINDS,
    "instructs": {Kind.STAFF},
    "role": {Kind.EXECUTIVE},
    "acts_for_cao": {Kind.EXECUTIVE},
    "members": COORDINATION_KINDS,
}
_KIND_VALUES = {k.value for k in Kind}
#: Deepest nesting of units dump_chart writes (each level is two YAML levels).
_MAX_NESTING = 40
_STRUCTURAL = {"id", "units", "relation", "parent", *_EDGE_LISTS}


def _node_keys() -> frozenset[str]:
    return frozenset(chart_schema()["$defs"]["node"]["properties"])


def _org_keys() -> frozenset[str]:
    return frozenset(chart_schema()["$defs"]["organisation"]["properties"])


@cache
def chart_schema() -> dict[str, Any]:
    """Return the JSON Schema of the chart format (``orgraph/schema/chart.schema.json``).

    Examples
    --------
    >>> chart_schema()["title"]
    'orgraph chart file, format version 1'
    """
    text = resources.files("orgraph").joinpath("schema/chart.schema.json").read_text("utf-8")
    return json.loads(text)


def default_relation(parent_kind: Kind | str, child_kind: Kind | str) -> Relation:
    """Return the relation a nested node gets from its parent when none is written.

    Examples
    --------
    >>> default_relation("cao", "staff").value
    'staff'
    >>> default_relation("council", "executive_committee").value
    'delegation'
    >>> default_relation("council", "cao").value
    'line'
    >>> default_relation("leader_group", "executive").value
    'member'
    """
    parent_kind, child_kind = Kind(parent_kind), Kind(child_kind)
    if child_kind is Kind.STAFF:
        return Relation.STAFF
    if parent_kind in COORDINATION_KINDS:
        return Relation.MEMBER
    if parent_kind in POLITICAL_KINDS and child_kind in POLITICAL_KINDS:
        return Relation.DELEGATION
    return Relation.LINE


def load_chart(path: str | Path) -> Organisation:
    """Read a chart file.

    Parameters
    ----------
    path : str or Path
        A YAML chart file.

    Returns
    -------
    Organisation

    Raises
    ------
    ChartError
        Every problem in the file, each naming the file, line, node and the fix.

    Examples
    --------
    >>> org = load_chart("examples/minimal.yaml")
    >>> org.graph["name"], org.line_superior("skole")
    ('Eksempel kommune', 'radmann')
    """
    data = read_limited(path, limits.current().chart_bytes, "chart files",
                        limits.how_to_raise("chart_bytes"))
    return loads_chart(data, filename=str(path))


def loads_chart(text: str | bytes, filename: str = "<string>") -> Organisation:
    """Read a chart from a string.

    Examples
    --------
    >>> org = loads_chart('''
    ... orgraph: 1
    ... organisation: {name: Mini}
    ... units:
    ...   - {id: r, kind: cao, units: [{id: s, kind: staff, instructs: true}]}
    ... ''')
    >>> org.relation("r", "s").value, org.nodes["s"]["instructs"]
    ('staff', True)
    """
    doc = parse_yaml(text, filename)
    _language_as_written(doc)
    problems = _schema_problems(doc, filename)
    builder = _Builder(filename)
    try:
        org = builder.build(doc)
        problems += builder.problems + check_organisation(org, filename, builder.lines)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        # Only reachable when the structure is already wrong: the schema problems say how.
        if not problems:
            raise
    if problems:
        unique = list(dict.fromkeys(problems))
        raise ChartError(sorted(unique, key=lambda p: p.line or 0))
    return org


# --------------------------------------------------------------------------- schema


def _language_as_written(doc: Any) -> None:
    """``language: no`` as written: YAML 1.1 (PyYAML) reads a bare ``no`` as false.

    The chart format's ``language`` is a code, ``no`` or ``en``; YAML 1.2 (editors' language
    servers) already reads ``no`` as text, so only this reader needs the repair.
    """
    organisation = doc.get("organisation") if isinstance(doc, dict) else None
    if isinstance(organisation, dict) and organisation.get("language") is False:
        organisation["language"] = "no"


def _schema_problems(doc: Any, filename: str) -> list[Problem]:
    if not isinstance(doc, dict):
        return [Problem(filename, "a chart file is a mapping with 'orgraph: 1', "
                                  "'organisation:' and 'units:'", line=getattr(doc, "line", 1))]
    problems = []
    for error in sorted(schema_errors(doc, chart_schema()),
                        key=lambda e: list(map(str, e.path))):
        path = list(error.absolute_path)
        problems.append(Problem(filename, _explain(error), line=line_of(doc, path),
                                node=_node_at(doc, path)))
    return problems


def _node_at(doc: Any, path: list[Any]) -> str | None:
    """The id (or label) of the innermost node on ``path``."""
    found = None
    node = doc
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "kind" in node:
            found = node.get("id") or node.get("label") or found
    return None if found is None else str(found)


def _explain(error: jsonschema.ValidationError) -> str:
    """A message that says what to fix, for the validators people trip over."""
    where = ".".join(str(p) for p in error.absolute_path) or "the top level"
    if error.validator in ("anyOf", "oneOf") and error.context:
        # A fact is "value" or "{value, source, ...}": explain the branch the writer meant.
        branch = 1 if isinstance(error.instance, dict) else 0
        meant = [e for e in error.context if e.relative_schema_path[0] == branch]
        error = jsonschema.exceptions.best_match(meant or error.context)
        where = ".".join(str(p) for p in error.absolute_path) or where
    key = str(error.absolute_path[-1]) if error.absolute_path else where
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        return (f"unknown key {', '.join(repr(e) for e in extra)}; allowed keys are: "
                f"{', '.join(allowed)}")
    if error.validator == "enum":
        if key == "kind":
            return (f"unknown kind {error.instance!r}; use one of: "
                    f"{', '.join(error.validator_value)}")
        if key in ("relation", "type"):
            return (f"unknown relation {error.instance!r}; use one of: "
                    f"{', '.join(error.validator_value)}")
        return f"{key}: {error.instance!r} is not one of {', '.join(error.validator_value)}"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"missing required key '{missing}' in {where}"
    if error.validator == "maximum":
        shown = str(error.instance)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        return f"'{key}' is {shown}; it must be at most {error.validator_value:,}"
    if error.validator == "minimum":
        return (f"'{key}' is {error.instance!r}; it must be at least {error.validator_value}"
                + (" (a count is a positive whole number)" if key in ("count", "value") else ""))
    if error.validator == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return f"'{key}' is {error.instance!r}; it must be of type {wanted}"
    if error.validator == "const":
        return f"'{key}' must be {error.validator_value!r} (the chart format version)"
    if error.validator == "pattern":
        if key == "date":
            hint = ": write dates as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"
        else:
            hint = ": ids use letters, digits, _, -, . and /"
        return f"'{key}' value {error.instance!r} is malformed{hint}"
    return f"{where}: {error.message}"


# --------------------------------------------------------------------------- building


class _Builder:
    """Turns a schema-valid document into an Organisation, collecting reference problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.lines: dict[str, int | None] = {}
        self.pending: list[tuple[str, str, Relation, dict[str, Any], int | None, str]] = []

    def problem(self, message: str, line: int | None, node: str | None = None) -> None:
        self.problems.append(Problem(self.filename, message, line=line, node=node))

    def check_number(self, value: Any, key: str, where: Mapping, node: str | None) -> None:
        """A fact that is a number must be finite and at most :data:`~orgraph.limits.MAX_NUMBER`
        (the schema cannot say finite: NaN passes every comparison)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return
        if not (abs(value) <= MAX_NUMBER):  # NaN fails too; a huge int is never a float
            shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "..."
            self.problem(f"'{key}' is {shown}; it must be a finite number of at most "
                         f"{MAX_NUMBER:,}", where.key_lines.get(key, where.line), node)

    def build(self, doc: Mapping) -> Organisation:
        org = Organisation()
        self.check_data(doc["organisation"], _org_keys(), None)
        org.graph.update(_unwrap_facts(doc["organisation"], ORG_FACTS))
        for key in ORG_FACTS:
            self.check_number(org.graph.get(key), key, doc["organisation"], None)
        self.org = org
        for index, node in enumerate(doc["units"]):
            self.add_node(node, parent=None, position=f"unit{index + 1}")
        for rel in doc.get("relations", []):
            attrs = {k: rel[k] for k in ("source", "note") if k in rel}
            attrs.update(_plain(rel.get("data", {})))
            self.pending.append((rel["from"], rel["to"], Relation(rel["type"]), attrs,
                                 getattr(rel, "line", None), rel["to"]))
        for sup, sub, relation, attrs, line, owner in self.pending:
            self.add_edge(sup, sub, relation, attrs, line, owner)
        return org

    def add_node(self, node: Mapping, parent: str | None, position: str) -> None:
        if not isinstance(node, dict):
            return  # reported by the schema
        kind = Kind(node["kind"]) if node.get("kind") in _KIND_VALUES else Kind.UNIT
        node_id = str(node.get("id") or (f"{parent}/{position}" if parent else position))
        line = node.line
        if node_id in self.org:
            self.problem(f"duplicate id '{node_id}' (first on line {self.lines[node_id]}); "
                         "give each node its own id", line, node_id)
            return
        for key, kinds in KIND_ONLY_KEYS.items():
            if key in node and kind not in kinds:
                self.problem(f"key '{key}' is only for kind "
                             f"{' / '.join(sorted(k.value for k in kinds))}, not '{kind.value}'",
                             node.key_lines.get(key, line), node_id)
        if kind is Kind.UNIT_GROUP and "count" not in node:
            self.problem("a unit_group needs 'count': how many units the box stands for",
                         line, node_id)
        self.check_data(node, _node_keys(), node_id)
        attrs = _unwrap_facts(node, NODE_FACTS, skip=_STRUCTURAL | {"kind"})
        for key in NODE_FACTS:
            self.check_number(attrs.get(key), key, node, node_id)
        attrs.setdefault("label", node_id)
        if kind is Kind.EXECUTIVE:
            attrs.setdefault("acts_for_cao", node.get("role") != "sector_chief")
        if kind is Kind.STAFF:
            attrs.setdefault("instructs", False)
        self.org.add_node(node_id, kind=kind.value, **attrs)
        self.lines[node_id] = line
        if parent is not None:
            relation = Relation(node["relation"]) if "relation" in node else \
                default_relation(self.org.nodes[parent]["kind"], kind)
            self.pending.append((parent, node_id, relation, {}, line, node_id))
        elif "relation" in node:
            self.problem("'relation' is only meaningful on a nested node", line, node_id)
        if "parent" in node:
            self.pending.append((node["parent"], node_id, Relation.LINE, {},
                                 node.key_lines["parent"], node_id))
        for key, (relation, direction) in _EDGE_LISTS.items():
            for other in node.get(key) or []:
                pair = (other, node_id) if direction == "in" else (node_id, other)
                self.pending.append((*pair, relation, {}, node.key_lines[key], node_id))
        for index, child in enumerate(node.get("units", [])):
            self.add_node(child, parent=node_id, position=str(index + 1))

    def check_data(self, mapping: Mapping, known: frozenset[str], node: str | None) -> None:
        data = mapping.get("data", {})
        for key in data:
            if key in known or key == "citations":
                self.problem(f"data key '{key}' clashes with the format's own key; write it "
                             f"outside 'data:' or rename it", data.key_lines.get(key), node)

    def add_edge(self, sup: str, sub: str, relation: Relation, attrs: dict[str, Any],
                 line: int | None, owner: str) -> None:
        for end in (sup, sub):
            if end not in self.org:
                self.problem(f"refers to unknown id '{end}' ({relation.value} edge "
                             f"{sup} → {sub}); define a node with that id or fix the spelling",
                             line, owner)
                return
        if sup == sub:
            self.problem(f"a {relation.value} edge from '{sup}' to itself; remove it",
                         line, owner)
            return
        if self.org.has_edge(sup, sub):
            old = self.org.edges[sup, sub]["relation"]
            self.problem(f"two relations from '{sup}' to '{sub}' ({old} and {relation.value}); "
                         "keep one", line, owner)
            return
        self.org.add_edge(sup, sub, relation=relation.value, **attrs)


def _unwrap_facts(mapping: Mapping, facts: tuple[str, ...],
                  skip: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    """Copy ``mapping`` into plain attributes; cited facts keep their citation aside.

    Entries of the free ``data:`` mapping become attributes of their own (a clash with a
    format key is reported by :func:`_data_clashes`).
    """
    attrs: dict[str, Any] = {}
    citations: dict[str, Any] = {}
    for key, value in mapping.items():
        if key in skip:
            continue
        if key == "data":
            for k, v in value.items():
                if k not in mapping and k != "citations":
                    attrs[str(k)] = _plain(v)
            continue
        if key in facts and isinstance(value, dict):
            attrs[key] = value["value"]
            citations[key] = _plain({k: v for k, v in value.items() if k != "value"})
        else:
            attrs[key] = _plain(value)
    for key in ("count", "seats"):
        if isinstance(attrs.get(key), float) and attrs[key].is_integer():
            attrs[key] = int(attrs[key])
    if citations:
        attrs["citations"] = citations
    return attrs


def _plain(value: Any) -> Any:
    """Line-tracking containers → plain dict/list (so graphs compare and pickle cleanly)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- checks


def check_organisation(org: nx.DiGraph, filename: str = "<graph>",
                       lines: dict[str, int | None] | None = None) -> list[Problem]:
    """Check the rules every organisation obeys, whatever file format it came from.

    A node has at most one line superior; line reporting has no cycle; an aggregate's
    ``item_counts`` and ``groups`` agree with it (:func:`orgraph.aggregates.aggregate_problems`).

    Returns
    -------
    list of Problem
        Empty when the organisation is sound.

    Examples
    --------
    >>> org = Organisation()
    >>> for n in "abc": org.add_unit(n, kind="unit")
    >>> org.add_relation("a", "b"); org.add_relation("b", "c"); org.add_relation("c", "a")
    >>> for problem in check_organisation(org, "x.yaml"):
    ...     print(problem)
    x.yaml: node 'a': reporting cycle a → b → c → a; break it (one of these must report
    elsewhere)
    """
    lines = lines or {}
    problems = []
    line_edges = [(u, v) for u, v, r in org.edges(data="relation") if r == Relation.LINE.value]
    superiors: dict[str, list[str]] = {}
    for u, v in line_edges:
        superiors.setdefault(v, []).append(u)
    for node, sups in superiors.items():
        if len(sups) > 1:
            problems.append(Problem(
                filename, f"has {len(sups)} line superiors ({', '.join(sups)}); a unit reports "
                f"on one line: declare the others as dotted-line reporting (dotted: [...])",
                line=lines.get(node), node=node))
    if not problems and _no_loop(superiors):
        return aggregate_problems(org, filename, lines)  # the common case, in linear time
    graph = nx.DiGraph(line_edges)
    for count, cycle in enumerate(nx.simple_cycles(graph)):
        if count == 20:
            problems.append(Problem(filename, "more reporting cycles not listed"))
            break
        start = min(range(len(cycle)), key=lambda i: str(cycle[i]))
        cycle = cycle[start:] + cycle[:start]
        path = " → ".join(map(str, [*cycle, cycle[0]]))
        problems.append(Problem(filename, f"reporting cycle {path}; break it (one of these "
                                          "must report elsewhere)",
                                line=lines.get(cycle[0]), node=str(cycle[0])))
    return problems + aggregate_problems(org, filename, lines)


def _no_loop(superiors: dict[str, list[str]]) -> bool:
    """Whether one line superior per node makes no loop (pointer doubling, no search)."""
    from orgraph.formats._forest import is_forest  # here: orgraph.formats imports this module

    index = {node: k for k, node in enumerate(superiors)}
    for sups in superiors.values():
        for sup in sups:
            index.setdefault(sup, len(index))
    parent = [-1] * len(index)
    for node, sups in superiors.items():
        parent[index[node]] = index[sups[0]]
    return is_forest(parent)


def __getattr__(name: str) -> Any:
    """``dump_chart`` from :mod:`orgraph.chartdump`, loaded on first use: that module reads
    this one's tables, so importing it here would fail when it is imported first."""
    if name == "dump_chart":
        from orgraph.chartdump import dump_chart

        return dump_chart
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
