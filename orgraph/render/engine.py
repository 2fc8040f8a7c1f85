"""The one place that starts a process: lay DOT out with system ``dot`` or graphviz-pure.

``engine="system"`` runs the Graphviz ``dot`` on the ``PATH``; ``engine="embedded"`` runs
``graphviz-pure``, a Rust port of Graphviz installed from PyPI with orgraph (wheels for Linux,
macOS and Windows); ``engine="auto"`` takes the system's when there is one. Every failure is a
:class:`~orgraph.errors.RenderError` that says what to install or change.

Examples
--------
>>> svg = layout('digraph { a -> b }', "svg", engine="embedded")
>>> svg.lstrip().startswith(b"<?xml")
True
>>> layout('digraph { a }', "gif", engine="embedded")
Traceback (most recent call last):
...
orgraph.errors.RenderError: the embedded engine cannot write 'gif'; use one of: png, svg
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from orgraph.errors import RenderError

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "ENGINE_FORMATS",
    "MAX_TIMEOUT",
    "available_engines",
    "check_timeout",
    "find_engine",
    "layout",
    "run_engine",
]

#: The engine choices; ``auto`` prefers the system's Graphviz.
ENGINES = ("auto", "system", "embedded")
#: What each engine writes itself (PDF from the embedded engine goes through a converter).
ENGINE_FORMATS = {"system": ("pdf", "png", "svg"), "embedded": ("png", "svg")}
#: Seconds a layout may take before it is stopped.
DEFAULT_TIMEOUT = 60.0
#: The longest time limit one may ask for (a day); ``None`` means no limit.
MAX_TIMEOUT = 86_400.0

_EMBEDDED = "graphviz-pure"
_INSTALL_EMBEDDED = ("install it with `python -m pip install graphviz-pure` (orgraph declares "
                     "it; a broken install lacks it)")
_INSTALL_SYSTEM = ("install Graphviz (https://graphviz.org/download/, e.g. `apt-get install "
                   "graphviz`) or use --engine embedded")


def _embedded_path() -> str | None:
    exe = _EMBEDDED + (".exe" if os.name == "nt" else "")
    found = shutil.which(_EMBEDDED)
    if found:
        return found
    dirs = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    with contextlib.suppress(KeyError):  # platforms without a user scheme
        dirs.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    for folder in dirs:
        candidate = Path(folder) / exe
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def find_engine(engine: str = "auto") -> tuple[str, str]:
    """Return ``(which, executable)`` for an engine choice.

    Parameters
    ----------
    engine : {"auto", "system", "embedded"}

    Raises
    ------
    RenderError
        An unknown choice, or the requested engine is not installed (the message says how
        to install it).

    Examples
    --------
    >>> find_engine("embedded")[0]
    'embedded'
    >>> find_engine("fast")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: unknown engine 'fast'; use one of: auto, system, embedded
    """
    if engine not in ENGINES:
        raise RenderError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if engine in ("auto", "system"):
        system = shutil.which("dot")
        if system:
            return "system", system
        if engine == "system":
            raise RenderError(f"the system Graphviz `dot` is not on the PATH; {_INSTALL_SYSTEM}")
    embedded = _embedded_path()
    if embedded:
        return "embedded", embedded
    if engine == "embedded":
        raise RenderError(f"the embedded engine `graphviz-pure` is not installed; "
                          f"{_INSTALL_EMBEDDED}")
    raise RenderError(f"no Graphviz engine found: neither `dot` nor `graphviz-pure`; "
                      f"{_INSTALL_EMBEDDED}, or {_INSTALL_SYSTEM.split(' or ')[0]}")


def available_engines() -> list[str]:
    """Return the engines installed here (``"system"``, ``"embedded"``).

    Examples
    --------
    >>> "embedded" in available_engines()
    True
    """
    out = []
    for engine in ("system", "embedded"):
        try:
            find_engine(engine)
        except RenderError:
            continue
        out.append(engine)
    return out


def layout(source: str, format: str, *, engine: str = "auto",
           timeout: float | None = DEFAULT_TIMEOUT, dpi: float | None = None) -> bytes:
    """Lay out DOT ``source`` and return the output bytes in ``format``.

    Parameters
    ----------
    source : str
        DOT source.
    format : str
        ``svg`` or ``png`` (and ``pdf`` with the system engine).
    engine : {"auto", "system", "embedded"}
    timeout : float or None
        Seconds before the layout is stopped; ``None`` waits for ever.
    dpi : float, optional
        Resolution of bitmap output.

    Raises
    ------
    RenderError
        The engine is missing or cannot write ``format``, the layout failed (with the
        engine's message), or it took longer than ``timeout``.

    Examples
    --------
    >>> svg = layout("digraph { a -> b }", "svg", engine="embedded")
    >>> svg.count(b'class="node"'), svg.count(b'class="edge"')
    (2, 1)
    >>> layout("digraph { a -> ", "svg", engine="embedded")
    Traceback (most recent call last):
    orgraph.errors.RenderError: the embedded engine (graphviz-pure) failed with exit code 1: ...
    """
    return run_engine(*find_engine(engine), source, format, timeout=timeout, dpi=dpi)


def check_timeout(timeout: float | None) -> None:
    """Refuse a time limit that is not a number of seconds in (0, :data:`MAX_TIMEOUT`].

    Examples
    --------
    >>> check_timeout(None), check_timeout(2.5)
    (None, None)
    >>> check_timeout(float("nan"))
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: timeout nan is not a number of seconds in (0, 86400]; ...
    """
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) \
            or not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT:
        raise RenderError(f"timeout {timeout!r} is not a number of seconds in (0, "
                          f"{MAX_TIMEOUT:g}]; give e.g. 60, or None for no limit")


def run_engine(which: str, exe: str, source: str, format: str, *,
               timeout: float | None = DEFAULT_TIMEOUT, dpi: float | None = None,
               pinned: bool = False) -> bytes:
    """:func:`layout` with the engine already found: ``(which, exe)`` from :func:`find_engine`.

    Examples
    --------
    >>> run_engine(*find_engine("embedded"), 'digraph { a }', "svg")[:5]
    b'<?xml'

    ``pinned=True`` draws DOT whose positions are all given (``neato -n2``) instead of
    laying it out with ``dot``.
    """
    check_timeout(timeout)
    formats = ENGINE_FORMATS[which]
    if format not in formats:
        raise RenderError(f"the {which} engine cannot write {format!r}; use one of: "
                          f"{', '.join(formats)}")
    cmd = [exe, f"-T{format}"]
    if pinned:
        cmd[1:1] = ["-Kneato", "-n2"]
    if dpi:
        cmd.append(f"-Gdpi={dpi:g}")
    try:
        proc = subprocess.run(cmd, input=source.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"the layout took longer than {timeout:g} s and was stopped; draw "
                          "part of the organisation (--root ID --depth N), keep aggregates "
                          "(drop --expand), or allow more time (--timeout)") from None
    except OSError as exc:
        raise RenderError(f"could not start {exe}: {exc}; {_INSTALL_EMBEDDED}") from None
    if proc.returncode != 0 or not proc.stdout:
        message = proc.stderr.decode("utf-8", "replace").strip() or "no message"
        raise RenderError(f"the {which} engine ({Path(exe).name}) failed with exit code "
                          f"{proc.returncode}: {message}")
    return proc.stdout
