"""Build a :class:`~orgraph.book.model.Book`: plan the pages, then draw each one.

The default measure draws a page's SVG with the chosen engine and reads its size
(:meth:`PageDrawer.measure`); any other ``measure(root, cut) -> (width_pt, height_pt)`` can be
passed, such as a fast layout's size, and only the planning changes.

Every counted box that starts another page says how many units are below it and carries
the caption "side P" ("page P" in English), and links to ``#page-P``; the writers turn
that into a PDF link or a link to the page's file.

Examples
--------
>>> from orgraph.generate import generate_company
>>> book = build_book(generate_company(120, seed=4), page="A5")
>>> len(book.pages) > 1, book.pages[0].number, book.pages[0].path
(True, 1, ('p1',))
>>> cut, target = next(iter(book.pages[0].links.items()))
>>> book.pages[target - 1].root == cut, book.page_of(cut) == target
(True, True)
>>> f'xlink:href="#page-{target}"'.encode() in book.pages[0].svg
True
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from orgraph.book.cut import Measure, PagePlan, Tree, plan_pages, tops_of
from orgraph.book.model import Book, Page
from orgraph.book.paper import Paper, chart_area, parse_page
from orgraph.book.svgbox import svg_size
from orgraph.language import resolve_language
from orgraph.model import Organisation
from orgraph.render import DEFAULT_TIMEOUT, render
from orgraph.render.drawable import check_book
from orgraph.render.options import chart_title, parse_show
from orgraph.render.pinned import drawn_size
from orgraph.render.select import TREE_RELATIONS, coordination_only, kinds_of
from orgraph.render.style import EDGE_DEFAULTS, GRAPH_ATTR, NODE_DEFAULTS

__all__ = ["CAPTION", "LINK", "PageDrawer", "build_book", "caption", "max_boxes"]

#: The caption of a counted box that starts another page, per language.
CAPTION = {"no": "side {page}", "en": "page {page}"}
#: Link target of page ``P`` inside a book's SVG (writers rewrite it for their output).
LINK = "#page-{page}"


def caption(lang: str, page: int) -> str:
    """The counted box's caption (the renderer writes the count above it).

    Examples
    --------
    >>> caption("en", 12), caption("no", 12)
    ('page 12', 'side 12')
    """
    return CAPTION.get(lang, CAPTION["en"]).format(page=page)


class PageDrawer:
    """Draws pages of one organisation in time proportional to the page.

    Each page is drawn from a small organisation of its own: the nodes it draws, the edges
    between them, and one hidden report per cut node (so the cut node is a counted box,
    whose count line the caption replaces). ``options`` go to :func:`orgraph.render.render`.

    Examples
    --------
    >>> from orgraph.generate import generate_company
    >>> org = generate_company(50, seed=1)
    >>> drawer = PageDrawer(org)
    >>> drawer.page_org(["p1"], {"p2"}).number_of_nodes() < org.number_of_nodes()
    True
    >>> drawer.measure("p1", frozenset({"p2", "p3"}))[0] > 0
    True
    """

    def __init__(self, org: Organisation, tree: Tree | None = None, *,
                 placeholder_page: int = 999, **options: object) -> None:
        self.org = org
        self.tree = tree or Tree(org)
        self.options = options
        self.lang = resolve_language(org, options.get("lang"))  # type: ignore[arg-type]
        self.placeholder_page = placeholder_page
        self.tops = tops_of(org)
        shown = parse_show(options.get("show"))  # type: ignore[arg-type]
        kinds = kinds_of(org)
        #: coordination bodies joined only to their members (drawn with show=coordination)
        self.members_only = [n for n in org.nodes if coordination_only(org, n, kinds[n])]
        self.bodies = self.members_only if "coordination" in shown else []

    def starts(self, root: str | None) -> list[str]:
        return self.tops if root is None else [root]

    def page_org(self, starts: list[str], cut: Collection[str]) -> Organisation:
        """The small organisation a page is drawn from."""
        drawn = self.tree.drawn(starts, cut)
        keep = set(drawn)
        hidden = {}  # one hidden report, counting all below, makes a cut node a counted box
        for node in cut:
            if node in keep and self.tree.children[node]:
                hidden[self.tree.children[node][0]] = self._stand_in(node)
        keep.update(hidden)
        keep.update(b for b in self.bodies if any(m in keep for m in self.org.successors(b)))
        small = Organisation(**self.org.graph)
        for node in sorted(keep, key=self.tree.order.__getitem__):
            data = self.org.nodes[node]
            if node in hidden:  # its own head count stands for all below, or for nothing
                data = {k: v for k, v in data.items() if k not in ("headcount", "fte")}
                data.update(hidden[node])
            small.add_node(node, **data)
        for node in small.nodes:
            for child, data in self.org.succ[node].items():
                if child in keep:
                    small.add_edge(node, child, **data)
        return small

    def _stand_in(self, node: str) -> dict[str, object]:
        """What the one hidden report of a cut ``node`` carries: the units below it as its
        count, and the people below (head count or FTE), if every one is known."""
        people = self.tree.people_below(self.org)[node]
        data: dict[str, object] = {"count": self.tree.units_below[node]}
        if people is not None:
            data["fte" if people[1] else "headcount"] = people[0]
        return data

    def svg(self, root: str | None, cut: frozenset[str],
            pages: Mapping[str, int] | None = None) -> bytes:
        """The page's SVG; ``pages`` maps cut nodes to their page numbers (for captions
        and links; default: placeholders of the final width, no links)."""
        if pages is None:
            pages = {c: self.placeholder_page for c in cut if self.tree.children[c]}
        captions = {c: caption(self.lang, p) for c, p in pages.items()}
        links = {c: LINK.format(page=p) for c, p in pages.items()}
        small = self.page_org(self.starts(root), cut)
        return render(small, "svg", root=root, cut=cut, captions=captions, links=links,
                      **self.options)  # type: ignore[arg-type]

    def measure(self, root: str | None, cut: frozenset[str]) -> tuple[float, float]:
        """Width and height of the page's SVG (the default ``measure``). With orgraph's own
        layout the size is known before drawing: the pinned DOT's bounding box less its
        margin, plus the engine's pad (0.1 in each side), so no engine runs."""
        if self.options.get("layout", "tree") != "tree":
            return svg_size(self.svg(root, cut))
        pages = {c: self.placeholder_page for c in cut if self.tree.children[c]}
        small = self.page_org(self.starts(root), cut)
        source = render(small, "dot", root=root, cut=cut,
                        captions={c: caption(self.lang, p) for c, p in pages.items()},
                        links={c: LINK.format(page=p) for c, p in pages.items()},
                        **self.options).decode()  # type: ignore[arg-type]
        return drawn_size(source) or svg_size(self.svg(root, cut))


