"""The command line in a shell: ``-`` in and out, stderr for notes, ``--quiet``, JSON problems,
wide tables, distinct headers, and help examples that run."""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import orgraph
from orgraph.cli import main
from orgraph.metrics.records import records

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "examples" / "minimal.yaml"
BAD = ROOT / "examples" / "invalid" / "bad.yaml"
SLC = ROOT / "tests/data/organograms-2011-03-31/scottish_law_commission-2011-03-31-senior.csv"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_dash_reads_standard_input_sniffed_or_named(runner, tmp_path):
    sniffed = runner.invoke(main, ["metrics", "-", "--format", "json"],
                            input=MINIMAL.read_bytes())
    assert sniffed.exit_code == 0, sniffed.output
    rec = json.loads(sniffed.stdout)[0]
    assert rec["file"] == "<stdin>"
    assert rec == {**records([orgraph.load(MINIMAL)])[0], "file": "<stdin>"}
    assert "note: <stdin>: read as yaml (sniffed" in sniffed.stderr
    table = runner.invoke(main, ["convert", str(MINIMAL), "-", "--to", "csv"]).stdout
    named = runner.invoke(main, ["show", "-", "--from", "csv"], input=table)
    assert named.exit_code == 0 and "sniffed" not in named.stderr
    saved = tmp_path / "stdin.csv"  # the same table from a file: the same tree
    saved.write_text(table, encoding="utf-8")
    assert named.stdout == runner.invoke(main, ["show", str(saved)]).stdout


def test_standard_input_problems_name_stdin_not_a_temporary_file(runner):
    result = runner.invoke(main, ["validate", "-"], input=BAD.read_bytes())
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 4 and all(line.startswith("error: <stdin>:") for line in lines)
    unknown = runner.invoke(main, ["show", "-"], input=b"hello world\n")
    assert unknown.exit_code == 1
    assert "cannot tell the format of standard input" in unknown.stderr and "--from" in (
        unknown.stderr)
    empty = runner.invoke(main, ["show", "-", "--from", "yaml"], input=b"")
    assert empty.exit_code == 1 and "standard input is empty" in empty.stderr
    twice = runner.invoke(main, ["metrics", "-", "-"], input=MINIMAL.read_bytes())
    assert twice.exit_code == 1 and "<stdin>: standard input was read already" in twice.stderr
    assert json.loads(runner.invoke(main, ["metrics", "-", "-", "--format", "json"],
                                    input=MINIMAL.read_bytes()).stdout)[0]["file"] == "<stdin>"


