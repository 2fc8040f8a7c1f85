"""Krackhardt measures, flow hierarchy and GRC against brute-force sna/networkx versions."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

from orgraph import Organisation
from orgraph.metrics import krackhardt, lub, reporting_nodes


# --------------------------------------------------------------------------- brute force
def _reach_matrix(g: nx.DiGraph) -> dict:
    """sna's reachability(): r[a][b] = a reaches b, diagonal set (BFS includes the start)."""
    return {a: nx.descendants(g, a) | {a} for a in g}


def brute_sna(g: nx.DiGraph, reading: str = "sna") -> dict:
    """A literal transcription of sna 2.8's R/gli.R and src/gli.c on an n x n relation."""
    nodes = list(g)
    n = len(nodes)
    r = _reach_matrix(g)
    und = g.to_undirected()
    comps = [list(c) for c in nx.connected_components(und)]
    out = {}
    out["connectedness"] = 1.0 if n <= 1 else (
        sum(len(c) * (len(c) - 1) / 2 for c in comps) / (n * (n - 1) / 2))
    mut = asym = 0
    for a, b in itertools.combinations(nodes, 2):
        ab, ba = b in r[a], a in r[b]
        mut += ab and ba
        asym += ab != ba
    out["hierarchy"] = math.nan if mut + asym == 0 else 1 - mut / (mut + asym)
    sizes = [len(c) for c in comps]
    edges = sum(1 for u, v in g.edges if u != v)
    maxv = sum(s * (s - 1) - (s - 1) for s in sizes)
    out["efficiency"] = math.nan if maxv == 0 else 1 - (edges - sum(s - 1 for s in sizes)) / maxv
    viol = maxlub = 0
    for comp in comps:
        if len(comp) <= 2:
            continue
        maxlub += (len(comp) - 1) * (len(comp) - 2) / 2
        for i, j in itertools.combinations(comp, 2):
            ub = [k for k in comp if i in r[k] and j in r[k]]
            if reading == "sna":  # lubness_con_R: some ub reaches every ub
                ok = any(all(l_ in r[k] for l_ in ub) for k in ub)
            else:  # textbook: some ub is reached by every ub
                ok = any(all(k in r[l_] for l_ in ub) for k in ub)
            viol += not ok
    out["lub"] = math.nan if maxlub == 0 else 1 - viol / maxlub
    try:
        out["flow_hierarchy"] = nx.flow_hierarchy(g)
    except nx.NetworkXError:
        out["flow_hierarchy"] = math.nan
    try:
        out["global_reaching_centrality"] = nx.global_reaching_centrality(g)
    except (nx.NetworkXError, ZeroDivisionError):
        out["global_reaching_centrality"] = math.nan
    return out


def assert_same(got: dict, want: dict) -> None:
    assert got.keys() == want.keys()
    for key in want:
        if math.isnan(want[key]):
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(want[key], abs=1e-12), key


def random_near_tree(rng: random.Random, n: int, extra: int, forest: int = 1) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for v in range(forest, n):
        g.add_edge(rng.randrange(v), v)
    for _ in range(extra):
        u, v = rng.sample(range(n), 2)
        g.add_edge(u, v)  # any direction: two superiors, and cycles when upward
    return g


# --------------------------------------------------------------------------- tests
@pytest.mark.parametrize("seed", range(60))
def test_matches_brute_force_on_random_near_trees(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 12)
    g = random_near_tree(rng, n, rng.randint(0, 4), forest=rng.randint(1, min(3, n)))
    for reading in ("sna", "textbook"):
        assert_same(krackhardt(g, reading=reading), brute_sna(g, reading))


@pytest.mark.parametrize("seed", range(30))
def test_matches_brute_force_on_random_digraphs(seed: int) -> None:
    rng = random.Random(1000 + seed)
    g = nx.gnp_random_graph(rng.randint(2, 9), rng.random() * 0.5, seed=seed, directed=True)
    for reading in ("sna", "textbook"):
        assert_same(krackhardt(g, reading=reading), brute_sna(g, reading))


