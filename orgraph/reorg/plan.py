"""Plan files: a dated, cited list of transformation steps, read from YAML and applied.

A plan names the organisation it is for, the date it describes, its source, and its steps;
every step is one transformation of :mod:`orgraph.reorg.transform` with its own ``source``::

    orgraph-plan: 1
    organisation: Rissa kommune        # the input's name: a plan for another one is refused
    date: "2002-06-20"                 # the date of the result
    title: Assisterende rådmenn fjernes
    source: "NIBR-rapport 2002:21, Vedlegg 1"
    steps:
      - remove: ass_radmann_ho
        source: "Vedlegg 1 ('nivået assisterende rådmenn ble fjernet')"
      - move: {unit: kultur, to: radmann}
        source: "..."

The step types are the keys of :data:`STEP_TYPES`. The file is read with the safe loader of
:mod:`orgraph.yamlsafe`; every problem names the plan file and its line.

Examples
--------
>>> import orgraph
>>> plan = load_plan("examples/plans/rissa-2002-06.yaml")
>>> plan.organisation, plan.date, [s.kind for s in plan.steps][:2]
('Rissa kommune', '2002-06-20', ['remove', 'remove'])
>>> after = apply_plan(orgraph.load("charts/rissa.yaml"), plan)
>>> after.graph["date"], after.graph["plan"]["file"]
('2002-06-20', 'examples/plans/rissa-2002-06.yaml')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.inputfile import read_limited
from orgraph.model import Organisation
from orgraph.reorg import transform as tf
from orgraph.yamlsafe import MAX_BYTES, Mapping, parse_yaml

__all__ = ["STEP_TYPES", "Plan", "PlanStep", "apply_plan", "apply_step", "load_plan",
           "loads_plan"]

#: Plan format version.
PLAN_VERSION = 1
#: Step type → (argument written as a scalar, required keys of the mapping form, optional).
STEP_TYPES: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {
    "remove": ("unit", ("unit",), ()),
    "remove_level": (None, (), ("role", "level")),
    "merge": (None, ("units",), ("into", "label", "count")),
    "split": ("unit", ("unit",), ()),
    "move": (None, ("unit", "to"), ()),
    "act_for_cao": ("units", ("units",), ()),
    "add": (None, ("id", "kind"), ("under", "label", "relation", "role", "count", "note")),
    "attach": (None, ("unit", "to"), ("relation",)),
}
_TOP_KEYS = {"orgraph-plan", "organisation", "date", "title", "source", "note", "steps"}


@dataclass(frozen=True)
class PlanStep:
    """One step: its type, its arguments, its source and the plan file's line.

    Examples
    --------
    >>> plan = loads_plan('''orgraph-plan: 1
    ... organisation: Eksempel kommune
    ... date: "2003-01"
    ... title: Personal joins Økonomi
    ... source: a decision
    ... steps:
    ...   - remove: personal
    ...     source: the decision, item 1
    ... ''', "p.yaml")
    >>> plan.steps[0]
    PlanStep(kind='remove', args={'unit': 'personal'}, source='the decision, item 1', line=7)
    """

    kind: str
    args: dict[str, Any]
    source: str
    line: int | None


@dataclass(frozen=True)
class Plan:
    """A plan file's content (see the module notes).

    Examples
    --------
    >>> plan = loads_plan('''orgraph-plan: 1
    ... organisation: Eksempel kommune
    ... date: "2003-01"
    ... title: Personal joins Økonomi
    ... source: a decision
    ... steps:
    ...   - remove: personal
    ...     source: the decision, item 1
    ... ''', "p.yaml")
    >>> plan.organisation, plan.date, plan.title, len(plan.steps)
    ('Eksempel kommune', '2003-01', 'Personal joins Økonomi', 1)
    """

    file: str
    organisation: str
    date: str
    title: str
    source: str
    steps: tuple[PlanStep, ...]


def load_plan(path: str | Path) -> Plan:
    """Read a plan file.

    Raises
    ------
    ChartError
        Every problem of the file, each with the plan file's line.

    Examples
    --------
    >>> plan = load_plan("examples/plans/rissa-2002-06.yaml")
    >>> plan.file, len(plan.steps), plan.steps[0].args, plan.steps[0].line
    ('examples/plans/rissa-2002-06.yaml', 8, {'unit': 'ass_radmann_ho'}, 13)
    >>> load_plan("examples/plans/nope.yaml")
    Traceback (most recent call last):
    orgraph.errors.ChartError: examples/plans/nope.yaml: no such file
    """
    return loads_plan(read_limited(path, MAX_BYTES, "plan files"), str(path))


def loads_plan(text: str | bytes, filename: str = "<plan>") -> Plan:
    """Read a plan from a string.

    Examples
    --------
    >>> loads_plan('''orgraph-plan: 1
    ... organisation: X
    ... date: "2003"
    ... source: a decision
    ... steps:
    ...   - remove: a
    ...     source: the decision, item 1
    ...   - promote: b
    ...     source: item 2
    ... ''', "p.yaml")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: p.yaml:8: step 2: unknown step type 'promote'; use one of: \
