"""Tabular "id + reports-to" files: CSV, TSV and (with the ``xlsx`` extra) Excel workbooks.

One row per unit or post. The columns are found by a named profile or by their names
(matched ignoring case and punctuation), and any of them can be named explicitly:

==============  ==========  ==============  =========  ================================
profile         id          reports to      name       other
==============  ==========  ==============  =========  ================================
``orgraph``     id          parent          label      kind, relation, dotted, ... [#]_
``visio``       Name        Reports_To      Name       Title (Visio's Organization Chart
                                                       Wizard; blank Reports_To at the top)
``d3``          id          parentId        name       positionName (d3-org-chart)
``balkan``      id          pid             name       title (BALKAN OrgChart JS)
``orgchartnow`` PersonID    SupervisorID    Name       Title, IsAssistant (OrgChart Now)
==============  ==========  ==============  =========  ================================

.. [#] orgraph's own CSV: the chart keys as columns (``kind``, ``label``, ``label_en``,
   ``count``, ``headcount``, ...), ``relation`` for the edge from ``parent``, ``dotted``,
   ``members``, ``orders_from``, ``serves`` as ``;``-separated ids, other edges as JSON in
   ``edges``, and any column named ``KEY:json`` holding JSON values.

Other columns become node attributes (text). On the way out, a cell that a spreadsheet would
run as a formula (starting with ``= + - @``, a tab or a carriage return) is written with a
leading ``'``; orgraph strips that quote again when it reads its own files.
"""

from __future__ import annotations

import contextlib
import gc
import operator
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.formats._cells import (
    BOOL_KEYS,
    INT_KEYS,
    Pending,
    TableColumns,
    escape_cell,
    unescape_cell,
    unescape_column,
)
from orgraph.formats._common import (
    Problems,
    Report,
    finish,
    safe_ids,
    strip_controls,
)
from orgraph.formats._csvread import check_header, csv_rows_of
from orgraph.formats._forest import LineOf, is_forest
from orgraph.formats._table_columns import PROFILES, Columns, _resolve_columns, detect_profile
from orgraph.formats._table_repairs import (
    break_cycles,
    fit_rows,
    listed_tops,
    loop_chain,
    match_names,
    match_numbers,
    repair_ids,
)
from orgraph.formats._table_write import write_table
from orgraph.formats._xlsx import xlsx_rows
from orgraph.infer import infer_kinds
from orgraph.model import Organisation

__all__ = [
    "PROFILES",
    "Columns",
    "detect_profile",
    "escape_cell",
    "read_table",
    "unescape_cell",
    "write_table",
]


