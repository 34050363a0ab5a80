"""The minimap: the whole chart small in a corner of the canvas, with the part
the window shows outlined. Click or drag on it to go there.

It paints the cards as blocks grouped by colour (as the far-out overview
does) into an image, so that showing where the view is costs one image and
one rectangle, whatever the chart's size. After an edit the image is painted
again once the edits pause (REPAINT_AFTER_MS) and the cards they moved out
of sight are placed: at 50,000 roles painting it took a tenth of every edit,
and a burst of edits needs only the last.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import QGraphicsView, QWidget

from ui.card_item import SELECTED_COLOUR
from ui.chart_scene import ChartScene
from ui.overview_item import blocks_by_colour

LONGEST_SIDE = 200
"""The minimap's longer side at most, in pixels, however large the canvas."""
VIEW_FRACTION = 0.25
"""The minimap's sides at most, as a fraction of the canvas's: a sixteenth of its area."""
SHORTEST_SIDE = 36
"""A chart far wider than tall is stretched to this height, so it can still be clicked."""
SMALLEST_USEFUL = 80
"""A canvas that leaves the minimap a shorter longest side than this shows none."""
CORNER_GAP = 12
"""Room between the minimap and the corner of the canvas."""
PADDING = 6.0
"""Room between the minimap's frame and the chart in it."""
FRAME_COLOUR = QColor("#5f5f68")
BACKGROUND = QColor(255, 255, 255, 235)
REPAINT_AFTER_MS = 250
"""The image waits this long after a change of the chart for the next one."""
SELECTED_SHOWN = 200
"""Selected cards marked on the minimap at most: more would only fill it in."""


def minimap_size(chart: QRectF, canvas: QSize) -> QSize | None:
    """The chart's proportions within a corner box of the canvas (VIEW_FRACTION of
    each side, LONGEST_SIDE at most), never thinner than SHORTEST_SIDE; None when
    the canvas is too small for a minimap worth having."""
    box_width = min(LONGEST_SIDE, round(canvas.width() * VIEW_FRACTION))
    box_height = min(LONGEST_SIDE, round(canvas.height() * VIEW_FRACTION))
    if max(box_width, box_height) < SMALLEST_USEFUL or min(box_width, box_height) < SHORTEST_SIDE:
        return None
    if chart.isEmpty():
        return QSize(box_width, SHORTEST_SIDE)
    scale = min(box_width / chart.width(), box_height / chart.height())
    return QSize(
        max(SHORTEST_SIDE, round(chart.width() * scale)),
        max(SHORTEST_SIDE, round(chart.height() * scale)),
    )


