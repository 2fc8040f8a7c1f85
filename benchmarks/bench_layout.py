"""Layout benchmark: speed against a networkx baseline, compactness, text size on paper.

Run ``python3 benchmarks/bench_layout.py`` (``--quick`` for smaller sizes). Everything is a
ratio against a baseline measured in the same run (these machines are shared and noisy):

* speed: orgraph's layout + DOT (``to_pinned_dot``) ÷ one ``networkx.bfs_layers`` pass over
  the same reporting tree, generated companies of 10k and 100k people; growth 10k → 100k;
* drawing: a whole ``orgraph.render(org, "svg")`` of 20,000 people ÷ the embedded engine
  alone drawing the same pinned DOT; peak memory of both (separate processes);
* compactness: drawing area ÷ the sum of the boxes' areas, and width ÷ height, for
  generated companies of 150, 500, 2,000 and 10,000 people; and the text size of 500
  people on A3 landscape, with a box per person and with team lists (``--teams lists``);
* overlays (``--overlays``: this part alone): connectors of ``--show all --expand`` that
  pass a box or run on a reporting line, where combs cross each other, overlays that run
  close beside a reporting line for long, the points where overlays cross the tree (also
  of plain ``--show all``), per bundled chart, and the routing's cost (layout
  with overlays ÷ without; 200 random dotted lines on 2,000 people).
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
from orgraph.language import resolve_language  # noqa: E402
from orgraph.render import page_aspect, page_frames, page_min_aspect  # noqa: E402
from orgraph.render.engine import find_engine, run_engine  # noqa: E402
from orgraph.render.page import Page  # noqa: E402
from orgraph.render.pinned import bounding_box, pinned_layout, to_pinned_dot  # noqa: E402


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
    """Layout + DOT (``to_pinned_dot``) against one ``bfs_layers`` pass, per size: as
    charts are drawn (the draft above :data:`~orgraph.layout.draft.DRAFT_ABOVE` boxes),
    and in the draft at every size (``draft_above=0``)."""
    out = []
    for n in sizes:
        org = generate_company(n, seed=1)
        tree = nx.DiGraph((u, v) for u, v, r in org.edges(data="relation") if r == "line")
        base = best_of(rounds, lambda t=tree: list(nx.bfs_layers(t, ["p1"])))
        ours = best_of(max(1, rounds // 2), lambda o=org: to_pinned_dot(o))
        draft = best_of(rounds, lambda o=org: to_pinned_dot(o, draft_above=0))
        out.append((n, base, ours))
        print(f"  {n:>7} people: bfs_layers {base:.3f} s, layout + DOT {ours:.2f} s, "
              f"ratio {ours / base:.0f}x; in the draft {draft:.2f} s, ratio {draft / base:.0f}x",
              flush=True)
    return out


def _cpu() -> float:
    """CPU seconds of this process and its reaped children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


_PEAK = """
import resource, subprocess, sys
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "engine":
    subprocess.run(sys.argv[3:], check=True, capture_output=True)
else:
    import orgraph
    org = orgraph.load(sys.argv[3])
    orgraph.render(org, "svg", engine="embedded")
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(me // 1024, kids // 1024)
"""


def drawing(n: int, rounds: int) -> None:
    """Whole render (layout, DOT, engine) against the engine alone on the same pinned DOT,
    in CPU seconds of this process plus the engine's; peak memory of each in a process of
    its own (Python's and the engine's resident peaks)."""
    org = generate_company(n, seed=1)
    source = to_pinned_dot(org)
    _, exe = find_engine("embedded")
    engine = render = math.inf
    for _ in range(rounds):
        start = _cpu()
        run_engine("embedded", exe, source, "svg", timeout=None, pinned=True)
        engine = min(engine, _cpu() - start)
        start = _cpu()
        orgraph.render(org, "svg", engine="embedded", timeout=None)
        render = min(render, _cpu() - start)
    with tempfile.TemporaryDirectory() as tmp:
        dot = Path(tmp) / "pinned.dot"
        dot.write_text(source, encoding="utf-8")
        chart = Path(tmp) / "chart.yaml"
        chart.write_text(orgraph.dump(org), encoding="utf-8")
        _, e_kid = map(int, subprocess.run(
            [sys.executable, "-c", _PEAK, str(ROOT), "engine", exe, "-Kneato", "-n2", "-Tsvg",
             str(dot)], check=True, capture_output=True, text=True).stdout.split())
        r_py, r_kid = map(int, subprocess.run(
            [sys.executable, "-c", _PEAK, str(ROOT), "render", str(chart)], check=True,
            capture_output=True, text=True).stdout.split())
    print(f"  {n} people: engine alone {engine:.2f} s CPU, orgraph.render {render:.2f} s "
          f"CPU, ratio {render / engine:.2f}x; peak memory: engine {e_kid} MiB; orgraph.render "
          f"Python {r_py} MiB (chart loaded) + engine {r_kid} MiB", flush=True)


def compactness(sizes: list[int], seeds: int = 3) -> None:
    """Area ÷ boxes and width ÷ height of generated companies (``seeds`` of each size, two
    of 10,000 and more), in the companies' own language, as ``orgraph.render`` draws them;
    the box text of 500 people on A3 landscape."""
    for n in sizes:
        cells = []
        for seed in range(1, (seeds if n < 10_000 else min(seeds, 2)) + 1):
            org = generate_company(n, seed=seed)
            lay, _, _, _ = pinned_layout(org, lang=resolve_language(org, None))
            boxes = sum(w * h for _, _, w, h in lay.boxes.values())
            cells.append(f"seed {seed}: {lay.width:.0f} x {lay.height:.0f} pt, area / boxes "
                         f"{lay.width * lay.height / boxes:.2f}, width / height "
                         f"{lay.width / lay.height:.2f}")
        print(f"  {n:>6} people: " + "; ".join(cells), flush=True)
    a3_text(seeds)


