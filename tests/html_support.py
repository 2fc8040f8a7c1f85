"""Test helpers for the HTML chart: a generated company and a chart book cut from real renders.

Used by ``tests/test_html*.py`` until ``orgraph.generate`` and ``orgraph.book.build_book``
are on main; both are small and deterministic (same ``n`` and ``seed``, same organisation).
"""

from __future__ import annotations

import random
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import networkx as nx

import orgraph
from orgraph import Organisation
from orgraph.book import Book, Page

FIRST = ("Kari", "Ola", "Ingrid", "Per", "Sigrid", "Nils", "Astrid", "Lars", "Marit", "Jon",
         "Liv", "Knut", "Eva", "Arne", "Hilde", "Tor", "Berit", "Erik", "Randi", "Geir")
MIDDLE = ("", "", "Marie", "Johan", "Elise", "Andreas", "Sofie", "Magnus", "Helene", "Emil")
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
    for boss in parent.values():
        kids[boss] = kids.get(boss, 0) + 1
    depth = {"p0": 0}
    for node in order[1:]:
        depth[node] = depth[parent[node]] + 1
    for node in order:
        name = " ".join(filter(None, (rng.choice(FIRST), rng.choice(MIDDLE), rng.choice(LAST))))
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


def make_book(org: Organisation, depth: int = 2, *, lang: str = "no",
              workers: int = 2) -> Book:
    """Cut ``org`` into pages ``depth`` levels deep, each rendered by ``orgraph.render``.

    A node at the bottom of a page with nodes hidden below it is a counted box there and
    the root of a page of its own (numbered breadth first). Each page is rendered from the
    part of the organisation below its root (the same chart, see ``test_html.py``), on
    ``workers`` threads (the layout runs in a process of its own).
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
        part = below(org, root)
        drawn, collapsed = select(part, kinds, root, depth, frozenset())
        cut = [n for n in drawn if n in collapsed and n != root]
        planned.append((root, path, [d for d in drawn if d not in collapsed or d == root], cut))
        queue.extend((c, (*path, c)) for c in cut)

    def svg(root: str) -> bytes:
        return orgraph.render(below(org, root), "svg", root=root, depth=depth, lang=lang)

    with ThreadPoolExecutor(workers) as pool:
        svgs = list(pool.map(svg, [root for root, *_ in planned]))
    pages = [Page(number=numbers[root], root=root, path=path, nodes=tuple(nodes),
                  links={c: numbers[c] for c in cut}, svg=page_svg)
             for (root, path, nodes, cut), page_svg in zip(planned, svgs, strict=True)]
    return Book(title=str(org.graph.get("name", "")), pages=tuple(pages))


def below(org: Organisation, root: str) -> Organisation:
    """A copy of ``root`` and everything below it, in the organisation's order."""
    keep = {root} | nx.descendants(org, root)
    part = Organisation(**org.graph)
    part.add_nodes_from((n, d) for n, d in org.nodes(data=True) if n in keep)
    part.add_edges_from((u, v, d) for u, v, d in org.edges(data=True)
                        if u in keep and v in keep)
    return part
