"""One shared set of input options, so every command reads every format the same way.

A command adopts them with two lines::

    @click.command()
    @click.argument("file")
    @input_options                      # adds --from, --profile, ..., --strict/--lenient
    def show(file, input_opts):         # receives them as one dict
        with friendly_errors():
            org = read_input(file, **input_opts)

``--strict/--lenient`` chooses the reading: lenient (the default of the analysis commands)
keeps every record and reports each repair; strict (``input_options(strict=True)``, the
default of ``orgraph validate``) refuses a file that breaks its format's rules.
:func:`read_input` reads the file through :func:`orgraph.load` and prints, on stderr, what
the conversion dropped, decided or repaired (nothing is dropped silently).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

import orgraph
from orgraph import limits
from orgraph.cli.base import info, note_line, print_problems, report_options
from orgraph.cli.params import check_delimiter, check_encoding
from orgraph.cli.stdin_input import STDIN, STDIN_NAME, rename_problems, stdin_copy
from orgraph.errors import ChartError, Problem
from orgraph.formats import READABLE, Report
from orgraph.formats.chartjson import JSON_PROFILES
from orgraph.formats.tabular import PROFILES
from orgraph.infer import set_head
from orgraph.limits import parse_limit
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
    ("delimiter", click.option("--delimiter", metavar="CHAR", callback=check_delimiter,
                               help="Tables: field separator, one character or 'tab' "
                                    "(default: detected; tab for .tsv).")),
    ("sheet", click.option("--sheet", metavar="NAME",
                           help="Workbooks (.xlsx): the sheet to read (default: the first; "
                                "the others are reported).")),
    ("encoding", click.option("--encoding", metavar="ENC", callback=check_encoding,
                              help="Text encoding, e.g. latin-1 (default: UTF-8; a "
                                   "byte-order mark always wins).")),
    ("top", click.option("--top", metavar="ID",
                         help="Files without kinds: the head of the organisation (default: "
                              "the top of each tree).")),
    ("limit", click.option("--limit", "limit", multiple=True, metavar="NAME=N",
                           help="Raise an input limit for this run, e.g. rows=50000000 "
                                "(names and defaults: docs/limits.md); repeatable.")),
    ("junior", click.option("--junior", type=click.Path(dir_okay=False), metavar="FILE",
                            help="Organograms: the junior-post CSV (default: the file named "
                                 "like the senior one with 'junior').")),
]
#: The keyword names :func:`input_options` collects into ``input_opts``.
INPUT_OPTION_NAMES = (*(name for name, _ in _OPTIONS), "strict")


def _strict_option(default: bool) -> Callable[..., Any]:
    if default:
        text = ("Strict (the default here) refuses a file that breaks its format's rules, "
                "as the publisher's validator does; --lenient previews the repairs an "
                "analysis would make, each reported with its file, line and record.")
    else:
        text = ("Lenient (the default) keeps every record of a file that breaks its "
                "format's rules (a UK organogram's blank names, several top posts, ...) and "
                "reports each repair with its file, line and record; --strict refuses the "
                "file instead.")
    return click.option("--strict/--lenient", "strict", default=default, show_default=False,
                        help=text)


def input_options(func: Callable[..., Any] | None = None, *,
                  strict: bool = False) -> Any:
    """Add the input options to a click command; it receives them as ``input_opts`` (a dict).

    Use it bare (``@input_options``: lenient by default) or as ``@input_options(strict=True)``
    (strict by default, ``--lenient`` to relax).

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
    if func is None:
        return functools.partial(input_options, strict=strict)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        opts = {name: kwargs.pop(name, None) for name in INPUT_OPTION_NAMES}
        return func(*args, input_opts=opts, **kwargs)

    wrapper = report_options(_strict_option(strict)(wrapper))
    for _, option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def print_report(report: Report) -> None:
    """Print what a conversion dropped or repaired (``warning:``) or decided (``note:``).

    On standard error, and not at all with ``--quiet``.
    """
    for message in report.dropped:
        note_line(f"warning: {report.file}: dropped {message}")
    for message in report.notes:
        note_line(f"note: {report.file}: {message}")
    if report.repairs:
        print_problems(report.repairs)
        note_line(f"note: {report.file}: read leniently, {len(report.repairs):,} repair(s) "
                  "above; --strict refuses the file instead")


