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
    """Check the options and return every node's kind.

    Parameters
    ----------
    org : Organisation
    lang : str
        Label language (``no`` or ``en``).
    root : str or None
        The node to draw from (``--root``).
    depth : int or None
        Levels to draw below it (``--depth``).
    wrap : int
        Most leaf reports side by side.

    Returns
    -------
    dict
        Node → its :class:`~orgraph.model.Kind`.

    Raises
    ------
    RenderError
        An unknown language, root or kind, or a negative depth or wrap below 1.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> check_options(org, "no", None, None, 6)["barnehager"]
    <Kind.UNIT_GROUP: 'unit_group'>
    >>> check_options(org, "no", "nope", None, 6)
    Traceback (most recent call last):
    orgraph.errors.RenderError: --root: node 'nope' is not in the organisation; list the ids \
with `orgraph show FILE`
    >>> check_options(org, "no", None, -1, 6)
    Traceback (most recent call last):
    orgraph.errors.RenderError: --depth must be 0 or more, not -1
    """
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
    """The chart's title: the organisation's name in ``lang`` (``name_en`` for English,
    falling back to ``name``) and its date in brackets when it has both.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> chart_title(org, "no"), chart_title(org, "en")
    ('Eksempel kommune (2002-01)', 'Example municipality (2002-01)')
    >>> chart_title(Organisation(name="X"), "en")
    'X'
    """
    name = org.graph.get("name_en") if lang == "en" else None
    name = name or org.graph.get("name") or ""
    date = org.graph.get("date")
    return f"{name} ({date})" if name and date else str(name)
