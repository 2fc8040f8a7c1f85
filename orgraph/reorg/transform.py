"""What-if transformations: each returns a new organisation and never changes its input.

* :func:`remove_unit` — remove a post; its reports move to its superior;
* :func:`remove_level` — remove every post of a role (or every manager at a level);
* :func:`merge_units` — several units become one;
* :func:`split_aggregate` — a counted box becomes the units its items list;
* :func:`move_unit` — a unit gets a new superior (refused if that would make a cycle);
* :func:`act_for_cao` — executives act on the CAO's behalf instead of as line managers
  (what Lier did: NIBR-rapport 2002:21, kap. 2.2, "from 4/5 levels to 2");
* :func:`add_unit` and :func:`attach` — a new unit, a new non-line relation.

Every result is checked (:func:`orgraph.check_organisation`) and carries, in its graph
attribute ``steps``, one line per step applied (with the step's source, if given).

Examples
--------
>>> import orgraph
>>> org = orgraph.load("charts/rissa.yaml")
>>> flat = remove_unit(org, "ass_radmann_ho", source="Vedlegg 1")
>>> flat.line_superior("re_helse_omsorg"), org.line_superior("re_helse_omsorg")
('radmann', 'ass_radmann_ho')
>>> flat.graph["steps"]
['remove ass_radmann_ho: 1 report moved to radmann [Vedlegg 1]']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from orgraph.aggregates import item_units, unlisted_units
from orgraph.chartfile import check_organisation, default_relation
from orgraph.errors import OrgraphError
from orgraph.model import Kind, Organisation, Relation

__all__ = ["TransformError", "act_for_cao", "add_unit", "attach", "merge_units",
           "move_unit", "remove_level", "remove_unit", "split_aggregate"]

#: Edges that leave with a removed post's subordinates and go to its superior.
_MOVING = ("line", "staff", "dotted", "delegation", "order", "service")


class TransformError(OrgraphError):
    """A transformation cannot be applied (unknown id, a cycle, ...); the message says why.

    Examples
    --------
    >>> import orgraph
    >>> move_unit(orgraph.load("examples/minimal.yaml"), "radmann", "skole")
    Traceback (most recent call last):
    orgraph.reorg.transform.TransformError: cannot move 'radmann' under 'skole': that would \
make the reporting cycle radmann → skole → radmann
    """


def _start(org: Organisation, *units: str) -> Organisation:
    for unit in units:
        if unit not in org:
            raise TransformError(f"no unit {unit!r} in {org.graph.get('name', 'the input')}; "
                                 "check the id (orgraph show FILE lists them)")
    new = org.copy()
    new.graph["steps"] = list(org.graph.get("steps") or [])
    return new


def _finish(new: Organisation, text: str, source: str | None) -> Organisation:
    problems = check_organisation(new, "<result>")
    if problems:
        raise TransformError(f"{text}: the result would not be a valid organisation: "
                             + "; ".join(p.message for p in problems))
    new.graph["steps"].append(f"{text} [{source}]" if source else text)
    return new


def _superior(org: Organisation, unit: str) -> tuple[str, str] | None:
    """(superior, relation): the line superior, else the only staff or dotted one."""
    sup = org.line_superior(unit)
    if sup is not None:
        return sup, "line"
    others = [(u, d["relation"]) for u, d in org.pred[unit].items()
              if d.get("relation") in ("staff", "dotted")]
    return others[0] if len(others) == 1 else None


def _line_reports(org: Organisation, unit: str) -> list[str]:
    return [s for s, d in org.succ[unit].items() if d.get("relation") in _MOVING]


def _remove(new: Organisation, unit: str) -> str:
    """Remove ``unit`` from ``new`` in place; its subordinates go to its superior."""
    moving = _line_reports(new, unit)
    up = _superior(new, unit)
    if moving and up is None:
        raise TransformError(f"cannot remove {unit!r}: it has {len(moving)} report(s) and no "
                             "superior to take them; move them first (--move ID:SUPERIOR)")
    sup = up[0] if up else None
    for sub in moving:
        data = dict(new.edges[unit, sub])
        if not new.has_edge(sup, sub):
            new.add_edge(sup, sub, **data)
        elif data.get("relation") == "line":  # a dotted line becomes the line
            new.edges[sup, sub].update(data)
    for node in moving:
        groups = new.nodes[node].get("groups")
        if groups:
            new.nodes[node]["groups"] = [{**g, "under": sup} if g.get("under") == unit else g
                                         for g in groups]
    new.remove_node(unit)
    n = len(moving)
    return f"{n} report{'s' if n != 1 else ''} moved to {sup}" if n else "no reports"


def remove_unit(org: Organisation, unit: str, *, source: str | None = None) -> Organisation:
    """Remove a post; its reports (line, staff, dotted) move to its superior.

    Its memberships (of a leader group, say) go with it.

    Raises
    ------
    TransformError
        No such unit, or it has reports and no superior to take them.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> remove_unit(org, "kommunestyre").graph["steps"]
    Traceback (most recent call last):
    ...
    orgraph.reorg.transform.TransformError: cannot remove 'kommunestyre': it has 3 report(s) \
