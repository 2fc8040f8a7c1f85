"""The hierarchy measures' formulas from exact integer counts, shared by both algorithms.

:mod:`orgraph.metrics._reach` (any graph, cycles condensed) and
:mod:`orgraph.metrics._hierarchy_arrays` (acyclic graphs, array passes) count the same
quantities; :func:`_finish` turns them into Krackhardt's measures, flow hierarchy and global
reaching centrality (see :mod:`orgraph.metrics.krackhardt`).

Examples
--------
>>> _pairs(4)
6
"""

from __future__ import annotations

import math

NAN = math.nan


def _pairs(x: int) -> int:
    return x * (x - 1) // 2


def _finish(n: int, reading: str, *, conn_pairs: int, mutual: int, asym: int, required: int,
            maxv: int, n_edges: int, maxlub: int, one: int, zero: int, lub_pairs: int,
            loops: int, edges_in_cycles: int, grc_sum: int) -> dict[str, float]:
    """The six measures from exact integer aggregates (one formula for both algorithms)."""
    out: dict[str, float] = {}
    # connectedness: density of the weak reachability relation (sna connectedness_R)
    out["connectedness"] = 1.0 if n <= 1 else conn_pairs / _pairs(n)
    # hierarchy: 1 - mutual / (mutual + asymmetric) reachable dyads (sna "krackhardt")
    out["hierarchy"] = NAN if mutual + asym == 0 else 1 - mutual / (mutual + asym)
    # efficiency: 1 - (edges - required) / maximum violations (sna efficiency, diag=FALSE)
    out["efficiency"] = NAN if maxv == 0 else 1 - (n_edges - required) / maxv
    # least-upper-boundedness
    if maxlub == 0:
        out["lub"] = NAN
    else:
        violations = lub_pairs - one if reading == "sna" else zero
        out["lub"] = 1 - violations / maxlub
    # flow hierarchy (networkx): share of edges, self-loops included, on no cycle
    edges = n_edges + loops
    out["flow_hierarchy"] = (NAN if edges == 0
                             else 1 - (edges_in_cycles + loops) / edges)
    # global reaching centrality (networkx, unweighted)
    if edges == 0 or n <= 1:
        out["global_reaching_centrality"] = NAN
    else:
        out["global_reaching_centrality"] = grc_sum / (n - 1) / (n - 1)
    return out
