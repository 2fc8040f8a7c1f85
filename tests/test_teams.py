"""Team lists (``--teams``): a manager's leaf reports drawn as one list box, read back from
the engine's SVG and DOT (no mocks)."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import svg_geometry as geo
from click.testing import CliRunner
from test_layout_geometry import ENGINES

import orgraph
from orgraph.cli import main
from orgraph.errors import RenderError
from orgraph.generate import generate_company
from orgraph.layout.teams import JOIN, MIN_TEAM, TeamSpec
from orgraph.model import Organisation
from orgraph.render.labels import BULLET, HANG
from orgraph.render.page import RenderNote
from orgraph.render.pinned import pinned_layout

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: bytes) -> Counter[str]:
    """Every text line drawn in the SVG, a list's bullet and hanging indent taken off, and
    the separator before a title drawn on its name's line."""
    root = ET.fromstring(svg)
    out: Counter[str] = Counter()
    for text in root.iter(f"{SVG}text"):
        line = (text.text or "").replace("\u00a0", " ").strip()
        line = line.removeprefix(BULLET.strip()).strip().removeprefix(HANG).strip()
        if line:  # (not the bold space that keeps a title on its name's baseline)
            out[line.removeprefix(JOIN.strip()).strip() if text.text.startswith(JOIN)
                else line] += 1
    return out


def _lists(org: Organisation, **options: object) -> list[TeamSpec]:
    _, specs, _, _ = pinned_layout(org, teams="lists", **options)
    return [s for boxes in specs.values() for s in boxes if isinstance(s, TeamSpec)]


@pytest.mark.parametrize("people", [150, 500])
def test_every_person_is_drawn_once(people: int) -> None:
    """Every text line of the boxes chart is in the list chart exactly as often (nothing
    lost, nothing doubled), fewer boxes are drawn, and every listed person's entry carries
    their node id and label."""
    org = generate_company(people, seed=1)
    boxes = orgraph.render(org, "svg", engine="embedded", teams="boxes")
    lists = orgraph.render(org, "svg", engine="embedded", teams="lists")
    assert _texts(lists) == _texts(boxes)
    listed = [m for spec in _lists(org, lang="en") for m in spec.members]
    assert len(listed) >= people // 2
    chart = geo.parse(lists)
    assert len(chart.boxes) == people - len(listed) + len(_lists(org, lang="en"))
    ids = Counter(g.get("id") for g in ET.fromstring(lists).iter(f"{SVG}g"))
    assert all(ids[f"a_{m}"] == 1 for m in listed)
    groups = {g.get("id"): g for g in ET.fromstring(lists).iter(f"{SVG}g")}
    for m in listed:  # the entry's id, and its whole label (in the chart's language) as tooltip
        tooltip = groups[f"a_{m}"].find(f"{SVG}a").get("{http://www.w3.org/1999/xlink}title")
        assert tooltip == " ".join(org.label(m, "en").split())
    assert not set(listed) & set(chart.boxes)


def test_which_reports_join_a_list() -> None:
    """Only operating units with nothing else joined to them, two or more per manager:
    staff, a unit with reports, a unit with a dotted line and a lone leaf keep their box."""
    org = generate_company(150, seed=2)
    lists = _lists(org)
    listed = {m for spec in lists for m in spec.members}
    assert all(len(spec.members) >= MIN_TEAM for spec in lists)
    for node in listed:
        assert org.nodes[node]["kind"] == "unit"
        assert org.out_degree(node) == 0 and org.in_degree(node) == 1
    staff = [n for n, k in org.nodes(data="kind") if k == "staff"]
    assert staff and not set(staff) & listed
    member = sorted(listed)[0]
    boss = next(iter(org.predecessors(member)))
    other = next(n for n in org if n not in (member, boss) and org.nodes[n]["kind"] != "unit")
    org.add_edge(other, member, relation="dotted")
    assert member not in {m for spec in _lists(org) for m in spec.members}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("people", [30, 150, 500])
