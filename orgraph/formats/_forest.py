"""Whether superior pointers form a forest: every chain of superiors ends at a top post.

The readers' one structural proof. A file of a million rows is checked by pointer doubling
in numpy (each step replaces every node's pointer by its pointer's pointer, so about
log2(depth) whole-array steps reach the tops) instead of a walk of Python dicts; a small
one by that walk. Naming the loop, when there is one, is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

__all__ = ["LineOf", "is_forest", "superior_pointers"]

#: Below this many nodes the plain walk is faster than importing and running numpy.
_NUMPY_FROM = 20_000


def is_forest(parent: Sequence[int]) -> bool:
    """Whether following ``parent`` from every node ends at a root, with no loop.

    ``parent[k]`` is the index of node ``k``'s superior, or ``-1`` for a top; a node that
    is its own superior is a loop.

    Examples
    --------
    >>> is_forest([-1, 0, 0, 2]), is_forest([-1, 2, 1]), is_forest([0]), is_forest([])
    (True, False, False, True)
    >>> big = [-1] + list(range(99_999))           # a chain 100,000 deep
    >>> is_forest(big), is_forest([99_999] + big[1:])
    (True, False)
    """
    n = len(parent)
    if n < _NUMPY_FROM:
        return _walk(parent)
    import numpy as np

    up = np.asarray(parent, dtype=np.int64)
    nodes = np.arange(n, dtype=np.int64)
    if (up == nodes).any() or (up >= n).any():
        return False
    roots = up < 0
    if not roots.any():
        return False
    up[roots] = nodes[roots]  # a root is its own superior from here on
    for _ in range(n.bit_length() + 1):  # 2 ** (bit_length + 1) > n steps: past any root
        further = up[up]
        if np.array_equal(further, up):
            break
        up = further
    return bool(roots[up].all())


def superior_pointers(n: int, heads: Iterable[int], tails: Iterable[int],
                      edges: int) -> Sequence[int]:
    """The ``parent`` array of :func:`is_forest` for ``n`` nodes from ``edges`` edges
    ``tails[i] → heads[i]`` (each head at most once), filled in C for a large graph.

    Examples
    --------
    >>> list(superior_pointers(4, [1, 2, 3], [0, 0, 2], 3))
    [-1, 0, 0, 2]
    """
    if n < _NUMPY_FROM:
        up = [-1] * n
        for head, tail in zip(heads, tails, strict=True):
            up[head] = tail
        return up
    import numpy as np

    array = np.full(n, -1, dtype=np.int64)
    array[np.fromiter(heads, np.int64, edges)] = np.fromiter(tails, np.int64, edges)
    return array  # type: ignore[return-value]


def _walk(parent: Sequence[int]) -> bool:
    seen = [0] * len(parent)  # the number of the walk that first met each node, from 1
    for k in range(len(parent)):
        j = k
        while j >= 0 and not seen[j]:
            seen[j] = k + 1
            j = parent[j]
        if j >= 0 and seen[j] == k + 1:
            return False
    return True


class LineOf(Mapping[str, "int | None"]):
    """Each node's line number, as a dict built only when a problem asks for one."""

    def __init__(self, ids: list[str], lines: Sequence[int]) -> None:
        self._ids, self._lines = ids, lines
        self._dict: dict[str, int] | None = None

    def _map(self) -> dict[str, int]:
        if self._dict is None:
            self._dict = dict(zip(self._ids, self._lines, strict=True))
        return self._dict

    def __getitem__(self, node: str) -> int:
        return self._map()[node]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._ids)
