"""Chart books: an organisation cut into pages, written as PDF, SVG pages or HTML.

:func:`build_book` (from :mod:`orgraph.book.build`) cuts the pages; :mod:`~orgraph.book.pdf`,
:mod:`~orgraph.book.svgdir` and :mod:`~orgraph.book.html` write them.
"""

from __future__ import annotations

from typing import Any

from orgraph.book.model import Book, Page

__all__ = ["Book", "Page", "build_book"]


def __getattr__(name: str) -> Any:
    if name == "build_book":  # imported on use: the builder needs the whole renderer
        from orgraph.book.build import build_book

        return build_book
    raise AttributeError(f"module 'orgraph.book' has no attribute {name!r}")
