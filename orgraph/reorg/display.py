"""A diff in Jupyter: the before/after chart (:mod:`orgraph.render.compare`) above the table
of unit changes and the table of metric changes.

The HTML holds the chart as a PNG ``<img>`` (untrusted notebooks strip inline SVG from HTML,
as :class:`orgraph.display.Chart` does for a big organisation's chart) and the tables; the
bundle also holds the chart as SVG, its ids prefixed so that several charts share a page. A
diff of organisations too big to read in a notebook (more than
:data:`~orgraph.book.guard.PREVIEW_BOXES` units drawn) shows the tables and a one-line hint
saying how to draw the chart instead. Every label is escaped: the tables are text.

Examples
--------
>>> import orgraph
>>> d = orgraph.diff(orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml"))
>>> bundle = mimebundle(d)
>>> sorted(bundle)
['image/svg+xml', 'text/html', 'text/plain']
>>> '<img alt="before/after chart" src="data:image/png;base64,' in bundle["text/html"]
True
>>> "<table" in bundle["text/html"] and 'id="og' in bundle["image/svg+xml"]
True
"""

from __future__ import annotations

import base64
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


def _too_big(d: Diff) -> str | None:
    """The hint shown instead of the chart of a diff too big to read here, else ``None``."""
    drawn = d.new.number_of_nodes() + len(d.removed())
    if drawn <= PREVIEW_BOXES:
        return None
    return (f"Chart left out: {drawn} units are too many to read here; draw it with "
            "orgraph.render.compare.render_compare(d.old, d.new, 'pdf', d, page='A3') or "
            "`orgraph render NEW --compare OLD --page A3 -o change.pdf`")


def mimebundle(d: Diff, include: Collection[str] | None = None,
               exclude: Collection[str] | None = None) -> dict[str, str]:
    """What Jupyter shows of a diff: HTML (the chart as a PNG, then the tables), the chart
    as SVG, and the text table; only the MIME types asked for are drawn.

    Parameters
    ----------
    d : Diff
    include, exclude : collection of str, optional
        The MIME types Jupyter asks for, or does not want.

    Returns
    -------
    dict
        MIME type → the content drawn for it.

    Examples
    --------
    >>> import orgraph
    >>> old = orgraph.load("examples/minimal.yaml")
    >>> new = old.copy()
    >>> new.remove_node("personal")
    >>> new.remove_edge("radmann", "skole")
    >>> new.add_relation("kommunalsjef", "skole")
    >>> d = orgraph.diff(old, new)
    >>> print(mimebundle(d, include=["text/plain"])["text/plain"])  # doctest: +ELLIPSIS
    Eksempel kommune (2002-01) -> Eksempel kommune (2002-01): 2 unit changes, 17 metric changes
    <BLANKLINE>
    change   unit      old       new           match
    removed  personal  Personal  -             id
    moved    skole     radmann   kommunalsjef  id
    ...
    >>> sorted(mimebundle(d, exclude=["text/html"]))  # the PNG in the HTML is not drawn
    ['image/svg+xml', 'text/plain']
    """
    from orgraph.render.compare import render_compare
    from orgraph.render.svgids import chart_prefix, prefix_ids

    def wanted(mime: str) -> bool:
        return (not include or mime in include) and mime not in (exclude or ())

    hint = _too_big(d)
    bundle = {"text/plain": d.to_table()}
    if wanted("text/html"):
        head = f"<p>{html.escape(hint)}</p>" if hint else ""
        if not hint:
            png = render_compare(d.old, d.new, "png", d, legend=True)
            head = ('<img alt="before/after chart" src="data:image/png;base64,'
                    f'{base64.b64encode(png).decode("ascii")}">')
        bundle["text/html"] = head + changes_html(d)
    if wanted("image/svg+xml") and not hint:
        svg = render_compare(d.old, d.new, "svg", d, legend=True)
        bundle["image/svg+xml"] = prefix_ids(svg, chart_prefix(svg)).decode("utf-8")
    return {k: v for k, v in bundle.items() if wanted(k)}
