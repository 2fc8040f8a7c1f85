"""The interactive chart's file, without a browser: what it holds, escaping, the CLI.

The browser half is ``tests/test_html_browser.py`` (marker ``browser``).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from html_support import below, make_book

import orgraph
from orgraph import Organisation
from orgraph.book.details import node_records, people_below
from orgraph.book.html import book_to_html, compact_svg
from orgraph.cli import main
from orgraph.errors import RenderError
from orgraph.generate import generate_company
from orgraph.metrics import layers, spans
from orgraph.render.svgids import prefix_ids, svg_ids

HOSTILE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> \u2028\u2029 &amp;"


class _Elements(HTMLParser):
    """The elements of an HTML document and the text of each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    return parser


def _data(text: str) -> dict:
    return json.loads(_parse(text).scripts[0])


def _unpack(b64: str) -> bytes:
    return gzip.decompress(base64.b64decode(b64))


@pytest.fixture(scope="module")
def minimal() -> tuple[Organisation, orgraph.book.Book]:
    org = orgraph.load("examples/minimal.yaml")
    return org, make_book(org, depth=1)


def test_file_holds_the_pages_and_nothing_from_outside(minimal) -> None:
    org, book = minimal
    text = book_to_html(book, org)
    doc = _parse(text)
    data = _data(text)
    assert [p["n"] for p in data["pages"]] == [1, 2]
    legend_ids = set(svg_ids(_unpack(data["legend"])))
    assert legend_ids and all(i.startswith("og-legend-") for i in legend_ids)
    for page, stored in zip(book.pages, data["pages"], strict=True):
        svg = _unpack(stored["svg"])
        assert svg == prefix_ids(compact_svg(page.svg), f"og-p{page.number}-")
        assert not set(svg_ids(svg)) & legend_ids  # the legend and a page share the screen
        assert stored["root"] == page.root and stored["path"] == list(page.path)
        assert stored["links"] == dict(page.links)
    # self-contained: no element loads anything; the CSP forbids every connection
    assert not [t for t, a in doc.tags if a.get("src") or (t == "link")]
    policy = next(a["content"] for t, a in doc.tags if a.get("http-equiv") ==
                  "Content-Security-Policy")
    assert "default-src 'none'" in policy and "connect-src" not in policy
    script = doc.scripts[1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert re.findall(r"https?://[^\"' ]+", script) == ["http://www.w3.org/2000/svg"]
    assert [t for t, _ in doc.tags].count("script") == 2


def test_compact_svg_keeps_every_element() -> None:
    svg = orgraph.render(orgraph.load("charts/lier.yaml"), "svg")
    small = compact_svg(svg)
    assert len(small) < len(svg)
    count = lambda s: len(re.findall(rb"<[a-zA-Z]", s))  # noqa: E731
    assert count(small) == count(re.sub(rb"<!DOCTYPE[^>]*>", b"", svg))
    assert re.findall(rb">([^<]+)<", small) == [
        t for t in re.findall(rb">([^<]+)<", svg) if t.strip()]


def test_hostile_labels_cannot_leave_the_json(tmp_path: Path) -> None:
    org = Organisation(name=HOSTILE)
    org.add_unit("top", kind="cao", label=HOSTILE, note=HOSTILE)
    org.add_unit(HOSTILE, kind="unit", label=HOSTILE)
    org.add_relation("top", HOSTILE)
    book = make_book(org, depth=0)
    text = book_to_html(book, org)
    doc = _parse(text)
    assert [t for t, _ in doc.tags].count("script") == 2
    assert "alert" not in doc.scripts[1]
    raw = doc.scripts[0]
    assert not re.search("[<>&\u2028\u2029]", raw)
    data = json.loads(raw)
    assert data["title"] == HOSTILE
    assert data["pages"][0]["path"] == ["top"]
    records = {r["i"]: r for r in json.loads(_unpack(data["nodes"]))}
    assert records[HOSTILE]["l"] == HOSTILE
    assert ["note", HOSTILE] in records["top"]["a"]
    assert records[HOSTILE]["d"] == "~id~" + HOSTILE.encode().hex()
    title = next(i for i, (t, _) in enumerate(doc.tags) if t == "title")
    assert "<script>" not in text.split("<title>")[1].split("</title>")[0]
    assert title < [t for t, _ in doc.tags].index("style")


def test_records_carry_attributes_citations_and_metrics() -> None:
    org = orgraph.load("charts/arendal.yaml")
    book = make_book(org, depth=2)
    records = {r["i"]: r for r in node_records(book, org)}
    span, layer, below_ = spans(org), layers(org), people_below(org)
    for node in org.nodes:
        rec = records[str(node)]
        assert rec["l"] == org.label(node)
        assert rec.get("s") == span.get(node) and rec.get("y") == layer.get(node)
        assert rec.get("b") == below_.get(node)
    cited = [n for n, d in org.nodes(data=True) if d.get("citations")]
    assert cited, "arendal.yaml cites its facts"
    for node in cited:
        facts = [fact for fact, _ in records[node]["c"]]
        assert facts == list(org.nodes[node]["citations"])
        for fact, text in records[node]["c"]:
            assert org.nodes[node]["citations"][fact]["source"] in text
    assert all(rec.get("p") == book.page_of(n) for n, rec in records.items()
               if any(n in p.nodes or n == p.root for p in book.pages))


def test_people_below_counts_aggregates_and_staff() -> None:
    org = orgraph.load("examples/minimal.yaml")
    below_ = people_below(org)
    # okonomi, personal (staff), kommunalsjef, skole, barnehager (3)
    assert below_["radmann"] == 7
    assert below_["kommunestyre"] == 7 + 1 + 2  # + radmann, formannskap, helseutvalg
    assert below_["barnehager"] == 0
    org.add_relation("skole", "radmann", "staff")  # a loop through a staff edge
    assert people_below(org)["radmann"] == 7


def test_legend_is_the_static_charts_in_the_charts_language(minimal) -> None:
    org, book = minimal
    for lang, title, counted in (("no", b"Tegnforklaring", "Enheter under, talt opp"),
                                 ("en", b"Legend", "Units below, counted")):
        data = _data(book_to_html(book, org, lang=lang))
        legend = _unpack(data["legend"])
        assert title in legend and counted.encode() in legend  # the book has counted boxes
        assert b'class="node legend frame"' in legend
        assert data["words"]["search"] == {"no": "Søk etter navn eller id",
                                           "en": "Search by name or id"}[lang]


def test_below_renders_the_same_page_as_the_whole_organisation() -> None:
    """The test books render each page from the part below its root: the same chart."""
    org = generate_company(400, seed=3)
    for root in ("p1", "p2", "p40"):
        assert orgraph.render(below(org, root), "svg", root=root, depth=2) == orgraph.render(
            org, "svg", root=root, depth=2)


def test_language_is_the_charts_unless_given() -> None:
    lier = orgraph.load("charts/lier.yaml")  # declares Norwegian
    company = generate_company(30, seed=1)  # declares nothing: English
    for org, declared in ((lier, "no"), (company, "en")):
        book = make_book(org, depth=1)
        assert f'<html lang="{declared}">' in book_to_html(book, org)
        other = {"no": "en", "en": "no"}[declared]
        assert _data(book_to_html(book, org, lang=other))["lang"] == other


def test_bad_options_are_clear_errors(minimal) -> None:
    org, book = minimal
    with pytest.raises(RenderError, match="unknown language 'de'"):
        book_to_html(book, org, lang="de")
    with pytest.raises(RenderError, match="no pages"):
        book_to_html(orgraph.book.Book(title="x", pages=()), org)


def test_file_for_15000_people_is_small() -> None:
    org = generate_company(3000, seed=2)
    size = len(book_to_html(make_book(org, depth=4), org).encode())
    assert size < 3000 * 10_000_000 / 15_000  # 10 MB for 15,000 people, pro rata


def _has_build_book() -> bool:
    return hasattr(orgraph.book, "build_book")


needs_book = pytest.mark.skipif(not _has_build_book(),
                                reason="orgraph.book.build_book (the page cutting) not here yet")


@needs_book
def test_cli_writes_html_from_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "arendal.html"
    result = CliRunner().invoke(main, ["render", "charts/arendal.yaml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    data = _data(out.read_text(encoding="utf-8"))
    assert data["pages"] and _unpack(data["pages"][0]["svg"]).startswith(b"<svg")
    org = orgraph.load("charts/arendal.yaml")
    records = json.loads(_unpack(data["nodes"]))
    assert {r["i"] for r in records} == set(org.nodes)


@needs_book
def test_cli_html_as_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "lier.html"
    done = subprocess.run([sys.executable, "-m", "orgraph", "render", "charts/lier.yaml",
                           "--format", "html", "-o", str(out), "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("extra", [["--root", "radmann"], ["--depth", "1"], ["--dpi", "200"],
                                   ["--layout", "dot"]])
def test_cli_html_refuses_options_of_a_single_picture(tmp_path: Path, extra: list[str]) -> None:
    result = CliRunner().invoke(main, ["render", "charts/lier.yaml", "-o",
                                       str(tmp_path / "x.html"), *extra])
    assert result.exit_code == 2
    assert "cannot be used with an HTML chart" in result.output
    assert not (tmp_path / "x.html").exists()
