"""The rows of a CSV or TSV file: decoded, cleaned of control characters, within the limits.

:func:`csv_rows_of` reads the file (or a string), removes and reports control characters
(refused when ``strict``), notes bare-CR line ends, holds the ``rows`` and ``cell_chars``
limits and numbers the rows by line; :func:`check_header` names every column that holds
data once (a repeated or empty name would lose its cells).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from orgraph import limits
from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, decode_text, read_bytes, scrub_controls

__all__ = ["check_header", "csv_rows_of"]


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def check_header(header: list[str], rows: list[list[str]], filename: str, report: Report,
                  strict: bool, line: int = 1) -> list[str]:
    """The header with every column that holds data named once.

    An empty or repeated column name would lose that column's cells: a lenient reading
    names it (``column_4``, ``label_2``) and reports the repair, a strict one refuses it.
    ``line`` is the header's line in the file (2 below Excel's ``sep=;`` line).

    Examples
    --------
    >>> rep = Report("t.csv")
    >>> check_header(["id", "label", "label", ""], [["1", "a", "b", "c"]], "t.csv", rep, False)
    ['id', 'label', 'label_2', 'column_4']
    >>> print(rep.repairs[0])
    t.csv:1: column 3 repeats the name 'label' (column 2): its cells are read as 'label_2'
    """
    if len(header) > limits.current().columns:
        raise limits.exceeded(filename, "columns", len(header), "columns", line=line)
    seen: dict[str, int] = {}
    out = list(header)
    for i, name in enumerate(header):
        if name and name not in seen:
            seen[name] = i
            continue
        if not name and not any(len(r) > i and r[i].strip() for r in rows):
            continue  # an unnamed, empty column (a trailing delimiter): nothing is lost
        new, n = (f"{name}_2", 2) if name else (f"column_{i + 1}", 1)
        while new in seen or new in header:
            n += 1
            new = f"{name}_{n}" if name else f"column_{i + 1}_{n}"
        why = (f"repeats the name {name!r} (column {seen[name] + 1})" if name else
               "has no name but holds data")
        if strict:
            raise ChartError([Problem(filename, f"column {i + 1} {why}; give every column "
                                                "its own name", line=line)])
        report.repair(Problem(filename, f"column {i + 1} {why}: its cells are read as "
                                        f"{new!r}", line=line))
        seen[new] = i
        out[i] = new
    return out


def csv_rows_of(path: Path, filename: str, text: str | None, encoding: str | None,
                 delimiter: str | None, report: Report,
                 strict: bool) -> tuple[list[list[str]], list[int] | None, int]:
    """The rows of a CSV file (or of ``text``), the line numbers of the rows below the header
    when a quoted field spans lines, lines end in a bare CR or Excel's ``sep=;`` line comes
    first (``None``: row ``i`` below the header is on line ``i + 2``), and the header's line.
    Control characters are removed and reported (refused when ``strict``)."""
    data = None
    if text is None:
        data, before = read_bytes(path), len(report.repairs)
        text = decode_text(data, filename, encoding, report, strict, table=True)
        if len(report.repairs) > before:
            data = None  # bytes read as Windows-1252: parse the text, not the bytes
    clean = scrub_controls(text, filename, report, strict)
    if clean is not text:
        text, data = clean, None  # parse the cleaned text, not the bytes
    hint = _SEP_LINE.match(text)
    if hint:  # Excel's first line 'sep=;' names the delimiter
        report.note(f"the first line {hint.group(0).strip()!r} names the delimiter "
                    f"(Excel's hint); the header is line 2")
        delimiter = delimiter or hint.group(1)
        try:
            rows, lines, _ = csv_rows_of(path, filename, text[hint.end():], None, delimiter,
                                         report, strict)
        except ChartError as exc:  # a parse error's line, counted below the hint
            raise ChartError([dataclasses.replace(p, line=p.line + 1) if p.line else p
                              for p in exc.problems]) from None
        return rows, [n + 1 for n in (lines or range(2, len(rows) + 1))], 2
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff(text)
    physical = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if physical <= 1 and "\r" in text.rstrip("\r"):
        report.note("lines end in a bare carriage return (CR, as classic Mac OS wrote them); "
                    "read as line ends")
    source: Iterator[str]
    if data is None:
        source = io.StringIO(text, newline="")
    else:  # decoded again in chunks: a StringIO of the text holds 4 bytes per character
        text = None
        source = _decoded_lines(data, encoding)
    rows = _parse_csv(source, delimiter, filename)
    if physical == len(rows):
        return rows, None, 1
    if text is None:  # a quoted field spans lines: number the rows one by one
        text = decode_text(data or b"", filename, encoding)
    return rows, [n for n, _ in _csv_rows(text, delimiter)][1:], 1


def _parse_csv(source: Iterator[str], delimiter: str, filename: str) -> list[list[str]]:
    """Every row, with the ``cell_chars`` limit on a field; errors name the line."""
    limit = limits.current()
    previous = csv.field_size_limit(limit.cell_chars)
    try:
        reader = csv.reader(source, delimiter=delimiter, strict=True)
        rows = list(itertools.islice(reader, limit.rows + 2))
    except csv.Error as exc:
        how = limits.how_to_raise("cell_chars") if "field larger" in str(exc) else \
            "check the quoting"
        raise ChartError([Problem(filename, f"cannot parse the file: {exc}; {how}",
                                  line=reader.line_num)]) from None
    finally:
        csv.field_size_limit(previous)
    if len(rows) > limit.rows + 1:
        raise limits.exceeded(filename, "rows", f"more than {limit.rows:,}", "rows")
    return rows


def _decoded_lines(data: bytes, encoding: str | None) -> Iterator[str]:
    """The lines of ``data`` as :func:`decode_text` decodes it (the bytes already checked)."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding or "utf-8", newline="")
    first = stream.readline()
    if first.startswith("\ufeff"):
        first = first[1:]
    return itertools.chain([first] if first else [], stream)


#: Excel's delimiter hint on the first line of a CSV: ``sep=;``.
_SEP_LINE = re.compile(r"\ufeff?sep=([^\r\n])[ \t]*(?:\r\n|\r|\n)")


def _sniff(text: str) -> str:
    first = re.split(r"\r\n|\r|\n", text[:1_000_000], maxsplit=1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
