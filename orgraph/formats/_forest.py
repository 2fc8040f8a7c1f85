"""Whether superior pointers form a forest: every chain of superiors ends at a top post.

The readers' one structural proof. A file of a million rows is checked by pointer doubling
in numpy (each step replaces every node's pointer by its pointer's pointer, so about
log2(depth) whole-array steps reach the tops) instead of a walk of Python dicts; a small
one by that walk. Naming the loop, when there is one, is the caller's job.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["is_forest"]

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
