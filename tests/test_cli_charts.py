"""``orgraph --version``, ``validate`` and ``show``, through CliRunner and as a real process."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph.cli import main
from orgraph.textree import MAX_INDENT

ROOT = Path(__file__).parent.parent
MINIMAL = str(ROOT / "examples" / "minimal.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"orgraph, version {orgraph.__version__}\n"


def test_validate_ok(runner):
    result = runner.invoke(main, ["validate", MINIMAL])
    assert result.exit_code == 0
    assert result.output == f"{MINIMAL}: ok (10 nodes, 12 edges)\n"


def test_validate_reports_every_problem_of_every_file(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgraph: 1\norganisation: {name: X}\nunits:\n"
                   "  - {id: r, kind: cao}\n  - {id: r, kind: skole}\n"
                   "  - {id: u, kind: unit, parent: ghost}\n", encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["validate", MINIMAL, str(bad), str(empty)])
    assert result.exit_code == 1
    assert f"{MINIMAL}: ok" in result.stdout
    errors = result.stderr.splitlines()
    assert errors == [
        f"error: {bad}:5: node 'r': unknown kind 'skole'; use one of: " + ", ".join(
            k.value for k in orgraph.Kind),
        f"error: {bad}:5: node 'r': duplicate id 'r' (first on line 4); give each node its "
        "own id",
        f"error: {bad}:6: node 'u': refers to unknown id 'ghost' (line edge ghost → u); "
        "define a node with that id or fix the spelling",
        f"error: {empty}: the file is empty: a chart needs 'orgraph: 1', 'organisation:' "
        "and 'units:'",
    ]
    assert "Traceback" not in result.output


def test_validate_needs_a_file(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument" in result.output


def test_show_prints_the_tree(runner):
    result = runner.invoke(main, ["show", MINIMAL])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Eksempel kommune"
    assert "│   └── Rådmann [cao]" in lines
    assert "│       ├── (stab) Økonomi [staff, instructs]" in lines
    assert "  Kommunalsjef --dotted--> Barnehager" in lines


def test_show_in_english(runner):
    result = runner.invoke(main, ["show", "--lang", "en", MINIMAL])
    assert "│   └── Chief administrative officer [cao]" in result.output.splitlines()


def test_show_bad_file_is_one_clear_line(runner, tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("orgraph: 1\n: : :\n", encoding="utf-8")
    result = runner.invoke(main, ["show", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}:")
    assert "not valid YAML" in result.stderr


@pytest.mark.parametrize("args", [["-h"], ["validate", "-h"], ["show", "-h"]])
def test_short_help(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and "Usage:" in result.output and "Examples:" in result.output


def test_installed_entry_point_runs_as_a_real_process(tmp_path):
    exe = shutil.which("orgraph")
    command = [exe] if exe else [sys.executable, "-m", "orgraph"]
    done = subprocess.run([*command, "validate", MINIMAL], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok (10 nodes, 12 edges)")
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgraph: 2\n", encoding="utf-8")
    done = subprocess.run([*command, "validate", str(bad)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 1
    assert f"{bad}:1" in done.stderr and "Traceback" not in done.stderr


def test_python_dash_m(tmp_path):
    done = subprocess.run([sys.executable, "-m", "orgraph", "--version"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.startswith("orgraph, version")


def test_validate_skips_files_that_are_not_charts(runner, tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text("# Charts\n\nkey: value: x\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", MINIMAL, str(notes)])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"skipped: {notes}: not a chart or data file (suffix '.md')")
    alone = runner.invoke(main, ["validate", str(notes)])
    assert alone.exit_code == 1  # nothing was checked: that is no success
    forced = runner.invoke(main, ["validate", "--from", "yaml", str(notes)])
    assert forced.exit_code == 1 and "not valid YAML" in forced.stderr


def test_validate_all_bundled_charts_with_their_readme():
    charts = sorted(str(p) for p in (ROOT / "charts").iterdir())
    result = CliRunner().invoke(main, ["validate", *charts])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": ok (") == len([c for c in charts if c.endswith(".yaml")])


def test_show_prints_a_chain_of_thousands_of_units(runner, tmp_path):
    chain = tmp_path / "chain.yaml"
    rows = [f"  - {{id: n{i}, kind: unit, parent: n{i - 1}}}" for i in range(1, 3000)]
    chain.write_text("orgraph: 1\norganisation: {name: Chain}\nunits:\n"
                     "  - {id: n0, kind: cao}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["show", str(chain)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3001
    # indented MAX_INDENT levels deep, then each line says its level (output linear in size)
    assert lines[-1] == " " * 4 * (MAX_INDENT - 1) + "└── [level 3000] n2999 [unit]"
    assert lines[MAX_INDENT].startswith(" " * 4 * (MAX_INDENT - 1) + "└── n")


def test_show_does_not_leave_out_a_loop_of_staff_edges(runner, tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.write_text("orgraph: 1\norganisation: {name: X}\nunits:\n"
                    "  - {id: top, kind: cao}\n  - {id: a, kind: staff}\n"
                    "  - {id: b, kind: staff}\nrelations:\n"
                    "  - {from: a, to: b, type: staff}\n  - {from: b, to: a, type: staff}\n",
                    encoding="utf-8")
    result = runner.invoke(main, ["show", str(loop)])
    assert result.output.splitlines() == [
        "X", "├── top [cao]", "└── a [staff]", "    └── (stab) b [staff]",
        "        └── (stab) a (cycle)"]


def test_show_keeps_terminal_control_characters_out_of_the_output():
    org = orgraph.Organisation()
    org.graph["name"] = "Evil\x1b]0;title\x07"
    org.add_unit("a", kind="cao", label="two\nlines \x1b[31mred\x9b")
    org.add_unit("b", kind="unit", label="B\x00")
    org.add_relation("a", "b", "dotted")
    from orgraph.textree import text_tree

    lines = list(text_tree(org))
    assert lines == ["Evil\\x1b]0;title\\x07", "├── two lines \\x1b[31mred\\x9b [cao]",
                     "└── B\\x00 [unit]", "Other relations:",
                     "  two lines \\x1b[31mred\\x9b --dotted--> B\\x00"]
