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

from orgraph.chartfile import check_organisation, dump_chart, load_chart, loads_chart
from orgraph.errors import ChartError, MetricsError, OrgraphError, Problem, RenderError
from orgraph.model import Category, Kind, Organisation, Relation, graphs_equal
from orgraph.render import render  # the function; ``orgraph.render.*`` modules still import

try:
    __version__ = version("orgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

load = load_chart
loads = loads_chart
dump = dump_chart

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
    "dump",
    "graphs_equal",
    "load",
    "loads",
    "render",
]
