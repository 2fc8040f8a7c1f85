"""How orgraph's objects show themselves in Jupyter: charts as SVG + PNG, metrics as tables.

* :class:`Chart`: a drawn chart (what ``org.chart(...)`` returns and what an organisation on
  the last line of a cell shows). Its mime bundle holds the SVG, with ids prefixed per chart
  (:mod:`orgraph.render.svgids`) so that any number of charts share a page, and a PNG for
  untrusted notebooks and viewers that strip SVG (JupyterLab, GitHub).
* :class:`Record`, :class:`SpanProfile`, :class:`Spans`: the ``dict`` results of
  :func:`orgraph.metrics.records.record`, :func:`orgraph.metrics.spans_and_layers` and
  :func:`orgraph.metrics.spans`, which stay plain dicts (JSON, ``==``) but show as HTML
  tables. Every value is escaped: labels are untrusted text.

Nothing here draws or imports the renderer until a chart is shown.

Examples
--------
>>> Record({"name": "<b>X</b>", "depth": 3})._repr_html_()  # doctest: +ELLIPSIS
'<table class="orgraph-record"><tbody><tr><th>name</th><td>&lt;b&gt;X&lt;/b&gt;</td></tr>...'
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterable
from functools import cached_property
from typing import Any

__all__ = ["MAX_ROWS", "Chart", "Record", "SpanProfile", "Spans", "html_table", "report_html"]

#: Rows an HTML table shows before it says how many it left out.
MAX_ROWS = 60


def _cell(value: Any) -> str:
    if isinstance(value, float):
        text = f"{value:.4g}"
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = "" if value is None else str(value)
    return html.escape(text)


def html_table(rows: Iterable[tuple[Any, ...]], header: tuple[str, ...] | None = None,
               css: str = "orgraph-table", total: int | None = None) -> str:
    """An escaped HTML table; ``total`` rows in all (a last row says how many are not shown).

    Examples
    --------
    >>> html_table([("a", 1)], ("node", "span"), total=3)  # doctest: +ELLIPSIS
    '<table ...<thead><tr><th>node</th><th>span</th></tr></thead>...2 more</td></tr>...'
    """
    rows = list(rows)
    out = [f'<table class="{html.escape(css)}">']
    if header:
        out.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header)
                   + "</tr></thead>")
    out.append("<tbody>")
    for first, *rest in rows:
        cells = "".join(f"<td>{_cell(v)}</td>" for v in rest)
        out.append(f"<tr><th>{_cell(first)}</th>{cells}</tr>")
    if total is not None and total > len(rows):
        out.append(f'<tr><td colspan="{len(header or rows[0])}">… {total - len(rows)} more'
                   "</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


class Record(dict):  # type: ignore[type-arg]
    """One organisation's metrics (:func:`orgraph.metrics.records.record`): a dict that shows
    as a two-column table in Jupyter.

    Examples
    --------
    >>> r = Record(name="Eksempel kommune", depth=2)
    >>> r["depth"], r._repr_html_()
    (2, '<table class="orgraph-record"><tbody><tr><th>name</th><td>Eksempel kommune</td></tr>\
<tr><th>depth</th><td>2</td></tr></tbody></table>')
    """

    def _repr_html_(self) -> str:
        return html_table(self.items(), css="orgraph-record")


class SpanProfile(dict):  # type: ignore[type-arg]
    """The spans-and-layers profile (:func:`orgraph.metrics.spans_and_layers`): shows as a
    table of layers (units, managers) and one of span bands.

    Examples
    --------
    >>> p = SpanProfile(units_per_layer=[0, 4], managers_per_layer=[1, 0], bands={"1-2": 1})
    >>> "<td>4</td><td>0</td>" in p._repr_html_()
    True
    """

    def _repr_html_(self) -> str:
        units, managers = self.get("units_per_layer", []), self.get("managers_per_layer", [])
        layers = html_table(((i + 1, u, m) for i, (u, m) in enumerate(zip(units, managers,
                                                                           strict=False))),
                            ("layer below the head", "units", "managers"))
        bands = html_table(self.get("bands", {}).items(), ("span", "managers"))
        rest = html_table((k, v) for k, v in self.items()
                          if k not in {"units_per_layer", "managers_per_layer", "bands"})
        return layers + bands + rest


class Spans(dict):  # type: ignore[type-arg]
    """Each manager's span of control (:func:`orgraph.metrics.spans`): shows as a table,
    widest first, of at most :data:`MAX_ROWS` rows.

    Examples
    --------
    >>> "<th>b</th><td>5</td>" in Spans(a=1, b=5)._repr_html_().split("<tr>")[2]
    True
    """

    def _repr_html_(self) -> str:
        widest = sorted(self.items(), key=lambda kv: (-kv[1], str(kv[0])))[:MAX_ROWS]
        return html_table(widest, ("manager", "span"), total=len(self))


def report_html(report: Any) -> str:
    """A :class:`orgraph.formats.Report` as a table: what was dropped, noted and repaired.

    Examples
    --------
    >>> from orgraph.errors import Problem
    >>> from orgraph.formats import Report
    >>> report = Report("x.csv")
    >>> report.repair(Problem("x.csv", "'Name' is empty: read as 'N/D'", line=3, node="B1"))
    >>> "<td>3</td><td>B1</td><td>&#x27;Name&#x27; is empty" in report._repr_html_()
    True
    """
    rows = ([("dropped", "", "", m) for m in report.dropped]
            + [("note", "", "", m) for m in report.notes]
            + [("repair", p.line or "", p.node or "", p.message) for p in report.repairs])
    caption = f"<p>{html.escape(report.file)}: {len(rows)} entries</p>"
    return caption + html_table(rows[:MAX_ROWS], ("", "line", "node", "what"),
                                css="orgraph-report", total=len(rows))


#: Options of :func:`orgraph.render.render` that :func:`~orgraph.render.draw` takes, not the layout.
_DRAWING = ("engine", "timeout", "dpi", "id_prefix")


class Chart:
    """A chart drawn for a notebook: SVG with ids unique to it, a PNG fallback, a hint.

    Parameters
    ----------
    org : Organisation
    hint : str, optional
        One line shown above the chart (the size guard's, for a big organisation).
    **options
        Passed to :func:`orgraph.render.render` (``depth=``, ``root=``, ``lang=``, ...).

    Examples
    --------
    >>> import orgraph
    >>> chart = orgraph.load("examples/minimal.yaml").chart(depth=1)
    >>> bundle = chart._repr_mimebundle_()
    >>> sorted(bundle), base64.b64decode(bundle["image/png"])[:4]
    (['image/png', 'image/svg+xml', 'text/plain'], b'\\x89PNG')
    >>> 'id="og' in bundle["image/svg+xml"]
    True
    """

    def __init__(self, org: Any, hint: str | None = None, **options: Any) -> None:
        self.org, self.hint, self.options = org, hint, options

    @cached_property
    def source(self) -> str:
        """The chart laid out once, as DOT (:func:`orgraph.render.chart_source`): the SVG and
        the PNG are both drawn from it."""
        from orgraph.render import chart_source

        layout = {k: v for k, v in self.options.items() if k not in _DRAWING}
        return chart_source(self.org, **layout)

    def _drawn(self, format: str) -> bytes:
        from orgraph.render import draw
        from orgraph.render.page import Page

        page = self.options.get("page")
        drawing = {k: v for k, v in self.options.items() if k in _DRAWING and k != "id_prefix"}
        return draw(self.source, format, page=Page.parse(page) if isinstance(page, str) else page,
                    pinned=self.options.get("layout", "tree") == "tree", **drawing)

    @cached_property
    def svg(self) -> bytes:
        """The SVG, every id prefixed with this chart's own prefix."""
        from orgraph.render import with_id_prefix

        return with_id_prefix(self._drawn("svg"), "auto")

    @cached_property
    def png(self) -> bytes:
        """The PNG (96 dpi: the size the SVG shows at)."""
        return self._drawn("png")

    def __repr__(self) -> str:
        return f"<Chart of {self.org!r}>" + (f"\n{self.hint}" if self.hint else "")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None,
                          **kwargs: Any) -> dict[str, str]:
        def wanted(mime: str) -> bool:
            return (not include or mime in include) and mime not in (exclude or ())

        bundle = {"text/plain": repr(self)}
        if wanted("image/svg+xml"):
            bundle["image/svg+xml"] = self.svg.decode("utf-8")
        if wanted("image/png") or (self.hint and wanted("text/html")):
            png = base64.b64encode(self.png).decode("ascii")
            bundle["image/png"] = png
            if self.hint:  # an <img>: untrusted notebooks strip inline <svg> from HTML
                bundle["text/html"] = (f"<p>{html.escape(self.hint)}</p><img alt=\"chart\" "
                                       f"src=\"data:image/png;base64,{png}\">")
        return {k: v for k, v in bundle.items() if wanted(k)}
