"""A team list's DOT label (:mod:`orgraph.layout.teams`): one fixed-size cell per entry,
carrying the member's id, columns side by side.

Examples
--------
>>> from orgraph.layout.boxes import BoxSpec
>>> from orgraph.layout.teams import _team_spec, set_shape
>>> s = _team_spec("m~team", [BoxSpec("a", "a", {}, ["A", "Sjef"]), BoxSpec("b", "b", {},
...                ["B", "Sjef"])], ["A\\nSjef", "B\\nSjef"])
>>> s.page = True
>>> label = team_label(set_shape(s, 1, False, grouped=True))  # "Sjef:" once, above A and B
>>> label.count("<i>Sjef:</i>"), label.count('tooltip="A Sjef"'), label.count("<b>")
(1, 1, 2)
"""

from __future__ import annotations

import math

from orgraph.layout.boxes import COLUMN_GAP, FONT_SIZE
from orgraph.layout.teams import TeamSpec, _column_height
from orgraph.layout.text import line_height, text_width
from orgraph.render.labels import dot_name, html_text

__all__ = ["team_label"]

_PLAIN = 'border="0" cellborder="0" cellspacing="0" cellpadding="0"'


def team_label(spec: TeamSpec, size: float = FONT_SIZE) -> str:
    """The list's HTML-like DOT label: one fixed-size, left-aligned cell per entry carrying
    the member's id and its label as tooltip, columns side by side; every text escaped
    (:func:`~orgraph.render.labels.html_text`).

    Parameters
    ----------
    spec : TeamSpec
        A measured list (:func:`team_lists`).
    size : float
        The font size, in points.

    Returns
    -------
    str
        The label, ``<`` and ``>`` included, for DOT's ``label=``.

    Examples
    --------
    >>> from orgraph.layout.boxes import BoxSpec
    >>> from orgraph.layout.teams import _team_spec
    >>> s = _team_spec("m~team", [BoxSpec("a", "a", {}, ["A <b>"]), BoxSpec("b", "b", {},
    ...                ["B", "Sjef"])], ["A <b>", "B\\nSjef"])
    >>> label = team_label(s)
    >>> "A &lt;b&gt;" in label and 'id="b" tooltip="B Sjef"' in label
    True
    """
    if len(spec.parts) == 1:
        return f"<{_column(spec, 0, size)}>"
    gap = f'<td width="{COLUMN_GAP:.0f}"></td>'
    cells = gap.join(f'<td valign="top">{_column(spec, k, size)}</td>'
                     for k in range(len(spec.parts)))
    return f"<<table {_PLAIN}><tr>{cells}</tr></table>>"


def _column(spec: TeamSpec, k: int, size: float) -> str:
    """One column of the list: each entry one fixed-size cell of its lines (left-aligned,
    ``<br align="left"/>`` after each; both engines set a cell's lines at the font size and
    share the leading out above and below, so an entry's lines keep together and entries
    apart), and a last empty row that fills the column to the box's text height, so no
    engine spreads the entries."""
    entries, width = spec.parts[k], spec.widths[k]
    split = spec.splits[k] if spec.table else None
    lh = line_height(size)
    rows = []
    for i, heading in spec.shown(entries):
        runs = spec.runs(i, heading)
        if len(runs[0]) > 1:  # a name and its title: each in a cell as wide as orgraph measured
            body = _joined(runs[0], width, lh, size, split)
            lines = runs
        else:
            lines = [f"<b>{html_text(t)}</b>" if bold else html_text(t) for (t, bold), in runs]
            if heading:  # a group's title, above its names
                lines = [f"<i>{t}</i>" for t in lines[:-1]] + lines[-1:]
            body = "".join(f'{t}<br align="left"/>' for t in lines)
        rows.append(f'<tr><td align="left" width="{width:.1f}" '
                    f'height="{lh * len(lines):.1f}" fixedsize="true" '
                    f'id="{html_text(dot_name(spec.members[i]))}" '
                    f'tooltip="{html_text(spec.titles[i])}">{body}</td></tr>')
    rest = spec.height - 2 * spec.pad[1] - _column_height(spec, entries, size)
    if rest > 0.05:
        rows.append(f'<tr><td width="{width:.1f}" height="{rest:.1f}" fixedsize="true"></td></tr>')
    return f"<table {_PLAIN}>" + "".join(rows) + "</table>"


def _joined(line: list[tuple[str, bool]], width: float, lh: float, size: float,
            split: float | None = None) -> str:
    """A line of a bold name and its title, each in a fixed cell where orgraph measured it
    (an engine that measures a letter narrower would start the title inside the name); a
    bold space after the title sets both cells' text on one baseline (the engines set a bold
    line a little higher); in a table the title starts at ``split``."""
    (name, _), (title, _) = line
    first = math.ceil(text_width(name, size, bold=True) if split is None else split)
    rest = math.floor(width) - first  # (Graphviz takes a cell's width in whole points: the
    # two no wider than the line)
    cell = '<td align="left" width="{}" height="{:.1f}" fixedsize="true">{}</td>'
    return (f"<table {_PLAIN}><tr>" + cell.format(first, lh, f"<b>{html_text(name)}</b>")
            + cell.format(rest, lh, html_text(title) + "<b> </b>") + "</tr></table>")
