"""Cutting an organisation into pages: each page one manager's subtree, readable on paper.

:func:`plan_pages` is a pure function of the organisation and a ``measure`` callable that
tells how big a drawing is: ``measure(root, cut) -> (width_pt, height_pt)`` at natural size
(text at its own size), for the part below ``root`` with the nodes in ``cut`` drawn as
counted boxes. Swapping the measure (a real layout, a fast estimate) changes nothing else.

A page fits when its drawing, scaled down to the page's chart area, keeps its smallest text
(``text_pt`` at natural size) at ``min_text`` points or more: the drawing may be
``text_pt / min_text`` times the area. Each page is filled top-down:

1. draw the page root's subtree whole if it fits; else down to the deepest level ``d`` at
   which it fits, cutting every manager on level ``d``;
2. then open the cut managers one by one, smallest subtree first, while the page still
   fits, so small teams join their manager's page instead of taking a page of their own;
3. every manager still cut starts a page of its own, filled the same way.

When even the root with its direct reports alone does not fit (a manager with very many
staff, say), the page is kept with them cut and the plan notes it.

Examples
--------
>>> from orgraph.generate import generate_company
>>> org = generate_company(40, seed=1)
>>> def measure(root, cut):  # a toy measure: 100 x 40 pt per drawn box, side by side
...     from orgraph.render.select import kinds_of, select
...     nodes, _ = select(org, kinds_of(org), root, None, frozenset(), cut)
...     return 100.0 * len(nodes), 40.0
>>> plans, notes = plan_pages(org, measure, (1200.0, 500.0), min_text=12.0)
>>> [(p.root, len(p.cut)) for p in plans][:2]
[('p1', 5), ('p3', 0)]
>>> all(measure(p.root, p.cut)[0] <= 1200 for p in plans), notes
(True, [])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TypeVar

from orgraph.errors import RenderError
from orgraph.model import Organisation
from orgraph.render.hidden import people_of
from orgraph.render.select import LEVEL_RELATIONS, TREE_RELATIONS

_Number = TypeVar("_Number", int, float)

__all__ = ["Measure", "PagePlan", "Tree", "plan_pages", "tops_of"]

#: ``measure(root, cut) -> (width_pt, height_pt)``; ``root=None`` draws from every top.
Measure = Callable[[str | None, frozenset[str]], tuple[float, float]]


@dataclass(frozen=True)
class PagePlan:
    """One planned page: the subtree below ``root`` down to the managers in ``cut``.

    Attributes
    ----------
    root : str
        The page's manager (for the first page of a forest, its biggest top).
    cut : frozenset of str
        Managers drawn on this page as counted boxes; each starts a page of its own.
    parent : int or None
        Index in the plan of the page this one is cut from (``None`` for the first).
    whole : bool
        Draw from every top of the organisation (the first page when it has several).
    fits : bool
        The page keeps its text at ``min_text`` or more.

    Examples
    --------
    >>> plan = PagePlan("radmann", frozenset({"skole"}), parent=0)
    >>> plan.whole, plan.fits, "skole" in plan.cut
    (False, True, True)
    """

    root: str
    cut: frozenset[str]
    parent: int | None
    whole: bool = False
    fits: bool = True


def tops_of(org: Organisation) -> list[str]:
    """The nodes no tree edge hangs (line, staff, delegation), in the organisation's order.

    Examples
    --------
    >>> from orgraph import load
    >>> tops_of(load("examples/minimal.yaml"))
    ['kommunestyre', 'ledergruppe']
    """
    hung = {v for _, v, rel in org.edges(data="relation") if rel in TREE_RELATIONS}
    return [n for n in org.nodes if n not in hung]


class Tree:
    """Children along tree edges (line, staff, delegation), subtree sizes, and the nodes a
    page draws, in time proportional to the page (not to the organisation).

    Examples
    --------
    >>> from orgraph import load
    >>> tree = Tree(load("examples/minimal.yaml"))
    >>> tree.size["radmann"], tree.units_below["radmann"]
    (6, 7)
    >>> tree.drawn(["radmann"], {"kommunalsjef"})
    ['radmann', 'okonomi', 'personal', 'kommunalsjef', 'skole', 'barnehager']
    """

    def __init__(self, org: Organisation) -> None:
        self.order = {n: i for i, n in enumerate(org.nodes)}
        self.children: dict[str, list[str]] = {n: [] for n in org.nodes}
        self.level_children: dict[str, list[str]] = {n: [] for n in org.nodes}
        for u, v, rel in org.edges(data="relation"):
            if rel in TREE_RELATIONS:
                self.children[u].append(v)
            if rel in LEVEL_RELATIONS:
                self.level_children[u].append(v)
        self.size: dict[str, int] = {}
        for node in org.nodes:
            self._size(node)
        count = {n: int(org.nodes[n].get("count") or 1) for n in org.nodes}
        #: node -> units (aggregates by their count) below it, itself not included
        self.units_below = self._sums_below(count)
        self._people: dict[str, tuple[float, bool] | None] | None = None

    def people_below(self, org: Organisation) -> dict[str, tuple[float, bool] | None]:
        """Node -> (people, whether FTE) below it, itself not included: the sum of every
        node's FTE, else head count (:func:`~orgraph.render.hidden.people_of`); ``None``
        where nothing is below or some node below has neither. Computed once, on first use.

        Examples
        --------
        >>> from orgraph.generate import generate_company
        >>> org = generate_company(40, seed=1)
        >>> del org.nodes["p1"]["headcount"]  # its own head count is not below it
        >>> below = Tree(org).people_below(org)
        >>> below["p1"], below["p2"] is None or below["p2"][0] < 39
        ((39.0, False), True)
        """
        if self._people is None:
            value = {n: people_of(d) for n, d in org.nodes(data=True)}
            people = self._sums_below({n: math.nan if v is None else v
                                       for n, v in value.items()})
            fte = self._sums_below({n: int("fte" in d) for n, d in org.nodes(data=True)})
            self._people = {n: None if not self.children[n] or math.isnan(people[n])
                            else (people[n], fte[n] > 0) for n in self.children}
        return self._people

    def _sums_below(self, value: dict[str, _Number]) -> dict[str, _Number]:
        """Per node, the sum of ``value`` over the nodes below it: one post-order pass for a
        forest (time linear in the organisation, however deep), a walk per node where a
        node hangs on two superiors."""
        parents: dict[str, int] = {}
        for children in self.children.values():
            for child in children:
                parents[child] = parents.get(child, 0) + 1
        if any(n > 1 for n in parents.values()) or any(
                node in children for node, children in self.children.items()):
            return {n: self._below(n, value) for n in self.children}
        total: dict[str, _Number] = {}
        below: dict[str, _Number] = {}
        for top in (n for n in self.children if n not in parents):
            stack, order = [top], []
            while stack:
                node = stack.pop()
                order.append(node)
                stack.extend(self.children[node])
            for node in reversed(order):
                below[node] = sum(total[c] for c in self.children[node])
                total[node] = value[node] + below[node]
        for node in self.children:  # on a cycle, which no top reaches: walk it
            if node not in below:
                below[node] = self._below(node, value)
        return below

    def _below(self, start: str, value: dict[str, _Number]) -> _Number:
        total, stack, seen = 0, [start], {start}
        while stack:
            node = stack.pop()
            for child in self.children[node]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
                    total += value[child]
        return total

    def drawn(self, starts: Iterable[str], cut: Collection[str]) -> list[str]:
        """Nodes below ``starts`` not below a node in ``cut``, in the organisation's order."""
        out, stack = set(starts), list(starts)
        while stack:
            node = stack.pop()
            if node in cut:
                continue
            for child in self.children[node]:
                if child not in out:
                    out.add(child)
                    stack.append(child)
        return sorted(out, key=self.order.__getitem__)

    def _size(self, start: str) -> int:
        if start in self.size:
            return self.size[start]
        stack, order, seen = [start], [], {start}
        while stack:  # iterative post-order: long chains do not overflow the stack
            node = stack.pop()
            order.append(node)
            for child in self.children[node]:
                if child not in seen and child not in self.size:
                    seen.add(child)
                    stack.append(child)
        for node in reversed(order):
            self.size[node] = 1 + sum(self.size.get(c, 0) for c in self.children[node]
                                      if c != node)
        return self.size[start]

    def is_manager(self, node: str) -> bool:
        return bool(self.children[node])

    def levels(self, starts: Iterable[str]) -> list[list[str]]:
        """Managers level by level below ``starts`` (staff share their manager's level + 1)."""
        out: list[list[str]] = []
        frontier, seen = list(starts), set(starts)
        while frontier:
            nxt = [c for u in frontier for c in self.children[u] if c not in seen]
            seen.update(nxt)
            managers = [c for c in nxt if self.is_manager(c)]
            if managers:
                out.append(managers)
            frontier = nxt
        return out

    def managers_below(self, node: str) -> list[str]:
        return [c for c in self.children[node] if self.is_manager(c)]


