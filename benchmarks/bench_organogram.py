"""Reading a large UK organogram pair leniently, against the plain csv + networkx baseline.

Run from the repository root::

    python3 benchmarks/bench_organogram.py                  # both shapes, 1,000,000 rows
    python3 benchmarks/bench_organogram.py --rows 100000 --repeat 3

Two shapes of 1M rows, written with the 22 columns of the data.gov.uk March 2011 export
(the format's 19 and the export's ``URI``, ``source_file``, ``source_line``), 5 % of the
senior names blank (the lenient reading repairs and reports each of those rows):

* ``senior``: 1M senior posts (a random tree, each post under one of the 50 before it);
* ``pair``: 100k senior posts and 900k junior rows (9 per senior post on average).

The baseline is what anyone would write without orgraph: ``csv.reader`` over each decoded
file and ``networkx.from_edgelist`` on the same rows (senior: reports-to → post; junior:
reporting senior post → one node per row), no attributes, no checks. orgraph's time is
:func:`orgraph.formats.read` with a Report: every post with its attributes, job shares,
repairs and the chart rules. Time: CPU seconds of the process (the dev container is shared;
wall clock varies several-fold), best of ``--repeat``; peak memory: ``tracemalloc`` peak
of one run each (Python allocations; the same accounting for both). Not part of the test
suite: the results belong in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from orgraph import formats

SENIOR_HEADER = ("Post Unique Reference,Name,Grade (or equivalent),Job Title,Job/Team Function,"
                 "Parent Department,Organisation,Unit,Contact Phone,Contact E-mail,Reports to "
                 "Senior Post,Salary Cost of Reports (£),FTE,Actual Pay Floor (£),Actual Pay "
                 "Ceiling (£),,Professional/Occupational Group,Notes,Valid?,URI,source_file,"
                 "source_line")
JUNIOR_HEADER = ("Parent Department,Organisation,Unit,Reporting Senior Post,Grade,Payscale "
                 "Minimum (£),Payscale Maximum (£),Generic Job Title,Number of Posts in FTE,"
                 "Professional/Occupational Group,source_file,source_line")
GRADES = ("SCS4", "SCS3", "SCS2", "SCS1")
JUNIOR_GRADES = ("Grade 6", "Grade 7", "SEO", "HEO", "EO", "AO", "AA")
UNITS = tuple(f"Unit {i}" for i in range(40))
PROFESSIONS = ("Policy", "Operational Delivery", "Finance", "Information Technology")


def make_pair(folder: Path, seniors: int, juniors: int, seed: int = 2011) -> Path:
    """Write ``bench-senior.csv`` (and ``bench-junior.csv`` if ``juniors``) into ``folder``."""
    rng = random.Random(seed)
    senior = folder / "bench-senior.csv"
    uri = "http://reference.data.gov.uk/id/department/bench/post/"
    with senior.open("w", encoding="utf-8", newline="") as out:
        out.write(SENIOR_HEADER + "\n")
        for i in range(seniors):
            boss = "XX" if i == 0 else f"P{rng.randrange(max(0, i - 50), i)}"
            name = "" if rng.random() < 0.05 else f"Person {i}"
            grade = GRADES[min(3, i.bit_length() // 5)]
            out.write(f"P{i},{name},{grade},Director of Things {i},Does things,Department of "
                      f"Benchmarks,Department of Benchmarks,{rng.choice(UNITS)},0300 000 "
                      f"{i % 10000:04d},post{i}@bench.gov.uk,{boss},0,1,N/D,N/D,,"
                      f"{rng.choice(PROFESSIONS)},,,{uri}P{i},/data/bench.xls,person{i}\n")
    if juniors:
        with (folder / "bench-junior.csv").open("w", encoding="utf-8", newline="") as out:
            out.write(JUNIOR_HEADER + "\n")
            for j in range(juniors):
                boss = rng.randrange(seniors)
                grade = rng.choice(JUNIOR_GRADES)
                out.write(f"Department of Benchmarks,Department of Benchmarks,"
                          f"{rng.choice(UNITS)},P{boss},{grade},20000,30000,Officer {j % 97},"
                          f"{rng.randrange(1, 40) / 4},{rng.choice(PROFESSIONS)},"
                          f"/data/bench.xls,juniorPosts{j}\n")
    return senior


def baseline(senior: Path) -> nx.DiGraph:
    """csv.reader + networkx.from_edgelist on the same rows: the plain way."""
    reader = csv.reader(io.StringIO(senior.read_bytes().decode("utf-8"), newline=""))
    next(reader)
    edges = [(row[10], row[0]) for row in reader]
    junior = senior.with_name("bench-junior.csv")
    if junior.exists():
        reader = csv.reader(io.StringIO(junior.read_bytes().decode("utf-8"), newline=""))
        next(reader)
        edges += [(row[3], f"j{k}") for k, row in enumerate(reader)]
    return nx.from_edgelist(edges, create_using=nx.DiGraph)


def orgraph_read(senior: Path) -> nx.DiGraph:
    return formats.read(senior, report=formats.Report(str(senior)))


def best_of(function: Callable[[Path], nx.DiGraph], path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        graph = function(path)
        times.append(time.process_time() - start)
        del graph
    return min(times)


def peak(function: Callable[[Path], nx.DiGraph], path: Path) -> float:
    """Peak traced memory of one call, MB."""
    gc.collect()
    tracemalloc.start()
    graph = function(path)
    top = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del graph
    return top / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--shape", choices=["senior", "pair", "both"], default="both")
    args = parser.parse_args()
    shapes = ["senior", "pair"] if args.shape == "both" else [args.shape]
    print("| shape | rows | baseline s | orgraph s | time ratio | baseline MB | orgraph MB "
          "| memory ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for shape in shapes:
        with tempfile.TemporaryDirectory() as tmp:
            seniors = args.rows if shape == "senior" else args.rows // 10
            senior = make_pair(Path(tmp), seniors, args.rows - seniors)
            org = orgraph_read(senior)  # warm up, and check it reads
            assert org.number_of_nodes() >= seniors
            del org
            base_t = best_of(baseline, senior, args.repeat)
            ours_t = best_of(orgraph_read, senior, args.repeat)
            base_m, ours_m = peak(baseline, senior), peak(orgraph_read, senior)
            print(f"| {shape} | {args.rows:,} | {base_t:.2f} | {ours_t:.2f} | "
                  f"{ours_t / base_t:.2f} | {base_m:.0f} | {ours_m:.0f} | "
                  f"{ours_m / base_m:.2f} |", flush=True)


if __name__ == "__main__":
    main()
