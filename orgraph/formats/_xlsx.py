"""The rows of one sheet of an Excel workbook, read through openpyxl behind zip-bomb guards.

A workbook is a zip of XML parts. Before openpyxl parses anything, the zip directory is
checked: the parts' uncompressed total (the ``xlsx_bytes`` limit) and the compression ratio
of every large part (``xlsx_ratio``: a sheet of 300 MB of spaces packs into 300 kB). While
the sheet is read, its rows and columns are held to Excel's own maximum and the ``xlsx_rows``
(counted in the sheet's XML before openpyxl reads it), ``rows`` and ``columns`` limits, and
every cell to ``cell_chars``; the dimension a sheet declares is not
trusted (a one-cell sheet may claim A1:XFD1048576).

What the reading cannot carry is reported: the other sheets of a workbook (choose one with
``--sheet NAME``), and formula cells whose value was never saved (read as empty in a
lenient reading, refused in a strict one).
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from orgraph import limits
from orgraph.errors import ChartError, Problem
from orgraph.formats._report import Report

__all__ = ["EXCEL_COLUMNS", "EXCEL_ROWS", "check_zip", "xlsx_rows"]

#: Excel's own sheet size.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
#: Parts smaller than this are not held to the ratio limit (small XML packs very well).
_RATIO_FLOOR = 10 * 1024 * 1024


def check_zip(path: Path, filename: str) -> dict[str, bool]:
    """Refuse a workbook whose zip directory promises a bomb, before openpyxl parses it.

    Returns
    -------
    dict
        Each worksheet part's name → whether it holds a formula.

    Raises
    ------
    ChartError
        Not a zip file, parts larger in total than ``xlsx_bytes``, a part over 10 MB
        packed more than ``xlsx_ratio`` times, or a sheet with more rows than Excel holds
        or the ``rows`` limit allows (openpyxl would parse the whole sheet to size it).
    """
    limit = limits.current()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ChartError([Problem(filename, f"is not a readable .xlsx workbook ({exc}); save "
                                            "it again from the spreadsheet")]) from None
    total = sum(info.file_size for info in infos)
    if total > limit.xlsx_bytes:
        raise limits.exceeded(filename, "xlsx_bytes", total,
                              "bytes once unpacked (a zip bomb, or a huge workbook)")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limit.xlsx_ratio:
            raise limits.exceeded(filename, "xlsx_ratio", f"a part ({info.filename}) packed "
                                  f"{ratio:,.0f} times:", "a zip bomb's ratio")
    max_rows = min(limit.rows, limit.xlsx_rows) + 1  # + 1: the header
    formulas = {}
    for info in infos:
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            count, formulas[info.filename] = _scan(path, info.filename)
            if count > EXCEL_ROWS:
                raise ChartError([Problem(filename, f"has {count:,} rows in {info.filename}; "
                                                    f"Excel holds at most {EXCEL_ROWS:,}: the "
                                                    "workbook is broken (or a zip bomb)")])
            if count > max_rows:
                name = "rows" if limit.rows < limit.xlsx_rows else "xlsx_rows"
                raise limits.exceeded(filename, name, count, f"rows in {info.filename}")
    return formulas


def _open(path: Path, filename: str, data_only: bool) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ChartError([Problem(filename, "reading .xlsx needs openpyxl: pip install "
                                            "'orgraph[xlsx]' (or save the sheet as CSV)")]
                         ) from None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ChartError([Problem(filename, f"is not a readable .xlsx workbook ({exc}); "
                                            "save it again from the spreadsheet")]) from None


def _choose(book: Any, filename: str, sheet: str | None, report: Report) -> Any:
    names = book.sheetnames
    if sheet is not None:
        if sheet not in names:
            raise ChartError([Problem(filename, f"has no sheet {sheet!r}; its sheets are: "
                                                f"{', '.join(map(repr, names))}")])
        return book[sheet]
    if not names:
        raise ChartError([Problem(filename, "has no sheets")])
    if len(names) > 1:
        others = ", ".join(map(repr, names[1:]))
        report.drop(f"sheet(s) {others}: only the first sheet, {names[0]!r}, is read; "
                    "choose another with --sheet NAME")
    return book[names[0]]


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _scan(path: Path, member: str) -> tuple[int, bool]:
    """A sheet XML's number of rows and whether it holds a formula, streamed in chunks
    (a count openpyxl would need minutes for, when a bomb holds millions of rows)."""
    rows, formulas, tail = 0, False, b""
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as stream:
        while chunk := stream.read(1 << 22):
            block = tail + chunk
            cut = max(len(block) - 32, 0)  # a tag starting after cut is counted next time
            rows += sum(1 for m in _ROW.finditer(block) if m.start() < cut)
            formulas = formulas or _FORMULA.search(block) is not None
            tail = block[cut:]
    rows += len(_ROW.findall(tail))
    return rows, formulas or _FORMULA.search(tail) is not None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):  # a date cell: ISO 8601, no midnight time
        return value.date().isoformat() if value.time() == datetime.time() else \
            value.isoformat()
    return str(value)


def xlsx_rows(path: Path, filename: str, report: Report, *, sheet: str | None = None,
              strict: bool = False) -> Iterator[tuple[int, list[str]]]:
    """The rows of one sheet as ``(row number, cells as text)``, trailing empties trimmed.

    Parameters
    ----------
    path : Path
        The workbook.
    filename : str
        Named in messages.
    report : Report
        Receives the sheets left out and the formula cells read as empty.
    sheet : str, optional
        The sheet's name; the first sheet by default.
    strict : bool, default False
        Refuse a formula cell without a saved value instead of reading it as empty.

    Raises
    ------
    ChartError
        A bomb (:func:`check_zip`), too many rows or columns, a cell over ``cell_chars``,
        a missing sheet, or (strict) a formula without a saved value.
    """
    limits.refuse_special(path)
    formula_parts = check_zip(path, filename)
    book = _open(path, filename, data_only=True)
    chosen = _choose(book, filename, sheet, report)
    chosen.reset_dimensions()  # the declared dimension may be a lie
    limit = limits.current()
    max_rows = min(limit.rows + 1, EXCEL_ROWS)  # + 1: the header
    max_columns = min(limit.columns, EXCEL_COLUMNS)
    member = str(getattr(chosen, "_worksheet_path", "")).lstrip("/")
    formulas = None
    if formula_parts.get(member, True):
        formula_book = _open(path, filename, data_only=False)
        formula_sheet = formula_book[chosen.title]
        formula_sheet.reset_dimensions()
        formulas = formula_sheet.iter_rows(values_only=True)
    lost: list[str] = []
    for number, row in enumerate(chosen.iter_rows(values_only=True), start=1):
        if number > max_rows:
            raise limits.exceeded(filename, "rows", f"more than {max_rows - 1:,}", "rows")
        if len(row) > max_columns:
            raise limits.exceeded(filename, "columns", len(row), "columns", line=number)
        cells = list(map(_cell_text, row))
        if formulas is not None:
            _formula_cells(next(formulas, ()), row, number, lost)
        if max(map(len, cells), default=0) > limit.cell_chars:
            raise limits.exceeded(filename, "cell_chars", max(map(len, cells)),
                                  "characters in one cell", line=number)
        while cells and cells[-1] == "":
            cells.pop()
        yield number, cells
    _report_formulas(lost, filename, report, strict)
    book.close()
    if formulas is not None:
        formula_book.close()


def _formula_cells(formula_row: tuple[Any, ...], row: tuple[Any, ...], number: int,
                   lost: list[str]) -> None:
    """Note the cells of one row that hold a formula but no saved value."""
    from openpyxl.utils import get_column_letter

    for column, (formula, value) in enumerate(zip(formula_row, row, strict=False), start=1):
        if value is None and isinstance(formula, str) and formula.startswith("="):
            lost.append(f"{get_column_letter(column)}{number} ({formula[:40]})")


def _report_formulas(lost: list[str], filename: str, report: Report, strict: bool) -> None:
    if not lost:
        return
    first = int("".join(c for c in lost[0].split(" ")[0] if c.isdigit()))
    shown = ", ".join(lost[:5]) + (", ..." if len(lost) > 5 else "")
    message = (f"{len(lost)} formula cell(s) have no saved value: {shown}; open the workbook "
               "in a spreadsheet and save it again so the values are stored")
    if strict:
        raise ChartError([Problem(filename, message, line=first)])
    report.repair(Problem(filename, message + " (read as empty)", line=first))
