"""A small DOT parser: one regular-expression tokenizer and a loop, no recursion, linear time.

pydot's pyparsing grammar needs about 15 s of CPU for a 3,000-node file and grows faster
than the file; this reads the DOT language (https://graphviz.org/doc/info/lang.html) as far
as an organisation needs it, 30,000 nodes in well under a second. IDs are kept as written
(quotes and ``<...>`` included), as pydot gives them, for :func:`orgraph.formats.dot.unquote`.

Examples
--------
>>> dot = parse('strict digraph "Org" { node [shape=box]; a [label="A"]; a -> b -> c; }')
>>> dot.kind, dot.strict, dot.name, dot.nodes, [(u, v) for u, v, _ in dot.edges]
('digraph', True, '"Org"', [('a', {'label': '"A"'})], [('a', 'b'), ('b', 'c')])
>>> dot.defaults
[('node', {'shape': 'box'})]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

__all__ = ["DotError", "ParsedDot", "parse"]


class DotError(ValueError):
    """Not DOT; ``line`` says where."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class ParsedDot:
    """What a DOT file says, statement by statement (subgraphs flattened into it)."""

    kind: str = "digraph"
    strict: bool = False
    name: str | None = None
    graph_attrs: dict[str, str] = field(default_factory=dict)
    nodes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    #: ``(tail, head, attributes)``; an end that is a subgraph is ``None``.
    edges: list[tuple[str | None, str | None, dict[str, str]]] = field(default_factory=list)
    #: ``node [...]`` / ``edge [...]`` statements (and ``graph [...]`` in subgraphs).
    defaults: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    #: The attributes given in each subgraph (``label=...`` inside ``subgraph {}``).
    subgraph_attrs: list[dict[str, str]] = field(default_factory=list)
    graphs: int = 1


_TOKEN = re.compile(r'''
    (?P<space>[ \t\r\f\v]+|\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/|(?m:^\#[^\n]*))
  | (?P<quoted>"(?:[^"\\]|\\.)*")
  | (?P<edgeop>->|--)
  | (?P<id>[A-Za-z_\x80-\U0010ffff][A-Za-z_0-9\x80-\U0010ffff]*
          |-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))
  | (?P<html><)
  | (?P<punct>[{}\[\];,=:+])
''', re.VERBOSE | re.DOTALL)
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """``(kind, text, line)`` of every token; HTML strings are matched by nesting."""
    out: list[tuple[str, str, int]] = []
    pos, line, end = 0, 1, len(text)
    match = _TOKEN.match
    while pos < end:
        m = match(text, pos)
        if m is None:
            raise DotError(f"unexpected character {text[pos]!r}", line)
        kind = m.lastgroup or ""
        if kind == "html":
            stop = _html_end(text, pos, line)
            out.append(("id", text[pos:stop], line))
            line += text.count("\n", pos, stop)
            pos = stop
            continue
        value = m.group()
        if kind == "id" and value.lower() in _KEYWORDS:
            out.append(("kw", value.lower(), line))
        elif kind == "quoted":
            out.append(("id", value, line))
        elif kind not in ("space", "comment"):
            out.append((kind, value, line))
        line += value.count("\n")
        pos = m.end()
    return out


def _html_end(text: str, pos: int, line: int) -> int:
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "<":
            depth += 1
        elif text[i] == ">":
            depth -= 1
            if depth == 0:
                return i + 1
    raise DotError("an HTML string <...> is not closed", line)


