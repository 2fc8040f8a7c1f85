"""Reading an input file with a size limit, turning OS errors into clear problems."""

from __future__ import annotations

from pathlib import Path

from orgraph.errors import ChartError, Problem
from orgraph.limits import refuse_special

__all__ = ["read_limited"]


def read_limited(path: str | Path, limit: int, what: str = "input files",
                 how: str = "") -> bytes:
    """Return the bytes of ``path``, refusing files over ``limit`` bytes before reading them.

    Parameters
    ----------
    path : str or Path
        The file.
    limit : int
        The largest size accepted, in bytes.
    what : str
        How the limit's message names the files (``"chart files"``).
    how : str
        How to raise the limit, appended to its message.

    Raises
    ------
    ChartError
        A missing file, a directory, a FIFO or device (refused without opening it: see
        :func:`orgraph.limits.refuse_special`), an unreadable file, or one over the limit;
        the message names the file.

    Examples
    --------
    >>> read_limited("examples/minimal.yaml", 10_000)[:8]
    b'# yaml-l'
    >>> read_limited("examples/minimal.yaml", 10, "chart files")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: examples/minimal.yaml: the file is ... bytes; chart files are
    limited to 10 bytes
    >>> read_limited("/dev/zero", 10)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: /dev/zero: is a character device, not a regular file; ...
    >>> read_limited("examples/nope.yaml", 10)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: examples/nope.yaml: no such file
    """
    path = Path(path)
    size = refuse_special(path).st_size  # a FIFO or /dev/zero is refused unopened
    try:
        if size <= limit:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)  # the file may grow while it is read
            size = len(data)
        if size > limit:
            raise ChartError([Problem(str(path), f"the file is {size:,} bytes; {what} are "
                                                 f"limited to {limit:,} bytes {how}")])
        return data
    except FileNotFoundError:
        raise ChartError([Problem(str(path), "no such file")]) from None
    except IsADirectoryError:
        raise ChartError([Problem(str(path), "is a directory, not a file")]) from None
    except OSError as exc:
        raise ChartError([Problem(str(path), f"cannot read: {exc.strerror}")]) from None
