"""Writing tables: orgraph's CSV, TSV and (with openpyxl) XLSX, every edge in one cell."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.formats._cells import BOOL_KEYS as _BOOL_KEYS
from orgraph.formats._cells import INT_KEYS as _INT_KEYS
from orgraph.formats._cells import OUT_LISTS as _OUT_LISTS
from orgraph.formats._cells import escape_cell
from orgraph.formats._common import Report, is_scalar
from orgraph.model import Organisation

__all__ = ["RESERVED", "write_table"]

#: Column names with a meaning of their own in orgraph's CSV.
RESERVED = frozenset({"id", "parent", "relation", "kind", "dotted", "edges", *_OUT_LISTS})


#: Preference among a node's superiors for its ``parent`` cell: line, staff, delegation.
_PARENT_ORDER = {"line": 0, "staff": 1, "delegation": 2}


def _table(org: Organisation, report: Report) -> tuple[list[str], list[list[str]]]:
    """orgraph's CSV columns and rows for ``org``; every edge lands in exactly one cell."""
    parent_of = _parents(org)
    placed = {(u, v) for v, (u, _) in parent_of.items()}
    dotted, outs, edges = _other_edges(org, placed)
    columns = _attribute_columns(org)
    header = ["id", "parent", "relation", "kind", "label", *(h for _, h in columns), "dotted",
              *_OUT_LISTS, "edges"]
    rows = [_row(node, data, parent_of.get(node, ("", "")), columns, dotted.get(node, []),
                 outs.get(node, {}), edges.get(node))
            for node, data in org.nodes(data=True)]
    if org.graph:
        report.drop("the organisation's facts (" + ", ".join(org.graph) + "): a table has one "
                    "row per unit and no place for them; write YAML to keep them")
    return [escape_cell(h) for h in header], rows


def _parents(org: Organisation) -> dict[str, tuple[str, str]]:
    """Node → (superior, relation) for its ``parent`` cell: of its plain incoming edges
    (no attribute but the relation) the first by line, staff, delegation, other."""
    parent_of: dict[str, tuple[str, str]] = {}
    for v in org.nodes:
        candidates = [(_PARENT_ORDER.get(d["relation"], 3), u, d["relation"])
                      for u, d in org.pred[v].items() if d.keys() == {"relation"}]
        if candidates:
            _, u, rel = min(candidates, key=lambda c: c[0])
            parent_of[v] = (u, rel)
    return parent_of


def _other_edges(org: Organisation, placed: set[tuple[str, str]]) -> tuple[
        dict[str, list[str]], dict[str, dict[str, list[str]]], dict[str, list[dict[str, Any]]]]:
    """The edges not ``placed`` in a ``parent`` cell, by the cell they go to: plain dotted
    edges (node → superiors), plain edges of a list column (node → column → subordinates),
    and every other edge as JSON records of its ``edges`` cell (node → records)."""
    dotted: dict[str, list[str]] = {}
    outs: dict[str, dict[str, list[str]]] = {}
    edges: dict[str, list[dict[str, Any]]] = {}
    rel_list = {v: k for k, v in _OUT_LISTS.items()}
    for u, v, d in org.edges(data=True):
        if (u, v) in placed:
            continue
        simple = d.keys() == {"relation"} and ";" not in u and ";" not in v
        if simple and d["relation"] == "dotted":
            dotted.setdefault(v, []).append(u)
        elif simple and d["relation"] in rel_list:
            outs.setdefault(u, {}).setdefault(rel_list[d["relation"]], []).append(v)
        else:
            edges.setdefault(u, []).append({"to": v, "type": d["relation"],
                                            **{k: x for k, x in d.items() if k != "relation"}})
    return dotted, outs, edges


def _attribute_columns(org: Organisation) -> list[tuple[str, str]]:
    """(attribute, header) of the node attributes besides kind and label, in the order
    they first occur; see :func:`_column_header`."""
    keys: list[str] = []
    seen: set[str] = set()
    for _, data in org.nodes(data=True):
        for key in data:
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return [(key, _column_header(key, [d[key] for _, d in org.nodes(data=True) if key in d]))
            for key in keys if key not in ("kind", "label")]


