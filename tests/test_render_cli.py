"""``orgraph render`` through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph.cli import main
from orgraph.generate import generate_company

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = str(ROOT / "examples" / "minimal.yaml")
FIXTURE = str(ROOT / "tests" / "fixtures" / "render_escaping.yaml")


def test_several_files_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", MINIMAL, FIXTURE, "--outdir", str(out),
                                       "--format", "png"])
    assert result.exit_code == 0, result.output
    expected = [out / "minimal.png", out / "render_escaping.png"]
    assert result.output.splitlines() == [str(p) for p in expected]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in expected)


def test_format_follows_the_output_suffix(tmp_path: Path) -> None:
    for suffix, magic in [("svg", b"<?xml"), ("pdf", b"%PDF-"), ("dot", b"digraph")]:
        target = tmp_path / f"chart.{suffix}"
        result = CliRunner().invoke(main, ["render", MINIMAL, "-o", str(target), "--legend"])
        assert result.exit_code == 0, result.output
        assert result.output == f"{target}\n"
        assert target.read_bytes().startswith(magic)


def test_options_reach_the_chart(tmp_path: Path) -> None:
    target = tmp_path / "c.dot"
    args = ["render", MINIMAL, "-o", str(target), "--lang", "en", "--expand",
            "--show", "coordination,orders", "--root", "kommunestyre", "--depth", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    dot = target.read_text(encoding="utf-8")
    assert "Municipal council" in dot and "+5 units below" in dot
    assert "ledergruppe" in dot  # a coordination body whose member is drawn


def test_usage_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["render", MINIMAL, FIXTURE, "-o", "x.svg"])
    assert result.exit_code == 2 and "use --outdir DIR for several" in result.output
    result = runner.invoke(main, ["render", MINIMAL, "-o", "x.svg", "--format", "png"])
    assert result.exit_code == 2 and "does not match the suffix" in result.output
    result = runner.invoke(main, ["render", MINIMAL, "--show", "everything"])
    assert result.exit_code == 2 and "unknown --show value 'everything'" in result.output
    result = runner.invoke(main, ["render", MINIMAL, "--page", "B5", "-o", "x.pdf"])
    assert result.exit_code == 2 and "unknown page 'B5'" in result.output


def test_depth_without_root_counts_from_the_top(tmp_path: Path) -> None:
    target = tmp_path / "top.dot"
    result = CliRunner().invoke(main, ["render", MINIMAL, "--depth", "1", "-o", str(target)])
    assert result.exit_code == 0, result.output
    source = target.read_text(encoding="utf-8")
    assert '"kommunestyre"' in source and '"radmann"' in source  # the top and one level
    assert '"skole"' not in source and "+5 enheter under" in source  # the rest counted


def test_page_fits_a_pdf_and_warns_about_small_text(tmp_path: Path) -> None:
    # Lier's chart fits A4 portrait at 6 pt or more; a company of 300 people does not
    lier = tmp_path / "lier.pdf"
    result = CliRunner().invoke(main, ["render", str(ROOT / "charts" / "lier.yaml"),
                                       "--page", "A4,portrait", "-o", str(lier)])
    assert result.exit_code == 0, result.output
    assert "below 6 pt" not in result.stderr
    assert b"/MediaBox [ 0 0 595 842 ]" in lier.read_bytes()[:4000]  # A4 portrait
    chart = tmp_path / "company.yaml"
    chart.write_text(orgraph.dump(generate_company(300, seed=3)), encoding="utf-8")
    target = tmp_path / "company.pdf"
    result = CliRunner().invoke(main, ["render", str(chart), "--page", "A4,portrait",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "below 6 pt" in result.stderr and "--root ID --depth N" in result.stderr
    assert b"/MediaBox [ 0 0 595 842 ]" in target.read_bytes()[:4000]


@pytest.mark.parametrize(("page", "box"), [("A5,portrait", b"0 0 420 595"),
                                         ("A0,landscape", b"0 0 3370 2384"),
                                         ("tabloid,portrait", b"0 0 792 1224"),
                                         ("legal,landscape", b"0 0 1008 612")])
def test_every_paper_size_of_the_chart_book_fits_a_single_chart(tmp_path: Path, page: str,
                                                                 box: bytes) -> None:
    # --page and --book read one table of sizes (A0-A5, letter, legal, tabloid); --page
    # took only A4, A3, A2 and letter while --book took A5 too
    target = tmp_path / "lier.pdf"
    result = CliRunner().invoke(main, ["render", str(ROOT / "charts" / "lier.yaml"),
                                       "--page", page, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert b"/MediaBox [ " + box + b" ]" in target.read_bytes()[:4000]
    book = tmp_path / "book.pdf"
    result = CliRunner().invoke(main, ["render", str(ROOT / "charts" / "lier.yaml"),
                                       "--page", page, "--book", str(book)])
    assert result.exit_code == 0, result.output
    assert book.read_bytes().startswith(b"%PDF")


def test_a_bad_file_is_reported_and_the_others_drawn(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgraph: 1\norganisation: {name: X}\nunits:\n  - {id: a, kind: skole}\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bad), MINIMAL, "--outdir",
                                       str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'minimal.svg'}" in result.stderr  # informational: stdout holds data
    assert "bad.yaml:4" in result.stderr and "unknown kind 'skole'" in result.stderr
    assert not (tmp_path / "bad.svg").exists()


def test_unknown_root_names_the_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", MINIMAL, "--root", "nope", "-o",
                                       str(tmp_path / "x.svg")])
    assert result.exit_code == 1
    assert "node 'nope' is not in the organisation" in result.stderr
    assert "orgraph show FILE" in result.stderr


def test_unknown_output_suffix_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from orgraph.cli import main

    target = tmp_path / "chart.bogus"
    result = CliRunner().invoke(main, ["render", "examples/minimal.yaml", "-o", str(target)])
    assert result.exit_code == 2
    assert "cannot tell the format of -o" in result.output and "--format" in result.output
    assert not target.exists()
