"""Make docs/rissa-change.png, the README's picture of a before/after chart.

    python scripts/compare_picture.py

Rissa at the survey (charts/rissa.yaml) and after the reorganisation of 20 June 2002
(charts/rissa-2002-06.yaml; NIBR-rapport 2002:21, Vedlegg 1 and kap. 5.2 fotnote 9) as one
chart with the changes marked, in English, with the legend, drawn by the embedded engine at
72 dpi (what ``orgraph render charts/rissa-2002-06.yaml --compare charts/rissa.yaml --legend
--lang en --engine embedded --dpi 72 -o docs/rissa-change.png`` writes).
"""

from __future__ import annotations

from pathlib import Path

import orgraph
from orgraph.render.compare import render_compare

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    old = orgraph.load(ROOT / "charts" / "rissa.yaml")
    new = orgraph.load(ROOT / "charts" / "rissa-2002-06.yaml")
    target = ROOT / "docs" / "rissa-change.png"
    target.write_bytes(render_compare(old, new, "png", lang="en", legend=True,
                                      engine="embedded", dpi=72))
    print(target)


if __name__ == "__main__":
    main()
