"""The JSON of the chart tools people use, and nested trees in JSON or YAML.

==============  ===========================================  ==================================
profile         shape                                        read as
==============  ===========================================  ==================================
``d3``          ``[{"id", "parentId", "name",                d3-org-chart (bumbeishvili);
                "positionName", ...}]``                      ``nodeId``/``parentNodeId`` win
``balkan``      ``[{"id", "pid", "stpid", "tags", ...}]``    BALKAN OrgChart JS; tag
                or ``{"nodes": [...]}``                      ``assistant`` → ``staff``;
                                                             ``stpid`` (sub tree) → superior
                                                             when no ``pid``; ``ppid`` → dotted
``dabeng``,     ``{"name", "title", "children": [...]}``     dabeng/OrgChart, d3.hierarchy and
``tree``        (or a list of such trees)                    any nested tree, JSON or YAML
``nodelink``    ``{"nodes": [...], "edges"|"links": [...]}`` networkx / d3-force node-link
==============  ===========================================  ==================================

The shape is detected, or chosen with ``profile``; a JSON file of none of these shapes is an
error that lists them. Names (``name``, ``positionName``, ``title``) are trimmed; every other
field is kept as a node attribute (a field named like a chart key with a meaning of its own
is kept as ``source_<key>``). Kinds are left as the file gives them. Reading is lenient or
strict as described in :mod:`orgraph.formats._records`.

Examples
--------
>>> from orgraph.formats import Report
>>> org = read_json("tests/data/balkan-orgchart.json", report=Report("b"))
>>> org.line_superior("3"), org.nodes["2"]["kind"], org.relation("1", "2").value
('1', 'staff', 'staff')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report
from orgraph.formats._records import Record, build, clean_text, raw_id, take_fields
from orgraph.formats._table_columns import PARENT_NAMES
from orgraph.formats.nodelink import from_nodelink_data, parse_json
from orgraph.model import Organisation

__all__ = ["JSON_PROFILES", "SHAPES", "detect_shape", "read_json", "read_yaml"]

#: The JSON profiles, in the order the shapes are described.
JSON_PROFILES = ("d3", "balkan", "dabeng", "tree", "nodelink")
#: What each profile expects, for messages.
SHAPES = {
    "d3": 'd3-org-chart: an array of objects with "id" and "parentId"',
    "balkan": 'BALKAN OrgChart JS: an array, or {"nodes": [...]}, of objects with "id" and '
              '"pid"',
    "dabeng": 'dabeng/OrgChart or any nested tree: an object (or an array of them) with '
              '"name" and "children": [...]',
    "nodelink": 'node-link: an object with "nodes": [...] and "edges" or "links": [...]',
}
SHAPES["tree"] = SHAPES["dabeng"]
_BALKAN_KEYS = frozenset({"pid", "stpid", "ppid"})
_D3_KEYS = frozenset({"parentId", "parentNodeId", "nodeId"})
_LABEL_KEYS = ("name", "label", "text", "title")
#: Letters NFKD does not take apart (Norwegian, Danish, Icelandic, German, Polish).
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "ð": "d",
                          "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "đ": "d"})
_CHART_LINE = re.compile(rb"^orgraph\s*:", re.MULTILINE)

_Reader = Callable[[Any, str, Report, bool], tuple[list[Record], dict[str, int], str | None]]


def _shapes_text() -> str:
    return "; ".join(SHAPES[p] for p in ("d3", "balkan", "dabeng", "nodelink"))


def detect_shape(data: Any) -> str | None:
    """The profile whose shape ``data`` (parsed JSON) has, or None.

    Examples
    --------
    >>> detect_shape([{"id": "1", "parentId": ""}]), detect_shape({"nodes": [{"id": 1}]})
    ('d3', 'balkan')
    >>> detect_shape({"name": "CEO", "children": []}), detect_shape({"version": 1}) is None
    ('dabeng', True)
    """
    if isinstance(data, dict):
        if isinstance(data.get("nodes"), list):
            return "nodelink" if "edges" in data or "links" in data else "balkan"
        return "dabeng" if isinstance(data.get("children"), list) else None
    if not isinstance(data, list) or not data or not all(isinstance(d, dict) for d in data):
        return None
    keys = set().union(*data)
    if keys & _BALKAN_KEYS or any(isinstance(d.get("tags"), list) for d in data):
        return "balkan"
    if keys & _D3_KEYS:
        return "d3"
    if any(isinstance(d.get("children"), list) for d in data):
        return "dabeng"
    if all("id" in d for d in data):
        return "balkan"  # no superiors at all: BALKAN's pid is optional, d3 needs a parentId
    return None


def read_json(path: str | Path, *, report: Report | None = None, encoding: str | None = None,
              profile: str | None = None, strict: bool = False,
              top: str | None = None) -> Organisation:
    """Read a chart tool's JSON (see the module's table), detected or chosen with ``profile``.

    Raises
    ------
    ChartError
        Not JSON, none of the shapes (the message lists them), or, when ``strict``, every
        rule the file breaks.
    """
    filename = str(path)
    report = report if report is not None else Report(filename)
    if profile is not None and profile not in JSON_PROFILES:
        raise ChartError([Problem(filename, f"unknown JSON profile {profile!r}; use one of: "
                                            f"{', '.join(JSON_PROFILES)}")])
    data = parse_json(path, encoding, report, strict)
    shape = profile or detect_shape(data)
    if shape is None:
        raise ChartError([Problem(filename, "is none of the JSON shapes orgraph reads: "
                                            f"{_shapes_text()}; or name one with --profile "
                                            f"({', '.join(JSON_PROFILES)})")])
    evidence = _evidence(data)
    if profile is not None and evidence not in (None, _SAME.get(profile, profile)):
        raise ChartError([Problem(filename, f"--profile {profile} reads {SHAPES[profile]}; "
                                            f"this file has the shape of {SHAPES[evidence]}: "
                                            f"use --profile {evidence} or leave it out")])
    if shape == "nodelink":
        return from_nodelink_data(data, filename, report, strict, top)
    return _build(_READERS[shape], data, filename, report, strict)


_SAME = {"tree": "dabeng"}


def _evidence(data: Any) -> str | None:
    """The profile whose own superior keys the file uses (what a --profile must agree with).

    Examples
    --------
    >>> _evidence([{"id": 1, "parentId": None}]), _evidence({"nodes": [{"id": 1}]})
    ('d3', None)
    """
    shape = detect_shape(data)
    if shape in ("nodelink", "dabeng"):
        return shape
    items = data.get("nodes") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return None
    keys = set().union(*(d for d in items if isinstance(d, dict)))
    if keys & _BALKAN_KEYS:
        return "balkan"
    return "d3" if keys & _D3_KEYS else None


def read_yaml(path: str | Path, *, report: Report | None = None, profile: str | None = None,
              strict: bool = False) -> Organisation:
    """Read a YAML file: a nested tree (``children``) or, otherwise, a chart file.

    Examples
    --------
    >>> org = read_yaml("tests/data/tree.yaml", report=Report("t"))
    >>> org.line_superior("Skole"), org.nodes["Skole"]["label"]
    ('Oppvekst', 'Skole')
    """
    from orgraph import limits
    from orgraph.chartfile import loads_chart
    from orgraph.yamlsafe import parse_yaml

    filename = str(path)
    report = report if report is not None else Report(filename)
    if profile is not None and profile not in ("dabeng", "tree"):
        raise ChartError([Problem(filename, f"YAML files are chart files or nested trees; "
                                            f"--profile {profile} is for tables or JSON (use "
                                            "dabeng or tree)")])
    from orgraph.inputfile import read_limited

    data = read_limited(path, limits.current().chart_bytes, "YAML files",
                        limits.how_to_raise("chart_bytes"))
    if profile is None and _CHART_LINE.search(data):
        return loads_chart(data, filename)
    doc = parse_yaml(data, filename) if profile or _maybe_tree(data) else None
    if profile is None and detect_shape(doc) != "dabeng":
        return loads_chart(data, filename)
    return _build(_tree, doc, filename, report, strict)


def _maybe_tree(data: bytes) -> bool:
    return b"children" in data


def _build(reader: _Reader, data: Any, filename: str, report: Report,
           strict: bool) -> Organisation:
    records, renamed, one_top = reader(data, filename, report, strict)
    if not records:
        raise ChartError([Problem(filename, "holds no records: there is no organisation to "
                                            "read")])
    return build(records, filename, report, strict=strict, one_top=one_top, renamed=renamed)


def _objects(items: list[Any], key: str, filename: str, report: Report,
             strict: bool) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a JSON array; anything else is left out (lenient) or refused."""
    out, problems = [], []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            out.append((index, item))
        elif strict:
            problems.append(Problem(filename, f"{key}[{index}] is {_what(item)}, not an "
                                              "object with an id"))
        else:
            report.drop(f"{key}[{index}]: {_what(item)}, not an object with an id: left out")
    if problems:
        raise ChartError(problems)
    return out


