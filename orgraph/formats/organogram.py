"""The UK government's open organogram data: a senior-post CSV and a junior-post CSV.

Published twice a year by every central government body (data.gov.uk; schemas in the
``datagovuk/schemas`` repository, rules in the Cabinet Office's organogram template and the
data.gov.uk converter). Headers are matched ignoring case and punctuation, so ``Grade (or
equivalent)`` and the 2011 spelling ``Grade`` both work.

Senior posts become nodes with line reporting (the top post, which reports to ``XX``, is the
``cao``; the others ``executive`` posts that are line managers). Junior posts become one
``unit_group`` under the senior post they report to: ``count`` is the number of junior-post
rows (one title and grade each), ``fte`` and ``headcount`` their total FTE, ``items`` the rows.

The format's own rules: a ``Post Unique Reference`` is present, not ``XX``, of letters,
digits and ``-`` only, and unique (rows that differ only in name, contact, pay, notes and FTE
are a job share and merge; columns the format does not have, such as the ``URI``,
``source_file`` and ``source_line`` of the data.gov.uk export, are not compared); ``Name`` is
not blank (``N/D`` = not disclosed, ``Vacant``, ``Eliminated`` = the post no longer exists
and is left out); ``Job Title`` is not blank or ``N/D``; exactly one post reports to ``XX``;
every ``Reports to Senior Post`` and ``Reporting Senior Post`` names a senior post that
exists; no post reports to itself; no loops. Reference ``0`` (paid but not in post) is left
out and reported.

Two readings (``strict``):

* **strict** refuses a file that breaks a rule, every breach a problem with its line, as the
  UK validator does (``orgraph validate``'s default);
* **lenient** (the default for analysis) keeps every record and reports each repair with its
  file, line and post (:attr:`orgraph.formats.Report.repairs`): a blank ``Name`` is read as
  ``N/D``; a blank or ``N/D`` title labels the post with its reference; a reference that is
  empty, ``XX`` or not of the allowed characters is kept if the chart format allows it and
  otherwise rewritten (the original in ``source_id``); a second row with a used reference
  that is no job share becomes a post of its own (``REF.2``, ``source_id`` the reference);
  several ``XX`` posts make a forest (each top a ``cao``); a post reporting to nothing,
  itself or an unknown reference becomes a top, one reporting to an ``Eliminated`` post
  reports to that post's own superior, and a loop is broken at its first post (each keeps
  its reference as written in ``source_reports_to``); an FTE that is no number is left out.
"""

from __future__ import annotations

import gc
import operator
import re
from pathlib import Path
from typing import Any

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import (
    ID_PATTERN,
    Report,
    normalise,
    safe_ids,
)
from orgraph.formats._organogram_csv import _rows, is_organogram, junior_file_for
from orgraph.formats._organogram_junior import add_junior
from orgraph.formats._organogram_rules import Links, Rules, break_loops, link_posts
from orgraph.limits import MAX_NUMBER
from orgraph.model import Organisation

__all__ = ["SENIOR_GRADES", "is_organogram", "junior_file_for", "read_organogram"]

#: Grades the senior-post template lists (others are reported, not refused).
SENIOR_GRADES = ("SCS4", "SCS3", "SCS2", "SCS1A", "SCS1", "OF-9", "OF-8", "OF-7", "OF-6")
#: Senior columns of the format: normalised header → attribute (None: used for structure).
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
#: Columns two rows of a job share may differ in.
_SHARE_IGNORES = {"name", "contactphone", "contactemail", "notes", "fte", "actualpayfloor",
                  "actualpayceiling", "totalpay", "valid"}
#: Attribute names the reader sets itself: another column of that name gets ``column_``.
_RESERVED = {"label", "kind", "role", "acts_for_cao", "holders", "vacant", "fte", "job_share",
             "count", "items", "headcount", "source", "source_id", "source_reports_to",
             "seats", "instructs", "note", "citations", "principle", "label_en",
             "standing_committee", "members", "dotted", "orders_from", "serves", "parent",
             "units", "id", "data"}
