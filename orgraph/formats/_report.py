"""What a conversion reports: dropped items, decisions and repairs, and problems to raise."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from orgraph.errors import ChartError, Problem

__all__ = ["FormatWarning", "Problems", "Report"]


class FormatWarning(UserWarning):
    """Something in an input or output file could not be carried over (see :class:`Report`)."""


@dataclass
class Report:
    """What a conversion could not carry, and what it decided on the reader's behalf.

    Pass one to :func:`orgraph.formats.read` or :func:`orgraph.formats.write` to collect the
    entries; without one, every ``dropped`` entry and every repair is issued as a
    :class:`FormatWarning`, so nothing is lost silently. ``repairs`` are what a lenient
    reading changed to load a file its format's rules refuse, each a
    :class:`~orgraph.errors.Problem` naming the file, line and record.

    Examples
    --------
    >>> report = Report("chart.dot")
    >>> report.drop("node attribute 'image' (2 nodes): Graphviz would read a local file")
    >>> report.note("no 'kind' given: every node became 'unit'")
    >>> print("\\n".join(report.lines()))
    chart.dot: dropped node attribute 'image' (2 nodes): Graphviz would read a local file
    chart.dot: note: no 'kind' given: every node became 'unit'
    >>> report.repair(Problem("x.csv", "'Name' is empty: read as N/D", line=3, node="B1"))
    >>> report.lines()[-1]
    "x.csv:3: node 'B1': 'Name' is empty: read as N/D"
    """

    file: str
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)

    def drop(self, message: str) -> None:
        """Record something the conversion left out."""
        self.dropped.append(message)

    def note(self, message: str) -> None:
        """Record a decision the conversion made (a default, a rewritten id, ...)."""
        self.notes.append(message)

    def repair(self, problem: Problem) -> None:
        """Record a repair of a lenient reading: what broke the format's rule, what was done."""
        self.repairs.append(problem)

    def lines(self) -> list[str]:
        """One printable line per entry: dropped entries, notes, then repairs."""
        return ([f"{self.file}: dropped {m}" for m in self.dropped]
                + [f"{self.file}: note: {m}" for m in self.notes]
                + [str(p) for p in self.repairs])

    def _repr_html_(self) -> str:
        from orgraph.display import report_html

        return report_html(self)

    def warn(self) -> None:
        """Issue every dropped entry and every repair as a :class:`FormatWarning`."""
        for message in self.dropped:
            warnings.warn(f"{self.file}: dropped {message}", FormatWarning, stacklevel=3)
        for problem in self.repairs:
            warnings.warn(f"{problem} (lenient reading)", FormatWarning, stacklevel=3)


class Problems:
    """Collects the problems of one file, to raise them all together as a ChartError."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[Problem] = []

    def add(self, message: str, line: int | None = None, node: str | None = None) -> None:
        self.items.append(Problem(self.filename, message, line=line, node=node))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ChartError(self.items)
