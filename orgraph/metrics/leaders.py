"""The leader group (ledergruppe): its size as the report writes it, composition, capacity."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from orgraph.errors import MetricsError
from orgraph.metrics._structure import Structure, structure

__all__ = [
    "EXECUTIVE_MEMBER_KINDS",
    "STAFF_LEADER_ROLES",
    "UNIT_LEADER_KINDS",
    "includes_staff_leaders",
    "includes_unit_leaders",
    "integration",
    "leader_group",
    "leader_group_members",
    "leader_team",
    "leader_team_counts",
    "leader_team_source",
    "management_capacity",
]

#: Member kinds counted in the first number of the leader team ("4" of "4+8").
EXECUTIVE_MEMBER_KINDS = frozenset({"cao", "executive", "staff"})
#: Member kinds counted in the second number (unit leaders); a unit_group as its count.
UNIT_LEADER_KINDS = frozenset({"unit", "unit_group", "department"})
#: Executive roles that may head support functions (with staff attached: staff leaders).
STAFF_LEADER_ROLES = frozenset({"staff_leader", "finance_chief", "development_chief", "other"})


def leader_group(org: nx.DiGraph | Structure) -> Hashable | None:
    """The leader group node (kind ``leader_group``), or ``None`` when the chart has none.

    Raises
    ------
    MetricsError
        Several leader groups: which is the central one is then a judgement the file must
        make (keep one as ``leader_group``, draw the others as ``coordination_council`` or
        ``network``).

    Examples
    --------
    >>> import orgraph
    >>> leader_group(orgraph.load("examples/minimal.yaml"))
    'ledergruppe'
    """
    st = structure(org)
    found = st.nodes_of("leader_group")
    if not found:
        return None
    if len(found) > 1:
        raise MetricsError(
            f"{st.name}: has {len(found)} leader groups ({', '.join(map(str, found))}); "
            f"keep the central one as kind leader_group and make the others "
            f"coordination_council or network")
    return found[0]


def leader_group_members(org: nx.DiGraph | Structure) -> list[Hashable]:
    """The members of the leader group (its ``member`` edges); empty without a leader group.

    Examples
    --------
    >>> import orgraph
    >>> leader_group_members(orgraph.load("examples/minimal.yaml"))
    ['radmann', 'kommunalsjef', 'okonomi']
    """
    st = structure(org)
    group = leader_group(st)
    if group is None:
        return []
    return [m for m, d in st.org.succ[group].items() if d.get("relation") == "member"]


def leader_team_source(org: nx.DiGraph | Structure) -> str:
    """Where :func:`leader_team` comes from: ``"leader_group"`` or ``"fallback"``.

    ``"fallback"``: the chart has no leader group, so the team is taken to be the CAO and
    every executive post.

    Examples
    --------
    >>> import orgraph
    >>> leader_team_source(orgraph.load("examples/minimal.yaml"))
    'leader_group'
    """
    return "leader_group" if leader_group(org) is not None else "fallback"


def leader_team_counts(org: nx.DiGraph | Structure) -> tuple[int, int]:
    """The leader team as two numbers: (executive-level members, unit leaders).

    Definition: over the leader group's members, the first number counts members of kind
    ``cao``, ``executive`` and ``staff`` (the CAO, executive posts, heads of staff units);
    the second counts unit leaders: members of kind ``unit`` and ``department`` (1 each) and
    ``unit_group`` (its ``count``: "the 65 unit leaders" drawn as one box). Other members
    (political bodies, networks) are not counted. Without a leader group (see
    :func:`leader_team_source`) the team is the CAO plus every executive post: ``(n, 0)``;
    with neither a leader group nor a CAO it is undefined (:class:`MetricsError`).

    Examples
    --------
    >>> import orgraph
    >>> leader_team_counts(orgraph.load("examples/minimal.yaml"))
    (3, 0)
    """
    st = structure(org)
    if leader_group(st) is None:
        if not st.nodes_of("cao"):
            raise MetricsError(f"{st.name}: has neither a leader_group nor a CAO, so its "
                               "leader team is undefined; add one of them")
        return len(st.nodes_of("cao", "executive")), 0
    top = units = 0
    for member in leader_group_members(st):
        kind = st.kind_of(member)
        if kind in EXECUTIVE_MEMBER_KINDS:
            top += 1
        elif kind in UNIT_LEADER_KINDS:
            units += st.weight(member)
    return top, units


def leader_team(org: nx.DiGraph | Structure) -> str:
    """The leader team as Table 2.1 writes it: ``"3"``, ``"4+8"``, ``"1+65"``.

    Definition: ``"a"`` when the team has no unit leaders, else ``"a+b"``, with ``(a, b)``
    from :func:`leader_team_counts`.

    References
    ----------
    NIBR-rapport 2002:21, Table 2.1, row "Ledergruppe".

    Examples
    --------
    >>> import orgraph
    >>> leader_team(orgraph.load("examples/minimal.yaml"))
    '3'
    """
    top, units = leader_team_counts(org)
    return f"{top}+{units}" if units else str(top)


def includes_unit_leaders(org: nx.DiGraph | Structure) -> bool:
    """Whether unit leaders sit in the leader group (second number of the team > 0).

    References
    ----------
    NIBR-rapport 2002:21, chapter 5.2 (Larvik, Løten, Strand).

    Examples
    --------
    >>> import orgraph
    >>> includes_unit_leaders(orgraph.load("examples/minimal.yaml"))
    False
    """
    return leader_team_counts(org)[1] > 0


def _is_staff_leader(st: Structure, node: Hashable) -> bool:
    kind = st.kind_of(node)
    if kind == "staff":
        return True
    if kind != "executive" or st.org.nodes[node].get("role") not in STAFF_LEADER_ROLES:
        return False
    return any(d.get("relation") == "staff" and st.kind_of(sub) == "staff"
               for sub, d in st.org.succ[node].items())


def includes_staff_leaders(org: nx.DiGraph | Structure) -> bool:
    """Whether heads of staff/support functions sit in the leader group.

    Definition: a member of kind ``staff``, or an executive post in a support role
    (:data:`STAFF_LEADER_ROLES`: ``staff_leader``, ``finance_chief``, ``development_chief``,
    ``other``) with at least one staff unit attached to it by a ``staff`` edge (Sveio's
    økonomisjef, "stabssjefen"). A kommunalsjef, assistant CAO or sector chief with staff
    attached is not a staff leader: the report says the kommunalsjef who follows up the staff
    in Arendal, Lier and Moss does not bring the staff leaders into the group.

    References
    ----------
    NIBR-rapport 2002:21, chapter 5.2 (Sveio, Evenes, Løten).

    Examples
    --------
    >>> import orgraph
    >>> includes_staff_leaders(orgraph.load("examples/minimal.yaml"))  # okonomi is staff
    True
    """
    st = structure(org)
    return any(_is_staff_leader(st, m) for m in leader_group_members(st))


def integration(org: nx.DiGraph | Structure) -> int:
    """How integrated the leader group is: staff leaders included (+1), unit leaders (+1).

    0 is the least integrated (neither: Lier, Arendal, Moss, Rissa in the report), 2 the
    most (both: Løten).

    References
    ----------
    NIBR-rapport 2002:21, chapter 5.2: "Den mest integrerte ledergruppa finner vi i Løten".

    Examples
    --------
    >>> import orgraph
    >>> integration(orgraph.load("examples/minimal.yaml"))
    1
    """
    return int(includes_staff_leaders(org)) + int(includes_unit_leaders(org))


def management_capacity(org: nx.DiGraph | Structure) -> int:
    """Management capacity at the CAO level: the leader team without its unit leaders.

    Definition: the first number of :func:`leader_team_counts`, i.e. the persons left in the
    leader group when unit leaders are set aside (Lier 7, Larvik 1 in the report).

    References
    ----------
    NIBR-rapport 2002:21, chapter 5.2: "se bort fra resultatenhetslederne og beregne den
    gjenstående kapasiteten målt i antall personer".

    Examples
    --------
    >>> import orgraph
    >>> management_capacity(orgraph.load("examples/minimal.yaml"))
    3
    """
    return leader_team_counts(org)[0]


def composition(org: nx.DiGraph | Structure) -> dict[str, Any]:
    """All leader-group facts in one mapping (used by the records).

    Examples
    --------
    >>> import orgraph
    >>> composition(orgraph.load("examples/minimal.yaml"))
    {'leader_team': '3', 'leader_team_source': 'leader_group', 'includes_unit_leaders': False, \
'includes_staff_leaders': True, 'integration': 1, 'management_capacity': 3}
    """
    return {
        "leader_team": leader_team(org),
        "leader_team_source": leader_team_source(org),
        "includes_unit_leaders": includes_unit_leaders(org),
        "includes_staff_leaders": includes_staff_leaders(org),
        "integration": integration(org),
        "management_capacity": management_capacity(org),
    }
