"""Files without an id column are keyed by a unique name or e-mail; one row
without an id never blocks a file. All names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.errors import ChartReadError
from orgmodel.importing.pipeline import import_csv
from orgmodel.importing.shape import MissingColumnError

from .csvfiles import managers, write

IMPORTS = Path(__file__).parent.parent / "data" / "imports"


def test_a_name_keyed_file_imports_with_managers_by_name() -> None:
    report = import_csv(IMPORTS / "name_keyed.csv")
    lines = managers(report)
    assert [r for r, boss in lines.items() if boss is None] == ["Philomena Garside"]
    assert lines["Rufus Adeleke"] == "Philomena Garside"
    assert lines["Cormac Villiers"] == "Saoirse Lundqvist"  # written in lower case
    assert lines["Jolanta Achterberg"] == "Cormac Villiers"  # written "Villiers, Cormac"
    # The open seats are kept, vacant, known by their line.
    assert lines["line 8"] == "Ottoline Haraldsen"
    assert lines["line 11"] == "Cormac Villiers"
    assert report.chart.role("line 8").person is None
    assert report.columns["id"] == "Name"
    assert report.managers_resolved == {"name": 9}
    assert report.unresolved_managers == ()
    assert any("no id column: rows are keyed by 'Name'" in n for n in report.notes)


def test_an_email_keys_the_rows_when_names_repeat(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Name,Email,Title,Manager Email",
        "Ada Quist,ada@quist.example,Chief Executive Officer,",
        "Bo Lind,bo.1@quist.example,Chief Marketing Officer,ada@quist.example",
        "Bo Lind,bo.2@quist.example,Marketing Manager,bo.1@quist.example",
    )
    report = import_csv(path)
    assert managers(report) == {
        "ada@quist.example": None,
        "bo.1@quist.example": "ada@quist.example",
        "bo.2@quist.example": "bo.1@quist.example",
    }
    assert any("keyed by 'Email'" in n for n in report.notes)


def test_one_row_without_an_id_among_two_hundred_is_set_aside(tmp_path: Path) -> None:
    rows = ["Employee ID,Name,Job Title,Manager ID", "E0,Ada Quist,Chief Executive Officer,"]
    rows += [f"E{i},Person {i:03d} Quist,Marketing Manager,E0" for i in range(1, 200)]
    rows[53] = ",(open position),Marketing Manager,E0"
    report = import_csv(write(tmp_path, *rows))
    assert len(report.chart) == 199
    assert report.set_aside == (
        "line 54: no id in column 'Employee ID' (an open position?); not imported",
    )
    assert managers(report)["E199"] == "E0"


@pytest.mark.parametrize(
    ("header", "field", "example"),
    [
        ("Badge,Name,Job Title,Manager ID", "id", "Badge"),
        ("Employee ID,Name,Office,Manager ID", "title", "Office"),
        ("Employee ID,Name,Job Title,Mentor", "manager", "Mentor"),
    ],
)
def test_a_missing_required_column_names_map_with_an_example(
    tmp_path: Path, header: str, field: str, example: str
) -> None:
    path = write(tmp_path, header, "1,Ada Quist,Chief Executive Officer,", "2,Ada Quist,CMO,1")
    with pytest.raises(MissingColumnError) as info:
        import_csv(path)
    assert info.value.field == field
    assert str(info.value).endswith(f"name the column with --map {field}={example!r}")
    assert isinstance(info.value, ChartReadError)
