"""Team lists: a manager's leaf reports drawn as one list box, for charts that must print.

An organisation chart of a few hundred people cannot be read on one sheet when every person
is a box of its own: each box has its padding and its gaps, and most people are leaves
(nothing below them). Org-chart tools draw such a team as one shape (Visio's team shapes,
d3-org-chart's compact teams), and the report draws many units as one box with bullets
(Vedlegg 1, "Kommentarer til figurer"). :func:`team_lists` does the same on the chart's tree
of boxes (:mod:`orgraph.layout.chart`): the list box is one taller item for the layout, with
one reporting arrow into it.

Which reports join a list (the rest keep their boxes):

* an operating unit (kind ``unit``) with nothing drawn on it (no reports, staff, band or
  peers) and nothing else in the organisation joined to it: one edge in, a ``line`` from its
  manager, none out (so no staff line, dotted line, membership or order is lost);
* drawn as one plain box: not an aggregate, no ``count`` or ``items``, no collapsed units
  below it, no caption or link (a chart-book page), not restyled by ``--compare`` marks;
* a manager with at least :data:`MIN_TEAM` such reports gets one list of them, in the
  chart's order, in place of the first; a manager with one keeps its box.

Each entry is the person's label as their box would show it (the same wrapped lines, left
aligned), its first line in bold where the label is a name over a title (no bullet: a bullet
and the hanging indent under it would widen every list by a tenth), else after a bullet, its
wrapped lines hanging under the first, as in an aggregate's list; more than
:data:`PER_COLUMN` entries are split into even columns side by side. In the SVG each entry's
first line carries the person's node id (``id="a_<id>"``, the whole label as its tooltip)
where the engine writes cell ids (graphviz-pure does; Graphviz 2.43 only for linked cells).

Examples
--------
>>> from orgraph.generate import generate_company
>>> from orgraph.render.pinned import pinned_layout
>>> org = generate_company(30, seed=1)
>>> lay, specs, tree, _ = pinned_layout(org, teams="lists")
>>> lists = [s for boxes in specs.values() for s in boxes if isinstance(s, TeamSpec)]
>>> len(lists) > 0, all(len(s.members) >= MIN_TEAM for s in lists)
(True, True)
>>> sum(len(s.members) for s in lists) + len(specs) - len(lists) == len(org)
True
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from orgraph.layout.boxes import COLUMN_GAP, FONT_SIZE, PAD_X, PAD_Y, BoxSpec
from orgraph.layout.chart import ChartTree
from orgraph.layout.text import line_height, text_width
from orgraph.layout.tree import Item
from orgraph.model import Kind, Organisation, Relation, box_label
from orgraph.render.drawable import short_label
from orgraph.render.labels import BULLET, HANG
from orgraph.render.style import node_style

__all__ = ["HEADING", "JOIN", "MIN_TEAM", "MOST_COLUMNS", "PAGE_PAD", "PER_COLUMN", "TABLE_GAP",
           "TeamSpec", "fit_teams", "pad_lists", "set_shape", "team_lists", "team_shapes"]

#: A manager needs this many qualifying leaf reports for a list.
MIN_TEAM = 2
#: A list's column holds at most this many entries; more go into further columns.
PER_COLUMN = 16
#: The most columns a list is offered to the layout in (:func:`team_shapes`).
MOST_COLUMNS = 3
#: Between a name and its title on one line (:attr:`TeamSpec.joined`).
JOIN = " – "
#: Between a table's names and its titles (:attr:`TeamSpec.table`), in points.
TABLE_GAP = 8.0
#: After a group's title, above its names (:attr:`TeamSpec.grouped`): a title of its own is
#: under its name, a group's before its names, and the colon tells the two apart.
HEADING = ":"
#: A list's padding (left/right, top/bottom) on a chart fitted to a page (:func:`pad_lists`),
#: against a box's :data:`~orgraph.layout.boxes.PAD_X`, :data:`~orgraph.layout.boxes.PAD_Y`:
#: lists are most of a printed chart's boxes, and their left-aligned text in its own
#: (bold) names needs less air than a centred label.
PAGE_PAD = (6.0, 4.0)


@dataclass
class TeamSpec(BoxSpec):
    """A team list box: :class:`~orgraph.layout.boxes.BoxSpec` plus its entries.

    Attributes
    ----------
    members : list of str
        The node ids listed, in order.
    entries : list of list of str
        Each member's text lines (bullet and hanging indent included).
    titles : list of str
        Each member's whole label, for its tooltip.
    heads : list of int
        How many first lines of each entry are bold (its name: 1 or 0).
    parts : list of range
        The entries of each column.
    widths : list of float
        Each column's text width, in points.
    joined : bool
        Whether a name and a one-line title share a line (``Name – Title``).
    groups : list of int
        Each entry's group: the entries of one list that share a title (two or more), by
        the order of their first member; -1 for an entry whose title is its own.
    grouped : bool
        Whether a group's title is drawn once, as a heading above its names (in italics),
        after the entries with a title of their own, the groups' members together
        (:attr:`order`).
    order : list of int
        The entries in the order drawn (:attr:`parts` are positions in it).
    table : bool
        Whether the names and titles sharing a line (:attr:`joined`) are a table: the
        titles of a column in one column of their own, :data:`TABLE_GAP` after its widest
        name (no dash), at :attr:`splits`.
    splits : list of float
        Where each column's titles start, from its left edge (a table).
    page : bool
        Whether the list is on a chart fitted to a page (:func:`pad_lists`): only there is it
        offered grouped or as a table (:func:`team_shapes`), so charts without a page keep
        their lists.
    pad : (float, float)
        Space between the text and the border, left/right and top/bottom, in points
        (:data:`PAGE_PAD` on a chart fitted to a page, :func:`pad_lists`).
    """

    members: list[str] = field(default_factory=list)
    entries: list[list[str]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    parts: list[range] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    joined: bool = False
    groups: list[int] = field(default_factory=list)
    grouped: bool = False
    order: list[int] = field(default_factory=list)
    table: bool = False
    splits: list[float] = field(default_factory=list)
    page: bool = False
    pad: tuple[float, float] = (PAD_X, PAD_Y)

    def shown(self, part: range) -> list[int]:
        """The entries of one column (positions ``part`` of :attr:`order`), each with whether
        its group's heading is drawn above it (the first of its group in the column).

        Examples
        --------
        >>> s = TeamSpec("t", "n", {}, [], entries=[["A", "X"], ["B", "Y"], ["C", "X"]],
        ...              heads=[1, 1, 1], groups=[0, -1, 0], grouped=True, order=[0, 2, 1])
        >>> s.shown(range(3)), s.shown(range(1, 3))
        ([(0, True), (2, False), (1, False)], [(2, True), (1, False)])
        """
        order = self.order or list(range(len(self.entries)))
        out, last = [], None
        for p in part:
            i = order[p]
            group = self.groups[i] if self.grouped and self.groups else -1
            out.append((i, group >= 0 and group != last))
            last = group if group >= 0 else None
        return out

    def runs(self, i: int, heading: bool = False) -> list[list[tuple[str, bool]]]:
        """Entry ``i`` as drawn: its lines, each a list of (text, bold) runs; in a grouped
        list a group's member is its name alone, after its title's lines where ``heading``.

        Examples
        --------
        >>> s = TeamSpec("t", "n", {}, [], entries=[["Kari", "Rådgiver"]], heads=[1])
        >>> s.runs(0)
        [[('Kari', True)], [('Rådgiver', False)]]
        >>> s.joined = True
        >>> s.runs(0)
        [[('Kari', True), (' – Rådgiver', False)]]
        >>> s.groups, s.grouped = [0], True
        >>> s.runs(0, heading=True), s.runs(0)
        ([[('Rådgiver:', False)], [('Kari', True)]], [[('Kari', True)]])
        """
        lines, head = self.entries[i], self.heads[i]
        if self.grouped and self.groups and self.groups[i] >= 0:
            title = [*lines[1:-1], lines[-1] + HEADING] if heading else []
            return [[(t, False)] for t in title] + [[(lines[0], True)]]
        if self.joined and head == 1 and len(lines) == 2:
            return [[(lines[0], True), (("" if self.table else JOIN) + lines[1], False)]]
        return [[(t, k < head)] for k, t in enumerate(lines)]


def _listable(org: Organisation, node: str, kinds: Mapping[str, Kind], item: Item,
              spec: list[BoxSpec]) -> bool:
    """Whether a report may join its manager's list (the rules of the module)."""
    if kinds[node] is not Kind.UNIT or not item.is_leaf() or len(spec) != 1:
        return False
    data = org.nodes[node]
    box = spec[0]
    return (org.in_degree(node) == 1 and org.out_degree(node) == 0
            and data.get("count") is None and not data.get("items")
            and box.url is None and not box.strike and not box.notes
            and box.group_under is None
            and box.attrs.get("class") == node_style(Kind.UNIT)["class"])


