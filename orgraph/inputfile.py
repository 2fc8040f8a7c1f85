"""Reading an input file with a size limit, turning OS errors into clear problems."""

from __future__ import annotations

from pathlib import Path

from orgraph.errors import ChartError, Problem

__all__ = ["read_limited"]


def read_limited(path: str | Path, limit: int, what: str = "input files") -> bytes:
    """Return the bytes of ``path``, refusing files over ``limit`` bytes before reading them.

    Parameters
    ----------
    path : str or Path
        The file.
    limit : int
        The largest size accepted, in bytes.
    what : str
        How the limit's message names the files (``"chart files"``).

    Raises
    ------
    ChartError
        A missing file, a directory, an unreadable file, or one over the limit; the message
        names the file.

    Examples
    --------
    >>> read_limited("examples/minimal.yaml", 10_000)[:8]
    b'# yaml-l'
    >>> read_limited("examples/minimal.yaml", 10, "chart files")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: examples/minimal.yaml: the file is ... bytes; chart files are
    limited to 10 bytes
    >>> read_limited("examples/nope.yaml", 10)
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: examples/nope.yaml: no such file
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ChartError([Problem(str(path), f"the file is {size:,} bytes; {what} are "
                                                 f"limited to {limit:,} bytes")])
        return path.read_bytes()
    except FileNotFoundError:
        raise ChartError([Problem(str(path), "no such file")]) from None
    except IsADirectoryError:
        raise ChartError([Problem(str(path), "is a directory, not a file")]) from None
    except OSError as exc:
        raise ChartError([Problem(str(path), f"cannot read: {exc.strerror}")]) from None
