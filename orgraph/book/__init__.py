"""Chart books: an organisation cut into pages, written as PDF, SVG pages or HTML."""

from orgraph.book.model import Book, Page

__all__ = ["Book", "Page"]