def test_dash_output_is_pure_data_and_notes_go_to_stderr(runner):
    result = runner.invoke(main, ["convert", str(MINIMAL), "-", "--to", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == orgraph.load(MINIMAL).number_of_nodes()
    assert "<stdout>: wrote 10 nodes, 12 edges" in result.stderr
    assert not (Path.cwd() / "-").exists()  # no file named "-"
    dot = runner.invoke(main, ["render", str(MINIMAL), "-o", "-", "--format", "dot",
                               "--engine", "embedded"])
    assert dot.exit_code == 0 and dot.stdout.startswith("digraph")
    spans = runner.invoke(main, ["spans", str(MINIMAL), "--format", "json", "-o", "-"])
    assert json.loads(spans.stdout)["managers"]
    needs_to = runner.invoke(main, ["convert", str(MINIMAL), "-"])
    assert needs_to.exit_code == 2 and "needs --to" in needs_to.output


def test_dev_stdout_gets_only_data():
    """/dev/stdout is the real process's stdout: run as a subprocess."""
    done = subprocess.run([sys.executable, "-m", "orgraph", "convert", str(MINIMAL),
                           "/dev/stdout", "--to", "csv"], capture_output=True, env=ENV,
                          cwd=ROOT, timeout=120, check=True)
    rows = list(csv.reader(io.StringIO(done.stdout.decode())))
    assert rows[0][:2] == ["id", "parent"] and len(rows) == 11
    assert b"wrote" not in done.stdout and b"/dev/stdout: wrote 10 nodes" in done.stderr


def test_quiet_hides_notes_not_errors(runner):
    loud = runner.invoke(main, ["show", str(SLC)])
    assert "read leniently" in loud.stderr
    for args in (["show", "-q", str(SLC)], ["-q", "show", str(SLC)],
                 ["convert", "--quiet", str(MINIMAL), "-", "--to", "csv"]):
        quiet = runner.invoke(main, args)
        assert quiet.exit_code == 0 and quiet.stderr == "", args
        assert quiet.stdout
    failing = runner.invoke(main, ["metrics", "-q", str(MINIMAL), "nope.yaml"])
    assert failing.exit_code == 1 and failing.stderr == "error: nope.yaml: no such file\n"


@pytest.mark.parametrize("name", main.list_commands(None))
def test_every_command_takes_quiet(runner, name):
    assert "-q, --quiet" in runner.invoke(main, [name, "-h"]).output


def test_validate_json_has_an_object_per_problem(runner):
    result = runner.invoke(main, ["validate", "--format", "json", str(BAD), str(MINIMAL)])
    assert result.exit_code == 1 and result.stderr == ""
    problems = json.loads(result.stdout)
    text = runner.invoke(main, ["validate", str(BAD)]).stderr.splitlines()
    assert len(problems) == len(text) == 4
    for problem, line in zip(problems, text, strict=True):
        assert set(problem) == {"file", "line", "node", "message", "fix", "severity"}
        assert problem["file"] == str(BAD) and problem["severity"] == "error"
        assert line.startswith(f"error: {BAD}:{problem['line']}: node '{problem['node']}': "
                               f"{problem['message']}")
    assert problems[0]["node"] == "skole" and problems[0]["fix"].startswith("use one of")
    ok = runner.invoke(main, ["validate", "--format", "json", str(MINIMAL)])
    assert ok.exit_code == 0 and json.loads(ok.stdout) == []


def test_validate_json_lists_lenient_repairs_as_warnings(runner):
    result = runner.invoke(main, ["validate", "--format", "json", "--lenient", str(SLC)])
    assert result.exit_code == 0 and result.stderr == ""
    found = json.loads(result.stdout)
    warnings = [w for w in found if w["severity"] == "warning"]
    assert len(warnings) == 2 and {w["severity"] for w in found} <= {"warning", "note"}
    assert all(w["file"] == str(SLC) for w in warnings)
    assert [w["node"] for w in warnings if w["line"]] == ["201"]
    notes = runner.invoke(main, ["validate", "--format", "json", "tests/data/visio-export.csv",
                                 "--profile", "visio"])
    decided = json.loads(notes.stdout)
    assert notes.exit_code == 0 and decided and {n["severity"] for n in decided} == {"note"}
    assert any("no kinds in the file" in n["message"] for n in decided)


def test_metrics_of_several_files_is_one_wide_table(runner):
    files = ["charts/evenes.yaml", "charts/sveio.yaml", "charts/lier.yaml",
             "tests/data/krackhardt-high-tech.csv"]
    result = runner.invoke(main, ["metrics", *files])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    recs = records([orgraph.load(f) for f in files])
    headers = [r["name"].removesuffix(" kommune") for r in recs]
    assert lines[0].split("  ")[-1].strip() == headers[-1]
    assert [h for h in headers if h in lines[0]] == headers
    depth = next(line for line in lines if line.startswith("depth "))
    assert depth.split()[1:] == [str(r["depth"]) for r in recs]
    inhabitants = next(line for line in lines if line.startswith("inhabitants "))
    assert inhabitants.split()[1:] == [str(r["inhabitants"]) for r in recs[:3]]  # blank: firm
    assert len(lines) < 80  # not 4 vertical blocks
    as_csv = runner.invoke(main, ["metrics", *files, "--format", "csv"]).stdout
    assert [row["file"] for row in csv.DictReader(io.StringIO(as_csv))] == files


def test_headers_are_distinct_when_names_repeat(runner):
    files = ["charts/evenes-1998.yaml", "charts/evenes.yaml", "charts/lier.yaml"]
    compared = runner.invoke(main, ["compare", *files, "--format", "json"])
    assert json.loads(compared.stdout)["columns"] == [
        "Evenes kommune (1998-01-01)", "Evenes kommune (2002)", "Lier kommune"]
    table = runner.invoke(main, ["compare", *files]).stdout.splitlines()[0]
    assert table.split("  ")[-3:] != ["Evenes", "Evenes", "Lier"]
    assert "Evenes (1998-01-01)" in table and "Evenes (2002)" in table
    wide = runner.invoke(main, ["metrics", "charts/lier.yaml", "charts/lier.yaml"]).stdout
    first = wide.splitlines()[0]
    assert "Lier (2002, charts/lier.yaml)  Lier (2002, charts/lier.yaml) #2" in first


def test_outdir_refuses_two_inputs_that_write_one_file(runner, tmp_path):
    twin = tmp_path / "in" / "lier.yaml"
    twin.parent.mkdir()
    twin.write_bytes((ROOT / "charts/lier.yaml").read_bytes())
    for command in (["render", "--engine", "embedded"], ["convert", "--to", "csv"]):
        out = tmp_path / command[0]
        result = runner.invoke(main, [*command, "charts/lier.yaml", str(twin),
                                      "--outdir", str(out)])
        assert result.exit_code == 2
        assert f"charts/lier.yaml and {twin} would both write" in result.output
        assert not out.exists()  # refused before anything was written


def test_pipe_convert_to_metrics_through_real_processes():
    """``orgraph convert x.yaml - --to csv | orgraph metrics - --from csv``."""
    command = [sys.executable, "-m", "orgraph"]
    first = subprocess.Popen([*command, "convert", str(MINIMAL), "-", "--to", "csv"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    second = subprocess.run([*command, "metrics", "-", "--from", "csv", "--format", "json"],
                            stdin=first.stdout, capture_output=True, env=ENV, cwd=ROOT,
                            timeout=120)
    first.stdout.close()
    assert first.wait(timeout=120) == 0 and second.returncode == 0, second.stderr
    assert b"wrote 10 nodes" in first.stderr.read()
    rec = json.loads(second.stdout)[0]
    direct = records([orgraph.load(MINIMAL)])[0]
    assert rec["file"] == "<stdin>"
    for key in ("depth", "layers", "span_max", "span_mean", "hierarchy", "lub"):
        assert rec[key] == direct[key], key


def _examples(name: str) -> list[str]:
    text = main.get_command(None, name).help
    block = text.split("Examples:", 1)[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("orgraph ")]


def _outputs(words: list[str]) -> set[int]:
    """The positions of output paths in an example's words (after -o, --outdir, --book, and
    convert's OUT)."""
    out = {i for i, w in enumerate(words) if i and words[i - 1] in ("-o", "--outdir", "--book")}
    if words[1] == "convert" and "--outdir" not in words:
        positional = [i for i in range(2, len(words))
                      if (words[i] == "-" or not words[i].startswith("-"))
                      and not words[i - 1].startswith("--")]
        out.add(positional[-1])
    return out


def _run_example(line: str, tmp_path: Path, exit_code: int = 0) -> Result | None:
    """Run one help example through CliRunner (outputs in ``tmp_path``): the last stage's
    result, None when a stage is not orgraph. Every stage must exit 0, the last
    ``exit_code``."""
    stages = [shlex.split(stage) for stage in line.split("|")]
    if any(stage[0] != "orgraph" or ">" in stage for stage in stages):
        return None
    piped: bytes | None = None
    result: Result | None = None
    for n, words in enumerate(stages, 1):
        outputs = _outputs(words)
        args: list[str] = []
        for i, word in enumerate(words[1:], 1):
            if i in outputs and word != "-":
                args.append(str(tmp_path / word))
            elif "*" in word:
                args += sorted(glob.glob(word))
            else:
                args.append(word)
        result = CliRunner().invoke(main, args, input=piped)
        assert result.exit_code == (exit_code if n == len(stages) else 0), (line, result.output)
        piped = result.stdout_bytes
    return result


@pytest.mark.parametrize("name", main.list_commands(None))
def test_every_help_example_runs(name, tmp_path, monkeypatch):
    """The examples of a command's help are real: each one runs (outputs in a temp folder)."""
    monkeypatch.chdir(ROOT)
    examples = _examples(name)
    assert examples, f"{name} has no example"
    ran = [line for line in examples if _run_example(line, tmp_path)]
    assert len(ran) >= len(examples) - 1  # at most one needs another program (dot -Tpng)


def test_readme_shell_section_commands_run(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### In a shell: pipes, quiet, JSON problems, completion", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 5 and all(_run_example(line, tmp_path) for line in lines)


def test_shell_completion_as_the_readme_documents(runner):
    env = {"_ORGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "orgraph metrics --format ",
           "COMP_CWORD": "3"}
    done = runner.invoke(main, [], env=env, prog_name="orgraph")
    assert done.stdout.split() == ["plain,table", "plain,csv", "plain,json"]
    env.update(COMP_WORDS="orgraph ren", COMP_CWORD="1")
    assert runner.invoke(main, [], env=env, prog_name="orgraph").stdout.split() == [
        "plain,render"]
    script = runner.invoke(main, [], env={"_ORGRAPH_COMPLETE": "bash_source"},
                           prog_name="orgraph").stdout
    assert "_orgraph_completion()" in script and "complete " in script


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".dot", ".xlsx", ".tsv"])
def test_every_format_sniffed_from_standard_input(runner, tmp_path, suffix):
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    saved = tmp_path / f"minimal{suffix}"
    assert runner.invoke(main, ["convert", str(MINIMAL), str(saved)]).exit_code == 0
    piped = runner.invoke(main, ["show", "-"], input=saved.read_bytes())
    assert piped.exit_code == 0, piped.output
    assert piped.stdout == runner.invoke(main, ["show", str(saved)]).stdout.replace(
        "minimal", "stdin")
