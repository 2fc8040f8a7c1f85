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
import numpy as np

from orgraph.errors import MetricsError
from orgraph.metrics._structure import Structure, structure
from orgraph.metrics.report import _performance_mask

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
    if root not in st.index:
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
    if not (dotted and st.rel_mask("dotted").any()):
        # the line is a tree: its breadth-first levels come from the arrays
        nodes = st.nodes
        layer: dict[Hashable, int] = {}
        for depth_, level in enumerate(st.line_levels(st.index[start])):
            layer.update(dict.fromkeys(map(nodes.__getitem__, level.tolist()), depth_))
        return layer
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
    st = structure(org)
    if not (dotted and st.rel_mask("dotted").any()):
        if layering not in LAYERINGS:
            raise MetricsError(f"unknown layering '{layering}'; use one of: "
                               f"{', '.join(LAYERINGS)}")
        st.require_line_tree()
        return len(st.line_levels(st.index[_root(st, root)])) - 1
    return max(_cached_layers(st, root, dotted, layering).values())


def _cao_reach(st: Structure) -> np.ndarray:
    """Boolean array: the nodes in the CAO's line (the CAO included)."""
    def compute() -> np.ndarray:
        st.require_line_tree()
        mask = np.zeros(st.n, dtype=bool)
        for level in st.line_levels(st.index[st.cao()]):
            mask[level] = True
        return mask
    return st.cached("cao_reach", compute)


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


def _unit_halves(st: Structure) -> tuple[np.ndarray, np.ndarray]:
    """Node indices of the performance units under the CAO (graph order) and the half
    levels line managers add above each (see :func:`unit_levels`), level by level on the
    line tree: a node is on the CAO's level when its superior is and it acts for the CAO;
    below that level every superior adds 2 halves, 1 when it is in the leader group."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        st.require_line_tree()
        cao = st.index[st.cao()]
        acts = np.zeros(st.n, dtype=bool)
        for i in st.indices_of("executive").tolist():
            acts[i] = st.acts_for_cao(st.nodes[i])
        add = np.full(st.n, 2, dtype=np.int64)
        for member in _leader_members(st):
            add[st.index[member]] = 1
        top = np.zeros(st.n, dtype=bool)
        halves = np.zeros(st.n, dtype=np.int64)
        reach = np.zeros(st.n, dtype=bool)
        top[cao] = reach[cao] = True
        parent = np.zeros(st.n, dtype=np.int64)
        parent[st.line_head] = st.line_tail  # a tree: one line superior each
        for level in st.line_levels(cao)[1:]:
            up = parent[level]
            reach[level] = True
            top[level] = top[up] & acts[level]
            halves[level] = halves[up] + np.where(top[up], 0, add[up])
        leaves = _performance_mask(st) & (st.line_deg == 0) & reach
        leaves[cao] = False
        found = np.flatnonzero(leaves)
        st.memo["cao_level"] = top
        return found, halves[found]
    return st.cached("unit_halves", compute)


def _level(halves: int) -> int | float:
    level = 2 + halves / 2
    return int(level) if level.is_integer() else level


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
    found, halves = _unit_halves(st)
    nodes = st.nodes
    return {nodes[i]: _level(h) for i, h in zip(found.tolist(), halves.tolist(), strict=True)}


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
    halves = _unit_halves(st)[1]
    if not len(halves):
        raise MetricsError(f"{st.name}: no performance unit reports to the CAO along line "
                           f"edges; management levels are undefined")
    return _level(int(halves.min())), _level(int(halves.max()))


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
    units = _performance_mask(st)
    if not st.nodes_of("cao"):
        return int(st.weights[units].sum())
    return int(st.weights[units & ~_cao_reach(st)].sum())


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
    data = st.data
    units = np.flatnonzero(_performance_mask(st)).tolist()
    if not units or any(data[i].get("headcount") is None for i in units):
        return None
    total = sum(d.get("headcount") or 0 for d in data)
    if total <= 0:
        return None
    return management_levels(st) / total
