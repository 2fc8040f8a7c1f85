"""Before/after charts of a reorganisation, drawn with orgraph's own layout.

:func:`compare_dot` draws **one** chart of the union (:func:`orgraph.render.union.union`):
the new organisation with the removed units put back where they were, greyed and struck
through, the added ones in a bold green outline, the moved ones in blue with where they came
from, the renamed ones "old → new" (:mod:`orgraph.render.marks`). :func:`side_by_side_dot`
draws the two states as two charts in one drawing, the old one on the left, its units in the
new one's order (old-only units where they were) so the eye can compare. Either goes through
:func:`render_compare` to SVG, PNG, PDF or DOT like :func:`orgraph.render`.

Examples
--------
>>> import orgraph
>>> old = orgraph.load("charts/rissa.yaml")
>>> new = orgraph.load("charts/rissa-2002-06.yaml")
>>> src = compare_dot(old, new, legend=True)
>>> "<s>Assisterende rådmann</s>" in src and "Endringer" in src
True
>>> render_compare(old, new, "svg", side_by_side=True)[:5]
b'<?xml'
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from orgraph.errors import RenderError
from orgraph.language import resolve_language
from orgraph.layout.text import line_height, text_width
from orgraph.model import Organisation
from orgraph.render import DEFAULT_TIMEOUT, draw, page_aspect
from orgraph.render.dot import DEFAULT_WRAP
from orgraph.render.legend import Legend
from orgraph.render.marks import Marks, mark_words
from orgraph.render.options import chart_title
from orgraph.render.page import Page
from orgraph.render.pinned import (
    MARGIN,
    TITLE_SIZE,
    chart_statements,
    graph_statements,
    pinned_layout,
    title_statement,
    to_pinned_dot,
)
from orgraph.render.style import TEXT
from orgraph.render.union import ChangeSet, common_order, union

__all__ = ["compare_dot", "render_compare", "side_by_side_dot"]

#: Space between the two charts of a side-by-side drawing, in points.
HALF_GAP = 48.0


def _changes(old: Organisation, new: Organisation, changes: Any) -> ChangeSet:
    """A :class:`ChangeSet` from a diff result, a ChangeSet, or ``None`` (diff them)."""
    if isinstance(changes, ChangeSet):
        return changes
    if changes is None:
        from orgraph.reorg.diff import diff

        changes = diff(old, new)
    return ChangeSet.of(changes)


def compare_dot(old: Organisation, new: Organisation, changes: Any = None, *,
                lang: str | None = None, legend: bool = False,
                show: str | Collection[str] | None = None, expand: bool = False,
                wrap: int = DEFAULT_WRAP, max_aspect: float = 3.0) -> str:
    """Pinned DOT of one chart of both states, the changes marked.

    Parameters
    ----------
    old, new : Organisation
        The states before and after.
    changes : Diff or ChangeSet, optional
        How they match (:func:`orgraph.diff`); diffed here when not given.
    lang : {"no", "en"}, optional
        The chart's language (default: the new chart's own).
    legend, show, expand, wrap, max_aspect
        As for :func:`orgraph.render.pinned.to_pinned_dot`; the legend gets a "changes"
        section.

    Examples
    --------
    >>> import orgraph
    >>> evenes = orgraph.load("charts/evenes.yaml")
    >>> "removed" in compare_dot(evenes, evenes)
    False
    """
    lang = resolve_language(new, lang)
    org, marks = union(old, new, _changes(old, new, changes), lang=lang)
    return to_pinned_dot(org, lang=lang, legend=legend, show=show, expand=expand, wrap=wrap,
                         captions=marks.captions, max_aspect=max_aspect, marks=marks)


def _halves(old: Organisation, new: Organisation, changes: ChangeSet,
            lang: str) -> tuple[Organisation, Marks, Organisation, Marks]:
    """The old chart (its nodes renamed apart from the new one's, in the common order) and
    the new chart, with the marks each carries."""
    org, marks = union(old, new, changes, lang=lang)
    prefix = "old/"
    while any(prefix + n in new for n in old):
        prefix = "old" + prefix
    order = common_order(old, new, changes, org)
    left = Organisation(**old.graph)
    for node in order:
        left.add_node(prefix + node, **old.nodes[node])
    left.add_edges_from((prefix + u, prefix + v, d) for u, v, d in old.edges(data=True))
    shared = {o: n for n, o in changes.matches.items()}
    old_marks = {prefix + o: tuple(c for c in marks.changes.get(n, ()) if c != "added")
                 for o, n in shared.items()}
    old_marks.update({prefix + o: ("removed",) for o in changes.removed})
    left_marks = Marks({k: v for k, v in old_marks.items() if v})
    right = Organisation(**new.graph)
    right.add_nodes_from((n, org.nodes[n]) for n in new)  # renamed ones read "old → new"
    right.add_edges_from(new.edges(data=True))
    new_marks = {n: c for n, c in marks.changes.items() if n in new}
    return left, left_marks, right, Marks(new_marks, dict(marks.captions))


def side_by_side_dot(old: Organisation, new: Organisation, changes: Any = None, *,
                     lang: str | None = None, legend: bool = False,
                     show: str | Collection[str] | None = None, expand: bool = False,
                     wrap: int = DEFAULT_WRAP, max_aspect: float = 3.0) -> str:
    """Pinned DOT of the two states side by side, shared units in the same order in both.

    Parameters are those of :func:`compare_dot`; each chart may be ``max_aspect / 2`` as
    wide as it is tall. The old chart's nodes are named ``old/ID``.

    Examples
    --------
    >>> import orgraph
    >>> src = side_by_side_dot(orgraph.load("charts/rissa.yaml"),
    ...                        orgraph.load("charts/rissa-2002-06.yaml"))
    >>> '"old/radmann"' in src and '"radmann"' in src
    True
    """
    lang = resolve_language(new, lang)
    words = mark_words(lang)
    left, left_marks, right, right_marks = _halves(old, new, _changes(old, new, changes), lang)
    parts = []
    for org, marks in ((left, left_marks), (right, right_marks)):
        captions = marks.captions if org is right else None
        laid = pinned_layout(org, lang=lang, expand=expand, show=show, wrap=wrap,
                             captions=captions, max_aspect=max_aspect / 2)
        marks.restyle(laid[1])
        parts.append((org, marks, laid))
    titles = [f"{words['before']}: {chart_title(old, lang)}",
              f"{words['after']}: {chart_title(new, lang)}"]
    key = _legend(parts, lang) if legend else None
    (lw, lh), (rw, rh) = ((p[2][0].width, p[2][0].height) for p in parts)
    lw = max(lw, text_width(titles[0], TITLE_SIZE, bold=True))
    rw = max(rw, text_width(titles[1], TITLE_SIZE, bold=True))
    extra_w, extra_h = key.size() if key else (0.0, 0.0)
    title_h = line_height(TITLE_SIZE) + 10.0
    width = 2 * MARGIN + lw + HALF_GAP + rw + extra_w
    height = 2 * MARGIN + title_h + max(lh, rh, extra_h)
    top = height - MARGIN - title_h
    lines = ["digraph orgraph {", *graph_statements(width, height)]
    for i, (x, w) in enumerate(((MARGIN, lw), (MARGIN + lw + HALF_GAP, rw))):
        org, marks, (lay, specs, tree, overlays) = parts[i]
        lines.append(title_statement(f"~title~{i}", titles[i], x + w / 2, top + title_h / 2))
        lines += chart_statements(org, lay, specs, tree, overlays, lang,
                                  left=x + (w - lay.width) / 2, top=top, marks=marks)
    if key:
        lines.extend(key.statements(MARGIN + lw + HALF_GAP + rw, top, TEXT[lang]["legend"]))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _legend(parts: list, lang: str) -> Legend:
    """One legend for both charts: the rows of either, the new chart's first."""
    keys = [Legend.of(org, laid[1], laid[2], laid[3], TEXT[lang]) for org, _, laid in parts]
    out = keys[1]
    out.shapes += [s for s in keys[0].shapes if s not in out.shapes]
    out.lines += [s for s in keys[0].lines if s not in out.lines]
    out.collapsed = out.collapsed or keys[0].collapsed
    changes = {f"{n}#{i}": c for i, (_, marks, _) in enumerate(parts)
               for n, c in marks.shown().items()}
    out.marks = Marks(changes).legend_rows(lang)
    return out


def render_compare(old: Organisation, new: Organisation, format: str = "svg",
                   changes: Any = None, *, side_by_side: bool = False, engine: str = "auto",
                   lang: str | None = None, legend: bool = False,
                   show: str | Collection[str] | None = None, expand: bool = False,
                   wrap: int = DEFAULT_WRAP, timeout: float | None = DEFAULT_TIMEOUT,
                   dpi: float | None = None, page: str | Page | None = None) -> bytes:
    """Draw a before/after chart (:func:`compare_dot`, or :func:`side_by_side_dot`) as
    ``format`` bytes, like :func:`orgraph.render`.

    Parameters
    ----------
    old, new : Organisation
        The states before and after.
    format : {"svg", "png", "pdf", "dot"}
    changes : Diff or ChangeSet, optional
        How they match (:func:`orgraph.diff`); diffed here when not given.
    side_by_side : bool
        Two charts in one drawing instead of one chart of both.
    engine, lang, legend, show, expand, wrap, timeout, dpi, page
        As for :func:`orgraph.render`; ``page`` fits the whole drawing to the paper.

    Raises
    ------
    RenderError
        An unknown format or option, a failed drawing (as :func:`orgraph.render`).

    Examples
    --------
    >>> import orgraph
    >>> old, new = orgraph.load("charts/evenes-1998.yaml"), orgraph.load("charts/evenes.yaml")
    >>> render_compare(old, new, "png")[1:4]
    b'PNG'
    >>> render_compare(old, new, "gif")
    Traceback (most recent call last):
    ...
    orgraph.errors.RenderError: unknown format 'gif'; use one of: svg, png, pdf, dot
    """
    paper = Page.parse(page) if isinstance(page, str) else page
    build = side_by_side_dot if side_by_side else compare_dot
    if format not in ("svg", "png", "pdf", "dot"):
        raise RenderError(f"unknown format {format!r}; use one of: svg, png, pdf, dot")
    source = build(old, new, changes, lang=lang, legend=legend, show=show, expand=expand,
                   wrap=wrap, max_aspect=page_aspect(paper))
    return draw(source, format, engine=engine, timeout=timeout, dpi=dpi, page=paper)
