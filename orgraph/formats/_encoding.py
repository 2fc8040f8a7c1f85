"""Decoding an input file's bytes: bytes not valid in the encoding, and U+FFFD already in it.

Two kinds of damage, each reported with its file, line and column:

- Bytes that are not valid in the file's encoding (UTF-8 by default): a strict reading
  refuses the file, naming the first; a lenient one reads each such byte as Windows-1252
  (cp1252, what Excel on Windows saves: ``0xF8`` is ``ø``) and reports every line where it
  did. Valid UTF-8 around them stays UTF-8, so a mostly UTF-8 file with a few pasted
  Windows bytes reads whole. A byte Windows-1252 leaves undefined becomes U+FFFD.
- U+FFFD (the replacement character, drawn as a black diamond or square) already in valid
  text: whoever wrote the file met bytes that were not valid in its encoding and replaced
  them, so the character is lost before orgraph sees it. It is kept (no text is dropped or
  guessed) and reported per line; the bytes are valid, so ``--strict`` notes it once and
  does not refuse.

An explicit ``--encoding latin-1`` or ``cp1252`` on a file whose bytes are UTF-8 (``Ã¸`` for
``ø``) is read as asked, with a note saying what UTF-8 would give.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import re
import threading

from orgraph.errors import ChartError, Problem
from orgraph.formats._report import Report

__all__ = ["decode_text"]

_FALLBACK = "orgraph-windows-1252"
_SEEN = threading.local()


def _as_windows_1252(exc: UnicodeError) -> tuple[str, int]:
    """The codec error handler: the bad bytes as Windows-1252, their places recorded."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _SEEN.places.append((exc.start, exc.end))
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK, _as_windows_1252)

_SINGLE_BYTE = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "cp1252", "windows-1252",
                "iso-8859-15", "latin-9", "cp850", "mac-roman", "macroman"}


