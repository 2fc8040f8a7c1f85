"""``orgraph render``: draw chart files as SVG, PNG, PDF, DOT or an interactive HTML page."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import click

from orgraph.book.guard import READ_IT, chart_size, unreadable_hint
from orgraph.book.html import html_chart
from orgraph.book.paper import parse_page
from orgraph.cli.base import (
    CONTEXT,
    EXIT_INPUT,
    info,
    is_quiet,
    lang_option,
    print_problems,
    quiet_option,
)
from orgraph.cli.book_command import book_command
from orgraph.cli.input_options import input_options, read_input
from orgraph.cli.params import FiniteFloat
from orgraph.errors import ChartError, OrgraphError, OutputError, RenderError
from orgraph.outputfile import clashes, is_stdout, write_output
from orgraph.render import DEFAULT_TIMEOUT, ENGINES, FORMATS, LAYOUTS, render
from orgraph.render.dot import parse_show
from orgraph.render.engine import MAX_TIMEOUT
from orgraph.render.page import Page, RenderNote, RenderWarning
from orgraph.render.teams import TEAMS

__all__ = ["CLI_FORMATS", "output_format", "render_command"]

#: What ``-o``/``--format`` take: the rendered formats and the interactive chart (``html``).
CLI_FORMATS = (*FORMATS, "html")


def output_format(fmt: str | None, output: str | None) -> str:
    """Return the output format: ``--format`` if given, else the suffix of ``-o``, else svg.

    Examples
    --------
    >>> output_format(None, "chart.PNG"), output_format("pdf", None), output_format(None, None)
    ('png', 'pdf', 'svg')
    >>> output_format(None, "chart.bogus")
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: cannot tell the format of -o chart.bogus from its suffix; ...
    >>> output_format("svg", "chart.png")
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: --format svg does not match the suffix of -o chart.png; ...
    """
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    if fmt:
        if suffix in CLI_FORMATS and suffix != fmt:
            raise click.UsageError(f"--format {fmt} does not match the suffix of -o {output}; "
                                   "give one of them, or make them agree")
        return fmt
    if suffix in CLI_FORMATS or not suffix:
        return suffix or "svg"
    raise click.UsageError(f"cannot tell the format of -o {output} from its suffix; use one of "
                           f".{', .'.join(CLI_FORMATS)} or give --format")


@click.command("render", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Output file (one input only); its suffix sets the format; - is "
                   "standard output (svg, or --format).")
@click.option("--outdir", type=click.Path(file_okay=False),
              help="Folder for the outputs, one per input, named after it "
                   "(default: the current folder); two inputs that would write the same "
                   "file are refused.")
@click.option("-f", "--format", "fmt", type=click.Choice(CLI_FORMATS),
              help="Output format (default: the suffix of -o, else svg).")
@click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
              help="Layout engine: system Graphviz `dot`, or the embedded graphviz-pure.")
@lang_option
@click.option("--expand", is_flag=True,
              help="One box per listed unit instead of one box with a count and a list.")
@click.option("--legend", is_flag=True, help="Add a legend box explaining the shapes.")
@click.option("--show", default="", metavar="coordination,orders",
              help="Also draw coordination bodies and their members (coordination) and "
                   "purchaser-provider orders and services (orders); 'all' for both.")
@click.option("--root", metavar="ID", help="Draw only the part below this node id.")
@click.option("--depth", type=click.IntRange(min=0), metavar="N",
              help="How many levels below --root (or the top) to draw; deeper subtrees are "
                   "counted.")
@click.option("--layout", "layout", type=click.Choice(LAYOUTS), default="tree",
              show_default=True,
              help="orgraph's own org-chart layout, or Graphviz dot's (for comparison).")
@click.option("--page", metavar="SIZE[,landscape|portrait]",
              help="Fit the chart to a paper size (PDF pages are that size): A0-A5, letter, "
                   "legal or tabloid.")
@click.option("--teams", type=click.Choice(TEAMS), default="auto", show_default=True,
              help="A box per person, or each manager's leaf reports as one list box; "
                   "auto: lists only with --page, when boxes would make the text smaller "
                   "than 6 pt.")
@click.option("--draft-above", type=click.IntRange(min=0), metavar="N",
              help="Place charts of more than N boxes by rule in linear time instead of "
                   "searching for the most compact forms (default 15000; 0: always).")
@click.option("--dpi", type=FiniteFloat(min=10, max=1200), metavar="N",
              help="Resolution of PNG output (default 96).")
@click.option("--timeout", type=FiniteFloat(min=0, min_open=True, max=MAX_TIMEOUT),
              default=DEFAULT_TIMEOUT, show_default=True, help="Seconds the layout may take.")
@click.option("--book", metavar="OUT.pdf|DIR/",
              help="Draw a chart book: pages of one manager's subtree each, readable on "
                   "--page, with contents and an index; a .pdf file, or a folder of SVG "
                   "pages with index.html.")
@click.option("--min-text", type=FiniteFloat(min=1, max=200), default=8.0, show_default=True,
              metavar="PT", help="Smallest text size on the book's pages, in points.")
@click.option("--compare", "compare_with", metavar="OLD", type=click.Path(dir_okay=False),
              help="Draw a before/after chart: FILE (the new state) with the changes from "
                   "OLD marked (removed units greyed and struck, added ones green, moved "
                   "ones with where they came from).")
@click.option("--side-by-side", is_flag=True,
              help="With --compare: the old and the new chart side by side, shared units "
                   "in the same order.")
@quiet_option
@input_options
def render_command(files: tuple[str, ...], output: str | None, outdir: str | None,
                   fmt: str | None, engine: str, lang: str, expand: bool, legend: bool,
                   show: str, root: str | None, depth: int | None, layout: str,
                   page: str | None, teams: str, draft_above: int | None,
                   dpi: float | None, timeout: float, book: str | None, min_text: float,
                   compare_with: str | None, side_by_side: bool, input_opts: dict) -> None:
    """Draw chart files as organisation charts in the legend of Vedlegg 1.

    Staff units are circles, operating units boxes, political bodies rounded boxes; arrows
    are reporting lines. Each output path is printed on standard error (-q: not); a bad
    file is reported and the others are still drawn (exit code 1 at the end). FILE - reads
    standard input and -o - writes standard output. Missing folders are created; every
    output is written whole or not at all; two inputs that would write the same file under
    --outdir are refused before anything is drawn.

    \b
    Examples:
      orgraph render charts/*.yaml --outdir out --format png
      orgraph render charts/lier.yaml -o lier.pdf --legend
      orgraph render charts/larvik.yaml --expand --show coordination,orders -o larvik.svg
      orgraph render charts/arendal.yaml --root radmann --depth 1 -o arendal-top.png
      orgraph render charts/lier.yaml --page A4 -o lier-a4.pdf
      orgraph render tests/data/krackhardt-high-tech.csv --teams lists -o teams.pdf
      orgraph render charts/lier.yaml --layout dot -o lier-dot.svg
      orgraph render charts/arendal.yaml -o arendal.html
      orgraph render tests/data/krackhardt-high-tech.csv --book krackhardt.pdf --page A3
      orgraph render charts/lier.yaml -o - --format dot | dot -Tpng > lier.png
      orgraph render charts/rissa-2002-06.yaml --compare charts/rissa.yaml -o change.svg
    """
    if output and outdir:
        raise click.UsageError("give either -o/--output or --outdir, not both")
    if output and len(files) > 1:
        raise click.UsageError(f"-o/--output takes one input, got {len(files)}; "
                               "use --outdir DIR for several")
    if page:
        try:
            Page.parse(page)
        except RenderError as exc:
            raise click.BadParameter(str(exc), param_hint="--page") from None
    try:
        shown = parse_show(show)
    except RenderError as exc:
        raise click.BadParameter(str(exc), param_hint="--show") from None
    if compare_with or side_by_side:
        _compare(files, output_format(fmt, output), compare_with, output, outdir, input_opts,
                 {"--root": root, "--depth": depth, "--book": book,
                  "--layout dot": layout == "dot", "--teams lists": teams == "lists"},
                 {"side_by_side": side_by_side, "engine": engine, "lang": lang,
                  "expand": expand, "legend": legend, "show": shown, "timeout": timeout,
                  "dpi": dpi, "page": page})
        return
    if teams == "lists" and (book or layout == "dot"):
        raise click.UsageError(f"--teams lists cannot be used with "
                               f"{'--book' if book else '--layout dot'}: "
                               + ("a chart book draws every person as a box on its pages"
                                  if book else "team lists are drawn by orgraph's own layout"))
    if book:
        book_command(files, book, output or outdir or fmt or root or depth,
                     parse_page(page or "A4"), min_text,
                     {"engine": engine, "lang": lang, "expand": expand, "legend": legend,
                      "show": shown, "timeout": timeout, "layout": layout}, input_opts)
        return
    form = output_format(fmt, output)
    if form == "html":
        given = [name for name, value in (("--root", root), ("--depth", depth), ("--dpi", dpi),
                                          ("--layout dot", layout == "dot"),
                                          ("--teams lists", teams == "lists")) if value]
        if given:
            raise click.UsageError(f"{', '.join(given)} cannot be used with an HTML chart: it "
                                   "holds the whole organisation, cut into pages by orgraph")
    targets = _targets(files, output, outdir, form)
    draw = {"engine": engine, "lang": lang, "expand": expand, "legend": legend, "show": shown,
            "timeout": timeout, "page": page}
    if form != "html":  # the chart book, browsable: no --root/--depth cut
        draw |= {"root": root, "depth": depth, "layout": layout, "dpi": dpi, "teams": teams,
                 "draft_above": draft_above}
    if not _draw_all(targets, form, draw, input_opts):
        raise SystemExit(EXIT_INPUT)


def _targets(files: tuple[str, ...], output: str | None, outdir: str | None,
             form: str) -> list[tuple[str, str]]:
    """Each input with its output; two inputs that would write one file are a usage error."""
    folder = Path(outdir) if outdir else Path(".")
    targets = [(f, output if output else str(folder / f"{_stem(f)}.{form}")) for f in files]
    clash = clashes(targets)
    if clash:
        raise click.UsageError(f"{'; '.join(clash)}: draw them in separate calls, with -o, "
                               "or into separate --outdir folders")
    return targets


def _draw_all(targets: list[tuple[str, str]], form: str, draw: dict[str, Any],
              input_opts: dict) -> bool:
    """Draw every input (a progress bar on a terminal); True when every one was written."""
    results: list[str | None] = []
    if len(targets) > 1 and sys.stderr.isatty() and not is_quiet():
        with click.progressbar(targets, label="rendering", file=sys.stderr,
                               item_show_func=lambda t: t[0] if t else None) as bar:
            results = [_draw_one(path, target, form, draw, input_opts) for path, target in bar]
        for done in results:
            if done:
                info(done)
    else:
        for path, target in targets:
            results.append(_draw_one(path, target, form, draw, input_opts))
            if results[-1]:
                info(results[-1])
    return all(results)


def _draw_one(path: str, target: str, form: str, draw: dict[str, Any],
              input_opts: dict) -> str | None:
    """Read, draw and write one chart; the name written, or None after reporting why not."""
    try:
        org = read_input(path, **input_opts)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RenderWarning)
            if form == "html":
                data = html_chart(org, **draw).encode("utf-8")
            else:
                data = render(org, form, **draw)
        for warning in caught:
            what = "note" if issubclass(warning.category, RenderNote) else "warning"
            info(f"{what}: {path}: {warning.message}")
        if any("smallest text" in str(w.message) for w in caught):
            info(f"note: {path}: {READ_IT}")
        write_output(target, data)
        size = None if draw["page"] else chart_size(data, form, draw.get("dpi") or 96)
        hint = size and unreadable_hint(path, size, parse_page("A4"))  # --page warns itself
        if hint:
            info(hint)
    except ChartError as exc:
        print_problems(exc.problems, "error")
        return None
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        return None
    except OrgraphError as exc:
        click.echo(f"error: {path}: {exc}", err=True)
        return None
    return "<stdout>" if is_stdout(target) else target


def _stem(path: str) -> str:
    """The output name of an input: its stem, ``stdin`` for standard input."""
    return "stdin" if path == "-" else Path(path).stem


def _compare(files: tuple[str, ...], form: str, old: str | None, output: str | None,
             outdir: str | None, input_opts: dict, given: dict, options: dict) -> None:
    """``--compare OLD`` (and ``--side-by-side``): one before/after chart of the one FILE."""
    from orgraph.cli.compare_render import check_compare, compare_render

    if old is None:
        raise click.UsageError("--side-by-side needs --compare OLD: orgraph render NEW "
                               "--compare OLD --side-by-side -o change.svg")
    check_compare(files, form, given)
    name = f"{_stem(files[0])}-change.{form}"
    target = output or str(Path(outdir or ".") / name)
    compare_render(files[0], old, target, form, options, input_opts)
