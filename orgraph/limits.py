"""The limits every reader holds an input to, and the refusal of files that are not files.

A reader given a hostile or broken file must answer with a clear error, never hang or fill
memory. Each limit below has a default far above any real organisation (the largest UK
organogram has about 7,000 posts; a 1M-row table is read in seconds) and can be raised:

==================  ==================  =================================================
limit               default             what it bounds
==================  ==================  =================================================
``input_bytes``     2 GiB               size of a CSV, DOT, GraphML, GEXF or JSON file
``chart_bytes``     64 MiB              size of a YAML chart file
``rows``            10,000,000          rows of a table (CSV, TSV, XLSX sheet)
``columns``         10,000              columns of a table
``cell_chars``      1,000,000           characters in one table cell
``depth``           100                 nesting of lists and mappings in one value
``xlsx_rows``       200,000             rows of a workbook's sheet (openpyxl reads some
                                        20,000 rows a second)
``xlsx_bytes``      1 GiB               uncompressed size of a workbook's parts
``xlsx_ratio``      1,000               compression ratio of a large workbook part
==================  ==================  =================================================

Raise one for a run with the environment variable ``ORGRAPH_LIMIT_<NAME>``
(``ORGRAPH_LIMIT_ROWS=50000000``), the command-line option ``--limit NAME=N``, or in code
with :func:`raised`. ``depth`` cannot go above :data:`HARD_DEPTH`: deeper values would
exhaust Python's stack in the libraries that write YAML and JSON. Counts, seats and head
counts must be finite and at most :data:`MAX_NUMBER`: a rule of the chart format, not a
limit.

Examples
--------
>>> current().rows
10000000
>>> with raised(rows=5):
...     current().rows
5
>>> import os
>>> os.environ["ORGRAPH_LIMIT_COLUMNS"] = "20000"
>>> current().columns
20000
>>> del os.environ["ORGRAPH_LIMIT_COLUMNS"]
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem

__all__ = [
    "HARD_DEPTH",
    "MAX_NUMBER",
    "Limits",
    "check_depth",
    "current",
    "exceeded",
    "how_to_raise",
    "nested_within",
    "parse_limit",
    "raised",
    "refuse_special",
]

#: The deepest nesting ``depth`` may be raised to.
HARD_DEPTH = 200
#: The largest count, seats or head count a chart may give (a rule of the chart format,
#: ``orgraph/schema/chart.schema.json``, not a limit to raise): 10**19 would wrap in the
#: metrics' arrays, and no organisation counts a trillion of anything.
MAX_NUMBER = 10 ** 12


@dataclass(frozen=True)
class Limits:
    """One set of input limits (see the module's table for the meaning of each).

    Examples
    --------
    >>> Limits().columns, Limits(rows=5).rows, Limits(rows=5).columns
    (10000, 5, 10000)
    """

    input_bytes: int = 2 * 1024 ** 3
    chart_bytes: int = 64 * 1024 ** 2
    rows: int = 10_000_000
    columns: int = 10_000
    cell_chars: int = 1_000_000
    depth: int = 100
    xlsx_rows: int = 200_000
    xlsx_bytes: int = 1024 ** 3
    xlsx_ratio: int = 1_000


_NAMES = tuple(f.name for f in fields(Limits))
_given: contextvars.ContextVar[tuple[tuple[str, int], ...]] = contextvars.ContextVar(
    "limits", default=())


def current() -> Limits:
    """The limits in force: defaults, then ``ORGRAPH_LIMIT_*`` variables, then :func:`raised`.

    Raises
    ------
    ChartError
        An ``ORGRAPH_LIMIT_*`` variable that is not a positive whole number.

    Examples
    --------
    >>> import os
    >>> current().rows
    10000000
    >>> os.environ["ORGRAPH_LIMIT_ROWS"] = "1_000"
    >>> current().rows
    1000
    >>> os.environ["ORGRAPH_LIMIT_ROWS"] = "lots"
    >>> current()
    Traceback (most recent call last):
    orgraph.errors.ChartError: ORGRAPH_LIMIT_ROWS: 'lots' is not a positive whole number
    >>> del os.environ["ORGRAPH_LIMIT_ROWS"]
    """
    values: dict[str, int] = {}
    for name in _NAMES:
        text = os.environ.get(f"ORGRAPH_LIMIT_{name.upper()}")
        if text is not None:
            values[name] = _positive(text, f"ORGRAPH_LIMIT_{name.upper()}")
    values.update(dict(_given.get()))
    if values.get("depth", 0) > HARD_DEPTH:
        values["depth"] = HARD_DEPTH
    return replace(Limits(), **values) if values else _DEFAULT


_DEFAULT = Limits()


def _positive(text: str, where: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise ChartError([Problem(where, f"{text!r} is not a positive whole number")])
    return value


def parse_limit(text: str) -> tuple[str, int]:
    """``NAME=N`` (as given to ``--limit``) as a pair; the message lists the names.

    Examples
    --------
    >>> parse_limit("rows=20_000_000")
    ('rows', 20000000)
    >>> parse_limit("lines=3")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: --limit: unknown limit 'lines'; use one of: input_bytes, ...
    """
    name, _, value = text.partition("=")
    name = name.strip().lower().replace("-", "_")
    if name not in _NAMES:
        raise ChartError([Problem("--limit", f"unknown limit {name!r}; use one of: "
                                             f"{', '.join(_NAMES)} (as NAME=N)")])
    return name, _positive(value.strip(), f"--limit {name}")


@contextlib.contextmanager
def raised(**values: int) -> Iterator[Limits]:
    """Use other limits inside the block (``with raised(rows=50_000_000): ...``).

    Examples
    --------
    >>> with raised(rows=50_000_000) as limits:
    ...     limits.rows, current().rows
    (50000000, 50000000)
    >>> current().rows
    10000000
    >>> with raised(lines=5):
    ...     pass
    Traceback (most recent call last):
    TypeError: unknown limit(s) lines
    """
    unknown = set(values) - set(_NAMES)
    if unknown:
        raise TypeError(f"unknown limit(s) {', '.join(sorted(unknown))}")
    token = _given.set(tuple({**dict(_given.get()), **values}.items()))
    try:
        yield current()
    finally:
        _given.reset(token)


def exceeded(filename: str, name: str, found: int | str, what: str,
             line: int | None = None) -> ChartError:
    """The error for an input over the limit ``name``, saying how to raise it.

    Examples
    --------
    >>> print(exceeded("a.csv", "columns", 200_000, "columns"))
    a.csv: has 200,000 columns; the limit is 10,000 (raise it with --limit columns=N or \
ORGRAPH_LIMIT_COLUMNS=N)
    """
    limit = getattr(current(), name)
    shown = f"{found:,}" if isinstance(found, int) else found
    return ChartError([Problem(filename, f"has {shown} {what}; the limit is {limit:,} "
                                         f"{how_to_raise(name)}", line=line)])


def how_to_raise(name: str) -> str:
    """The words that say how to raise the limit ``name``.

    Examples
    --------
    >>> how_to_raise("rows")
    '(raise it with --limit rows=N or ORGRAPH_LIMIT_ROWS=N)'
    """
    return f"(raise it with --limit {name}=N or ORGRAPH_LIMIT_{name.upper()}=N)"


_SPECIAL = ((stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def refuse_special(path: str | Path) -> os.stat_result:
    """The file's status, refusing (without opening it) anything but a regular file.

    A FIFO would block, ``/dev/zero`` would fill memory; a directory or a missing file gets
    its own clear message.

    Raises
    ------
    ChartError
        Naming the file and what it is.

    Examples
    --------
    >>> refuse_special("/dev/zero")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: /dev/zero: is a character device, not a regular file; ...
    >>> refuse_special("examples/minimal.yaml").st_size > 0
    True
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise ChartError([Problem(str(path), "no such file")]) from None
    except OSError as exc:
        raise ChartError([Problem(str(path), f"cannot read: {exc.strerror}")]) from None
    if stat.S_ISDIR(status.st_mode):
        raise ChartError([Problem(str(path), "is a directory, not a file")])
    for test, what in _SPECIAL:
        if test(status.st_mode):
            raise ChartError([Problem(str(path), f"is {what}, not a regular file; orgraph "
                                                 "reads files (or '-' for standard input): "
                                                 "save the data to a file first")])
    return status


def nested_within(value: Any, limit: int) -> bool:
    """Whether ``value``'s lists and mappings nest at most ``limit`` levels (no recursion).

    Examples
    --------
    >>> nested_within([[1]], 2), nested_within([[1]], 1), nested_within("x", 0)
    (True, False, True)
    """
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if level >= limit:
            return False
        stack.extend((child, level + 1) for child in children)
    return True


def check_depth(value: Any, filename: str, where: str, limit: int | None = None) -> None:
    """Refuse a value whose lists and mappings nest deeper than the ``depth`` limit.

    Walks with an explicit stack (no recursion), so a value nested 100,000 deep is
    measured, not a ``RecursionError``.

    Examples
    --------
    >>> check_depth({"a": [1, [2]]}, "x.json", "node 'n'")
    >>> deep = "x"
    >>> for _ in range(150): deep = [deep]
    >>> check_depth(deep, "x.json", "node 'n' attribute 'v'")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: x.json: node 'n' attribute 'v': has values nested more than 100 ...
    """
    limit = current().depth if limit is None else limit
    if not nested_within(value, limit):
        raise ChartError([Problem(filename, f"{where}: has values nested more than "
                                            f"{limit} levels deep; flatten them "
                                            f"{how_to_raise('depth')}")])
