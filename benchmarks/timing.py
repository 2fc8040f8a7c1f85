"""The timing the benchmarks share: the fastest of a few runs, garbage collected before each.

Run from ``python3 benchmarks/bench_*.py`` (this folder is then on ``sys.path``).

Examples
--------
>>> fastest(lambda: sum(range(1000)), 2) >= 0.0
True
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

__all__ = ["fastest"]


def fastest(func: Callable[[], object], repeat: int = 3,
            clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of ``repeat`` runs of ``func``, in seconds of ``clock`` (wall clock by
    default; ``time.process_time`` for CPU time)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = clock()
        func()
        times.append(clock() - start)
    return min(times)
