"""Comparison tables: dimensions as rows, organisations as columns, in two layouts.

* :func:`table_2_1`, the report's Table 2.1, for municipalities;
* :func:`generic_table`, what every organisation has: head, depth, layers, spans and the
  Krackhardt measures (:data:`GENERIC_ROWS`).

:func:`choose_layout` picks Table 2.1 when every organisation is a municipality.

Where the report contradicts itself, a chart keeps the alternatives in a fact's citation
(``alternatives``) and says which value it uses; such cells are marked ``*1``, ``*2`` ... and
the notes below the table list the alternatives. A chart's own ``leader_team`` fact (the
report's writing) that differs from the computed team is flagged the same way.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

from orgraph.errors import MetricsError
from orgraph.metrics._structure import structure
from orgraph.metrics.leaders import leader_team
from orgraph.metrics.records import record
from orgraph.metrics.report import (
    _performance_nodes,
    central_staff,
    municipality,
    performance_units,
    political_organisation,
)

__all__ = ["GENERIC_ROWS", "LAYOUTS", "TABLE_2_1", "choose_layout", "format_table",
           "generic_table", "table_2_1"]

#: The layouts of ``orgraph compare``.
LAYOUTS = ("table-2.1", "generic")

#: The rows of Table 2.1: (record key, the report's row label).
TABLE_2_1 = (
    ("inhabitants", "Inhabitants"),
    ("years_of_experience", "Years of experience"),
    ("leader_team", "Leader team"),
    ("central_staff", "Central staff"),
    ("performance_units", "Performance units"),
    ("political_organisation", "Political organisation"),
)


#: The rows of the generic layout: (record key, row label).
GENERIC_ROWS = (
    ("head", "Head"),
    ("trees", "Trees"),
    ("depth", "Depth (levels)"),
    ("layers", "Layers"),
    ("head_span", "Head's span"),
    ("managers", "Managers"),
    ("span_max", "Largest span"),
    ("span_mean", "Mean span"),
    ("span_median", "Median span"),
    ("connectedness", "Connectedness"),
    ("hierarchy", "Hierarchy"),
    ("efficiency", "Efficiency"),
    ("lub", "LUB"),
)


def choose_layout(orgs: Iterable[nx.DiGraph], layout: str = "auto") -> str:
    """``layout`` itself, or for ``"auto"``: Table 2.1 when every organisation is a
    municipality, else the generic layout.

    Examples
    --------
    >>> import orgraph
    >>> choose_layout([orgraph.load("charts/lier.yaml")])
    'table-2.1'
    >>> choose_layout([orgraph.load("charts/lier.yaml"),
    ...                orgraph.load("tests/data/krackhardt-high-tech.csv")])
    'generic'
    """
    if layout != "auto":
        if layout not in LAYOUTS:
            raise MetricsError(f"unknown layout {layout!r}; use one of: auto, "
                               f"{', '.join(LAYOUTS)}")
        return layout
    orgs = list(orgs)
    return "table-2.1" if orgs and all(municipality(o) for o in orgs) else "generic"


def _generic_cell(key: str, value: Any) -> str:
    if isinstance(value, list):
        return "/".join(map(str, value))
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else \
            f"{value:.1f}"
    return _cell(value)


def generic_table(orgs: Iterable[nx.DiGraph], *, dotted: bool = True) -> dict[str, Any]:
    """The generic layout: every organisation's head, depth, layers, spans, Krackhardt.

    Returns
    -------
    dict
        As :func:`table_2_1`: ``columns``, ``rows`` of ``(label, [cell, ...])``, ``notes``
        (why a cell is ``-``, marked ``*n``).

    Examples
    --------
    >>> import orgraph
    >>> t = generic_table([orgraph.load("tests/data/krackhardt-high-tech.csv")])
    >>> dict(t["rows"])["Layers"], dict(t["rows"])["Mean span"]
    (['1/4/16'], ['4.0'])
    """
    orgs = list(orgs)
    columns = [str(o.graph.get("name", f"#{i + 1}")) for i, o in enumerate(orgs)]
    notes: list[str] = []
    cells: dict[str, list[str]] = {key: [] for key, _ in GENERIC_ROWS}
    for org, name in zip(orgs, columns, strict=True):
        rec = record(org, dotted=dotted)
        for key, _ in GENERIC_ROWS:
            text = _generic_cell(key, rec[key])
            if key == "head" and rec[key] in org:
                text = _who(org, rec[key])
            why = [n for n in rec["notes"] if n.startswith(f"{key}: ")]
            if rec[key] is None and why:
                notes.append(f"{name}, {why[0]}")
                text = f"- *{len(notes)}"
            cells[key].append(text)
    rows = [(label, cells[key]) for key, label in GENERIC_ROWS]
    return {"columns": columns, "rows": rows, "notes": notes}


def _who(org: nx.DiGraph, node: Hashable) -> str:
    """A node as people read it: its label, and its id when that differs."""
    label = " ".join(str(org.nodes[node].get("label", node)).split())
    return label if label == str(node) else f"{label} ({node})"


def _alternatives(citation: Any) -> list[str]:
    if not isinstance(citation, dict):
        return []
    out = []
    for alt in citation.get("alternatives") or []:
        if isinstance(alt, dict):
            where = f" ({alt['source']})" if alt.get("source") else ""
            out.append(f"{alt.get('value')}{where}")
        else:
            out.append(str(alt))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def table_2_1(orgs: Iterable[nx.DiGraph]) -> dict[str, Any]:
    """Table 2.1 computed from organisations.

    Returns
    -------
    dict
        ``columns``: organisation names; ``rows``: list of ``(label, [cell, ...])`` with
        cells as text; ``notes``: the footnotes for cells marked ``*n``.

    Examples
    --------
    >>> import orgraph
    >>> t = table_2_1([orgraph.load("examples/minimal.yaml")])
    >>> t["columns"], t["rows"][2]
    (['Eksempel kommune'], ('Leader team', ['3']))
    """
    orgs = list(orgs)
    columns = [str(o.graph.get("name", f"#{i + 1}")) for i, o in enumerate(orgs)]
    notes: list[str] = []
    cells: dict[str, list[str]] = {key: [] for key, _ in TABLE_2_1}

    def mark(text: str, note: str) -> str:
        notes.append(note)
        return f"{text} *{len(notes)}"

    for org, name in zip(orgs, columns, strict=False):
        st = structure(org)
        graph_cit = org.graph.get("citations", {})
        for key in ("inhabitants", "years_of_experience"):
            text = _cell(org.graph.get(key))
            alts = _alternatives(graph_cit.get(key))
            if alts:
                text = mark(text, f"{name}, {key.replace('_', ' ')}: the chart uses {text}; "
                                  f"the report also gives {'; '.join(alts)}")
            cells[key].append(text)
        stated = org.graph.get("leader_team")
        try:
            team = text = leader_team(st)
        except MetricsError as exc:
            team, text = "-", mark("-", f"leader team: {exc}")
        if stated is not None and str(stated) != team and team != "-":
            text = mark(team, f"{name}, leader team: computed {team}, the file states {stated}")
        cells["leader_team"].append(text)
        cells["central_staff"].append(_cell(central_staff(st)))
        units = performance_units(st)
        alts: list[str] = []
        for node in _performance_nodes(st):
            alts += [f"{_label(org, node)}: {a}"
                     for a in _alternatives(org.nodes[node].get("citations", {}).get("count"))]
        text = str(units)
        if alts:
            text = mark(text, f"{name}, performance units: the chart counts {units}; the "
                              f"report also gives {'; '.join(alts)}")
        cells["performance_units"].append(text)
        cells["political_organisation"].append(political_organisation(st))
    rows = [(label, cells[key]) for key, label in TABLE_2_1]
    return {"columns": columns, "rows": rows, "notes": notes}


def _label(org: nx.DiGraph, node: Hashable) -> str:
    return str(org.nodes[node].get("label", node)).replace("\n", " ")


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Plain-text table with aligned columns (no trailing spaces).

    Examples
    --------
    >>> print(format_table(["", "A"], [["x", "1"], ["long", "22"]]))
               A
    x          1
    long      22
    """
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        parts = [str(row[0]).ljust(widths[0])]
        parts += [str(c).rjust(w) for c, w in zip(row[1:], widths[1:], strict=False)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
