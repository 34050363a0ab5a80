"""Asking what to do when another program changed the open chart's file."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from orgmodel.errors import printable


class DiskChoice(enum.Enum):
    OVERWRITE = "overwrite"
    """Write this chart over the other version (the user gives that one up)."""
    SAVE_AS = "save as"
    """Keep both: save this chart under another name."""
    RELOAD = "reload"
    """Take the other version (the user gives up the changes made here)."""
    KEEP = "keep"
    """Do nothing now; the next save asks again."""


def ask_about_disk_change(
    parent: QWidget, path: Path, *, saving: bool, modified: bool
) -> DiskChoice:
    """Ask the user; nothing is lost unless they pick a button that says so."""
    name = printable(path.name)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    yours = "your unsaved changes" if modified else "the chart shown here"
    if saving:
        box.setText(
            f"{name} was changed by another program since you opened or saved it here. "
            "Saving now would replace that version."
        )
        box.setInformativeText(
            f"Overwrite it with {yours}, save yours under another name, "
            "or reload the other version (giving up yours)?"
        )
    else:
        box.setText(f"{name} was changed by another program.")
        box.setInformativeText(
            f"Reload it (giving up {yours}), or keep working on yours? "
            "Keeping asks again when you save."
        )
    buttons: dict[object, DiskChoice] = {}
    if saving:
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        buttons[overwrite] = DiskChoice.OVERWRITE
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        buttons[save_as] = DiskChoice.SAVE_AS
        box.setDefaultButton(save_as)
    reload = box.addButton("&Reload", QMessageBox.ButtonRole.ResetRole)
    buttons[reload] = DiskChoice.RELOAD
    keep = box.addButton("Cancel" if saving else "&Keep Mine", QMessageBox.ButtonRole.RejectRole)
    buttons[keep] = DiskChoice.KEEP
    box.setEscapeButton(keep)
    if not saving:
        box.setDefaultButton(keep)
    box.exec()
    try:
        return buttons.get(box.clickedButton(), DiskChoice.KEEP)
    except RuntimeError:  # the window closed under the question: nothing was chosen
        return DiskChoice.KEEP
