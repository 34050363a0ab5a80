"""Far out, every card as a coloured block painted in one pass."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ui.card_item import SELECTED_COLOUR, CardItem

if TYPE_CHECKING:
    from ui.chart_scene import ChartScene

MIN_STUB_PIXELS = 1.0
"""Far out, the overview draws the stubs to column lines only when at least this long."""


def blocks_by_colour(
    cards: Mapping[str, CardItem], skipped: Collection[str] = ()
) -> dict[str, list[QRectF]]:
    """Where the layout has each card (but the skipped ones), grouped by the
    colour of its block: one ``drawRects`` per colour paints them all."""
    blocks: dict[str, list[QRectF]] = defaultdict(list)
    for role_id, card in cards.items():
        if role_id not in skipped:
            blocks[card.block_colour].append(card.block)
    return blocks


class OverviewItem(QGraphicsItem):
    """Every card as a coloured block, painted in one pass when zoomed far out.

    At that zoom a paint call per card costs more than all the blocks drawn
    together, so the scene's cards stop painting (``ItemHasNoContents``) and
    this item paints for them. Selected cards are drawn from where they are
    now, so a drag shows; the rest are the cards' blocks, grouped by colour
    once per change of colours or selection. The scene moves the blocks in
    place, so a new layout needs no new grouping.
    """

    def __init__(self, scene: ChartScene) -> None:
        super().__init__()
        self._chart_scene = scene
        self._rect = QRectF()
        self._blocks: dict[str, list[QRectF]] | None = None
        self._stubs: list[QLineF] | None = None
        self._lines: list[QLineF] | None = None
        self.colours_seen = 0
        """Counts regroupings for cards that came, went or changed colour: a
        painter that groups every block itself (the minimap) groups them again
        only when this has changed."""
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def set_extent(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def moved(self) -> None:
        """The cards moved: their blocks did too, but the lines must be worked out again."""
        self._stubs = self._lines = None
        self.update()

    def regroup(self) -> None:
        """Cards came or went, or changed colour."""
        self.colours_seen += 1
        self.selection_changed()

    def selection_changed(self) -> None:
        """The blocks and lines here leave the selected cards out (they are drawn
        where they are, for a drag): they are grouped again. The minimap, which
        draws every card's block, keeps its grouping: at 50,000 roles grouping
        them again after every pick of a card made lists of 50,000 blocks,
        which the next edit's collection walked too (some 2.6 ms)."""
        self._blocks = self._stubs = self._lines = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def blocks(self, selected: Collection[CardItem]) -> dict[str, list[QRectF]]:
        """The blocks of the cards not selected, by colour."""
        if self._blocks is None:
            skipped = {card.role_id for card in selected}
            self._blocks = blocks_by_colour(self._chart_scene.cards, skipped)
        return self._blocks

    def _reporting_lines(self, selected: Collection[CardItem]) -> list[QLineF]:
        """The cards' shares of the solid lines, from where the layout has each
        card (but the selected ones, which may be dragged)."""
        skipped = {card.role_id for card in selected}
        lines = []
        for role_id, card in self._chart_scene.cards.items():
            if card.lines and role_id not in skipped:
                x, y = card.block.x(), card.block.y()
                lines += [QLineF(x + x0, y + y0, x + x1, y + y1) for x0, y0, x1, y1 in card.lines]
        return lines

    def _column_stubs(self, selected: Collection[CardItem]) -> list[QLineF]:
        scene = self._chart_scene
        skipped = {card.role_id for card in selected}
        boxes, stub = scene.layout.boxes, scene.layout.column_stub
        stubs = []
        for role_id in scene.layout.stacked - skipped:
            box = boxes[role_id]
            middle = box.y + box.height / 2
            stubs.append(QLineF(box.x - stub, middle, box.x, middle))
        return stubs

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self._chart_scene
        selected = scene.selected_cards()
        if self._lines is None:  # under the blocks, as on the cards
            self._lines = self._reporting_lines(selected)
        hairline = QPen(scene.line_pen)
        hairline.setWidth(0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(hairline)
        painter.drawLines(self._lines)
        stub = scene.layout.column_stub
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if stub * lod >= MIN_STUB_PIXELS:  # shorter, they would not show
            if self._stubs is None:
                self._stubs = self._column_stubs(selected)
            painter.drawLines(self._stubs)
        painter.restore()
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self.blocks(selected).items():
            painter.setBrush(QColor(colour))
            painter.drawRects(rects)
        if selected:
            painter.setBrush(QColor(SELECTED_COLOUR))
            painter.drawRects([card.mapRectToScene(card.card_rect) for card in selected])
