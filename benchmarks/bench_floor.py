"""The floor of layout + DOT in pure Python: the least work any tree layout must do, against
one ``networkx.bfs_layers`` pass.

Run ``python3 benchmarks/bench_floor.py`` (100,000 people; ``--people N``). Issue 9 asks for
layout + DOT of 100,000 units within 20 times one ``bfs_layers`` pass over the same graph.
This benchmark times a bare pipeline that does only what every layout of a tree must do,
each stage the simplest Python can write it, on a generated company
(:func:`orgraph.generate.generate_company`, seed 1), all in CPU seconds, fastest of 3 rounds,
÷ the ``bfs_layers`` pass of the same run:

* measure: every label's lines summed from a table of character widths (one dict lookup a
  character; orgraph's own measuring also wraps the label and chooses the box's style);
* tree: each unit's children lists from the graph's predecessor dicts, the order by one
  breadth-first pass;
* walks: one bottom-up walk (a subtree's width: its reports side by side, or its box) and one
  top-down walk (each report's x from its manager's); orgraph's draft takes four walks and
  chooses each subtree's form (bus, spine columns, indented list) on the way;
* DOT: one node statement (position, size, label, the style as orgraph writes it) and one
  edge statement (a three-segment route as a cubic spline) per unit, joined.

Whatever is above this floor is orgraph's; the floor itself is what pure Python costs.

Examples
--------
>>> from orgraph.generate import generate_company
>>> times = floor(generate_company(200, seed=1), 1)
>>> sorted(times) == sorted([*STAGES, "bfs_layers"])
True
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import fastest  # noqa: E402

from orgraph.generate import generate_company  # noqa: E402
from orgraph.layout.text import text_width  # noqa: E402

STAGES = ("measure", "tree", "walks", "DOT")
_CLOCK = time.process_time


def _widths() -> dict[str, float]:
    """Character → width at 12 pt, from orgraph's font metrics (Latin-1 and Latin Extended-A)."""
    return {chr(c): text_width(chr(c), 12.0) for c in range(32, 0x180)}


def floor(org: nx.DiGraph, rounds: int = 3) -> dict[str, float]:
    """CPU seconds of each bare stage over ``org`` and of one ``bfs_layers`` pass."""
    roots = [n for n, p in org._pred.items() if not p]
    table = _widths()
    labels = [d.get("label", str(n)) for n, d in org.nodes(data=True)]
    state: dict[str, object] = {}

    def measure() -> None:
        get = table.get
        state["w"] = [max(sum([get(ch, 7.0) for ch in line]) for line in label.split("\n"))
                      + 16.0 for label in labels]

    def tree() -> None:
        kids: dict[object, list] = {}
        for node, pred in org._pred.items():
            for parent in pred:
                kids.setdefault(parent, []).append(node)
        state["kids"] = kids
        state["order"] = [n for layer in nx.bfs_layers(org, roots) for n in layer]

    def walks() -> None:
        kids, order = state["kids"], state["order"]
        width = dict(zip(org, state["w"], strict=True))
        span: dict[object, float] = {}
        for node in reversed(order):
            below = kids.get(node)
            span[node] = max(width[node], sum([span[k] for k in below]) + 10.0 * len(below)
                             if below else 0.0)
        x = dict.fromkeys(roots, 0.0)
        y = dict.fromkeys(roots, 0.0)
        for node in order:
            below = kids.get(node)
            if below:
                left, top = x[node] - span[node] / 2, y[node] + 60.0
                for k in below:
                    x[k], y[k] = left + span[k] / 2, top
                    left += span[k] + 10.0
        state["x"], state["y"], state["width"] = x, y, width

    def dot() -> None:
        x, y, width = state["x"], state["y"], state["width"]
        data = org._node
        lines = ["digraph orgraph {"]
        add = lines.append
        for node, label in zip(org, labels, strict=True):
            add(f'\t"{node}" [shape="box" style="filled" fillcolor="#f7f7f7" '
                f'class="department performance" pos="{x[node]:.2f},{-y[node]:.2f}!" '
                f'width="{width[node] / 72:.4f}" height="0.5389" label="{label}"]')
        for tail, head in org.edges():
            p = f"{x[tail]:.2f},{-y[tail] - 20:.2f}"
            q = f"{x[tail]:.2f},{-y[head] + 40:.2f}"
            r = f"{x[head]:.2f},{-y[head] + 40:.2f}"
            s = f"{x[head]:.2f},{-y[head] + 20:.2f}"
            add(f'\t"{tail}" -> "{head}" [class="line" pos="e,{s} {p} {p} {q} {q} {q} {r} '
                f'{r} {r} {s}"]')
        add("}")
        state["dot"] = "\n".join(lines) + str(len(data))

    times = {"bfs_layers": fastest(lambda: list(nx.bfs_layers(org, roots)), rounds, _CLOCK)}
    for name, stage in zip(STAGES, (measure, tree, walks, dot), strict=True):
        times[name] = fastest(stage, rounds, _CLOCK)
    return times


def main() -> None:
    """Print the floor's stages as ratios to ``bfs_layers``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    times = floor(generate_company(args.people, seed=1))
    base = times["bfs_layers"]
    cells = [f"{name} {times[name]:.2f} s = {times[name] / base:.1f}x" for name in STAGES]
    total = sum(times[name] for name in STAGES)
    print(f"{args.people:,} people, bfs_layers {base:.4f} s: " + "; ".join(cells)
          + f"; total {total:.2f} s = {total / base:.1f}x")


if __name__ == "__main__":
    main()
