"""Notebook display: what an organisation on the last line of a cell costs.

Run from the repository root (not part of the test run):

    python benchmarks/bench_notebook.py            # 10,101 units and Sveio
    python benchmarks/bench_notebook.py --repeat 3

For each case, in turn within every round: the baseline ``orgraph.render(org, "svg")`` of the
chart the notebook shows (the preview's top levels for a big organisation: the SVG-only
display of before), and the whole mime bundle ``org._repr_mimebundle_()`` (the size guard,
the SVG with prefixed ids and the PNG fallback). Wall-clock seconds, best of ``--repeat``;
the ratio bundle / baseline is what the PNG fallback and the guard add.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import fastest

import orgraph
from orgraph.book.guard import preview_cut
from orgraph.generate import generate_company

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = {"generated company, 10,101 units": generate_company(10_101, seed=1),
             "Sveio (charts/sveio.yaml)": orgraph.load(ROOT / "charts" / "sveio.yaml")}
    print(f"best of {args.repeat}, wall-clock seconds")
    print("| organisation | SVG only (baseline) | mime bundle: guard + SVG + PNG | ratio |")
    print("|---|---:|---:|---:|")
    for name, org in cases.items():
        cut, _ = preview_cut(org)
        base = fastest(lambda org=org, cut=cut: orgraph.render(org, "svg", cut=cut), args.repeat)
        bundle = fastest(org._repr_mimebundle_, args.repeat)
        print(f"| {name} | {base:.2f} | {bundle:.2f} | {bundle / base:.2f} |")


if __name__ == "__main__":
    main()
