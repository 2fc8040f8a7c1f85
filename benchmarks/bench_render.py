"""Rendering speed: orgraph's total time against the layout engine alone on the same DOT.

Run from the repository root (not part of the test run):

    python benchmarks/bench_render.py            # charts + 500 and 5,000 units
    python benchmarks/bench_render.py --quick    # charts + 500 units
    python benchmarks/bench_render.py --engine system   # with the system's Graphviz

For each case the DOT is built once to time the engine alone (``layout``) on it, and
``orgraph.render`` is timed end to end (DOT building + engine); DOT building alone is shown
too. All three are timed in turn in every round, best of ``--repeat``, in the same run.

Times are CPU seconds of this process plus the engine process (``getrusage`` of children):
on a shared machine the wall clock of one layout varies by a factor of two from run to run,
the CPU time by a few per cent. The wall-clock ratio is printed too. The overhead is
``total / engine - 1``; the target is under 20 %. POSIX only (``resource``).
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
from pathlib import Path

import orgraph
from orgraph.render.dot import to_dot
from orgraph.render.engine import find_engine, layout

ROOT = Path(__file__).resolve().parent.parent


def synthetic(units: int, per_group: int = 10, executives: int = 8) -> orgraph.Organisation:
    """A council, a CAO with staff, executives, and ``units`` units in counted groups."""
    org = orgraph.Organisation(name=f"Syntetisk {units}")
    org.add_unit("council", kind="council", label="Kommunestyret")
    org.add_unit("cao", kind="cao", label="Rådmann")
    org.add_relation("council", "cao")
    for s in range(3):
        org.add_unit(f"stab{s}", kind="staff", label=f"Stab {s}", instructs=s == 0)
        org.add_relation("cao", f"stab{s}", "staff")
    groups = units // per_group
    for e in range(executives):
        org.add_unit(f"ks{e}", kind="executive", role="kommunalsjef", label=f"Kommunalsjef {e}")
        org.add_relation("cao", f"ks{e}")
    for g in range(groups):
        gid = f"g{g}"
        org.add_unit(gid, kind="unit_group", label=f"Enheter {g}", count=per_group,
                     items=[f"Enhet {g}.{i} æøå" for i in range(per_group)])
        org.add_relation(f"ks{g % executives}", gid)
    return org


def cpu() -> float:
    """CPU seconds of this process and its finished children (the layout engine)."""
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + child.ru_utime + child.ru_stime


def timed(func) -> tuple[float, float]:
    """(CPU seconds, wall seconds) that ``func()`` takes, its subprocesses included."""
    start_cpu, start_wall = cpu(), time.perf_counter()
    func()
    return cpu() - start_cpu, time.perf_counter() - start_wall


def measure(org: orgraph.Organisation, expand: bool, which: str, repeat: int
            ) -> dict[str, float]:
    """Best-of-``repeat`` CPU and wall seconds of DOT building, engine alone, orgraph total.

    The three are timed in turn within every round, so a busy machine slows all of them
    alike instead of whichever happened to run during the busy spell.
    """
    source = to_dot(org, expand=expand)
    runs: dict[str, list[tuple[float, float]]] = {"build": [], "engine": [], "total": []}
    for _ in range(repeat):
        runs["build"].append(timed(lambda: to_dot(org, expand=expand)))
        runs["engine"].append(timed(lambda: layout(source, "svg", engine=which, timeout=None)))
        runs["total"].append(timed(lambda: orgraph.render(org, "svg", engine=which,
                                                          expand=expand, timeout=None,
                                                          layout="dot")))
    out = {}
    for step, times in runs.items():
        out[f"{step}_cpu"] = min(c for c, _ in times)
        out[f"{step}_wall"] = min(w for _, w in times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 5,000-unit cases")
    parser.add_argument("--engine", default="embedded", choices=("embedded", "system"),
                        help="layout engine (default: embedded, the one every install has)")
    parser.add_argument("--repeat", type=int, default=7,
                        help="rounds per case (5,000-unit cases: half of it)")
    args = parser.parse_args()
    which, exe = find_engine(args.engine)
    cases = [(p.stem, orgraph.load(p), False) for p in sorted((ROOT / "charts").glob("*.yaml"))]
    for n in (500,) if args.quick else (500, 5000):
        org = synthetic(n)
        cases += [(f"synthetic {n}", org, False), (f"synthetic {n} --expand", org, True)]
    print(f"engine: {which} ({Path(exe).name}); python {platform.python_version()}; "
          f"best of {args.repeat} (5,000 units: {max(1, args.repeat // 2)}), interleaved; "
          "times in CPU seconds (this process + engine)")
    print("| chart | DOT lines | DOT build | engine alone | orgraph total | ratio (CPU) "
          "| overhead (CPU) | ratio (wall) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    sums = {"engine_cpu": 0.0, "total_cpu": 0.0, "engine_wall": 0.0, "total_wall": 0.0}
    ratios = []
    for name, org, expand in cases:
        repeat = max(1, args.repeat // 2) if "5000" in name else args.repeat
        m = measure(org, expand, which, repeat)
        for key in sums:
            sums[key] += m[key]
        ratio = m["total_cpu"] / m["engine_cpu"]
        ratios.append(ratio)
        size = to_dot(org, expand=expand).count("\n")
        print(f"| {name} | {size} | {m['build_cpu']:.4f} | {m['engine_cpu']:.4f} | "
              f"{m['total_cpu']:.4f} | {ratio:.2f} | {(ratio - 1) * 100:+.1f} % | "
              f"{m['total_wall'] / m['engine_wall']:.2f} |")
    ratio = sums["total_cpu"] / sums["engine_cpu"]
    print(f"| **all (sum)** | | | {sums['engine_cpu']:.3f} | {sums['total_cpu']:.3f} | "
          f"{ratio:.2f} | {(ratio - 1) * 100:+.1f} % | "
          f"{sums['total_wall'] / sums['engine_wall']:.2f} |")
    ratios.sort()
    print(f"\nper-case CPU ratio: median {statistics.median(ratios):.2f}, "
          f"worst {ratios[-1]:.2f}")


if __name__ == "__main__":
    main()
