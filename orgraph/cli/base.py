"""The root ``orgraph`` group, shared options, and turning library errors into exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from orgraph import __version__
from orgraph.errors import ChartError, OrgraphError

__all__ = ["CONTEXT", "EXIT_INPUT", "friendly_errors", "lang_option", "main"]

#: Every command takes ``-h`` as well as ``--help``.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
#: Exit code for bad input (a file with problems); 2 is click's usage error.
EXIT_INPUT = 1


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="orgraph")
def main() -> None:
    """Organisations as graphs: validate chart files, measure flatness, draw charts.

    \b
    Examples:
      orgraph validate charts/*.yaml
      orgraph show charts/lier.yaml
    """


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn orgraph's errors into one clear message per problem and a non-zero exit."""
    try:
        yield
    except ChartError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        raise SystemExit(EXIT_INPUT) from None
    except OrgraphError as exc:
        raise click.ClickException(str(exc)) from None


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang no|en``: which labels and words to use (default: the chart's language)."""
    return click.option("--lang", type=click.Choice(["no", "en"]), default=None,
                        help="Language of labels and words: Norwegian (no) or English (en, "
                             "label_en where the file has it); default: the chart's declared "
                             "language, else en.")(func)
