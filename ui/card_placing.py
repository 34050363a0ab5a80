"""Moving cards to a new layout, and giving new line shares to the cards whose
place changed against their manager or reports (see orgmodel.card_lines)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QGraphicsScene

from orgmodel.card_lines import card_lines
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import forest
from orgmodel.layout import Box, Layout
from orgmodel.model import Chart
from ui.card_item import CardItem

Shift = tuple[float, float]
NO_SHIFT: Shift = (0.0, 0.0)


Seen = tuple[float, float, float, float]
"""Left, top, right and bottom of a part of the scene."""
EVERYWHERE: Seen = (-math.inf, -math.inf, math.inf, math.inf)


class Waiting(NamedTuple):
    """A card that waits to be moved (see PlacingLater)."""

    box: Box
    """Where it goes."""
    goes_over: Seen
    """What it will cover there, its lines included."""
    covers: Seen
    """What it covers where it is (away from its place, it draws no lines)."""


def shifts_between(
    before: Mapping[str, Box],
    after: Mapping[str, Box],
    candidates: Iterable[str],
    created: Collection[str],
) -> dict[str, Shift]:
    """How far each card of ``candidates`` moves from ``before`` to ``after``,
    for those that move (cards just made are in place)."""
    shifts: dict[str, Shift] = {}
    for role_id in candidates:
        box, old = after.get(role_id), before.get(role_id)
        if box is None or old is None or old is box or role_id in created:
            continue
        shift = (box.x - old.x, box.y - old.y)
        if shift != NO_SHIFT:
            shifts[role_id] = shift
    return shifts


def overlap(one: Seen, other: Seen) -> bool:
    return not (one[0] > other[2] or one[2] < other[0] or one[1] > other[3] or one[3] < other[1])


def place_cards(
    cards: Mapping[str, CardItem],
    after: Mapping[str, Box],
    shifts: Mapping[str, Shift],
    unplaced: dict[str, Waiting] | None = None,
    seen: Seen = EVERYWHERE,
) -> None:
    """Move the cards that ``shifts`` moves where ``after`` has them. Given
    ``unplaced`` (see PlacingLater), a card that shows in ``seen`` neither where
    it is nor where it goes is left where it is and put there instead; the
    overview's block of it moves at once."""
    left, top, right, bottom = seen
    for role_id, (dx, dy) in shifts.items():
        box, card = after[role_id], cards[role_id]
        x, y = box.x, box.y
        card.block.moveTo(x, y)
        if unplaced is not None:
            reach_left, reach_top, reach_right, reach_bottom = card.reach
            goes_over = (x + reach_left, y + reach_top, x + reach_right, y + reach_bottom)
            waiting = unplaced.get(role_id)
            if waiting is None:  # where the layout had it
                covers = (x - dx, y - dy, x - dx + box.width, y - dy + box.height)
            else:
                covers = waiting.covers
            if (
                goes_over[0] > right
                or goes_over[2] < left
                or goes_over[1] > bottom
                or goes_over[3] < top
            ) and (covers[0] > right or covers[2] < left or covers[1] > bottom or covers[3] < top):
                unplaced[role_id] = Waiting(box, goes_over, covers)
                continue
            if waiting is not None:
                del unplaced[role_id]
        card.setPos(x, y)


def shifted_apart(chart: Chart, shifts: Mapping[str, Shift]) -> set[str]:
    """The cards whose place changed against their manager's or a report's: a
    card moved along with its manager keeps its share of the lines."""
    children = chart.derived(forest)
    apart: set[str] = set()
    for role_id, shift in shifts.items():
        role = chart.get(role_id)
        manager = None if role is None else role.manager
        if manager is not None and shifts.get(manager, NO_SHIFT) != shift:
            apart.add(role_id)
            apart.add(manager)
        for report in children.get(role_id, ()):
            if shifts.get(report.id, NO_SHIFT) != shift:
                apart.add(role_id)
                apart.add(report.id)
    return apart


