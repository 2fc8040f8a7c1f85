"""Cases over the committed graph, JSON and organogram inputs (registered in
:data:`tests.hostile.cases_files.CASES`)."""

from __future__ import annotations

from tests.hostile.case import ACCEPT, HANG, LOSS, REJECT, TYPE
from tests.hostile.cases_files import bad, either, fine, lossy, refused

__all__: list[str] = []

_CONTROL = r"(?i)control|escape|character|\\x1b|\\x00|nul"
_DIRECT = r"(?i)direct|--top"
#: A control character kept and shown escaped (``show``'s \x1b, JSON's \u001b): not lost.
_SHOWN = r"\\x1b|\\u001b"
_DUP = r"(?i)duplicate|twice|more than once|repeat"
_CYCLE = r"(?i)cycle|loop|itself"

# --- GraphML / yEd ---------------------------------------------------------------------------
fine("graphml/ok.graphml", ("validate", "render", "spans"))
lossy("graphml/nested-graph.graphml", r"(?i)nested|graph", out_must=r"b1(.|\n)*b2",
      commands=("validate", "show"))
lossy("graphml/yed-group.graphml", r"(?i)nested|group|graph",
      out_must=r"Inner one(.|\n)*Inner two", commands=("show",))
lossy("graphml/two-graphs.graphml", r"(?i)graph", out_must=r"\bb\b", commands=("show",))
bad("graphml/undeclared-edge.graphml", ACCEPT, r"ghost")
bad("graphml/dup-node.graphml", ACCEPT, _DUP)
bad("graphml/headcount-nan.graphml", ACCEPT, r"(?i)headcount")
bad("graphml/headcount-text.graphml", TYPE, r"(?i)headcount|forty")
bad("graphml/kind-unknown.graphml", ACCEPT, r"(?i)emperor|kind")
bad("graphml/relation-unknown.graphml", ACCEPT, r"(?i)marriage|relation")
bad("graphml/undirected.graphml", REJECT, _DIRECT)
bad("graphml/undeclared-key.graphml", TYPE, r"nokey")
bad("graphml/hyperedge.graphml", LOSS, r"(?i)hyperedge")
bad("graphml/cycle.graphml", ACCEPT, _CYCLE)
either("graphml/bad-type.graphml", TYPE, ("validate",))
for name in ("no-graph", "truncated", "not-xml", "empty"):
    refused(f"graphml/{name}.graphml")
either("graphml/billion-laughs.graphml", HANG, ("validate", "convert-json"))
either("graphml/xxe.graphml", ACCEPT, ("show", "convert-json"))
fine("graphml/inject-label.graphml", ("render", "render-dot", "html"), klass=ACCEPT)
lossy("graphml/ansi-label.graphml", _CONTROL, out_must=_SHOWN)
either("graphml/yed-empty-labels.graphml", TYPE, ("show",))

# --- GEXF ------------------------------------------------------------------------------------
fine("gexf/ok-1.2.gexf", ("validate", "render"))
fine("gexf/gephi-1.3.gexf", ("validate", "convert", "metrics"))
fine("gexf/gephi-1.3-attrs.gexf", ("validate", "spans"))
either("gexf/gexf-1.1.gexf", REJECT, ("validate",))
bad("gexf/undirected.gexf", REJECT, _DIRECT)
bad("gexf/undeclared-edge.gexf", ACCEPT, r"9")
bad("gexf/dup-node.gexf", ACCEPT, _DUP)
bad("gexf/headcount-nan.gexf", ACCEPT, r"(?i)headcount")
bad("gexf/kind-unknown.gexf", ACCEPT, r"(?i)emperor|kind")
bad("gexf/bad-attr-type.gexf", TYPE, r"(?i)headcount|lots")
bad("gexf/cycle.gexf", ACCEPT, _CYCLE)
either("gexf/dynamic.gexf", TYPE, ("show",))
for name in ("not-xml", "truncated", "empty"):
    refused(f"gexf/{name}.gexf")
fine("gexf/inject-label.gexf", ("render", "render-dot"), klass=ACCEPT)

# --- JSON: node-link -------------------------------------------------------------------------
fine("json/nodelink-ok.json", ("validate", "render", "compare"))
fine("json/utf16.json", ("validate",))
bad("json/nodelink-kind-object.json", TYPE, r"(?i)kind")
bad("json/nodelink-relation-list.json", TYPE, r"(?i)relation")
either("json/nodelink-relation-in-data.json", TYPE, ("validate", "convert"))
bad("json/nodelink-undeclared.json", ACCEPT, r"ghost")
bad("json/nodelink-id-object.json", TYPE, r"(?i)\bid\b")
bad("json/nodelink-id-list.json", TYPE, r"(?i)\bid\b")
bad("json/nodelink-id-null.json", TYPE, r"(?i)\bid\b")
either("json/nodelink-id-bool.json", TYPE, ("show",))
bad("json/nodelink-no-id.json", TYPE, r"(?i)\bid\b")
bad("json/nodelink-dup-node.json", ACCEPT, _DUP)
bad("json/nodelink-nodes-object.json", TYPE, r"(?i)nodes")
bad("json/nodelink-edges-string.json", TYPE, r"(?i)edges")
bad("json/nodelink-node-string.json", TYPE, r"(?i)node")
either("json/nodelink-multigraph.json", LOSS, ("show",))
bad("json/nodelink-undirected.json", REJECT, _DIRECT)
bad("json/nodelink-headcount-huge.json", TYPE, r"(?i)headcount")
bad("json/nodelink-nan.json", ACCEPT, r"(?i)headcount|fte|nan")
bad("json/nodelink-count-1e19.json", ACCEPT, r"(?i)count")
bad("json/nodelink-count-bool.json", ACCEPT, r"(?i)count")
bad("json/nodelink-seats-string.json", TYPE, r"(?i)seats")
either("json/nodelink-deep-attr-950.json", TYPE, ("validate", "convert"))
either("json/nodelink-deep-attr-100000.json", HANG, ("validate",))
bad("json/nodelink-dup-keys.json", ACCEPT, _DUP)
fine("json/nodelink-inject.json", ("render", "render-dot", "html"), klass=ACCEPT)
lossy("json/nodelink-ansi.json", _CONTROL, out_must=_SHOWN)
bad("json/nodelink-nul.json", ACCEPT, _CONTROL)
bad("json/nodelink-cycle.json", ACCEPT, _CYCLE)
either("json/nodelink-graph-attr-list.json", TYPE, ("validate",))
bad("json/big-exponent.json", ACCEPT, r"(?i)headcount")
bad("json/invalid-utf8.json", TYPE, r"(?i)utf|decod|byte|encoding")
for name in ("top-string", "top-number", "top-null", "empty-list", "empty-object", "empty",
             "truncated", "trailing-garbage", "comments"):
    refused(f"json/{name}.json")

