"""Spreadsheets (.xlsx, .xls, .ods) import to the same chart as their CSV twin."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest

from orgmodel.cli import main
from orgmodel.errors import ChartReadError
from orgmodel.importing.spreadsheet import read_spreadsheet, sheet_names
from orgmodel.importing.workbook_reader import cell_text
from orgmodel.open_chart import LoadedChart, read_chart
from tests.orgmodel.workbooks import Rows, write_ods, write_xlsx

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

LEAVERS: Rows = [
    ["Employee ID", "Name", "Job Title", "Manager ID"],
    [3001, "Gunnar Holm", "Chief Executive Officer", None],
    [3002, "Sofia Rinaldi", "Marketing Director", 3001],
]


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
    first = ["1001", "Ines Varga", "Chief Executive Officer", "", "2014-02-03", "1"]
    assert table.records[2][1] == first
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
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {"1": None, "2": "1"}
    assert top(loaded) == ["Ines Varga"]


# --- same chart as the CSV -----------------------------------------------------------


def test_an_xlsx_imports_to_the_same_chart_as_its_csv_twin(tmp_path: Path) -> None:
    from_xlsx = read_chart(write_xlsx(tmp_path / "people.xlsx", {"People": [HEADER, *PEOPLE]}))
    from_csv = read_chart(csv_twin(tmp_path / "people.csv"))
    assert chart_of(from_xlsx) == chart_of(from_csv)
    assert {r.id: r.manager for r in from_xlsx.chart} == EXPECTED_MANAGERS
    assert top(from_xlsx) == ["Ines Varga"]
    assert from_xlsx.report.container == "Excel workbook, sheet 'People'"
    assert from_csv.report.container == "CSV file"


def test_an_xlsx_report_imports_to_the_same_chart_as_its_csv_twin(tmp_path: Path) -> None:
    from_xlsx = read_chart(report_sheet(tmp_path / "people.xlsx"))
    from_csv = read_chart(csv_twin(tmp_path / "people.csv"))
    assert chart_of(from_xlsx) == chart_of(from_csv)
    assert {r.id: r.manager for r in from_xlsx.chart} == EXPECTED_MANAGERS
    assert top(from_xlsx) == ["Ines Varga"]
    assert from_xlsx.chart.role("1005").vacant
    assert from_xlsx.chart.role("1006").manager == "1002"  # Pelle Moreau -> Tomas Ekdahl
    assert from_xlsx.report is not None and from_csv.report is not None
    assert from_xlsx.report.columns == from_csv.report.columns


def test_a_workbook_larger_than_a_pipe_holds_reads_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader is handed the file's bytes through a pipe: a workbook larger
    than the pipe's buffer (64 KB on Linux) once reached it only in part, and
    the reader waited for the rest until the time limit."""
    import orgmodel.importing.spreadsheet as spreadsheet
    from bench.generate import generate_chart
    from bench.generate import write_xlsx as write_report

    monkeypatch.setattr(spreadsheet, "TIMEOUT_SECONDS", 60)  # fail, not hang, if it waits
    # Asked at once whether to go on, before the reader has taken the bytes.
    monkeypatch.setattr(spreadsheet, "ASK_EVERY_SECONDS", 0.001)
    chart = generate_chart(5_000)
    path = tmp_path / "headcount.xlsx"
    write_report(chart, path, title=True)
    assert path.stat().st_size > 64 * 1024
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {r.id: r.manager for r in chart}


def test_an_ods_reads_like_the_xlsx(tmp_path: Path) -> None:
    # A title row and a blank row above the header, as in the .xlsx report.
    people: Rows = [[TITLE], [], HEADER, *PEOPLE]
    path = write_ods(tmp_path / "people.ods", {"People": people, "Leavers": LEAVERS})
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == EXPECTED_MANAGERS
    assert top(loaded) == ["Ines Varga"]
    assert read_spreadsheet(path).container == "OpenDocument spreadsheet, sheet 'People'"


def test_an_old_xls_with_a_hidden_first_sheet_reads_its_visible_sheet() -> None:
    path = FIXTURES / "staff.xls"
    assert sheet_names(path) == ["Staff"]  # 'Lists' is hidden
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {
        "2001": None,
        "2002": "2001",
        "2003": "2002",
        "2004": "2001",
    }
    assert top(loaded) == ["Odile Brandt"]
    assert read_spreadsheet(path).container == "Excel 97-2003 workbook, sheet 'Staff'"


