"""A lenient reading's repairs of a table's rows: every row kept, every repair reported.

The rules are those of the chart tools' JSON (:mod:`orgraph.formats._records`), each repair
a :class:`~orgraph.errors.Problem` naming the file, the row's line and the node:

=========================  =========================================================
the table has              lenient reading (a strict one refuses the row)
=========================  =========================================================
an empty id cell           the id ``line<N>`` (its line)
the same id twice          the second gets ``ID_2`` (``source_id`` keeps ``ID``);
                           who reports to ``ID`` reports to the first
a reports-to naming no     the row becomes a top (``source_reports_to`` keeps the
row, or the row itself     cell)
a reporting cycle          its first row becomes a top (``source_reports_to``)
a reports-to ``1`` where   it reports to ``001`` (a spreadsheet dropped the zeros)
only ``001`` is a row
a row with too few cells   the missing cells are empty
a row with too many        the extra cells are kept in ``source_extra_cells``
=========================  =========================================================
"""

from __future__ import annotations

from collections.abc import Sequence

from orgraph.errors import Problem
from orgraph.formats._common import Problems, Report

__all__ = ["break_cycles", "fit_rows", "listed_tops", "loop_chain", "match_names", "match_numbers",
           "repair_ids"]

#: A loop of more rows is named by its first and last few.
_LISTED = 8


def loop_chain(names: Sequence[str]) -> str:
    """A reporting loop as ``a → b → c → a``; a long one by its ends and its length.

    Examples
    --------
    >>> loop_chain(["a", "b"])
    'a → b → a'
    >>> loop_chain([f"u{i}" for i in range(500)])
    'u0 → u1 → u2 → u3 → … → u497 → u498 → u499 → u0 (500 rows)'
    """
    if len(names) <= _LISTED:
        return " → ".join([*names, names[0]])
    half = _LISTED // 2
    shown = [*names[:half], "…", *names[-(half - 1):], names[0]]
    return f"{' → '.join(shown)} ({len(names)} rows)"


def listed_tops(up: Sequence[int], ids: Sequence[str], lines: Sequence[int],
                shown: int = 10) -> str:
    """The first ``shown`` top rows (``up`` is -1: no superior) by id and line, for a note or
    an error about several tops.

    Examples
    --------
    >>> listed_tops([-1, 0, -1], ["a", "b", "c"], [2, 3, 4])
    "'a' (line 2), 'c' (line 4)"
    >>> listed_tops([-1] * 12, [str(i) for i in range(12)], range(2, 14), shown=2)
    "'0' (line 2), '1' (line 3), ..."
    """
    tops = [i for i, u in enumerate(up) if u == -1]
    listed = ", ".join(f"{ids[i]!r} (line {lines[i]})" for i in tops[:shown])
    return listed + (", ..." if len(tops) > shown else "")


def repair_ids(ids: list[str], lines: Sequence[int], report: Report, filename: str,
               id_col: str) -> tuple[list[str], dict[str, str]]:
    """Every row's id made unique, and the repeated ids' originals by their new id.

    Examples
    --------
    >>> report = Report("t.csv")
    >>> repair_ids(["a", "a", ""], [2, 3, 4], report, "t.csv", "id")
    (['a', 'a_2', 'line4'], {'a_2': 'a'})
    >>> print(report.repairs[0])  # doctest: +ELLIPSIS
    t.csv:3: node 'a': repeats the id 'a' of line 2: read as 'a_2' (source_id 'a'); who ...
    """
    taken = set(ids)
    first: dict[str, int] = {}
    out: list[str] = []
    originals: dict[str, str] = {}
    for ident, line in zip(ids, lines, strict=True):
        if not ident:
            new = _fresh(f"line{line}", taken, plain=True)
            report.repair(Problem(filename, f"the {id_col} cell is empty: read as {new!r}",
                                  line=line))
        elif ident in first:
            new = _fresh(ident, taken)
            originals[new] = ident
            report.repair(Problem(filename, f"repeats the id {ident!r} of line {first[ident]}: "
                                            f"read as {new!r} (source_id {ident!r}); who "
                                            f"reports to {ident!r} reports to line "
                                            f"{first[ident]}", line=line, node=ident))
        else:
            new = ident
        first.setdefault(new, line)
        out.append(new)
    return out, originals


