"""Moving cards to a new layout, and giving new line shares to the cards whose
place changed against their manager or reports (see orgmodel.card_lines)."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet

from attrs import frozen

from orgmodel.card_lines import card_lines
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import forest
from orgmodel.layout import Box, Layout
from orgmodel.model import Chart
from orgmodel.tidy_tree import Arranger
from ui.card_item import CardItem
from ui.placing_later import (
    EVERYWHERE,
    PlacingLater,
    Seen,
    in_sight,
    overlaps,
    shows_where_it_is,
)


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
        return overlaps(left - self.dx, top - self.dy, right - self.dx, bottom - self.dy, seen)

    def goes_into(self, seen: Seen) -> bool:
        """Whether the piece shows in ``seen`` where it goes."""
        return overlaps(*self.extent, seen)

    def cards(self, arranger: Arranger) -> list[str]:
        """Its roles shown, listed now if they were not."""
        return _subtree(arranger, self.top) if self.members is None else self.members


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
        # An empty set's isdisjoint() still goes through the whole list (at 50,000
        # roles a move's pieces hold up to 40,000 cards), and an edit seldom makes cards.
        if old is None or (created and not created.isdisjoint(members)):
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
    left, top = arranger.slot_left[role_id], arranger.boxes[role_id].y
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
    unplaced = set[str]() if placing is None else placing.unplaced
    for role_id, old in moved.items():
        box, card = after[role_id], cards[role_id]
        x, y = box.x, box.y
        card.block.moveTo(x, y)
        if placing is not None and not in_sight(card, x, y, seen):
            if role_id in unplaced:
                if not shows_where_it_is(card, seen):
                    placing.wait(role_id, card, box)
                    continue
                unplaced.discard(role_id)
            elif not overlaps(old.x, old.y, old.right, old.bottom, seen):  # was in its place
                placing.wait(role_id, card, box)
                continue
        elif unplaced:
            unplaced.discard(role_id)
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
            place_cards(cards, after, {r: before[r] for r in piece.cards(arranger)})
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
    unplaced = placing.unplaced
    members = piece.cards(arranger)
    # Waiting since an earlier edit, where it shows: placed now.
    waiting = unplaced.intersection(members) if unplaced else ()  # as isdisjoint() above
    shown = [r for r in waiting if shows_where_it_is(cards[r], seen)]
    unplaced.update(members)
    for role_id in shown:
        placing.place_one(role_id)
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
    children = chart.derived(forest)
    moved_by = {piece.top: (piece.dx, piece.dy) for piece in pieces}

    def shift(role_id: str) -> tuple[float, float]:
        old = moved.get(role_id)
        if old is None:
            return moved_by.get(role_id, (0.0, 0.0))
        box = after[role_id]
        return box.x - old.x, box.y - old.y

    apart: set[str] = set()
    for role_id in itertools.chain(moved, moved_by):
        own = shift(role_id)
        role = chart.get(role_id)
        manager = None if role is None else role.manager
        if manager is not None and manager in after and shift(manager) != own:
            apart.update((role_id, manager))
        if role_id in moved_by:
            continue  # its reports moved with it
        # A report that moved too was weighed against this card, as its manager.
        for report in children.get(role_id, ()):
            if report.id in after and report.id not in moved and shift(report.id) != own:
                apart.update((role_id, report.id))
    return apart


def joined_anew(
    before: Chart, after: Chart, record: ChangeRecord, old: Layout, new: Layout
) -> set[str]:
    """Roles whose lines an edit may have changed whatever moved: those it
    touched and their managers before and after, and the managers of cards
    that joined or left a column or a manager's side, or of a column that changed."""
    roles = {*record.touched, *record.removed}
    roles |= new.restacked(old)
    roles |= old.beside_manager ^ new.beside_manager
    joined = set(roles)
    for chart in (before, after):
        for role_id in roles:
            role = chart.get(role_id)
            if role is not None and role.manager is not None:
                joined.add(role.manager)
    leaders = new.columns_changed(old)
    if leaders is None and old.columns != new.columns:
        old_columns, new_columns = old.columns, new.columns
        leaders = {
            leader
            for leader in old_columns.keys() | new_columns.keys()
            if old_columns.get(leader) != new_columns.get(leader)
        }
    joined.update(leaders or ())
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


def follow_layout(
    cards: Mapping[str, CardItem],
    chart: Chart,
    previous: Layout,
    layout: Layout,
    created: AbstractSet[str],
    edited: Chart | None,
    record: ChangeRecord | None,
    placing: PlacingLater | None,
) -> None:
    """Bring the cards' places, stubs and lines from the ``previous`` layout to
    ``layout`` (``created``: cards just made, in place and with their lines);
    ``edited``: the chart of ``previous`` when an edit (``record``) led from it
    to ``chart`` with the same layout settings. Given ``placing``, cards that
    move out of sight wait there (see PlacingLater)."""
    boxes, stacked = layout.boxes, layout.stacked
    # A tidy tree laid out again after an edit knows which boxes it placed
    # anew, and which subtrees of them moved in one piece.
    arranger, pieces = layout.arranger, list[Piece]()
    if arranger is None:
        moved = moved_from(previous.boxes, boxes, boxes, created)
    else:
        pieces, loose = moved_in_pieces(arranger, previous.boxes, created)
        moved = moved_from(previous.boxes, boxes, loose, created)
    # A stub changes with what is stacked, or with the layout's settings.
    restub = layout.restacked(previous) if edited is not None else boxes.keys()
    for role_id in restub:
        card = cards.get(role_id)
        if card is not None and role_id not in created:
            card.set_stub(layout.column_stub if role_id in stacked else 0.0)
    if edited is not None and record is not None:
        relaid = shifted_apart(chart, boxes, moved, pieces)
        relaid |= joined_anew(edited, chart, record, previous, layout)
        if arranger is not None and previous.arranger is not None:
            relaid |= arranger.collapsed ^ previous.arranger.collapsed  # teams came or went
    else:
        relaid = set(boxes)
    draw_card_lines(cards, chart, layout, relaid - created)  # those made have theirs
    seen = EVERYWHERE
    if placing is not None:
        placing.boxes = boxes  # where the cards that wait go, those waiting before too
        seen = placing.seen()
    place_cards(cards, boxes, moved, placing, seen)
    if arranger is not None:
        place_pieces(cards, arranger, previous.boxes, pieces, placing, seen)
    if placing is not None:
        placing.later(seen)
