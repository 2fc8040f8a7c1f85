"""Charts in the legend of Vedlegg 1: Organisation → DOT → SVG / PNG / PDF.

:func:`render` is the whole pipeline; :mod:`~orgraph.render.style` is the legend table,
:mod:`~orgraph.render.dot` the pure DOT builder, :mod:`~orgraph.render.engine` the one place
that starts a layout process, :mod:`~orgraph.render.convert` SVG → PDF.

Examples
--------
>>> import orgraph
>>> org = orgraph.load("examples/minimal.yaml")
>>> render(org, format="svg")[:5]
b'<?xml'
>>> render(org, format="png")[1:4]
b'PNG'
"""

from __future__ import annotations

from collections.abc import Collection

from orgraph.errors import RenderError
from orgraph.model import Organisation
from orgraph.render.dot import DEFAULT_WRAP, to_dot
from orgraph.render.engine import DEFAULT_TIMEOUT, ENGINES, find_engine, run_engine

__all__ = ["DEFAULT_TIMEOUT", "ENGINES", "FORMATS", "render", "to_dot"]

#: Output formats; ``dot`` is the DOT source before layout.
FORMATS = ("svg", "png", "pdf", "dot")


def render(org: Organisation, format: str = "svg", *, engine: str = "auto",
           lang: str = "no", expand: bool = False, legend: bool = False,
           show: str | Collection[str] | None = None, root: str | None = None,
           depth: int | None = None, wrap: int = DEFAULT_WRAP,
           timeout: float | None = DEFAULT_TIMEOUT, dpi: float | None = None) -> bytes:
    """Draw the organisation's chart and return it as bytes.

    Parameters
    ----------
    org : Organisation
    format : {"svg", "png", "pdf", "dot"}
        ``dot`` returns the DOT source (UTF-8) without running an engine.
    engine : {"auto", "system", "embedded"}
        ``auto`` uses the system's Graphviz when installed, else graphviz-pure.
    lang, expand, legend, show, root, depth, wrap
        Passed to :func:`orgraph.render.dot.to_dot`.
    timeout : float or None
        Seconds the layout may take.
    dpi : float, optional
        Resolution of PNG output (default 96 dpi for PNG).

    Raises
    ------
    RenderError
        An unknown format or option, a missing engine, a failed or timed-out layout.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> b"Kommunestyret" in orgraph.render(org, "dot")
    True
    >>> orgraph.render(org, "gif")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: unknown format 'gif'; use one of: svg, png, pdf, dot
    """
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    source = to_dot(org, lang=lang, expand=expand, legend=legend, show=show, root=root,
                    depth=depth, wrap=wrap)
    if format == "dot":
        return source.encode("utf-8")
    if format == "png" and dpi is None:
        dpi = 96
    which, exe = find_engine(engine)
    if format == "pdf" and which == "embedded":
        from orgraph.render.convert import svg_to_pdf

        return svg_to_pdf(run_engine(which, exe, source, "svg", timeout=timeout))
    return run_engine(which, exe, source, format, timeout=timeout, dpi=dpi)
