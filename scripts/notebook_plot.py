"""Make docs/flat-structure-layers.png, the README's plot, from examples/flat-structure.ipynb.

The notebook's code cells run in order, in examples/, up to the cell tagged ``readme-plot``,
and the figure that cell draws is saved: the picture is the notebook's own plot, never a copy
of its code. Run from anywhere: ``python scripts/notebook_plot.py`` (needs
``pip install -e '.[notebook]'``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "flat-structure.ipynb"
OUT = ROOT / "docs" / "flat-structure-layers.png"
TAG = "readme-plot"


def cells_up_to_tag(notebook: Path, tag: str = TAG) -> list[str]:
    """The notebook's code cells, in order, up to and including the one tagged ``tag``."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sources: list[str] = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        sources.append("".join(cell["source"]))
        if tag in cell.get("metadata", {}).get("tags", []):
            return sources
    raise SystemExit(f"{notebook}: no code cell is tagged {tag!r}")


def main(out: Path = OUT) -> None:
    """Run the cells headless (matplotlib's Agg backend) and save the last figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sys.path.insert(0, str(ROOT))
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    cwd = Path.cwd()
    os.chdir(NOTEBOOK.parent)  # the notebook's paths are relative to examples/
    try:
        for source in cells_up_to_tag(NOTEBOOK):
            exec(compile(source, str(NOTEBOOK), "exec"), namespace)
    finally:
        os.chdir(cwd)
    plt.gcf().savefig(out, dpi=96)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
