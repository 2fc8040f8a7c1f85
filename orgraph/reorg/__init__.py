"""Reorganisations: the difference between two organisations, and what-if plans.

* :mod:`~orgraph.reorg.diff` — :func:`diff` of two organisations, a :class:`Diff` of unit
  changes and metric changes;
* :mod:`~orgraph.reorg.matching` — matching units by id, and by label where ids differ;
* :mod:`~orgraph.reorg.report` — a diff as a dict (JSON), a DataFrame, Markdown, a table;
* :mod:`~orgraph.reorg.transform` — what-if transformations, each returning a new
  organisation;
* :mod:`~orgraph.reorg.plan` — plan files: a dated, cited list of steps, read and applied.

Examples
--------
>>> import orgraph
>>> from orgraph.reorg import diff, load_plan, apply_plan
>>> d = diff(orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml"))
>>> d.metric_changes()["performance_units"]
(9, 8)
>>> survey = orgraph.load("charts/rissa.yaml")
>>> after = apply_plan(survey, load_plan("examples/plans/rissa-2002-06.yaml"))
>>> sorted(diff(survey, after).removed())
['ass_radmann_ho', 'ass_radmann_oppvekst']
"""

from __future__ import annotations

from orgraph.reorg.diff import CHANGE_TYPES, Diff, UnitChange, diff
from orgraph.reorg.plan import Plan, PlanStep, apply_plan, load_plan, loads_plan
from orgraph.reorg.transform import (
    TransformError,
    act_for_cao,
    add_unit,
    attach,
    merge_units,
    move_unit,
    remove_level,
    remove_unit,
    split_aggregate,
)

__all__ = ["CHANGE_TYPES", "Diff", "Plan", "PlanStep", "TransformError", "UnitChange",
           "act_for_cao", "add_unit", "apply_plan", "attach", "diff", "load_plan",
           "loads_plan", "merge_units", "move_unit", "remove_level", "remove_unit",
           "split_aggregate"]
