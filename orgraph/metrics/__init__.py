"""Flatness metrics: pure functions of an organisation, one topic per module.

* :mod:`~orgraph.metrics.generic` — what every organisation has: head, depth, layers;
* :mod:`~orgraph.metrics.report` — the report's dimensions (Tables 2.1, 4.1, 4.2);
* :mod:`~orgraph.metrics.levels` — raw depth, layers, management levels, Mintzberg's ratio;
* :mod:`~orgraph.metrics.span` — span of control and the spans-and-layers profile;
* :mod:`~orgraph.metrics.leaders` — the leader group: team, composition, capacity;
* :mod:`~orgraph.metrics.krackhardt` — Krackhardt (1994), flow hierarchy, reaching centrality;
* :mod:`~orgraph.metrics.records` — one record per organisation (dict / pandas);
* :mod:`~orgraph.metrics.compare` — the report's Table 2.1 layout.

Examples
--------
>>> import orgraph
>>> from orgraph import metrics
>>> org = orgraph.load("examples/minimal.yaml")
>>> metrics.performance_units(org), metrics.leader_team(org), metrics.management_levels(org)
(4, '3', 2)
"""

from __future__ import annotations

from orgraph.metrics.generic import (
    depth_in_levels,
    head_layers,
    heads,
    layer_profile,
    tree_records,
)
from orgraph.metrics.krackhardt import (
    LUB_READINGS,
    connectedness,
    efficiency,
    flow_hierarchy,
    global_reaching_centrality,
    hierarchy,
    krackhardt,
    lub,
    reporting_nodes,
)
from orgraph.metrics.leaders import (
    includes_staff_leaders,
    includes_unit_leaders,
    integration,
    leader_group,
    leader_group_members,
    leader_team,
    leader_team_counts,
    leader_team_source,
    management_capacity,
)
from orgraph.metrics.levels import (
    LAYERINGS,
    depth,
    depth_from_cao,
    depth_from_council,
    layers,
    management_levels,
    management_levels_range,
    mintzberg_ratio,
    unit_levels,
    units_outside_cao,
)
from orgraph.metrics.report import (
    central_staff,
    committee_principle,
    committees,
    council_size,
    decision_authority,
    executive_level_size,
    municipality,
    performance_units,
    political_organisation,
    staff_units,
)
from orgraph.metrics.span import (
    SPAN_BANDS,
    cao_span,
    span_stats,
    span_values_stats,
    spans,
    spans_and_layers,
    team_span,
)

__all__ = [
    "LAYERINGS",
    "LUB_READINGS",
    "SPAN_BANDS",
    "cao_span",
    "central_staff",
    "committee_principle",
    "committees",
    "connectedness",
    "council_size",
    "decision_authority",
    "depth",
    "depth_from_cao",
    "depth_from_council",
    "depth_in_levels",
    "efficiency",
    "executive_level_size",
    "flow_hierarchy",
    "global_reaching_centrality",
    "head_layers",
    "heads",
    "hierarchy",
    "includes_staff_leaders",
    "includes_unit_leaders",
    "integration",
    "krackhardt",
    "layer_profile",
    "layers",
    "leader_group",
    "leader_group_members",
    "leader_team",
    "leader_team_counts",
    "leader_team_source",
    "lub",
    "management_capacity",
    "management_levels",
    "management_levels_range",
    "mintzberg_ratio",
    "municipality",
    "performance_units",
    "political_organisation",
    "reporting_nodes",
    "span_stats",
    "span_values_stats",
    "spans",
    "spans_and_layers",
    "staff_units",
    "team_span",
    "tree_records",
    "unit_levels",
    "units_outside_cao",
]