def test_sna_and_textbook_lub_disagree_both_ways() -> None:
    # C has two bosses: sna finds no single top above the upper bounds of (C, D)
    g = nx.DiGraph([("A", "C"), ("B", "C"), ("C", "D")])
    assert lub(g) == pytest.approx(1 - 2 / 3)
    assert lub(g, reading="textbook") == pytest.approx(1 - 1 / 3)
    # a diamond under R: sna accepts R for (C, D); the textbook sees A and B
    g = nx.DiGraph([("R", "A"), ("R", "B"), ("A", "C"), ("B", "C"), ("A", "D"), ("B", "D")])
    assert lub(g) == 1.0
    assert lub(g, reading="textbook") < 1.0


def test_forest_of_line_reporting() -> None:
    g = nx.DiGraph([(0, 1), (0, 2), (3, 4), (3, 5)])
    got = krackhardt(g)
    assert got["hierarchy"] == 1.0 and got["efficiency"] == 1.0
    assert got["connectedness"] == pytest.approx(6 / 15)
    assert got["lub"] == 1.0


def test_undefined_values_are_nan_not_errors() -> None:
    empty = krackhardt(nx.DiGraph())
    assert empty["connectedness"] == 1.0
    assert all(math.isnan(empty[k]) for k in empty if k != "connectedness")
    single = krackhardt(Organisation())
    assert math.isnan(single["hierarchy"])


def test_organisation_reporting_graph_and_dotted_switch() -> None:
    org = Organisation(name="X")
    for node, kind in [("k", "council"), ("r", "cao"), ("s", "staff"), ("e", "executive"),
                       ("a", "unit"), ("b", "unit_group"), ("lg", "leader_group")]:
        org.add_unit(node, kind=kind, **({"count": 5} if kind == "unit_group" else {}))
    org.add_relation("k", "r")
    org.add_relation("r", "s", "staff")
    org.add_relation("r", "e")
    org.add_relation("e", "a")
    org.add_relation("r", "b")
    org.add_relation("e", "b", "dotted")
    org.add_relation("lg", "r", "member")
    assert set(reporting_nodes(org)) == {"k", "r", "e", "a", "b"}
    line_only = krackhardt(org, dotted=False)
    with_dotted = krackhardt(org)
    assert line_only["efficiency"] == 1.0
    assert with_dotted["efficiency"] < 1.0
    plain = nx.DiGraph([("k", "r"), ("r", "e"), ("e", "a"), ("r", "b"), ("e", "b")])
    assert_same(with_dotted, brute_sna(plain))


def test_cycle_through_dotted_edges_is_measured() -> None:
    org = Organisation()
    for node in "rab":
        org.add_unit(node, kind="unit")
    org.add_relation("r", "a")
    org.add_relation("a", "b")
    org.add_relation("b", "r", "dotted")
    got = krackhardt(org)
    assert got["hierarchy"] == 0.0
    assert got["flow_hierarchy"] == 0.0


@pytest.mark.parametrize("seed", range(60))
def test_array_algorithm_equals_condensation_walks_on_random_near_dags(seed: int) -> None:
    """The array algorithm for acyclic graphs gives exactly the integers of _Reach."""
    from orgraph.metrics._hierarchy_arrays import _fast_measures
    from orgraph.metrics._reach import _Reach
    from orgraph.metrics.krackhardt import _edge_arrays, _measures

    rng = random.Random(seed)
    n = rng.randint(1, 60)
    g = nx.DiGraph()
    g.add_nodes_from(rng.sample(range(n), n))
    for v in range(1, n):
        if rng.random() < 0.85:
            g.add_edge(rng.randrange(v), v)
    for _ in range(rng.randint(0, 8)):  # second superiors, always from above
        a, b = sorted(rng.sample(range(n), 2)) if n > 1 else (0, 0)
        if a != b:
            g.add_edge(a, b)
    if seed % 7 == 0:
        g.add_edge(0, 0)
    k, tail, head, loops = _edge_arrays(g, True)
    fast = _fast_measures(k, tail, head, loops)
    assert fast is not None  # acyclic apart from self-loops
    succ: list[list[int]] = [[] for _ in range(k)]
    for u, v in zip(tail.tolist(), head.tolist(), strict=True):
        succ[u].append(v)
    slow = _measures(_Reach(k, succ, loops))
    assert {key: repr(value) for key, value in fast.items()} == \
        {key: repr(value) for key, value in slow.items()}