and no superior to take them; move them first (--move ID:SUPERIOR)
    """
    new = _start(org, unit)
    return _finish(new, f"remove {unit}: {_remove(new, unit)}", source)


def remove_level(org: Organisation, *, role: str | None = None, level: int | None = None,
                 source: str | None = None) -> Organisation:
    """Remove a management level: every executive post of ``role``, or every manager at line
    ``level`` below the CAO (the CAO is level 1); their reports move up.

    Examples
    --------
    >>> import orgraph
    >>> flat = remove_level(orgraph.load("charts/rissa.yaml"), role="assistant_cao")
    >>> flat.graph["steps"]
    ['remove level role=assistant_cao: ass_radmann_ho, ass_radmann_oppvekst']
    >>> remove_level(flat, level=1)
    Traceback (most recent call last):
    ...
    orgraph.reorg.transform.TransformError: level must be 2 or more (the CAO is level 1)
    """
    if (role is None) == (level is None):
        raise TransformError("give a role or a level of posts to remove, not both")
    if role is not None:
        posts = [n for n, d in org.nodes(data=True) if d.get("role") == role]
        what = f"role={role}"
        known = sorted({str(d["role"]) for _, d in org.nodes(data=True) if d.get("role")})
        hint = f"; roles here: {', '.join(known) or 'none'}"
    else:
        posts, what, hint = _managers_at(org, int(level or 0)), f"level={level}", ""
    if not posts:
        raise TransformError(f"no post with {what} in {org.graph.get('name', 'the input')}"
                             + hint)
    new = _start(org)
    for post in posts:
        _remove(new, post)
    return _finish(new, f"remove level {what}: {', '.join(posts)}", source)


def _managers_at(org: Organisation, level: int) -> list[str]:
    if level < 2:
        raise TransformError("level must be 2 or more (the CAO is level 1)")
    caos = org.nodes_of("cao")
    if len(caos) != 1:
        raise TransformError(f"a level is counted from the CAO; this organisation has "
                             f"{len(caos)} nodes of kind cao")
    layers = list(nx.bfs_layers(org.reporting_graph(), caos))
    at = layers[level - 1] if level - 1 < len(layers) else []
    return [n for n in at if any(True for _ in org.line_subordinates(n))]


def merge_units(org: Organisation, units: Iterable[str], *, into: str | None = None,
                label: str | None = None, count: int | None = None,
                source: str | None = None) -> Organisation:
    """Merge units into one: ``into`` (one of them, or a new id; default the first).

    The merged unit keeps the place, kind and attributes of ``into`` when that is one of
    them, else of the first; every other edge of the others is moved to it. ``count`` makes
    it a counted box (``unit_group``) of that many units; merging counted boxes adds up
    their counts and items.

    Raises
    ------
    TransformError
        Fewer than two units, an unknown id, ``into`` names another existing unit, or one of
        the units is a line superior of another (merging a unit with its own superior).

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("charts/rissa.yaml")
    >>> merged = merge_units(org, ["kultur", "bibliotek", "kulturskole"], into="kultur",
    ...                      label="Kultur og bibliotek")
    >>> merged.nodes["kultur"]["label"], "bibliotek" in merged
    ('Kultur og bibliotek', False)
    >>> merge_units(org, ["radmann", "kultur"])
    Traceback (most recent call last):
    ...
    orgraph.reorg.transform.TransformError: cannot merge 'kultur' with its own superior \
'radmann'; move it first or merge units at one level
    """
    units = list(dict.fromkeys(units))
    if len(units) < 2:
        raise TransformError(f"merge needs two or more units, got {units}")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool)
                              or count < 1):
        raise TransformError(f"merge count must be a whole number, 1 or more, not {count!r}")
    new = _start(org, *units)
    line = org.reporting_graph()
    for unit in units:
        for other in units:
            if other != unit and nx.has_path(line, other, unit):
                raise TransformError(f"cannot merge {unit!r} with its own superior {other!r}; "
                                     "move it first or merge units at one level")
    if into is not None and into in org and into not in units:
        raise TransformError(f"merge into {into!r}: that id is taken by a unit not in the "
                             "merge; choose a new id or one of the merged units")
    keep = into if into in units else units[0]
    for other in units:
        if other != keep:
            _redirect(new, other, keep)
    _merge_data(org, units, new.nodes[keep], label, count)
    if into is not None and into != keep:
        nx.relabel_nodes(new, {keep: into}, copy=False)
        keep = into
    return _finish(new, f"merge {', '.join(units)} into {keep}", source)


def _merge_data(org: Organisation, units: list[str], data: dict[str, Any],
                label: str | None, count: int | None) -> None:
    """The merged unit's attributes: counted boxes add up their counts and items."""
    nodes = [org.nodes[u] for u in units]
    if all(d.get("kind") == "unit_group" for d in nodes):
        items = [i for d in nodes for i in d.get("items") or []]
        counts = {k: v for d in nodes for k, v in (d.get("item_counts") or {}).items()}
        data.update({"items": items} if items else {})
        data.update({"item_counts": counts} if counts else {})
        count = count if count is not None else sum(d.get("count", 1) for d in nodes)
    if label is not None:
        data["label"] = label
    if count is not None:
        data["kind"], data["count"] = "unit_group", count
        data.pop("citations", None)


