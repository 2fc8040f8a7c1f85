"""orgraph: organisations as graphs — flatness metrics and organisation charts.

Examples
--------
>>> import orgraph
>>> org = orgraph.load("examples/minimal.yaml")
>>> org.graph["name"]
'Eksempel kommune'
>>> orgraph.graphs_equal(orgraph.loads(orgraph.dump(org)), org)
True
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgraph._version import __version__
from orgraph.errors import ChartError, MetricsError, OrgraphError, Problem, RenderError

if TYPE_CHECKING:  # the names imported on first use (module ``__getattr__`` below)
    from orgraph.chartfile import check_organisation
    from orgraph.chartfile import dump_chart as dump
    from orgraph.chartfile import loads_chart as loads
    from orgraph.model import Category, Kind, Organisation, Relation, graphs_equal
    from orgraph.render import render

#: Public names and where they live; imported when first used, so ``import orgraph`` (and
#: every ``orgraph`` command's start-up) loads neither networkx, jsonschema nor numpy.
_LAZY = {
    "Category": ("orgraph.model", "Category"),
    "Kind": ("orgraph.model", "Kind"),
    "Organisation": ("orgraph.model", "Organisation"),
    "Relation": ("orgraph.model", "Relation"),
    "graphs_equal": ("orgraph.model", "graphs_equal"),
    "check_organisation": ("orgraph.chartfile", "check_organisation"),
    "dump": ("orgraph.chartfile", "dump_chart"),
    "loads": ("orgraph.chartfile", "loads_chart"),
    "render": ("orgraph.render", "render"),  # the function; ``orgraph.render.*`` still import
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'orgraph' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """Keeps ``orgraph.render`` the function when the import system binds the subpackage."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "render" and isinstance(value, types.ModuleType):
            return  # the subpackage stays reachable as sys.modules["orgraph.render"]
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def load(path: str | Path, **options: Any) -> Organisation:
    """Read an organisation: a YAML chart, or any format of :mod:`orgraph.formats`.

    ``.yaml``/``.yml`` (and any suffix no format claims) is read as a chart file
    (:func:`orgraph.chartfile.load_chart`); ``.csv``, ``.tsv``, ``.xlsx``, ``.dot``,
    ``.gv``, ``.graphml``, ``.json`` and ``.gexf`` go through :func:`orgraph.formats.read`,
    which takes the ``options`` (``profile=``, ``id_col=``, ``encoding=``, ...).
    """
    from orgraph.formats import SUFFIXES, read

    suffix = Path(path).suffix.lower()
    if SUFFIXES.get(suffix, "yaml") == "yaml" and not options.get("format"):
        options["format"] = "yaml"  # a chart file, or a nested tree (chartjson.read_yaml)
    return read(path, **options)

def diff(old: Organisation, new: Organisation, match: str = "auto", **options: Any) -> Any:
    """What changed from ``old`` to ``new``: :func:`orgraph.reorg.diff.diff` (imported on
    first use, so that ``import orgraph`` stays light).

    Examples
    --------
    >>> d = diff(load("charts/evenes-1998.yaml"), load("charts/evenes.yaml"))
    >>> d.metric_changes()["performance_units"], d.is_empty()
    ((9, 8), False)
    """
    from orgraph.reorg.diff import diff as _diff

    return _diff(old, new, match, **options)


__all__ = [
    "Category",
    "ChartError",
    "Kind",
    "MetricsError",
    "Organisation",
    "OrgraphError",
    "Problem",
    "Relation",
    "RenderError",
    "__version__",
    "check_organisation",
    "diff",
    "dump",
    "graphs_equal",
    "load",
    "loads",
    "render",
]
