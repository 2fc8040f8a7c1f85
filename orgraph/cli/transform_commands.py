"""``orgraph transform``: apply what-if steps or a plan file to an organisation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from orgraph.cli.base import CONTEXT, friendly_errors, info, quiet_option
from orgraph.cli.input_options import input_options, print_report, read_input
from orgraph.errors import OrgraphError
from orgraph.formats import WRITABLE, Report, format_for, write
from orgraph.model import Organisation
from orgraph.outputfile import is_stdout, output_file
from orgraph.reorg import transform as tf

__all__ = ["transform_command"]


def _pair(value: str, option: str, what: str, parts: int = 2) -> list[str]:
    pieces = value.split(":", parts - 1)
    if len(pieces) < 2 or not all(pieces[:2]):
        raise click.BadParameter(f"{value!r}: write {what}", param_hint=option)
    return pieces


def _steps(add: tuple[str, ...], move: tuple[str, ...], remove: tuple[str, ...],
           remove_level: tuple[str, ...], merge: tuple[str, ...], split: tuple[str, ...],
           acting: tuple[str, ...], attach: tuple[str, ...]
           ) -> list[tuple[str, Callable[[Organisation], Organisation]]]:
    """The options as (option text, step), in the documented order."""
    steps: list[tuple[str, Callable[[Organisation], Organisation]]] = []
    for value in add:
        unit, kind, *rest = _pair(value, "--add", "ID:KIND:SUPERIOR[:LABEL]", 4)
        sup = rest[0] if rest and rest[0] else None
        label = rest[1] if len(rest) > 1 else None
        steps.append((f"--add {value}", lambda o, u=unit, k=kind, s=sup, lb=label:
                      tf.add_unit(o, u, kind=k, superior=s, label=lb)))
    for value in move:
        unit, sup = _pair(value, "--move", "ID:NEW_SUPERIOR")
        steps.append((f"--move {value}", lambda o, u=unit, s=sup: tf.move_unit(o, u, s)))
    steps += [(f"--remove {v}", lambda o, u=v: tf.remove_unit(o, u)) for v in remove]
    for value in remove_level:
        kw = {"level": int(value)} if value.isdigit() else {"role": value}
        steps.append((f"--remove-level {value}", lambda o, kw=kw: tf.remove_level(o, **kw)))
    for value in merge:
        ids, _, into = value.partition(":")
        units = [u for u in ids.split(",") if u]
        steps.append((f"--merge {value}", lambda o, us=units, i=into or None:
                      tf.merge_units(o, us, into=i)))
    steps += [(f"--split {v}", lambda o, u=v: tf.split_aggregate(o, u)) for v in split]
    steps += [(f"--act-for-cao {v}", lambda o, u=v: tf.act_for_cao(o, [u])) for v in acting]
    for value in attach:
        unit, to, *rel = _pair(value, "--attach", "ID:TO[:RELATION]", 3)
        steps.append((f"--attach {value}", lambda o, u=unit, t=to, r=(rel or ["member"])[0]:
                      tf.attach(o, u, t, r)))
    return steps


def _multiple(name: str, metavar: str, text: str) -> Callable[..., Any]:
    return click.option(name, multiple=True, metavar=metavar, help=text)


@click.command("transform", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False), metavar="PLAN.yaml",
              help="A plan file: a dated, cited list of steps (see the README).")
@_multiple("--add", "ID:KIND:SUPERIOR[:LABEL]", "Add a unit (SUPERIOR may be empty: a top).")
@_multiple("--move", "ID:NEW_SUPERIOR", "Give a unit a new superior.")
@_multiple("--remove", "ID", "Remove a post; its reports move to its superior.")
@_multiple("--remove-level", "ROLE|N", "Remove every post of a role (assistant_cao, "
           "sector_chief, ...) or every manager at level N below the CAO (the CAO is 1).")
@_multiple("--merge", "ID,ID[,...][:INTO]", "Merge units into one (INTO: its id).")
@_multiple("--split", "ID", "Split a counted box into the units its items list.")
@_multiple("--act-for-cao", "ID", "An executive post acts on the CAO's behalf.")
@_multiple("--attach", "ID:TO[:RELATION]", "Add a non-line relation TO -> ID (default "
           "member: ID joins the body TO).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Write the result here (format from the suffix, or --to).")
@click.option("--to", "to_format", type=click.Choice(WRITABLE), metavar="FMT",
              help=f"Output format ({', '.join(WRITABLE)}); default: from OUT's suffix.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Also print what changed (orgraph diff FILE OUT).")
@input_options
@quiet_option
def transform_command(file: str, plan_file: str | None, add: tuple[str, ...],
                      move: tuple[str, ...], remove: tuple[str, ...],
                      remove_level: tuple[str, ...], merge: tuple[str, ...],
                      split: tuple[str, ...], act_for_cao: tuple[str, ...],
                      attach: tuple[str, ...], output: str, to_format: str | None,
                      show_diff: bool, input_opts: dict) -> None:
    """Apply what-if steps to an organisation and write the result; FILE is not changed.

    The plan's steps come first, then the options' in this order: --add, --move, --remove,
    --remove-level, --merge, --split, --act-for-cao, --attach (each option in the order
    given). Each step must succeed and the result must be a valid organisation, or nothing
    is written: an unknown id, a move that would make a cycle (the error names it), a merge
    of a unit with its own superior, a plan step of unknown type (the error names the plan's
    line) or a plan for another organisation are refused. The result carries the steps
    applied (organisation data "steps").

    \b
    Examples:
      orgraph transform charts/rissa.yaml --plan examples/plans/rissa-2002-06.yaml -o r.yaml
      orgraph transform charts/rissa.yaml --remove ass_radmann_ho -o what-if.yaml --diff
      orgraph transform charts/evenes.yaml --split driftsenheter -o evenes-units.yaml
      orgraph transform charts/sveio.yaml --remove-level sector_chief -o sveio-flat.yaml
    """
    steps = _steps(add, move, remove, remove_level, merge, split, act_for_cao, attach)
    if not steps and not plan_file:
        raise click.UsageError("give a --plan or at least one step (--remove, --move, ...)")
    if not is_stdout(output) and file != "-" and Path(output).resolve() == Path(file).resolve():
        raise click.UsageError(f"-o {output} is the input file; write the result to another "
                               "file (FILE is never changed)")
    with friendly_errors():
        original = read_input(file, **input_opts)
        org = original
        if plan_file:
            from orgraph.reorg.plan import apply_plan, load_plan

            org = apply_plan(org, load_plan(plan_file))
        for text, step in steps:
            try:
                org = step(org)
            except OrgraphError as exc:
                raise OrgraphError(f"{text}: {exc}") from None
        report = Report("<stdout>" if is_stdout(output) else output)
        name = format_for(output, to_format, writing=True)
        with output_file(output) as temporary:
            write(org, temporary, name, report=report)
    print_report(report)
    applied = len(org.graph.get("steps") or []) - len(original.graph.get("steps") or [])
    info(f"{report.file}: {applied} step(s) applied, {org.number_of_nodes()} nodes "
         f"(was {original.number_of_nodes()})")
    if show_diff:
        from orgraph.reorg.diff import diff

        click.echo(diff(original, org).to_table(), err=is_stdout(output))