def a3_text(seeds: int = 3) -> None:
    """The box text of 500 people on A3 landscape, as ``orgraph render --page
    A3,landscape`` scales it, with a box per person and with team lists."""
    paper = Page.parse("A3,landscape")
    for seed in range(1, seeds + 1):
        org = generate_company(500, seed=seed)
        cells = []
        for teams in ("boxes", "lists"):  # a box per person; leaf reports as team lists
            source = to_pinned_dot(org, lang=resolve_language(org, None), teams=teams,
                                   max_aspect=page_aspect(paper),
                                   min_aspect=page_min_aspect(paper),
                                   frames=page_frames(paper))
            width, height = bounding_box(source)
            scale = paper.scale(width, height)
            cells.append(f"--teams {teams}: scale {scale:.3f}, box text {12 * scale:.1f} pt")
        print(f"  500 people (seed {seed}) on A3 landscape: " + "; ".join(cells), flush=True)


BESIDE_NEAR = 12.0  # points: an overlay closer than this beside a reporting line ...
BESIDE_SHORT = 30.0  # ... for longer than this runs along it (tests/test_overlay_lines.py)


def overlays() -> None:
    """Per bundled chart, ``--show all --expand``: overlays that pass a box, overlays on a
    reporting line, where the combs (order or service lines of one unit) cross each other,
    overlays that run beside a reporting line (closer than :data:`BESIDE_NEAR`) for longer
    than :data:`BESIDE_SHORT`, the points where overlays cross tree connectors (of
    ``--show all`` too), and the layout's time with its overlays ÷ without (plain
    ``show``)."""
    import svg_geometry as geo

    total_with = total_without = 0.0
    for path in sorted((ROOT / "charts").glob("*.yaml")):
        org = orgraph.load(path)
        chart = geo.parse(orgraph.render(org, "svg", show="all", expand=True))
        tree = pinned_layout(org, show="all", expand=True)[2]
        children = {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in tree.items.items()}
        routed = {(r.tail, r.head) for r in pinned_layout(org, show="all", expand=True)[3]}
        extra = [e for e in chart.edges if (e.tail, e.head) in routed]
        through = geo.connectors_through_boxes(geo.Chart(chart.boxes, chart.classes, extra))
        on_lines = geo.overlays_on_reporting_lines(chart, children)
        combs = sum(int(c.rsplit("(", 1)[1].rstrip("x)")) for c in geo.crossing_combs(chart))
        beside = geo.overlay_runs_beside_reporting_lines(chart, children, near=BESIDE_NEAR)
        long_runs = [v for v in beside.values() if v > BESIDE_SHORT]
        crossings = len(geo.tree_crossing_points(chart, children))
        plain_tree = pinned_layout(org, show="all")[2]
        plain = geo.tree_crossing_points(
            geo.parse(orgraph.render(org, "svg", show="all")),
            {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in plain_tree.items.items()})
        with_ = best_of(3, lambda o=org: pinned_layout(o, show="all", expand=True))
        without = best_of(3, lambda o=org: pinned_layout(o, expand=True))
        total_with, total_without = total_with + with_, total_without + without
        print(f"  {path.stem:<15} overlays {len(extra):>3}, passing a box {len(through):>3}, "
              f"on a reporting line {len(on_lines):>3}, comb crossings {combs:>2}, "
              f"beside a reporting line (< {BESIDE_NEAR:.0f} pt) for > {BESIDE_SHORT:.0f} pt "
              f"{len(long_runs):>2} ({sum(long_runs):.0f} pt in all); crossing the tree "
              f"{crossings:>2} (plain --show all {len(plain):>2}); "
              f"layout {with_:.3f} s with them, {without:.3f} s without")
    print(f"  all charts: layout with overlays / without = {total_with / total_without:.1f}x")
    org = generate_company(2_000, seed=1)
    base = best_of(2, lambda: pinned_layout(org))
    nodes = sorted(org.nodes)
    for i in range(200):  # long dotted lines between random people: the router's worst case
        u, v = nodes[(i * 7919) % len(nodes)], nodes[(i * 104729 + 13) % len(nodes)]
        if u != v and not org.has_edge(u, v) and not org.has_edge(v, u):
            org.add_edge(u, v, relation="dotted")
    heavy = best_of(2, lambda: pinned_layout(org))
    print(f"  2,000 people + ~200 random dotted lines: layout {heavy:.2f} s, without them "
          f"{base:.2f} s ({heavy / base:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer rounds")
    parser.add_argument("--a3", action="store_true",
                        help="only the text size of 500 people on A3 landscape")
    parser.add_argument("--overlays", action="store_true", help="only the overlays part")
    args = parser.parse_args()
    if args.overlays:
        print("overlays (--show all --expand):")
        overlays()
        return
    if args.a3:
        print("500 people on A3 landscape:")
        a3_text()
        return
    print("speed (CPU seconds, best of rounds):")
    sizes = [2_000, 20_000] if args.quick else [10_000, 100_000]
    rows = speed(sizes, 2 if args.quick else 3)
    (n1, b1, t1), (n2, b2, t2) = rows
    print(f"  growth {n1} -> {n2}: x{t2 / t1:.1f} time for x{n2 // n1} people "
          f"(bfs_layers x{b2 / b1:.1f})")
    print("drawing:")
    drawing(5_000 if args.quick else 20_000, 2)
    print("compactness:")
    compactness([150, 500, 2_000] if args.quick else [150, 500, 2_000, 10_000])
    print("overlays (--show all --expand):")
    overlays()


if __name__ == "__main__":
    main()
