"""Every command the README and docs/*.md show in a ```sh block runs as shown.

Each `orgraph ...` line (and each `orgraph ...` part of an `a && b` line) is run through
click's CliRunner by ``test_cli_shell._run_example``, from a folder of its own that links the
repository's charts/, examples/ and tests/, so outputs are written there, never into the
checkout. A transcript block (``$ orgraph ...`` lines followed by their output) must print
exactly that output. Commands that are not orgraph's are listed in ``NOT_RUN`` with the reason;
any other is an error, so nothing is left out silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from test_cli_shell import _run_example

from orgraph.cli import main

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

#: The commands of the ```sh blocks that are not run, and why.
NOT_RUN = {
    "python3 -m pip install .": "installs from PyPI (the network); the orgraph commands after "
                                "it on the same line are run",
    "python3 -m pip install -e '.[test]'": "installs from PyPI (the network)",
    "python3 -m pytest": "the whole test suite, this test included",
    "python3 -m tests.hostile.run": "the hostile corpus: 452 subprocesses, 3-4 minutes; CI runs "
                                    "it (python3 -m pytest -m hostile)",
    "python3 -m pytest -m hostile": "the same hostile corpus, as CI runs it",
    "python3 benchmarks/bench_metrics.py": "a benchmark of minutes (10k to 1M units), outside "
                                           "the default test run",
}

#: Commands the text says fail, with their exit code.
EXIT_CODES = {
    "orgraph validate examples/invalid/bad.yaml": 1,  # "every problem in a file is reported"
}

#: How many orgraph commands the ```sh blocks held when this test was written (2026-12-02).
FOUND = 40


@dataclass(frozen=True)
class Command:
    """One command of a ```sh block: where it is, the command, and its output if shown."""

    where: str
    line: str
    shown: str | None = None


def _commands(path: Path) -> list[Command]:
    """The commands of a Markdown file's ```sh blocks, comments and prompts removed."""
    text = path.read_text(encoding="utf-8")
    found: list[Command] = []
    for block in re.finditer(r"^```sh\n(.*?)^```", text, re.S | re.M):
        start = text.count("\n", 0, block.start()) + 2
        lines = block[1].splitlines()
        transcript = any(line.startswith("$ ") for line in lines)
        for i, line in enumerate(lines):
            if transcript and not line.startswith("$ "):
                continue
            shown = None
            if transcript:
                output = []
                for after in lines[i + 1:]:
                    if after.startswith("$ "):
                        break
                    output.append(after + "\n")
                line, shown = line[2:], "".join(output)
            line = re.sub(r"\s+#.*$", "", line).strip()
            where = f"{path.relative_to(ROOT)}:{start + i}"
            found += [Command(where, part.strip(), shown) for part in line.split("&&")
                      if part.strip()]
    return found


COMMANDS = [command for path in DOCS for command in _commands(path)]


def test_commands_not_run_are_listed_with_a_reason():
    others = {c.line for c in COMMANDS if not c.line.startswith("orgraph ")}
    assert others == set(NOT_RUN), "list every command that is not run in NOT_RUN"
    assert all(line in {c.line for c in COMMANDS} for line in EXIT_CODES)


def test_every_documented_command_runs(tmp_path, monkeypatch):
    for name in ("charts", "examples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    ran = 0
    for command in COMMANDS:
        if command.line in NOT_RUN:
            continue
        result = _run_example(command.line, tmp_path, EXIT_CODES.get(command.line, 0))
        assert result is not None, f"{command.where}: {command.line!r} was not run"
        if command.shown is not None:  # a transcript: the output as the README shows it
            assert result.output.replace(f"{tmp_path}/", "") == command.shown, command.where
        ran += 1
    assert ran >= FOUND, f"only {ran} documented commands ran, {FOUND} were found"
    assert (tmp_path / "rissa-plan.yaml").is_file() and (tmp_path / "out/lier.png").is_file()


def test_main_help_names_a_readme_section():
    """``orgraph --help`` sends the reader to a README heading that exists."""
    named = re.findall(r'see "([^"]+)" in the README', main.help)
    headings = re.findall(r"^#+ (.*)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert named and all(any(h.startswith(n) for h in headings) for n in named), named
    assert "In a shell" in CliRunner().invoke(main, ["--help"]).output
