"""The inspector's input fields: a line edit that gives up typing on Escape,
spin boxes where blank means unknown, and a wheel guard for unfocused fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox, QWidget


class WheelOnlyWhenFocused(QObject):
    """Scrolling past a combo box or spin box must not change the role under it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        unfocused = isinstance(watched, QWidget) and not watched.hasFocus()
        if event.type() == QEvent.Type.Wheel and unfocused:
            event.ignore()
            return True
        return False


UNKNOWN = "Unknown"


class FieldEdit(QLineEdit):
    """A text field that leaves Undo and Redo to the chart once its text is applied.

    While the user is typing, Ctrl+Z undoes the typing; after Enter (or when
    the field shows the chart's value), it undoes the last chart edit. Escape
    gives up the typing and shows the chart's value again.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown = ""

    def setText(self, text: str | None) -> None:
        """Show the chart's value (what Escape goes back to)."""
        self._shown = text or ""
        super().setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text() != self._shown:
            super().setText(self._shown)
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not self.isModified()
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()
            return True
        return super().event(event)


class BlankMeansUnknown:
    """For a spin box (first among its bases) whose least value reads Unknown:
    clearing the field means unknown."""

    def validate(self, text: str, position: int) -> Any:
        box: Any = self
        if not box.cleanText().strip() and not text.replace(box.suffix(), "").strip():
            return (QValidator.State.Acceptable, text, position)
        return super().validate(text, position)  # type: ignore[misc]  # the spin box's

    def valueFromText(self, text: str) -> Any:
        box: Any = self
        if not text.replace(box.suffix(), "").strip():
            return box.minimum()  # shown as Unknown
        return super().valueFromText(text)  # type: ignore[misc]  # the spin box's


class YearsBox(BlankMeansUnknown, QDoubleSpinBox):
    """Years of experience, or Unknown."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1, 100)
        self.setDecimals(1)
        self.setSpecialValueText(UNKNOWN)
        self.setValue(-1)
        self.setSuffix(" years")

    def years(self) -> float | None:
        return None if self.value() < 0 else self.value()


class MonthsBox(BlankMeansUnknown, QSpinBox):
    """A fractional engagement's length in months, or Unknown."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(0, 1200)
        self.setSpecialValueText(UNKNOWN)
        self.setSuffix(" months")

    def months(self) -> int | None:
        return self.value() or None
