"""Where layout + DOT time goes: each stage of ``to_pinned_dot`` against ``bfs_layers``.

Run ``python3 benchmarks/bench_pipeline.py`` (10k and 100k people; ``--quick`` for 2k and
20k). For a generated company (:func:`orgraph.generate.generate_company`, seed 1) it runs
:func:`orgraph.render.pinned.to_pinned_dot` with a timer round each stage it calls, and
reports every stage as a ratio to one ``networkx.bfs_layers`` pass over the same reporting
tree, measured in the same run (these machines are shared and noisy):

* boxes: measuring and wrapping every label (:func:`orgraph.layout.boxes.box_specs`);
* tree: the tree of boxes (:func:`orgraph.layout.chart.chart_tree`);
* placement: placing it (:func:`orgraph.layout.fit.fit_layout`), then the overlays;
* DOT: writing the node and edge statements (:func:`orgraph.render.pinned.chart_statements`);
* other: selection, checks, title, joining the lines.

The stages are found by name in :mod:`orgraph.render.pinned`, so the benchmark keeps working
while they change. ``--against DIR`` times the code in DIR too (a checkout of the code before
a change, e.g. ``git worktree add /tmp/before main``), alternating processes of both, and
reports both against the same baseline. CPU seconds; every ``functools`` cache in orgraph is
emptied before each round, so a round costs what one fresh ``orgraph render`` costs; the
fastest round counts.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
BENCH_CODE = "ORGRAPH_BENCH_CODE"  # where the timed orgraph comes from (--against)
sys.path.insert(0, os.environ.get(BENCH_CODE, str(ROOT)))

from orgraph.generate import generate_company  # noqa: E402
from orgraph.render import pinned  # noqa: E402

#: Stage name → the functions of :mod:`orgraph.render.pinned` timed as that stage.
STAGES = {"boxes": ("box_specs",), "tree": ("chart_tree",),
          "placement": ("fit_layout", "overlay_routes"), "DOT": ("chart_statements",)}
COLUMNS = [*STAGES, "other", "total"]


def clear_caches() -> None:
    """Empty every ``functools`` cache of orgraph's modules (a cold start, as in the CLI)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("orgraph") and module is not None:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def timed_run(org: Any) -> dict[str, float]:
    """One ``to_pinned_dot`` with its stages timed: stage → CPU seconds, ``total`` too."""
    spent = dict.fromkeys(STAGES, 0.0)
    saved = {}

    def wrap(stage: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.process_time() - start
        return inner

    for stage, names in STAGES.items():
        for name in names:
            saved[name] = getattr(pinned, name)
            setattr(pinned, name, wrap(stage, saved[name]))
    try:
        clear_caches()
        gc.collect()
        start = time.process_time()
        pinned.to_pinned_dot(org)
        spent["total"] = time.process_time() - start
    finally:
        for name, fn in saved.items():
            setattr(pinned, name, fn)
    spent["other"] = spent["total"] - sum(spent[s] for s in STAGES)
    return spent


def baseline(org: Any, rounds: int) -> float:
    """Fastest of ``rounds`` ``bfs_layers`` passes over the reporting tree, CPU seconds."""
    tree = nx.DiGraph((u, v) for u, v, r in org.edges(data="relation") if r == "line")
    best = math.inf
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        list(nx.bfs_layers(tree, ["p1"]))
        best = min(best, time.process_time() - start)
    return best


def breakdown(n: int, rounds: int) -> tuple[float, dict[str, float]]:
    """``(bfs_layers seconds, fastest round's stage seconds)`` for ``n`` people."""
    org = generate_company(n, seed=1)
    base = baseline(org, max(rounds, 5))
    best = min((timed_run(org) for _ in range(rounds)), key=lambda r: r["total"])
    return base, best


def _against(sizes: list[int], rounds: int, before: Path) -> None:
    """The same breakdown for the code in ``before`` and for this checkout, in alternating
    processes (each one round), so both see the same machine; fastest round per stage."""
    runs: dict[str, list[dict[str, float]]] = {}
    for n in sizes:
        for _ in range(rounds):
            for label, code in (("before", before), ("after", ROOT)):
                out = subprocess.run(
                    [sys.executable, __file__, "--one", str(n)], check=True, text=True,
                    capture_output=True, env={**os.environ, "PYTHONPATH": str(code),
                                              BENCH_CODE: str(code)}).stdout
                runs.setdefault(f"{n}:{label}", []).append(json.loads(out))
        base = min(r["bfs_layers"] for key, rs in runs.items() if key.startswith(f"{n}:")
                   for r in rs)
        for label in ("before", "after"):
            best = {c: min(r[c] for r in runs[f"{n}:{label}"]) for c in COLUMNS}
            cells = [f"{best[c]:.2f} s = {best[c] / base:.0f}×" for c in COLUMNS]
            print(f"| {n:,} {label} | {base:.4f} s | " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2k and 20k people")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size (default 3)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="also time the code in DIR (a checkout of the code before)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one round, as JSON
    args = parser.parse_args()
    if args.one:
        org = generate_company(args.one, seed=1)
        print(json.dumps({"bfs_layers": baseline(org, 5), **timed_run(org)}))
        return
    sizes = [2_000, 20_000] if args.quick else [10_000, 100_000]
    print("| people | bfs_layers | " + " | ".join(COLUMNS) + " |")
    print("|---:|---:|" + "---:|" * len(COLUMNS))
    if args.against:
        _against(sizes, args.rounds, args.against.resolve())
        return
    for n in sizes:
        base, spent = breakdown(n, args.rounds)
        cells = [f"{spent[c]:.2f} s = {spent[c] / base:.0f}×" for c in COLUMNS]
        print(f"| {n:,} | {base:.4f} s | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
