"""Kinds for a file that carries none: the head of each tree, its managers, its units.

A table of ids and reports-to cells, a DOT graph or a GraphML file from elsewhere says who
reports to whom and nothing more. Read as is, every node would be a ``unit`` and the
organisation would have no head to measure from. :func:`infer_kinds` gives such a file the
kinds the rest of orgraph reads, by one rule, written down here and in ``docs/format.md``:

* the **head**: the top of each reporting tree (a node with line reports and no line
  superior) becomes kind ``cao``, the organisation's chief executive ("Leder" in Norwegian);
  ``top`` (``--top ID``) names the head instead, and then no other node is one;
* **managers**: every other node with line reports becomes ``department``;
* **units**: every node without line reports stays ``unit``; a file of one node makes that
  node the head.

Only nodes of kind ``unit``, ``department`` or ``cao`` are (re)classified: staff units (an
assistant flag, a ``staff`` edge) keep their kind. Only ``line`` edges count; dotted-line
reporting does not make a manager. Every decision is reported as a note.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from orgraph.errors import ChartError, Problem
from orgraph.model import Organisation

if TYPE_CHECKING:  # pragma: no cover
    from orgraph.formats import Report

__all__ = ["INFERRED_KINDS", "infer_kinds", "set_head"]

#: The kinds inference gives (and may give again, with another head).
INFERRED_KINDS = frozenset({"cao", "department", "unit"})
#: Kinds a file may carry and still have its head chosen with ``--top`` (staff keep theirs).
_TOP_ALLOWED = INFERRED_KINDS | {"staff"}


def _line_ends(org: Organisation) -> tuple[dict[Hashable, None], set[Hashable]]:
    """The nodes with line reports (in the graph's order), and the nodes with a line
    superior: one pass over the edges."""
    reports: dict[Hashable, None] = {}
    reporting: set[Hashable] = set()
    for node, nbrs in org._succ.items():
        if nbrs:
            for sub, data in nbrs.items():
                if data.get("relation") == "line":
                    reports[node] = None
                    reporting.add(sub)
    return reports, reporting


def infer_kinds(org: Organisation, report: Report | None = None, *,
                top: Hashable | None = None) -> list[Hashable]:
    """Give a file without kinds its head(s), managers and units, in place.

    Parameters
    ----------
    org : Organisation
        Read from a file that carried no kinds (every node ``unit``, assistants ``staff``).
    report : orgraph.formats.Report, optional
        Receives one note saying what was inferred.
    top : node id, optional
        The head of the organisation (``--top``); by default the top of each tree.

    Returns
    -------
    list
        The head(s), in the graph's order.

    Raises
    ------
    ChartError
        ``top`` is not a node of the organisation.

    Examples
    --------
    >>> org = Organisation(name="Acme")
    >>> for n in ("ceo", "cto", "dev", "ops"):
    ...     org.add_unit(n, kind="unit")
    >>> org.add_relation("ceo", "cto"); org.add_relation("cto", "dev")
    >>> org.add_relation("ceo", "ops")
    >>> infer_kinds(org)
    ['ceo']
    >>> [org.nodes[n]["kind"] for n in org]
    ['cao', 'department', 'unit', 'unit']
    >>> infer_kinds(org, top="cto"), org.nodes["ceo"]["kind"]
    (['cto'], 'department')
    """
    if top is not None and top not in org:
        raise ChartError([Problem(_file(report, org), f"--top: no node {top!r} in the "
                                                      "organisation; list the ids with "
                                                      "`orgraph show FILE`")])
    nodes = org._node
    reports, reporting = _line_ends(org)
    inferable = 0
    for data in nodes.values():  # start from units: (re)inference gives every kind anew
        kind = data.get("kind")
        if kind in INFERRED_KINDS:
            inferable += 1
            if kind != "unit":
                data["kind"] = "unit"
    if top is not None:
        candidates: list[Hashable] = [top]
    elif len(nodes) == 1:
        candidates = list(nodes)
    else:
        candidates = [n for n in reports if n not in reporting]
    heads = [n for n in candidates if nodes[n]["kind"] == "unit"]
    for node in heads:
        nodes[node]["kind"] = "cao"
    managers = 0
    for node in reports:
        data = nodes[node]
        if data["kind"] == "unit":
            data["kind"] = "department"
            managers += 1
    units = inferable - len(heads) - managers
    isolated = sum(1 for n, d in nodes.items()
                   if d["kind"] == "unit" and n not in reporting) if units else 0
    if report is not None:  # inferred again (--top after the reader): one note, the last
        report.notes[:] = [n for n in report.notes if not n.startswith(_NOTE_START)]
        report.note(_note(org, heads, managers, units, isolated, top))
    return heads


#: How the note of :func:`infer_kinds` begins.
_NOTE_START = "no kinds in the file:"


def _note(org: Organisation, heads: list[Hashable], managers: int, units: int,
          isolated: int, top: Hashable | None) -> str:
    shown = ", ".join(repr(str(h)) for h in heads[:5]) + (", ..." if len(heads) > 5 else "")
    if top is not None:
        who = f"{shown} is the head (kind cao, --top)"
    elif len(heads) == 1:
        who = f"{shown}, the top of the tree, is the head (kind cao)"
    elif heads:
        who = f"{len(heads)} trees; their tops {shown} are heads (kind cao)"
    else:
        who = "no node has reports, so there is no head"
    text = (f"{_NOTE_START} {who}, {managers} node(s) with reports are managers "
            f"(department), {units} are units")
    if isolated and len(org) > 1:
        text += f" ({isolated} of them report to nobody and have no reports)"
    if top is None and heads:
        text += "; name another head with --top ID"
    return text


def _file(report: Report | None, org: Organisation) -> str:
    return str(getattr(report, "file", None) or org.graph.get("name", "<organisation>"))


def set_head(org: Organisation, top: Hashable, report: Report | None = None) -> None:
    """``--top ID``: make ``top`` the head of an organisation whose kinds were inferred.

    The organisation may carry only the kinds inference gives (``cao``, ``department``,
    ``unit``) and ``staff``; a chart that declares its own kinds names its head with
    ``kind: cao`` instead.

    Raises
    ------
    ChartError
        ``top`` is not a node, or the file declares other kinds (a council, an executive
        post, ...), whose structure ``--top`` would overrule.

    Examples
    --------
    >>> import orgraph
    >>> set_head(orgraph.load("examples/minimal.yaml"), "radmann")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: Eksempel kommune: --top applies to files without kinds; ...
    """
    declared = sorted({str(k) for _, k in org.nodes(data="kind")} - _TOP_ALLOWED)
    if declared:
        raise ChartError([Problem(_file(report, org), (
            f"--top applies to files without kinds; this one declares {', '.join(declared)}:"
            " mark its head with kind: cao in the file instead"))])
    infer_kinds(org, report, top=top)
