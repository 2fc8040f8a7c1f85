"""The cycle collector is paused while a pinned chart is built, and resumes after it.

Paused for the whole of ``to_pinned_dot`` (not only for the layout), the collector's first
pass after it no longer scans every box, block and route the chart held while it was built.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import pytest

from orgraph.errors import RenderError
from orgraph.generate import generate_company
from orgraph.render import pinned


def test_the_collector_is_paused_for_the_whole_chart_and_resumes_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, bool] = {}

    def spy(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            seen[name] = gc.isenabled()
            return fn(*args, **kwargs)
        return inner

    for name in ("box_specs", "chart_title", "chart_statements"):
        monkeypatch.setattr(pinned, name, spy(name, getattr(pinned, name)))
    assert gc.isenabled()
    pinned.to_pinned_dot(generate_company(60, seed=1), legend=True)
    assert seen == {"box_specs": False, "chart_title": False, "chart_statements": False}
    assert gc.isenabled()


def test_the_collector_resumes_after_an_error() -> None:
    with pytest.raises(RenderError, match="nobody"):
        pinned.to_pinned_dot(generate_company(20, seed=1), root="nobody")
    assert gc.isenabled()
