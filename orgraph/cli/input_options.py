"""One shared set of input options, so every command reads every format the same way.

A command adopts them with two lines::

    @click.command()
    @click.argument("file")
    @input_options                      # adds --from, --profile, --id-col, ..., --encoding
    def show(file, input_opts):         # receives them as one dict
        with friendly_errors():
            org = read_input(file, **input_opts)

:func:`read_input` reads the file through :func:`orgraph.load` and prints, on stderr, what
the conversion dropped or decided (nothing is dropped silently).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

import orgraph
from orgraph.formats import READABLE, Report
from orgraph.formats.chartjson import JSON_PROFILES
from orgraph.formats.tabular import PROFILES
from orgraph.infer import set_head
from orgraph.model import Organisation

__all__ = ["INPUT_OPTION_NAMES", "input_options", "print_report", "read_input"]

_OPTIONS: list[tuple[str, Callable[..., Any]]] = [
    ("from_format", click.option(
        "--from", "from_format", type=click.Choice(READABLE), metavar="FMT",
        help=f"Input format ({', '.join(READABLE)}); default: from the file suffix.")),
    ("profile", click.option(
        "--profile", type=click.Choice(list(dict.fromkeys([*PROFILES, *JSON_PROFILES]))),
        help="The exporting tool: tables' column names, or the JSON shape (d3, balkan, "
             "dabeng/tree, nodelink); default: detected.")),
    ("id_col", click.option("--id-col", metavar="COL", help="Tables: the id column.")),
    ("parent_col", click.option("--parent-col", metavar="COL",
                                help="Tables: the reports-to column.")),
    ("name_col", click.option("--name-col", metavar="COL[,COL]",
                              help="Tables: the name (label) column; several, e.g. "
                                   "first_name,last_name, are joined by a space.")),
    ("kind_col", click.option("--kind-col", metavar="COL",
                              help="Tables: the column with orgraph kinds (unit, staff, ...).")),
    ("dotted_col", click.option("--dotted-col", metavar="COL",
                                help="Tables: dotted-line superiors, ';'-separated ids.")),
    ("headcount_col", click.option("--headcount-col", metavar="COL",
                                   help="Tables: the head count / FTE column.")),
    ("delimiter", click.option("--delimiter", metavar="CHAR",
                               help="Tables: field separator (default: detected; tab for "
                                    ".tsv).")),
    ("encoding", click.option("--encoding", metavar="ENC",
                              help="Text encoding, e.g. latin-1 (default: UTF-8; a "
                                   "byte-order mark always wins).")),
    ("top", click.option("--top", metavar="ID",
                         help="Files without kinds: the head of the organisation (default: "
                              "the top of each tree).")),
    ("junior", click.option("--junior", type=click.Path(dir_okay=False), metavar="FILE",
                            help="Organograms: the junior-post CSV (default: the file named "
                                 "like the senior one with 'junior').")),
]
#: The keyword names :func:`input_options` collects into ``input_opts``.
INPUT_OPTION_NAMES = tuple(name for name, _ in _OPTIONS)


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the input options to a click command; it receives them as ``input_opts`` (a dict).

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @click.argument("file")
    ... @input_options
    ... def count(file, input_opts):
    ...     click.echo(read_input(file, **input_opts).number_of_nodes())
    >>> CliRunner().invoke(count, ["examples/minimal.yaml"]).output
    '10\\n'
    """
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        opts = {name: kwargs.pop(name, None) for name in INPUT_OPTION_NAMES}
        return func(*args, input_opts=opts, **kwargs)

    for _, option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def print_report(report: Report) -> None:
    """Print what a conversion dropped (``warning:``) or decided (``note:``) on stderr."""
    for message in report.dropped:
        click.echo(f"warning: {report.file}: dropped {message}", err=True)
    for message in report.notes:
        click.echo(f"note: {report.file}: {message}", err=True)


def read_input(path: str | Path, *, from_format: str | None = None,
               **options: Any) -> Organisation:
    """Read any readable format with the options of :func:`input_options`.

    Raises :class:`~orgraph.errors.ChartError` (wrap the call in ``friendly_errors()``);
    prints the conversion report on stderr.
    """
    report = Report(str(path))
    top = options.pop("top", None)
    options = {k: v for k, v in options.items() if v is not None}
    org = orgraph.load(path, format=from_format, report=report, **options)
    if top is not None:
        set_head(org, top, report)
    print_report(report)
    return org
