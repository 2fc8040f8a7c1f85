"""Which nodes a chart draws: the whole organisation, or the part below a root, cut off at a
depth, with every subtree that is cut counted on the node it hangs from.

One function, :func:`select`, shared by every layout and by the chart book, so a page, a
``--root/--depth`` chart and the whole chart agree on what is drawn.

Examples
--------
>>> from orgraph import load
>>> org = load("examples/minimal.yaml")
>>> nodes, collapsed = select(org, kinds_of(org), "radmann", 0, frozenset())
>>> nodes, collapsed["radmann"]
(['radmann', 'okonomi', 'personal'], 5)
"""

from __future__ import annotations

from collections.abc import Collection

from orgraph.model import Category, Kind, Organisation, Relation, category_of
from orgraph.render.hidden import hidden_below

__all__ = ["LEVEL_RELATIONS", "TREE_RELATIONS", "coordination_only", "kinds_of", "select"]

#: Relations that hang a node in the drawn tree.
TREE_RELATIONS = frozenset({Relation.LINE.value, Relation.STAFF.value,
                            Relation.DELEGATION.value})
#: Relations that make a level (staff hang beside the line and are not a level).
LEVEL_RELATIONS = frozenset({Relation.LINE.value, Relation.DELEGATION.value})
_TREE = TREE_RELATIONS
_LEVEL = LEVEL_RELATIONS


def kinds_of(org: Organisation) -> dict[str, Kind]:
    """Every node's kind as a :class:`~orgraph.model.Kind` (no check; see ``to_dot``).

    Examples
    --------
    >>> from orgraph import load
    >>> kinds_of(load("examples/minimal.yaml"))["radmann"]
    <Kind.CAO: 'cao'>
    """
    return {node: Kind(kind) for node, kind in org.nodes(data="kind")}


def coordination_only(org: Organisation, node: str, kind: Kind) -> bool:
    """Whether ``node`` is a coordination body joined to nothing but its members.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> coordination_only(org, "ledergruppe", org.kind("ledergruppe"))
    True
    >>> coordination_only(org, "radmann", org.kind("radmann"))  # not a coordination body
    False
    >>> org.add_relation("radmann", "ledergruppe")  # now on a reporting line
    >>> coordination_only(org, "ledergruppe", org.kind("ledergruppe"))
    False
    """
    if category_of(kind) is not Category.COORDINATION:
        return False
    structural = _TREE | {Relation.DOTTED.value}
    return not any(d.get("relation") in structural
                   for _, _, d in [*org.in_edges(node, data=True),
                                   *org.out_edges(node, data=True)])


def select(org: Organisation, kinds: dict[str, Kind], root: str | None, depth: int | None,
           show: frozenset[str], cut: Collection[str] = ()) -> tuple[list[str], dict[str, int]]:
    """Return the nodes to draw (in chart order) and the hidden-descendant counts.

    Parameters
    ----------
    org : Organisation
    kinds : dict
        Every node's kind (:func:`kinds_of`).
    root, depth : optional
        Draw the part below ``root``, ``depth`` levels deep (``None``: all of it); a depth
        without a root counts from the organisation's tops.
    show : frozenset of str
        ``"coordination"`` adds coordination bodies that only have members.
    cut : collection of str
        Nodes drawn, but with everything below them hidden and counted on them, as at the
        ``depth`` limit (the chart book cuts its pages there). Works with or without
        ``root``; a cut node that is not drawn anyway changes nothing.

    Returns
    -------
    nodes : list of str
        The nodes to draw, in the organisation's order.
    collapsed : dict
        Drawn node → number of units (aggregates by their count) hidden below it.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> nodes, collapsed = select(org, kinds_of(org), None, None, frozenset(), cut={"radmann"})
    >>> "radmann" in nodes, "skole" in nodes, collapsed
    (True, False, {'radmann': 7})
    """
    cut = frozenset(cut)
    if root is None and depth is None and not cut:
        chosen = set(org.nodes)
        collapsed: dict[str, int] = {}
    else:
        chosen = _below(org, root, depth, cut)
        collapsed = {}
        for node in chosen:
            hidden = hidden_below(org, node, chosen)
            if hidden:
                collapsed[node] = sum(int(org.nodes[h].get("count") or 1) for h in hidden)
        for node in org.nodes:
            if (node not in chosen and coordination_only(org, node, kinds[node])
                    and _drawn_body(org, node, show)
                    and any(m in chosen for m in org.successors(node))):
                chosen.add(node)
    bodies = {k for k in Kind if category_of(k) is Category.COORDINATION}  # (once per kind)
    nodes = [n for n in org.nodes if n in chosen
             and (kinds[n] not in bodies or not coordination_only(org, n, kinds[n])
                  or _drawn_body(org, n, show))]
    return nodes, collapsed


def _drawn_body(org: Organisation, node: str, show: frozenset[str]) -> bool:
    """Whether a coordination body joined only to its members is drawn: with
    ``--show coordination``, or always when the chart marks it ``shown`` (the source figure
    draws it, as figur V1.9 draws Larvik's samordningsråd)."""
    return "coordination" in show or bool(org.nodes[node].get("shown"))


def _below(org: Organisation, root: str | None, depth: int | None,
           cut: frozenset[str]) -> set[str]:
    """The nodes drawn: ``root`` (or every node no tree edge hangs, for ``None``) and its
    levels down to ``depth``, not below a node in ``cut``, plus the staff of drawn managers."""
    if root is None:
        hung = {v for u, v, rel in org.edges(data="relation") if rel in _TREE}
        frontier = [n for n in org.nodes if n not in hung]
    else:
        frontier = [root]
    chosen = set(frontier)
    level = 0
    while frontier and (depth is None or level < depth):
        level += 1
        nxt = [v for u in frontier if u not in cut for v in org.successors(u)
               if org.edges[u, v].get("relation") in _LEVEL and v not in chosen]
        chosen.update(nxt)
        frontier = nxt
    extra = set(chosen)
    while extra:  # staff of drawn managers are drawn (staff are not a level)
        extra = {v for u in extra if u not in cut for v in org.successors(u)
                 if org.edges[u, v].get("relation") == Relation.STAFF.value} - chosen
        chosen |= extra
    return chosen
