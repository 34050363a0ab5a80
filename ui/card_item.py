"""One role's card on the canvas, and what a scene must offer to draw it.

A card paints everything itself, with level of detail: text only where it
can be read, a plain block far out.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from orgmodel.card_lines import CardLines
from orgmodel.wording import kind_note
from ui.appearance import (
    SEVERITY_COLOURS,
    CardContent,
    text_font,
)
from ui.photo_cache import PHOTOS

TEXT_LOD = 0.35
"""Below this scale a card shows no text: it would be unreadable."""
BLOCK_LOD = 0.12
"""Below this scale a card is a plain coloured block, the cheapest thing to paint."""
MARKER_MARGINS = (-2.0, -8.0, 8.0, 2.0)
"""How far a card's drawing reaches past its box (left, top, right, bottom):
the finding marker sits on the top-right corner."""
CARD_MARGIN = max(abs(margin) for margin in MARKER_MARGINS)
"""The most a card's drawing reaches past its box on any side."""
HALF_PEN = QPen().widthF() / 2
"""What Qt adds round a rect item's rect for its bounding rect: half its pen's
width. A card's pen is a rect item's default; the card never strokes with it."""
LINE_MARGIN = 2.0
"""How far a reporting line's stroke reaches past its middle, at most."""
Edges = tuple[float, float, float, float]
"""Left, top, right, bottom."""
SELECTED_COLOUR = "#cc1f8a"
"""Magenta: no kind, finding or line is drawn in it, so a selected card and
a found one's trail stand out (blue is the Sales kind and the info marker)."""
PHOTO_SIZE = 40.0
"""The round photo at a card's left, in scene units; the text moves right of it."""
PHOTO_ROOM = PHOTO_SIZE + 6
CARD_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
)
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_FLAGS = {False: CARD_FLAGS, True: CARD_FLAGS | NO_CONTENTS}  # by no_contents


class CardScene(QGraphicsScene):
    """What cards and lines ask of the scene they are in (ChartScene provides it)."""

    full_detail = False
    """Paint text at any scale (exports, where text must stay selectable)."""
    line_pen = QPen()
    """The pen of solid reporting lines, which a card's stub is drawn with."""

    def at_its_place(self, card: CardItem) -> bool:
        """Whether the card is where the layout has it (not being dragged)."""
        return True

    def place_card(self, card: CardItem) -> None:
        """Move the card where it belongs if it waits to be (ChartScene's may)."""

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Qt's own, but reading a card's tooltip from the card when asked (see
        CardItem.toolTip) rather than from text set on every card beforehand."""
        text = next((tip for item in self.items(event.scenePos()) if (tip := item.toolTip())), "")
        QToolTip.showText(event.screenPos(), text, event.widget())
        event.setAccepted(bool(text))


def block_colour(content: CardContent, selected: bool) -> str:
    """The colour of a card drawn as a plain block: selection, then an error or
    warning marker, then its kind. An info note (a planned seat, say) leaves the
    kind's colour: far out, blocks show the organisation and what needs fixing."""
    if selected:
        return SELECTED_COLOUR
    if content.severity in ("error", "warning"):
        return SEVERITY_COLOURS[content.severity]
    return content.colour