def _fresh(base: str, taken: set[str], plain: bool = False) -> str:
    new, n = (base, 1) if plain and base not in taken else (f"{base}_2", 2)
    while new in taken:
        n += 1
        new = f"{base}_{n}"
    taken.add(new)
    return new


def break_cycles(up: list[int], ids: Sequence[str], lines: Sequence[int],
                 report: Report, filename: str) -> list[int]:
    """Break every reporting loop of ``up`` (each row's superior's row, ``-1`` for none) at
    its first row, which becomes a top; the rows made tops.

    Examples
    --------
    >>> report = Report("t.csv")
    >>> up = [-1, 2, 1]
    >>> break_cycles(up, ["a", "b", "c"], [2, 3, 4], report, "t.csv"), up
    ([1], [-1, -1, 1])
    >>> print(report.repairs[0])  # doctest: +ELLIPSIS
    t.csv:3: node 'b': closes the reporting cycle b (line 3) → c (line 4) → b (line 3): its ...
    """
    state = [0] * len(up)  # 0 unseen, 1 on the current walk, 2 done
    broken: list[int] = []
    for start in range(len(up)):
        walk = []
        node = start
        while node >= 0 and state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = up[node]
        if node >= 0 and state[node] == 1:
            loop = walk[walk.index(node):]
            loop.reverse()  # superior first, as the strict reading names a loop
            head = min(loop, key=lambda k: lines[k])
            k = loop.index(head)
            loop = loop[k:] + loop[:k]
            chain = loop_chain([f"{ids[i]} (line {lines[i]})" for i in loop])
            report.repair(Problem(filename, f"closes the reporting cycle {chain}: its "
                                            f"superior {ids[up[head]]!r} is dropped, it is "
                                            "read as a top", line=lines[head], node=ids[head]))
            up[head] = -1
            broken.append(head)
        for i in walk:
            state[i] = 2
    return broken


def match_names(parents: Sequence[str], labels: Sequence[str], up: list[int | None],
                lines: Sequence[int], report: Report, columns: tuple[str, str]) -> dict[int, str]:
    """Point reports-to cells that name no row's id but one row's name (a manager column of
    names beside an id column) to that row, in ``up``, noted once; for the cells that name
    several rows, why they stay unmatched (by row).

    Examples
    --------
    >>> report = Report("t.csv")
    >>> up = [-1, None, None, None]
    >>> match_names(["", "Kari", "Bo", "Kari"], ["Kari", "Bo", "Bo", "Liv"], up,
    ...             [2, 3, 4, 5], report, ("id", "name"))
    {2: '; 2 rows have that name (lines 3, 4)'}
    >>> up
    [-1, 0, None, 0]
    """
    rows_named: dict[str, list[int]] = {}
    for k, label in enumerate(labels):
        rows_named.setdefault(label, []).append(k)
    matched, ambiguous = [], {}
    for i, parent in enumerate(parents):
        named = rows_named.get(parent, ())
        if up[i] is not None or not named:
            continue
        if len(named) == 1 and named[0] != i:
            up[i] = named[0]
            matched.append(i)
        elif len(named) > 1:
            where = ", ".join(str(lines[k]) for k in named[:5])
            ambiguous[i] = f"; {len(named)} rows have that name (lines {where})"
    if matched:
        shown = ", ".join(f"line {lines[i]} {parents[i]!r}" for i in matched[:3])
        report.note(f"{len(matched)} reports-to cell(s) name no row's {columns[0]} but one "
                    f"row's {columns[1]}: matched by name ({shown}"
                    f"{', ...' if len(matched) > 3 else ''})")
    return ambiguous


