"""The inspector's photo field: Choose… and Clear are one undo step each, the
card shows the photo, and a file that cannot be shown is said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from orgmodel.fileformat import save_chart
from orgmodel.model import Chart, Role
from ui.main_window import MainWindow


def picture(path: Path) -> Path:
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#20b040"))
    assert image.save(str(path))
    return path


def opened(window: MainWindow, tmp_path: Path, photo: str | None = None) -> Path:
    path = tmp_path / "chart.orgm"
    chart = Chart("c", roles=[Role("a", "CMO", "cmo", person="Ada Quist", photo=photo)])
    save_chart(chart, path)
    assert window.files.open_path(path, ask_to_save=False)
    window.scene.select_roles(["a"])
    return path


def test_choosing_and_clearing_a_photo_are_one_undo_step_each(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(window, tmp_path)
    chosen = picture(tmp_path / "ada.png")
    asked: list[str] = []

    def choose(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    field = window.inspector.photo
    assert field.name.text() == "No photo" and not field.clear.isEnabled()
    stack = window.document.undo_stack
    steps = stack.count()
    field.choose.click()
    assert asked == [str(tmp_path)]  # the dialog opens in the chart's folder
    assert window.document.chart.role("a").photo == str(chosen)
    assert stack.count() == steps + 1 and stack.undoText().startswith("Change photo")
    assert window.scene.cards["a"].content.photo == str(chosen)
    assert field.name.text() == "ada.png" and field.clear.isEnabled()
    assert field.problem.isHidden()
    field.clear.click()
    assert window.document.chart.role("a").photo is None
    assert stack.count() == steps + 2 and stack.undoText().startswith("Remove photo")
    assert window.scene.cards["a"].content.photo == ""
    stack.undo()
    assert window.document.chart.role("a").photo == str(chosen)
    assert field.name.text() == "ada.png"


def test_cancelling_the_dialog_changes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    steps = window.document.undo_stack.count()
    window.inspector.photo.choose.click()
    assert window.document.undo_stack.count() == steps
    assert window.document.chart.role("a").photo is None


def test_a_relative_photo_is_read_from_the_chart_folder_and_a_missing_one_is_said(
    window: MainWindow, tmp_path: Path
) -> None:
    picture(tmp_path / "ada.png")
    opened(window, tmp_path, photo="ada.png")
    field = window.inspector.photo
    assert window.scene.cards["a"].content.photo == str(tmp_path / "ada.png")
    assert field.problem.isHidden()
    (tmp_path / "ada.png").unlink()
    window.inspector.refresh()
    assert field.problem.text() == "File not found." and not field.problem.isHidden()


def test_a_file_that_is_no_picture_is_said(window: MainWindow, tmp_path: Path) -> None:
    (tmp_path / "notes.png").write_text("not a picture")
    opened(window, tmp_path, photo=str(tmp_path / "notes.png"))
    assert window.inspector.photo.problem.text() == "Not a picture Orgmodel can read."


def test_emptying_the_seat_drops_the_photo_in_the_same_undo_step(
    window: MainWindow, tmp_path: Path
) -> None:
    opened(window, tmp_path, photo=str(picture(tmp_path / "ada.png")))
    stack = window.document.undo_stack
    steps = stack.count()
    window.inspector.person.setText("")
    window.inspector.person.editingFinished.emit()
    assert window.document.chart.role("a").photo is None
    assert window.scene.cards["a"].content.photo == ""
    assert stack.count() == steps + 1
    stack.undo()
    assert window.document.chart.role("a").photo == str(tmp_path / "ada.png")


def test_a_vacant_seat_with_a_photo_from_a_file_says_it_is_not_shown(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "chart.orgm"
    save_chart(
        Chart("c", roles=[Role("a", "CMO", "cmo", photo=str(picture(tmp_path / "a.png")))]), path
    )
    assert window.files.open_path(path, ask_to_save=False)
    window.scene.select_roles(["a"])
    assert window.scene.cards["a"].content.photo == ""
    assert window.inspector.photo.problem.text() == "Not shown while the seat is vacant."


def test_an_oversized_file_is_said_not_read(window: MainWindow, tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    with huge.open("wb") as file:
        file.truncate(40 * 1024 * 1024 + 1)
    opened(window, tmp_path, photo=str(huge))
    assert window.inspector.photo.problem.text() == "Not read: larger than 40 MB."
