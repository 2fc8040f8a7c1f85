"""A diff in Jupyter: the before/after chart (:mod:`orgraph.render.compare`) above the table
of unit changes and the table of metric changes.

A diff of organisations too big to read in a notebook (more than
:data:`~orgraph.book.guard.PREVIEW_BOXES` units drawn) shows the tables and a one-line hint
saying how to draw the chart instead. Every label is escaped: the tables are text.

Examples
--------
>>> import orgraph
>>> d = orgraph.diff(orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml"))
>>> bundle = mimebundle(d)
>>> sorted(bundle)
['text/html', 'text/plain']
>>> "<svg" in bundle["text/html"] and "<table" in bundle["text/html"]
True
"""

from __future__ import annotations

import html
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from orgraph.book.guard import PREVIEW_BOXES
from orgraph.reorg.report import cell

if TYPE_CHECKING:  # pragma: no cover
    from orgraph.reorg.diff import Diff

__all__ = ["changes_html", "mimebundle"]

_STYLE = ("border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:12px;"
          "margin:6px 0")
_CELL = "border-bottom:1px solid #ddd;padding:2px 8px;text-align:left"


def _table(head: list[str], rows: list[list[Any]]) -> str:
    """An HTML table of escaped cells."""
    th = "".join(f'<th style="{_CELL}">{html.escape(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{html.escape(cell(v))}</td>'
                                    for v in row) + "</tr>" for row in rows)
    return f'<table style="{_STYLE}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def changes_html(d: Diff) -> str:
    """The unit changes and the changed metrics as two HTML tables (labels escaped).

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("charts/sveio.yaml")
    >>> changes_html(orgraph.diff(org, org))
    '<p>No changes.</p>'
    """
    if d.is_empty():
        return "<p>No changes.</p>"
    rows = [[c.change, c.unit, c.old, c.new,
             c.match if c.score is None else f"{c.match} ({c.score:.2f})"] for c in d.changes]
    metrics = [[k, a, b] for k, (a, b) in d.metric_changes().items()]
    return (_table(["change", "unit", "old", "new", "match"], rows)
            + _table(["metric", "old", "new"], metrics))


def _chart(d: Diff) -> tuple[str | None, str | None]:
    """The before/after chart's SVG, or ``None`` and the hint for a diff too big to read."""
    from orgraph.render.compare import render_compare

    drawn = d.new.number_of_nodes() + len(d.removed())
    if drawn > PREVIEW_BOXES:
        return None, (f"Chart left out: {drawn} units are too many to read here; draw it with "
                      "orgraph.render.compare.render_compare(d.old, d.new, 'pdf', d, "
                      "page='A3') or `orgraph render NEW --compare OLD --page A3 -o "
                      "change.pdf`")
    svg = render_compare(d.old, d.new, "svg", d, legend=True).decode("utf-8")
    return svg[svg.find("<svg"):], None


def mimebundle(d: Diff, include: Collection[str] | None = None,
               exclude: Collection[str] | None = None) -> dict[str, str]:
    """What Jupyter shows of a diff: the chart (inline SVG) above the tables, as one HTML
    (a front end choosing the SVG alone would lose the tables), and the text table.

    Parameters
    ----------
    d : Diff
    include, exclude : collection of str, optional
        The MIME types Jupyter asks for, or does not want.
    """
    svg, hint = _chart(d)
    head = f"<p>{html.escape(hint)}</p>" if hint else (svg or "")
    bundle = {"text/html": head + changes_html(d), "text/plain": d.to_table()}
    if include:
        bundle = {k: v for k, v in bundle.items() if k in include}
    if exclude:
        bundle = {k: v for k, v in bundle.items() if k not in exclude}
    return bundle
