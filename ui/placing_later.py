"""The cards of a big chart's window that an edit moved out of sight wait to
be moved there until the window has drawn the edit (see PlacingLater)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping

from PySide6.QtCore import QObject, QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene

from orgmodel.layout import Box
from ui.card_item import CardItem

Seen = tuple[float, float, float, float]
"""Left, top, right and bottom of a part of the scene."""
EVERYWHERE: Seen = (-math.inf, -math.inf, math.inf, math.inf)


def overlaps(left: float, top: float, right: float, bottom: float, seen: Seen) -> bool:
    """Whether the rect from (left, top) to (right, bottom) meets ``seen``."""
    return not (left > seen[2] or right < seen[0] or top > seen[3] or bottom < seen[1])


def in_sight(card: CardItem, x: float, y: float, seen: Seen) -> bool:
    """Whether the card placed at (x, y) shows in ``seen``, its lines included."""
    left, top, right, bottom = card.reach
    return overlaps(x + left, y + top, x + right, y + bottom, seen)


def shows_where_it_is(card: CardItem, seen: Seen) -> bool:
    """Whether a card away from its place shows in ``seen`` (there it draws no lines)."""
    block, x, y = card.block, card.x(), card.y()
    return overlaps(x, y, x + block.width(), y + block.height(), seen)


PLACE_LATER_FROM = 2_000
"""In a chart of this many cards, the cards an edit moves out of sight are
moved a moment after the edit is drawn: moving a card costs Qt a new place
in its index, and an edit near the top of 50,000 roles moves some 18,000."""
PLACE_LATER_MS = 50
"""The pause between two batches of cards placed later: the window stays responsive."""
PLACE_LATER_BATCH = 4_000
SIGHT_BAND = 2_000.0
"""Cards waiting are filed by the vertical band of the scene this wide (scene
units) that their left edge will be in: a view that moves looks only at
those filed near the bands it shows, and those Qt finds in it."""


class PlacingLater(QObject):
    """The cards of a window's scene that wait to be moved where the layout has
    them, out of sight. Whatever looks at cards beyond the view places them
    first: a scroll or a zoom those then in sight, a card shown that card, a
    drag all of them."""

    all_placed = Signal()
    """The last cards waiting were placed."""

    def __init__(self, scene: QGraphicsScene, cards: Mapping[str, CardItem]) -> None:
        """``cards``: the scene's cards by role id, as the scene keeps them."""
        super().__init__(scene)
        self.unplaced: set[str] = set()
        """The roles whose cards wait: each is still where it was, and goes where
        :attr:`boxes` has it."""
        self.boxes: Mapping[str, Box] = {}
        """The boxes of the layout the cards are placed by (see card_placing.follow_layout).
        Looked up when a card is placed, not kept for each card that waits: at
        50,000 roles an edit may leave 18,000 cards waiting, and a table of
        their boxes took 6 ms of it against 0.7 ms for a set of their ids."""
        self._sight_moved = False
        self._sorted_for: Seen | None = None
        """What the views showed when the cards waiting were last sorted out by
        it: none of them shows there (a view's resize or a new scene rect may
        report a scroll that shows nothing new)."""
        self._cards = cards
        self._by_band: dict[int, list[str]] = defaultdict(list)
        """Band -> cards waiting whose left edge is in it where they go; a card
        placed meanwhile may still be filed (see :meth:`wait`)."""
        self._together: list[tuple[Seen, list[str]]] = []
        """Cards that wait together, with where they go (left, top, right, bottom)."""
        self._wide: list[str] = []
        """Cards waiting that reach across more than a band (a manager's line
        across a wide team): looked at whatever the views show."""
        self._timer = QTimer(self, singleShot=True, interval=PLACE_LATER_MS)
        self._timer.timeout.connect(self._place_a_batch)
        # Batches begin once the edit is drawn: a 0 ms timer fires after the paint.
        self._after_drawing = QTimer(self, singleShot=True, interval=0)
        self._after_drawing.timeout.connect(self._timer.start)

    def seen(self) -> Seen:
        """Left, top, right, bottom of what the scene's views show, and as much
        again on every side (a card just out of view is placed at once)."""
        left = top = math.inf
        right = bottom = -math.inf
        scene = self.parent()  # not kept here: a reference cycle would keep the scene alive
        for view in scene.views() if isinstance(scene, QGraphicsScene) else ():
            rect = view.mapToScene(view.viewport().rect()).boundingRect()
            rect.adjust(-rect.width(), -rect.height(), rect.width(), rect.height())
            left, top = min(left, rect.left()), min(top, rect.top())
            right, bottom = max(right, rect.right()), max(bottom, rect.bottom())
        return left, top, right, bottom

    def wait(self, role_id: str, card: CardItem, box: Box) -> None:
        """Leave a card where it is, to be placed in ``box`` (its box in
        :attr:`boxes`) later."""
        self.unplaced.add(role_id)
        left, _top, right, _bottom = card.reach
        if right - left > SIGHT_BAND:
            self._wide.append(role_id)
            return
        # Where it goes, filed by the band its left edge is in: it reaches at
        # most into the next. Where it is, Qt's index of the items knows.
        self._by_band[int((box.x + left) // SIGHT_BAND)].append(role_id)

    def wait_piece(self, extent: Seen, members: list[str]) -> None:
        """File cards that wait (in ``unplaced``) together by where they go.
        Their blocks stay with them until they are placed, or until something
        draws the blocks (:meth:`blocks_to_places`): at 50,000 roles an edit
        moves up to 48,000 cards out of sight, and moving each block took most
        of the time spent on them."""
        self._together.append((extent, members))

    def blocks_to_places(self) -> None:
        """Move the blocks of the cards waiting to where the cards go."""
        cards, boxes = self._cards, self.boxes
        for role_id in self.unplaced:
            box = boxes[role_id]
            cards[role_id].block.moveTo(box.x, box.y)

    def later(self, seen: Seen) -> None:
        """Place what is unplaced in batches, beginning once the edit is drawn;
        ``seen``: none of the cards waiting shows there."""
        if not self._sight_moved:  # else those waiting before were sorted out by another sight
            self._sorted_for = seen
        if self.unplaced:
            self._timer.stop()
            self._after_drawing.start()

    def place(self) -> None:
        """Place every card that waits, now."""
        self._after_drawing.stop()
        self._timer.stop()
        cards, boxes, unplaced = self._cards, self.boxes, self.unplaced
        for role_id in unplaced:
            _to_place(cards[role_id], boxes[role_id])
        unplaced.clear()
        self._forget_filed()
        self.all_placed.emit()

    def forget(self) -> None:
        """Place nothing more: the scene lets its cards go (ChartScene.release)."""
        self._after_drawing.stop()
        self._timer.stop()
        self.unplaced.clear()
        self._forget_filed()

    def _forget_filed(self) -> None:
        """No card waits any more: where they were filed goes too."""
        self._by_band.clear()
        self._wide.clear()
        self._together.clear()

    def place_one(self, role_id: str) -> None:
        if role_id in self.unplaced:
            self.unplaced.discard(role_id)
            _to_place(self._cards[role_id], self.boxes[role_id])

    def sight_moved(self) -> None:
        """The views scrolled, zoomed or changed size: before the next look at
        the cards, those now in sight are placed (:meth:`place_in_sight`)."""
        self._sight_moved = bool(self.unplaced)

    def place_in_sight(self) -> None:
        """Place the cards that go to, or still are, where the views show since
        they moved; the rest wait on."""
        if not self._sight_moved:
            return
        self._sight_moved = False
        seen = self.seen()
        if seen == self._sorted_for:
            return
        self._sorted_for = seen
        cards, boxes, unplaced = self._cards, self.boxes, self.unplaced
        left, top, right, bottom = seen
        if left > right or top > bottom:
            return  # no view
        first, last = left // SIGHT_BAND - 1, right // SIGHT_BAND
        near = [ids for band, ids in self._by_band.items() if first <= band <= last]
        scene = self.parent()
        assert isinstance(scene, QGraphicsScene)
        rect = QRectF(left, top, right - left, bottom - top)
        shown = (item.role_id for item in scene.items(rect) if isinstance(item, CardItem))
        together = [members for extent, members in self._together if overlaps(*extent, seen)]
        for role_id in itertools.chain(self._wide, shown, *near, *together):
            if role_id not in unplaced:
                continue
            card, box = cards[role_id], boxes[role_id]
            if in_sight(card, box.x, box.y, seen) or shows_where_it_is(card, seen):
                unplaced.discard(role_id)
                _to_place(card, box)

    def _place_a_batch(self) -> None:
        cards, boxes, unplaced = self._cards, self.boxes, self.unplaced
        for role_id in list(itertools.islice(unplaced, PLACE_LATER_BATCH)):
            unplaced.discard(role_id)
            _to_place(cards[role_id], boxes[role_id])
        if unplaced:
            self._timer.start()
        else:
            self._forget_filed()
            self.all_placed.emit()


def _to_place(card: CardItem, box: Box) -> None:
    """Move a waiting card, and its block (which may have stayed with it), to its box."""
    card.setPos(box.x, box.y)
    card.block.moveTo(box.x, box.y)
