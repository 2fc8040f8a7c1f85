"""Cases over the committed inputs: YAML charts, tables, DOT, GraphML/yEd, GEXF, JSON, organograms.

Each input runs once or twice: ``validate`` (strict: a broken file must be refused) and, for
inputs an analysis should be able to read, a lenient command that must refuse cleanly or say
what it repaired (``warn``). The lenient commands rotate over show, metrics, spans, compare,
convert and render so every command meets every format.
"""

from __future__ import annotations

from itertools import cycle

from tests.hostile.case import ACCEPT, HANG, LOSS, REJECT, TYPE, Case

__all__ = ["CASES"]

_LENIENT = cycle(["metrics", "show", "spans", "compare", "convert", "convert-json",
                  "render-dot", "convert-graphml", "convert-gexf", "convert-csv",
                  "convert-dot", "diff"])
#: What an output must never hold: markup or DOT from a label, terminal escapes, a command's
#: output or a local file's text; by the kind of output a command writes.
_LEAKS = r"pwned|root:x:0:0"
UNSAFE = {"markup": r"<script>alert|<svg onload|" + _LEAKS,
          "dot": r'(?<!\\)"\];\s*evil|' + _LEAKS,
          "text": r"\x1b\[|" + _LEAKS, "data": _LEAKS}


def unsafe(command: str) -> str:
    """The :data:`UNSAFE` pattern for what ``command`` writes.

    Examples
    --------
    >>> unsafe("render-dot") == UNSAFE["dot"], unsafe("html") == UNSAFE["markup"]
    (True, True)
    """
    if command in ("render-dot", "convert-dot"):
        return UNSAFE["dot"]
    if command in ("render", "html", "book"):
        return UNSAFE["markup"]
    return UNSAFE["text"] if command in ("show", "metrics", "spans", "compare") else UNSAFE["data"]

CASES: list[Case] = []


_STRICT_TURN = cycle([True, False])


def bad(path: str, klass: str, must: str, **kw) -> None:
    """A file with a problem: strict ``validate`` refuses it, a lenient command refuses it or
    reports a repair matching ``must``. Files take turns (one run each keeps the corpus fast);
    ``both=True`` runs both."""
    both = kw.pop("both", False)
    strict = next(_STRICT_TURN)
    if strict or both:
        CASES.append(Case(path, klass, "validate", "error", **kw))
    if not strict or both:
        command = next(_LENIENT)
        CASES.append(Case(path, klass, command, "warn", must=must, out_not=unsafe(command),
                          **kw))


def refused(path: str, klass: str = ACCEPT, command: str = "validate", must: str | None = None,
            **kw) -> None:
    """A file no command can read: a clean refusal naming it."""
    CASES.append(Case(path, klass, command, "error", must=must, **kw))


def lossy(path: str, must: str, out_must: str | None = None, commands: tuple = ("show",),
          **kw) -> None:
    """Something a reader could drop: refusing, or keeping it, or a warning matching ``must``."""
    for command in commands:
        CASES.append(Case(path, LOSS, command, "warn", must=must, out_must=out_must,
                          out_not=unsafe(command), **kw))


def fine(path: str, commands: tuple = ("validate",), klass: str = REJECT, **kw) -> None:
    """A sound file every listed command must accept."""
    for command in commands:
        CASES.append(Case(path, klass, command, "ok", out_not=unsafe(command), **kw))


def either(path: str, klass: str, commands: tuple = ("validate",), **kw) -> None:
    """Read or refused, either is right; never a traceback, hang or leaked markup."""
    for command in commands:
        CASES.append(Case(path, klass, command, "any", out_not=unsafe(command), **kw))


_CONTROL = r"(?i)control|escape|character|\\x1b|\\x07|\\x00|nul"
_DIRECT = r"(?i)direct|--top"
#: A control character kept and shown escaped (``show``'s \x1b, JSON's \u001b): not lost.
_SHOWN = r"\\x1b|\\u001b"
_DUP = r"(?i)duplicate|twice|more than once|repeat"
_CYCLE = r"(?i)cycle|loop|itself"

# --- YAML charts -----------------------------------------------------------------------------
fine("yaml/ok.yaml", ("validate", "render", "html", "book"))
for name in ("kind-list", "kind-map", "kind-int"):
    bad(f"yaml/{name}.yaml", TYPE, r"(?i)kind")
for name in ("relation-list", "relation-map"):
    bad(f"yaml/{name}.yaml", TYPE, r"(?i)relation")
for name in ("count-inf", "count-1e30", "count-4000-digits", "count-1e19", "count-float",
             "count-zero", "count-cited-nan"):
    bad(f"yaml/{name}.yaml", TYPE if "digits" in name or "1e30" in name else ACCEPT,
        r"(?i)count")
for name in ("headcount-nan", "headcount-inf", "headcount-1e400", "headcount-negative",
             "headcount-bool", "headcount-string", "headcount-1e19"):
    bad(f"yaml/{name}.yaml", ACCEPT, r"(?i)headcount")
