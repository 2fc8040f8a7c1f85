"""What each drawn box says and how big it is: labels wrapped and measured in the chart font.

A node is drawn as one box, or (an aggregate with ``expand``) one box per listed item. Every
box gets its text lines and an explicit size from :mod:`orgraph.layout.text`, so the layout
knows the real sizes and either engine draws the same boxes (``fixedsize``).

Examples
--------
>>> from orgraph import load
>>> from orgraph.render.select import kinds_of
>>> org = load("examples/minimal.yaml")
>>> specs = box_specs(org, list(org.nodes), kinds_of(org), {})
>>> spec = specs["radmann"][0]
>>> spec.lines, spec.width > 40
(['Rådmann'], True)
>>> specs["barnehager"][0].align
'left'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orgraph.aggregates import group_boxes
from orgraph.layout.text import line_height, text_width
from orgraph.model import Kind, Organisation, box_label
from orgraph.render.drawable import short_label
from orgraph.render.expand import expand_aggregate
from orgraph.render.hidden import collapsed_line
from orgraph.render.labels import (
    COLUMN_ITEM_WIDTH,
    ITEM_WIDTH,
    LABEL_WIDTH,
    STAFF_LABEL_WIDTH,
    TWO_COLUMNS_ABOVE,
    balanced,
    bullet_columns,
    bullets,
    dot_name,
    wrap_lines,
)
from orgraph.render.style import TEXT, node_style

__all__ = ["CAPTION_WIDTH", "FONT_SIZE", "PAD_X", "PAD_Y", "BoxSpec", "box_specs", "measure"]

#: Text size of a box, in points.
FONT_SIZE = 12.0
#: Space between a box's text and its border, left/right and top/bottom, in points.
PAD_X, PAD_Y = 8.0, 5.0
COLUMN_GAP = 14.0
# enum members read once: each ``Kind.X`` is a descriptor call, and a chart asks per box
_UNIT_GROUP, _STAFF = Kind.UNIT_GROUP, Kind.STAFF
#: A caption (an extra line of text under a box's label) wraps at this many characters.
CAPTION_WIDTH = LABEL_WIDTH + 8


@dataclass
class BoxSpec:
    """One box to draw.

    Attributes
    ----------
    name : str
        DOT node name (unique).
    node : str
        The organisation's node id the box stands for.
    attrs : dict
        Legend style (shape, fill, class) from :func:`orgraph.render.style.node_style`.
    lines : list of str
        Text lines; for ``align="left"`` a list per column in ``columns``.
    bold : int
        How many first lines are bold (a heading).
    align : {"center", "left"}
    columns : list of list of str
        For two-column aggregates: the lines of each column below the heading.
    width, height : float
        The box's size in points.
    text_width : float
        The width of its text block (narrower than ``width`` in a circle or an ellipse).
    ring : float
        Extra border drawn outside the box (a counted box's second periphery), in points,
        included in ``width``/``height``.
    strike : bool
        Draw the text struck through (a unit removed, in a before/after chart).
    notes : int
        How many last lines are a note, drawn in italics.
    group_under : str, optional
        For one group of an aggregate drawn as groups: the manager it hangs under.
    url : str, optional
        Where a click on the box goes.

    Examples
    --------
    >>> spec = measure(BoxSpec("skole", "skole", {}, ["Skole"]))
    >>> spec.width > 0, spec.height, spec.align
    (True, 24.4, 'center')
    """

    name: str
    node: str
    attrs: dict[str, Any]
    lines: list[str]
    bold: int = 0
    align: str = "center"
    columns: list[list[str]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    url: str | None = None
    text_width: float = 0.0
    group_under: str | None = None
    ring: float = 0.0
    strike: bool = False
    notes: int = 0


def measure(spec: BoxSpec, size: float = FONT_SIZE) -> BoxSpec:
    """Set ``spec``'s width and height from its text, its shape and the font metrics.

    A circle holds its text's rectangle inside it, an ellipse too (axes √2 times the text's),
    and a hexagon its text's glyphs inside its slanted sides.

    Examples
    --------
    >>> s = measure(BoxSpec("a", "a", {"shape": "box"}, ["Økonomi"]))
    >>> round(s.width, 1), round(s.height, 1)
    (64.0, 24.4)
    >>> c = measure(BoxSpec("b", "b", {"shape": "circle"}, ["IT"]))
    >>> c.width == c.height
    True
    """
    lh = line_height(size)
    if spec.columns:
        heading = [text_width(t, size, bold=True) for t in spec.lines[:spec.bold]]
        cols = [max((text_width(t, size) for t in col), default=0.0) for col in spec.columns]
        text_w = max(max(heading, default=0.0), sum(cols) + COLUMN_GAP)
        text_h = lh * (spec.bold + max(len(c) for c in spec.columns))
    else:
        text_w = _widest(spec.lines, spec.bold, size)
        text_h = lh * max(len(spec.lines), 1)
    shape = spec.attrs.get("shape", "box")
    spec.text_width = text_w
    if shape == "circle":
        d = math.hypot(text_w, text_h) + 4.0
        spec.width = spec.height = max(d, 36.0)
    elif shape == "ellipse":
        spec.width, spec.height = text_w * math.sqrt(2) + 6.0, text_h * math.sqrt(2) + 4.0
    else:
        spec.width, spec.height = text_w + 2 * PAD_X, text_h + 2 * PAD_Y
        if shape == "hexagon":
            # Graphviz's hexagon has its top and bottom edges half as wide as the box, so
            # at height y from the middle it is W/4 * (2 - 2|y|/H) wide on each side; the
            # text's glyphs (line height less leading and descent) must fit at their top
            glyphs = max(text_h - 0.3 * size, 0.0)
            spec.width = spec.width * 2 / (2 - glyphs / spec.height)
    return spec


def _widest(lines: list[str], bold: int, size: float) -> float:
    """The width of the widest of ``lines``, the first ``bold`` of them bold (0 for none).

    Examples
    --------
    >>> _widest(["Rådmann", "IT"], 1, 12.0) == text_width("Rådmann", 12.0, bold=True)
    True
    """
    widest = 0.0
    for i, line in enumerate(lines):
        width = text_width(line, size, i < bold)
        if width > widest:
            widest = width
    return widest


def _counted(text: str, count: Any) -> str:
    """``text (count)`` unless the text already says the count."""
    if count is None or re.search(rf"(^|\s){count}(\s|$)", text):
        return text
    return f"{text} ({count})"


def _aggregate(spec: BoxSpec, head: str, items: list[str]) -> None:
    """Heading in bold, then bullets; more than TWO_COLUMNS_ABOVE items in two columns."""
    spec.align = "left"
    if not items:
        spec.lines = balanced(head, LABEL_WIDTH)
        spec.bold = len(spec.lines)
        return
    if len(items) <= TWO_COLUMNS_ABOVE:
        lines = bullets(items, ITEM_WIDTH)
        heading = balanced(head, max(LABEL_WIDTH, max(map(len, lines))))
        spec.lines, spec.bold = [*heading, *lines], len(heading)
        return
    spec.columns = bullet_columns(items, COLUMN_ITEM_WIDTH)
    width = sum(max(map(len, c)) for c in spec.columns)
    spec.lines = balanced(head, max(LABEL_WIDTH, width))
    spec.bold = len(spec.lines)


def box_specs(org: Organisation, nodes: list[str], kinds: Mapping[str, Kind],
              collapsed: Mapping[str, int], *, lang: str = "no", expand: bool = False,
              captions: Mapping[str, str] | None = None,
              links: Mapping[str, str] | None = None) -> dict[str, list[BoxSpec]]:
    """Every drawn node's boxes, measured.

    Parameters
    ----------
    org : Organisation
    nodes : list of str
        The nodes to draw (:func:`orgraph.render.select.select`).
    kinds : mapping
        Every node's kind.
    collapsed : mapping
        Node → units hidden below it (drawn as a counted line and a double border).
    lang : str
        Label language.
    expand : bool
        One box per listed item of an aggregate.
    captions, links : mapping, optional
        An extra line of text, and a link target, per node.

    Returns
    -------
    dict
        Node id → its boxes (one, or one per item when expanded).

    Examples
    --------
    >>> from orgraph import load
    >>> org = load("examples/minimal.yaml")
    >>> nodes = ["radmann", "skole", "barnehager"]
    >>> kinds = {n: org.kind(n) for n in nodes}
    >>> specs = box_specs(org, nodes, kinds, {"radmann": 6})
    >>> specs["radmann"][0].lines, specs["radmann"][0].ring
    (['Rådmann', '+6 enheter under'], 4.0)
    >>> specs["barnehager"][0].lines[0], specs["barnehager"][0].bold
    ('Barnehager (3)', 1)
    >>> [s.name for s in box_specs(org, nodes, kinds, {}, expand=True)["barnehager"]]
    ['barnehager~0', 'barnehager~1', 'barnehager~2']
    """
    words = TEXT[lang]
    captions, links = captions or {}, links or {}
    visible = set(nodes)
    out: dict[str, list[BoxSpec]] = {}
    node_data = org._node  # networkx's own dict: no view per node
    for node in nodes:
        kind = kinds[node]
        data = node_data[node]
        text = short_label(box_label(data, node, lang), node)
        name = dot_name(node)
        items = [short_label(str(i), node) for i in data["items"]] if data.get("items") else []
        if kind is _UNIT_GROUP:
            many = _aggregate_boxes(node, name, text, data, items, expand=expand,
                                    visible=visible, collapsed=collapsed, words=words)
            if many:
                out[node] = many
                continue
        spec = _one_box(node, name, kind, text, items, data.get("count"))
        if node in collapsed:
            spec.lines.append(collapsed_line(org, node, collapsed[node], visible, words))
            spec.attrs["class"] += " collapsed"
            spec.attrs["peripheries"] = "2"
        if node in captions:
            spec.lines.extend(wrap_lines(captions[node], CAPTION_WIDTH))
        spec.url = links.get(node)
        measure(spec)
        if node in collapsed:  # Graphviz draws the second periphery 4 pt outside the box
            spec.ring = 4.0
            spec.width += 2 * spec.ring
            spec.height += 2 * spec.ring
        out[node] = [spec]
    return out


def _one_box(node: str, name: str, kind: Kind, text: str, items: list[str],
             count: Any) -> BoxSpec:
    """A node's one box, its lines wrapped (not yet measured)."""
    spec = BoxSpec(name, node, node_style(kind, text), [])
    if kind is _UNIT_GROUP:
        _aggregate(spec, _counted(text, count), items)
    elif kind is _STAFF and items:  # a staff box for several units (Støtteenheter)
        _aggregate(spec, text, items)
    else:
        width = STAFF_LABEL_WIDTH if kind is _STAFF else LABEL_WIDTH
        spec.lines = balanced(text if count is None else _counted(text, count), width)
    return spec