# --- JSON: d3-org-chart, BALKAN, dabeng ------------------------------------------------------
fine("json/d3-ok.json", ("validate", "show"))
bad("json/d3-parent-object.json", TYPE, r"(?i)parent")
bad("json/d3-id-list.json", TYPE, r"(?i)\bid\b")
bad("json/d3-name-object.json", TYPE, r"(?i)name")
bad("json/d3-undeclared-parent.json", ACCEPT, r"99")
bad("json/d3-cycle.json", ACCEPT, _CYCLE)
bad("json/d3-dup-id.json", ACCEPT, _DUP)
bad("json/d3-mixed-items.json", TYPE, r"(?i)stray|item|record|object")
bad("json/d3-kind-list.json", TYPE, r"(?i)kind")
bad("json/d3-size-nan.json", ACCEPT, r"(?i)size|headcount|nan|inf")
fine("json/balkan-ok.json", ("validate", "spans"))
bad("json/balkan-tags-object.json", TYPE, r"(?i)tags")
bad("json/balkan-tags-nested.json", TYPE, r"(?i)tags")
either("json/balkan-pid-float.json", TYPE, ("show",))
bad("json/balkan-stpid-cycle.json", ACCEPT, _CYCLE)
bad("json/balkan-ppid-unknown.json", ACCEPT, r"99")
bad("json/balkan-nodes-string.json", TYPE, r"(?i)nodes")
fine("json/dabeng-ok.json", ("validate", "render"))
bad("json/dabeng-children-object.json", TYPE, r"(?i)children")
bad("json/dabeng-children-string.json", TYPE, r"(?i)children")
bad("json/dabeng-child-list.json", TYPE, r"(?i)child")
bad("json/dabeng-name-list.json", TYPE, r"(?i)name")
bad("json/dabeng-dup-ids.json", ACCEPT, _DUP)
bad("json/dabeng-id-object.json", TYPE, r"(?i)\bid\b")
either("json/dabeng-relationship-weird.json", TYPE, ("show",))
bad("json/tree-list-mixed.json", TYPE, r"(?i)stray|item|tree|object")

# --- UK organogram pairs ---------------------------------------------------------------------
def pair(stem: str, klass: str, must: str) -> None:
    """An organogram pair with a problem: strict refuses, lenient repairs and says so."""
    bad(f"organogram/{stem}-senior.csv", klass, must, names=f"{stem}-")


fine("organogram/ok-senior.csv", ("validate", "spans", "render"))
for stem in ("fte-nan", "fte-huge", "fte-negative", "fte-text"):
    pair(stem, ACCEPT, r"(?i)fte")
pair("junior-unknown-post", ACCEPT, r"NOPE")
pair("cycle", ACCEPT, _CYCLE)
either("organogram/dup-ref-senior.csv", ACCEPT, ("validate", "convert"))  # a job share
pair("nul", ACCEPT, _CONTROL)
pair("ragged", TYPE, r"(?i)field|column|cell|short|missing|empty")
pair("self-report", ACCEPT, _CYCLE + r"|PS1")
pair("junior-bad-header", LOSS, r"(?i)junior|column|header")
either("organogram/no-junior-senior.csv", TYPE, ("validate", "metrics"))
either("organogram/junior-empty-senior.csv", TYPE, ("metrics",))
lossy("organogram/ansi-senior.csv", _CONTROL, out_must=_SHOWN)
fine("organogram/inject-senior.csv", ("render", "html"), klass=ACCEPT)
fine("organogram/latin1-senior.csv", ("show",), args=("--encoding", "latin-1"))
lossy("organogram/latin1-senior.csv", r"(?i)utf|encod|decod|latin|byte")

# --- misc: the wrong thing behind a suffix ---------------------------------------------------
for path in ("misc/png-as-yaml.yaml", "misc/zip-as-csv.csv", "misc/not-a-zip.xlsx",
             "misc/truncated-zip.xlsx", "misc/yaml-as-json.json", "misc/json-as-dot.dot",
             "misc/gexf-as-graphml.graphml", "misc/graphml-as-gexf.gexf"):
    refused(path, klass=TYPE, command="metrics")
refused("misc/unknown.suffix", klass=TYPE, command="show")
refused("misc/unknown.suffix", klass=TYPE, command="convert")
