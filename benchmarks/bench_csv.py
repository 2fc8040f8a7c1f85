"""Reading a large id + reports-to table into an Organisation, against the plain baseline.

Run from the repository root::

    python benchmarks/bench_csv.py                      # 1,000,000 rows, every shape
    python benchmarks/bench_csv.py --rows 100000 --repeat 3 --shape wide
    python benchmarks/bench_csv.py --metrics            # also a whole `orgraph metrics`

Shapes (columns of the generated CSV; a random organisation, spans 3-15, rows shuffled):

- ``plain``: ``id,parent,name``;
- ``kinds``: ``id,parent,name,kind,headcount,dotted`` (1 % of the rows with a dotted-line
  superior), the shape of issue 10;
- ``wide``: ``id,parent,name,title,kind,headcount,dotted``: what HR exports carry.

The baseline is what anyone would write without orgraph: ``csv.reader`` over the decoded file
and ``networkx.from_edgelist`` into a DiGraph of the same rows (reports-to and dotted edges;
no attributes, no checks). orgraph's reader does more (labels and the other columns as node
attributes, typed edges, duplicate / dangling / cycle / top-post checks, the chart rules), all
included in its time. Times: CPU seconds of this process (the machine is shared, so the wall
clock measures the neighbours too; its ratio is printed beside), both in the same process on
the same file, interleaved, the best of ``--repeat`` counts. Peak memory: each in a fresh
child process (its ``VmHWM``, the Python interpreter and imports included on both sides), the
best of ``--repeat``.

``--metrics`` also times ``python -m orgraph metrics FILE`` as a whole process (its CPU
seconds, user + system, from ``os.wait4``) against a
script that reads the same file with csv + ``networkx.from_edgelist`` (the reports-to edges)
and prints depth, layer sizes and spans from ``bfs_layers`` and the out-degrees. Not part of
the test suite: timings belong in BENCHMARKS.md, not in asserts.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from orgraph import formats

SHAPES = {
    "plain": ["id", "parent", "name"],
    "kinds": ["id", "parent", "name", "kind", "headcount", "dotted"],
    "wide": ["id", "parent", "name", "title", "kind", "headcount", "dotted"],
}
_TITLES = ("Head of service", "Team leader", "Adviser", "Senior adviser", "Case officer")


def make_csv(path: Path, rows: int, shape: str = "plain", seed: int = 2002) -> None:
    """A random organisation of ``rows`` rows with the columns of ``shape``.

    Built top-down with spans of 3-15 (depth about 7 at 1M rows, as real organisations), then
    written in a shuffled order, so most rows name a superior further down the file; 1 % of
    the rows (``kinds``/``wide``) have a dotted-line superior on the same or a shallower layer.
    """
    rng = random.Random(seed)
    parents = [-1]
    boss = 0
    while len(parents) < rows:
        parents.extend([boss] * min(rng.randint(3, 15), rows - len(parents)))
        boss += 1
    has_reports = set(parents)
    columns = SHAPES[shape]
    order = list(range(rows))
    rng.shuffle(order)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(columns) + "\n")
        for i in order:
            parent = parents[i]
            cells = {"id": f"u{i}", "parent": f"u{parent}" if parent >= 0 else "",
                     "name": "Rådmann" if i == 0 else f"Enhet {i}"}
            if shape != "plain":
                cells["kind"] = ("cao" if i == 0 else
                                 "department" if i in has_reports else "unit")
                cells["headcount"] = str(rng.randint(1, 40)) if i % 7 else "2.5"
                dotted = rng.randrange(0, i) if i > 1 and i % 100 == 0 else parent
                cells["dotted"] = f"u{dotted}" if dotted != parent else ""
                cells["title"] = _TITLES[i % len(_TITLES)]
            handle.write(",".join(cells[c] for c in columns) + "\n")


def baseline(path: Path) -> nx.DiGraph:
    """csv + networkx.from_edgelist: the plain way (reports-to and dotted edges)."""
    text = path.read_bytes().decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    parent_i = header.index("parent")
    dotted_i = header.index("dotted") if "dotted" in header else None
    edges = []
    for row in reader:
        if row[parent_i]:
            edges.append((row[parent_i], row[0]))
        if dotted_i is not None and row[dotted_i]:
            edges.append((row[dotted_i], row[0]))
    return nx.from_edgelist(edges, create_using=nx.DiGraph)


def orgraph_read(path: Path) -> nx.DiGraph:
    return formats.read(path, report=formats.Report(str(path)))


_FUNCTIONS: dict[str, Callable[[Path], nx.DiGraph]] = {
    "baseline": baseline, "orgraph": orgraph_read}

#: The csv + networkx + BFS script `orgraph metrics` is compared with.
BFS_SCRIPT = """
import csv, io, sys
import networkx as nx
text = open(sys.argv[1], 'rb').read().decode('utf-8')
reader = csv.reader(io.StringIO(text, newline=''))
header = next(reader)
p = header.index('parent')
line, top = [], None
for row in reader:
    if row[p]:
        line.append((row[p], row[0]))
    else:
        top = row[0]
