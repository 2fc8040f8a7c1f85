"""orgraph: organisations as graphs — flatness metrics and organisation charts.

Examples
--------
>>> import orgraph
>>> org = orgraph.load("examples/minimal.yaml")
>>> org.graph["name"]
'Eksempel kommune'
>>> orgraph.graphs_equal(orgraph.loads(orgraph.dump(org)), org)
True

The subpackages load when first named: ``orgraph.metrics``, ``orgraph.formats``,
``orgraph.render`` (which, called, draws a chart: ``orgraph.render(org, "svg")``), ...

>>> orgraph.metrics.performance_units(org), orgraph.render(org, "svg")[:5]
(4, b'<?xml')
>>> callable(orgraph.render) and orgraph.render.render is orgraph.render.render
True
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgraph._version import __version__
from orgraph.errors import ChartError, MetricsError, OrgraphError, Problem, RenderError

if TYPE_CHECKING:  # the names imported on first use (module ``__getattr__`` below)
    from orgraph.chartfile import check_organisation
    from orgraph.chartfile import dump_chart as dump
    from orgraph.chartfile import loads_chart as loads
    from orgraph.model import Category, Kind, Organisation, Relation, graphs_equal

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
}
#: Subpackages reachable as ``orgraph.NAME`` without an import of their own. ``render`` is
#: one: a callable module, so ``orgraph.render(org, "svg")`` draws and ``orgraph.render.pinned``
#: is its module, whatever was imported first.
SUBPACKAGES = ("book", "formats", "generate", "layout", "metrics", "render", "reorg")


def __getattr__(name: str) -> Any:
    """Load a public name or a subpackage on first use, so ``import orgraph`` stays light."""
    if name in SUBPACKAGES:
        return importlib.import_module(f"orgraph.{name}")
    if name not in _LAZY:
        raise AttributeError(f"module 'orgraph' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *SUBPACKAGES})


def load(path: str | Path, **options: Any) -> Organisation:
    """Read an organisation: a YAML chart, or any format of :mod:`orgraph.formats`.

    ``.yaml``/``.yml`` (and any suffix no format claims) is read as a chart file
    (:func:`orgraph.chartfile.load_chart`); ``.csv``, ``.tsv``, ``.xlsx``, ``.dot``,
    ``.gv``, ``.graphml``, ``.json`` and ``.gexf`` go through :func:`orgraph.formats.read`,
    which takes the ``options`` (``profile=``, ``id_col=``, ``encoding=``, ...).

    Examples
    --------
    >>> org = load("examples/minimal.yaml")
    >>> org.graph["name"], org.number_of_nodes(), org.kind("skole").value
    ('Eksempel kommune', 10, 'unit')
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
    "formats",
    "graphs_equal",
    "load",
    "loads",
    "metrics",
    "render",
]
