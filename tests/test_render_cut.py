"""Cuts, captions and links: the chart book's hooks into the renderer (real SVG parsed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import orgraph
from orgraph.generate import generate_company
from orgraph.render.select import kinds_of, select

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def svg_nodes(svg: bytes) -> dict[str, tuple[list[str], str | None]]:
    """Drawn node title → (its text lines, the href of the link in its box); no junctions."""
    out = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if "node" not in group.get("class", "").split():
            continue
        title = group.find(f"{SVG}title").text
        if title.startswith("~"):
            continue
        anchor = group.find(f".//{SVG}a")
        texts = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        out[title] = (texts, None if anchor is None else anchor.get(XLINK))
    return out


def test_cut_hides_and_counts_everything_below_with_and_without_root() -> None:
    org = generate_company(300, seed=2)
    kinds = kinds_of(org)
    tops = list(org.line_subordinates("p1"))
    cut = set(tops[:3])
    nodes, collapsed = select(org, kinds, None, None, frozenset(), cut)
    hidden = set().union(*(nx.descendants(org, c) for c in cut))
    assert set(nodes) == set(org) - hidden
    assert {c: collapsed[c] for c in cut} == {c: len(nx.descendants(org, c)) for c in cut}
    assert set(collapsed) == {c for c in cut if nx.descendants(org, c)}
    with_root, counts = select(org, kinds, "p1", None, frozenset(), cut)
    assert with_root == nodes and counts == collapsed


def test_cut_and_depth_together_and_cut_staff_hidden() -> None:
    org = orgraph.load("examples/minimal.yaml")
    kinds = kinds_of(org)
    nodes, collapsed = select(org, kinds, "kommunestyre", 1, frozenset(), {"radmann"})
    assert "radmann" in nodes and "okonomi" not in nodes and "skole" not in nodes
    assert collapsed["radmann"] == 7  # two staff, kommunalsjef, skole, three barnehager
    uncut, _ = select(org, kinds, "kommunestyre", 1, frozenset())
    assert "okonomi" in uncut  # staff of a drawn manager are drawn when it is not cut


def test_captions_and_links_in_real_svg() -> None:
    org = generate_company(60, seed=1)
    cut = list(org.line_subordinates("p1"))
    big = max(cut, key=lambda c: len(nx.descendants(org, c)))
    below = len(nx.descendants(org, big))
    svg = orgraph.render(org, "svg", engine="embedded", root="p1", cut=cut,
                         captions={big: f"{below} people, page 2", "p1": 'top & <b>"'},
                         links={big: "#page-2", "p1": "p1.svg?a=1&b=2"})
    drawn = svg_nodes(svg)
    assert set(drawn) == {"p1", *cut, *(s for s in org.successors("p1")
                                        if org.edges["p1", s]["relation"] == "staff")}
    texts, href = drawn[big]
    assert texts[-1] == f"{below} people, page 2" and href == "#page-2"
    assert texts[-2] == f"+{below} people below"  # the count (one person each), the caption
    texts, href = drawn["p1"]
    assert texts[-1] == 'top & <b>"' and href == "p1.svg?a=1&b=2"
    assert all(href is None for node, (_, href) in drawn.items() if node not in (big, "p1"))


@pytest.mark.parametrize("bad", ['"];evil[label="x', "</a><script>x</script>"])
def test_untrusted_caption_and_link_stay_inside(bad: str) -> None:
    org = generate_company(5, seed=0)
    svg = orgraph.render(org, "svg", engine="embedded", captions={"p2": bad},
                         links={"p2": bad})
    drawn = svg_nodes(svg)
    assert drawn["p2"][0][-1] == bad and drawn["p2"][1] == bad
    assert b"<script" not in svg and "evil" not in drawn


@pytest.mark.parametrize(("people", "line"), [
    ({}, "+{n} units below"),  # no head counts: units only
    ({"headcount": 1}, "+{n} people below"),  # one person each: the units are people
    ({"headcount": 12}, "+{n} units, {p:,} people below"),
    ({"fte": 0.5}, "+{n} units, {f} FTE below"),
])
def test_a_cut_box_counts_the_people_below_it(people: dict, line: str) -> None:
    org = generate_company(400, seed=3)
    for node in org:
        for key in ("headcount", "fte"):
            org.nodes[node].pop(key, None)
        org.nodes[node].update(people)
    cut = list(org.line_subordinates("p1"))
    big = max(cut, key=lambda c: len(nx.descendants(org, c)))
    n = len(nx.descendants(org, big))
    drawn = svg_nodes(orgraph.render(org, "svg", engine="embedded", root="p1", cut=cut,
                                     lang="en"))
    f = f"{n * 0.5:.1f}".removesuffix(".0")
    assert drawn[big][0][-1] == line.format(n=n, p=n * 12, f=f)


def test_people_are_counted_only_when_every_hidden_node_has_a_number() -> None:
    org = generate_company(100, seed=3)
    cut = list(org.line_subordinates("p1"))
    big = max(cut, key=lambda c: len(nx.descendants(org, c)))
    org.nodes[next(iter(nx.descendants(org, big)))].pop("headcount")  # one unknown
    drawn = svg_nodes(orgraph.render(org, "svg", engine="embedded", root="p1", cut=cut,
                                     lang="no"))
    assert drawn[big][0][-1] == f"+{len(nx.descendants(org, big))} enheter under"


def test_the_dot_layout_counts_the_same_line() -> None:
    # --layout dot writes the cut box's line with the same rule as orgraph's own layout
    import re

    from orgraph.render.dot import to_dot

    org = generate_company(120, seed=4)
    top = max(org.line_subordinates("p1"), key=lambda c: len(nx.descendants(org, c)))
    people = re.findall(r"\+(\d+) people below", to_dot(org, root=top, depth=0, lang="en"))
    for node in org:
        org.nodes[node].pop("headcount")
    units = re.findall(r"\+(\d+) units below", to_dot(org, root=top, depth=0, lang="en"))
    assert people and people == units
    assert int(people[0]) > len(nx.descendants(org, top)) / 2
