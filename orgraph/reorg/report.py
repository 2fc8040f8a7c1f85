"""A :class:`~orgraph.reorg.diff.Diff` written out: a dict (JSON), a DataFrame, Markdown and
a plain-text table for the terminal.

Examples
--------
>>> import orgraph
>>> from orgraph.reorg import diff
>>> d = diff(orgraph.load("charts/loten.yaml"), orgraph.load("charts/loten-2002-10.yaml"))
>>> print(diff_table(d).splitlines()[0])
Løten kommune (2002) -> Løten kommune (2002-10-01): 11 unit changes, 18 metric changes
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from orgraph.errors import MetricsError

if TYPE_CHECKING:  # pragma: no cover
    from orgraph.reorg.diff import Diff

__all__ = ["cell", "diff_dataframe", "diff_dict", "diff_markdown", "diff_table"]

_CHANGE_COLUMNS = ("change", "old_id", "new_id", "old", "new", "match", "score")


def cell(value: Any) -> str:
    """A value for people: ``-`` for none, lists joined with ``/``, floats to 3 decimals.

    Examples
    --------
    >>> [cell(v) for v in (None, True, 2.0, 2.3456, [1, 4], "a\\nb", {"x": 1})]
    ['-', 'yes', '2', '2.346', '1/4', 'a / b', '{"x": 1}']
    """
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else f"{value:.3f}".rstrip("0")
    if isinstance(value, list):
        return "/".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return " / ".join(str(value).splitlines()) if "\n" in str(value) else str(value)


def _title(d: Diff, arrow: str = "->", escape: Any = str) -> str:
    def one(org: Any) -> str:
        name = escape(str(org.graph.get("name", "organisation")))
        return f"{name} ({escape(str(org.graph['date']))})" if org.graph.get("date") else name

    return (f"{one(d.old)} {arrow} {one(d.new)}: {len(d.changes)} unit changes, "
            f"{len(d.metric_changes())} metric changes")


def diff_dict(d: Diff, *, all_metrics: bool = False) -> dict[str, Any]:
    """JSON-ready content of a diff.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.reorg import diff
    >>> out = diff_dict(diff(orgraph.load("charts/evenes-1998.yaml"),
    ...                      orgraph.load("charts/evenes.yaml")))
    >>> out["metrics"]["performance_units"], out["empty"]
    ({'old': 9, 'new': 8}, False)
    """
    metrics = d.metrics if all_metrics else d.metric_changes()
    return {
        "old": {"name": d.old.graph.get("name"), "date": d.old.graph.get("date")},
        "new": {"name": d.new.graph.get("name"), "date": d.new.graph.get("date")},
        "match": d.match_mode,
        "empty": d.is_empty(),
        "notes": list(d.notes),
        "changes": [{k: getattr(c, k) for k in _CHANGE_COLUMNS} for c in d.changes],
        "metrics": {k: {"old": a, "new": b} for k, (a, b) in metrics.items()},
    }


def diff_dataframe(d: Diff, part: str = "changes") -> Any:
    """The changes (one row each) or the metrics (index: metric; columns old, new, changed).

    Raises
    ------
    MetricsError
        pandas is not installed, or ``part`` is neither ``"changes"`` nor ``"metrics"``.

    Examples
    --------
    >>> import pytest
    >>> pd = pytest.importorskip("pandas")  # the test extra installs it
    >>> import orgraph
    >>> from orgraph.reorg import diff
    >>> old = orgraph.load("examples/minimal.yaml")
    >>> new = old.copy()
    >>> new.remove_node("personal")
    >>> new.remove_edge("radmann", "skole")
    >>> new.add_relation("kommunalsjef", "skole")
    >>> changes = diff_dataframe(diff(old, new))
    >>> changes.shape, changes["change"].tolist()
    ((2, 7), ['removed', 'moved'])
    >>> metrics = diff_dataframe(diff(old, new), "metrics")
    >>> int(metrics.loc["depth", "new"]), bool(metrics.loc["depth", "changed"])
    (3, True)
    >>> diff_dataframe(diff(old, new), "both")
    Traceback (most recent call last):
    orgraph.errors.MetricsError: unknown part 'both'; use 'changes' or 'metrics'
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise MetricsError("pandas is not installed; install it with: "
                           "pip install 'orgraph[pandas]'") from None
    if part == "changes":
        return pd.DataFrame([[getattr(c, k) for k in _CHANGE_COLUMNS] for c in d.changes],
                            columns=list(_CHANGE_COLUMNS))
    if part == "metrics":
        rows = [[k, a, b, a != b] for k, (a, b) in d.metrics.items()]
        return pd.DataFrame(rows, columns=["metric", "old", "new", "changed"]
                            ).set_index("metric")
    raise MetricsError(f"unknown part {part!r}; use 'changes' or 'metrics'")


def _change_rows(d: Diff) -> list[list[str]]:
    return [[c.change, c.unit, cell(c.old), cell(c.new),
             c.match if c.score is None else f"{c.match} {c.score}"] for c in d.changes]


def _metric_rows(d: Diff) -> list[list[str]]:
    return [[k, cell(a), cell(b)] for k, (a, b) in d.metric_changes().items()]


def diff_markdown(d: Diff) -> str:
    """Markdown: a title line, a table of unit changes and a table of metric changes.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.reorg import diff
    >>> org = orgraph.load("charts/evenes.yaml")
    >>> print(diff_markdown(diff(org, org)))
    **Evenes kommune (2002) → Evenes kommune (2002): 0 unit changes, 0 metric changes**
    <BLANKLINE>
    No changes.
    """
    out = [f"**{_title(d, '→', _md)}**", *(f"Note: {_md(n)}" for n in d.notes), ""]
    if d.is_empty():
        return "\n".join([*out, "No changes."])
    for header, rows in ((["change", "unit", "old", "new", "match"], _change_rows(d)),
                         (["metric", "old", "new"], _metric_rows(d))):
        if rows:
            out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            out += ["| " + " | ".join(_md(x) for x in row) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip("\n")


def _md(text: str) -> str:
    """Text safe in a Markdown table cell: pipes, markup characters and HTML escaped."""
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def diff_table(d: Diff, cut: int = 40) -> str:
    """Plain text: a title line, the unit changes and the metric changes, in columns (a cell
    longer than ``cut`` characters is cut, with an ellipsis; the json output has it whole).

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.reorg import diff
    >>> d = diff(orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml"))
    >>> print("\\n".join(line for line in diff_table(d).splitlines()
    ...                  if "performance_units" in line))
    performance_units           9           8
    """
    out = [_title(d), *(f"note: {n}" for n in d.notes)]
    if d.is_empty():
        return "\n".join([*out, "No changes."])
    for header, rows in ((["change", "unit", "old", "new", "match"], _change_rows(d)),
                         (["metric", "old", "new"], _metric_rows(d))):
        if rows:
            out += ["", *_columns([header, *rows], cut)]
    return "\n".join(out)


def _columns(rows: list[list[str]], limit: int) -> list[str]:
    """Rows in aligned columns; each cell cut to ``limit`` characters with an ellipsis."""
    cut = [[x if len(x) <= limit else x[:limit - 1] + "…" for x in row] for row in rows]
    widths = [max(len(row[i]) for row in cut) for i in range(len(rows[0]))]
    return ["  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)).rstrip()
            for row in cut]
