"""An organisation as a tree of boxes for :mod:`orgraph.layout.tree`: who hangs where.

The rules that make an organisation chart of a graph, in one place:

* line and delegation edges hang a report below its superior; staff edges hang a staff unit
  beside its manager's trunk, and so does a dotted edge to a staff unit that has no other
  superior (Lier's Støtteenheter, figur 7.2), drawn dotted;
* a political body whose reports include the CAO keeps the CAO on its trunk, straight down,
  and draws its other political reports (executive committee, committees) in a band beside
  that trunk under their own bus;
* executives that act on the CAO's behalf (``acts_for_cao``) are drawn in the CAO's row, as
  the report counts them as one level with the CAO (NIBR-rapport 2002:21, kap. 2 and 6);
* an aggregate drawn as groups (``groups`` in the chart) hangs one box per group under that
  group's manager (Arendal's three groups of resultatenheter under their kommunalsjefer,
  Vedlegg 1), standing for both its line and its dotted edges;
* a body joined only to its members (a coordination council, a leader group, a network drawn
  as a box) is placed beside the trunk its lowest drawn member hangs from, after the staff
  there, with no line to the trunk (its box is in :attr:`ChartTree.unlinked`), so its member
  lines stay short: figur V1.9 draws Larvik's Samordningsrådet by the rådmann's staff and
  the units, not as a chart of its own; one with no members at all (Strand's tverrfaglige
  team, formed case by case) beside the CAO's trunk;
* any other node nothing drawn hangs on is the top of a tree of its own; political trees
  first.

Examples
--------
>>> from orgraph import load
>>> from orgraph.layout.boxes import box_specs
>>> from orgraph.render.select import kinds_of
>>> org = load("examples/minimal.yaml")
>>> kinds = kinds_of(org)
>>> tree = chart_tree(org, list(org.nodes), kinds, box_specs(org, list(org.nodes), kinds, {}))
>>> tree.roots[0], tree.items["kommunestyre"].children, tree.items["kommunestyre"].band
('kommunestyre', ['radmann'], ['formannskap', 'helseutvalg'])
>>> tree.items["radmann"].peers, tree.items["radmann"].staff
(['kommunalsjef'], ['okonomi', 'personal', 'ledergruppe'])
>>> org = load("charts/larvik.yaml")
>>> nodes = [n for n in org.nodes if n in ("radmann", "resultatenheter", "samordningsradet")]
>>> kinds = kinds_of(org)
>>> tree = chart_tree(org, nodes, kinds, box_specs(org, nodes, kinds, {}))
>>> tree.roots, tree.items["radmann"].children, tree.unlinked
(['radmann'], ['resultatenheter'], {'samordningsradet'})
>>> tree.items["radmann"].staff
['samordningsradet']
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from orgraph.layout.boxes import BoxSpec
from orgraph.layout.tree import Item
from orgraph.model import Category, Kind, Organisation, Relation, acts_for_cao, category_of
from orgraph.render.select import LEVEL_RELATIONS, coordination_only

__all__ = ["ChartTree", "chart_tree", "tree_parent"]


@dataclass
class ChartTree:
    """The boxes as a forest, and the tree edges each connector stands for.

    Attributes
    ----------
    items : dict
        Box name → :class:`~orgraph.layout.tree.Item`.
    roots : list of str
        Top boxes of the trees, in drawing order.
    edge_of : dict
        (tail box, head box) → (tail node, head node, relation) of the edge drawn.
    unlinked : set of str
        Boxes placed in the tree with no connector to the box they hang on (bodies beside
        their members); the layout's routes to them are not drawn.

    Examples
    --------
    The leader group hangs on the CAO beside its members, with no connector:

    >>> from orgraph import load
    >>> from orgraph.layout.boxes import box_specs
    >>> org = load("examples/minimal.yaml")
    >>> kinds = {n: org.kind(n) for n in org}
    >>> tree = chart_tree(org, list(org), kinds, box_specs(org, list(org), kinds, {}))
    >>> tree.roots, tree.unlinked, ("radmann", "ledergruppe") in tree.edge_of
    (['kommunestyre'], {'ledergruppe'}, False)
    """

    items: dict[str, Item]
    roots: list[str]
    edge_of: dict[tuple[str, str], tuple[str, str, str]]
    unlinked: set[str] = field(default_factory=set)


_HANGS_ON = {Relation.LINE.value: 0, Relation.DELEGATION.value: 1, Relation.STAFF.value: 2,
             Relation.DOTTED.value: 3}


def tree_parent(org: Organisation, node: str, visible: Collection[str],
                staff: bool = False) -> tuple[str, str] | None:
    """The drawn superior a node hangs on and the relation: line first, then delegation,
    then staff; a staff unit (``staff``) with none of those hangs beside its dotted-line
    superior; ``None`` at the top.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> tree_parent(org, "okonomi", set(org), staff=True)
    ('radmann', 'staff')
    """
    best = None
    for u, data in org._pred[node].items():  # networkx's own dict: no view per edge
        if u not in visible:
            continue
        rel = data.get("relation")
        rank = _HANGS_ON.get(rel)
        if rank == 3 and not staff:
            continue
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, u, rel)
    return None if best is None else (best[1], best[2])


def chart_tree(org: Organisation, nodes: list[str], kinds: Mapping[str, Kind],
               specs: Mapping[str, list[BoxSpec]]) -> ChartTree:
    """Build the forest of boxes to lay out.

    Parameters
    ----------
    org : Organisation
    nodes : list of str
        Nodes drawn, in the organisation's order.
    kinds : mapping
        Every node's kind.
    specs : mapping
        Node → its measured boxes (:func:`orgraph.layout.boxes.box_specs`).

    Returns
    -------
    ChartTree

    Examples
    --------
    Committees hang in a band beside the council's trunk, staff on stubs, and the
    executive who acts for the CAO in the CAO's row:

    >>> from orgraph import load
    >>> from orgraph.layout.boxes import box_specs
    >>> org = load("examples/minimal.yaml")
    >>> nodes = [n for n in org if n != "ledergruppe"]
    >>> kinds = {n: org.kind(n) for n in nodes}
    >>> tree = chart_tree(org, nodes, kinds, box_specs(org, nodes, kinds, {}))
    >>> top, cao = tree.items["kommunestyre"], tree.items["radmann"]
    >>> tree.roots, top.children, top.band
    (['kommunestyre'], ['radmann'], ['formannskap', 'helseutvalg'])
    >>> cao.children, cao.staff, cao.peers
    (['skole', 'barnehager'], ['okonomi', 'personal'], ['kommunalsjef'])
    >>> tree.edge_of[("radmann", "okonomi")]
    ('radmann', 'okonomi', 'staff')
    """
    visible = set(nodes)
    # enum members looked up once, not per box (each lookup is a descriptor call)
    cao_kind, executive, staff = Kind.CAO, Kind.EXECUTIVE, Category.STAFF
    political, beside = Category.POLITICAL, (Relation.STAFF.value, Relation.DOTTED.value)
    items = {s.name: Item(s.name, s.width, s.height) for n in nodes for s in specs[n]}
    edge_of: dict[tuple[str, str], tuple[str, str, str]] = {}
    parent: dict[str, tuple[str, str]] = {}
    for node in nodes:
        found = tree_parent(org, node, visible, category_of(kinds[node]) is staff)
        if found:
            parent[node] = found
    cao_children = {u for v, (u, rel) in parent.items()
                    if kinds[v] is cao_kind and rel in LEVEL_RELATIONS}
    for node in nodes:
        if node not in parent:
            continue
        sup, rel = parent[node]
        if specs[node][0].group_under is not None:  # groups hang under their own managers
            for spec in specs[node]:
                manager = specs[spec.group_under][0].name
                items[manager].children.append(spec.name)
                edge_of[(manager, spec.name)] = (spec.group_under, node, Relation.LINE.value)
            continue
        tail = specs[sup][0].name
        boxes = [s.name for s in specs[node]]
        holder = items[tail]
        if rel in beside:
            bucket = holder.staff
        elif (sup in cao_children and kinds[node] is not cao_kind
              and category_of(kinds[node]) is political):
            bucket = holder.band
        elif (kinds[sup] is cao_kind and kinds[node] is executive
              and acts_for_cao(org.nodes[node])):
            bucket = holder.peers
        else:
            bucket = holder.children
        bucket.extend(boxes)
        for box in boxes:
            edge_of[(tail, box)] = (sup, node, rel)
    tops = [n for n in nodes if n not in parent]
    tops.sort(key=lambda n: category_of(kinds[n]) is not Category.POLITICAL)
    roots = [s.name for n in tops for s in specs[n]]
    cao = next((specs[n][0].name for n in nodes if kinds[n] is Kind.CAO), None)
    unlinked = _beside_members(org, [n for n in tops if coordination_only(org, n, kinds[n])],
                               specs, items, roots, cao)
    return ChartTree(items, [r for r in roots if r not in unlinked], edge_of, unlinked)


def _beside_members(org: Organisation, bodies: list[str], specs: Mapping[str, list[BoxSpec]],
                    items: dict[str, Item], roots: list[str], cao: str | None = None,
                    ) -> set[str]:
    """Hang each body of ``bodies`` (tops joined only to their members) beside the trunk of
    the box its lowest drawn member hangs on, after that box's staff, so its lines to the
    members are short; a body whose members are all tops stays a top. A body with no
    members at all (a network formed case by case) hangs beside the trunk of the CAO's box
    ``cao``, if drawn. Returns the boxes so placed.

    The lowest member is the one drawn in the lowest row: reports and bands are a row below
    the box they hang on, staff half a row, peers in its row; of equals, the last.
    """
    if not bodies:  # (the walk below is for them)
        return set()
    holder: dict[str, str] = {}
    level = dict.fromkeys(roots, 0.0)
    stack = list(roots)
    while stack:
        key = stack.pop()
        it = items[key]
        for bucket, step in ((it.children, 1.0), (it.band, 1.0), (it.staff, 0.5),
                             (it.peers, 0.0)):
            for child in bucket:
                holder[child] = key
                level[child] = level[key] + step
                stack.append(child)
    placed: set[str] = set()
    for body in bodies:
        members = [specs[m][0].name for m in org.successors(body)
                   if org.edges[body, m].get("relation") == Relation.MEMBER.value
                   and m in specs and specs[m][0].name in holder]
        anchor = None
        if members:
            anchor = holder[max(reversed(members), key=lambda b: level[b])]
        elif cao is not None and not any(r == Relation.MEMBER.value for _, _, r
                                         in org.out_edges(body, data="relation")):
            anchor = cao
        if anchor is not None:
            boxes = [s.name for s in specs[body]]
            items[anchor].staff.extend(boxes)
            placed.update(boxes)
    return placed
