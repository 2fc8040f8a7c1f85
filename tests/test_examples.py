"""Every example runs: the notebooks headless in a real kernel, the scripts as processes.

The notebooks are stored without outputs and executed with nbclient (``.[test]`` installs it,
ipykernel, pandas and matplotlib: none of them is skipped when missing, so CI cannot pass
without running every notebook); a failing cell fails the test. They run with a ``PATH`` on
which there is no system Graphviz, so they show that the embedded engine is enough.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbclient  # the test extra installs these: a missing one is a broken install, not a skip
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
SVG = "{http://www.w3.org/2000/svg}"



def without_system_graphviz(tmp_path: Path) -> dict[str, str]:
    """The environment with a PATH holding only graphviz-pure (and the kernel's python)."""
    from orgraph.render.engine import _embedded_path

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    embedded = _embedded_path()
    assert embedded, "graphviz-pure is an orgraph dependency"
    (bin_dir / Path(embedded).name).symlink_to(embedded)
    (bin_dir / "python3").symlink_to(sys.executable)
    env = dict(os.environ, PATH=str(bin_dir))
    env.pop("MPLBACKEND", None)  # the kernel's inline backend shows the plots
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH"))
                                        if p)
    return env


def outputs(nb: dict) -> list[dict]:
    return [out for cell in nb["cells"] if cell["cell_type"] == "code" for out in cell["outputs"]]


def test_there_are_examples() -> None:
    names = {p.name for p in NOTEBOOKS + SCRIPTS}
    assert {"flat-structure.ipynb", "from-spreadsheet.ipynb", "build_in_python.py"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_headless_without_system_graphviz(path: Path, tmp_path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    # immediate shutdown and a long start-up allowance: on a loaded machine jupyter_client's
    # graceful shutdown can fail after the cells ran (InvalidStateError while cleaning up)
    client = nbclient.NotebookClient(nb, timeout=120, startup_timeout=180,
                                     shutdown_kernel="immediate", kernel_name="python3",
                                     resources={"metadata": {"path": str(EXAMPLES)}})
    client.execute(env=without_system_graphviz(tmp_path))  # CellExecutionError on a failure
    outs = outputs(nb)
    assert not [o for o in outs if o["output_type"] == "error"]
    assert not [o for o in outs if o.get("name") == "stderr" and "Traceback" in o["text"]]
    charts = [o["data"] for o in outs if "image/svg+xml" in o.get("data", {})]
    assert charts, "the notebook shows at least one chart inline"
    for data in charts:  # every chart: SVG with prefixed ids and a real PNG beside it
        root = ET.fromstring(data["image/svg+xml"])
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert ids and all(i.startswith("og") for i in ids)
        assert base64.b64decode(data["image/png"])[:4] == b"\x89PNG"
    all_ids = [i for d in charts for i in
               (el.get("id") for el in ET.fromstring(d["image/svg+xml"]).iter()) if i]
    assert len(all_ids) == len(set(all_ids)), "charts on one page share no id"
    if path.name == "flat-structure.ipynb":
        plots = [o for o in outs if "image/png" in o.get("data", {})
                 and "image/svg+xml" not in o["data"]]
        assert len(plots) >= 4  # layers, span vs inhabitants, leader teams, Krackhardt
        tables = [o["data"]["text/html"] for o in outs if "text/html" in o.get("data", {})]
        assert any("Sveio kommune" in t and "<table" in t for t in tables)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_example_script_runs(path: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True,
                            text=True, env=without_system_graphviz(tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if path.name == "build_in_python.py":
        svg = tmp_path / "example-municipality.svg"
        assert f"wrote {svg.name}" in result.stdout and "span of Rådmann: 6" in result.stdout
        titles = {t.text for t in ET.parse(svg).getroot().iter(f"{SVG}title")}
        assert {"cao", "care_3", "kindergartens", "finance"} <= titles


def test_the_readme_plot_is_the_first_notebooks_own(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import notebook_plot
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    cells = notebook_plot.cells_up_to_tag(notebook_plot.NOTEBOOK)
    assert "barh" in cells[-1] and len(cells) >= 2  # the units-per-layer plot, after loading
    out = tmp_path / "layers.png"
    notebook_plot.main(out)
    assert out.read_bytes()[:4] == b"\x89PNG"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/flat-structure-layers.png)" in readme and notebook_plot.OUT.is_file()
    for name in ("flat-structure.ipynb", "from-spreadsheet.ipynb", "build_in_python.py"):
        assert f"(examples/{name})" in readme
