"""The UK government's open organogram data: a senior-post CSV and a junior-post CSV.

Published twice a year by every central government body (data.gov.uk; schemas in the
``datagovuk/schemas`` repository, rules in the Cabinet Office's organogram template and the
data.gov.uk converter). Headers are matched ignoring case and punctuation, so ``Grade (or
equivalent)`` and the 2011 spelling ``Grade`` both work.

Senior posts become nodes with line reporting (the top post, which reports to ``XX``, is the
``cao``; the others ``executive`` posts that are line managers). Junior posts become one
``unit_group`` under the senior post they report to: ``count`` is the number of junior-post
lines (one title and grade each), ``fte`` and ``headcount`` their total FTE, ``items`` the lines.

The format's own rules, each a clear error with the row's line: a ``Post Unique Reference``
is present, not ``XX``, of letters, digits and ``-`` only, and unique (rows that differ only
in name, contact, pay, notes and FTE are a job share and merge); ``Name`` is not blank
(``N/D`` = not disclosed, ``Vacant``, ``Eliminated`` = the post no longer exists and is left
out); ``Job Title`` is not blank or ``N/D``; exactly one post reports to ``XX``; every
``Reports to Senior Post`` and ``Reporting Senior Post`` names a senior post that exists; no
post reports to itself; no loops. Reference ``0`` (paid but not in post) is left out and
reported.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Problems, Report, decode_text, finish, read_bytes
from orgraph.model import Organisation

__all__ = ["SENIOR_GRADES", "is_organogram", "junior_file_for", "read_organogram"]

#: Grades the senior-post template lists (others are reported, not refused).
SENIOR_GRADES = ("SCS4", "SCS3", "SCS2", "SCS1A", "SCS1", "OF-9", "OF-8", "OF-7", "OF-6")
#: Senior columns: normalised header → attribute (None: used for the structure).
_SENIOR = {
    "postuniquereference": None,
    "name": None,
    "gradeorequivalent": "grade",
    "grade": "grade",
    "jobtitle": None,
    "jobteamfunction": "function",
    "parentdepartment": "parent_department",
    "organisation": "organisation",
    "unit": "unit",
    "contactphone": "contact_phone",
    "contactemail": "contact_email",
    "reportstoseniorpost": None,
    "salarycostofreports": "salary_cost_of_reports",
    "fte": None,
    "actualpayfloor": "pay_floor",
    "actualpayceiling": "pay_ceiling",
    "totalpay": "total_pay",
    "professionaloccupationalgroup": "profession",
    "notes": "notes",
    "valid": None,
}
_SENIOR_REQUIRED = ("postuniquereference", "name", "jobtitle", "reportstoseniorpost")
_JUNIOR_REQUIRED = ("reportingseniorpost", "numberofpostsinfte")
_SHARE_IGNORES = {"name", "contactphone", "contactemail", "notes", "fte", "actualpayfloor",
                  "actualpayceiling", "totalpay", "valid"}
_REF = re.compile(r"[0-9A-Za-z-]+")


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("£", ""))


def _rows(path: Path, encoding: str | None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    filename = str(path)
    text = decode_text(read_bytes(path), filename, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, [c.strip() for c in row]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ChartError([Problem(filename, f"cannot parse the CSV: {exc}; check the quoting",
                                  line=start)]) from None
    if not rows:
        raise ChartError([Problem(filename, "the file is empty")])
    (_, header), body = rows[0], rows[1:]
    return [_norm(h) for h in header], [(n, r) for n, r in body if any(r)]


def is_organogram(first_line: str) -> bool:
    """Whether a CSV header is an organogram's (senior or junior file).

    Examples
    --------
    >>> is_organogram("Post Unique Reference,Name,Grade (or equivalent)")
    True
    >>> is_organogram("id,parent")
    False
    """
    have = {_norm(h) for h in next(csv.reader([first_line]), [])}
    return "postuniquereference" in have or "reportingseniorpost" in have


def junior_file_for(senior: str | Path) -> Path | None:
    """The junior-post file beside a senior-post file (``senior`` → ``junior`` in the name).

    Examples
    --------
    >>> junior_file_for("tests/data/organogram-senior.csv")
    PosixPath('tests/data/organogram-junior.csv')
    """
    senior = Path(senior)
    name = re.sub("senior", "junior", senior.name, flags=re.IGNORECASE)
    name = re.sub("SENIOR", "JUNIOR", name)
    candidate = senior.with_name(name)
    return candidate if name != senior.name and candidate.exists() else None


def _cells(header: list[str], row: list[str]) -> dict[str, str]:
    return {h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}


def _number(text: str) -> float | int:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() and "." not in text else value


def read_organogram(path: str | Path, *, junior: str | Path | None = None,
                    encoding: str | None = None, report: Report | None = None) -> Organisation:
    """Read a senior-post organogram CSV and its junior-post CSV.

    Parameters
    ----------
    path : str or Path
        The senior-post file.
    junior : str or Path, optional
        The junior-post file; by default the file of the same name with ``junior`` for
        ``senior``, if there is one.
    encoding : str, optional
        Text encoding of both files (UTF-8 by default).
    report : Report, optional
        Collects what was left out (eliminated posts, reference 0) and decided.

    Examples
    --------
    >>> org = read_organogram("tests/data/organogram-senior.csv")
    >>> top = org.graph["top_post"]
    >>> org.nodes[top]["label"], org.kind(top).value
    ('Permanent Secretary', 'cao')
    """
    path = Path(path)
    filename = str(path)
    report = report if report is not None else Report(filename)
    header, rows = _rows(path, encoding)
    problems = Problems(filename)
    if "reportingseniorpost" in header and "postuniquereference" not in header:
        raise ChartError([Problem(filename, "this is a junior-post file; read the senior-post "
                                            "file (its junior file is found beside it, or "
                                            "give it with --junior)")])
    missing = [h for h in _SENIOR_REQUIRED if h not in header]
    if missing:
        raise ChartError([Problem(filename, "no column " + ", ".join(repr(m) for m in missing)
                                  + " in the header; a senior-post organogram has Post Unique "
                                    "Reference, Name, Job Title, Reports to Senior Post, ...",
                                  line=1)])
    org = Organisation()
    lines: dict[str, int | None] = {}
    reports_to: dict[str, str] = {}
    shares: dict[str, dict[str, str]] = {}
    eliminated: set[str] = set()
    not_in_post = 0
    odd_grades: set[str] = set()
    for line, row in rows:
        cell = _cells(header, row)
        ref, name, title = cell["postuniquereference"], cell["name"], cell["jobtitle"]
        boss = cell["reportstoseniorpost"]
        if not ref:
            problems.add("'Post Unique Reference' is empty; give the post its reference "
                         "(0 for someone paid but not in post)", line)
            continue
        if ref == "0":
            not_in_post += 1
            continue
        if ref.upper() == "XX":
            problems.add("'Post Unique Reference' cannot be 'XX' (XX marks the top post in "
                         "'Reports to Senior Post')", line, ref)
            continue
        if not _REF.fullmatch(ref):
            problems.add(f"'Post Unique Reference' {ref!r} may hold only letters, digits and "
                         "'-' (no spaces or punctuation)", line, ref)
            continue
        if name.lower() == "eliminated":
            eliminated.add(ref)
            continue
        if not name:
            problems.add("'Name' is empty; write the name, 'N/D' (not disclosed), 'Vacant' or "
                         "'Eliminated'", line, ref)
        if not title or title.upper() == "N/D":
            problems.add("'Job Title' cannot be blank or 'N/D'; give the post's title",
                         line, ref)
        if not boss:
            problems.add("'Reports to Senior Post' is empty; give the reference of the post it "
                         "reports to, or 'XX' for the top post", line, ref)
        fte: float | int | None = None
        if cell.get("fte"):
            try:
                fte = _number(cell["fte"])
            except ValueError:
                problems.add(f"'FTE' is {cell['fte']!r}; write a number such as 1 or 0.5",
                             line, ref)
        if ref in org:
            same = {k: v for k, v in cell.items() if k not in _SHARE_IGNORES}
            if same == shares[ref]:
                data = org.nodes[ref]
                data["job_share"] = True
                if fte is not None:
                    data["fte"] = round(data.get("fte", 0) + fte, 4)
                if name and name.upper() not in ("N/D", "VACANT"):
                    data.setdefault("holders", []).append(name)
                continue
            problems.add(f"'Post Unique Reference' {ref!r} is used twice (first on line "
                         f"{lines[ref]}); two rows share one only for a job share, identical "
                         "save name, contact, pay, notes and FTE", line, ref)
            continue
        shares[ref] = {k: v for k, v in cell.items() if k not in _SHARE_IGNORES}
        attrs: dict[str, Any] = {"label": title or ref}
        if name.lower() == "vacant":
            attrs["vacant"] = True
        elif name and name.upper() != "N/D":
            attrs["holders"] = [name]
        if fte is not None:
            attrs["fte"] = fte
        for key, value in cell.items():
            target = _SENIOR.get(key, key)
            if target and value and target not in attrs:
                attrs[target] = value
        grade = cell.get("gradeorequivalent") or cell.get("grade") or ""
        if grade and grade.upper() not in SENIOR_GRADES:
            odd_grades.add(grade)
        org.add_node(ref, kind="executive", role="other", acts_for_cao=False, **attrs)
        lines[ref] = line
        reports_to[ref] = boss
    tops = [r for r, b in reports_to.items() if b.upper() == "XX"]
    if len(tops) != 1:
        where = ", ".join(f"{t} (line {lines[t]})" for t in tops)
        problems.add("no post reports to 'XX'; mark the top post with 'XX' in 'Reports to "
                     "Senior Post'" if not tops else
                     f"{len(tops)} posts report to 'XX' ({where}); exactly one post is the top")
    for ref, boss in reports_to.items():
        if not boss or boss.upper() == "XX":
            continue
        if boss == ref:
            problems.add("reports to itself; name the post it reports to", lines[ref], ref)
        elif boss in eliminated:
            problems.add(f"reports to post {boss!r}, which is 'Eliminated'; name the post it "
                         "reports to now", lines[ref], ref)
        elif boss not in org:
            problems.add(f"reports to unknown senior post {boss!r}; fix the reference or add "
                         "that post", lines[ref], ref)
        else:
            org.add_edge(boss, ref, relation="line")
    if len(tops) == 1:
        org.nodes[tops[0]]["kind"] = "cao"
        for key in ("role", "acts_for_cao"):
            del org.nodes[tops[0]][key]
        org.graph["name"] = org.nodes[tops[0]].get("organisation") or path.stem
        org.graph["top_post"] = tops[0]
    _unreachable(org, tops, lines, problems)
    junior_path = Path(junior) if junior is not None else junior_file_for(path)
    if junior_path is not None:
        if junior is None:
            report.note(f"junior posts read from {junior_path}")
        _read_junior(org, junior_path, encoding, eliminated, problems)
    else:
        report.note("no junior-post file beside it: only senior posts read "
                    "(give one with --junior)")
    if eliminated:
        report.drop(f"{len(eliminated)} eliminated post(s) ({', '.join(sorted(eliminated))}): "
                    "the format marks posts that no longer exist")
    if not_in_post:
        report.drop(f"{not_in_post} row(s) with Post Unique Reference 0: people paid but not "
                    "in a post have no place in the structure")
    if odd_grades:
        report.note(f"grades outside the senior list ({', '.join(sorted(odd_grades))}) kept "
                    "as written")
    problems.raise_if_any()
    return finish(org, filename, problems, lines, name=org.graph.get("name"))


def _unreachable(org: Organisation, tops: list[str], lines: dict[str, int | None],
                 problems: Problems) -> None:
    """Posts whose chain upwards never reaches the top post: name each loop once."""
    if problems or len(tops) != 1:
        return
    reached = {tops[0]}
    stack = [tops[0]]
    while stack:
        for child in org.succ[stack.pop()]:
            if child not in reached:
                reached.add(child)
                stack.append(child)
    seen: set[str] = set()
    for node in org.nodes:
        if node in reached or node in seen:
            continue
        path = [node]
        seen.add(node)
        up = next(iter(org.pred[node]), None)
        while up is not None and up not in path and up not in reached:
            path.append(up)
            seen.add(up)
            up = next(iter(org.pred[up]), None)
        if up is not None and up in path:
            loop = path[path.index(up):]
            chain = " → ".join([*reversed(loop), loop[-1]])
            problems.add(f"reporting loop {chain}: these posts never reach the top post; one "
                         "of them must report elsewhere", lines.get(up), up)


def _read_junior(org: Organisation, path: Path, encoding: str | None, eliminated: set[str],
                 senior_problems: Problems) -> None:
    filename = str(path)
    header, rows = _rows(path, encoding)
    problems = Problems(filename)
    missing = [h for h in _JUNIOR_REQUIRED if h not in header]
    if missing:
        raise ChartError([*senior_problems.items, Problem(
            filename, "no column " + ", ".join(repr(m) for m in missing) + " in the header; a "
            "junior-post organogram has Reporting Senior Post, Grade, Generic Job Title, Number "
            "of Posts in FTE, ...", line=1)])
    groups: dict[str, dict[str, Any]] = {}
    for line, row in rows:
        cell = _cells(header, row)
        boss = cell["reportingseniorpost"]
        if not boss:
            problems.add("'Reporting Senior Post' is empty; give the senior post these posts "
                         "report to", line)
            continue
        if boss in eliminated:
            problems.add(f"reports to senior post {boss!r}, which is 'Eliminated'; name the "
                         "post it reports to now", line, boss)
            continue
        if boss not in org:
            problems.add(f"reports to unknown senior post {boss!r} (not in the senior-post "
                         "file); fix the reference", line, boss)
            continue
        try:
            fte = _number(cell["numberofpostsinfte"])
            if fte < 0:
                raise ValueError
        except ValueError:
            problems.add(f"'Number of Posts in FTE' is {cell['numberofpostsinfte']!r}; write "
                         "a number ≥ 0", line, boss)
            continue
        title = cell.get("genericjobtitle") or "post"
        grade = cell.get("grade", "")
        group = groups.setdefault(boss, {"fte": 0, "items": [], "line": line})
        group["fte"] = round(group["fte"] + fte, 4)
        group["items"].append(f"{title} ({grade}): {fte:g} FTE" if grade
                              else f"{title}: {fte:g} FTE")
    senior_problems.items.extend(problems.items)
    if problems:
        return
    for boss, group in groups.items():
        node = f"{boss}/junior"
        org.add_node(node, kind="unit_group", label=f"Junior posts ({group['fte']:g} FTE)",
                     count=len(group["items"]), items=group["items"], fte=group["fte"],
                     headcount=group["fte"], source=f"{path.name}, from line {group['line']}")
        org.add_edge(boss, node, relation="line")
