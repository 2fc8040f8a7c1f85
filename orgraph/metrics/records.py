"""One record per organisation: every metric under a stable name, as a dict or a DataFrame.

The keys of :func:`record` are listed, with their meaning, in :data:`FIELDS`; the README's
"Metrics" section shows the same table. A metric that is undefined for an organisation (no
CAO, no units under the CAO, no head counts, a ``nan`` hierarchy measure) is ``None``, and
``notes`` says why: a record never carries a silent guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from orgraph.display import Record
from orgraph.errors import MetricsError
from orgraph.metrics import fte, generic, leaders, levels, report, span
from orgraph.metrics._structure import Structure, structure
from orgraph.metrics.krackhardt import _hierarchy_measures

__all__ = ["FIELDS", "FLAT_FIELDS", "GENERIC_FIELDS", "MUNICIPAL_FIELDS", "record", "records",
           "to_dataframe"]

#: The generic section: every organisation gets these keys, municipality or not.
GENERIC_FIELDS: dict[str, str] = {
    "name": "organisation name (file fact)",
    "date": "date the chart describes (file fact)",
    "municipality": "a municipality: declared in the chart, or it has political bodies",
    "head": "the head's id (kind cao: CAO, chief executive, top of a file without kinds)",
    "trees": "reporting trees (heads); 2 or more is a forest, measured in per_tree",
    "depth": "levels from the head down, the head being level 1",
    "layers": "nodes per level from the head, an aggregate as its count (1/4/16)",
    "head_span": "the head's span of control",
    "managers": "nodes with line subordinates (political bodies excluded)",
    "span_max": "largest span of control",
    "span_mean": "mean span over managers",
    "span_median": "median span over managers",
    "narrow_managers": "managers with span <= 2",
    "wide_managers": "managers with span > 15",
    "connectedness": "Krackhardt connectedness (sna)",
    "hierarchy": "Krackhardt hierarchy (sna, measure=krackhardt)",
    "efficiency": "Krackhardt efficiency (sna)",
    "lub": "Krackhardt least-upper-boundedness (sna reading by default)",
    "flow_hierarchy": "networkx flow_hierarchy",
    "global_reaching_centrality": "networkx global_reaching_centrality",
    "per_tree": "a forest's trees, each with head, depth, layers, spans, Krackhardt (JSON)",
}
# Counting by FTE (orgraph.metrics.fte): every organisation, after the generic keys.
GENERIC_FIELDS.update(fte.FTE_FIELDS)
#: The report's dimensions: only municipalities (see :func:`~orgraph.metrics.municipality`).
MUNICIPAL_FIELDS: dict[str, str] = {
    "inhabitants": "inhabitants (file fact)",
    "years_of_experience": "years with the model (file fact)",
    "performance_units": "performance units, aggregates as their count",
    "staff_units": "staff units",
    "executive_level_size": "CAO + executive posts",
    "leader_team": "leader team as the report writes it (\"4+8\")",
    "leader_team_source": "leader_group, or fallback (CAO + executive posts)",
    "includes_unit_leaders": "unit leaders in the leader group",
    "includes_staff_leaders": "staff leaders in the leader group",
    "integration": "0-2: staff leaders in the group + unit leaders in the group",
    "management_capacity": "leader team without unit leaders",
    "central_staff": "staff attached to the CAO or an executive acting for the CAO",
    "political_organisation": "no committees / hovedutvalg / utvalg / utvalg F / komité",
    "council_size": "council seats",
    "committees": "committees as Table 4.1 counts them",
    "committee_principle": "sector / function / mixed / null",
    "committee_scope": "sector / cross-sector (Table 4.2)",
    "decision_authority": "committees decide (Table 4.2)",
    "management_levels": "management levels in the report's sense (2, 2.5, 3)",
    "management_levels_min": "lowest level of a unit under the CAO",
    "management_levels_max": "highest level of a unit under the CAO",
    "depth_from_cao": "raw depth below the CAO, line edges",
    "depth_from_council": "raw depth below the council, line edges",
    "units_outside_cao": "performance units not in the CAO's line",
    "cao_span": "CAO's span of control",
    "team_span": "units per member of the CAO level carrying units",
    "mintzberg_ratio": "management levels per employee (needs headcount)",
}
#: Every key a record may have, in order: the sections, then ``notes``. A record has the
#: generic keys and ``notes`` always, the municipal keys only for a municipality.
FIELDS: dict[str, str] = {**GENERIC_FIELDS, **MUNICIPAL_FIELDS,
                          "notes": "why a value is null or a fallback was used"}
#: The keys of a record that hold one value (CSV columns): all but the nested ``per_tree``.
FLAT_FIELDS = tuple(key for key in FIELDS if key != "per_tree")


def _fact(org: nx.DiGraph, key: str) -> Any:
    return org.graph.get(key)


class _Builder:
    """One record under construction: values by key, and a note for every undefined one."""

    def __init__(self) -> None:
        self.out: dict[str, Any] = {}
        self.notes: list[str] = []

    def put(self, key: str, func: Callable[[], Any]) -> Any:
        """Set ``key`` to ``func()``; a MetricsError or nan becomes None and a note."""
        try:
            value = func()
        except MetricsError as exc:
            self.notes.append(f"{key}: {exc}")
            self.out[key] = None
            return None
        if isinstance(value, float) and math.isnan(value):
            self.notes.append(f"{key}: undefined for this reporting graph (nan)")
            value = None
        self.out[key] = value
        return value


def record(org: nx.DiGraph | Structure, *, dotted: bool = True,
           lub_reading: str = "sna") -> dict[str, Any]:
    """Every metric of one organisation, keyed by the names in :data:`FIELDS`.

    The generic section (:data:`GENERIC_FIELDS`) is there for every organisation; the
    report's dimensions (:data:`MUNICIPAL_FIELDS`) only for a municipality, so that a
    company's record says nothing of a rådmann or a council.

    Parameters
    ----------
    org : Organisation
    dotted : bool, default True
        Count dotted-line edges as reporting for the hierarchy measures.
    lub_reading : {"sna", "textbook"}, default "sna"
        See :func:`orgraph.metrics.lub`.

    Returns
    -------
    Record
        A dict, shown as a table in Jupyter; JSON-ready: ``None`` where a metric is
        undefined, with the reason in ``notes``.

    Examples
    --------
    >>> import orgraph
    >>> rec = record(orgraph.load("examples/minimal.yaml"))
    >>> rec["leader_team"], rec["performance_units"], rec["management_levels"]
    ('3', 4, 2)
    >>> rec["mintzberg_ratio"], [n for n in rec["notes"] if n.startswith("mintzberg")]
    (None, ['mintzberg_ratio: not every performance unit has a headcount'])
    >>> list(rec) == list(FIELDS)
    True
    >>> company = record(orgraph.load("tests/data/krackhardt-high-tech.csv"))
    >>> company["depth"], company["layers"], company["span_max"], "leader_team" in company
    (3, [1, 4, 16], 7, False)
    """
    st = structure(org)
    rec = _Builder()
    _generic(st, rec, dotted, lub_reading)
    if rec.out["municipality"]:
        _municipal(st, rec)
    rec.out["notes"] = rec.notes
    return Record({key: rec.out[key] for key in FIELDS if key in rec.out})


def _generic(st: Structure, rec: _Builder, dotted: bool, lub_reading: str) -> None:
    """The generic section (:data:`GENERIC_FIELDS`)."""
    g = st.org
    out = rec.out
    out["name"], out["date"] = g.graph.get("name"), g.graph.get("date")
    out["municipality"] = report.municipality(st)
    tops = rec.put("trees", lambda: len(generic.heads(st)))
    single = tops == 1
    rec.put("head", lambda: generic.heads(st)[0] if single else _forest(tops))
    rec.put("depth", lambda: generic.depth_in_levels(st))
    rec.put("layers", lambda: generic.layer_profile(st))
    rec.put("head_span", lambda: int(span._all_spans(st)[st.index[generic.heads(st)[0]]])
            if single else _forest(tops))
    stats = span.span_stats(st)
    out["managers"] = stats["managers"]
    out["span_max"], out["span_mean"], out["span_median"] = (
        stats["max"], stats["mean"], stats["median"])
    spans = span._span_arrays(st)[1]
    out["narrow_managers"] = int((spans <= 2).sum())
    out["wide_managers"] = int((spans > 15).sum())
    hier = _hierarchy_measures(st, dotted, lub_reading)
    for key, value in hier.items():
        rec.put(key, lambda value=value: value)
    out["per_tree"] = None
    if tops is not None and tops > 1:
        rec.put("per_tree", lambda: generic.tree_records(st, dotted=dotted,
                                                         lub_reading=lub_reading))
    by_fte = fte.fte_fields(st)  # counting by FTE (orgraph.metrics.fte): every organisation
    rec.notes += by_fte.pop("notes")
    out.update(by_fte)


def _forest(tops: int | None) -> Any:
    if tops is None:  # the reason is noted under "trees"
        raise MetricsError("no reporting tree")
    raise MetricsError(f"{tops} reporting trees (a forest); see per_tree" if tops else
                       "no reporting tree")


def _municipal(st: Structure, rec: _Builder) -> None:
    """The report's dimensions (:data:`MUNICIPAL_FIELDS`)."""
    g, out, put, notes = st.org, rec.out, rec.put, rec.notes
    for key in ("inhabitants", "years_of_experience"):
        out[key] = _fact(g, key)
    put("performance_units", lambda: report.performance_units(st))
    put("staff_units", lambda: report.staff_units(st))
    put("executive_level_size", lambda: report.executive_level_size(st))
    put("leader_team", lambda: leaders.leader_team(st))
    if (put("leader_team_source", lambda: leaders.leader_team_source(st)) == "fallback"
            and out["leader_team"] is not None):
        notes.append("leader_team: no leader_group in the chart; CAO + executive posts used")
    put("includes_unit_leaders", lambda: leaders.includes_unit_leaders(st))
    put("includes_staff_leaders", lambda: leaders.includes_staff_leaders(st))
    put("integration", lambda: leaders.integration(st))
    put("management_capacity", lambda: leaders.management_capacity(st))
    put("central_staff", lambda: report.central_staff(st))
    put("political_organisation", lambda: report.political_organisation(st))
    put("council_size", lambda: report.council_size(st))
    put("committees", lambda: report.committees(st))
    put("committee_principle", lambda: report.committee_principle(st))
    put("committee_scope", lambda: report.committee_scope(st))
    put("decision_authority", lambda: report.decision_authority(st))
    rng = put("management_levels_min", lambda: levels.management_levels_range(st))
    out["management_levels_min"] = out["management_levels_max"] = None
    out["management_levels"] = None
    if rng is not None:
        out["management_levels_min"], out["management_levels_max"] = rng
        out["management_levels"] = levels.management_levels(st)
    put("depth_from_cao", lambda: levels.depth_from_cao(st))
    put("depth_from_council", lambda: levels.depth_from_council(st))
    put("units_outside_cao", lambda: levels.units_outside_cao(st))
    put("cao_span", lambda: span.cao_span(st))
    put("team_span", lambda: span.team_span(st))
    if put("mintzberg_ratio", lambda: levels.mintzberg_ratio(st)) is None and \
            not any(n.startswith("mintzberg") for n in notes):
        notes.append("mintzberg_ratio: not every performance unit has a headcount")


