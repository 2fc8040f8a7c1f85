"""Fingerprints of the chart pipeline's output, to prove a speed-up changes nothing.

Writes the sha256 of every output below to a JSON file; run it before a change and after,
then compare (``--compare BASE.json``: prints every case that differs and exits 1):

* every bundled chart (``charts/*.yaml``), the escaping fixture and the hostile inputs that
  load (every format): pinned DOT (:func:`orgraph.render.pinned.to_pinned_dot`) plain,
  ``expand``, ``show="all"``, ``lang="en"``, ``legend``, all four together, ``depth=2``,
  with captions and links, and with a unit cut; Graphviz ``dot`` layout DOT; SVG drawn by
  the embedded engine (plain and all options);
* before/after charts (``compare_dot``, ``side_by_side_dot``) of the bundled pairs;
* generated companies (:func:`orgraph.generate.generate_company`) of 30 to 5,000 people,
  several seeds: pinned DOT in both languages, SVG of the smaller ones.

A case that raises records the exception's type and message instead.

Usage::

    PYTHONPATH=$PWD python3 scripts/dot_fingerprint.py --out /tmp/base.json
    PYTHONPATH=$PWD python3 scripts/dot_fingerprint.py --out /tmp/new.json --compare /tmp/base.json
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fingerprints import run  # noqa: E402

import orgraph  # noqa: E402
from orgraph.generate import generate_company  # noqa: E402
from orgraph.render.compare import compare_dot, side_by_side_dot  # noqa: E402
from orgraph.render.pinned import to_pinned_dot  # noqa: E402

OPTIONS: dict[str, dict] = {
    "plain": {}, "expand": {"expand": True}, "show": {"show": "all"}, "en": {"lang": "en"},
    "legend": {"legend": True},
    "all": {"expand": True, "show": "all", "lang": "en", "legend": True},
    "depth2": {"depth": 2},
}
PAIRS = [("rissa", "rissa-2002-06"), ("loten", "loten-2002-10"), ("evenes-1998", "evenes"),
         ("sveio-2002", "sveio")]


def _charts() -> Iterator[tuple[str, orgraph.Organisation]]:
    paths = [*sorted((ROOT / "charts").glob("*.yaml")),
             ROOT / "tests/fixtures/render_escaping.yaml",
             *sorted((ROOT / "tests/hostile/inputs").glob("*/*.*"))]
    for path in paths:
        if path.stat().st_size > 200_000:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                org = orgraph.load(path)
        except Exception:  # inputs that do not load draw nothing
            continue
        yield str(path.relative_to(ROOT)), org


def _extras(org: orgraph.Organisation) -> dict[str, dict]:
    """Captions and links on every third node, and the first manager cut."""
    nodes = list(org.nodes)
    captions = {n: f"Ny leder fra 1. mars, {n} & <co> \"x\" sammen med {i} andre"
                for i, n in enumerate(nodes[::3])}
    links = {n: f"https://example.org/{n}?a=1&b=\"2\"" for n in nodes[1::3]}
    managers = [n for n in nodes if any(True for _ in org.successors(n))]
    return {"captions": {"captions": captions, "links": links},
            "cut": {"cut": managers[1:2]}}


def chart_cases() -> Iterator[tuple[str, Callable[[], str | bytes]]]:
    for name, org in _charts():
        for opt, kw in {**OPTIONS, **_extras(org)}.items():
            yield f"{name} pinned {opt}", lambda o=org, k=kw: to_pinned_dot(o, **k)
        yield f"{name} dot-layout", lambda o=org: orgraph.render(o, "dot", layout="dot")
        for opt in ("plain", "all"):
            yield (f"{name} svg {opt}",
                   lambda o=org, k=OPTIONS[opt]: orgraph.render(o, "svg", engine="embedded", **k))
    for old, new in PAIRS:
        a, b = (orgraph.load(ROOT / "charts" / f"{x}.yaml") for x in (old, new))
        yield f"{old}->{new} compare", lambda a=a, b=b: compare_dot(a, b, legend=True)
        yield f"{old}->{new} side", lambda a=a, b=b: side_by_side_dot(a, b, legend=True)


def generated_cases() -> Iterator[tuple[str, Callable[[], str | bytes]]]:
    for n in (30, 150, 500, 2_000, 5_000):
        for seed in (1, 2, 3) if n <= 2_000 else (1,):
            org = generate_company(n, seed=seed)
            yield f"company {n} seed {seed} pinned", lambda o=org: to_pinned_dot(o)
            yield f"company {n} seed {seed} en", lambda o=org: to_pinned_dot(o, lang="en")
            if n <= 500 and seed < 3:
                yield (f"company {n} seed {seed} svg",
                       lambda o=org: orgraph.render(o, "svg", engine="embedded"))


def main() -> None:
    run(__doc__.splitlines()[0], lambda: (c for cases in (chart_cases(), generated_cases())
                                          for c in cases))


if __name__ == "__main__":
    main()
