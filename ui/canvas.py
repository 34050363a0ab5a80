"""The chart canvas: cards laid out as a tree, reporting lines, drag and drop.

Drawing scales to large charts: one item per card that paints its own text
(and drops the text when a card is only a few pixels tall); far out, one
overview item paints every card as a block instead; lines are path items,
one per vertical strip of the chart, so a view strokes only the lines near
it. Items hold a role id, never the truth: the scene redraws from the
document's chart after every change. The view turns gestures into requests
(signals); it edits nothing itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import ClassVar, Literal

from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.graphviz_layout import choose_layout
from orgmodel.hierarchy import below, forest, same_reporting_lines
from orgmodel.layout import CHART_VIEW_OPTIONS, Layout, LayoutOptions, tidy_tree
from orgmodel.model import Chart
from orgmodel.rules import Finding, Severity
from orgmodel.rules.engine import SEVERITIES
from ui.appearance import (
    SEVERITY_COLOURS,
    CardContent,
    card_content,
    text_font,
    worst_severity_by_role,
)
from ui.document import ChartDocument

ROLE_KIND_MIME = "application/x-orgmodel-role-kind"
LayoutEngine = Literal["tidy", "dot"]
DOT_TIMEOUT = 5.0
"""A canvas waits this long for Graphviz before it falls back to the tidy tree."""
MIN_ZOOM, MAX_ZOOM = 0.02, 4.0
TEXT_LOD = 0.35
"""Below this scale a card shows no text: it would be unreadable."""
BLOCK_LOD = 0.12
"""Below this scale a card is a plain coloured block, the cheapest thing to paint."""
MARKER_MARGINS = (-2.0, -8.0, 8.0, 2.0)
"""How far a card's drawing reaches past its box (left, top, right, bottom):
the finding marker sits on the top-right corner."""
CARD_MARGIN = max(abs(margin) for margin in MARKER_MARGINS)
"""The most a card's drawing reaches past its box on any side."""
MIN_STUB_PIXELS = 1.0
"""Far out, the overview draws the stubs to column lines only when at least this long."""
ARROW_STEPS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}
"""Arrow keys move the selection between cards."""
OVERVIEW_SLACK = 100_000.0
"""How far past the chart the overview paints, for blocks being dragged there."""


SELECTED_COLOUR = "#1a56db"
CARD_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
)
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def zoom_text(zoom: float) -> str:
    """'100%', '12%', or '0.3%' and '0.04%' for big charts fitted whole."""
    return f"{zoom * 100:.2g}%" if zoom < 0.1 else f"{zoom:.0%}"


def block_colour(content: CardContent, selected: bool) -> str:
    """The colour of a card drawn as a plain block: selection, then its marker, then its kind."""
    if selected:
        return SELECTED_COLOUR
    return SEVERITY_COLOURS[content.severity] if content.severity else content.colour


