"""Choosing between a box per person and team lists (:mod:`orgraph.layout.teams`).

``teams="auto"`` (the default of :func:`orgraph.render.render`) draws lists only where
printing needs them: on a page, when a box per person would put the chart's smallest text
below :data:`~orgraph.render.page.MIN_TEXT` points and lists make it larger. Without a page,
or for chart-book pages (``cut``, ``captions``, ``links``), every person keeps a box, so
charts drawn without ``--page`` are unchanged.

Examples
--------
>>> check_teams("lists", "tree")
>>> check_teams("list", "tree")
Traceback (most recent call last):
...
orgraph.errors.RenderError: unknown teams 'list'; use one of: boxes, lists, auto
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from orgraph.errors import RenderError
from orgraph.model import Organisation
from orgraph.render.page import MIN_TEXT, Page, RenderNote

__all__ = ["GAIN", "TEAMS", "auto_teams", "check_teams"]

#: ``auto`` draws lists only when they make the text at least this many times larger.
GAIN = 1.05

#: How a manager's leaf reports are drawn: a box each, one list box, or lists when printing
#: needs them.
TEAMS = ("boxes", "lists", "auto")


def check_teams(teams: str, layout: str) -> None:
    """Refuse an unknown ``teams`` value, and lists with Graphviz's own layout.

    Parameters
    ----------
    teams : str
        One of :data:`TEAMS`.
    layout : str
        ``tree`` (orgraph's own layout) or ``dot``.

    Raises
    ------
    RenderError
        Naming the values allowed, or the option to drop.

    Examples
    --------
    >>> check_teams("lists", "dot")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: team lists need orgraph's own layout: drop --layout dot, or use --teams boxes
    """  # noqa: E501
    if teams not in TEAMS:
        raise RenderError(f"unknown teams {teams!r}; use one of: {', '.join(TEAMS)}")
    if teams == "lists" and layout != "tree":
        raise RenderError("team lists need orgraph's own layout: drop --layout dot, or use "
                          "--teams boxes")


def auto_teams(org: Organisation, paper: Page | None, smallest: Callable[[str], float],
               **options: Any) -> str:
    """Pinned DOT with a box per person, or with team lists where the page needs them.

    ``smallest`` gives a DOT source's smallest text in points before scaling
    (:func:`orgraph.render.smallest_text`); ``options`` go to
    :func:`~orgraph.render.pinned.to_pinned_dot`. Lists are drawn when a box per person
    would scale that text below :data:`~orgraph.render.page.MIN_TEXT` on ``paper`` and
    lists make it at least :data:`GAIN` times larger; a
    :class:`~orgraph.render.page.RenderNote` then names both sizes and ``--teams boxes``.

    Parameters
    ----------
    org : Organisation
    paper : Page or None
        The page the chart is fitted to; ``None``: no page, a box per person.
    smallest : callable
        DOT source → its smallest text in points (:func:`orgraph.render.smallest_text`).
    **options
        Passed to :func:`~orgraph.render.pinned.to_pinned_dot`.

    Returns
    -------
    str
        The pinned DOT chosen.

    Warns
    -----
    RenderNote
        When lists were drawn.

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.generate import generate_company
    >>> org = generate_company(80, seed=2)
    >>> with warnings.catch_warnings(record=True) as notes:
    ...     warnings.simplefilter("always")
    ...     src = orgraph.render(org, "dot", page="A4,landscape").decode()
    >>> "~team" in src, [str(n.message)[-31:] for n in notes]
    (True, ['(--teams boxes draws the boxes)'])
    >>> "~team" in orgraph.render(org, "dot").decode()
    False
    """
    from orgraph.render.pinned import bounding_box, to_pinned_dot

    boxes = to_pinned_dot(org, teams="boxes", **options)
    book_page = any(options.get(k) for k in ("cut", "captions", "links"))
    if paper is None or book_page:
        return boxes
    before = smallest(boxes) * paper.scale(*(bounding_box(boxes) or (1.0, 1.0)))
    if before >= MIN_TEXT:
        return boxes
    lists = to_pinned_dot(org, teams="lists", **options)
    after = smallest(lists) * paper.scale(*(bounding_box(lists) or (1.0, 1.0)))
    if after < before * GAIN:
        return boxes
    warnings.warn(RenderNote(
        f"each manager's leaf reports are drawn as one list, so the text is {after:.1f} pt "
        f"on {paper.name} instead of {before:.1f} pt with a box each (--teams boxes draws "
        "the boxes)"), stacklevel=3)
    return lists
