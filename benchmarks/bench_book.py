"""Chart book build time and page count, with the issue's checks on the PDF read back.

Run from the repository root (not part of the test run):

    python benchmarks/bench_book.py              # 1,516 (d3-org-chart CSV) and 5,000 people
    python benchmarks/bench_book.py --sizes 300  # a quick one

The 1,516-person case is a generated company written as a d3-org-chart CSV (id, parentId,
name, positionName) and read back through orgraph's table reader, as a user's export would
be; the 5,000-person case is the generated company itself. Each book is built for A4
landscape at 8 pt, written as PDF, and checked by reading the PDF back (tests/pdfread.py):
smallest text per page, every person drawn once and indexed once, every "page N" link.
Times are wall seconds of build (plan + draw every page) and PDF writing, one run; the same
book is then written again with every page through svglib (the route before
orgraph.render.svgpdf), so the ratio is measured in the same run on the same pages.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pdfread import check_book_pdf  # noqa: E402

import orgraph  # noqa: E402
from orgraph.book.build import build_book  # noqa: E402
from orgraph.book.pdf import write_pdf  # noqa: E402
from orgraph.generate import generate_company  # noqa: E402


def unique(org: orgraph.Organisation) -> orgraph.Organisation:
    """Names made unique (first name and id) so the PDF check can tell people apart."""
    for node, data in org.nodes(data=True):
        name, title = data["label"].split("\n")
        data["label"] = f"{name.split()[0]} {node}\n{title}"
        if "label_en" in data:
            data["label_en"] = f"{name.split()[0]} {node}\n{data['label_en'].split(chr(10))[1]}"
    return org


def d3_csv(org: orgraph.Organisation, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "parentId", "name", "positionName"])
        for node, data in org.nodes(data=True):
            name, title = data["label"].split("\n")
            out.writerow([node, next(iter(org.predecessors(node)), ""), name, title])
    return path


def svglib_pdf(book: object, path: Path) -> float:
    """Seconds to write the same book with every page through svglib (the old route)."""
    from orgraph.render import convert

    direct, convert.draw_on = convert.draw_on, convert.draw_with_svglib
    try:
        start = time.perf_counter()
        write_pdf(book, path)
        return time.perf_counter() - start
    finally:
        convert.draw_on = direct


def run(label: str, org: orgraph.Organisation, folder: Path, engine: str,
        baseline: bool) -> None:
    start = time.perf_counter()
    book = build_book(org, page="A4", min_text=8, engine=engine)
    built = time.perf_counter() - start
    path = write_pdf(book, folder / f"{label}.pdf")
    written = time.perf_counter() - start - built
    names = {n: org.label(n, book.lang).split("\n")[0] for n in org}
    problems = check_book_pdf(path, names, 8.0)
    old = svglib_pdf(book, folder / "svglib.pdf") if baseline else float("nan")
    print(f"| {label} | {org.number_of_nodes():,} | {len(book.pages)} | {built:.1f} | "
          f"{written:.1f} | {old:.1f} ({old / written:.1f}×) | "
          f"{path.stat().st_size / 1e6:.1f} MB | "
          f"{'all pass' if not problems else f'{len(problems)} problems: {problems[:3]}'} |",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1516, 5000])
    parser.add_argument("--engine", default="embedded")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip writing each book a second time through svglib")
    args = parser.parse_args()
    print("| case | people | pages | build s | PDF s | PDF s via svglib (ratio) | PDF size "
          "| checks |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            org = unique(generate_company(n, seed=0))
            if n == 1516:
                org = orgraph.load(d3_csv(org, folder / "d3.csv"))
                run("d3-org-chart CSV", org, folder, args.engine, not args.no_baseline)
            else:
                run("generated", org, folder, args.engine, not args.no_baseline)


if __name__ == "__main__":
    main()
