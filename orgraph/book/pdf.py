"""The chart book as one PDF: true vector pages with links, contents and an index.

Page order: the top of the organisation (chart page 1), the contents, chart pages 2 to N,
then the index. PDF page labels number the chart pages 1 to N (the contents i, ii, ...; the
index after N), so "page 12" on a counted box, in the index and in the viewer's page box
all mean the same page. Every chart page has a header with the path from the top (each step
a link to its page) and a link back up, every counted box links to the page of its subtree,
and the outline (bookmarks) follows the pages' tree.

Each chart page is the page's SVG drawn with reportlab (:mod:`orgraph.render.svgpdf`): text
stays text, lines stay lines, at any zoom.

Examples
--------
>>> from orgraph.book.build import build_book
>>> from orgraph.generate import generate_company
>>> data = book_pdf(build_book(generate_company(60, seed=1), page="A5"))
>>> data[:5]
b'%PDF-'
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path

from orgraph.book.model import Book, Page
from orgraph.book.paper import FOOTER, HEADER, MARGIN, Paper, chart_area, parse_page
from orgraph.book.svgbox import node_boxes, svg_size
from orgraph.errors import RenderError
from orgraph.render.dot import dot_name

__all__ = ["WORDS", "book_pdf", "roman", "write_pdf"]

#: The words the book writes itself, per language.
WORDS = {
    "no": {"contents": "Innhold", "index": "Register", "up": "Opp: side {page}",
           "page": "side {page}"},
    "en": {"contents": "Contents", "index": "Index", "up": "Up: page {page}",
           "page": "page {page}"},
}
_FONT, _BOLD = "Helvetica", "Helvetica-Bold"
_SEP = " \u203a "  # › (in WinAnsi, so the standard font has it)
_LINE = 1.45  # line height / font size


def write_pdf(book: Book, path: str | Path) -> Path:
    """Write :func:`book_pdf` to ``path`` whole or not at all
    (:func:`orgraph.outputfile.write_output`) and return it.

    Examples
    --------
    >>> import os, tempfile, orgraph
    >>> from orgraph.book import build_book
    >>> book = build_book(orgraph.load("examples/minimal.yaml"))
    >>> path = write_pdf(book, os.path.join(tempfile.mkdtemp(), "book.pdf"))
    >>> path.name, path.read_bytes()[:5]
    ('book.pdf', b'%PDF-')
    """
    from orgraph.outputfile import write_output

    target = Path(path)
    write_output(target, book_pdf(book))
    return target


def book_pdf(book: Book, *, text_pt: float = 10.0) -> bytes:
    """The book as PDF bytes; ``text_pt`` is the size of the header, contents and index.

    Raises
    ------
    RenderError
        svglib cannot read a page's SVG, or the book has no pages.

    Examples
    --------
    A chart page, then the contents and the index; two chart pages make four:

    >>> import re, orgraph
    >>> from orgraph.book import build_book
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> pages = [len(re.findall(rb"/Type /Page[^s]", book_pdf(build_book(org, min_text=t))))
    ...          for t in (8, 30)]
    >>> pages
    [3, 4]
    >>> book_pdf(Book("x", ()))
    Traceback (most recent call last):
    orgraph.errors.RenderError: the book has no pages
    """
    from reportlab.pdfgen.canvas import Canvas

    if not book.pages:
        raise RenderError("the book has no pages")
    paper = book.paper or parse_page("A4")
    words = WORDS.get(book.lang, WORDS["en"])
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(paper.width, paper.height), pageCompression=1)
    canvas.setTitle(book.title)
    canvas.setCreator("orgraph")
    toc_pages = math.ceil(len(book.pages) / _lines_per_page(paper, text_pt))
    _labels(canvas, toc_pages)
    depth = book.depths()
    for page in book.pages:
        _chart_page(canvas, book, page, paper, words, text_pt, depth)
        if page.number == 1:
            _contents(canvas, book, paper, words, text_pt, depth)
    _index(canvas, book, paper, words, text_pt)
    canvas.save()
    return out.getvalue()


def _labels(canvas: object, toc_pages: int) -> None:
    """PDF page labels: chart pages 1..N, the contents i, ii, ..., the index N+1, ..."""
    canvas.addPageLabel(0, "ARABIC", 1)  # type: ignore[attr-defined]
    canvas.addPageLabel(1, "ROMAN_LOWER", 1)  # type: ignore[attr-defined]
    canvas.addPageLabel(1 + toc_pages, "ARABIC", 2)  # type: ignore[attr-defined]


def roman(number: int) -> str:
    """Lower-case roman numeral (the contents' page labels).

    Examples
    --------
    >>> roman(1), roman(4), roman(14)
    ('i', 'iv', 'xiv')
    """
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                           (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


def _lines_per_page(paper: Paper, text_pt: float) -> int:
    return max(1, int((paper.height - 2 * MARGIN - HEADER - FOOTER) / (text_pt * _LINE)))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut at the end with … to fit ``width`` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _link(canvas: object, key: str, rect: tuple[float, float, float, float]) -> None:
    canvas.linkRect("", key, rect, relative=0, thickness=0)  # type: ignore[attr-defined]


def _chart_page(canvas: object, book: Book, page: Page, paper: Paper, words: dict[str, str],
                text_pt: float, depth: dict[int, int]) -> None:
    """One chart page: header, the drawing scaled into the chart area, links, footer."""
    from orgraph.render.convert import draw_on

    c = canvas
    c.bookmarkPage(f"page-{page.number}")  # type: ignore[attr-defined]
    c.addOutlineEntry(book.label(page.root), f"page-{page.number}",  # type: ignore[attr-defined]
                      level=depth[page.number])
    _header(c, book, page, paper, words, text_pt)
    width, height = svg_size(page.svg)
    area = chart_area(paper)
    scale = min(area[0] / width, area[1] / height, 1.0)
    x0 = MARGIN + (area[0] - width * scale) / 2
    top = paper.height - MARGIN - HEADER
    y0 = top - height * scale
    draw_on(c, page.svg, x0, y0, scale)
    boxes = node_boxes(page.svg)
    for node, target in page.links.items():
        box = boxes.get(dot_name(node))
        if box:
            left, upper, right, lower = box
            _link(c, f"page-{target}", (x0 + scale * left, y0 + scale * (height - lower),
                                        x0 + scale * right, y0 + scale * (height - upper)))
    _footer(c, book, paper, str(page.number), text_pt)
    c.showPage()  # type: ignore[attr-defined]


def _header(c: object, book: Book, page: Page, paper: Paper, words: dict[str, str],
            text_pt: float) -> None:
    """The path from the top, each step linked to its page, and a link up."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    y = paper.height - MARGIN - text_pt
    right = paper.width - MARGIN
    parent = book.parent(page.number)
    if parent is not None:
        up = words["up"].format(page=parent)
        c.setFont(_FONT, text_pt)  # type: ignore[attr-defined]
        c.drawRightString(right, y, up)  # type: ignore[attr-defined]
        w = stringWidth(up, _FONT, text_pt)
        _link(c, f"page-{parent}", (right - w, y - 2, right, y + text_pt))
        right -= w + 2 * text_pt
    x = MARGIN
    steps: list[str | None] = list(page.path)
    def width(items: list[str | None]) -> float:
        return sum(stringWidth((book.label(n) if n else "…") + _SEP, _BOLD, text_pt)
                   for n in items)
    while len(steps) > 2 and width(steps) > right - x:  # elide the middle, keep the ends
        steps = [steps[0], None, *steps[3 if steps[1] is None else 2:]]
    for i, node in enumerate(steps):
        last = i == len(steps) - 1
        font = _BOLD if last else _FONT
        label = book.label(node) if node else "…"
        text = _fit(label, font, text_pt, max(right - x, text_pt))
        c.setFont(font, text_pt)  # type: ignore[attr-defined]
        c.drawString(x, y, text)  # type: ignore[attr-defined]
        w = stringWidth(text, font, text_pt)
        if not last:
            try:
                target = book.page_of(node) if node else None
            except KeyError:
                target = None
            if target is not None:
                _link(c, f"page-{target}", (x, y - 2, x + w, y + text_pt))
            c.setFont(_FONT, text_pt)  # type: ignore[attr-defined]
            c.drawString(x + w, y, _SEP)  # type: ignore[attr-defined]
            w += stringWidth(_SEP, _FONT, text_pt)
        x += w
        if x >= right:
            break


def _footer(c: object, book: Book, paper: Paper, label: str, text_pt: float) -> None:
    y = MARGIN
    c.setFont(_FONT, text_pt)  # type: ignore[attr-defined]
    c.drawCentredString(paper.width / 2, y, label)  # type: ignore[attr-defined]
    c.drawString(MARGIN, y, _fit(book.title, _FONT, text_pt,  # type: ignore[attr-defined]
                                 paper.width / 2 - MARGIN - 2 * text_pt))


def _listing(c: object, book: Book, paper: Paper, title: str, key: str,
             entries: list[tuple[str, int, float]], text_pt: float, columns: int,
             footer: Callable[[int], str]) -> None:
    """Pages of ``(text, page, indent)`` lines with leader-free right-aligned page numbers,
    each line a link to its page; ``columns`` side by side."""
    per_column = _lines_per_page(paper, text_pt)
    gap = 2 * text_pt
    width = (paper.width - 2 * MARGIN - gap * (columns - 1)) / columns
    per_page = per_column * columns
    sheets = max(1, math.ceil(len(entries) / per_page))
    for sheet in range(sheets):
        if sheet == 0:
            c.bookmarkPage(key)  # type: ignore[attr-defined]
            c.addOutlineEntry(title, key, level=0)  # type: ignore[attr-defined]
        c.setFont(_BOLD, text_pt * 1.2)  # type: ignore[attr-defined]
        c.drawString(MARGIN, paper.height - MARGIN - text_pt,  # type: ignore[attr-defined]
                     title)
        chunk = entries[sheet * per_page:(sheet + 1) * per_page]
        for i, (text, number, indent) in enumerate(chunk):
            col, row = divmod(i, per_column)
            x = MARGIN + col * (width + gap)
            y = paper.height - MARGIN - HEADER - text_pt - row * text_pt * _LINE
            num = str(number)
            c.setFont(_FONT, text_pt)  # type: ignore[attr-defined]
            c.drawRightString(x + width, y, num)  # type: ignore[attr-defined]
            c.drawString(x + indent, y, _fit(text, _FONT, text_pt,  # type: ignore[attr-defined]
                                             width - indent - 3 * text_pt))
            _link(c, f"page-{number}", (x, y - 2, x + width, y + text_pt))
        _footer(c, book, paper, footer(sheet), text_pt)
        c.showPage()  # type: ignore[attr-defined]


def _contents(c: object, book: Book, paper: Paper, words: dict[str, str], text_pt: float,
              depth: dict[int, int]) -> None:
    """The contents: every chart page by its place in the tree of pages."""
    entries = [(book.label(p.root), p.number, min(depth[p.number], 12) * text_pt)
               for p in book.pages]
    _listing(c, book, paper, words["contents"], "contents", entries, text_pt, 1,
             lambda sheet: roman(sheet + 1))


def _index(c: object, book: Book, paper: Paper, words: dict[str, str], text_pt: float) -> None:
    """Every node drawn in full, sorted by name, with its page."""
    entries = [(", ".join(line for line in label.splitlines() if line.strip()) or node,
                page, 0.0) for label, node, page in book.index()]
    columns = 2 if paper.width > paper.height else 1
    last = len(book.pages)
    _listing(c, book, paper, words["index"], "index", entries, text_pt, columns,
             lambda sheet: str(last + 1 + sheet))
