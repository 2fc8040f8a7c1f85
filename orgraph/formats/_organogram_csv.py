"""Reading an organogram's CSV: the normalised header and the rows, the file pair's names.

The data.gov.uk organogram files (senior and junior posts) as rows for
:mod:`orgraph.formats.organogram`: control characters removed and reported, short rows
reported (refused when strict), CSV errors with their line.

Examples
--------
>>> _norm("Post Unique Reference")
'postuniquereference'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, decode_text, read_bytes, scrub_controls

__all__ = ["is_organogram", "junior_file_for"]


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("£", ""))


def _rows(path: Path, encoding: str | None, report: Report | None = None,
          strict: bool = False) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The normalised header and an iterator over the non-empty rows (line, stripped cells);
    control characters removed and reported (refused when ``strict``)."""
    filename = str(path)
    text = scrub_controls(decode_text(read_bytes(path), filename, encoding, report, strict,
                                      table=True), filename, report, strict)
    reader = csv.reader(io.StringIO(text, newline=""))
    del text
    header: list[str] | None = None
    try:
        for row in reader:
            if any(row):
                header = [_norm(h) for h in row]
                break
    except csv.Error as exc:
        raise ChartError([Problem(filename, f"cannot parse the CSV: {exc}; check the quoting",
                                  line=reader.line_num)]) from None
    if header is None:
        raise ChartError([Problem(filename, "the file is empty")])
    return header, _body(reader, filename, len(header), report, strict)


def _body(reader: Any, filename: str, width: int, report: Report | None = None,
          strict: bool = False) -> Iterator[tuple[int, list[str]]]:
    """The non-empty rows; a row with fewer fields than the header is read with the
    missing cells empty and reported (refused when ``strict``)."""
    start = reader.line_num + 1
    strip = str.strip
    try:
        for row in reader:
            if any(row):
                if len(row) < width:
                    message = (f"the row has {len(row)} fields; the header has {width}")
                    if strict:
                        raise ChartError([Problem(filename, message + ": add the missing "
                                                  "cells (or their commas)", line=start)])
                    if report is not None:
                        report.repair(Problem(filename, message + ": the missing cells "
                                                                  "are read as empty",
                                              line=start))
                yield start, list(map(strip, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ChartError([Problem(filename, f"cannot parse the CSV: {exc}; check the quoting",
                                  line=start)]) from None


def is_organogram(first_line: str) -> bool:
    """Whether a CSV header is an organogram's (senior or junior file).

    Examples
    --------
    >>> is_organogram("Post Unique Reference,Name,Grade (or equivalent)")
    True
    >>> is_organogram("id,parent")
    False
    """
    try:
        have = {_norm(h) for h in next(csv.reader([first_line]), [])}
    except csv.Error:  # a stray quote or line end: not an organogram's header
        return False
    return "postuniquereference" in have or "reportingseniorpost" in have


def junior_file_for(senior: str | Path) -> Path | None:
    """The junior-post file beside a senior-post file (``senior`` → ``junior`` in the name).

    Examples
    --------
    >>> junior_file_for("tests/data/organogram-senior.csv")
    PosixPath('tests/data/organogram-junior.csv')
    """
    senior = Path(senior)
    name = re.sub("senior", "junior", senior.name, flags=re.IGNORECASE)
    name = re.sub("SENIOR", "JUNIOR", name)
    candidate = senior.with_name(name)
    return candidate if name != senior.name and candidate.exists() else None
