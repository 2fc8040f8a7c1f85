"""Benchmark: ``orgraph.diff`` of two 100,000-unit organisations that differ in 1% of units,
as a ratio to the time it takes to load both files.

Run from the repository root (not part of the default test run):

    python3 benchmarks/bench_diff.py             # 100,000 units, 1% changed
    python3 benchmarks/bench_diff.py --units 20000 --rounds 2

The old organisation is :func:`orgraph.generate.generate_company`; the new one changes 1% of
its units, in five equal shares: moved to another manager, relabelled, removed, added, and
given a new id under the same label (which only the label fallback can match). Both are
written as CSV (the format big organisations come in) and loaded with ``orgraph.load``; the
baseline is loading both files, measured in the same run, best of ``--rounds``. The diff is
timed with the label fallback (``match="auto"``) and without (``"id"``), and checked: every
planted change must be found, and every re-identified unit matched to its old id.

A second case gives 10% of the units new ids (10,000 unmatched on each side) and times the
label matching alone: all-pairs scoring would be 10^8 comparisons; the blocked index scores
a few candidates per unit.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx

import orgraph
from orgraph.formats import Report, write
from orgraph.generate import generate_company
from orgraph.model import Organisation
from orgraph.reorg import Diff
from orgraph.reorg.matching import label_matches


def perturb(old: Organisation, share: float, seed: int) -> tuple[Organisation, dict]:
    """A copy of ``old`` with ``share`` of its units changed (five kinds, equal parts)."""
    rng = random.Random(seed)
    new = old.copy()
    leaves = [n for n in old if old.out_degree(n) == 0 and old.line_superior(n)]
    managers = [n for n in old if any(True for _ in old.line_subordinates(n))]
    k = int(len(old) * share) // 5
    picked = rng.sample(leaves, 4 * k)
    moved, renamed, removed, reid = (picked[i * k:(i + 1) * k] for i in range(4))
    for n in moved:
        sup = old.line_superior(n)
        target = rng.choice([m for m in rng.sample(managers, 3) if m != sup][:1] or managers)
        new.remove_edge(sup, n)
        new.add_edge(target, n, relation="line")
    for n in renamed:
        new.nodes[n]["label"] = new.nodes[n]["label"] + " (ny)"
    new.remove_nodes_from(removed)
    added = [f"new{i}" for i in range(k)]
    for node in added:
        new.add_node(node, kind="unit", label=f"Ny stilling {node}", headcount=1)
        new.add_edge(rng.choice(managers), node, relation="line")
    for n in reid:
        sup, data = old.line_superior(n), dict(old.nodes[n])
        new.remove_node(n)
        new.add_node(f"x{n}", **data)
        new.add_edge(sup, f"x{n}", relation="line")
    return new, {"moved": set(moved), "renamed": set(renamed), "removed": set(removed),
                 "added": set(added), "reid": {f"x{n}": n for n in reid}}


def best(func, rounds: int) -> tuple[float, object]:
    """Best CPU time of ``rounds`` calls (the machine is shared: CPU time varies less than
    the wall clock), and the last result."""
    times, out = [], None
    for _ in range(rounds):
        t = time.process_time()
        out = func()
        times.append(time.process_time() - t)
    return min(times), out


def check(d: Diff, planted: dict) -> str:
    ok = (d.removed() == planted["removed"] and d.added() == planted["added"]
          and set(d.moved()) == planted["moved"] and set(d.renamed()) == planted["renamed"]
          and {n: o for n, (o, _) in d.label_matched().items()} == planted["reid"])
    return "every planted change found" if ok else "MISMATCH"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    old = generate_company(args.units, seed=1)
    new, planted = perturb(old, 0.01, seed=2)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "old.csv", Path(tmp) / "new.csv"]
        for org, path in zip((old, new), paths, strict=True):
            write(org, path, report=Report(str(path)))
        load_t, (a, b) = best(lambda: [orgraph.load(p) for p in paths], args.rounds)
    auto_t, d = best(lambda: orgraph.diff(a, b), args.rounds)
    id_t, _ = best(lambda: orgraph.diff(a, b, match="id"), args.rounds)
    print(f"python {sys.version.split()[0]}; {args.units:,} units, 1% changed "
          f"({len(d.changes)} unit changes); best of {args.rounds}")
    print("| case | CPU seconds | ratio to loading both |")
    print("|---|---:|---:|")
    print(f"| load both CSV files (baseline) | {load_t:.2f} | 1.00 |")
    print(f"| diff, --match auto | {auto_t:.2f} | {auto_t / load_t:.2f} |")
    print(f"| diff, --match id | {id_t:.2f} | {id_t / load_t:.2f} |")
    print(f"check: {check(d, planted)}")
    renamed = random.Random(4).sample(list(old), args.units // 10)
    for edit in (False, True):
        heavy = nx.relabel_nodes(old, {n: f"x{n}" for n in renamed}, copy=True)
        if edit:  # a new id and an edited label: only the trigram index finds it
            for n in renamed:
                heavy.nodes[f"x{n}"]["label"] = heavy.nodes[f"x{n}"]["label"] + " II"
        matched = {n: n for n in heavy if n in old}
        t = time.process_time()
        found = label_matches(old, heavy, renamed, [f"x{n}" for n in renamed], matched)
        took = time.process_time() - t
        right = sum(1 for o, n, _ in found if n == f"x{o}")
        what = "new ids and edited labels" if edit else "new ids, same labels"
        print(f"label matching alone, {len(renamed):,} {what} on each side: {took:.2f} CPU s, "
              f"{len(found):,} matched, {right:,} to their old id")


if __name__ == "__main__":
    main()