def build_book(org: Organisation, page: str | Paper = "A4", *, min_text: float = 8.0,
               lang: str | None = None, engine: str = "auto", expand: bool = False,
               legend: bool = False, show: str | Collection[str] | None = None,
               timeout: float | None = DEFAULT_TIMEOUT, measure: Measure | None = None,
               layout: str = "tree") -> Book:
    """Cut ``org`` into pages that fit ``page`` with text of ``min_text`` points or more.

    Parameters
    ----------
    org : Organisation
    page : str or Paper
        ``"A4"`` (landscape), ``"A3,portrait"``, ... (:func:`~orgraph.book.paper.parse_page`).
    min_text : float
        Smallest text size on paper, in points.
    lang, engine, expand, legend, show, timeout, layout
        As for :func:`orgraph.render.render`; every page is drawn with them.
    measure : callable, optional
        ``measure(root, cut) -> (width_pt, height_pt)``; default
        :meth:`PageDrawer.measure` (draws the page and reads its size).

    Returns
    -------
    Book
        Pages in outline order; ``notes`` names pages whose text had to be smaller.

    Raises
    ------
    RenderError
        A bad option, an empty organisation, one deeper than
        :data:`~orgraph.render.drawable.MAX_BOOK_LEVELS` levels, or a
        failed layout.

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> [p.root for p in build_book(org, "A4").pages]
    ['kommunestyre']
    >>> book = build_book(org, "A4", min_text=30)  # text that big: the CAO gets a page
    >>> [(p.number, p.root, dict(p.links)) for p in book.pages]
    [(1, 'kommunestyre', {'radmann': 2}), (2, 'radmann', {})]
    >>> book.page_of("skole"), len(book.notes)
    (2, 2)
    """
    paper = parse_page(page) if isinstance(page, str) else page
    lang = resolve_language(org, lang)
    options = {"engine": engine, "lang": lang, "expand": expand, "legend": legend,
               "show": show, "timeout": timeout, "layout": layout}
    shown = parse_show(show)
    text_pt = float(NODE_DEFAULTS["fontsize"])
    if legend or "orders" in shown:  # labels on edges are the smallest text
        text_pt = min(text_pt, float(EDGE_DEFAULTS["fontsize"]))
    check_book(org)
    tree = Tree(org)
    drawer = PageDrawer(org, tree, **options)
    area = chart_area(paper)
    plans, notes = plan_pages(org, measure or drawer.measure, area, min_text=min_text,
                              text_pt=text_pt, tree=tree,
                              max_boxes=max_boxes(area, text_pt / min_text))
    number = {plan.root: i + 1 for i, plan in enumerate(plans)}
    paths = _paths(org, plans)
    pages = []
    placed: set[str] = set()
    for i, plan in enumerate(plans):
        root = None if plan.whole else plan.root
        drawn = tree.drawn(drawer.starts(root), plan.cut)
        links = {c: number[c] for c in drawn if c in plan.cut}
        svg = drawer.svg(root, plan.cut, links)
        members = set(drawn)
        drawn = [n for n in drawn if n not in drawer.members_only]
        drawn += [b for b in drawer.bodies if b not in placed  # first page with a member
                  and any(m in members for m in org.successors(b))]
        placed.update(drawn)
        full = [n for n in drawn if n not in plan.cut and n != plan.root]
        pages.append(Page(number=i + 1, root=plan.root, path=paths[i],
                          nodes=(plan.root, *full), links=links, svg=svg))
    return Book(title=chart_title(org, lang) or "orgraph", pages=tuple(pages), notes=tuple(notes),
                paper=paper, lang=lang, labels=_labels(org, lang))


