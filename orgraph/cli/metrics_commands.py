"""``orgraph metrics``, ``orgraph compare`` and ``orgraph spans``: flatness from the shell."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import click

import orgraph
from orgraph.cli.base import CONTEXT, EXIT_INPUT, lang_option, quiet_option
from orgraph.cli.input_options import input_options, read_each, report_failure
from orgraph.cli.stdin_input import shown
from orgraph.cli.wide_table import column_names, wide_metrics
from orgraph.errors import OrgraphError, OutputError
from orgraph.language import resolve_language
from orgraph.metrics import head_layers, heads, spans_and_layers
from orgraph.metrics.compare import choose_layout, format_table, generic_table, table_2_1
from orgraph.metrics.fte import span_counts, span_fte
from orgraph.metrics.records import FIELDS, FLAT_FIELDS, records
from orgraph.metrics.span import spans
from orgraph.outputfile import is_stdout, write_output
from orgraph.render.style import TEXT

__all__ = ["compare", "metrics", "spans_command"]


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|csv|json``, ``-o/--output FILE`` and ``-q``, shared by the commands here."""
    func = quiet_option(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False),
                        help="Write to this file instead of standard output (- is standard "
                             "output; missing folders are created; written whole or not "
                             "at all).")(func)
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                        default="table", show_default=True,
                        help="table for people (80 columns), csv or json for programs.")(func)


def _emit(text: str, output: str | None) -> None:
    """Write the command's result to ``output`` (:mod:`orgraph.outputfile`) or stdout."""
    text = text if text.endswith("\n") else text + "\n"
    if output and not is_stdout(output):
        try:
            write_output(output, text)
        except OutputError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_INPUT) from None
    else:
        click.echo(text, nl=False)


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _value(value: Any) -> str:
    """A cell for people: floats to 3 decimals, or 3 significant digits when smaller.

    Examples
    --------
    >>> [_value(v) for v in (None, True, 2.0, 2.3456, 0.000123, 0.0402, 1e-9, [1, 4])]
    ['-', 'yes', '2', '2.346', '0.000123', '0.0402', '0.000000001', '1/4']
    """
    if value is None:
        return "-"
    if isinstance(value, list):
        return "/".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value == int(value):
            return str(int(value))
        if abs(value) < 0.1:  # a small ratio (mintzberg_ratio): keep 3 significant digits
            digits = 2 - math.floor(math.log10(abs(value)))
            return f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def _measure_each(files: tuple[str, ...], input_opts: dict,
                  measure: Callable[[orgraph.Organisation], Any]
                  ) -> tuple[list[tuple[str, orgraph.Organisation, Any]], bool]:
    """Read and measure every file; each failure is reported and the rest go on.

    Returns ``(path, organisation, result)`` for every file that was read and measured, and
    whether any file failed (the command then exits with 1 after writing the rest).
    """
    good, failed = read_each(files, **input_opts)
    done = []
    for path, org in good:
        try:
            done.append((path, org, measure(org)))
        except OrgraphError as exc:
            failed = True
            report_failure(path, exc)
    return done, failed


