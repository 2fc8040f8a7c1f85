"""What a conversion reports: dropped items, decisions and repairs, and problems to raise."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from orgraph.errors import ChartError, Problem

__all__ = ["SHOWN_PER_KIND", "FormatWarning", "Problems", "Report", "capped_lines",
           "problem_kind"]

#: How many problems of one kind a printed report shows (``--max-repairs``' default).
SHOWN_PER_KIND = 10

#: A quoted value ('9', "Ola") or a number, standing apart from words (not the 's of "row's").
_VALUE = re.compile(r"(?<![\w'])'(?:[^'\n]|'(?=\w))*'(?!\w)|(?<!\w)\"[^\"\n]*\"(?!\w)|\d[\d,.]*")


def problem_kind(problem: Problem) -> str:
    """The kind of a problem: its message with the quoted values and numbers as ``…``.

    Two repairs of one kind differ only in the rows, ids and values they name.

    Examples
    --------
    >>> problem_kind(Problem("a.csv", "reports to '9' (manager), which is no row's id: read "
    ...                                "as a top (source_reports_to '9')", line=7, node="5"))
    "reports to … (manager), which is no row's id: read as a top (source_reports_to …)"
    >>> problem_kind(Problem("a.csv", "repeats the id 'O'Brien' of line 4"))
    'repeats the id … of line …'
    """
    return _VALUE.sub("…", problem.message)


def capped_lines(problems: Sequence[Problem], cap: int = SHOWN_PER_KIND) -> list[str]:
    """The problems as lines, at most ``cap`` of each kind (:func:`problem_kind`), then a
    line per file and kind with more: how many more, on which lines, and the kind. ``cap``
    0: all.

    Examples
    --------
    >>> found = [Problem("a.csv", f"reports to '{n}', which is no row's id", line=n)
    ...          for n in range(2, 9)] + [Problem("a.csv", "the id cell is empty", line=9)]
    >>> print("\\n".join(capped_lines(found, 2)))
    a.csv:2: reports to '2', which is no row's id
    a.csv:3: reports to '3', which is no row's id
    a.csv:9: the id cell is empty
    a.csv: … and 5 more of this kind (lines 4 to 8): reports to …, which is no row's id
    >>> len(capped_lines(found, 0))
    8
    """
    if cap <= 0 or len(problems) <= cap:
        return [str(p) for p in problems]
    seen: Counter[tuple[str, str]] = Counter()
    shown: list[str] = []
    more: dict[tuple[str, str], list[int | None]] = {}
    for problem in problems:
        key = (problem.file, problem_kind(problem))
        seen[key] += 1
        if seen[key] <= cap:
            shown.append(str(problem))
        else:
            more.setdefault(key, []).append(problem.line)
    for (file, kind), rest in more.items():
        lines = [n for n in rest if n is not None]
        where = (f" (line{'s' if len(lines) > 1 else ''} {min(lines):,}"
                 f"{f' to {max(lines):,}' if len(lines) > 1 else ''})" if lines else "")
        shown.append(f"{file}: … and {len(rest):,} more of this kind{where}: {kind}")
    return shown


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
        """Issue every dropped entry and the repairs as :class:`FormatWarning` s: at most
        :data:`SHOWN_PER_KIND` repairs of a kind, then one warning with how many more (pass
        a Report to :func:`orgraph.formats.read` to have them all)."""
        for message in self.dropped:
            warnings.warn(f"{self.file}: dropped {message}", FormatWarning, stacklevel=3)
        for line in capped_lines(self.repairs):
            warnings.warn(f"{line} (lenient reading)", FormatWarning, stacklevel=3)


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