def _what(value: Any) -> str:
    if value is None:
        return "null"
    return {list: "an array", str: "a text", bool: "true/false"}.get(type(value), "a number")


def _shape_error(filename: str, profile: str) -> ChartError:
    return ChartError([Problem(filename, f"--profile {profile} reads {SHAPES[profile]}; this "
                                         f"file is not that shape")])


def _d3(data: Any, filename: str, report: Report,
        strict: bool) -> tuple[list[Record], dict[str, int], str | None]:
    """d3-org-chart: ``nodeId || id`` and ``parentNodeId || parentId`` (its accessors)."""
    if not isinstance(data, list):
        raise _shape_error(filename, "d3")
    records, renamed = [], {}
    skip = {"id", "nodeId", "parentId", "parentNodeId", "name", "positionName"}
    for index, item in _objects(data, "records", filename, report, strict):
        attrs = take_fields(item, skip, report, renamed)
        _names(attrs, item.get("name"), item.get("positionName"), f"records[{index}]", report,
               strict)
        records.append(Record(f"records[{index}]", item.get("nodeId") or item.get("id"),
                              item.get("parentNodeId") or item.get("parentId"), attrs))
    return records, renamed, "d3-org-chart (d3.stratify)"


def _balkan(data: Any, filename: str, report: Report,
            strict: bool) -> tuple[list[Record], dict[str, int], str | None]:
    """BALKAN OrgChart JS source nodes: ``id``, ``pid``, ``stpid``, ``ppid``, ``tags``."""
    label_key, title_key = "name", "title"
    if isinstance(data, dict):
        binding = data.get("nodeBinding")
        if isinstance(binding, dict):
            label_key = binding.get("field_0") if isinstance(binding.get("field_0"), str) \
                else label_key
            title_key = binding.get("field_1") if isinstance(binding.get("field_1"), str) \
                else title_key
        settings = sorted(str(k) for k in data if k != "nodes")
        if settings:
            report.drop(f"chart settings {', '.join(map(repr, settings))}: how BALKAN draws "
                        "the chart, not the organisation")
        data = data.get("nodes")
    if not isinstance(data, list):
        raise _shape_error(filename, "balkan")
    records, renamed = [], {}
    up = _superior_key(data, report)
    skip = {"id", "pid", "stpid", "ppid", label_key, title_key, up}
    for index, item in _objects(data, "nodes", filename, report, strict):
        attrs = take_fields(item, skip, report, renamed)
        _names(attrs, item.get(label_key), item.get(title_key), f"nodes[{index}]", report,
               strict)
        tags = item.get("tags")
        if tags is not None and not (isinstance(tags, list)
                                     and all(isinstance(t, str) for t in tags)):
            message = f"nodes[{index}]: \"tags\" must be a list of texts"
            if strict:
                raise ChartError([Problem(filename, message)])
            report.repair(Problem(filename, message + "; its other entries are ignored"))
            tags = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
        assistant = "assistant" in (tags or [])
        if assistant and "kind" not in attrs:
            attrs["kind"] = "staff"
        parent, stpid = item.get(up), item.get("stpid")
        dotted = [item.get("ppid")]
        if raw_id(parent) is None:
            parent = stpid
        else:
            dotted.append(stpid)
        records.append(Record(f"nodes[{index}]", item.get("id"), parent, attrs,
                              relation="staff" if attrs.get("kind") == "staff" else "line",
                              dotted=[d for d in dotted if raw_id(d) is not None]))
    return records, renamed, None


