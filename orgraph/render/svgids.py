"""Ids of one chart's SVG, prefixed so that any number of charts share one page.

Graphviz names the elements of every SVG alike (``graph0``, ``node1``, ``edge1``, ...), so
two charts inlined in one notebook or HTML page share ids: a CSS rule ``#node1{...}`` or a
link ``href="#node1"`` then reaches the wrong chart. :func:`prefix_ids` rewrites every
``id="…"`` and every reference to one (``href="#…"``, ``xlink:href="#…"``, ``url(#…)``)
with one prefix; :func:`chart_prefix` makes the prefix from the chart itself, so the same
chart gets the same prefix each time and different charts get different ones.

Examples
--------
>>> svg = b'<svg><g id="node1"><use xlink:href="#node1"/></g><path fill="url(#node1)"/></svg>'
>>> prefix_ids(svg, "c1-")
b'<svg><g id="c1-node1"><use xlink:href="#c1-node1"/></g><path fill="url(#c1-node1)"/></svg>'
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["chart_prefix", "prefix_ids", "svg_ids"]

_ID = re.compile(rb'(\sid=")([^"]*)(")')
_NAME = re.compile(rb'(\sid="|\s(?:xlink:)?href="#|url\(#)([^")]*)')
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*\Z")


def chart_prefix(svg: bytes) -> str:
    """A prefix unique to this chart and stable for it: ``og`` and 8 hex digits of its hash.

    Examples
    --------
    >>> chart_prefix(b"<svg/>") == chart_prefix(b"<svg/>"), chart_prefix(b"<svg/>")[:2]
    (True, 'og')
    >>> chart_prefix(b"<svg/>") != chart_prefix(b"<svg></svg>")
    True
    """
    return "og" + hashlib.sha1(svg, usedforsecurity=False).hexdigest()[:8] + "-"


def prefix_ids(svg: bytes, prefix: str) -> bytes:
    """Put ``prefix`` before every id of ``svg`` and before every reference to one.

    Parameters
    ----------
    svg : bytes
        An SVG document (Graphviz's output).
    prefix : str
        Starts with a letter; letters, digits, ``_ . -`` (so that it is a valid XML name
        start and needs no escaping).

    Raises
    ------
    ValueError
        The prefix is not of that form.

    Examples
    --------
    >>> prefix_ids(b'<g id="graph0"><a href="#graph0">x</a></g>', "p-")
    b'<g id="p-graph0"><a href="#p-graph0">x</a></g>'
    >>> prefix_ids(b"<svg/>", "1x")
    Traceback (most recent call last):
    ...
    ValueError: id prefix '1x': start with a letter, then letters, digits, _ . - only
    """
    if not _PREFIX.match(prefix):
        raise ValueError(f"id prefix {prefix!r}: start with a letter, then letters, digits, "
                         "_ . - only")
    ids = {m[2] for m in _ID.finditer(svg)}
    raw = prefix.encode("ascii")

    def rename(match: re.Match[bytes]) -> bytes:
        own = match[1].endswith(b'id="') or match[2] in ids  # a reference to another file stays
        return match[1] + (raw + match[2] if own else match[2])

    return _NAME.sub(rename, svg)


def svg_ids(svg: bytes) -> list[str]:
    """Every ``id`` attribute of ``svg``, in document order.

    Examples
    --------
    >>> svg_ids(b'<svg><g id="a"/><g id="b"/></svg>')
    ['a', 'b']
    """
    return [m[2].decode("utf-8") for m in _ID.finditer(svg)]
