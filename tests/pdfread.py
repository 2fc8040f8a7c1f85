"""Read a chart book PDF back (pdfminer.six): page labels, text lines with sizes, links.

Used by tests/test_book.py and benchmarks/bench_book.py to check a real PDF, not the data
it was written from.
"""

from __future__ import annotations

import collections
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from orgraph.book.paper import FOOTER, HEADER, MARGIN

CAPTION = re.compile(r"^(side|page) (\d+)$")


@dataclass
class Line:
    text: str
    box: tuple[float, float, float, float]
    smallest: float  # smallest character size in the line, points on paper


@dataclass
class PdfPage:
    label: str
    height: float
    lines: list[Line] = field(default_factory=list)
    links: list[tuple[tuple[float, float, float, float], str]] = field(default_factory=list)

    def header(self) -> list[Line]:
        return [x for x in self.lines if x.box[1] >= self.height - MARGIN - HEADER]

    def body(self) -> list[Line]:
        return [x for x in self.lines
                if MARGIN + FOOTER <= x.box[1] < self.height - MARGIN - HEADER]

    def link_at(self, line: Line) -> str | None:
        cx, cy = (line.box[0] + line.box[2]) / 2, (line.box[1] + line.box[3]) / 2
        for (x0, y0, x1, y1), target in self.links:
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                return target
        return None

    def lines_in(self, rect: tuple[float, float, float, float]) -> list[Line]:
        x0, y0, x1, y1 = rect
        return [x for x in self.lines if x0 <= (x.box[0] + x.box[2]) / 2 <= x1
                and y0 <= (x.box[1] + x.box[3]) / 2 <= y1]


def breadcrumb(page: PdfPage) -> list[str]:
    """The header's path from the top, as names."""
    header = sorted(page.header(), key=lambda x: x.box[0])
    return header[0].text.split(" \u203a ") if header else []


def _lines(layout: object) -> list[Line]:
    out = []
    for item in layout:  # type: ignore[attr-defined]
        if isinstance(item, LTTextBox):
            out.extend(_lines(item))
        elif isinstance(item, LTTextLine):
            sizes = [c.size for c in item if isinstance(c, LTChar) and c.get_text().strip()]
            text = item.get_text().strip()
            if text and sizes:
                out.append(Line(text, (item.x0, item.y0, item.x1, item.y1), min(sizes)))
    return out


def read_pdf(path: str | Path) -> list[PdfPage]:
    """Every page with its label, text lines (top first) and links (rect → target label)."""
    with open(path, "rb") as handle:
        doc = PDFDocument(PDFParser(handle))
        pages = list(PDFPage.create_pages(doc))
        labels = list(itertools.islice(doc.get_page_labels(), len(pages)))
        label_of = {page.pageid: label for page, label in zip(pages, labels, strict=True)}
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams(char_margin=0.6,
                                                              line_margin=0.1))
        interpreter = PDFPageInterpreter(manager, device)
        out = []
        for page, label in zip(pages, labels, strict=True):
            interpreter.process_page(page)
            lines = sorted(_lines(device.get_result()), key=lambda x: (-x.box[1], x.box[0]))
            links = []
            for ref in page.annots or []:
                annot = resolve1(ref)
                dest = resolve1(annot.get("Dest"))
                if dest:
                    links.append((tuple(annot["Rect"]), label_of[dest[0].objid]))
            out.append(PdfPage(label, float(page.mediabox[3]), lines, links))
    return out


def check_book_pdf(path: str | Path, names: dict[str, str], min_text: float,
                   contents: tuple[str, ...] = ("Innhold", "Contents"),
                   index: tuple[str, ...] = ("Register", "Index")) -> list[str]:
    """Problems found in a book PDF; ``names`` maps node id → the unique first line of its
    label. Checks: chart pages are labelled 1..N; every chart page's smallest text is at
    least ``min_text``; every node is drawn in full on exactly one chart page and listed
    once in the index with that page; every counted box says "page P", links to page P,
    and page P's header ends with the box's name."""
    pages = read_pdf(path)
    problems: list[str] = []
    charts = [p for p in pages if p.label.isdigit() and (
        not p.lines or p.lines[0].text not in (*contents, *index))]
    labels = [p.label for p in charts]
    if labels != [str(i) for i in range(1, len(charts) + 1)]:
        problems.append(f"chart page labels are not 1..N: {labels[:10]}...")
    by_label = {p.label: p for p in charts}
    full: collections.Counter[str] = collections.Counter()
    where: dict[str, str] = {}
    wanted = {name: node for node, name in names.items()}
    for page in charts:
        smallest = min(x.smallest for x in page.lines)
        if smallest < min_text - 0.01:
            problems.append(f"page {page.label}: smallest text {smallest:.2f} pt")
        counted = set()
        for line in page.body():
            match = CAPTION.match(line.text)
            if not match:
                continue
            target = page.link_at(line)
            box = next(r for r, t in page.links if t == target) if target else None
            inside = page.lines_in(box) if box else []
            name = inside[0].text if inside else None
            counted.add(name)
            if target != match[2]:
                problems.append(f"page {page.label}: '{line.text}' links to {target}")
            elif name is None or breadcrumb(by_label[target])[-1] != name:
                problems.append(f"page {page.label}: box {name!r} -> page {target} headed "
                                f"{breadcrumb(by_label[target])}")
        for line in page.body():
            if line.text in wanted and line.text not in counted:
                full[line.text] += 1
                where[line.text] = page.label
    for name in wanted:
        if full[name] != 1:
            problems.append(f"{name!r} drawn in full {full[name]} times")
    listed: collections.Counter[str] = collections.Counter()
    for page in pages:
        if not page.lines or page.lines[0].text not in index:
            continue
        for rect, target in page.links:  # one link per entry, over its text and number
            inside = [x.text for x in page.lines_in(rect)]
            name = next((t.split(",")[0] for t in inside if not t.isdigit()), None)
            number = next((t for t in inside if t.isdigit()), None)
            if name in wanted:
                listed[name] += 1
                if not where.get(name) == number == target:
                    problems.append(f"index: {name!r} says {number}, links to {target}, "
                                    f"drawn on {where.get(name)}")
    for name in wanted:
        if listed[name] != 1:
            problems.append(f"{name!r} listed {listed[name]} times in the index")
    return problems
