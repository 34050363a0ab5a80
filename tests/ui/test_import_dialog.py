"""The import preview: how a CSV was read, and a mapping the user can change."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.importing.shape import MissingColumnError
from orgmodel.open_chart import read_chart
from ui.import_dialog import NOT_USED, ImportPreviewDialog
from ui.main_window import MainWindow


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_changing_the_manager_column_and_reading_again(qtbot: object, tmp_path: Path) -> None:
    # Detection reads 'Boss' (ids matching nobody) until the user points at 'Boss Name'.
    path = write(
        tmp_path,
        "ID,Name,Title,Boss,Boss Name\n"
        "1,Ana Lima,CEO,,\n"
        "2,Ben Cho,CMO,X9,Ana Lima\n"
        "3,Cy Dow,SEO Lead,X8,Ben Cho\n",
    )
    report = read_chart(path).report
    assert report is not None
    dialog = ImportPreviewDialog(report, path)
    before = {role.id: role.manager for role in dialog.report.chart}
    chooser = dialog.choosers["manager"]
    chooser.setCurrentText("Boss Name")
    dialog.choosers["manager-name"].setCurrentText(NOT_USED)
    assert dialog.reread()
    after = {role.id: role.manager for role in dialog.report.chart}
    assert after == {"1": None, "2": "1", "3": "2"}
    assert before != after or report.manager_column == "Boss Name"
    assert "3 roles" in dialog.summary.text()


def test_a_mapping_that_cannot_be_read_says_why(qtbot: object, tmp_path: Path) -> None:
    path = write(tmp_path, "ID,Name,Title,Manager ID\n1,Ana Lima,CEO,\n")
    report = read_chart(path).report
    assert report is not None
    dialog = ImportPreviewDialog(report, path)
    dialog.choosers["id"].setCurrentText("Manager ID")  # also the manager column
    assert not dialog.reread()
    assert "id and manager cannot both be read from column 'Manager ID'" in dialog.problem.text()
    assert not dialog._import.isEnabled()  # nothing is imported that the dialog doesn't show
    assert dialog.report is report  # what was read before still stands
    dialog.choosers["id"].setCurrentText("ID")
    assert dialog.reread() and dialog._import.isEnabled()


def test_not_used_means_the_column_is_not_read(qtbot: object, tmp_path: Path) -> None:
    path = write(tmp_path, "ID,Name,Title,Manager ID,Department\n1,Ana Lima,CEO,,Exec\n")
    report = read_chart(path).report
    assert report is not None
    dialog = ImportPreviewDialog(report, path)
    assert dialog.report.chart.role("1").department == "Exec"
    dialog.choosers["department"].setCurrentText(NOT_USED)
    assert dialog.reread()
    assert dialog.report.chart.role("1").department == ""
    assert dialog.choosers["department"].currentText() == NOT_USED


def test_the_status_column_can_be_chosen_in_the_mapping(qtbot: object, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID,Still Here\n"
        "1,Ana Lima,CEO,,Yes\n"
        "2,Ben Cho,CMO,1,No\n"
        "3,Cy Dow,SEO Lead,2,Yes\n",
    )
    report = read_chart(path).report
    assert report is not None
    dialog = ImportPreviewDialog(report, path)
    assert dialog.choosers["status"].currentText() == NOT_USED
    dialog.choosers["status"].setCurrentText("Still Here")
    assert dialog.reread()
    assert {role.id: role.manager for role in dialog.report.chart} == {"1": None, "3": "1"}
    assert dialog.report.set_aside == ("line 3: Ben Cho (CMO) has left (Still Here is 'No')",)
    assert dialog.choosers["status"].currentText() == "Still Here"


def test_the_preview_warns_of_reporting_loops(qtbot: object, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Name,Title,Manager ID\n1,Ann Ray,CEO,2\n2,Bob Li,CMO,1\n3,Dee Oh,SEO Lead,3\n",
    )
    report = read_chart(path).report
    assert report is not None
    dialog = ImportPreviewDialog(report, path)
    assert "2 reporting loops" in dialog.summary.text()
    details = [dialog.details.item(row).text() for row in range(dialog.details.count())]
    assert "lines 2, 3: reporting lines loop (Ann Ray → Bob Li → Ann Ray)" in details
    assert "line 4: Dee Oh is recorded as their own manager" in details


IMPORTS = Path(__file__).parent.parent / "data" / "imports"


def test_the_preview_opens_on_a_confidence_summary(qtbot: object) -> None:
    path = IMPORTS / "hr_decoy_manager_id.csv"
    report = read_chart(path).report
    assert report is not None
    dialog = ImportPreviewDialog(report, path)
    summary = dialog.summary.text()
    assert "Imogen Castellan (President &amp; CEO)" in summary
    assert "28 of 28 reporting lines resolved from &#x27;ManagerName&#x27; (28 by name)" in summary
    assert (
        "no chief, president or director reports to an individual contributor or an assistant"
        in summary
    )
    details = [dialog.details.item(row).text() for row in range(dialog.details.count())]
    assert details[0].startswith("read reporting lines from 'ManagerName'")


def test_a_file_missing_a_column_opens_for_mapping(qtbot: object, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Badge,Name,Title,Manager\n"
        "B1,Ana Lima,CEO,\n"
        "B2,Ana Lima,CMO,B1\n",  # two people share the name: it cannot be the key
    )
    with pytest.raises(MissingColumnError) as info:
        read_chart(path)
    dialog = ImportPreviewDialog(None, path, missing=info.value)
    assert dialog.report is None
    assert not dialog._import.isEnabled()
    assert "Choose the column that holds id" in dialog.problem.text()
    assert "--map" not in dialog.problem.text()
    dialog.choosers["id"].setCurrentText("Badge")
    dialog.choosers["manager"].setCurrentText("Manager")
    assert dialog.reread()
    assert dialog._import.isEnabled()
    assert dialog.report is not None
    assert {r.id: r.manager for r in dialog.report.chart} == {"B1": None, "B2": "B1"}


def test_file_import_opens_the_mapping_instead_of_refusing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "Badge,Name,Title,Manager\nB1,Ana Lima,CEO,\nB2,Ana Lima,CMO,B1\n")
    shown: list[ImportPreviewDialog] = []

    def choose_badge(dialog: ImportPreviewDialog) -> int:
        shown.append(dialog)
        dialog.choosers["id"].setCurrentText("Badge")
        return 1 if dialog.reread() else 0

    monkeypatch.setattr(ImportPreviewDialog, "exec", choose_badge)
    assert window.open_path(path, ask_to_save=False)
    assert shown and shown[0].report is not None
    assert {r.id: r.manager for r in window.document.chart} == {"B1": None, "B2": "B1"}


def test_file_import_opens_a_name_keyed_csv(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ImportPreviewDialog] = []

    def accept(dialog: ImportPreviewDialog) -> int:
        shown.append(dialog)
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    assert window.open_path(IMPORTS / "name_keyed.csv", ask_to_save=False)
    chart = window.document.chart
    assert chart.role("Jolanta Achterberg").manager == "Cormac Villiers"
    assert [r.id for r in chart if r.manager is None] == ["Philomena Garside"]
    assert "Philomena Garside (Chief Executive Officer)" in shown[0].summary.text()
