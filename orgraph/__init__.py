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

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from orgraph.chartfile import check_organisation, dump_chart, loads_chart
from orgraph.errors import ChartError, MetricsError, OrgraphError, Problem, RenderError
from orgraph.model import Category, Kind, Organisation, Relation, graphs_equal
from orgraph.render import render  # the function; ``orgraph.render.*`` modules still import

try:
    __version__ = version("orgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

loads = loads_chart


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

dump = dump_chart


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
