"""The Organisation model: a networkx DiGraph with typed nodes and edges."""

import networkx as nx
import pytest

from orgraph.model import (
    Category,
    Kind,
    Organisation,
    Relation,
    category_of,
    graphs_equal,
)


def small() -> Organisation:
    org = Organisation(name="Test")
    org.add_unit("ks", kind="council")
    org.add_unit("rm", kind="cao", label="Rådmann")
    org.add_unit("a", kind="unit")
    org.add_unit("b", kind="unit_group", count=4)
    org.add_unit("s", kind="staff")
    org.add_relation("ks", "rm")
    org.add_relation("rm", "a")
    org.add_relation("rm", "b")
    org.add_relation("rm", "s", "staff")
    org.add_relation("a", "b", Relation.DOTTED)
    return org


def test_is_a_networkx_digraph_that_algorithms_take():
    org = small()
    assert isinstance(org, nx.DiGraph)
    assert nx.shortest_path_length(org, "ks", "b") == 2
    assert nx.is_directed_acyclic_graph(org)
    sub = org.subgraph(["rm", "a"])
    assert list(sub.edges) == [("rm", "a")]
    assert isinstance(org.copy(), Organisation)


def test_dotted_line_never_changes_the_line_superior():
    org = small()
    assert org.line_superior("b") == "rm"
    assert sorted(org.line_subordinates("rm")) == ["a", "b"]
    assert org.line_superior("ks") is None
    assert sorted(org.reporting_graph().edges) == [("ks", "rm"), ("rm", "a"), ("rm", "b")]
    assert ("a", "b") in org.reporting_graph(dotted=True).edges


def test_kinds_cover_the_report_and_map_to_categories():
    assert {category_of(k) for k in Kind} == set(Category)
    assert Kind.ADVISORY_COMMITTEE.category is Category.POLITICAL
    assert Kind.CAO.category is Category.CHIEF_EXECUTIVE
    assert Kind.UNIT_GROUP.category is Category.PERFORMANCE
    assert Kind.SERVICE_OFFICE.category is Category.COORDINATION
    with pytest.raises(ValueError):
        Kind("skole")


def test_only_line_is_reporting():
    assert [r for r in Relation if r.is_reporting] == [Relation.LINE]


def test_labels_and_languages():
    org = small()
    org.nodes["rm"]["label_en"] = "CAO"
    assert org.label("rm") == "Rådmann"
    assert org.label("rm", "en") == "CAO"
    assert org.label("a", "en") == "a"


def test_graphs_equal_sees_every_attribute():
    a, b = small(), small()
    assert graphs_equal(a, b)
    b.edges["rm", "a"]["note"] = "x"
    assert not graphs_equal(a, b)
    b = small()
    b.graph["inhabitants"] = 1
    assert not graphs_equal(a, b)
