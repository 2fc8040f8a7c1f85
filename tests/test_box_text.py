"""What a box says, read back from the engine's SVG: a person's title under the name, a
post's holder, a junior group's roles, and two list columns set line by line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

import orgraph
from orgraph.layout.text import line_height

DATA = Path(__file__).parent / "data"
SVG = "{http://www.w3.org/2000/svg}"


def node_texts(svg: bytes) -> dict[str, list[tuple[float, float, str]]]:
    """Per node (its SVG title), its text elements as (x, y, text)."""
    out = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if (group.get("class") or "").split()[:1] != ["node"]:
            continue
        title = group.find(f"{SVG}title").text
        out[title] = [(float(t.get("x")), float(t.get("y")), "".join(t.itertext()))
                      for t in group.iter(f"{SVG}text")]
    return out


@pytest.mark.parametrize("layout", ["tree", "dot"])
def test_a_tables_job_title_stands_under_the_name(tmp_path: Path, layout: str) -> None:
    table = tmp_path / "hr.csv"
    table.write_text("id,manager,name,title\n1,,Kari Nordmann,CEO\n2,1,Ola Hansen,CFO\n"
                     "3,1,Per Olsen,Head of IT\n", encoding="utf-8")
    texts = node_texts(orgraph.render(orgraph.load(table), "svg", layout=layout))
    for node, name, title in (("1", "Kari Nordmann", "CEO"), ("3", "Per Olsen", "Head of IT")):
        lines = [t for _, _, t in sorted(texts[node], key=lambda t: t[1])]
        assert lines == [name, title], (node, lines)


def test_an_organograms_post_shows_its_holder_but_not_n_d(tmp_path: Path) -> None:
    senior = tmp_path / "x-senior.csv"
    rows = (DATA / "organogram-senior.csv").read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace("Ravi Sample", "N/D")
    senior.write_text("\n".join(rows) + "\n", encoding="utf-8")
    org = orgraph.load(senior)
    texts = {node: " ".join(t for _, _, t in lines)
             for node, lines in node_texts(orgraph.render(org, "svg")).items()}
    assert "Jane Example" in texts["PS001"] and "Permanent Secretary" in texts["PS001"]
    assert "N/D" not in texts["DG010"] and "Director General" in texts["DG010"]


def test_a_junior_group_names_its_roles_and_sets_both_columns_line_by_line() -> None:
    """The count is of grade × title rows: the heading says "roles", no bare "(22)"; the two
    columns hold about as many lines each, every line one line height below the last."""
    items = [f"Officer grade {i} (Band {'ABCDEFG'[i % 7]} (National)): {i % 3 + 1} FTE"
             if i >= 8 else f"Clerk {i}: 1 FTE" for i in range(22)]
    org = orgraph.Organisation(name="Lights")
    org.add_node("ce", kind="cao", label="Chief Executive")
    org.add_node("j", kind="unit_group", label="Junior posts (40 FTE in 22 roles)", count=22,
                 count_of="rows", items=items)
    org.add_edge("ce", "j", relation="line")
    lines = node_texts(orgraph.render(org, "svg"))["j"]
    heading = min(lines, key=lambda t: t[1])
    assert heading[2] == "Junior posts (40 FTE in 22 roles)"
    columns = defaultdict(list)
    for x, y, _ in lines:
        if y > heading[1]:
            columns[x < min(x for x, _, t in lines if t.startswith("• ")) + 100].append(y)
    assert len(columns) == 2
    left, right = (sorted(ys) for ys in columns.values())
    assert abs(len(left) - len(right)) <= 2
    step = line_height(12.0)
    for ys in (left, right):
        gaps = [b - a for a, b in pairwise(ys)]
        assert max(abs(g - step) for g in gaps) < 1.0, gaps  # not spread over the taller


def test_an_organograms_junior_box_says_roles_not_a_bare_count() -> None:
    """The junior posts of an organogram are grade × title rows: the box heading counts them
    as roles, and no "(2)" that would read as two posts is appended."""
    org = orgraph.load(DATA / "organogram-senior.csv")
    groups = [n for n, kind in org.nodes(data="kind") if kind == "unit_group"]
    assert groups
    texts = node_texts(orgraph.render(org, "svg"))
    for node in groups:
        rows = org.nodes[node]["count"]
        text = " ".join(t for _, _, t in sorted(texts[node], key=lambda t: t[1]))
        word = "role" if rows == 1 else "roles"
        assert f" FTE in {rows} {word})" in text and f"{word}) ({rows})" not in text, text