def decode_text(data: bytes, filename: str, encoding: str | None = None,
                report: Report | None = None, strict: bool = True, table: bool = False) -> str:
    """Decode a text file: a byte-order mark wins; otherwise ``encoding`` or UTF-8.

    With a ``report`` and not ``strict``, bytes not valid in the encoding are read as
    Windows-1252 and each line with them reported; U+FFFD characters in the text are kept
    and reported (see the module's text), by their cell's column when ``table`` (a CSV).

    Raises
    ------
    ChartError
        ``strict`` (the default) and bytes not valid in the encoding; the message gives the
        line and column and suggests ``--encoding cp1252``.

    Examples
    --------
    >>> decode_text(b"\\xef\\xbb\\xbfid,parent\\n", "a.csv")
    'id,parent\\n'
    >>> decode_text("Tromsø".encode("latin-1"), "a.csv")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: a.csv:1: is not valid utf-8 (byte 0xf8 at column 6); ...
    >>> report = Report("a.csv")
    >>> decode_text("id,name\\n1,Tromsø\\n".encode("cp1252"), "a.csv", report=report,
    ...             strict=False)
    'id,name\\n1,Tromsø\\n'
    >>> print(report.repairs[0])
    a.csv:2: byte(s) not valid in utf-8 at column 8 ('F8'): read as Windows-1252 'ø' (as \
Excel on Windows saves); if the file is in another encoding, give it with --encoding
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, data = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    encoding = encoding or "utf-8"
    try:
        text = data.decode(encoding)
    except LookupError:
        raise ChartError([Problem(filename, f"unknown encoding {encoding!r}; use e.g. utf-8, "
                                            "latin-1 or cp1252")]) from None
    except UnicodeDecodeError as exc:
        if strict or report is None:
            raise ChartError([_refusal(data, exc, filename, encoding)]) from None
        text = _lenient(data, filename, encoding, report)
    if text.startswith("\ufeff"):
        text = text[1:]
    if report is not None:
        if "\ufffd" in text:
            _replacement_characters(text, filename, report, strict, table)
        if encoding.lower() in _SINGLE_BYTE and not data.isascii():
            _utf8_read_as_single_byte(data, text, encoding, report)
    return text


def _refusal(data: bytes, exc: UnicodeDecodeError, filename: str, encoding: str) -> Problem:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return Problem(filename, f"is not valid {encoding} (byte 0x{data[exc.start]:02x} at column "
                             f"{column}); if it was saved by Excel or an older system, read it "
                             "with --encoding cp1252 (or latin-1), or with --lenient to have "
                             "such bytes read as Windows-1252, each reported", line=line)


def _lenient(data: bytes, filename: str, encoding: str, report: Report) -> str:
    """``data`` decoded with its bad bytes as Windows-1252, one repair per line with them."""
    _SEEN.places = []
    try:
        text = data.decode(encoding, errors=_FALLBACK)
        places = _SEEN.places
    finally:
        _SEEN.places = []
    starts = [m.end() for m in re.finditer(b"\n", data)]
    by_line: dict[int, list[tuple[int, int]]] = {}
    for start, end in places:
        by_line.setdefault(bisect.bisect_right(starts, start) + 1, []).append((start, end))
    for line, found in by_line.items():
        line_start = starts[line - 2] if line > 1 else 0
        bad = b"".join(data[s:e] for s, e in found)
        chars = bad.decode("cp1252", errors="replace")
        shown = chars if len(chars) <= 12 else chars[:12] + "…"
        report.repair(Problem(
            filename, f"byte(s) not valid in {encoding} at column {found[0][0] - line_start + 1}"
                      f" ({' '.join(f'{b:02X}' for b in bad[:12])!r}): read as Windows-1252 "
                      f"{shown!r} (as Excel on Windows saves); if the file is in another "
                      "encoding, give it with --encoding", line=line))
    return text


def _replacement_characters(text: str, filename: str, report: Report, strict: bool,
                            table: bool) -> None:
    """Report the lines holding U+FFFD: each in a lenient reading, once when ``strict``."""
    lines = text.split("\n")
    header = _header(lines) if table else None
    found = [(n, line) for n, line in enumerate(lines, 1) if "\ufffd" in line]
    what = ("U+FFFD, the replacement character (drawn as a black diamond or square): the "
            "program that wrote the file met bytes not valid in its encoding and replaced "
            "them, so the original character is lost")
    if strict:
        shown = ", ".join(str(n) for n, _ in found[:10]) + (", ..." if len(found) > 10 else "")
        report.note(f"{sum(line.count(chr(0xfffd)) for _, line in found)} character(s) "
                    f"{what}; kept as they are (the bytes are valid, so this is no refusal): "
                    f"line{'s' if len(found) > 1 else ''} {shown}; fix them in the source")
        return
    for n, line in found:
        where, cell = _cell(header, line) or (f"column {line.index(chr(0xfffd)) + 1}", line)
        report.repair(Problem(filename, f"{where} holds {what} ({_excerpt(cell)!r}); kept "
                                        "as it is: fix it in the source", line=n))


def _header(lines: list[str]) -> list[str] | None:
    """A delimited file's column names (below Excel's ``sep=`` line), or None."""
    first = lines[1] if lines and lines[0].lower().startswith("sep=") and len(lines) > 1 \
        else (lines[0] if lines else "")
    delimiter = max((",", ";", "\t"), key=first.count)
    if not first.count(delimiter):
        return None
    try:
        return [delimiter, *next(csv.reader([first.rstrip("\r")], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return None


def _cell(header: list[str] | None, line: str) -> tuple[str, str] | None:
    """``("column 8 'Job Title'", cell)`` for the first cell of ``line`` holding U+FFFD."""
    if header is None:
        return None
    delimiter, names = header[0], header[1:]
    try:
        cells = next(csv.reader([line.rstrip("\r")], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    index = next((i for i, cell in enumerate(cells) if "\ufffd" in cell), None)
    if index is None:
        return None
    name = f" {names[index]!r}" if index < len(names) and names[index] else ""
    return f"column {index + 1}{name}", cells[index]


def _excerpt(text: str) -> str:
    """Up to 25 characters each side of the first U+FFFD in ``text``.

    Examples
    --------
    >>> _excerpt("Diary Manager\ufffd")
    'Diary Manager\ufffd'
    """
    at = text.index("\ufffd")
    start, end = max(0, at - 25), min(len(text), at + 26)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _utf8_read_as_single_byte(data: bytes, text: str, encoding: str, report: Report) -> None:
    """Note that bytes read as ``encoding`` (asked for) are UTF-8, with the first word."""
    try:
        utf8 = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    word = next((w for w in re.findall(r"\S+", utf8) if not w.isascii()), "")
    as_read = word.encode("utf-8").decode(encoding, errors="replace")
    report.note(f"read as {encoding}, as --encoding asks, though the bytes are valid UTF-8: "
                f"{as_read[:40]!r} would be {word[:40]!r}; leave out --encoding to read UTF-8")