def joined_anew(
    before: Chart, after: Chart, record: ChangeRecord, old: Layout, new: Layout
) -> set[str]:
    """Roles whose lines an edit may have changed whatever moved: those it
    touched and their managers before and after, and the managers of cards
    that joined or left a column or a manager's side, or of a column that changed."""
    roles = {*record.touched, *record.removed}
    roles |= old.stacked ^ new.stacked
    roles |= old.beside_manager ^ new.beside_manager
    joined = set(roles)
    for chart in (before, after):
        for role_id in roles:
            role = chart.get(role_id)
            if role is not None and role.manager is not None:
                joined.add(role.manager)
    if old.columns != new.columns:
        joined.update(
            leader
            for leader in old.columns.keys() | new.columns.keys()
            if old.columns.get(leader) != new.columns.get(leader)
        )
    return joined


def draw_card_lines(
    cards: Mapping[str, CardItem], chart: Chart, layout: Layout, role_ids: Iterable[str]
) -> None:
    """Give these roles' cards their share of the solid lines in ``layout``."""
    children = chart.derived(forest)
    for role_id in role_ids:
        card = cards.get(role_id)
        role = chart.get(role_id)
        if card is not None and role is not None:
            reports = [report.id for report in children.get(role_id, ())]
            card.set_lines(card_lines(layout, role_id, role.manager, reports))


PLACE_LATER_FROM = 2_000
"""In a chart of this many cards, the cards an edit moves out of sight are
moved a moment after the edit is drawn: moving a card costs Qt a new place
in its index, and an edit near the top of 50,000 roles moves some 18,000."""
PLACE_LATER_MS = 50
"""The pause between two batches of cards placed later: the window stays responsive."""
PLACE_LATER_BATCH = 4_000


class PlacingLater(QObject):
    """The cards of a window's scene that wait to be moved where the layout has
    them, out of sight. Whatever looks at cards beyond the view places them
    first: a scroll or a zoom those then in sight, a card shown that card, a
    drag all of them."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self.unplaced: dict[str, Waiting] = {}
        """Role id -> where its card goes; the card is still where it was."""
        self._sight_moved = False
        self._cards: Mapping[str, CardItem] = {}
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
        for view in self._scene.views():
            rect = view.mapToScene(view.viewport().rect()).boundingRect()
            rect.adjust(-rect.width(), -rect.height(), rect.width(), rect.height())
            left, top = min(left, rect.left()), min(top, rect.top())
            right, bottom = max(right, rect.right()), max(bottom, rect.bottom())
        return left, top, right, bottom

    def later(self, cards: Mapping[str, CardItem]) -> None:
        """Place what is unplaced in batches, beginning once the edit is drawn."""
        self._cards = cards
        if self.unplaced:
            self._timer.stop()
            self._after_drawing.start()

    def place(self) -> None:
        """Place every card that waits, now."""
        self._after_drawing.stop()
        self._timer.stop()
        cards, unplaced = self._cards, self.unplaced
        for role_id, waiting in unplaced.items():
            cards[role_id].setPos(waiting.box.x, waiting.box.y)
        unplaced.clear()

    def place_one(self, role_id: str) -> None:
        waiting = self.unplaced.pop(role_id, None)
        if waiting is not None:
            self._cards[role_id].setPos(waiting.box.x, waiting.box.y)

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
        cards, unplaced = self._cards, self.unplaced
        for role_id, waiting in list(unplaced.items()):
            if overlap(waiting.goes_over, seen) or overlap(waiting.covers, seen):
                del unplaced[role_id]
                cards[role_id].setPos(waiting.box.x, waiting.box.y)

    def _place_a_batch(self) -> None:
        cards, unplaced = self._cards, self.unplaced
        for role_id in list(itertools.islice(unplaced, PLACE_LATER_BATCH)):
            box = unplaced.pop(role_id).box
            cards[role_id].setPos(box.x, box.y)
        if unplaced:
            self._timer.start()
