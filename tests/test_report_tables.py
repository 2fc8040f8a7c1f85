"""The nine survey charts reproduce NIBR-rapport 2002:21 through the public metrics API.

Expected values are typed from the report (as summarised in the design notes), not read
from the charts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import orgraph
from orgraph import metrics
from orgraph.metrics.records import record

CHARTS = Path(__file__).resolve().parent.parent / "charts"
ORDER = ["evenes", "sveio", "rissa", "loten", "strand", "lier", "moss", "arendal", "larvik"]


@pytest.fixture(scope="module")
def orgs() -> dict[str, orgraph.Organisation]:
    return {name: orgraph.load(CHARTS / f"{name}.yaml") for name in ORDER}


def column(orgs: dict, func) -> list:
    return [func(orgs[name]) for name in ORDER]


# ------------------------------------------------------------------------ Table 2.1
def test_table_2_1_inhabitants(orgs: dict) -> None:
    assert column(orgs, lambda o: record(o)["inhabitants"]) == [
        1523, 4623, 6449, 7188, 9969, 21543, 27338, 39446, 40386]


def test_table_2_1_years_of_experience(orgs: dict) -> None:
    assert column(orgs, lambda o: record(o)["years_of_experience"]) == [
        4, 3, 5, 8, 9, 3, 1, 2, 2]


def test_table_2_1_leader_team(orgs: dict) -> None:
    assert column(orgs, metrics.leader_team) == [
        "3", "5", "3", "4+8", "2+8", "7", "4", "5", "1+65"]


def test_table_2_1_central_staff(orgs: dict) -> None:
    assert column(orgs, metrics.central_staff) == [
        True, True, True, True, False, False, True, True, True]


def test_table_2_1_performance_units(orgs: dict) -> None:
    assert column(orgs, metrics.performance_units) == [8, 15, 20, 8, 8, 54, 35, 65, 65]


def test_table_2_1_political_organisation(orgs: dict) -> None:
    assert column(orgs, metrics.political_organisation) == [
        "no committees", "hovedutvalg", "hovedutvalg", "utvalg F", "utvalg F",
        "hovedutvalg", "utvalg", "komité", "komité"]


# ------------------------------------------------------------------------ Table 4.1
TABLE_4_1 = {  # council members, committees, principle
    "evenes": (17, 0, None),
    "sveio": (25, 4, "sector"),
    "loten": (25, 2, "function"),
    "strand": (29, 2, "function"),
    "rissa": (37, 3, "sector"),
    "lier": (49, 4, "sector"),
    "moss": (47, 4, "sector"),
    "larvik": (53, 4, "sector"),
    "arendal": (39, 4, None),  # 4 komiteer, no stated principle
}


@pytest.mark.parametrize("name", ORDER)
def test_table_4_1(orgs: dict, name: str) -> None:
    org = orgs[name]
    got = (metrics.council_size(org), metrics.committees(org), metrics.committee_principle(org))
    assert got == TABLE_4_1[name]


def test_table_4_1_komiteer_are_advisory(orgs: dict) -> None:
    for name in ("larvik", "arendal"):
        assert metrics.political_organisation(orgs[name]) == "komité"


# ------------------------------------------------------------------------ Table 4.2
TABLE_4_2 = {  # decision authority, area of responsibility
    "sveio": (True, "sector"), "rissa": (True, "sector"), "lier": (True, "sector"),
    "moss": (True, "sector"), "loten": (True, "cross-sector"),
    "strand": (True, "cross-sector"), "larvik": (False, "sector"),
    "arendal": (False, "cross-sector"), "evenes": (None, None),
}


@pytest.mark.parametrize("name", ORDER)
def test_table_4_2(orgs: dict, name: str) -> None:
    from orgraph.metrics.report import committee_scope

    org = orgs[name]
    assert (metrics.decision_authority(org), committee_scope(org)) == TABLE_4_2[name]


# ------------------------------------------------------------------------ chapter 5.2
def test_unit_leaders_in_the_leader_group(orgs: dict) -> None:
    assert {n for n in ORDER if metrics.includes_unit_leaders(orgs[n])} == {
        "larvik", "loten", "strand"}


def test_staff_leaders_in_the_leader_group(orgs: dict) -> None:
    assert {n for n in ORDER if metrics.includes_staff_leaders(orgs[n])} == {
        "sveio", "evenes", "loten"}


def test_loten_most_integrated_and_the_least_integrated(orgs: dict) -> None:
    scores = {n: metrics.integration(orgs[n]) for n in ORDER}
    assert max(scores, key=scores.get) == "loten"
    assert [n for n in ORDER if scores[n] == max(scores.values())] == ["loten"]
    assert {n for n in ORDER if scores[n] == 0} == {"lier", "arendal", "moss", "rissa"}


def test_management_capacity(orgs: dict) -> None:
    capacity = {n: metrics.management_capacity(orgs[n]) for n in ORDER}
    assert max(capacity, key=capacity.get) == "lier"  # rådmann + six kommunalsjefer
    assert capacity["lier"] == 7
    assert min(capacity, key=capacity.get) == "larvik" and capacity["larvik"] == 1
    ranked = sorted(capacity, key=capacity.get, reverse=True)
    assert set(ranked[1:3]) == {"arendal", "sveio"}  # "også i Arendal og Sveio ... høy"


# ------------------------------------------------------------------------ levels
def test_management_levels(orgs: dict) -> None:
    assert metrics.management_levels(orgs["lier"]) == 2
    assert metrics.management_levels(orgs["larvik"]) == 2
    assert metrics.management_levels(orgs["sveio"]) == 2.5


def test_lier_span_per_kommunalsjef(orgs: dict) -> None:
    assert metrics.team_span(orgs["lier"]) == pytest.approx(54 / 5)


def test_raw_depth_differs_from_management_levels(orgs: dict) -> None:
    assert metrics.depth_from_cao(orgs["sveio"]) == 2
    assert metrics.depth_from_council(orgs["sveio"]) == 3
