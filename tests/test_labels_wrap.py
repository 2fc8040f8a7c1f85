"""Label wrapping without textwrap's cost gives textwrap's lines, for any text and width.

:func:`orgraph.render.labels.wrap_lines` and :func:`~orgraph.render.labels.balanced` wrap
the common label (words between single spaces) by a first-fit loop of their own and cache
what they computed; the reference below is the textwrap-based code they replaced, which
every drawn chart was made with. Random texts mix the characters that matter: single and
double spaces, tabs, every kind of line break, no-break and other Unicode spaces, hyphens,
and words longer than the width.
"""

from __future__ import annotations

import math
import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from orgraph.render.labels import balanced, bullets, wrap_lines


def reference_wrap(text: str, width: int) -> list[str]:
    """Every line of ``text`` through ``textwrap.wrap`` (the code before the fast path)."""
    out: list[str] = []
    for part in str(text).splitlines() or [""]:
        out.extend(textwrap.wrap(part, width, break_long_words=False,
                                 break_on_hyphens=False) or [""])
    return out


def reference_balanced(text: str, width: int) -> list[str]:
    lines = reference_wrap(text, width)
    if len(lines) < 2:
        return lines
    for narrower in range(math.ceil(len(text) / len(lines)), width):
        candidate = reference_wrap(text, narrower)
        if len(candidate) <= len(lines):
            return candidate
    return lines


_WORDS = st.sampled_from(["Kari", "Hansen", "avdelingsleder", "for", "økonomi", "og", "IT",
                          "Helse-", "samfunnsutviklingsavdelingen", "(8)", "Å", "x", "-"])
_GAPS = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "\x0b", "\x0c",
                         "\x1c", "\u2028", "\xa0", "\u2003", " \n ", ""])
TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=9).map(
    lambda pairs: "".join(w + g for w, g in pairs))
EDGES = st.sampled_from(["", " ", "\n", "\xa0", "\t"])


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.tuples(EDGES, TEXTS, EDGES).map("".join), st.integers(1, 50))
@example("Kari Hansen\nAvdelingsleder", 13)
@example("a b", 1)
@example("", 5)
def test_wrap_lines_gives_textwraps_lines(text: str, width: int) -> None:
    assert wrap_lines(text, width) == reference_wrap(text, width)
    assert balanced(text, width) == reference_balanced(text, width)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(TEXTS, st.integers(3, 50))
def test_wrapped_lines_are_fresh_lists(text: str, width: int) -> None:
    """Callers append to the lines they get: a cached answer must not change with them."""
    first = balanced(text, width)
    first.append("+3 enheter under")
    wrap_lines(text, width).append("x")
    assert balanced(text, width) == reference_balanced(text, width)
    assert wrap_lines(text, width) == reference_wrap(text, width)


def test_bullets_hang_wrapped_items() -> None:
    lines = bullets(["Pleie og omsorg (sykeheim, åpen omsorg)"], 20)
    assert lines == ["• Pleie og omsorg", "\xa0\xa0\xa0(sykeheim, åpen", "\xa0\xa0\xa0omsorg)"]


def test_width_zero_is_refused_as_textwrap_refuses_it() -> None:
    for call in (lambda: wrap_lines("a b", 0), lambda: reference_wrap("a b", 0)):
        try:
            call()
        except ValueError as exc:
            assert "invalid width" in str(exc)
        else:
            raise AssertionError("width 0 accepted")
