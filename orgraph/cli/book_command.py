"""``orgraph render FILE --book OUT.pdf|DIR/``: the chart book on the command line."""

from __future__ import annotations

from pathlib import Path

import click

from orgraph.book.build import build_book
from orgraph.book.paper import Paper
from orgraph.book.pdf import write_pdf
from orgraph.book.svgdir import write_svg_folder
from orgraph.cli.base import EXIT_INPUT, info
from orgraph.cli.input_options import read_input, report_failure
from orgraph.errors import OrgraphError
from orgraph.outputfile import is_stdout, output_file, output_folder

__all__ = ["book_command"]


def book_command(files: tuple[str, ...], book: str, conflicting: object, paper: Paper,
                 min_text: float, options: dict, input_opts: dict) -> None:
    """Read one input, build its book and write it as a PDF or a folder of SVG pages.

    ``conflicting`` is any of -o/--outdir/--format/--root/--depth given with --book.
    """
    if conflicting:
        raise click.UsageError("--book writes the whole organisation as pages: give it "
                               "without -o, --outdir, --format, --root or --depth")
    if len(files) != 1:
        raise click.UsageError(f"--book takes one input, got {len(files)}")
    target = Path(book)
    is_folder = not is_stdout(book) and (book.endswith(("/", "\\")) or target.is_dir()
                                         or not (target.suffix or target.exists()))
    if not is_folder and target.suffix.lower() not in (".pdf", ""):
        raise click.UsageError(f"--book {book}: give a .pdf file or a folder (ending in /)")
    path = files[0]
    try:
        org = read_input(path, **input_opts)
        pages = build_book(org, paper, min_text=min_text, **options)
        if is_folder:
            with output_folder(target) as temporary:
                write_svg_folder(pages, temporary)
        else:
            with output_file(book) as temporary:
                write_pdf(pages, temporary)
    except OrgraphError as exc:  # ChartError, OutputError: each says what it names
        report_failure(path, exc)
        raise SystemExit(EXIT_INPUT) from None
    for note in pages.notes:
        info(f"warning: {path}: {note}")
    info(f"{'<stdout>' if is_stdout(book) else target} ({len(pages.pages)} pages)")
