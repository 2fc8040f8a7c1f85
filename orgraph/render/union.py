"""One organisation holding two states of it: the new one, and the removed units put back
where they were, for a before/after chart (:mod:`orgraph.render.compare`).

A removed unit hangs under its old superior (by the same line → delegation → staff rule the
chart uses, :func:`orgraph.layout.chart.tree_parent`): under that superior's new self when it
survived, under the superior put back when it was removed too, else under its nearest
surviving ancestor; among its old siblings it keeps its place (right after the sibling it
followed, or first). Renamed units read "old → new"; moved units get a note saying where
they came from.

Examples
--------
>>> from orgraph import Organisation
>>> old = Organisation(name="X")
>>> for n in ("cao", "a", "b"):
...     old.add_unit(n, kind="cao" if n == "cao" else "unit")
>>> old.add_relation("cao", "a"); old.add_relation("cao", "b")
>>> new = old.copy(); new.remove_node("a"); new.add_unit("c", kind="unit")
>>> new.add_relation("cao", "c")
>>> changes = ChangeSet({"cao": "cao", "b": "b"}, frozenset({"c"}), frozenset({"a"}))
>>> org, marks = union(old, new, changes)
>>> list(org), marks.changes["a"], marks.changes["c"]
(['cao', 'a', 'b', 'c'], ('removed',), ('added',))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orgraph.layout.chart import tree_parent
from orgraph.model import Organisation
from orgraph.render.marks import Marks, mark_words

__all__ = ["ChangeSet", "common_order", "union"]

_ARROW = " → "


@dataclass(frozen=True)
class ChangeSet:
    """What a chart of a change marks: the matching of units and what happened to them.

    Attributes
    ----------
    matches : mapping
        New id → the old id it is (every unit in both states).
    added : frozenset
        New ids with no old unit.
    removed : frozenset
        Old ids with no new unit.
    moved : mapping
        New id → (old superior's old id, new superior's new id), for units with a new line
        superior.
    renamed : frozenset
        New ids whose label changed.

    Examples
    --------
    >>> import orgraph
    >>> old = orgraph.load("examples/minimal.yaml")
    >>> new = old.copy()
    >>> new.remove_node("personal")
    >>> new.nodes["skole"]["label"] = "Skolen"
    >>> changes = ChangeSet.of(orgraph.diff(old, new))
    >>> changes.removed, changes.renamed, changes.added, changes.matches["skole"]
    (frozenset({'personal'}), frozenset({'skole'}), frozenset(), 'skole')
    """

    matches: Mapping[str, str]
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    moved: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    renamed: frozenset[str] = frozenset()

    @classmethod
    def of(cls, diff: Any) -> ChangeSet:
        """The changes of a diff result (:func:`orgraph.diff`).

        Examples
        --------
        >>> import orgraph
        >>> d = orgraph.diff(orgraph.load("charts/rissa.yaml"),
        ...                  orgraph.load("charts/rissa-2002-06.yaml"))
        >>> sorted(ChangeSet.of(d).removed)[:2]
        ['ass_radmann_ho', 'ass_radmann_oppvekst']
        """
        return cls(dict(diff.matches), frozenset(diff.added()), frozenset(diff.removed()),
                   dict(diff.moved()), frozenset(diff.renamed()))


def _names(old: Organisation, new: Organisation, removed: frozenset[str]) -> dict[str, str]:
    """Old id → its node in the union, for removed units (their own id unless a new unit
    has it)."""
    out: dict[str, str] = {}
    taken = {n for n in old if n not in removed}
    for node in old:
        if node in removed:
            name = node
            while name in new or name in taken:
                name = f"{name}~was"
            taken.add(name)
            out[node] = name
    return out


def _placed(old: Organisation, new: Organisation, changes: ChangeSet,
            names: Mapping[str, str]) -> dict[str, tuple[str | None, str | None, str]]:
    """Removed unit → (its superior in the union, the union node it follows, relation)."""
    to_union = {o: n for n, o in changes.matches.items()} | dict(names)
    parents = {n: _superior(old, n) for n in old}
    last: dict[str, str] = {}  # union superior → its last child seen in the old order
    out: dict[str, tuple[str | None, str | None, str]] = {}
    for node in old:  # the old order: siblings in turn
        found = parents[node]
        up = found[0] if found else None
        seen = {node}
        while up is not None and up not in to_union:  # nearest surviving ancestor
            seen.add(up)
            nxt = parents[up]
            up = nxt[0] if nxt and nxt[0] not in seen else None  # a cycle ends the walk
        sup = to_union[up] if up is not None else None
        if node in names:
            out[names[node]] = (sup, last.get(sup, sup), found[1] if found else "line")
        now = to_union.get(node)
        if sup is not None and now is not None and (node in names or _parent(new, now) == sup):
            last[sup] = now  # a sibling still under the same superior
    return out


def _superior(org: Organisation, node: str) -> tuple[str, str] | None:
    """The superior ``node`` hangs on in a chart, and the relation."""
    staff = org.nodes[node].get("kind") == "staff"
    return tree_parent(org, node, org, staff)


def _parent(org: Organisation, node: str) -> str | None:
    found = _superior(org, node)
    return found[0] if found else None


def _order(new: Organisation, inserts: Mapping[str | None, list[str]]) -> list[str]:
    """The new order with each removed unit right after the node it follows."""
    out: list[str] = []
    for start in [*new, None]:
        stack = [start]
        while stack:
            node = stack.pop()
            if node is not None:
                out.append(node)
            stack.extend(reversed(inserts.get(node, [])))
    return out


def union(old: Organisation, new: Organisation, changes: ChangeSet, *,
          lang: str = "no") -> tuple[Organisation, Marks]:
    """The new organisation plus the removed units where they were, and the marks to draw.

    Parameters
    ----------
    old, new : Organisation
        The two states.
    changes : ChangeSet
        How they match.
    lang : str
        Language of the notes ("fra: ...").

    Returns
    -------
    (Organisation, Marks)
        The union (graph facts of ``new``, the date "old → new"), and its marks.

    Examples
    --------
    A unit removed and one moved: the removed one is drawn where it was, the moved one
    with a note of where it came from:

    >>> import orgraph
    >>> old = orgraph.load("examples/minimal.yaml")
    >>> new = old.copy()
    >>> new.remove_node("personal")
    >>> new.remove_edge("radmann", "skole")
    >>> new.add_relation("kommunalsjef", "skole")
    >>> both, marks = union(old, new, ChangeSet.of(orgraph.diff(old, new)), lang="en")
    >>> "personal" in new, list(both.predecessors("personal"))
    (False, ['radmann'])
    >>> marks.changes, marks.captions
    ({'personal': ('removed',), 'skole': ('moved',)}, {'skole': 'from: Chief administrative \
officer'})
    """
    names = _names(old, new, changes.removed)
    placed = _placed(old, new, changes, names)
    inserts: dict[str | None, list[str]] = {}
    for name, (_, anchor, _) in placed.items():
        inserts.setdefault(anchor, []).append(name)
    out = Organisation(**new.graph)
    if old.graph.get("date") and new.graph.get("date") != old.graph.get("date"):
        out.graph["date"] = f"{old.graph['date']}{_ARROW}{new.graph.get('date', '?')}"
    back = {name: node for node, name in names.items()}
    for node in _order(new, inserts):
        out.add_node(node, **(new.nodes[node] if node in new else old.nodes[back[node]]))
    out.add_edges_from(new.edges(data=True))
    for name, (sup, _, relation) in placed.items():
        if sup is not None:
            out.add_edge(sup, name, relation=relation)
    _other_edges(old, out, changes, names)
    marks = _marks(old, new, changes, names, lang)
    for node in changes.renamed:
        _rename(out.nodes[node], old.nodes[changes.matches[node]], new.nodes[node])
    return out, marks


def _other_edges(old: Organisation, out: Organisation, changes: ChangeSet,
                 names: Mapping[str, str]) -> None:
    """A removed unit's other lines (dotted, memberships, orders) to units still drawn."""
    to_union = {o: n for n, o in changes.matches.items()} | dict(names)
    for node in names:
        for u, v, data in [*old.in_edges(node, data=True), *old.out_edges(node, data=True)]:
            a, b = to_union.get(u), to_union.get(v)
            if a is not None and b is not None and not out.has_edge(a, b) and (
                    data.get("relation") not in ("line", "delegation", "staff")):
                out.add_edge(a, b, **data)


