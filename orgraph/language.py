"""Which language a chart speaks: the one it declares, English by default, ``--lang`` first.

The words orgraph writes itself (the chart's "+90 units below", the legend, the head's role)
come in the languages of :data:`LANGUAGES`; labels are the file's own, with ``label_en``
used for English where a node has one.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "resolve_language"]

#: The languages orgraph writes: Norwegian (the report's) and English.
LANGUAGES = ("no", "en")
#: The language of an organisation that declares none.
DEFAULT_LANGUAGE = "en"


def resolve_language(org: nx.DiGraph | Any, lang: str | None = None) -> str:
    """The language to use for ``org``: ``lang`` when given, else the chart's, else English.

    Parameters
    ----------
    org : Organisation
        Its graph attribute ``language`` (the chart's ``organisation: language:``) is the
        declared language.
    lang : {"no", "en"}, optional
        An explicit choice (``--lang``); it wins over the declaration and is returned as
        given (the consumer, e.g. :func:`orgraph.render`, rejects an unknown one).

    Returns
    -------
    str
        ``"no"`` or ``"en"``.

    Examples
    --------
    >>> import orgraph
    >>> resolve_language(orgraph.load("charts/lier.yaml"))  # the chart declares Norwegian
    'no'
    >>> resolve_language(orgraph.load("charts/lier.yaml"), "en")
    'en'
    >>> resolve_language(orgraph.Organisation(name="Acme"))
    'en'
    """
    if lang is not None:
        return lang
    declared = (getattr(org, "graph", None) or {}).get("language")
    return declared if declared in LANGUAGES else DEFAULT_LANGUAGE