def team_lists(org: Organisation, tree: ChartTree, specs: dict[str, list[BoxSpec]],
               kinds: Mapping[str, Kind], *, lang: str = "no",
               captions: Mapping[str, str] | None = None) -> dict[str, TeamSpec]:
    """Replace every team of leaf reports in ``tree`` and ``specs`` by one list box.

    ``tree`` and ``specs`` are changed in place: the members' boxes leave both, the list's
    box takes the first member's place among its manager's reports, and ``specs`` holds it
    under its own box name.

    Parameters
    ----------
    org : Organisation
    tree : ChartTree
        The boxes as a forest (:func:`orgraph.layout.chart.chart_tree`).
    specs : dict
        Node → its measured boxes (:func:`orgraph.layout.boxes.box_specs`).
    kinds : mapping
        Every node's kind.
    lang : str
        The labels' language (the tooltips').
    captions : mapping, optional
        Nodes with a caption (chart-book pages) keep their boxes.

    Returns
    -------
    dict
        Box name (``<manager's box>~team``) → its :class:`TeamSpec`.

    Examples
    --------
    >>> from orgraph import load
    >>> from orgraph.layout.boxes import box_specs
    >>> from orgraph.layout.chart import chart_tree
    >>> from orgraph.render.select import kinds_of
    >>> org = load("examples/minimal.yaml")
    >>> org.add_node("skole_b", kind="unit", label="Nordbygda skole")
    >>> org.add_edge("radmann", "skole_b", relation="line")
    >>> kinds = kinds_of(org)
    >>> specs = box_specs(org, list(org.nodes), kinds, {})
    >>> tree = chart_tree(org, list(org.nodes), kinds, specs)
    >>> lists = team_lists(org, tree, specs, kinds)
    >>> [(name, spec.members) for name, spec in lists.items()]
    [('radmann~team', ['skole', 'skole_b'])]
    >>> tree.items["radmann"].children
    ['radmann~team', 'barnehager']
    >>> lists["radmann~team"].lines  # one-line labels: bullets, as in an aggregate
    ['• Sentrum skole', '• Nordbygda skole']
    """
    captions = captions or {}
    node_of = {s.name: n for n, boxes in specs.items() for s in boxes}
    made: dict[str, TeamSpec] = {}
    for key, item in list(tree.items.items()):
        if not item.children:
            continue
        members = [c for c in item.children
                   if tree.edge_of[(key, c)][2] == Relation.LINE.value
                   and node_of[c] not in captions
                   and _listable(org, node_of[c], kinds, tree.items[c], specs[node_of[c]])]
        if len(members) < MIN_TEAM:
            continue
        team = _team_spec(f"{key}~team", [specs[node_of[m]][0] for m in members],
                          [short_label(box_label(org.nodes[n], n, lang), n)
                           for n in (node_of[m] for m in members)])
        first = item.children.index(members[0])
        gone = set(members)
        item.children[:] = [c for c in item.children[:first] if c not in gone] + [team.name] + [
            c for c in item.children[first:] if c not in gone]
        sup = tree.edge_of[(key, members[0])][0]
        for m in members:
            del tree.items[m], tree.edge_of[(key, m)], specs[node_of[m]]
        tree.items[team.name] = Item(team.name, team.width, team.height)
        tree.edge_of[(key, team.name)] = (sup, team.node, Relation.LINE.value)
        specs[team.name] = [team]
        made[team.name] = team
    return made


