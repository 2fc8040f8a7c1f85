"""Reorganisations: the difference between two organisations, and what-if plans.

* :mod:`~orgraph.reorg.diff` — :func:`diff` of two organisations, a :class:`Diff` of unit
  changes and metric changes;
* :mod:`~orgraph.reorg.matching` — matching units by id, and by label where ids differ.

Examples
--------
>>> import orgraph
>>> from orgraph.reorg import diff
>>> d = diff(orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml"))
>>> d.metric_changes()["performance_units"]
(9, 8)
"""

from __future__ import annotations

from orgraph.reorg.diff import CHANGE_TYPES, Diff, UnitChange, diff

__all__ = ["CHANGE_TYPES", "Diff", "UnitChange", "diff"]
