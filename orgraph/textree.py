"""The organisation as a text tree (``orgraph show``)."""

from __future__ import annotations

from collections.abc import Iterator

from orgraph.model import Kind, Organisation, Relation

__all__ = ["text_tree"]

#: Edges that place a node under another in the tree; the rest are listed after it.
_TREE_RELATIONS = {Relation.LINE.value, Relation.STAFF.value, Relation.DELEGATION.value}
_MARK = {Relation.STAFF.value: "(stab) ", Relation.DELEGATION.value: ""}


def _describe(org: Organisation, node: str, lang: str) -> str:
    data = org.nodes[node]
    text = f"{org.label(node, lang)} [{data['kind']}"
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
    reporting, membership, orders and services are listed after it.

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
    yield org.graph.get("name") or "(unnamed organisation)"
    seen: set[str] = set()

    def walk(node: str, rel: str | None, prefix: str, last: bool) -> Iterator[str]:
        branch = "└── " if last else "├── "
        mark = _MARK.get(rel or "", "")
        if node in seen:  # a cycle; validation reports it, the tree must still end
            yield f"{prefix}{branch}{mark}{org.label(node, lang)} (cycle)"
            return
        seen.add(node)
        yield f"{prefix}{branch}{mark}{_describe(org, node, lang)}"
        kids = children[node]
        for i, (kid, kid_rel) in enumerate(kids):
            yield from walk(kid, kid_rel, prefix + ("    " if last else "│   "),
                            i == len(kids) - 1)

    roots = [n for n in org if n not in has_parent]
    for i, root in enumerate(roots):
        yield from walk(root, None, "", i == len(roots) - 1)
    if others:
        yield "Other relations:"
        for u, v, rel in others:
            yield f"  {org.label(u, lang)} --{rel}--> {org.label(v, lang)}"
