"""The root ``orgraph`` group, shared options, and turning library errors into exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from orgraph._version import __version__
from orgraph.errors import ChartError, OrgraphError, Problem

__all__ = ["CONTEXT", "EXIT_INPUT", "QUIET", "friendly_errors", "info", "is_quiet", "lang_option",
           "main", "print_problems", "quiet_option", "report_options"]

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


#: Where ``--max-repairs`` and ``--report-file`` are kept (the click context's meta).
MAX_REPAIRS = "orgraph.max_repairs"
REPORT_FILE = "orgraph.report_file"


def _keep(key: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if value is not None:
            ctx.meta[key] = value
    return callback


def _start_report_file(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Create (or empty) ``--report-file`` at once: a clean reading leaves it empty."""
    if value is None:
        return
    try:
        open(value, "w", encoding="utf-8").close()
    except OSError as exc:
        raise click.BadParameter(f"{value}: cannot write: {exc.strerror}") from None
    ctx.meta[REPORT_FILE] = value


def report_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--max-repairs N`` and ``--report-file FILE``: how many problems of a kind print."""
    func = click.option(
        "--report-file", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
        expose_value=False, is_eager=True, callback=_start_report_file,
        help="Write every note, warning and error of the reading to FILE, none left out "
             "(stderr shows --max-repairs of each kind).")(func)
    return click.option(
        "--max-repairs", type=click.IntRange(min=0), metavar="N", expose_value=False,
        is_eager=True, callback=_keep(MAX_REPAIRS),
        help="Print at most N warnings (or errors) of one kind, then one line with how many "
             "more and on which lines (default 10; 0 prints all).")(func)


def _to_report_file(lines: list[str]) -> None:
    """Append ``lines`` to ``--report-file`` (emptied when the option was read)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not ctx.meta.get(REPORT_FILE) or not lines:
        return
    path = ctx.meta[REPORT_FILE]
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write the report: {exc.strerror}") from None


def print_problems(problems: Sequence[Problem], severity: str = "warning") -> None:
    """Print problems on stderr as ``severity: FILE:LINE: ...``, at most ``--max-repairs``
    of each kind (then one line with how many more); ``--report-file`` gets them all.

    Warnings obey ``--quiet``; errors always print.
    """
    from orgraph.formats._report import SHOWN_PER_KIND, capped_lines  # not at start-up

    ctx = click.get_current_context(silent=True)
    cap = ctx.meta.get(MAX_REPAIRS, SHOWN_PER_KIND) if ctx is not None else SHOWN_PER_KIND
    _to_report_file([f"{severity}: {p}" for p in problems])
    lines = [f"{severity}: {line}" for line in capped_lines(problems, cap)]
    if lines and len(lines) < len(problems):
        files = ", ".join(dict.fromkeys(p.file for p in problems))
        lines.append(f"note: {files}: {len(problems):,} {severity}s in all, at most {cap} of "
                     "each kind shown; --max-repairs 0 prints them all, --report-file FILE "
                     "writes them")
    if severity == "error":
        click.echo("\n".join(lines), err=True)
    elif lines:
        info("\n".join(lines))


def note_line(message: str) -> None:
    """Print a note or warning line (:func:`info`), written to ``--report-file`` too."""
    _to_report_file([message])
    info(message)


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
    them). Shell completion: see "In a shell" in the README.

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
        print_problems(exc.problems, "error")
        raise SystemExit(EXIT_INPUT) from None
    except OrgraphError as exc:
        raise click.ClickException(str(exc)) from None


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang no|en``: which labels and words to use (default: the chart's language)."""
    return click.option("--lang", type=click.Choice(["no", "en"]), default=None,
                        help="Language of labels and words: Norwegian (no) or English (en, "
                             "label_en where the file has it); default: the chart's declared "
                             "language, else en.")(func)
