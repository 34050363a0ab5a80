"""Spreadsheets (.xlsx, .xls, .ods) import to the same chart as their CSV twin."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from orgmodel.errors import ChartReadError
from orgmodel.importing.spreadsheet import cell_text, read_spreadsheet
from orgmodel.loading import LoadedChart
from tests.orgmodel.workbooks import Rows, write_xlsx

FIXTURES = Path(__file__).parents[1] / "data" / "containers"

HEADER = ["Employee ID", "Name", "Job Title", "Manager ID", "Start Date", "FTE"]
PEOPLE: Rows = [
    [1001, "Ines Varga", "Chief Executive Officer", None, datetime.date(2014, 2, 3), 1],
    [1002, "Tomas Ekdahl", "Chief Marketing Officer", 1001, datetime.date(2019, 5, 20), 1],
    [1003, "Rui Sato", "Chief Operating Officer", 1001, datetime.date(2017, 11, 6), 1],
    [1004, "Amara Okafor", "Director of Demand Generation", 1002, datetime.date(2021, 3, 1), 1],
    [1005, "Vacant", "SEO Manager", 1004, None, 1],
    [1006, "Pelle Moreau", "Brand Manager", 1002, datetime.date(2022, 8, 15), 0.5],
    [1007, "Hana Kowalczyk", "Operations Manager", 1003, datetime.date(2020, 1, 13), 1],
]
EXPECTED_MANAGERS = {
    "1001": None,
    "1002": "1001",
    "1003": "1001",
    "1004": "1002",
    "1005": "1004",
    "1006": "1002",
    "1007": "1003",
}
TITLE = "Fjordline Foods: headcount report, March 2024"


def csv_twin(path: Path) -> Path:
    """The same people as a CSV saved from the sheet would hold them."""
    lines = [",".join(HEADER)]
    for row in PEOPLE:
        lines.append(",".join(cell_text(v) if v is not None else "" for v in row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def report_sheet(path: Path, **sheets: Rows) -> Path:
    """An Excel report: a title row, a blank row, then the header and the people."""
    people: Rows = [[TITLE], [], HEADER, *PEOPLE]
    return write_xlsx(path, {"People": people, **sheets}, merged={"People": ["A1:F1"]})


def chart_of(loaded: LoadedChart) -> dict[str, tuple[str | None, str, str | None]]:
    """id -> (person, title, manager) of every role."""
    return {r.id: (r.person, r.title, r.manager) for r in loaded.chart}


def top(loaded: LoadedChart) -> list[str]:
    return [r.person or r.title for r in loaded.chart if r.manager is None]


# --- reading cells -------------------------------------------------------------------


def test_cells_arrive_as_the_text_a_csv_would_hold() -> None:
    assert cell_text(1001.0) == "1001"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(0.5) == "0.5"
    assert cell_text(datetime.date(2024, 3, 1)) == "2024-03-01"
    assert cell_text(datetime.datetime(2024, 3, 1)) == "2024-03-01"
    assert cell_text(datetime.datetime(2024, 3, 1, 9, 30)) == "2024-03-01 09:30:00"
    assert cell_text(True) == "TRUE"
    assert cell_text("  Ines Varga ") == "  Ines Varga "


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    table = read_spreadsheet(report_sheet(tmp_path / "people.xlsx"))
    positions = [position for position, _cells in table.records]
    assert positions == [1, 3, 4, 5, 6, 7, 8, 9, 10]  # row 2 is blank
    assert table.unit == "row"
    assert table.container == "Excel workbook, sheet 'People'"
    assert table.records[0][1][0] == TITLE
    assert table.records[1][1] == HEADER
    assert table.records[2][1] == [
        "1001",
        "Ines Varga",
        "Chief Executive Officer",
        "",
        "2014-02-03",
        "1",
    ]
    assert table.records[7][1][5] == "0.5"


def test_a_formula_is_read_as_its_value_not_its_text(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "formula.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("People")
    sheet.write_row(0, 0, ["Employee ID", "Name", "Job Title", "Manager ID"])
    sheet.write_row(1, 0, [1, "Ines Varga", "CEO"])
    sheet.write_formula(2, 0, "=A2+1", None, 2)
    sheet.write_row(2, 1, ["Tomas Ekdahl", "CMO"])
    sheet.write_formula(2, 3, "=A2", None, 1)
    book.close()
    assert read_spreadsheet(path).records[2][1] == ["2", "Tomas Ekdahl", "CMO", "1"]


# --- same chart as the CSV -----------------------------------------------------------


# --- choosing a sheet ----------------------------------------------------------------


LEAVERS: Rows = [
    ["Employee ID", "Name", "Job Title", "Manager ID"],
    [3001, "Gunnar Holm", "Chief Executive Officer", None],
    [3002, "Sofia Rinaldi", "Marketing Director", 3001],
]


# --- what must not crash -------------------------------------------------------------


def test_an_empty_sheet_says_so(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", {"People": []})
    with pytest.raises(ChartReadError, match="sheet 'People' is empty"):
        read_spreadsheet(path)
