"""The organogram format's rules, read two ways: refused (strict) or repaired and reported.

:class:`Rules` is where every breach goes: with ``strict`` it becomes a problem of the file
(raised together at the end, as the UK validator refuses the file), otherwise the reader
applies the documented repair and reports it as a :class:`~orgraph.errors.Problem` in
:attr:`orgraph.formats.Report.repairs` naming the file, line and record.

:func:`link_posts` turns the senior posts' ``Reports to Senior Post`` references into line
edges, with the repairs of a lenient reading: a post with no usable superior (empty,
itself, unknown) becomes a top; one reporting to an ``Eliminated`` post reports to that
post's own superior; a reporting loop is broken at the post that comes first in the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report

__all__ = ["Links", "Rules", "break_loops", "link_posts", "resolve"]


@dataclass
class Rules:
    """Collects the breaches of one reading (senior and junior file share the list).

    Examples
    --------
    >>> report = Report("x.csv")
    >>> Rules("x.csv", strict=False, report=report).breach(
    ...     "'Name' is empty", "'Name' is empty: read as 'N/D'", 3, "B1")
    >>> [str(p) for p in report.repairs]
    ["x.csv:3: node 'B1': 'Name' is empty: read as 'N/D'"]
    >>> rules = Rules("x.csv", strict=True, report=report)
    >>> rules.breach("'Name' is empty", "read as 'N/D'", 3, "B1")
    >>> rules.raise_if_any()
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: x.csv:3: node 'B1': 'Name' is empty
    """

    filename: str
    strict: bool
    report: Report
    items: list[Problem] = field(default_factory=list)

    def breach(self, rule: str, repair: str, line: int | None = None,
               node: str | None = None) -> None:
        """A breach of the format's rule: ``rule`` when strict, else ``repair`` is reported."""
        if self.strict:
            self.items.append(Problem(self.filename, rule, line=line, node=node))
        else:
            self.report.repair(Problem(self.filename, repair, line=line, node=node))

    def error(self, message: str, line: int | None = None, node: str | None = None) -> None:
        """A problem no reading can repair (the file cannot be read at all)."""
        self.items.append(Problem(self.filename, message, line=line, node=node))

    def of(self, filename: str) -> Rules:
        """The same reading, for another file of the pair."""
        return Rules(filename, self.strict, self.report, self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ChartError(self.items)


@dataclass
class Links:
    """The posts' references, resolved: ``parent[i]`` is the index of post i's superior."""

    parent: list[int]
    declared_tops: list[int]
    repaired: dict[int, str]  # post index → its 'Reports to Senior Post' as written


def resolve(boss: str, eliminated: dict[str, str]) -> tuple[str, list[str]]:
    """Follow ``Eliminated`` posts up to the first one that is not; returns it and the chain.

    Examples
    --------
    >>> resolve("G1", {"G1": "G0", "G0": "A1"})
    ('A1', ['G1', 'G0'])
    >>> resolve("G1", {"G1": "G1"})
    ('', ['G1'])
    """
    chain: list[str] = []
    while boss in eliminated:
        if boss in chain:
            return "", chain
        chain.append(boss)
        boss = eliminated[boss]
    return boss, chain


def link_posts(raw: Sequence[str], bosses: Sequence[str], lines: Sequence[int],
               ids: Sequence[str], index_of: dict[str, int], eliminated: dict[str, str],
               rules: Rules) -> Links:
    """Resolve every post's superior; breaches are refused or repaired through ``rules``."""
    parent = [-1] * len(raw)
    tops: list[int] = []
    repaired: dict[int, str] = {}
    get = index_of.get
    for i, boss in enumerate(bosses):
        up = get(boss)
        if up is not None and up != i:
            parent[i] = up
            continue
        if boss.upper() == "XX":
            tops.append(i)
            continue
        line, node = lines[i], ids[i]
        if not boss:
            rules.breach("'Reports to Senior Post' is empty; give the reference of the post "
                         "it reports to, or 'XX' for the top post",
                         "'Reports to Senior Post' is empty: read as a top post", line, node)
        elif boss == raw[i] or up == i:
            rules.breach("reports to itself; name the post it reports to",
                         "reports to itself: read as a top post", line, node)
        elif boss in eliminated:
            target, chain = resolve(boss, eliminated)
            rules.breach(f"reports to post {boss!r}, which is 'Eliminated'; name the post it "
                         "reports to now", _rerouted(boss, chain, target, get(target)),
                         line, node)
            up = get(target)
            if up is not None and up != i:
                parent[i] = up
            elif target.upper() == "XX":
                tops.append(i)
        else:
            rules.breach(f"reports to unknown senior post {boss!r}; fix the reference or add "
                         "that post",
                         f"reports to unknown senior post {boss!r}: read as a top post",
                         line, node)
        repaired[i] = boss
    return Links(parent, tops, repaired)


def _rerouted(boss: str, chain: list[str], target: str, found: int | None) -> str:
    via = " → ".join(chain)
    if found is not None:
        return (f"reports to post {boss!r}, which is 'Eliminated': now reports to {target!r}, "
                f"the superior of {via}")
    if target.upper() == "XX":
        return (f"reports to post {boss!r}, which is 'Eliminated' and was the top post: read "
                "as a top post")
    return (f"reports to post {boss!r}, which is 'Eliminated' ({via} reports to "
            f"{target or 'nothing'!r}): read as a top post")


def break_loops(links: Links, raw: Sequence[str], lines: Sequence[int], ids: Sequence[str],
                rules: Rules) -> None:
    """Name every reporting loop once; a lenient reading breaks it at its first post.

    Each post's chain upwards is followed once (each post is visited once in all). A loop is
    reported on the post of the loop that comes first in the file; the lenient reading makes
    that post a top (its superior as written kept for the record).
    """
    parent = links.parent
    walk = [-1] * len(parent)  # the number of the walk that first met each post
    for start in range(len(parent)):
        node = start
        while node >= 0 and walk[node] < 0:
            walk[node] = start
            node = parent[node]
        if node < 0 or walk[node] != start:
            continue
        loop = [node]
        up = parent[node]
        while up != node:
            loop.append(up)
            up = parent[up]
        first = min(loop)
        at = loop.index(first)
        loop = loop[at:] + loop[:at]
        # superior → subordinate order, as the strict message always wrote it
        chain = " → ".join(ids[k] for k in [first, *reversed(loop[1:]), first])
        rules.breach(f"reporting loop {chain}: these posts never reach the top post; one of "
                     "them must report elsewhere",
                     f"reporting loop {chain}: broken here, read as a top post",
                     lines[first], ids[first])
        links.repaired[first] = raw[parent[first]]
        parent[first] = -1
