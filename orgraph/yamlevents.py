"""A YAML document built straight from the parser's events: no recursion, libyaml's speed.

PyYAML's composer and constructor recurse once per level of nesting and run in Python;
libyaml's composer (``CSafeLoader``) recurses in C and crashes the process on a document
nested 100,000 deep. The parser itself is a state machine in both, so this module pulls its
events (from libyaml when it is installed) and builds the :class:`~orgraph.yamlsafe.Mapping`
and :class:`~orgraph.yamlsafe.Sequence` values with an explicit stack: time linear in the
document, nesting checked before it grows, a 10 MB chart of 230,000 units read in seconds.

Scalars are resolved and constructed by the safe loader's own rules (the chart reader's
resolvers: no timestamps), so a document reads exactly as :class:`yaml.SafeLoader` reads it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from orgraph.errors import ChartError, Problem

__all__ = ["build_document"]

_PARSER: Any = getattr(yaml, "CSafeLoader", None)  # libyaml's parser (and more)
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
#: Scalars a chart may hold: text, numbers, booleans, null (not binary, dates or sets).
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool",
                                                              "null"))
_SKIP = object()  # the value of a key that was refused
#: A plain scalar that can only be text (what most of a chart's ids and kinds are), and the
#: words YAML 1.1 reads as something else (true, no, null, ...).
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_NOT_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


class _Builder:
    """The open collections of the document, innermost last."""

    def __init__(self, loader: Any, max_depth: int) -> None:
        self.loader = loader  # constructs scalars and collects their problems
        self.filename = loader.filename
        self.max_depth = max_depth
        self.stack: list[list[Any]] = []  # [collection, pending key, its line]
        self.result: Any = None

    def problem(self, message: str, line: int) -> None:
        self.loader.problems.append(Problem(self.filename, message, line=line))

    def open(self, event: Any, collection: Any) -> None:
        line = event.start_mark.line + 1
        if event.tag not in _COLLECTION_TAGS:
            raise ChartError([Problem(self.filename, f"the YAML tag {event.tag!r} is not "
                                                     "allowed in chart files; remove it",
                                      line=line)])
        if len(self.stack) >= self.max_depth:
            raise ChartError([Problem(
                self.filename,
                f"nested more than {self.max_depth} levels deep; write deep units at the top "
                "level of 'units:' with 'parent: <id>' instead of nesting them", line=line)])
        collection.line = line
        if isinstance(collection, dict):
            collection.key_lines = {}
        self.stack.append([collection, _SKIP, None])

    def close(self) -> None:
        collection = self.stack.pop()[0]
        self.place(collection, collection.line)

    def scalar(self, event: Any) -> None:
        value = event.value
        if event.tag is None and not event.style and _WORD.match(value) and \
                value.lower() not in _NOT_WORDS:  # text for sure: skip resolver and node
            self.place(value, event.start_mark.line + 1, scalar=True)
            return
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        line = event.start_mark.line + 1
        if tag not in _SCALAR_TAGS:
            raise ChartError([Problem(self.filename, f"the YAML tag {tag!r} is not allowed in "
                                                     "chart files (text, numbers, true/false "
                                                     "and null are); remove it", line=line)])
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        self.place(self.loader.yaml_constructors[tag](self.loader, node), line, scalar=True)

    def place(self, value: Any, line: int, scalar: bool = False) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        collection = top[0]
        if isinstance(collection, list):
            collection.append(value)
        elif top[1] is _SKIP and top[2] is None:  # a key
            self.key(top, value, line, scalar)
        else:
            key, top[1], top[2] = top[1], _SKIP, None
            if key is not _SKIP:
                collection[key] = value

    def key(self, top: list[Any], key: Any, line: int, scalar: bool) -> None:
        collection = top[0]
        top[2] = line
        if not scalar or not isinstance(key, str | int | float | bool) or key is None:
            self.problem("a mapping key must be plain text", line)
            return
        key = str(key)
        if key in collection:
            self.problem(f"duplicate key '{key}' (first on line {collection.key_lines[key]}); "
                         "a later value would silently replace the first: keep one", line)
            return
        collection.key_lines[key] = line
        top[1] = key


def build_document(text: str, loader: Any, mapping: type, sequence: type,
                   max_depth: int) -> Any:
    """The one document of ``text``, built from parser events without recursion.

    Parameters
    ----------
    text : str
        The YAML document.
    loader : yaml.SafeLoader
        A loader (of ``""``) whose ``construct_object`` and ``resolve`` give scalars their
        values, with ``filename`` and a ``problems`` list for what it finds.
    mapping, sequence : type
        The ``dict`` and ``list`` subclasses to build (with ``line`` attributes).
    max_depth : int
        The deepest nesting of collections accepted.

    Raises
    ------
    ChartError
        An alias, a tag on a collection, nesting deeper than ``max_depth``, a second
        document.
    yaml.YAMLError
        Not YAML (the parser's own error, with its mark).

    Examples
    --------
    >>> from orgraph.yamlsafe import Mapping, Sequence, _Loader
    >>> loader = _Loader("", "x.yaml")
    >>> doc = build_document("a: 1\\nb: [x, {c: 2.5}]\\n", loader, Mapping, Sequence, 10)
    >>> doc, doc.key_lines, doc["b"].line
    ({'a': 1, 'b': ['x', {'c': 2.5}]}, {'a': 1, 'b': 2}, 2)
    """
    parser = _PARSER(text) if _PARSER is not None else yaml.SafeLoader(text)
    builder = _Builder(loader, max_depth)
    documents = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.ScalarEvent):
                builder.scalar(event)
            elif isinstance(event, yaml.MappingStartEvent):
                builder.open(event, mapping())
            elif isinstance(event, yaml.SequenceStartEvent):
                builder.open(event, sequence())
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                builder.close()
            elif isinstance(event, yaml.AliasEvent):
                raise ChartError([Problem(
                    loader.filename,
                    f"YAML alias '*{event.anchor}' is not allowed in chart files (aliases can "
                    "blow a small file up into a huge one); write the value out",
                    line=event.start_mark.line + 1)])
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ChartError([Problem(loader.filename, "holds more than one YAML "
                                                               "document (---); keep one",
                                              line=event.start_mark.line + 1)])
            elif isinstance(event, yaml.StreamEndEvent):
                return builder.result
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
