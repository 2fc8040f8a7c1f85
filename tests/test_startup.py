"""Start-up stays light: the CLI and ``orgraph --version`` import no heavy library.

Not a timing test: it asserts which modules a fresh process loads (the timing itself is in
BENCHMARKS.md, measured whole-process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
#: Libraries only some commands need; none may load before a command asks for it.
HEAVY = ("numpy", "jsonschema", "pandas", "graphviz", "networkx", "yaml", "pydot",
         "reportlab", "importlib.metadata")


def _loaded(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=ENV, cwd=ROOT, timeout=120, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("code", [
    "import orgraph.cli",
    "import orgraph",
    "import sys; sys.argv = ['orgraph', '--version']\n"
    "from orgraph.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass",
])
def test_start_up_imports_no_heavy_library(code):
    loaded = _loaded(f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))")
    assert not {name for name in HEAVY if name in loaded}, code


def test_version_imports_only_orgraphs_light_modules():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "orgraph", "--version"],
                          capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("orgraph, version ")
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:")}
    ours = {m for m in modules if m.startswith("orgraph")}
    assert ours == {"orgraph", "orgraph._version", "orgraph.errors", "orgraph.cli",
                    "orgraph.cli.base"}, ours
    assert not modules & set(HEAVY)


def test_public_names_still_work_after_lazy_import():
    code = ("import orgraph, orgraph.render.dot\n"
            "org = orgraph.load('examples/minimal.yaml')\n"
            "assert callable(orgraph.render) and orgraph.render(org, 'dot').startswith("
            "b'digraph')\n"
            "assert isinstance(org, orgraph.Organisation) and orgraph.Kind('unit')\n"
            "assert orgraph.graphs_equal(orgraph.loads(orgraph.dump(org)), org)\n"
            "assert {'Organisation', 'render', 'load'} <= set(dir(orgraph))\n"
            "import json, sys; print(json.dumps(['ok']))")
    assert _loaded(code) == {"ok"}
