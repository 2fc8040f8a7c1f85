"""What a chart hides below a box it cuts off (``--depth``, ``--root``, a book page), and the
line that counts it on that box.

A cut box says how many units are hidden below it. Where every hidden node carries a head
count or FTE (an HR export, a UK organogram), it says how many people too: a chart of
managers cut at depth 2 should tell that 1,200 people work below a director, not only 40
units. Where each hidden node is one person (head count 1), the units are people and it says
so once.

Examples
--------
>>> from orgraph import load
>>> from orgraph.render.style import TEXT
>>> org = load("examples/minimal.yaml")
>>> sorted(hidden_below(org, "radmann", {"radmann"}))
['barnehager', 'kommunalsjef', 'okonomi', 'personal', 'skole']
>>> collapsed_line(org, "radmann", 7, {"radmann"}, TEXT["en"])
'+7 units below'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from functools import cache

from orgraph.errors import MetricsError
from orgraph.model import Organisation

__all__ = ["collapsed_line", "hidden_below", "people_below", "people_of"]


def hidden_below(org: Organisation, node: str, drawn: Collection[str]) -> set[str]:
    """The nodes hanging (by line, staff or delegation) below ``node`` and not in ``drawn``.

    Examples
    --------
    >>> from orgraph import load
    >>> len(hidden_below(load("examples/minimal.yaml"), "radmann", {"radmann"}))
    5
    """
    from orgraph.render.select import TREE_RELATIONS

    hidden: set[str] = set()
    stack = [v for v in org.successors(node)
             if org.edges[node, v].get("relation") in TREE_RELATIONS and v not in drawn]
    while stack:
        v = stack.pop()
        if v in hidden or v in drawn:
            continue
        hidden.add(v)
        stack.extend(w for w in org.successors(v)
                     if org.edges[v, w].get("relation") in TREE_RELATIONS)
    return hidden


def people_below(org: Organisation, node: str, drawn: Collection[str]
                 ) -> tuple[float, bool] | None:
    """(people, whether FTE) hidden below ``node``: the sum of every hidden node's FTE, else
    head count; ``None`` when nothing is hidden or some hidden node has neither.

    Examples
    --------
    >>> from orgraph.generate import generate_company
    >>> people_below(generate_company(40, seed=1), "p1", {"p1"})
    (39.0, False)
    """
    hidden = hidden_below(org, node, drawn)
    if not hidden:
        return None
    total, fte = 0.0, False
    for h in hidden:
        data = org.nodes[h]
        value = people_of(data)
        if value is None:
            return None
        total += value
        fte = fte or "fte" in data
    return total, fte


def collapsed_line(org: Organisation, node: str, units: int, drawn: Collection[str],
                   words: Mapping[str, str]) -> str:
    """The line of a cut box: ``+7 units below``; ``+42 people below`` when the head count
    below equals the units (one person each); ``+7 units, 120 people below`` (or FTE, where
    the file gives FTE) when every hidden node carries a head count or FTE.

    Examples
    --------
    >>> from orgraph.generate import generate_company
    >>> from orgraph.render.style import TEXT
    >>> org = generate_company(40, seed=1)
    >>> collapsed_line(org, "p1", 39, {"p1"}, TEXT["en"])
    '+39 people below'
    >>> for n in org:
    ...     org.nodes[n]["fte"] = 0.5
    >>> collapsed_line(org, "p1", 39, {"p1"}, TEXT["no"])
    '+39 enheter, 19,5 årsverk under'
    """
    people = people_below(org, node, drawn)
    if people is None:
        return f"+{units} {words['units']} {words['below']}"
    total, fte = people
    if not fte and abs(total - units) < 1e-9:
        return f"+{units} {words['people']} {words['below']}"
    return (f"+{units} {words['units']}, {_number(total, words)} "
            f"{words['fte' if fte else 'people']} {words['below']}")


def people_of(data: Mapping) -> float | None:
    """A node's FTE, else head count (:func:`orgraph.metrics.fte.fte_of`); ``None`` if it
    has neither or the number is not finite.

    Examples
    --------
    >>> people_of({"fte": 0.5}), people_of({"headcount": 3}), people_of({"fte": float("inf")})
    (0.5, 3.0, None)
    """
    try:
        value = _fte_of()(data if isinstance(data, dict) else dict(data))
    except MetricsError:
        return None
    return value if value is not None and math.isfinite(value) else None


@cache
def _fte_of() -> Callable[[dict], float | None]:
    from orgraph.metrics.fte import fte_of  # on use: the metrics are not needed to draw

    return fte_of


def _number(value: float, words: Mapping[str, str]) -> str:
    """A count as the chart's language writes it: whole, or with one decimal."""
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}".replace(",", words["thousands"])
    text = f"{value:,.1f}"
    return text.replace(",", "\0").replace(".", words["decimal"]).replace("\0", words["thousands"])
