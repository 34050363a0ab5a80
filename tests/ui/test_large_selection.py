"""A large selection is deleted as one batch: one operation, one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from bench.generate import generate_chart
from orgmodel.edits import remove_roles
from orgmodel.rules import validate
from ui.document import ChartDocument
from ui.main_window import MainWindow

from .conftest import Dialogs


def test_deleting_5000_selected_roles_is_one_step(window: MainWindow, dialogs: Dialogs) -> None:
    chart = generate_chart(5_200)
    window.set_document(ChartDocument(chart))
    # The last 5,000 in chart order: the first 200 stay, their teams deleted below them.
    doomed = [role.id for role in chart.roles[200:]]
    window.scene.select_roles(doomed)
    window.delete_action.trigger()
    expected = remove_roles(chart, doomed)
    assert window.document.chart == expected
    assert len(window.document.chart) == 200
    assert window.document.findings == validate(expected)
    assert sorted(window.scene.cards) == sorted(role.id for role in expected.roles)
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.text(0) == "Delete 5000 roles"
    window.undo_action.trigger()
    assert window.document.chart == chart
    assert len(window.scene.cards) == 5_200


def test_select_all_then_delete_empties_a_5000_role_chart(
    window: MainWindow, dialogs: Dialogs
) -> None:
    chart = generate_chart(5_000)
    window.set_document(ChartDocument(chart))
    window.select_all_action.trigger()
    cursors: list[Qt.CursorShape | None] = []

    def seen(_record: object) -> None:
        cursor = QGuiApplication.overrideCursor()
        cursors.append(None if cursor is None else cursor.shape())

    window.document.changed.connect(seen)
    window.delete_action.trigger()
    assert cursors == [Qt.CursorShape.WaitCursor]  # busy while the scene is brought up to date
    assert QGuiApplication.overrideCursor() is None  # and no longer once done
    assert window.document.chart.roles == ()
    assert window.document.findings == validate(window.document.chart)
    assert not window.scene.cards
    assert window.document.undo_stack.count() == 1