def pad_lists(lists: Mapping[str, TeamSpec], items: dict[str, Item],
              pad: tuple[float, float] = PAGE_PAD, size: float = FONT_SIZE) -> None:
    """Give every list this padding, in the shape it has, and its item in ``items`` (the
    chart's tree) the new size; the lists are on a page (:attr:`TeamSpec.page`: offered
    grouped and as tables too).

    Examples
    --------
    >>> s = _team_spec("m~team", [BoxSpec("a", "a", {}, ["Ann", "Sjef"]),
    ...                BoxSpec("b", "b", {}, ["Bo", "Rådgiver"])], ["Ann\\nSjef", "Bo\\nRådgiver"])
    >>> items = {"m~team": Item("m~team", s.width, s.height)}
    >>> before = s.width, s.height
    >>> pad_lists({"m~team": s}, items, (5.0, 3.0))
    >>> before[0] - s.width, before[1] - s.height, items["m~team"].width == s.width
    (6.0, 4.0, True)
    """
    for name, spec in lists.items():
        spec.pad, spec.page = pad, True
        set_shape(spec, len(spec.parts), spec.joined, size, spec.grouped, spec.table)
        items[name] = Item(name, spec.width, spec.height)


def _team_spec(name: str, boxes: list[BoxSpec], labels: list[str],
               size: float = FONT_SIZE) -> TeamSpec:
    """The list box of ``boxes`` (the members' own measured boxes, ``labels`` their
    labels), measured: entries in columns of at most :data:`PER_COLUMN`, as even as they
    go, side by side; an entry's first line bold where it is the first line of a label of
    several (a name over a title), else a bullet before it and its other lines hanging
    under it (as in an aggregate), so that one unit's wrapped name never reads as two."""
    heads = [int(len(b.lines) > 1 and b.lines[0] == label.split("\n")[0])
             for b, label in zip(boxes, labels, strict=True)]
    entries = [list(b.lines) if head else
               [BULLET + b.lines[0], *(HANG + line for line in b.lines[1:])]
               for b, head in zip(boxes, heads, strict=True)]
    style = node_style(Kind.UNIT)
    style["class"] += " team"
    spec = TeamSpec(name, boxes[0].node, style, [t for e in entries for t in e], align="left",
                    members=[b.node for b in boxes], entries=entries,
                    titles=[" ".join(label.split()) for label in labels], heads=heads,
                    groups=_groups(entries, heads))
    return set_shape(spec, math.ceil(len(entries) / PER_COLUMN), False, size)