def records(orgs: Iterable[nx.DiGraph], **kwargs: Any) -> list[dict[str, Any]]:
    """:func:`record` for each organisation, in order.

    Examples
    --------
    >>> import orgraph
    >>> [r["name"] for r in records([orgraph.load("examples/minimal.yaml")])]
    ['Eksempel kommune']
    """
    return [record(org, **kwargs) for org in orgs]


def to_dataframe(recs: Iterable[dict[str, Any]] | Mapping[str, dict[str, Any]],
                 index: Iterable[str] | None = None) -> Any:
    """The records as a :class:`pandas.DataFrame`, one row per organisation, under a unique key.

    Needs pandas: ``pip install 'orgraph[pandas]'``. The organisation's name stays a column:
    names repeat (a municipality before and after its reorganisation), keys never do.

    Parameters
    ----------
    recs : iterable of records, or mapping of key to record
        A mapping's keys (a file path, an id the caller picks) index the rows.
    index : iterable of str, optional
        The keys, one per record, for an iterable of records. Without keys the rows are
        indexed by the records' ``file`` when every record has one, else by name, with the
        date added where names repeat (``"Sveio kommune (2002-09)"``).

    Raises
    ------
    MetricsError
        pandas is not installed; keys repeat (the message names them) or do not match the
        records in number.

    Examples
    --------
    >>> import orgraph
    >>> rec = record(orgraph.load("examples/minimal.yaml"))
    >>> df = to_dataframe({"minimal.yaml": rec})  # pandas: the test extra installs it
    >>> int(df.loc["minimal.yaml", "performance_units"]), df.loc["minimal.yaml", "name"]
    (4, 'Eksempel kommune')
    >>> _row_keys([rec, rec], None)
    Traceback (most recent call last):
    ...
    orgraph.errors.MetricsError: 2 records share the key 'Eksempel kommune (2002-01)'; ...
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise MetricsError("pandas is not installed; install it with: "
                           "pip install 'orgraph[pandas]'") from None
    if isinstance(recs, Mapping):
        index, rows = list(recs), list(recs.values())
    else:
        rows = list(recs)
    keys = _row_keys(rows, index)
    columns = list(FIELDS) + sorted({k for r in rows for k in r} - set(FIELDS))
    return pd.DataFrame(rows, columns=columns, index=pd.Index(keys, name="id"))


def _row_keys(rows: list[dict[str, Any]], index: Iterable[str] | None) -> list[str]:
    """One unique key per record: the caller's, the records' files, or name (and date)."""
    if index is not None:
        keys = [str(k) for k in index]
        if len(keys) != len(rows):
            raise MetricsError(f"{len(keys)} keys for {len(rows)} records; give one key "
                               "per record")
    elif rows and all(r.get("file") for r in rows):
        keys = [str(r["file"]) for r in rows]
    else:
        names = [str(r.get("name")) for r in rows]
        keys = [f"{n} ({r['date']})" if names.count(n) > 1 and r.get("date") else n
                for n, r in zip(names, rows, strict=True)]
    seen: dict[str, int] = {}
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
    twice = [k for k, n in seen.items() if n > 1]
    if twice:
        raise MetricsError(f"{seen[twice[0]]} records share the key {twice[0]!r}; pass "
                           "to_dataframe({key: record, ...}) or index=[...] with a unique "
                           "key per record (e.g. its file)")
    return keys
