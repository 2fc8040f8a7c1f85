"""``orgraph render NEW --compare OLD``: a before/after chart of a reorganisation.

One chart of both states with the changes marked, or with ``--side-by-side`` the two states
as two charts in one drawing (:mod:`orgraph.render.compare`), as SVG, PNG, PDF or DOT.
"""

from __future__ import annotations

import warnings
from typing import Any

import click

from orgraph.cli.base import EXIT_INPUT, info
from orgraph.cli.input_options import read_input, report_failure
from orgraph.errors import OrgraphError
from orgraph.outputfile import is_stdout, write_output
from orgraph.render.page import RenderWarning

__all__ = ["check_compare", "compare_render"]

#: Output formats of a before/after chart.
COMPARE_FORMATS = ("svg", "png", "pdf", "dot")


def check_compare(files: tuple[str, ...], form: str, given: dict[str, Any]) -> None:
    """Refuse what a before/after chart cannot do, naming the option and what to do.

    Examples
    --------
    >>> check_compare(("new.yaml",), "svg", {"--layout dot": False})
    >>> check_compare(("new.yaml",), "svg", {"--layout dot": True})
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: --compare cannot be used with --layout dot: the changes are ...
    """
    if len(files) != 1:
        raise click.UsageError(f"--compare OLD takes one new chart, got {len(files)}: "
                               "orgraph render NEW --compare OLD -o change.svg")
    if form not in COMPARE_FORMATS:
        raise click.UsageError(f"--compare draws {', '.join(COMPARE_FORMATS)}, not {form}; "
                               "give -o change.svg (or .png, .pdf, .dot)")
    for option, value in given.items():
        if value:
            why = ("the changes are marked on orgraph's own layout; drop --layout dot"
                   if option == "--layout dot" else
                   "the changes are marked on every person's own box" if option == "--teams lists"
                   else "a before/after chart shows both whole organisations")
            raise click.UsageError(f"--compare cannot be used with {option}: {why}")


def compare_render(new_path: str, old_path: str, target: str, form: str,
                   options: dict[str, Any], input_opts: dict[str, Any]) -> None:
    """Read both files, draw the before/after chart to ``target`` (``-``: standard output)
    and name it on standard error; a bad file is reported (file, line, what to fix) and
    nothing is written (exit 1)."""
    from orgraph.render.compare import render_compare
    from orgraph.reorg.diff import diff

    try:
        old = read_input(old_path, **input_opts)
        new = read_input(new_path, **input_opts)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RenderWarning)
            data = render_compare(old, new, form, diff(old, new), **options)
        for warning in caught:  # --root/--depth do not go with --compare: say what does
            text = str(warning.message).replace(
                "draw part of the chart (--root ID --depth N), or a larger --page",
                "give a larger --page (A3, A2)")
            info(f"warning: {new_path}: {text}")
        write_output(target, data)
    except OrgraphError as exc:  # ChartError, OutputError: each says what it names
        report_failure(f"{new_path} --compare {old_path}", exc)
        raise SystemExit(EXIT_INPUT) from None
    info("<stdout>" if is_stdout(target) else target)