for name in ("seats-nan", "seats-bool", "seats-huge"):
    bad(f"yaml/{name}.yaml", ACCEPT, r"(?i)seats")
bad("yaml/inhabitants-inf.yaml", ACCEPT, r"(?i)inhabitants")
bad("yaml/model-year-huge.yaml", TYPE, r"(?i)model_introduced")
either("yaml/deep-attr-950.yaml", TYPE, ("validate", "convert-json", "convert"))
either("yaml/deep-attr-5000.yaml", TYPE, ("convert",))
for name in ("data-date", "data-binary", "data-set", "data-nonstring-keys", "data-nan"):
    either(f"yaml/{name}.yaml", TYPE, ("convert-json", "convert-graphml"))
either("yaml/billion-laughs.yaml", HANG, ("convert-json", "metrics"))
either("yaml/alias-cycle.yaml", HANG, ("convert-json",))
refused("yaml/python-tag.yaml", must=None)
for name in ("top-list", "top-scalar", "empty", "only-comments", "raw-nul", "version-2",
             "organisation-list", "node-string", "units-map", "units-string", "id-list",
             "id-null", "inject-id"):
    refused(f"yaml/{name}.yaml")
refused("yaml/tabs.yaml", must=r"tabs\.yaml:\d")
refused("yaml/unclosed.yaml", must=r"unclosed\.yaml:\d")
bad("yaml/invalid-utf8.yaml", TYPE, r"(?i)utf|decod|byte|encoding")
bad("yaml/nul-bytes.yaml", ACCEPT, _CONTROL)
bad("yaml/dup-keys.yaml", ACCEPT, _DUP)
bad("yaml/dup-top-keys.yaml", LOSS, _DUP)
bad("yaml/cycle-parent.yaml", ACCEPT, _CYCLE)
bad("yaml/self-parent.yaml", ACCEPT, _CYCLE)
bad("yaml/unknown-parent.yaml", ACCEPT, r"nobody")
bad("yaml/unknown-kind.yaml", ACCEPT, r"emperor")
bad("yaml/dup-id.yaml", ACCEPT, _DUP)
bad("yaml/parent-list.yaml", TYPE, r"(?i)parent")
bad("yaml/dotted-int.yaml", TYPE, r"(?i)dotted")
bad("yaml/dotted-map.yaml", TYPE, r"(?i)dotted")
bad("yaml/members-unknown.yaml", ACCEPT, r"ghost")
bad("yaml/items-string.yaml", TYPE, r"(?i)items")
bad("yaml/items-nested.yaml", TYPE, r"(?i)items")
bad("yaml/item-counts-huge.yaml", TYPE, r"(?i)item_counts|count")
bad("yaml/label-map.yaml", TYPE, r"(?i)label")
bad("yaml/group-under-unknown.yaml", ACCEPT, r"(?i)under|groups")
either("yaml/id-int.yaml", TYPE, ("validate", "convert-json"))
either("yaml/label-int.yaml", TYPE, ("validate", "render-dot"))
either("yaml/version-string.yaml", TYPE)
either("yaml/merge-key.yaml", TYPE, ("show",))
either("yaml/bidi-label.yaml", LOSS, ("show",))
either("yaml/long-id.yaml", HANG, ("validate", "render"))
either("yaml/cr-only.yaml", TYPE, ("validate",))
either("yaml/utf16.yaml", REJECT, ("show",))  # the format says UTF-8; YAML allows UTF-16
lossy("yaml/ansi-label.yaml", _CONTROL, out_must=_SHOWN,
      commands=("show", "convert-json"))
fine("yaml/inject-label.yaml", ("render", "render-dot", "html", "book", "convert-dot"),
     klass=ACCEPT)
lossy("yaml/tree-nested.yaml", r"(?i)name|label", commands=("validate", "show"))

# --- CSV / TSV -------------------------------------------------------------------------------
fine("csv/ok.csv", ("validate", "render", "spans", "compare"))
fine("csv/ok.tsv", ("validate", "show"))
fine("csv/semicolon.csv", ("show",))
fine("csv/id-case.csv", ("show",), out_must=None)
fine("csv/formula-injection.csv", ("show", "convert-csv"))
lossy("csv/dup-header.csv", r"(?i)duplicate|header|column", commands=("validate", "show"))
lossy("csv/dup-header-id.csv", r"(?i)duplicate|header|column", commands=("show",))
lossy("csv/many-parents-cols.csv", r"(?i)duplicate|header|column|reports_to")
lossy("csv/empty-header-cell.csv", r"(?i)empty|blank|header|column",
      commands=("validate", "metrics"))
