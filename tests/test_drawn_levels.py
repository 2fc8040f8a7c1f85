"""drawn_levels counts the levels of the drawn nodes as networkx's bfs_layers does, and
category_of answers a kind's value and the kind alike."""

from __future__ import annotations

import networkx as nx
import pytest

from orgraph.generate import generate_company
from orgraph.model import Category, Kind, category_of
from orgraph.render.drawable import drawn_levels
from orgraph.render.options import check_options, parse_show
from orgraph.render.select import LEVEL_RELATIONS, select


def _layers(org: nx.DiGraph, nodes: list[str]) -> int:
    drawn = set(nodes)
    level = nx.DiGraph((u, v) for u, v, rel in org.edges(data="relation")
                       if rel in LEVEL_RELATIONS and u in drawn and v in drawn)
    level.add_nodes_from(drawn)
    tops = [n for n in level if level.in_degree(n) == 0]
    return len(list(nx.bfs_layers(level, tops)))


@pytest.mark.parametrize(("people", "seed", "depth"), [(300, 1, None), (2000, 4, None),
                                                        (2000, 4, 3), (5000, 2, 5)])
def test_drawn_levels_are_the_breadth_first_layers_of_the_drawn_nodes(
        people: int, seed: int, depth: int | None) -> None:
    org = generate_company(people, seed=seed)
    kinds = check_options(org, "en", None, depth, 6)
    nodes, _ = select(org, kinds, None, depth, parse_show(None))
    assert drawn_levels(org, nodes) == _layers(org, nodes) >= (depth or 3)


def test_a_kind_and_its_value_have_one_category() -> None:
    for kind in Kind:
        assert category_of(kind) is category_of(kind.value)
    assert category_of("staff") is Category.STAFF
    with pytest.raises(ValueError):
        category_of("no such kind")
