"""The chart canvas: the view that zooms, pans and turns gestures into requests.

The parts it shows live beside it: cards (``ui.card_item``), the far-out
overview (``ui.overview_item``), reporting lines in strips
(``ui.chart_lines``) and the scene that keeps them in step with the document
(``ui.chart_scene``); their names are gathered here too. The view edits
nothing itself: it emits signals that the window turns into edits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsView,
    QStyle,
)

from ui.canvas_gestures import CardDrag, Pan
from ui.card_item import (
    BLOCK_LOD,
    CARD_MARGIN,
    SELECTED_COLOUR,
    TEXT_LOD,
    CardItem,
    block_colour,
)
from ui.card_walk import ARROW_STEPS, neighbour
from ui.chart_lines import LineLayer, dash_period
from ui.chart_scene import ChartScene, LayoutEngine
from ui.minimap import Minimap
from ui.strips import LINE_STRIP_WIDTH
from ui.title_editor import TitleEditor

__all__ = [
    "BLOCK_LOD",
    "CARD_MARGIN",
    "LINE_STRIP_WIDTH",
    "ROLE_KIND_MIME",
    "SELECTED_COLOUR",
    "TEXT_LOD",
    "CardItem",
    "ChartScene",
    "ChartView",
    "LayoutEngine",
    "LineLayer",
    "block_colour",
    "dash_period",
]

ROLE_KIND_MIME = "application/x-orgmodel-role-kind"
MIN_ZOOM, MAX_ZOOM = 0.02, 4.0
LEGIBLE_ZOOM = 0.5
"""A chart that fits whole at this zoom or closer opens fitted: its cards' text
is drawn (from TEXT_LOD) and big enough to read (a 13-pixel title shows at 6.5)."""
READING_ZOOM = 0.8
"""A chart too big to read whole opens at this zoom on its top, and Find shows
each hit at it (or closer, if the user is closer already)."""
FIT_MARGIN = 20.0
"""Room left around a chart fitted in the window, in scene units."""


class ChartView(QGraphicsView):
    """Zoom, pan, rubber-band selection, and drops that become edit requests."""

    kind_dropped = Signal(str, object)
    """A role kind was dropped: (kind id, role id of the card it landed on or None)."""
    cards_dropped = Signal(list, object)
    """Cards were dragged: (their role ids, role id of the card they landed on or None)."""
    zoom_changed = Signal(float)
    """The view's scale changed (1.0 is 100%)."""
    drop_missed = Signal()
    """Cards were dragged onto no card, so they went back."""

    def __init__(self, scene: ChartScene) -> None:
        super().__init__(scene)
        self.chart_scene = scene
        scene.scroll_rect_changed.connect(self._follow_scene_rect)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(QColor("#fafafb")))
        self.setAcceptDrops(True)
        self._drag, self._pan = CardDrag(), Pan(self)
        self._fit_zoom = MIN_ZOOM
        """The zoom that last fitted the whole chart: zooming out goes down to it."""
        self.minimap = Minimap(self, scene)

    # --- zoom -------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        # A big chart fits below MIN_ZOOM: out goes as far as the fit, and no jump in.
        lowest = min(MIN_ZOOM, self._fit_zoom, self.zoom())
        target = min(MAX_ZOOM, max(lowest, self.zoom() * factor))
        self.scale(target / self.zoom(), target / self.zoom())
        self._match_detail_to_zoom()

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(0.8)

    def reset_zoom(self) -> None:
        self.resetTransform()
        self._match_detail_to_zoom()

    def setScene(self, scene: QGraphicsScene | None) -> None:
        if not isinstance(scene, ChartScene):
            raise TypeError("a chart view shows a ChartScene")
        self.chart_scene.scroll_rect_changed.disconnect(self._follow_scene_rect)
        super().setScene(scene)
        self.chart_scene = scene
        scene.scroll_rect_changed.connect(self._follow_scene_rect)
        self.setSceneRect(scene.scroll_rect)
        self.minimap.set_scene(scene)
        self.reset_zoom()  # until fitted: far out, the overview would make every card now

    def _follow_scene_rect(self) -> None:
        """Scroll over the chart and its margin again (see ChartScene.scroll_rect),
        and, across or down where the window scrolls, over what it shows: a chart
        an edit made smaller must not pull the view away from where the user is
        working. Where the whole chart shows, it stays centred as Qt puts it."""
        rect, seen = QRectF(self.chart_scene.scroll_rect), self.visible_rect()
        if seen.width() < rect.width():
            rect.setLeft(min(rect.left(), seen.left()))
            rect.setRight(max(rect.right(), seen.right()))
        if seen.height() < rect.height():
            rect.setTop(min(rect.top(), seen.top()))
            rect.setBottom(max(rect.bottom(), seen.bottom()))
        self.setSceneRect(rect)

    def _match_detail_to_zoom(self) -> None:
        """Every change of scale comes here: the overview far out, and the news."""
        self.chart_scene.sight_moved()
        self.chart_scene.show_overview(self.zoom() < BLOCK_LOD)
        self.minimap.follow_view()
        self.zoom_changed.emit(self.zoom())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.chart_scene.sight_moved()
        self.minimap.follow_view()

    def set_zoom(self, zoom: float) -> None:
        self.scale(zoom / self.zoom(), zoom / self.zoom())
        self._match_detail_to_zoom()

    def fitting_zoom(self) -> float:
        """The zoom at which the whole chart fits the window (0 for an empty chart)."""
        rect = self.chart_scene.chart_rect()
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return 0.0
        margin = 2 * FIT_MARGIN
        return min(
            viewport.width() / (rect.width() + margin), viewport.height() / (rect.height() + margin)
        )

    def fit(self) -> None:
        rect = self.chart_scene.chart_rect()
        if rect.isEmpty():
            return
        margin = FIT_MARGIN
        framed = rect.adjusted(-margin, -margin, margin, margin)
        self.fitInView(framed, Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_zoom = self.zoom()
        if self.zoom() > 1.0:
            self.reset_zoom()
            self.centerOn(rect.center())
        self._match_detail_to_zoom()

    def show_legibly(self) -> None:
        """Show a chart as it opens: whole if its text can be read so, else its
        top at a zoom where it can. Zooming out still goes down to the fit."""
        fitting = self.fitting_zoom()
        if fitting >= LEGIBLE_ZOOM or not fitting:
            self.fit()
            return
        self._fit_zoom = fitting
        self.set_zoom(READING_ZOOM)
        top = self.chart_scene.top_box()
        if top is None:
            return
        # The top card at the top of the window, centred across it.
        visible_height = self.viewport().height() / self.zoom()
        self.centerOn(QPointF(top.center_x, top.y - FIT_MARGIN + visible_height / 2))

    def show_card(self, role_id: str) -> None:
        """Zoom in to a readable size if the view is further out, and centre the card."""
        card = self.chart_scene.card(role_id)
        if card is None:
            return
        if self.zoom() < READING_ZOOM:
            self.set_zoom(READING_ZOOM)
        centre = card.scene_card_rect().center()
        seen = self.visible_rect()
        seen.moveCenter(centre)
        self._may_scroll_over(seen)  # a card at the chart's edge, centred
        self.centerOn(centre)

    def _may_scroll_over(self, seen: QRectF) -> None:
        """Let the view show ``seen``, past the chart's edge if need be, until the
        chart is laid out again (see _follow_scene_rect)."""
        if not self.sceneRect().contains(seen):
            self.setSceneRect(self.sceneRect().united(seen))

    def edit_title(self, role_id: str, title: str) -> TitleEditor | None:
        """Open a field over the card's title (zooming in to read it first)."""
        card = self.chart_scene.card(role_id)
        if card is None:
            return None
        rect = card.scene_card_rect()
        if self.zoom() < READING_ZOOM or not self.visible_rect().contains(rect):
            self.show_card(role_id)
        title_area = QRectF(rect.left() + 10, rect.top() + 4, rect.width() - 16, 24)
        where = self.mapFromScene(title_area).boundingRect()
        return TitleEditor(self, self.viewport(), role_id, title, where, self.zoom())

    def visible_rect(self) -> QRectF:
        """The part of the scene the window shows."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def card_view_position(self, role_id: str) -> QPointF | None:
        """Where a role's card sits in the viewport now, if it is on the canvas."""
        card = self.chart_scene.card(role_id)
        if card is None:
            return None
        self.chart_scene.place_card(card)
        return QPointF(self.mapFromScene(card.pos()))

    def keep_card_at(self, role_id: str, position: QPointF) -> None:
        """Scroll so the role's card is back at ``position`` in the viewport."""
        now = self.card_view_position(role_id)
        if now is None:
            return
        # Keeping the card still may take the view past the chart's edge (a team
        # grew), and the scroll bars' room with it: were they to go (a chart folded
        # to one card), Qt would centre what the grown window shows, card and all.
        delta, zoom = now - position, self.zoom()
        bars = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) / zoom
        seen = self.visible_rect().translated(delta.x() / zoom, delta.y() / zoom)
        self._may_scroll_over(seen.adjusted(0, 0, bars, bars))
        delta = (self.card_view_position(role_id) or now) - position
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(delta.y()))

    def toggle_collapsed(self, role_ids: Sequence[str]) -> None:
        """Collapse or expand these cards' teams. The first card stays where it is
        on screen: the chart moves around it, not it away from the pointer."""
        if not role_ids:
            return
        anchor = role_ids[0]
        position = self.card_view_position(anchor)
        for role_id in role_ids:
            self.chart_scene.toggle_collapsed(role_id)
        if position is not None:
            self.keep_card_at(anchor, position)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        card = self.chart_scene.card_at(self.mapToScene(event.position().toPoint()))
        if card is None:
            super().mouseDoubleClickEvent(event)
            return
        self.toggle_collapsed([card.role_id])
        event.accept()

    def centre_on_roles(self, role_ids: Collection[str]) -> None:
        rect = QRectF()
        for role_id in role_ids:
            card = self.chart_scene.card(role_id)
            if card is not None:
                rect = rect.united(card.scene_card_rect())
        if not rect.isNull():
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        """A mouse wheel zooms; a trackpad's two-finger scroll and sideways
        scrolling pan; Ctrl with either zooms."""
        zooming = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        # A trackpad scroll comes in phases (begin, update, end, momentum); a mouse
        # wheel has none. Pixel deltas tell nothing: macOS gives them for wheels too.
        trackpad = event.phase() != Qt.ScrollPhase.NoScrollPhase
        sideways = bool(event.angleDelta().x()) and not event.angleDelta().y()
        if not zooming and (trackpad or sideways):
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.15**steps)
        event.accept()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.chart_scene.sight_moved()  # what comes into view is placed before it is drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        self.chart_scene.place_in_sight()
        super().paintEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if (
            isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom_by(1.0 + event.value())  # a trackpad pinch
            event.accept()
            return True
        return super().viewportEvent(event)

    # --- dragging cards and panning ---------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._pan.press(event):
            return
        self.chart_scene.place_made()  # a drag takes every selected card along
        super().mousePressEvent(event)
        self._drag.start(self.chart_scene)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan.move(event):
            return
        super().mouseMoveEvent(event)
        if self._drag.role_ids and self.chart_scene.overview_shown:
            # Cards without contents are not repainted when they move: the overview is.
            self.chart_scene.overview.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan.release(event):
            return
        moved = self._drag.finish(self.chart_scene)
        super().mouseReleaseEvent(event)
        if not moved:
            return
        target = self.chart_scene.card_at(self.mapToScene(event.position().toPoint()), moved)
        # The cards snap back to the layout; an accepted drop moves them for real.
        self.chart_scene.snap_back(moved)
        if target is not None:
            self.cards_dropped.emit(moved, target.role_id)
        else:
            self.drop_missed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.chart_scene.clearSelection()
            event.accept()
            return
        step = ARROW_STEPS.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            target = neighbour(self.chart_scene, step)
            if target is not None:
                self.chart_scene.select_roles([target])
                self.ensureVisible(self.chart_scene.box_rect(target), 40, 40)
                event.accept()
                return
        super().keyPressEvent(event)  # no card that way: the arrow scrolls, as before

    # --- drops from the palette -------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(ROLE_KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(ROLE_KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not mime.hasFormat(ROLE_KIND_MIME):
            super().dropEvent(event)
            return
        kind_id = bytes(mime.data(ROLE_KIND_MIME).data()).decode("utf-8")
        target = self.chart_scene.card_at(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.kind_dropped.emit(kind_id, target.role_id if target else None)
