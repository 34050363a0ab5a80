"""The palette of role kinds, grouped by function, to drag onto the canvas."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from orgmodel.catalogue import FUNCTIONS, Catalogue
from ui.appearance import function_colour, kind_icon
from ui.canvas import ROLE_KIND_MIME

KIND_ID = Qt.ItemDataRole.UserRole


class RolePalette(QTreeWidget):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIndentation(12)
        for function in FUNCTIONS:
            kinds = sorted(
                (k for k in catalogue.kinds.values() if k.function == function),
                key=lambda k: (k.level, k.name),
            )
            if not kinds:
                continue
            group = QTreeWidgetItem([function.capitalize()])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(group)
            for kind in kinds:
                item = QTreeWidgetItem([kind.name])
                item.setIcon(0, kind_icon(function_colour(kind).name(), kind.level))
                item.setToolTip(
                    0, f"{kind.name}: level {kind.level}, {kind.function}. Drag onto the chart."
                )
                item.setData(0, KIND_ID, kind.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                group.addChild(item)
        self.expandAll()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # A kind is copied onto the chart; it never leaves the palette.
        super().startDrag(Qt.DropAction.CopyAction)

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        kinds = [item.data(0, KIND_ID) for item in items if item.data(0, KIND_ID)]
        if kinds:
            mime.setData(ROLE_KIND_MIME, kinds[0].encode("utf-8"))
        return mime

    def mimeTypes(self) -> list[str]:
        return [ROLE_KIND_MIME]