def max_boxes(area: tuple[float, float], factor: float) -> int:
    """Most boxes a chart area can hold at ``factor`` times its size: Graphviz's smallest
    box (0.75 × 0.5 in) with the chart's node and rank separation, in a full grid.

    Examples
    --------
    >>> max_boxes((785.89, 501.28), 1.5)
    160
    """
    width = 54 + 72 * float(GRAPH_ATTR["nodesep"])
    height = 36 + 72 * float(GRAPH_ATTR["ranksep"])
    return int(area[0] * factor / width) * int(area[1] * factor / height)


def _paths(org: Organisation, plans: list[PagePlan]) -> list[tuple[str, ...]]:
    """Each page's path: node ids from the top down to its root, along tree edges."""
    parent: dict[str, str] = {}
    for u, v, rel in org.edges(data="relation"):
        if rel in TREE_RELATIONS:
            parent.setdefault(v, u)
    out = []
    for plan in plans:
        path = [plan.root]
        seen = {plan.root}
        while path[-1] in parent and parent[path[-1]] not in seen:
            path.append(parent[path[-1]])
            seen.add(path[-1])
        out.append(tuple(reversed(path)))
    return out


def _labels(org: Organisation, lang: str) -> Mapping[str, str]:
    return {node: org.label(node, lang) for node in org.nodes}