def test_list_charts_read_cleanly(people: int, engine: str) -> None:
    """The geometry checks pass with lists, and every list has one reporting arrow into it,
    from its manager, entering from the top (under a bus) or, in an indented list, from the
    side facing its manager's spine (which ``bad_entries`` checks feeds a column)."""
    org = generate_company(people, seed=people)
    svg = orgraph.render(org, "svg", engine=engine, teams="lists")
    chart = geo.parse(svg)
    _, _, tree, _ = pinned_layout(org, lang="en", teams="lists")
    children = {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in tree.items.items()}
    assert geo.all_problems(chart, children) == []
    teams = [n for n, c in chart.classes.items() if "team" in c]
    assert teams
    sides = []
    for name in teams:
        into = [e for e in chart.edges if e.head == name]
        assert [(e.tail, e.variant) for e in into] == [(name.removesuffix("~team"), "line")]
        sides.append(geo.entry_side(into[0], chart.boxes[name]))
    assert "top" in sides and "bottom" not in sides


def test_auto_draws_lists_only_on_a_page_that_needs_them() -> None:
    """``auto`` (the default): boxes without a page; lists on a page where boxes put the
    text below 6 pt and lists lift it, with a note naming --teams boxes; boxes where the
    page holds them readably."""
    org = generate_company(80, seed=2)
    assert b"~team" not in orgraph.render(org, "dot")
    assert orgraph.render(org, "dot") == orgraph.render(org, "dot", teams="boxes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        small = orgraph.render(org, "dot", page="A4,landscape")
        roomy = orgraph.render(org, "dot", page="A3,landscape")
    assert b"~team" in small and b"~team" not in roomy
    notes = [w for w in caught if issubclass(w.category, RenderNote)]
    assert len(notes) == 1 and "--teams boxes" in str(notes[0].message)
    assert not [w for w in caught if "smallest text" in str(w.message)]  # lists: >= 6 pt


def test_bad_teams_values_are_refused() -> None:
    org = orgraph.load(Path(__file__).parent.parent / "examples" / "minimal.yaml")
    with pytest.raises(RenderError, match="unknown teams 'list'; use one of: boxes"):
        orgraph.render(org, "dot", teams="list")
    with pytest.raises(RenderError, match="drop --layout dot"):
        orgraph.render(org, "dot", teams="lists", layout="dot")
    from orgraph.render.marks import Marks
    from orgraph.render.pinned import to_pinned_dot

    with pytest.raises(RenderError, match="every person's own box"):
        to_pinned_dot(org, teams="lists", marks=Marks({}))


def _hostile() -> Organisation:
    org = Organisation(name="Hostile")
    org.add_node("boss", kind="cao", label="Sjef")
    evil = ['</td></tr></table>> ]; "x" [label="y', '<script>alert(1)</script> & "q"\nTitle']
    for i, label in enumerate(evil):
        org.add_node(f"u{i}", kind="unit", label=label)
        org.add_edge("boss", f"u{i}", relation="line")
    return org


def test_hostile_labels_stay_text_in_a_list() -> None:
    org = _hostile()
    dot = orgraph.render(org, "dot", teams="lists").decode()
    assert "boss~team" in dot and "<script>" not in dot and "&lt;script&gt;" in dot
    svg = orgraph.render(org, "svg", engine="embedded", teams="lists")
    root = ET.fromstring(svg)  # well-formed: nothing broke out of the label
    assert not list(root.iter(f"{SVG}script"))
    drawn = _texts(svg)  # wrapped as their boxes would be, every piece shown as text
    assert drawn == _texts(orgraph.render(org, "svg", engine="embedded", teams="boxes"))
    for piece in ("</td></tr></table>>", ']; "x" [label="y', "<script>alert(1)</script>",
                  '& "q"', "Title"):
        assert drawn[piece] == 1, piece


def test_cli_teams(tmp_path: Path) -> None:
    chart = tmp_path / "company.yaml"
    chart.write_text(orgraph.dump(generate_company(80, seed=2)), encoding="utf-8")
    out = tmp_path / "c.svg"
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(chart), "--page", "A4,landscape", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "note: " in result.output and "--teams boxes" in result.output
    assert "warning" not in result.output and b"~team" in out.read_bytes()
    result = runner.invoke(main, ["render", str(chart), "--page", "A4,landscape",
                                  "--teams", "boxes", "-o", str(out)])
    assert result.exit_code == 0 and b"~team" not in out.read_bytes()
    assert "smallest text would be" in result.output
    result = runner.invoke(main, ["render", str(chart), "--teams", "lists", "-o", str(out)])
    assert result.exit_code == 0 and b"~team" in out.read_bytes()
    for extra, why in ((["--layout", "dot"], "orgraph's own layout"),
                       (["--compare", str(chart)], "every person's own box"),
                       (["--book", str(tmp_path / "b.pdf")], "chart book"),
                       (["--format", "html"], "HTML chart"),
                       (["--teams", "rows"], "'rows' is not one of")):
        args = ["render", str(chart), "--teams", "lists", "-o", str(tmp_path / "x.svg"), *extra]
        if extra[0] == "--format":
            args[-3] = str(tmp_path / "x.html")
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (extra, result.output)
        assert why in result.output, (extra, result.output)


def test_readme_teams_command_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `--teams` command draws team lists."""
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    readme = (root / "README.md").read_text(encoding="utf-8")
    lines = [line.split() for line in readme.splitlines()
             if line.startswith("orgraph render") and "--teams" in line]
    assert lines
    for words in lines:
        args = words[1:]
        args[args.index("-o") + 1] = str(tmp_path / "teams.svg")
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert b"~team" in (tmp_path / "teams.svg").read_bytes()


def _big_team(size: int) -> Organisation:
    org = Organisation(name="Team")
    org.add_node("boss", kind="cao", label="Kari Nordmann\nDaglig leder")
    for i in range(size):
        org.add_node(f"u{i}", kind="unit", label=f"Person Nummer {i}\nRådgiver økonomi")
        org.add_edge("boss", f"u{i}", relation="line")
    return org


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("size", [5, 20, 40])
def test_entries_stay_inside_their_list(size: int, engine: str) -> None:
    """Every entry's text lies inside the list box, in as many columns as the list has
    (side by side, each as tall as its entries), names bold over titles."""
    from orgraph.layout.teams import PER_COLUMN
    from orgraph.layout.text import text_width

    svg = orgraph.render(_big_team(size), "svg", engine=engine, teams="lists")
    root = ET.fromstring(svg)
    group = next(g for g in root.iter(f"{SVG}g") if g.findtext(f"{SVG}title") == "boss~team")
    x0, y0, x1, y1 = geo.parse(svg).boxes["boss~team"]
    starts, names = set(), 0
    for text in group.iter(f"{SVG}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        bold = text.get("font-weight") == "bold"
        names += bold
        width = text_width(text.text, float(text.get("font-size")), bold=bold)
        assert x0 < x and x + width < x1 and y0 < y - 9 and y < y1, (text.text, x, y)
        starts.add(round(x))
    assert names == size
    assert len(starts) == -(-size // PER_COLUMN)


@pytest.mark.parametrize("name", ["rissa", "sveio-2002"])
def test_bundled_charts_with_lists(name: str) -> None:
    """A municipality's one-line units in a list get bullets (as an aggregate's items), so
    that five units never read as one unit's wrapped name; every unit still drawn once and
    the geometry clean."""
    org = orgraph.load(Path(__file__).resolve().parent.parent / "charts" / f"{name}.yaml")
    lists = _lists(org)
    assert lists and all(line.startswith(BULLET) for s in lists for line in s.lines)
    svg = orgraph.render(org, "svg", engine="embedded", teams="lists")
    assert _texts(svg) == _texts(orgraph.render(org, "svg", engine="embedded", teams="boxes"))
    root = ET.fromstring(svg)
    bullets = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith(BULLET)]
    assert len(bullets) >= sum(len(s.members) for s in lists)
    _, _, tree, _ = pinned_layout(org, teams="lists")
    children = {k: [*i.staff, *i.band, *i.peers, *i.children] for k, i in tree.items.items()}
    assert geo.all_problems(geo.parse(svg), children) == []


def test_a_hostile_node_id_in_a_list_stays_an_attribute() -> None:
    org = _hostile()
    from orgraph.render.labels import dot_name

    evil = 'u"2<x>'
    org.add_node(evil, kind="unit", label="Tredje")
    org.add_edge("boss", evil, relation="line")
    svg = orgraph.render(org, "svg", engine="embedded", teams="lists")
    ids = {g.get("id") for g in ET.fromstring(svg).iter(f"{SVG}g")}
    assert "a_" + dot_name(evil) in ids and '"' not in dot_name(evil)
