"""Interactive chart: file size and time to first paint in headless Chromium.

Builds the HTML file of a generated company (``orgraph.generate.generate_company``; pages
cut ``--depth`` levels deep, as ``tests/test_html_browser.py`` cuts them), then loads it in
headless Chromium ``--rounds`` times, each in a fresh tab, interleaved with a baseline: a
plain HTML page holding the same top page's SVG inline (what the browser needs at the least
to show that page, without orgraph's viewer). For each load: the browser's
first-contentful-paint, and ``orgraph-ready`` (the viewer's mark once the top page, breadcrumb
and legend are in place: the chart can be used). Medians are reported with the ratio to the
baseline's first paint.

Run: ``python benchmarks/bench_html.py [--people 15000] [--rounds 7]`` (needs Chromium at
/usr/bin/chromium and the ``playwright`` Python package; never downloads a browser).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from html_support import make_book

from orgraph.book.html import book_to_html, compact_svg
from orgraph.generate import generate_company

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_TIMES = """() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return {fcp: at('first-contentful-paint'), ready: at('orgraph-ready'),
          start: at('orgraph-start'), data: at('orgraph-data'), nodes: at('orgraph-nodes')};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=15_000)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    org = generate_company(args.people, seed=7)
    start = time.perf_counter()
    book = make_book(org, depth=args.depth)
    built = time.perf_counter() - start
    start = time.perf_counter()
    text = book_to_html(book, org)
    written = time.perf_counter() - start
    folder = Path(tempfile.mkdtemp())
    chart = folder / "chart.html"
    chart.write_text(text, encoding="utf-8")
    plain = folder / "plain.html"
    plain.write_bytes(b"<!DOCTYPE html><html><body>" + compact_svg(book.pages[0].svg)
                      + b"</body></html>")
    raw = sum(len(p.svg) for p in book.pages)
    print(f"{args.people} people, {len(book.pages)} pages ({args.depth} levels each): "
          f"book {built:.1f} s (test cutter), HTML written in {written:.2f} s; file "
          f"{chart.stat().st_size / 1e6:.2f} MB (pages' SVG {raw / 1e6:.1f} MB uncompressed)")

    fcp: list[float] = []
    ready: list[float] = []
    base: list[float] = []
    steps: list[dict[str, float]] = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=args.chromium, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 800})
        for _ in range(args.rounds):
            for path, is_chart in ((chart, True), (plain, False)):
                page = ctx.new_page()
                page.goto(path.as_uri())
                if is_chart:
                    page.wait_for_selector("html[data-ready]", timeout=30_000)
                else:
                    page.wait_for_function(
                        "performance.getEntriesByName('first-contentful-paint').length")
                times = page.evaluate(_TIMES)
                (fcp if is_chart else base).append(times["fcp"])
                if is_chart:
                    ready.append(times["ready"])
                    steps.append(times)
                page.close()
        ctx.close()
    med = statistics.median
    print(f"chromium {args.chromium}; {args.rounds} rounds, interleaved; medians (min-max) in ms")
    print("| page | first contentful paint | chart ready | ratio to baseline FCP |")
    print("|---|---:|---:|---:|")
    print(f"| baseline: top page's SVG inline, no viewer | {med(base):.0f} "
          f"({min(base):.0f}-{max(base):.0f}) | - | 1.00 |")
    print(f"| orgraph HTML, {args.people} people | {med(fcp):.0f} ({min(fcp):.0f}-{max(fcp):.0f}) "
          f"| {med(ready):.0f} ({min(ready):.0f}-{max(ready):.0f}) | "
          f"{med(fcp) / med(base):.2f} (ready: {med(ready) / med(base):.2f}) |")
    parts = {"document parsed, script starts": ("start", None),
             "page data parsed (JSON)": ("data", "start"),
             "node records unpacked and indexed": ("nodes", "data"),
             "top page and legend unpacked, shown, painted": ("ready", "nodes")}
    for what, (end, begin) in parts.items():
        spans = [t[end] - (t[begin] if begin else 0) for t in steps]
        print(f"  {what}: {med(spans):.0f} ms")


if __name__ == "__main__":
    main()
