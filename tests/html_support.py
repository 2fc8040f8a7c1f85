"""Test helper for the HTML chart: a chart book cut from real renders.

Used by ``tests/test_html*.py`` to test the HTML writer on its own, with pages whose cutting
is simple and known (every page ``depth`` levels deep), whatever ``build_book`` chooses.

>>> import orgraph
>>> book = make_book(orgraph.load("examples/minimal.yaml"), depth=1)
>>> [(p.number, p.root, dict(p.links)) for p in book.pages]
[(1, 'kommunestyre', {'radmann': 2}), (2, 'radmann', {})]
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor

import networkx as nx

import orgraph
from orgraph import Organisation
from orgraph.book import Book, Page


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
