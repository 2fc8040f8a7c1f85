"""The root ``orgraph`` group, shared options, and turning library errors into exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from orgraph._version import __version__
from orgraph.errors import ChartError, OrgraphError

__all__ = ["CONTEXT", "EXIT_INPUT", "QUIET", "friendly_errors", "info", "is_quiet", "lang_option",
           "main", "quiet_option"]

#: Every command takes ``-h`` as well as ``--help``.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
#: Exit code for bad input (a file with problems); 2 is click's usage error.
EXIT_INPUT = 1


#: Where ``--quiet`` is kept: the meta dict is shared by a group and its command.
QUIET = "orgraph.quiet"


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[QUIET] = True


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``-q/--quiet``: no notes, warnings or "wrote" lines on stderr; errors still print."""
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True,
                        callback=_set_quiet,
                        help="Print only errors on stderr: no notes, warnings, repair "
                             "reports or \"wrote\" lines. The exit code is the same.")(func)


def is_quiet() -> bool:
    """Whether ``--quiet`` was given to ``orgraph`` or to the running command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(QUIET))


def info(message: str) -> None:
    """Print an informational line (a note, a warning, "wrote ...") on stderr, unless quiet.

    Informational lines never go to standard output, which holds only data (so ``-o -``,
    ``/dev/stdout`` and pipes get clean data).
    """
    if not is_quiet():
        click.echo(message, err=True)


class LazyGroup(click.Group):
    """A group whose commands are imported when they are run or listed, not at start-up.

    ``lazy`` maps a command's name to ``"module:attribute"``; so ``orgraph --version`` or
    ``orgraph show`` never import the renderer, numpy or jsonschema they do not need.

    Examples
    --------
    >>> group = LazyGroup(lazy={"version": "orgraph.cli.base:_example"})
    >>> group.list_commands(None), group.get_command(None, "version") is _example
    (['version'], True)
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = dict(lazy or {})

    def list_commands(self, ctx: click.Context | None) -> list[str]:  # type: ignore[override]
        return sorted({*super().list_commands(ctx), *self.lazy})  # type: ignore[arg-type]

    def get_command(self, ctx: click.Context | None,  # type: ignore[override]
                    cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import importlib

            module, attribute = self.lazy[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)  # type: ignore[arg-type]


@click.command()
def _example() -> None:
    """Nothing: the command :class:`LazyGroup`'s example loads."""


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="orgraph")
@quiet_option
def main() -> None:
    """Organisations as graphs: validate chart files, measure flatness, draw charts.

    Every FILE may be - for standard input (its format from --from, else sniffed) and every
    -o/OUT may be - for standard output; notes and warnings go to standard error (-q hides
    them). Shell completion: see "Shell completion" in the README.

    \b
    Examples:
      orgraph validate charts/*.yaml
      orgraph show charts/lier.yaml
      orgraph convert charts/lier.yaml - --to csv | orgraph metrics - --from csv
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