def _finish(failed: bool) -> None:
    if failed:
        raise SystemExit(EXIT_INPUT)


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
    dimensions too. A forest (several heads) is measured per tree and as a whole. A file
    that cannot be read is reported ("error: FILE:LINE: ...") and the others are still
    measured and written; the exit code is then 1.

    With several files, the table is one wide table (a row per metric, a column per
    organisation, headed by its name, and its date or file where names repeat); CSV has a
    row per file and JSON an object per file. FILE - reads standard input.

    \b
    Examples:
      orgraph metrics charts/lier.yaml
      orgraph metrics charts/evenes.yaml charts/sveio.yaml charts/lier.yaml
      orgraph metrics charts/*.yaml --format csv -o metrics.csv
      orgraph metrics examples/minimal.yaml --format json
      orgraph metrics tests/data/krackhardt-high-tech.csv
      orgraph convert charts/lier.yaml - --to csv | orgraph metrics - --from csv
    """
    done, failed = _measure_each(
        files, input_opts, lambda org: records([org], dotted=not no_dotted,
                                               lub_reading=lub_reading)[0])
    recs, orgs = [], []
    for path, org, rec in done:
        rec["file"] = shown(path)
        recs.append(rec)
        orgs.append(org)
    if fmt == "json":
        _emit(json.dumps(recs, ensure_ascii=False, indent=2), output)
    elif fmt == "csv":
        header = ["file", *FLAT_FIELDS]
        _emit(_csv(header, [[r["file"], *(_csv_cell(r, k) for k in FLAT_FIELDS)]
                            for r in recs]), output)
    elif len(recs) > 1:
        headers = column_names([str(r["name"]).replace(" kommune", "", 1) for r in recs],
                               [o.graph.get("date") for o in orgs], [r["file"] for r in recs])
        langs = [resolve_language(org, lang) for org in orgs]

        def cell(key: str, rec: dict[str, Any]) -> str:
            i = recs.index(rec)
            if key == "head" and rec[key] is not None:
                return _who(orgs[i], rec[key], langs[i])
            return _value(rec[key])

        on_terminal = output is None and sys.stdout.isatty()
        width = shutil.get_terminal_size().columns if on_terminal else None
        _emit(wide_metrics(recs, headers, cell, width), output)
    elif recs:
        org = orgs[0]
        _emit(_metrics_block(recs[0], org, resolve_language(org, lang)), output)
    _finish(failed)


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
    report gives other values for them, or why the value is undefined. A file that cannot
    be read is reported and left out of the table; the exit code is then 1.

    \b
    Examples:
      orgraph compare charts/evenes.yaml charts/sveio.yaml charts/lier.yaml
      orgraph compare charts/*.yaml --format csv -o table-2-1.csv
      orgraph compare charts/lier.yaml tests/data/krackhardt-high-tech.csv
      orgraph compare charts/*.yaml --layout generic
      orgraph compare charts/*.yaml --format csv -o -
    """
    good, failed = read_each(files, **input_opts)
    if not good:
        _finish(True)
    files = tuple(shown(path) for path, _ in good)
    orgs = [org for _, org in good]
    try:
        layout = choose_layout(orgs, layout)
        table = table_2_1(orgs) if layout == "table-2.1" else generic_table(orgs)
    except OrgraphError as exc:
        report_failure(", ".join(files), exc)
        raise SystemExit(EXIT_INPUT) from None
    table["columns"] = column_names(table["columns"], [o.graph.get("date") for o in orgs],
                                    files)
    columns = [c.replace(" kommune", "", 1) for c in table["columns"]]
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
    _finish(failed)


@click.command("spans", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@output_options
@lang_option
@input_options
def spans_command(files: tuple[str, ...], fmt: str, output: str | None, lang: str | None,
                  input_opts: dict) -> None:
    """Span of control of every manager, and the spans-and-layers profile.

    Spans count line subordinates, a unit group as its count (the table says what that is:
    units, or an organogram's posts and junior rows); where the file has FTE or head counts,
    "fte" is the span in FTE. Layers run down from the head (the CAO, a company's chief
    executive, the top of a file without kinds; each head of a forest). With several files,
    each gets its block (JSON: a list; CSV: a "file" column); a file that cannot be read or
    measured is reported and the others still written, with exit code 1 at the end.

    \b
    Examples:
      orgraph spans charts/sveio.yaml
      orgraph spans charts/larvik.yaml --format json
      orgraph spans tests/data/krackhardt-high-tech.csv
      orgraph spans tests/data/organogram-senior.csv
    """
    done, failed = _measure_each(files, input_opts,
                                 lambda org: _spans_of(org, resolve_language(org, lang)))
    results = [{"file": shown(path), **result} for path, _, result in done]
    several = len(files) > 1
    if fmt == "json":
        public = [{k: v for k, v in r.items() if k not in ("heads", "lang")} for r in results]
        data: Any = public if several else (
            {k: v for k, v in public[0].items() if k != "file"} if public else {})
        if results or not failed:
            _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    elif fmt == "csv":
        header = ["node", "label", "kind", "layer", "span", "fte"]
        rows = [[*([r["file"]] if several else []), m["node"], m["label"], m["kind"],
                 _value(m["layer"]), m["span"], "" if m["fte"] is None else m["fte"]]
                for r in results for m in r["managers"]]
        _emit(_csv(["file", *header] if several else header, rows), output)
    else:
        blocks = [(f"{shown(path)}:\n" if several else "") + _spans_table(r, org)
                  for (path, org, _), r in zip(done, results, strict=True)]
        if blocks:
            _emit("\n\n".join(blocks), output)
    _finish(failed)


def _spans_of(org: orgraph.Organisation, lang: str) -> dict[str, Any]:
    span = spans(org)
    layer = head_layers(org)
    profile = spans_and_layers(org)
    by_fte = span_fte(org)
    rows = [{"node": str(n), "label": org.label(n, lang), "kind": org.nodes[n].get("kind"),
             "layer": layer.get(n), "span": s, "fte": by_fte.get(n)} for n, s in span.items()]
    return {"counts": span_counts(org), "managers": rows, "profile": profile,
            "heads": heads(org), "lang": lang}


def _spans_table(result: dict[str, Any], org: orgraph.Organisation) -> str:
    rows, profile, lang = result["managers"], result["profile"], result["lang"]
    with_fte = any(r["fte"] is not None for r in rows)
    counted = result["counts"]
    title = TEXT[lang]["head"]
    text = "\n".join(f"{title}: {_who(org, h, lang)}" for h in result["heads"]) + "\n\n"
    text += format_table(
        ["manager", "kind", "layer", "span", *(["fte"] if with_fte else [])],
        [[r["label"][:40], r["kind"], _value(r["layer"]), str(r["span"]),
          *([_value(r["fte"])] if with_fte else [])] for r in rows])
    units = profile["units_per_layer"]
    text += "\n\n" + format_table(
        ["layer", counted, "managers"],
        [[str(i), str(u), str(m)] for i, (u, m) in
         enumerate(zip(units, profile["managers_per_layer"], strict=False))])
    bands = ", ".join(f"{k}: {v}" for k, v in profile["bands"].items())
    text += (f"\n\nspans count {counted}" + ("; fte: the span in full-time equivalents"
                                              if with_fte else "")
             + f"\nspan bands: {bands}\nmanagers with span <= 2: {profile['narrow_managers']}; "
             f"span > 15: {profile['wide_managers']}")
    return text
