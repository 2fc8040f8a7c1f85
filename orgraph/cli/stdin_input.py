"""``-`` as an input file: standard input, copied with a size limit, its format sniffed.

The readers read files by path (a table's suffix, an organogram's junior file beside it), so
standard input is copied into a private temporary folder first, in chunks, and refused once
it passes the input size limit (a ``/dev/zero`` on stdin ends with a clear error, not a
``MemoryError``). The format is ``--from``'s, else sniffed from the first bytes
(:func:`sniff_format`); either way the messages name ``<stdin>``, never the temporary file.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from orgraph.errors import ChartError, Problem

__all__ = ["STDIN", "STDIN_NAME", "shown", "sniff_format", "stdin_copy"]

#: The input path that means standard input, and the name messages give it.
STDIN, STDIN_NAME = "-", "<stdin>"
_HEAD = 65536
_CHUNK = 1 << 20
#: The temporary file's suffix per format (tables by suffix: ``.csv``, an XLSX ``.xlsx``).
_SUFFIX = {"yaml": ".yaml", "csv": ".csv", "organogram": ".csv", "dot": ".dot",
           "graphml": ".graphml", "json": ".json", "gexf": ".gexf"}
_DOT = re.compile(rb"(strict\s+)?(di)?graph\b", re.IGNORECASE)
_YAML = re.compile(rb"(---|\.\.\.|%YAML|[\w\"'][^,;\t]*?:(\s|$)|- )")
_TABLE_SEPARATORS = (b",", b";", b"\t", b"|")


def shown(path: str) -> str:
    """How messages and tables name an input: ``<stdin>`` for ``-``.

    Examples
    --------
    >>> shown("-"), shown("charts/lier.yaml")
    ('<stdin>', 'charts/lier.yaml')
    """
    return STDIN_NAME if path == STDIN else path


def sniff_format(head: bytes) -> str | None:
    """Guess the format of a file from its first bytes; ``None`` when it cannot tell.

    JSON opens with ``{`` or ``[``; XML names its root (``<graphml``, ``<gexf``); DOT's
    first statement is ``[strict] [di]graph``; an XLSX workbook is a zip (``PK``); YAML's
    first line is ``key:`` or ``- ``; a line with separators is a table (CSV, TSV, ...).

    Parameters
    ----------
    head : bytes
        The first bytes of the file (64 KiB are read).

    Returns
    -------
    str or None
        A format of :data:`orgraph.formats.READABLE` (``csv`` for a workbook too).

    Examples
    --------
    >>> [sniff_format(b) for b in (b'{"nodes": []}', b"<?xml?><graphml>", b"<gexf>",
    ...                            b"# a chart\\norgraph: 1\\n", b"id,name,parent\\n",
    ...                            b"// c\\ndigraph { a -> b }", b"PK\\x03\\x04", b"hello")]
    ['json', 'graphml', 'gexf', 'yaml', 'csv', 'dot', 'csv', None]
    """
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head.startswith(b"PK\x03\x04"):
        return "csv"  # an XLSX workbook
    text = head.lstrip()
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:1] == b"<":
        for tag, name in ((b"<gexf", "gexf"), (b"<graphml", "graphml")):
            if tag in head:
                return name
        return None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((b"#", b"//", b"/*")):
            continue
        if _DOT.match(line):
            return "dot"
        if _YAML.match(line):
            return "yaml"
        return "csv" if any(sep in line for sep in _TABLE_SEPARATORS) else None
    return None


@contextlib.contextmanager
def stdin_copy(stream: BinaryIO, from_format: str | None, limit: int
               ) -> Iterator[tuple[Path, str, bool]]:
    """Copy ``stream`` into a temporary file; yield its path, its format and whether sniffed.

    Failures of the block that name the temporary file are re-raised naming ``<stdin>``.

    Parameters
    ----------
    stream : binary file
        Standard input (or any readable of bytes).
    from_format : str or None
        ``--from``; None sniffs (:func:`sniff_format`).
    limit : int
        The largest input accepted, in bytes; the copy stops as soon as it is passed.

    Yields
    ------
    tuple of (Path, str, bool)
        The copy (with the format's suffix), the format, and whether it was sniffed.

    Raises
    ------
    ChartError
        Standard input is over ``limit`` bytes, empty, or of a format that cannot be told
        (the message says to give ``--from``).

    Examples
    --------
    >>> import io
    >>> with stdin_copy(io.BytesIO(b"id,parent\\na,\\n"), None, 100) as (path, fmt, sniffed):
    ...     path.suffix, fmt, sniffed, path.read_bytes()
    ('.csv', 'csv', True, b'id,parent\\na,\\n')
    >>> with stdin_copy(io.BytesIO(b"x" * 200), "csv", 100) as _:
    ...     pass
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: <stdin>: standard input is larger than 100 bytes, the limit ...
    """
    with tempfile.TemporaryDirectory(prefix="orgraph-stdin-") as folder:
        raw = Path(folder) / "stdin"
        head = _copy(stream, raw, limit)
        fmt = from_format or sniff_format(head)
        if fmt is None:
            raise _error("cannot tell the format of standard input from its first bytes; "
                         "name it with --from (yaml, csv, dot, graphml, json, gexf)")
        suffix = ".xlsx" if fmt == "csv" and head.startswith(b"PK\x03\x04") else _SUFFIX[fmt]
        path = raw.rename(raw.with_suffix(suffix))
        try:
            yield path, fmt, from_format is None
        except ChartError as exc:
            raise ChartError(rename_problems(exc.problems, str(path))) from None


def _copy(stream: BinaryIO, target: Path, limit: int) -> bytes:
    """Copy ``stream`` to ``target`` in chunks up to ``limit`` bytes; return the first bytes."""
    head, total = b"", 0
    with target.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise _error(f"standard input is larger than {limit:,} bytes, the limit "
                             "for inputs; save it to a file and check what it is")
            if len(head) < _HEAD:
                head += chunk[:_HEAD - len(head)]
            out.write(chunk)
    if not total:
        raise _error("standard input is empty: pipe a chart or a table into it")
    return head


def _error(message: str) -> ChartError:
    return ChartError([Problem(STDIN_NAME, message)])


def rename_problems(problems: list[Problem], temporary: str) -> list[Problem]:
    """The problems with the temporary file's name replaced by ``<stdin>``.

    Examples
    --------
    >>> rename_problems([Problem("/tmp/x/stdin.csv", "bad /tmp/x/stdin.csv", line=2)],
    ...                 "/tmp/x/stdin.csv")
    [Problem(file='<stdin>', message='bad <stdin>', line=2, node=None, fix=None)]
    """
    return [replace(p, file=STDIN_NAME if p.file == temporary else p.file,
                    message=p.message.replace(temporary, STDIN_NAME)) for p in problems]
