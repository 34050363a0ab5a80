"""Moving cards to a new layout, and giving new line shares to the cards whose
place changed against their manager or reports (see orgmodel.card_lines)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet

from attrs import frozen
from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsScene

from orgmodel.card_lines import card_lines
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import forest
from orgmodel.layout import Arranger, Box, Layout
from orgmodel.model import Chart
from ui.card_item import CardItem

Seen = tuple[float, float, float, float]
"""Left, top, right and bottom of a part of the scene."""
EVERYWHERE: Seen = (-math.inf, -math.inf, math.inf, math.inf)


def moved_from(
    before: Mapping[str, Box],
    after: Mapping[str, Box],
    candidates: Iterable[str],
    created: Collection[str],
) -> dict[str, Box]:
    """The cards of ``candidates`` that move from ``before`` to ``after`` (cards
    just made are in place), each with its box before. Boxes, not shifts: at
    50,000 roles an edit may move 40,000 cards, and a new tuple for each added
    to the window's peak memory."""
    moved: dict[str, Box] = {}
    for role_id in candidates:
        box, old = after.get(role_id), before.get(role_id)
        if box is None or old is None or old is box or role_id in created:
            continue
        if box.x != old.x or box.y != old.y:
            moved[role_id] = old
    return moved


@frozen
class Piece:
    """A subtree that an edit moved in one piece (see Arranger.in_one_piece)."""

    top: str
    members: list[str] | None
    """Its roles shown, the top one first (None: not listed yet)."""
    dx: float
    dy: float
    extent: Seen
    """Left, top, right and bottom of where its cards and their lines go."""

    def was_in(self, seen: Seen) -> bool:
        """Whether the piece showed in ``seen`` before it moved."""
        left, top, right, bottom = self.extent
        dx, dy = self.dx, self.dy
        return not (
            left - dx > seen[2]
            or right - dx < seen[0]
            or top - dy > seen[3]
            or bottom - dy < seen[1]
        )

    def goes_into(self, seen: Seen) -> bool:
        """Whether the piece shows in ``seen`` where it goes."""
        left, top, right, bottom = self.extent
        return not (left > seen[2] or right < seen[0] or top > seen[3] or bottom < seen[1])


def moved_in_pieces(
    arranger: Arranger, before: Mapping[str, Box], created: AbstractSet[str]
) -> tuple[list[Piece], list[str]]:
    """The subtrees an edit moved in one piece (their cards all made before),
    and the roles the arranger placed outside them."""
    placed, boxes = arranger.placed, arranger.boxes
    pieces: list[Piece] = []
    loose: list[str] = []
    start = 0
    for top, first, end in arranger.in_one_piece:
        loose += placed[start:first]
        start = end
        members = placed[first:end]
        old = before.get(top)
        if old is None or not created.isdisjoint(members):
            loose += members
            continue
        box = boxes[top]
        extent = _subtree_extent(arranger, top)
        pieces.append(Piece(top, members, box.x - old.x, box.y - old.y, extent))
    loose += placed[start:]
    return pieces, loose


def _subtree_extent(arranger: Arranger, role_id: str) -> Seen:
    """Where a placed subtree's cards go, and a level round them: a card's
    lines reach no further."""
    level = arranger.level
    left, depth = arranger.slot[role_id]
    top = depth * level
    right, bottom = left + arranger.width[role_id], top + arranger.subtree_depth(role_id)
    return left - level, top - level, right + level, bottom + level


def _own_cards(arranger: Arranger, role_id: str) -> list[str]:
    """A placed role and the cards placed with it: its assistants and its column."""
    aides = arranger.aides.get(role_id, ())
    return [role_id, *(aide.id for aide in aides), *arranger.column.get(role_id, ())]


def _subtree(arranger: Arranger, role_id: str) -> list[str]:
    """Every card placed in a role's subtree."""
    cards: list[str] = []
    stack = [role_id]
    while stack:
        top = stack.pop()
        cards += _own_cards(arranger, top)
        stack.extend(report.id for report in arranger.beside.get(top, ()))
    return cards


def _in_sight(card: CardItem, x: float, y: float, seen: Seen) -> bool:
    """Whether the card placed at (x, y) shows in ``seen``, its lines included."""
    left, top, right, bottom = card.reach
    return not (
        x + left > seen[2] or x + right < seen[0] or y + top > seen[3] or y + bottom < seen[1]
    )


def _shows_where_it_is(card: CardItem, seen: Seen) -> bool:
    """Whether a card away from its place shows in ``seen`` (there it draws no lines)."""
    block, x, y = card.block, card.x(), card.y()
    return not (
        x > seen[2] or x + block.width() < seen[0] or y > seen[3] or y + block.height() < seen[1]
    )


