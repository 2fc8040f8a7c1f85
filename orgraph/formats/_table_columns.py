"""Which columns of a table hold the id, the reports-to, the name: profiles and detection.

A named profile (:data:`PROFILES`) or the header's names (matched ignoring case and
punctuation) find the columns; any can be named explicitly. Used by
:func:`orgraph.formats.tabular.read_table`.

Examples
--------
>>> detect_profile(["id", "parentId", "name", "positionName"])
'd3'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Problems

__all__ = ["PARENT_NAMES", "PROFILES", "Columns", "detect_profile"]

@dataclass(frozen=True)
class Columns:
    """Which column holds what; ``None`` means the file has no such column."""

    id: str | None = None
    parent: str | None = None
    name: str | None = None
    kind: str | None = None
    dotted: str | None = None
    headcount: str | None = None
    title: str | None = None
    relation: str | None = None
    assistant: str | None = None
    #: Further name columns, joined to ``name`` with a space (first name, last name).
    more_names: tuple[str, ...] = ()

    def roles(self) -> dict[str, str | None]:
        """Each role with one column (all but ``more_names``) and its column."""
        return {k: v for k, v in vars(self).items() if k != "more_names"}


#: Named column profiles of the tools people export from.
PROFILES: dict[str, Columns] = {
    "orgraph": Columns(id="id", parent="parent", name="label", kind="kind", dotted="dotted",
                       headcount="headcount", relation="relation"),
    "visio": Columns(id="Name", parent="Reports_To", name="Name", title="Title"),
    "d3": Columns(id="id", parent="parentId", name="name", title="positionName"),
    "balkan": Columns(id="id", parent="pid", name="name", title="title"),
    "orgchartnow": Columns(id="PersonID", parent="SupervisorID", name="Name", title="Title",
                           assistant="IsAssistant"),
}
#: Detection order: the most specific header pair first.
_DETECT = ("orgchartnow", "balkan", "d3", "visio", "orgraph")
#: Common names of the id and reports-to columns, for files no profile matches.
_ID_NAMES = ("id", "unitid", "nodeid", "postid", "employeeid", "personid", "code", "key")
PARENT_NAMES = ("parent", "parentid", "reportsto", "reportstoid", "pid", "managerid",
                 "manager", "supervisorid", "supervisor", "superior", "boss", "reportingto")
#: Name columns that may key the rows of a file without an id column.
_KEY_NAMES = ("name", "fullname", "employeename", "navn", "label")
_NAME_NAMES = ("label", "name", "fullname", "title", "unit", "unitname", "navn")
#: An HR export's job-title and dotted-line manager columns (files no profile matches).
_TITLE_NAMES = ("jobtitle", "title", "positionname", "position", "jobrole", "role",
                "stillingstittel", "stilling")
_DOTTED_NAMES = ("dottedline", "dottedlinemanager", "dottedlinemanagerid", "dottedlineid",
                 "dottedlinereportsto", "matrixmanager", "matrixmanagerid",
                 "secondarymanager", "secondarymanagerid", "functionalmanager")
#: First- and last-name columns, joined into the label when a file has no name column.
_FIRST_NAMES = ("firstname", "givenname", "forename", "fornavn")
_LAST_NAMES = ("lastname", "surname", "familyname", "etternavn")



def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def detect_profile(headers: Iterable[str]) -> str | None:
    """Name the profile whose id and reports-to columns are both in ``headers``.

    Examples
    --------
    >>> detect_profile(["Name", "Reports_To", "Title"])
    'visio'
    >>> detect_profile(["id", "pid", "name"]), detect_profile(["ID", "Parent ID"])
    ('balkan', 'd3')
    >>> detect_profile(["a", "b"]) is None
    True
    >>> detect_profile(["id", "Name", "Reports_To"]) is None  # ids, not names, are referenced
    True
    """
    have = {_norm(h) for h in headers}
    for name in _DETECT:
        cols = PROFILES[name]
        if name == "visio" and have & set(_ID_NAMES):
            continue  # Visio keys rows by Name only when the file has no id column of its own
        if _norm(cols.id or "") in have and _norm(cols.parent or "") in have:
            return name
    return None




def _first(names: Iterable[str], by_norm: dict[str, int], header: list[str],
           cols: Columns) -> str | None:
    """The first column of ``names`` in the header that no role holds yet."""
    taken = {v for v in cols.roles().values() if v}
    return next((header[by_norm[n]] for n in names if n in by_norm
                 and header[by_norm[n]] not in taken), None)


def _guessed(header: list[str], by_norm: dict[str, int]) -> Columns:
    """The columns of a table no profile matches, guessed from their names (``by_norm``:
    normalised header → index).

    Examples
    --------
    >>> header = ["Employee ID", "Manager ID", "Name"]
    >>> cols = _guessed(header, {_norm(h): i for i, h in enumerate(header)})
    >>> cols.id, cols.parent
    ('Employee ID', 'Manager ID')
    """
    guess = {"id": next((h for h in _ID_NAMES if h in by_norm), None),
             "parent": next((h for h in PARENT_NAMES if h in by_norm), None)}
    # orgraph's own column names keep their meaning in any table ("relation" is no free
    # text: a cell 'marriage' must be refused, not stored)
    guess.update({role: role for role in ("kind", "relation", "dotted", "headcount")
                  if role in by_norm})
    if guess["id"] is None and guess["parent"] is not None:
        # no id column: the rows are keyed by their names, as Visio's are
        guess["id"] = guess["name"] = next((h for h in _KEY_NAMES if h in by_norm), None)
    return Columns(**{k: header[by_norm[v]] for k, v in guess.items() if v})


def _resolve_columns(header: list[str], filename: str, profile: str | None,
                     explicit: dict[str, str | None], line: int = 1) -> tuple[str, Columns]:
    by_norm: dict[str, int] = {}
    for index, name in enumerate(header):
        by_norm.setdefault(_norm(name), index)
    if profile is not None and profile not in PROFILES:
        raise ChartError([Problem(filename, f"unknown column profile {profile!r}; use one of: "
                                            f"{', '.join(PROFILES)}")])
    name = profile or detect_profile(header)
    cols = PROFILES[name] if name else _guessed(header, by_norm)
    name = name or "custom"
    if cols.name is None or _norm(cols.name) not in by_norm:
        guess_name = next((h for h in _NAME_NAMES if h in by_norm and h != _norm(cols.id or "")),
                          None)
        cols = replace(cols, name=header[by_norm[guess_name]] if guess_name else None)
    more: list[str] = []
    wanted_name = explicit.get("name")
    if wanted_name and _norm(wanted_name) not in by_norm and "," in wanted_name:
        first, *more = [p.strip() for p in wanted_name.split(",") if p.strip()] or [""]
        explicit = {**explicit, "name": first}
    elif cols.name is None and not wanted_name:
        first = next((h for h in _FIRST_NAMES if h in by_norm), None)
        last = next((h for h in _LAST_NAMES if h in by_norm), None)
        if first and last:
            cols = replace(cols, name=header[by_norm[first]])
            more = [header[by_norm[last]]]
    if name == "custom":
        cols = replace(cols, title=cols.title or _first(_TITLE_NAMES, by_norm, header, cols),
                       dotted=cols.dotted or _first(_DOTTED_NAMES, by_norm, header, cols))
    cols = replace(cols, **{k: v for k, v in explicit.items() if v})
    if cols.title is not None and cols.title in (cols.name, *more):
        cols = replace(cols, title=None)  # the label's own column
    problems = Problems(filename)
    for part in more:
        if _norm(part) not in by_norm:
            problems.add(f"no column {part!r} (for name); the columns are: "
                         f"{', '.join(header)}", line=line)
    for role in ("id", "parent"):
        wanted = getattr(cols, role)
        if wanted is None:
            problems.add(f"no {'id' if role == 'id' else 'reports-to'} column found among "
                         f"{', '.join(header)}; name it with --{role}-col or choose a profile "
                         f"(--profile {' / '.join(PROFILES)})", line=line)
    for role, wanted in cols.roles().items():
        if wanted is not None and _norm(wanted) not in by_norm:
            if explicit.get(role) or (profile and role in ("id", "parent")):
                problems.add(f"no column {wanted!r} (for {role}); the columns are: "
                             f"{', '.join(header)}", line=line)
            cols = replace(cols, **{role: None})
    problems.raise_if_any()
    # Use the file's own spelling of each header.
    cols = Columns(**{k: (header[by_norm[_norm(v)]] if v else None)
                      for k, v in cols.roles().items()},
                   more_names=tuple(header[by_norm[_norm(p)]] for p in more) if cols.name
                   else ())
    return name, cols
