"""Guards: the CLI note for unreadable charts, the notebook preview of big organisations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

import orgraph
from orgraph.book.guard import PREVIEW_BOXES, chart_size, preview
from orgraph.cli import main
from orgraph.generate import generate_company

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def boxes(svg: str | bytes) -> list[str]:
    root = ET.fromstring(svg.encode() if isinstance(svg, str) else svg)
    return [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g")
            if "node" in g.get("class", "").split()
            and not g.findtext(f"{SVG}title").startswith("~")]


def test_cli_suggests_the_book_for_an_unreadable_chart(tmp_path: Path) -> None:
    chart = tmp_path / "big.yaml"
    chart.write_text(orgraph.dump(generate_company(400, seed=3)), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(chart), "-o", str(tmp_path / "big.svg"),
                                       "--engine", "embedded"])
    assert result.exit_code == 0
    note = [x for x in result.stderr.splitlines() if x.startswith("note:")]
    assert len(note) == 1 and "--book OUT.pdf" in note[0] and "-o OUT.html" in note[0]
    assert "A4 landscape" in note[0]
    width, height = chart_size((tmp_path / "big.svg").read_bytes(), "svg")
    shown = float(note[0].split("would be ")[1].split(" pt")[0])
    assert abs(shown - 12 * min(785.89 / width, 539.28 / height)) < 0.01
    again = CliRunner().invoke(main, ["render", str(chart), "-o", str(tmp_path / "big.png"),
                                      "--engine", "embedded", "--page", "A3",
                                      "--teams", "boxes"])
    # --page: the page's own warning, then the way out, then the file written
    warning, note, written = again.stderr.splitlines()
    assert written == str(tmp_path / "big.png")
    assert "on A3, below 6 pt" in warning and "--book OUT.pdf" in note and "-o OUT.html" in note


def test_cli_is_quiet_for_a_readable_chart(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(ROOT / "examples" / "minimal.yaml"),
                                       "-o", str(tmp_path / "m.pdf"), "--engine", "embedded"])
    assert result.exit_code == 0 and "note:" not in result.stderr


def test_notebook_shows_the_top_levels_of_a_big_organisation() -> None:
    org = generate_company(3000, seed=2)
    bundle = org._repr_mimebundle_()
    drawn = boxes(bundle["image/svg+xml"])
    assert 1 < len(drawn) <= PREVIEW_BOXES
    assert "p1" in drawn and set(drawn) < set(org)
    hint = bundle["text/plain"].splitlines()[-1]
    assert hint.startswith("Showing the top") and "orgraph.render(org, root='p1'" in hint
    assert bundle["text/html"].startswith("<p>Showing the top")
    assert "under" in bundle["image/svg+xml"]  # counted boxes say how many are below


def test_notebook_shows_a_small_organisation_whole() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    bundle = org._repr_mimebundle_()
    assert "text/html" not in bundle and "Showing" not in bundle["text/plain"]
    svg, hint = preview(org)
    assert hint is None and set(boxes(svg)) >= {"radmann", "skole"}
