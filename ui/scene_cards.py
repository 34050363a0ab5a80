"""The cards of a chart scene: those shown, by role; those kept hidden while
their roles are folded away; and the selection among them, each changed in
batches that tell of a selection change once."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager

from attrs import define
from PySide6.QtWidgets import QGraphicsScene

from orgmodel.card_lines import CardLines, card_lines
from orgmodel.hierarchy import forest
from orgmodel.layout import Box, Layout
from orgmodel.model import Chart, Role
from ui.appearance import CardContent
from ui.card_item import NO_CONTENTS, CardItem
from ui.placing_later import PlacingLater
from ui.work_progress import WorkStep

REPAINT_WHOLE_FROM = 1000
"""A change of more cards than this asks for the whole scene to be repainted:
then Qt does not work out, card by card, what to repaint (selecting 50,000
cards, that took some 100 ms before the paint; a repaint of the window is
what such a change needs anyway)."""
PROGRESS_EVERY = 2000
"""Cards brought up to date between two steps told (see ui.work_progress)."""


Selection = tuple[list[CardItem], list[str]]
"""The selected cards and their roles' ids."""


class SceneCards:
    """The cards of a scene: ``shown`` holds the card of every role shown, and
    a card whose role is folded away under a collapsed role is kept, hidden,
    for when its team is shown again."""

    def __init__(
        self, scene: QGraphicsScene, shown: dict[str, CardItem], placing: PlacingLater | None
    ) -> None:
        """``shown``: the scene's dict of cards shown, kept here; ``placing``: the
        cards waiting out of sight to be placed, if the scene has such."""
        self._scene = scene
        self.shown = shown
        self._placing = placing
        self._folded: dict[str, CardItem] = {}
        self._selected: Selection | None = None
        """The selected cards, as Qt last gave them, and their roles; None once
        the selection changed. Qt makes a list of every selected item at each
        asking, and after selecting all of 50,000 cards the window's panels
        asked five times, at some 20 ms each."""
        self._told_of: Selection | None = None
        # Connected first, so it runs before any other slot of the scene's signal.
        scene.selectionChanged.connect(self._forget_selection)

    def _forget_selection(self) -> None:
        # A change a batch tells of (see _one_selection_change) keeps what it found.
        self._selected, self._told_of = self._told_of, None

    def bring_up_to_date(
        self,
        role_ids: Collection[str],
        chart: Chart,
        layout: Layout,
        content_of: Callable[[Role], CardContent],
        no_contents: bool,
        progress: WorkStep,
    ) -> tuple[set[str], bool]:
        """Give the cards of these roles, those the layout shows, what ``content_of``
        says they show; a role without a card gets one, in place and with its
        lines. ``no_contents``: the overview paints the cards for now (see
        OverviewItem); ``progress`` is told every PROGRESS_EVERY roles, when
        there are more (roles the layout does not show counted too). Returns
        the roles whose cards were shown now, and whether any card came or
        changed how it looks."""
        boxes, stacked, column_stub = layout.boxes, layout.stacked, layout.column_stub
        children = chart.derived(forest)
        created: set[str] = set()
        changed = False
        shown, role_of = self.shown, chart.role
        for role_id in _telling(progress, "Drawing cards", role_ids):
            box = boxes.get(role_id)
            if box is None:
                continue
            role = role_of(role_id)
            content = content_of(role)
            card = shown.get(role_id)
            if card is None:
                stub = column_stub if role_id in stacked else 0.0
                reports = children.get(role_id)
                report_ids = [report.id for report in reports] if reports else ()
                lines = card_lines(layout, role_id, role.manager, report_ids)
                self._show(role_id, content, box, stub, lines, no_contents)
                created.add(role_id)
                changed = True
            elif card.set_content(content):
                changed = True
        return created, changed

    def make(
        self,
        role_ids: list[str],
        chart: Chart,
        layout: Layout,
        content_of: Callable[[Role], CardContent],
        progress: WorkStep,
    ) -> None:
        """Make the cards of these roles, which have none, after the chart was
        drawn (see ui.making_later)."""
        if len(role_ids) > REPAINT_WHOLE_FROM:
            # Asked before the cards come, Qt files no part of the scene to
            # repaint for each (at 50,000 roles those kept some 60 MB).
            self._scene.update()
        self.bring_up_to_date(role_ids, chart, layout, content_of, False, progress)

    def _show(
        self,
        role_id: str,
        content: CardContent,
        box: Box,
        stub: float,
        lines: CardLines,
        no_contents: bool,
    ) -> None:
        """Show a role's card at its box, made now or kept since a fold (then
        brought up to date as if made now)."""
        card = self._folded.pop(role_id, None)
        if card is None:
            card = CardItem(
                role_id,
                content,
                box.width,
                box.height,
                stub,
                lines=lines,
                no_contents=no_contents,
            )
            self._scene.addItem(card)
        else:
            card.set_content(content)
            card.set_stub(stub)
            card.set_lines(lines)
            card.setFlag(NO_CONTENTS, no_contents)
            card.setVisible(True)
        card.setPos(box.x, box.y)
        card.block.moveTo(box.x, box.y)
        self.shown[role_id] = card

    def take_away(self, role_ids: list[str], chart: Chart, progress: WorkStep) -> None:
        """Take these cards out of those shown: a card whose role has gone is
        removed; one folded away is hidden and kept. At 50,000 roles, removing
        the 16,000 cards of a VP's team from the scene took half of folding it,
        and making them again most of unfolding it. Hidden, a card is neither
        drawn, nor found at a point, nor selected (Qt deselects it). ``progress``
        is told every PROGRESS_EVERY cards: Qt takes some 10 µs a card, and
        deleting all 50,000 cards of a chart took half a second so."""
        if not role_ids:
            return
        scene, folded = self._scene, self._folded
        with self._one_selection_change(len(role_ids)) as batch:
            unplaced = set[str]() if self._placing is None else self._placing.unplaced
            for role_id in _telling(progress, "Taking cards away", role_ids):
                unplaced.discard(role_id)
                card = self.shown.pop(role_id)
                batch.changed = batch.changed or card.isSelected()
                if role_id in chart:
                    folded[role_id] = card
                    card.setVisible(False)
                else:
                    scene.removeItem(card)

    def forget_gone(self, gone: Iterable[str] | None, chart: Chart) -> None:
        """Remove the kept cards of roles no longer in ``chart`` (``gone``: the
        roles an edit removed; None: any)."""
        folded = self._folded
        if not folded:
            return
        candidates = list(folded) if gone is None else gone
        for role_id in [r for r in candidates if r in folded and r not in chart]:
            self._scene.removeItem(folded.pop(role_id))

    def clear(self) -> None:
        """Forget every card (the scene has removed them)."""
        self.shown.clear()
        self._folded.clear()
        self._selected = None

    def selected_cards(self) -> list[CardItem]:
        """The selected cards (not to be changed: the list is kept)."""
        return self._selection()[0]

    def selected_role_ids(self) -> list[str]:
        """Their roles' ids, a list of the caller's own."""
        return list(self._selection()[1])

    def _selection(self) -> Selection:
        if self._selected is None:
            self._selected = self._asked_of_qt()
        return self._selected

    def _asked_of_qt(self) -> Selection:
        cards = [item for item in self._scene.selectedItems() if isinstance(item, CardItem)]
        return cards, [card.role_id for card in cards]

    def select(self, role_ids: Collection[str]) -> None:
        """Select the shown cards of these roles, and no others."""
        before = set(self._selection()[1])
        with self._one_selection_change(len(before) + len(role_ids)) as batch:
            self._scene.clearSelection()
            for role_id in role_ids:
                card = self.shown.get(role_id)
                if card is not None:
                    card.setSelected(True)
            batch.found = self._asked_of_qt()
            batch.changed = set(batch.found[1]) != before

    @contextmanager
    def _one_selection_change(self, cards: int) -> Iterator[_SelectionBatch]:
        """Qt tells of a selection change per card, and the panels that follow the
        selection would redo their work thousands of times for a big change (a
        deletion of thousands froze the window in them): the scene's signals are
        blocked meanwhile, and the change is told once if the block says the
        selection changed. Past REPAINT_WHOLE_FROM cards, the whole scene is
        repainted. What the block found selected after its last change, if it
        says, is not asked of Qt again."""
        batch = _SelectionBatch()
        scene = self._scene
        scene.blockSignals(True)
        try:
            yield batch
        finally:
            scene.blockSignals(False)
            # Whatever was kept, even asked for within the block, may be out of
            # date: Qt changed the selection without telling.
            self._selected = batch.found
        if cards > REPAINT_WHOLE_FROM:
            scene.update()
        if batch.changed:
            self._told_of = batch.found
            scene.selectionChanged.emit()


@define
class _SelectionBatch:
    """What a batch of selection changes says of itself (see SceneCards._one_selection_change)."""

    changed: bool = False
    """Whether the selection is another than before the batch."""
    found: Selection | None = None
    """The selection after the batch's last change, if the batch asked Qt for it."""


def _telling(progress: WorkStep, what: str, role_ids: Collection[str]) -> Iterator[str]:
    """The role ids in turn, ``progress`` told ``what`` every PROGRESS_EVERY of
    them when there are more."""
    total = len(role_ids)
    for done, role_id in enumerate(role_ids):
        if done % PROGRESS_EVERY == 0 and total > PROGRESS_EVERY:
            progress(what, done, total)
        yield role_id