def plan_pages(org: Organisation, measure: Measure, area: tuple[float, float], *,
               min_text: float = 8.0, text_pt: float = 12.0, tree: Tree | None = None,
               max_boxes: int | None = None) -> tuple[list[PagePlan], list[str]]:
    """Cut the organisation into pages (see the module notes).

    Parameters
    ----------
    org : Organisation
    measure : callable
        ``measure(root, cut) -> (width_pt, height_pt)`` of a page's drawing at natural size.
    area : (float, float)
        Width and height in points of a page's chart area.
    min_text : float
        Smallest text size, in points, allowed on paper.
    text_pt : float
        Smallest text size in the drawing at natural size.
    tree : Tree, optional
        ``Tree(org)``, when the caller has one already.
    max_boxes : int, optional
        Most boxes a page can hold at all: a drawing of more is taken not to fit without
        measuring it (measuring a big subtree costs a big layout).

    Returns
    -------
    plans : list of PagePlan
        Pages top-down in outline order: each page is followed by the pages cut from it,
        in the organisation's order, each with its own pages first (depth first).
    notes : list of str
        Pages that could not keep their text at ``min_text``.

    Raises
    ------
    RenderError
        An empty organisation, or sizes that are not positive.

    Examples
    --------
    A page is too wide unless the CAO's subtree is cut to a page of its own:

    >>> from orgraph import load
    >>> def measure(root, cut):
    ...     small = root == "radmann" or "radmann" in cut
    ...     return (300.0, 300.0) if small else (1000.0, 300.0)
    >>> plans, notes = plan_pages(load("examples/minimal.yaml"), measure, (800.0, 500.0),
    ...                           text_pt=8.0)
    >>> [(p.root, sorted(p.cut), p.parent) for p in plans], notes
    ([('kommunestyre', ['radmann'], None), ('radmann', [], 0)], [])
    """
    if not org.number_of_nodes():
        raise RenderError("the organisation has no units: nothing to draw")
    if min(area) <= 0 or min_text <= 0 or text_pt <= 0:
        raise RenderError("page area, --min-text and text size must be positive")
    factor = text_pt / min_text
    limit = (area[0] * factor, area[1] * factor)
    tree = tree or Tree(org)
    tops = tops_of(org) or [next(iter(org.nodes))]
    first = max(tops, key=lambda t: tree.size[t])  # the biggest top names the first page

    def fits(root: str | None, cut: frozenset[str]) -> bool:
        if max_boxes is not None and _more_than(tree, root, tops, cut, max_boxes):
            return False
        width, height = measure(root, cut)
        return width <= limit[0] and height <= limit[1]

    plans: list[PagePlan] = []
    notes: list[str] = []
    stack: list[tuple[str, int | None]] = [(first, None)]
    while stack:  # depth first: a subtree's pages follow each other, as in an outline
        root, parent = stack.pop()
        whole = parent is None and len(tops) > 1
        starts = tops if whole else [root]
        cut, ok = _fill(tree, starts, None if whole else root, fits)
        if not ok:
            notes.append(f"page {len(plans) + 1} ({org.label(root).splitlines()[0]}): even "
                         f"with every report cut it is too big for {min_text:g} pt text; "
                         "its text is smaller (use a bigger --page)")
        plans.append(PagePlan(root, cut, parent, whole, ok))
        index = len(plans) - 1
        stack.extend(reversed([(c, index) for c in org.nodes if c in cut]))
    return plans, notes


