"""One hostile run: an input, a command, what must happen, and how a result is classified.

A :class:`Case` names an input (a file under ``tests/hostile/inputs/``, an input generated at
run time by :mod:`tests.hostile.generate`, or a special path such as ``/dev/zero``), the command
to run on it, the issue class it belongs to and the expected outcome:

``error``
    a clean refusal: exit code 1 or 2, no traceback, and a message naming the file (or the
    option, for bad options) and matching ``must``;
``ok``
    success (exit 0), no traceback; ``must``, when given, has to appear on standard error
    (the reported repairs) and ``out_must`` in the output;
``warn``
    refusing cleanly (as for ``error``) or succeeding with ``must`` on standard error or
    ``out_must`` in the output: what a lenient reader keeps or drops is said;
``any``
    success or a clean refusal, within the time and memory limits.

Examples
--------
>>> case = Case("csv/dup-header.csv", LOSS, "metrics", "warn", must=r"(?i)duplicate")
>>> case.name
'csv/dup-header.csv:metrics'
>>> classify(case, Outcome(0, "", "warning: x.csv:1: duplicate header 'a'", False, ""))
'ok'
>>> classify(case, Outcome(0, "", "", False, ""))
'silent loss'
>>> classify(case, Outcome(1, "", "Traceback (most recent call last):", False, ""))
'traceback'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ACCEPT", "CLASSES", "COMMANDS", "FAILURES", "HANG", "LOSS", "OUTPUT", "REJECT",
           "TYPE", "Case", "Outcome", "classify"]

#: The issue's classes of hostile input (what a case probes).
TYPE = "traceback: wrong type or size"
OUTPUT = "traceback: output path"
HANG = "hang or memory"
LOSS = "silent loss"
ACCEPT = "wrong acceptance"
REJECT = "wrong rejection"
CLASSES = (TYPE, OUTPUT, HANG, LOSS, ACCEPT, REJECT)

#: Every result class a run can get; all but ``ok`` are failures.
FAILURES = ("traceback", "hang", "memory error", "silent loss", "wrong acceptance",
            "wrong rejection", "unclear error", "unsafe output")

#: Command templates: ``{in}`` the input, ``{out}`` an output stem in the run's folder.
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{in}"],
    "lenient": ["validate", "--lenient", "{in}"],
    "show": ["show", "{in}"],
    "metrics": ["metrics", "--format", "json", "{in}"],
    "spans": ["spans", "{in}"],
    "compare": ["compare", "{in}"],
    "convert": ["convert", "{in}", "{out}.yaml"],
    "convert-json": ["convert", "{in}", "{out}.json"],
    "convert-csv": ["convert", "{in}", "{out}.csv"],
    "convert-dot": ["convert", "{in}", "{out}.dot"],
    "convert-graphml": ["convert", "{in}", "{out}.graphml"],
    "convert-gexf": ["convert", "{in}", "{out}.gexf"],
    "render": ["render", "{in}", "-o", "{out}.svg"],
    "render-dot": ["render", "{in}", "-o", "{out}.dot"],
    "html": ["render", "{in}", "-o", "{out}.html"],
    "book": ["render", "{in}", "--book", "{out}-book/"],
    "diff": ["diff", "{in}", "{in}"],
    "transform": ["transform", "{in}", "--remove", "ghost", "-o", "{out}.yaml"],
    "raw": [],
}


@dataclass(frozen=True)
class Case:
    """One run of one command on one hostile input (see the module docstring)."""

    input: str
    klass: str
    command: str
    expect: str
    must: str | None = None
    out_must: str | None = None
    out_not: str | None = None
    names: str | None = None
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    why: str = ""
    tags: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        """``input:command``, plus the extra arguments when there are any."""
        extra = " " + " ".join(self.args) if self.args else ""
        return f"{self.input}:{self.command}{extra}"


@dataclass(frozen=True)
class Outcome:
    """What one run did: exit code, standard output and error, whether it timed out, the
    text of its output file (empty when none)."""

    code: int | None
    stdout: str
    stderr: str
    timed_out: bool
    output: str


def _named(case: Case, text: str) -> bool:
    """Whether a refusal names what it refuses: the file's name, or ``case.names``."""
    wanted = case.names
    if wanted is None:
        wanted = case.input.removeprefix("gen:").rsplit("/", 1)[-1]
    return not wanted or wanted in text


def _clean_error(case: Case, out: Outcome) -> str:
    """A refusal: it must name the file; an ``error`` case's message must match ``must`` too
    (for ``warn`` cases ``must`` is what a repair has to say)."""
    text = out.stderr + out.stdout
    explained = case.expect != "error" or not case.must or re.search(case.must, text)
    if not _named(case, text) or not explained:
        return "unclear error"
    return "ok"


def _said(case: Case, out: Outcome) -> bool:
    """Success that reports what the case is about (``must`` / ``out_must``)."""
    if case.must is None and case.out_must is None:
        return True
    in_stderr = case.must is not None and re.search(case.must, out.stderr) is not None
    shown = out.stdout + out.output
    in_output = case.out_must is not None and re.search(case.out_must, shown) is not None
    return in_stderr or in_output


def classify(case: Case, out: Outcome) -> str:
    """The result class of one run: ``ok`` or one of :data:`FAILURES`."""
    text = out.stderr + out.stdout
    if out.timed_out:
        return "hang"
    if "MemoryError" in text or (out.code is not None and out.code < 0):
        return "memory error"
    if "Traceback (most recent call last)" in text:
        return "traceback"
    if case.out_not and re.search(case.out_not, out.stdout + out.output):
        return "unsafe output"
    failed = out.code != 0
    if failed and out.code not in (1, 2):
        return "traceback"
    if case.expect == "ok":
        if failed:
            return "wrong rejection"
        return "ok" if _said(case, out) else "silent loss"
    if failed:
        return _clean_error(case, out)
    if case.expect == "any" or (case.expect == "warn" and _said(case, out)):
        return "ok"
    return "silent loss" if case.klass == LOSS else "wrong acceptance"
