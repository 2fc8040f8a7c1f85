"""The pinned DOT writer's shortcuts give the strings its plain rules give, for any input.

:func:`orgraph.render.pinned.dot_string` keeps a printable text without a quote or a
backslash as it is (no regex, no replacing), and ``_spline`` formats each point once; the
references below are the rules as first written (drop control characters, escape backslashes
then quotes; every point of the B-spline formatted where it occurs). Random texts mix
quotes, backslashes, control characters, Unicode line separators, zero-width and private-use
characters, æøå and emoji.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from orgraph.render.labels import CONTROL
from orgraph.render.pinned import ARROW_LENGTH, _spline
from orgraph.render.pinned_labels import dot_string, plain_label

_CHARS = st.sampled_from(['"', "\\", "\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x7f", "\x85",
                          "\u2028", "\u200b", "\ue000", "\ud800", "æ", "Ø", "å", "😀", "a",
                          " ", "<", "&", "N", "'"])
_SPLINE_POINT = re.compile(r"-?\d+\.\d\d,-?\d+\.\d\d")


def reference_dot_string(text: str) -> str:
    clean = CONTROL.sub("", text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{clean}"'


def reference_spline(points: tuple[tuple[float, float], ...], left: float, top: float,
                     arrow: bool) -> str:
    pts = [(x + left, top - y) for x, y in points]
    prefix = ""
    if arrow and len(pts) >= 2:
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        length = max(abs(bx - ax), abs(by - ay))
        cut = min(ARROW_LENGTH, length * 0.9)
        ux, uy = (bx - ax) / (length or 1.0), (by - ay) / (length or 1.0)
        pts[-1] = (bx - ux * cut, by - uy * cut)
        prefix = f"e,{bx:.2f},{by:.2f} "
    seq = [pts[0]]
    for i in range(1, len(pts)):
        seq.extend((pts[i - 1], pts[i], pts[i]))
    return prefix + " ".join(f"{x:.2f},{y:.2f}" for x, y in seq)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_CHARS, max_size=12).map("".join))
def test_dot_string_escapes_as_its_rules_say(text: str) -> None:
    quoted = dot_string(text)
    assert quoted == reference_dot_string(text)
    inner = quoted[1:-1]
    assert not CONTROL.search(inner)
    assert re.fullmatch(r'(?:[^"\\]|\\["\\])*', inner), inner  # no quote ends it early


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(_CHARS, max_size=6).map("".join), max_size=4))
def test_a_plain_label_escapes_every_line(lines: list[str]) -> None:
    expected = '"' + "\\n".join(reference_dot_string(x)[1:-1] for x in lines) + '"'
    assert plain_label(lines) == expected


def test_dot_string_keeps_plain_text() -> None:
    assert dot_string("Kari Hansen æøå") == '"Kari Hansen æøå"'
    assert dot_string('Stab "A" \\N') == '"Stab \\"A\\" \\\\N"'


_COORD = st.floats(-5000, 5000, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(_COORD, _COORD), min_size=1, max_size=6).map(tuple),
       st.floats(0, 50), st.floats(0, 9000), st.booleans())
def test_spline_is_the_polyline_as_a_b_spline(points: tuple, left: float, top: float,
                                              arrow: bool) -> None:
    pos = _spline(points, left, top, arrow)
    assert pos == reference_spline(points, left, top, arrow)
    body = pos.split(" ")[1:] if pos.startswith("e,") else pos.split(" ")
    assert len(body) == 3 * len(points) - 2
    assert all(_SPLINE_POINT.fullmatch(p) for p in body)
