"""DOT, read with an attribute allow-list by a small parser (:mod:`._dotparse`), and written
as plain quoted text.

DOT is a language: a file from elsewhere may carry attributes that make Graphviz read local
files (``image``, ``shapefile``, ``fontpath``, ``imagepath``, ...) or lay out for a very long
time (``nslimit``, ``mclimit``, ``maxiter``, ...). Reading keeps only the attributes orgraph
understands and reports every other one as dropped; labels become plain text.

orgraph's own DOT carries the chart keys as attributes (``kind``, ``label``, ``relation``,
...); a free attribute ``X`` is written ``data_X``, and a value that is not text (a list, a
mapping, a number that is not a count) is written as JSON under ``json_X``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from orgraph.chartfile import ORG_FACTS
from orgraph.errors import ChartError, Problem
from orgraph.formats._common import (
    Problems,
    Report,
    decode_text,
    finish,
    plain_text,
    read_bytes,
    safe_ids,
    scrub_controls,
    strip_controls,
)
from orgraph.formats._direct import merge_pairs, orient
from orgraph.formats._dotparse import DotError, ParsedDot
from orgraph.formats._dotparse import parse as parse_dot
from orgraph.formats._graph import repair_lines
from orgraph.infer import infer_kinds
from orgraph.model import Organisation

__all__ = [
    "EDGE_KEYS",
    "GRAPH_KEYS",
    "NODE_KEYS",
    "UNSAFE",
    "dot_string",
    "read_dot",
    "write_dot",
]

#: Attributes orgraph understands, per scope; everything else is dropped on import.
NODE_KEYS = frozenset({"kind", "label", "label_en", "count", "seats", "headcount", "instructs",
                       "role", "acts_for_cao", "principle", "source", "note",
                       "standing_committee"})
EDGE_KEYS = frozenset({"relation", "source", "note"})
GRAPH_KEYS = frozenset({"name_en", "date", "note", *ORG_FACTS})
#: Graphviz attributes that read local files or can make a layout run for a very long time.
UNSAFE = frozenset({"image", "shapefile", "fontpath", "imagepath", "fontnames", "stylesheet",
                    "nslimit", "nslimit1", "mclimit", "maxiter", "searchsize", "remincross",
                    "href", "url", "URL", "xlabel"})
_INTS = frozenset({"count", "seats"})
_NUMBERS = frozenset({"headcount"})
_BOOLS = frozenset({"instructs", "acts_for_cao", "standing_committee"})
_PLAIN_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --------------------------------------------------------------------------- writing


def quote(text: str) -> str:
    """A DOT double-quoted string that no text can break out of.

    Backslashes and quotes are escaped; line breaks become ``\\n``; other control
    characters are dropped.

    Examples
    --------
    >>> print(quote('Sentrum "skole" \\\\ <b>'))
    "Sentrum \\"skole\\" \\\\ <b>"
    >>> print(quote('a\\nb'))
    "a\\nb"
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    text = "".join(c for c in text if c >= " " or c == "\t")
    return f'"{text}"'


def _attr_list(data: dict[str, Any], known: frozenset[str]) -> str:
    parts = []
    for key, value in data.items():
        if key in known and (isinstance(value, str) or (
                key in _INTS | _NUMBERS | _BOOLS and isinstance(value, (int, float, bool)))):
            name, text = key, (str(value).lower() if isinstance(value, bool) else str(value))
        elif isinstance(value, str):
            name, text = f"data_{key}", value
        else:
            name, text = f"json_{key}", json.dumps(value, ensure_ascii=False)
        name = name if _PLAIN_ID.fullmatch(name) else quote(name)
        parts.append(f"{name}={quote(text)}")
    return ", ".join(parts)


