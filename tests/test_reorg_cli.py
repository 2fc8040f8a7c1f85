"""``orgraph diff`` and ``orgraph transform`` from the shell (CliRunner, and once for real)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgraph
from orgraph.cli import main

ROOT = Path(__file__).parent.parent


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_diff_of_a_file_with_itself_is_empty_and_exits_0():
    result = run("diff", "charts/lier.yaml", "charts/lier.yaml")
    assert result.exit_code == 0
    assert result.output == ("Lier kommune (2002) -> Lier kommune (2002): 0 unit changes, "
                             "0 metric changes\nNo changes.\n")
    data = json.loads(run("diff", "charts/lier.yaml", "charts/lier.yaml", "--format",
                          "json").output)
    assert data["empty"] is True and data["changes"] == [] and data["metrics"] == {}


def test_a_non_empty_diff_also_exits_0():
    result = run("diff", "charts/sveio.yaml", "charts/sveio-2002.yaml")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == ("Sveio kommune (2002) -> Sveio kommune (2002-09): 8 unit changes, "
                        "7 metric changes")
    assert "removed  re_oppvekst_omsorg  12 resultatenheter" in result.output
    assert any(line.split() == ["performance_units", "15", "16"] for line in lines)


def test_diff_formats_carry_the_same_changes(tmp_path):
    args = ["diff", "charts/loten.yaml", "charts/loten-2002-10.yaml"]
    data = json.loads(run(*args, "--format", "json").output)
    md = run(*args, "--format", "markdown").output
    out = tmp_path / "d.json"
    assert run(*args, "--format", "json", "-o", str(out)).output == ""
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert len(data["changes"]) == 11
    for change in data["changes"]:
        unit = change["new_id"] or change["old_id"]
        assert f"| {change['change']} | {unit.replace('_', chr(92) + '_')} |" in md
    every = json.loads(run(*args, "--format", "json", "--all-metrics").output)["metrics"]
    assert set(data["metrics"]) < set(every)
    assert every["management_levels"] == {"old": 2, "new": 2}


def test_match_id_turns_the_label_fallback_off(tmp_path):
    org = orgraph.load("charts/evenes.yaml")
    renamed = tmp_path / "evenes-ids.yaml"
    renamed.write_text(orgraph.dump(org).replace("okonomi", "economy"), encoding="utf-8")
    auto = json.loads(run("diff", "charts/evenes.yaml", str(renamed), "--format",
                          "json").output)
    assert auto["changes"] == [{"change": "reidentified", "old_id": "okonomi",
                                "new_id": "economy", "old": "okonomi", "new": "economy",
                                "match": "label", "score": 1.0}]
    strict = json.loads(run("diff", "charts/evenes.yaml", str(renamed), "--match", "id",
                            "--format", "json").output)
    assert [(c["change"], c["old_id"] or c["new_id"]) for c in strict["changes"]] == [
        ("removed", "okonomi"), ("added", "economy")]


def test_diff_of_a_missing_or_broken_file_is_an_error():
    result = run("diff", "charts/lier.yaml", "nope.yaml")
    assert result.exit_code == 1 and "nope.yaml" in result.output
    result = run("diff", "examples/invalid/bad.yaml", "charts/lier.yaml")
    assert result.exit_code == 1 and result.output.startswith("error: examples/invalid/bad")


def test_transform_writes_a_valid_noted_result_that_diffs_against_its_input(tmp_path):
    out = tmp_path / "what-if.yaml"
    result = run("transform", "charts/rissa.yaml", "--remove", "ass_radmann_ho",
                 "--move", "kultur:re_helse_omsorg", "--attach", "kultur:ledergruppe",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}: 3 step(s) applied, 14 nodes (was 15)\n"
    org = orgraph.load(out)
    assert org.graph["steps"] == [
        "move kultur from radmann to re_helse_omsorg",
        "remove ass_radmann_ho: 1 report moved to radmann",
        "attach kultur to ledergruppe (member)"]
    d = json.loads(run("diff", "charts/rissa.yaml", str(out), "--format", "json").output)
    assert [(c["change"], c["old_id"] or c["new_id"], c["old"], c["new"])
            for c in d["changes"]] == [
        ("removed", "ass_radmann_ho", "Assisterende rådmann for Helse og omsorg", None),
        ("moved", "re_helse_omsorg", "ass_radmann_ho", "radmann"),
        ("moved", "kultur", "radmann", "re_helse_omsorg")]


def test_transform_prints_the_diff_on_request(tmp_path):
    out = tmp_path / "s.yaml"
    result = CliRunner().invoke(main, ["transform", "charts/sveio.yaml", "--remove-level",
                                       "sector_chief", "-o", str(out), "--diff"])
    assert result.exit_code == 0
    assert result.stderr == f"{out}: 1 step(s) applied, 17 nodes (was 19)\n"
    assert any(line.split() == ["management_levels", "2.5", "2"]
               for line in result.stdout.splitlines())


@pytest.mark.parametrize("args, message", [
    (["--remove", "nope"], "Error: --remove nope: no unit 'nope' in Rissa kommune"),
    (["--move", "radmann:kultur"], "reporting cycle radmann → kultur → radmann"),
    (["--merge", "ass_radmann_ho,re_helse_omsorg"],
     "cannot merge 're_helse_omsorg' with its own superior 'ass_radmann_ho'"),
    (["--plan", "examples/plans/rissa-2002-06.yaml", "--remove", "ass_radmann_ho"],
     "--remove ass_radmann_ho: no unit 'ass_radmann_ho'"),
    (["--move", "kultur"], "'kultur': write ID:NEW_SUPERIOR"),
    ([], "give a --plan or at least one step"),
])
def test_transform_refuses_bad_steps_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "out.yaml"
    result = run("transform", "charts/rissa.yaml", *args, "-o", str(out))
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert not out.exists()


def test_transform_never_overwrites_its_input(tmp_path):
    copy = tmp_path / "rissa.yaml"
    copy.write_text(Path("charts/rissa.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_bytes()
    result = run("transform", str(copy), "--remove", "ass_radmann_ho", "-o", str(copy))
    assert result.exit_code == 2 and "is the input file" in result.output
    assert copy.read_bytes() == before


def test_transform_refuses_a_plan_for_another_organisation(tmp_path):
    out = tmp_path / "out.yaml"
    result = run("transform", "charts/loten.yaml", "--plan",
                 "examples/plans/rissa-2002-06.yaml", "-o", str(out))
    assert result.exit_code == 1
    assert result.output == ("error: examples/plans/rissa-2002-06.yaml: the plan is for "
                             "'Rissa kommune', but the input is 'Løten kommune'; apply it "
                             "to the organisation it names\n")
    assert not out.exists()


def test_transform_names_the_line_of_an_unknown_plan_step(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = Path("examples/plans/rissa-2002-06.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("- remove: ass_radmann_oppvekst",
                                 "- abolish: ass_radmann_oppvekst"), encoding="utf-8")
    line = text.splitlines().index("  - remove: ass_radmann_oppvekst") + 1
    out = tmp_path / "out.yaml"
    result = run("transform", "charts/rissa.yaml", "--plan", str(plan), "-o", str(out))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {plan}:{line}: step 2: unknown step type "
                                    "'abolish'")
    assert not out.exists()


def test_both_commands_run_as_real_processes(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = tmp_path / "rissa-plan.yaml"
    done = subprocess.run([sys.executable, "-m", "orgraph", "transform", "charts/rissa.yaml",
                           "--plan", "examples/plans/rissa-2002-06.yaml", "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "orgraph", "diff", "charts/rissa.yaml",
                           str(out), "--format", "json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {c["old_id"] for c in data["changes"] if c["change"] == "removed"} == {
        "ass_radmann_ho", "ass_radmann_oppvekst"}


def test_readme_reorganisations_example_is_real(tmp_path, monkeypatch):
    """The README's `orgraph transform` / `orgraph diff` block: each command's real output."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reorganisations: diff and what-if plans", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    for name in ("charts", "examples"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)  # the example writes rissa-plan.yaml where it runs
    commands = block.split("$ ")[1:]
    assert [c.split()[1] for c in commands] == ["transform", "diff"]
    for command in commands:
        line, shown = command.split("\n", 1)
        result = CliRunner().invoke(main, line.split()[1:])
        assert result.exit_code == 0, result.output
        assert result.output == shown
