"""The import preview: how a CSV was read, and a mapping the user can change."""

from __future__ import annotations

from pathlib import Path

from orgmodel.loading import read_chart
from ui.import_dialog import NOT_USED, ImportPreviewDialog


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