def dot_string(org: Organisation) -> str:
    """orgraph's DOT for ``org``: every node, edge and attribute, all values quoted.

    Examples
    --------
    >>> org = Organisation(name="X")
    >>> org.add_unit("r", kind="cao", label='Rådmann "R"')
    >>> print(dot_string(org))
    digraph "X" {
      "r" [kind="cao", label="Rådmann \\"R\\""];
    }
    """
    facts = {k: v for k, v in org.graph.items() if k != "name"}
    name = org.graph.get("name")
    lines = [f"digraph {quote(name)} {{" if isinstance(name, str) else "digraph {"]
    if not isinstance(name, str) and name is not None:
        facts["name"] = name
    if facts:
        lines.append(f"  graph [{_attr_list(facts, GRAPH_KEYS)}];")
    for node, data in org.nodes(data=True):
        attrs = _attr_list(data, NODE_KEYS)
        lines.append(f"  {quote(node)} [{attrs}];" if attrs else f"  {quote(node)};")
    for u, v, data in org.edges(data=True):
        attrs = _attr_list(data, EDGE_KEYS)
        lines.append(f"  {quote(u)} -> {quote(v)} [{attrs}];" if attrs
                     else f"  {quote(u)} -> {quote(v)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(org: Organisation, path: str | Path, *, report: Report | None = None) -> None:
    """Write orgraph's DOT (``.dot``/``.gv``); every attribute is carried."""
    Path(path).write_text(dot_string(org), encoding="utf-8")


# --------------------------------------------------------------------------- reading


def unquote(text: str) -> str:
    """The text of a DOT ID: quotes removed, escapes resolved, HTML-like labels as plain text.

    Examples
    --------
    >>> unquote('"a \\\\"b\\\\" \\\\\\\\ c\\\\nd"')
    'a "b" \\\\ c\\nd'
    >>> unquote("<<i>Skole</i>>")
    'Skole'
    """
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        body = text[1:-1].replace("\\\r\n", "").replace("\\\n", "")
        out = []
        i = 0
        while i < len(body):
            c = body[i]
            if c == "\\" and i + 1 < len(body):
                nxt = body[i + 1]
                out.append("\n" if nxt in "nlr" else nxt)
                i += 2
                continue
            out.append(c)
            i += 1
        return "".join(out)
    if text.startswith("<") and text.endswith(">"):
        return plain_text(text)
    return text


def _endpoint(name: Any) -> str | None:
    """A node name without its port (``"a b":p1:n`` → ``a b``); None for a subgraph."""
    if not isinstance(name, str):
        return None
    if name.startswith('"'):
        end = 1
        while end < len(name):
            if name[end] == "\\":
                end += 2
                continue
            if name[end] == '"':
                break
            end += 1
        return unquote(name[:end + 1])
    return name.split(":", 1)[0]


def _parse(text: str, filename: str) -> ParsedDot:
    try:
        dot = parse_dot(text)
    except DotError as exc:
        raise ChartError([Problem(filename, f"is not valid DOT: {exc}", line=exc.line)]
                         ) from None
    if dot.graphs > 1:
        raise ChartError([Problem(filename, f"holds {dot.graphs} graphs; orgraph reads one "
                                            "organisation per file: split it")])
    return dot


def _typed(key: str, text: str) -> Any:
    if key in _INTS:
        return int(text)
    if key in _NUMBERS:
        try:
            return int(text)
        except ValueError:
            return float(text)
    if key in _BOOLS:
        low = text.lower()
        if low not in ("true", "false"):
            raise ValueError(f"{text!r} is not true or false")
        return low == "true"
    return text


def _convert(attrs: dict[str, Any], known: frozenset[str], scope: str,
             dropped: Counter[tuple[str, str]]) -> dict[str, Any]:
    """Keep the understood attributes of one statement, typed; count the rest as dropped."""
    out: dict[str, Any] = {}
    for raw_key, raw in attrs.items():
        key = unquote(str(raw_key))
        value = unquote(str(raw)) if raw is not None else ""
        if key in known:
            if str(raw).startswith("<") and key not in ("label", "label_en", "note", "source"):
                raise ValueError(f"attribute {key!r} is an HTML-like string ({str(raw)[:40]}); "
                                 f"write its value as plain text: {key}=\"...\"")
            out[key] = _typed(key, value)
        elif key.startswith("data_") and len(key) > 5:
            out[key[5:]] = value
        elif key.startswith("json_") and len(key) > 5:
            try:
                out[key[5:]] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"attribute {key!r} is not valid JSON ({exc.msg})") from None
        else:
            dropped[scope, key] += 1
    for key in ("label", "label_en"):
        if isinstance(out.get(key), str):
            out[key] = strip_controls(out[key])
    return out


def _statements(graph: ParsedDot, problems: Problems, dropped: Counter[tuple[str, str]]
                ) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, dict[str, Any]]]]:
    """The nodes (with their understood attributes) and edges of a parsed DOT file."""
    for scope, attrs in graph.defaults:
        for key in attrs:
            dropped[f"default {scope}", unquote(key)] += 1
    for attrs in graph.subgraph_attrs:
        for key in attrs:
            dropped["subgraph", unquote(key)] += 1
    node_attrs: dict[str, dict[str, Any]] = {}
    for raw, given in graph.nodes:
        name = _endpoint(raw)
        try:
            attrs = _convert(given, NODE_KEYS, "node", dropped)
        except ValueError as exc:
            problems.add(str(exc), node=name)
            continue
        node_attrs.setdefault(name, {}).update(attrs)  # type: ignore[arg-type]
    edge_list: list[tuple[str, str, dict[str, Any]]] = []
    for tail, head, given in graph.edges:
        u, v = _endpoint(tail), _endpoint(head)
        if u is None or v is None:
            problems.add("an edge to or from a subgraph ({...}); write one edge per pair")
            continue
        try:
            attrs = _convert(given, EDGE_KEYS, "edge", dropped)
        except ValueError as exc:
            problems.add(str(exc), node=v)
            continue
        for end in (u, v):
            node_attrs.setdefault(end, {})
        edge_list.append((u, v, attrs))
    return node_attrs, edge_list


