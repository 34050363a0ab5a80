"""The chart scene: cards and lines of the document's chart, kept in step with it.

Items hold a role id, never the truth: the scene redraws from the document's
chart after every change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import partial
from typing import Literal

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsScene

from orgmodel.assistants import assistants
from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.change_record import ChangeRecord
from orgmodel.graphviz_layout import choose_layout
from orgmodel.hierarchy import forest
from orgmodel.layout import (
    CHART_VIEW_OPTIONS,
    Box,
    Layout,
    LayoutOptions,
    collapsed_above,
    collapsed_to_levels,
)
from orgmodel.layout_update import relaid_out
from orgmodel.model import Chart
from orgmodel.rules import Finding
from orgmodel.rules.validation import FindingsByRole
from orgmodel.tidy_tree import tidy_tree
from ui.card_item import NO_CONTENTS, CardItem, CardScene
from ui.card_marks import CardMarks
from ui.card_placing import follow_layout
from ui.chart_lines import SceneLines
from ui.document import ChartDocument, chart_update
from ui.find_trail import FindTrail
from ui.layout_worker import GraphvizWorker
from ui.making_later import MakingLater, makes_later
from ui.overview_item import OverviewItem
from ui.placing_later import EVERYWHERE, PLACE_LATER_FROM, PlacingLater
from ui.scene_cards import REPAINT_WHOLE_FROM, SceneCards
from ui.scene_extent import SceneExtent
from ui.waiting_cards import WaitingCards
from ui.work_progress import WorkStep, no_progress

BSP_TREE = QGraphicsScene.ItemIndexMethod.BspTreeIndex
DOT_TIMEOUT = 5.0
"""A canvas waits this long for Graphviz before it falls back to the tidy tree."""
OVERVIEW_SLACK = 100_000.0
"""How far past the chart the overview paints, for blocks being dragged there."""
LayoutEngine = Literal["tidy", "dot"]


class ChartScene(WaitingCards, CardScene):
    """Cards and lines of the document's chart, kept in step with it."""

    drawing_changed = Signal()
    """Cards came, went, moved or changed colour (the selection aside)."""
    cards_placed = Signal()
    """The last cards waiting out of sight were placed (see PlacingLater)."""
    scroll_rect_changed = Signal()
    """The chart's extent with a margin round it, what a view scrolls over, changed."""
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
        background_layout: bool = False,
        progress: WorkStep | None = None,
    ) -> None:
        """``names``/``markers`` show people and finding markers; ``full_detail`` paints
        text at any scale (for export, where text must stay selectable); ``findings``
        replaces the document's own for the markers; ``engine`` "dot" lays the chart
        out with Graphviz where fast enough (see orgmodel.graphviz_layout), on a worker
        with the tidy tree shown meanwhile if ``background_layout`` (a window's scene);
        ``progress`` is told the steps of long work (see ui.work_progress)."""
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
        self.graphviz = GraphvizWorker(DOT_TIMEOUT) if background_layout else None
        self._progress: WorkStep = progress or no_progress
        self.cards: dict[str, CardItem] = {}
        """The card of every role shown."""
        self.placing = PlacingLater(self, self.cards) if background_layout else None
        """A window's scene moves the cards an edit moves out of sight a moment later."""
        self.making = None if self.placing is None else MakingLater(self, self.placing.seen)
        """It also makes a big chart's cards out of sight at its first drawing after the paint."""
        self._cards = SceneCards(self, self.cards, self.placing)
        if self.graphviz is not None:
            self.graphviz.ready.connect(self._graphviz_ready)
        if self.placing is not None:
            self.placing.all_placed.connect(self.cards_placed)
        if self.making is not None:
            self.making.made.connect(self._cards_made)
        self.layout = Layout({}, 0, 0)
        self.extent = SceneExtent(self)
        self.marks = CardMarks()
        self._laid_out: tuple[Chart, tuple[object, ...]] | None = None  # chart, settings
        self.setItemIndexMethod(BSP_TREE)
        self.line_pen = QPen(QColor("#8d8d96"), 1.4)
        self.lines = SceneLines(self)
        self.overview = OverviewItem(self)
        self.addItem(self.overview)
        self.find_trail = FindTrail()
        self.addItem(self.find_trail)
        self.selectionChanged.connect(self._selection_changed)
        document.chart_changed.connect(self.refresh)
        self.refresh()

    @property
    def scroll_rect(self) -> QRectF:
        """What a view scrolls over: the chart and a margin round it (see SceneExtent)."""
        return self.extent.scroll_rect

    @property
    def overview_shown(self) -> bool:
        return self.overview.isVisible()

    def show_overview(self, shown: bool) -> None:
        """Paint all cards as blocks in one item (True) or let each card paint itself."""
        if shown == self.overview_shown:
            return
        self.place_pending()
        for card in self.cards.values():
            card.setFlag(NO_CONTENTS, shown)
        index = QGraphicsScene.ItemIndexMethod
        self.setItemIndexMethod(index.NoIndex if shown else index.BspTreeIndex)
        self.overview.setVisible(shown)
        self.overview.regroup()

    def _cards_made(self) -> None:
        self.overview.regroup()
        self.drawing_changed.emit()
        if not self.cards_waiting_to_be_made() and self.itemIndexMethod() == BSP_TREE:
            # Qt sized its index for the cards of the first paint: sized for all
            # of them (at 50,000 roles 16 levels deep, not 9), a repaint and an
            # edit's moves look through far fewer cards.
            self.setBspTreeDepth(0)

    def _selection_changed(self) -> None:
        self.overview.selection_changed()

    def release(self) -> None:
        """Let the cards, their lines and the layout go now, not when the scene
        is deleted; the scene then shows nothing and no longer follows its document.

        A window that opens another chart builds the new scene before the event
        loop deletes the old one: at 50,000 roles the two at once took the window
        to some 475 MB, against some 360 MB with the old one let go first.
        """
        self.selectionChanged.disconnect(self._selection_changed)
        self.document.chart_changed.disconnect(self.refresh)
        if self.graphviz is not None:
            self.graphviz.ready.disconnect(self._graphviz_ready)
        if self.placing is not None:
            self.placing.forget()
        if self.making is not None:
            self.making.forget()
        self.clear()  # Qt deletes every item
        self._cards.clear()
        self.lines.forget()
        self.layout = Layout({}, 0, 0)
        self.extent.forget()
        self._laid_out = None
        self.marks.forget()

    def refresh(self) -> None:
        """Bring the cards and lines in line with the document's chart."""
        self.make_pending()
        chart = self.document.chart
        if self.collapsed:
            self.collapsed &= {role.id for role in chart}
        collapsed = frozenset(self.collapsed)
        aides = chart.derived(assistants) if self.engine == "tidy" else frozenset()
        inputs = (self.engine, self.options, collapsed, aides)
        laid_out = self._laid_out
        record = None if laid_out is None else self.document.change_since(laid_out[0])
        # Most edits (a title, a person, responsibilities) move no line: the
        # layout, and the lines drawn from it, stand.
        relayout = (
            laid_out is None or record is None or laid_out[1] != inputs or record.lines_changed
        )
        previous = self.layout
        if relayout:
            self._progress("Laying out the chart", 0, 0)
            note = self.layout.note
            if self.engine == "tidy" and laid_out is not None and record is not None:
                self.layout = relaid_out(
                    self.layout, laid_out[0], chart, record, self.options, collapsed, aides
                )
            elif self.engine == "dot" and self.graphviz is not None:
                self.layout = self.graphviz.layout_for(chart, self.options, collapsed)
            elif self.engine == "dot":
                self.layout = choose_layout(chart, self.options, collapsed, timeout=DOT_TIMEOUT)
            else:
                self.layout = tidy_tree(chart, self.options, collapsed, assistants=aides)
            if self.layout.note != note:
                self.layout_note.emit(self.layout.note)
        self._laid_out = (chart, inputs)
        edit = (laid_out[0], record) if relayout and laid_out and record else None
        marks_changed = self.marks.follow(chart, self._marked_findings(), self.collapsed, edit)
        layout, boxes, cards = self.layout, self.layout.boxes, self.cards
        kept_settings = laid_out is not None and laid_out[1] == inputs
        if record is not None and kept_settings and self.engine == "tidy" and not collapsed:
            # A tidy tree of the chart with every role shown: only a role removed
            # loses its card (no difference of 50,000 keys at every edit).
            gone = [role_id for role_id in record.removed if role_id in cards]
        else:
            gone = list(cards.keys() - boxes.keys())
        self._cards.forget_gone(None if record is None else record.removed, chart)
        self._cards.take_away(gone, chart, self._progress)
        regroup = bool(gone)  # the overview must group the blocks by colour again
        # Visit only the cards whose content may differ: roles the edit touched,
        # changed markers, hidden counts or team sizes, and cards to make.
        if record is None:
            changed: set[str] = set(boxes)
        else:
            changed = set(record.touched) | marks_changed
            if len(cards) != len(boxes):
                changed |= boxes.keys() - cards.keys()
        folder = self.document.path.parent if self.document.path else None  # for photos
        content_of = partial(
            self.marks.content, catalogue=self.catalogue, names=self.names, folder=folder
        )
        making = self.making if laid_out is None and not self.overview_shown else None
        if making is not None and makes_later(layout):  # a big chart's first drawing
            make = partial(self._cards.make, chart=chart, layout=layout, content_of=content_of)
            make = partial(make, progress=self._progress)  # told if all are made at once
            making.put_off(boxes, layout, self.options, make)  # those in sight: at the paint
            changed = set()
        created, redrawn = self._cards.bring_up_to_date(
            changed, chart, layout, content_of, self.overview_shown, self._progress
        )
        regroup = regroup or redrawn
        if relayout:
            self._progress("Placing cards and lines", 0, 0)
            # Settings kept, or only a role collapsed or expanded since.
            kept_or_updated = kept_settings or self.layout.updated_from(previous)
            edited = laid_out[0] if kept_or_updated and laid_out and record else None
            self._follow_layout(chart, previous, created, edited, record)
        if len(created) > REPAINT_WHOLE_FROM:
            self.update()
        if relayout or self.find_trail.role_id:
            self.show_trail(self.find_trail.role_id)
        if regroup or relayout:
            self.drawing_changed.emit()
        if regroup:
            self.overview.regroup()
        elif relayout:
            self.overview.moved()
        if self.extent.follow(self.layout):
            # A block dragged past the chart's edge must still be painted.
            slack = OVERVIEW_SLACK
            self.overview.set_extent(self.scroll_rect.adjusted(-slack, -slack, slack, slack))
            self.scroll_rect_changed.emit()

    def _marked_findings(self) -> FindingsByRole | None:
        """The findings the cards' markers show (None: no markers)."""
        if not self.markers:
            return None
        if self._findings is not None:
            return FindingsByRole(self._findings)
        return self.document.findings_by_role

    def _follow_layout(
        self,
        chart: Chart,
        previous: Layout,
        created: set[str],
        edited: Chart | None,
        record: ChangeRecord | None,
    ) -> None:
        """Bring the cards to the new layout (see follow_layout), then draw the lines."""
        placing = self.placing
        if len(self.layout.boxes) < PLACE_LATER_FROM or self.overview_shown:
            placing = None  # every card to its place now
            self.place_pending()
        follow_layout(self.cards, chart, previous, self.layout, created, edited, record, placing)
        seen = EVERYWHERE if placing is None else placing.seen()
        self.lines.draw(chart, self.layout, self.options, seen)

    def _graphviz_ready(self) -> None:
        if self.engine == "dot" and self._laid_out is not None:
            self._laid_out = (self._laid_out[0], ())  # lay out again: the result is in
            self.refresh()

    def toggle_collapsed(self, role_id: str) -> None:
        if role_id in self.collapsed:
            self.collapsed.discard(role_id)
        elif self.document.chart.derived(forest).get(role_id):
            self.collapsed.add(role_id)
        else:
            return
        self.redraw()

    def redraw(self) -> None:
        """Bring the cards in line with a change of how the chart is shown (a fold,
        the levels shown, the layout engine), as an edit is: under ``chart_update``,
        for at 50,000 roles such a change makes or moves thousands of cards."""
        with chart_update():
            self.refresh()

    def show_levels(self, levels: int | None) -> None:
        """Show the top ``levels`` levels (None: every level), collapsing below."""
        chart = self.document.chart
        collapsed = collapsed_to_levels(chart, levels) if levels else frozenset()
        if collapsed != self.collapsed:
            self.collapsed = set(collapsed)
            self.redraw()

    def expand_to(self, role_ids: Iterable[str]) -> None:
        """Expand every collapsed manager above these roles, so their cards show."""
        if self.collapsed:
            above = collapsed_above(self.document.chart, role_ids, self.collapsed)
            if above:
                self.collapsed -= above
                self.redraw()

    def at_its_place(self, card: CardItem) -> bool:
        """Whether the card is where the layout has it (not being dragged)."""
        box = self.layout.boxes.get(card.role_id)
        # Qt's own test of equal points, the one setPos() makes: a box that
        # moved by a rounding error leaves the card where it was, and the card
        # is at its place there. A tidy tree's places are on a grid and no
        # longer move so (orgmodel.tidy_tree.on_grid); the test stays Qt's.
        return box is not None and card.pos() == QPointF(box.x, box.y)

    def box_rect(self, role_id: str) -> QRectF:
        """Where the layout has a role's card (it may wait to be moved there)."""
        box = self.layout.boxes[role_id]
        return QRectF(box.x, box.y, box.width, box.height)

    def snap_back(self, role_ids: Iterable[str]) -> None:
        """Put cards the user dragged back where the layout has them."""
        self.place_pending()
        for role_id in role_ids:
            card, box = self.cards.get(role_id), self.layout.boxes.get(role_id)
            if card is not None and box is not None:
                card.setPos(box.x, box.y)

    def show_trail(self, role_id: str | None) -> None:
        """Highlight the chain of managers above ``role_id`` (None: no more)."""
        if role_id is not None and role_id not in self.document.chart:
            role_id = None
        self.find_trail.show_chain(self.document.chart, self.layout, role_id)

    def top_box(self) -> Box | None:
        """The box of the chart's first top role (the CEO, in most charts)."""
        roots = self.document.chart.derived(forest)[None]
        boxes = self.layout.boxes
        return next((boxes[role.id] for role in roots if role.id in boxes), None)

    def chart_rect(self) -> QRectF:
        """Where the cards are, markers included (see SceneExtent)."""
        return self.extent.chart_rect(self.layout)

    def selected_role_ids(self) -> list[str]:
        return self._cards.selected_role_ids()

    def selected_cards(self) -> list[CardItem]:
        """The selected cards (a list kept until the selection changes: not to be changed)."""
        return self._cards.selected_cards()

    def select_roles(self, role_ids: Collection[str]) -> None:
        """Select these cards (expanding what hides them), telling listeners once."""
        self.make_pending(role_ids)  # a big chart's not drawn yet: only these
        self.expand_to(role_ids)
        self._cards.select(role_ids)

    def card_at(self, point: QPointF, excluding: Collection[str] = ()) -> CardItem | None:
        self.place_in_sight()
        for item in self.items(point):
            if isinstance(item, CardItem) and item.role_id not in excluding:
                return item
        return None
