"""A safe YAML reader that keeps line numbers and refuses aliases and duplicate keys."""

from __future__ import annotations

import re
from typing import Any

import yaml

from orgraph.errors import ChartError, Problem
from orgraph.limits import Limits, current, how_to_raise
from orgraph.yamlevents import build_document

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Mapping", "Sequence", "line_of", "parse_yaml"]

#: Largest chart file accepted by default (bytes): the ``chart_bytes`` limit of
#: :mod:`orgraph.limits`. Real charts are a few kB.
MAX_BYTES = Limits().chart_bytes
#: Deepest nesting of YAML mappings and lists accepted: a unit nested under its superior
#: takes two levels, so this allows about 60 levels of units (real charts have under 10).
#: Deeper documents would exhaust Python's stack in the parser and the checks.
MAX_DEPTH = 128
#: Characters no text in a chart may hold, even escaped ("\x07"): control characters and
#: unpaired surrogates break SVG, GraphML, GEXF and terminals (YAML's printable set).
_NOT_TEXT = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                       "\U00010000-\U0010FFFF]")


class Mapping(dict):  # type: ignore[type-arg]
    """A ``dict`` that remembers the YAML line it started on and the line of each key.

    Examples
    --------
    >>> data = parse_yaml("name: X\\nunits:\\n  - a\\n", "f.yaml")
    >>> type(data).__name__, data.line, data.key_lines
    ('Mapping', 1, {'name': 1, 'units': 2})
    """

    line: int | None = None
    key_lines: dict[str, int]


class Sequence(list):  # type: ignore[type-arg]
    """A ``list`` that remembers the YAML line it started on.

    Examples
    --------
    >>> units = parse_yaml("name: X\\nunits:\\n  - a\\n  - b\\n", "f.yaml")["units"]
    >>> type(units).__name__, units, units.line
    ('Sequence', ['a', 'b'], 3)
    """

    line: int | None = None


class _Loader(yaml.SafeLoader):
    """SafeLoader with line numbers, no aliases, no timestamps, and duplicate-key checks."""

    def __init__(self, stream: str, filename: str) -> None:
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ChartError([Problem(
                self.filename,
                f"YAML alias '*{event.anchor}' is not allowed in chart files "
                "(aliases can blow a small file up into a huge one); write the value out",
                line=event.start_mark.line + 1)])
        if self.depth >= MAX_DEPTH:
            raise ChartError([Problem(
                self.filename,
                f"nested more than {MAX_DEPTH} levels deep; write deep units at the top level "
                "of 'units:' with 'parent: <id>' instead of nesting them",
                line=self.peek_event().start_mark.line + 1)])
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_scalar(self, node: Any) -> Any:
        value = super().construct_scalar(node)
        found = _NOT_TEXT.search(value) if isinstance(value, str) else None
        if found is not None:
            code = ord(found.group())
            what = "half of a surrogate pair" if 0xD800 <= code <= 0xDFFF else \
                "a control character"
            self.problems.append(Problem(
                self.filename,
                f"text holds the character U+{code:04X} ({what}), which no chart text may "
                "hold: it breaks SVG, GraphML and terminals; remove it",
                line=node.start_mark.line + 1))
        return value

    def construct_mapping(self, node: Any, deep: bool = False) -> Mapping:
        result = Mapping()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                self.problems.append(Problem(self.filename, "a mapping key must be plain text",
                                             line=key_node.start_mark.line + 1))
                continue
            key = str(key)
            if key in result:
                self.problems.append(Problem(
                    self.filename,
                    f"duplicate key '{key}' (first on line {result.key_lines[key]}); "
                    "a later value would silently replace the first: keep one",
                    line=key_node.start_mark.line + 1))
                continue
            result.key_lines[key] = key_node.start_mark.line + 1
            result[key] = self.construct_object(value_node, deep=True)
        return result

    def construct_sequence(self, node: Any, deep: bool = False) -> Sequence:
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        return result


# Dates stay strings ("2002-06-20"): a chart's date is a label, not a datetime.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def parse_yaml(data: bytes | str, filename: str = "<string>") -> Any:
    """Parse one YAML document safely, with line numbers on every mapping and sequence.

    Parameters
    ----------
    data : bytes or str
        The document; bytes must be UTF-8.
    filename : str
        Named in every error message.

    Returns
    -------
    object
        :class:`Mapping`, :class:`Sequence` or a scalar.

    Raises
    ------
    ChartError
        Empty, too large, not UTF-8, not YAML, aliases, duplicate keys, nesting deeper than
        :data:`MAX_DEPTH`, or control characters in text.

    Examples
    --------
    >>> doc = parse_yaml("a: 1\\nb:\\n  - x\\n")
    >>> doc["b"], doc.line, doc.key_lines["b"]
    (['x'], 1, 2)
    >>> parse_yaml("a: &x 1\\nb: *x\\n", "f.yaml")
    Traceback (most recent call last):
    ...
    orgraph.errors.ChartError: f.yaml:2: YAML alias '*x' is not allowed in chart files ...
    """
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    limit = current().chart_bytes
    if size > limit:
        raise ChartError([Problem(filename, f"the file is {size:,} bytes; chart files are "
                                            f"limited to {limit:,} bytes "
                                            f"{how_to_raise('chart_bytes')}")])
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ChartError([Problem(filename, f"not UTF-8 (byte {exc.start}): save the file "
                                                "as UTF-8")]) from None
    if not data.strip() or all(not ln.strip() or ln.lstrip().startswith("#")
                               for ln in data.splitlines()):
        raise ChartError([Problem(filename, "the file is empty: a chart needs 'orgraph: 1', "
                                            "'organisation:' and 'units:'")])
    try:
        loader = _Loader("", filename)  # constructs the scalars, collects their problems
        doc = build_document(data, loader, Mapping, Sequence, MAX_DEPTH)
    except yaml.reader.ReaderError as exc:  # a raw NUL or other non-printable character
        line = data.count("\n", 0, exc.position) + 1
        raise ChartError([Problem(filename, f"not valid YAML: the file holds the character "
                                            f"U+{exc.character:04X}, which YAML does not "
                                            "allow; remove it", line=line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ChartError([Problem(filename, f"not valid YAML: {exc.problem or exc}",
                                  line=line)]) from None
    except yaml.YAMLError as exc:
        raise ChartError([Problem(filename, f"not valid YAML: {exc}")]) from None
    if loader.problems:
        raise ChartError(loader.problems)
    return doc


def line_of(doc: Any, path: list[Any]) -> int | None:
    """Return the YAML line of the value at ``path`` (keys and indexes), or the nearest parent's.

    Examples
    --------
    >>> doc = parse_yaml("a:\\n  - x: 1\\n    y: 2\\n")
    >>> line_of(doc, ["a", 0, "y"])
    3
    """
    best = getattr(doc, "line", None)
    node = doc
    for step in path:
        if isinstance(node, Mapping) and step in node:
            best = node.key_lines.get(step, best)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            break
        best = getattr(node, "line", None) or best
    return best
