"""Layout benchmark: speed against a networkx baseline, compactness, text size on paper.

Run ``python3 benchmarks/bench_layout.py`` (``--quick`` for smaller sizes). Everything is a
ratio against a baseline measured in the same run (these machines are shared and noisy):

* speed: orgraph's layout + DOT (``to_pinned_dot``) ÷ one ``networkx.bfs_layers`` pass over
  the same reporting tree, generated companies of 10k and 100k people; growth 10k → 100k;
* drawing: a whole ``orgraph.render(org, "svg")`` of 20,000 people ÷ the embedded engine
  alone drawing the same pinned DOT; peak memory of both (separate processes);
* compactness: drawing area ÷ the sum of the boxes' areas, and width ÷ height, for
  generated companies of 150, 500, 2,000 and 10,000 people; and the text size of 500
  people on A3 landscape;
* overlays: connectors of ``--show all --expand`` that pass a box, per bundled chart.
"""

from __future__ import annotations

import argparse
import gc
import math
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import orgraph  # noqa: E402
from orgraph.generate import generate_company  # noqa: E402
from orgraph.render.engine import find_engine  # noqa: E402
from orgraph.render.page import Page  # noqa: E402
from orgraph.render.pinned import pinned_layout, to_pinned_dot  # noqa: E402


def best_of(rounds: int, fn: Callable[[], object]) -> float:
    """Fastest of ``rounds`` runs, in CPU seconds (GC collected before each)."""
    best = math.inf
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def speed(sizes: list[int], rounds: int) -> list[tuple[int, float, float]]:
    out = []
    for n in sizes:
        org = generate_company(n, seed=1)
        tree = nx.DiGraph((u, v) for u, v, r in org.edges(data="relation") if r == "line")
        base = best_of(rounds, lambda t=tree: list(nx.bfs_layers(t, ["p1"])))
        ours = best_of(max(1, rounds // 2), lambda o=org: to_pinned_dot(o))
        out.append((n, base, ours))
        print(f"  {n:>7} people: bfs_layers {base:.3f} s, layout + DOT {ours:.2f} s, "
              f"ratio {ours / base:.0f}x", flush=True)
    return out


def _peak(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS MiB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return cpu, after.ru_maxrss / 1024


def drawing(n: int) -> None:
    org = generate_company(n, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        dot = Path(tmp) / "pinned.dot"
        dot.write_text(to_pinned_dot(org), encoding="utf-8")
        chart = Path(tmp) / "chart.yaml"
        chart.write_text(orgraph.dump(org), encoding="utf-8")
        _, exe = find_engine("embedded")
        engine_cpu, engine_mem = _peak([exe, "-Kneato", "-n2", "-Tsvg", str(dot), "-o",
                                        str(Path(tmp) / "e.svg")])
        script = ("import orgraph,sys; o=orgraph.load(sys.argv[1]); "
                  "open(sys.argv[2],'wb').write(orgraph.render(o,'svg',engine='embedded'))")
        total_cpu, total_mem = _peak([sys.executable, "-c", script, str(chart),
                                      str(Path(tmp) / "o.svg")])
        load_cpu, _ = _peak([sys.executable, "-c", "import orgraph,sys; orgraph.load(sys.argv[1])",
                             str(chart)])
    render_cpu = total_cpu - load_cpu
    print(f"  {n} people: engine alone {engine_cpu:.2f} s CPU, peak {engine_mem:.0f} MiB; "
          f"orgraph.render (load excluded) {render_cpu:.2f} s, ratio "
          f"{render_cpu / engine_cpu:.2f}x; whole process peak {total_mem:.0f} MiB",
          flush=True)


def compactness(sizes: list[int]) -> None:
    for n in sizes:
        org = generate_company(n, seed=1)
        lay, _, _, _ = pinned_layout(org)
        boxes = sum(w * h for _, _, w, h in lay.boxes.values())
        print(f"  {n:>6} people: {lay.width:.0f} x {lay.height:.0f} pt, area / boxes "
              f"{lay.width * lay.height / boxes:.1f}, width / height "
              f"{lay.width / lay.height:.2f}", flush=True)
    org = generate_company(500, seed=1)
    paper = Page.parse("A3,landscape")
    lay, _, _, _ = pinned_layout(org, max_aspect=paper.width / paper.height * 1.15)
    scale = paper.scale(lay.width + 24, lay.height + 44)
    print(f"  500 people on A3 landscape: scale {scale:.3f}, box text {12 * scale:.1f} pt",
          flush=True)


def overlays() -> None:
    import svg_geometry as geo

    for path in sorted((ROOT / "charts").glob("*.yaml")):
        org = orgraph.load(path)
        chart = geo.parse(orgraph.render(org, "svg", show="all", expand=True))
        extra = [e for e in chart.edges if e.variant in ("member", "order", "service")]
        through = geo.connectors_through_boxes(geo.Chart(chart.boxes, chart.classes, extra))
        print(f"  {path.stem:<15} overlays {len(extra):>3}, passing a box {len(through):>3}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer rounds")
    args = parser.parse_args()
    print("speed (CPU seconds, best of rounds):")
    sizes = [2_000, 20_000] if args.quick else [10_000, 100_000]
    rows = speed(sizes, 2 if args.quick else 3)
    (n1, b1, t1), (n2, b2, t2) = rows
    print(f"  growth {n1} -> {n2}: x{t2 / t1:.1f} time for x{n2 // n1} people "
          f"(bfs_layers x{b2 / b1:.1f})")
    print("drawing:")
    drawing(5_000 if args.quick else 20_000)
    print("compactness:")
    compactness([150, 500, 2_000] if args.quick else [150, 500, 2_000, 10_000])
    print("overlays (--show all --expand):")
    overlays()


if __name__ == "__main__":
    main()