tree = nx.from_edgelist(line, create_using=nx.DiGraph)
layers = [len(layer) for layer in nx.bfs_layers(tree, top)]
spans = [d for _, d in tree.out_degree() if d]
print('depth', len(layers) - 1, 'layers', layers, 'max span', max(spans),
      'mean span', sum(spans) / len(spans))
"""


def peak_mib(function: str, path: Path) -> float:
    """The peak resident memory (MiB) of a fresh process that runs ``function`` once."""
    # VmHWM belongs to the process image (ru_maxrss would carry the parent's over a fork).
    code = ("import sys; sys.path.insert(0, 'benchmarks'); import bench_csv; "
            f"bench_csv._FUNCTIONS[{function!r}](bench_csv.Path({str(path)!r})); "
            "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    return int(out.stdout.split()[-2]) / 1024


def process_seconds(command: list[str]) -> float:
    """CPU seconds (user + system) of one whole process (output thrown away)."""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env=env) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"{command} exited with {child.returncode}")
    return usage.ru_utime + usage.ru_stime


def run_shape(shape: str, rows: int, repeat: int, metrics: bool, tmp: Path) -> dict:
    path = tmp / f"{shape}.csv"
    make_csv(path, rows, shape)
    org = orgraph_read(path)
    assert org.number_of_nodes() == rows, org.number_of_nodes()
    assert org.number_of_edges() == len(baseline(path).edges), "edge counts differ"
    del org
    times: dict[str, list[float]] = {"baseline": [], "orgraph": []}
    walls: dict[str, list[float]] = {"baseline": [], "orgraph": []}
    for _ in range(repeat):  # interleaved: the machine's drift hits both alike
        for name, function in _FUNCTIONS.items():
            gc.collect()
            start, wall = time.process_time(), time.perf_counter()
            graph = function(path)
            times[name].append(time.process_time() - start)
            walls[name].append(time.perf_counter() - wall)
            del graph
    result = {"shape": shape, "columns": ",".join(SHAPES[shape]), "rows": rows,
              "mb": path.stat().st_size / 1e6,
              "baseline_s": min(times["baseline"]), "orgraph_s": min(times["orgraph"]),
              "wall_ratio": min(walls["orgraph"]) / min(walls["baseline"]),
              "baseline_mib": min(peak_mib("baseline", path) for _ in range(repeat)),
              "orgraph_mib": min(peak_mib("orgraph", path) for _ in range(repeat))}
    if metrics:
        script = tmp / "bfs.py"
        script.write_text(BFS_SCRIPT)
        ours, base = [], []
        for _ in range(repeat):
            base.append(process_seconds([sys.executable, str(script), str(path)]))
            ours.append(process_seconds([sys.executable, "-m", "orgraph", "metrics",
                                         str(path)]))
        result["bfs_script_s"], result["metrics_s"] = min(base), min(ours)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--shape", choices=SHAPES, action="append",
                        help="a shape to run (repeatable; default: all)")
    parser.add_argument("--metrics", action="store_true",
                        help="also time a whole `orgraph metrics` against csv+networkx+BFS")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shape or list(SHAPES):
            results.append(run_shape(shape, args.rows, args.repeat, args.metrics, Path(tmp)))
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}; best of "
          f"{args.repeat}, interleaved; CPU seconds; peak = VmHWM of a fresh process")
    print("| columns | rows | MB | baseline s | orgraph s | ratio | (wall) | baseline MiB | "
          "orgraph MiB | memory ratio |" + (" BFS script s | metrics s | ratio |"
                                            if args.metrics else ""))
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|"
                                                               if args.metrics else ""))
    for r in results:
        line = (f"| {r['columns']} | {r['rows']:,} | {r['mb']:.1f} | {r['baseline_s']:.2f} | "
                f"{r['orgraph_s']:.2f} | {r['orgraph_s'] / r['baseline_s']:.2f} | "
                f"{r['wall_ratio']:.2f} | "
                f"{r['baseline_mib']:.0f} | {r['orgraph_mib']:.0f} | "
                f"{r['orgraph_mib'] / r['baseline_mib']:.2f} |")
        if args.metrics:
            line += (f" {r['bfs_script_s']:.2f} | {r['metrics_s']:.2f} | "
                     f"{r['metrics_s'] / r['bfs_script_s']:.2f} |")
        print(line)


if __name__ == "__main__":
    main()
