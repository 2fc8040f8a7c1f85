"""``orgraph validate`` and ``orgraph show``."""

from __future__ import annotations

from pathlib import Path

import click

from orgraph.cli.base import CONTEXT, EXIT_INPUT, friendly_errors, lang_option
from orgraph.cli.input_options import input_options, read_input
from orgraph.errors import ChartError
from orgraph.formats import SUFFIXES, Report
from orgraph.language import resolve_language
from orgraph.textree import text_tree

__all__ = ["show", "validate"]


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@input_options(strict=True)
def validate(files: tuple[str, ...], input_opts: dict) -> None:
    """Check chart files and report every problem, one line each.

    Prints "FILE: ok (N nodes, M edges)" for a sound file and "error: FILE:LINE: ..." for each
    problem; exits with 1 when any file has a problem. Files whose suffix is not a chart or
    data format (a README beside the charts) are skipped with a note, unless --from names a
    format; a call that checks no file at all fails.

    The check is strict: a file is held to its format's own rules (a UK organogram to the
    Cabinet Office's). --lenient previews what the analysis commands would repair instead:
    each repair a "warning: FILE:LINE: ..." and the file "ok (..., K repairs)".

    \b
    Examples:
      orgraph validate charts/*
      orgraph validate my-municipality.yaml
      orgraph validate hr-export.csv --profile visio
      orgraph validate tests/data/organogram-senior.csv --lenient
    """
    failed = False
    checked = 0
    for path in files:
        if input_opts.get("from_format") is None and Path(path).suffix.lower() not in SUFFIXES:
            click.echo(f"skipped: {path}: not a chart or data file (suffix "
                       f"{Path(path).suffix or '(none)'!r}); name its format with --from to "
                       "read it anyway", err=True)
            continue
        checked += 1
        report = Report(path)
        try:
            org = read_input(path, report=report, **input_opts)
        except ChartError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            continue
        repairs = f", {len(report.repairs)} repairs" if report.repairs else ""
        click.echo(f"{path}: ok ({org.number_of_nodes()} nodes, {org.number_of_edges()} "
                   f"edges{repairs})")
    if failed or not checked:
        raise SystemExit(EXIT_INPUT)


@click.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@input_options
def show(file: str, lang: str | None, input_opts: dict) -> None:
    """Print an organisation as a text tree.

    Line reporting, staff units ("(stab)") and political delegation form the tree; dotted-line
    reporting, memberships, orders and services are listed below it.

    \b
    Examples:
      orgraph show charts/evenes.yaml
      orgraph show --lang en examples/minimal.yaml
      orgraph show org.csv --id-col Ansattnr --parent-col Leder
    """
    with friendly_errors():
        org = read_input(file, **input_opts)
    for line in text_tree(org, lang=resolve_language(org, lang)):
        click.echo(line)
