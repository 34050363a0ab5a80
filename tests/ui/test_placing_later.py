"""A big chart's cards that an edit moves out of sight are moved a moment later."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from bench.generate import generate_chart
from orgmodel.hierarchy import below, forest
from orgmodel.layout import Box
from orgmodel.model import Chart
from ui.document import ChartDocument
from ui.main_window import MainWindow
from ui.placing_later import PLACE_LATER_FROM


def misplaced(window: MainWindow) -> set[str]:
    """Roles whose cards are not where the layout has them."""
    boxes = window.scene.layout.boxes
    return {
        role_id
        for role_id, card in window.scene.cards.items()
        if card.pos() != QPointF(boxes[role_id].x, boxes[role_id].y)  # Qt's fuzzy test
    }


def a_move_that_shifts_most_cards(chart: Chart) -> tuple[str, str]:
    """The last role moved under the second top manager: every card between moves."""
    second = next(role for role in chart.roles[1:] if role.manager == chart.roles[0].id)
    return chart.roles[-1].id, second.id


def moved_at_the_left(window: MainWindow, size: int = PLACE_LATER_FROM + 1000) -> Chart:
    """A generated chart shown at full size from its left, and the move above
    made in it; the chart before the move."""
    chart = generate_chart(size)
    window.set_document(ChartDocument(chart))
    view = window.view
    view.reset_zoom()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    assert window.scene.placing is not None and not window.scene.placing.unplaced
    mover, target = a_move_that_shifts_most_cards(chart)
    window.edits.move_roles([mover], target)
    return chart


def test_cards_moved_out_of_sight_are_placed_after_the_edit(
    window: MainWindow, qtbot: QtBot
) -> None:
    chart = moved_at_the_left(window)
    mover, target = a_move_that_shifts_most_cards(chart)
    view, scene = window.view, window.scene
    assert scene.placing is not None
    # Each goes where the layout has it.
    assert scene.placing.boxes is scene.layout.boxes
    waiting = {role_id: scene.layout.boxes[role_id] for role_id in scene.placing.unplaced}
    assert len(waiting) > 500
    assert misplaced(window) == set(waiting)  # every card in sight is in its place already
    # Out of sight where they are, and where they go (their lines with them).
    seen = view.visible_rect()
    for role_id, box in waiting.items():
        card = scene.cards[role_id]
        assert not seen.intersects(card.mapRectToScene(card.card_rect))
        assert not seen.intersects(card.boundingRect().translated(box.x, box.y))
    # The findings follow the edit at once; the overview's blocks of the cards
    # waiting together stay with them until something draws the blocks (the
    # minimap, once the edits pause) or the cards are placed.
    assert window.document.chart.role(mover).manager == target
    assert blocks_away(window, waiting)
    scene.blocks_to_places()
    assert not blocks_away(window, waiting)
    assert scene.placing.unplaced == waiting.keys()
    qtbot.waitUntil(lambda: not scene.placing.unplaced, timeout=10_000)
    assert misplaced(window) == set()
    assert not blocks_away(window, scene.layout.boxes)


def blocks_away(window: MainWindow, boxes: Mapping[str, Box]) -> set[str]:
    """The roles of ``boxes`` whose cards' overview blocks are elsewhere."""
    cards = window.scene.cards
    return {
        role_id
        for role_id, box in boxes.items()
        if (cards[role_id].block.x(), cards[role_id].block.y()) != (box.x, box.y)
    }


def misplaced_in_sight(window: MainWindow) -> set[str]:
    """Misplaced cards that the view shows, or would show in their places,
    once it has painted."""
    window.view.viewport().repaint()
    seen, scene = window.view.visible_rect(), window.scene
    boxes = scene.layout.boxes
    return {
        role_id
        for role_id in misplaced(window)
        if seen.intersects(scene.cards[role_id].mapRectToScene(scene.cards[role_id].card_rect))
        or seen.intersects(
            scene.cards[role_id].boundingRect().translated(boxes[role_id].x, boxes[role_id].y)
        )
    }


def test_a_scroll_a_zoom_or_an_undo_finds_every_card_in_sight_in_its_place(
    window: MainWindow, qtbot: QtBot
) -> None:
    chart = moved_at_the_left(window)
    view, scene = window.view, window.scene
    assert scene.placing is not None and scene.placing.unplaced
    bar = view.horizontalScrollBar()
    for _ in range(4):  # scrolled along the cards waiting
        bar.setValue(bar.value() + view.viewport().width() // 2)
        assert misplaced_in_sight(window) == set()
    window.undo_action.trigger()
    view.zoom_by(0.5)
    assert misplaced_in_sight(window) == set()
    window.redo_action.trigger()
    window.undo_action.trigger()  # an edit over cards still waiting
    assert misplaced_in_sight(window) == set()
    qtbot.waitUntil(lambda: not scene.placing.unplaced, timeout=10_000)
    assert misplaced(window) == set()
    assert window.document.chart == chart


def test_cards_waiting_from_an_edit_are_sorted_again_after_a_scroll_and_an_edit(
    window: MainWindow,
) -> None:
    """A scroll that no paint followed, then an edit that left the view where
    it was: the cards still waiting from the first edit were sorted out by what
    the view showed before the scroll, and are sorted out again."""
    moved_at_the_left(window)
    view, scene = window.view, window.scene
    placing = scene.placing
    assert placing is not None
    waiting = set(placing.unplaced)
    bar = view.horizontalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)
    placing.later(placing.seen())  # as an edit that moved no card does
    assert misplaced_in_sight(window) == set()
    assert waiting - placing.unplaced  # the scroll brought some in sight