def _redirect(new: Organisation, old: str, keep: str) -> None:
    """Move every edge of ``old`` to ``keep`` (but its line superior), then drop ``old``."""
    for sub, data in list(new.succ[old].items()):
        if sub != keep and not new.has_edge(keep, sub):
            new.add_edge(keep, sub, **data)
    for sup, data in list(new.pred[old].items()):
        if data.get("relation") != "line" and sup != keep and not new.has_edge(sup, keep):
            new.add_edge(sup, keep, **data)
    new.remove_node(old)


def split_aggregate(org: Organisation, unit: str, *, source: str | None = None
                    ) -> Organisation:
    """A counted box (``unit_group``) becomes one node per listed item, under its superior.

    An item that stands for several units (``item_counts``) becomes a counted box of its
    own; units the items do not account for stay in the original box (its count reduced);
    the box's memberships go to every new unit.

    Examples
    --------
    >>> import orgraph
    >>> split = split_aggregate(orgraph.load("charts/evenes.yaml"), "driftsenheter")
    >>> [(split.nodes[n]["kind"], split.nodes[n].get("count"))
    ...  for n in split.line_subordinates("radmann")]  # doctest: +NORMALIZE_WHITESPACE
    [('unit_group', 2), ('unit_group', 2), ('unit', None), ('unit', None), ('unit', None),
     ('unit', None)]
    """
    new = _start(org, unit)
    data = org.nodes[unit]
    if data.get("kind") != "unit_group" or not data.get("items"):
        raise TransformError(f"cannot split {unit!r}: only a unit_group with items can be "
                             "split into its listed units")
    if data.get("groups"):
        raise TransformError(f"cannot split {unit!r}: it is drawn in groups under several "
                             "managers, and the items do not say which group each is in")
    ins = [(u, d) for u, d in org.pred[unit].items()]
    made = []
    for i, (item, n) in enumerate(item_units(data), start=1):
        node = _fresh(new, f"{unit}_{i}")
        attrs = {"kind": "unit_group", "count": n} if n > 1 else {"kind": "unit"}
        new.add_node(node, label=item, source=data.get("source", ""), **attrs)
        for sup, d in ins:
            new.add_edge(sup, node, **d)
        made.append(node)
    rest = unlisted_units(data)
    if rest:
        box = new.nodes[unit]
        box["count"] = rest
        for key in ("items", "item_counts", "citations"):
            box.pop(key, None)
    elif any(True for _ in org.successors(unit)):
        raise TransformError(f"cannot split {unit!r}: units report to it; move them first")
    else:
        new.remove_node(unit)
    return _finish(new, f"split {unit} into {', '.join(made)}"
                   + (f" ({rest} unlisted left in {unit})" if rest else ""), source)


def _fresh(org: Organisation, base: str) -> str:
    node, i = base, 1
    while node in org:
        i += 1
        node = f"{base}_{i}"
    return node


def move_unit(org: Organisation, unit: str, superior: str, *, source: str | None = None
              ) -> Organisation:
    """Give ``unit`` a new superior (its line superior; a staff unit's staff superior).

    Raises
    ------
    TransformError
        An unknown id, or the move would make a reporting cycle (named in the message).

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("charts/rissa.yaml")
    >>> move_unit(org, "kultur", "ass_radmann_oppvekst").line_superior("kultur")
    'ass_radmann_oppvekst'
    >>> move_unit(org, "ass_radmann_ho", "re_helse_omsorg")
    Traceback (most recent call last):
    ...
    orgraph.reorg.transform.TransformError: cannot move 'ass_radmann_ho' under \
're_helse_omsorg': that would make the reporting cycle ass_radmann_ho → re_helse_omsorg → \
ass_radmann_ho
    """
    new = _start(org, unit, superior)
    line = org.reporting_graph()
    if unit == superior or nx.has_path(line, unit, superior):
        path = nx.shortest_path(line, unit, superior) if unit != superior else [unit]
        cycle = " → ".join([*path, unit])
        raise TransformError(f"cannot move {unit!r} under {superior!r}: that would make the "
                             f"reporting cycle {cycle}")
    up = _superior(org, unit)
    relation = up[1] if up else default_relation(org.nodes[superior]["kind"],
                                                 org.nodes[unit]["kind"]).value
    if up:
        new.remove_edge(up[0], unit)
    if new.has_edge(superior, unit):
        new.remove_edge(superior, unit)
    new.add_edge(superior, unit, relation=relation)
    was = up[0] if up else "no superior"
    return _finish(new, f"move {unit} from {was} to {superior}", source)


