"""The cells of a table: spreadsheet escaping, typed values, and the other columns.

A table's columns beyond id, reports-to and name become node attributes and edges. They are
converted a whole column at a time (one ``map`` over the cells that hold something), which is
what keeps a million-row export with kind, head-count, title and dotted-line columns near the
speed of a plain ``csv.reader`` pass; the problems are still named cell by cell, in the order
of the rows.
"""

from __future__ import annotations

import json
import operator
from collections import deque
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any

from orgraph import limits
from orgraph.formats._common import strip_controls
from orgraph.limits import nested_within
from orgraph.model import Organisation

if TYPE_CHECKING:
    from orgraph.formats.tabular import Columns

__all__ = ["TableColumns", "escape_cell", "unescape_cell", "unescape_column"]

INT_KEYS = frozenset({"count", "seats"})
BOOL_KEYS = frozenset({"instructs", "acts_for_cao", "standing_committee"})
#: orgraph's CSV columns of out-going edges, and their relation.
OUT_LISTS = {"members": "member", "orders_from": "order", "serves": "service"}
_TRUE = frozenset({"true", "yes", "y", "1", "ja", "x"})
_FALSE = frozenset({"false", "no", "n", "0", "nei", ""})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: An edge a cell asks for: (line, superior/tail, subordinate/head, relation, attributes).
Pending = tuple[int, str, str, str, dict[str, Any]]


def escape_cell(text: str) -> str:
    """Quote a cell a spreadsheet would run as a formula (and a cell already quoted).

    Examples
    --------
    >>> escape_cell("=HYPERLINK(\\"http://x\\")"), escape_cell("-1"), escape_cell("Skole")
    ('\\'=HYPERLINK("http://x")', "'-1", 'Skole')
    >>> unescape_cell(escape_cell("'=x")) == "'=x"
    True
    """
    if text.startswith(_FORMULA_START) or (text.startswith("'") and len(text) > 1
                                           and text[1] in "=+-@\t\r'"):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r'":
        return text[1:]
    return text


def id_list(cell: str) -> list[str]:
    """The ids of a ``;``-separated cell.

    Examples
    --------
    >>> id_list(" a; b ;;c ")
    ['a', 'b', 'c']
    """
    return [p.strip() for p in cell.split(";") if p.strip()]


def boolean(cell: str) -> bool:
    """A yes/no cell (English or Norwegian, ``x`` for yes).

    Examples
    --------
    >>> boolean("Ja"), boolean(" no "), boolean("x")
    (True, False, True)
    """
    text = cell.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{cell!r} is not true or false")


def number(cell: str) -> int | float:
    """A whole or decimal number; one decimal comma is read as a point.

    Examples
    --------
    >>> number("12"), number(" 2,5"), number("1.5")
    (12, 2.5, 1.5)
    """
    text = cell.strip().replace(",", ".") if cell.count(",") == 1 and "." not in cell \
        else cell.strip()
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{cell!r} is not a number") from None


def clean_text(cell: str) -> str:
    """A name or title: control characters removed, leading and trailing spaces trimmed.

    Examples
    --------
    >>> clean_text("  Head of HR\\x07 ")
    'Head of HR'
    """
    return strip_controls(cell).strip()


def unescape_column(cells: list[str]) -> list[str]:
    """A column's cells with :func:`escape_cell` undone (the same list when none is escaped).

    Examples
    --------
    >>> unescape_column(["'=1", "O'Hara", "x"])
    ['=1', "O'Hara", 'x']
    """
    if "'" not in "".join(cells):  # one scan in C: the common case
        return cells
    return [unescape_cell(c) if c[:1] == "'" else c for c in cells]


def _json_value(cell: str) -> Any:
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at character {exc.pos})") from None
    except RecursionError:
        value = deep = None
    else:
        deep = not nested_within(value, limits.current().depth)
    if deep is not False:
        raise ValueError(f"nests lists or mappings more than {limits.current().depth} "
                         f"levels deep; flatten it {limits.how_to_raise('depth')}")
    return value


def _numbers(cells: list[str]) -> list[int | float]:
    return [int(c) if c.isdecimal() else number(c) for c in cells]


def _clean_texts(cells: list[str]) -> list[str]:
    if all(map(str.isprintable, cells)):
        return _shared(list(map(str.strip, cells)))
    return _shared(list(map(clean_text, cells)))


