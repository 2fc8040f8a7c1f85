"""Before/after charts (``orgraph render NEW --compare OLD``), read back from the embedded
engine's SVG: removed units greyed, struck and where they were, added ones highlighted,
moved ones saying where they came from, the legend's changes rows, clean geometry, and the
two halves of a side-by-side chart in the same order."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import svg_geometry as geo
from click.testing import CliRunner

import orgraph
from orgraph.cli import main
from orgraph.render.compare import render_compare, side_by_side_dot
from orgraph.render.marks import MARK_STYLE
from orgraph.render.pinned import pinned_layout
from orgraph.render.union import ChangeSet, union

ROOT = Path(__file__).resolve().parent.parent
CHARTS = ROOT / "charts"
PAIRS = [("rissa", "rissa-2002-06"), ("evenes-1998", "evenes"), ("loten", "loten-2002-10"),
         ("sveio", "sveio-2002")]
SVG = geo.SVG


def load_pair(old: str, new: str) -> tuple[orgraph.Organisation, orgraph.Organisation]:
    return orgraph.load(CHARTS / f"{old}.yaml"), orgraph.load(CHARTS / f"{new}.yaml")


def nodes_of(svg: bytes) -> dict[str, ET.Element]:
    """Node name → its SVG group."""
    root = ET.fromstring(svg)
    out = {}
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if "node" in (group.get("class") or "").split() and title is not None:
            out[title.text] = group
    return out


def outline(group: ET.Element) -> ET.Element:
    return next(e for e in group if e.tag in (f"{SVG}polygon", f"{SVG}ellipse", f"{SVG}path"))


def texts(group: ET.Element) -> list[ET.Element]:
    return list(group.iter(f"{SVG}text"))


def drawn_tree(org: orgraph.Organisation, captions: dict, **options) -> dict[str, list[str]]:
    _, _, tree, _ = pinned_layout(org, captions=captions, **options)
    return {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in tree.items.items()}


@pytest.fixture(scope="module")
def rissa() -> tuple[bytes, geo.Chart]:
    svg = render_compare(*load_pair("rissa", "rissa-2002-06"), "svg", engine="embedded",
                         legend=True)
    return svg, geo.parse(svg)


def test_removed_units_are_grey_struck_and_where_they_were(rissa) -> None:
    svg, chart = rissa
    nodes = nodes_of(svg)
    old = orgraph.load(CHARTS / "rissa.yaml")
    removed = ["ass_radmann_ho", "re_helse_omsorg", "ass_radmann_oppvekst", "re_oppvekst",
               "utvikling_forvaltning", "kultur", "bibliotek", "kulturskole",
               "stottefunksjoner"]
    for node in removed:
        group = nodes[node]
        assert "removed" in group.get("class").split(), node
        shape = outline(group)
        assert shape.get("stroke") == MARK_STYLE["removed"]["color"], node
        assert shape.get("stroke-dasharray"), node  # a dashed outline
        assert all(t.get("text-decoration") == "line-through" for t in texts(group)), node
        assert all(t.get("fill") == MARK_STYLE["removed"]["fontcolor"] for t in texts(group))
        # hung from its old superior, on a grey dashed line
        sup = next(iter(old.predecessors(node)))
        line = [e for e in chart.edges if e.tail == sup and e.head == node]
        assert line and "removed" in line[0].classes, node
    boxes = chart.boxes
    # the assistant CAOs in the CAO's row (they acted for the CAO), their units below them
    for exe, units in (("ass_radmann_ho", "re_helse_omsorg"),
                       ("ass_radmann_oppvekst", "re_oppvekst")):
        assert abs(boxes[exe][1] - boxes["radmann"][1]) < 2  # tops in one row
        assert boxes[units][1] > boxes[exe][3]
    # kultur, bibliotek, kulturskole keep their old order among the CAO's units
    xs = [boxes[n][0] for n in ("utvikling_forvaltning", "kultur", "bibliotek", "kulturskole")]
    assert xs == sorted(xs)
    # shared units are not marked
    for node in ("kommunestyre", "radmann", "hovedutvalg_1"):
        assert not {"removed", "added", "moved"} & set(nodes[node].get("class").split())


def test_added_units_are_highlighted(rissa) -> None:
    svg, _ = rissa
    nodes = nodes_of(svg)
    for node in ("stabsfunksjoner", "ikt", "ppt", "resultatenheter"):
        shape = outline(nodes[node])
        assert "added" in nodes[node].get("class").split()
        assert shape.get("stroke") == MARK_STYLE["added"]["color"]
        assert float(shape.get("stroke-width")) == float(MARK_STYLE["added"]["penwidth"])
        assert not any(t.get("text-decoration") for t in texts(nodes[node]))


def test_legend_has_the_changes_rows(rissa) -> None:
    svg, _ = rissa
    legend = [" ".join(t.text or "" for t in texts(g)) for n, g in nodes_of(svg).items()
              if "legend" in g.get("class")]
    assert "Endringer" in legend
    assert "Fjernet (grå, gjennomstreket)" in legend and "Ny" in legend
    # the renamed leader group is not drawn (no --show coordination): no row for it
    assert not any("Nytt navn" in t for t in legend)
    samples = [g for g in nodes_of(svg).values() if g.get("class") == "node legend mark removed"]
    assert samples and outline(samples[0]).get("stroke-dasharray")
    shown = render_compare(*load_pair("rissa", "rissa-2002-06"), "svg", engine="embedded",
                           legend=True, show="coordination")
    assert b"Nytt navn (gammelt \xe2\x86\x92 nytt)" in shown
    assert "Rådmannens ledergruppe" in shown.decode()  # "Ledergruppen → Rådmannens ..."


def test_moved_unit_says_where_it_came_from_in_the_chart_language() -> None:
    old, new = load_pair("loten", "loten-2002-10")
    for lang, word in (("no", "fra"), ("en", "from")):
        svg = render_compare(old, new, "svg", engine="embedded", lang=lang)
        group = nodes_of(svg)["servicekontor"]
        classes = group.get("class").split()
        assert "moved" in classes and "renamed" in classes
        assert outline(group).get("stroke") == MARK_STYLE["moved"]["color"]  # moved wins
        lines = texts(group)
        note = [t.text for t in lines if t.get("font-style") == "italic"]
        assert note[0].startswith(f"{word}: ")
        sup = old.label("personal_organisasjonsstab", lang)
        assert " ".join(note) == f"{word}: {sup}"
        label = " ".join(t.text for t in lines if t.get("font-style") != "italic")
        assert "→" in label and label.endswith(new.label("servicekontor", lang))


@pytest.mark.parametrize("options", [{}, {"expand": True, "lang": "en"}, {"show": "all"}],
                         ids=["plain", "expand-en", "show-all"])
@pytest.mark.parametrize(("old", "new"), PAIRS, ids=lambda p: p)
def test_geometry_is_clean(old: str, new: str, options: dict) -> None:
    before, after = load_pair(old, new)
    lang = options.get("lang", "no")
    org, marks = union(before, after, ChangeSet.of(orgraph.diff(before, after)), lang=lang)
    svg = render_compare(before, after, "svg", engine="embedded", legend=True, **options)
    layout_options = {k: v for k, v in options.items() if k != "show"}
    tree = drawn_tree(org, dict(marks.captions), **layout_options, show=options.get("show"))
    assert geo.all_problems(geo.parse(svg), tree) == []
    side = geo.parse(render_compare(before, after, "svg", engine="embedded", legend=True,
                                    side_by_side=True, **options))
    assert geo.all_problems(side) == []


def _children(org: orgraph.Organisation) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in org:
        for sub in org.successors(node):
            if org.edges[node, sub]["relation"] in ("line", "staff", "delegation"):
                out.setdefault(node, []).append(sub)
    return out


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=lambda p: p)
def test_side_by_side_keeps_shared_units_in_the_same_order(old: str, new: str) -> None:
    before, after = load_pair(old, new)
    svg = render_compare(before, after, "svg", engine="embedded", side_by_side=True)
    boxes = geo.parse(svg).boxes
    left = [n for n in boxes if n.startswith("old/")]
    right = [n for n in boxes if not n.startswith(("old/", "~"))]
    assert left and right
    assert max(boxes[n][2] for n in left) < min(boxes[n][0] for n in right)  # two halves
    d = orgraph.diff(before, after)
    pairs = 0
    for sup, kids in _children(after).items():
        old_sup = d.matches.get(sup)
        if old_sup is None:
            continue
        shared = [k for k in kids if d.matches.get(k) in set(before.successors(old_sup))]
        if len(shared) < 2:
            continue

        def reading(name: str) -> tuple[float, float]:
            x0, y0, _, _ = boxes[name]
            return (round(y0), x0)

        right_order = sorted(shared, key=lambda k: reading(k))
        left_order = sorted(shared, key=lambda k: reading("old/" + d.matches[k]))
        assert left_order == right_order, (sup, left_order, right_order)
        pairs += 1
    assert pairs >= 1


def test_side_by_side_titles_and_marks() -> None:
    src = side_by_side_dot(*load_pair("rissa", "rissa-2002-06"), lang="en")
    assert "Before: Rissa municipality (2002)" in src
    assert "After: Rissa municipality (2002-06-20)" in src
    assert '"old/kultur" [' in src and "removed" in src.split('"old/kultur" [')[1][:400]
    assert "removed" not in src.split('\t"radmann" [')[1].split("]")[0]


def test_formats_and_a4() -> None:
    old, new = load_pair("sveio", "sveio-2002")
    assert render_compare(old, new, "png", engine="embedded")[1:4] == b"PNG"
    assert render_compare(old, new, "pdf", engine="embedded", page="A4").startswith(b"%PDF-")
    small = render_compare(old, new, "dot", page="A4,landscape").decode()
    assert 'size="' in small and "<s>" in small


def test_a_diff_against_itself_marks_nothing() -> None:
    org = orgraph.load(CHARTS / "sveio.yaml")
    src = side_by_side_dot(org, org, legend=True)
    assert "removed" not in src and "added" not in src and "Endringer" not in src
    plain = orgraph.render(org, "dot", legend=True).decode()
    assert render_compare(org, org, "dot", legend=True).decode() == plain


def test_removed_units_hang_under_the_nearest_surviving_ancestor() -> None:
    old = orgraph.Organisation(name="X")
    for node, kind in (("cao", "cao"), ("exe", "executive"), ("a", "unit"), ("b", "unit"),
                       ("c", "unit")):
        old.add_unit(node, kind=kind)
    for sup, sub in (("cao", "a"), ("cao", "exe"), ("exe", "b"), ("cao", "c")):
        old.add_relation(sup, sub)
    new = orgraph.Organisation(name="X")
    new.add_unit("cao", kind="cao")
    new.add_unit("c", kind="unit")
    new.add_relation("cao", "c")
    org, marks = union(old, new, ChangeSet.of(orgraph.diff(old, new, match="id")))
    assert sorted(marks.changes) == ["a", "b", "exe"]
    assert list(org.predecessors("b")) == ["exe"] and list(org.predecessors("exe")) == ["cao"]
    assert [n for n in org if n in ("a", "exe", "c")] == ["exe", "a", "c"]  # old order kept
    gone = orgraph.Organisation(name="X")
    gone.add_unit("cao", kind="cao")
    gone.add_unit("top", kind="council")
    gone.add_relation("top", "cao")
    old2 = orgraph.Organisation(name="X")
    for node, kind in (("top", "council"), ("mid", "cao"), ("low", "unit")):
        old2.add_unit(node, kind=kind)
    old2.add_relation("top", "mid")
    old2.add_relation("mid", "low")
    changes = ChangeSet({"top": "top"}, frozenset({"cao"}), frozenset({"low"}))
    org2, _ = union(old2, gone, changes)  # "mid" neither removed nor kept: skip to "top"
    assert list(org2.predecessors("low")) == ["top"]


def test_untrusted_labels_stay_text() -> None:
    old = orgraph.Organisation(name='<script>alert(1)</script>')
    old.add_unit("cao", kind="cao", label="Rådmann")
    old.add_unit("x", kind="unit", label='</s></td></tr></table>> <b>"&')
    old.add_unit("y", kind="unit", label="Flytt")
    old.add_relation("cao", "x")
    old.add_relation("x", "y")
    new = orgraph.Organisation(name='<script>alert(1)</script>')
    new.add_unit("cao", kind="cao", label="Rådmann")
    new.add_unit("y", kind="unit", label="Flytt")
    new.add_relation("cao", "y")
    for side in (False, True):
        svg = render_compare(old, new, "svg", engine="embedded", side_by_side=side, legend=True)
        root = ET.fromstring(svg)  # well-formed: nothing broke out
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
        words = " ".join(t.text for t in root.iter(f"{SVG}text"))
        assert '</s></td></tr></table>> <b>"&' in words
    moved = [t.text for t in ET.fromstring(render_compare(old, new, "svg", engine="embedded",
                                                          lang="en")).iter(f"{SVG}text")]
    after = " ".join(moved[moved.index("Flytt"):])
    assert after.startswith('Flytt from: </s></td></tr></table>> <b>"&')


# --- the command line ------------------------------------------------------------------

NEW, OLD = str(CHARTS / "rissa-2002-06.yaml"), str(CHARTS / "rissa.yaml")


def test_cli_writes_every_format(tmp_path: Path) -> None:
    for suffix, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF-"),
                          ("dot", b"digraph")):
        target = tmp_path / f"change.{suffix}"
        result = CliRunner().invoke(main, ["render", NEW, "--compare", OLD, "-o", str(target),
                                           "--legend", "--engine", "embedded"])
        assert result.exit_code == 0, result.output
        assert result.output == f"{target}\n"
        assert target.read_bytes().startswith(magic)
    side = tmp_path / "side.svg"
    result = CliRunner().invoke(main, ["render", NEW, "--compare", OLD, "--side-by-side",
                                       "-o", str(side), "--engine", "embedded"])
    assert result.exit_code == 0, result.output
    assert "old/radmann" in side.read_text(encoding="utf-8")


def test_cli_writes_standard_output_and_keeps_quiet() -> None:
    result = CliRunner().invoke(main, ["render", NEW, "--compare", OLD, "-o", "-", "--format",
                                       "svg", "--engine", "embedded"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml") and "removed" in result.stdout
    assert result.stderr == "<stdout>\n"
    quiet = CliRunner().invoke(main, ["render", NEW, "--compare", OLD, "-o", "-", "--format",
                                      "dot", "-q"])
    assert quiet.exit_code == 0 and quiet.stdout.startswith("digraph") and quiet.stderr == ""


def test_cli_outdir_names_the_chart_after_the_new_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", NEW, "--compare", OLD, "--outdir",
                                       str(tmp_path), "--format", "png", "--engine", "embedded"])
    target = tmp_path / "rissa-2002-06-change.png"
    assert result.exit_code == 0 and result.output == f"{target}\n"
    assert target.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("args", "message"), [
    (["--layout", "dot"], "--compare cannot be used with --layout dot"),
    (["--root", "radmann"], "--compare cannot be used with --root"),
    (["--book", "b.pdf"], "--compare cannot be used with --book"),
])
def test_cli_refuses_what_it_cannot_draw(tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "c.svg"
    result = CliRunner().invoke(main, ["render", NEW, "--compare", OLD, "-o", str(target),
                                       *args])
    assert result.exit_code == 2 and message in result.output
    assert not target.exists()


def test_cli_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["render", NEW, "--side-by-side", "-o", str(tmp_path / "a.svg")])
    assert result.exit_code == 2 and "--side-by-side needs --compare OLD" in result.output
    result = runner.invoke(main, ["render", NEW, OLD, "--compare", OLD])
    assert result.exit_code == 2 and "takes one new chart, got 2" in result.output
    result = runner.invoke(main, ["render", NEW, "--compare", OLD, "-o", str(tmp_path / "a.html")])
    assert result.exit_code == 2 and "not html" in result.output


def test_cli_small_text_warning_suggests_what_works(tmp_path: Path) -> None:
    target = tmp_path / "c.svg"
    result = CliRunner().invoke(main, ["render", str(CHARTS / "sveio-2002.yaml"), "--compare",
                                       str(CHARTS / "sveio.yaml"), "--side-by-side", "--page", "A4",
                                       "-o", str(target), "--engine", "embedded", "--legend"])
    assert result.exit_code == 0 and target.exists()  # the legend's 10 pt text is too small
    assert "below 6 pt: give a larger --page (A3, A2)" in result.stderr
    assert "--root" not in result.stderr


def test_cli_bad_old_file_names_it_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "old.yaml"
    bad.write_text("orgraph: 1\nunits:\n  - id: a\n    kind: nonsense\n", encoding="utf-8")
    target = tmp_path / "c.svg"
    result = CliRunner().invoke(main, ["render", NEW, "--compare", str(bad), "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert "old.yaml" in result.output and "nonsense" in result.output
    assert "Traceback" not in result.output and not target.exists()
    missing = CliRunner().invoke(main, ["render", NEW, "--compare", str(tmp_path / "no.yaml"),
                                        "-o", str(target)])
    assert missing.exit_code == 1 and "no.yaml" in missing.output and not target.exists()


def test_cli_as_a_real_process(tmp_path: Path) -> None:
    target = tmp_path / "change.svg"
    proc = subprocess.run([sys.executable, "-m", "orgraph", "render", NEW, "--compare", OLD,
                           "-o", str(target), "--engine", "embedded"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    nodes = nodes_of(target.read_bytes())
    assert "removed" in nodes["kultur"].get("class") and "added" in nodes["ppt"].get("class")


def test_pdf_strikes_through_and_shows_the_arrow(tmp_path: Path) -> None:
    """The PDF draws a line through each struck text, and "->" for the arrow Helvetica
    lacks."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTCurve, LTTextLine

    old, new = load_pair("loten", "loten-2002-10")
    target = tmp_path / "c.pdf"
    target.write_bytes(render_compare(old, new, "pdf", engine="embedded"))
    page = next(iter(extract_pages(target)))
    lines, strokes = [], []
    stack = list(page)
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLine):
            lines.append(item)
        elif isinstance(item, LTCurve) and abs(item.y0 - item.y1) < 0.5:
            strokes.append(item)
        elif hasattr(item, "__iter__"):
            stack.extend(item)
    text = {x.get_text().strip(): x for x in lines}
    assert "Offentlig servicekontor" in text and "-> Servicekontoret" in text
    struck = text["Plan- og"]  # the removed staff unit's first line

    def crosses(stroke: LTCurve, line: LTTextLine) -> bool:
        return (line.y0 < stroke.y0 < line.y1 and stroke.x0 <= line.x0 + 1
                and stroke.x1 >= line.x1 - 1)

    assert any(crosses(s, struck) for s in strokes)
    assert not any(crosses(s, text["Økonomistab"]) for s in strokes)


