"""File ▸ Export in the app: PowerPoint as well, and a long PDF that can be cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtWidgets import QApplication, QProgressDialog

from ui.export_dialog import FORMATS, ExportDialog
from ui.main_window import MainWindow
from ui.render import ExportOptions


def test_the_app_exports_a_powerpoint_handout(
    window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    assert ".pptx" in FORMATS
    dialog = ExportDialog(tmp_path / "x.pdf", None, window)
    dialog.path.setText(str(tmp_path / "handout.pptx"))
    assert dialog.target() == tmp_path / "handout.pptx"
    window.open_path(samples / "enterprise.orgm")
    assert window.files.export_to(tmp_path / "handout.pptx", ExportOptions())
    text = " ".join(
        shape.text_frame.text
        for slide in Presentation(str(tmp_path / "handout.pptx")).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Chief Marketing Officer" in text
    assert "slides" in window.statusBar().currentMessage()


def test_a_cancelled_pdf_export_leaves_the_old_file_and_the_cursor_as_they_were(
    window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "enterprise.orgm")
    target = tmp_path / "chart.pdf"
    target.write_bytes(b"the previous export")
    asked: list[int] = []

    def cancelled_at_once(dialog: QProgressDialog) -> bool:
        asked.append(dialog.value())
        return True

    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancelled_at_once)
    assert not window.files.export_to(target, ExportOptions(paging="tile"))
    assert asked == [1], "asked after the first page, and stopped there"
    assert target.read_bytes() == b"the previous export"
    assert "cancelled" in window.statusBar().currentMessage()
    assert QApplication.overrideCursor() is None
    monkeypatch.undo()
    assert window.files.export_to(target, ExportOptions(paging="tile"))
    assert target.read_bytes().startswith(b"%PDF")
