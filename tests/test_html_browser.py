"""The interactive chart in a real browser: headless Chromium driven by Playwright.

Marked ``browser`` and left out of the default run (``pytest -m browser`` runs them; .ci/run
installs Debian's chromium for that step). Skipped when Chromium or Playwright is missing.
Each state is saved as a screenshot (in ``$ORGRAPH_SCREENSHOTS`` when set, else the test's
temporary folder) so a person can look at it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_support import make_book

from orgraph import Organisation
from orgraph.book.html import book_to_html
from orgraph.generate import generate_company
from orgraph.metrics import layers, spans

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("ORGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BIG = 15_000


def _missing(why: str) -> None:
    """Skip, or fail where the browser tests must run (.ci/run sets ORGRAPH_REQUIRE_BROWSER)."""
    if os.environ.get("ORGRAPH_REQUIRE_BROWSER"):
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        _missing("no Playwright (python3 -m pip install -e '.[browser]')")
    with sync_api.sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS, has_touch=True,
            viewport={"width": 1280, "height": 800})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A 15,000-person company, its book (pages four levels deep) and its HTML file."""
    org = generate_company(BIG, seed=7)
    book = make_book(org, depth=4)
    path = tmp_path_factory.mktemp("html") / "company.html"
    path.write_text(book_to_html(book, org, lang="no"), encoding="utf-8")
    return {"org": org, "book": book, "path": path}


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ORGRAPH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Tab:
    """One page of the browser, with what it requested, logged and alerted."""

    def __init__(self, context: Any, url: str) -> None:
        self.page = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type in ("error", "warning") else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready]", timeout=20_000)

    def attr(self, selector: str, name: str) -> str | None:
        return self.page.get_attribute(selector, name)

    def boxes(self) -> int:
        """How many boxes of the organisation the shown page has."""
        return self.page.locator("#og-stage svg g.node[data-id]").count()

    def crumbs(self) -> list[str]:
        return self.page.locator("#og-crumbs li").all_inner_texts()

    def details(self) -> dict[str, str]:
        terms = self.page.locator("#og-details > dl > dt").all_inner_texts()
        values = self.page.locator("#og-details > dl > dd").all_inner_texts()
        return dict(zip(terms, values, strict=True))

    def hit(self) -> list[str | None]:
        return [g.get_attribute("data-id") for g in self.page.locator("g.og-hit").all()]

    def shot(self, folder: Path, name: str) -> None:
        self.page.screenshot(path=str(folder / f"{name}.png"))

    def close(self) -> None:
        self.page.close()


