"""Before/after chart benchmark: what marking a change costs over drawing the chart.

Run ``python3 benchmarks/bench_compare.py`` (``--quick`` for the smaller size only). For
generated companies of 2,000 and 20,000 people, the new state is the old one with 1% of its
units changed (0.5% leaves removed, 0.5% units added under random managers). Ratios against a
baseline measured in the same run (these machines are shared and noisy), CPU seconds, best
of 9 rounds (3 at 20,000); layout and DOT only (the engine's drawing is the same for both):

* baseline: ``to_pinned_dot(new)``, the plain chart of the new state;
* union: ``compare_dot(old, new, diff)``, one chart of both with the changes marked (the
  diff computed beforehand, as ``orgraph render --compare`` passes it);
* side by side: ``side_by_side_dot(old, new, diff)``, two charts in one drawing.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_layout import best_of  # noqa: E402

import orgraph  # noqa: E402
from orgraph.generate import generate_company  # noqa: E402
from orgraph.render.compare import compare_dot, side_by_side_dot  # noqa: E402
from orgraph.render.pinned import to_pinned_dot  # noqa: E402


def changed(old: orgraph.Organisation, share: float = 0.01,
            seed: int = 7) -> orgraph.Organisation:
    """A copy of ``old`` with ``share`` of its units changed: half removed leaves, half new
    units under random managers."""
    rng = random.Random(seed)
    new = old.copy()
    count = max(2, int(len(old) * share))
    leaves = [n for n in old if old.out_degree(n) == 0]
    new.remove_nodes_from(rng.sample(leaves, count // 2))
    managers = [n for n in new if new.out_degree(n) > 0]
    for i in range(count - count // 2):
        node = f"new{i}"
        new.add_unit(node, kind="unit", label=f"New unit {i}")
        new.add_relation(rng.choice(managers), node)
    return new


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = [2000] if args.quick else [2000, 20000]
    print("| people | plain chart s | union s | ratio | side by side s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        old = generate_company(n, seed=1)
        new = changed(old)
        d = orgraph.diff(old, new, match="id")
        rounds = 9 if n <= 2000 else 3
        base = best_of(rounds, lambda b=new: to_pinned_dot(b))
        union = best_of(rounds, lambda a=old, b=new, c=d: compare_dot(a, b, c))
        side = best_of(rounds, lambda a=old, b=new, c=d: side_by_side_dot(a, b, c))
        print(f"| {n:,} | {base:.2f} | {union:.2f} | {union / base:.2f} | {side:.2f} | "
              f"{side / base:.2f} |")


if __name__ == "__main__":
    main()