def test_an_xlsx_saved_under_an_xls_name_still_reads(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "people.xlsx", {"People": [HEADER, *PEOPLE]})
    misnamed = tmp_path / "people.xls"
    misnamed.write_bytes(xlsx.read_bytes())
    assert {r.id: r.manager for r in read_chart(misnamed).chart} == EXPECTED_MANAGERS


# --- choosing a sheet ----------------------------------------------------------------


def test_the_first_visible_sheet_is_read_unless_another_is_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx",
        {"Notes": [["read me"]], "People": [HEADER, *PEOPLE], "Leavers": LEAVERS},
        hidden=["Notes"],
    )
    assert sheet_names(path) == ["People", "Leavers"]
    first = read_chart(path)
    assert {r.id: r.manager for r in first.chart} == EXPECTED_MANAGERS
    chosen = read_chart(path, sheet="Leavers")
    assert {r.id: r.manager for r in chosen.chart} == {"3001": None, "3002": "3001"}
    assert top(chosen) == ["Gunnar Holm"]
    table = read_spreadsheet(path, "leavers")  # case does not matter
    assert table.container == "Excel workbook, sheet 'Leavers'"
    assert "read 'Leavers' (the others: 'People')" in table.notes[0]


def test_a_sheet_that_is_not_there_names_the_sheets_that_are(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {"People": [HEADER, *PEOPLE], "Leavers": LEAVERS})
    with pytest.raises(ChartReadError) as error:
        read_chart(path, sheet="Staff")
    assert str(error.value) == (
        "two.xlsx: the workbook has no sheet 'Staff' (its sheets: 'People', 'Leavers')"
    )


def test_cli_sheet_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {"People": [HEADER, *PEOPLE], "Leavers": LEAVERS})
    out = io.StringIO()
    assert main(["inspect", str(path), "--sheet", "Leavers"], out=out) == 0
    assert "Read 2 roles from two.xlsx" in out.getvalue()
    assert "Excel workbook, sheet 'Leavers'" in out.getvalue()
    assert main(["inspect", str(path), "--sheet", "Nope"], out=io.StringIO()) == 2
    assert "no sheet 'Nope'" in capsys.readouterr().err


# --- what must not crash -------------------------------------------------------------


def test_merged_cells_across_rows_read_in_their_first_row(tmp_path: Path) -> None:
    rows: Rows = [
        ["Employee ID", "Name", "Job Title", "Manager ID", "Department"],
        [1, "Ines Varga", "Chief Executive Officer", None, "Executive"],
        [2, "Tomas Ekdahl", "Chief Marketing Officer", 1, "Marketing"],
        [3, "Amara Okafor", "Brand Manager", 2, None],
    ]
    path = write_xlsx(tmp_path / "merged.xlsx", {"People": rows}, merged={"People": ["E3:E4"]})
    loaded = read_chart(path)
    assert {r.id: r.manager for r in loaded.chart} == {"1": None, "2": "1", "3": "2"}
    assert loaded.chart.role("2").department == "Marketing"
    assert loaded.chart.role("3").department == ""
    assert any("merged cell spans several rows" in n for n in read_spreadsheet(path).notes)


