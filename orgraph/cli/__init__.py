"""The ``orgraph`` command line: a thin click layer over the library.

Each command family lives in its own module and registers itself on :data:`main` here.
"""

from __future__ import annotations

from orgraph.cli.base import main
from orgraph.cli.chart_commands import show, validate
from orgraph.cli.convert_commands import convert
from orgraph.cli.diff_commands import diff_command
from orgraph.cli.metrics_commands import compare, metrics, spans_command
from orgraph.cli.render_commands import render_command
from orgraph.cli.transform_commands import transform_command

main.add_command(validate)
main.add_command(show)
main.add_command(convert)
main.add_command(render_command)
main.add_command(metrics)
main.add_command(compare)
main.add_command(spans_command)
main.add_command(diff_command)
main.add_command(transform_command)

__all__ = ["main"]
