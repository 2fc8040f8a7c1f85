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

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
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

#: Text without control characters: what the readers do with those (remove and report) is
#: the corpus's to check (tests/hostile: ANSI, NUL), and C1 characters have their own test
#: (test_a_c1_control_character_survives_a_round_trip).
text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
#: Values of every JSON and YAML type, numbers at their edges included.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), text,
    st.sampled_from(IDS + KINDS + RELATIONS + ["", " ", "nan", "inf", "-1", "1e400"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(text, inner, max_size=3), max_leaves=6)
ids = st.sampled_from(IDS) | text.filter(bool)
ids_any = ids | values
cells = st.one_of(st.sampled_from(IDS + KINDS + RELATIONS + ["", "nan", "inf", "-3", "2.5",
                                                             "10000000000000000000"]),
                  text)


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


#: How often a value is hostile in one generated file: most files are sound or nearly so,
#: so the pipeline gets past the reader; some are full of bad values.
noise = st.sampled_from([0.0, 0.0, 0.05, 0.2, 0.6])
#: Printable text (no control characters, which the readers refuse or report).
words = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
                max_size=10).filter(str.strip)


def _odd(draw: st.DrawFn, good: st.SearchStrategy, bad: st.SearchStrategy,
         level: float) -> Any:
    """A sound value, or (with probability ``level``) a hostile one."""
    return draw(bad) if level and draw(st.floats(0, 1)) < level else draw(good)


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str]:
    """A CSV or TSV file: an id and a reports-to column among random ones, rows that mostly
    form a tree, and random cells."""
    extra = draw(st.lists(st.sampled_from(["name", "kind", "headcount", "fte", "dotted",
                                           "relation", "count"]) | text,
                          max_size=3))
    header = draw(st.permutations(["id", "reports_to", *extra]))
    n = draw(st.integers(1, 8))
    level = draw(noise)
    ids = [f"n{i}" for i in range(n)]
    good = {"name": words, "kind": st.sampled_from(KINDS), "headcount": st.integers(0, 99).map(
        str), "fte": st.floats(0, 40).map("{:.1f}".format), "relation": st.just("line"),
        "dotted": st.just(""), "count": st.just("")}
    rows = []
    for i in range(n):
        row = {"id": _odd(draw, st.just(ids[i]), cells, level),
               "reports_to": _odd(draw, st.sampled_from(ids[:i]) if i else st.just(""), cells,
                                  level)}
        rows.append([row[col] if col in row else _odd(draw, good.get(col, words), cells, level)
                     for col in header])
    if level and draw(st.booleans()):  # ragged rows
        rows = [row[:draw(st.integers(0, len(row) + 1))] for row in rows]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(
        st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return (".tsv" if delimiter == "\t" else ".csv"), buffer.getvalue()


_FACTS = {"label": words, "headcount": st.integers(0, 500), "count": st.integers(1, 40),
          "seats": st.integers(1, 60), "instructs": st.booleans(),
          "items": st.lists(words, max_size=3), "source": words,
          "data": st.dictionaries(words, words, max_size=2)}


#: Keys the chart format allows only on some kinds.
_KEYS_FOR = {"unit_group": ("count", "items"), "council": ("seats",), "staff": ("instructs",)}


@st.composite
def chart_nodes(draw: st.DrawFn, ids: list[str], level: float,
                depth: int = 0) -> dict[str, Any]:
    """A chart node: a known kind and sound facts, or (with probability ``level`` each)
    random values."""
    node: dict[str, Any] = {"id": _odd(draw, st.just(f"u{len(ids)}"), ids_any, level),
                            "kind": _odd(draw, st.sampled_from(KINDS), values, level)}
    ids.append(str(node["id"]))
    sound = ["label", "source", "data", "headcount", *_KEYS_FOR.get(str(node["kind"]), ())]
    hostile = draw(st.floats(0, 1)) < level
    keys = [*_FACTS, "parent", "dotted", "relation"] if hostile else sound
    for key in draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)):
        reporting = {"parent": st.sampled_from(ids),
                     "dotted": st.lists(st.sampled_from(ids), max_size=2),
                     "relation": st.sampled_from(RELATIONS)}
        good = reporting[key] if key in reporting else _FACTS[key]
        node[key] = _odd(draw, good, values, level)
    if depth < 2 and draw(st.booleans()):
        node["units"] = [draw(chart_nodes(ids, level, depth + 1))
                         for _ in range(draw(st.integers(0, 3)))]
    return node


@st.composite
def charts(draw: st.DrawFn) -> str:
    """A YAML chart file: mostly well formed, random values and shapes now and then."""
    ids: list[str] = []
    level = draw(noise)
    doc = {"orgraph": _odd(draw, st.just(1), scalars, level),
           "organisation": _odd(draw, st.fixed_dictionaries({"name": words}), values, level),
           "units": [draw(chart_nodes(ids, level)) for _ in range(draw(st.integers(1, 4)))]}
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
    return json.dumps(doc)  # NaN and Infinity as JSON5-style literals: hostile JSON too


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


def test_a_c1_control_character_survives_a_round_trip() -> None:
    """Found by test_tables/test_json_charts: a C1 control character (U+0080-U+009F) was kept
    by the readers and then refused by the YAML writer; now removed and reported like C0."""
    check_pipeline(_tmp(".csv", "id,reports_to,\x80\nn0,,0\n"))
    check_pipeline(_tmp(".json", '[{"id": "a", "parentId": "", "name": "\\u0080"}]'))


def test_the_pipeline_passes_a_sound_chart() -> None:
    """The property's positive side can hold: the example chart goes the whole way."""
    path = _tmp(".yaml", Path("examples/minimal.yaml").read_text(encoding="utf-8"))
    check_pipeline(path)
    assert math.isfinite(record(orgraph.load(path))["depth"])
