"""The senior rows of a UK organogram, read one by one and linked into an organisation.

:class:`Posts` checks each row against the format's rules (:mod:`orgraph.formats.organogram`
describes them), merges job shares and links the posts; the reader in
:mod:`orgraph.formats.organogram` feeds it and adds the junior posts.
"""

from __future__ import annotations

import operator
import re
from pathlib import Path
from typing import Any

from orgraph.formats._common import ID_PATTERN, Report, safe_ids
from orgraph.formats._organogram_rules import Links, Rules, break_loops, link_posts
from orgraph.limits import MAX_NUMBER
from orgraph.model import Organisation

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
