"""One exception hierarchy; every message names the file, line, node and the fix."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ChartError", "MetricsError", "OrgraphError", "Problem", "RenderError"]


class OrgraphError(Exception):
    """Base class of every error orgraph raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Examples
    --------
    >>> str(Problem("a.yaml", "unknown kind 'x'", line=3, node="skole"))
    "a.yaml:3: node 'skole': unknown kind 'x'"
    >>> str(Problem("a.yaml", "the file is empty"))
    'a.yaml: the file is empty'
    """

    file: str
    message: str
    line: int | None = None
    node: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        who = f" node '{self.node}':" if self.node is not None else ""
        return f"{where}:{who} {self.message}"


class ChartError(OrgraphError):
    """An input file has one or more problems; ``problems`` lists them all.

    Examples
    --------
    >>> err = ChartError([Problem("a.yaml", "x"), Problem("a.yaml", "y", line=2)])
    >>> print(err)
    a.yaml: x
    a.yaml:2: y
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class MetricsError(OrgraphError):
    """A metric is undefined for this organisation (the message says why)."""


class RenderError(OrgraphError):
    """A chart could not be rendered (missing engine, format, or a time-out)."""
