"""The hostile-input corpus: every case, from :mod:`cases_files`, :mod:`cases_graphs` and
:mod:`cases_cli` (each registers its cases in :data:`tests.hostile.cases_files.CASES`).

Examples
--------
>>> len(CASES) > 300 and len({case.input for case in CASES}) >= 150
True
>>> sorted({case.expect for case in CASES})
['any', 'error', 'ok', 'warn']
"""

from __future__ import annotations

from tests.hostile import cases_cli, cases_graphs  # noqa: F401  (they register their cases)
from tests.hostile.cases_files import CASES

__all__ = ["CASES"]