def read_input(path: str | Path, *, from_format: str | None = None,
               report: Report | None = None, **options: Any) -> Organisation:
    """Read any readable format with the options of :func:`input_options`.

    ``-`` reads standard input (:mod:`orgraph.cli.stdin_input`): its format is
    ``from_format``, else sniffed, and messages name it ``<stdin>``. Raises
    :class:`~orgraph.errors.ChartError` (wrap the call in ``friendly_errors()``); prints the
    conversion report (``report``, a new one if not given) on stderr.
    """
    report = report if report is not None else Report(str(path))
    raised = dict(map(parse_limit, options.pop("limit", None) or ()))
    with limits.raised(**raised):
        if str(path) == STDIN:
            org = _read_stdin(from_format, report, **options)
        else:
            org = _load(path, from_format, report, **options)
    print_report(report)
    return org


def _load(path: str | Path, from_format: str | None, report: Report, *,
          top: str | None = None, **options: Any) -> Organisation:
    options = {k: v for k, v in options.items() if v is not None}
    org = orgraph.load(path, format=from_format, report=report, top=top, **options)
    if top is not None:
        set_head(org, top, report)
    return org


#: Kept in the click context's meta: standard input has been read by this command.
_STDIN_READ = "orgraph.stdin_read"


def _read_stdin(from_format: str | None, report: Report, **options: Any) -> Organisation:
    """:func:`read_input` of standard input, through a temporary copy named ``<stdin>``."""
    report.file = STDIN_NAME
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        if ctx.meta.get(_STDIN_READ):
            raise ChartError([Problem(STDIN_NAME, "standard input was read already: give - "
                                                  "once per command")])
        ctx.meta[_STDIN_READ] = True
    stream = click.get_binary_stream("stdin")
    if stream.isatty():
        info(f"note: {STDIN_NAME}: reading standard input from the terminal; end it with "
             "Ctrl-D (Ctrl-Z Enter on Windows)")
    with stdin_copy(stream, from_format, limits.current().input_bytes) as (path, fmt, sniffed):
        if sniffed:
            info(f"note: {STDIN_NAME}: read as {fmt} (sniffed from its first bytes; --from "
                 "names the format)")
        inner = Report(str(path))
        try:
            org = _load(path, fmt, inner, **options)
        finally:
            report.dropped += [m.replace(str(path), STDIN_NAME) for m in inner.dropped]
            report.notes += [m.replace(str(path), STDIN_NAME) for m in inner.notes]
            report.repairs += rename_problems(inner.repairs, str(path))
    return org


def report_failure(path: str | Path, exc: Exception) -> None:
    """Print why one file of a batch failed: each problem of a ChartError, else the message.

    An :class:`~orgraph.errors.OutputError` names its own path (the output's).
    """
    from orgraph.errors import ChartError, OutputError

    if isinstance(exc, ChartError):
        print_problems(exc.problems, "error")
    elif isinstance(exc, OutputError):
        click.echo(f"error: {exc}", err=True)
    else:
        click.echo(f"error: {path}: {exc}", err=True)


def read_each(files: Iterable[str], **options: Any) -> tuple[list[tuple[str, Organisation]],
                                                              bool]:
    """Read every file of a batch; a file that fails is reported and the others still read.

    Returns the ``(path, organisation)`` pairs that were read and whether any file failed,
    so a command can write what it could and exit with 1 at the end.

    Examples
    --------
    >>> good, failed = read_each(["examples/minimal.yaml", "no-such-file.yaml"])
    >>> [path for path, _ in good], failed
    (['examples/minimal.yaml'], True)
    """
    from orgraph.errors import OrgraphError

    good: list[tuple[str, Organisation]] = []
    failed = False
    for path in files:
        try:
            good.append((path, read_input(path, **options)))
        except OrgraphError as exc:
            failed = True
            report_failure(path, exc)
    return good, failed
