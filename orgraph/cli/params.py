"""Option types that refuse what the library would choke on: NaN and infinite numbers,
delimiters that are not one character, names that are not text encodings.

Each turns a bad value into click's usage error (exit code 2) naming the option and the fix,
never a traceback from deep inside a reader or the engine.

Examples
--------
>>> import click
>>> from click.testing import CliRunner
>>> @click.command()
... @click.option("--timeout", type=FiniteFloat(min=0, min_open=True, max=10))
... def wait(timeout):
...     click.echo(timeout)
>>> CliRunner().invoke(wait, ["--timeout", "2.5"]).output
'2.5\\n'
>>> print(CliRunner().invoke(wait, ["--timeout", "nan"]).output.splitlines()[-1])
Error: Invalid value for '--timeout': 'nan' is not a finite number.
"""

from __future__ import annotations

import codecs
import csv
import math
from typing import Any

import click

__all__ = ["FiniteFloat", "check_delimiter", "check_encoding"]

#: Names a delimiter may be given by, for characters a shell makes hard to type.
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "space": " ", "semicolon": ";", "comma": ",",
                   "pipe": "|"}


class FiniteFloat(click.FloatRange):
    """:class:`click.FloatRange` that also refuses NaN and ±infinity (a range check alone
    lets NaN through: every comparison with it is false)."""

    name = "float"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return super().convert(number, param, ctx)


def check_delimiter(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--delimiter``: one character that can separate CSV fields (``tab`` or ``\\t`` for a
    tab).

    Examples
    --------
    >>> check_delimiter(None, None, "tab"), check_delimiter(None, None, ";")
    ('\\t', ';')
    >>> check_delimiter(None, None, ";;")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: ';;' is 2 characters; give one, e.g. ';' or tab
    """
    if value is None:
        return None
    char = DELIMITER_NAMES.get(value.lower(), value) if len(value) != 1 else value
    if len(char) != 1:
        raise click.BadParameter(f"{value!r} is {len(value)} characters; give one, e.g. ';' "
                                 "or tab", ctx, param)
    if char in "\r\n\"" or char.isalnum():
        raise click.BadParameter(f"{value!r} cannot separate fields (it is a line end, the "
                                 "quote or a letter or digit); give e.g. ',', ';' or tab",
                                 ctx, param)
    try:
        csv.reader([], delimiter=char)
    except (TypeError, csv.Error) as exc:  # pragma: no cover - the checks above catch these
        raise click.BadParameter(f"{value!r}: {exc}", ctx, param) from None
    return char


def check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--encoding``: the name of a text encoding Python knows (``latin-1``, ``cp1252``, ...).

    Examples
    --------
    >>> check_encoding(None, None, "Latin-1")
    'Latin-1'
    >>> check_encoding(None, None, "rot13")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'rot13' is not a text encoding; use e.g. utf-8, latin-1 or cp1252
    """
    if value is None:
        return None
    try:
        info = codecs.lookup(value)
    except LookupError:
        info = None
    # what bytes.decode checks: rot13, hex, base64, zlib ... are codecs, not text encodings
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise click.BadParameter(f"{value!r} is not a text encoding; use e.g. utf-8, latin-1 "
                                 "or cp1252", ctx, param)
    return value
