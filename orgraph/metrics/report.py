"""The report's dimensions (NIBR-rapport 2002:21, Tables 2.1, 4.1, 4.2): units, staff, politics.

Every function takes an :class:`~orgraph.model.Organisation` and returns a plain value.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from orgraph.metrics._structure import POLITICAL, UNIT_KINDS, Structure, structure

__all__ = [
    "COMMITTEE_KINDS",
    "central_staff",
    "committee_principle",
    "committees",
    "council_size",
    "decision_authority",
    "executive_level_size",
    "municipality",
    "performance_units",
    "political_organisation",
    "staff_units",
]

#: Kinds counted as committees in Table 4.1 (the executive committee and other political
#: bodies such as kontrollutvalg or samarbeidsutvalg are not).
COMMITTEE_KINDS = ("main_committee", "committee", "advisory_committee")


def municipality(org: nx.DiGraph | Structure) -> bool:
    """Whether the organisation is a municipality, so that the report's dimensions apply.

    Definition: the chart's declaration (``organisation: municipality: true|false``) when it
    makes one; otherwise whether the organisation has a political body (a council, an
    executive committee, a committee of any kind, another political body). A company, an
    agency or a file without kinds has none.

    Examples
    --------
    >>> import orgraph
    >>> municipality(orgraph.load("examples/minimal.yaml"))  # has a kommunestyre
    True
    >>> municipality(orgraph.load("tests/data/krackhardt-high-tech.csv"))
    False
    """
    st = structure(org)
    declared = st.org.graph.get("municipality")
    if isinstance(declared, bool):
        return declared
    return bool(st.kind_mask(*POLITICAL).any())


def _is_purchaser(st: Structure, node: Hashable) -> bool:
    return any(d.get("relation") == "order" for d in st.org.succ[node].values())


def _performance_mask(st: Structure) -> np.ndarray:
    """Boolean array over the nodes: units, unit groups, leaf departments that are not
    purchaser offices (a department with an ``order`` edge)."""
    def compute() -> np.ndarray:
        mask = st.kind_mask(*UNIT_KINDS)
        leaf_dep = st.kind_mask("department") & (st.line_deg == 0)
        if leaf_dep.any():
            purchaser = np.zeros(st.n, dtype=bool)
            purchaser[st.tail[st.rel_mask("order")]] = True
            leaf_dep &= ~purchaser
        return mask | leaf_dep
    return st.cached("performance_mask", compute)


def _performance_nodes(st: Structure) -> list[Hashable]:
    """Units, unit groups, and leaf departments that are not purchaser offices."""
    def compute() -> list[Hashable]:
        mask = _performance_mask(st)
        nodes = st.nodes
        leaf_departments = [nodes[i] for i in st.indices_of("department").tolist() if mask[i]]
        return [*st.nodes_of(*UNIT_KINDS), *leaf_departments]
    return st.cached("performance_nodes", compute)


def performance_units(org: nx.DiGraph | Structure) -> int:
    """Number of performance units (resultatenheter), an aggregate counting as its ``count``.

    Definition: the sum over nodes of kind ``unit`` (1 each) and ``unit_group`` (its
    ``count``), plus departments (kind ``department``) that have no line subordinates. A
    department with line subordinates is an intermediate line unit, not a performance unit.

    Parameters
    ----------
    org : Organisation

    Returns
    -------
    int

    References
    ----------
    NIBR-rapport 2002:21, Table 2.1, row "Antall resultatenheter".

    Examples
    --------
    >>> import orgraph
    >>> performance_units(orgraph.load("examples/minimal.yaml"))  # 1 school + 3 kindergartens
    4
    """
    st = structure(org)
    return int(st.weights[_performance_mask(st)].sum())


def staff_units(org: nx.DiGraph | Structure) -> int:
    """Number of staff units (stab, støttefunksjoner): the nodes of kind ``staff``.

    References
    ----------
    NIBR-rapport 2002:21, chapter 2 (stab/støtte); legend of Vedlegg 1 (circles).

    Examples
    --------
    >>> import orgraph
    >>> staff_units(orgraph.load("examples/minimal.yaml"))
    2
    """
    return len(structure(org).nodes_of("staff"))


def executive_level_size(org: nx.DiGraph | Structure) -> int:
    """Size of the chief executive level (rådmannsnivået): the CAO plus every executive post.

    Definition: the number of nodes of kind ``cao`` and ``executive`` (kommunalsjefer,
    assistant CAOs, sector chiefs, development and finance chiefs). Staff leaders and unit
    leaders are not counted here; the leader group's composition is
    :func:`orgraph.metrics.leader_team`.

    References
    ----------
    NIBR-rapport 2002:21, chapter 5.2 ("Rådmannsnivå i mange fasonger").

    Examples
    --------
    >>> import orgraph
    >>> executive_level_size(orgraph.load("examples/minimal.yaml"))  # rådmann + kommunalsjef
    2
    """
    return len(structure(org).nodes_of("cao", "executive"))


def central_staff(org: nx.DiGraph | Structure) -> bool:
    """Whether the organisation has central staff (sentral stab).

    Definition: at least one node of kind ``staff`` is attached by a ``staff`` edge to the
    CAO or to an executive post that acts on the CAO's behalf (``acts_for_cao``). Staff
    attached only to a sector chief or a unit is not central. An organisation without a CAO
    has no central staff.

    References
    ----------
    NIBR-rapport 2002:21, Table 2.1, row "Sentral stab".

    Examples
    --------
    >>> import orgraph
    >>> central_staff(orgraph.load("examples/minimal.yaml"))
    True
    """
    st = structure(org)
    pred = st.org.pred
    for node in st.nodes_of("staff"):
        for sup, data in pred[node].items():
            if data.get("relation") == "staff" and (st.kind_of(sup) == "cao"
                                                    or st.acts_for_cao(sup)):
                return True
    return False


def council_size(org: nx.DiGraph | Structure) -> int | None:
    """Members of the municipal council: the council's ``seats``; ``None`` if not given.

    References
    ----------
    NIBR-rapport 2002:21, Table 4.1.

    Examples
    --------
    >>> import orgraph
    >>> council_size(orgraph.load("examples/minimal.yaml"))
    25
    """
    st = structure(org)
    councils = st.nodes_of("council")
    if not councils:
        return None
    seats = st.org.nodes[st.council()].get("seats")
    return seats if isinstance(seats, int) else None


def _committee_nodes(st: Structure) -> list[Hashable]:
    """Committee-kind nodes and political bodies marked ``standing_committee``."""
    mask = st.kind_mask(*COMMITTEE_KINDS)
    data = st.data
    for i in np.flatnonzero(st.kind_mask("executive_committee", "political_body")).tolist():
        if data[i].get("standing_committee") is True:
            mask[i] = True
    nodes = st.nodes
    return [nodes[i] for i in np.flatnonzero(mask).tolist()]


def _count(st: Structure, node: Hashable) -> int:
    count = st.org.nodes[node].get("count", 1)
    return count if isinstance(count, int) and count > 0 else 1


def committees(org: nx.DiGraph | Structure) -> int:
    """Number of committees (utvalg, hovedutvalg, komiteer) as Table 4.1 counts them.

    Definition: the nodes of kind ``main_committee``, ``committee`` and
    ``advisory_committee``, a box with ``count`` counting as its count ("Fire komiteer"),
    plus the executive committee or political bodies marked ``standing_committee: true``
    (a body the report counts among the committees). Other political bodies (kontrollutvalg,
    samarbeidsutvalg) and an unmarked formannskap are not counted.

    References
    ----------
    NIBR-rapport 2002:21, Table 4.1, column "Antall utvalg/komiteer".

    Examples
    --------
    >>> import orgraph
    >>> committees(orgraph.load("examples/minimal.yaml"))
    1
    """
    st = structure(org)
    return sum(_count(st, n) for n in _committee_nodes(st))


def committee_principle(org: nx.DiGraph | Structure) -> str | None:
    """The principle the committees are split by: ``"sector"``, ``"function"``, ``"mixed"``,
    or ``None`` when there are no committees or none states its ``principle``.

    Definition: the set of ``principle`` values over the committees counted by
    :func:`committees`; one value is returned as is, two as ``"mixed"``.

    References
    ----------
    NIBR-rapport 2002:21, Table 4.1 (formålsprinsipp / funksjonsprinsipp) and Table 4.2.

    Examples
    --------
    >>> import orgraph
    >>> committee_principle(orgraph.load("examples/minimal.yaml"))
    'sector'
    """
    st = structure(org)
    found = {st.org.nodes[n].get("principle") for n in _committee_nodes(st)}
    found.discard(None)
    if not found:
        return None
    return found.pop() if len(found) == 1 else "mixed"


def decision_authority(org: nx.DiGraph | Structure) -> bool | None:
    """Whether the committees have decision authority; ``None`` when there are no committees.

    Definition: ``True`` if any committee is a ``main_committee`` or ``committee``
    (utvalg, hovedutvalg), ``False`` if all are ``advisory_committee`` (komité). Bodies
    marked ``standing_committee`` do not decide it.

    References
    ----------
    NIBR-rapport 2002:21, Table 4.2.

    Examples
    --------
    >>> import orgraph
    >>> decision_authority(orgraph.load("examples/minimal.yaml"))
    True
    """
    st = structure(org)
    if not st.nodes_of(*COMMITTEE_KINDS):
        return None
    return bool(st.nodes_of("main_committee", "committee"))


def committee_scope(org: nx.DiGraph | Structure) -> str | None:
    """The committees' area of responsibility in Table 4.2: ``"sector"`` or ``"cross-sector"``.

    Definition: ``"sector"`` when :func:`committee_principle` is ``"sector"``
    (formålsprinsipp), otherwise ``"cross-sector"`` (sektorovergripende: split by function,
    mixed, or no stated principle); ``None`` without committees.

    References
    ----------
    NIBR-rapport 2002:21, Table 4.2.

    Examples
    --------
    >>> import orgraph
    >>> committee_scope(orgraph.load("examples/minimal.yaml"))
    'sector'
    """
    st = structure(org)
    if not _committee_nodes(st):
        return None
    return "sector" if committee_principle(st) == "sector" else "cross-sector"


def political_organisation(org: nx.DiGraph | Structure) -> str:
    """The political organisation's category as Table 2.1 writes it.

    Definition, first rule that applies: any ``advisory_committee`` → ``"komité"``; any
    ``main_committee`` → ``"hovedutvalg"``; any ``committee`` with ``principle: function``
    → ``"utvalg F"``; any ``committee`` → ``"utvalg"``; otherwise ``"no committees"``.

    References
    ----------
    NIBR-rapport 2002:21, Table 2.1, row "Politisk organisering".

    Examples
    --------
    >>> import orgraph
    >>> political_organisation(orgraph.load("examples/minimal.yaml"))
    'utvalg'
    """
    st = structure(org)
    if st.nodes_of("advisory_committee"):
        return "komité"
    if st.nodes_of("main_committee"):
        return "hovedutvalg"
    plain = st.nodes_of("committee")
    if any(st.org.nodes[n].get("principle") == "function" for n in plain):
        return "utvalg F"
    if plain:
        return "utvalg"
    return "no committees"
