"""The inspector's photo field: the file's name, Choose… and Clear, and a word
when the file cannot be shown. It only asks; the inspector makes the edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from orgmodel.photos import IMAGE_SUFFIXES, MAX_PHOTO_BYTES, photo_file, photo_signature
from ui.photo_cache import PHOTOS

IMAGE_FILTER = f"Images ({' '.join('*' + suffix for suffix in IMAGE_SUFFIXES)});;All files (*)"
NO_PHOTO = "No photo"


def photo_problem(photo: str | None, folder: Path | None, vacant: bool = False) -> str:
    """Why a role's photo is not on its card ("" when it is, or when there is none)."""
    if photo is None:
        return ""
    if vacant:
        return "Not shown while the seat is vacant."
    found = photo_file(photo, folder)
    if found is None:
        return "Not shown: save the chart to read this path from its folder."
    if not found.is_file():
        return "File not found."
    if photo_signature(found) is None:
        return f"Not read: larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB."
    if not PHOTOS.readable(str(found)):
        return "Not a picture Orgmodel can read."
    return ""


class PhotoField(QWidget):
    """A role's photo file, chosen from disk or cleared."""

    chosen = Signal(object)
    """The photo the user chose: an absolute path, or None to have no photo."""

    def __init__(self) -> None:
        super().__init__()
        self.name = QLabel(NO_PHOTO)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.choose = QPushButton("Choose…")
        self.clear = QPushButton("Clear")
        self.choose.setToolTip("A picture of the person on this computer (never from the web)")
        self._start = ""
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.name, 1)
        buttons.addWidget(self.choose)
        buttons.addWidget(self.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self.choose.clicked.connect(self._ask)
        self.clear.clicked.connect(lambda: self.chosen.emit(None))

    def show_photo(self, photo: str | None, folder: Path | None, vacant: bool = False) -> None:
        """Show ``photo``; a relative path is read from ``folder`` (the chart file's)."""
        self.name.setText(NO_PHOTO if photo is None else Path(photo).name)
        self.name.setToolTip(photo or "")
        problem = photo_problem(photo, folder, vacant)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.clear.setEnabled(photo is not None)
        found = photo_file(photo, folder)
        if found is not None and found.parent.is_dir():
            self._start = str(found.parent)
        elif folder is not None:
            self._start = str(folder)
        else:
            self._start = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.PicturesLocation
            )

    def _ask(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a photo", self._start, IMAGE_FILTER)
        if path:
            # Absolute: the chart keeps finding it when saved in another folder.
            self.chosen.emit(str(Path(path).absolute()))
