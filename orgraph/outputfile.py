"""Writing output files one way for every command: ``-`` for stdout, folders made, atomic.

The rule, the same for ``render``, ``convert``, ``metrics -o``, ``spans -o``, ``compare -o``
and ``render --book``:

- ``-`` is standard output.
- Missing folders on the way to the file are created (``mkdir -p``), as ``render --outdir``
  always did; a path whose folder is a file, an unwritable folder or a full disk is an
  :class:`~orgraph.errors.OutputError` naming the path and the reason, never a traceback.
- A regular file is written to a temporary file in the same folder and renamed over the
  target (:func:`os.replace`) only when complete: a failure leaves the old file, or none,
  and no half-written one. The temporary file is removed on every failure.
- A special file that exists (``/dev/stdout``, ``/dev/full``, a FIFO) is written in place:
  it cannot be renamed over.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp()) / "new" / "folder" / "a.txt"
>>> write_output(out, "hello\\n")
>>> out.read_text(), sorted(p.name for p in out.parent.iterdir())
('hello\\n', ['a.txt'])
>>> write_output(out / "b.txt", "x")
Traceback (most recent call last):
...
orgraph.errors.OutputError: .../a.txt/b.txt: cannot write: .../a.txt is a file, not a folder
>>> write_output("/dev/full", "x")
Traceback (most recent call last):
...
orgraph.errors.OutputError: /dev/full: cannot write: No space left on device
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from orgraph.errors import ChartError, OutputError

__all__ = ["STDOUT", "clashes", "is_stdout", "output_file", "output_folder", "prepare_folder",
           "write_output"]

#: The output path that means standard output.
STDOUT = "-"


def is_stdout(target: str | Path | None) -> bool:
    """Whether ``target`` is ``-``, standard output.

    Examples
    --------
    >>> is_stdout("-"), is_stdout("a.svg"), is_stdout(None)
    (True, False, False)
    """
    return target is not None and str(target) == STDOUT


def clashes(jobs: list[tuple[str, str | Path]]) -> list[str]:
    """Messages for outputs that two inputs would both write (``--outdir`` with two ``lier.*``).

    Batch commands refuse such a call before writing anything, rather than let the second
    input overwrite the first or invent names a script cannot predict.

    Parameters
    ----------
    jobs : list of (str, str or Path)
        Each input with its output; outputs are compared by absolute path (``-`` never
        clashes).

    Returns
    -------
    list of str
        One message per output written twice; empty when all differ.

    Examples
    --------
    >>> clashes([("a/lier.yaml", "out/lier.svg"), ("b/lier.csv", "out/lier.svg"),
    ...          ("sveio.yaml", "out/sveio.svg")])
    ['a/lier.yaml and b/lier.csv would both write out/lier.svg']
    >>> clashes([("a.yaml", "-"), ("b.yaml", "-")])
    []
    """
    first: dict[str, str] = {}
    out = []
    for source, target in jobs:
        if is_stdout(target):
            continue
        key = os.path.abspath(target)
        if key in first:
            out.append(f"{first[key]} and {source} would both write {target}")
        else:
            first[key] = source
    return out


def write_output(target: str | Path, data: bytes | str) -> None:
    """Write ``data`` (text is UTF-8) to ``target`` by the rule of this module.

    Parameters
    ----------
    target : str or Path
        The file; ``-`` is standard output.
    data : bytes or str
        The whole content.

    Raises
    ------
    OutputError
        The target cannot be written; the message names it and the reason.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "chart.dot"
    >>> write_output(out, "Rådmann")  # text is written as UTF-8
    >>> write_output(out, b"digraph {}")  # replaces the old content whole
    >>> out.read_bytes(), sorted(p.name for p in out.parent.iterdir())
    (b'digraph {}', ['chart.dot'])
    >>> write_output(out / "x.svg", "x")
    Traceback (most recent call last):
    ...
    orgraph.errors.OutputError: .../chart.dot/x.svg: cannot write: .../chart.dot is a file, \
not a folder
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if is_stdout(target):
        _to_stream(raw, "-")
        return
    with output_file(target) as temporary:
        temporary.write_bytes(raw)


