"""Depth, layers and management levels: raw graph depth and levels in the report's sense.

Two different numbers answer "how many levels?":

* **raw depth** counts reporting edges from a root (the CAO or the council) down to the
  deepest node; every executive post, staff unit on a line edge or department adds one;
* **management levels** (ledelsesnivåer) follow the report's own counting rule, written
  down in :func:`management_levels`: an executive team acting on the CAO's behalf is one
  level with the CAO, a line manager between the CAO and the units adds one, and units that
  reach the CAO both directly and through a line manager make a half level (2.5).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable

import networkx as nx

from orgraph.errors import MetricsError
from orgraph.metrics._structure import Structure, structure
from orgraph.metrics.report import _performance_nodes

__all__ = [
    "LAYERINGS",
    "depth",
    "depth_from_cao",
    "depth_from_council",
    "layers",
    "management_levels",
    "management_levels_range",
    "mintzberg_ratio",
    "unit_levels",
    "units_outside_cao",
]

#: How a node with a line and a dotted superior at different depths is layered.
LAYERINGS = ("shortest", "longest")


def _root(st: Structure, root: Hashable | None) -> Hashable:
    if root is None:
        return st.cao()
    if root not in st.kind:
        raise MetricsError(f"{st.name}: the node '{root}' is not in the organisation")
    return root


def layers(org: nx.DiGraph | Structure, root: Hashable | None = None, *,
           dotted: bool = False, layering: str = "shortest") -> dict[Hashable, int]:
    """The layer of every node below ``root`` along reporting edges (``root`` is layer 0).

    Parameters
    ----------
    org : Organisation
    root : node, optional
        Where to start; the CAO by default.
    dotted : bool, default False
        Also follow dotted-line (matrix) edges. Without them the line is a tree and every
        node has exactly one layer.
    layering : {"shortest", "longest"}, default "shortest"
        With ``dotted=True`` a node may hang at two depths (a line superior at layer 2 and a
        dotted superior at layer 4). ``"shortest"`` puts it at the smaller depth (the
        breadth-first layer, as :func:`networkx.bfs_layers`); ``"longest"`` at the larger
        (the longest reporting path, as in a layered drawing). Ignored when ``dotted`` is
        False.

    Returns
    -------
    dict
        Node → layer, for the nodes reachable from ``root``; nodes outside its hierarchy
        (another root of a forest) are absent.

    Raises
    ------
    MetricsError
        No CAO (and no ``root``); a node with two line superiors; a reporting cycle; with
        ``layering="longest"``, a cycle through dotted edges.

    Examples
    --------
    >>> from orgraph import Organisation
    >>> org = Organisation()
    >>> for n, k in [("r", "cao"), ("s", "executive"), ("a", "unit"), ("b", "unit")]:
    ...     org.add_unit(n, kind=k)
    >>> org.add_relation("r", "s"); org.add_relation("s", "a"); org.add_relation("r", "b")
    >>> org.add_relation("a", "b", "dotted")
    >>> layers(org)
    {'r': 0, 's': 1, 'b': 1, 'a': 2}
    >>> layers(org, dotted=True, layering="longest")["b"]
    3
    """
    if layering not in LAYERINGS:
        raise MetricsError(f"unknown layering '{layering}'; use one of: {', '.join(LAYERINGS)}")
    return dict(_cached_layers(structure(org), root, dotted, layering))


def _cached_layers(st: Structure, root: Hashable | None = None, dotted: bool = False,
                   layering: str = "shortest") -> dict[Hashable, int]:
    """:func:`layers` without the copy (callers must not change the result)."""
    if layering not in LAYERINGS:
        raise MetricsError(f"unknown layering '{layering}'; use one of: {', '.join(LAYERINGS)}")
    return st.cached(("layers", root, dotted, layering),
                     lambda: _layers(st, root, dotted, layering))


def _layers(st: Structure, root: Hashable | None, dotted: bool,
            layering: str) -> dict[Hashable, int]:
    st.require_line_tree()
    start = _root(st, root)
    succ: dict[Hashable, list[Hashable]] = st.children
    if dotted and st.dotted:
        succ = {u: list(vs) for u, vs in st.children.items()}
        for u, v in st.dotted:
            succ.setdefault(u, []).append(v)
    if layering == "shortest" or not (dotted and st.dotted):
        layer = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            nxt = layer[node] + 1
            for child in succ.get(node, ()):
                if child not in layer:
                    layer[child] = nxt
                    queue.append(child)
        return layer
    return _longest_layers(st, start, succ)


def _longest_layers(st: Structure, start: Hashable,
                    succ: dict[Hashable, list[Hashable]]) -> dict[Hashable, int]:
    reach = {start}
    stack = [start]
    while stack:
        for child in succ.get(stack.pop(), ()):
            if child not in reach:
                reach.add(child)
                stack.append(child)
    indeg = dict.fromkeys(reach, 0)
    for node in reach:
        for child in succ.get(node, ()):
            indeg[child] += 1
    layer = dict.fromkeys(reach, 0)
    ready = [start]
    done = 0
    while ready:
        node = ready.pop()
        done += 1
        for child in succ.get(node, ()):
            layer[child] = max(layer[child], layer[node] + 1)
            indeg[child] -= 1
            if indeg[child] == 0:
                ready.append(child)
    if done != len(reach):
        stuck = sorted((str(n) for n, d in indeg.items() if d > 0))[:5]
        raise MetricsError(f"{st.name}: line and dotted edges form a cycle (through "
                           f"{', '.join(stuck)}); longest-path layering is undefined: use "
                           f"layering='shortest' or remove the dotted edge that closes it")
    return layer


def depth(org: nx.DiGraph | Structure, root: Hashable | None = None, *,
          dotted: bool = False, layering: str = "shortest") -> int:
    """Raw hierarchy depth: the largest layer below ``root`` (see :func:`layers`).

    A lone root has depth 0; a CAO with units directly below it has depth 1.

    References
    ----------
    Mintzberg, H. (1979), *The Structuring of Organizations*: the number of levels in the
    line of authority; NIBR-rapport 2002:21, chapter 1.4.1.

    Examples
    --------
    >>> import orgraph
    >>> depth(orgraph.load("examples/minimal.yaml"))
    1
    """
    return max(_cached_layers(structure(org), root, dotted, layering).values())


def depth_from_cao(org: nx.DiGraph | Structure) -> int:
    """Raw depth below the CAO along line edges.

    Examples
    --------
    >>> import orgraph
    >>> depth_from_cao(orgraph.load("examples/minimal.yaml"))
    1
    """
    return depth(org)


def depth_from_council(org: nx.DiGraph | Structure) -> int:
    """Raw depth below the municipal council along line edges (council → CAO is a line edge).

    Examples
    --------
    >>> import orgraph
    >>> depth_from_council(orgraph.load("examples/minimal.yaml"))
    2
    """
    st = structure(org)
    return depth(st, st.council())


def _leader_members(st: Structure) -> set[Hashable]:
    groups = st.nodes_of("leader_group")
    if len(groups) != 1:
        return set()
    return {m for m, d in st.org.succ[groups[0]].items() if d.get("relation") == "member"}


def unit_levels(org: nx.DiGraph | Structure) -> dict[Hashable, int | float]:
    """Management levels (report's sense) at which each performance unit under the CAO sits.

    The rule, applied to the line path CAO → ... → unit:

    1. the CAO and the executive posts with ``acts_for_cao`` that hang from the CAO through
       such posts only form **one** level (the rådmannsnivå);
    2. every other node on the path between that level and the unit (an executive post with
       ``acts_for_cao: false`` such as a sector chief, a department, a unit with units below
       it) is a line manager and adds **one** level, or **half** a level when it is also a
       member of the CAO's leader group (it sits both on the CAO level and in the line, as
       Sveio's sector chiefs in the "strategisk ledelse" do);
    3. the unit is the last level.

    So a unit directly under the CAO, or under a kommunalsjef acting for the CAO, is at
    level 2; under a sector chief in the leader group at 2.5; under a sector chief outside it
    at 3. Dotted-line superiors do not change a unit's level.

    Performance units are nodes of kind ``unit`` / ``unit_group`` and departments that have
    no line subordinates (see :func:`~orgraph.metrics.performance_units`); units outside the
    CAO's line are not counted (see :func:`units_outside_cao`).

    Raises
    ------
    MetricsError
        No CAO; two line superiors; a reporting cycle.

    Examples
    --------
    >>> import orgraph
    >>> unit_levels(orgraph.load("examples/minimal.yaml"))
    {'skole': 2, 'barnehager': 2}
    """
    st = structure(org)
    return dict(st.cached("unit_levels", lambda: _unit_levels(st)))


def _unit_levels(st: Structure) -> dict[Hashable, int | float]:
    st.require_line_tree()
    cao = st.cao()
    leaves = {n for n in _performance_nodes(st) if n not in st.children}
    in_group = _leader_members(st)
    result: dict[Hashable, int | float] = {}
    # (node, in the CAO's level, half-levels added by line managers above it)
    stack: list[tuple[Hashable, bool, int]] = [(cao, True, 0)]
    while stack:
        node, top, halves = stack.pop()
        if node in leaves and node != cao:
            level = 2 + halves / 2
            result[node] = int(level) if level.is_integer() else level
        below = halves if top else halves + (1 if node in in_group else 2)
        for child in st.children.get(node, ()):
            stack.append((child, top and st.acts_for_cao(child), below))
    order = {n: i for i, n in enumerate(st.kind)}
    return dict(sorted(result.items(), key=lambda item: order[item[0]]))


def management_levels_range(org: nx.DiGraph | Structure) -> tuple[int | float, int | float]:
    """The smallest and largest :func:`unit_levels` over the units under the CAO.

    Raises
    ------
    MetricsError
        As :func:`unit_levels`, and when no performance unit reports to the CAO.

    Examples
    --------
    >>> import orgraph
    >>> management_levels_range(orgraph.load("examples/minimal.yaml"))
    (2, 2)
    """
    st = structure(org)
    levels = unit_levels(st).values()
    if not levels:
        raise MetricsError(f"{st.name}: no performance unit reports to the CAO along line "
                           f"edges; management levels are undefined")
    return min(levels), max(levels)


def management_levels(org: nx.DiGraph | Structure) -> int | float:
    """Management levels (administrative ledelsesnivåer) in the report's sense.

    Definition: with ``lo, hi = management_levels_range(org)`` (the level of each unit is
    given by the rule of :func:`unit_levels`), the result is ``hi`` when every unit sits at
    the same level; when they differ it is halfway between, rounded up to a half level: units
    reaching the CAO both directly (2) and through a line manager (3) give 2.5, the report's
    "mellomvariant". So the two-level model (units under the CAO, or under kommunalsjefer
    acting for the CAO) gives 2; sector chiefs in the CAO's leader group give 2.5.

    References
    ----------
    NIBR-rapport 2002:21, chapter 1.4.1: "modeller med 2, 2,5 og 3 administrative
    ledelsesnivåer", the 2.5 model combining units reporting directly to the CAO and through
    an intermediate leader; Vedlegg 1: Lier went "from 4/5 levels to 2" with units followed
    up by kommunalsjefer; Sveio's sector chiefs, in the strategic leadership and in the line,
    make a 2.5-level model.

    Examples
    --------
    >>> from orgraph import Organisation
    >>> org = Organisation()
    >>> for n, k in [("r", "cao"), ("a", "unit"), ("b", "unit")]:
    ...     org.add_unit(n, kind=k)
    >>> org.add_unit("s", kind="executive", role="sector_chief", acts_for_cao=False)
    >>> org.add_relation("r", "a"); org.add_relation("r", "s"); org.add_relation("s", "b")
    >>> management_levels(org)  # a at 2, b at 3
    2.5
    """
    lo, hi = management_levels_range(org)
    if lo == hi:
        return hi
    level = math.ceil(lo + hi) / 2
    return int(level) if float(level).is_integer() else level


def units_outside_cao(org: nx.DiGraph | Structure) -> int:
    """Performance units (aggregates as their count) not in the CAO's line of reporting.

    Zero for a well-formed organisation; more for a forest whose other roots hold units, or
    for units drawn without a superior. An organisation without a CAO returns all its units.

    Examples
    --------
    >>> import orgraph
    >>> units_outside_cao(orgraph.load("examples/minimal.yaml"))
    0
    """
    st = structure(org)
    units = _performance_nodes(st)
    if not st.nodes_of("cao"):
        return sum(st.weight(n) for n in units)
    reach = _cached_layers(st)
    return sum(st.weight(n) for n in units if n not in reach)


def mintzberg_ratio(org: nx.DiGraph | Structure) -> float | None:
    """Mintzberg's flatness ratio: management levels per employee; ``None`` without head counts.

    Definition: :func:`management_levels` divided by the total ``headcount`` summed over all
    nodes. It is computed only when every performance unit (see
    :func:`~orgraph.metrics.performance_units`) carries a ``headcount``; otherwise the
    number of employees is unknown and the result is ``None`` (never an estimate).

    References
    ----------
    Mintzberg, H. (1979), *The Structuring of Organizations*; NIBR-rapport 2002:21,
    chapter 1.4.1.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> mintzberg_ratio(org) is None  # the kindergartens have no headcount
    True
    >>> org.nodes["barnehager"]["headcount"] = 60
    >>> mintzberg_ratio(org)  # 2 levels / (40 + 60) employees
    0.02
    """
    st = structure(org)
    nodes = st.org.nodes
    units = _performance_nodes(st)
    if not units or any(nodes[n].get("headcount") is None for n in units):
        return None
    total = sum(d.get("headcount") or 0 for _, d in nodes.items())
    if total <= 0:
        return None
    return management_levels(st) / total
