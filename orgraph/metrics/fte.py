"""Counting by FTE: spans weighted by the posts (full-time equivalents) a subordinate stands for.

:func:`~orgraph.metrics.spans` counts line subordinates, a ``unit_group`` as its ``count``.
That is a count of boxes and rows, not of people: a UK organogram's junior rows are grade ×
title buckets (HMRC's 5,792 junior rows stand for 66,631 FTE), so this module weighs each
subordinate by its FTE instead. A node's FTE is its ``fte`` attribute (organograms: a senior
post's own FTE, a junior group's total), else its ``headcount`` (tables with a head count or
FTE column); a node with neither has no FTE, and a span that needs it is undefined.

:func:`span_counts` says what the plain spans count, so a table can say "rows" where it
counts rows.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

from orgraph.errors import MetricsError
from orgraph.metrics._structure import Structure, structure
from orgraph.metrics.span import _span_arrays

__all__ = ["FTE_FIELDS", "fte_fields", "fte_of", "fte_total", "span_counts", "span_fte",
           "span_fte_stats"]

#: The record keys of :func:`fte_fields`, with their meaning.
FTE_FIELDS: dict[str, str] = {
    "span_counts": "what spans and unit counts count (units, or posts with junior rows)",
    "fte_total": "total FTE (fte, else headcount) over the nodes that have one",
    "top_span_fte": "FTE of the top post's line subordinates (the cao, else the one root)",
    "span_fte_max": "largest span in FTE",
    "span_fte_mean": "mean span in FTE over managers whose subordinates all have an FTE",
    "span_fte_median": "median span in FTE over those managers",
}


def fte_of(data: dict[str, Any]) -> float | None:
    """A node's FTE: ``fte``, else ``headcount`` (a cited ``{value: ...}`` as its value).

    Examples
    --------
    >>> fte_of({"fte": 0.6}), fte_of({"headcount": {"value": 12}}), fte_of({"kind": "unit"})
    (0.6, 12.0, None)
    >>> fte_of({"label": "Skole", "headcount": float("nan")})
    Traceback (most recent call last):
    ...
    orgraph.errors.MetricsError: headcount nan of 'Skole' is not a finite number; correct it ...
    """
    for key in ("fte", "headcount"):
        value = data.get(key)
        if isinstance(value, dict):
            value = value.get("value")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value) if abs(value) < 1e300 else math.inf
            if not math.isfinite(number):
                raise MetricsError(f"{key} {value!r} of {data.get('label', 'a node')!r} is not "
                                   "a finite number; correct it in the file")
            return number
    return None


def _fte_array(st: Structure) -> np.ndarray:
    """Per node: its FTE, NaN where it has none."""
    def compute() -> np.ndarray:
        values = [fte_of(d) for d in st.data]
        return np.array([np.nan if v is None else v for v in values], dtype=float)
    return st.cached("fte", compute)


def _span_fte_array(st: Structure) -> np.ndarray:
    """Per node: the FTE of its line subordinates (NaN if one of them has none)."""
    def compute() -> np.ndarray:
        if not len(st.line_head):
            return np.zeros(st.n)
        return np.bincount(st.line_tail, weights=_fte_array(st)[st.line_head], minlength=st.n)
    return st.cached("span_fte", compute)


def fte_total(org: nx.DiGraph | Structure) -> float | None:
    """Total FTE over the nodes that have one; ``None`` when no node has an FTE.

    Examples
    --------
    >>> from orgraph.formats.organogram import read_organogram
    >>> fte_total(read_organogram("tests/data/organogram-senior.csv"))
    31.3
    """
    values = _fte_array(structure(org))
    have = ~np.isnan(values)
    return round(float(values[have].sum()), 4) if have.any() else None


def span_fte(org: nx.DiGraph | Structure) -> dict[Hashable, float | None]:
    """Every manager's span in FTE: the FTE of its line subordinates.

    The managers are those of :func:`~orgraph.metrics.spans`; a manager with a subordinate
    that has no FTE gets ``None``.

    Examples
    --------
    >>> from orgraph.formats.organogram import read_organogram
    >>> span_fte(read_organogram("tests/data/organogram-senior.csv"))["PS001"]  # 2 DGs + 3 FTE
    5.0
    """
    st = structure(org)
    idx, _ = _span_arrays(st)
    values = _span_fte_array(st)[idx]
    return {st.nodes[i]: (None if np.isnan(v) else round(float(v), 4))
            for i, v in zip(idx.tolist(), values.tolist(), strict=True)}


def span_fte_stats(org: nx.DiGraph | Structure) -> dict[str, Any]:
    """Max, mean and median span in FTE over the managers whose span has one.

    Returns
    -------
    dict
        ``managers`` (with an FTE span), ``undefined`` (managers without), ``max``,
        ``mean``, ``median`` (``None`` when no manager has an FTE span).

    Examples
    --------
    >>> from orgraph.formats.organogram import read_organogram
    >>> span_fte_stats(read_organogram("tests/data/organogram-senior.csv"))["max"]  # D021: 12 + 0
    12.0
    """
    st = structure(org)
    idx, _ = _span_arrays(st)
    values = _span_fte_array(st)[idx]
    have = values[~np.isnan(values)]
    out: dict[str, Any] = {"managers": len(have), "undefined": len(values) - len(have)}
    if not len(have):
        return {**out, "max": None, "mean": None, "median": None}
    return {**out, "max": round(float(have.max()), 4), "mean": round(float(have.mean()), 4),
            "median": round(float(np.median(have)), 4)}


def span_counts(org: nx.DiGraph | Structure) -> str:
    """What a span (and a unit count) counts: ``"units"``, or ``"posts and junior rows"``.

    Unit groups count as their ``count``; an organogram's junior groups say (``count_of:
    rows``) that their count is of grade × title rows, not posts, and then so does this.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.formats.organogram import read_organogram
    >>> span_counts(orgraph.load("examples/minimal.yaml"))
    'units'
    >>> span_counts(read_organogram("tests/data/organogram-senior.csv"))
    'posts and junior rows'
    """
    st = structure(org)
    rows = any(d.get("count_of") == "rows" for d in st.data if d.get("kind") == "unit_group")
    return "posts and junior rows" if rows else "units"


def fte_fields(org: nx.DiGraph | Structure) -> dict[str, Any]:
    """The FTE keys of the metrics record (:data:`FTE_FIELDS`), and notes on undefined ones.

    Returns
    -------
    dict
        The keys of :data:`FTE_FIELDS` and ``notes`` (a list of texts).

    Examples
    --------
    >>> from orgraph.formats.organogram import read_organogram
    >>> fields = fte_fields(read_organogram("tests/data/organogram-senior.csv"))
    >>> fields["span_counts"], fields["fte_total"], fields["top_span_fte"]
    ('posts and junior rows', 31.3, 5.0)
    """
    st = structure(org)
    notes: list[str] = []
    out: dict[str, Any] = {"span_counts": span_counts(st), "fte_total": fte_total(st)}
    tops = np.flatnonzero(st.kind_mask("cao")).tolist()
    if not tops:  # no kinds (a company's table): the top is the node without a superior
        tops = np.flatnonzero((st.n_superiors == 0) & (st.line_deg > 0)).tolist()
    top = None
    if len(tops) == 1:
        value = _span_fte_array(st)[tops[0]]
        top = None if np.isnan(value) else round(float(value), 4)
    out["top_span_fte"] = top
    stats = span_fte_stats(st)
    out["span_fte_max"], out["span_fte_mean"], out["span_fte_median"] = (
        stats["max"], stats["mean"], stats["median"])
    if out["fte_total"] is None:
        notes.append("fte: no node has an fte or headcount; spans are counted in "
                     f"{out['span_counts']} only")
    elif stats["undefined"]:
        notes.append(f"span_fte: {stats['undefined']} manager(s)"
                     + (", the top post among them," if top is None and len(tops) == 1 else "")
                     + " have a line subordinate without fte or headcount and are left out "
                     "of the FTE spans")
    if top is None and out["fte_total"] is not None and len(tops) != 1:
        notes.append(f"top_span_fte: {len(tops)} top posts; measured for a single top only")
    out["notes"] = notes
    return out
