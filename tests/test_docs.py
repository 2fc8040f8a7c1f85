"""Every command has help with an example and is documented in the README."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph.cli import main

COMMANDS = main.list_commands(None)
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name):
    assert re.search(rf"`orgraph {name}\b", README), f"README lacks `orgraph {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_summary_and_example(name):
    result = CliRunner().invoke(main, [name, "-h"])
    assert result.exit_code == 0, result.output
    assert main.get_command(None, name).get_short_help_str(), f"{name} has no one-line summary"
    assert "Examples:" in result.output and f"orgraph {name}" in result.output


def test_readme_shows_the_real_validate_output():
    result = CliRunner().invoke(main, ["validate", "examples/invalid/bad.yaml"])
    assert result.exit_code == 1
    shown = README.split("$ orgraph validate examples/invalid/bad.yaml\n", 1)[1].split("```")[0]
    assert shown == result.stderr
    assert len(shown.splitlines()) == 4  # every problem at once


def test_readme_company_example_commands_run(tmp_path):
    """The second worked example (a company CSV to metrics and a chart): every command runs."""
    section = README.split("## A company: from a CSV to metrics and a chart", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].split() for line in block.splitlines() if line.strip()]
    assert [c[1] for c in commands] == ["show", "metrics", "spans", "compare", "render"]
    for words in commands:
        args = words[1:]
        if "-o" in args:  # write the chart into the test's folder, not the checkout
            i = args.index("-o") + 1
            args[i] = str(tmp_path / args[i])
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (words, result.output)
    assert (tmp_path / "krackhardt.svg").read_bytes().startswith(b"<?xml")