class CardItem(QGraphicsRectItem):
    """One role's card. It paints everything itself; it has no child items.

    A card also paints its share of the solid reporting lines (see
    orgmodel.card_lines), and in a compact column the stub joining it to the
    column's line: drawn with the card, they cost nothing when an edit moves
    the card with its manager. A card being dragged leaves its lines behind
    (they are not drawn away from the card's place).

    A rect item only for its bounding rect, which Qt then works out in C++
    from the rect the card sets (see _frame). Asked of a Python
    boundingRect(), it cost Shiboken some 2.5 µs a call, and Qt asks for
    every card it files in its index, moves or updates: at 50,000 roles, 11
    to 14% of the window's time through a run of edits and their placing.
    """

    TITLE_FONT = text_font(13, bold=True)
    PERSON_FONT = text_font(13)
    VACANT_FONT = text_font(13, italic=True)
    SMALL_FONT = text_font(10)
    BADGE_FONT = text_font(9, bold=True)

    _shapes: ClassVar[dict[tuple[float, float], tuple[QRectF, QRectF, QPainterPath]]] = {}
    """Card, outline and hit shape by card size, shared: a chart's cards have one size."""
    _frames_by_stub: ClassVar[dict[tuple[float, float, float], tuple[QRectF, Edges]]] = {}
    """Frames (see _frame) and their bounds' edges by card size and stub, shared
    likewise (a chart has one stub length), for cards that draw no lines."""

    def __init__(
        self,
        role_id: str,
        content: CardContent,
        width: float,
        height: float,
        stub: float = 0.0,
        *,
        lines: CardLines = (),
        no_contents: bool = False,
    ) -> None:
        """``lines``: its share of the reporting lines (see orgmodel.card_lines);
        ``no_contents``: the overview paints the card for now (see OverviewItem)."""
        shapes = self._shapes.get((width, height))
        if shapes is None:
            rect = QRectF(0, 0, width, height)
            outline = rect.adjusted(*MARKER_MARGINS)
            hit_shape = QPainterPath()
            hit_shape.addRect(outline)
            shapes = self._shapes[width, height] = (rect, outline, hit_shape)
        frame, reach = self._frame(shapes[1], stub, lines)
        super().__init__(frame)  # one call: cards are made by the ten thousand
        self.role_id = role_id
        self.content = content
        self.block_colour = block_colour(content, selected=False)
        self.block = QRectF(0, 0, width, height)
        """Where the layout has the card, in the scene: the overview draws it from
        here. The scene moves it with the card (in place: the overview keeps it)."""
        self._rect, self._outline, self._hit_shape = shapes
        self.stub = stub
        self.lines = lines
        self.reach = reach
        """The bounding rect's left, top, right and bottom as plain numbers (read
        for thousands of cards at an edit: see ui.card_placing)."""
        self.setFlags(_FLAGS[no_contents])

    def set_content(self, content: CardContent) -> bool:
        """Show this content; True if the card's block changed colour."""
        if content == self.content:
            return False
        colour = self.block_colour
        self.content = content
        self.block_colour = block_colour(content, selected=False)
        self.update()
        return self.block_colour != colour

    def set_stub(self, stub: float) -> None:
        """How far left of the card the line to its column reaches (0: no stub)."""
        if stub != self.stub:
            self.stub = stub
            self._reframe()

    def set_lines(self, lines: CardLines) -> None:
        """Draw this share of the reporting lines (relative to the card)."""
        if lines != self.lines:
            self.lines = lines
            self._reframe()

    def _reframe(self) -> None:
        frame, self.reach = self._frame(self._outline, self.stub, self.lines)
        self.setRect(frame)  # Qt prepares for the change of geometry itself

    @classmethod
    def _frame(cls, outline: QRectF, stub: float, lines: CardLines) -> tuple[QRectF, Edges]:
        """The rect that makes a card's bounding rect hold its outline, its stub
        and its lines (Qt adds HALF_PEN round it), and that bounding rect's edges."""
        key = (outline.width(), outline.height(), stub)
        shared = cls._frames_by_stub.get(key)
        if shared is None:
            bounds = outline.adjusted(-stub, 0, 0, 0)
            shared = cls._frames_by_stub[key] = (_within(bounds), _edges(bounds))
        if not lines:
            return shared
        margin = LINE_MARGIN
        xs = [x for x0, _y0, x1, _y1 in lines for x in (x0, x1)]
        ys = [y for _x0, y0, _x1, y1 in lines for y in (y0, y1)]
        reach = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        bounds = outline.adjusted(-stub, 0, 0, 0)
        bounds = bounds.united(reach.adjusted(-margin, -margin, margin, margin))
        return _within(bounds), _edges(bounds)

    def toolTip(self) -> str:
        # Told when asked (CardScene.helpEvent): set on each card, 50,000 texts
        # were made at every opening, most never read.
        return self.content.tooltip

    @property
    def card_rect(self) -> QRectF:
        """The card itself, in item coordinates (the bounding rect adds the marker)."""
        return QRectF(self._rect)  # a copy: cards of one size share theirs

    def scene_card_rect(self) -> QRectF:
        """The card itself in the scene (its bounding rect also holds its lines)."""
        scene = self.scene()
        if isinstance(scene, CardScene):
            scene.place_card(self)
        return self.mapRectToScene(self._rect)

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
        full_detail = isinstance(scene, CardScene) and scene.full_detail
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        lod = 1.0 if full_detail else scale
        if (self.stub or self.lines) and isinstance(scene, CardScene) and scene.at_its_place(self):
            painter.setPen(scene.line_pen)
            middle = rect.height() / 2
            if self.stub:
                painter.drawLine(QPointF(-self.stub, middle), QPointF(0, middle))
            if self.lines:
                painter.drawLines([QLineF(*segment) for segment in self.lines])
        if lod < BLOCK_LOD:
            painter.fillRect(rect, QColor(block_colour(content, selected)))
            return
        pen = QPen(
            QColor(SELECTED_COLOUR) if selected else colour.darker(130), 2.5 if selected else 1
        )
        if content.vacant and not selected:
            pen.setStyle(Qt.PenStyle.DashLine)  # an empty seat: outlined, not filled in
        painter.setPen(pen)
        painter.setBrush(QColor("#ffffff") if not content.vacant else QColor("#f6f6f8"))
        painter.drawRoundedRect(rect, 6, 6)
        stripe = colour.lighter(150) if content.vacant else colour
        painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, 6, rect.height() - 2), stripe)
        self._paint_marker(painter)
        if lod < TEXT_LOD:
            return
        left, width = rect.left() + 14, rect.width() - 22
        if content.photo and self._paint_photo(painter, scale, waits=not full_detail):
            left, width = left + PHOTO_ROOM, width - PHOTO_ROOM
        # Hinting at another scale (print, a high-DPI PNG) widens text a little:
        # elide with room to spare rather than clip the last letters.
        room = width * 0.94
        title = QColor("#1f1f24")
        lines = [(self.TITLE_FONT, title, line) for line in title_lines(content.title, room)]
        if content.person:  # a chart shared without names has no person line
            vacant = content.vacant
            person_colour = QColor("#8a8a94") if vacant else QColor("#33333a")
            font = self.VACANT_FONT if vacant else self.PERSON_FONT
            lines.append((font, person_colour, content.person))
        kind = kind_note(content.title, content.kind_name)
        if kind and len(lines) < 3:  # a two-line title takes the kind's line (it is in the tooltip)
            lines.append((self.SMALL_FONT, QColor("#5f5f68"), kind))
        for (font, pen_colour, text), top in zip(lines, (8.0, 26.0, 44.0), strict=False):
            painter.setFont(font)
            painter.setPen(pen_colour)
            elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QRectF(left, rect.top() + top, width, 18),
                Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextDontClip,
                elided,
            )
        if content.badge:
            self._paint_badge(painter, content.badge, colour, left)
        count = team_count(content)
        if count:
            painter.setFont(self.SMALL_FONT)
            painter.setPen(QColor("#5f5f68"))
            painter.drawText(
                QRectF(rect.right() - 80, rect.bottom() - 16, 74, 14),
                Qt.AlignmentFlag.AlignRight,
                count,
            )

    def _paint_photo(self, painter: QPainter, scale: float, *, waits: bool) -> bool:
        """The person's photo at the card's left, scaled for the device it is
        drawn on (a screen, or a PDF at print resolution); False when its file
        cannot be read (nothing is drawn). On screen (``waits``), a photo not
        read yet may come a moment later (see PhotoCache)."""
        device = painter.device()
        pixels = PHOTO_SIZE * scale * (device.devicePixelRatioF() if device else 1.0)
        image = PHOTOS.image(self.content.photo, pixels, self if waits else None)
        coming = image is None and PHOTOS.coming(self.content.photo)
        if image is None and not coming:
            return False
        middle = self._rect.center().y()
        target = QRectF(self._rect.left() + 14, middle - PHOTO_SIZE / 2, PHOTO_SIZE, PHOTO_SIZE)
        if image is None:  # the text keeps its place: the photo comes in a moment
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ececf0"))
            painter.drawEllipse(target)
            return True
        smooth = QPainter.RenderHint.SmoothPixmapTransform
        was_smooth = painter.testRenderHint(smooth)
        painter.setRenderHint(smooth)
        painter.drawImage(target, image)
        painter.setRenderHint(smooth, was_smooth)
        painter.setPen(QPen(QColor("#c8c8d0"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(target)
        return True

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


def _edges(rect: QRectF) -> Edges:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def title_lines(title: str, room: float) -> list[str]:
    """A title as the card shows it: one line, or two broken at a space when one
    is too narrow (the second elided by the painter if it is still too long)."""
    metrics = QFontMetricsF(CardItem.TITLE_FONT)
    if metrics.horizontalAdvance(title) <= room or " " not in title.strip():
        return [title]
    words = title.split()
    first = words[0]
    for count in range(1, len(words)):
        candidate = " ".join(words[: count + 1])
        if metrics.horizontalAdvance(candidate) > room:
            break
        first = candidate
    return [first, title[len(first) :].strip()]


def team_count(content: CardContent) -> str:
    """The count at a card's foot: "+N" hidden under a collapsed card, else a
    manager's direct and total reports, "6 · 41" (one number when they agree)."""
    if content.hidden_reports:
        return f"+{content.hidden_reports}"
    if content.team is None:
        return ""
    direct, total = content.team
    return str(direct) if direct == total else f"{direct} · {total}"


def _within(bounds: QRectF) -> QRectF:
    """The rect whose rect item's bounding rect is ``bounds``."""
    return bounds.adjusted(HALF_PEN, HALF_PEN, -HALF_PEN, -HALF_PEN)
