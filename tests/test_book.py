"""The chart book: plan, PDF (read back with pdfminer.six), SVG folder, CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from pdfread import CAPTION, breadcrumb, check_book_pdf, read_pdf

import orgraph
from orgraph.book.build import build_book
from orgraph.book.cut import plan_pages
from orgraph.book.paper import chart_area, parse_page
from orgraph.book.pdf import write_pdf
from orgraph.book.svgbox import svg_size
from orgraph.book.svgdir import write_svg_folder
from orgraph.cli import main
from orgraph.generate import generate_company

ROOT = Path(__file__).resolve().parent.parent


def named(n: int, seed: int) -> orgraph.Organisation:
    """A generated company whose names are unique and short enough for one line in a staff
    circle (first name and id)."""
    org = generate_company(n, seed=seed)
    for node, data in org.nodes(data=True):
        name, title = data["label"].split("\n")
        data["label"] = f"{name.split()[0]} {node}\n{title}"
        data["label_en"] = f"{name.split()[0]} {node}\n{data['label_en'].split(chr(10))[1]}"
    return org


@pytest.fixture(scope="module")
def org() -> orgraph.Organisation:
    return named(250, seed=5)


@pytest.fixture(scope="module")
def book(org: orgraph.Organisation) -> orgraph.book.Book:
    return build_book(org, page="A4", engine="embedded", lang="no")


def test_every_node_on_exactly_one_page_and_links_to_the_subtree_page(org, book) -> None:
    assert len(book.pages) > 3 and not book.notes
    drawn = [n for page in book.pages for n in page.nodes]
    assert sorted(drawn) == sorted(org.nodes)
    for page in book.pages:
        assert page.nodes[0] == page.root and page.path[-1] == page.root
        assert list(page.path) == nx.shortest_path(org, "p1", page.root)
        for node, target in page.links.items():
            assert book.pages[target - 1].root == node and target > page.number
            assert node not in page.nodes and book.parent(target) == page.number
        # every node drawn on the page hangs under its root, not below another page's root
        for node in page.nodes[1:]:
            up = nx.shortest_path(org, page.root, node)
            assert not set(up[:-1]) & set(page.links)


def test_pages_fit_at_min_text(book) -> None:
    width, height = chart_area(parse_page("A4"))
    for page in book.pages:
        w, h = svg_size(page.svg)
        assert w <= width * 12 / 8 + 0.5 and h <= height * 12 / 8 + 0.5, page.number


def test_the_counted_box_says_its_page(book) -> None:
    for page in book.pages:
        text = page.svg.decode()
        for target in page.links.values():
            assert f'xlink:href="#page-{target}"' in text
            assert re.search(rf">\+\d+ personer under</text>\s*<text[^>]*>side {target}</text>",
                             text)


def test_a_counted_box_says_the_fte_below_it_in_the_whole_organisation() -> None:
    # the page's stand-in carries the FTE of everything below the cut node, summed over the
    # whole organisation (not only what the page would have drawn)
    org = named(250, seed=5)
    for k, node in enumerate(org):
        org.nodes[node]["fte"] = (0.5, 1.0, 0.8)[k % 3]
    pages = build_book(org, page="A4", engine="embedded", lang="en").pages
    checked = 0
    for page in pages:
        text = page.svg.decode()
        for node in page.links:
            below = nx.descendants(org, node)
            fte = sum(org.nodes[n]["fte"] for n in below)
            line = f"+{len(below)} units, {fte:,.1f} FTE below".replace(".0 FTE", " FTE")
            assert line in text, (node, line)
            checked += 1
    assert checked > 3


def test_deterministic(org, book) -> None:
    again = build_book(org, page="A4", engine="embedded", lang="no")
    assert [p.svg for p in again.pages] == [p.svg for p in book.pages]


def test_pdf_read_back(tmp_path: Path, org, book) -> None:
    path = write_pdf(book, tmp_path / "book.pdf")
    names = {n: org.nodes[n]["label"].split("\n")[0] for n in org}
    assert check_book_pdf(path, names, 8.0) == []
    pages = read_pdf(path)
    assert [p.label for p in pages[:3]] == ["1", "i", "2"]
    assert pages[1].lines[0].text == "Innhold" and pages[-1].lines[0].text == "Register"
    top = pages[0]
    assert breadcrumb(top) == [names["p1"]]
    second = next(p for p in pages if p.label == "2")
    assert breadcrumb(second)[0] == names["p1"] and len(breadcrumb(second)) >= 2
    up = next(x for x in second.header() if x.text.startswith("Opp: side"))
    assert second.link_at(up) == up.text.split()[-1]


def test_pdf_in_english_on_a3_portrait(tmp_path: Path) -> None:
    org = named(120, seed=9)
    book = build_book(org, page="A3,portrait", lang="en", min_text=9, engine="embedded")
    path = write_pdf(book, tmp_path / "en.pdf")
    names = {n: org.nodes[n]["label_en"].split("\n")[0] for n in org}
    assert check_book_pdf(path, names, 9.0, ("Contents",), ("Index",)) == []
    pages = read_pdf(path)
    assert pages[0].height > 1100 > pages[0].height * 0.7  # portrait A3: 1190.55 pt tall
    assert any(x.text == "Chief executive" for x in pages[0].lines)
    captions = [x.text for p in pages for x in p.lines if CAPTION.match(x.text)]
    assert captions and all(x.startswith("page ") for x in captions)


def test_a_municipal_chart_book_with_legend_staff_and_aggregates(tmp_path: Path) -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    book = build_book(org, page="A4", legend=True, engine="embedded", min_text=7)
    assert not book.notes
    # forest: council tree and the leader group; page 1 draws from every top
    assert book.pages[0].root == "kommunestyre"
    shown = {n for p in book.pages for n in p.nodes}
    assert shown == set(org) - {"ledergruppe"}  # coordination bodies only with --show
    text = b"".join(p.svg for p in book.pages)
    assert text.count(b'class="node legend frame"') == len(book.pages)  # a legend per page
    assert b"Barnehager (3)" in text and b"class=\"node staff" in text
    pages = read_pdf(write_pdf(book, tmp_path / "minimal.pdf"))
    assert min(x.smallest for x in pages[0].lines) >= 7 - 0.01
    small = build_book(org, page="A5,portrait", legend=True, engine="embedded", min_text=11)
    assert small.notes and "too big for 11 pt text" in small.notes[0]


def test_plan_with_a_measure_that_never_fits_notes_it() -> None:
    org = generate_company(30, seed=1)
    plans, notes = plan_pages(org, lambda root, cut: (1e6, 1e6), (500.0, 300.0))
    assert plans and all(not p.fits for p in plans) and len(notes) == len(plans)
    assert sorted(c for p in plans for c in p.cut) == sorted(p.root for p in plans[1:])


def test_svg_folder(tmp_path: Path, book) -> None:
    folder = write_svg_folder(book, tmp_path / "pages")
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["index.html", *[f"page-{i:03d}.svg" for i in range(1, len(book.pages) + 1)]]
    second = (folder / "page-002.svg").read_text()
    assert 'xlink:href="page-001.svg"' in second and "#page-" not in second
    for target in book.pages[1].links.values():
        assert f'xlink:href="page-{target:03d}.svg"' in second
    index = (folder / "index.html").read_text()
    assert index.count('<a href="page-') == len(book.pages) + sum(len(p.nodes)
                                                                   for p in book.pages)


def test_svg_folder_escapes_labels(tmp_path: Path) -> None:
    org = generate_company(40, seed=2)
    org.nodes["p1"]["label"] = '<script>alert(1)</script> & "x"'
    folder = write_svg_folder(build_book(org, page="A5", engine="embedded"), tmp_path / "b")
    for path in folder.iterdir():
        assert "<script" not in path.read_text()


def test_cli_book_pdf_and_folder(tmp_path: Path, org) -> None:
    chart = tmp_path / "company.yaml"
    chart.write_text(orgraph.dump(org), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(chart), "--book", str(tmp_path / "b.pdf"),
                                  "--engine", "embedded"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the "wrote" line is informational: stderr
    written = result.stderr.splitlines()[-1]  # after the book's own warnings
    assert re.fullmatch(rf"{re.escape(str(tmp_path / 'b.pdf'))} \(\d+ pages\)", written)
    assert read_pdf(tmp_path / "b.pdf")[0].label == "1"
    result = runner.invoke(main, ["render", str(chart), "--book", str(tmp_path / "dir") + "/",
                                  "--page", "A3", "--engine", "embedded"])
    assert result.exit_code == 0 and (tmp_path / "dir" / "index.html").is_file()


@pytest.mark.parametrize("args, message", [
    (["--book", "x.txt"], "give a .pdf file or a folder"),
    (["--book", "x.pdf", "-o", "y.svg"], "without -o"),
    (["--book", "x.pdf", "--page", "B7"], "unknown page 'B7'"),
    (["--book", "x.pdf", "--min-text", "0"], "--min-text"),
])
def test_cli_book_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["render", str(ROOT / "examples" / "minimal.yaml"),
                                       *args])
    assert result.exit_code == 2 and message in result.output


def test_cli_book_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgraph: 1\nunits: [{id: a, kind: nonsense}]\n")
    result = CliRunner().invoke(main, ["render", str(bad), "--book", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "bad.yaml" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.pdf").exists()


def test_cli_book_as_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "minimal.pdf"
    proc = subprocess.run([sys.executable, "-m", "orgraph", "render",
                           str(ROOT / "examples" / "minimal.yaml"), "--book", str(out)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    pages = read_pdf(out)
    assert pages[0].label == "1" and any("Rådmann" in x.text for x in pages[0].lines)


def test_readme_book_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Big organisations: a chart book", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].split() for line in block.splitlines() if line.strip()]
    assert [c[1] for c in commands] == ["render", "render"]
    monkeypatch.chdir(tmp_path)  # the book is written here, the input read from the checkout
    for words in commands:
        args = [str(ROOT / a) if a.startswith("examples/") else a for a in words[1:]]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (words, result.output)
    assert read_pdf(tmp_path / "minimal.pdf")[0].label == "1"
    assert (tmp_path / "minimal-pages" / "index.html").is_file()


def test_a_long_path_is_elided_in_the_middle(tmp_path: Path) -> None:
    org = orgraph.Organisation(name="Kjede")
    org.add_unit("n0", kind="cao", label="Leder 0")
    for i in range(1, 40):  # a chain of managers, each with a wide team below the last
        org.add_unit(f"n{i}", kind="department", label=f"Leder nummer {i}")
        org.add_relation(f"n{i - 1}", f"n{i}")
    for j in range(8):
        org.add_unit(f"w{j}", kind="unit", label=f"Medarbeider {j}")
        org.add_relation("n39", f"w{j}")
    book = build_book(org, page="A5", engine="embedded", lang="no")
    assert not book.notes
    pages = read_pdf(write_pdf(book, tmp_path / "chain.pdf"))
    names = {n: org.label(n).split("\n")[0] for n in org}
    assert check_book_pdf(tmp_path / "chain.pdf", names, 8.0) == []
    deepest = max((breadcrumb(p) for p in pages if p.label.isdigit()), key=len)
    assert deepest[0] == "Leder 0" and "…" in deepest and deepest[-1].startswith("Leder nummer")
