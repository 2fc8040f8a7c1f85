"""Which unit of one organisation is which unit of another: by id, then by label similarity.

Ids are the primary key: a unit whose id is in both organisations is the same unit. What is
left on either side may still be the same unit under a new id; :func:`label_matches` pairs
those by the similarity of their labels (:class:`difflib.SequenceMatcher` ratio of the
case-folded, whitespace-collapsed labels), within the same legend category (a staff unit is
never matched with a committee).

Comparing every unmatched unit with every other would be quadratic; the candidates of a unit
are found through an index instead (blocking): the units with exactly its label, and the
units sharing the most of its rarer character trigrams. Only a few candidates per unit are
scored, so 100,000 units with 1,000 changed ones take a fraction of a second.

Examples
--------
>>> from orgraph.model import Organisation
>>> old = Organisation(); new = Organisation()
>>> old.add_unit("a1", kind="staff", label="Økonomistab")
>>> new.add_unit("b7", kind="staff", label="Økonomi-stab")
>>> label_matches(old, new, ["a1"], ["b7"], {})
[('a1', 'b7', 0.957)]
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from orgraph.model import Kind, category_of

__all__ = ["DEFAULT_THRESHOLD", "label_key", "label_matches", "similarity"]

#: The least label similarity (0-1) at which two units with different ids are matched.
DEFAULT_THRESHOLD = 0.8
#: Candidates scored per unit (the ones sharing most trigrams, and exact-label ones).
_CANDIDATES = 12
#: Unmatched units under the same superior scored as candidates (beside the trigram ones).
_NEIGHBOURS = 30
#: A trigram found in more unmatched units than this says nothing and is not indexed.
_COMMON_GRAM = 200
_SPACE = re.compile(r"\s+")


def label_key(label: Any) -> str:
    """A label as it is compared: case-folded, runs of white space as one space.

    Examples
    --------
    >>> label_key("  Plan- og\\nKULTURSTAB ")
    'plan- og kulturstab'
    """
    return _SPACE.sub(" ", str(label)).strip().casefold()


def similarity(a: str, b: str) -> float:
    """Similarity of two label keys, 0 to 1, rounded to 3 decimals (difflib's ratio).

    Examples
    --------
    >>> similarity("støttefunksjoner", "stabsfunksjoner")
    0.774
    >>> similarity("skole", "skole")
    1.0
    """
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)


def _category(org: Any, node: str) -> str:
    try:
        return category_of(Kind(org._node[node].get("kind", "unit"))).value
    except ValueError:
        return "?"


def _grams(key: str) -> set[str]:
    padded = f" {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class _Index:
    """Unmatched units of the new side: by (category, label, superior's old id), by
    (category, label), and by (category, trigram) for the units no exact label finds."""

    def __init__(self, org: Any, nodes: Iterable[str], matched: Mapping[str, str]) -> None:
        self.org, self.nodes, self.matched = org, list(nodes), matched
        self.keys: dict[str, str] = {}
        self.place: dict[tuple[str, str, Any], list[str]] = defaultdict(list)
        self.exact: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.under: dict[tuple[str, Any], list[str]] = defaultdict(list)
        self._grams: dict[tuple[str, str], list[str]] | None = None
        for node in self.nodes:
            key = label_key(org._node[node].get("label", node))
            cat = _category(org, node)
            self.keys[node] = key
            self.exact[cat, key].append(node)
            superior = matched.get(_line_superior(org, node))
            self.place[cat, key, superior].append(node)
            if superior is not None:
                self.under[cat, superior].append(node)

    def grams(self) -> dict[tuple[str, str], list[str]]:
        """The trigram index, built on first use."""
        if self._grams is None:
            self._grams = defaultdict(list)
            for node in self.nodes:
                cat = _category(self.org, node)
                for gram in _grams(self.keys[node]):
                    self._grams[cat, gram].append(node)
        return self._grams

    def candidates(self, cat: str, key: str, superior: Any) -> tuple[list[str], bool]:
        """(candidates, exact): the units with the same label in the same place, else with
        the same label anywhere (up to a limit), else the units under the same superior and
        those sharing most rare trigrams."""
        same = self.place.get((cat, key, superior)) if superior is not None else None
        if same:
            return same[:_CANDIDATES], True
        found = self.exact.get((cat, key))
        if found:
            return found[:_CANDIDATES], True
        shared: Counter[str] = Counter()
        grams = self.grams()
        for gram in _grams(key):
            posting = grams.get((cat, gram), ())
            if len(posting) <= _COMMON_GRAM:
                shared.update(posting)
        near = self.under.get((cat, superior), [])[:_NEIGHBOURS] if superior is not None else []
        return list(dict.fromkeys(near + [n for n, _ in shared.most_common(_CANDIDATES)])), False


def _line_superior(org: Any, node: str) -> Any:
    for sup, data in org._pred[node].items():
        if data.get("relation") == "line":
            return sup
    return None


def label_matches(old: Any, new: Any, old_nodes: Iterable[str], new_nodes: Iterable[str],
                  matched: Mapping[str, str], threshold: float = DEFAULT_THRESHOLD
                  ) -> list[tuple[str, str, float]]:
    """Pair unmatched units of ``old`` and ``new`` whose labels are similar enough.

    Parameters
    ----------
    old, new : Organisation
    old_nodes, new_nodes : iterable of str
        The units not yet matched on each side.
    matched : mapping
        New id → old id of the units already matched (by id): a candidate whose line superior
        is the counterpart of the old unit's superior wins a tie.
    threshold : float, default :data:`DEFAULT_THRESHOLD`
        The least similarity accepted.

    Returns
    -------
    list of (old id, new id, score)
        One-to-one, best scores first (greedy), each score rounded to 3 decimals.

    Examples
    --------
    >>> from orgraph.model import Organisation
    >>> old = Organisation(); new = Organisation()
    >>> for g, ids in ((old, ("r", "h1", "h2")), (new, ("r", "x", "y"))):
    ...     g.add_unit(ids[0], kind="cao")
    ...     for i in ids[1:]:
    ...         g.add_unit(i, kind="main_committee", label="Hovedutvalg")
    >>> old.add_relation("r", "h2"); new.add_relation("r", "y")
    >>> label_matches(old, new, ["h1", "h2"], ["x", "y"], {"r": "r"})
    [('h2', 'y', 1.0), ('h1', 'x', 1.0)]
    """
    index = _Index(new, new_nodes, matched)
    pairs: list[tuple[float, int, str, str]] = []
    for node in old_nodes:
        key = label_key(old._node[node].get("label", node))
        superior = _line_superior(old, node)
        found, exact = index.candidates(_category(old, node), key, superior)
        for cand in found:
            score = 1.0 if exact else _score(key, index.keys[cand], threshold)
            if score >= threshold:
                same_place = superior is not None and \
                    index.matched.get(_line_superior(new, cand)) == superior
                pairs.append((score, int(same_place), node, cand))
    pairs.sort(key=lambda p: (-p[0], -p[1], str(p[2]), str(p[3])))
    used_old: set[str] = set()
    used_new: set[str] = set()
    out = []
    for score, _, node, cand in pairs:
        if node not in used_old and cand not in used_new:
            used_old.add(node)
            used_new.add(cand)
            out.append((node, cand, score))
    return out


def _score(key: str, other: str, threshold: float) -> float:
    """The similarity, or 0 when difflib's cheap upper bounds are below ``threshold``."""
    matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return round(matcher.ratio(), 3)
