"""The chart book as a folder: one SVG per page and an ``index.html`` linking them.

Each ``page-NNN.svg`` is the page's chart with a header line above it: the path from the
top, each step a link to its page's file, and a link up. Counted boxes link to the file of
their subtree's page. ``index.html`` lists the pages by their place in the tree, then every
unit or person by name with its page. All text is escaped; nothing is fetched.

Examples
--------
>>> import tempfile
>>> from orgraph.book.build import build_book
>>> from orgraph.generate import generate_company
>>> book = build_book(generate_company(60, seed=1), page="A5")
>>> folder = write_svg_folder(book, tempfile.mkdtemp())
>>> sorted(p.name for p in folder.iterdir())[:2]
['index.html', 'page-001.svg']
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from orgraph.book.model import Book, Page
from orgraph.book.pdf import WORDS
from orgraph.book.svgbox import svg_size

__all__ = ["page_file", "write_svg_folder"]

_LINK = re.compile(rb'xlink:href="#page-(\d+)"')
_HEADER = 24.0  # points above the chart for the path line
_ROOT = re.compile(rb"<svg\b")
_POINTS = re.compile(rb'\b(width|height)="([\d.]+)pt"')


def page_file(number: int) -> str:
    """File name of page ``number``.

    Examples
    --------
    >>> page_file(7)
    'page-007.svg'
    """
    return f"page-{number:03d}.svg"


def write_svg_folder(book: Book, folder: str | Path) -> Path:
    """Write the pages and ``index.html`` into ``folder`` (created) and return it; each
    file is moved into place whole once all are written
    (:func:`orgraph.outputfile.output_folder`), so a failure leaves ``folder`` as it was.

    Examples
    --------
    >>> import os, tempfile, orgraph
    >>> from orgraph.book import build_book
    >>> book = build_book(orgraph.load("examples/minimal.yaml"), min_text=30)
    >>> folder = write_svg_folder(book, os.path.join(tempfile.mkdtemp(), "book"))
    >>> sorted(os.listdir(folder))
    ['index.html', 'page-001.svg', 'page-002.svg']
    """
    from orgraph.outputfile import output_folder

    target = Path(folder)
    with output_folder(target) as temporary:
        for page in book.pages:
            (temporary / page_file(page.number)).write_bytes(_page_svg(book, page))
        (temporary / "index.html").write_text(_index_html(book), encoding="utf-8")
    return target


def _page_svg(book: Book, page: Page) -> bytes:
    """The page's SVG inside an outer SVG that adds the header line."""
    words = WORDS.get(book.lang, WORDS["en"])
    chart = _LINK.sub(lambda m: b'xlink:href="' + page_file(int(m[1])).encode() + b'"',
                      page.svg)
    start = chart.find(b"<svg")
    chart = chart[start:] if start >= 0 else chart
    width, height = svg_size(chart)
    steps = []
    for node in page.path[:-1]:
        steps.append(f'<a xlink:href="{page_file(book.page_of(node))}">'
                     f"<tspan>{_esc(book.label(node))}</tspan></a> › ")
    steps.append(f'<tspan font-weight="bold">{_esc(book.label(page.root))}</tspan>')
    parent = book.parent(page.number)
    up = "" if parent is None else (
        f'<a xlink:href="{page_file(parent)}"><text x="{width - 4:.2f}" y="15" '
        f'text-anchor="end">{_esc(words["up"].format(page=parent))}</text></a>')
    total = height + _HEADER
    inner = _ROOT.sub(f'<svg x="0" y="{_HEADER:g}"'.encode(), chart, count=1)
    inner = _POINTS.sub(rb'\1="\2"', inner, count=2)  # nested: user units, not pt
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" width="{width:.2f}pt" '
            f'height="{total:.2f}pt" viewBox="0 0 {width:.2f} {total:.2f}">'
            f'<g font-family="Arial, Helvetica, sans-serif" font-size="11" fill="#333">'
            f'<text x="4" y="15">{"".join(steps)}</text>{up}</g>')
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + head.encode() + inner + b"</svg>\n"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _index_html(book: Book) -> str:
    """Contents by the tree of pages, then every node by name, as one HTML page."""
    words = WORDS.get(book.lang, WORDS["en"])
    depth = book.depths()
    contents = "\n".join(
        f'<li style="margin-left:{depth[p.number] * 1.2:g}em">'
        f'<a href="{page_file(p.number)}">{_esc(book.label(p.root))}</a> '
        f'<span class="n">{p.number}</span></li>' for p in book.pages)
    index = "\n".join(
        f'<li><a href="{page_file(page)}">'
        f'{_esc(", ".join(x for x in label.splitlines() if x.strip()))}</a> '
        f'<span class="n">{page}</span></li>' for label, _, page in book.index())
    return f"""<!DOCTYPE html>
<html lang="{'nb' if book.lang == 'no' else 'en'}"><head><meta charset="utf-8">
<title>{_esc(book.title)}</title>
<style>body{{font-family:Arial,Helvetica,sans-serif;margin:2em}}ul{{list-style:none;
padding:0}}.n{{color:#777}}.cols{{columns:3 18em}}</style></head><body>
<h1>{_esc(book.title)}</h1>
<h2>{_esc(words["contents"])}</h2>
<ul>
{contents}
</ul>
<h2>{_esc(words["index"])}</h2>
<ul class="cols">
{index}
</ul>
</body></html>
"""