def _stripped(cells: list[str]) -> list[str]:
    return _shared(list(map(str.strip, cells)))


def _shared(texts: list[str]) -> list[str]:
    """``texts`` with equal texts as one object, when they repeat (kinds, job titles): a
    million cells of a few distinct values then hold a few strings, not a million."""
    distinct = set(texts)
    if len(distinct) * 2 > len(texts):
        return texts
    one = {text: text for text in distinct}
    return list(map(one.__getitem__, texts))


def _same(cells: list[str]) -> list[str]:
    return cells


#: How a column becomes attribute values: per cell (naming a bad one) and for all cells.
Converter = tuple[Callable[[str], Any], Callable[[list[str]], list[Any]]]
_NUMBER: Converter = (number, _numbers)
_TEXT: Converter = (clean_text, _clean_texts)


def _attribute(header: str, cols: Columns, own: bool) -> tuple[str, Converter] | None:
    """The node attribute a column fills and how its cells become values (``None``: the
    column makes or changes edges)."""
    if header == cols.kind:
        return "kind", (str.strip, _stripped)
    if header in (cols.relation, cols.assistant, cols.dotted):
        return None
    if header == cols.headcount:
        return "headcount", _NUMBER
    if header == cols.title:
        return "title", _TEXT
    if own and (header in OUT_LISTS or header == "edges"):
        return None
    if header.endswith(":json"):
        return header[:-5], (_json_value, lambda cells: list(map(_json_value, cells)))
    if header in INT_KEYS:
        return header, (int, lambda cells: list(map(int, cells)))
    if header in ("headcount", "fte"):
        return header, _NUMBER
    if not own and header.replace(".", "").replace(" ", "").lower() == "fte":
        return "fte", _NUMBER  # an HR export's 'FTE', 'F.T.E.'
    if header in BOOL_KEYS:
        return header, (boolean, lambda cells: list(map(boolean, cells)))
    if header in ("label", "label_en", "title"):
        return header, _TEXT
    return header, (str, _same)


class TableColumns:
    """The other columns of a table, their cells converted before the graph is built.

    Converting first lets the cells go (a head count becomes a number, a million "Adviser"
    cells one string) before the graph's dicts are made, which keeps the peak memory down;
    :meth:`apply` then puts the values into the nodes and asks for the edges.

    ``columns`` holds each column's header and cells, in the header's order; it is emptied.

    Examples
    --------
    >>> from orgraph.formats.tabular import PROFILES
    >>> org = Organisation()
    >>> org.add_node("a", kind="unit", label="A"); org.add_node("b", kind="unit", label="B")
    >>> org.add_edge("a", "b", relation="line")
    >>> table = TableColumns(
    ...     [("kind", ["cao", "staff"]), ("headcount", ["", "two"]), ("dotted", ["", "a"])],
    ...     PROFILES["orgraph"], own=True)
    >>> pending, problems = table.apply(org, ["a", "b"], ["", "a"], [2, 3])
    >>> org.nodes["b"]["kind"], pending
    ('staff', [(3, 'a', 'b', 'dotted', {})])
    >>> problems
    [(3, 'b', "column 'headcount': 'two' is not a number", 'headcount', 'two')]
    """

    def __init__(self, columns: list[tuple[str, list[str]]], cols: Columns, own: bool) -> None:
        self.cols = cols
        #: (column, attribute, the rows that have a value or None for all, the values)
        self.attributes: list[tuple[str, list[int] | None, list[Any]]] = []
        #: (column number, header, cells, the rows with a cell) of the edge columns
        self.edge_columns: list[tuple[int, str, list[str], list[int]]] = []
        #: (row, column number, message, the attribute or column, the cell)
        self.problems: list[tuple[int, int, str, str, str]] = []
        for pos, (header, raw) in enumerate(columns):
            columns[pos] = (header, [])  # consumed: a converted column's cells can go
            cells = unescape_column(raw)
            del raw
            filled = list(compress(range(len(cells)), cells if own else map(str.strip, cells)))
            target = _attribute(header, cols, own)
            if target is None:
                self.edge_columns.append((pos, header, cells, filled))
            else:
                self._convert(pos, header, target, cells, filled)

    def _convert(self, pos: int, header: str, target: tuple[str, Converter], cells: list[str],
                 filled: list[int]) -> None:
        key, (convert, convert_all) = target
        full = len(filled) == len(cells)
        values = cells if full else [cells[k] for k in filled]
        try:
            converted = convert_all(values)
        except (ValueError, TypeError):  # cell by cell, to name each bad one
            good, converted, full = [], [], False
            for k, cell in zip(filled, values, strict=True):
                try:
                    converted.append(convert(cell))
                    good.append(k)
                except (ValueError, TypeError) as exc:
                    self.problems.append((k, pos, f"column {header!r}: {exc}",
                                          header if header.endswith(":json") else key, cell))
            filled = good
        self.attributes.append((key, None if full else filled, converted))

    def apply(self, org: Organisation, ids: list[str], parents: list[str],
              lines: Sequence[int], rename: dict[str, str] | None = None
              ) -> tuple[list[Pending], list[tuple[int, str, str, str, str]]]:
        """Set the values on the rows' nodes (``ids``, already in ``org`` with their line
        superiors ``parents``) and change the edges the cells change.

        Returns the edges the cells ask for, in row order, and every problem as ``(line,
        node, message, attribute, cell)`` in row order (a problem leaves its cell out);
        ``rename`` maps the ids the reader rewrote, which the cells' references follow.
        """
        datas = list(map(org._node.__getitem__, ids))
        for key, rows, values in self.attributes:
            holders = datas if rows is None else list(map(datas.__getitem__, rows))
            deque(map(operator.setitem, holders, repeat(key), values), maxlen=0)  # in C
        self.attributes = []
        pending: list[tuple[int, int, Pending]] = []  # (row, column) first: to sort by row
        problems = self.problems
        for pos, header, cells, filled in self.edge_columns:
            edges = _EdgeCells(org, ids, parents, lines, self.cols, header, rename or {})
            for k in filled:
                try:
                    pending.extend((k, pos, edge) for edge in edges.cell(k, cells[k]))
                except (ValueError, TypeError) as exc:
                    problems.append((k, pos, f"column {header!r}: {exc}", header, cells[k]))
        pending.sort(key=lambda p: (p[0], p[1]))
        problems.sort(key=lambda p: (p[0], p[1]))
        return ([edge for _, _, edge in pending],
                [(lines[k], ids[k], message, key, cell)
                 for k, _, message, key, cell in problems])