def _groups(entries: list[list[str]], heads: list[int]) -> list[int]:
    """Each entry's group among those under a name that share their title lines (two or
    more), numbered by their first member; -1 for a title of its own or none.

    Examples
    --------
    >>> _groups([["A", "X"], ["B", "Y"], ["C", "X"], ["• D"]], [1, 1, 1, 0])
    [0, -1, 0, -1]
    """
    keys = [tuple(e[1:]) if h == 1 else None for e, h in zip(entries, heads, strict=True)]
    count = Counter(k for k in keys if k)
    number: dict[tuple[str, ...], int] = {}
    for k in keys:
        if k and count[k] >= 2 and k not in number:
            number[k] = len(number)
    return [number.get(k, -1) if k else -1 for k in keys]


def _order(spec: TeamSpec) -> list[int]:
    """The entries in the order drawn: grouped, the entries with a title of their own
    first, then each group's members together, the groups in the order of their first
    members, the chart's order within each (so no one with a title of their own stands
    under a group's heading, where the heading would seem to be their title too); else the
    chart's order."""
    if not spec.grouped:
        return list(range(len(spec.entries)))
    out = [i for i, group in enumerate(spec.groups) if group < 0]
    for number in range(max(spec.groups) + 1):  # groups are numbered by their first member
        out.extend(i for i, group in enumerate(spec.groups) if group == number)
    return out


def set_shape(spec: TeamSpec, columns: int, joined: bool, size: float = FONT_SIZE,
              grouped: bool = False, table: bool = False) -> TeamSpec:
    """Measure ``spec`` in place in ``columns`` columns (as even as they go; no more than
    it has entries), names and titles on one line where ``joined`` (the titles in a
    column of their own where ``table``), a title shared by several once above their
    names where ``grouped``; returns it.

    Examples
    --------
    >>> s = _team_spec("m~team", [BoxSpec("a", "a", {}, ["Ann", "Sjef"]),
    ...                BoxSpec("b", "b", {}, ["Bo", "Rådgiver"])], ["Ann\\nSjef", "Bo\\nRådgiver"])
    >>> tall = (s.width, s.height)
    >>> wide = set_shape(s, 2, True)
    >>> len(s.parts), s.width > tall[0], round(s.height / tall[1], 2)
    (2, True, 0.36)
    """
    n = len(spec.entries)
    per = math.ceil(n / max(1, min(columns, n)))
    spec.joined, spec.grouped = joined, grouped and max(spec.groups, default=-1) >= 0
    spec.table = table and joined and not spec.grouped
    spec.order = _order(spec)
    spec.parts = [range(i, min(i + per, n)) for i in range(0, n, per)]
    spec.splits, spec.widths = [], []
    for part in spec.parts:
        lines = [line for i, head in spec.shown(part) for line in spec.runs(i, head)]
        pairs = [line for line in lines if len(line) > 1]
        split = max((text_width(line[0][0], size, bold=True) for line in pairs), default=0.0)
        split += TABLE_GAP if spec.table and pairs else 0.0
        spec.splits.append(split)
        spec.widths.append(max(_line_width(line, size) + (
            split - text_width(line[0][0], size, bold=True) if spec.table and len(line) > 1
            else 0.0) for line in lines))
    spec.text_width = sum(spec.widths) + COLUMN_GAP * (len(spec.parts) - 1)
    spec.width = spec.text_width + 2 * spec.pad[0]
    spec.height = max(_column_height(spec, part, size) for part in spec.parts) + 2 * spec.pad[1]
    return spec


