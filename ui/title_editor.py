"""F2: edit a card's title in place, over the card itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ui.appearance import text_font

MIN_PIXEL_SIZE = 12
"""The field's text is never smaller than this, however far out the view is."""


class TitleEditor(QLineEdit):
    """A field over a card's title: Enter (or leaving it) keeps the text,
    Escape gives it up. Either way it goes; after Enter or Escape the keys
    go back to ``view``, where the canvas shortcuts (Ctrl+C, Del, F2...) live."""

    committed = Signal(str, str)
    """(role id, the title typed)"""

    def __init__(
        self, view: QWidget, parent: QWidget, role_id: str, title: str, where: QRect, zoom: float
    ):
        super().__init__(title, parent)
        self.view = view
        self.role_id = role_id
        self._done = False
        self.setFont(text_font(max(MIN_PIXEL_SIZE, round(13 * zoom)), bold=True))
        self.setGeometry(where.adjusted(0, 0, 0, max(0, self.sizeHint().height() - where.height())))
        self.selectAll()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish(self, keep: bool, focus_view: bool = False) -> None:
        if self._done:
            return
        self._done = True
        if keep and self.text().strip():
            self.committed.emit(self.role_id, self.text().strip())
        if focus_view:
            # Before hiding: a hidden focus widget passes the focus to whatever
            # comes next in the chain, away from the canvas's shortcuts.
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.hide()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish(keep=True, focus_view=True)
        elif event.key() == Qt.Key.Key_Escape:
            self._finish(keep=False, focus_view=True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event: QEvent) -> bool:
        # Escape and Enter belong to the field while it is open, not to shortcuts.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()
            return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._finish(keep=True)
