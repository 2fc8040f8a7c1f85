"""`orgraph compare` on the nine survey charts prints the report's Table 2.1, cell for cell.

The expected table is typed from NIBR-rapport 2002:21, Tabell 2.1 (see ../shared/DESIGN.md);
the test reads the command's own output, as a user would.
"""

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from orgraph.cli import main

ROOT = Path(__file__).parent.parent
ORDER = ["evenes", "sveio", "rissa", "loten", "strand", "lier", "moss", "arendal", "larvik"]
FILES = [str(ROOT / "charts" / f"{name}.yaml") for name in ORDER]

TABLE_2_1 = {
    "Inhabitants": "1523 4623 6449 7188 9969 21543 27338 39446 40386",
    "Years of experience": "4 3 5 8 9 3 1 2 2",
    "Leader team": "3 5 3 4+8 2+8 7 4 5 1+65",
    "Central staff": "yes yes yes yes no no yes yes yes",
    "Performance units": "8 15 20 8 8 54 35 65 65",
    "Political organisation": ["no committees", "hovedutvalg", "hovedutvalg", "utvalg F",
                               "utvalg F", "hovedutvalg", "utvalg", "komité", "komité"],
}


def test_compare_json_reproduces_table_2_1():
    result = CliRunner().invoke(main, ["compare", *FILES, "--format", "json"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    rows = {row["dimension"]: row["values"] for row in table["rows"]}
    for dimension, expected in TABLE_2_1.items():
        expected = expected.split() if isinstance(expected, str) else expected
        assert rows[dimension] == expected, dimension
    assert table["columns"][0] == "Evenes kommune" and table["columns"][-1] == "Larvik kommune"


def test_compare_table_annotates_the_contradictions():
    done = subprocess.run([sys.executable, "-m", "orgraph", "compare", *FILES],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    units = next(line for line in lines if line.startswith("Performance units"))
    assert units.split()[2:] == ["8", "*1", "15", "20", "8", "8", "54", "*2", "35", "65", "*3",
                                 "65", "*4"]
    notes = done.stdout.split("\n\n", 1)[1]
    assert "Arendal kommune" in notes and "64" in notes and "over 60" in notes
    assert "Larvik kommune" in notes and "nærmere 70" in notes
