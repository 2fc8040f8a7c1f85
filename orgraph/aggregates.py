"""What an aggregate box stands for: its items' unit counts and the groups it is drawn as.

A ``unit_group`` stands for ``count`` units. Its ``items`` list what they are, as the report
lists them; an item such as "To skoler" stands for two units when the chart says so in
``item_counts`` (``{"To skoler": 2}``); an item not listed there stands for one. Its
``groups`` say that the box is drawn as several groups, each under its own manager (Arendal's
resultatenheter in three groups under three kommunalsjefer, whose sizes the report does not
give). The functions here read node data only, so every format, the checks and every
renderer share one rule.

Examples
--------
>>> data = {"kind": "unit_group", "count": 8, "items": ["To skoler", "Helse"],
...         "item_counts": {"To skoler": 2}}
>>> item_units(data)
[('To skoler', 2), ('Helse', 1)]
>>> unlisted_units(data)
5
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from orgraph.errors import Problem

__all__ = ["aggregate_problems", "group_boxes", "item_units", "unlisted_units"]

_SUPERIOR_RELATIONS = frozenset({"line", "dotted"})


def item_units(data: Mapping[str, Any]) -> list[tuple[str, int]]:
    """Each listed item of an aggregate with the number of units it stands for.

    Parameters
    ----------
    data : mapping
        A node's data (``items`` and optional ``item_counts``).

    Returns
    -------
    list of (str, int)
        In the items' order; an item without an entry in ``item_counts`` stands for 1.

    Examples
    --------
    >>> item_units({"items": ["7 skoler", "2 barnehager", "helseavdeling"],
    ...             "item_counts": {"7 skoler": 7, "2 barnehager": 2}})
    [('7 skoler', 7), ('2 barnehager', 2), ('helseavdeling', 1)]
    >>> item_units({})
    []
    """
    counts = data.get("item_counts") or {}
    if not isinstance(counts, Mapping):
        counts = {}
    out = []
    for item in data.get("items") or []:
        n = counts.get(str(item), 1)
        out.append((str(item), n if isinstance(n, int) and not isinstance(n, bool) else 1))
    return out


def unlisted_units(data: Mapping[str, Any]) -> int:
    """How many of an aggregate's ``count`` units its items do not account for (≥ 0).

    ``0`` when the node has no integer ``count``. Lier's 54 virksomheter with a list that adds
    up to 52 give 2; Evenes' eight driftsenheter, whose "To skoler" and "To barnehager" stand
    for two each, give 0.

    Examples
    --------
    >>> unlisted_units({"count": 54, "items": ["15 skoler"], "item_counts": {"15 skoler": 15}})
    39
    >>> unlisted_units({"count": 3, "items": ["a", "b", "c"]})
    0
    >>> unlisted_units({"items": ["a"]})
    0
    """
    count = data.get("count")
    if not isinstance(count, int) or isinstance(count, bool):
        return 0
    return max(0, count - sum(n for _, n in item_units(data)))


def group_boxes(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The groups an aggregate is drawn as: ``under`` (manager id), ``label``, ``count``.

    ``label`` defaults to the aggregate's label; ``count`` is ``None`` where the source gives
    no group size. An aggregate without ``groups`` gives an empty list.

    Examples
    --------
    >>> group_boxes({"label": "Resultatenheter", "groups": [{"under": "k1"}, {"under": "k2",
    ...              "count": 4}]})  # doctest: +NORMALIZE_WHITESPACE
    [{'under': 'k1', 'label': 'Resultatenheter', 'count': None},
     {'under': 'k2', 'label': 'Resultatenheter', 'count': 4}]
    """
    label = data.get("label", "")
    return [{"under": str(g["under"]), "label": str(g.get("label") or label),
             "count": g.get("count")}
            for g in data.get("groups") or [] if isinstance(g, Mapping) and "under" in g]


def aggregate_problems(org: nx.DiGraph, filename: str = "<graph>",
                       lines: Mapping[Hashable, int | None] | None = None) -> list[Problem]:
    """Check ``item_counts`` and ``groups`` against the aggregate they belong to.

    Every key of ``item_counts`` names one of the items; the items stand for no more units
    than ``count``; every group's ``under`` is a line or dotted superior of the aggregate;
    the groups' given sizes add up to no more than ``count`` (exactly ``count`` when every
    group gives one).

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("u", kind="unit_group", count=3, items=["To skoler"],
    ...            item_counts={"To skoler": 4, "Tre barnehager": 3})
    >>> for p in aggregate_problems(g, "x.yaml"):  # doctest: +NORMALIZE_WHITESPACE
    ...     print(p)
    x.yaml: node 'u': item_counts names 'Tre barnehager', which is not one of the items; use
    an item's exact text
    x.yaml: node 'u': the items stand for 4 units, more than the count 3; correct the count
    or item_counts
    """
    lines = lines or {}
    problems: list[Problem] = []
    for node, data in org.nodes(data=True):
        if data.get("kind") != "unit_group":
            continue
        for message in [*_item_messages(data), *_group_messages(org, node, data)]:
            problems.append(Problem(filename, message, line=lines.get(node), node=str(node)))
    return problems


def _item_messages(data: Mapping[str, Any]) -> list[str]:
    counts = data.get("item_counts")
    if not isinstance(counts, Mapping):
        return []
    items = {str(i) for i in data.get("items") or []}
    out = [f"item_counts names {key!r}, which is not one of the items; use an item's exact "
           "text" for key in counts if key not in items]
    count = data.get("count")
    listed = sum(n for _, n in item_units(data))
    if isinstance(count, int) and listed > count:
        out.append(f"the items stand for {listed} units, more than the count {count}; "
                   "correct the count or item_counts")
    return out


def _group_messages(org: nx.DiGraph, node: Hashable, data: Mapping[str, Any]) -> list[str]:
    groups = group_boxes(data)
    superiors = {str(u) for u in org.predecessors(node)
                 if org.edges[u, node].get("relation") in _SUPERIOR_RELATIONS}
    out = [f"group under {g['under']!r}: that is not a line or dotted superior of this "
           "aggregate; add it to dotted: [...] or fix the id"
           for g in groups if g["under"] not in superiors]
    sizes = [g["count"] for g in groups if isinstance(g["count"], int)]
    count = data.get("count")
    if groups and isinstance(count, int) and (sum(sizes) > count
                                   or (len(sizes) == len(groups) and sum(sizes) != count)):
        out.append(f"the groups' sizes add up to {sum(sizes)}, not the count {count}; "
                   "correct them or leave out the sizes the source does not give")
    return out
