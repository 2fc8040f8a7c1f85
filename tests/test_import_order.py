"""Every module of orgraph imports on its own, whatever else was imported before: no cycle
between the subpackages shows only when a module happens to be imported first
(``import orgraph.layout.boxes`` first used to fail on layout → render → layout)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_EACH_FIRST = """
import importlib, pkgutil, sys
import orgraph
names = [m.name for m in pkgutil.walk_packages(orgraph.__path__, "orgraph.")
         if not m.name.endswith("__main__")]
failed = []
for name in names:
    for loaded in [m for m in sys.modules if m == "orgraph" or m.startswith("orgraph.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - every failure is the finding
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print(len(names))
print("\\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    out = subprocess.run([sys.executable, "-c", _EACH_FIRST], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True,
                         timeout=300).stdout.splitlines()
    assert int(out[0]) > 50  # the walk found the package
    assert [line for line in out[1:] if line] == []
