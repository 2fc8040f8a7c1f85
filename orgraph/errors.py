"""One exception hierarchy; every message names the file, line, node and the fix."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ChartError", "MetricsError", "OrgraphError", "OutputError", "Problem",
           "RenderError"]

#: The words a message's fix starts with, after "; " or ": " (``unknown kind 'x'; use ...``).
_FIX = re.compile(r"[;:] ((?:if [^;]*?, )?(?:use|give|write|remove|name|add|see|fix|check|"
                  r"break|keep|export|draw|save|rename|set|make|read(?! as)|put|choose|split|"
                  r"declare|define|delete|quote|move|list|change|install|run|convert|pass|"
                  r"drop|open|shorten|raise|lower|cut|mark|spell|select|it must|they must)"
                  r"\b.*)$", re.DOTALL)


class OrgraphError(Exception):
    """Base class of every error orgraph raises on purpose.

    Examples
    --------
    One ``except OrgraphError`` catches every kind of them:

    >>> [issubclass(e, OrgraphError) for e in (ChartError, MetricsError, RenderError)]
    [True, True, True]
    >>> issubclass(OrgraphError, ValueError)
    False
    """


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Examples
    --------
    >>> str(Problem("a.yaml", "unknown kind 'x'", line=3, node="skole"))
    "a.yaml:3: node 'skole': unknown kind 'x'"
    >>> str(Problem("a.yaml", "the file is empty"))
    'a.yaml: the file is empty'
    >>> str(Problem("a.yaml", "no name", node="x", fix="add 'label: ...'"))
    "a.yaml: node 'x': no name; add 'label: ...'"
    """

    file: str
    message: str
    line: int | None = None
    node: str | None = None
    #: How to fix it, when the reader gives it apart from the message (see :meth:`parts`).
    fix: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        who = f" node '{self.node}':" if self.node is not None else ""
        fix = f"; {self.fix}" if self.fix else ""
        return f"{where}:{who} {self.message}{fix}"

    def parts(self) -> tuple[str, str | None]:
        """The message and the fix apart: :attr:`fix`, else the message's closing advice.

        Most readers write the fix into the message after ``"; "`` (``...; use one of
        unit, staff``); that tail is split off when it starts with an instruction.

        Examples
        --------
        >>> Problem("a.yaml", "unknown kind 'x'; use one of: unit, staff").parts()
        ("unknown kind 'x'", 'use one of: unit, staff')
        >>> Problem("a.yaml", "the file is empty").parts()
        ('the file is empty', None)
        >>> Problem("a.csv", "reports to unknown post '206': read as a top post").parts()
        ("reports to unknown post '206': read as a top post", None)
        >>> Problem("a.yaml", "no name", fix="add a label").parts()
        ('no name', 'add a label')
        """
        if self.fix:
            return self.message, self.fix
        found = _FIX.search(self.message)
        if found is None:
            return self.message, None
        return self.message[:found.start()], found.group(1)

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem for programs: ``file``, ``line``, ``node``, ``message``, ``fix``.

        Examples
        --------
        >>> Problem("a.yaml", "bad; use unit", line=3).as_dict()
        {'file': 'a.yaml', 'line': 3, 'node': None, 'message': 'bad', 'fix': 'use unit'}
        """
        message, fix = self.parts()
        return {"file": self.file, "line": self.line, "node": self.node, "message": message,
                "fix": fix}


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
    """A metric is undefined for this organisation (the message says why).

    Examples
    --------
    >>> from orgraph.metrics._structure import structure
    >>> structure("not a graph")
    Traceback (most recent call last):
    orgraph.errors.MetricsError: expected an Organisation (a networkx DiGraph), got str
    """


class OutputError(OrgraphError):
    """An output file could not be written; the message names it and says why.

    Examples
    --------
    >>> print(OutputError("out/a.csv", "cannot write: No space left on device"))
    out/a.csv: cannot write: No space left on device
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class RenderError(OrgraphError):
    """A chart could not be rendered (missing engine, format, or a time-out).

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.render import render
    >>> render(orgraph.load("examples/minimal.yaml"), "bmp")
    Traceback (most recent call last):
    orgraph.errors.RenderError: unknown format 'bmp'; use one of: svg, png, pdf, dot
    """