def _column_header(key: str, values: list[Any]) -> str:
    """The header of attribute ``key``'s column: ``key`` when its ``values`` read back as
    they are (text; whole numbers or head counts; booleans of a flag), else ``key:json``.

    Examples
    --------
    >>> _column_header("note", ["a", "b"]), _column_header("headcount", [3, 2.5])
    ('note', 'headcount')
    >>> _column_header("items", [["x"]]), _column_header("parent", ["a"])
    ('items:json', 'parent:json')
    >>> _column_header("size", ["", "2"])  # "" written as JSON: an empty cell is none
    'size:json'
    """
    if key in RESERVED or ":" in key or key.endswith("json"):
        plain = False
    elif all(isinstance(x, str) for x in values):
        plain = "" not in values  # an empty cell reads back as no attribute
    elif key in _INT_KEYS or key == "headcount":
        plain = all(is_scalar(x) and not isinstance(x, (bool, str)) for x in values) and (
            key == "headcount" or all(isinstance(x, int) for x in values))
    elif key in _BOOL_KEYS:
        plain = all(isinstance(x, bool) for x in values)
    else:
        plain = False
    return key if plain else f"{key}:json"


def _row(node: str, data: dict[str, Any], parent: tuple[str, str],
         columns: list[tuple[str, str]], dotted: list[str], lists: dict[str, list[str]],
         edges: list[dict[str, Any]] | None) -> list[str]:
    """One node's row, its cells escaped: id, (superior, relation) ``parent``, kind, label,
    the attribute ``columns``, its ``dotted`` superiors, its list columns and ``edges``."""
    superior, rel = parent
    row = [node, superior, "" if rel == "line" else rel, data.get("kind", ""),
           data.get("label", "")]
    row.extend(_cell(data, key, head) for key, head in columns)
    row.append(";".join(dotted))
    row.extend(";".join(lists.get(k, [])) for k in _OUT_LISTS)
    row.append(json.dumps(edges, ensure_ascii=False) if edges is not None else "")
    return [escape_cell(c) for c in row]


def _cell(data: dict[str, Any], key: str, head: str) -> str:
    """The cell of attribute ``key`` under ``head`` (JSON when it ends ``:json``).

    Examples
    --------
    >>> data = {"vacant": True, "items": ["Å"], "fte": 2}
    >>> [_cell(data, k, h) for k, h in [("vacant", "vacant"), ("items", "items:json"),
    ...                                 ("fte", "fte"), ("note", "note")]]
    ['true', '["Å"]', '2', '']
    """
    if key not in data:
        return ""
    if head.endswith(":json"):
        return json.dumps(data[key], ensure_ascii=False)
    if isinstance(data[key], bool):
        return "true" if data[key] else "false"
    return str(data[key])


def write_table(org: Organisation, path: str | Path, *, report: Report | None = None,
                delimiter: str | None = None) -> None:
    """Write orgraph's CSV (``.csv``), TSV (``.tsv``) or, with openpyxl, ``.xlsx``.

    Every node and edge is written; the organisation's facts (name, inhabitants, ...) have
    no place in a table and are reported as dropped.

    Examples
    --------
    >>> import tempfile, orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> out = Path(tempfile.mkdtemp()) / "m.csv"
    >>> rep = Report(str(out))
    >>> write_table(org, out, report=rep)
    >>> from orgraph.formats.tabular import read_table
    >>> back = read_table(out)
    >>> back.graph = dict(org.graph)
    >>> orgraph.graphs_equal(back, org), rep.dropped[0].startswith("the organisation's facts")
    (True, True)
    """
    path = Path(path)
    report = report if report is not None else Report(str(path))
    header, rows = _table(org, report)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, header, rows)
    else:
        sep = delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=sep, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)


def _write_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> None:
    try:
        import openpyxl
    except ImportError:
        raise ChartError([Problem(str(path), "writing .xlsx needs openpyxl: pip install "
                                             "'orgraph[xlsx]' (or write .csv)")]) from None
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("orgraph")
    sheet.append(header)
    for row in rows:
        sheet.append(row)  # cells are escaped: none starts with '='
    book.save(path)
