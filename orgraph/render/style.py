"""The legend of Vedlegg 1 as one table: node kind → shape, edge variant → line and arrowhead.

Nothing else in :mod:`orgraph.render` decides how a kind or a relation looks; the DOT builder
looks the answer up here. The legend of NIBR-rapport 2002:21, Vedlegg 1:

* circles (ellipses where a long label needs it) are staff units, boxes are operating units,
  boxes with rounded corners are political bodies;
* arrows are reporting routes; a staff unit with its own authority to instruct is joined to
  the line with an arrow, other staff units with a plain line.

orgraph adds what the report leaves out, each in a look that cannot pass for a reporting
line: dotted-line (matrix) reporting as dashed arrows, coordination bodies as grey hexagons
joined to their members by grey dotted lines, and purchaser–provider orders and internal
services as orange dotted arrows with a text label.

Examples
--------
>>> NODE_STYLE["council"]["style"]
'rounded,filled'
>>> EDGE_STYLE["staff"]["arrowhead"], EDGE_STYLE["staff_instructs"]["arrowhead"]
('none', 'normal')
>>> edge_variant("staff", instructs=True)
'staff_instructs'
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Any

from orgraph.model import Category, Kind, Relation, category_of

__all__ = [
    "EDGE_DEFAULTS",
    "EDGE_STYLE",
    "GRAPH_ATTR",
    "HIDDEN_UNLESS",
    "LONG_STAFF_LABEL",
    "NODE_DEFAULTS",
    "NODE_STYLE",
    "POINT_STYLE",
    "SHOW_CHOICES",
    "TEXT",
    "edge_style",
    "edge_variant",
    "node_style",
]

_FONT = "Arial"  # graphviz-pure bundles Arimo, metric-compatible with Arial

#: Attributes of the whole chart: top-down, compact, readable at A4 width.
GRAPH_ATTR: dict[str, str] = {
    "rankdir": "TB",
    "newrank": "true",
    "nodesep": "0.25",
    "ranksep": "0.45",
    "fontname": _FONT,
    "fontsize": "16",
    "labelloc": "t",
    "splines": "ortho",
    "bgcolor": "white",
}
NODE_DEFAULTS: dict[str, str] = {"fontname": _FONT, "fontsize": "12", "margin": "0.12,0.06"}
EDGE_DEFAULTS: dict[str, str] = {"fontname": _FONT, "fontsize": "10", "arrowsize": "0.7"}

_POLITICAL = {"shape": "box", "style": "rounded,filled", "fillcolor": "#e8eefc"}
_OPERATING = {"shape": "box", "style": "filled", "fillcolor": "white"}
_COORDINATION = {"shape": "hexagon", "style": "filled,dashed", "fillcolor": "#f0f0f0",
                 "color": "#777777", "fontcolor": "#444444"}

#: Node kind → DOT node attributes. ``class`` lets tests and stylesheets find the kind in SVG.
NODE_STYLE: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    Kind.COUNCIL.value: {**_POLITICAL, "penwidth": "1.6"},
    Kind.EXECUTIVE_COMMITTEE.value: dict(_POLITICAL),
    Kind.MAIN_COMMITTEE.value: dict(_POLITICAL),
    Kind.COMMITTEE.value: dict(_POLITICAL),
    Kind.ADVISORY_COMMITTEE.value: {**_POLITICAL, "fillcolor": "#f3f6fd"},
    Kind.POLITICAL_BODY.value: dict(_POLITICAL),
    Kind.CAO.value: {"shape": "box", "style": "filled,bold", "fillcolor": "#fff4d6"},
    Kind.EXECUTIVE.value: {"shape": "box", "style": "filled", "fillcolor": "#fffaeb"},
    Kind.STAFF.value: {"shape": "circle", "style": "filled", "fillcolor": "#eef7ee",
                       "margin": "0.04"},
    Kind.UNIT.value: dict(_OPERATING),
    Kind.UNIT_GROUP.value: dict(_OPERATING),
    Kind.DEPARTMENT.value: {**_OPERATING, "fillcolor": "#f7f7f7"},
    Kind.LEADER_GROUP.value: dict(_COORDINATION),
    Kind.COORDINATION_COUNCIL.value: dict(_COORDINATION),
    Kind.NETWORK.value: dict(_COORDINATION),
    Kind.SERVICE_OFFICE.value: dict(_COORDINATION),
})

#: A staff label longer than this many characters is drawn as an ellipse instead of a circle.
LONG_STAFF_LABEL = 9

#: Edge variant → DOT edge attributes. A variant is a relation, with staff split by
#: ``instructs``; ``trunk`` is the plain stub from a manager to the junction its staff hang on;
#: ``rank`` and ``row`` are invisible edges that only order the layout.
EDGE_STYLE: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "line": {"style": "solid", "arrowhead": "normal"},
    "dotted": {"style": "dashed", "arrowhead": "normal", "constraint": "false",
               "color": "#333333"},
    "staff": {"style": "solid", "arrowhead": "none"},
    "staff_instructs": {"style": "solid", "arrowhead": "normal"},
    "delegation": {"style": "solid", "arrowhead": "none"},
    "member": {"style": "dotted", "arrowhead": "odot", "color": "#888888",
               "constraint": "false", "penwidth": "1.2"},
    "order": {"style": "dotted", "arrowhead": "vee", "color": "#c05a00",
              "fontcolor": "#c05a00", "constraint": "false", "penwidth": "1.6"},
    "service": {"style": "dotted", "arrowhead": "vee", "color": "#c05a00",
                "fontcolor": "#c05a00", "constraint": "false", "penwidth": "1.6"},
    "trunk": {"style": "solid", "arrowhead": "none"},
    "rank": {"style": "invis"},
    "row": {"style": "invis"},
})

#: The invisible junction points staff units and stacked columns hang from.
POINT_STYLE: MappingProxyType[str, str] = MappingProxyType({
    "shape": "point", "width": "0.01", "height": "0.01", "label": "", "class": "junction"})

#: Relations (and coordination bodies) drawn only when ``show`` names them.
SHOW_CHOICES = ("coordination", "orders")
HIDDEN_UNLESS: MappingProxyType[str, str] = MappingProxyType({
    Relation.MEMBER.value: "coordination",
    Relation.ORDER.value: "orders",
    Relation.SERVICE.value: "orders",
})

#: The few words the chart itself writes, in both languages.
TEXT: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "no": {
        "units": "enheter",
        "more": "flere",
        "below": "under",
        "order": "bestiller",
        "service": "tjeneste",
        "legend": "Tegnforklaring",
        "political": "Politisk organ",
        "operating": "Driftsenhet",
        "staff": "Stab",
        "staff_instructs": "Stab med instruksjonsrett",
        "reporting": "linje",
        "dotted": "stiplet linje",
        "coordination": "Samordningsorgan",
        "cao": "Rådmann",
        "executive": "Rådmannsnivå",
        "aggregate": "Flere enheter i én boks",
        "department": "Avdeling, sektor",
        "advisory": "Komité uten vedtaksmyndighet",
        "service_office": "Servicetorg",
        "collapsed": "Enheter under, talt opp",
        "people": "personer",
        "fte": "årsverk",
        "decimal": ",",
        "thousands": "\u00a0",
        "delegation": "delegering",
        "member": "medlemskap",
        "level": "på rådmannens vegne",
        "group": "gruppe",
        "of": "av",
        "in_all": "i alt",
        "head": "Leder",
        "manager": "Mellomleder",
    },
    "en": {
        "units": "units",
        "more": "more",
        "below": "below",
        "order": "orders",
        "service": "serves",
        "legend": "Legend",
        "political": "Political body",
        "operating": "Operating unit",
        "staff": "Staff",
        "staff_instructs": "Staff with authority to instruct",
        "reporting": "line",
        "dotted": "dotted line",
        "coordination": "Coordination body",
        "cao": "Chief executive",
        "executive": "Executive level",
        "aggregate": "Several units in one box",
        "department": "Department",
        "advisory": "Committee without decision authority",
        "service_office": "Service office",
        "collapsed": "Units below, counted",
        "people": "people",
        "fte": "FTE",
        "decimal": ".",
        "thousands": ",",
        "delegation": "delegation",
        "member": "membership",
        "level": "acts for the chief executive",
        "group": "group",
        "of": "of",
        "in_all": "in all",
        "head": "Chief executive",
        "manager": "Manager",
    },
})


def edge_variant(relation: Relation | str, *, instructs: bool = False) -> str:
    """Return the :data:`EDGE_STYLE` key of an edge.

    Examples
    --------
    >>> edge_variant("line"), edge_variant("staff"), edge_variant("staff", instructs=True)
    ('line', 'staff', 'staff_instructs')
    """
    value = Relation(relation).value
    if value == Relation.STAFF.value and instructs:
        return "staff_instructs"
    return value


def edge_style(variant: str) -> dict[str, str]:
    """Return the DOT attributes of an edge variant, its ``class`` included (a copy).

    Examples
    --------
    >>> edge_style("staff")
    {'style': 'solid', 'arrowhead': 'none', 'class': 'staff'}
    """
    return {**EDGE_STYLE[variant], "class": variant}


def node_style(kind: Kind | str, label: str = "") -> dict[str, Any]:
    """Return the DOT attributes of a node of ``kind`` (a copy of the table row).

    A staff unit is a circle, or an ellipse when its label is long.

    Examples
    --------
    >>> node_style("unit")["shape"], node_style("staff", "IT")["shape"]
    ('box', 'circle')
    >>> node_style("staff", "Personal- og organisasjon")["shape"]
    'ellipse'
    >>> node_style("committee")["class"]
    'committee political'
    """
    if type(kind) is not Kind:
        kind = Kind(kind)
    long = kind is _STAFF and max((len(p) for p in label.split("\n")),
                                  default=0) > LONG_STAFF_LABEL
    return dict(_node_style(kind, long))


_STAFF = Kind.STAFF  # (read once: an enum member, and its value, are descriptor calls)


@functools.cache
def _node_style(kind: Kind, long: bool) -> dict[str, Any]:
    """The style of a kind, an ellipse if ``long``: computed once, never handed out
    (:func:`node_style` copies it)."""
    value = kind.value
    attrs: dict[str, Any] = dict(NODE_STYLE[value])
    if long:
        attrs["shape"] = "ellipse"
    attrs["class"] = f"{value} {category_of(value).value}"
    return attrs


def is_political(kind: Kind | str) -> bool:
    """Whether ``kind`` is a political body.

    Examples
    --------
    >>> is_political("council"), is_political("cao")
    (True, False)
    """
    return category_of(kind) is Category.POLITICAL