def place_cards(
    cards: Mapping[str, CardItem],
    after: Mapping[str, Box],
    moved: Mapping[str, Box],
    placing: PlacingLater | None = None,
    seen: Seen = EVERYWHERE,
) -> None:
    """Move the cards of ``moved`` where ``after`` has them. Given ``placing``,
    a card that shows in ``seen`` neither where it is nor where it goes is
    left where it is to wait there instead; the overview's block of it moves
    at once."""
    if placing is None:
        for role_id in moved:
            box, card = after[role_id], cards[role_id]
            card.block.moveTo(box.x, box.y)
            card.setPos(box.x, box.y)
        return
    seen_left, seen_top, seen_right, seen_bottom = seen
    unplaced, wait = placing.unplaced, placing.wait
    # One pass over up to 40,000 cards at 50,000 roles: the test of sight is inline.
    for role_id, old in moved.items():
        box, card = after[role_id], cards[role_id]
        x, y = box.x, box.y
        card.block.moveTo(x, y)
        left, top, right, bottom = card.reach
        if (
            x + left > seen_right
            or x + right < seen_left
            or y + top > seen_bottom
            or y + bottom < seen_top
        ):  # out of sight where it goes
            if role_id in unplaced:
                if not _shows_where_it_is(card, seen):
                    wait(role_id, card, box)
                    continue
                del unplaced[role_id]
            elif (
                old.x > seen_right
                or old.right < seen_left
                or old.y > seen_bottom
                or old.bottom < seen_top
            ):  # it was in its place before
                wait(role_id, card, box)
                continue
        elif unplaced:
            unplaced.pop(role_id, None)
        card.setPos(x, y)


def place_pieces(
    cards: Mapping[str, CardItem],
    arranger: Arranger,
    before: Mapping[str, Box],
    pieces: Iterable[Piece],
    placing: PlacingLater | None = None,
    seen: Seen = EVERYWHERE,
) -> None:
    """Move the cards of pieces moved in one piece, as place_cards does. Given
    ``placing``, a piece that shows in ``seen`` neither where it was nor where
    it goes waits as a whole, with no test of sight for each card; one that
    shows places its top cards as place_cards does and looks at the pieces
    under them in turn."""
    after = arranger.boxes
    for piece in pieces:
        if placing is None:
            members = piece.members or _subtree(arranger, piece.top)
            place_cards(cards, after, {r: before[r] for r in members})
            continue
        parts = [piece]
        while parts:
            part = parts.pop()
            if not (part.was_in(seen) or part.goes_into(seen)):
                _wait_as_a_whole(cards, arranger, part, placing, seen)
                continue
            own = _own_cards(arranger, part.top)
            place_cards(cards, after, {r: before[r] for r in own}, placing, seen)
            for report in arranger.beside.get(part.top, ()):
                extent = _subtree_extent(arranger, report.id)
                parts.append(Piece(report.id, None, part.dx, part.dy, extent))


def _wait_as_a_whole(
    cards: Mapping[str, CardItem],
    arranger: Arranger,
    piece: Piece,
    placing: PlacingLater,
    seen: Seen,
) -> None:
    after, unplaced = arranger.boxes, placing.unplaced
    members = _subtree(arranger, piece.top) if piece.members is None else piece.members
    for role_id in members:
        box, card = after[role_id], cards[role_id]
        card.block.moveTo(box.x, box.y)
        if role_id in unplaced and _shows_where_it_is(card, seen):
            del unplaced[role_id]  # waiting since an earlier edit, where it shows
            card.setPos(box.x, box.y)
        else:
            unplaced[role_id] = box
    placing.wait_piece(piece.extent, members)


def shifted_apart(
    chart: Chart,
    after: Mapping[str, Box],
    moved: Mapping[str, Box],
    pieces: Iterable[Piece] = (),
) -> set[str]:
    """The cards whose place changed against their manager's or a report's: a
    card moved along with its manager keeps its share of the lines. In a piece
    moved in one piece, only its top card may be apart (from its manager)."""
    children, role_of = chart.derived(forest), chart.get
    apart: set[str] = set()
    add = apart.add
    moved_by = {piece.top: (piece.dx, piece.dy) for piece in pieces}
    for top, (dx, dy) in moved_by.items():
        role = role_of(top)
        manager = None if role is None else role.manager
        if manager is None or manager not in after:
            continue
        manager_old = moved.get(manager)
        manager_box = after[manager]
        shift = (0.0, 0.0)
        if manager_old is not None:
            shift = (manager_box.x - manager_old.x, manager_box.y - manager_old.y)
        if shift != (dx, dy):
            add(top)
            add(manager)
    # One pass over up to 40,000 cards at 50,000 roles: no call per card that can be spared.
    for role_id, old in moved.items():
        box = after[role_id]
        role = role_of(role_id)
        manager = None if role is None else role.manager
        if manager is not None and manager in after:
            manager_old = moved.get(manager)  # a card that did not move is apart from one that did
            if manager_old is None:
                add(role_id)
                add(manager)
            else:
                manager_box = after[manager]
                if (
                    manager_box.x - manager_old.x != box.x - old.x
                    or manager_box.y - manager_old.y != box.y - old.y
                ):
                    add(role_id)
                    add(manager)
        # A report that moved too was weighed against this card above, as its manager.
        reports = children.get(role_id)
        if reports:
            for report in reports:
                if report.id not in moved and report.id not in moved_by and report.id in after:
                    add(role_id)
                    add(report.id)
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
SIGHT_BAND = 2_000.0
"""Cards waiting are filed by the vertical band of the scene this wide (scene
units) that their left edge will be in: a view that moves looks only at
those filed near the bands it shows, and those Qt finds in it."""