def read_table(path: str | Path, *, profile: str | None = None, id_col: str | None = None,
               parent_col: str | None = None, name_col: str | None = None,
               kind_col: str | None = None, dotted_col: str | None = None,
               headcount_col: str | None = None, encoding: str | None = None,
               delimiter: str | None = None, report: Report | None = None,
               text: str | None = None, sheet: str | None = None,
               strict: bool = False) -> Organisation:
    """Read a CSV, TSV or XLSX table of units and whom they report to.

    Parameters
    ----------
    path : str or Path
        The file (``.csv``, ``.tsv``, ``.txt`` or ``.xlsx``).
    profile : str, optional
        One of :data:`PROFILES`; detected from the header when not given.
    id_col, parent_col, name_col, kind_col, dotted_col, headcount_col : str, optional
        Column names that override the profile (matched ignoring case and punctuation).
        ``name_col`` may name several columns, ``"first_name,last_name"``: the label joins
        their cells with a space (a file with first- and last-name columns and no name
        column gets that by default).
    encoding : str, optional
        Text encoding; UTF-8 by default (a byte-order mark is always honoured).
    delimiter : str, optional
        Field separator; ``,`` (``\\t`` for ``.tsv``) by default.
    report : Report, optional
        Collects what the reader decided (defaults it filled in, ids it rewrote).
    text : str, optional
        The file's content, to read from a string (``path`` names it in messages).
    sheet : str, optional
        Workbooks: the sheet to read (the first by default; the others are reported).
    strict : bool, default False
        Refuse what a lenient reading repairs and reports: control characters in cells,
        empty or repeated column names, formula cells without a saved value, empty or
        repeated ids, a reports-to naming no row or the row itself, a reporting cycle,
        several top posts (:mod:`orgraph.formats._table_repairs`).

    Returns
    -------
    Organisation

    Raises
    ------
    ChartError
        Every problem in the file, each with its row's line number and the fix: a ragged
        row, a value of the wrong type, bytes that are not in the encoding (and, when
        ``strict``, what a lenient reading repairs).

    Notes
    -----
    Leading and trailing spaces are trimmed from ids, reports-to cells, names and titles.
    An id cell ``" 7 "`` is the id ``7``: to a reader of the sheet they are the same post,
    and a reports-to cell ``7`` means it. The report notes how many id and reports-to
    cells had such spaces, with the first few lines.

    Examples
    --------
    >>> org = read_table("d3.csv", text="id,parentId,name\\n1,,CEO\\n2,1,CFO\\n")
    >>> org.line_superior("2"), org.nodes["2"]["label"], org.nodes["2"]["kind"]
    ('1', 'CFO', 'unit')
    >>> rep = Report("hr.csv")
    >>> org = read_table("hr.csv", report=rep,
    ...                  text="id,manager,first_name,last_name\\n 1,,Kari , Nordmann\\n")
    >>> org.nodes["1"]["label"]
    'Kari Nordmann'
    >>> print("\\n".join(rep.notes[:2]))
    labels join first_name, last_name with a space; choose others with --name-col
    1 id cell(s) had leading or trailing spaces, trimmed: line 2 ' 1' → '1'
    """
    path = Path(path)
    filename = str(path)
    report = report if report is not None else Report(filename)
    lines: list[int] | None
    with _collector_paused():
        if text is None and path.suffix.lower() == ".xlsx":
            numbered = list(xlsx_rows(path, filename, report, sheet=sheet, strict=strict))
            rows = [row for _, row in numbered]
            lines = [n for n, _ in numbered[1:]]
            header_line = numbered[0][0] if numbered else 1
        else:
            rows, lines, header_line = csv_rows_of(path, filename, text, encoding, delimiter,
                                                   report, strict)
        if not rows:
            raise ChartError([Problem(filename, "the file is empty; the first row names the "
                                                "columns (e.g. id,parent,label)")])
        header, rows = [h.strip() for h in rows[0]], rows[1:]
        header = check_header(header, rows, filename, report, strict, header_line)
        cols = _resolve_columns(header, filename, profile, dict(
            id=id_col, parent=parent_col, name=name_col, kind=kind_col, dotted=dotted_col,
            headcount=headcount_col), header_line)
        if cols[0] == "custom" and cols[1].id == cols[1].name and not id_col:
            report.note(f"no id column: rows are keyed by their {cols[1].id}, as "
                        f"{cols[1].parent} names them; name an id column with --id-col")
        if cols[1].more_names and not name_col:
            report.note(f"labels join {', '.join((cols[1].name or '', *cols[1].more_names))} "
                        "with a space; choose others with --name-col")
        return _Table(filename, header, cols, report, strict).build(rows, lines)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: millions of new lists and dicts set it off again
    and again (each pass over everything alive), though none of them can form a cycle."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


#: The cells of orgraph's own tables that chart rules depend on: refused, never kept as text.
_CHART_CELLS = INT_KEYS | BOOL_KEYS | {"headcount", "relation", "edges"}


