"""Text on a chart, made safe and wrapped: DOT names, escaping, line wrapping, bullets.

The one door from data into a chart: every label reaches DOT through :func:`html_text` (or the
pinned emitter's quoting), and every node id through :func:`dot_name`. Shared by Graphviz's
``dot`` layout (:mod:`orgraph.render.dot`) and orgraph's own (:mod:`orgraph.layout.boxes`).

Examples
--------
>>> dot_name("skole-1"), html_text("<b>")
('skole-1', '&lt;b&gt;')
"""

from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from collections.abc import Iterable
from typing import Any

from orgraph._control import CONTROL

__all__ = ["BULLET", "COLUMN_ITEM_WIDTH", "CONTROL", "HANG", "ITEM_WIDTH", "LABEL_WIDTH",
           "STAFF_LABEL_WIDTH", "TWO_COLUMNS_ABOVE", "balanced", "bullets", "dot_name",
           "html_text", "wrap_lines"]

_SAFE_ID = re.compile(r"[A-Za-z0-9_./-]+")
_ONE_LINE = re.compile(r"\S(?:[ \S]*\S)?")  # no tabs or edge spaces: textwrap keeps it
_ONE_LINES = re.compile(r"\S(?:[ \S]*\S)?(?:\n\S(?:[ \S]*\S)?)*")  # such lines, \n between
LABEL_WIDTH = 24
STAFF_LABEL_WIDTH = 16
#: An aggregate's bullet items wrap at this many characters (hanging indent after the first).
ITEM_WIDTH = 44
#: An aggregate with more items than this lists them in two columns ...
TWO_COLUMNS_ABOVE = 12
#: ... whose items wrap at this many characters.
COLUMN_ITEM_WIDTH = 32
BULLET = "• "
HANG = "\u00a0" * 3  # no-break spaces: the engine keeps them, so wrapped text lines up



def dot_name(node_id: Any) -> str:
    """Return the DOT node name of a node id: the id itself when it is plain.

    Ids made only of letters, digits, ``_``, ``.``, ``/`` and ``-`` (every id a chart file
    allows) are used as they are; any other id becomes ``~id~`` plus the hex of its UTF-8
    bytes, so the mapping is one-to-one and never collides with orgraph's own helper nodes,
    whose names contain ``~``.

    Examples
    --------
    >>> dot_name("skole-1"), dot_name('a"b')
    ('skole-1', '~id~612262')
    """
    text = str(node_id)
    if (text.isascii() and text.isalnum()) or _SAFE_ID.fullmatch(text):
        return text
    return "~id~" + text.encode("utf-8").hex()


def html_text(text: Any) -> str:
    """Escape one text for an HTML-like DOT label: the only door from data into the chart.

    ``&``, ``<``, ``>``, ``"`` and ``'`` become entities and control characters are dropped,
    so no label can close the ``<...>`` of the DOT label or add SVG markup.

    Examples
    --------
    >>> html_text('A & B <i>"x"</i> \\\\ æøå')
    'A &amp; B &lt;i&gt;&quot;x&quot;&lt;/i&gt; \\\\ æøå'
    """
    return html.escape(CONTROL.sub("", str(text)), quote=True)