def test_a_damaged_workbook_is_one_clear_error(tmp_path: Path) -> None:
    good = report_sheet(tmp_path / "good.xlsx").read_bytes()
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(good[: len(good) // 2])
    with pytest.raises(ChartReadError) as error:
        read_chart(damaged)
    assert str(error.value).startswith("damaged.xlsx: the file cannot be read as a spreadsheet (")


def test_a_password_protected_workbook_is_one_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "protected.xlsx"
    assert main(["validate", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        "orgmodel: protected.xlsx: the workbook is protected by a password; "
        "save an unprotected copy and import that\n"
    )


def test_an_empty_sheet_says_so(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", {"People": []})
    with pytest.raises(ChartReadError, match="sheet 'People' is empty"):
        read_spreadsheet(path)


def test_inspect_says_which_container_it_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "people.xlsx", {"People": [HEADER, *PEOPLE]})
    out = io.StringIO()
    assert main(["inspect", str(path)], out=out) == 0
    assert "Read 7 roles from people.xlsx (dry run)." in out.getvalue()
    assert "Read from: Excel workbook, sheet 'People'" in out.getvalue()


def test_every_command_that_takes_a_csv_takes_a_workbook(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "people.ods", {"People": [HEADER, *PEOPLE]})
    assert main(["validate", str(path), "--format", "json"], out=io.StringIO()) in (0, 1)
    target = tmp_path / "people.orgm"
    assert main(["import", str(path), "-o", str(target)], out=io.StringIO()) == 0
    assert {r.id: r.manager for r in read_chart(target).chart} == EXPECTED_MANAGERS
    dot = tmp_path / "people.dot"
    assert main(["export", str(path), "-o", str(dot)], out=io.StringIO()) == 0
    # Roles are drawn in file order: n1 is Tomas Ekdahl, n5 Pelle Moreau.
    assert "n1 -> n5" in dot.read_text()
    assert "n5 [label=<<B>Brand Manager</B><BR/>Pelle Moreau" in dot.read_text()


def test_a_kind_of_file_orgmodel_does_not_read_says_which_it_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "chart.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert main(["validate", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        "orgmodel: chart.pdf: Orgmodel reads .orgm charts, HR exports (.csv, .tsv, .txt, "
        ".ods, .xls, .xlsx) and JSON chart data (.json)\n"
    )


def test_sheet_on_a_csv_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = csv_twin(tmp_path / "people.csv")
    assert main(["inspect", str(path), "--sheet", "People"], out=io.StringIO()) == 2
    assert "only a spreadsheet has sheets to choose from" in capsys.readouterr().err


def test_a_stray_cell_far_away_is_refused_before_it_is_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Loading this sheet whole would ask for some 500 GB of memory.
    import xlsxwriter

    rows: Rows = [HEADER, *PEOPLE]
    path = tmp_path / "stray.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("People")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, [cell_text(v) if v is not None else "" for v in row])
    sheet.write(1_048_575, 16_383, "stray")
    book.close()
    assert main(["validate", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        "orgmodel: stray.xlsx: sheet 'People' reaches row 1,048,576 and column 16,384; "
        "sheets of more than 20,000,000 cells are refused (delete the stray cells far "
        "below or to the right of the table)\n"
    )
    # The same table without the stray cell reads, with its reporting lines.
    clean = write_xlsx(tmp_path / "clean.xlsx", {"People": rows})
    assert {r.id: r.manager for r in read_chart(clean).chart} == EXPECTED_MANAGERS


def test_errors_name_the_row_as_the_spreadsheet_numbers_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: Rows = [
        [],
        [],
        ["Employee ID", "Name", "Colour", "Manager ID"],
        [1, "Ines Varga", "Teal", None],
        [2, "Tomas Ekdahl", "Amber", 1],
    ]
    path = write_xlsx(tmp_path / "no-titles.xlsx", {"People": rows})
    assert main(["validate", str(path)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("orgmodel: no-titles.xlsx, row 3: no column holds a job title")
    assert "--map title='Colour'" in err
    mapped = read_chart(path, mapping={"title": "Colour"})
    assert {r.id: r.manager for r in mapped.chart} == {"1": None, "2": "1"}


def test_a_csv_under_a_spreadsheet_name_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    path.write_bytes(csv_twin(tmp_path / "people.csv").read_bytes())
    with pytest.raises(ChartReadError) as error:
        read_chart(path)
    assert str(error.value) == (
        "people.xlsx: this is text, not a spreadsheet; if it is a CSV export, "
        "give it a .csv name and import that"
    )
    assert {r.id: r.manager for r in read_chart(tmp_path / "people.csv").chart} == (
        EXPECTED_MANAGERS
    )


def test_a_workbook_that_would_abort_the_library_is_one_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # staff.xls with a few bytes changed: opening it makes the spreadsheet
    # library ask for 160 GB, and its allocator aborts the process it runs in.
    path = FIXTURES / "allocation-abort.xls"
    assert main(["validate", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        "orgmodel: allocation-abort.xls: the file cannot be read as a spreadsheet (it is "
        "damaged, or needs more memory than a chart's rows can)\n"
    )
    # This process lives on, and reads the undamaged file.
    staff = read_chart(FIXTURES / "staff.xls")
    assert {r.id: r.manager for r in staff.chart}["2003"] == "2002"
