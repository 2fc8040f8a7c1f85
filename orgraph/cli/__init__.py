"""The ``orgraph`` command line: a thin click layer over the library.

Each command family lives in its own module and registers itself on :data:`main` here.
"""

from __future__ import annotations

from orgraph.cli.base import main
from orgraph.cli.chart_commands import show, validate

main.add_command(validate)
main.add_command(show)

__all__ = ["main"]
