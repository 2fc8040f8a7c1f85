"""Reading a large id + reports-to CSV into an Organisation, against the plain baseline.

Run from the repository root::

    python benchmarks/bench_csv.py            # 1,000,000 rows
    python benchmarks/bench_csv.py --rows 100000 --repeat 3

The baseline is what anyone would write without orgraph: ``csv.reader`` over the decoded file
and ``networkx.from_edgelist`` into a DiGraph (no labels, no checks). orgraph's reader does
more (labels as node attributes, typed edges, duplicate / dangling / cycle / top-post checks,
and :func:`orgraph.chartfile.check_organisation`), all included in its time. Both run in the
same process on the same file; the best of ``--repeat`` runs counts. Not part of the test
suite: timings belong in BENCHMARKS.md, not in asserts.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from orgraph import formats


def make_csv(path: Path, rows: int, seed: int = 2002) -> None:
    """A random tree: row i reports to a row before it, with a name column."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,parent,name\n")
        handle.write("u0,,Rådmann\n")
        for i in range(1, rows):
            parent = rng.randrange(max(0, i - 50), i)
            handle.write(f"u{i},u{parent},Enhet {i}\n")


def baseline(path: Path) -> nx.DiGraph:
    """csv + networkx.from_edgelist: the plain way."""
    text = path.read_bytes().decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    edges = [(row[1], row[0]) for row in reader if row[1]]
    return nx.from_edgelist(edges, create_using=nx.DiGraph)


def baseline_no_gc(path: Path) -> nx.DiGraph:
    """The baseline with the garbage collector paused, as orgraph's reader pauses it."""
    gc.disable()
    try:
        return baseline(path)
    finally:
        gc.enable()


def orgraph_read(path: Path) -> nx.DiGraph:
    return formats.read(path, report=formats.Report(str(path)))


def best_of(function: Callable[[Path], nx.DiGraph], path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        graph = function(path)
        times.append(time.perf_counter() - start)
        del graph
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        make_csv(path, args.rows)
        org = orgraph_read(path)
        assert org.number_of_nodes() == args.rows
        assert org.number_of_edges() == args.rows - 1
        del org
        base = best_of(baseline, path, args.repeat)
        base_no_gc = best_of(baseline_no_gc, path, args.repeat)
        ours = best_of(orgraph_read, path, args.repeat)
        size = path.stat().st_size / 1e6
    print(f"rows: {args.rows:,} ({size:.1f} MB), best of {args.repeat}")
    print(f"baseline (csv + networkx.from_edgelist): {base:.2f} s")
    print(f"orgraph.formats.read, validation included: {ours:.2f} s")
    print(f"baseline with the garbage collector paused: {base_no_gc:.2f} s")
    print(f"ratio: {ours / base:.2f}x (target: within 1.5x); "
          f"{ours / base_no_gc:.2f}x against the GC-paused baseline")


if __name__ == "__main__":
    main()
