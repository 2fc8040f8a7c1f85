"""docs/api.md lists the whole public API, and only names that exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

API = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
PACKAGES = ["orgraph", "orgraph.render", "orgraph.display", "orgraph.metrics",
            "orgraph.metrics.records", "orgraph.metrics.compare", "orgraph.formats",
            "orgraph.book", "orgraph.generate", "orgraph.render.svgids", "orgraph.reorg"]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_is_listed(package: str) -> None:
    module = importlib.import_module(package)
    listed = set(re.findall(r"`(?:[a-z]+\.)*([A-Za-z_][A-Za-z_0-9]*)[(`]", API))
    missing = [name for name in module.__all__ if name not in listed]
    assert not missing, f"docs/api.md lacks {package}: {missing}"


def test_every_listed_name_exists() -> None:
    import orgraph

    for dotted in re.findall(r"`((?:book|generate|svgids)\.[a-z_.]+)", API):
        obj = orgraph.render if dotted.startswith("svgids") else orgraph
        module = "orgraph.render." if dotted.startswith("svgids") else "orgraph."
        path = dotted.split(".")[:-1]
        importlib.import_module(module + ".".join(path))
        for part in dotted.split("."):
            obj = getattr(obj, part)
        assert obj is not None, dotted
