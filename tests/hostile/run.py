"""Run the hostile-input corpus: every case as ``python -m orgraph ...`` under limits.

Each case (see :mod:`tests.hostile.case`) runs in a subprocess with this checkout on
``PYTHONPATH``, a wall-clock limit (30 s) and an address-space limit (4 GB), two at a time. The
class of every result is printed, then the totals; the exit code is 1 when any run failed.

Usage::

    python -m tests.hostile.run              # the whole corpus
    python -m tests.hostile.run -k xlsx -v   # cases whose name holds "xlsx", with their stderr
    python tests/hostile/run.py --list       # the cases, not run

Big and special inputs (zip bombs, 230,000-deep YAML, FIFOs) are made at run time in a
temporary folder by :mod:`tests.hostile.generate`; nothing big is kept in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``tests.hostile`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.hostile import generate
from tests.hostile.case import COMMANDS, FAILURES, Case, Outcome, classify
from tests.hostile.cases import CASES

__all__ = ["main", "run_case", "run_cases"]

ROOT = Path(__file__).resolve().parents[2]
INPUTS = Path(__file__).resolve().parent / "inputs"
#: Limits of one run.
TIMEOUT = 30.0
MEMORY = 4 * 1024**3
#: Bytes of an output file read back for ``out_must`` / ``out_not``.
OUTPUT_READ = 4_000_000


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def input_path(case: Case, folder: Path) -> str:
    """The path a case's input has in this run: generated inputs are made once in ``folder``.

    Examples
    --------
    >>> input_path(Case("/dev/null", "x", "validate", "error"), Path("."))
    '/dev/null'
    """
    if case.input.startswith("gen:"):
        return str(generate.make(case.input[4:], folder))
    if case.input.startswith("/"):
        return case.input
    return str(INPUTS / case.input)


def _argv(case: Case, source: str, stem: Path) -> list[str]:
    words = [*COMMANDS[case.command], *case.args]
    return [w.replace("{in}", source).replace("{out}", str(stem)) for w in words]


def _output_text(folder: Path) -> str:
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                texts.append(handle.read(OUTPUT_READ).decode("utf-8", "replace"))
    return "\n".join(texts)


def _communicate(proc: subprocess.Popen, timeout: float) -> tuple[str, str, bool]:
    try:
        out, err = proc.communicate(timeout=timeout)
        return out, err, False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return out, err, True


def run_case(case: Case, source: str, folder: Path, timeout: float = TIMEOUT) -> Outcome:
    """Run one case in its own folder ``folder``; return what it did."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8",
           "HYPOTHESIS_PROFILE": "ci", **dict(case.env)}
    if "{tmp}" in env.get("PATH", ""):
        env["PATH"] = env["PATH"].replace("{tmp}", str(folder))
    argv = [sys.executable, "-m", "orgraph", *_argv(case, source, folder / "out")]
    proc = subprocess.Popen(argv, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace", preexec_fn=_limit_memory, start_new_session=True)
    out, err, timed_out = _communicate(proc, timeout)
    return Outcome(proc.returncode, out, err, timed_out, _output_text(folder))


def run_cases(cases: list[Case], jobs: int = 2, timeout: float = TIMEOUT,
              verbose: bool = False) -> Counter:
    """Run ``cases`` ``jobs`` at a time, print each result as it comes, return the totals."""
    totals: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="orgraph-hostile-") as tmp:
        base = Path(tmp)
        sources = [input_path(case, base / "inputs") for case in cases]

        def one(index: int) -> tuple[Case, str, Outcome, float]:
            started = time.monotonic()
            outcome = run_case(cases[index], sources[index], base / f"run{index}", timeout)
            return cases[index], classify(cases[index], outcome), outcome, \
                time.monotonic() - started

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for case, result, outcome, seconds in pool.map(one, range(len(cases))):
                totals[result] += 1
                _print_result(case, result, outcome, seconds, verbose)
    return totals


def _print_result(case: Case, result: str, outcome: Outcome, seconds: float,
                  verbose: bool) -> None:
    print(f"{result:<16} {seconds:5.1f}s  [{case.klass}] {case.name}", flush=True)
    if result != "ok" and verbose:
        shown = (outcome.stderr or outcome.stdout).strip().splitlines()
        for line in shown[-6:]:
            print(f"{'':24}| {line[:200]}")
        print(f"{'':24}| exit {outcome.code}; expected {case.expect}"
              + (f" /{case.must}/" if case.must else ""))


def _report(totals: Counter, cases: list[Case], seconds: float) -> int:
    failed = sum(n for result, n in totals.items() if result != "ok")
    inputs = len({case.input for case in cases})
    print(f"\n{len(cases)} runs over {inputs} inputs in {seconds:.0f} s")
    for result in ("ok", *FAILURES):
        print(f"  {result:<16} {totals.get(result, 0)}")
    print("FAILED" if failed else "all clean")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Command line of the runner (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="select", action="append", default=[],
                        help="run only cases whose name holds this text (repeatable)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("-v", "--verbose", action="store_true", help="show failures' stderr")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument("--json", metavar="FILE", help="also write the totals as JSON")
    options = parser.parse_args(argv)
    cases = [c for c in CASES if not options.select or any(s in c.name for s in options.select)]
    if options.list:
        for case in cases:
            print(f"[{case.klass}] {case.name}  expect {case.expect}")
        return 0
    started = time.monotonic()
    totals = run_cases(cases, options.jobs, options.timeout, options.verbose)
    if options.json:
        Path(options.json).write_text(json.dumps(dict(totals), indent=1), encoding="utf-8")
    return _report(totals, cases, time.monotonic() - started)


if __name__ == "__main__":
    raise SystemExit(main())
