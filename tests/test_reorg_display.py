"""A diff shown in Jupyter: the before/after chart above its tables, escaped, and a hint
instead of the chart when the organisations are too big to read."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import orgraph
from orgraph.book.guard import PREVIEW_BOXES
from orgraph.generate import generate_company

CHARTS = Path(__file__).resolve().parent.parent / "charts"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[list] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.attrs.append(attrs)
        self._in_cell = tag == "td"
        if self._in_cell:
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_cell = False if tag == "td" else self._in_cell

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


def parsed(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


def test_rissa_diff_shows_its_chart_and_tables() -> None:
    d = orgraph.diff(orgraph.load(CHARTS / "rissa.yaml"),
                     orgraph.load(CHARTS / "rissa-2002-06.yaml"))
    bundle = d._repr_mimebundle_()
    html = bundle["text/html"]
    assert bundle["text/plain"] == d.to_table()
    assert d._repr_html_() == html
    # the chart as a PNG <img> (untrusted notebooks strip inline SVG), then the tables
    assert "<svg" not in html
    src = html.split('<img alt="before/after chart" src="data:image/png;base64,', 1)[1]
    assert base64.b64decode(src.split('"', 1)[0])[:4] == b"\x89PNG"
    root = ET.fromstring(bundle["image/svg+xml"])  # the same chart as SVG, ids prefixed
    classes = {g.findtext("{http://www.w3.org/2000/svg}title"): g.get("class")
               for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert "removed" in classes["ass_radmann_ho"] and "added" in classes["resultatenheter"]
    ids = [g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id")]
    assert ids and all(i.startswith("og") for i in ids)
    cells = parsed(html).cells
    assert cells.count("removed") == len(d.removed()) and cells.count("added") == len(d.added())
    i = cells.index("cao_span")
    assert cells[i:i + 3] == ["cao_span", "6", "15"]  # kap. 5.2 fotnote 9: 15 units under the CAO
    assert bundle.keys() == {"text/html", "image/svg+xml", "text/plain"}
    assert d._repr_mimebundle_(include=["text/plain"]).keys() == {"text/plain"}
    assert d._repr_mimebundle_(exclude=["text/html"]).keys() == {"image/svg+xml", "text/plain"}


def test_labels_are_text_in_the_tables() -> None:
    old = orgraph.Organisation(name="X")
    old.add_unit("cao", kind="cao", label="Rådmann")
    old.add_unit("x", kind="unit", label="<script>alert(1)</script>")
    old.add_relation("cao", "x")
    new = orgraph.Organisation(name="X")
    new.add_unit("cao", kind="cao", label="<img src=x onerror=alert(1)>")
    html = orgraph.diff(old, new)._repr_html_()
    tags = parsed(html)
    assert "script" not in tags.tags and tags.tags.count("img") == 1  # the chart's own
    img = tags.attrs[tags.tags.index("img")]
    assert [k for k, _ in img] == ["alt", "src"] and img[1][1].startswith("data:image/png;")
    assert "<script>alert(1)</script>" in tags.cells


def test_a_big_diff_shows_a_hint_instead_of_the_chart() -> None:
    old = generate_company(PREVIEW_BOXES + 50, seed=3)
    new = old.copy()
    leaf = next(n for n in new if new.out_degree(n) == 0)
    new.remove_node(leaf)
    d = orgraph.diff(old, new, match="id")
    html = d._repr_html_()
    assert "<img" not in html and "--compare OLD" in html
    assert "image/svg+xml" not in d._repr_mimebundle_()
    assert parsed(html).cells.count("removed") == 1


def test_an_empty_diff_says_so() -> None:
    org = orgraph.load(CHARTS / "evenes.yaml")
    html = orgraph.diff(org, org)._repr_html_()
    assert "No changes." in html and "<img" in html and "removed" not in html
