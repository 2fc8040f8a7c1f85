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
from pathlib import Path

from orgraph.errors import ChartError, Problem
from orgraph.formats._common import Report, normalise
from orgraph.formats._organogram_csv import _rows, is_organogram, junior_file_for
from orgraph.formats._organogram_junior import add_junior
from orgraph.formats._organogram_posts import _MAX_TEXT, _SENIOR_REQUIRED, SENIOR_GRADES, _Posts
from orgraph.formats._organogram_rules import Rules
from orgraph.model import Organisation

__all__ = ["SENIOR_GRADES", "is_organogram", "junior_file_for", "read_organogram"]

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