def _fill(tree: Tree, starts: list[str], root: str | None,
          fits: Callable[[str | None, frozenset[str]], bool]) -> tuple[frozenset[str], bool]:
    """The cut of one page: the deepest level that fits, then opened one by one."""
    levels = tree.levels(starts)
    if fits(root, frozenset()):
        return frozenset(), True
    # deepest level d at which cutting every manager on it still fits (binary search)
    cuts = [frozenset(level) for level in levels]
    lo, hi = 0, len(cuts) - 1  # cuts[hi + 1] would be "no cut", which failed
    if not cuts or not fits(root, cuts[0]):  # nothing to cut, or too big even so
        return (cuts[0] if cuts else frozenset()), False
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(root, cuts[mid]):
            lo = mid
        else:
            hi = mid - 1
    cut = set(cuts[lo])
    tried: set[str] = set()
    while True:  # open cut managers, smallest subtree first, while the page still fits
        candidates = sorted((c for c in cut if c not in tried),
                            key=lambda c: (tree.size[c], tree.order[c]))
        if not candidates:
            return frozenset(cut), True
        node = candidates[0]
        tried.add(node)
        opened = (cut - {node}) | set(tree.managers_below(node))
        if fits(root, frozenset(opened)):
            cut = opened


def _more_than(tree: Tree, root: str | None, tops: list[str], cut: frozenset[str],
               limit: int) -> bool:
    """Whether the page draws more than ``limit`` nodes (stops counting past it)."""
    stack = list(tops) if root is None else [root]
    seen = set(stack)
    while stack:
        node = stack.pop()
        if node in cut:
            continue
        for child in tree.children[node]:
            if child not in seen:
                seen.add(child)
                if len(seen) > limit:
                    return True
                stack.append(child)
    return len(seen) > limit
