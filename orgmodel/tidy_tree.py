"""A tidy tree: where each role's card goes in a top-down drawing of the chart.

A post-order pass sizes every subtree, a pre-order pass places it. Both
passes run over explicit lists, so deep charts cannot exhaust the recursion
limit, and each visits every role at most once (in compact mode, reports
stacked in a column are placed with their manager).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from types import MappingProxyType

from orgmodel.hierarchy import forest
from orgmodel.layout import COMPACT_INDENT, DEFAULT_OPTIONS, Box, Layout, LayoutOptions
from orgmodel.model import Chart, Role
from orgmodel.subtree_lists import SubtreeLists


def tidy_tree(
    chart: Chart,
    options: LayoutOptions = DEFAULT_OPTIONS,
    collapsed: frozenset[str] = frozenset(),
    *,
    assistants: Collection[str] = frozenset(),
) -> Layout:
    """Lay the chart out top-down, roots side by side in chart order.

    ``assistants``: roles that lead nobody and are drawn beside their manager,
    on its row, rather than in its team (see ``orgmodel.assistants``).
    """
    arranger = Arranger(chart, options, collapsed, frozenset(assistants))
    # Pre-order: every manager comes before all of its (shown) reports. Compact
    # columns are placed with their manager: those reports need no pass of their own.
    order: list[tuple[str, int]] = []
    stack = [(root.id, 0) for root in reversed(arranger.roots)]
    while stack:
        role_id, depth = stack.pop()
        order.append((role_id, depth))
        stack.extend((report.id, depth + 1) for report in reversed(arranger.leaders(role_id)))
    # Post-order (pre-order reversed): subtree widths and each card's offset in its subtree.
    for role_id, _depth in reversed(order):
        arranger.size(role_id)
    arranger.place_roots(arranger.place)
    arranger.pieces.list_placed(arranger.placed, arranger.slot_left, arranger.boxes)
    return arranger.layout(chart)


_serials = itertools.count()

GRID = 1024
"""Every place a tidy tree works out is a whole number of 1/1024ths of a pixel,
and so is every sum of such places below 2**43 pixels: exact in floating
point. A subtree shifted in one piece (orgmodel.subtree_lists) then lands where
placing it card by card puts it, to the last bit, which an edit's layout is
held to (orgmodel.layout_update)."""


def on_grid(value: float) -> float:
    """``value`` rounded to the nearest :data:`GRID` step."""
    return round(value * GRID) / GRID


class Arranger:
    """The working state of a tidy tree: each subtree's width and its card's
    offset in it (sized children first), then each card's box (placed managers
    first). ``orgmodel.layout_update`` keeps it from one edit to the next."""

    def __init__(
        self,
        chart: Chart,
        options: LayoutOptions,
        collapsed: frozenset[str],
        assistants: frozenset[str],
    ) -> None:
        self.options, self.collapsed, self.assistants = options, collapsed, assistants
        self.box_width, self.box_height = options.card_width, options.card_height
        # Places are worked out from these, each on the grid (see on_grid).
        self.card_width, self.card_height = on_grid(self.box_width), on_grid(self.box_height)
        self.gap = on_grid(options.sibling_gap)
        self.level = self.card_height + on_grid(options.level_gap)
        self.indent = on_grid(self.card_width * COMPACT_INDENT)
        self.column_width = self.indent + self.card_width
        self.compact = options.compact_leaves
        self.children = chart.derived(forest)
        self.roots = self.children[None]
        self.aides: dict[str, list[Role]] = {}
        """Manager id -> its assistants, drawn right of it on its row."""
        self.teams: dict[str, list[Role]] = {}
        """Manager id -> its team without its assistants, where it has any."""
        for aide in assistants:
            role = chart.get(aide)
            manager = None if role is None else role.manager
            if manager in self.aides or manager is None or manager in collapsed:
                continue
            team = self.children.get(manager, [])
            helping = [r for r in team if r.id in assistants and r.id not in self.children]
            if helping:
                self.aides[manager] = helping
                self.teams[manager] = [r for r in team if r not in helping]
        self.width: dict[str, float] = {}
        self.card_offset: dict[str, float] = {}
        self.depth: dict[str, float] = {}
        """Role id -> how far below the top of its card its subtree's lowest card
        ends, for those who lead (see :meth:`subtree_depth`)."""
        self.inset: dict[str, float] = {}
        """Role id -> how far right of its slot's left its subtree's leftmost card
        is, where it is not 0 (see :meth:`subtree_inset`)."""
        self.column: dict[str, tuple[str, ...]] = {}
        """Manager id -> its reports stacked in a column under it (compact mode)."""
        self.stacked_under: dict[str, str] = {}
        """Role id -> the manager whose column it is stacked in (see :meth:`stack`)."""
        self.beside: dict[str, list[Role]] = {}
        """Manager id -> its reports laid out side by side (right of its column, if any)."""
        self.slot_left: dict[str, float] = {}
        """Role id -> the left of its subtree's slot, for each placed role not
        stacked in a column. A float, not a tuple with the depth: a tuple is one
        more object for the garbage collector to walk for every card an edit
        moves; the depth is read from the role's box."""
        self.boxes: dict[str, Box] = {}
        self.right = 0.0
        """Where the rightmost subtree ends, once placed."""
        self.placed: list[str] = []
        """Every role given a box by this arranger, in the order placed: after
        an edit (orgmodel.layout_update), those whose boxes may have moved."""
        self.unboxed: list[str] = []
        """After an edit: the roles whose boxes it took away (removed or hidden)."""
        self.serial = next(_serials)
        self.edited_from: int | None = None
        """The serial of the arranger of the layout an edit started from, when this
        one went on from it (see orgmodel.layout_update); not the arranger itself,
        which would keep every earlier layout alive."""
        self.resized: set[str] = set()
        """After an edit: the roles whose sizes were dropped or worked out again;
        only their columns may differ."""
        self.in_one_piece: list[tuple[str, int, int]] = []
        """After an edit, the subtrees placed again only because their slots
        moved: sizes and offsets stand, so every card in one moves alike. Each
        is its top role and where its roles are in ``placed`` (start, end)."""
        self.pieces = SubtreeLists()
        """The cards of big subtrees, listed: moved in one piece, such a subtree
        is shifted along its list rather than placed card by card."""

    def reports(self, role_id: str) -> list[Role]:
        """The reports drawn under a role: none under a collapsed one."""
        if role_id in self.collapsed:
            return []
        team = self.teams.get(role_id)
        return self.children.get(role_id, []) if team is None else team

    def leads(self, role: Role) -> bool:
        # A manager with only assistants still leads: it is not stacked in a column.
        return bool(self.reports(role.id)) or role.id in self.aides

    def leaders(self, role_id: str) -> list[Role]:
        """The reports that get a slot of their own (all of them unless compact)."""
        reports = self.reports(role_id)
        return [r for r in reports if self.leads(r)] if self.compact else reports

    def size(self, role_id: str) -> None:
        """Its subtree's width, and where its card sits in it; its reports sized first."""
        card_width, gap, width, offset = self.card_width, self.gap, self.width, self.card_offset
        reports = self.reports(role_id)
        if self.edited_from is not None:
            self.resized.add(role_id)
        self.stack(role_id, ())
        self.beside.pop(role_id, None)
        if not reports:
            width[role_id] = card_width
            offset[role_id] = 0.0
            # Most roles lead nobody: their extents are the card's, and kept by no
            # table (at 50,000 roles two tables of them cost some 7 MB).
            self.depth.pop(role_id, None)
            self.inset.pop(role_id, None)
        else:
            leaders = [r for r in reports if self.leads(r)] if self.compact else reports
            self.beside[role_id] = leaders
            stacked_here = len(leaders) < len(reports)
            depth = self.level + max((self.subtree_depth(r.id) for r in leaders), default=0.0)
            if stacked_here:
                column = tuple(r.id for r in reports if not self.leads(r))
                self.stack(role_id, column)
                column_depth = self.level + len(column) * (self.card_height + gap) - gap
                depth = max(depth, column_depth)
            self.depth[role_id] = depth
            # The column comes first; else the first leader's subtree starts at the slot's left.
            first_inset = self.indent if stacked_here else self.subtree_inset(leaders[0].id)
            if stacked_here and not leaders:
                # A column alone hangs under its manager's card, indented.
                offset[role_id] = 0.0
                width[role_id] = self.column_width
            elif len(reports) == 1:
                # Copied rather than centred so float rounding cannot shift the card.
                width[role_id] = max(card_width, width[reports[0].id])
                offset[role_id] = offset[reports[0].id]
            else:
                # Centred over the team's cards: from the first card's left (the
                # column's, if the team has one: it comes first) to the last one's right.
                total = sum(width[r.id] + gap for r in leaders) - gap
                if stacked_here:
                    first = self.indent
                    total += self.column_width + gap
                else:
                    first = offset[leaders[0].id]
                last = total - width[leaders[-1].id] + offset[leaders[-1].id] + card_width
                width[role_id] = max(card_width, total)
                offset[role_id] = on_grid((first + last - card_width) / 2)
            inset = min(offset[role_id], first_inset)
            if inset:
                self.inset[role_id] = inset
            else:
                self.inset.pop(role_id, None)
        beside_it = self.aides.get(role_id)
        if beside_it:  # room on the manager's row for its assistants
            row = offset[role_id] + card_width + len(beside_it) * (gap + card_width)
            width[role_id] = max(width[role_id], row)

    def stack(self, role_id: str, column: tuple[str, ...]) -> None:
        """Stack ``column`` under a role (none: stack nobody there). A role moved
        from one column to another may be stacked in its new one first."""
        stacked_under = self.stacked_under
        for report_id in self.column.pop(role_id, ()):
            if stacked_under.get(report_id) == role_id:
                del stacked_under[report_id]
        if column:
            self.column[role_id] = column
            stacked_under.update(dict.fromkeys(column, role_id))

    def subtree_depth(self, role_id: str) -> float:
        """How far below the top of a sized role's card its subtree's lowest card ends."""
        return self.depth.get(role_id, self.card_height)

    def subtree_inset(self, role_id: str) -> float:
        """How far right of a sized role's slot its subtree's leftmost card is."""
        return self.inset.get(role_id, 0.0)

    def place_roots(self, place: Callable[[str, float, int], None]) -> None:
        left = 0.0
        for root in self.roots:
            place(root.id, left, 0)
            left += self.width[root.id] + self.gap
        self.right = left - self.gap if self.roots else 0.0

    def place(
        self,
        role_id: str,
        left: float,
        depth: int,
        *,
        only_moved: bool = False,
        listing: bool = False,
    ) -> None:
        """Place a role's subtree in the slot from ``left``, managers first: each
        card, its assistants and its column, then the slots of its other reports.

        ``only_moved``: after an edit (orgmodel.layout_update), skip each subtree
        whose slot stands, and place a subtree that was not sized again but
        moved as one piece (see ``in_one_piece``). ``listing``: the subtree moved
        in one piece and its cards are being listed (see ``pieces``): each
        subtree under it that is listed already is shifted along its list.
        """
        card_width, card_height = self.card_width, self.card_height
        box_width, box_height = self.box_width, self.box_height
        gap, level = self.gap, self.level
        boxes, slots, placed = self.boxes, self.slot_left, self.placed
        in_one_piece, pieces = self.in_one_piece, self.pieces
        offsets, widths, aides = self.card_offset, self.width, self.aides
        columns, beside = self.column, self.beside
        indent, past_column = self.indent, self.column_width + gap
        stack = [(role_id, left, depth)]
        while stack:
            role_id, left, depth = stack.pop()
            if only_moved:
                slot = slots.get(role_id)
                if slot == left and boxes[role_id].y == depth * level:
                    continue  # neither sized again nor moved: its subtree's boxes stand
                if slot is not None:
                    # Not sized again, so neither was anyone under it (sizes change
                    # only above an edit): the subtree moves in one piece.
                    start = len(placed)
                    self._place_in_one_piece(role_id, left, depth)
                    in_one_piece.append((role_id, start, len(placed)))
                    continue
            elif listing and role_id in pieces:
                self._shift(role_id, left, depth)
                continue
            # A loop rather than a call for each card: this runs for every card
            # an edit moves, at 50,000 roles some 18,000 of them.
            slots[role_id] = left
            x, y = left + offsets[role_id], depth * level
            boxes[role_id] = Box(x, y, box_width, box_height)
            placed.append(role_id)
            if role_id in aides:
                for index, aide in enumerate(aides[role_id], start=1):
                    boxes[aide.id] = Box(x + index * (card_width + gap), y, box_width, box_height)
                    placed.append(aide.id)
            stacked_under = columns.get(role_id)
            if stacked_under:
                for index, report_id in enumerate(stacked_under):
                    top = y + level + index * (card_height + gap)
                    boxes[report_id] = Box(left + indent, top, box_width, box_height)
                placed += stacked_under
                left += past_column
            team = beside.get(role_id)
            if team:
                team_slots = []
                for report in team:
                    team_slots.append((report.id, left, depth + 1))
                    left += widths[report.id] + gap
                stack += reversed(team_slots)

    def _place_in_one_piece(self, role_id: str, left: float, depth: int) -> None:
        """Place a subtree whose sizes stand in the slot from ``left``: shifted
        along its list of cards (see ``pieces``), or placed, and listed if the
        lists want it."""
        if role_id in self.pieces:
            self._shift(role_id, left, depth)
            return
        placed = self.placed
        start = len(placed)
        self.place(role_id, left, depth, listing=True)
        if self.pieces.wants(len(placed) - start, len(self.boxes)):
            cards = placed[start:]
            self.pieces.keep(role_id, cards, [card for card in cards if card in self.slot_left])

    def _shift(self, role_id: str, left: float, depth: int) -> None:
        """Move a listed subtree (see ``pieces``) to the slot from ``left``."""
        boxes, slots = self.boxes, self.slot_left
        cards, slotted = self.pieces[role_id]
        dx, dy = left - slots[role_id], depth * self.level - boxes[role_id].y
        width, height, new = self.box_width, self.box_height, tuple.__new__
        for card in cards:
            box = boxes[card]
            # tuple.__new__ rather than Box(): no Python frame for each card, 0.24
            # against 0.36 µs a card (36,000 cards, collection paused as in an edit).
            boxes[card] = new(Box, (box[0] + dx, box[1] + dy, width, height))
        for card in slotted:
            slots[card] += dx
        self.placed += cards

    def layout(self, chart: Chart, *, in_chart_order: bool = False) -> Layout:
        """The layout as placed; ``in_chart_order``: the boxes were kept in chart order."""
        if not in_chart_order:
            placed = self.boxes
            self.boxes = {role.id: placed[role.id] for role in chart.roles if role.id in placed}
        # The subtrees' extents, not a walk over every box: at 50,000 roles that
        # took some 20 ms after every edit. The tables are the layout's own from
        # here on, not copied (at 50,000 roles some 3 ms of every edit): the
        # next edit's arranger starts from copies of them (orgmodel.layout_update).
        return Layout(
            boxes=MappingProxyType(self.boxes),
            width=self.right,
            height=max((self.subtree_depth(root.id) for root in self.roots), default=0.0),
            left=self.subtree_inset(self.roots[0].id) if self.roots else 0.0,
            top=0.0,
            columns=MappingProxyType(self.column),
            stacked=self.stacked_under.keys(),
            column_indent=self.indent if self.compact else 0.0,
            beside_manager=frozenset(aide.id for team in self.aides.values() for aide in team),
            arranger=self,
        )