remove, remove_level, merge, split, move, act_for_cao, add, attach
    """
    doc = parse_yaml(text, filename)
    problems: list[Problem] = []

    def problem(message: str, line: int | None) -> None:
        problems.append(Problem(filename, message, line=line))

    if not isinstance(doc, Mapping):
        raise ChartError([Problem(filename, "a plan is a mapping with 'orgraph-plan: 1', "
                                            "'organisation:', 'date:', 'source:' and 'steps:'",
                                  line=getattr(doc, "line", None))])
    _check_top(doc, problem)
    steps = [s for i, raw in enumerate(doc.get("steps") or [], start=1)
             if (s := _step(raw, i, problem, getattr(doc.get("steps"), "line", None)))]
    if problems:
        raise ChartError(problems)
    return Plan(file=filename, organisation=str(doc["organisation"]), date=str(doc["date"]),
                title=str(doc.get("title", "")), source=str(doc["source"]),
                steps=tuple(steps))


def _check_top(doc: Mapping, problem: Callable[[str, int | None], None]) -> None:
    lines = doc.key_lines
    if doc.get("orgraph-plan") != PLAN_VERSION:
        problem(f"the first key must be 'orgraph-plan: {PLAN_VERSION}' (the plan format "
                "version)", lines.get("orgraph-plan", doc.line))
    for key in ("organisation", "date", "source"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            problem(f"'{key}:' is missing or not text; a plan says which organisation it is "
                    "for, the date it describes (quoted, \"2002-06-20\") and its source",
                    lines.get(key, doc.line))
    for key in doc:
        if key not in _TOP_KEYS:
            problem(f"unknown key {key!r}; a plan has {', '.join(sorted(_TOP_KEYS))}",
                    lines.get(key))
    if not isinstance(doc.get("steps"), list) or not doc["steps"]:
        problem("'steps:' must be a list of one or more steps", lines.get("steps", doc.line))


def _step(raw: Any, number: int, problem: Callable[[str, int | None], None],
          steps_line: int | None) -> PlanStep | None:
    line = getattr(raw, "line", None) or steps_line
    where = f"step {number}"
    if not isinstance(raw, Mapping):
        problem(f"{where}: a step is a mapping such as '- remove: ID' with 'source:'", line)
        return None
    kinds = [k for k in raw if k not in ("source", "note")]
    if len(kinds) != 1 or kinds[0] not in STEP_TYPES:
        unknown = [k for k in kinds if k not in STEP_TYPES]
        what = f"unknown step type {unknown[0]!r}" if unknown else \
            f"{len(kinds)} step types ({', '.join(kinds) or 'none'}) in one step"
        problem(f"{where}: {what}; use one of: {', '.join(STEP_TYPES)}",
                raw.key_lines.get(unknown[0], line) if unknown else line)
        return None
    kind = kinds[0]
    if not isinstance(raw.get("source"), str) or not raw["source"].strip():
        problem(f"{where} ({kind}): 'source:' is missing; cite what the step rests on", line)
    scalar, required, optional = STEP_TYPES[kind]
    value = raw[kind]
    args = dict(value) if isinstance(value, dict) else {scalar: value} if scalar else None
    if args is None:
        problem(f"{where} ({kind}): write it as a mapping with {', '.join(required)}", line)
        return None
    missing = [k for k in required if k not in args]
    extra = [k for k in args if k not in required + optional]
    if missing or extra:
        problem(f"{where} ({kind}): " + "; ".join(
            [f"missing {', '.join(missing)}"] * bool(missing)
            + [f"unknown {', '.join(extra)} (allowed: {', '.join(required + optional)})"]
            * bool(extra)), line)
        return None
    if kind in ("merge", "act_for_cao"):
        key = "units"
        args[key] = [args[key]] if isinstance(args[key], str) else args[key]
        if not isinstance(args[key], list) or not all(isinstance(u, str) for u in args[key]):
            problem(f"{where} ({kind}): 'units' must be a list of ids", line)
            return None
    wrong = [f"'{k}' must be {'a whole number (1 or more)' if k in _NUMBERS else 'text'}"
             for k, v in args.items() if k != "units" and not _fits(k, v)]
    if wrong:
        problem(f"{where} ({kind}): {'; '.join(wrong)}", line)
        return None
    return PlanStep(kind, args, str(raw.get("source", "")), line)


_NUMBERS = frozenset({"count", "level"})


def _fits(key: str, value: Any) -> bool:
    """Whether a step argument has its type: whole numbers for count and level, else text."""
    if key in _NUMBERS:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return isinstance(value, str) and bool(value.strip())


def apply_step(org: Organisation, step: PlanStep) -> Organisation:
    """Apply one step (:mod:`orgraph.reorg.transform`); its source goes into the note.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("charts/rissa.yaml")
    >>> step = PlanStep("move", {"unit": "kultur", "to": "bibliotek"}, "a test", 3)
    >>> apply_step(org, step).graph["steps"]
    ['move kultur from radmann to bibliotek [a test]']
    """
    a, src = step.args, step.source or None
    kind = step.kind
    if kind == "remove":
        return tf.remove_unit(org, str(a["unit"]), source=src)
    if kind == "remove_level":
        return tf.remove_level(org, role=a.get("role"), level=a.get("level"), source=src)
    if kind == "merge":
        return tf.merge_units(org, a["units"], into=a.get("into"), label=a.get("label"),
                              count=a.get("count"), source=src)
    if kind == "split":
        return tf.split_aggregate(org, str(a["unit"]), source=src)
    if kind == "move":
        return tf.move_unit(org, str(a["unit"]), str(a["to"]), source=src)
    if kind == "act_for_cao":
        return tf.act_for_cao(org, a["units"], source=src)
    if kind == "attach":
        return tf.attach(org, str(a["unit"]), str(a["to"]), a.get("relation", "member"),
                         source=src)
    extra = {k: a[k] for k in ("role", "count", "note") if k in a}
    return tf.add_unit(org, str(a["id"]), kind=str(a["kind"]), superior=a.get("under"),
                       label=a.get("label"), relation=a.get("relation"), source=src,
                       **extra)


def apply_plan(org: Organisation, plan: Plan) -> Organisation:
    """Apply every step of ``plan`` to ``org``; the result is dated with the plan's date.

    Raises
    ------
    ChartError
        The plan is for another organisation, or a step cannot be applied (the problem
        names the plan file, the step's line and number, and why).

    Examples
    --------
    >>> import orgraph
    >>> plan = loads_plan('''orgraph-plan: 1
    ... organisation: Eksempel kommune
    ... date: "2003-01"
    ... title: Personal joins Økonomi
    ... source: a decision
    ... steps:
    ...   - remove: personal
    ...     source: the decision, item 1
    ... ''', "p.yaml")
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> after = apply_plan(org, plan)
    >>> "personal" in after, "personal" in org, after.graph["date"], after.graph["steps"]
    (False, True, '2003-01', ['remove personal: no reports [the decision, item 1]'])
    >>> apply_plan(orgraph.load("charts/rissa.yaml"), plan)
    Traceback (most recent call last):
    orgraph.errors.ChartError: p.yaml: the plan is for 'Eksempel kommune', but the input is \
'Rissa kommune'; apply it to the organisation it names
    """
    name = str(org.graph.get("name", ""))
    if name != plan.organisation:
        raise ChartError([Problem(plan.file, f"the plan is for {plan.organisation!r}, but "
                                             f"the input is {name or 'unnamed'!r}; apply it "
                                             "to the organisation it names")])
    result = org
    for number, step in enumerate(plan.steps, start=1):
        try:
            result = apply_step(result, step)
        except tf.TransformError as exc:
            raise ChartError([Problem(plan.file, f"step {number} ({step.kind}): {exc}",
                                      line=step.line)]) from None
    result = result.copy() if result is org else result
    result.graph["date"] = plan.date
    result.graph["plan"] = {"file": plan.file, "title": plan.title, "date": plan.date,
                            "source": plan.source}
    return result