@contextlib.contextmanager
def output_file(target: str | Path) -> Iterator[Path]:
    """Give a temporary path to write; when the block succeeds it becomes ``target``.

    The temporary file has the target's suffix (writers that choose by suffix, ``.tsv`` or
    ``.xlsx``, still do). On any exception it is removed and the target left as it was;
    an :class:`OSError` becomes an :class:`OutputError` naming ``target``, and a
    :class:`~orgraph.errors.ChartError` about the temporary file is told of ``target``.

    Parameters
    ----------
    target : str or Path
        The file to make; ``-`` is standard output, an existing special file is written in
        place.

    Yields
    ------
    Path
        Where the block writes.

    Raises
    ------
    OutputError
        The folder cannot be made or the file not written; the message names ``target``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with output_file(folder / "a.csv") as temporary:
    ...     _ = temporary.write_text("id\\n")
    ...     temporary.suffix, temporary.parent == folder
    ('.csv', True)
    >>> (folder / "a.csv").read_text()
    'id\\n'
    >>> with output_file(folder / "a.csv") as temporary:
    ...     _ = temporary.write_text("half")
    ...     raise OSError(28, "No space left on device")
    Traceback (most recent call last):
    ...
    orgraph.errors.OutputError: .../a.csv: cannot write: No space left on device
    >>> (folder / "a.csv").read_text(), sorted(p.name for p in folder.iterdir())
    ('id\\n', ['a.csv'])
    """
    name = str(target)
    path = Path(target)
    if is_stdout(target) or _is_special(path):
        with tempfile.TemporaryDirectory(prefix="orgraph-") as folder:
            temporary = Path(folder) / f"output{path.suffix if not is_stdout(target) else ''}"
            with _told_of(name, temporary):
                yield temporary
                _to_stream(temporary.read_bytes(), name)
        return
    folder = _make_folder(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix,
                                             dir=folder)
    except OSError as exc:
        raise OutputError(name, f"cannot write: {exc.strerror or exc}") from None
    os.close(handle)
    temporary = Path(temp_name)
    try:
        with _told_of(name, temporary):
            yield temporary
            _keep_mode(temporary, path)
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


@contextlib.contextmanager
def output_folder(target: str | Path) -> Iterator[Path]:
    """Give a temporary folder to fill; when the block succeeds its files move into ``target``.

    The folder (and those above it) is created by :func:`prepare_folder`'s rule; each file
    is renamed into place whole, files already in ``target`` that the block did not write
    are kept, and on a failure nothing is moved and the temporary folder is removed.

    Examples
    --------
    >>> import tempfile
    >>> book = Path(tempfile.mkdtemp()) / "book"
    >>> with output_folder(book) as temporary:
    ...     _ = (temporary / "index.html").write_text("<p>")
    >>> sorted(p.name for p in book.parent.iterdir()), (book / "index.html").read_text()
    (['book'], '<p>')
    """
    folder = prepare_folder(target)
    name = str(target)
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise OutputError(name, f"cannot write: {exc.strerror or exc}") from None
    try:
        with _told_of(name, temporary):
            yield temporary
            for made in sorted(temporary.iterdir()):
                _keep_mode(made, folder / made.name)
                os.replace(made, folder / made.name)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _is_special(path: Path) -> bool:
    """An existing target that is not a regular file (a device, a FIFO): written in place."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def prepare_folder(folder: str | Path, name: str | None = None) -> Path:
    """Create ``folder`` and the folders above it, by this module's rule; return it.

    ``name`` is the output the messages name (default: the folder).

    Raises
    ------
    OutputError
        A file is in the way, or a folder cannot be created.

    Examples
    --------
    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> prepare_folder(base / "book" / "pages").is_dir()
    True
    """
    folder = Path(folder)
    name = name or str(folder)
    for above in [folder, *folder.parents]:
        if above.exists() and not above.is_dir():
            raise OutputError(name, f"cannot write: {above} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(name, f"cannot create the folder {folder}: "
                                f"{exc.strerror or exc}") from None
    return folder


def _make_folder(path: Path) -> Path:
    """Create the folders on the way to ``path``; refuse a folder as the target."""
    if path.is_dir():
        raise OutputError(str(path), "cannot write: is a folder; give a file name")
    return prepare_folder(path.parent, str(path))


def _keep_mode(temporary: Path, target: Path) -> None:
    """Give the new file the old one's permissions, or the umask's (mkstemp makes 0600)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


@contextlib.contextmanager
def _told_of(name: str, temporary: Path) -> Iterator[None]:
    """Report failures of writing ``temporary`` as failures to write ``name``."""
    try:
        yield
    except ChartError as exc:
        problems = [replace(p, file=name, message=p.message.replace(str(temporary), name))
                    if p.file == str(temporary) else p for p in exc.problems]
        raise ChartError(problems) from None
    except OutputError as exc:
        if exc.path != str(temporary):
            raise
        message = str(exc)[len(exc.path) + 2:]  # "path: message"
        raise OutputError(name, message.replace(str(temporary), name)) from None
    except OSError as exc:
        raise OutputError(name, f"cannot write: {exc.strerror or exc}") from None


def _to_stream(raw: bytes, name: str) -> None:
    """Copy ``raw`` to standard output (``-``) or into a special file, in place."""
    try:
        if is_stdout(name):
            stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
            if stream is None:  # a text-only stdout (some test harnesses)
                sys.stdout.write(raw.decode("utf-8", errors="replace"))
                sys.stdout.flush()
                return
            stream.write(raw)
            stream.flush()
            return
        with open(name, "wb") as handle:
            handle.write(raw)
    except BrokenPipeError:  # `orgraph ... - | head`: the reader left; not an error
        _quiet_broken_pipe()
    except OSError as exc:
        raise OutputError(name, f"cannot write: {exc.strerror or exc}") from None


def _quiet_broken_pipe() -> None:
    """Point stdout at devnull so Python's exit flush does not complain about the pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
