"""``orgraph metrics``, ``orgraph compare`` and ``orgraph spans``: flatness from the shell."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Callable
from typing import Any

import click

import orgraph
from orgraph.cli.base import CONTEXT, friendly_errors, lang_option
from orgraph.cli.input_options import input_options, read_input
from orgraph.language import resolve_language
from orgraph.metrics import head_layers, heads, spans_and_layers
from orgraph.metrics.compare import choose_layout, format_table, generic_table, table_2_1
from orgraph.metrics.records import FIELDS, FLAT_FIELDS, records
from orgraph.metrics.span import spans
from orgraph.render.style import TEXT

__all__ = ["compare", "metrics", "spans_command"]


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|csv|json`` and ``-o/--output FILE``, shared by the commands here."""
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                        help="Write to this file instead of standard output.")(func)
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                        default="table", show_default=True,
                        help="table for people (80 columns), csv or json for programs.")(func)


def _emit(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
    else:
        click.echo(text.rstrip("\n"))


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return "/".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _load_all(files: tuple[str, ...], input_opts: dict | None = None
              ) -> list[orgraph.Organisation]:
    with friendly_errors():
        return [read_input(path, **(input_opts or {})) for path in files]


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@output_options
@click.option("--no-dotted", is_flag=True,
              help="Hierarchy measures over line edges only (default: line + dotted).")
@click.option("--lub", "lub_reading", type=click.Choice(["sna", "textbook"]), default="sna",
              show_default=True, help="How least-upper-boundedness is read.")
@lang_option
@input_options
def metrics(files: tuple[str, ...], fmt: str, output: str | None, no_dotted: bool,
            lub_reading: str, lang: str | None, input_opts: dict) -> None:
    """Compute every flatness metric: one record per organisation.

    The JSON keys (and CSV columns) are the metric names listed in the README; a metric that
    is undefined for a file is null, and "notes" says why. Every organisation gets the
    generic section (head, depth, layers, spans, Krackhardt); a municipality the report's
    dimensions too. A forest (several heads) is measured per tree and as a whole.

    \b
    Examples:
      orgraph metrics charts/lier.yaml
      orgraph metrics charts/*.yaml --format csv -o metrics.csv
      orgraph metrics examples/minimal.yaml --format json
      orgraph metrics tests/data/krackhardt-high-tech.csv
    """
    orgs = _load_all(files, input_opts)
    with friendly_errors():
        recs = records(orgs, dotted=not no_dotted, lub_reading=lub_reading)
    for rec, path in zip(recs, files, strict=False):
        rec["file"] = path
    if fmt == "json":
        _emit(json.dumps(recs, ensure_ascii=False, indent=2), output)
    elif fmt == "csv":
        header = ["file", *FLAT_FIELDS]
        _emit(_csv(header, [[r["file"], *(_csv_cell(r, k) for k in FLAT_FIELDS)]
                            for r in recs]), output)
    else:
        blocks = [_metrics_block(rec, org, resolve_language(org, lang))
                  for rec, org in zip(recs, orgs, strict=False)]
        _emit("\n\n".join(blocks), output)


def _csv_cell(rec: dict[str, Any], key: str) -> Any:
    """A record's value as a CSV cell: lists joined, a key the record lacks empty."""
    value = rec.get(key)
    if key == "notes":
        return "; ".join(value)
    if isinstance(value, list):
        return "/".join(map(str, value))
    return "" if value is None else value


def _metrics_block(rec: dict[str, Any], org: orgraph.Organisation, lang: str) -> str:
    """One record for people: its keys (a company's without the municipal ones), a line per
    tree of a forest, the notes; 80 columns."""
    lines = [f"{rec['file']}: {rec['name']}"]
    width = max(len(k) for k in FIELDS)
    for key in FLAT_FIELDS:
        if key in ("name", "notes") or key not in rec:
            continue
        value = _value(rec[key])
        if key == "head" and rec[key] is not None:
            value = _who(org, rec[key], lang)
        lines.append(f"  {key.ljust(width)}  {value}")
    for tree in rec.get("per_tree") or []:
        text = (f"tree {_who(org, tree['head'], lang)}: depth {tree['depth']}, layers "
                f"{_value(tree['layers'])}, spans max {_value(tree['span_max'])} mean "
                f"{_value(tree['span_mean'])} median {_value(tree['span_median'])}, "
                f"hierarchy {_value(tree['hierarchy'])}, lub {_value(tree['lub'])}")
        lines.append(textwrap.fill(text, 80, initial_indent="  ", subsequent_indent="    "))
    lines += [textwrap.fill(note, 80, initial_indent="  note: ",
                            subsequent_indent="        ") for note in rec["notes"]]
    return "\n".join(lines)


def _who(org: orgraph.Organisation, node: Any, lang: str) -> str:
    """A node as people read it: its label, and its id when that differs."""
    label = org.label(node, lang).replace("\n", " ")
    return label if label == str(node) else f"{label} ({node})"


#: The " *3" a table cell carries when it has a footnote.
_FOOTNOTE_MARK = re.compile(r" \*\d+$")


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@output_options
@click.option("--layout", type=click.Choice(["auto", "table-2.1", "generic"]), default="auto",
              show_default=True,
              help="table-2.1: the report's Table 2.1; generic: head, depth, layers, spans, "
                   "Krackhardt; auto: Table 2.1 when every file is a municipality.")
@input_options
def compare(files: tuple[str, ...], fmt: str, output: str | None, layout: str,
            input_opts: dict) -> None:
    """Compare organisations: dimensions as rows, one column per file.

    Municipalities get the report's Table 2.1; any other organisation the generic layout
    (head, depth, layers, spans, Krackhardt measures). Cells marked *N have a footnote: the
    report gives other values for them, or why the value is undefined.

    \b
    Examples:
      orgraph compare charts/evenes.yaml charts/sveio.yaml charts/lier.yaml
      orgraph compare charts/*.yaml --format csv -o table-2-1.csv
      orgraph compare charts/lier.yaml tests/data/krackhardt-high-tech.csv
      orgraph compare charts/*.yaml --layout generic
    """
    orgs = _load_all(files, input_opts)
    with friendly_errors():
        layout = choose_layout(orgs, layout)
        table = table_2_1(orgs) if layout == "table-2.1" else generic_table(orgs)
    columns = [c.removesuffix(" kommune") for c in table["columns"]]
    # Machines get clean cells; the notes (each naming its organisation and dimension) follow.
    clean = [(label, [_FOOTNOTE_MARK.sub("", v) for v in vals]) for label, vals in table["rows"]]
    if fmt == "json":
        data = {"layout": layout, "columns": table["columns"], "files": list(files),
                "rows": [{"dimension": label, "values": vals} for label, vals in clean],
                "notes": table["notes"]}
        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    elif fmt == "csv":
        _emit(_csv(["dimension", *table["columns"]],
                   [[label, *vals] for label, vals in clean]), output)
    else:
        text = format_table(["", *columns], [[label, *vals] for label, vals in table["rows"]])
        if table["notes"]:
            text += "\n\n" + "\n".join(
                textwrap.fill(n, 80, initial_indent=f"*{i}  ", subsequent_indent="    ")
                for i, n in enumerate(table["notes"], 1))
        _emit(text, output)


@click.command("spans", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@output_options
@lang_option
@input_options
def spans_command(file: str, fmt: str, output: str | None, lang: str | None,
                  input_opts: dict) -> None:
    """Span of control of every manager, and the spans-and-layers profile.

    Spans count line subordinates, a unit group as its count; layers run down from the head
    (the CAO, a company's chief executive, the top of a file without kinds; each head of a
    forest).

    \b
    Examples:
      orgraph spans charts/sveio.yaml
      orgraph spans charts/larvik.yaml --format json
      orgraph spans tests/data/krackhardt-high-tech.csv
    """
    (org,) = _load_all((file,), input_opts)
    lang = resolve_language(org, lang)
    with friendly_errors():
        span = spans(org)
        layer = head_layers(org)
        profile = spans_and_layers(org)
        tops = heads(org)
    rows = [{"node": str(n), "label": org.label(n, lang), "kind": org.nodes[n].get("kind"),
             "layer": layer.get(n), "span": s} for n, s in span.items()]
    if fmt == "json":
        _emit(json.dumps({"managers": rows, "profile": profile}, ensure_ascii=False,
                         indent=2), output)
        return
    if fmt == "csv":
        _emit(_csv(["node", "label", "kind", "layer", "span"],
                   [[r["node"], r["label"], r["kind"], _value(r["layer"]), r["span"]]
                    for r in rows]), output)
        return
    title = TEXT[lang]["head"]
    text = "\n".join(f"{title}: {_who(org, h, lang)}" for h in tops) + "\n\n"
    text += format_table(["manager", "kind", "layer", "span"],
                        [[r["label"][:40], r["kind"], _value(r["layer"]), str(r["span"])]
                         for r in rows])
    units = profile["units_per_layer"]
    text += "\n\n" + format_table(
        ["layer", "units", "managers"],
        [[str(i), str(u), str(m)] for i, (u, m) in
         enumerate(zip(units, profile["managers_per_layer"], strict=False))])
    bands = ", ".join(f"{k}: {v}" for k, v in profile["bands"].items())
    text += (f"\n\nspan bands: {bands}\nmanagers with span <= 2: {profile['narrow_managers']}; "
             f"span > 15: {profile['wide_managers']}")
    _emit(text, output)