def test_big_organisation_drill_back_search_details(browser: Any, big: dict[str, Any],
                                                    shots: Path) -> None:
    org, book = big["org"], big["book"]
    assert big["path"].stat().st_size < 10_000_000
    tab = Tab(browser, big["path"].as_uri())
    top = book.pages[0]
    assert tab.attr("#og-stage", "data-page") == "1"
    assert tab.crumbs() == [_name(org, top.root)]
    assert tab.boxes() == len(top.nodes) + len(top.links)
    assert "Tegnforklaring" in tab.page.inner_text("#og-legend")
    tab.shot(shots, "1-top")

    # a counted box opens its page in place
    tab.page.click("#og-legend summary")  # fold the legend away from the boxes
    in_view = """() => {
        const v = document.getElementById('og-view').getBoundingClientRect();
        for (const g of document.querySelectorAll('#og-stage g.og-link')) {
            const r = g.getBoundingClientRect();
            if (r.left > v.left && r.right < v.right && r.top > v.top && r.bottom < v.bottom)
                return g.dataset.id;
        }}"""
    child = tab.page.evaluate(in_view)
    if child is None:  # the opening view shows the top rows only: show the whole page
        tab.page.click("#og-fit")
        child = tab.page.evaluate(in_view)
    assert child in top.links, "no counted box in view on the top page"
    number = top.links[child]
    box = tab.page.locator(f'#og-stage g.og-link[data-id="{child}"]')
    assert box.get_attribute("data-page") == str(number)
    box.click()
    tab.page.wait_for_selector(f'#og-stage[data-page="{number}"]')
    page = book.pages[number - 1]
    assert page.root == child
    assert tab.crumbs() == [_name(org, n) for n in page.path]
    assert tab.boxes() == len(page.nodes) + len(page.links)
    tab.shot(shots, "2-drilled")

    # and back: the top page, with the counted box we came from highlighted
    tab.page.click("#og-back")
    tab.page.wait_for_selector('#og-stage[data-page="1"]')
    assert tab.hit() == [child]
    tab.shot(shots, "3-back")

    # search a person by name: the matches list it, choosing it opens its page
    person = _deep_person(org, book)
    name = _name(org, person)
    tab.page.fill("#og-search", name)
    listed = tab.page.locator("#og-results li button")
    ids = [b.get_attribute("data-id") for b in listed.all()]
    same_name = [n for n in org.nodes if _fold(name) in _fold(org.label(n))]
    assert sorted(ids) == sorted(same_name)
    assert f"{len(same_name)} treff" in tab.page.inner_text("#og-results")
    tab.shot(shots, "4-search")
    tab.page.click(f'#og-results button[data-id="{person}"]')
    where = book.page_of(person)
    tab.page.wait_for_selector(f'#og-stage[data-page="{where}"]')
    assert tab.hit() == [person]
    assert tab.page.evaluate("decodeURIComponent(location.hash.slice(1))") == person

    # the details panel: attributes and metrics as orgraph computes them
    got = tab.details()
    data = org.nodes[person]
    assert tab.page.inner_text("#og-details h2") == org.label(person).replace("\n", " ")
    assert got["Id"] == person
    assert got["Type"] == {"unit": "Resultatenhet", "staff": "Stab",
                           "department": "Avdeling"}[data["kind"]]
    assert got["Ansatte"] == str(data["headcount"])
    assert got["Nivå (toppen = 0)"] == str(layers(org)[person])
    assert got["Under denne"] == "0"
    assert got["Side"] == str(where)
    assert "Kontrollspenn" not in got  # not a manager
    tab.shot(shots, "5-details")

    # a manager's details: span and people below
    boss = org.line_superior(person)
    assert boss is not None
    tab.page.fill("#og-search", boss)
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector(f'#og-details[data-id="{boss}"]')
    got = tab.details()
    assert got["Kontrollspenn"] == str(spans(org)[boss])
    assert int(got["Under denne"]) == len(_descendants(org, boss))
    assert not tab.dialogs and not tab.errors
    assert all(url.startswith("file://") for url in tab.requests), tab.requests
    tab.close()


def test_node_link_opens_the_chart_on_that_node(browser: Any, big: dict[str, Any],
                                                shots: Path) -> None:
    org, book = big["org"], big["book"]
    person = _deep_person(org, book)
    tab = Tab(browser, f"{big['path'].as_uri()}#{person}")
    assert tab.attr("#og-stage", "data-page") == str(book.page_of(person))
    assert tab.hit() == [person]
    assert tab.attr("#og-details", "data-id") == person
    assert tab.page.get_attribute("#og-details a.og-permalink", "href") == f"#{person}"
    tab.shot(shots, "6-permalink")
    tab.close()


