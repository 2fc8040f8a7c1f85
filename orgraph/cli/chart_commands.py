"""``orgraph validate`` and ``orgraph show``."""

from __future__ import annotations

import click

from orgraph.cli.base import CONTEXT, EXIT_INPUT, friendly_errors, lang_option
from orgraph.cli.input_options import input_options, read_input
from orgraph.errors import ChartError
from orgraph.textree import text_tree

__all__ = ["show", "validate"]


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@input_options
def validate(files: tuple[str, ...], input_opts: dict) -> None:
    """Check chart files and report every problem, one line each.

    Prints "FILE: ok (N nodes, M edges)" for a sound file and "error: FILE:LINE: ..." for each
    problem; exits with 1 when any file has a problem.

    \b
    Examples:
      orgraph validate charts/*.yaml
      orgraph validate my-municipality.yaml
      orgraph validate hr-export.csv --profile visio
    """
    failed = False
    for path in files:
        try:
            org = read_input(path, **input_opts)
        except ChartError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            continue
        click.echo(f"{path}: ok ({org.number_of_nodes()} nodes, {org.number_of_edges()} edges)")
    if failed:
        raise SystemExit(EXIT_INPUT)


@click.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@input_options
def show(file: str, lang: str, input_opts: dict) -> None:
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
    for line in text_tree(org, lang=lang):
        click.echo(line)
