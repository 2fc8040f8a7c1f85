"""The organisation as a text tree (``orgraph show``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from orgraph.model import Kind, Organisation, Relation

__all__ = ["MAX_INDENT", "text_tree"]

#: Levels indented one step each; deeper lines keep that indent and say their level.
MAX_INDENT = 40

#: Edges that place a node under another in the tree; the rest are listed after it.
_TREE_RELATIONS = {Relation.LINE.value, Relation.STAFF.value, Relation.DELEGATION.value}
_MARK = {Relation.STAFF.value: "(stab) ", Relation.DELEGATION.value: ""}
#: Characters a terminal would act on (escape sequences, bell, line breaks) or cannot print.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` on one line with nothing a terminal would act on: controls become ``\\xNN``.

    >>> _printable("two\\nlines\\x1b[31m")
    'two lines\\\\x1b[31m'
    """
    return _UNPRINTABLE.sub(
        lambda m: " " if m.group() in "\t\n\r" else f"\\x{ord(m.group()):02x}", text)


def _label(org: Organisation, node: str, lang: str) -> str:
    return _printable(str(org.label(node, lang)))


def _describe(org: Organisation, node: str, lang: str) -> str:
    data = org.nodes[node]
    text = f"{_label(org, node, lang)} [{data['kind']}"
    if data["kind"] == Kind.UNIT_GROUP.value:
        text += f" ×{data.get('count')}"
    if data["kind"] == Kind.STAFF.value and data.get("instructs"):
        text += ", instructs"
    if data["kind"] == Kind.EXECUTIVE.value:
        text += f", {data.get('role', 'executive')}"
        text += ", acts for CAO" if data.get("acts_for_cao") else ", line manager"
    return text + "]"


def text_tree(org: Organisation, lang: str = "no") -> Iterator[str]:
    """Yield the lines of a text tree of the organisation.

    Line reporting, staff attachment and political delegation form the tree; dotted-line
    reporting, membership, orders and services are listed after it. Levels below
    :data:`MAX_INDENT` are not indented further but marked ``[level N]``, so a chain of
    100,000 units prints 100,000 short lines.

    Examples
    --------
    >>> from orgraph import load
    >>> for line in text_tree(load("examples/minimal.yaml")):
    ...     print(line)  # doctest: +ELLIPSIS
    Eksempel kommune
    ├── Kommunestyret [council]
    │   ├── Formannskapet [executive_committee]
    │   ├── Utvalg for helse [committee]
    │   └── Rådmann [cao]
    │       ├── (stab) Økonomi [staff, instructs]
    ...
    Other relations:
      Kommunalsjef --dotted--> Barnehager
    ...
    >>> chain = Organisation()
    >>> for i in range(MAX_INDENT + 2):
    ...     chain.add_unit(f"n{i}", kind="unit")
    ...     if i:
    ...         chain.add_relation(f"n{i - 1}", f"n{i}")
    >>> lines = list(text_tree(chain))
    >>> lines[-1].strip()
    '└── [level 42] n41 [unit]'
    >>> len(lines[-1]) == len(lines[-2])
    True
    """
    children: dict[str, list[tuple[str, str]]] = {n: [] for n in org}
    has_parent = set()
    others = []
    for u, v, rel in org.edges(data="relation"):
        if rel in _TREE_RELATIONS and v not in has_parent:
            children[u].append((v, rel))
            has_parent.add(v)
        else:
            others.append((u, v, rel))
    yield _printable(str(org.graph.get("name") or "(unnamed organisation)"))
    seen: set[str] = set()

    def walk(root: str, last_root: bool) -> Iterator[str]:
        # An explicit stack, not recursion: a chain of thousands of units must print too.
        # Below MAX_INDENT levels the indent stops growing and the line says its level, so
        # the output grows with the organisation, not with its depth squared.
        stack: list[tuple[str, str | None, str, bool, int]] = [(root, None, "", last_root, 1)]
        while stack:
            node, rel, prefix, last, level = stack.pop()
            branch = "└── " if last else "├── "
            mark = _MARK.get(rel or "", "")
            if level > MAX_INDENT:
                mark = f"[level {level}] {mark}"
            if node in seen:  # a cycle; validation reports it, the tree must still end
                yield f"{prefix}{branch}{mark}{_label(org, node, lang)} (cycle)"
                continue
            seen.add(node)
            yield f"{prefix}{branch}{mark}{_describe(org, node, lang)}"
            kids = children[node]
            below = prefix + ("    " if last else "│   ") if level < MAX_INDENT else prefix
            for i in reversed(range(len(kids))):
                stack.append((kids[i][0], kids[i][1], below, i == len(kids) - 1, level + 1))

    def below(start: str, reached: set[str]) -> None:
        todo = [start]
        while todo:
            cur = todo.pop()
            if cur not in reached:
                reached.add(cur)
                todo.extend(kid for kid, _ in children[cur])

    roots = [n for n in org if n not in has_parent]
    reached: set[str] = set()
    for root in roots:
        below(root, reached)
    # Nodes on a loop of tree edges have no root above them: show each loop from its first
    # node rather than leaving it out.
    for node in org:
        if node not in reached:
            roots.append(node)
            below(node, reached)
    for i, root in enumerate(roots):
        yield from walk(root, i == len(roots) - 1)
    if others:
        yield "Other relations:"
        for u, v, rel in others:
            yield f"  {_label(org, u, lang)} --{rel}--> {_label(org, v, lang)}"
