"""Text of input files: reading, decoding, control characters, and the chart format's ids."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from anyascii import anyascii

from orgraph import limits
from orgraph._control import CONTROL as _CONTROL
from orgraph.errors import ChartError, Problem
from orgraph.formats._encoding import decode_text
from orgraph.formats._report import Report
from orgraph.inputfile import read_limited

__all__ = [
    "ID_PATTERN",
    "decode_text",
    "plain_text",
    "read_bytes",
    "safe_ids",
    "scrub_controls",
    "scrub_parsed",
    "strip_controls",
]

#: The chart format's id rule (``orgraph/schema/chart.schema.json``).
ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*")
_ID_BYTES = bytes(range(48, 58)) + bytes(range(65, 91)) + bytes(range(97, 123)) + b"_.-/"


def read_bytes(path: str | Path) -> bytes:
    """Read an input file (at most the ``input_bytes`` limit), errors naming the file."""
    return read_limited(path, limits.current().input_bytes, "inputs",
                        limits.how_to_raise("input_bytes"))


def safe_ids(raw_ids: Iterable[str], report: Report | None = None) -> dict[str, str]:
    """Map ids that break the chart format's id rule to safe ones; valid ids map to themselves.

    Returns only the rewritten ids (an empty dict when all are valid). Safe ids are ASCII
    letters, digits, ``_ - . /``: a rewritten id is the name transliterated (anyascii: ``Ø``
    → ``o``, ``æ`` → ``ae``, ``å`` → ``a``, other scripts too) and lower-cased, other
    characters ``_``; collisions get a numeric suffix.

    Examples
    --------
    >>> safe_ids(["Jane Doe", "jane_doe", "Ola Nordmann", "ok-1"])
    {'Jane Doe': 'jane_doe_2', 'Ola Nordmann': 'ola_nordmann'}
    >>> safe_ids(["Øystein Berg", "Åse Ærø", "<script>", "Пётр"])
    {'Øystein Berg': 'oystein_berg', 'Åse Ærø': 'ase_aero', '<script>': '_script_', 'Пётр': 'petr'}
    """
    raw_ids = list(raw_ids)
    if raw_ids and max(map(len, raw_ids)) <= 200 and _all_valid(raw_ids):
        return {}  # the common case, a million ids in a few passes of C
    fullmatch = ID_PATTERN.fullmatch
    bad = [r for r in raw_ids if len(r) > 200 or fullmatch(r) is None]
    if not bad:
        return {}
    taken = set(raw_ids) - set(bad)
    out: dict[str, str] = {}
    for raw in bad:
        if raw in out:
            continue
        slug = re.sub(r"[^a-z0-9_.\-/]+", "_", anyascii(raw).lower())[:190] or "id"
        if not re.match(r"[A-Za-z0-9_]", slug):
            slug = "_" + slug
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}_{n}"
        taken.add(candidate)
        out[raw] = candidate
    if report is not None:
        examples = ", ".join(f"{k!r} → {v!r}" for k, v in list(out.items())[:3])
        report.note(f"{len(out)} id(s) rewritten to fit the chart format's id rule (letters, "
                    f"digits, _ - . /), the original kept in 'source_id': {examples}"
                    + (", ..." if len(out) > 3 else ""))
    return out


def _all_valid(ids: list[str]) -> bool:
    """Whether every id (none longer than 200) fits :data:`ID_PATTERN`, in bulk.

    Examples
    --------
    >>> _all_valid(["a", "B-1", "x/y.z", "_"]), _all_valid(["a", "-b"]), _all_valid(["a", ""])
    (True, False, False)
    >>> _all_valid(["a b"]), _all_valid(["Åse"]), _all_valid(["a", "b\\n.c"])
    (False, False, False)
    """
    joined = "\n".join(ids)
    if not joined.isascii():
        return False
    data = joined.encode("ascii")
    if data.translate(None, _ID_BYTES) != b"\n" * (len(ids) - 1):
        return False  # a character outside the rule (or a line break inside an id)
    if data[:1] in (b"", b"\n", b".", b"-", b"/") or data.endswith(b"\n"):
        return False  # the first id starts badly, or the first or last is empty
    return not any(two in data for two in (b"\n\n", b"\n.", b"\n-", b"\n/"))


_TAGS = re.compile(r"<[^<>]*>")


def plain_text(value: Any) -> str:
    """A label as plain text: control characters removed, HTML-like markup stripped.

    Examples
    --------
    >>> plain_text("<<b>Rådmann</b><br/>&amp; stab>")
    'Rådmann & stab'
    >>> plain_text("a\\x00b")
    'ab'
    """
    import html

    text = str(value)
    if text.startswith("<") and text.endswith(">"):  # a DOT HTML-like label
        text = html.unescape(_TAGS.sub(" ", text[1:-1]))
        text = " ".join(text.split())
    return _CONTROL.sub("", text)


def strip_controls(text: str) -> str:
    """Text without control characters (line breaks and tabs stay).

    Examples
    --------
    >>> strip_controls("<b>a\x07</b>")
    '<b>a</b>'
    """
    return _CONTROL.sub("", text)


_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 0x1b: "ESC", 0x7f: "DEL"}


def scrub_controls(text: str, filename: str, report: Report | None = None,
                   strict: bool = False) -> str:
    """``text`` without control characters (tabs and line ends stay), each removal reported.

    Terminal escape sequences (``ESC [31m``) go whole. A lenient reading records one
    repair naming how many were removed and the first lines; a strict reading refuses the
    file, since no chart text may hold them.

    Raises
    ------
    ChartError
        ``strict`` and a control character found; the message names its line.

    Examples
    --------
    >>> report = Report("a.csv")
    >>> scrub_controls("id,label\\n1,\\x1b[31mRed\\x1b[0m\\x00\\n", "a.csv", report)
    'id,label\\n1,Red\\n'
    >>> print(report.repairs[0])
    a.csv:2: removed 3 control character(s) (ESC, NUL; terminal escape sequences whole) on \
line 2
    >>> scrub_controls("a\\x07", "a.csv", strict=True)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: a.csv:1: holds the control character U+0007 (BEL), which no \
chart text may hold; remove it (or read with --lenient to have it removed)
    """
    first = _CONTROL.search(text)
    if first is None:
        return text
    line = text.count("\n", 0, first.start()) + 1
    code = ord(first.group())
    if strict:
        raise ChartError([Problem(filename, f"holds the control character U+{code:04X} "
                                            f"({_NAMES.get(code, 'control')}), which no chart "
                                            "text may hold; remove it (or read with --lenient "
                                            "to have it removed)", line=line)])
    found = _CONTROL.findall(text)
    lines = sorted({text.count("\n", 0, m.start()) + 1
                    for m in itertools.islice(_CONTROL.finditer(text), 200)})
    kinds = sorted({_NAMES.get(ord(c), f"U+{ord(c):04X}") for c in found})
    cleaned = _CONTROL.sub("", _ANSI.sub("", text))
    if report is not None:
        shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
        report.repair(Problem(filename, f"removed {len(found)} control character(s) "
                                        f"({', '.join(kinds[:6])}; terminal escape sequences "
                                        f"whole) on line{'s' if len(lines) > 1 else ''} "
                                        f"{shown}", line=line))
    return cleaned


_ESCAPED_CONTROL = re.compile(r"\\u00[0189][0-9a-fA-F]|\\u007[fF]|\\[bf]")


def scrub_parsed(data: Any, text: str, filename: str, report: Report | None = None,
                 strict: bool = False) -> Any:
    """Parsed JSON without control characters in its texts (keys and values), reported.

    JSON writes them as escapes (``"\\u001b[31m"``), which :func:`scrub_controls` does not
    see in the raw text; the walk (an explicit stack) runs only when ``text`` holds one.

    Examples
    --------
    >>> report = Report("a.json")
    >>> scrub_parsed({"id": "a\\x00b", "x": ["\\x1b[1mB"]}, '"\\\\u0000"', "a.json", report)
    {'id': 'ab', 'x': ['B']}
    >>> print(report.repairs[0])
    a.json: removed control characters in 2 text(s) (ESC, NUL; terminal escape sequences whole)
    """
    if _ESCAPED_CONTROL.search(text) is None:
        return data
    found: list[str] = []

    def clean(value: str) -> str:
        if _CONTROL.search(value) is None:
            return value
        found.append(value)
        return _CONTROL.sub("", _ANSI.sub("", value))

    root = [data]
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        pairs = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
        for key, value in pairs:
            if isinstance(value, str):
                item[key] = clean(value)
            elif isinstance(value, dict | list):
                stack.append(value)
            if isinstance(key, str) and clean(key) is not key:
                item[clean(key)] = item.pop(key)
    if found:
        codes = sorted({_NAMES.get(ord(c), f"U+{ord(c):04X}") for v in found
                        for c in _CONTROL.findall(v)})
        message = (f"control characters in {len(found)} text(s) ({', '.join(codes[:6])}"
                   "; terminal escape sequences whole)")
        if strict:
            raise ChartError([Problem(filename, f"holds {message}, which no chart text may "
                                                "hold; remove them (or read with --lenient "
                                                "to have them removed)")])
        if report is not None:
            report.repair(Problem(filename, f"removed {message}"))
    return root[0]