def _variants(spec: TeamSpec) -> list[tuple[int, bool, bool, bool]]:
    """The (columns, joined, grouped, table) a list may take: as measured first, then one
    to :data:`MOST_COLUMNS` columns, entries on two lines and (where a name is over a
    one-line title) on one, after a dash or as a table, and (where two or more share a
    title) grouped under their titles (the others' titles then after a dash: a lone
    table row among a group's names would read as one of them)."""
    own = (len(spec.parts), spec.joined, spec.grouped, spec.table)
    two = any(h == 1 and len(e) == 2 for h, e in zip(spec.heads, spec.entries, strict=True))
    joins = [(False, False), *([(True, False)] if two else [])]
    joins += [(True, True)] if two and spec.page else []
    groupings = (False, True) if spec.page and max(spec.groups, default=-1) >= 0 else (False,)
    out = [own]
    for grouped in groupings:
        for joined, table in joins:
            for k in range(1, min(MOST_COLUMNS, len(spec.entries)) + 1):
                if (k, joined, grouped, table) not in out and not (grouped and table):
                    out.append((k, joined, grouped, table))
    return out


def team_shapes(lists: Mapping[str, TeamSpec], size: float = FONT_SIZE,
                ) -> dict[str, list[tuple[float, float]]]:
    """The sizes every list may take, for :func:`orgraph.layout.fit.fit_layout`'s
    ``shapes``: its own first (the lists are left as they were).

    Examples
    --------
    >>> s = _team_spec("m~team", [BoxSpec(k, k, {}, [k.upper(), "Rådgiver"]) for k in "abc"],
    ...                ["A\\nRådgiver", "B\\nRådgiver", "C\\nRådgiver"])
    >>> before = (s.width, s.height)
    >>> shapes = team_shapes({"m~team": s})["m~team"]
    >>> shapes[0] == before == (s.width, s.height), len(shapes)
    (True, 6)
    >>> s.page = True  # on a page: as a table too, and grouped under "Rådgiver"
    >>> len(team_shapes({"m~team": s})["m~team"])
    15
    """
    out = {}
    for name, spec in lists.items():
        columns, joined, grouped, table = _variants(spec)[0]
        out[name] = [_measured(spec, k, j, size, g, t) for k, j, g, t in _variants(spec)]
        set_shape(spec, columns, joined, size, grouped, table)
    return out


def _measured(spec: TeamSpec, columns: int, joined: bool, size: float, grouped: bool = False,
              table: bool = False) -> tuple[float, float]:
    set_shape(spec, columns, joined, size, grouped, table)
    return spec.width, spec.height


def fit_teams(lists: Mapping[str, TeamSpec], boxes: Mapping[str, tuple], size: float = FONT_SIZE,
              ) -> None:
    """Measure every list in the shape the layout gave its box (``boxes``: name →
    (x, y, width, height), as :class:`~orgraph.layout.shapes.Layout` holds them).

    Raises
    ------
    ValueError
        A box no shape of its list has (a layout that was not given :func:`team_shapes`).
    """
    for name, spec in lists.items():
        _, _, width, height = boxes[name]
        for k, j, g, t in _variants(spec):
            if _measured(spec, k, j, size, g, t) == (width, height):
                break
        else:
            raise ValueError(f"list {name!r} has no shape {width:.1f} x {height:.1f}")


def _column_height(spec: TeamSpec, part: range, size: float) -> float:
    """The height of one column's text."""
    return sum(len(spec.runs(i, head)) for i, head in spec.shown(part)) * line_height(size)


def _line_width(line: list[tuple[str, bool]], size: float) -> float:
    """A drawn line's width: its runs, and after a title on its name's line the bold space
    that keeps the two on one baseline (:func:`_joined`)."""
    width = sum(text_width(t, size, bold=b) for t, b in line)
    return width + (text_width(" ", size, bold=True) if len(line) > 1 else 0.0)