def act_for_cao(org: Organisation, units: Iterable[str], *, source: str | None = None
                ) -> Organisation:
    """Executive posts act on the CAO's behalf instead of as line managers
    (``acts_for_cao``): the CAO level then counts as one management level.

    Raises
    ------
    TransformError
        A unit that is not an executive post, or does not report to the CAO.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph import metrics
    >>> sveio = orgraph.load("charts/sveio.yaml")
    >>> chiefs = [n for n in sveio if sveio.nodes[n].get("role") == "sector_chief"]
    >>> metrics.management_levels(sveio), metrics.management_levels(act_for_cao(sveio, chiefs))
    (2.5, 2)
    """
    units = list(units)
    new = _start(org, *units)
    for unit in units:
        if org.nodes[unit].get("kind") != Kind.EXECUTIVE.value:
            raise TransformError(f"only an executive post can act on the CAO's behalf; "
                                 f"{unit!r} is a {org.nodes[unit].get('kind')}")
        sup = org.line_superior(unit)
        if sup is None or org.nodes[sup].get("kind") != Kind.CAO.value:
            raise TransformError(f"{unit!r} reports to {sup!r}, not to the CAO; move it to "
                                 "the CAO first")
        new.nodes[unit]["acts_for_cao"] = True
    return _finish(new, f"act for the CAO: {', '.join(units)}", source)


def add_unit(org: Organisation, unit: str, *, kind: str, superior: str | None,
             label: str | None = None, relation: str | None = None,
             source: str | None = None, **attrs: Any) -> Organisation:
    """Add a unit under ``superior`` (the relation defaults as in a chart file's nesting).

    Examples
    --------
    >>> import orgraph
    >>> org = add_unit(orgraph.load("charts/rissa.yaml"), "ikt", kind="staff",
    ...                superior="radmann", label="IKT")
    >>> org.relation("radmann", "ikt").value, org.graph["steps"]
    ('staff', ['add ikt (staff) under radmann'])
    """
    if unit in org:
        raise TransformError(f"cannot add {unit!r}: that id is taken; choose another")
    try:
        kind = Kind(kind).value
        rel = Relation(relation).value if relation else None
    except ValueError as exc:
        raise TransformError(f"cannot add {unit!r}: {exc}") from None
    new = _start(org, *([superior] if superior else []))
    new.add_node(unit, kind=kind, label=label or unit, **attrs)
    if kind == Kind.EXECUTIVE.value:  # the defaults a chart file gives
        new.nodes[unit].setdefault("acts_for_cao", attrs.get("role") != "sector_chief")
    if kind == Kind.STAFF.value:
        new.nodes[unit].setdefault("instructs", False)
    if superior:
        rel = rel or default_relation(new.nodes[superior]["kind"], kind).value
        new.add_edge(superior, unit, relation=rel)
    where = f" under {superior}" if superior else ""
    return _finish(new, f"add {unit} ({kind}){where}", source)


def attach(org: Organisation, unit: str, to: str, relation: str = "member", *,
           source: str | None = None) -> Organisation:
    """Add a relation that is not a reporting line: ``to → unit`` (``member`` of a leader
    group, a ``dotted`` superior, a ``staff`` attachment, ...).

    Examples
    --------
    >>> import orgraph
    >>> org = attach(orgraph.load("charts/rissa.yaml"), "kultur", "ledergruppe")
    >>> org.relation("ledergruppe", "kultur").value
    'member'
    """
    new = _start(org, unit, to)
    if relation == "line" or relation not in {r.value for r in Relation}:
        raise TransformError(f"attach {unit!r}: relation {relation!r} is not one of dotted, "
                             "staff, delegation, member, order, service (a new line superior "
                             "is a move)")
    if new.has_edge(to, unit):
        raise TransformError(f"attach {unit!r}: it already has a "
                             f"{new.edges[to, unit]['relation']} relation from {to!r}")
    new.add_edge(to, unit, relation=relation)
    return _finish(new, f"attach {unit} to {to} ({relation})", source)
