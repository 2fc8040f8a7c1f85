"""The interactive chart: a chart book as one self-contained HTML file.

The file holds the pages orgraph laid out (each page's SVG, gzip-compressed and base64-coded),
one record per node for search and the details panel (:mod:`orgraph.book.details`), the
legend of Vedlegg 1 as the static chart draws it, and the viewer's own script and stylesheet
(``orgraph/book/static/``), all inlined: no network, no layout in the browser. The browser
unpacks a page when it is first shown (``DecompressionStream``, built into every current
browser).

Everything from the data reaches the file as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped (:func:`script_json`), and a
Content-Security-Policy allows only the viewer's own script and stylesheet (by hash) and no
connection at all, so a hostile label can neither end the script element nor run.

Examples
--------
>>> import orgraph
>>> from orgraph.book import Book, Page
>>> org = orgraph.load("examples/minimal.yaml")
>>> svg = orgraph.render(org, "svg")
>>> book = Book(title="Eksempel", pages=(Page(number=1, root="kommunestyre",
...             path=("kommunestyre",), nodes=tuple(org.nodes), links={}, svg=svg),))
>>> text = book_to_html(book, org)
>>> text.startswith("<!DOCTYPE html>"), '<html lang="no">' in text
(True, True)
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import re
from collections.abc import Collection
from importlib import resources
from typing import Any

from orgraph.book.details import node_records
from orgraph.book.legend import legend_svg
from orgraph.book.model import Book
from orgraph.book.words import ATTRIBUTE_NAMES, KIND_NAMES, WORDS
from orgraph.errors import RenderError
from orgraph.language import resolve_language
from orgraph.model import Organisation
from orgraph.render.svgids import prefix_ids

__all__ = ["book_to_html", "compact_svg", "html_chart", "pack", "script_json"]

_PROLOGUE = re.compile(rb"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.DOTALL)
_BETWEEN_TAGS = re.compile(rb">\s*\n\s*<")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element.

    Examples
    --------
    >>> script_json({"label": "</script><b>&\u2028"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def compact_svg(svg: bytes) -> bytes:
    """An SVG without its XML prologue, doctype and comments, and without the line breaks
    between tags (text inside elements is kept as it is).

    Examples
    --------
    >>> compact_svg(b'<?xml version="1.0"?>\\n<!-- a -->\\n<svg>\\n <g/>\\n</svg>\\n')
    b'<svg><g/></svg>'
    """
    return _BETWEEN_TAGS.sub(b"><", _PROLOGUE.sub(b"", svg)).strip()


def pack(data: bytes) -> str:
    """gzip (with a fixed timestamp, so the same input gives the same file) and base64.

    Examples
    --------
    >>> gzip.decompress(base64.b64decode(pack(b"<svg/>")))
    b'<svg/>'
    """
    return base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii")


def _static(name: str) -> str:
    return resources.files("orgraph.book").joinpath("static", name).read_text("utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def book_to_html(book: Book, org: Organisation, *, lang: str | None = None,
                 engine: str = "auto", show: str | Collection[str] | None = None) -> str:
    """Write a chart book as one self-contained interactive HTML page.

    Parameters
    ----------
    book : Book
        The pages, as orgraph laid them out; page 1 is where the chart opens.
    org : Organisation
        The organisation the book draws: the source of the search index, the details and
        the metrics.
    lang : {"no", "en"}, optional
        The language of the interface words and node labels (the pages carry their own);
        default: the organisation's declared language (:func:`orgraph.language.resolve_language`).
    engine : {"auto", "system", "embedded"}
        The layout engine for the legend box.
    show : str or collection of str, optional
        What the pages show besides the tree (as for :func:`orgraph.render.render`), for
        the legend.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    RenderError
        An unknown language, or a book without pages.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.book import build_book
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> page = book_to_html(build_book(org), org)
    >>> page.startswith("<!DOCTYPE html>"), "<title>Eksempel kommune (2002-01)</title>" in page
    (True, True)
    >>> book_to_html(build_book(org), org, lang="de")
    Traceback (most recent call last):
    orgraph.errors.RenderError: unknown language 'de'; use one of: no, en
    """
    lang = resolve_language(org, lang)
    if lang not in WORDS:
        raise RenderError(f"unknown language {lang!r}; use one of: {', '.join(WORDS)}")
    if not book.pages:
        raise RenderError("the chart book has no pages; there is nothing to show")
    records = node_records(book, org, lang=lang)
    data = {
        "title": book.title,
        "lang": lang,
        "words": WORDS[lang],
        "kinds": KIND_NAMES[lang],
        "attributes": ATTRIBUTE_NAMES[lang],
        "legend": pack(prefix_ids(compact_svg(legend_svg(
            org, lang, engine=engine, show=show, counted=any(p.links for p in book.pages))),
            "og-legend-")),  # the legend and a page share the screen: ids of their own
        "pages": [{"n": p.number, "root": str(p.root), "path": [str(x) for x in p.path],
                   "links": {str(k): v for k, v in p.links.items()},
                   "svg": pack(prefix_ids(compact_svg(p.svg), f"og-p{p.number}-"))}
                  for p in book.pages],
        "nodes": pack(json.dumps(records, ensure_ascii=False,
                                 separators=(",", ":")).encode("utf-8")),
    }
    style, script = _static("viewer.css"), _static("viewer.js")
    policy = (f"default-src 'none'; script-src {_csp_hash(script)}; "
              f"style-src {_csp_hash(style)}; img-src data:; base-uri 'none'; "
              "form-action 'none'")
    words = WORDS[lang]
    return _TEMPLATE.format(
        lang=html.escape(lang), policy=html.escape(policy), title=html.escape(book.title),
        style=style, data=script_json(data), script=script,
        search=html.escape(words["search"]), back=html.escape(words["back"]),
        legend=html.escape(words["legend"]), zoom_in=html.escape(words["zoom_in"]),
        zoom_out=html.escape(words["zoom_out"]), fit=html.escape(words["fit"]),
        breadcrumb=html.escape(words["breadcrumb"]), help=html.escape(words["help"]),
        close=html.escape(words["close"]))


def html_chart(org: Organisation, *, lang: str | None = None, engine: str = "auto",
               expand: bool = False, legend: bool = False,
               show: str | Collection[str] | None = None, page: str | None = None,
               timeout: float | None = None) -> str:
    """Cut ``org`` into a chart book (:func:`orgraph.book.build_book`) and write it as one
    interactive HTML page (:func:`book_to_html`); what ``orgraph render -o OUT.html`` does.

    ``page`` is the paper each page fits (default A4 landscape); the other options are
    those of :func:`orgraph.render.render`.

    Examples
    --------
    >>> import orgraph
    >>> page = html_chart(orgraph.load("examples/minimal.yaml"), lang="en")
    >>> '<html lang="en">' in page, "<title>Example municipality (2002-01)</title>" in page
    (True, True)
    """
    from orgraph.book import build_book

    lang = resolve_language(org, lang)  # the pages and the viewer speak one language
    options: dict[str, Any] = {"lang": lang, "engine": engine, "expand": expand,
                               "legend": legend, "show": show}
    if timeout is not None:
        options["timeout"] = timeout
    book = build_book(org, page or "A4", **options)
    return book_to_html(book, org, lang=lang, engine=engine, show=show)


_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header id="og-bar">
<button type="button" id="og-back" disabled>&#8592; {back}</button>
<nav id="og-crumbs" aria-label="{breadcrumb}"><ol></ol></nav>
<input id="og-search" type="search" placeholder="{search}" aria-label="{search}"
 autocomplete="off" spellcheck="false">
</header>
<main id="og-view" tabindex="0" aria-label="{title}" title="{help}">
<div id="og-stage"></div>
<div id="og-zoom">
<button type="button" id="og-zoom-in" aria-label="{zoom_in}" title="{zoom_in}">+</button>
<button type="button" id="og-zoom-out" aria-label="{zoom_out}" title="{zoom_out}">&#8722;</button>
<button type="button" id="og-fit" aria-label="{fit}" title="{fit}">&#9635;</button>
</div>
<details id="og-legend" open><summary><span>{legend}</span></summary>
<div id="og-legend-box"></div></details>
</main>
<aside id="og-side" hidden>
<button type="button" id="og-close" aria-label="{close}" title="{close}">&#215;</button>
<section id="og-details" aria-live="polite"></section>
<section id="og-results"></section>
</aside>
<script type="application/json" id="orgraph-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