def _aggregate_boxes(node: str, name: str, text: str, data: Mapping[str, Any],
                     items: list[str], *, expand: bool, visible: set[str],
                     collapsed: Mapping[str, int], words: Mapping[str, str],
                     ) -> list[BoxSpec] | None:
    """An aggregate's boxes when it is drawn as several (expanded, or as its groups), else
    ``None``."""
    if expand and items:
        return _expanded(node, name, text, data, words)
    groups = [g for g in group_boxes(data) if g["under"] in visible] if (
        node not in collapsed and data.get("groups")) else []
    if groups:
        return _grouped(node, name, groups, data.get("count"), words)
    return None


def _grouped(node: str, name: str, groups: list[dict[str, Any]], count: Any,
             words: Mapping[str, str]) -> list[BoxSpec]:
    """An aggregate drawn as its groups, one box under each group's manager: "Label",
    "group i of n", and the group's size where the source gives one, else the whole
    aggregate's count as "N in all" (no size is made up)."""
    style = node_style(Kind.UNIT_GROUP)
    style["class"] += " grouped"
    specs = []
    for i, group in enumerate(groups):
        size = group["count"]
        tail = f"({size})" if size is not None else (
            f"({count} {words['in_all']})" if count is not None else "")
        lines = [*wrap_lines(group["label"], LABEL_WIDTH),
                 f"{words['group']} {i + 1} {words['of']} {len(groups)} {tail}".strip()]
        spec = BoxSpec(f"{name}~g{i}", node, dict(style), lines, bold=len(lines) - 1,
                       align="left", group_under=group["under"])
        specs.append(measure(spec))
    return specs


def _expanded(node: str, name: str, text: str, data: Mapping[str, Any],
              words: Mapping[str, str]) -> list[BoxSpec]:
    """An aggregate drawn as one box per item, plus a box for the units no item accounts
    for (an item such as "To skoler" stands for its ``item_counts``; see render/expand.py)."""
    style = node_style(Kind.UNIT)
    style["class"] += " expanded"
    boxes, rest = expand_aggregate(data)
    specs = [measure(BoxSpec(f"{name}~{i}", node, dict(style), wrap_lines(item, LABEL_WIDTH)))
             for i, (item, _) in enumerate(boxes)]
    if rest:
        specs.append(measure(BoxSpec(f"{name}~more", node, node_style(Kind.UNIT_GROUP),
                                     [f"+{rest} {words['more']}",
                                      *wrap_lines(text, LABEL_WIDTH)])))
    return specs
