"""The junior-post file of an organogram: grade × job-title rows, each with its FTE.

A junior row is not a post but a bucket of posts: ``Number of Posts in FTE`` of one grade and
generic title under one senior post. The rows under a senior post become one ``unit_group``
(``count``: the rows, with ``count_of: rows`` to say so; ``fte`` and ``headcount``: their
total FTE; ``items``: the rows), so what a span or a unit count counts is the rows, and the
FTE measures (:mod:`orgraph.metrics.fte`) count the posts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orgraph.formats._organogram_rules import Rules, resolve
from orgraph.limits import MAX_NUMBER
from orgraph.model import Organisation

__all__ = ["JUNIOR_REQUIRED", "add_junior"]

JUNIOR_REQUIRED = ("reportingseniorpost", "numberofpostsinfte")
#: The group id of junior rows with an empty 'Reporting Senior Post' (lenient reading).
UNASSIGNED = "_unassigned"


def _number(text: str) -> float | int:
    value = float(text.replace(",", ""))
    if not abs(value) <= MAX_NUMBER:  # NaN, inf, 1e400 and 10**19 are not numbers of posts
        raise ValueError(f"{text!r} is not a finite number up to {MAX_NUMBER:,}")
    return int(value) if value.is_integer() and "." not in text else value


def _fte(text: str) -> float | int | None:
    try:
        value = _number(text)
    except ValueError:
        return None
    return value if value >= 0 else None


def add_junior(org: Organisation, path: Path, header: list[str],
               rows: Iterable[tuple[int, list[str]]], id_of: dict[str, str],
               eliminated: dict[str, str], rules: Rules) -> None:
    """Add the junior rows to ``org`` as one ``unit_group`` per senior post.

    ``id_of`` maps a senior post's reference as written to its node id; ``eliminated`` maps
    each Eliminated reference to its superior as written. In a lenient reading, rows under an
    Eliminated post go to that post's superior, rows under an unknown or empty reference
    form a group of their own at the top, and an FTE that is not a number ≥ 0 is left out
    of the total; each such row is reported.
    """
    rules = rules.of(str(path))
    missing = [h for h in JUNIOR_REQUIRED if h not in header]
    if missing:
        rules.error("no column " + ", ".join(repr(m) for m in missing) + " in the header; a "
                    "junior-post organogram has Reporting Senior Post, Grade, Generic Job "
                    "Title, Number of Posts in FTE, ...", line=1)
        return
    col = {h: i for i, h in reversed(list(enumerate(header)))}
    i_boss, i_fte = col["reportingseniorpost"], col["numberofpostsinfte"]
    i_title, i_grade = col.get("genericjobtitle"), col.get("grade")
    groups: dict[str, dict[str, Any]] = {}
    for line, row in rows:
        boss = row[i_boss] if i_boss < len(row) else ""
        target = _senior_of(boss, id_of, eliminated, rules, line)
        if target is None:
            continue
        raw_fte = row[i_fte] if i_fte < len(row) else ""
        fte = _fte(raw_fte)
        if fte is None:
            rules.breach(f"'Number of Posts in FTE' is {raw_fte!r}; write a number ≥ 0",
                         f"'Number of Posts in FTE' is {raw_fte!r}, not a number ≥ 0: the "
                         "row is kept with its FTE unknown (not in the total)",
                         line, boss or None)
            if rules.strict:
                continue
        title = (row[i_title] if i_title is not None and i_title < len(row) else "") or "post"
        grade = row[i_grade] if i_grade is not None and i_grade < len(row) else ""
        group = groups.get(target)
        if group is None:
            group = groups[target] = {"fte": 0, "items": [], "line": line, "boss": boss}
        amount = "? FTE" if fte is None else f"{fte:g} FTE"
        if fte is not None:
            group["fte"] = round(group["fte"] + fte, 4)
        group["items"].append(f"{title} ({grade}): {amount}" if grade else f"{title}: {amount}")
    if rules.items:
        return
    for target, group in groups.items():
        _add_group(org, path, target, group)


def _senior_of(boss: str, id_of: dict[str, str], eliminated: dict[str, str], rules: Rules,
               line: int) -> str | None:
    """The node id the row's posts report to (``'id/'`` prefix: a group of its own)."""
    found = id_of.get(boss)
    if found is not None:
        return found
    if not boss:
        rules.breach("'Reporting Senior Post' is empty; give the senior post these posts "
                     "report to",
                     "'Reporting Senior Post' is empty: the row is kept in a group of junior "
                     f"posts with no senior post ({UNASSIGNED}/junior) at the top", line)
        return f"/{UNASSIGNED}"
    if boss in eliminated:
        target, chain = resolve(boss, eliminated)
        found = id_of.get(target)
        rules.breach(f"reports to senior post {boss!r}, which is 'Eliminated'; name the post "
                     "it reports to now",
                     f"reports to senior post {boss!r}, which is 'Eliminated': " + (
                         f"now under {target!r}, the superior of {' → '.join(chain)}"
                         if found is not None else "kept as a group of its own at the top"),
                     line, boss)
        return found if found is not None else f"/{boss}"
    rules.breach(f"reports to unknown senior post {boss!r} (not in the senior-post file); fix "
                 "the reference",
                 f"reports to unknown senior post {boss!r} (not in the senior-post file): kept "
                 "as a group of its own at the top", line, boss)
    return f"/{boss}"


def _add_group(org: Organisation, path: Path, target: str, group: dict[str, Any]) -> None:
    from orgraph.formats._common import safe_ids

    orphan = target.startswith("/")
    base = target[1:] if orphan else target
    if orphan:
        base = safe_ids([base]).get(base, base)
    node = f"{base}/junior"
    while node in org:
        node = f"{base}_/junior" if node == f"{base}/junior" else node + "_"
    attrs: dict[str, Any] = {
        # the count is of grade x title rows, not of posts: the label says so, so no box
        # appends a bare "(22)" that reads as 22 posts
        "label": f"Junior posts ({group['fte']:g} FTE in {_roles(len(group['items']))})",
        "count": len(group["items"]),
        "count_of": "rows",
        "items": group["items"], "fte": group["fte"], "headcount": group["fte"],
        "source": f"{path.name}, from line {group['line']}"}
    if orphan:
        attrs["source_reports_to"] = group["boss"]
    org.add_node(node, kind="unit_group", **attrs)
    if not orphan:
        org.add_edge(target, node, relation="line")


def _roles(rows: int) -> str:
    """How many grade × title rows a junior group holds, in words.

    Examples
    --------
    >>> _roles(1), _roles(22)
    ('1 role', '22 roles')
    """
    return f"{rows} role" if rows == 1 else f"{rows} roles"
