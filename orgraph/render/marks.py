"""How a before/after chart marks what changed, in one table like :mod:`orgraph.render.style`.

* a **removed** unit is drawn where it was, greyed: grey fill, a dashed grey outline, its text
  grey and struck through, the line to it grey and dashed;
* an **added** unit has a bold green outline;
* a **moved** unit (a new line superior) has a blue outline and a note in italics saying
  where it came from ("fra: Assisterende rådmann for oppvekst");
* a **renamed** unit has a purple outline and its label reads "old → new".

The marks change the boxes' look, never their size or place: the chart keeps orgraph's own
layout (:mod:`orgraph.render.pinned`), and the legend gets a "changes" section with a sample
of every mark drawn.

Examples
--------
>>> marks = Marks({"a": ("removed",), "b": ("added",)})
>>> [text for text, _ in marks.legend_rows("en")]
['Changes', 'Removed (grey, struck through)', 'New']
>>> MARK_STYLE["added"]["color"]
'#1a8a3a'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from orgraph.layout.boxes import CAPTION_WIDTH, BoxSpec
from orgraph.render.labels import wrap_lines

__all__ = ["CHANGES", "MARK_STYLE", "MARK_TEXT", "Marks", "mark_words"]

#: The changes a chart marks, in legend order; a unit with several wears the first one's
#: colour (a moved and renamed unit is blue, with its label "old → new").
CHANGES = ("removed", "added", "moved", "renamed")
_GREY = "#9a9a9a"

#: Change → the box attributes that mark it (``style`` words are added to the kind's).
MARK_STYLE: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "removed": {"color": _GREY, "fontcolor": "#7a7a7a", "fillcolor": "#f2f2f2",
                "style": "dashed"},
    "added": {"color": "#1a8a3a", "penwidth": "2.6"},
    "moved": {"color": "#1f5fbf", "penwidth": "2.2"},
    "renamed": {"color": "#8a3fb0", "penwidth": "2.2"},
})
#: A line to or from a removed unit (a dotted one stays dotted, only greyed).
REMOVED_LINE: MappingProxyType[str, str] = MappingProxyType({"color": _GREY,
                                                             "style": "dashed"})

#: The words of the marks, in both chart languages.
MARK_TEXT: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "no": {"changes": "Endringer", "removed": "Fjernet (grå, gjennomstreket)",
           "added": "Ny", "moved": "Flyttet (fra: tidligere overordnet)",
           "renamed": "Nytt navn (gammelt → nytt)", "from": "fra", "before": "Før",
           "after": "Etter"},
    "en": {"changes": "Changes", "removed": "Removed (grey, struck through)",
           "added": "New", "moved": "Moved (from: former superior)",
           "renamed": "Renamed (old → new)", "from": "from", "before": "Before",
           "after": "After"},
})


def mark_words(lang: str) -> Mapping[str, str]:
    """The marks' words in ``lang`` (English for a language orgraph does not write).

    Examples
    --------
    >>> mark_words("no")["from"], mark_words("de")["from"]
    ('fra', 'from')
    """
    return MARK_TEXT.get(lang, MARK_TEXT["en"])


def _styled(attrs: dict[str, str], change: str) -> None:
    """Put ``change``'s marks on a box's attributes (its kind's style words kept)."""
    mark = dict(MARK_STYLE[change])
    words = [w for w in str(attrs.get("style", "")).split(",") if w]
    extra = mark.pop("style", "")
    if extra:
        words = [w for w in words if w not in ("bold", "dashed", "dotted")] + [extra]
    attrs.update(mark)
    if words:
        attrs["style"] = ",".join(words)
    attrs["class"] = f"{attrs.get('class', '')} {change}".strip()


@dataclass
class Marks:
    """The changes to mark on a chart's boxes.

    Attributes
    ----------
    changes : mapping
        Node id → the changes (names in :data:`CHANGES`) that hold for it.
    captions : mapping
        Node id → a note drawn in italics under its label (where a moved unit came from);
        pass it as the layout's ``captions`` so the box is measured with it.

    Examples
    --------
    >>> from orgraph.layout.boxes import BoxSpec
    >>> marks = Marks({"b": ("moved",)}, captions={"b": "fra: Rådmann"})
    >>> spec = BoxSpec("b", "b", {"shape": "box"}, ["Skole", "fra: Rådmann"])
    >>> marks.restyle({"b": [spec]})
    >>> spec.attrs["class"], spec.notes, spec.strike, marks.shown()
    ('moved', 1, False, {'b': ('moved',)})
    """

    changes: Mapping[str, tuple[str, ...]]
    captions: Mapping[str, str] = field(default_factory=dict)
    drawn: set[str] | None = field(default=None, repr=False)  # set by :meth:`restyle`

    def shown(self) -> dict[str, tuple[str, ...]]:
        """The changes of the nodes drawn (all of them before :meth:`restyle`).

        Examples
        --------
        >>> marks = Marks({"a": ("added",), "b": ("removed",)})
        >>> marks.restyle({"a": []})
        >>> marks.shown()
        {'a': ('added',)}
        """
        if self.drawn is None:
            return dict(self.changes)
        return {n: c for n, c in self.changes.items() if n in self.drawn}

    def restyle(self, specs: Mapping[str, list[BoxSpec]]) -> None:
        """Mark the measured boxes of every changed node (sizes are kept).

        Examples
        --------
        >>> from orgraph.layout.boxes import BoxSpec
        >>> spec = BoxSpec("a", "a", {"shape": "box", "style": "filled,bold"}, ["A"])
        >>> Marks({"a": ("removed",)}).restyle({"a": [spec]})
        >>> spec.attrs["style"], spec.strike, spec.attrs["class"]
        ('filled,dashed', True, 'removed')
        """
        self.drawn = {node for node in self.changes if node in specs}
        for node, changes in self.changes.items():
            ranked = sorted(changes, key=CHANGES.index, reverse=True)  # the first one wins
            for spec in specs.get(node, ()):
                for change in ranked:
                    _styled(spec.attrs, change)
                spec.strike = "removed" in changes
                if node in self.captions:
                    spec.notes = len(wrap_lines(self.captions[node], CAPTION_WIDTH))

    def restyle_edge(self, head: str, pairs: dict[str, str], tail: str | None = None) -> None:
        """Grey and dash a line to or from a removed unit (``pairs`` are the edge's
        attributes).

        Examples
        --------
        >>> pairs = {"class": "line"}
        >>> Marks({"a": ("removed",)}).restyle_edge("a", pairs)
        >>> pairs["style"], pairs["class"]
        ('dashed', 'line removed')
        >>> pairs = {"class": "member", "style": "dotted"}
        >>> Marks({"g": ("removed",)}).restyle_edge("x", pairs, tail="g")
        >>> pairs["style"], pairs["color"]
        ('dotted', '#9a9a9a')
        """
        if any("removed" in self.changes.get(n, ()) for n in (head, tail) if n is not None):
            keep = pairs.get("style") not in (None, "solid")  # a dotted line stays dotted
            pairs.update({k: v for k, v in REMOVED_LINE.items() if not (keep and k == "style")})
            pairs["class"] = f"{pairs.get('class', '')} removed".strip()

    def legend_rows(self, lang: str) -> list[tuple[str, dict[str, str]]]:
        """The legend's "changes" section: its heading, then a sample of each mark drawn
        (:meth:`shown`).

        Examples
        --------
        >>> rows = Marks({"a": ("moved",)}).legend_rows("no")
        >>> rows[1][0], rows[1][1]["color"]
        ('Flyttet (fra: tidligere overordnet)', '#1f5fbf')
        >>> Marks({}).legend_rows("no")
        []
        """
        words = mark_words(lang)
        drawn = {c for changes in self.shown().values() for c in changes}
        rows: list[tuple[str, dict[str, str]]] = []
        for change in CHANGES:
            if change not in drawn:
                continue
            attrs = {"shape": "box", "style": "filled", "fillcolor": "white",
                     "class": "legend mark", "label": '""'}
            _styled(attrs, change)
            if change == "removed":
                attrs.update({"label": "<<s>Aa</s>>", "fontsize": "9"})
            rows.append((words[change], attrs))
        return [(words["changes"], {}), *rows] if rows else []
