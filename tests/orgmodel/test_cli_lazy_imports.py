"""`orgmodel validate` of an HR export loads only what reading a CSV and checking
it needs: the readers of other formats and the other commands' machinery are
imported where they are used (issue 15: the whole command's time counts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NOT_FOR_A_CSV = (
    "PySide6",
    "graphviz",
    "orgmodel.graphviz_layout",
    "cattrs",
    "orgmodel.fileformat",
    "orgmodel.atomic_write",
    "orgmodel.importing.spreadsheet",
    "orgmodel.importing.workbook_reader",
    "python_calamine",
    "orgmodel.importing.json_rows",
    "orgmodel.analysis",
    "orgmodel.diff",
    "orgmodel.spans",
    "orgmodel.templates",
)
"""Modules, and the packages under them, that validating a CSV never uses."""


def _modules_after(argv: list[str]) -> tuple[int, list[str]]:
    """The exit code of ``orgmodel`` run with ``argv`` in a fresh interpreter,
    and the modules it had imported by then."""
    probe = (
        "import json, sys, io\n"
        "from orgmodel.cli import main\n"
        f"code = main({argv!r}, out=io.StringIO())\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    code, modules = json.loads(result.stdout)
    return code, modules


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names)]


def test_validating_a_csv_imports_no_other_reader_or_command(samples: Path) -> None:
    code, modules = _modules_after(["validate", str(samples / "enterprise.csv")])
    assert code in (0, 1)
    assert "orgmodel.importing.csv_reader" in modules
    assert _loaded(modules, NOT_FOR_A_CSV) == []


def test_validating_a_chart_file_still_loads_the_chart_format(samples: Path) -> None:
    # The check above would pass as well if nothing were ever imported: the
    # same probe sees the format's reader once a .orgm is validated.
    code, modules = _modules_after(["validate", str(samples / "enterprise.orgm")])
    assert code == 0
    assert _loaded(modules, ("orgmodel.fileformat", "cattrs")) != []
