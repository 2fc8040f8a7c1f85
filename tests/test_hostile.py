"""The hostile-input corpus (``tests/hostile/``) as tests.

``test_corpus`` runs the whole corpus (marker ``hostile``, a step of its own in ``.ci/run``:
a few minutes of subprocesses); the other tests, in the default run, check that the runner
classifies real runs correctly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile import run
from tests.hostile.case import ACCEPT, HANG, REJECT, TYPE, Case, classify
from tests.hostile.cases import CASES


def _run(case: Case, tmp_path: Path, timeout: float = run.TIMEOUT) -> str:
    source = run.input_path(case, tmp_path / "inputs")
    return classify(case, run.run_case(case, source, tmp_path / "run", timeout))


def test_a_sound_file_is_ok(tmp_path: Path) -> None:
    assert _run(Case("csv/ok.csv", REJECT, "show", "ok", out_must="Skole"), tmp_path) == "ok"


def test_a_broken_file_refused_cleanly_is_ok(tmp_path: Path) -> None:
    case = Case("yaml/unknown-kind.yaml", ACCEPT, "validate", "error", must="emperor")
    assert _run(case, tmp_path) == "ok"


def test_an_accepted_broken_file_is_a_wrong_acceptance(tmp_path: Path) -> None:
    """A sound file presented as one that must be refused: the runner says so."""
    assert _run(Case("csv/ok.csv", ACCEPT, "validate", "error"), tmp_path) == "wrong acceptance"


def test_a_run_over_time_is_a_hang(tmp_path: Path) -> None:
    case = Case("gen:fifo.csv", HANG, "validate", "error")
    assert _run(case, tmp_path, timeout=3) in ("hang", "ok")  # "ok" once FIFOs are refused


def test_a_missing_name_is_an_unclear_error(tmp_path: Path) -> None:
    case = Case("csv/empty.csv", TYPE, "validate", "error", names="no such words")
    assert _run(case, tmp_path) == "unclear error"


def test_the_corpus_covers_every_command_and_format() -> None:
    commands = {case.command for case in CASES}
    raw = {case.args[0] for case in CASES if case.command == "raw"}
    covered = {c.split("-")[0] for c in commands} | raw | {"render" for c in commands
                                                           if c in ("html", "book")}
    from orgraph.cli import main

    assert set(main.commands) <= covered
    folders = {case.input.split("/")[0] for case in CASES}
    assert {"yaml", "csv", "dot", "graphml", "gexf", "json", "organogram"} <= folders
    assert any(case.input.endswith(".xlsx") for case in CASES)
    assert len({case.input for case in CASES}) >= 150


@pytest.mark.hostile
def test_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    """Every case of the corpus: 0 tracebacks, hangs, memory errors, silent losses, ..."""
    code = run.main([])
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert code == 0, report.split("\n\n")[-1]
