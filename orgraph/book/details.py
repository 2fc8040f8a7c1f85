"""What the interactive chart's details panel and search know about each node.

One record per node of the organisation: its label in the chart's language, kind, the page
that draws it, its attributes and citations as display text, and three metrics — span of
control (:func:`orgraph.metrics.spans`), layer (:func:`orgraph.metrics.layers`, from the CAO
when there is one, else from the top of the book) and people below (every node hanging below
it on a line, staff or delegation edge, an aggregate counted as its ``count``, as the chart's
counted boxes count them). Records use short keys, because a 15,000-person chart carries
15,000 of them.

Examples
--------
>>> import orgraph
>>> from orgraph.book import Book, Page
>>> org = orgraph.load("examples/minimal.yaml")
>>> book = Book(title="x", pages=(Page(number=1, root="kommunestyre", path=("kommunestyre",),
...             nodes=tuple(org.nodes), links={}, svg=b"<svg/>"),))
>>> rec = {r["i"]: r for r in node_records(book, org)}["radmann"]
>>> rec["l"], rec["k"], rec["p"], rec["s"], rec["y"], rec["b"]
('Rådmann', 'cao', 1, 5, 0, 7)
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Iterable
from typing import Any

from orgraph.book.model import Book
from orgraph.errors import MetricsError
from orgraph.metrics import layers, spans
from orgraph.metrics._structure import weight_of
from orgraph.model import Organisation, Relation
from orgraph.render.dot import dot_name
from orgraph.render.select import TREE_RELATIONS

__all__ = ["MAX_TEXT", "node_records", "people_below"]

#: Attribute keys the record carries elsewhere (label, kind) or as citations.
_NOT_SHOWN = frozenset({"kind", "label", "citations"})
#: Longest attribute text kept in a record; longer text ends in an ellipsis.
MAX_TEXT = 500


def node_records(book: Book, org: Organisation, *, lang: str = "no") -> list[dict[str, Any]]:
    """One record per node, in the organisation's order.

    Keys: ``i`` id, ``l`` label, ``k`` kind, ``p`` page that draws it (absent when no page
    does), ``d`` DOT name (only when it differs from the id), ``a`` attributes as
    ``[key, text]`` pairs, ``c`` citations as ``[fact, text]`` pairs, ``s`` span of control,
    ``y`` layer, ``b`` people below (each absent when undefined for the node).

    Examples
    --------
    >>> import orgraph
    >>> from orgraph.book import build_book
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> records = node_records(build_book(org), org)
    >>> records[0]
    {'i': 'kommunestyre', 'l': 'Kommunestyret', 'k': 'council', 'p': 1, 'a': [['label_en', \
'Municipal council'], ['seats', '25']], 'b': 10}
    >>> records[1]["k"], "a" in records[1]
    ('executive_committee', False)
    """
    span = _safe(lambda: spans(org))
    layer = _layers(book, org)
    below = people_below(org)
    records = []
    for node, data in org.nodes(data=True):
        rec: dict[str, Any] = {"i": str(node), "l": org.label(node, lang),
                               "k": str(data.get("kind", ""))}
        with contextlib.suppress(KeyError):  # on no page: a node the chart leaves out
            rec["p"] = book.page_of(node)
        if dot_name(node) != str(node):
            rec["d"] = dot_name(node)
        attrs = _attributes(data)
        if attrs:
            rec["a"] = attrs
        cites = _citations(data)
        if cites:
            rec["c"] = cites
        for key, values in (("s", span), ("y", layer), ("b", below)):
            if node in values:
                rec[key] = values[node]
        records.append(rec)
    return records


def people_below(org: Organisation) -> dict[Hashable, int]:
    """Per node: how many hang below it on line, staff or delegation edges, an aggregate
    counted as its ``count``. A node with two such superiors is counted under the first.

    Examples
    --------
    >>> import orgraph
    >>> below = people_below(orgraph.load("examples/minimal.yaml"))
    >>> below["radmann"], below["okonomi"]
    (7, 0)
    """
    parent: dict[Hashable, Hashable] = {}
    by_line: set[Hashable] = set()
    for u, v, rel in org.edges(data="relation"):
        if rel in TREE_RELATIONS and u != v and v not in by_line and (
                v not in parent or rel == Relation.LINE.value):
            parent[v] = u  # the line superior wins over a staff or delegation one
            if rel == Relation.LINE.value:
                by_line.add(v)
    kids: dict[Hashable, list[Hashable]] = {}
    for v, u in parent.items():
        kids.setdefault(u, []).append(v)
    total: dict[Hashable, int] = {}
    for top in (n for n in org.nodes if n not in parent):
        order, stack = [], [top]
        while stack:  # depth first; a node joins one tree only, so cycles end the walk
            node = stack.pop()
            if node in total:
                continue
            total[node] = 0
            order.append(node)
            stack.extend(kids.get(node, ()))
        for node in reversed(order):
            up = parent.get(node)
            if up is not None and up in total:
                total[up] += total[node] + weight_of(org.nodes[node])
    return total


def _safe(compute: Any) -> dict[Hashable, Any]:
    try:
        return compute()
    except MetricsError:
        return {}


def _layers(book: Book, org: Organisation) -> dict[Hashable, int]:
    """Layers from the CAO when there is exactly one, else from the top of the book."""
    found = _safe(lambda: layers(org))
    if found or not book.pages:
        return found
    return _safe(lambda: layers(org, book.pages[0].root))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (list, tuple)):
        text = ", ".join(_text(v) for v in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def _attributes(data: dict[str, Any]) -> list[list[str]]:
    """Every attribute but label, kind and citations, as display text (``data`` spread)."""
    pairs: Iterable[tuple[str, Any]] = (
        (str(k), v) for k, v in data.items() if k not in _NOT_SHOWN and k != "data")
    extra = data.get("data")
    if isinstance(extra, dict):
        pairs = [*pairs, *((str(k), v) for k, v in extra.items())]
    return [[k, _text(v)] for k, v in pairs if v is not None and v != "" and v != []]


def _citations(data: dict[str, Any]) -> list[list[str]]:
    """The citations of a node's facts: ``[fact, "source — note (alternatives)"]``."""
    out = []
    for fact, cite in (data.get("citations") or {}).items():
        if not isinstance(cite, dict):
            out.append([str(fact), _text(cite)])
            continue
        parts = [_text(cite[k]) for k in ("source", "note") if cite.get(k)]
        alts = [f"{_text(a.get('value'))} ({_text(a.get('source', ''))})"
                if isinstance(a, dict) else _text(a) for a in cite.get("alternatives") or []]
        if alts:
            parts.append("; ".join(alts))
        out.append([str(fact), " — ".join(parts)])
    return out
