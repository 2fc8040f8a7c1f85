"""``orgraph convert``: from one organisation file format to another."""

from __future__ import annotations

import click

from orgraph.cli.base import CONTEXT, friendly_errors
from orgraph.cli.input_options import input_options, print_report, read_input
from orgraph.formats import WRITABLE, Report, write

__all__ = ["convert"]


@click.command(context_settings=CONTEXT)
@click.argument("infile", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("outfile", metavar="OUT", type=click.Path(dir_okay=False))
@click.option("--to", "to_format", type=click.Choice(WRITABLE), metavar="FMT",
              help=f"Output format ({', '.join(WRITABLE)}); default: from OUT's suffix.")
@input_options
def convert(infile: str, outfile: str, to_format: str | None, input_opts: dict) -> None:
    """Convert an organisation between YAML, CSV, DOT, GraphML, JSON and GEXF.

    Reads IN (also a UK organogram CSV pair, an XLSX sheet or a Visio / d3-org-chart /
    BALKAN / OrgChart Now export), checks it like a chart file, and writes OUT. Formats come
    from the suffixes unless --from / --to name them. What a format cannot carry is printed
    as "warning: ... dropped ..."; every problem of IN as "error: FILE:ROW: ...".

    \b
    Examples:
      orgraph convert examples/minimal.yaml minimal.graphml
      orgraph convert hr-export.csv chart.yaml --profile visio --encoding latin-1
      orgraph convert staff.txt chart.json --from csv --id-col Ansattnr --parent-col Leder
    """
    with friendly_errors():
        org = read_input(infile, **input_opts)
        report = Report(outfile)
        write(org, outfile, to_format, report=report)
    print_report(report)
    click.echo(f"{outfile}: wrote {org.number_of_nodes()} nodes, "
               f"{org.number_of_edges()} edges")