def match_numbers(ids: Sequence[str], parents: Sequence[str], up: list[int | None],
                  lines: Sequence[int], report: Report, filename: str,
                  columns: tuple[str, str], strict: bool) -> dict[int, str]:
    """Point reports-to cells that name no row's id but the number of one row's id (``1``
    for ``001``: a spreadsheet dropped the leading zeros of one column) to that row, in
    ``up``, each a repair; ``strict`` leaves ``up`` and returns, by row, the hint for the
    refusal.

    Examples
    --------
    >>> report = Report("t.csv")
    >>> up = [-1, None, None]
    >>> match_numbers(["001", "002", "003"], ["", "1", "7"], up, [2, 3, 4], report, "t.csv",
    ...               ("id", "manager"), False)
    {}
    >>> up, str(report.repairs[0])
    ([-1, 0, None], "t.csv:3: node '002': reports to '1' (manager), which is no row's id but \
the number of '001' (line 2), as a spreadsheet writes it without leading zeros: read as \
reporting to '001'")
    """
    rows_numbered: dict[int, list[int]] = {}
    for k, ident in enumerate(ids):
        if ident.isdigit():
            rows_numbered.setdefault(int(ident), []).append(k)
    hints: dict[int, str] = {}
    for i, parent in enumerate(parents):
        if up[i] is not None or not parent.isdigit():
            continue
        named = [k for k in rows_numbered.get(int(parent), ()) if ids[k] != parent]
        if len(named) != 1 or named[0] == i:
            continue
        k = named[0]
        if strict:
            hints[i] = f"; {ids[k]!r} (line {lines[k]}) is the same number"
            continue
        up[i] = k
        report.repair(Problem(filename, f"reports to {parent!r} ({columns[1]}), which is no "
                                        f"row's {columns[0]} but the number of {ids[k]!r} "
                                        f"(line {lines[k]}), as a spreadsheet writes it "
                                        f"without leading zeros: read as reporting to "
                                        f"{ids[k]!r}", line=lines[i], node=ids[i]))
    return hints


def fit_rows(rows: list[list[str]], lines: list[int] | None, header: list[str],
             problems: Problems, report: Report, extra_cells: dict[int, list[str]],
             strict: bool) -> tuple[list[list[str]], list[int]]:
    """The rows of the header's width, and their lines: blank rows dropped, trailing empty
    cells trimmed; a row of another width refused when ``strict``, else fitted (missing
    cells empty, extra cells into ``extra_cells`` by line) and reported.

    Examples
    --------
    >>> report, extra = Report("t.csv"), {}
    >>> fit_rows([["1", ""], ["2"], ["3", "a", "b"], ["4", "", ""]], None, ["id", "parent"],
    ...          Problems("t.csv"), report, extra, strict=False)
    ([['1', ''], ['2', ''], ['3', 'a'], ['4', '']], [2, 3, 4, 5])
    >>> extra
    {4: ['b']}
    >>> print(report.repairs[0])  # doctest: +NORMALIZE_WHITESPACE
    t.csv:3: has 1 fields; the header has 2: the missing cells are read as empty
    (check for a missing or extra delimiter)
    """
    width = len(header)
    kept_rows, kept_lines = [], []
    for i, row in enumerate(rows):
        line = lines[i] if lines is not None else i + 2
        fields = len(row)
        if fields != width:
            if not any(c.strip() for c in row):
                continue
            if fields > width and not any(c.strip() for c in row[width:]):
                row = row[:width]
            elif strict:
                problems.add(f"has {fields} fields; the header has {width} "
                             f"({', '.join(header)}); check for a missing or extra "
                             "delimiter, or quote fields that contain one", line)
                continue
            else:
                if fields < width:
                    done, row = "the missing cells are read as empty", \
                        row + [""] * (width - fields)
                else:
                    extra_cells[line] = [c.strip() for c in row[width:]]
                    done, row = "the extra cells are kept in source_extra_cells", row[:width]
                report.repair(Problem(report.file, f"has {fields} fields; the header has "
                                                   f"{width}: {done} (check for a missing "
                                                   "or extra delimiter)", line=line))
        kept_rows.append(row)
        kept_lines.append(line)
    return kept_rows, kept_lines
