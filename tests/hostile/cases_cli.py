"""Cases on options, output paths, special files and inputs made at run time (registered in
:data:`tests.hostile.cases_files.CASES`)."""

from __future__ import annotations

from tests.hostile.case import ACCEPT, HANG, LOSS, OUTPUT, TYPE, Case
from tests.hostile.cases_files import CASES, unsafe

__all__: list[str] = []

OK_CSV = "csv/ok.csv"
OK_YAML = "yaml/ok.yaml"


def option(path: str, command: str, args: tuple[str, ...], names: str,
           must: str | None = None, expect: str = "error", **kw) -> None:
    """A bad option value: a usage error naming the option or value, never a traceback."""
    CASES.append(Case(path, TYPE, command, expect, must=must, names=names, args=args, **kw))


# --- options ---------------------------------------------------------------------------------
option(OK_CSV, "show", ("--delimiter", ";;"), "--delimiter")
option(OK_CSV, "metrics", ("--delimiter", ""), "--delimiter")
option(OK_CSV, "validate", ("--delimiter", "\n"), "--delimiter")
option(OK_CSV, "show", ("--encoding", "bogus"), "bogus")
option(OK_CSV, "metrics", ("--encoding", "rot13"), "rot13")
option(OK_YAML, "validate", ("--encoding", "hex"), "hex")
option(OK_CSV, "convert", ("--encoding", "utf-32"), "ok.csv", expect="any")
option(OK_CSV, "show", ("--id-col", "nope"), "nope")
option(OK_CSV, "show", ("--parent-col", "nope"), "nope")
option(OK_CSV, "show", ("--name-col", ",,,"), "--name-col", expect="any")
option(OK_CSV, "show", ("--top", "ghost"), "ghost")
option(OK_CSV, "show", ("--from", "bogus"), "bogus")
option(OK_YAML, "show", ("--from", "csv"), "ok.yaml", expect="any")
option(OK_CSV, "show", ("--junior", "/nonexistent/junior.csv"), "junior.csv", expect="any")
option(OK_YAML, "render", ("--timeout", "nan"), "--timeout")
option(OK_YAML, "render", ("--timeout", "-1"), "--timeout")
option(OK_YAML, "render", ("--timeout", "inf"), "--timeout")
option(OK_YAML, "render", ("--timeout", "1e400"), "--timeout")
option(OK_YAML, "render", ("--dpi", "nan"), "--dpi")
option(OK_YAML, "render", ("--min-text", "nan"), "--min-text")
option(OK_YAML, "render", ("--min-text", "inf"), "--min-text")
option(OK_YAML, "render", ("--depth", "-1"), "--depth")
option(OK_YAML, "render", ("--depth", "99999999999999999999999"), "--depth", expect="any")
option(OK_YAML, "render", ("--page", "A9"), "A9")
option(OK_YAML, "render", ("--page", "A4,sideways"), "sideways")
option(OK_YAML, "render", ("--root", "ghost"), "ghost")
option(OK_YAML, "render", ("--show", "bogus"), "bogus")
option(OK_YAML, "render", ("--format", "bmp"), "bmp")
option(OK_YAML, "render", ("--lang", "xx"), "xx")
option(OK_YAML, "metrics", ("--lub", "maybe"), "maybe")
# --engine system without a system Graphviz: fail as asked, saying what to install.
NO_DOT = (("PATH", "{tmp}"),)
option(OK_YAML, "render", ("--engine", "system"), "", must=r"(?i)graphviz|dot", env=NO_DOT)
option(OK_YAML, "book", ("--engine", "system"), "", must=r"(?i)graphviz|dot", env=NO_DOT)
CASES.append(Case(OK_YAML, ACCEPT, "render", "ok", args=("--engine", "auto"), env=NO_DOT))

# transform: a step naming what is not there, a plan that is not a plan
CASES.append(Case(OK_YAML, TYPE, "transform", "error", names="ghost"))
CASES.append(Case(OK_YAML, TYPE, "raw", "error", names="ok.yaml",
                  args=("transform", "{in}", "--plan", "{in}", "-o", "{out}.yaml")))
CASES.append(Case(OK_YAML, TYPE, "raw", "error", names="--move",
                  args=("transform", "{in}", "--move", "::::", "-o", "{out}.yaml")))
