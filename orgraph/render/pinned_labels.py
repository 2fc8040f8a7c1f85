"""A box's label as pinned DOT writes it: a DOT string, or an HTML-like table whose cells
are as wide as orgraph measured the text, so both engines draw every line where it was
measured (:mod:`orgraph.render.pinned`).

Examples
--------
>>> print(plain_label(["Kari", "Rådgiver"]))
"Kari\\nRådgiver"
"""

from __future__ import annotations

from orgraph.layout.boxes import COLUMN_GAP, FONT_SIZE, PAD_X, BoxSpec
from orgraph.layout.team_label import team_label
from orgraph.layout.teams import TeamSpec
from orgraph.layout.text import line_height, text_width
from orgraph.render.labels import CONTROL, html_text

__all__ = ["box_label", "dot_string", "escaped", "markup", "plain_label", "table_label"]


def dot_string(text: str) -> str:
    """A DOT double-quoted string that shows ``text`` as it is.

    Examples
    --------
    >>> print(dot_string('a "b" \\\\N'))
    "a \\"b\\" \\\\N"
    """
    return f'"{escaped(text)}"'


def escaped(text: str) -> str:
    """``text`` as it goes between a DOT string's quotes: quotes and backslashes escaped,
    control characters dropped (a printable text without either is kept as it is).

    Examples
    --------
    >>> print(escaped("Skole"), escaped('Stab "A"'), escaped("a\\x1bb"))
    Skole Stab \\"A\\" ab
    """
    if text.isprintable() and "\\" not in text and '"' not in text:
        return text
    return CONTROL.sub("", text).replace("\\", "\\\\").replace('"', '\\"')


def plain_label(lines: list[str]) -> str:
    """Lines as one DOT string, ``\\n`` between them.

    Examples
    --------
    >>> print(plain_label(["Kari", 'Stab "A"']))
    "Kari\\nStab \\"A\\""
    """
    body = "\\n".join(lines)
    # printable, no quote, and no backslash but the separators': nothing to escape
    if body.isprintable() and '"' not in body and body.count("\\") == len(lines) - 1:
        return f'"{body}"'
    return '"' + "\\n".join([escaped(x) for x in lines]) + '"'


def box_label(spec: BoxSpec) -> str:
    """The box's DOT label: plain text, or an HTML-like table for a bullet list and for
    text drawn struck through or with a note in italics (:attr:`BoxSpec.strike`,
    :attr:`BoxSpec.notes`); a team list as its entries (:mod:`orgraph.layout.teams`).

    Examples
    --------
    >>> from orgraph.layout.boxes import measure
    >>> print(box_label(measure(BoxSpec("s", "s", {}, ["Sentrum skole", "Oppvekst"]))))
    "Sentrum skole\\nOppvekst"
    >>> box_label(measure(BoxSpec("s", "s", {}, ["Skole", "fra: Rådmann"], notes=1)))
    '<<table ...><i>fra: Rådmann</i></td></tr></table>>'
    """
    if isinstance(spec, TeamSpec):
        return team_label(spec, FONT_SIZE)
    if spec.align == "left" or spec.strike or spec.notes:
        return table_label(spec)
    return plain_label(spec.lines)


def markup(text: str, *, bold: bool = False, italic: bool = False,
            strike: bool = False) -> str:
    """One line of escaped text in its HTML-like font tags.

    Examples
    --------
    >>> markup("a<b", bold=True, strike=True)
    '<s><b>a&lt;b</b></s>'
    """
    out = html_text(text)
    if bold:
        out = f"<b>{out}</b>"
    if italic:
        out = f"<i>{out}</i>"
    return f"<s>{out}</s>" if strike else out


def table_label(spec: BoxSpec) -> str:
    """The lines as an HTML-like table of cells of fixed width, so both engines start every
    line where orgraph measured it (left-aligned for a bullet list, else centred).

    Examples
    --------
    >>> from orgraph.layout.boxes import measure
    >>> print(table_label(measure(BoxSpec("s", "s", {}, ["Skole"], strike=True))))
    <<table border="0" cellborder="0" cellspacing="0" cellpadding="0"><tr><td colspan="1" \
align="center" width="30.0" height="14.4" fixedsize="true"><s>Skole</s></td></tr></table>>
    """
    lh = line_height(FONT_SIZE)
    # a circle's text block is narrower than the circle
    inner = spec.text_width or spec.width - 2 * PAD_X - 2 * spec.ring
    align = "left" if spec.align == "left" else "center"
    rows = []
    span = 3 if spec.columns else 1
    first_note = len(spec.lines) - spec.notes
    for i, line in enumerate(spec.lines):
        text = markup(line, bold=i < spec.bold, italic=i >= first_note, strike=spec.strike)
        rows.append(f'<tr><td colspan="{span}" align="{align}" width="{inner:.1f}" '
                    f'height="{lh:.1f}" fixedsize="true">{text}</td></tr>')
    if spec.columns:
        widths = [max((text_width(t, FONT_SIZE) for t in c), default=0.0) for c in spec.columns]
        widths[1] = inner - widths[0] - COLUMN_GAP
        cells = []
        tallest = max(map(len, spec.columns))
        for col, w in zip(spec.columns, widths, strict=True):
            # the shorter column padded with empty lines: an engine spreads a shorter
            # column's lines over the taller one's height, valign or not
            body = "".join(f'<tr><td align="left" width="{w:.1f}" height="{lh:.1f}" '
                           f'fixedsize="true">{markup(t, strike=spec.strike)}</td></tr>'
                           for t in [*col, *[""] * (tallest - len(col))])
            cells.append(f'<td valign="top"><table border="0" cellspacing="0" cellpadding="0">'
                         f'{body}</table></td>')
        rows.append(f'<tr>{cells[0]}<td width="{COLUMN_GAP:.0f}"></td>{cells[1]}</tr>')
    return ('<<table border="0" cellborder="0" cellspacing="0" cellpadding="0">'
            + "".join(rows) + "</table>>")
