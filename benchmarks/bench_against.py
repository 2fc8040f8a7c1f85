"""Time this checkout's hot functions against another checkout's, in one process.

For a refactoring that must not cost speed: the other checkout's module is loaded from its
file beside this one's, both get the same input, and the rounds alternate between them.
Times are CPU seconds of the process (the dev container is shared), the best of 5 calls per
round, the best round reported. Each case first checks that both give the same result.

* ``_fast_measures`` (the array path of the hierarchy measures) on a generated company of
  100,000 people, and on a 100,000-node near-tree with 300 second superiors;
* ``to_dot`` on generated companies of 500 and 5,000 people;
* ``read_organogram`` on a 200,000-row senior file (``bench_organogram.make_pair``).

Usage (the baseline, e.g. ``git archive main | tar -x -C /tmp/base``)::

    PYTHONPATH=$PWD python3 benchmarks/bench_against.py /tmp/base [--rounds 10]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx

from orgraph.formats import Report
from orgraph.formats import organogram as organogram_here
from orgraph.generate import generate_company
from orgraph.metrics import _hierarchy_arrays as arrays_here
from orgraph.metrics.krackhardt import _edge_arrays
from orgraph.render import dot as dot_here

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_organogram import make_pair


def _load(base: Path, module: str) -> ModuleType:
    """``module`` (dotted) from the checkout at ``base``, under a name of its own."""
    spec = importlib.util.spec_from_file_location(
        "base_" + module.replace(".", "_"), base / (module.replace(".", "/") + ".py"))
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def _best(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return min(times)


def _near_tree(n: int, extra: int, seed: int = 1) -> nx.DiGraph:
    rng = random.Random(seed)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for v in range(1, n):
        g.add_edge(rng.randrange(max(0, v - 50), v), v)
    for _ in range(extra):
        g.add_edge(*sorted(rng.sample(range(n), 2)))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the other checkout's root")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    arrays_base = _load(args.base, "orgraph.metrics._hierarchy_arrays")
    dot_base = _load(args.base, "orgraph.render.dot")
    organogram_base = _load(args.base, "orgraph.formats.organogram")
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any], int]] = []
    for name, graph in (("_fast_measures company 100,000", generate_company(100_000, seed=0)),
                        ("_fast_measures near-tree 100,000 + 300", _near_tree(100_000, 300))):
        edges = _edge_arrays(graph, True)
        cases.append((name, lambda e=edges: arrays_base._fast_measures(*e),
                      lambda e=edges: arrays_here._fast_measures(*e), 5))
    for n in (500, 5_000):
        org = generate_company(n, seed=1)
        cases.append((f"to_dot company {n:,}", lambda o=org: dot_base.to_dot(o),
                      lambda o=org: dot_here.to_dot(o), 3))
    folder = Path(tempfile.mkdtemp())
    senior = make_pair(folder, 200_000, 0)

    def read(module: ModuleType) -> Any:
        org = module.read_organogram(senior, report=Report(str(senior)))
        return list(org.nodes(data=True)), list(org.edges(data=True))

    cases.append(("read_organogram 200,000 rows", lambda: read(organogram_base),
                  lambda: read(organogram_here), 2))
    print(f"baseline {args.base}; CPU seconds, best of N calls x {args.rounds} rounds")
    print("| case | baseline | this checkout | ratio |\n|---|---:|---:|---:|")
    for name, base_call, here_call, repeat in cases:
        assert repr(base_call()) == repr(here_call()), f"{name}: results differ"
        base_times, here_times = [], []
        for _ in range(args.rounds):
            base_times.append(_best(base_call, repeat))
            here_times.append(_best(here_call, repeat))
        b, h = min(base_times), min(here_times)
        print(f"| {name} | {b:.4f} | {h:.4f} | {h / b:.3f} |")


if __name__ == "__main__":
    main()
