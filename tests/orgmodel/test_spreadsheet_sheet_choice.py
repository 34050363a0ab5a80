"""With no sheet named, a workbook whose first sheet is a summary is read from
the first sheet that holds people, and the report says so. Names invented."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from orgmodel.cli import main
from orgmodel.importing.shape import MissingColumnError
from orgmodel.open_chart import read_chart
from tests.orgmodel.workbooks import Rows, write_xlsx

SUMMARY: Rows = [["Headcount summary"], ["Department", "Headcount"], ["Marketing", 3]]
NOTES: Rows = [["Read me first"], ["Owner", "HR"]]
CENSUS: Rows = [
    ["Employee ID", "Name", "Job Title", "Manager ID"],
    ["E1", "Ines Varga", "Chief Executive Officer", None],
    ["E2", "Tomas Ekdahl", "Chief Marketing Officer", "E1"],
    ["E3", "Rui Sato", "Brand Manager", "E2"],
]


def test_the_first_sheet_that_reads_is_used_and_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "book.xlsx", {"Summary": SUMMARY, "Notes": NOTES, "Census": CENSUS}
    )
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {"E1": None, "E2": "E1", "E3": "E2"}
    assert loaded.report is not None
    assert loaded.report.sheet == "Census"
    assert loaded.report.container == "Excel workbook, sheet 'Census'"
    assert loaded.report.notes[0] == "read sheet 'Census': sheet 'Summary' has no id column"


def test_a_named_sheet_is_read_and_nothing_else(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Summary": SUMMARY, "Census": CENSUS})
    with pytest.raises(MissingColumnError):
        read_chart(path, sheet="Summary")


def test_when_no_sheet_reads_the_error_names_the_sheets_and_sheet_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Summary": SUMMARY, "Notes": NOTES})
    with pytest.raises(MissingColumnError) as raised:
        read_chart(path)
    assert raised.value.field == "id"
    code = main(["import", str(path), "-o", str(tmp_path / "out.orgm")], out=io.StringIO())
    assert code == 2
    err = capsys.readouterr().err
    assert "--map id=" in err
    assert "or choose the sheet with --sheet (the sheets: 'Summary', 'Notes')" in err


def test_cli_import_says_which_sheet_it_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Summary": SUMMARY, "Census": CENSUS})
    out = io.StringIO()
    assert main(["import", str(path), "-o", str(tmp_path / "out.orgm")], out=out) == 0
    text = out.getvalue()
    assert "Imported 3 roles" in text
    assert "read sheet 'Census': sheet 'Summary' has no id column" in text


def test_a_first_sheet_of_people_needing_a_mapping_is_not_passed_over(tmp_path: Path) -> None:
    badges: Rows = [["Badge", "Job Title", "Manager ID"], ["B1", "CEO", None], ["B2", "CMO", "B1"]]
    path = write_xlsx(tmp_path / "book.xlsx", {"People": badges, "Census": CENSUS})
    with pytest.raises(MissingColumnError) as raised:
        read_chart(path)
    assert raised.value.field == "id"
    assert "--sheet" not in str(raised.value)