def test_cards_that_wait_where_the_view_scrolls_to_are_placed_though_they_go_far(
    window: MainWindow,
) -> None:
    """A team at the right end moves under a manager in the middle while the
    view shows the left end; scrolled to the right end, the window shows where
    the team's cards were, and they go."""
    chart = generate_chart(PLACE_LATER_FROM + 1000)
    window.set_document(ChartDocument(chart))
    view, scene = window.view, window.scene
    view.reset_zoom()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.minimum())
    boxes, children = scene.layout.boxes, forest(chart)
    teams = [r for r in chart.roles if r.manager and len(list(below(children, r.id))) >= 5]
    mover = max(teams, key=lambda r: boxes[r.id].x)
    team = {mover.id} | {r.id for r in below(children, mover.id)}
    middle = scene.layout.width / 2
    target = min(
        (r for r in teams if r.id not in team and r.id != mover.manager),
        key=lambda r: abs(boxes[r.id].x - middle),
    )
    window.edits.move_roles([mover.id], target.id)
    assert scene.placing is not None
    assert team & scene.placing.unplaced
    bar.setValue(bar.maximum())
    assert misplaced_in_sight(window) == set()


def test_a_card_asked_for_is_placed_and_a_drag_places_them_all(window: MainWindow) -> None:
    moved_at_the_left(window)
    scene = window.scene
    assert scene.placing is not None
    waiting = next(iter(scene.placing.unplaced))
    box = scene.layout.boxes[waiting]
    assert scene.cards[waiting].scene_card_rect().topLeft() == scene.box_rect(waiting).topLeft()
    assert (scene.cards[waiting].x(), scene.cards[waiting].y()) == (box.x, box.y)
    assert waiting not in scene.placing.unplaced and scene.placing.unplaced
    scene.place_pending()  # as a press that may start a drag does
    assert misplaced(window) == set()


def test_a_small_chart_places_every_card_at_once(window: MainWindow) -> None:
    moved_at_the_left(window, PLACE_LATER_FROM // 2)
    assert window.scene.placing is not None and not window.scene.placing.unplaced
    assert misplaced(window) == set()


def test_the_minimap_shows_an_edit_once_the_cards_that_wait_are_placed(
    window: MainWindow, qtbot: QtBot
) -> None:
    chart = generate_chart(PLACE_LATER_FROM + 1000)
    window.set_document(ChartDocument(chart))
    view, scene = window.view, window.scene
    view.reset_zoom()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    minimap = view.minimap
    assert minimap.isVisible()
    before = minimap.grab().toImage()
    mover, target = a_move_that_shifts_most_cards(chart)
    window.edits.move_roles([mover], target)
    assert scene.cards_waiting()
    # The edits pause while cards still wait: the image is painted again once
    # they are placed, rather than moving all their blocks first.
    minimap._repaint.timeout.emit()
    assert minimap._settle_once_placed
    qtbot.waitUntil(lambda: not scene.cards_waiting(), timeout=10_000)
    assert not minimap._settle_once_placed
    settled = minimap.grab().toImage()
    assert settled != before
    minimap._image = None  # as painted from nothing
    assert minimap.grab().toImage() == settled


def test_cards_waiting_when_their_roles_go_or_fold_away_leave_the_rest_placed(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Cards wait; some of their roles are deleted and a team of others is folded
    before they are placed: the rest still go where the layout has them, and
    those unfolded again come back in place."""
    chart = moved_at_the_left(window)
    scene = window.scene
    assert scene.placing is not None
    waiting = set(scene.placing.unplaced)
    children = forest(window.document.chart)
    leaves = [r for r in waiting if not children.get(r)]
    managers = [r for r in waiting if len(children.get(r, ())) >= 2]
    assert len(leaves) > 10 and managers
    scene.select_roles(leaves[:10])
    window.edits.delete_selected()
    assert not scene.placing.unplaced & set(leaves[:10])
    folded = managers[0]
    scene.toggle_collapsed(folded)
    hidden = {r.id for r in below(children, folded)}
    assert not scene.placing.unplaced & hidden
    assert scene.placing.unplaced
    qtbot.waitUntil(lambda: not scene.placing.unplaced, timeout=10_000)
    assert misplaced(window) == set()
    scene.toggle_collapsed(folded)
    scene.place_pending()
    assert misplaced(window) == set()
    assert len(window.document.chart) == len(chart) - 10
