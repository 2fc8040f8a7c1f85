"""The organisation model: node kinds, edge relations and the Organisation graph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

import networkx as nx

from orgraph.nxwriters import asked_by_writer, check_writable

__all__ = [
    "COORDINATION_KINDS",
    "EXECUTIVE_KINDS",
    "EXECUTIVE_ROLES",
    "PERFORMANCE_KINDS",
    "POLITICAL_KINDS",
    "Category",
    "Kind",
    "Organisation",
    "Relation",
    "box_label",
    "category_of",
    "graphs_equal",
    "label_of",
]


class Kind(str, Enum):
    """What a node is, in the vocabulary of the report (Norwegian in the comments).

    Examples
    --------
    >>> Kind("council").category
    <Category.POLITICAL: 'political'>
    >>> Kind.UNIT_GROUP.value
    'unit_group'
    """

    COUNCIL = "council"  # kommunestyre, bystyre
    EXECUTIVE_COMMITTEE = "executive_committee"  # formannskap
    MAIN_COMMITTEE = "main_committee"  # hovedutvalg
    COMMITTEE = "committee"  # utvalg, with decision authority
    ADVISORY_COMMITTEE = "advisory_committee"  # komité, no decision authority
    POLITICAL_BODY = "political_body"  # driftsstyre, kontrollutvalg, samarbeidsutvalg
    CAO = "cao"  # rådmann
    EXECUTIVE = "executive"  # kommunalsjef, ass. rådmann, sektorsjef, ...
    STAFF = "staff"  # stab, støttefunksjon
    UNIT = "unit"  # resultatenhet, virksomhet, driftsenhet
    UNIT_GROUP = "unit_group"  # N units drawn as one box
    DEPARTMENT = "department"  # intermediate line unit (avdeling, sektor)
    LEADER_GROUP = "leader_group"  # ledergruppe, rådmannsteam
    COORDINATION_COUNCIL = "coordination_council"  # samordningsråd
    NETWORK = "network"  # nettverk
    SERVICE_OFFICE = "service_office"  # servicetorg, servicekontor

    @property
    def category(self) -> Category:
        """The legend category this kind belongs to."""
        return category_of(self)


class Category(str, Enum):
    """The four groups the report draws, plus coordination structures.

    Examples
    --------
    >>> Category("staff") is Category.STAFF, category_of("cao").value
    (True, 'chief_executive')
    """

    POLITICAL = "political"
    CHIEF_EXECUTIVE = "chief_executive"
    STAFF = "staff"
    PERFORMANCE = "performance"
    COORDINATION = "coordination"


class Relation(str, Enum):
    """Typed edges; every edge runs superior → subordinate (or body → member).

    Only ``LINE`` is a reporting line. ``DOTTED`` is secondary (matrix) reporting and never
    changes who a node's line superior is.

    Examples
    --------
    >>> Relation.LINE.is_reporting, Relation.DOTTED.is_reporting
    (True, False)
    """

    LINE = "line"
    DOTTED = "dotted"
    STAFF = "staff"
    DELEGATION = "delegation"
    MEMBER = "member"
    ORDER = "order"
    SERVICE = "service"

    @property
    def is_reporting(self) -> bool:
        """Whether the edge is a line-reporting edge."""
        return self is Relation.LINE


POLITICAL_KINDS = frozenset(
    {
        Kind.COUNCIL,
        Kind.EXECUTIVE_COMMITTEE,
        Kind.MAIN_COMMITTEE,
        Kind.COMMITTEE,
        Kind.ADVISORY_COMMITTEE,
        Kind.POLITICAL_BODY,
    }
)
EXECUTIVE_KINDS = frozenset({Kind.CAO, Kind.EXECUTIVE})
PERFORMANCE_KINDS = frozenset({Kind.UNIT, Kind.UNIT_GROUP, Kind.DEPARTMENT})
COORDINATION_KINDS = frozenset(
    {Kind.LEADER_GROUP, Kind.COORDINATION_COUNCIL, Kind.NETWORK, Kind.SERVICE_OFFICE}
)

#: Roles of executive posts; ``sector_chief`` is a line manager by default.
EXECUTIVE_ROLES = (
    "kommunalsjef",
    "assistant_cao",
    "sector_chief",
    "development_chief",
    "finance_chief",
    "staff_leader",
    "other",
)


def acts_for_cao(data: Mapping[str, Any]) -> bool:
    """Whether an executive post (its node attributes) acts on the CAO's behalf: its
    ``acts_for_cao`` if given, else every role but ``sector_chief`` (a line manager).

    The one rule for metrics (the CAO level) and charts (drawn in the CAO's row), so an
    organisation built in Python and the same one read from a file are measured and drawn
    alike.

    Examples
    --------
    >>> acts_for_cao({"role": "kommunalsjef"}), acts_for_cao({"role": "sector_chief"})
    (True, False)
    >>> acts_for_cao({"role": "other", "acts_for_cao": False})
    False
    """
    if "acts_for_cao" in data:
        return bool(data["acts_for_cao"])
    return data.get("role") != "sector_chief"


def label_of(data: Mapping[str, Any], node: str, lang: str = "no") -> str:
    """The label of a node whose attributes are ``data`` (:meth:`Organisation.label`, for a
    caller that holds the node's attributes already).

    Examples
    --------
    >>> label_of({"label": "Skole", "label_en": "School"}, "s", "en"), label_of({}, "s")
    ('School', 's')
    """
    if lang == "en" and data.get("label_en"):
        return str(data["label_en"])
    return str(data.get("label", node))


#: Holder names that stand for no one: an organogram's "not disclosed".
_NO_HOLDER = frozenset({"N/D", ""})


def box_label(data: Mapping[str, Any], node: str, lang: str = "no") -> str:
    """What a node's box says: its label, and under it what the file gives beside the label
    that a reader of a chart expects in the box: a person's job title (``title``, as HR
    tables and chart tools' JSON give it) and a post's holders (``holders``, as organograms
    give them; "N/D", not disclosed, is left out). A line the label holds already is not
    repeated.

    Examples
    --------
    >>> box_label({"label": "Kari Nordmann", "title": "CEO"}, "1")
    'Kari Nordmann\\nCEO'
    >>> box_label({"label": "Director, Policy", "holders": ["Ravi Sample", "N/D"]}, "d")
    'Director, Policy\\nRavi Sample'
    >>> box_label({"label": "Kari Nordmann\\nCEO", "title": "CEO"}, "1")
    'Kari Nordmann\\nCEO'
    """
    text = label_of(data, node, lang)
    if "title" not in data and "holders" not in data:  # most boxes: the label alone
        return text
    shown = {line.strip() for line in text.splitlines()}
    extra = []
    title = " ".join(str(data.get("title") or "").split())
    if title and title not in shown:
        extra.append(title)
    holders = data.get("holders")
    if isinstance(holders, list):
        names = [" ".join(str(h).split()) for h in holders]
        names = [h for h in names if h.upper() not in _NO_HOLDER and h not in shown]
        if names:
            extra.append(", ".join(names))
    return "\n".join([text, *extra]) if extra else text


def category_of(kind: Kind | str) -> Category:
    """Return the legend category of a node kind.

    Parameters
    ----------
    kind : Kind or str
        A node kind.

    Returns
    -------
    Category

    Examples
    --------
    >>> category_of("staff").value
    'staff'
    >>> category_of(Kind.NETWORK).value
    'coordination'
    """
    known = _CATEGORY.get(kind) if isinstance(kind, Kind) else None
    if known is not None:  # (a chart asks once or twice per box)
        return known
    kind = Kind(kind)
    if kind in POLITICAL_KINDS:
        return Category.POLITICAL
    if kind in EXECUTIVE_KINDS:
        return Category.CHIEF_EXECUTIVE
    if kind is Kind.STAFF:
        return Category.STAFF
    if kind in PERFORMANCE_KINDS:
        return Category.PERFORMANCE
    return Category.COORDINATION


_CATEGORY: dict[Kind, Category] = {}
_CATEGORY.update({kind: category_of(kind) for kind in Kind})


class Organisation(nx.DiGraph):
    """An organisation as a directed graph of typed nodes and typed edges.

    A plain :class:`networkx.DiGraph` subclass: every networkx algorithm takes it. Node data
    holds ``kind`` (a :class:`Kind` value as ``str``), ``label`` and optional attributes (see
    ``docs/format.md``); edge data holds ``relation`` (a :class:`Relation` value as ``str``).
    Graph data holds the organisation's facts (``name``, ``inhabitants``, ``date``, ...).

    Examples
    --------
    >>> org = Organisation(name="Eksempel kommune")
    >>> org.add_unit("cao", kind="cao", label="Rådmann")
    >>> org.add_unit("school", kind="unit", label="Skole")
    >>> org.add_relation("cao", "school")
    >>> org.line_superior("school")
    'cao'
    >>> list(org.line_subordinates("cao"))
    ['school']
    >>> org.kind("school")
    <Kind.UNIT: 'unit'>
    """

    def add_unit(self, node_id: str, *, kind: Kind | str, label: str | None = None,
                 **attrs: Any) -> None:
        """Add a node of a given kind; ``label`` defaults to the id."""
        self.add_node(node_id, kind=Kind(kind).value, label=label or node_id, **attrs)

    def add_relation(self, superior: str, subordinate: str,
                     relation: Relation | str = Relation.LINE, **attrs: Any) -> None:
        """Add a typed edge ``superior → subordinate`` (line reporting by default)."""
        self.add_edge(superior, subordinate, relation=Relation(relation).value, **attrs)

    def is_directed(self) -> bool:
        """True; asked by networkx's GraphML or GEXF writer, first check that the format can
        hold every attribute (:func:`orgraph.nxwriters.check_writable` names the way out)."""
        fmt = asked_by_writer()
        if fmt is not None:
            check_writable(self, fmt)
        return True

    def kind(self, node: str) -> Kind:
        """Return the kind of ``node``."""
        return Kind(self.nodes[node]["kind"])

    def label(self, node: str, lang: str = "no") -> str:
        """Return the label of ``node`` (``lang="en"`` prefers ``label_en``)."""
        return label_of(self.nodes[node], node, lang)

    def relation(self, u: str, v: str) -> Relation:
        """Return the relation of edge ``u → v``."""
        return Relation(self.edges[u, v]["relation"])

    def edges_of(self, *relations: Relation | str) -> Iterator[tuple[str, str]]:
        """Yield the edges whose relation is one of ``relations``."""
        wanted = {Relation(r).value for r in relations}
        for u, v, rel in self.edges(data="relation"):
            if rel in wanted:
                yield u, v

    def line_superior(self, node: str) -> str | None:
        """Return the line superior of ``node``, or ``None`` at the top."""
        for sup in self.pred[node]:
            if self.pred[node][sup].get("relation") == Relation.LINE.value:
                return sup
        return None

    def line_subordinates(self, node: str) -> Iterator[str]:
        """Yield the nodes reporting to ``node`` on a line edge."""
        for sub, data in self.succ[node].items():
            if data.get("relation") == Relation.LINE.value:
                yield sub

    def reporting_graph(self, *, dotted: bool = False) -> nx.DiGraph:
        """Return a view with only the reporting edges (and dotted ones if asked)."""
        wanted = {Relation.LINE.value} | ({Relation.DOTTED.value} if dotted else set())
        return nx.subgraph_view(
            self, filter_edge=lambda u, v: self.edges[u, v].get("relation") in wanted
        )

    def nodes_of(self, *kinds: Kind | str) -> list[str]:
        """Return the nodes of the given kinds, in insertion order."""
        wanted = {Kind(k).value for k in kinds}
        return [n for n, k in self.nodes(data="kind") if k in wanted]

    def __repr__(self) -> str:
        return (f"<Organisation {self.name!r}: {self.number_of_nodes()} nodes, "
                f"{self.number_of_edges()} edges>")

    def chart(self, **options: Any) -> Any:
        """The chart as a notebook shows it (:class:`orgraph.display.Chart`): SVG with ids of
        its own and a PNG fallback; ``options`` go to :func:`orgraph.render.render`.

        Examples
        --------
        >>> org = Organisation(name="X"); org.add_unit("r", kind="cao", label="Rådmann")
        >>> org.chart(depth=1).svg[:5]
        b'<?xml'
        """
        from orgraph.display import Chart

        return Chart(self, **options)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None,
                          **kwargs: Any) -> dict[str, str]:
        """Display the organisation as its chart (SVG + PNG) in Jupyter; a big one as its
        top levels with counted boxes and a one-line hint (:func:`orgraph.book.guard.
        preview_cut`), so a notebook never waits a minute for a chart nobody can read."""
        from orgraph.book.guard import preview_cut  # late import: rendering is optional
        from orgraph.display import Chart

        cut, hint = preview_cut(self)
        chart = Chart(self, hint=hint, cut=cut) if cut else Chart(self)
        bundle = chart._repr_mimebundle_(include, exclude)
        if "text/plain" in bundle:
            bundle["text/plain"] = repr(self) + (f"\n{hint}" if hint else "")
        return bundle


def graphs_equal(a: nx.DiGraph, b: nx.DiGraph) -> bool:
    """Whether two organisations have the same graph facts, nodes, edges and all attributes.

    Examples
    --------
    >>> a = Organisation(name="X"); a.add_unit("r", kind="cao")
    >>> b = Organisation(name="X"); b.add_unit("r", kind="cao")
    >>> graphs_equal(a, b)
    True
    >>> b.nodes["r"]["label"] = "Rådmann"
    >>> graphs_equal(a, b)
    False
    """
    return (
        a.graph == b.graph
        and dict(a.nodes(data=True)) == dict(b.nodes(data=True))
        and {(u, v): d for u, v, d in a.edges(data=True)}
        == {(u, v): d for u, v, d in b.edges(data=True)}
    )
