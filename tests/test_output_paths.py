"""One rule for output paths in every command: folders created, clean errors, atomic files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph.cli import main
from orgraph.errors import OutputError
from orgraph.outputfile import output_file, write_output

ROOT = Path(__file__).parent.parent
MINIMAL = str(ROOT / "examples" / "minimal.yaml")

#: Every command that writes a file, as (arguments before the output, after it, file name).
WRITERS = {
    "render": (["render", MINIMAL, "--engine", "embedded", "-o"], [], "m.svg"),
    "convert": (["convert", MINIMAL], ["--to", "csv"], "m.csv"),
    "metrics": (["metrics", MINIMAL, "--format", "csv", "-o"], [], "m.csv"),
    "spans": (["spans", MINIMAL, "--format", "json", "-o"], [], "m.json"),
    "compare": (["compare", MINIMAL, "-o"], [], "m.txt"),
    "book": (["render", MINIMAL, "--engine", "embedded", "--book"], [], "m.pdf"),
}


def _invoke(name: str, target: Path | str):
    before, after, _ = WRITERS[name]
    return CliRunner().invoke(main, [*before, str(target), *after])


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_missing_folders_are_created(name, tmp_path):
    target = tmp_path / "new" / "deeper" / WRITERS[name][2]
    result = _invoke(name, target)
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp left


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_file_in_the_way_is_a_clean_error(name, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("keep me")
    result = _invoke(name, blocker / WRITERS[name][2])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"{blocker} is a file, not a folder" in result.stderr
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output
    assert blocker.read_text() == "keep me"


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_full_disk_is_a_clean_error(name):
    result = _invoke(name, "/dev/full")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "error: /dev/full: cannot write: No space left on device" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_unwritable_folder_is_a_clean_error(name, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = _invoke(name, locked / WRITERS[name][2])
    assert result.exit_code == 1 and "Permission denied" in result.stderr


def test_a_book_folder_is_filled_whole(tmp_path):
    folder = tmp_path / "new" / "book"
    result = CliRunner().invoke(main, ["render", MINIMAL, "--engine", "embedded", "--book",
                                       f"{folder}/"])
    assert result.exit_code == 0, result.output
    assert "index.html" in {p.name for p in folder.iterdir()}
    assert [p.name for p in folder.parent.iterdir()] == ["book"]  # no temporary folder left


@pytest.mark.parametrize("name", ["render", "convert", "metrics"])
def test_a_folder_as_the_target_is_a_clean_error(name, tmp_path):
    result = _invoke(name, tmp_path)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert "folder" in result.output or "directory" in result.output.lower()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    """The disk fills half-way through a GraphML write: the old file survives whole."""
    import orgraph.formats.graphml as graphml

    target = tmp_path / "m.graphml"
    target.write_text("the old chart")

    def half_then_full(org, path, report=None):
        Path(path).write_text("<graphml half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(graphml, "write_graphml", half_then_full)
    result = CliRunner().invoke(main, ["convert", MINIMAL, str(target)])
    assert result.exit_code == 1
    assert f"error: {target}: cannot write: No space left on device" in result.stderr
    assert target.read_text() == "the old chart"
    assert [p.name for p in tmp_path.iterdir()] == ["m.graphml"]


def test_an_atomic_write_keeps_the_targets_permissions(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_output(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640
    fresh = tmp_path / "fresh.csv"
    write_output(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_output_file_names_the_target_in_a_writers_error(tmp_path):
    from orgraph.errors import ChartError, Problem

    target = tmp_path / "out.graphml"
    with pytest.raises(ChartError) as caught, output_file(target) as temporary:
        raise ChartError([Problem(str(temporary), f"cannot write {temporary}")])
    assert [(p.file, p.message) for p in caught.value.problems] == [
        (str(target), f"cannot write {target}")]
    assert list(tmp_path.iterdir()) == []


def test_output_error_names_the_path():
    with pytest.raises(OutputError, match=r"^/dev/full: cannot write: No space left"):
        write_output("/dev/full", b"x")
