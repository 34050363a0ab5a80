"""Find a role: match names, titles, ids and departments as the user types,
list the hits, and step through them (F3, Shift+F3).

The panel only finds; the window shows each hit (zoomed to read, centred, its
chain of managers highlighted).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.model import Chart, Role
from orgmodel.wording import counted

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MAX_LISTED = 500
"""The list shows this many hits at most; F3 still steps through all of them."""
ROLE_ID = Qt.ItemDataRole.UserRole


def searchable(text: str) -> str:
    """Text as search compares it: no case, no accents ("zoe" finds "Zoë")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _haystack(role: Role) -> str:
    fields = (role.title, role.person or "", role.id, role.department)
    # One field a line, so that a phrase never matches across two fields.
    return "\n".join(" ".join(searchable(field).split()) for field in fields)


class RoleIndex:
    """The searchable text of every role of one chart, made once per chart
    (a chart is a value) and only for the roles an edit replaced."""

    def __init__(self) -> None:
        self._chart: Chart | None = None
        self._texts: dict[str, tuple[Role, str]] = {}
        """Role id -> the role value and its searchable text. Roles are shared
        immutable values: an edit leaves most of them the same objects."""

    def matches(self, chart: Chart, query: str) -> list[str]:
        """Ids of the roles whose name, title, id or department holds the query
        (spacing aside), in chart order."""
        phrase = " ".join(searchable(query).split())
        if not phrase:
            return []
        if chart is not self._chart:
            old, texts = self._texts, {}
            for role in chart:
                known = old.get(role.id)
                texts[role.id] = known if known and known[0] is role else (role, _haystack(role))
            self._texts, self._chart = texts, chart
        texts = self._texts
        return [role.id for role in chart if phrase in texts[role.id][1]]


def hit_label(role: Role) -> str:
    person = role.person or ("vacant" if role.vacant else "")
    parts = [role.title]
    if person:
        parts.append(person)
    if role.department:
        parts.append(role.department)
    return f"{' — '.join(parts)}  ({role.id})"


class FindPanel(QWidget):
    """The hits of the current search, one of them current."""

    hit_chosen = Signal(str)
    """Show this role: a step to it (F3), or a pick in the list."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel("Type in the Find field (Ctrl+F) to find a role.")
        self.summary.setWordWrap(True)
        self.hits_list = QListWidget()
        self.hits_list.itemActivated.connect(self._picked)
        self.hits_list.itemClicked.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.hits_list)
        self._index = RoleIndex()
        self.query = ""
        self.hits: list[str] = []
        self.current = -1

    def search(self, chart: Chart, query: str) -> None:
        """Find the query's hits; the first becomes current (and is shown)."""
        self.query = query
        self._fill(chart, keep=None)
        if self.hits:
            self._go(0)

    def chart_changed(self, chart: Chart) -> None:
        """The chart changed: find again, keeping the current hit if it still matches."""
        if self.query.strip():
            kept = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
            self._fill(chart, keep=kept)

    def _fill(self, chart: Chart, keep: str | None) -> None:
        self.hits = self._index.matches(chart, self.query)
        self.current = self.hits.index(keep) if keep in self.hits else -1
        self.hits_list.clear()
        for role_id in self.hits[:MAX_LISTED]:
            item = QListWidgetItem(hit_label(chart.role(role_id)))
            item.setData(ROLE_ID, role_id)
            self.hits_list.addItem(item)
        self._say()
        self.hits_list.setCurrentRow(self.current)

    def _say(self) -> None:
        if not self.query.strip():
            self.summary.setText("Type in the Find field (Ctrl+F) to find a role.")
        elif not self.hits:
            self.summary.setText(f"No role matches “{self.query.strip()}”.")
        else:
            where = f"{self.current + 1} of " if self.current >= 0 else ""
            listed = f" (the first {MAX_LISTED} listed)" if len(self.hits) > MAX_LISTED else ""
            self.summary.setText(f"{where}{counted(len(self.hits), 'role')} found{listed}.")

    def step(self, by: int) -> bool:
        """Go to the next (1) or previous (-1) hit, round the end; False if none."""
        if not self.hits:
            return False
        start = self.current if self.current >= 0 else (-1 if by > 0 else 0)
        self._go((start + by) % len(self.hits))
        return True

    def _go(self, index: int) -> None:
        self.current = index
        self._say()
        self.hits_list.setCurrentRow(index if index < MAX_LISTED else -1)
        self.hit_chosen.emit(self.hits[index])

    def _picked(self, item: QListWidgetItem) -> None:
        row = self.hits_list.row(item)
        if row != self.current:
            self._go(row)
        else:
            self.hit_chosen.emit(self.hits[row])


class FindCommands:
    """Find as the main window offers it: the Find field (Ctrl+F) searches as
    the user types, Enter and F3 go to the next hit, Shift+F3 to the previous."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def connect_find(self) -> None:
        self.window.search.textChanged.connect(self.search_typed)
        self.window.search.returnPressed.connect(self.find_next)
        self.window.find_panel.hit_chosen.connect(self.show_found)

    def focus_search(self) -> None:
        self.window.search.setFocus()
        self.window.search.selectAll()

    def search_typed(self, text: str) -> None:
        if text.strip():
            if not self.window.find_dock.toggleViewAction().isChecked():  # closed by the user
                self.window.find_dock.toggleViewAction().trigger()
            self.window.find_dock.raise_()
        else:
            self.window.scene.show_trail(None)
        self.window.find_panel.search(self.window.document.chart, text)
        if text.strip() and not self.window.find_panel.hits:
            self.window.statusBar().showMessage(f"No role matches “{text.strip()}”", 4000)

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, by: int) -> None:
        if not self.window.find_panel.step(by) and self.window.search.text().strip():
            self.window.statusBar().showMessage(
                f"No role matches “{self.window.search.text().strip()}”", 4000
            )

    def show_found(self, role_id: str) -> None:
        """Select the hit, zoom to read it, centre it and trace its managers."""
        self.window.scene.select_roles([role_id])
        self.window.scene.show_trail(role_id)
        self.window.view.show_card(role_id)
