"""Benchmark: kind inference (orgraph.infer.infer_kinds) vs one networkx.bfs_layers pass.

Run from the repository root (not part of the default test run):

    python3 benchmarks/bench_infer.py            # 100k and 1M nodes
    python3 benchmarks/bench_infer.py --quick    # 100k

A file without kinds read by the table, DOT, GraphML or JSON readers gets its head, managers
and units from :func:`orgraph.infer.infer_kinds`: one pass over the edges and one over the
nodes. The synthetic organisation is a tree (node i reports to i // 8, every node ``unit``
as a reader leaves it); the baseline is one ``networkx.bfs_layers`` pass from the top over
the same graph, in the same run; best of 3 each.
"""

from __future__ import annotations

import argparse

import networkx as nx
from timing import fastest

from orgraph import Organisation
from orgraph.infer import infer_kinds


def tree(n: int) -> Organisation:
    """``n`` nodes of kind ``unit``, node i reporting to i // 8 on a line edge."""
    org = Organisation(name=f"tree {n}")
    org.add_nodes_from((i, {"kind": "unit", "label": str(i)}) for i in range(n))
    org.add_edges_from((i // 8, i, {"relation": "line"}) for i in range(1, n))
    return org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="100k nodes only")
    sizes = (100_000,) if parser.parse_args().quick else (100_000, 1_000_000)
    print("| nodes | BFS s | infer_kinds s | ratio |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        org = tree(n)
        bfs = fastest(lambda org=org: list(nx.bfs_layers(org, [0])))
        infer = fastest(lambda org=org: infer_kinds(org))
        print(f"| {n:,} | {bfs:.3f} | {infer:.3f} | {infer / bfs:.2f} |")


if __name__ == "__main__":
    main()
