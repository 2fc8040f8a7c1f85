"""The options of a chart drawing, checked once for every layout: language, root, depth,
wrap, the ``--show`` words, and the chart's title.

Examples
--------
>>> sorted(parse_show("orders"))
['orders']
"""

from __future__ import annotations

from collections.abc import Iterable

from orgraph.errors import RenderError
from orgraph.model import Kind, Organisation
from orgraph.render.style import SHOW_CHOICES, TEXT

__all__ = ["chart_title", "check_options", "parse_show"]


def parse_show(show: str | Iterable[str] | None) -> frozenset[str]:
    """Normalise ``show`` (``"coordination,orders"`` or a list) and check its words.

    Examples
    --------
    >>> sorted(parse_show("orders, coordination"))
    ['coordination', 'orders']
    >>> parse_show("all") == frozenset(SHOW_CHOICES)
    True
    >>> parse_show("staff")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: unknown --show value 'staff'; use one or more of: ...
    """
    if not show:
        return frozenset()
    words = show.split(",") if isinstance(show, str) else list(show)
    out = set()
    for word in (w.strip() for w in words):
        if not word:
            continue
        if word == "all":
            out.update(SHOW_CHOICES)
        elif word in SHOW_CHOICES:
            out.add(word)
        else:
            raise RenderError(f"unknown --show value {word!r}; use one or more of: "
                              f"{', '.join(SHOW_CHOICES)}, all")
    return frozenset(out)


def check_options(org: Organisation, lang: str, root: str | None, depth: int | None,
           wrap: int) -> dict[str, Kind]:
    """Check the options and return every node's kind."""
    if lang not in TEXT:
        raise RenderError(f"unknown language {lang!r}; use one of: {', '.join(TEXT)}")
    if root is not None and root not in org:
        raise RenderError(f"--root: node {root!r} is not in the organisation; "
                          "list the ids with `orgraph show FILE`")
    if depth is not None and depth < 0:
        raise RenderError(f"--depth must be 0 or more, not {depth}")
    if wrap < 1:
        raise RenderError(f"wrap must be 1 or more, not {wrap}")
    kinds = {}
    by_value = {k.value: k for k in Kind}  # Kind(kind) for a known value, without the call
    for node, kind in org.nodes(data="kind"):
        try:
            found = by_value.get(kind) if type(kind) is str else None
            kinds[node] = found if found is not None else Kind(kind)
        except ValueError:
            raise RenderError(f"node {node!r} has unknown kind {kind!r}; use one of: "
                              f"{', '.join(k.value for k in Kind)}") from None
    return kinds


def chart_title(org: Organisation, lang: str) -> str:
    name = org.graph.get("name_en") if lang == "en" else None
    name = name or org.graph.get("name") or ""
    date = org.graph.get("date")
    return f"{name} ({date})" if name and date else str(name)
