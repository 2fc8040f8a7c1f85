"""``--expand``: the boxes an aggregate (``unit_group``) opens into, shared by every layout.

One box per listed item, each standing for the units its item stands for (``item_counts``:
"To skoler" is two units, not one), and one "+N more" box only for the units no item
accounts for. The rule itself is :func:`orgraph.aggregates.item_units`.

Examples
--------
>>> from orgraph import load
>>> org = load("charts/evenes.yaml")
>>> boxes, rest = expand_aggregate(org.nodes["driftsenheter"])
>>> [units for _, units in boxes], rest
([2, 2, 1, 1, 1, 1], 0)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgraph.aggregates import item_units, unlisted_units

__all__ = ["expand_aggregate"]


def expand_aggregate(data: Mapping[str, Any]) -> tuple[list[tuple[str, int]], int]:
    """The item boxes of an expanded aggregate and the units left for a "+N more" box.

    Parameters
    ----------
    data : mapping
        The ``unit_group`` node's data (``count``, ``items``, ``item_counts``).

    Returns
    -------
    boxes : list of (str, int)
        Each item's label and the number of units it stands for, in the items' order.
    remainder : int
        ``count`` minus the units the items stand for, never below 0; draw a "+N more" box
        only when it is positive.

    Examples
    --------
    >>> expand_aggregate({"count": 12, "items": ["7 skoler", "2 barnehager", "helse"],
    ...                   "item_counts": {"7 skoler": 7, "2 barnehager": 2}})
    ([('7 skoler', 7), ('2 barnehager', 2), ('helse', 1)], 2)
    >>> expand_aggregate({"count": 2, "items": ["a", "b"]})
    ([('a', 1), ('b', 1)], 0)
    """
    return item_units(data), unlisted_units(data)