lossy("csv/ragged-long.csv", r"(?i)extra|field|column|cell", commands=("validate", "show"))
lossy("csv/ragged-short.csv", r"(?i)missing|short|field|column|cell")
lossy("csv/latin1-as-utf8.csv", r"(?i)utf|encod|decod|latin|byte", commands=("show",))
lossy("csv/ansi-name.csv", _CONTROL, out_must=_SHOWN,
      commands=("show", "convert-json"))
bad("csv/nul-cell.csv", ACCEPT, _CONTROL)
bad("csv/nul-id.csv", ACCEPT, _CONTROL)
bad("csv/kind-json-object.csv", TYPE, r"(?i)kind")
bad("csv/kind-unknown.csv", ACCEPT, r"(?i)emperor|kind")
bad("csv/relation-unknown.csv", ACCEPT, r"(?i)marriage|relation")
for name in ("headcount-nan", "headcount-inf", "headcount-1e400", "headcount-4000-digits",
             "headcount-1e19", "headcount-negative", "headcount-text"):
    bad(f"csv/{name}.csv", TYPE if "digits" in name else ACCEPT, r"(?i)headcount")
bad("csv/fte-nan.csv", ACCEPT, r"(?i)fte|nan")
either("csv/fte-comma.csv", TYPE, ("metrics",))
bad("csv/count-inf.csv", ACCEPT, r"(?i)count")
bad("csv/count-1e19.csv", ACCEPT, r"(?i)count")
either("csv/bare-cr.csv", TYPE, ("validate", "show"))
either("csv/mixed-newlines.csv", TYPE, ("show",))
bad("csv/unclosed-quote.csv", TYPE, r"(?i)quote")
either("csv/quote-in-field.csv", TYPE, ("show",))
bad("csv/header-only.csv", ACCEPT, r"(?i)empty|no rows|no data|no record")
refused("csv/empty.csv")
refused("csv/blank-lines.csv")
refused("csv/binary.csv")
refused("csv/no-id-column.csv", must=r"(?i)column")
bad("csv/dup-id.csv", ACCEPT, _DUP)
bad("csv/cycle.csv", ACCEPT, _CYCLE)
bad("csv/self-loop.csv", ACCEPT, _CYCLE)
bad("csv/unknown-parent.csv", ACCEPT, r"9")
bad("csv/blank-id.csv", ACCEPT, r"(?i)blank|empty|id")
bad("csv/dotted-unknown.csv", ACCEPT, r"[98]")
either("csv/whitespace-ids.csv", TYPE, ("show",))
either("csv/numeric-ids-float.csv", TYPE, ("show",))
either("csv/profile-visio-missing.csv", TYPE, ("show",))
fine("csv/bom-utf16.csv", ("show",))
fine("csv/inject-name.csv", ("render", "render-dot", "html"), klass=ACCEPT)
refused("txt/no-suffix-data", klass=TYPE, command="show")
fine("txt/no-suffix-data", ("show",), args=("--from", "csv"))

# --- DOT -------------------------------------------------------------------------------------
fine("dot/ok.dot", ("validate", "render", "metrics"))
fine("dot/strict-digraph.dot", ("validate",))
fine("dot/unicode-ids.dot", ("show",))
fine("dot/edge-chain.dot", ("show",), out_must=r"d")
fine("dot/subgraph.dot", ("show",))
bad("dot/strict-undirected.dot", REJECT, _DIRECT)
fine("dot/strict-undirected.dot", ("validate", "metrics"), args=("--top", "a"))
bad("dot/undirected.dot", REJECT, _DIRECT)
fine("dot/undirected.dot", ("show",), args=("--top", "a"))
bad("dot/kind-list-attr.dot", TYPE, r"(?i)kind")
bad("dot/relation-html.dot", TYPE, r"(?i)relation")
bad("dot/relation-unknown.dot", ACCEPT, r"(?i)marriage|relation")
bad("dot/headcount-nan.dot", ACCEPT, r"(?i)headcount")
bad("dot/count-huge.dot", TYPE, r"(?i)count")
bad("dot/cycle.dot", ACCEPT, _CYCLE)
bad("dot/self-loop.dot", ACCEPT, _CYCLE)
lossy("dot/multi-edge.dot", r"(?i)duplicate|twice|more than once|repeated|edge",
      commands=("validate",))
lossy("dot/two-graphs.dot", r"(?i)graph", out_must=r"c(.|\n)*d", commands=("validate", "show"))
for name in ("syntax-error", "unterminated", "empty", "empty-graph", "attr-keyword-id"):
    refused(f"dot/{name}.dot")
fine("dot/inject-label.dot", ("render", "render-dot", "html"), klass=ACCEPT)
either("dot/html-label.dot", TYPE, ("render",))
lossy("dot/ansi-label.dot", _CONTROL, out_must=_SHOWN)
bad("dot/nul.dot", ACCEPT, _CONTROL)
either("dot/deep-subgraphs.dot", HANG, ("validate",))
either("dot/port-edges.dot", TYPE, ("show",))