_REF = re.compile(r"[0-9A-Za-z-]+")
_REF_MATCH = _REF.fullmatch
_VALUE = operator.itemgetter(1)  # (column, cell) pairs with a cell
#: Names that are not a person's (upper case): not disclosed, vacant, no longer a post.
_SPECIAL_NAMES = frozenset({"N/D", "VACANT", "ELIMINATED"})
_MAX_TEXT = 5000  # the chart format's limit on a text


def _number(text: str) -> float | int:
    value = float(text.replace(",", ""))
    if not abs(value) <= MAX_NUMBER:  # NaN, inf, 1e400 and 10**19 are not numbers of posts
        raise ValueError(f"{text!r} is not a finite number up to {MAX_NUMBER:,}")
    return int(value) if value.is_integer() and "." not in text else value


def read_organogram(path: str | Path, *, junior: str | Path | None = None,
                    encoding: str | None = None, report: Report | None = None,
                    strict: bool = False) -> Organisation:
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
        Collects what was left out (eliminated posts, reference 0), decided, and repaired.
    strict : bool, default False
        Refuse a file that breaks the format's rules (as the UK validator does) instead of
        repairing it and reporting every repair in ``report.repairs``.

    Examples
    --------
    >>> org = read_organogram("tests/data/organogram-senior.csv")
    >>> top = org.graph["top_post"]
    >>> org.nodes[top]["label"], org.kind(top).value
    ('Permanent Secretary', 'cao')
    """
    # Millions of new dicts and lists set off the cyclic garbage collector again and again,
    # though none of them can form a cycle: pause it while the graph is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(Path(path), junior, encoding, report, strict)
    finally:
        if collecting:
            gc.enable()


def _read(path: Path, junior: str | Path | None, encoding: str | None, report: Report | None,
          strict: bool) -> Organisation:
    filename = str(path)
    report = report if report is not None else Report(filename)
    header, rows = _rows(path, encoding, report, strict)
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
    rules = Rules(filename, strict, report)
    posts = _Posts(header, rules)
    seen = 0
    for line, row in rows:
        posts.add(line, row)
        seen += 1
    if not posts.raw:
        why = "has no posts (" + (f"{seen} row(s), every one Eliminated or reference 0" if seen
                                  else "the header is its only line") + ")"
        if strict:
            raise ChartError([Problem(filename, why + ": there is no organisation to read")])
        report.repair(Problem(filename, why + ": read as an empty organisation (nothing to "
                                               "measure or draw); --strict refuses it"))
    org = posts.build(path)
    junior_path = Path(junior) if junior is not None else junior_file_for(path)
    if junior_path is not None:
        if junior is None:
            report.note(f"junior posts read from {junior_path}")
        junior_header, junior_rows = _rows(junior_path, encoding, report, strict)
        add_junior(org, junior_path, junior_header, junior_rows, posts.id_of,
                   posts.eliminated, rules)
    else:
        report.note("no junior-post file beside it: only senior posts read "
                    "(give one with --junior)")
    posts.report_left_out(report)
    _check_texts(org, rules, posts.line_of())
    rules.raise_if_any()
    order = {filename: 0, str(junior_path): 1}
    report.repairs.sort(key=lambda p: (order.get(p.file, 2), p.line or 0))
    # The chart rules hold by construction: known kinds and keys (other columns are
    # prefixed), one line superior per post and no loop (break_loops); only the length of
    # the texts (_check_texts) needed a look. The full check would re-prove it at 3x the cost.
    normalise(org, org.graph.get("name") or path.stem)
    return org


def _check_texts(org: Organisation, rules: Rules, lines: dict[str, int]) -> None:
    """The chart format's limit on a label's length; lenient: cut, and say so."""
    for node, data in org.nodes(data=True):
        label = data["label"]
        if len(label) > _MAX_TEXT:
            rules.breach(f"'Job Title' is {len(label)} characters long; the limit is "
                         f"{_MAX_TEXT}",
                         f"'Job Title' is {len(label)} characters long: the label is cut to "
                         f"{_MAX_TEXT} (the title kept whole in 'job_title')",
                         lines.get(node), node)
            data["job_title"], data["label"] = label, label[:_MAX_TEXT]


class _Posts:
    """The senior rows, read one by one, then linked into an organisation."""

    def __init__(self, header: list[str], rules: Rules) -> None:
        self.rules = rules
        col = {h: i for i, h in reversed(list(enumerate(header))) if h}
        self.i_ref, self.i_name = col["postuniquereference"], col["name"]
        self.i_title, self.i_boss = col["jobtitle"], col["reportstoseniorpost"]
        self.i_fte = col.get("fte")
        self.i_grade = col.get("gradeorequivalent", col.get("grade"))
        self.width = len(header)
        share_cols = [i for h, i in col.items() if h in _SENIOR and h not in _SHARE_IGNORES]
        self.share_of = operator.itemgetter(*share_cols)  # at least ref, title, boss
        self.senior_grades = set(SENIOR_GRADES)
        self.fte_cache: dict[str, float | int] = {}
        indices: list[int] = []
        names: list[str] = []
        for i, h in enumerate(header):
            target = _SENIOR.get(h, h) if h else f"column_{i + 1}"
            if target is None or target in names:
                continue
            indices.append(i)
            names.append(f"column_{target}" if target in _RESERVED else target)
        self.attr_names = tuple(names)
        self.attr_values = (operator.itemgetter(*indices) if len(indices) > 1 else
                            (lambda row: tuple(row[i] for i in indices)))
        self.raw: list[str] = []
        self.bosses: list[str] = []
        self.lines: list[int] = []
        self.attrs: list[dict[str, Any]] = []
        self.shares: list[Any] = []
        self.first: dict[str, int] = {}
        self.duplicates: list[int] = []
        self.eliminated: dict[str, str] = {}
        self.not_in_post = 0
        self.odd_grades: set[str] = set()
        self.id_of: dict[str, str] = {}

    def add(self, line: int, row: list[str]) -> None:
        """One senior row: a post, a job share's second holder, or a row left out.

        The hot path of the reader (a call per row): the rules are checked inline and only
        a row that breaks one, repeats a reference or has a new grade calls out.
        """
        if len(row) < self.width:
            row = row + [""] * (self.width - len(row))
        ref, name, title = row[self.i_ref], row[self.i_name], row[self.i_title]
        boss = row[self.i_boss]
        if ref == "0":
            self.not_in_post += 1
            return
        special = len(name) in (3, 6, 10) and name.upper() in _SPECIAL_NAMES
        if special and name.upper() == "ELIMINATED":
            self.eliminated.setdefault(ref, boss)
            return
        if _REF_MATCH(ref) is None or (len(ref) == 2 and ref.upper() == "XX"):
            self._check_ref(ref, line)
        no_title = not title or (len(title) == 3 and title.upper() == "N/D")
        if not name or no_title:
            self._check_name_and_title(name, title, line, ref)
        fte = self._fte(row, line, ref)
        share = self.share_of(row)
        first = self.first
        if ref in first:
            if self._repeated_reference(ref, share, name, fte, line):
                return
        elif ref:
            first[ref] = len(self.raw)
        else:
            self.duplicates.append(len(self.raw))  # an empty reference: an id of its own
        attrs: dict[str, Any] = {"kind": "executive", "role": "other", "acts_for_cao": False,
                                 "label": ref if no_title else title}
        if special and name.upper() == "VACANT":
            attrs["vacant"] = True
        elif name and not special:
            attrs["holders"] = [name]
        if fte is not None:
            attrs["fte"] = fte
        attrs.update(filter(_VALUE, zip(self.attr_names, self.attr_values(row), strict=True)))
        grade = row[self.i_grade] if self.i_grade is not None else ""
        if grade and grade not in self.senior_grades:
            self._new_grade(grade)
        self.raw.append(ref)
        self.bosses.append(boss)
        self.lines.append(line)
        self.attrs.append(attrs)
        self.shares.append(share)

    def _check_name_and_title(self, name: str, title: str, line: int, ref: str) -> None:
        """The rules of ``Name`` (not blank) and ``Job Title`` (not blank or ``N/D``)."""
        rules = self.rules
        if not name:
            rules.breach("'Name' is empty; write the name, 'N/D' (not disclosed), 'Vacant' or "
                         "'Eliminated'", "'Name' is empty: read as 'N/D' (not disclosed)",
                         line, ref or None)
        if not title or (len(title) == 3 and title.upper() == "N/D"):
            rules.breach("'Job Title' cannot be blank or 'N/D'; give the post's title",
                         f"'Job Title' is {title or 'blank'!r}: the post is labelled with its "
                         "reference", line, ref or None)

    def _repeated_reference(self, ref: str, share: Any, name: str, fte: float | int | None,
                            line: int) -> bool:
        """A row whose reference an earlier row has: a job share's second holder, merged
        into the first row (``True``), or a breach of the unique-reference rule, the row
        then a post of its own (``False``)."""
        k = self.first[ref]
        if share == self.shares[k]:
            self._merge(self.attrs[k], name, fte)
            return True
        self.rules.breach(f"'Post Unique Reference' {ref!r} is used twice (first on line "
                          f"{self.lines[k]}); two rows share one only for a job share, "
                          "identical save name, contact, pay, notes and FTE",
                          f"'Post Unique Reference' {ref!r} is used twice (first on line "
                          f"{self.lines[k]}) and the rows are no job share: read as a post of "
                          "its own", line, ref)
        self.duplicates.append(len(self.raw))
        return False

    def _new_grade(self, grade: str) -> None:
        """A grade not seen yet: a senior grade as spelt in this file, or an odd one."""
        if grade.upper() in SENIOR_GRADES:
            self.senior_grades.add(grade)
        else:
            self.odd_grades.add(grade)

    def _check_ref(self, ref: str, line: int) -> None:
        rules = self.rules
        if not ref:
            rules.breach("'Post Unique Reference' is empty; give the post its reference (0 for "
                         "someone paid but not in post)",
                         f"'Post Unique Reference' is empty: read as post 'line-{line}'", line)
        elif ref.upper() == "XX":
            rules.breach("'Post Unique Reference' cannot be 'XX' (XX marks the top post in "
                         "'Reports to Senior Post')",
                         "'Post Unique Reference' is 'XX', which marks the top post in "
                         "'Reports to Senior Post': kept as the post's id", line, ref)
        elif _REF.fullmatch(ref) is None:
            rule = (f"'Post Unique Reference' {ref!r} may hold only letters, digits and '-' "
                    "(no spaces or punctuation)")
            kept = ID_PATTERN.fullmatch(ref) is not None and len(ref) <= 200
            rules.breach(rule, rule + (": kept as written" if kept else
                                       ": rewritten, the reference kept in 'source_id'"),
                         line, ref)

    def _fte(self, row: list[str], line: int, ref: str) -> float | int | None:
        text = row[self.i_fte] if self.i_fte is not None else ""
        if not text:
            return None
        cached = self.fte_cache.get(text)
        if cached is not None:
            return cached
        try:
            value = self.fte_cache[text] = _number(text)
            return value
        except ValueError:
            self.rules.breach(f"'FTE' is {text!r}; write a number such as 1 or 0.5",
                              f"'FTE' is {text!r}, not a number: left out", line, ref or None)
            return None

    @staticmethod
    def _merge(data: dict[str, Any], name: str, fte: float | int | None) -> None:
        data["job_share"] = True
        if fte is not None:
            data["fte"] = round(data.get("fte", 0) + fte, 4)
        if name and name.upper() not in ("N/D", "VACANT"):
            data.setdefault("holders", []).append(name)

    def _ids(self) -> list[str]:
        """Node ids: the references, rewritten only where the chart format needs it."""
        rename = safe_ids([r for r in self.first])
        ids = [rename.get(r, r) for r in self.raw]
        self.id_of = {r: ids[k] for r, k in self.first.items()}
        if self.duplicates:
            taken = set(ids)
            for k in self.duplicates:
                ref = self.raw[k]
                base = rename.get(ref, ref) if ref else f"line-{self.lines[k]}"
                n, candidate = 2, base if not ref else f"{base}.2"
                while candidate in taken:
                    n += 1
                    candidate = f"{base}.{n}"
                taken.add(candidate)
                ids[k] = candidate
                self.attrs[k]["source_id"] = ref
        for ref in rename:
            self.attrs[self.first[ref]]["source_id"] = ref
        for k, attrs in enumerate(self.attrs):
            if not attrs["label"]:
                attrs["label"] = ids[k]
        return ids

    def build(self, path: Path) -> Organisation:
        """Link the posts (repairing or refusing breaches) into an organisation."""
        ids = self._ids()
        rules = self.rules
        index_of = self.first
        if any(len(r) == 2 and r.upper() == "XX" for r in index_of):  # 'XX' means the top
            index_of = {r: k for r, k in index_of.items() if r.upper() != "XX"}
            self.id_of = {r: i for r, i in self.id_of.items() if r.upper() != "XX"}
        links = link_posts(self.raw, self.bosses, self.lines, ids, index_of, self.eliminated,
                           rules)
        break_loops(links, self.raw, self.lines, ids, rules)
        _check_tops(links, ids, self.lines, rules)
        for k, boss in links.repaired.items():
            self.attrs[k]["source_reports_to"] = boss
        parent = links.parent
        org = _graph(ids, self.attrs, [(ids[p], ids[k]) for k, p in enumerate(parent) if p >= 0])
        roots = links.declared_tops or [k for k, p in enumerate(parent) if p < 0]
        for k in roots:
            data = org.nodes[ids[k]]
            data["kind"] = "cao"
            del data["role"], data["acts_for_cao"]
        if roots:
            org.graph["name"] = org.nodes[ids[roots[0]]].get("organisation") or path.stem
        if len(roots) == 1:
            org.graph["top_post"] = ids[roots[0]]
        elif roots:
            org.graph["top_posts"] = [ids[k] for k in roots]
        self.ids = ids
        return org

    def line_of(self) -> dict[str, int]:
        return dict(zip(self.ids, self.lines, strict=True))

    def report_left_out(self, report: Report) -> None:
        if self.eliminated:
            listed = ", ".join(sorted(self.eliminated))
            report.drop(f"{len(self.eliminated)} eliminated post(s) ({listed}): the format "
                        "marks posts that no longer exist")
        if self.not_in_post:
            report.drop(f"{self.not_in_post} row(s) with Post Unique Reference 0: people paid "
                        "but not in a post have no place in the structure")
        if self.odd_grades:
            report.note(f"grades outside the senior list ({', '.join(sorted(self.odd_grades))})"
                        " kept as written")


def _graph(ids: list[str], attrs: list[dict[str, Any]],
           edges: list[tuple[str, str]]) -> Organisation:
    """The organisation of these nodes (ids unique) and line edges (each node's one superior).

    Fills networkx's adjacency dicts directly, as ``add_nodes_from`` / ``add_edges_from``
    would (each node's attribute dict is its own, an edge's dict shared by its two ends)
    without their per-item copies and checks, which the reader has already made.
    """
    org = Organisation()
    node, succ, pred = org._node, org._succ, org._pred
    for n, data in zip(ids, attrs, strict=True):
        node[n] = data
        succ[n] = {}
        pred[n] = {}
    for u, v in edges:
        data = {"relation": "line"}
        succ[u][v] = data
        pred[v][u] = data
    return org


def _check_tops(links: Links, ids: list[str], lines: list[int], rules: Rules) -> None:
    """Exactly one post reports to 'XX' (strict); a lenient reading reads a forest."""
    tops = links.declared_tops
    if len(tops) == 1 or not ids:  # no posts at all is reported once, by the reader
        return
    if not tops:
        roots = [k for k, p in enumerate(links.parent) if p < 0]
        listed = ", ".join(ids[k] for k in roots[:10]) + (", ..." if len(roots) > 10 else "")
        rules.breach("no post reports to 'XX'; mark the top post with 'XX' in 'Reports to "
                     "Senior Post'",
                     "no post reports to 'XX' (the top post's mark): the posts without a "
                     f"superior are the tops ({listed or 'none'})")
        return
    where = ", ".join(f"{ids[t]} (line {lines[t]})" for t in tops)
    rules.breach(f"{len(tops)} posts report to 'XX' ({where}); exactly one post is the top",
                 f"{len(tops)} posts report to 'XX' ({where}): read as a forest of "
                 f"{len(tops)} trees, each top a 'cao'")
