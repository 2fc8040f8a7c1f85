"""Fingerprints of metrics, format readers/writers and ``to_dot`` options, to prove a
refactoring changes nothing (the companion of ``scripts/dot_fingerprint.py``).

Writes the sha256 of every result below to a JSON file; run it before a change and after,
then compare (``--compare BASE.json``: prints every case that differs and exits 1):

* metrics: :func:`orgraph.metrics.records.record` (dotted lines counted and not) and the
  textbook reading of :func:`orgraph.metrics.krackhardt` of every bundled chart and of
  generated companies (30, 500, 5,000 people); the array algorithm and the condensation
  (every attribute of ``_Reach``) on 300 random graphs, near-trees and graphs with cycles;
* formats: reading (lenient and strict, with the report) every chart, example, fixture,
  hostile input and the UK organograms in ``/work/shared/data`` if present; writing each
  organisation read and generated companies to every writable format, and reading it back;
* ``to_dot`` (the ``dot`` layout) of the charts and companies with 18 option sets.

A case that raises records the exception's type and message instead.

Usage::

    PYTHONPATH=$PWD python3 scripts/results_fingerprint.py --out /tmp/base.json
    PYTHONPATH=$PWD python3 scripts/results_fingerprint.py --out /tmp/new.json \
        --compare /tmp/base.json
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from fingerprints import run  # noqa: E402

import orgraph  # noqa: E402
from orgraph import formats  # noqa: E402
from orgraph.formats import Report  # noqa: E402
from orgraph.generate import generate_company  # noqa: E402
from orgraph.metrics._hierarchy_arrays import _fast_measures  # noqa: E402
from orgraph.metrics._reach import _Reach  # noqa: E402
from orgraph.metrics.krackhardt import _edge_arrays, _measures, krackhardt  # noqa: E402
from orgraph.metrics.records import record  # noqa: E402
from orgraph.render.dot import to_dot  # noqa: E402

ORGANOGRAMS = Path("/work/shared/data/organograms-2011-03-31")
SUFFIXES = (".csv", ".tsv", ".yaml", ".json", ".graphml", ".gexf", ".dot")


def _state(org: nx.DiGraph) -> tuple[Any, ...]:
    return dict(org.graph), list(org.nodes(data=True)), list(org.edges(data=True))


def _companies(sizes: tuple[int, ...]) -> dict[str, orgraph.Organisation]:
    return {f"company {n}": generate_company(n, seed=0) for n in sizes}


def _charts() -> dict[str, orgraph.Organisation]:
    return {str(p.relative_to(ROOT)): orgraph.load(p)
            for p in [*sorted((ROOT / "charts").glob("*.yaml")),
                      ROOT / "tests/fixtures/render_escaping.yaml",
                      ROOT / "examples/minimal.yaml"]}


def _random_graph(seed: int) -> nx.DiGraph:
    """A near-tree with second superiors; every third seed's may point upwards (cycles)."""
    rng = random.Random(seed)
    n = rng.randint(1, 300)
    g = nx.DiGraph()
    g.add_nodes_from(rng.sample(range(n), n))
    for v in range(1, n):
        if rng.random() < 0.85:
            g.add_edge(rng.randrange(v), v)
    for _ in range(rng.randint(0, n // 5 + 2)):
        a, b = rng.sample(range(n), 2) if n > 1 else (0, 0)
        if a != b:
            g.add_edge(*((a, b) if seed % 3 == 0 else sorted((a, b))))
    if seed % 7 == 0:
        g.add_edge(0, 0)
    return g


def _algorithms(g: nx.DiGraph) -> tuple[Any, ...]:
    k, tail, head, loops = _edge_arrays(g, True)
    succ: list[list[int]] = [[] for _ in range(k)]
    for u, v in zip(tail.tolist(), head.tolist(), strict=True):
        succ[u].append(v)
    reach = _Reach(k, succ, loops)
    return (_fast_measures(k, tail, head, loops), _measures(reach),
            _measures(reach, "textbook"), vars(reach))


def metric_cases() -> Iterator[tuple[str, Callable[[], Any]]]:
    for name, org in {**_charts(), **_companies((30, 500, 5_000))}.items():
        yield f"{name} record", lambda o=org: record(o)
        yield f"{name} record undotted", lambda o=org: record(o, dotted=False)
        yield f"{name} krackhardt textbook", lambda o=org: krackhardt(o, reading="textbook")
    for seed in range(300):
        yield f"random graph {seed}", lambda s=seed: _algorithms(_random_graph(s))


def _read(path: Path, strict: bool, kept: dict[str, orgraph.Organisation],
          **options: Any) -> str:
    """The organisation read (or the error) and the report; the checkout's path left out."""
    report = Report(str(path))
    try:
        org = formats.read(path, report=report, strict=strict, **options)
    except Exception as exc:  # the failure and the report are the result
        result: Any = (f"{type(exc).__name__}: {exc}", report.lines())
    else:
        if not strict:
            kept[str(path)] = org
        result = (_state(org), report.lines())
    return repr(result).replace(str(ROOT), "<root>")


def _write(org: orgraph.Organisation, path: Path) -> str:
    """The bytes written and read back, with both reports; the folder's name left out."""
    report, back = Report(str(path)), Report(str(path))
    try:
        formats.write(org, path, report=report)
        result: Any = (path.read_bytes(), report.lines(),
                       _state(formats.read(path, report=back)), back.lines())
    except Exception as exc:  # the failure and the reports are the result
        result = (f"{type(exc).__name__}: {exc}", report.lines(), back.lines())
    return repr(result).replace(str(path.parent), "<out>")


def format_cases(folder: Path) -> Iterator[tuple[str, Callable[[], Any]]]:
    inputs = [*sorted((ROOT / "charts").glob("*.yaml")),
              *sorted((ROOT / "examples").glob("*.yaml")),
              *sorted(p for p in (ROOT / "examples/invalid").glob("*") if p.is_file()),
              ROOT / "tests/fixtures/render_escaping.yaml",
              *sorted(p for p in (ROOT / "tests/hostile/inputs").rglob("*") if p.is_file())]
    kept: dict[str, orgraph.Organisation] = {}
    for path in inputs:
        for strict in (False, True):
            yield (f"read {path.relative_to(ROOT)} strict={strict}",
                   lambda p=path, s=strict: _read(p, s, kept))
    for path in sorted(ORGANOGRAMS.glob("*-senior.csv")):
        junior = path.with_name(path.name.replace("-senior.csv", "-junior.csv"))
        for strict in (False, True):
            yield (f"read {path.name} strict={strict}",
                   lambda p=path, s=strict, j=junior: _read(p, s, kept,
                                                             junior=j if j.exists() else None))
    for name, org in {**kept, **_companies((30, 500, 5_000))}.items():
        for suffix in SUFFIXES:
            yield (f"write {Path(name).name} {suffix}",
                   lambda o=org, s=suffix: _write(o, folder / f"out{s}"))


def _dot_options(org: orgraph.Organisation) -> dict[str, dict[str, Any]]:
    nodes = list(org.nodes)
    some = nodes[1::7]
    return {
        "plain": {}, "expand": {"expand": True}, "show": {"show": "all"},
        "coordination": {"show": "coordination"}, "orders": {"show": "orders"},
        "en": {"lang": "en"}, "no": {"lang": "no"}, "legend": {"legend": True},
        "all": {"expand": True, "show": "all", "lang": "en", "legend": True},
        "depth1": {"depth": 1}, "depth2": {"depth": 2}, "wrap1": {"wrap": 1},
        "wrap2": {"wrap": 2}, "wrap3 expand": {"wrap": 3, "expand": True},
        "cut": {"cut": set(some[:3])},
        "captions links": {"captions": {n: f"side {i}" for i, n in enumerate(some)},
                           "links": {n: f"#p{i}&x<y>" for i, n in enumerate(some)}},
        "root depth3": {"root": nodes[len(nodes) // 3], "depth": 3},
        "root": {"root": nodes[0]},
    }


def dot_cases() -> Iterator[tuple[str, Callable[[], Any]]]:
    orgs = {**_charts(), **{f"company {n} seed {s}": generate_company(n, seed=s)
                            for n in (30, 300, 2_000) for s in (0, 3)}}
    for name, org in orgs.items():
        for opt, kw in _dot_options(org).items():
            yield f"{name} to_dot {opt}", lambda o=org, k=kw: to_dot(o, **k)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(__doc__.splitlines()[0],
            lambda: (c for cases in (metric_cases(), format_cases(folder), dot_cases())
                     for c in cases), by_repr=True)


if __name__ == "__main__":
    main()
