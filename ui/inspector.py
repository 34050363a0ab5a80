"""The inspector: edit the selected role. Each field change is one undoable edit."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import attrs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.catalogue import Catalogue
from orgmodel.edits import (
    add_dotted_line,
    remove_dotted_line,
    update_role,
    with_employment,
    with_person,
)
from orgmodel.model import UNCLASSIFIED, Employment, Role
from ui.document import ChartDocument
from ui.inspector_fields import FieldEdit, MonthsBox, WheelOnlyWhenFocused, YearsBox
from ui.photo_field import PhotoField

RESPONSIBILITY_ID = Qt.ItemDataRole.UserRole


def role_label(role: Role) -> str:
    return f"{role.title} ({'vacant' if role.vacant else role.person}) [{role.id}]"


class RoleInspector(QWidget):
    """An edit was refused; the message says why."""

    def __init__(self, document: ChartDocument, catalogue: Catalogue) -> None:
        super().__init__()
        self.document = document
        self.catalogue = catalogue
        self.role_id: str | None = None
        self._filling = False

        self.heading = QLabel("Select a role to edit it.")
        self.heading.setWordWrap(True)
        self.title = FieldEdit()
        self.kind = QComboBox()
        for kind in sorted(catalogue.kinds.values(), key=lambda k: (k.level, k.name)):
            self.kind.addItem(f"{kind.name} (L{kind.level})", kind.id)
        self.kind.addItem("Unclassified", UNCLASSIFIED)
        self.person = FieldEdit()
        self.person.setPlaceholderText("Vacant")
        self.planned = QCheckBox("Planned seat (to be hired)")
        self.planned.setToolTip(
            "A seat of a design: its vacancy is noted, not warned about. Naming a person "
            "in it ends the plan."
        )
        self.photo = PhotoField()
        self.employment = QComboBox()
        for employment in Employment:
            self.employment.addItem(employment.value, employment)
        self.engagement = MonthsBox()
        self.years_marketing = YearsBox()
        self.years_leading = YearsBox()
        self.department = FieldEdit()
        self.use_defaults = QCheckBox("The kind's usual responsibilities")
        self.responsibilities = QTreeWidget()
        self.responsibilities.setHeaderHidden(True)
        for category in catalogue.categories.values():
            group = QTreeWidgetItem([category.name])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.responsibilities.addTopLevelItem(group)
            for responsibility in catalogue.responsibilities.values():
                if responsibility.category == category.id:
                    item = QTreeWidgetItem([responsibility.name])
                    item.setData(0, RESPONSIBILITY_ID, responsibility.id)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Unchecked)
                    group.addChild(item)
        self.responsibilities.expandAll()
        self.dotted = QListWidget()
        self.dotted.setMaximumHeight(90)
        self.add_dotted = QPushButton("Add dotted line…")
        self.remove_dotted = QPushButton("Remove")
        self._wheel_guard = WheelOnlyWhenFocused(self)
        for box in (
            self.kind,
            self.employment,
            self.engagement,
            self.years_marketing,
            self.years_leading,
        ):
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            box.installEventFilter(self._wheel_guard)

        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Kind", self.kind)
        form.addRow("Person", self.person)
        form.addRow("", self.planned)
        form.addRow("Photo", self.photo)
        form.addRow("Employment", self.employment)
        form.addRow("Engagement", self.engagement)
        form.addRow("Years in marketing", self.years_marketing)
        form.addRow("Years leading", self.years_leading)
        form.addRow("Department", self.department)
        dotted_buttons = QHBoxLayout()
        dotted_buttons.addWidget(self.add_dotted)
        dotted_buttons.addWidget(self.remove_dotted)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(QLabel("Responsibilities"))
        layout.addWidget(self.use_defaults)
        layout.addWidget(self.responsibilities, 1)
        layout.addWidget(QLabel("Dotted-line managers"))
        layout.addWidget(self.dotted)
        layout.addLayout(dotted_buttons)

        self.title.editingFinished.connect(
            lambda: self._edit("Rename role", title=self.title.text().strip())
        )
        self.person.editingFinished.connect(self._person_entered)
        self.planned.toggled.connect(
            lambda checked: self._edit("Change planned seat", planned=checked)
        )
        self.photo.chosen.connect(
            lambda photo: self._edit("Change photo" if photo else "Remove photo", photo=photo)
        )
        self.department.editingFinished.connect(
            lambda: self._edit("Change department", department=self.department.text().strip())
        )
        self.kind.activated.connect(lambda: self._edit("Change kind", kind=self.kind.currentData()))
        self.employment.activated.connect(self._employment_chosen)
        self.engagement.editingFinished.connect(
            lambda: self._edit("Change engagement", engagement_months=self.engagement.months())
        )
        self.years_marketing.editingFinished.connect(
            lambda: self._edit("Change experience", years_in_marketing=self.years_marketing.years())
        )
        self.years_leading.editingFinished.connect(
            lambda: self._edit("Change experience", years_leading=self.years_leading.years())
        )
        self.use_defaults.toggled.connect(self._defaults_toggled)
        self.responsibilities.itemChanged.connect(self._responsibility_changed)
        self.add_dotted.clicked.connect(self._ask_dotted_line)
        self.remove_dotted.clicked.connect(self._remove_dotted_line)
        document.chart_changed.connect(self.refresh)
        self._selected = 0
        self.show_roles([])

    def set_document(self, document: ChartDocument) -> None:
        self.document.chart_changed.disconnect(self.refresh)
        self.document = document
        document.chart_changed.connect(self.refresh)
        self.show_roles([])

    def show_roles(self, role_ids: list[str]) -> None:
        self.role_id = role_ids[0] if len(role_ids) == 1 else None
        self._selected = len(role_ids)
        self.refresh()

    def current_role(self) -> Role | None:
        return self.document.chart.get(self.role_id)

    def refresh(self) -> None:
        role = self.current_role()
        editors: list[QWidget] = [
            self.title,
            self.kind,
            self.person,
            self.planned,
            self.photo,
            self.employment,
            self.engagement,
            self.years_marketing,
            self.years_leading,
            self.department,
            self.use_defaults,
            self.responsibilities,
            self.dotted,
            self.add_dotted,
            self.remove_dotted,
        ]
        for editor in editors:
            editor.setEnabled(role is not None)
        if role is None:
            # Kept through edits (a fix, an undo) while the cards stay selected.
            many = f"{self._selected} roles selected."
            self.heading.setText(many if self._selected > 1 else "Select a role to edit it.")
            self._clear()
            return
        self._filling = True
        try:
            self.heading.setText(f"<b>{html.escape(role.title)}</b> — id {html.escape(role.id)}")
            self.title.setText(role.title)
            self.kind.setCurrentIndex(max(0, self.kind.findData(role.kind)))
            self.person.setText(role.person or "")
            self.planned.setChecked(role.planned)
            self.planned.setEnabled(role.vacant)  # only an empty seat can be a plan
            path = self.document.path
            self.photo.show_photo(role.photo, path.parent if path else None, role.vacant)
            self.employment.setCurrentIndex(self.employment.findData(role.employment))
            self.engagement.setValue(role.engagement_months or 0)
            self.engagement.setEnabled(role.is_fractional or role.engagement_months is not None)
            self.years_marketing.setValue(
                -1 if role.years_in_marketing is None else role.years_in_marketing
            )
            self.years_leading.setValue(-1 if role.years_leading is None else role.years_leading)
            self.department.setText(role.department)
            self.use_defaults.setChecked(role.responsibilities is None)
            held = self.catalogue.held(role)
            for check in self._responsibility_items():
                check.setCheckState(
                    0,
                    Qt.CheckState.Checked
                    if check.data(0, RESPONSIBILITY_ID) in held
                    else Qt.CheckState.Unchecked,
                )
            self.responsibilities.setEnabled(role.responsibilities is not None)
            self.dotted.clear()
            self.remove_dotted.setEnabled(bool(role.dotted_managers))
            for manager_id in role.dotted_managers:
                manager = self.document.chart.get(manager_id)
                item = QListWidgetItem(
                    role_label(manager) if manager else f"(missing) {manager_id}"
                )
                item.setData(Qt.ItemDataRole.UserRole, manager_id)
                self.dotted.addItem(item)
            if role.dotted_managers:
                self.dotted.setCurrentRow(0)  # what Remove acts on, shown picked
        finally:
            self._filling = False

    def _clear(self) -> None:
        """No single role: show empty fields, not the last role's values."""
        self._filling = True
        try:
            for line in (self.title, self.person, self.department):
                line.clear()
            for combo in (self.kind, self.employment):
                combo.setCurrentIndex(-1)
            self.engagement.setValue(0)
            self.years_marketing.setValue(-1)
            self.years_leading.setValue(-1)
            self.use_defaults.setChecked(False)
            self.planned.setChecked(False)
            self.photo.show_photo(None, None)
            for check in self._responsibility_items():
                check.setCheckState(0, Qt.CheckState.Unchecked)
            self.dotted.clear()
        finally:
            self._filling = False

    def _responsibility_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for index in range(self.responsibilities.topLevelItemCount()):
            group = self.responsibilities.topLevelItem(index)
            if group is not None:
                items.extend(
                    child
                    for child_index in range(group.childCount())
                    if (child := group.child(child_index)) is not None
                )
        return items

    def _edit(self, text: str, **changes: Any) -> None:
        role = self.current_role()
        if self._filling or role is None:
            return
        self._replace(text, role, attrs.evolve(role, **changes))

    def _replace(self, text: str, role: Role, changed: Role) -> None:
        """One undoable step; its name says whose role it changed."""
        if changed != role:
            what = f"{text}: {self.catalogue.label(role)}"
            self._apply(what, lambda chart: update_role(chart, changed))

    def _person_entered(self) -> None:
        role = self.current_role()
        if self._filling or role is None:
            return
        self._replace("Change person", role, with_person(role, self.person.text().strip() or None))

    def _employment_chosen(self) -> None:
        role = self.current_role()
        if self._filling or role is None:
            return
        employment = self.employment.currentData()
        self._replace("Change employment", role, with_employment(role, employment))

    def _apply(self, text: str, edit: Callable[[Any], Any]) -> None:
        if not self.document.perform(text, edit):
            self.refresh()  # a refused value: the fields show the role as it is

    def _defaults_toggled(self, checked: bool) -> None:
        role = self.current_role()
        if self._filling or role is None:
            return
        held = None if checked else self.catalogue.held(role)
        self._edit("Change responsibilities", responsibilities=held)

    def _responsibility_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        if self._filling:
            return
        held = frozenset(
            item.data(0, RESPONSIBILITY_ID)
            for item in self._responsibility_items()
            if item.checkState(0) == Qt.CheckState.Checked
        )
        self._edit("Change responsibilities", responsibilities=held)

    def _ask_dotted_line(self) -> None:
        role = self.current_role()
        if role is None:
            return
        # Only roles a dotted line may go to: not itself, its manager or a dotted one already.
        taken = {role.id, role.manager, *role.dotted_managers}
        others = [r for r in self.document.chart.roles if r.id not in taken]
        labels = [role_label(r) for r in others]
        if not labels:
            self.document.refuse(f"There is no other role for {role.title} to report to.")
            return
        # Editable: typing part of a title or a name picks it from a long list.
        label, accepted = QInputDialog.getItem(
            self, "Add dotted line", f"{role.title} also reports to:", labels, 0, True
        )
        if not accepted:
            return
        typed = label.strip().casefold()
        matches = [i for i, text in enumerate(labels) if typed and typed in text.casefold()]
        exact = [i for i, text in enumerate(labels) if text == label]
        chosen = exact or matches
        if len(chosen) != 1:
            some = "several roles" if chosen else "no role"
            self.document.refuse(f"“{label.strip()}” matches {some}; pick one from the list.")
            return
        self.add_dotted_line_to(others[chosen[0]].id)

    def add_dotted_line_to(self, manager_id: str) -> None:
        role_id = self.role_id
        if role_id is not None:
            self._apply(
                "Add dotted line", lambda chart: add_dotted_line(chart, role_id, manager_id)
            )

    def _remove_dotted_line(self) -> None:
        item = self.dotted.currentItem()
        role_id = self.role_id
        if item is None or role_id is None:
            return
        manager_id = item.data(Qt.ItemDataRole.UserRole)
        self._apply(
            "Remove dotted line", lambda chart: remove_dotted_line(chart, role_id, manager_id)
        )
