"""Make docs/book-page.png, the README's picture of a chart book page.

    python scripts/book_picture.py      # needs pypdfium2 (pip install pypdfium2) to rasterise

Builds the book of a generated 1,516-person company (orgraph.generate, seed 0) for A4
landscape, writes it as PDF, and rasterises its second chart page at 110 dpi.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pypdfium2

from orgraph.book.build import build_book
from orgraph.book.pdf import write_pdf
from orgraph.generate import generate_company

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    book = build_book(generate_company(1516, seed=0), page="A4", lang="en")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = pypdfium2.PdfDocument(write_pdf(book, Path(tmp) / "book.pdf"))
        labels = [pdf.get_page_label(i) for i in range(len(pdf))]
        index = next(i for i, label in zip(itertools.count(), labels) if label == "2")
        image = pdf[index].render(scale=110 / 72).to_pil()
        target = ROOT / "docs" / "book-page.png"
        image.save(target, optimize=True)
        print(target, f"({len(book.pages)} chart pages)")


if __name__ == "__main__":
    main()
