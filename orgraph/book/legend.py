"""The interactive chart's legend: the static chart's legend box for the whole organisation.

The legend of a static chart lists what that chart draws (:mod:`orgraph.render.legend`). The
interactive chart shows one legend for all its pages, so it is drawn by the same renderer
from a small sample organisation holding one node of every kind and one edge of every
relation the organisation has, with one counted box when the book has any; the browser
shows only the legend box of that drawing (the elements of class ``legend``).

Examples
--------
>>> import orgraph
>>> org = orgraph.load("examples/minimal.yaml")
>>> sample, top, depth = legend_sample(org)  # its leader group only has members: not drawn
>>> sorted({k for _, k in sample.nodes(data="kind")}), top, depth
(['cao', 'committee', 'council', 'executive', 'executive_committee', 'staff', 'unit', \
'unit_group'], 'council', 2)
>>> b'class="node legend frame"' in legend_svg(org, "no")
True
"""

from __future__ import annotations

from collections.abc import Collection

from orgraph.model import POLITICAL_KINDS, Kind, Organisation, Relation
from orgraph.render.dot import parse_show
from orgraph.render.select import coordination_only

__all__ = ["legend_sample", "legend_svg"]

_POLITICAL = {k.value for k in POLITICAL_KINDS}


def legend_sample(org: Organisation, *, counted: bool = True,
                  show: str | Collection[str] | None = None) -> tuple[Organisation, str, int]:
    """A sample with every kind and relation of ``org``; render it from ``top``, ``depth``
    levels deep, and one box is counted (when ``counted``).

    Returns
    -------
    (Organisation, str, int)
        The sample, its top node and the depth to draw.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/minimal.yaml")
    >>> sample, top, depth = legend_sample(org)
    >>> top, depth, sorted({r for *_, r in sample.edges(data="relation")})
    ('council', 2, ['delegation', 'dotted', 'line', 'staff'])
    >>> "~below" in sample, "~below" in legend_sample(org, counted=False)[0]
    (True, False)
    """
    shown = parse_show(show)
    kinds = list(dict.fromkeys(
        str(k) for n, k in org.nodes(data="kind") if "coordination" in shown
        or not coordination_only(org, n, Kind(k))))  # bodies the pages leave out
    relations = {str(r) for _, _, r in org.edges(data="relation")}
    instructs = {bool(d.get("instructs")) for _, d in org.nodes(data=True)
                 if d.get("kind") == Kind.STAFF.value}
    sample = Organisation(name="")
    political = [k for k in kinds if k in _POLITICAL]
    top = Kind.COUNCIL.value if Kind.COUNCIL.value in political else (
        political[0] if political else Kind.CAO.value if Kind.CAO.value in kinds else kinds[0])
    sample.add_unit(top, kind=top, label=top)
    for kind in political:
        if kind != top:
            sample.add_unit(kind, kind=kind)
            sample.add_relation(top, kind, "delegation" if "delegation" in relations else "line")
    boss, depth = top, 1
    if Kind.CAO.value in kinds and top != Kind.CAO.value:
        sample.add_unit("cao", kind="cao")
        sample.add_relation(top, "cao")
        boss, depth = "cao", 2
    line = [k for k in kinds if k not in _POLITICAL and k not in ("cao", "staff")]
    for kind in line or ([Kind.UNIT.value] if counted else []):
        sample.add_unit(kind, kind=kind, count=2 if kind == Kind.UNIT_GROUP.value else None)
        sample.add_relation(boss, kind)
    for flag in sorted(instructs):
        name = f"staff~{int(flag)}"
        sample.add_unit(name, kind="staff", instructs=flag)
        sample.add_relation(boss, name, "staff")
    under = [k for k in line if k != Kind.UNIT_GROUP.value] or [Kind.UNIT.value]
    if "dotted" in relations and len(line) > 1:
        sample.add_relation(line[0], line[1], "dotted")
    _overlays(sample, relations, shown, line, boss)
    if counted and under[0] in sample:
        sample.add_unit("~below", kind="unit")
        sample.add_relation(under[0], "~below")
    return sample, top, depth


def _overlays(sample: Organisation, relations: set[str], shown: frozenset[str],
              line: list[str], boss: str) -> None:
    """Membership, order and service edges, when the chart shows them."""
    if "coordination" in shown and Relation.MEMBER.value in relations:
        body = next((k for k in line if Kind(k).category.value == "coordination"), None)
        if body:
            sample.add_relation(body, boss, "member")
    if "orders" in shown and len(line) > 1:
        for rel in (Relation.ORDER.value, Relation.SERVICE.value):
            if rel in relations:
                sample.add_relation(line[0], line[-1], rel)


def legend_svg(org: Organisation, lang: str = "no", *, engine: str = "auto",
               counted: bool = True, show: str | Collection[str] | None = None) -> bytes:
    """The SVG of the sample chart with its legend (see the module docstring).

    Examples
    --------
    >>> import orgraph
    >>> svg = legend_svg(orgraph.load("examples/minimal.yaml"), "en")
    >>> b">Units below, counted<" in svg, b">Staff with authority to instruct<" in svg
    (True, True)
    >>> b">Units below, counted<" in legend_svg(orgraph.load("examples/minimal.yaml"), "en",
    ...                                         counted=False)
    False
    """
    from orgraph.render import render

    sample, top, depth = legend_sample(org, counted=counted, show=show)
    return render(sample, "svg", engine=engine, lang=lang, legend=True, show=show, root=top,
                  depth=depth)