class _Table:
    """Turns the rows of one table into an Organisation, collecting every problem."""

    def __init__(self, filename: str, header: list[str], named: tuple[str, Columns],
                 report: Report, strict: bool = False) -> None:
        self.filename = filename
        self.strict = strict
        #: Lenient repairs: repeated ids' originals, and cut reports-to cells, by row id.
        self.source_ids: dict[str, str] = {}
        self.source_parents: dict[str, str] = {}
        #: Why a reports-to cell matched no row by name: several rows have it (by row).
        self.ambiguous: dict[int, str] = {}
        self.extra_cells: dict[int, list[str]] = {}  # by line: a long row's cells past the header
        self.header = header
        self.profile, self.cols = named
        self.report = report
        self.problems = Problems(filename)
        self.own = self.profile == "orgraph"
        self.pad = Path(filename).suffix.lower() == ".xlsx"  # sheets end rows early

    def build(self, rows: list[list[str]], lines: list[int] | None) -> Organisation:
        """Check and convert the rows below the header (``lines``: their line numbers,
        ``None`` when row ``i`` is on line ``i + 2``); empties ``rows``."""
        header, cols, problems = self.header, self.cols, self.problems
        given = rows
        index = {h: i for i, h in reversed(list(enumerate(header)))}
        id_i = index[cols.id]  # type: ignore[index]
        parent_i = index[cols.parent]  # type: ignore[index]
        name_i = index.get(cols.name) if cols.name else None
        used = (cols.id, cols.parent, cols.name, *cols.more_names)
        extra = [(i, h) for i, h in enumerate(header) if h not in used and h and index[h] == i]
        width = len(header)
        if self.pad:
            rows = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
        if any(len(r) != width for r in rows):
            rows, lines = fit_rows(rows, lines, self.header, self.problems, self.report,
                                   self.extra_cells, self.strict)
        line_list: Sequence[int] = lines if lines is not None else range(2, len(rows) + 2)
        ids = self._id_column(rows, id_i, line_list, "id")
        if "" in ids:  # a blank row (Excel saves one as ',,,') is no row
            blank = {k for k in range(len(rows)) if not ids[k] and not any(map(str.strip,
                                                                            rows[k]))}
            if blank:
                shown = ", ".join(str(line_list[k]) for k in sorted(blank)[:5])
                self.report.note(f"{len(blank)} blank row(s) skipped: lines {shown}"
                                 f"{', ...' if len(blank) > 5 else ''}")
                kept = [k for k in range(len(rows)) if k not in blank]
                rows = [rows[k] for k in kept]
                line_list = [line_list[k] for k in kept]
                ids = [ids[k] for k in kept]
        parents = self._id_column(rows, parent_i, line_list, "reports-to")
        labels = _text_column(rows, name_i) if name_i is not None else None
        if labels is not None and cols.more_names:
            parts = [labels, *(_text_column(rows, index[h]) for h in cols.more_names)]
            labels = [" ".join(filter(None, names)) for names in zip(*parts, strict=True)]
        columns = [(h, [r[i] for r in rows]) for i, h in extra]
        given.clear()  # the caller's list and ours: the cells live on in the columns
        del rows
        position = dict(zip(ids, range(len(ids)), strict=True))
        if (len(position) != len(ids) or "" in position) and not self.strict:
            ids, self.source_ids = repair_ids(ids, line_list, self.report, self.filename,
                                              self.cols.id or "id")
            position = dict(zip(ids, range(len(ids)), strict=True))
        if len(position) != len(ids) or "" in position:
            keep = self._unique_ids(ids, line_list)
            ids = [ids[i] for i in keep]
            parents = [parents[i] for i in keep]
            labels = [labels[i] for i in keep] if labels is not None else None
            columns = [(h, [cells[i] for i in keep]) for h, cells in columns]
            line_list = [line_list[i] for i in keep]
            position = dict(zip(ids, range(len(ids)), strict=True))
        if not ids:
            if not problems:
                problems.add("no rows below the header")
            problems.raise_if_any()
        return self._assemble(ids, parents, labels, line_list, columns, position)

    def _id_column(self, rows: list[list[str]], i: int, lines: Sequence[int],
                   role: str) -> list[str]:
        """Column ``i``'s cells as ids: escapes undone, spaces trimmed (and noted)."""
        raw = unescape_column([r[i] for r in rows])
        cells = list(map(str.strip, raw))
        if cells != raw:
            trimmed = [k for k, (a, b) in enumerate(zip(raw, cells, strict=True)) if a != b]
            shown = ", ".join(f"line {lines[k]} {raw[k]!r} → {cells[k]!r}" for k in trimmed[:3])
            self.report.note(f"{len(trimmed)} {role} cell(s) had leading or trailing spaces, "
                             f"trimmed: {shown}{', ...' if len(trimmed) > 3 else ''}")
        return cells

    def _unique_ids(self, ids: list[str], lines: Any) -> list[int]:
        """Report empty and duplicate ids; the positions to keep."""
        first: dict[str, int] = {}
        keep = []
        for i, ident in enumerate(ids):
            if not ident:
                self.problems.add(f"the {self.cols.id} cell is empty; every row needs an id",
                                  lines[i])
            elif ident in first:
                self.problems.add(f"duplicate id {ident!r} (first on line {first[ident]}); "
                                  "give each row its own id", lines[i], ident)
            else:
                first[ident] = lines[i]
                keep.append(i)
        return keep

    def _superiors(self, ids: list[str], parents: list[str], labels: list[str] | None,
                   lines: Sequence[int], position: dict[str, int]) -> None:
        """Resolve every row's superior (by id, else by a unique name), repair or refuse
        bad ones, loops and several tops; ``parents`` becomes the superiors' ids, in place
        (the caller holds the list too), ``position`` is emptied."""
        problems, cols = self.problems, self.cols
        position[""] = -1  # no superior (no id is empty)
        up = list(map(position.get, parents))  # the superior's row, None for no row
        if None in up and labels is not None and not self.strict:
            self.ambiguous = match_names(parents, labels, up, lines, self.report,
                                         (cols.id or "id", cols.name or "name"))
        if None in up:  # '1' for '001'
            self.ambiguous |= match_numbers(ids, parents, up, lines, self.report, self.filename,
                                            (cols.id or "id", cols.parent or ""), self.strict)
        if None in up or any(map(operator.eq, up, range(len(up)))):
            for i in [i for i, p in enumerate(parents) if (p and up[i] is None) or
                      (p in position and p == ids[i])]:
                self._bad_superior(ids[i], parents[i], lines[i], self.ambiguous.get(i, ""))
                if not self.strict:
                    up[i] = -1
        if not self.strict and not problems and not is_forest(up):  # type: ignore[arg-type]
            for i in break_cycles(up, ids, lines, self.report,  # type: ignore[arg-type]
                                  self.filename):
                self.source_parents[ids[i]] = parents[i]
        tops = up.count(-1)
        if not self.own and tops > 1:
            listed = listed_tops(up, ids, lines)  # type: ignore[arg-type]
            if self.strict:
                problems.add(f"{tops} top posts (empty {cols.parent}): {listed}; an "
                             "organisation chart has one top: give the others a superior",
                             None)
            else:
                self.report.note(f"{tops} top posts (empty or repaired {cols.parent}): "
                                 f"{listed}: read as a forest, one tree each")
        if not problems and not is_forest(up):  # type: ignore[arg-type]
            self._find_cycles(ids, parents, lines)
        problems.raise_if_any()
        # The superiors as the ids' own strings (in place: the caller holds the list too),
        # so that the reports-to cells' copies can go.
        parents[:] = [ids[u] if u >= 0 else "" for u in up]  # type: ignore[operator]
        del up
        position.clear()

    def _assemble(self, ids: list[str], parents: list[str], labels: list[str] | None,
                  lines: Sequence[int], columns: list[tuple[str, list[str]]],
                  position: dict[str, int]) -> Organisation:
        problems, cols = self.problems, self.cols
        self._superiors(ids, parents, labels, lines, position)
        rename = safe_ids(ids, self.report)
        if rename:
            raw_ids = ids
            ids = [rename.get(i, i) for i in ids]
            parents = [rename.get(p, p) for p in parents]
        if labels is None:
            self.report.note(f"no name column: labels are the ids ({cols.id})")
            labels = raw_ids if rename else ids
        cols_used = bool(columns)
        table = TableColumns(columns, cols, self.own)  # empties columns
        org = Organisation()
        org.graph["name"] = Path(self.filename).stem
        _fill(org, ids, labels, parents)
        if rename:
            for raw, safe in rename.items():
                org.nodes[safe]["source_id"] = raw
        for attr, values in (("source_id", self.source_ids),
                             ("source_reports_to", self.source_parents)):
            for node, value in values.items():
                org.nodes[rename.get(node, node)][attr] = value
        for node, line in zip(ids, lines, strict=True) if self.extra_cells else ():
            if line in self.extra_cells:
                org.nodes[node]["source_extra_cells"] = self.extra_cells[line]
        pending: list[Pending] = []
        if cols_used:
            pending, cell_problems = table.apply(org, ids, parents, lines, rename)
            for line, node, message, key, cell in cell_problems:
                self._bad_cell(org, node, message, key, cell, line)
            for line, u, v, relation, attrs in pending:
                self._add_edge(org, u, v, relation, attrs, line)
        if cols.kind is None:  # no kind column: head, managers, units (orgraph/infer.py)
            infer_kinds(org, self.report)
        if not cols_used and max(map(len, labels)) <= 5000:
            # Only id, reports-to and name: every node is a 'unit' with a text label, and each
            # has at most one line superior, with no loop (_find_cycles): the chart rules
            # (check_organisation) hold by construction and need no second pass.
            problems.raise_if_any()
            return org
        # The line edges are the reports-to column's unless a cell adds one: then each node
        # still has one line superior and _find_cycles proved there is no loop.
        proved = all(edge[3] != "line" for edge in pending)
        return finish(org, self.filename, problems, LineOf(ids, lines),
                      name=org.graph["name"], structure_checked=proved)

    def _bad_cell(self, org: Organisation, node: str, message: str, key: str, cell: str,
                  line: int) -> None:
        """A cell its column cannot take: refused when strict or a chart key of orgraph's
        own table (``count``: a box depends on it) or a ``KEY:json`` cell (orgraph's own
        encoding, held to the limits), else kept as text, reported."""
        if self.strict or key.startswith("source_") or key.endswith(":json") or (
                self.own and key in _CHART_CELLS):
            self.problems.add(message, line, node)
            return
        org.nodes[node][f"source_{key}"] = cell
        self.report.repair(Problem(self.filename, f"{message}: left out (kept as text in "
                                   f"source_{key})", line=line, node=node))

    def _bad_superior(self, node: str, parent: str, line: int, ambiguous: str = "") -> None:
        cols = self.cols
        if not self.strict:
            self.source_parents[node] = parent
            why = (f"reports to itself ({cols.parent} = {cols.id})" if parent == node else
                   f"reports to {parent!r} ({cols.parent}), which is no row's {cols.id}"
                   f"{ambiguous}")
            self.report.repair(Problem(self.filename, f"{why}: read as a top "
                                       f"(source_reports_to {parent!r})", line=line, node=node))
        elif parent == node:
            self.problems.add(f"reports to itself ({cols.parent} = {cols.id}); leave "
                              f"{cols.parent} empty for the top post or name its superior",
                              line, node)
        else:
            self.problems.add(f"reports to {parent!r} ({cols.parent}), which is no row's "
                              f"{cols.id}{ambiguous}; fix the spelling or add a row for it",
                              line, node)

    def _find_cycles(self, ids: list[str], parents: list[str], lines: Sequence[int]) -> None:
        """Follow each row up its reports-to chain once; name every loop with its rows."""
        parent_of = dict(zip(ids, parents, strict=True))
        walk: dict[str, int] = {"": -1}  # node → the number of the walk that first met it
        for k, start in enumerate(ids):
            node = start
            while node not in walk:
                walk[node] = k
                node = parent_of[node]
            if walk[node] == k:
                self._report_cycle(node, parent_of, dict(zip(ids, lines, strict=True)))

    def _report_cycle(self, node: str, parent_of: dict[str, str],
                      line_of: dict[str, int]) -> None:
        loop = [node]
        while parent_of[loop[-1]] != node:
            loop.append(parent_of[loop[-1]])
        loop.reverse()  # superior first: a → its subordinate → ...
        first = min(loop, key=lambda n: line_of[n])
        k = loop.index(first)
        loop = loop[k:] + loop[:k]
        chain = loop_chain([f"{n} (line {line_of[n]})" for n in loop])
        self.problems.add(f"reporting cycle: {chain}; break it (one of these must report "
                          "elsewhere, or be the top post)", line_of[first], first)

    def _add_edge(self, org: Organisation, u: str, v: str, relation: str, attrs: dict,
                  line: int) -> None:
        """Add one edge a cell names; a lenient reading leaves out (and reports) an edge
        to an unknown id, to the row itself or beside another relation, keeping its cell."""
        node, why, fix = v, "", "keep one"
        if u not in org or v not in org:
            unknown, node = (u, v) if u not in org else (v, u)
            why, fix = (f"refers to unknown id {unknown!r} ({relation} edge {u} → {v})",
                        "add a row with that id or fix the spelling")
        elif u == v:
            why, fix = f"names itself in its {relation} cell", "name another row"
        elif org.has_edge(u, v):
            why = (f"two relations from {u!r} to {v!r} ({org.edges[u, v]['relation']} and "
                   f"{relation})")
        if not why:
            org.add_edge(u, v, relation=relation, **attrs)
        elif self.strict or node not in org:
            self.problems.add(f"{why}; {fix}", line, node)
        else:
            other = u if node == v else v
            kept = org.nodes[node].get(f"source_{relation}")
            org.nodes[node][f"source_{relation}"] = f"{kept};{other}" if kept else other
            self.report.repair(Problem(self.filename, f"{why}: the {relation} edge is left "
                                       f"out (source_{relation} {other!r})", line=line,
                                       node=node))


def _text_column(rows: list[list[str]], i: int) -> list[str]:
    """Column ``i``'s cells as text: escapes undone, control characters removed, trimmed."""
    cells = unescape_column([r[i] for r in rows])
    if not all(map(str.isprintable, cells)):
        cells = [c if c.isprintable() else strip_controls(c) for c in cells]
    return list(map(str.strip, cells))


def _fill(org: Organisation, ids: list[str], labels: list[str], parents: list[str]) -> None:
    """Add the rows' nodes and line edges straight into the graph's dicts.

    The hot path of a million-row file: the same structure ``add_nodes_from`` and
    ``add_edges_from`` build (one attribute dict per node and per edge, shared by ``_succ``
    and ``_pred``), without their per-item checks, which the reader has already made.
    """
    org._node = {i: {"kind": "unit", "label": label}
                 for i, label in zip(ids, labels, strict=True)}
    org._pred = pred = {child: {parent: {"relation": "line"}} if parent else {}
                        for parent, child in zip(parents, ids, strict=True)}
    org._succ = succ = {i: {} for i in ids}
    for child, superiors in pred.items():  # the same edge dict on both sides
        for parent, data in superiors.items():
            succ[parent][child] = data
