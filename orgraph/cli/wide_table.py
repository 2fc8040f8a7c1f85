"""Tables with one column per organisation: headers that can be told apart, metrics side by side.

Two of the bundled charts share a name with another (Evenes before and after its
reorganisation), so a column is headed by the organisation's name, then its date when names
repeat, then its file name when name and date repeat (:func:`column_names`).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from orgraph.metrics.compare import format_table
from orgraph.metrics.records import FLAT_FIELDS

__all__ = ["column_names", "wide_metrics"]

#: Record keys that are not rows of the wide table (the header, the notes below it).
_NOT_ROWS = ("name", "notes", "file")


def column_names(names: Sequence[str], dates: Sequence[Any], files: Sequence[str]) -> list[str]:
    """Distinct column headers: the name, plus the date, plus the file name where they repeat.

    Parameters
    ----------
    names, dates, files : sequences of the same length
        Each column's organisation name, date (None when it has none) and file.

    Returns
    -------
    list of str
        The headers, all different (a file given twice gets ``#2``).

    Examples
    --------
    >>> column_names(["Evenes", "Sveio"], [None, None], ["a.yaml", "b.yaml"])
    ['Evenes', 'Sveio']
    >>> column_names(["Evenes", "Evenes", "Lier"], ["1998", "2002", None],
    ...              ["x/evenes-1998.yaml", "evenes.yaml", "lier.yaml"])
    ['Evenes (1998)', 'Evenes (2002)', 'Lier']
    >>> column_names(["A", "A", "A"], ["2002", "2002", None], ["p/a.yaml", "q/b.yaml", "c.csv"])
    ['A (2002, a.yaml)', 'A (2002, b.yaml)', 'A']
    >>> column_names(["A", "A"], [None, None], ["p/a.yaml", "q/a.yaml"])
    ['A (p/a.yaml)', 'A (q/a.yaml)']
    >>> column_names(["A", "A"], [None, None], ["a.yaml", "a.yaml"])  # one file twice
    ['A (a.yaml)', 'A (a.yaml) #2']
    """
    dated = [f"{n} ({d})" if d is not None else n for n, d in zip(names, dates, strict=True)]
    repeated = Counter(names)
    out = [d if repeated[n] > 1 else n for n, d in zip(names, dated, strict=True)]
    twice = Counter(out)
    short = [Path(f).name for f in files]
    unique_short = len(set(short)) == len(short)
    for i, header in enumerate(out):
        if twice[header] > 1:
            where = short[i] if unique_short else files[i]
            extra = f"{dates[i]}, {where}" if dates[i] is not None else where
            out[i] = f"{names[i]} ({extra})"
    seen: Counter[str] = Counter()
    for i, header in enumerate(out):
        seen[header] += 1
        if seen[header] > 1:
            out[i] = f"{header} #{seen[header]}"
    return out


def wide_metrics(records: Sequence[dict[str, Any]], columns: Sequence[str],
                 cell: Callable[[str, dict[str, Any]], str], width: int | None = None) -> str:
    """The metrics of several organisations as one table: a row per metric, a column each.

    ``cell(key, record)`` gives a value as people read it. A metric a record does not have
    (the report's municipal dimensions for a company) is blank; each organisation's notes
    and per-tree lines follow the table, headed by its column name. With ``width`` (a
    terminal's), the columns are cut into several tables that each fit in it, every one
    with the metric names.

    Examples
    --------
    >>> recs = [{"name": "A", "depth": 2, "notes": []},
    ...         {"name": "B", "depth": 3, "municipality": True, "notes": ["lub: no tree"]}]
    >>> print(wide_metrics(recs, ["A", "B"], lambda key, rec: str(rec[key])))
                  A     B
    municipality     True
    depth         2     3
    <BLANKLINE>
    B: lub: no tree
    >>> print(wide_metrics(recs, ["A", "B"], lambda key, rec: str(rec[key]), width=20))
                  A
    depth         2
    <BLANKLINE>
                     B
    municipality  True
    depth            3
    <BLANKLINE>
    B: lub: no tree
    """
    keys = [k for k in FLAT_FIELDS if k not in _NOT_ROWS and any(k in r for r in records)]
    cells = [[cell(key, r) if key in r else "" for r in records] for key in keys]
    tables = []
    for group in _fitting(keys, columns, cells, width):
        shown = [(key, [row[i] for i in group]) for key, row in zip(keys, cells, strict=True)]
        rows = [[key, *values] for key, values in shown if any(values)]
        tables.append(format_table(["", *(columns[i] for i in group)], rows))
    text = "\n\n".join(tables)
    below = []
    for name, rec in zip(columns, records, strict=True):
        for tree in rec.get("per_tree") or []:
            below.append(f"{name}: tree {tree['head']}: depth {tree['depth']}, spans max "
                         f"{tree['span_max']}")
        below += [f"{name}: {note}" for note in rec.get("notes", [])]
    if below:
        text += "\n\n" + "\n".join(textwrap.fill(line, 100, subsequent_indent="    ")
                                   for line in below)
    return text


def _fitting(keys: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[str]],
             width: int | None) -> list[list[int]]:
    """The column indices cut into groups whose tables fit in ``width`` (one group if None)."""
    if width is None or not columns:
        return [list(range(len(columns)))]
    label = max(map(len, keys), default=0)
    groups: list[list[int]] = [[]]
    used = label
    for i, header in enumerate(columns):
        need = 2 + max(len(header), *(len(row[i]) for row in cells))
        if groups[-1] and used + need > width:
            groups.append([])
            used = label
        groups[-1].append(i)
        used += need
    return groups
