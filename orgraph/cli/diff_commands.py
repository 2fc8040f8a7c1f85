"""``orgraph diff``: what changed between two organisations (two dated charts, or a chart and a
plan's result)."""

from __future__ import annotations

import json

import click

from orgraph.cli.base import CONTEXT, friendly_errors, quiet_option
from orgraph.cli.input_options import input_options, read_input
from orgraph.reorg.diff import MATCH_MODES, diff
from orgraph.reorg.matching import DEFAULT_THRESHOLD

__all__ = ["diff_command"]


@click.command("diff", context_settings=CONTEXT)
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
              default="table", show_default=True,
              help="table for people, json for programs, markdown for a report or an issue.")
@click.option("--match", type=click.Choice(MATCH_MODES), default="auto", show_default=True,
              help="auto: by id, then the units left by label similarity (each such match "
                   "reported with its score); id: by id only; label: by label only.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD,
              show_default=True, help="Least label similarity (0-1) for a label match.")
@click.option("--all-metrics", is_flag=True,
              help="json: every metric of both records, not only those that changed.")
@click.option("-o", "--output", metavar="FILE",
              help="Write to this file instead of standard output.")
@input_options
@quiet_option
def diff_command(old: str, new: str, fmt: str, match: str, threshold: float,
                 all_metrics: bool, output: str | None, input_opts: dict) -> None:
    """Compare two organisations: units added, removed, moved, renamed, re-kinded, re-attached
    and re-counted, and every metric that changed.

    Units are the same unit when they have the same id; with --match auto (the default) the
    units left on both sides are then paired by label similarity, and each such pair is listed
    as "reidentified" with its score. OLD and NEW are read like any input (chart YAML, CSV,
    GraphML, ...), with the same input options.

    The exit code is 0 whenever both files were read and compared, whether or not they
    differ (1 already means a file could not be read, so it cannot also mean "different");
    a script tells the two apart by the json output's "empty".

    \b
    Examples:
      orgraph diff charts/rissa.yaml charts/rissa-2002-06.yaml
      orgraph diff charts/loten.yaml charts/loten-2002-10.yaml --format markdown
      orgraph diff charts/sveio.yaml charts/sveio-2002.yaml --match id --format json -o changes.json
    """
    with friendly_errors():
        before = read_input(old, **input_opts)
        after = read_input(new, **input_opts)
        result = diff(before, after, match, threshold=threshold)
        if fmt == "json":
            text = json.dumps(result.to_dict(all_metrics=all_metrics), ensure_ascii=False,
                              indent=2)
        elif fmt == "markdown":
            text = result.to_markdown()
        else:
            text = result.to_table()
        if output is None:
            click.echo(text)
            return
        from orgraph.outputfile import write_output

        write_output(output, text + "\n")