def _superior_key(items: list[Any], report: Report) -> str:
    """BALKAN's ``pid``; in records without ``pid`` or ``stpid`` (an HR system's JSON), a key
    named as a table's reports-to column is (``managerId``, ``reportsTo``, ...), noted.

    Examples
    --------
    >>> report = Report("hr.json")
    >>> _superior_key([{"id": 1}, {"id": 2, "reportsTo": 1}], report), report.notes[0][:25]
    ('reportsTo', "no 'pid': 'reportsTo' is ")
    >>> _superior_key([{"id": 1, "pid": None, "manager": "x"}], report)
    'pid'
    """
    keys = [k for k in dict.fromkeys(k for d in items if isinstance(d, dict) for k in d)
            if isinstance(k, str)]
    if "pid" in keys or "stpid" in keys:
        return "pid"
    by_norm = {re.sub(r"[^a-z0-9]", "", k.lower()): k for k in reversed(keys)}
    found = next((by_norm[n] for n in PARENT_NAMES if n in by_norm), None)
    if found is None:
        return "pid"
    report.note(f"no 'pid': {found!r} is read as each record's reports-to (superior id)")
    return found


def _tree(data: Any, filename: str, report: Report,
          strict: bool) -> tuple[list[Record], dict[str, int], str | None]:
    """A nested tree: each node's ``children`` report to it; ids optional (made from names)."""
    roots = data if isinstance(data, list) else [data]
    if not roots or not all(isinstance(r, dict) for r in roots):
        raise _shape_error(filename, "dabeng")
    nodes: list[tuple[str, Any, int | None]] = []  # (pointer, node, parent position)
    todo: list[tuple[str, Any, int | None]] = [
        (f"/{i}" if isinstance(data, list) else "/", r, None) for i, r in enumerate(roots)]
    todo.reverse()
    while todo:
        pointer, node, parent = todo.pop()
        position = len(nodes)
        nodes.append((pointer, node, parent))
        kids = node.get("children") if isinstance(node, dict) else None
        if kids is None:
            continue
        if not isinstance(kids, list):
            problem = Problem(filename, f"{pointer}: \"children\" is {_what(kids)}; it must "
                                        "be a list of nodes", line=getattr(node, "line", None))
            if strict:
                raise ChartError([problem])
            report.repair(Problem(filename, f"{problem.message}: read as no children (the "
                                            "value kept as 'source_children')",
                                  line=problem.line))
            node["source_children"] = node.pop("children")
            continue
        base = pointer.rstrip("/")
        todo.extend(reversed([(f"{base}/children/{i}", kid, position)
                              for i, kid in enumerate(kids)]))
    explicit = {t for t in (raw_id(n.get("id")) for _, n, _ in nodes if isinstance(n, dict))
                if t is not None}
    records: list[Record] = []
    renamed: dict[str, int] = {}
    ids: dict[int, str] = {}
    for position, (pointer, node, parent) in enumerate(nodes):
        record = _tree_record(pointer, node, report, renamed, explicit, strict)
        if record is None:
            continue
        record.parent = None if parent is None else ids.get(parent)
        ids[position] = record.id
        records.append(record)
    return records, renamed, None


