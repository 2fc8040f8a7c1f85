"""A legend built from what the chart holds: one sample of every symbol and line style
drawn, in the chart's language, as it appears in the chart (same legend-table style).

Examples
--------
>>> from orgraph import load
>>> from orgraph.render.pinned import pinned_layout
>>> from orgraph.render.style import TEXT
>>> lay, specs, tree, extra = pinned_layout(load("examples/minimal.yaml"))
>>> legend = Legend.of(load("examples/minimal.yaml"), specs, tree, extra, TEXT["no"])
>>> [label for label, _ in legend.shapes][:3]
['Politisk organ', 'Rådmann', 'Rådmannsnivå']
>>> [label for label, _ in legend.lines]
['linje', 'delegering', 'Stab', 'Stab med instruksjonsrett', 'stiplet linje']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from orgraph.layout.text import text_width
from orgraph.model import Kind, Organisation
from orgraph.render.style import edge_style, node_style

__all__ = ["Legend"]

_ROW = 22.0  # points per legend row
_SAMPLE_W, _SAMPLE_H = 34.0, 16.0
_PAD = 8.0
_GAP = 24.0  # between the chart and the legend
_SIZE = 10.0
#: Kind → the legend word that explains it, in legend order.
_KIND_WORDS = (("council", "political"), ("executive_committee", "political"),
               ("main_committee", "political"), ("committee", "political"),
               ("political_body", "political"), ("advisory_committee", "advisory"),
               ("cao", "cao"), ("executive", "executive"), ("staff", "staff"),
               ("department", "department"), ("unit", "operating"),
               ("unit_group", "aggregate"), ("leader_group", "coordination"),
               ("coordination_council", "coordination"), ("network", "coordination"),
               ("service_office", "service_office"))
_LINE_WORDS = (("line", "reporting"), ("delegation", "delegation"), ("staff", "staff"),
               ("staff_instructs", "staff_instructs"), ("dotted", "dotted"),
               ("member", "member"), ("order", "order"), ("service", "service"))


@dataclass
class Legend:
    """The legend's rows: (text, kind) shape samples and (text, variant) line samples.

    Examples
    --------
    A row more for the counted boxes' note makes the legend 22 pt taller:

    >>> Legend([("Skole", "unit")], [("linje", "line")]).size()
    (107.01, 82.0)
    >>> Legend([("Skole", "unit")], [("linje", "line")], collapsed="+N enheter").size()[1]
    104.0
    """

    shapes: list[tuple[str, str]]
    lines: list[tuple[str, str]]
    collapsed: str | None = None
    #: A "changes" section: its heading as ``(text, {})``, then (text, sample box attributes)
    #: rows (:meth:`orgraph.render.marks.Marks.legend_rows`).
    marks: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @classmethod
    def of(cls, org: Organisation, specs: Mapping[str, Sequence], tree: object,
           overlays: Sequence, words: Mapping[str, str]) -> Legend:
        """The legend of a laid-out chart (:func:`~orgraph.render.pinned.pinned_layout`)."""
        classes = {s.attrs["class"].split()[0] for boxes in specs.values() for s in boxes}
        collapsed = any("collapsed" in s.attrs["class"] for b in specs.values() for s in b)
        shapes, seen = [], set()
        for kind, word in _KIND_WORDS:
            if kind in classes and word not in seen:
                seen.add(word)
                shapes.append((words[word], kind))
        variants = set()
        for _, head, rel in tree.edge_of.values():  # type: ignore[attr-defined]
            if rel == "staff" and org.nodes[head].get("instructs"):
                rel = "staff_instructs"
            variants.add(rel)
        variants |= {r.relation for r in overlays}
        lines = [(words[word], v) for v, word in _LINE_WORDS if v in variants]
        return cls(shapes, lines, words["collapsed"] if collapsed else None)

    def size(self) -> tuple[float, float]:
        """(width, height) in points, the gap to the chart included."""
        texts = [t for t, _ in [*self.shapes, *self.lines, *self.marks]] + (
            [self.collapsed] if self.collapsed else [])
        width = _SAMPLE_W + 3 * _PAD + max((text_width(t, _SIZE) for t in texts), default=0)
        rows = len(texts) + 1
        return _GAP + width, rows * _ROW + 2 * _PAD

    def statements(self, left: float, top: float, title: str) -> list[str]:
        """DOT statements drawing the legend with its top left corner at (left, top)."""
        from orgraph.render.pinned import _attrs
        from orgraph.render.pinned_labels import dot_string

        width, height = self.size()
        width -= _GAP
        x0 = left + _GAP
        frame = {"shape": "box", "style": "rounded,dashed", "color": "#999999",
                 "class": "legend frame", "label": '""',
                 "pos": f"{x0 + width / 2:.2f},{top - height / 2:.2f}!",
                 "width": f"{width / 72:.4f}", "height": f"{height / 72:.4f}"}
        out = [f'\t"~legend" {_attrs(frame)}',
               _text_node("~legend~title", title, x0 + _PAD, top - _PAD - _ROW / 2, bold=True)]
        y = top - _PAD - _ROW * 1.5
        rows: list[tuple[str, str, str]] = [(t, "shape", k) for t, k in self.shapes]
        if self.collapsed:
            rows.append((self.collapsed, "collapsed", "unit"))
        rows += [(t, "line", v) for t, v in self.lines]
        rows += [(t, "mark", str(i)) for i, (t, _) in enumerate(self.marks)]
        for i, (text, what, key) in enumerate(rows):
            sx = x0 + _PAD + _SAMPLE_W / 2
            name = f"~legend~{i}"
            if what == "line":
                style = {k: v for k, v in edge_style(key).items() if k != "constraint"}
                style["class"] = f"{style['class']} legend"
                for end, ex in (("a", sx - _SAMPLE_W / 2), ("b", sx + _SAMPLE_W / 2)):
                    out.append(f'\t"{name}{end}" [shape=point width=0.01 height=0.01 '
                               f'style=invis label="" pos="{ex:.2f},{y:.2f}!"]')
                arrow = style.get("arrowhead", "normal") != "none"
                end_x = sx + _SAMPLE_W / 2
                pts = f"{sx - _SAMPLE_W / 2:.2f},{y:.2f} " * 2 + f"{end_x - 7:.2f},{y:.2f} " * 2
                pos = (f"e,{end_x:.2f},{y:.2f} " if arrow else "") + pts.strip()
                out.append(f'\t"{name}a" -> "{name}b" {_attrs({**style, "pos": pos})}')
            elif what == "mark":
                if key == "0":  # the section's heading
                    out.append(_text_node(f"{name}h", text, x0 + _PAD, y, bold=True))
                    y -= _ROW
                    continue
                attrs = {**self.marks[int(key)][1], "pos": f"{sx:.2f},{y:.2f}!",
                         "width": f"{_SAMPLE_W / 72:.4f}", "height": f"{_SAMPLE_H / 72:.4f}"}
                out.append(f"\t{dot_string(name)} {_attrs(attrs)}")
            else:
                attrs = node_style(Kind(key), "x")
                attrs.pop("margin", None)
                attrs["class"] += " legend"
                if what == "collapsed":
                    attrs["peripheries"] = "2"
                w, h = (_SAMPLE_H + 4, _SAMPLE_H + 4) if attrs["shape"] == "circle" else (
                    _SAMPLE_W, _SAMPLE_H)
                attrs.update({"label": '""', "pos": f"{sx:.2f},{y:.2f}!",
                              "width": f"{w / 72:.4f}", "height": f"{h / 72:.4f}"})
                out.append(f"\t{dot_string(name)} {_attrs(attrs)}")
            out.append(_text_node(f"{name}t", text, x0 + 2 * _PAD + _SAMPLE_W, y))
            y -= _ROW
        return out


def _text_node(name: str, text: str, left: float, y: float, bold: bool = False) -> str:
    """A line of legend text, left-aligned at ``left`` (a fixed-width table cell)."""
    from orgraph.render.labels import html_text

    w = text_width(text, _SIZE + (1 if bold else 0), bold=bold) + 2
    body = f"<b>{html_text(text)}</b>" if bold else html_text(text)
    label = (f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="0"><tr>'
             f'<td align="left" width="{w:.1f}" height="14" fixedsize="true">{body}</td></tr>'
             "</table>>")
    size = _SIZE + (1 if bold else 0)
    return (f'\t"{name}" [shape=plaintext style="" class="legend text" fontsize={size:g} '
            f'pos="{left + w / 2:.2f},{y:.2f}!" width={w / 72:.4f} height={16 / 72:.4f} '
            f"label={label}]")
