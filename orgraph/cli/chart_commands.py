"""``orgraph validate`` and ``orgraph show``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from orgraph.cli.base import (
    CONTEXT,
    EXIT_INPUT,
    QUIET,
    friendly_errors,
    info,
    lang_option,
    print_problems,
    quiet_option,
)
from orgraph.cli.input_options import input_options, read_input
from orgraph.cli.stdin_input import STDIN, shown
from orgraph.errors import ChartError
from orgraph.formats import SUFFIXES, Report
from orgraph.language import resolve_language
from orgraph.textree import text_tree

__all__ = ["show", "validate"]


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="text: a line per file and per problem; json: one JSON array on stdout "
                   "with an object per problem (file, line, node, message, fix, severity), "
                   "for editors and CI.")
@quiet_option
@input_options(strict=True)
def validate(files: tuple[str, ...], fmt: str, input_opts: dict) -> None:
    """Check chart files and report every problem, one line each.

    Prints "FILE: ok (N nodes, M edges)" for a sound file and "error: FILE:LINE: ..." for each
    problem; exits with 1 when any file has a problem. Files whose suffix is not a chart or
    data format (a README beside the charts) are skipped with a note, unless --from names a
    format; a call that checks no file at all fails. FILE - reads standard input.

    The check is strict: a file is held to its format's own rules (a UK organogram to the
    Cabinet Office's). --lenient previews what the analysis commands would repair instead:
    each repair a "warning: FILE:LINE: ..." and the file "ok (..., K repairs)".

    With --format json, standard output is one JSON array: an object per problem, with
    "severity" "error" (the file was refused), "warning" (a --lenient repair, or something
    the reading dropped) or "note" (a decision the reading made, such as the head it chose);
    [] when every file is sound and read as written. The exit code is the same as for text.

    \b
    Examples:
      orgraph validate charts/*
      orgraph validate examples/minimal.yaml
      orgraph validate tests/data/visio-export.csv --profile visio
      orgraph validate tests/data/organogram-senior.csv --lenient
      orgraph validate charts/*.yaml --format json
    """
    found: list[dict] = []
    failed = False
    checked = 0
    for path in files:
        if (input_opts.get("from_format") is None and path != STDIN
                and Path(path).suffix.lower() not in SUFFIXES):
            info(f"skipped: {path}: not a chart or data file (suffix "
                 f"{Path(path).suffix or '(none)'!r}); name its format with --from to "
                 "read it anyway")
            continue
        checked += 1
        report = Report(path)
        try:
            if fmt == "json":
                with _no_report():
                    org = read_input(path, report=report, **input_opts)
            else:
                org = read_input(path, report=report, **input_opts)
        except ChartError as exc:
            failed = True
            found += [{**p.as_dict(), "severity": "error"} for p in exc.problems]
            if fmt == "text":
                print_problems(exc.problems, "error")
            continue
        found += _report_objects(report)
        repairs = f", {len(report.repairs)} repairs" if report.repairs else ""
        if fmt == "text":
            click.echo(f"{shown(path)}: ok ({org.number_of_nodes()} nodes, "
                       f"{org.number_of_edges()} edges{repairs})")
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
    if failed or not checked:
        raise SystemExit(EXIT_INPUT)


def _report_objects(report: Report) -> list[dict]:
    """A reading's repairs (``warning``), drops (``warning``) and decisions (``note``) as the
    objects of ``validate --format json``.

    Examples
    --------
    >>> from orgraph.errors import Problem
    >>> report = Report("a.csv")
    >>> report.note("no kinds in the file")
    >>> report.repair(Problem("a.csv", "blank name: read as N/D", line=3, node="B1"))
    >>> [(o["severity"], o["line"], o["message"]) for o in _report_objects(report)]
    [('warning', 3, 'blank name: read as N/D'), ('note', None, 'no kinds in the file')]
    """
    def plain(message: str, severity: str) -> dict:
        return {"file": report.file, "line": None, "node": None, "message": message,
                "fix": None, "severity": severity}

    return ([{**p.as_dict(), "severity": "warning"} for p in report.repairs]
            + [plain(f"dropped {m}", "warning") for m in report.dropped]
            + [plain(m, "note") for m in report.notes])


@contextmanager
def _no_report() -> Iterator[None]:
    """Keep the repair report off stderr: ``--format json`` carries it on stdout."""
    ctx = click.get_current_context()
    quiet = ctx.meta.get(QUIET)
    ctx.meta[QUIET] = True
    try:
        yield
    finally:
        ctx.meta[QUIET] = quiet


@click.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@quiet_option
@input_options
def show(file: str, lang: str | None, input_opts: dict) -> None:
    """Print an organisation as a text tree.

    Line reporting, staff units ("(stab)") and political delegation form the tree; dotted-line
    reporting, memberships, orders and services are listed below it.

    \b
    Examples:
      orgraph show charts/evenes.yaml
      orgraph show --lang en examples/minimal.yaml
      orgraph show tests/data/latin1.csv --encoding latin-1 --parent-col overordnet
      orgraph convert charts/lier.yaml - --to csv | orgraph show - --from csv
    """
    with friendly_errors():
        org = read_input(file, **input_opts)
    for line in text_tree(org, lang=resolve_language(org, lang)):
        click.echo(line)
