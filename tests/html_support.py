"""Test helpers for the HTML chart: a generated company and a chart book cut from real renders.

Used by ``tests/test_html*.py`` until ``orgraph.generate`` and ``orgraph.book.build_book``
are on main; both are small and deterministic (same ``n`` and ``seed``, same organisation).
"""

from __future__ import annotations

import random
from collections import deque

import orgraph
from orgraph import Organisation
from orgraph.book import Book, Page

FIRST = ("Kari", "Ola", "Ingrid", "Per", "Sigrid", "Nils", "Astrid", "Lars", "Marit", "Jon",
         "Liv", "Knut", "Eva", "Arne", "Hilde", "Tor", "Berit", "Erik", "Randi", "Geir")
LAST = ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
        "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Dahl", "Lie")


def company(n: int, seed: int = 1) -> Organisation:
    """A company of ``n`` people: a CEO, directors, managers with 3-9 reports each, a few
    staff units beside managers. Labels are names, ``title``, ``fte`` and ``headcount`` set.

    >>> org = company(50)
    >>> org.number_of_nodes(), org.kind("p0").value
    (50, 'cao')
    """
    rng = random.Random(seed)
    org = Organisation(name=f"Testfirma {n}")
    parent: dict[str, str] = {}
    order = ["p0"]
    frontier = ["p0"]
    i = 1
    while i < n:
        nxt = []
        for boss in frontier:
            for _ in range(rng.randint(3, 9)):
                if i >= n:
                    break
                node = f"p{i}"
                parent[node] = boss
                order.append(node)
                nxt.append(node)
                i += 1
        frontier = nxt or frontier
    kids: dict[str, int] = {}
    for node, boss in parent.items():
        kids[boss] = kids.get(boss, 0) + 1
    depth = {"p0": 0}
    for node in order[1:]:
        depth[node] = depth[parent[node]] + 1
    for node in order:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if node == "p0":
            kind = "cao"
        elif node in kids:
            kind = "executive" if depth[node] == 1 else "department"
        else:
            kind = "staff" if rng.random() < 0.04 else "unit"
        attrs = {"fte": rng.choice((1.0, 1.0, 1.0, 0.5, 0.8))}
        if node in kids:
            attrs["headcount"] = kids[node]
        org.add_unit(node, kind=kind, label=name, title=f"Stilling {depth[node]}", **attrs)
    for node, boss in parent.items():
        org.add_relation(boss, node, "staff" if org.kind(node).value == "staff" else "line")
    return org


def make_book(org: Organisation, depth: int = 2, *, lang: str = "no") -> Book:
    """Cut ``org`` into pages ``depth`` levels deep, each rendered by ``orgraph.render``.

    A node at the bottom of a page with nodes hidden below it is a counted box there and
    the root of a page of its own (numbered breadth first).
    """
    from orgraph.render.select import kinds_of, select

    kinds = kinds_of(org)
    top = next(n for n in org.nodes if not any(True for _ in org.predecessors(n)))
    planned: list[tuple[str, tuple[str, ...], list[str], list[str]]] = []
    numbers: dict[str, int] = {}
    queue = deque([(top, (top,))])
    while queue:
        root, path = queue.popleft()
        numbers[root] = len(planned) + 1
        drawn, collapsed = select(org, kinds, root, depth, frozenset())
        cut = [n for n in drawn if n in collapsed and n != root]
        planned.append((root, path, [d for d in drawn if d not in collapsed or d == root], cut))
        queue.extend((c, (*path, c)) for c in cut)
    pages = [Page(number=numbers[root], root=root, path=path, nodes=tuple(nodes),
                  links={c: numbers[c] for c in cut},
                  svg=orgraph.render(org, "svg", root=root, depth=depth, lang=lang))
             for root, path, nodes, cut in planned]
    return Book(title=str(org.graph.get("name", "")), pages=tuple(pages))
