"""choose_forms settles every subtree in the form its sizes were chosen by.

The walk tries a manager's forms with only its reports' own blocks swapped, and settles
what every chosen form assumes of the subtrees below it once, top down, at the end; a fresh
walk with the forms it returns must then rebuild every block it chose by, to the point.
"""

from __future__ import annotations

import pytest

from orgraph.generate import generate_company
from orgraph.layout.fit import TRIALS, choose_forms
from orgraph.layout.tree import SPACING, _depths, _place_all, leaf_blocks
from orgraph.render.pinned import pinned_layout


def _geometry(block: object) -> tuple:
    return tuple(getattr(block, a) for a in ("w", "h", "rx", "ry", "rw", "rh", "clear"))


@pytest.mark.parametrize(("people", "seed"), [(150, 1), (600, 5), (2000, 2), (3000, 7)])
@pytest.mark.parametrize(("density", "fill"), TRIALS[:2])
def test_a_walk_with_the_chosen_forms_rebuilds_every_chosen_block(
        people: int, seed: int, density: float, fill: float) -> None:
    tree = pinned_layout(generate_company(people, seed=seed))[2]
    items, roots = tree.items, tree.roots
    order, _ = _depths(items, roots)
    leaves = leaf_blocks(items, SPACING)
    forms, chooser = choose_forms(items, order, 6, SPACING, density, 1.5, fill,
                                  {r: (0.5, 3.0) for r in roots}, leaves)
    assert len({f[0] for f in forms.values()}) >= 2  # the walk chose among forms
    again = _place_all(items, order, 6, SPACING, False, forms, leaves)
    differ = [k for k in items if _geometry(again.blocks[k]) != _geometry(chooser.blocks[k])]
    assert differ == []
