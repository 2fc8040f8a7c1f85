"""Batches go on: one bad file is reported, the others are written, the exit code is 1."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from orgraph.cli import main

GOOD = ["examples/minimal.yaml", "tests/data/organogram-senior.csv"]


def broken(tmp_path: Path) -> str:
    bad = tmp_path / "broken.yaml"
    bad.write_text("orgraph: 1\norganisation: {name: X}\nunits:\n  - {id: a, kind: skole}\n",
                   encoding="utf-8")
    return str(bad)


def test_metrics_writes_the_good_records_and_exits_1(tmp_path):
    bad = broken(tmp_path)
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(main, ["metrics", GOOD[0], bad, GOOD[1], "--format", "csv",
                                       "-o", str(out)])
    assert result.exit_code == 1
    assert f"error: {bad}:4: node 'a': unknown kind 'skole'" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["file"] for r in rows] == GOOD
    assert rows[1]["name"] == "Department for Example Affairs"


def test_metrics_batch_as_a_real_process(tmp_path):
    bad = broken(tmp_path)
    out = tmp_path / "all.json"
    done = subprocess.run([sys.executable, "-m", "orgraph", "metrics", bad, *GOOD,
                           "--format", "json", "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "unknown kind 'skole'" in done.stderr
    assert [r["file"] for r in json.loads(out.read_text("utf-8"))] == GOOD


def test_compare_leaves_the_bad_file_out(tmp_path):
    bad = broken(tmp_path)
    result = CliRunner().invoke(main, ["compare", "charts/evenes.yaml", bad, "charts/lier.yaml",
                                       "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"] == ["charts/evenes.yaml", "charts/lier.yaml"]
    assert "unknown kind 'skole'" in result.stderr


def test_spans_takes_several_files(tmp_path):
    bad = broken(tmp_path)
    result = CliRunner().invoke(main, ["spans", GOOD[0], bad, GOOD[1], "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == GOOD
    assert data[0]["counts"] == "units" and data[1]["counts"] == "posts and junior rows"
    one = CliRunner().invoke(main, ["spans", GOOD[0], "--format", "json"])
    assert one.exit_code == 0 and set(json.loads(one.stdout)) == {"counts", "managers",
                                                                 "profile"}


def test_convert_outdir_converts_every_file(tmp_path):
    bad = broken(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", GOOD[0], bad, GOOD[1], "--outdir", str(out),
                                       "--to", "graphml"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["minimal.graphml",
                                                     "organogram-senior.graphml"]
    assert "unknown kind 'skole'" in result.stderr


def test_convert_usage_errors(tmp_path):
    runner = CliRunner()
    three = runner.invoke(main, ["convert", GOOD[0], GOOD[1], str(tmp_path / "x.yaml")])
    assert three.exit_code == 2 and "give IN and OUT (got 3 path(s))" in three.output
    no_to = runner.invoke(main, ["convert", GOOD[0], "--outdir", str(tmp_path)])
    assert no_to.exit_code == 2 and "--outdir needs --to FMT" in no_to.output
