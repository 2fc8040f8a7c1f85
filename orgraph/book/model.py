"""The chart book as plain data: pages that each draw one manager's subtree.

A :class:`Book` is what the PDF book, the folder of SVG pages and the interactive HTML chart
are written from: the cutting into pages happens once, every writer reads the same pages.

Examples
--------
>>> page = Page(number=1, root="ceo", path=("ceo",), nodes=("ceo", "ops"),
...             links={"ops": 2}, svg=b"<svg/>")
>>> book = Book(title="Example", pages=(page, Page(number=2, root="ops", path=("ceo", "ops"),
...             nodes=("ops", "port"), links={}, svg=b"<svg/>")))
>>> book.page_of("port"), book.page_of("ops"), book.page_of("ceo")
(2, 2, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from orgraph.book.paper import Paper

__all__ = ["Book", "Page", "sort_key"]


@dataclass(frozen=True)
class Page:
    """One page of a chart book.

    Attributes
    ----------
    number : int
        1-based page number in the book.
    root : str
        Node id at the top of this page: the manager whose subtree it draws.
    path : tuple of str
        Node ids from the organisation's top down to ``root`` (``root`` included): the
        breadcrumb.
    nodes : tuple of str
        Node ids drawn in full on this page, ``root`` first. The page's own subtree cuts are
        not in it: they are in ``links``.
    links : Mapping[str, int]
        Node id drawn on this page as a counted box → number of the page that draws its
        subtree.
    svg : bytes
        The page's chart as SVG.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.book import build_book
    >>> book = build_book(orgraph.load("examples/minimal.yaml"), min_text=30)
    >>> first, second = book.pages
    >>> first.links, second.path, second.nodes[:2], second.svg[:5]
    ({'radmann': 2}, ('kommunestyre', 'radmann'), ('radmann', 'okonomi'), b'<?xml')
    >>> "radmann" in first.nodes  # drawn in full on its own page only
    False
    """

    number: int
    root: str
    path: tuple[str, ...]
    nodes: tuple[str, ...]
    links: Mapping[str, int]
    svg: bytes


@dataclass(frozen=True)
class Book:
    """Pages in order, page 1 the top of the organisation.

    Attributes
    ----------
    title : str
    pages : tuple of Page
    notes : tuple of str
        What the book could not do as asked (a page whose text had to be smaller).
    paper : Paper, optional
        The page size the pages were cut for (:mod:`orgraph.book.paper`).
    lang : str
        Language of the labels and captions.
    labels : Mapping[str, str]
        Node id → its label in ``lang`` (for headers, the contents and the index).

    Examples
    --------
    >>> top = Page(1, "a", ("a",), ("a", "b"), {"c": 2}, b"")
    >>> cut = Page(2, "c", ("a", "c"), ("c", "d"), {}, b"")
    >>> book = Book("x", (top, cut))
    >>> book.page_of("b"), book.page_of("d"), book.parent(2)
    (1, 2, 1)
    """

    title: str
    pages: tuple[Page, ...]
    notes: tuple[str, ...] = ()
    paper: Paper | None = None
    lang: str = "no"
    labels: Mapping[str, str] = field(default_factory=dict)
    _where: dict[str, int] = field(init=False, repr=False, compare=False)
    _parent: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        where: dict[str, int] = {}
        for page in self.pages:
            for node in page.nodes:
                where.setdefault(node, page.number)
            where[page.root] = page.number  # a cut manager lives on its own page
        object.__setattr__(self, "_where", where)
        object.__setattr__(self, "_parent", {target: page.number for page in self.pages
                                             for target in page.links.values()})

    def page_of(self, node: str) -> int:
        """The number of the page that draws ``node`` in full.

        Raises
        ------
        KeyError
            ``node`` is on no page.
        """
        return self._where[node]

    def parent(self, number: int) -> int | None:
        """The number of the page that page ``number`` is cut from (``None`` for the top).

        Examples
        --------
        >>> a = Page(1, "a", ("a",), ("a",), {"b": 2}, b"")
        >>> b = Page(2, "b", ("a", "b"), ("b",), {}, b"")
        >>> Book("x", (a, b)).parent(2), Book("x", (a, b)).depths()
        (1, {1: 0, 2: 1})
        """
        return self._parent.get(number)

    def depths(self) -> dict[int, int]:
        """Page number → depth in the tree of pages (the top page is 0)."""
        depth: dict[int, int] = {}
        for page in self.pages:  # outline order: a parent comes before its children
            up = self._parent.get(page.number)
            depth[page.number] = 0 if up is None else depth.get(up, -1) + 1
        return depth

    def label(self, node: str) -> str:
        """The first line of ``node``'s label (its name), or the id when unknown.

        Examples
        --------
        >>> Book(title="x", pages=(), labels={"a": "Kari Nordmann\\nLeder"}).label("a")
        'Kari Nordmann'
        """
        text = self.labels.get(node) or node
        return text.splitlines()[0] if text.strip() else node

    def index(self) -> list[tuple[str, str, int]]:
        """Every node drawn in full, as ``(label, node, page)`` sorted by label, Norwegian
        letters Æ, Ø, Å after Z (then by page and id).

        Examples
        --------
        >>> page = Page(number=1, root="a", path=("a",), nodes=("a", "b", "c"), links={},
        ...             svg=b"")
        >>> Book("x", (page,), labels={"a": "Åse", "b": "Ola", "c": "Øystein"}).index()
        [('Ola', 'b', 1), ('Øystein', 'c', 1), ('Åse', 'a', 1)]
        """
        entries = {(self.labels.get(n) or n, n, self.page_of(n))
                   for page in self.pages for n in page.nodes}
        return sorted(entries, key=lambda e: (sort_key(e[0]), e[2], e[1]))


_NORWEGIAN = str.maketrans({"æ": "{a", "ø": "{b", "å": "{c", "ä": "{a", "ö": "{b"})


def sort_key(text: str) -> str:
    """Sort key for labels in Norwegian order (…, z, æ, ø, å), case ignored.

    Examples
    --------
    >>> sorted(["Ås", "Berg", "Øen", "Ærø", "zulu"], key=sort_key)
    ['Berg', 'zulu', 'Ærø', 'Øen', 'Ås']
    """
    return " ".join(text.split()).casefold().translate(_NORWEGIAN)
