"""The version of orgraph, in one place: pyproject.toml reads it (``tool.setuptools.dynamic``).

A literal, so ``orgraph --version`` needs no :mod:`importlib.metadata` (tens of milliseconds
at every start-up).
"""

__version__ = "0.1.0"
