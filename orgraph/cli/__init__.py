"""The ``orgraph`` command line: a thin click layer over the library.

Each command family lives in its own module; :data:`main` imports a command's module only
when that command runs (or help lists it), so start-up stays light.
"""

from __future__ import annotations

from orgraph.cli.base import main

main.lazy.update({
    "validate": "orgraph.cli.chart_commands:validate",
    "show": "orgraph.cli.chart_commands:show",
    "convert": "orgraph.cli.convert_commands:convert",
    "render": "orgraph.cli.render_commands:render_command",
    "metrics": "orgraph.cli.metrics_commands:metrics",
    "compare": "orgraph.cli.metrics_commands:compare",
    "spans": "orgraph.cli.metrics_commands:spans_command",
    "diff": "orgraph.cli.diff_commands:diff_command",
    "transform": "orgraph.cli.transform_commands:transform_command",
})

__all__ = ["main"]
