"""How many UK organogram pairs load leniently, how many strictly, and why the rest fail.

Run from the repository root::

    python3 scripts/survey_organograms.py                       # the March 2011 folder
    python3 scripts/survey_organograms.py DIR --markdown         # a table for the README

Every ``*-senior.csv`` in DIR is read with its junior file twice, strictly (the UK rules)
and leniently (orgraph's analysis default). Strict refusals are grouped by rule (the
message with references, numbers and quoted values blanked out), lenient repairs likewise;
a file that fails leniently is listed with its first problem, and anything that is not an
orgraph error (a traceback) is listed as a bug.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

from orgraph.errors import ChartError, Problem
from orgraph.formats import Report
from orgraph.formats.organogram import read_organogram

#: The March 2011 folder beside the checkout (``../shared/data``; a worktree one level deeper).
_ROOT = Path(__file__).resolve().parents[1]
DEFAULT = next((up / "shared" / "data" / "organograms-2011-03-31"
                for up in (_ROOT.parent, _ROOT.parent.parent)
                if (up / "shared" / "data" / "organograms-2011-03-31").is_dir()),
               _ROOT.parent / "shared" / "data" / "organograms-2011-03-31")


#: Quoted words of the messages that name a rule, not a record: kept.
_WORDS = {"XX", "Name", "N/D", "Vacant", "Eliminated", "Job Title", "Post Unique Reference",
          "Reports to Senior Post", "Reporting Senior Post", "FTE", "Number of Posts in FTE",
          "cao", "-", "source_id"}


def rule_of(problem: Problem) -> str:
    """A problem's message with its particulars blanked: the rule it stands for.

    Examples
    --------
    >>> rule_of(Problem("a.csv", "reports to unknown senior post 'Q9': read as a top post"))
    "reports to unknown senior post '…': read as a top post"
    >>> rule_of(Problem("a.csv", "3 posts report to 'XX' (A (line 2), B (line 9)); exactly"))
    "N posts report to 'XX' (…); exactly"
    """
    text = re.sub(r"'[^']*'", lambda m: m[0] if m[0][1:-1] in _WORDS else "'…'",
                  problem.message)
    text = re.sub(r"\([^()]*\(line [^;]*\)\)", "(…)", text)
    text = re.sub(r"\(line \d+\)|\(first on line \d+\)", "(line N)", text)
    text = re.sub(r"\b\d+(\.\d+)?\b", "N", text)
    text = re.sub(r"\(([A-Za-z0-9_.\-/]+, )+[^()]*\)", "(…)", text)
    return text


def survey(folder: Path) -> dict:
    """Read every pair of ``folder`` both ways; counts and grouped reasons."""
    seniors = sorted(folder.glob("*-senior.csv"))
    result = {"pairs": len(seniors), "strict_ok": 0, "lenient_ok": 0, "repairs": 0,
              "strict_rules": Counter(), "strict_files": Counter(), "repair_rules": Counter(),
              "repair_files": Counter(), "lenient_failures": [], "tracebacks": [],
              "empty": []}
    for senior in seniors:
        try:
            read_organogram(senior, strict=True)
            result["strict_ok"] += 1
        except ChartError as exc:
            rules = Counter(rule_of(p) for p in exc.problems)
            result["strict_rules"].update(rules)
            result["strict_files"].update(rules.keys())
        except Exception:
            result["tracebacks"].append((senior.name, "strict", traceback.format_exc()))
        report = Report(str(senior))
        try:
            org = read_organogram(senior, report=report)
            result["lenient_ok"] += 1
            if org.number_of_nodes() == 0:
                result["empty"].append(senior.name)
        except ChartError as exc:
            result["lenient_failures"].append((senior.name, str(exc.problems[0])))
        except Exception:
            result["tracebacks"].append((senior.name, "lenient", traceback.format_exc()))
        rules = Counter(rule_of(p) for p in report.repairs)
        result["repairs"] += len(report.repairs)
        result["repair_rules"].update(rules)
        result["repair_files"].update(rules.keys())
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def text_report(r: dict, markdown: bool = False) -> str:
    n, empty = r["pairs"], len(r["empty"])
    lines = [f"pairs: {n}, of which {empty} have no posts (a header and nothing else)",
             f"strict (UK rules): {r['strict_ok']} load ({_percent(r['strict_ok'], n)}), "
             f"{n - r['strict_ok']} refused",
             f"lenient (default): {r['lenient_ok']} load ({_percent(r['lenient_ok'], n)}; "
             f"{empty} of them empty), {r['repairs']} repairs reported",
             f"tracebacks: {len(r['tracebacks'])}"]
    if markdown:
        lines = [f"- {line}" for line in lines]
    lines.append("")
    lines.append("Why strict reading refuses (pairs refused for the rule, breaches in all):")
    lines += _rules(r["strict_rules"], r["strict_files"], markdown)
    lines.append("")
    lines.append("What lenient reading repairs (pairs, repairs):")
    lines += _rules(r["repair_rules"], r["repair_files"], markdown)
    if r["empty"]:
        lines += ["", "Pairs with no posts (strict refuses them, lenient reads them empty, "
                  "with a warning): " + ", ".join(r["empty"])]
    if r["lenient_failures"]:
        lines += ["", "Pairs lenient reading cannot load:"]
        lines += [f"  {name}: {why}" for name, why in r["lenient_failures"]]
    for name, how, trace in r["tracebacks"]:
        lines += ["", f"TRACEBACK {name} ({how}):", trace]
    return "\n".join(lines)


def _rules(rules: Counter, files: Counter, markdown: bool) -> list[str]:
    if markdown:
        out = ["", "| pairs | breaches | rule |", "|---:|---:|---|"]
        return out + [f"| {files[k]} | {v} | {k} |" for k, v in
                      sorted(rules.items(), key=lambda kv: (-files[kv[0]], -kv[1]))]
    return [f"  {files[k]:4d} {v:6d}  {k}" for k, v in
            sorted(rules.items(), key=lambda kv: (-files[kv[0]], -kv[1]))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--markdown", action="store_true", help="tables for the README")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder}: no such folder", file=sys.stderr)
        return 2
    result = survey(args.folder)
    print(text_report(result, args.markdown))
    return 1 if result["tracebacks"] or result["lenient_failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
