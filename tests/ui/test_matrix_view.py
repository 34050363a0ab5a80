"""The responsibility matrix in the window: overlaps and gaps shown, cells edited, undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget

from ui.import_dialog import ImportPreviewDialog
from ui.main_window import MainWindow


def column(window: MainWindow, responsibility: str) -> int:
    return window.matrix.model.columns.index(responsibility)


def row(window: MainWindow, role_id: str) -> int:
    matrix = window.matrix.model.matrix
    assert matrix is not None
    return [r.id for r in matrix.rows].index(role_id)


def cell_checked(window: MainWindow, role_id: str, responsibility: str) -> bool:
    model = window.matrix.model
    index = model.index(row(window, role_id), column(window, responsibility))
    return model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def click_box(window: MainWindow, role_id: str, responsibility: str) -> None:
    """What the table's check box does when clicked: ask the model to flip the cell."""
    model = window.matrix.model
    index = model.index(row(window, role_id), column(window, responsibility))
    new = (
        Qt.CheckState.Unchecked
        if cell_checked(window, role_id, responsibility)
        else Qt.CheckState.Checked
    )
    model.setData(index, new, Qt.ItemDataRole.CheckStateRole)


def header(window: MainWindow, responsibility: str) -> str:
    return str(
        window.matrix.model.headerData(
            column(window, responsibility), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
    )


def rules(window: MainWindow) -> list[str]:
    return [f.rule for f in window.document.findings]


def test_an_overlap_shows_in_the_matrix_and_unticking_clears_it(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert header(window, "brand-strategy").endswith("⚠ overlap")
    assert cell_checked(window, "G2", "brand-strategy") and cell_checked(
        window, "G3", "brand-strategy"
    )
    assert "Score 85/100" in window.matrix.summary.text()
    click_box(window, "G3", "brand-strategy")  # the VP gives brand strategy back to the CMO
    assert not cell_checked(window, "G3", "brand-strategy")
    assert "strategy-overlap" not in rules(window)
    assert not header(window, "brand-strategy").endswith("overlap")
    assert "Score 89/100" in window.matrix.summary.text()
    assert window.coverage.text() == "coverage 89/100"  # the status bar follows
    window.undo_action.trigger()
    assert "strategy-overlap" in rules(window)
    assert cell_checked(window, "G3", "brand-strategy")


def test_a_gap_shows_and_ticking_a_holder_fills_it(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert header(window, "events").endswith("⚠ gap")
    click_box(window, "G7", "events")
    assert cell_checked(window, "G7", "events")
    assert "Nobody holds events (tactical marketing)." not in [
        f.message for f in window.document.findings
    ]
    role = window.document.chart.role("G7")
    assert role.responsibilities == {"content-marketing", "events"}  # defaults kept, events added


def test_rows_follow_chart_order_filters_and_selection(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    matrix = window.matrix.model.matrix
    assert matrix is not None
    assert [r.id for r in matrix.rows] == [r.id for r in window.document.chart.roles]
    window.matrix.function.setCurrentIndex(window.matrix.function.findData("operations"))
    operations = window.matrix.model.matrix
    assert operations is not None and [r.id for r in operations.rows] == ["G4", "G9"]
    window.matrix.function.setCurrentIndex(0)
    window.scene.select_roles(["G3"])
    selected_rows = {i.row() for i in window.matrix.table.selectionModel().selectedIndexes()}
    assert selected_rows == {row(window, "G3")}
    window.matrix.subtree_only.setChecked(True)
    team = window.matrix.model.matrix
    assert team is not None and [r.id for r in team.rows] == ["G3", "G6", "G7", "G8"]


def test_picking_matrix_rows_selects_the_roles(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.matrix.table.selectRow(row(window, "G5"))
    assert window.scene.selected_role_ids() == ["G5"]
    assert window.inspector.title.text() == "Marketing Director"


def test_matrix_screenshot(window: MainWindow, samples: Path, tmp_path: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.views.setCurrentWidget(window.matrix)
    assert window.grab().save(str(tmp_path / "matrix.png"))
    assert window.matrix.isVisible()


def test_ticking_keeps_the_row_selection_and_the_current_cell(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.scene.select_roles(["G7"])
    table = window.matrix.table
    target = window.matrix.model.index(row(window, "G7"), column(window, "events"))
    table.setCurrentIndex(target)
    click_box(window, "G7", "events")
    assert cell_checked(window, "G7", "events")
    assert {i.row() for i in table.selectionModel().selectedIndexes()} == {row(window, "G7")}
    assert (table.currentIndex().row(), table.currentIndex().column()) == (
        target.row(),
        target.column(),
    )


def test_matrix_headers_fit_their_names_and_show_the_categories(
    window: MainWindow, samples: Path
) -> None:
    from PySide6.QtCore import Qt

    from ui.rotated_header import GROUP_ROLE

    window.open_path(samples / "overlaps-and-gaps.orgm")
    model = window.matrix.model
    header = window.matrix.table.horizontalHeader()
    assert 120 < header.sizeHint().height() <= 200  # grown for long names, within reason
    groups = [
        model.headerData(c, Qt.Orientation.Horizontal, GROUP_ROLE)
        for c in range(model.columnCount())
    ]
    assert groups == sorted(groups) and groups[-1] >= 1  # columns grouped by category
    plain = [
        c
        for c in range(model.columnCount())
        if model.matrix.status(model.columns[c]) not in ("gap", "overlap")
    ]
    tinted = {
        groups[c] % 2
        for c in plain
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.BackgroundRole)
    }
    assert tinted == {1}  # every other category is tinted


def test_a_matrix_edit_says_whose_responsibility_it_changed(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    role = window.document.chart.role("G5")
    window.matrix.toggle("G5", "public-relations")
    label = window.catalogue.label(role)
    assert window.document.undo_stack.undoText() == f"Give public relations to {label}"


def on_screen_beside_the_table(window: MainWindow) -> list[tuple[str, int]]:
    """Per visible dock: how many of its pixels on screen (the window's backing
    store, as last painted) differ from the dock painted afresh."""
    # Whatever waits to be laid out is laid out and painted first: the findings
    # table's scroll bar came only with the grab below, at times, and the dock
    # differed by it. A grab lays out as a paint does; a dock that a stale paint
    # marked keeps the mark until it repaints, which this does not ask for.
    window.grab()
    QTest.qWait(50)
    screen = window.screen().grabWindow(window.winId()).toImage()
    fresh = window.grab().toImage().convertToFormat(screen.format())
    differing: list[tuple[str, int]] = []
    for dock in window.findChildren(QDockWidget):
        if not dock.isVisible():
            continue
        area = dock.geometry() & window.rect()
        count = sum(
            screen.pixel(x, y) != fresh.pixel(x, y)
            for y in range(area.top(), area.bottom() + 1, 2)
            for x in range(area.left(), area.right() + 1, 2)
        )
        differing.append((dock.windowTitle(), count))
    return differing


def test_the_rotated_header_never_paints_over_the_docks_after_an_import(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 1)
    window.resize(1280, 800)
    window.views.setCurrentWidget(window.matrix)
    QApplication.processEvents()
    header = window.matrix.table.horizontalHeader()
    left = header.mapTo(window, QPoint(0, 0)).x()
    # The import's longer row names widen the row header: the column header moves
    # right and narrows while it has a repaint pending at its old width.
    assert window.open_path(samples / "hr-export-workday.csv")
    QApplication.processEvents()
    assert header.mapTo(window, QPoint(0, 0)).x() > left
    differing = on_screen_beside_the_table(window)
    assert any(title == "Inspector" for title, _count in differing)
    assert all(count == 0 for _title, count in differing), differing


def test_the_matrix_selects_the_rows_of_a_selection_in_runs_and_apart(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    ids = [role.id for role in window.document.chart.roles]
    picked = [ids[0], ids[1], ids[2], ids[4], ids[-1]]  # a run of three, then two apart

    def selected_cells() -> set[tuple[int, int]]:
        indexes = window.matrix.table.selectionModel().selectedIndexes()
        return {(index.row(), index.column()) for index in indexes}

    columns = range(window.matrix.model.columnCount())
    window.scene.select_roles(picked)
    assert selected_cells() == {(row(window, r), c) for r in picked for c in columns}
    window.select_all_action.trigger()
    assert selected_cells() == {(row(window, r), c) for r in ids for c in columns}
