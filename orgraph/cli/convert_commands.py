"""``orgraph convert``: from one organisation file format to another."""

from __future__ import annotations

from pathlib import Path

import click

from orgraph.cli.base import CONTEXT, EXIT_INPUT, info, quiet_option
from orgraph.cli.input_options import input_options, print_report, read_input, report_failure
from orgraph.errors import OrgraphError
from orgraph.formats import WRITABLE, Report, format_for, write
from orgraph.outputfile import clashes, is_stdout, output_file

__all__ = ["convert"]

#: The suffix each written format gets under --outdir.
_SUFFIX = {"yaml": ".yaml", "csv": ".csv", "dot": ".dot", "graphml": ".graphml",
           "json": ".json", "gexf": ".gexf"}


@click.command(context_settings=CONTEXT)
@click.argument("files", metavar="IN... OUT", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("--to", "to_format", type=click.Choice(WRITABLE), metavar="FMT",
              help=f"Output format ({', '.join(WRITABLE)}); default: from OUT's suffix.")
@click.option("--outdir", type=click.Path(file_okay=False),
              help="Convert every IN into this folder (named after it, with --to's suffix); "
                   "then no OUT is given.")
@quiet_option
@input_options
def convert(files: tuple[str, ...], to_format: str | None, outdir: str | None,
            input_opts: dict) -> None:
    """Convert an organisation between YAML, CSV, DOT, GraphML, JSON and GEXF.

    Reads IN (also a UK organogram CSV pair, an XLSX sheet or a Visio / d3-org-chart /
    BALKAN / OrgChart Now export), checks it like a chart file, and writes OUT. Formats come
    from the suffixes unless --from / --to name them. What a format cannot carry is printed
    as "warning: ... dropped ..."; every problem of IN as "error: FILE:ROW: ...". With
    --outdir DIR --to FMT, every IN is converted into DIR; a file that fails is reported,
    the others are still written, and the exit code is 1 at the end.

    IN - reads standard input (format from --from, else sniffed); OUT - writes standard
    output (give --to). Missing folders of OUT are created; OUT is written whole or not at
    all (a temporary file renamed into place). Notes go to standard error (-q: none).

    \b
    Examples:
      orgraph convert examples/minimal.yaml minimal.graphml
      orgraph convert tests/data/visio-export.csv chart.yaml --profile visio
      orgraph convert tests/data/latin1.csv chart.json --encoding latin-1 --parent-col overordnet
      orgraph convert charts/*.yaml --outdir out --to graphml
      orgraph convert charts/lier.yaml - --to csv | orgraph metrics - --from csv
    """
    if outdir is None:
        if len(files) != 2:
            raise click.UsageError(f"give IN and OUT (got {len(files)} path(s)), or several "
                                   "IN with --outdir DIR --to FMT")
        jobs = [(files[0], files[1])]
        if is_stdout(files[1]) and to_format is None:
            raise click.UsageError("OUT - (standard output) needs --to FMT: the format to write")
    else:
        if to_format is None:
            raise click.UsageError("--outdir needs --to FMT: the format of the files it writes")
        folder = Path(outdir)
        jobs = [(f, str(folder / ((Path(f).stem if f != "-" else "stdin")
                                  + _SUFFIX[to_format]))) for f in files]
        clash = clashes(jobs)
        if clash:
            raise click.UsageError(f"{'; '.join(clash)}: convert them in separate calls or "
                                   "into separate --outdir folders")
    failed = False
    for infile, outfile in jobs:
        try:
            org = read_input(infile, **input_opts)
            report = Report("<stdout>" if is_stdout(outfile) else outfile)
            name = format_for(outfile, to_format, writing=True)
            with output_file(outfile) as temporary:
                write(org, temporary, name, report=report)
        except OrgraphError as exc:
            failed = True
            report_failure(infile, exc)
            continue
        print_report(report)
        info(f"{report.file}: wrote {org.number_of_nodes()} nodes, "
             f"{org.number_of_edges()} edges")
    if failed:
        raise SystemExit(EXIT_INPUT)
