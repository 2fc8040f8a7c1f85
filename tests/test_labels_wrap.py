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
import re
import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from orgraph.render.labels import HANG, balanced, bullets, wrap_lines


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


_COUNTED = st.lists(st.sampled_from(["1", "15", "0.5", "(3)", "FTE", "skoler", "Rådgiver",
                                     "(HEO", "(London)):", "og", "2002-06"]),
                    min_size=1, max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_COUNTED, st.integers(3, 30))
def test_a_number_stays_on_the_line_of_the_word_after_it(text: str, width: int) -> None:
    """"1 FTE" and "15 skoler" are never split after the number; no word is lost, and a
    line is longer than ``width`` only when it is one unbreakable number-and-word."""
    for lines in (wrap_lines(text, width), balanced(text, width)):
        assert " ".join(lines).split(" ") == text.split(" ")
        for line in lines[:-1]:
            assert not re.fullmatch(r"\(?[0-9][0-9.,:]*", line.split(" ")[-1]), lines
        for line in lines:
            assert len(line) <= width or len(re.split(r"(?<![0-9.,:]) ", line)) == 1, lines


def test_an_organogram_count_keeps_its_unit() -> None:
    """A junior-post item of an organogram: "1 FTE" moves to the next line whole."""
    item = "Policy adviser (HEO (London)): 1 FTE"
    assert bullets([item], 34) == ["• Policy adviser (HEO (London)):", HANG + "1 FTE"]