class Minimap(QWidget):
    """Lies over the bottom-right corner of a chart view; hidden while the
    window shows the whole chart, as there is nowhere else to go, and on a
    canvas too small to spare the room."""

    def __init__(self, view: QGraphicsView, scene: ChartScene) -> None:
        super().__init__(view)
        self._view = view
        self._scene = scene
        self._image: QImage | None = None
        self._blocks: tuple[int, dict[str, list[QRectF]]] | None = None
        """The overview's regrouping count the blocks were grouped at, and the blocks by colour."""
        self._repaint = QTimer(self, singleShot=True, interval=REPAINT_AFTER_MS)
        self._repaint.timeout.connect(self._chart_settled)
        self._settle_once_placed = False
        """The edits paused while cards waited out of sight: the image follows
        once they are placed, and their blocks with them."""
        self._to_map = QTransform()
        self.enabled = True
        """Whether the user wants a minimap (View ▸ Overview map)."""
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The whole chart: click or drag to go there")
        view.horizontalScrollBar().valueChanged.connect(self.follow_view)
        view.verticalScrollBar().valueChanged.connect(self.follow_view)
        self._follow(scene)

    def set_scene(self, scene: ChartScene) -> None:
        """Show another chart's scene (the old one is about to go)."""
        self._scene.drawing_changed.disconnect(self.chart_changed)
        self._scene.selectionChanged.disconnect(self.update)
        self._scene.cards_placed.disconnect(self._cards_placed)
        self._follow(scene)

    def _follow(self, scene: ChartScene) -> None:
        self._scene = scene
        scene.drawing_changed.connect(self.chart_changed)
        scene.selectionChanged.connect(self.update)
        scene.cards_placed.connect(self._cards_placed)
        self._image = self._blocks = None  # another chart: painted when next shown
        self.follow_view()

    def chart_changed(self) -> None:
        """The chart changed: the image follows once the edits pause, or every
        pause's length while a big chart's cards are made (ui.making_later):
        it fills in as they come."""
        if not (self._repaint.isActive() and self._scene.cards_waiting_to_be_made()):
            self._repaint.start()
        self.follow_view()

    def _chart_settled(self) -> None:
        if self._scene.cards_waiting():
            # Painting now would first move the blocks of up to 48,000 cards
            # waiting (at 50,000 roles); placing them moves the blocks anyway.
            self._settle_once_placed = True
            return
        self._settle_once_placed = False
        # Painted now, while every card is in its place: left to the next paint,
        # it would come after the next edit, with cards waiting again.
        self._image = self._painted_chart() if self.isVisible() else None
        self.update()

    def _cards_placed(self) -> None:
        if self._settle_once_placed:
            self._chart_settled()

    def visible_rect(self) -> QRectF:
        """The part of the chart the window shows, in scene units."""
        view = self._view
        return view.mapToScene(view.viewport().rect()).boundingRect()

    def follow_view(self) -> None:
        """Place and show (or hide) the minimap for where the view is now."""
        chart = self._scene.chart_rect()
        shows_all = self.visible_rect().contains(chart)
        viewport = self._view.viewport().geometry()
        size = minimap_size(chart, viewport.size())
        wanted = self.enabled and not chart.isEmpty() and not shows_all and size is not None
        if wanted and size is not None:
            corner = viewport.bottomRight()
            self.setGeometry(
                corner.x() - size.width() - CORNER_GAP,
                corner.y() - size.height() - CORNER_GAP,
                size.width(),
                size.height(),
            )
            self.raise_()
        self.setVisible(wanted)
        self.update()

    def _chart_transform(self) -> QTransform:
        """Scene to minimap: the chart's rectangle onto the minimap, padding aside."""
        chart = self._scene.chart_rect()
        inner = QRectF(self.rect()).adjusted(PADDING, PADDING, -PADDING, -PADDING)
        transform = QTransform()
        transform.translate(inner.left(), inner.top())
        transform.scale(inner.width() / chart.width(), inner.height() / chart.height())
        transform.translate(-chart.left(), -chart.top())
        return transform

    def _chart_image(self) -> QImage:
        if self._image is None or self._image.size() != self.size():
            self._image = self._painted_chart()
        return self._image

    def _painted_chart(self) -> QImage:
        """The chart's blocks drawn into an image of the minimap's size."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(BACKGROUND)
        painter = QPainter(image)
        painter.setTransform(self._chart_transform())
        self._scene.blocks_to_places()
        # A hairline edge keeps a block a pixel wide however small it gets.
        for colour, rects in self._blocks_by_colour().items():
            painter.setPen(QPen(QColor(colour), 0))
            painter.setBrush(QColor(colour))
            painter.drawRects(rects)
        painter.end()
        return image

    def _blocks_by_colour(self) -> dict[str, list[QRectF]]:
        """Every card's block by colour, grouped again only when the overview groups
        its own again (cards came or went or changed colour); the blocks are the
        cards' own rects, which the scene moves in place."""
        regrouped = self._scene.overview.colours_seen
        if self._blocks is None or self._blocks[0] != regrouped:
            self._blocks = (regrouped, blocks_by_colour(self._scene.cards))
        return self._blocks[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._chart_image())
        transform = self._chart_transform()
        selected = [card.block for card in self._scene.selected_cards()[:SELECTED_SHOWN]]
        if selected:
            painter.setPen(QPen(QColor(SELECTED_COLOUR), 3))
            painter.drawPoints([transform.map(rect.center()) for rect in selected])
        shown = transform.mapRect(self.visible_rect()).intersected(QRectF(self.rect()))
        painter.setPen(QPen(QColor("#1f1f24"), 1.5))
        painter.setBrush(QColor(31, 31, 36, 28))
        painter.drawRect(shown.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setPen(QPen(FRAME_COLOUR, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

    def scene_point(self, point: QPointF) -> QPointF:
        """Where a point of the minimap lies in the chart."""
        inverse, _invertible = self._chart_transform().inverted()
        mapped: QPointF = inverse.map(point)
        return mapped

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view.centerOn(self.scene_point(event.position()))
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._view.centerOn(self.scene_point(event.position()))
            event.accept()
