"""Fuzzing the whole path: random tables, YAML charts and JSON charts through load → validate →
metrics → render DOT → convert.

Every generated file must either be refused with a clean :class:`~orgraph.errors.OrgraphError`
whose message names the file, or load into an organisation whose metrics and DOT source can
be computed (or refused cleanly) and that survives a YAML round trip unchanged. Any other
exception is a bug.

The budget is small in the default run (profile ``ci``: 100 examples per test); the scheduled
job sets ``HYPOTHESIS_PROFILE=nightly`` for a longer search. ``HYPOTHESIS_PROFILE=dev`` prints
the failing example's file.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import pydot
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orgraph
from orgraph import formats
from orgraph.errors import OrgraphError
from orgraph.formats import Report
from orgraph.metrics.records import record

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=300, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

KINDS = ["council", "executive_committee", "committee", "political_body", "cao", "executive",
         "staff", "unit", "unit_group", "department", "leader_group", "coordination_council",
         "chief_executive", "performance"]
RELATIONS = ["line", "dotted", "staff", "delegation", "member", "order", "service"]
IDS = ["a", "b", "c", "d", "e", "1", "2", "10"]

#: Values of every JSON and YAML type, numbers at their edges included.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(IDS + KINDS + RELATIONS + ["", " ", "nan", "inf", "-1", "1e400"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
ids = st.sampled_from(IDS) | st.text(min_size=1, max_size=4)
cells = st.one_of(st.sampled_from(IDS + KINDS + RELATIONS + ["", "nan", "inf", "-3", "2.5",
                                                             "10000000000000000000"]),
                  st.text(max_size=8))


def _tmp(suffix: str, data: str | bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="orgraph-fuzz-"))
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


def _named(exc: OrgraphError, path: Path) -> None:
    assert path.name in str(exc), f"the error does not name {path.name}: {exc}"


def _round_trip(org: orgraph.Organisation, path: Path) -> None:
    report = Report(str(path))
    out = path.with_name("round-trip.yaml")
    formats.write(org, out, report=report)
    if report.dropped:  # what YAML cannot carry was reported: nothing to compare
        return
    again = orgraph.load(out)
    assert orgraph.graphs_equal(again, org), "the YAML round trip changed the organisation"


def check_pipeline(path: Path, **options: Any) -> None:
    """load → validate → metrics → render DOT → convert; see the module docstring."""
    try:
        org = orgraph.load(path, report=Report(str(path)), **options)
    except OrgraphError as exc:
        _named(exc, path)
        return
    try:
        formats.read(path, report=Report(str(path)), strict=True, **options)
    except OrgraphError as exc:
        _named(exc, path)
    try:
        rec = record(org)
        json.dumps(rec, default=str)
    except OrgraphError:
        pass
    try:
        source = orgraph.render(org, "dot").decode("utf-8")
    except OrgraphError:
        pass
    else:
        parsed = pydot.graph_from_dot_data(source)
        assert parsed is not None and len(parsed) == 1, "the DOT source does not parse as one graph"
    _round_trip(org, path)


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str]:
    """A CSV or TSV file: random headers (the table columns among them) and random cells."""
    header = draw(st.lists(st.sampled_from(["id", "reports_to", "name", "kind", "headcount",
                                            "fte", "dotted", "relation", "count"])
                           | st.text(max_size=6), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(
        st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return (".tsv" if delimiter == "\t" else ".csv"), buffer.getvalue()


@st.composite
def chart_nodes(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    """A chart node: a known kind mostly, the chart's keys with random values."""
    node: dict[str, Any] = {"id": draw(ids), "kind": draw(st.sampled_from(KINDS) | values)}
    for key in draw(st.lists(st.sampled_from(
            ["label", "headcount", "count", "seats", "parent", "dotted", "members", "items",
             "relation", "instructs", "data", "source"]), max_size=3, unique=True)):
        node[key] = draw(st.sampled_from(IDS + RELATIONS) | values)
    if depth < 2 and draw(st.booleans()):
        node["units"] = draw(st.lists(chart_nodes(depth + 1), max_size=3))
    return node


@st.composite
def charts(draw: st.DrawFn) -> str:
    """A YAML chart file: mostly well formed at the top, random below."""
    doc = {"orgraph": draw(st.just(1) | scalars),
           "organisation": draw(st.fixed_dictionaries({"name": st.text(max_size=8)}) | values),
           "units": draw(st.lists(chart_nodes(), max_size=4))}
    return yaml.safe_dump(doc, allow_unicode=True)


@st.composite
def json_charts(draw: st.DrawFn) -> str:
    """Node-link, d3-org-chart, BALKAN or nested-tree JSON with random fields."""
    def records(parent_key: str) -> list[dict[str, Any]]:
        return draw(st.lists(st.fixed_dictionaries(
            {"id": ids | values, parent_key: ids | values},
            optional={"name": values, "kind": values, "headcount": values, "tags": values}),
            max_size=6))

    shape = draw(st.sampled_from(["nodelink", "d3", "balkan", "tree"]))
    if shape == "nodelink":
        doc: Any = {"directed": draw(st.booleans()), "graph": draw(values),
                    "nodes": [{"id": i, "kind": draw(values)} for i in draw(st.lists(ids))],
                    "edges": [{"source": s, "target": t, "relation": draw(values)}
                              for s, t in draw(st.lists(st.tuples(ids, ids), max_size=5))]}
    elif shape == "d3":
        doc = records("parentId")
    elif shape == "balkan":
        doc = {"nodes": records("pid")}
    else:
        doc = draw(st.recursive(
            st.fixed_dictionaries({"name": values}),
            lambda kids: st.fixed_dictionaries({"name": values, "children": st.lists(kids)}),
            max_leaves=6))
    return json.dumps(doc, allow_nan=draw(st.booleans()))


@pytest.mark.filterwarnings("ignore::orgraph.formats.FormatWarning")
@given(tables())
def test_tables(table: tuple[str, str]) -> None:
    suffix, text = table
    check_pipeline(_tmp(suffix, text))


@pytest.mark.filterwarnings("ignore::orgraph.formats.FormatWarning")
@given(charts())
def test_yaml_charts(text: str) -> None:
    check_pipeline(_tmp(".yaml", text))


@pytest.mark.filterwarnings("ignore::orgraph.formats.FormatWarning")
@given(json_charts())
def test_json_charts(text: str) -> None:
    check_pipeline(_tmp(".json", text))


def test_the_pipeline_passes_a_sound_chart() -> None:
    """The property's positive side can hold: the example chart goes the whole way."""
    path = _tmp(".yaml", Path("examples/minimal.yaml").read_text(encoding="utf-8"))
    check_pipeline(path)
    assert math.isfinite(record(orgraph.load(path))["depth"])
