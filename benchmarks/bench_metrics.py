"""Benchmark: the whole metrics suite vs one networkx.bfs_layers pass, 10k-1M units.

Run from the repository root (not part of the default test run):

    python3 benchmarks/bench_metrics.py            # 10k, 100k, 1M
    python3 benchmarks/bench_metrics.py --quick    # 10k, 100k

For each synthetic organisation it prints the time of ``orgraph.metrics.records.record``
(every metric, Krackhardt's included) as a ratio to one ``networkx.bfs_layers`` pass from the
CAO over the same graph, measured in the same run (best of 3 each), and the suite's peak
memory (tracemalloc, in a separate run so tracing does not distort the timing).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tracemalloc

import networkx as nx
from timing import fastest

from orgraph import Organisation
from orgraph.metrics.records import record


def synthetic(n: int, spans: tuple[int, int], dotted_share: float, seed: int) -> Organisation:
    """A council → CAO → managers → units tree of ``n`` nodes built level by level with
    spans drawn from ``spans``; internal nodes are departments, leaves units or unit groups;
    ``dotted_share`` of the nodes get a dotted superior on a shallower layer."""
    rng = random.Random(seed)
    org = Organisation(name=f"synthetic {n}")
    org.add_node("council", kind="council", label="council", seats=49)
    org.add_node(0, kind="cao", label="cao")
    org.add_edge("council", 0, relation="line")
    frontier = [0]
    made = 1
    children: dict[int, list[int]] = {}
    while made < n and frontier:
        nxt = []
        for boss in frontier:
            k = rng.randint(*spans)
            kids = list(range(made, min(n, made + k)))
            made += len(kids)
            children[boss] = kids
            nxt.extend(kids)
            if made >= n:
                break
        frontier = nxt
    # layers and kinds
    layer = {0: 0}
    for boss in range(made):
        for kid in children.get(boss, ()):
            layer[kid] = layer[boss] + 1
    for v in range(1, made):
        if v in children:
            org.add_node(v, kind="department", label=f"d{v}")
        elif v % 50 == 0:
            org.add_node(v, kind="unit_group", label=f"g{v}", count=3)
        else:
            org.add_node(v, kind="unit", label=f"u{v}")
    for boss, kids in children.items():
        for kid in kids:
            org.add_edge(boss, kid, relation="line")
    managers_by_layer: dict[int, list[int]] = {}
    for boss in children:
        managers_by_layer.setdefault(layer[boss], []).append(boss)
    for _ in range(int(dotted_share * made)):
        v = rng.randrange(1, made)
        options = [d for d in range(layer[v]) if d in managers_by_layer]
        if not options:
            continue
        boss = rng.choice(managers_by_layer[rng.choice(options)])
        if not org.has_edge(boss, v):
            org.add_edge(boss, v, relation="dotted")
    return org


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    args = parser.parse_args(argv)
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    shapes = [("wide (spans 3-15)", (3, 15), 0.0), ("deep (spans 3-4)", (3, 4), 0.0),
              ("wide + 1% dotted", (3, 15), 0.01), ("deep + 1% dotted", (3, 4), 0.01)]
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}")
    print("| units | shape | depth | BFS s | suite s | ratio | peak MiB |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in sizes:
        for label, spans, dotted in shapes:
            org = synthetic(n, spans, dotted, seed=n)
            bfs = fastest(lambda org=org: list(nx.bfs_layers(org, 0)))
            rec = record(org)
            suite = fastest(lambda org=org: record(org), repeat=3 if n < 1_000_000 else 2)
            gc.collect()
            tracemalloc.start()
            record(org)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"| {n:,} | {label} | {rec['depth_from_cao']} | {bfs:.3f} | {suite:.3f} | "
                  f"{suite / bfs:.2f} | {peak:.0f} |", flush=True)
            del org
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