def _marks(old: Organisation, new: Organisation, changes: ChangeSet,
           names: Mapping[str, str], lang: str) -> Marks:
    marked: dict[str, list[str]] = {}
    for name in names.values():
        marked.setdefault(name, []).append("removed")
    for node in changes.added:
        marked.setdefault(node, []).append("added")
    for node in changes.moved:
        marked.setdefault(node, []).append("moved")
    for node in changes.renamed:
        marked.setdefault(node, []).append("renamed")
    word = mark_words(lang)["from"]
    captions = {node: f"{word}: {old.label(sup, lang)}"
                for node, (sup, _) in changes.moved.items() if sup is not None and sup in old}
    return Marks({k: tuple(v) for k, v in marked.items()}, captions)


def _rename(data: dict[str, Any], was: Mapping[str, Any], now: Mapping[str, Any]) -> None:
    """Label a renamed unit "old → new" (and ``label_en`` likewise when either has one)."""
    data["label"] = f"{was.get('label', '')}{_ARROW}{now.get('label', '')}"
    if was.get("label_en") or now.get("label_en"):
        data["label_en"] = (f"{was.get('label_en') or was.get('label', '')}{_ARROW}"
                            f"{now.get('label_en') or now.get('label', '')}")


def common_order(old: Organisation, new: Organisation, changes: ChangeSet,
                 union_org: Organisation) -> list[str]:
    """The old units in the union's order: shared units as the new organisation orders them,
    removed units where they were, so both halves of a side-by-side chart agree.

    Examples
    --------
    >>> from orgraph import Organisation
    >>> old = Organisation()
    >>> for n in ("b", "a"):
    ...     old.add_unit(n, kind="unit")
    >>> new = Organisation()
    >>> for n in ("a", "b"):
    ...     new.add_unit(n, kind="unit")
    >>> cs = ChangeSet({"a": "a", "b": "b"})
    >>> common_order(old, new, cs, union(old, new, cs)[0])
    ['a', 'b']
    """
    rank = {node: i for i, node in enumerate(union_org)}
    names = _names(old, new, changes.removed)
    to_union = {o: n for n, o in changes.matches.items()} | names
    return sorted(old, key=lambda n: rank.get(to_union.get(n, ""), len(rank)))
