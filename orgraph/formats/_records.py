"""From the records of a chart tool's file (one per box, each naming its superior) to an
Organisation, with the lenient repairs or the strict refusals of :mod:`orgraph.formats`.

The readers of d3-org-chart, BALKAN OrgChart JS and nested trees
(:mod:`orgraph.formats.chartjson`) turn their files into :class:`Record` lists; :func:`build`
does the rest the same way for all of them:

=========================  ==============================  ===============================
the file has               lenient reading (the default)   strict reading
=========================  ==============================  ===============================
a record without an id     an id is made up (``record3``)  error
the same id twice          the second gets ``ID_2``        error
                           (``source_id`` keeps ``ID``)
a superior no record has   the record becomes a top        error
a record its own superior  the record becomes a top        error
a reporting cycle          its first record becomes a top  error
several tops where the     a forest (noted)                error
format wants one
=========================  ==============================  ===============================

Every repair is a warning naming the file and the record (``nodes[3] (id '7')``), recorded
with :meth:`Report.drop <orgraph.formats.Report.drop>` (what the repair gave up) so that it
reaches the user as a :class:`~orgraph.formats.FormatWarning` or a ``warning:`` line.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from orgraph.chartfile import KIND_ONLY_KEYS
from orgraph.errors import Problem
from orgraph.formats._common import (
    KINDS,
    Problems,
    Report,
    _value_problem,
    check_values,
    normalise,
    safe_ids,
    strip_controls,
)
from orgraph.model import Organisation

__all__ = ["Record", "build", "clean_text", "raw_id", "settle_kinds", "take_fields"]

#: Chart keys that mean structure (edges, nesting) in a chart file: a foreign field of that
#: name is kept as ``source_<key>`` so that it never turns into edges.
_STRUCTURAL = frozenset({"id", "parent", "units", "relation", "dotted", "members",
                         "orders_from", "serves", "data", "source_id"})
_KIND_ONLY = {key: {k.value for k in kinds} for key, kinds in KIND_ONLY_KEYS.items()}
_MAX_LISTED = 5


@dataclass
class Record:
    """One box of a chart tool's file, before its ids are checked.

    ``where`` names the record in messages (``nodes[3]``); ``id`` and ``parent`` are the raw
    values of the file (``None`` or ``""`` for no superior); ``dotted`` lists further
    superiors (drawn as dotted lines); ``relation`` is the relation of the edge from
    ``parent``; ``generated`` marks an id the reader made up (nested trees without ids).
    """

    where: str
    id: Any
    parent: Any = None
    attrs: dict[str, Any] = field(default_factory=dict)
    relation: str = "line"
    dotted: list[Any] = field(default_factory=list)
    line: int | None = None
    generated: bool = False


def raw_id(value: Any) -> str | None:
    """An id as text (numbers as written, text trimmed), or None for none / an unusable value.

    Examples
    --------
    >>> raw_id(7), raw_id(" O-6067 "), raw_id(""), raw_id(None), raw_id(True), raw_id([1])
    ('7', 'O-6067', None, None, None, None)
    """
    if type(value) is str:  # the common case first
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (str, float)):
        text = str(value).strip()
        return text or None
    return None


def clean_text(value: Any) -> str:
    """A name or title as plain text: trimmed, control characters removed, markup kept as text.

    Examples
    --------
    >>> clean_text(" Leverling Janet ")
    'Leverling Janet'
    >>> clean_text('<script>alert("x")</script>\\x07')
    '<script>alert("x")</script>'
    """
    return strip_controls(str(value)).strip()


def take_fields(record: dict[str, Any], skip: set[str], report: Report,
                renamed: dict[str, int]) -> dict[str, Any]:
    """The fields of a record other than ``skip``, as node attributes.

    A field named like a chart key that means structure (``parent``, ``dotted``, ...) or whose
    value the chart format would refuse (``count`` on a unit, a ``kind`` orgraph does not
    know) is kept as ``source_<key>``; ``renamed`` counts them per key (see :func:`build`).

    Examples
    --------
    >>> renamed = {}
    >>> take_fields({"id": 1, "dotted": "x", "kind": "boss", "img": "a.png"}, {"id"},
    ...             Report("x.json"), renamed)
    {'source_dotted': 'x', 'source_kind': 'boss', 'img': 'a.png'}
    """
    out: dict[str, Any] = {}
    for key, value in record.items():
        key = str(key)
        if key in skip:
            continue
        if _foreign(key, value, record.get("kind")):
            renamed[key] = renamed.get(key, 0) + 1
            out[f"source_{key}"] = value
        else:
            out[key] = value
    return out


def _foreign(key: str, value: Any, kind: Any) -> bool:
    if key in _STRUCTURAL:
        return True
    if key == "kind":
        return not isinstance(value, str) or value not in KINDS
    if key in _KIND_ONLY and kind not in _KIND_ONLY[key]:
        return True
    return key in ("headcount", "label_en", "source", "note", "citations") and \
        _value_problem(key, value) is not None


def _name(record: Record, text: str | None) -> str:
    return f"{record.where} (id {text!r})" if text is not None else record.where


class _Builder:
    def __init__(self, records: Sequence[Record], filename: str, report: Report,
                 strict: bool) -> None:
        self.records = records
        self.filename = filename
        self.report = report
        self.strict = strict
        self.problems = Problems(filename)

    def fault(self, record: Record, node: str | None, refusal: str, repair: str) -> None:
        """A rule broken: a problem when strict, else a repair (kept, reported)."""
        if self.strict:
            self.problems.add(refusal, record.line, node)
        else:
            self.report.repair(Problem(self.filename, f"{record.where}: {repair}",
                                       line=record.line, node=node))

    def ids(self) -> list[str]:
        ids: list[str] = []
        first: dict[str, int] = {}
        taken = {t for t in (raw_id(r.id) for r in self.records) if t is not None}
        for index, record in enumerate(self.records):
            text = raw_id(record.id)
            if text is None:
                text = _fresh(f"record{index + 1}", taken)
                self.fault(record, None, f"{record.where} has no usable id ({record.id!r}); "
                                         "give every record its own id",
                           f"no usable id ({record.id!r}): read as {text!r}")
            elif text in first:
                fresh = _fresh(text, taken)
                self.fault(record, text, f"{record.where} repeats the id {text!r} of "
                                         f"{self.records[first[text]].where}; give every "
                                         "record its own id",
                           f"repeats the id of {self.records[first[text]].where}: read as "
                           f"{fresh!r} (source_id {text!r}); who reports to {text!r} reports "
                           "to the first (a duplicate id)")
                record.attrs["source_id"] = text
                text = fresh
            first.setdefault(text, index)
            ids.append(text)
        self.first = first
        return ids

    def parents(self, ids: list[str]) -> list[int | None]:
        parent_of: list[int | None] = []
        for index, record in enumerate(self.records):
            text = raw_id(record.parent)
            target = None if text is None else self.first.get(text)
            if text is not None and target is None:
                self.fault(record, ids[index], f"{record.where} reports to {text!r}, which "
                                               "is no record's id; fix the id or add the "
                                               "record",
                           f"its superior {text!r} is no record's id: read as a top")
            elif target == index:
                self.fault(record, ids[index], f"{record.where} reports to itself; give it "
                                               "another superior or none",
                           "reports to itself: read as a top")
                target = None
            parent_of.append(target)
        return parent_of

    def cycles(self, ids: list[str], parent_of: list[int | None]) -> None:
        state = [0] * len(ids)  # 0 unseen, 1 on the current walk, 2 done
        for start in range(len(ids)):
            walk = []
            node: int | None = start
            while node is not None and state[node] == 0:
                state[node] = 1
                walk.append(node)
                node = parent_of[node]
            if node is not None and state[node] == 1:
                loop = walk[walk.index(node):]
                head = min(loop)
                path = " → ".join(ids[i] for i in [*loop, loop[0]])
                record = self.records[head]
                self.fault(record, ids[head], f"reporting cycle {path}; break it (one of "
                                              "these must report elsewhere)",
                           f"closes the reporting cycle {path}: its superior "
                           f"{ids[parent_of[head] or 0]!r} is dropped, it is read as a top")
                parent_of[head] = None
            for i in walk:
                state[i] = 2

    def dotted(self, ids: list[str], parent_of: list[int | None]) -> list[tuple[int, int]]:
        edges: list[tuple[int, int]] = []
        for index, record in enumerate(self.records):
            for value in record.dotted:
                text = raw_id(value)
                target = None if text is None else self.first.get(text)
                if text is None:
                    continue
                if target is None:
                    self.fault(record, ids[index], f"{record.where}: the dotted-line "
                                                   f"superior {text!r} is no record's id",
                               f"dotted-line superior {text!r} is no record's id: that "
                               "line is dropped")
                elif target == index:
                    self.fault(record, ids[index], f"{record.where} has itself as dotted-line "
                                                   "superior", "a dotted line to itself is "
                                                               "dropped")
                elif target != parent_of[index] and (target, index) not in edges:
                    edges.append((target, index))
        return edges


def _fresh(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    taken.add(f"{base}_{n}")
    return f"{base}_{n}"


def build(records: Sequence[Record], filename: str, report: Report, *, strict: bool = False,
          one_top: str | None = None, renamed: dict[str, int] | None = None,
          name: str | None = None) -> Organisation:
    """Check the records, repair (lenient) or refuse (strict), and return the Organisation.

    Parameters
    ----------
    records : sequence of Record
        The boxes, in file order.
    filename : str
        Names the file in messages.
    report : Report
        Receives the repairs (``repairs``, with the record's pointer) and notes.
    strict : bool
        Refuse what lenient reading repairs.
    one_top : str, optional
        The format allows one top only; the text says whose rule that is. Strict reading
        refuses several tops, lenient reading reads a forest and notes it.
    renamed : dict, optional
        Fields kept as ``source_<key>`` (from :func:`take_fields`), noted once per key.
    name : str, optional
        The organisation's name (default: the file's stem).

    Examples
    --------
    >>> report = Report("chart.json")
    >>> org = build([Record("nodes[0]", 1, attrs={"label": "CEO"}),
    ...              Record("nodes[1]", 2, parent=1), Record("nodes[2]", 3, parent=9)],
    ...             "chart.json", report)
    >>> sorted(org.edges()), org.nodes["1"]["label"]
    ([('1', '2')], 'CEO')
    >>> print(report.repairs[0])
    chart.json: node '3': nodes[2]: its superior '9' is no record's id: read as a top
    >>> build([Record("nodes[0]", 1, parent=1)], "chart.json", report, strict=True)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: chart.json: node '1': nodes[0] reports to itself; give it ...
    """
    builder = _Builder(records, filename, report, strict)
    ids = builder.ids()
    parent_of = builder.parents(ids)
    builder.cycles(ids, parent_of)
    dotted = builder.dotted(ids, parent_of)
    tops = [i for i, p in enumerate(parent_of) if p is None]
    if one_top and len(tops) > 1:
        listed = ", ".join(repr(ids[i]) for i in tops[:_MAX_LISTED])
        more = ", ..." if len(tops) > _MAX_LISTED else ""
        if strict:
            builder.problems.add(f"{len(tops)} records have no superior ({listed}{more}); "
                                 f"{one_top} wants one top: give the others a superior")
        else:
            report.note(f"{len(tops)} tops ({listed}{more}): read as a forest, one tree each")
    builder.problems.raise_if_any()
    for key, count in sorted((renamed or {}).items()):
        report.note(f"field {key!r} ({count}×) kept as 'source_{key}': in a chart file "
                    f"{key!r} has a meaning of its own")
    rename = safe_ids(ids, report)
    final = [rename.get(i, i) for i in ids]
    org = Organisation()
    lines: dict[str, int | None] = {}
    for record, raw, node in zip(records, ids, final, strict=True):
        attrs = dict(record.attrs)
        if raw in rename and not record.generated:
            attrs.setdefault("source_id", raw)
        org.add_node(node, **attrs)
        lines[node] = record.line
    for index, parent in enumerate(parent_of):
        if parent is not None:
            org.add_edge(final[parent], final[index], relation=records[index].relation)
    for u, v in dotted:
        org.add_edge(final[u], final[v], relation="dotted")
    undeclared = settle_kinds(org)
    # One line superior each and no cycle hold by construction (parent_of above, cycles
    # broken or refused), so the chart rules need no second pass (check_organisation):
    # the values of the chart keys are what is left to check.
    problems = Problems(filename)
    check_values(org, problems, lines)
    problems.raise_if_any()
    normalise(org, name or PurePath(filename).stem)
    infer = _inference()
    if undeclared and infer is not None:
        infer(org, report)
    elif undeclared:
        report.note("the file gives no kinds: every node became 'unit'")
    return org


def settle_kinds(org: Organisation) -> bool:
    """Give nodes without a kind ``unit``; True when the file declared no kinds at all
    (assistants' ``staff`` aside), so that :func:`orgraph.infer.infer_kinds` may read head,
    managers and units from the structure.

    Examples
    --------
    >>> org = Organisation(); org.add_node("a"); org.add_node("b", kind="staff")
    >>> settle_kinds(org), org.nodes["a"]["kind"]
    (True, 'unit')
    """
    declared = False
    for _, data in org.nodes(data=True):
        kind = data.get("kind")
        if kind is None:
            data["kind"] = "unit"
        elif kind != "staff":
            declared = True
    return not declared


def _inference() -> Any:
    if importlib.util.find_spec("orgraph.infer") is None:
        return None
    from orgraph import infer

    return getattr(infer, "infer_kinds", None)