class CardItem(QGraphicsItem):
    """One role's card. It paints everything itself; it has no child items.

    A card in a compact column also paints the stub joining it to the column's
    line: most cards of a big chart are in columns, and drawn with the card the
    stubs cost nothing when the chart is laid out again. A card being dragged
    leaves its stub behind (it is not drawn away from the card's place).
    """

    TITLE_FONT = text_font(13, bold=True)
    PERSON_FONT = text_font(13)
    VACANT_FONT = text_font(13, italic=True)
    SMALL_FONT = text_font(10)
    BADGE_FONT = text_font(9, bold=True)

    _shapes: ClassVar[dict[tuple[float, float], tuple[QRectF, QRectF, QPainterPath]]] = {}
    """Card, outline and hit shape by card size, shared: a chart's cards have one size."""

    def __init__(
        self,
        role_id: str,
        content: CardContent,
        width: float,
        height: float,
        stub: float = 0.0,
        *,
        no_contents: bool = False,
    ) -> None:
        """``no_contents``: the overview paints the card for now (see OverviewItem)."""
        super().__init__()
        self.role_id = role_id
        self.content = content
        self.block_colour = block_colour(content, selected=False)
        self.block = QRectF(0, 0, width, height)
        """Where the layout has the card, in the scene: the overview draws it from
        here. The scene moves it with the card (in place: the overview keeps it)."""
        shapes = self._shapes.get((width, height))
        if shapes is None:
            rect = QRectF(0, 0, width, height)
            outline = rect.adjusted(*MARKER_MARGINS)
            hit_shape = QPainterPath()
            hit_shape.addRect(outline)
            shapes = self._shapes[width, height] = (rect, outline, hit_shape)
        self._rect, self._outline, self._hit_shape = shapes
        self.stub = stub
        self._bounds = self._outline.adjusted(-stub, 0, 0, 0)
        flags = CARD_FLAGS | NO_CONTENTS if no_contents else CARD_FLAGS
        self.setFlags(flags)  # one call: cards are made by the ten thousand
        self.setToolTip(f"{content.title}\n{content.person}\n{content.kind_name}")

    def set_content(self, content: CardContent) -> bool:
        """Show this content; True if the card's block changed colour."""
        if content == self.content:
            return False
        colour = self.block_colour
        self.content = content
        self.block_colour = block_colour(content, selected=False)
        self.setToolTip(f"{content.title}\n{content.person}\n{content.kind_name}")
        self.update()
        return self.block_colour != colour

    def set_stub(self, stub: float) -> None:
        """How far left of the card the line to its column reaches (0: no stub)."""
        if stub != self.stub:
            self.prepareGeometryChange()
            self.stub = stub
            self._bounds = self._outline.adjusted(-stub, 0, 0, 0)

    @property
    def card_rect(self) -> QRectF:
        """The card itself, in item coordinates (the bounding rect adds the marker)."""
        return QRectF(self._rect)  # a copy: cards of one size share theirs

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        # The card and its marker take clicks and drops; the stub does not.
        return self._hit_shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        content = self.content
        rect = self._rect
        colour = QColor(content.colour)
        selected = self.isSelected()
        scene = self.scene()
        full_detail = isinstance(scene, ChartScene) and scene.full_detail
        lod = 1.0 if full_detail else option.levelOfDetailFromTransform(painter.worldTransform())
        if self.stub and isinstance(scene, ChartScene) and scene.at_its_place(self):
            painter.setPen(scene.solid_lines.pen)
            middle = rect.height() / 2
            painter.drawLine(QPointF(-self.stub, middle), QPointF(0, middle))
        if lod < BLOCK_LOD:
            painter.fillRect(rect, QColor(block_colour(content, selected)))
            return
        painter.setPen(
            QPen(
                QColor(SELECTED_COLOUR) if selected else colour.darker(130), 2.5 if selected else 1
            )
        )
        painter.setBrush(QColor("#ffffff") if not content.vacant else QColor("#f6f6f8"))
        painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, 6, rect.height() - 2), colour)
        self._paint_marker(painter)
        if lod < TEXT_LOD:
            return
        left, width = rect.left() + 14, rect.width() - 22
        lines = [(self.TITLE_FONT, QColor("#1f1f24"), content.title)]
        if content.person:  # a chart shared without names has no person line
            vacant = content.vacant
            person_colour = QColor("#8a8a94") if vacant else QColor("#33333a")
            font = self.VACANT_FONT if vacant else self.PERSON_FONT
            lines.append((font, person_colour, content.person))
        lines.append((self.SMALL_FONT, QColor("#5f5f68"), content.kind_name))
        for (font, pen_colour, text), top in zip(lines, (8.0, 26.0, 44.0), strict=False):
            painter.setFont(font)
            painter.setPen(pen_colour)
            # Hinting at another scale (print, a high-DPI PNG) widens text a little:
            # elide with room to spare rather than clip the last letters.
            elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width * 0.94)
            painter.drawText(
                QRectF(left, rect.top() + top, width, 18),
                Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextDontClip,
                elided,
            )
        if content.badge:
            self._paint_badge(painter, content.badge, colour, left)
        if content.hidden_reports:
            painter.setFont(self.SMALL_FONT)
            painter.setPen(QColor("#5f5f68"))
            painter.drawText(
                QRectF(rect.right() - 60, rect.bottom() - 16, 54, 14),
                Qt.AlignmentFlag.AlignRight,
                f"+{content.hidden_reports}",
            )

    def _paint_badge(self, painter: QPainter, text: str, colour: QColor, left: float) -> None:
        painter.setFont(self.BADGE_FONT)
        width = QFontMetricsF(self.BADGE_FONT).horizontalAdvance(text) + 10
        badge = QRectF(left, self._rect.bottom() - 15, width, 12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_marker(self, painter: QPainter) -> None:
        if self.content.severity is None:
            return
        marker = QRectF(self._rect.right() - 8, self._rect.top() - 6, 14, 14)
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(QColor(SEVERITY_COLOURS[self.content.severity]))
        painter.drawEllipse(marker)
        painter.setPen(QColor("white"))
        painter.setFont(self.BADGE_FONT)
        painter.drawText(marker, Qt.AlignmentFlag.AlignCenter, "!")


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
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def set_extent(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def moved(self) -> None:
        """The cards moved: their blocks did too, but the stubs must be worked out again."""
        self._stubs = None
        self.update()

    def regroup(self) -> None:
        """Cards came or went, or changed colour, or the selection changed."""
        self._blocks = self._stubs = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def blocks(self, selected: Collection[CardItem]) -> dict[str, list[QRectF]]:
        """The blocks of the cards not selected, by colour."""
        if self._blocks is None:
            skipped = {card.role_id for card in selected}
            blocks: dict[str, list[QRectF]] = defaultdict(list)
            for role_id, card in self._chart_scene.cards.items():
                if role_id not in skipped:
                    blocks[card.block_colour].append(card.block)
            self._blocks = blocks
        return self._blocks

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self._chart_scene
        selected = [item for item in scene.selectedItems() if isinstance(item, CardItem)]
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self.blocks(selected).items():
            painter.setBrush(QColor(colour))
            painter.drawRects(rects)
        stub = scene.layout.column_stub
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if stub * lod >= MIN_STUB_PIXELS:  # shorter, they would not show
            if self._stubs is None:
                skipped = {card.role_id for card in selected}
                boxes = scene.layout.boxes
                stubs = []
                for role_id in scene.layout.stacked - skipped:
                    box = boxes[role_id]
                    middle = box.y + box.height / 2
                    stubs.append(QLineF(box.x - stub, middle, box.x, middle))
                self._stubs = stubs
            hairline = QPen(scene.solid_lines.pen)
            hairline.setWidth(0)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(hairline)
            painter.drawLines(self._stubs)
            painter.restore()
        if selected:
            painter.setBrush(QColor(SELECTED_COLOUR))
            painter.drawRects([card.mapRectToScene(card.card_rect) for card in selected])


LINE_STRIP_WIDTH = 8000.0
"""Lines are kept in vertical strips this wide (scene units), one path item
each, so a view strokes only the strips it shows: Qt strokes a whole path
even when most of it lies outside the window."""
DOTTED_STRIP_WIDTH = 4 * LINE_STRIP_WIDTH
"""Dotted lines run anywhere across the chart, so each is cut into many pieces;
wider strips cut them less, and a page still draws one piece per line crossing it."""


class LinesItem(QGraphicsPathItem):
    """One strip of reporting lines. In the overview they are hairlines without
    antialiasing: stroking and smoothing thousands of sub-pixel lines would
    cost more than painting all the cards."""

    def __init__(self, pen: QPen, z: float) -> None:
        super().__init__()
        self.setPen(pen)
        self.setZValue(z)
        self._bounds = QRectF()

    def show_path(self, path: QPainterPath) -> None:
        self.prepareGeometryChange()
        self.setPath(path)
        margin = self.pen().widthF()
        self._bounds = path.controlPointRect().adjusted(-margin, -margin, margin, margin)

    def boundingRect(self) -> QRectF:
        # Qt's own bounding rect of a path item is that of its (stroked) shape.
        return self._bounds

    def shape(self) -> QPainterPath:
        # Lines take no clicks; Qt's default shape strokes the whole path on every hit test.
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.scene()
        full_detail = isinstance(scene, ChartScene) and scene.full_detail
        if full_detail or option.levelOfDetailFromTransform(painter.worldTransform()) >= BLOCK_LOD:
            super().paint(painter, option, widget)
            return
        hairline = QPen(self.pen())
        hairline.setWidth(0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(hairline)
        painter.drawPath(self.path())
        painter.restore()


def dash_period(pen: QPen) -> float:
    """How long one dash and gap of a dashed pen are, in scene units."""
    return sum(pen.dashPattern()) * (pen.widthF() or 1.0)  # a 0 width draws 1 px wide


class _Strips:
    """Line paths by strip, a line that crosses strips cut where it crosses.

    Each strip's path then lies within its band, so a page or a window that
    shows one part of a wide chart draws the lines of that part only.
    """

    def __init__(self, width: float = LINE_STRIP_WIDTH, dash_period: float = 0.0) -> None:
        """``dash_period``: the length of one dash and gap of the pen the strips
        are drawn with (0 for a solid pen)."""
        self.width = width
        self.dash_period = dash_period
        self.paths: dict[int, QPainterPath] = defaultdict(QPainterPath)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        width = self.width
        first, last = int(x0 // width), int(x1 // width)
        if first == last:
            path = self.paths[first]
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
            return
        if self.dash_period:
            self._dashed_line(x0, y0, x1, y1)
            return
        step = 1 if last > first else -1
        x, y = x0, y0
        for strip in range(first, last, step):
            edge = (strip + (step > 0)) * width
            edge_y = y0 + (y1 - y0) * (edge - x0) / (x1 - x0)
            path = self.paths[strip]
            path.moveTo(x, y)
            path.lineTo(edge, edge_y)
            x, y = edge, edge_y
        path = self.paths[last]
        path.moveTo(x, y)
        path.lineTo(x1, y1)

    def _dashed_line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A line across strips, cut where a dash begins just past each strip's
        edge: every piece starts its dash pattern afresh, so where the pieces
        meet the dashes run on as in one line. A piece reaches past its strip's
        band by less than one dash period."""
        length = math.hypot(x1 - x0, y1 - y0)
        along_x, along_y = (x1 - x0) / length, (y1 - y0) / length
        period, width = self.dash_period, self.width
        rightwards = x1 > x0
        start, strip = 0.0, int(x0 // width)
        while True:
            edge = (strip + rightwards) * width
            cut = (math.floor((edge - x0) / along_x / period) + 1) * period  # past the edge
            end = min(cut, length)
            path = self.paths[strip]
            path.moveTo(x0 + along_x * start, y0 + along_y * start)
            path.lineTo(x0 + along_x * end, y0 + along_y * end)
            if end == length:
                return
            start, strip = cut, int((x0 + along_x * cut) // width)

    def elbow(self, from_x: float, from_y: float, to_x: float, to_y: float) -> None:
        """Down from (from_x, from_y), across halfway, and down to (to_x, to_y)."""
        middle = from_y + (to_y - from_y) / 2
        strip = int(from_x // self.width)
        if strip == int(to_x // self.width):  # most lines: one polyline, one strip
            path = self.paths[strip]
            path.moveTo(from_x, from_y)
            path.lineTo(from_x, middle)
            path.lineTo(to_x, middle)
            path.lineTo(to_x, to_y)
            return
        self.line(from_x, from_y, from_x, middle)
        self.line(from_x, middle, to_x, middle)
        self.line(to_x, middle, to_x, to_y)


class LineLayer:
    """Lines of one style (solid or dotted) as strips of path items in a scene."""

    def __init__(self, scene: QGraphicsScene, pen: QPen, z: float) -> None:
        self._scene = scene
        self.pen = pen
        self._z = z
        self.strips: dict[int, LinesItem] = {}

    def set_paths(self, paths: dict[int, QPainterPath]) -> None:
        """Show these paths, by strip; strips left without lines go."""
        for strip in [s for s in self.strips if s not in paths]:
            self._scene.removeItem(self.strips.pop(strip))
        for strip, path in paths.items():
            item = self.strips.get(strip)
            if item is None:
                item = LinesItem(self.pen, self._z)
                self._scene.addItem(item)
                self.strips[strip] = item
            item.show_path(path)


def _changed_keys(before: Mapping[str, object], after: Mapping[str, object]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


class ChartScene(QGraphicsScene):
    """Cards and lines of the document's chart, kept in step with it."""

    layout_note = Signal(str)
    """A new layout is not the one asked for (Graphviz fell back), and why; "" once it is."""

    def __init__(
        self,
        document: ChartDocument,
        catalogue: Catalogue | None = None,
        options: LayoutOptions | None = None,
        parent: QObject | None = None,
        *,
        names: bool = True,
        markers: bool = True,
        full_detail: bool = False,
        findings: Sequence[Finding] | None = None,
        engine: LayoutEngine = "tidy",
        collapsed: Collection[str] = (),
    ) -> None:
        """``names``/``markers`` show people and finding markers; ``full_detail`` paints
        text at any scale (for export, where text must stay selectable); ``findings``
        replaces the document's own for the markers; ``engine`` "dot" lays the chart
        out with Graphviz where it is fast enough (see orgmodel.graphviz_layout)."""
        super().__init__(parent)
        self.document = document
        self.catalogue = catalogue or load_catalogue()
        self.options = options or CHART_VIEW_OPTIONS
        self.names = names
        self.markers = markers
        self.full_detail = full_detail
        self._findings = findings
        self.engine = engine
        self.collapsed: set[str] = set(collapsed)
        self.layout = Layout({}, 0, 0)
        self._severities: dict[str, Severity] = {}
        self._laid_out: tuple[Chart, tuple[LayoutEngine, LayoutOptions, frozenset[str]]] | None = (
            None
        )
        """The chart and settings the layout was made for."""
        self.cards: dict[str, CardItem] = {}
        self._hidden: dict[str, int] = {}
        """How many roles each collapsed card showed as hidden."""
        self._stacked: frozenset[str] = frozenset()
        """The cards drawn with a stub to a column's line."""
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.solid_lines = LineLayer(self, QPen(QColor("#8d8d96"), 1.4), z=-2)
        self.dotted_lines = LineLayer(
            self, QPen(QColor("#6c6cd4"), 1.4, Qt.PenStyle.DashLine), z=-1
        )
        # A line that closes a reporting loop runs upwards across cards: drawn over
        # them, in the error colour, so it is never hidden.
        loop_pen = QPen(QColor(SEVERITY_COLOURS["error"]), 2.0, Qt.PenStyle.DashLine)
        self.loop_lines = LineLayer(self, loop_pen, z=1)
        self.overview = OverviewItem(self)
        self.addItem(self.overview)
        self.selectionChanged.connect(self._selection_changed)
        document.chart_changed.connect(self.refresh)
        self.refresh()

    @property
    def overview_shown(self) -> bool:
        return self.overview.isVisible()

    def show_overview(self, shown: bool) -> None:
        """Paint all cards as blocks in one item (True) or let each card paint itself."""
        if shown == self.overview_shown:
            return
        for card in self.cards.values():
            card.setFlag(NO_CONTENTS, shown)
        self.setItemIndexMethod(
            QGraphicsScene.ItemIndexMethod.NoIndex
            if shown
            else QGraphicsScene.ItemIndexMethod.BspTreeIndex
        )
        self.overview.setVisible(shown)
        self.overview.regroup()

    def _selection_changed(self) -> None:
        self.overview.regroup()

    def refresh(self) -> None:
        """Bring the cards and lines in line with the document's chart."""
        chart = self.document.chart
        self.collapsed &= {role.id for role in chart}
        collapsed = frozenset(self.collapsed)
        inputs = (self.engine, self.options, collapsed)
        laid_out = self._laid_out
        # Most edits (a title, a person, responsibilities) move no line: the
        # layout, and the lines drawn from it, stand.
        relayout = (
            laid_out is None
            or laid_out[1] != inputs
            or not same_reporting_lines(laid_out[0], chart)
        )
        if relayout:
            note = self.layout.note
            if self.engine == "dot":
                self.layout = choose_layout(chart, self.options, collapsed, timeout=DOT_TIMEOUT)
            else:
                self.layout = tidy_tree(chart, self.options, collapsed)
            if self.layout.note != note:
                self.layout_note.emit(self.layout.note)
        self._laid_out = (chart, inputs)
        findings = self.document.findings if self._findings is None else self._findings
        severities = worst_severity_by_role(list(findings)) if self.markers else {}
        hidden = self._hidden_below_collapsed(severities) if self.collapsed else {}
        layout, boxes, cards = self.layout, self.layout.boxes, self.cards
        gone = [role_id for role_id in cards if role_id not in boxes]
        for role_id in gone:
            self.removeItem(cards.pop(role_id))
        regroup = bool(gone)  # the overview must group the blocks by colour again
        # Visit only the cards whose content may differ: roles the edit replaced
        # (roles are shared immutable values), changed markers or hidden counts,
        # and cards to make.
        if laid_out is None:
            changed: set[str] = set(boxes)
        else:
            before = laid_out[0]
            if len(before.roles) == len(chart.roles):  # most edits: pair by position
                pairs = zip(before.roles, chart.roles, strict=True)
                changed = {new.id for old, new in pairs if old is not new}
            else:  # an addition or removal shifts every later role: pair by id
                changed = {role.id for role in chart.roles if before.get(role.id) is not role}
            changed |= _changed_keys(self._severities, severities)
            changed |= _changed_keys(self._hidden, hidden)
            if len(cards) != len(boxes):
                changed.update(role_id for role_id in boxes if role_id not in cards)
        self._severities, self._hidden = severities, hidden
        stacked = layout.stacked
        column_stub = layout.column_stub

        def stub(role_id: str) -> float:
            return column_stub if role_id in stacked else 0.0

        for role_id in changed:
            box = boxes.get(role_id)
            if box is None:
                continue
            role = chart.role(role_id)
            content = card_content(
                role,
                self.catalogue,
                severities.get(role_id),
                hidden.get(role_id, 0),
                names=self.names,
            )
            card = cards.get(role_id)
            if card is None:
                card = CardItem(
                    role_id,
                    content,
                    box.width,
                    box.height,
                    stub(role_id),
                    no_contents=self.overview_shown,
                )
                card.setPos(box.x, box.y)
                card.block.moveTo(box.x, box.y)
                cards[role_id] = card
                self.addItem(card)
                regroup = True
            elif card.set_content(content):
                regroup = True
        if relayout:
            for role_id, box in boxes.items():
                card = cards[role_id]
                card.setPos(box.x, box.y)  # Qt ignores a move to where the card is
                card.block.moveTo(box.x, box.y)
            # A stub changes with what is stacked, or with the layout's settings.
            same_settings = laid_out is not None and laid_out[1] == inputs
            restub = stacked ^ self._stacked if same_settings else boxes.keys()
            for role_id in restub:
                card = cards.get(role_id)
                if card is not None:
                    card.set_stub(stub(role_id))
            self._stacked = stacked
            self.draw_lines()
        if regroup:
            self.overview.regroup()
        elif relayout:
            self.overview.moved()
        margin = 40.0
        self.setSceneRect(
            QRectF(
                -margin, -margin, self.layout.width + 2 * margin, self.layout.height + 2 * margin
            )
        )
        # A block dragged past the chart's edge must still be painted.
        slack = OVERVIEW_SLACK
        self.overview.set_extent(self.sceneRect().adjusted(-slack, -slack, slack, slack))

    def _hidden_below_collapsed(self, severities: dict[str, Severity]) -> dict[str, int]:
        """How many roles each collapsed card hides. The card takes the worst
        marker among them, so a finding never disappears with its card."""
        children = forest(self.document.chart)
        rank = {severity: index for index, severity in enumerate(SEVERITIES)}
        counts = {}
        for role_id in self.collapsed:
            total, worst = 0, severities.get(role_id)
            for role in below(children, role_id):
                total += 1
                hidden = severities.get(role.id)
                if hidden is not None and (worst is None or rank[hidden] < rank[worst]):
                    worst = hidden
            counts[role_id] = total
            if worst is not None:
                severities[role_id] = worst
        return counts

    def draw_lines(self) -> None:
        """Draw the reporting lines, each strip holding only what lies in its band.

        A compact column gets one line down its left; each card in it draws its
        own stub across (see CardItem).
        """
        boxes = self.layout.boxes
        stacked = self.layout.stacked
        solid = _Strips()
        dotted = _Strips(DOTTED_STRIP_WIDTH, dash_period(self.dotted_lines.pen))
        loops = _Strips(DOTTED_STRIP_WIDTH, dash_period(self.loop_lines.pen))
        for leader_id, column in self.layout.columns.items():
            leader, lowest = boxes[leader_id], boxes[column[-1]]
            x = leader.x + self.layout.column_line_offset
            solid.line(x, leader.bottom, x, lowest.y + lowest.height / 2)
        for role in self.document.chart.roles:
            box = boxes.get(role.id)
            if box is None:
                continue
            manager_id = role.manager
            manager = boxes.get(manager_id) if manager_id and manager_id != role.id else None
            if manager is not None and role.id not in stacked:
                if manager.bottom > box.y:  # the manager is not above: a loop closes here
                    loops.line(manager.center_x, manager.y, box.center_x, box.bottom)
                else:
                    solid.elbow(manager.center_x, manager.bottom, box.center_x, box.y)
            for dotted_manager in role.dotted_managers:
                other = boxes.get(dotted_manager)
                if other is not None:
                    dotted.line(
                        other.center_x,
                        other.y + other.height / 2,
                        box.center_x,
                        box.y + box.height / 2,
                    )
        self.solid_lines.set_paths(solid.paths)
        self.dotted_lines.set_paths(dotted.paths)
        self.loop_lines.set_paths(loops.paths)

    def toggle_collapsed(self, role_id: str) -> None:
        if role_id in self.collapsed:
            self.collapsed.discard(role_id)
        elif forest(self.document.chart).get(role_id):
            self.collapsed.add(role_id)
        else:
            return
        self.refresh()

    def expand_to(self, role_ids: Iterable[str]) -> None:
        """Expand every collapsed manager above these roles, so their cards show."""
        chart = self.document.chart
        changed = False
        for role_id in role_ids:
            role = chart.get(role_id)
            current = chart.get(role.manager) if role is not None else None
            seen: set[str] = set()
            while current is not None and current.id not in seen:
                seen.add(current.id)
                if current.id in self.collapsed:
                    self.collapsed.discard(current.id)
                    changed = True
                current = chart.get(current.manager)
        if changed:
            self.refresh()

    def at_its_place(self, card: CardItem) -> bool:
        """Whether the card is where the layout has it (not being dragged)."""
        box = self.layout.boxes.get(card.role_id)
        return box is not None and card.x() == box.x and card.y() == box.y

    def snap_back(self, role_ids: Iterable[str]) -> None:
        """Put cards the user dragged back where the layout has them."""
        for role_id in role_ids:
            card, box = self.cards.get(role_id), self.layout.boxes.get(role_id)
            if card is not None and box is not None:
                card.setPos(box.x, box.y)

    def chart_rect(self) -> QRectF:
        """Where the cards are, markers included (from the layout: no walk over the items)."""
        boxes = self.layout.boxes.values()
        if not boxes:
            return QRectF()
        left, top = min(b.x for b in boxes), min(b.y for b in boxes)
        rect = QRectF(left, top, self.layout.width - left, self.layout.height - top)
        return rect.adjusted(*MARKER_MARGINS)

    def selected_role_ids(self) -> list[str]:
        return [item.role_id for item in self.selectedItems() if isinstance(item, CardItem)]

    def select_roles(self, role_ids: Collection[str]) -> None:
        """Select these cards (expanding what hides them), telling listeners once:
        Qt says so for every card, and the panels that follow the selection
        would each redo their work thousands of times for a big selection."""
        self.expand_to(role_ids)
        before = set(self.selected_role_ids())
        self.blockSignals(True)
        try:
            self.clearSelection()
            for role_id in role_ids:
                card = self.cards.get(role_id)
                if card is not None:
                    card.setSelected(True)
        finally:
            self.blockSignals(False)
        if set(self.selected_role_ids()) != before:
            self.selectionChanged.emit()

    def card_at(self, point: QPointF, excluding: Collection[str] = ()) -> CardItem | None:
        for item in self.items(point):
            if isinstance(item, CardItem) and item.role_id not in excluding:
                return item
        return None


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
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(QColor("#fafafb")))
        self.setAcceptDrops(True)
        self._dragging: list[str] = []
        self._pan_from: QPointF | None = None
        self._fit_zoom = MIN_ZOOM
        """The zoom that last fitted the whole chart: zooming out goes down to it."""

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
        super().setScene(scene)
        self.chart_scene = scene
        self._match_detail_to_zoom()

    def _match_detail_to_zoom(self) -> None:
        """Every change of scale comes here: the overview far out, and the news."""
        self.chart_scene.show_overview(self.zoom() < BLOCK_LOD)
        self.zoom_changed.emit(self.zoom())

    def fit(self) -> None:
        rect = self.chart_scene.chart_rect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_zoom = self.zoom()
        if self.zoom() > 1.0:
            self.reset_zoom()
            self.centerOn(rect.center())
        self._match_detail_to_zoom()

    def card_view_position(self, role_id: str) -> QPointF | None:
        """Where a role's card sits in the viewport now, if it is on the canvas."""
        card = self.chart_scene.cards.get(role_id)
        return None if card is None else QPointF(self.mapFromScene(card.pos()))

    def keep_card_at(self, role_id: str, position: QPointF) -> None:
        """Scroll so the role's card is back at ``position`` in the viewport."""
        now = self.card_view_position(role_id)
        if now is None:
            return
        delta = now - position
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
            card = self.chart_scene.cards.get(role_id)
            if card is not None:
                rect = rect.united(card.sceneBoundingRect())
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
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)
        self._dragging = self.chart_scene.selected_role_ids()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self._dragging and self.chart_scene.overview_shown:
            # Cards without contents are not repainted when they move: the overview is.
            self.chart_scene.overview.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        moved = [
            role_id
            for role_id in self._dragging
            if (card := self.chart_scene.cards.get(role_id)) is not None
            and (box := self.chart_scene.layout.boxes.get(role_id)) is not None
            and (abs(card.x() - box.x) > 2 or abs(card.y() - box.y) > 2)
        ]
        super().mouseReleaseEvent(event)
        self._dragging = []
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
            target = self._neighbour(step)
            if target is not None:
                self.chart_scene.select_roles([target])
                self.ensureVisible(self.chart_scene.cards[target], 40, 40)
                event.accept()
                return
        super().keyPressEvent(event)  # no card that way: the arrow scrolls, as before

    def _neighbour(self, step: str) -> str | None:
        """The card an arrow key goes to from the selected one: up to the
        manager, down to the first report (in a column: the card above or
        below), sideways to the next card shown at the same height. With
        nothing selected, the first card."""
        scene = self.chart_scene
        boxes = scene.layout.boxes
        selected = scene.selected_role_ids()
        if len(selected) != 1:
            if selected or not boxes:
                return None
            return min(boxes, key=lambda role_id: (boxes[role_id].y, boxes[role_id].x))
        here = selected[0]
        chart = scene.document.chart
        if here in scene.layout.stacked and step in ("up", "down"):  # along its column
            leader = chart.role(here).manager or ""
            column = scene.layout.columns[leader]
            index = column.index(here) + (1 if step == "down" else -1)
            if index < 0:
                return leader
            return column[index] if index < len(column) else None
        if step == "up":
            manager = chart.role(here).manager
            return manager if manager in boxes else None
        if step == "down":
            return next((role.id for role in forest(chart).get(here, []) if role.id in boxes), None)
        box = boxes[here]
        row = [
            (other.x, role_id)
            for role_id, other in boxes.items()
            if other.y == box.y and role_id != here
        ]
        if step == "left":
            return max((r for r in row if r[0] < box.x), default=(0.0, None))[1]
        return min((r for r in row if r[0] > box.x), default=(0.0, None))[1]

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
