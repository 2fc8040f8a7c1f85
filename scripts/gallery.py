"""Regenerate docs/gallery/*.png and the README gallery between its markers.

Run from the repository root: ``python scripts/gallery.py``. The README section between
``<!-- gallery:start -->`` and ``<!-- gallery:end -->`` is rewritten; never edit it by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orgraph

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- gallery:start -->", "<!-- gallery:end -->"


def _extras(out: Path) -> list[str]:
    """A generated company, and one chart in Graphviz dot's own layout for comparison."""
    from orgraph.generate import generate_company

    rows = []
    company = generate_company(150, seed=150)
    target = out / "company-150.png"
    target.write_bytes(orgraph.render(company, "png", engine="embedded", dpi=48))
    rows.append("### A generated company of 150 people\n\n`orgraph.generate.generate_company"
                f"(150, seed=150)`\n\n![150 people](docs/gallery/{target.name})\n")
    company = generate_company(500, seed=2)
    target = out / "company-500.png"
    target.write_bytes(orgraph.render(company, "png", engine="embedded", dpi=24))
    rows.append("### A generated company of 500 people, folded\n\n`orgraph.generate."
                "generate_company(500, seed=2)`, shown at a third of its size: too wide for "
                "3:1 in one row, so every subtree took its smallest form (reports under a "
                "bus, rows round the trunk, columns round spines, indented lists), the "
                "whole aimed at a screen's shape (1:1 to 2:1)\n\n"
                f"![500 people](docs/gallery/{target.name})\n")
    company = generate_company(500, seed=1)
    target = out / "company-500-a3-teams.png"
    target.write_bytes(orgraph.render(company, "png", engine="embedded", dpi=60,
                                      page="A3,landscape", teams="lists", lang="en"))
    rows.append("### 500 people on an A3 page, teams as lists\n\n`orgraph.render("
                "generate_company(500, seed=1), \"png\", page=\"A3,landscape\", "
                "teams=\"lists\", lang=\"en\")` (`--page A3,landscape --teams lists` on the "
                "command line): each manager's leaf reports in one list box, so the whole "
                "company fits one landscape page at 5.8 pt (here at 60 dpi)\n\n"
                f"![500 people on A3](docs/gallery/{target.name})\n")
    rissa = orgraph.load(ROOT / "charts" / "rissa-2002-06.yaml")
    target = out / "rissa-2002-06-dot.png"
    target.write_bytes(orgraph.render(rissa, "png", engine="embedded", dpi=72, layout="dot"))
    rows.append("### For comparison: Rissa (2002-06-20) in Graphviz dot's layout\n\n"
                "`orgraph render charts/rissa-2002-06.yaml --layout dot`: lines knotted "
                "under the staff units, which orgraph's own layout (above) avoids\n\n"
                f"![Rissa in dot's layout](docs/gallery/{target.name})\n")
    for path in (out / "company-150.png", out / "company-500.png",
                 out / "company-500-a3-teams.png", out / "rissa-2002-06-dot.png"):
        print(path.relative_to(ROOT))
    return rows


def main() -> int:
    out = ROOT / "docs" / "gallery"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for chart in sorted((ROOT / "charts").glob("*.yaml")):
        org = orgraph.load(chart)
        target = out / f"{chart.stem}.png"
        target.write_bytes(orgraph.render(org, "png", engine="embedded", dpi=72))
        name = org.graph.get("name", chart.stem)
        date = org.graph.get("date")
        title = f"{name} ({date})" if date else name
        rows.append(f"### {title}\n\n`charts/{chart.name}`\n\n"
                    f"![{title}](docs/gallery/{target.name})\n")
        print(target.relative_to(ROOT))
    rows.extend(_extras(out))
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no {START} ... {END} markers", file=sys.stderr)
        return 1
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    body = "\n" + "\n".join(rows) + "\n"
    readme.write_text(head + START + body + END + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