def test_pan_and_zoom_with_mouse_keyboard_and_touch(browser: Any, big: dict[str, Any]) -> None:
    tab = Tab(browser, big["path"].as_uri())
    page = tab.page

    def camera() -> tuple[float, float, float]:
        x, y, _, _ = map(float, (tab.attr("#og-stage svg", "viewBox") or "").split())
        return x, y, float(tab.attr("#og-stage", "data-scale") or 0)

    _, _, s0 = camera()
    page.mouse.move(640, 400)
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"document.getElementById('og-stage').dataset.scale > {s0}")
    _, _, s1 = camera()
    assert s1 > s0 * 1.3

    x1, y1, _ = camera()
    page.mouse.move(600, 400)
    page.mouse.down()
    page.mouse.move(700, 450, steps=5)
    page.mouse.up()
    x2, y2, s2 = camera()
    assert s2 == s1  # a drag moves the chart 100 px right, 50 px down, at the same scale
    assert ((x1 - x2) * s1, (y1 - y2) * s1) == pytest.approx((100, 50), abs=1)

    page.focus("#og-view")
    page.keyboard.press("ArrowRight")
    x3, _, _ = camera()
    assert x3 > x2
    page.keyboard.press("+")
    assert camera()[2] > s2
    page.keyboard.press("0")  # the whole page
    x, y, s = camera()
    width, height = _page_size(big["book"].pages[0].svg)
    view = page.evaluate("[view.clientWidth, view.clientHeight]".replace(
        "view", "document.getElementById('og-view')"))
    assert s == pytest.approx(min(view[0] / width, view[1] / height, 2) * 0.96, rel=2e-3)
    assert x <= 0 and y <= 0 and x + view[0] / s >= width and y + view[1] / s >= height
    s0 = s

    cdp = browser.new_cdp_session(page)

    def touch(kind: str, points: list[tuple[int, int]]) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
            {"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})

    touch("touchStart", [(560, 400), (720, 400)])
    for k in range(1, 9):
        touch("touchMove", [(560 - 20 * k, 400), (720 + 20 * k, 400)])
    touch("touchEnd", [])
    _, _, s4 = camera()
    assert s4 == pytest.approx(s0 * (160 + 320) / 160, rel=0.05)  # fingers 160 → 480 px apart
    x4, y4, _ = camera()
    touch("touchStart", [(600, 400)])
    for k in range(1, 6):
        touch("touchMove", [(600 - 20 * k, 400 - 10 * k)])
    touch("touchEnd", [])
    x5, y5, _ = camera()
    assert (x5 - x4) * s4 == pytest.approx(100, abs=2)
    assert (y5 - y4) * s4 == pytest.approx(50, abs=2)
    assert not tab.errors
    tab.close()


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


def test_hostile_labels_stay_text(browser: Any, tmp_path: Path, shots: Path) -> None:
    org = Organisation(name=HOSTILE)
    org.add_unit("top", kind="cao", label=HOSTILE, note="<b onmouseover=alert(3)>x</b>")
    org.add_unit('a"b</title>', kind="unit", label="\u2028 & <svg onload=alert(4)>")
    org.add_unit("c d", kind="department", label="Avdeling & <i>co</i>")
    org.add_unit("e", kind="unit", label="U+2029\u2029 here")
    org.add_relation("top", 'a"b</title>')
    org.add_relation("top", "c d")
    org.add_relation("c d", "e")
    book = make_book(org, depth=1)
    path = tmp_path / "hostile.html"
    path.write_text(book_to_html(book, org, lang="no"), encoding="utf-8")
    tab = Tab(browser, path.as_uri())
    assert tab.page.title() == HOSTILE
    assert tab.crumbs() == [HOSTILE]
    tab.page.fill("#og-search", "<svg")
    tab.page.click('#og-results button[data-id="a\\"b</title>"]')
    tab.page.wait_for_selector("#og-details h2")
    assert tab.page.inner_text("#og-details h2").strip() == "& <svg onload=alert(4)>"
    assert tab.hit() == ['a"b</title>']
    tab.page.click('#og-stage g.og-link[data-id="c d"]')
    tab.page.wait_for_selector('#og-stage[data-page="2"]')
    tab.page.fill("#og-search", "top")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector('#og-details[data-id="top"]')
    assert tab.details()["Merknad"] == "<b onmouseover=alert(3)>x</b>"
    tab.page.hover("#og-details h2")
    tab.shot(shots, "7-hostile")
    assert tab.page.evaluate("document.querySelectorAll('script').length") == 2
    assert tab.page.locator("img, #og-stage script, #og-details b").count() == 0
    assert tab.dialogs == [] and tab.errors == []
    tab.close()


def _page_size(svg: bytes) -> tuple[float, float]:
    import re

    found = re.search(rb'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg)
    assert found
    return float(found.group(3)), float(found.group(4))


def _fold(text: str) -> str:
    """What the search compares: lower case, accents dropped (as viewer.js folds)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c)).lower()


def _name(org: Organisation, node: str) -> str:
    return org.label(node).split("\n")[0]  # generate_company labels are "Name\nTitle"


def _deep_person(org: Organisation, book: Any) -> str:
    """A leaf on a page far from the top, with a name few others share."""
    folded = [_fold(org.label(n)) for n in org.nodes]
    deep = [p for p in book.pages if len(p.path) >= 3]
    for page in deep[len(deep) // 2:]:
        for node in page.nodes:
            if any(True for _ in org.successors(node)):
                continue
            name = _fold(_name(org, node))
            if sum(name in text for text in folded) <= 20:
                return str(node)
    raise AssertionError("no deep leaf in the generated company")


def _descendants(org: Organisation, node: str) -> set[str]:
    import networkx as nx

    return nx.descendants(org, node)