CASES.append(Case("gen:deep-csv-100000.csv", HANG, "diff", "any"))

# --- output paths ----------------------------------------------------------------------------
for command, out in (("metrics", "-o"), ("spans", "-o"), ("compare", "-o")):
    CASES.append(Case(OK_YAML, OUTPUT, command, "any", names="missing",
                      args=(out, "{out}-missing/deeper/result.txt")))
    CASES.append(Case(OK_YAML, OUTPUT, command, "error", names="ok.yaml",
                      args=(out, "{in}/result.txt"), why="parent is a file"))
    CASES.append(Case(OK_YAML, OUTPUT, command, "error", names="/dev/full",
                      args=(out, "/dev/full")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "any", names="missing",
                  args=("convert", "{in}", "{out}-missing/deeper/x.json")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="ok.yaml",
                  args=("convert", "{in}", "{in}/x.json")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="/dev/full",
                  args=("convert", "{in}", "/dev/full", "--to", "json")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "any", names="missing",
                  args=("render", "{in}", "-o", "{out}-missing/deeper/x.svg")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="ok.yaml",
                  args=("render", "{in}", "-o", "{in}/x.svg")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="/dev/full",
                  args=("render", "{in}", "-o", "/dev/full", "--format", "svg")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="/",
                  args=("render", "{in}", "-o", "/", "--format", "svg")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="ok.yaml",
                  args=("render", "{in}", "--outdir", "{in}")))
CASES.append(Case(OK_YAML, OUTPUT, "raw", "error", names="ok.yaml",
                  args=("render", "{in}", "--book", "{in}/book/")))

# --- special files ---------------------------------------------------------------------------
for command in ("validate", "metrics"):
    CASES.append(Case("gen:fifo.csv", HANG, command, "error"))
CASES.append(Case("/dev/zero", HANG, "validate", "error", names="/dev/zero",
                  args=("--from", "csv")))
CASES.append(Case("/dev/zero", HANG, "metrics", "error", names="/dev/zero",
                  args=("--from", "yaml")))
CASES.append(Case("/dev/null", ACCEPT, "show", "error", names="/dev/null",
                  args=("--from", "json")))
CASES.append(Case("gen:folder.csv", TYPE, "validate", "error"))
CASES.append(Case("gen:loop.yaml", TYPE, "show", "error"))
CASES.append(Case("/nonexistent/file.yaml", TYPE, "metrics", "error", names="file.yaml"))

# --- big and deep inputs (made at run time) --------------------------------------------------
for name, commands in (
        ("deep-yaml-parent-230000.yaml", ("validate", "metrics")),
        ("deep-yaml-nested-230000.yaml", ("validate",)),
        ("deep-csv-100000.csv", ("metrics", "spans", "show", "convert-json", "render",
                                 "html", "book")),
        ("chain-100000.yaml", ("render", "render-dot", "html", "book")),
        ("wide-200000.csv", ("validate",)),
        ("long-cell.csv", ("show",)),
        ("many-rows-300000.csv", ("metrics",)),
        ("nodes-30000.dot", ("convert",)),
        ("deep-100000.json", ("validate",)),
        ("nested-graphs-3000.graphml", ("validate",)),
        ("big-label.csv", ("render", "html")),
        ("bomb-rows.xlsx", ("validate",)),
        ("bomb-strings.xlsx", ("validate",)),
        ("bomb-space.xlsx", ("validate",))):
    for command in commands:
        CASES.append(Case(f"gen:{name}", HANG, command, "any", out_not=unsafe(command)))
CASES.append(Case("gen:aggregate-50000.yaml", HANG, "render", "any", args=("--expand",)))
CASES.append(Case("gen:aggregate-50000.yaml", HANG, "html", "any", args=("--expand",)))
CASES.append(Case("gen:aggregate-50000.yaml", HANG, "metrics", "ok"))

# --- workbooks (made at run time) ------------------------------------------------------------
CASES.append(Case("gen:good.xlsx", ACCEPT, "show", "ok", out_must=r"Skole"))
CASES.append(Case("gen:two-sheets.xlsx", LOSS, "show", "warn", must=r"(?i)sheet"))
CASES.append(Case("gen:formula.xlsx", LOSS, "show", "warn", must=r"(?i)formula|cached",
                  out_must=r"Barnehage"))