class PlacingLater(QObject):
    """The cards of a window's scene that wait to be moved where the layout has
    them, out of sight. Whatever looks at cards beyond the view places them
    first: a scroll or a zoom those then in sight, a card shown that card, a
    drag all of them."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.unplaced: dict[str, Box] = {}
        """Role id -> where its card goes; the card is still where it was."""
        self._sight_moved = False
        self._sorted_for: Seen | None = None
        """What the views showed when the cards waiting were last sorted out by
        it: none of them shows there (a view's resize or a new scene rect may
        report a scroll that shows nothing new)."""
        self._cards: Mapping[str, CardItem] = {}
        self._by_band: dict[int, list[str]] = defaultdict(list)
        """Band -> cards waiting whose left edge is in it where they go; a card
        placed meanwhile may still be filed (see :meth:`wait`)."""
        self._pieces: list[tuple[Seen, list[str]]] = []
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
        """Leave a card where it is, to be placed in ``box`` later."""
        self.unplaced[role_id] = box
        left, _top, right, _bottom = card.reach
        if right - left > SIGHT_BAND:
            self._wide.append(role_id)
            return
        # Where it goes, filed by the band its left edge is in: it reaches at
        # most into the next. Where it is, Qt's index of the items knows.
        self._by_band[int((box.x + left) // SIGHT_BAND)].append(role_id)

    def wait_piece(self, extent: Seen, members: list[str]) -> None:
        """File cards that wait (in ``unplaced``) together by where they go."""
        self._pieces.append((extent, members))

    def later(self, cards: Mapping[str, CardItem], seen: Seen) -> None:
        """Place what is unplaced in batches, beginning once the edit is drawn;
        ``seen``: none of the cards waiting shows there."""
        self._cards = cards
        if not self._sight_moved:  # else those waiting before were sorted out by another sight
            self._sorted_for = seen
        if self.unplaced:
            self._timer.stop()
            self._after_drawing.start()

    def place(self) -> None:
        """Place every card that waits, now."""
        self._after_drawing.stop()
        self._timer.stop()
        cards, unplaced = self._cards, self.unplaced
        for role_id, box in unplaced.items():
            cards[role_id].setPos(box.x, box.y)
        unplaced.clear()
        self._by_band.clear()
        self._wide.clear()
        self._pieces.clear()

    def place_one(self, role_id: str) -> None:
        box = self.unplaced.pop(role_id, None)
        if box is not None:
            self._cards[role_id].setPos(box.x, box.y)

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
        cards, unplaced = self._cards, self.unplaced
        left, top, right, bottom = seen
        if left > right or top > bottom:
            return  # no view
        first, last = left // SIGHT_BAND - 1, right // SIGHT_BAND
        near = [ids for band, ids in self._by_band.items() if first <= band <= last]
        scene = self.parent()
        assert isinstance(scene, QGraphicsScene)
        rect = QRectF(left, top, right - left, bottom - top)
        shown = (item.role_id for item in scene.items(rect) if isinstance(item, CardItem))
        pieces = [
            members
            for (x0, y0, x1, y1), members in self._pieces
            if not (x0 > right or x1 < left or y0 > bottom or y1 < top)
        ]
        for role_id in itertools.chain(self._wide, shown, *near, *pieces):
            box = unplaced.get(role_id)
            if box is None:
                continue
            card = cards[role_id]
            if _in_sight(card, box.x, box.y, seen) or _shows_where_it_is(card, seen):
                del unplaced[role_id]
                card.setPos(box.x, box.y)

    def _place_a_batch(self) -> None:
        cards, unplaced = self._cards, self.unplaced
        for role_id in list(itertools.islice(unplaced, PLACE_LATER_BATCH)):
            box = unplaced.pop(role_id)
            cards[role_id].setPos(box.x, box.y)
        if unplaced:
            self._timer.start()
        else:
            self._by_band.clear()
            self._wide.clear()
