"""Rendering speed: orgraph's total time against the layout engine alone on the same DOT.

Run from the repository root (not part of the test run):

    python benchmarks/bench_render.py            # charts + 500 and 5,000 units
    python benchmarks/bench_render.py --quick    # charts + 500 units

For each case the DOT is built once to time the engine alone (``layout``), then
``orgraph.render`` is timed end to end (DOT building + engine); both in the same run, best of
``--repeat``. The overhead is ``total / engine - 1``; the target is under 20 %.
"""

from __future__ import annotations

import argparse
import platform
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


def best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 5,000-unit cases")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    which, exe = find_engine("auto")
    cases = [(p.stem, orgraph.load(p), False) for p in sorted((ROOT / "charts").glob("*.yaml"))]
    for n in (500,) if args.quick else (500, 5000):
        org = synthetic(n)
        cases += [(f"synthetic {n}", org, False), (f"synthetic {n} --expand", org, True)]
    print(f"engine: {which} ({Path(exe).name}); python {platform.python_version()}; "
          f"best of {args.repeat}")
    print("| chart | DOT nodes+edges | engine alone (s) | orgraph total (s) | ratio | overhead |")
    print("|---|---:|---:|---:|---:|---:|")
    total_engine = total_orgraph = 0.0
    for name, org, expand in cases:
        source = to_dot(org, expand=expand)
        repeat = 1 if "5000" in name else args.repeat
        engine = best(lambda s=source: layout(s, "svg", engine=which, timeout=None), repeat)
        full = best(lambda o=org, e=expand: orgraph.render(o, "svg", engine=which, expand=e,
                                                           timeout=None), repeat)
        total_engine += engine
        total_orgraph += full
        size = source.count("\n")
        print(f"| {name} | {size} | {engine:.3f} | {full:.3f} | {full / engine:.2f} | "
              f"{(full / engine - 1) * 100:+.1f} % |")
    ratio = total_orgraph / total_engine
    print(f"| **all** | | {total_engine:.3f} | {total_orgraph:.3f} | {ratio:.2f} | "
          f"{(ratio - 1) * 100:+.1f} % |")


if __name__ == "__main__":
    main()