def _report_defaults(report: Report, dropped: Counter[tuple[str, str]], no_kind: int,
                     no_relation: int) -> None:
    """Report the attributes left out, and the nodes and edges given a default kind.

    Examples
    --------
    >>> r = Report("x.dot")
    >>> _report_defaults(r, Counter({("node", "image"): 2}), 1, 0)
    >>> r.dropped
    ["node attribute 'image' (2×): Graphviz would read local files or run long"]
    >>> r.notes
    ["1 node(s) without 'kind' became 'unit'"]
    """
    for (scope, key), count in dropped.items():
        why = ": Graphviz would read local files or run long" if key in UNSAFE else ""
        report.drop(f"{scope} attribute {key!r} ({count}×){why}")
    if no_kind:
        report.note(f"{no_kind} node(s) without 'kind' became 'unit'")
    if no_relation:
        report.note(f"{no_relation} edge(s) without 'relation' became 'line' (reporting)")


def read_dot(path: str | Path, *, report: Report | None = None, encoding: str | None = None,
             text: str | None = None, strict: bool = False,
             top: str | None = None) -> Organisation:
    """Read a DOT file, keeping only the attributes orgraph understands.

    Nodes without ``kind`` become ``unit``, edges without ``relation`` ``line``; every other
    attribute (``shape``, ``image``, ``fontpath``, ...) is left out and reported. An
    undirected ``graph`` is directed away from ``top`` (:mod:`orgraph.formats._direct`);
    a ``strict`` graph's repeated edges are one edge, as Graphviz draws them.

    Examples
    --------
    >>> rep = Report("x.dot")
    >>> org = read_dot("x.dot", report=rep, text='''digraph {
    ...   ceo [label=<<b>Chief</b>>, image="/etc/passwd", shape=box];
    ...   ceo -> cfo [color=red];
    ... }''')
    >>> org.nodes["ceo"]["label"], org.relation("ceo", "cfo").value
    ('Chief', 'line')
    >>> for line in rep.dropped: print(line)
    node attribute 'image' (1×): Graphviz would read local files or run long
    node attribute 'shape' (1×)
    edge attribute 'color' (1×)
    """
    filename = str(path)
    report = report if report is not None else Report(filename)
    if text is None:
        text = decode_text(read_bytes(path), filename, encoding, report, strict)
    text = scrub_controls(text, filename, report, strict)
    graph = _parse(text, filename)
    problems = Problems(filename)
    dropped: Counter[tuple[str, str]] = Counter()
    node_attrs, edge_list = _statements(graph, problems, dropped)
    try:
        facts = _convert(graph.graph_attrs, GRAPH_KEYS, "graph", dropped)
    except ValueError as exc:
        problems.add(str(exc))
        facts = {}
    if not node_attrs and not problems:
        problems.add("the graph has no nodes; an organisation needs at least one unit")
    problems.raise_if_any()
    if graph.kind != "digraph":
        if graph.strict:
            edge_list = merge_pairs(edge_list)
        edge_list = orient(list(node_attrs), edge_list, filename, report, top, strict)
    rename = safe_ids(node_attrs, report)
    org = Organisation()
    org.graph.update(facts)
    if "name" not in facts and graph.name not in ("", "G", None):
        org.graph["name"] = unquote(str(graph.name))  # the graph's ID is the name
    no_kind = 0
    for name, attrs in node_attrs.items():
        if "kind" not in attrs:
            attrs["kind"] = "unit"
            no_kind += 1
        if name in rename:
            attrs["source_id"] = name
        org.add_node(rename.get(name, name), **attrs)
    no_relation = 0
    for u, v, attrs in edge_list:
        u, v = rename.get(u, u), rename.get(v, v)
        if "relation" not in attrs:
            attrs["relation"] = "line"
            no_relation += 1
        if org.has_edge(u, v):
            if graph.strict:  # Graphviz merges them, attributes and all
                org.edges[u, v].update(attrs)
                continue
            problems.add(f"two edges from {u!r} to {v!r}; an organisation has one relation per "
                         "pair: keep one", node=v)
            continue
        org.add_edge(u, v, **attrs)
    _report_defaults(report, dropped, no_kind if no_kind < len(org) else 0, no_relation)
    if not strict and not problems:  # a second line superior, a loop: as GraphML's
        repair_lines(org, filename, report)
    org = finish(org, filename, problems, name=org.graph.get("name"))
    if no_kind and no_kind == len(org):  # no kinds at all: head, managers, units
        infer_kinds(org, report)
    return org

