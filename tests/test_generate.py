"""orgraph.generate: deterministic companies of realistic shape."""

from __future__ import annotations

import collections

import networkx as nx
import pytest

from orgraph import check_organisation, graphs_equal
from orgraph.generate import MAX_SPAN, generate_company


@pytest.mark.parametrize("n", [1, 2, 16, 150, 1516, 5000])
def test_exact_size_one_tree_under_the_chief_executive(n: int) -> None:
    org = generate_company(n, seed=7)
    assert org.number_of_nodes() == n
    assert org.number_of_edges() == n - 1
    assert nx.is_arborescence(org)
    assert [v for v in org if org.in_degree(v) == 0] == ["p1"]
    assert org.nodes["p1"]["kind"] == "cao"
    assert check_organisation(org) == []


def test_same_seed_same_organisation_other_seed_other() -> None:
    assert graphs_equal(generate_company(500, seed=3), generate_company(500, seed=3))
    assert not graphs_equal(generate_company(500, seed=3), generate_company(500, seed=4))


def test_realistic_shape() -> None:
    org = generate_company(5000, seed=0)
    spans = [org.out_degree(v) for v in org if org.out_degree(v)]
    assert max(spans) <= MAX_SPAN
    assert 1 in spans and MAX_SPAN in spans
    assert 4.5 <= sum(spans) / len(spans) <= 8  # most managers lead a team of 4-8
    depth = nx.shortest_path_length(org.reporting_graph(), "p1")
    assert 6 <= max(depth.values()) <= 20  # a few deep branches, not a chain
    per_level = collections.Counter(depth.values())
    assert per_level[1] <= MAX_SPAN
    # subtrees are uneven: the biggest top division is several times the smallest
    below = {c: len(nx.descendants(org, c)) for c in org.line_subordinates("p1")}
    assert max(below.values()) >= 4 * (min(below.values()) + 1)


def test_kinds_staff_and_labels() -> None:
    org = generate_company(1516, seed=0)
    kinds = collections.Counter(org.nodes[v]["kind"] for v in org)
    assert set(kinds) == {"cao", "executive", "department", "unit", "staff"}
    for u, v, rel in org.edges(data="relation"):
        if rel == "staff":
            assert org.nodes[v]["kind"] == "staff" and org.out_degree(v) == 0
            assert len(nx.descendants(org, u)) >= 50
        else:
            assert rel == "line"
        assert (org.out_degree(v) > 0) == (org.nodes[v]["kind"] in ("executive", "department"))
    assert any(org.nodes[v].get("instructs") for v in org)
    name, title = org.nodes["p1"]["label"].split("\n")
    assert title == "Administrerende direktør" and len(name.split()) == 2
    assert org.nodes["p1"]["label_en"].endswith("\nChief executive")


def test_bad_size() -> None:
    with pytest.raises(ValueError, match="1 or more"):
        generate_company(-3)


def test_a_company_read_back_from_its_file_is_measured_and_drawn_alike() -> None:
    # the directors head their divisions (acts_for_cao=False, written to the file): read
    # back, the file's default (an executive acts for the CAO) must not move them into the
    # chief executive's row or change the CAO level
    import orgraph
    from orgraph.metrics.records import record
    from orgraph.render.pinned import pinned_layout

    org = generate_company(300, seed=2)
    back = orgraph.loads(orgraph.dump(org))
    assert {n: d.get("acts_for_cao") for n, d in back.nodes(data=True)
            if d["kind"] == "executive"} == {n: False for n in org.nodes
                                              if org.nodes[n]["kind"] == "executive"}
    assert record(back) == record(org)
    assert pinned_layout(back)[0].boxes == pinned_layout(org)[0].boxes