def _greedy(words: list[str], width: int) -> tuple[str, ...]:
    """Words joined by single spaces into lines of at most ``width`` characters, first fit;
    a word longer than ``width`` on a line of its own: what ``textwrap.wrap`` returns for
    such words (``break_long_words=False``), without its chunking.

    Examples
    --------
    >>> _greedy(["Avdeling", "for", "samfunnsutvikling"], 12)
    ('Avdeling for', 'samfunnsutvikling')
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in words:
        if not line:
            line, used = [word], len(word)
        elif used + 1 + len(word) <= width:
            line.append(word)
            used += 1 + len(word)
        else:
            lines.append(" ".join(line))
            line, used = [word], len(word)
    lines.append(" ".join(line))
    return tuple(lines)


_NUMBER_WORD = re.compile(r"(?<!\S)(\(?[0-9][0-9.,:]*) (?=\S)")  # "1 FTE", "15 skoler", "(3) x"
_GLUE = "\0"  # stands for a space that must not break while a line is wrapped


@functools.lru_cache(maxsize=65536)
def _wrap_part(part: str, width: int) -> tuple[str, ...]:
    """One line of input (no line breaks) wrapped at ``width``, as ``textwrap.wrap`` does,
    except that a number stays on the line of the word after it ("1 FTE", "15 skoler").

    Examples
    --------
    >>> _wrap_part("Rådgiver (HEO (London)): 1 FTE", 26)
    ('Rådgiver (HEO (London)):', '1 FTE')
    >>> _wrap_part("Skoler 1-10: 15 skoler", 18)
    ('Skoler 1-10:', '15 skoler')
    """
    if _GLUE not in part and _NUMBER_WORD.search(part):
        glued = _wrap_words(_NUMBER_WORD.sub("\\1" + _GLUE, part), width)
        return tuple(line.replace(_GLUE, " ") for line in glued)
    return _wrap_words(part, width)


def _wrap_words(part: str, width: int) -> tuple[str, ...]:
    """:func:`_wrap_part` breaking at every space."""
    if _ONE_LINE.fullmatch(part):
        if len(part) <= width:
            return (part,)  # what textwrap would return, without its cost
        if "  " not in part and width > 0:  # words between single spaces, no whitespace
            return _greedy(part.split(" "), width)
    return tuple(textwrap.wrap(part, width, break_long_words=False,
                               break_on_hyphens=False) or [""])


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` wrapped at word boundaries into lines of at most ``width`` characters (longer
    words on a line of their own); every line break in ``text`` is kept.

    Examples
    --------
    >>> wrap_lines("Kari Hansen\\nLeder for økonomi og personal", 16)
    ['Kari Hansen', 'Leder for', 'økonomi og', 'personal']
    >>> wrap_lines("", 10)
    ['']
    """
    out: list[str] = []
    for part in str(text).splitlines() or [""]:
        out.extend(_wrap_part(part, width))
    return out


def bullets(items: Iterable[str], width: int) -> list[str]:
    """``• item`` lines, each item wrapped at ``width`` with a hanging indent.

    Examples
    --------
    >>> for line in bullets(["Skoler", "Pleie og omsorg (sykeheim, åpen omsorg)"], 26):
    ...     print(line.replace(HANG, "~~~"))
    • Skoler
    • Pleie og omsorg
    ~~~(sykeheim, åpen omsorg)
    """
    out = []
    for item in items:
        first, *rest = wrap_lines(" ".join(str(item).split()), width - len(BULLET))
        out.append(BULLET + first)
        out.extend(HANG + line for line in rest)
    return out


def bullet_columns(items: list[str], width: int) -> list[list[str]]:
    """``items`` as bullets (:func:`bullets`) in two columns, in order, split where the
    columns' lines are most even (a long item wraps over several lines), the left one no
    shorter than the right.

    Examples
    --------
    >>> left, right = bullet_columns(["Rådgiver for økonomi og plan", "A", "B", "C"], 14)
    >>> len(left), len(right)
    (3, 3)
    """
    lines = [bullets([item], width) for item in items]
    total, best, split, above = sum(map(len, lines)), None, 1, 0
    for k in range(1, len(items)):
        above += len(lines[k - 1])
        taller = max(above, total - above) + (above < total - above) * 0.5  # left first
        if best is None or taller < best:
            best, split = taller, k
    return [[line for item in lines[:split] for line in item],
            [line for item in lines[split:] for line in item]]


def balanced(text: str, width: int) -> list[str]:
    """Wrap ``text`` at word boundaries in as few lines as ``width`` allows, but with the
    lines as even as possible (no lone last word under a long line).

    Examples
    --------
    >>> balanced("Åtte driftsenheter rapporterer til rådmannen (8)", 44)
    ['Åtte driftsenheter', 'rapporterer til rådmannen (8)']
    """
    text = str(text)
    if _ONE_LINES.fullmatch(text):  # lines of words (a line break is whitespace, so no part
        parts = text.split("\n")   # holds another): if each fits on a line as it is, no
        if max(map(len, parts)) <= width:  # width gives fewer lines than there are parts
            return parts
    return list(_balanced(text, width))


@functools.lru_cache(maxsize=4096)
def _balanced(text: str, width: int) -> tuple[str, ...]:
    """:func:`balanced` for a text that needs wrapping (the same lines as ever: the narrowest
    width that keeps the number of lines)."""
    parts = text.splitlines() or [""]
    lines = [line for part in parts for line in _wrap_part(part, width)]
    if len(lines) < 2 or (len(lines) == len(parts) and all(map(_ONE_LINE.fullmatch, parts))):
        # no width gives fewer lines than parts, and a part on one line is the part itself
        return tuple(lines)
    for narrower in range(math.ceil(len(text) / len(lines)), width):
        candidate = [line for part in parts for line in _wrap_part(part, narrower)]
        if len(candidate) <= len(lines):
            return tuple(candidate)
    return tuple(lines)