def test_readme_compare_commands_run(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Before/after pictures", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    assert "(docs/rissa-change.png)" in section and (ROOT / "docs" / "rissa-change.png").exists()
    for line in block.splitlines():
        args = line.split()[1:]
        i = args.index("-o") + 1
        args[i] = str(tmp_path / args[i])
        result = CliRunner().invoke(main, [*args, "--engine", "embedded"])
        assert result.exit_code == 0, (line, result.output)
        assert Path(args[i]).stat().st_size > 1000


def test_removed_units_keep_their_other_lines_greyed() -> None:
    """With --show coordination the old leader group's memberships of the removed assistant
    CAOs are drawn grey, still dotted (a membership, not a reporting line)."""
    svg = render_compare(*load_pair("rissa", "rissa-2002-06"), "svg", engine="embedded",
                         show="coordination")
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        if "edge" in (group.get("class") or "").split():
            found[group.findtext(f"{SVG}title")] = group
    for member in ("ass_radmann_ho", "ass_radmann_oppvekst"):
        group = found[f"ledergruppe->{member}"]
        assert group.get("class").split() == ["edge", "member", "removed"]
        path = group.find(f"{SVG}path")
        assert path.get("stroke") == MARK_STYLE["removed"]["color"]
        assert path.get("stroke-dasharray") == "1,5"  # dotted, as a membership is
    kept = found["ledergruppe->resultatenheter"]
    assert "removed" not in kept.get("class")


def _inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    """Whether a point is inside a convex polygon (either winding)."""
    signs = set()
    for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        cross = (bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax)
        if abs(cross) > 1e-6:
            signs.add(cross > 0)
    return len(signs) <= 1


@pytest.mark.parametrize("svg", [
    lambda: orgraph.render(orgraph.load(CHARTS / "arendal.yaml"), "svg", engine="embedded",
                           show="all"),
    lambda: render_compare(*load_pair("loten", "loten-2002-10"), "svg", engine="embedded"),
], ids=["arendal", "loten-change"])
def test_hexagon_text_clears_the_slanted_sides(svg) -> None:
    """Every line of a hexagon (a coordination body, or a moved one with its note) keeps its
    ink inside the hexagon."""
    from orgraph.layout.text import text_width

    checked = 0
    for name, group in nodes_of(svg()).items():
        shape = group.find(f"{SVG}polygon")
        if shape is None or len(shape.get("points").split()) != 7:
            continue
        poly = [tuple(map(float, p.split(","))) for p in shape.get("points").split()[:-1]]
        for text in texts(group):
            size = float(text.get("font-size"))
            width = text_width(text.text, size)
            x, y = float(text.get("x")), float(text.get("y"))
            x -= width / 2 if text.get("text-anchor") == "middle" else 0.0
            for corner in ((x, y), (x + width, y), (x, y - 0.72 * size),
                           (x + width, y - 0.72 * size)):
                assert _inside(corner, poly), (name, text.text)
            checked += 1
    assert checked >= 4


def test_a_removed_unit_whose_id_a_new_unit_has_is_kept_apart() -> None:
    """Matched by label only, an old unit can be removed while a new one takes its id."""
    old = orgraph.Organisation(name="X")
    new = orgraph.Organisation(name="X")
    for org, label in ((old, "Skole"), (new, "Barnehage")):
        org.add_unit("cao", kind="cao", label="Rådmann")
        org.add_unit("x", kind="unit", label=label)
        org.add_relation("cao", "x")
    changes = ChangeSet({"cao": "cao"}, frozenset({"x"}), frozenset({"x"}))
    org, marks = union(old, new, changes)
    assert list(org) == ["cao", "x~was", "x"]
    assert marks.changes == {"x~was": ("removed",), "x": ("added",)}
    svg = render_compare(old, new, "svg", changes, engine="embedded")
    groups = {" ".join(t.text for t in texts(g)): g.get("class").split()
              for g in nodes_of(svg).values()}
    assert "removed" in groups["Skole"] and "added" in groups["Barnehage"]


def test_union_names_and_walks_stay_safe() -> None:
    """A removed id that a new unit and another old unit both have gets a name of its own;
    a reporting cycle among units the changes leave out ends the walk up (no hang)."""
    old = orgraph.Organisation(name="X")
    for node in ("cao", "x", "x~was"):
        old.add_unit(node, kind="cao" if node == "cao" else "unit")
    old.add_relation("cao", "x")
    old.add_relation("cao", "x~was")
    new = orgraph.Organisation(name="X")
    new.add_unit("cao", kind="cao")
    new.add_unit("x", kind="unit")  # another unit under the old id
    new.add_relation("cao", "x")
    changes = ChangeSet({"cao": "cao"}, frozenset({"x"}), frozenset({"x", "x~was"}))
    org, marks = union(old, new, changes)
    assert marks.changes == {"x~was": ("removed",), "x~was~was": ("removed",),
                             "x": ("added",)}
    assert len(org) == 4
    looped = orgraph.Organisation(name="Y")
    for node in ("a", "b", "c"):
        looped.add_unit(node, kind="unit")
    for sup, sub in (("a", "b"), ("b", "a"), ("b", "c")):
        looped.add_relation(sup, sub)
    target = orgraph.Organisation(name="Y")
    org, _ = union(looped, target, ChangeSet({}, removed=frozenset({"c"})))
    assert list(org.predecessors("c")) == []  # nothing survived above it: a top of its own


@pytest.mark.system_graphviz
@pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz not installed")
@pytest.mark.parametrize(("old", "new"), PAIRS, ids=lambda p: p)
def test_system_graphviz_draws_the_marks_too(old: str, new: str) -> None:
    before, after = load_pair(old, new)
    svg = render_compare(before, after, "svg", engine="system", legend=True)
    assert geo.all_problems(geo.parse(svg)) == []
    removed = [g for g in nodes_of(svg).values()
               if "removed" in g.get("class").split() and "legend" not in g.get("class")]
    assert removed or old == "evenes-1998"  # Evenes 2002 only adds to the 1998 chart
    for group in removed:
        assert outline(group).get("stroke-dasharray")
        assert all(t.get("text-decoration") == "line-through" for t in texts(group))
