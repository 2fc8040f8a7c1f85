"""yEd / yFiles GraphML: the names in ``y:NodeLabel``, and a report of the drawing left out.

yEd keeps what a box says in its graphics (``<data key=... yfiles.type="nodegraphics">``
holding a ``y:ShapeNode``, ``y:GenericNode``, a group's ``y:ProxyAutoBoundsNode``, ...), not
in a plain attribute. :func:`take_drawing` lifts the label texts out of the XML, removes the
graphics (geometry, shapes, colours, fonts, edge paths, arrows, resources, ports), and
counts what it removed per kind of thing, once each, for the conversion report. Group and
folder nodes keep their nested nodes (networkx reads nested graphs of groups only).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from orgraph.formats._common import strip_controls

__all__ = ["Drawing", "is_yed", "take_drawing"]

_TAGS = re.compile(r"<[^<>]*>")
_G = "{http://graphml.graphdrawing.org/xmlns}"
_Y = "{http://www.yworks.com/xml/graphml}"
_WHAT = {
    "geometry": "node geometry (y:Geometry: position and size)",
    "styles": "node styles (shape, fill, border, label fonts and placement)",
    "images": "node images and SVG pictures",
    "closed": "the closed view of group nodes (its own label and size)",
    "path": "edge geometry (y:Path: bends and ports)",
    "edge styles": "edge styles (line type and colour, arrows, label fonts)",
    "resources": "resources (y:Resources: images and pictures the drawing uses)",
    "ports": "ports (<port> and port graphics)",
    "nesting": "nesting in group nodes (the nodes are kept; being drawn inside a group is "
               "no reporting line)",
    "edge ids": "edge ids (the drawing's numbering of its edges)",
}


@dataclass
class Drawing:
    """What :func:`take_drawing` found: label texts by node / edge id, and what it removed."""

    node_labels: dict[str, str] = field(default_factory=dict)
    edge_labels: dict[str, str] = field(default_factory=dict)
    removed: Counter[str] = field(default_factory=Counter)
    #: The group node each node is drawn in, by node id (directly, not transitively).
    group_of: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """One report line per kind of thing removed, with how many."""
        return [f"{_WHAT[kind]} ({count}×)" for kind, count in self.removed.items()]


def is_yed(root: Element) -> bool:
    """Whether a GraphML document uses yFiles extensions (``yfiles.type`` keys)."""
    return any("yfiles.type" in k.attrib for k in root.iter(f"{_G}key"))


def take_drawing(root: Element) -> Drawing:
    """Lift labels out of a yEd document and remove its graphics, in place.

    Examples
    --------
    >>> from xml.etree import ElementTree as ET
    >>> root = ET.fromstring(
    ...     '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    ...     'xmlns:y="http://www.yworks.com/xml/graphml">'
    ...     '<key for="node" id="d6" yfiles.type="nodegraphics"/>'
    ...     '<graph edgedefault="directed"><node id="n0"><data key="d6"><y:ShapeNode>'
    ...     '<y:Geometry x="0" y="0"/><y:NodeLabel> Kari </y:NodeLabel></y:ShapeNode></data>'
    ...     '</node></graph></graphml>')
    >>> drawing = take_drawing(root)
    >>> drawing.node_labels, drawing.lines()[0]
    ({'n0': 'Kari'}, 'node geometry (y:Geometry: position and size) (1×)')
    >>> b"nodegraphics" in ET.tostring(root)
    False
    """
    drawing = Drawing()
    kinds = {}
    for key in list(root.iter(f"{_G}key")):
        if "yfiles.type" in key.attrib:
            kinds[key.attrib.get("id")] = key.attrib["yfiles.type"]
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{_G}key" and "yfiles.type" in child.attrib:
                parent.remove(child)
            elif child.tag == f"{_G}port":
                drawing.removed["ports"] += 1
                parent.remove(child)
            elif child.tag == f"{_G}data" and child.attrib.get("key") in kinds:
                _take(parent, child, kinds[child.attrib["key"]], drawing)
                parent.remove(child)
    for node in root.iter(f"{_G}node"):
        nested = node.find(f"{_G}graph")
        if nested is not None:
            node.set("yfiles.foldertype", "group")  # networkx reads nested graphs of groups
            drawing.removed["nesting"] += len(nested.findall(f"{_G}node"))
            for member in nested.findall(f"{_G}node"):
                drawing.group_of[member.attrib.get("id", "")] = node.attrib.get("id", "")
    return drawing


def _take(owner: Element, data: Element, kind: str, drawing: Drawing) -> None:
    realizer = next(iter(data), None)
    if kind == "resources":
        if realizer is not None and len(realizer):
            drawing.removed["resources"] += len(realizer)
        return
    if kind.startswith("port"):
        drawing.removed["ports"] += 1
        return
    if realizer is None:
        return
    ident = owner.attrib.get("id", "")
    if kind == "nodegraphics":
        realizer = _active(realizer, drawing)
        text = _text(realizer, "NodeLabel")
        if text:
            drawing.node_labels[ident] = text
        if realizer.find(f"{_Y}Geometry") is not None:
            drawing.removed["geometry"] += 1
        if realizer.tag in (f"{_Y}ImageNode", f"{_Y}SVGNode"):
            drawing.removed["images"] += 1
        drawing.removed["styles"] += 1
    elif kind == "edgegraphics":
        text = _text(realizer, "EdgeLabel")
        if text:
            drawing.edge_labels[ident] = text
        if realizer.find(f"{_Y}Path") is not None:
            drawing.removed["path"] += 1
        drawing.removed["edge styles"] += 1


def _active(realizer: Element, drawing: Drawing) -> Element:
    """A group's realizer in use (``y:Realizers active="N"``), else the element itself."""
    realizers = realizer.find(f"{_Y}Realizers")
    if realizers is None or not len(realizers):
        return realizer
    try:
        active = int(realizers.attrib.get("active", "0"))
    except ValueError:
        active = 0
    views = list(realizers)
    if len(views) > 1:
        drawing.removed["closed"] += 1
    return views[active] if 0 <= active < len(views) else views[0]


def _text(realizer: Element, tag: str) -> str:
    """The label texts of a realizer, one line each, as plain text."""
    labels = realizer.findall(f"{_Y}{tag}") or list(realizer.iter(f"{_Y}{tag}"))[:1]
    lines = []
    for label in labels:
        text = (label.text or "").strip()
        if text.lower().startswith("<html"):  # yEd's HTML labels: the text only
            text = " ".join(html.unescape(_TAGS.sub(" ", text)).split())
        text = strip_controls(text).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)