class _EdgeCells:
    """The cells of one column that make or change edges (relation, assistant, dotted, ...)."""

    def __init__(self, org: Organisation, ids: list[str], parents: list[str],
                 lines: Sequence[int], cols: Columns, header: str,
                 rename: dict[str, str]) -> None:
        self.org, self.ids, self.parents, self.lines = org, ids, parents, lines
        self.cols, self.header, self.rename = cols, header, rename

    def cell(self, k: int, cell: str) -> list[Pending]:
        """The edges row ``k``'s cell asks for (an edge it changes is changed in place)."""
        cols, header, node, line = self.cols, self.header, self.ids[k], self.lines[k]
        parent, ref = self.parents[k], self.rename.get
        if header == cols.relation:
            if not parent:
                raise ValueError(f"{cell!r} given but the row has no {cols.parent}")
            self.org._pred[node][parent]["relation"] = cell.strip()
        elif header == cols.assistant:
            if boolean(cell):
                if cols.kind is None:
                    self.org._node[node]["kind"] = "staff"
                if parent:
                    self.org._pred[node][parent]["relation"] = "staff"
        elif header == cols.dotted:
            return [(line, ref(sup, sup), node, "dotted", {}) for sup in id_list(cell)]
        elif header in OUT_LISTS:
            return [(line, node, ref(other, other), OUT_LISTS[header], {})
                    for other in id_list(cell)]
        else:  # orgraph's "edges" column
            edges = _json_value(cell)
            if not isinstance(edges, list) or not all(
                    isinstance(e, dict) and {"to", "type"} <= e.keys() for e in edges):
                raise ValueError('"edges" must be a JSON list of {"to": ID, "type": RELATION}')
            if any("relation" in e for e in edges):
                raise ValueError('an edge in "edges" has a key "relation"; the relation is '
                                 '"type": remove "relation" or rename it')
            return [(line, node, ref(str(e["to"]), str(e["to"])), str(e["type"]),
                     {key: x for key, x in e.items() if key not in ("to", "type")})
                    for e in edges]
        return []
