"""The cards of a big chart that are out of sight when its window first shows
it are made after the first paint (see MakingLater)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from orgmodel.layout import Layout, LayoutOptions
from ui.document import chart_update
from ui.placing_later import PLACE_LATER_FROM, SIGHT_BAND, Seen, overlaps

MAKE_LATER_BATCH = 2_000
"""Cards made in one go between two pauses (some 50 ms at 50,000 roles)."""
MAKE_LATER_MS = 20
"""The pause between two batches: the window takes input meanwhile."""


def makes_later(layout: Layout) -> bool:
    """Whether a window drawing ``layout`` first makes only the cards in sight."""
    return len(layout.boxes) >= PLACE_LATER_FROM and layout.arranger is not None


def card_extent(layout: Layout, options: LayoutOptions, role_id: str) -> Seen:
    """Where a role's card and its share of the lines (see orgmodel.card_lines)
    may reach, left, top, right and bottom: the slot of its subtree, from the
    line above its card to its subtree's lowest card. A card with no slot of
    its own (an assistant beside its manager, a card in a column) draws its
    line from the left: a card's width of room there."""
    arranger = layout.arranger
    assert arranger is not None, "only a tidy tree's cards are made later"
    box = layout.boxes[role_id]
    top = box.y - options.level_gap
    slot = arranger.slot_left.get(role_id)
    if slot is None:
        return box.x - box.width, top, box.right, box.bottom
    return slot, top, slot + arranger.width[role_id], box.y + arranger.subtree_depth(role_id)


def _made_already(_role_ids: list[str]) -> None:
    """What makes cards when none waits."""


class MakingLater(QObject):
    """The roles of a window's scene whose cards are still to be made. A tidy
    tree of PLACE_LATER_FROM cards or more, first drawn, has the cards the
    views show made before they are drawn, and the rest a batch at a time
    once the window has drawn the chart: at 50,000 roles making every card
    took some 1.2 s of the 2.3 s from opening the file to the first paint.
    Whatever looks at cards beyond the views has every one made first
    (:meth:`make_all`), and so does any change of the drawing."""

    made = Signal()
    """Cards were made: the blocks of the overview and the minimap, which draw
    every card, are grouped again (the minimap fills in as they come)."""

    def __init__(self, parent: QObject, seen: Callable[[], Seen]) -> None:
        """``seen``: what the views show, and round it (PlacingLater.seen)."""
        super().__init__(parent)
        self.unmade: dict[str, None] = {}
        """The roles whose cards wait to be made, in the chart's order."""
        self._seen = seen
        self._make: Callable[[list[str]], object] = _made_already
        self._by_band: dict[int, list[tuple[str, Seen]]] = defaultdict(list)
        """Band (see SIGHT_BAND) -> roles filed in it, with their card's extent,
        in each band the extent reaches across; a role made meanwhile may
        still be filed."""
        self._sight_moved = False
        self._timer = QTimer(self, singleShot=True, interval=MAKE_LATER_MS)
        self._timer.timeout.connect(self._make_a_batch)
        # The batches begin once the chart is drawn: a 0 ms timer fires after the paint.
        self._after_drawing = QTimer(self, singleShot=True, interval=0)
        self._after_drawing.timeout.connect(self._timer.start)

    def put_off(
        self,
        role_ids: Iterable[str],
        layout: Layout,
        options: LayoutOptions,
        make: Callable[[list[str]], object],
    ) -> None:
        """Make the cards of these roles of ``layout`` later, with ``make``
        (which makes cards in place in ``layout``: a change of the drawing has
        every card made first)."""
        self._make = make
        by_band, unmade = self._by_band, self.unmade
        for role_id in role_ids:
            extent = card_extent(layout, options, role_id)
            unmade[role_id] = None
            for band in range(int(extent[0] // SIGHT_BAND), int(extent[2] // SIGHT_BAND) + 1):
                by_band[band].append((role_id, extent))
        self._sight_moved = bool(unmade)
        if unmade:
            self._after_drawing.start()

    def sight_moved(self) -> None:
        """The views scrolled, zoomed or changed size: the cards they now show
        are made before they are drawn (:meth:`make_in_sight`)."""
        self._sight_moved = bool(self.unmade)

    def make_in_sight(self) -> None:
        """Make the cards that the views show since they moved."""
        if not self._sight_moved:
            return
        seen = self._seen()
        left, top, right, bottom = seen
        if left > right or top > bottom:
            return  # no view yet
        self._sight_moved = False
        unmade, filed = self.unmade, self._by_band
        bands = range(int(left // SIGHT_BAND), int(right // SIGHT_BAND) + 1)
        near = (filed.get(band, ()) for band in bands)
        shown = [
            role_id
            for role_id, extent in itertools.chain.from_iterable(near)
            if role_id in unmade and overlaps(*extent, seen)
        ]
        self._made(list(dict.fromkeys(shown)))

    def make_all(self) -> None:
        """Make every card that waits, now."""
        if self.unmade:
            self._made(list(self.unmade))

    def make_these(self, role_ids: Iterable[str]) -> None:
        """Make the cards of these roles that wait, now."""
        unmade = self.unmade
        if unmade:
            self._made([role_id for role_id in dict.fromkeys(role_ids) if role_id in unmade])

    def forget(self) -> None:
        """Make nothing more: every card is made, or the scene lets its cards go
        (ChartScene.release). What made them goes too: it holds the chart and
        the layout of the first drawing, and their tables."""
        self._after_drawing.stop()
        self._timer.stop()
        self.unmade.clear()
        self._by_band.clear()
        self._make = _made_already

    def _make_a_batch(self) -> None:
        self._made(list(itertools.islice(self.unmade, MAKE_LATER_BATCH)))
        if self.unmade:
            self._timer.start()

    def _made(self, role_ids: list[str]) -> None:
        """Make these cards (each waiting), and tell of them."""
        if not role_ids:
            return
        unmade = self.unmade
        for role_id in role_ids:
            del unmade[role_id]
        with chart_update(busy=False):  # kept, as a chart shown is (ui.document.settle_heap)
            self._make(role_ids)
        if not unmade:
            self.forget()
        self.made.emit()
