"""Deep and large inputs (issue 14): DOT parsing and YAML chart loading against baselines.

Run from the repository root (not part of the test run):

    python benchmarks/bench_readers.py                 # DOT 3,000 and 30,000 nodes, YAML 230,000
    python benchmarks/bench_readers.py --quick         # smaller sizes

Each row is CPU seconds (``time.process_time``), best of one run, measured in this run:

- DOT: pydot's ``graph_from_dot_data`` (the parser orgraph used before) against
  ``orgraph.formats._dotparse.parse``, on a tree written as ``a [label=..., kind=unit];``
  statements and ``a -> b;`` edges; pydot only at the smaller size (it grows faster than the
  file), and the whole ``orgraph.formats.read`` at each size.
- YAML: a parent chain (``- {id: nK, kind: unit, parent: nK-1}``) parsed by PyYAML's
  ``SafeLoader`` composer and constructor (the way orgraph read before, recursive per level)
  against ``orgraph.yamlsafe.parse_yaml`` (libyaml's events, an explicit stack), and the
  whole ``orgraph.load`` (parse, schema, build, chart rules).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pydot  # noqa: E402
import yaml  # noqa: E402

import orgraph  # noqa: E402
from orgraph.formats import read  # noqa: E402
from orgraph.formats._dotparse import parse  # noqa: E402
from orgraph.yamlsafe import parse_yaml  # noqa: E402


def _cpu(function, *args):  # type: ignore[no-untyped-def]
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def dot_text(n: int) -> str:
    nodes = "".join(f'  n{i} [label="N {i}", kind=unit];\n' for i in range(n))
    edges = "".join(f"  n{(i - 1) // 3} -> n{i};\n" for i in range(1, n))
    return "digraph {\n" + nodes + edges + "}\n"


def yaml_chain(n: int) -> str:
    rows = "".join(f"- {{id: n{i}, kind: unit, parent: n{i - 1}}}\n" for i in range(1, n))
    return "orgraph: 1\norganisation: {name: X}\nunits:\n- {id: n0, kind: cao}\n" + rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    folder = Path(tempfile.mkdtemp())
    small, large, chain = (1_000, 5_000, 20_000) if quick else (3_000, 30_000, 230_000)
    print("| input | baseline | orgraph | ratio |\n|---|---|---|---|")
    text = dot_text(small)
    base, ours = _cpu(pydot.graph_from_dot_data, text), _cpu(parse, text)
    print(f"| DOT {small:,} nodes: parse | pydot {base:.2f} s | {ours:.3f} s | "
          f"{base / ours:.0f}× |")
    for n in (small, large):
        path = folder / f"t{n}.dot"
        path.write_text(dot_text(n), encoding="utf-8")
        print(f"| DOT {n:,} nodes: formats.read | | {_cpu(read, path):.2f} s | |")
    text = yaml_chain(chain)
    base = _cpu(yaml.load, text, yaml.SafeLoader)
    ours = _cpu(parse_yaml, text)
    print(f"| YAML chain of {chain:,}: parse | SafeLoader {base:.2f} s | {ours:.2f} s | "
          f"{base / ours:.1f}× |")
    path = folder / "chain.yaml"
    path.write_text(text, encoding="utf-8")
    print(f"| YAML chain of {chain:,}: orgraph.load | | {_cpu(orgraph.load, path):.2f} s | |")


if __name__ == "__main__":
    main()
