"""What ``dot_fingerprint.py`` and ``results_fingerprint.py`` share: hashing each case's
output (a failure is part of the fingerprint), writing them and comparing with a baseline.

Not a script of its own; the two scripts import it from this folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def digest(make: Callable[[], Any], by_repr: bool = False) -> str:
    """SHA-256 of what ``make`` returns (bytes and text as they are; ``by_repr``: of its
    ``repr``, whatever it is), or ``error Type: message`` when it raises."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = make()
    except Exception as exc:  # the failure is part of the fingerprint
        return f"error {type(exc).__name__}: {exc}"
    data = repr(out) if by_repr else out
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def run(description: str, cases: Callable[[], Iterable[tuple[str, Callable[[], Any]]]],
        by_repr: bool = False) -> None:
    """The command line: ``--out FILE`` writes every case's digest as JSON; ``--compare
    BASE`` lists the cases that differ from a baseline and exits 1 if any do."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--compare", type=Path, help="a baseline JSON file to compare with")
    args = parser.parse_args()
    result = {name: digest(make, by_repr) for name, make in cases()}
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(result)} cases, {sum(v.startswith('error') for v in result.values())} errors")
    if args.compare:
        base = json.loads(args.compare.read_text("utf-8"))
        differ = sorted(k for k in base.keys() | result.keys() if base.get(k) != result.get(k))
        for key in differ:
            print(f"DIFFERS: {key}")
        print(f"{len(differ)} of {len(base)} differ")
        sys.exit(1 if differ else 0)