def _tree_record(pointer: str, node: Any, report: Report, renamed: dict[str, int],
                 taken: set[str], strict: bool = False) -> Record | None:
    if not isinstance(node, dict):  # a bare name in a list of children
        if node is None or isinstance(node, list):
            if strict:
                raise ChartError([Problem(report.file, f"{pointer}: a child is {_what(node)}, "
                                                       "not a node (an object or a name)")])
            report.drop(f"{pointer}: {_what(node)}, not a node: left out")
            return None
        node = {"name": node}
    label_key = next((k for k in _LABEL_KEYS if k in node), None)
    skip = {"id", "children", *([label_key] if label_key else []),
            *(["title"] if label_key != "title" else [])}
    attrs = take_fields(node, skip, report, renamed)
    title = node.get("title") if label_key != "title" else None
    _names(attrs, node.get(label_key) if label_key else None, title, pointer, report)
    given = raw_id(node.get("id"))
    generated = given is None
    if generated:
        given = _fresh_slug(str(attrs.get("label", "")) or "node", taken)
    record = Record(pointer, given, None, attrs, line=getattr(node, "line", None),
                    generated=generated)
    if attrs.get("kind") == "staff":
        record.relation = "staff"
    return record


def _names(attrs: dict[str, Any], name: Any, title: Any, where: str = "",
           report: Report | None = None, strict: bool = False) -> None:
    """The record's name and title as ``label`` and ``title``; a name that is a list or an
    object is no text: refused when ``strict``, else kept as ``source_label`` and reported."""
    for key, value in (("label", name), ("title", title)):
        if isinstance(value, dict | list):
            message = (f"{where}: the {'name' if key == 'label' else 'title'} is "
                       f"{'an object' if isinstance(value, dict) else 'an array'}, not text")
            if strict or report is None:
                raise ChartError([Problem(report.file if report else "", message + "; write "
                                                                            "it as text")])
            report.repair(Problem(report.file, message + f"; kept as 'source_{key}'"))
            attrs[f"source_{key}"] = value
            continue
        text = clean_text(value) if value is not None else ""
        if text:
            attrs[key] = text


def _fresh_slug(text: str, taken: set[str]) -> str:
    """A chart id made from a name, unused so far.

    Examples
    --------
    >>> _fresh_slug("Lao Lao", set()), _fresh_slug("Økonomi og stab", set())
    ('Lao_Lao', 'Okonomi_og_stab')
    >>> taken = {"Bo"}; _fresh_slug("Bo", taken), _fresh_slug("!!", taken)
    ('Bo_2', 'node')
    """
    ascii_ = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode(
        "ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_.\-/]+", "_", ascii_).strip("_.-/")[:60] or "node"
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}_{n}"
    taken.add(candidate)
    return candidate


_READERS: dict[str, _Reader] = {"d3": _d3, "balkan": _balkan, "dabeng": _tree, "tree": _tree}
