"""File ▸ Import of a workbook and of JSON chart data, through the import dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.orgmodel.workbooks import write_xlsx
from ui.file_commands import CSV_FILTER
from ui.import_dialog import ImportPreviewDialog
from ui.main_window import MainWindow

from .conftest import Dialogs

EMPLOYEES = [
    ["Employee ID", "Name", "Job Title", "Manager ID"],
    [1001, "Ines Varga", "Chief Executive Officer", None],
    [1002, "Tomas Ekdahl", "Chief Marketing Officer", 1001],
    [1003, "Amara Okafor", "Brand Manager", 1002],
]
CONTRACTORS = [
    ["Worker ID", "Full Name", "Role", "Supervisor ID", "Agency"],
    ["C-1", "Gunnar Holm", "Chief Operating Officer", None, "Northwind Staffing"],
    ["C-2", "Sofia Rinaldi", "Operations Manager", "C-1", "Northwind Staffing"],
    ["C-3", "Pavel Dvorak", "Supply Chain Manager", "C-2", "Blue Harbour"],
    ["C-4", "Mei Takahashi", "Procurement Manager", "C-2", ""],
]


def workbook(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "headcount.xlsx",
        {"Lookups": [["Agencies"]], "Employees": EMPLOYEES, "Contractors": CONTRACTORS},
        hidden=["Lookups"],
    )


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer File ▸ Import's file dialog with ``path``; returns the filters it offered."""
    offered: list[str] = []

    def pick(_parent: object, _caption: str, _folder: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    return offered


def reports(window: MainWindow) -> dict[str, str | None]:
    chart = window.document.chart
    return {
        r.person or r.title: (chart.role(r.manager).person if r.manager else None) for r in chart
    }


def test_import_an_xlsx_choosing_its_second_sheet(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    path = workbook(tmp_path)
    offered = choose_file(monkeypatch, path)
    seen: list[dict[str, object]] = []

    def review(dialog: ImportPreviewDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        picker = dialog.sheets
        first = {
            "sheets": [picker.itemText(i) for i in range(picker.count())],
            "source": dialog.report.container,
            "roles": len(dialog.report.chart),
        }
        picker.setCurrentText("Contractors")  # the user picks the other sheet
        dialog.grab().save(str(tmp_path / "import-dialog.png"))
        seen.append(
            {
                **first,
                "after": dialog.report.container,
                "manager": dialog.choosers["manager"].currentText(),
                "picker shown": picker.isVisible(),
            }
        )
        dialog.hide()
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", review)
    window.import_action.trigger()

    assert "*.xlsx" in offered[0] and "*.ods" in offered[0] and "*.json" in offered[0]
    assert seen == [
        {
            "sheets": ["Employees", "Contractors"],  # the hidden sheet is not offered
            "source": "Excel workbook, sheet 'Employees'",
            "roles": 3,
            "after": "Excel workbook, sheet 'Contractors'",
            "manager": "Supervisor ID",
            "picker shown": True,
        }
    ]
    assert reports(window) == {
        "Gunnar Holm": None,
        "Sofia Rinaldi": "Gunnar Holm",
        "Pavel Dvorak": "Sofia Rinaldi",
        "Mei Takahashi": "Sofia Rinaldi",
    }
    assert window.document.undo_stack.undoText() == "Import headcount.xlsx"
    assert (tmp_path / "import-dialog.png").stat().st_size > 0
    assert not dialogs.said


def test_reading_again_keeps_the_chosen_sheet(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgmodel.open_chart import read_chart

    path = workbook(tmp_path)
    loaded = read_chart(path)
    assert loaded.report is not None
    dialog = ImportPreviewDialog(loaded.report, path)
    qtbot.addWidget(dialog)
    assert dialog.choose_sheet("Contractors")
    dialog.choosers["department"].setCurrentText("Agency")
    assert dialog.reread()
    chart = dialog.report.chart
    assert chart.role("C-3").department == "Blue Harbour"
    assert chart.role("C-3").manager == "C-2"  # Pavel Dvorak -> Sofia Rinaldi
    assert dialog.report.container == "Excel workbook, sheet 'Contractors'"
    assert "Excel workbook, sheet &#x27;Contractors&#x27;" in dialog.summary.text()


def test_the_picker_starts_on_the_sheet_the_import_chose(qtbot: QtBot, tmp_path: Path) -> None:
    from orgmodel.open_chart import read_chart

    summary = [["Headcount summary"], ["Department", "Headcount"], ["Marketing", 3]]
    path = write_xlsx(tmp_path / "book.xlsx", {"Summary": summary, "Employees": EMPLOYEES})
    loaded = read_chart(path)
    assert loaded.report is not None
    dialog = ImportPreviewDialog(loaded.report, path)
    qtbot.addWidget(dialog)
    assert dialog.sheets.currentText() == "Employees"
    assert dialog.choosers["id"].currentText() == "Employee ID"
    dialog.choosers["name"].setCurrentText("(not used)")
    assert dialog.reread()  # read again from the sheet shown, not the first
    assert {r.id: r.manager for r in dialog.report.chart} == {
        "1001": None,
        "1002": "1001",
        "1003": "1002",
    }
    assert dialog.report.sheet == "Employees"


def test_a_one_sheet_workbook_shows_no_picker(qtbot: QtBot, tmp_path: Path) -> None:
    from orgmodel.open_chart import read_chart

    path = write_xlsx(tmp_path / "one.xlsx", {"Employees": EMPLOYEES})
    loaded = read_chart(path)
    assert loaded.report is not None
    dialog = ImportPreviewDialog(loaded.report, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.sheets.isVisible()
    assert {r.id: r.manager for r in dialog.report.chart} == {
        "1001": None,
        "1002": "1001",
        "1003": "1002",
    }


def test_import_json_chart_data(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    path = tmp_path / "chart.json"
    people = [
        {"id": 1, "name": "Ines Varga", "title": "Chief Executive Officer"},
        {"id": 2, "pid": 1, "name": "Tomas Ekdahl", "title": "Chief Marketing Officer"},
        {"id": 3, "pid": 2, "name": "Amara Okafor", "title": "Brand Manager", "open": True},
    ]
    path.write_text(json.dumps({"nodes": people}), encoding="utf-8")
    choose_file(monkeypatch, path)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 1)
    window.import_action.trigger()
    assert reports(window) == {
        "Ines Varga": None,
        "Tomas Ekdahl": "Ines Varga",
        "Brand Manager": "Tomas Ekdahl",  # open: a vacant seat
    }
    assert not dialogs.said


def test_a_damaged_workbook_says_why_in_a_dialog(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(workbook(tmp_path).read_bytes()[:300])
    choose_file(monkeypatch, path)
    window.import_action.trigger()
    title, text = dialogs.said[-1]
    assert title == "Cannot import"
    assert text.startswith("damaged.xlsx: the file cannot be read as a spreadsheet")
    assert "*.xlsx" in CSV_FILTER


def test_a_workbook_missing_a_column_opens_the_mapping(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    path = write_xlsx(
        tmp_path / "no-manager.xlsx",
        {
            "People": [
                ["Employee ID", "Name", "Job Title", "Boss Code"],
                [1, "Ines Varga", "Chief Executive Officer", None],
                [2, "Tomas Ekdahl", "Chief Marketing Officer", 1],
            ]
        },
    )
    asked: list[str] = []

    def map_manager(dialog: ImportPreviewDialog) -> int:
        asked.append(dialog.problem.text())
        dialog.choosers["manager"].setCurrentText("Boss Code")
        assert dialog.reread(), dialog.problem.text()
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", map_manager)
    assert window.open_path(path)
    assert "no column says who reports to whom" in asked[0].lower()
    assert reports(window) == {"Ines Varga": None, "Tomas Ekdahl": "Ines Varga"}
    assert not dialogs.said
