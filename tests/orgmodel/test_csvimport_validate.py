"""Validating an HR export says which reporting lines the import left unlinked
because their manager's name is shared, beside the findings those roles cause.
All names are invented."""

from __future__ import annotations

import io
import json
from pathlib import Path

from orgmodel.cli import main
from orgmodel.open_chart import read_chart

from .csvfiles import managers, write

ROWS = (
    "Worker ID,Worker,Business Title,Manager",
    "1,Ada Quist,Chief Executive Officer,",
    "2,Yusuf Rossi,Chief Marketing Officer,Ada Quist",
    "3,Yusuf Rossi,Warehouse Manager,Ada Quist",
    "4,Bo Lind,Brand Manager,Yusuf Rossi",
    "5,Cy Moss,Content Manager,Yusuf Rossi",
)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_validate_names_the_lines_whose_manager_name_is_shared(tmp_path: Path) -> None:
    path = write(tmp_path, *ROWS)
    report = read_chart(path).report
    assert report is not None
    assert managers(report) == {"1": None, "2": "1", "3": "1", "4": None, "5": None}
    _code, out = run("validate", str(path))
    ambiguous = out.index("AMBIGUOUS MANAGER NAMES (2)")
    assert ambiguous < out.index("[multiple-tops]")
    assert "line 5: 'Yusuf Rossi' is the name of several people" in out[ambiguous:]
    assert "line 6: 'Yusuf Rossi' is the name of several people" in out[ambiguous:]


def test_validate_json_lists_the_shared_manager_names(tmp_path: Path) -> None:
    _code, out = run("validate", str(write(tmp_path, *ROWS)), "--format", "json")
    assert json.loads(out)["ambiguous_managers"] == [
        {"line": 5, "name": "Yusuf Rossi"},
        {"line": 6, "name": "Yusuf Rossi"},
    ]


def test_validate_says_nothing_of_names_when_none_is_shared(tmp_path: Path) -> None:
    path = write(tmp_path, *ROWS[:3])
    _code, out = run("validate", str(path))
    assert "AMBIGUOUS" not in out
    _code, out = run("validate", str(path), "--format", "json")
    assert set(json.loads(out)) == {"findings", "summary"}