class _Parser:
    """Statements from tokens with an explicit stack of open ``{`` (subgraphs)."""

    def __init__(self, tokens: list[tuple[str, str, int]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.dot = ParsedDot()

    def peek(self, ahead: int = 0) -> tuple[str, str, int]:
        k = self.pos + ahead
        last = self.tokens[-1][2] if self.tokens else 1
        return self.tokens[k] if k < len(self.tokens) else ("end", "", last)

    def take(self, kind: str, value: str | None = None) -> str:
        got = self.peek()
        if got[0] != kind or (value is not None and got[1] != value):
            wanted = value or kind
            shown = got[1] or "the end of the file"
            raise DotError(f"expected {wanted!r} but found {shown!r}", got[2])
        self.pos += 1
        return got[1]

    def ident(self) -> str:
        """An ID, with ``"a" + "b"`` concatenation."""
        text = self.take("id")
        while self.peek()[1] == "+" and self.peek(1)[0] == "id":
            self.pos += 1
            text = text[:-1] + self.take("id")[1:]
        return text

    def attr_lists(self) -> dict[str, str]:
        attrs: dict[str, str] = {}
        while self.peek()[1] == "[":
            self.pos += 1
            while self.peek()[1] != "]":
                key = self.ident()
                value = "true"
                if self.peek()[1] == "=":
                    self.pos += 1
                    value = self.ident()
                attrs[key] = value
                if self.peek()[1] in (",", ";"):
                    self.pos += 1
            self.pos += 1
        return attrs

    def node_id(self) -> str:
        name = self.ident()
        while self.peek()[1] == ":":  # a port and compass point: part of the endpoint
            self.pos += 1
            name += ":" + self.ident()
        return name

    def header(self) -> None:
        dot = self.dot
        if self.peek()[1] == "strict":
            self.pos += 1
            dot.strict = True
        kind = self.take("kw")
        if kind not in ("graph", "digraph"):
            raise DotError(f"expected 'graph' or 'digraph' but found {kind!r}", self.peek()[2])
        dot.kind = kind
        if self.peek()[0] == "id":
            dot.name = self.ident()
        self.take("punct", "{")

    def braces(self) -> dict[int, int]:
        """Each ``{`` token's index → its ``}``'s, in one pass."""
        pairs, open_ = {}, []
        for i, (kind, value, _) in enumerate(self.tokens):
            if kind == "punct" and value == "{":
                open_.append(i)
            elif kind == "punct" and value == "}" and open_:
                pairs[open_.pop()] = i
        return pairs

    def subgraph_span(self, pairs: dict[int, int]) -> tuple[int, int] | None:
        """``subgraph [ID] {`` or ``{`` at the cursor: the ``{`` and ``}`` indexes."""
        start = self.pos
        if self.peek()[1] == "subgraph":
            start += 1
            if start < len(self.tokens) and self.tokens[start][0] == "id":
                start += 1
        if start < len(self.tokens) and self.tokens[start][1] == "{" and start in pairs:
            return start, pairs[start]
        return None

    def statements(self) -> None:
        """The statements up to the graph's closing ``}``."""
        dot, pairs = self.dot, self.braces()
        scopes: list[dict[str, str]] = []  # the attributes of each open subgraph
        while True:
            kind, value, line = self.peek()
            if kind == "end":
                raise DotError("the graph is not closed with '}'", line)
            if value == "}":
                self.pos += 1
                if not scopes:
                    return
                dot.subgraph_attrs.append(scopes.pop())
            elif value == ";":
                self.pos += 1
            elif value in ("subgraph", "{"):
                span = self.subgraph_span(pairs)
                if span is None:
                    raise DotError("a subgraph needs a body in braces", line)
                following = self.tokens[span[1] + 1] if span[1] + 1 < len(self.tokens) else None
                if following is not None and following[0] == "edgeop":
                    self.pos = span[1] + 1
                    self.edge_chain(None, pairs)
                else:
                    self.pos = span[0] + 1
                    scopes.append({})
            elif kind == "kw" and value in ("graph", "node", "edge"):
                self.pos += 1
                attrs = self.attr_lists()
                if value == "graph":
                    (scopes[-1] if scopes else dot.graph_attrs).update(attrs)
                else:
                    dot.defaults.append((value, attrs))
            elif kind == "id" and self.peek(1)[1] == "=":
                key = self.ident()
                self.pos += 1
                (scopes[-1] if scopes else dot.graph_attrs)[key] = self.ident()
            elif kind == "id":
                name = self.node_id()
                if self.peek()[0] == "edgeop":
                    self.edge_chain(name, pairs)
                else:
                    dot.nodes.append((name, self.attr_lists()))
            else:
                raise DotError(f"unexpected {value!r}", line)

    def edge_chain(self, first: str | None, pairs: dict[int, int]) -> None:
        ends = [first]
        while self.peek()[0] == "edgeop":
            self.pos += 1
            span = self.subgraph_span(pairs)
            if span is not None:
                self.pos = span[1] + 1
                ends.append(None)
            else:
                ends.append(self.node_id())
        attrs = self.attr_lists()
        for tail, head in itertools.pairwise(ends):
            self.dot.edges.append((tail, head, dict(attrs)))


def parse(text: str) -> ParsedDot:
    """The first graph of a DOT text (``graphs`` counts them all).

    Raises
    ------
    DotError
        Not DOT, with the line.

    Examples
    --------
    >>> parse("digraph { a -> ")
    Traceback (most recent call last):
    ...
    orgraph.formats._dotparse.DotError: expected 'id' but found 'the end of the file'
    >>> parse("graph { a -- {b c} }").edges
    [('a', None, {})]
    >>> parse('digraph { a [label=<<b>x</b>>]; "b" -> a:p1:n }').nodes[0][1]
    {'label': '<<b>x</b>>'}
    """
    tokens = _tokens(text)
    if not tokens:
        raise DotError("no graph found", 1)
    parser = _Parser(tokens)
    parser.header()
    parser.statements()
    first = parser.dot
    while parser.pos < len(tokens):
        parser.dot = ParsedDot()
        parser.header()
        parser.statements()
        first.graphs += 1
    return first
