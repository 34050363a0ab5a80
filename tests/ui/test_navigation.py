"""Finding your way around a chart: it opens legible, Ctrl+0 shows it whole."""

from __future__ import annotations

import attrs
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QMouseEvent, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem
from pytestqt.qtbot import QtBot

from bench.generate import generate_chart
from orgmodel.layout import levels_of
from orgmodel.model import Chart, Role
from ui.appearance import FUNCTION_COLOURS, SEVERITY_COLOURS, UNCLASSIFIED_COLOUR
from ui.canvas import READING_ZOOM, SELECTED_COLOUR, TEXT_LOD, ChartScene, ChartView
from ui.chart_lines import LinesItem, dash_period
from ui.document import ChartDocument
from ui.find_trail import chain_of_managers
from ui.main_window import MainWindow
from ui.minimap import Minimap
from ui.strips import merged_collinear


def open_chart(window: MainWindow, chart: Chart) -> None:
    window.set_document(ChartDocument(chart))


def visible_scene_rect(view: ChartView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def card_rect(view: ChartView, role_id: str) -> QRectF:
    card = view.chart_scene.card(role_id)  # a big chart's, made now if not yet drawn
    assert card is not None
    return card.mapRectToScene(card.card_rect)


@pytest.mark.parametrize("size", [200, 5_000])
def test_a_big_chart_opens_with_its_top_readable(window: MainWindow, size: int) -> None:
    chart = generate_chart(size)
    open_chart(window, chart)
    view = window.view
    assert view.zoom() >= TEXT_LOD  # card text is drawn
    top = chart.roles[0]
    assert top.manager is None
    assert visible_scene_rect(view).contains(card_rect(view, top.id))
    # Not the whole chart: it would be unreadable so.
    assert not visible_scene_rect(view).contains(view.chart_scene.chart_rect())


def test_ctrl_0_still_shows_the_whole_chart(window: MainWindow) -> None:
    open_chart(window, generate_chart(200))
    view = window.view
    opened_at = view.zoom()
    window.fit_action.trigger()
    assert window.fit_action.shortcut() == QKeySequence("Ctrl+0")
    assert view.zoom() < opened_at
    assert visible_scene_rect(view).contains(view.chart_scene.chart_rect())
    # And zooming out from where it opened goes no further than the fit.
    fitted = view.zoom()
    for _ in range(40):
        view.zoom_out()
    assert view.zoom() == pytest.approx(min(fitted, 0.02), rel=0.01)


def test_a_small_chart_opens_whole_and_readable(window: MainWindow) -> None:
    open_chart(window, generate_chart(8))
    view = window.view
    assert view.zoom() >= TEXT_LOD
    assert visible_scene_rect(view).contains(view.chart_scene.chart_rect())


def test_the_minimap_shows_where_the_view_is_and_a_click_goes_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_chart(window, generate_chart(200))
    view, minimap = window.view, window.view.minimap
    assert minimap.isVisible()
    # Its corner of the canvas, inside the canvas.
    assert view.viewport().geometry().contains(minimap.geometry())
    chart = view.chart_scene.chart_rect()
    target = chart.center() + QPointF(chart.width() / 4, 0)
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=minimap_point(minimap, target))
    centre = visible_scene_rect(view).center()
    tolerance = chart.width() / minimap.width() * 2
    assert abs(centre.x() - target.x()) < tolerance
    # Seeing the whole chart, there is nowhere to go: no minimap.
    window.fit_action.trigger()
    assert not minimap.isVisible()
    view.set_zoom(1.0)
    assert minimap.isVisible()
    window.minimap_action.trigger()  # View ▸ Overview map off
    assert not minimap.isVisible()


def test_the_minimap_shows_an_edit_once_the_edits_pause(window: MainWindow, qtbot: QtBot) -> None:
    open_chart(window, generate_chart(200))
    minimap, scene = window.view.minimap, window.view.chart_scene
    assert minimap.isVisible()
    before = minimap.grab().toImage()
    chart = window.document.chart
    team = [role for role in chart.roles if role.manager == chart.roles[0].id]
    colours = {scene.cards[role.id].block_colour for role in team}
    # Every leader under the top takes one leader's kind: blocks change colour, none moves.
    kind = team[0].kind
    window.document.apply(
        "Same kind", lambda chart: chart.with_roles([attrs.evolve(r, kind=kind) for r in team])
    )
    assert len(colours) > 1 and {scene.cards[r.id].block_colour for r in team} != colours
    qtbot.waitUntil(lambda: not minimap._repaint.isActive())
    settled = minimap.grab().toImage()
    assert settled != before
    minimap._image = None  # as painted from nothing
    assert minimap.grab().toImage() == settled


def test_the_minimap_groups_its_blocks_again_for_new_colours_not_for_a_selection(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A pick of cards leaves every block's colour as it was: the minimap keeps
    its grouping (the overview's own, which leaves the selection out, goes)."""
    open_chart(window, generate_chart(200))
    minimap, scene = window.view.minimap, window.view.chart_scene
    minimap._image = None
    minimap.grab()
    grouped = minimap._blocks
    assert grouped is not None
    scene.overview.blocks([])  # the overview's grouping, made
    chart = window.document.chart
    scene.select_roles([chart.roles[3].id, chart.roles[4].id])
    assert scene.overview._blocks is None
    minimap._image = None
    picked = minimap.grab().toImage()
    assert minimap._blocks is grouped
    team = [role for role in chart.roles if role.manager == chart.roles[0].id]
    window.document.apply(
        "Same kind", lambda c: c.with_roles([attrs.evolve(r, kind=team[0].kind) for r in team])
    )
    qtbot.waitUntil(lambda: not minimap._repaint.isActive())
    assert minimap.grab().toImage() != picked
    assert minimap._blocks is not grouped


def test_dragging_on_the_minimap_moves_the_view_along(window: MainWindow) -> None:
    open_chart(window, generate_chart(200))
    view, minimap = window.view, window.view.minimap
    chart = view.chart_scene.chart_rect()
    start = minimap_point(minimap, chart.center() - QPointF(chart.width() / 4, 0))
    end = minimap_point(minimap, chart.center() + QPointF(chart.width() / 4, 0))
    centres = []
    QTest.mousePress(minimap, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 5):
        point = start + (end - start) * step / 4
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            QPointF(minimap.mapToGlobal(point)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(minimap, move)
        centres.append(visible_scene_rect(view).center().x())
    QTest.mouseRelease(minimap, Qt.MouseButton.LeftButton, pos=end)
    assert centres == sorted(centres) and centres[-1] - centres[0] > chart.width() / 4


def minimap_point(minimap: Minimap, scene_point: QPointF) -> QPoint:
    for x in range(minimap.width()):
        for y in range(minimap.height()):
            found = minimap.scene_point(QPointF(x, y))
            if found.x() >= scene_point.x() and found.y() >= scene_point.y():
                return QPoint(x, y)
    raise AssertionError("the point is not on the minimap")


def test_find_zooms_to_the_hit_centres_it_and_traces_its_managers(window: MainWindow) -> None:
    chart = generate_chart(1_000)
    open_chart(window, chart)
    view = window.view
    window.fit_action.trigger()  # far out: the hit would be a dot
    assert view.zoom() < TEXT_LOD
    # Someone deep in the middle of the chart, typed by id: the one match.
    hit = next(
        role
        for role in chart.roles[len(chart.roles) // 2 :]
        if len(chain_of_managers(chart, role.id)) > 3
    )
    QTest.keyClicks(window.search, hit.id)
    assert window.find_panel.hits == [hit.id]
    assert window.scene.selected_role_ids() == [hit.id]
    assert view.zoom() >= READING_ZOOM
    centre = QPointF(view.viewport().rect().center())
    at = QPointF(view.mapFromScene(card_rect(view, hit.id).center()))
    assert (at - centre).manhattanLength() < 10
    # The trail: the hit, its manager, theirs... up to the top.
    trail = window.scene.find_trail
    expected, current = [], chart.get(hit.id)
    while current is not None:
        expected.append(current.id)
        current = chart.get(current.manager)
    assert trail.chain == expected and trail.isVisible()
    assert chart.role(trail.chain[-1]).manager is None
    # Picking another card leaves the hit's trail behind.
    window.scene.select_roles([chart.roles[0].id])
    assert not trail.isVisible()


def test_find_centres_a_hit_at_the_edge_of_the_chart(window: MainWindow) -> None:
    chart = generate_chart(200)
    open_chart(window, chart)
    view = window.view
    boxes = window.scene.layout.boxes
    # The lowest card of the chart, and the leftmost and rightmost: no scrolling
    # within the chart's own rectangle could bring any of them to the middle.
    for role_id in (
        max(boxes, key=lambda r: boxes[r].bottom),
        min(boxes, key=lambda r: boxes[r].x),
        max(boxes, key=lambda r: boxes[r].right),
    ):
        window.search.clear()
        QTest.keyClicks(window.search, role_id)
        assert window.find_panel.hits == [role_id]
        centre = QPointF(view.viewport().rect().center())
        at = QPointF(view.mapFromScene(card_rect(view, role_id).center()))
        assert (at - centre).manhattanLength() < 10, role_id
    # Ctrl+0 shows the whole chart as before. An edit that changes the chart's
    # extent brings the scrolling back to the chart, keeping what the window
    # shows (the view does not jump); back within the chart, the view scrolls
    # over the chart alone.
    window.fit_action.trigger()
    assert visible_scene_rect(view).contains(window.scene.chart_rect())
    fitted = visible_scene_rect(view)
    window.document.perform("Add", lambda c: c.with_role(Role("new", "Analyst", "staff")))
    assert visible_scene_rect(view) == fitted
    view.reset_zoom()
    view.centerOn(window.scene.chart_rect().center())
    window.document.perform("Add", lambda c: c.with_role(Role("newer", "Analyst", "staff")))
    assert view.sceneRect() == window.scene.scroll_rect


def test_find_matches_titles_ids_and_departments_and_f3_steps_through(
    window: MainWindow,
) -> None:
    chart = Chart(
        "Find",
        roles=(
            Role("ceo", "Chief Executive Officer", "ceo", "Ana Ruiz"),
            Role("m1", "Brand Manager", "brand-manager", "Ole Berg", manager="ceo"),
            Role("m2", "Growth Lead", "marketing-manager", "Ida Brand", manager="ceo"),
            Role(
                "x9",
                "Analyst",
                "market-research-analyst",
                "Kai Lund",
                manager="m2",
                department="Brand Studio",
            ),
        ),
    )
    open_chart(window, chart)
    window.search.setText("brand")  # a title, a name, a department
    assert window.find_panel.hits == ["m1", "m2", "x9"]
    assert window.find_panel.hits_list.count() == 3
    assert window.scene.selected_role_ids() == ["m1"]
    QTest.keyClick(window, Qt.Key.Key_F3)
    assert window.scene.selected_role_ids() == ["m2"]
    QTest.keyClick(window, Qt.Key.Key_F3)
    QTest.keyClick(window, Qt.Key.Key_F3)  # round the end
    assert window.scene.selected_role_ids() == ["m1"]
    QTest.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_role_ids() == ["x9"]
    assert "3 of 3" in window.find_panel.summary.text()
    window.search.setText("X9")  # an id
    assert window.find_panel.hits == ["x9"]
    window.search.setText("nobody here")
    assert window.find_panel.hits == []
    assert "No role matches" in window.find_panel.summary.text()


def test_the_selection_colour_means_nothing_else(qapp: object) -> None:
    taken = {*FUNCTION_COLOURS.values(), *SEVERITY_COLOURS.values(), UNCLASSIFIED_COLOUR}
    taken.add(ChartScene(ChartDocument(Chart("x"))).lines.dotted.pen.color().name())
    selected = QColor(SELECTED_COLOUR)
    for colour in taken:
        other = QColor(colour)
        assert abs(selected.hslHue() - other.hslHue()) > 40 or other.hslSaturation() < 60, colour


def test_show_levels_collapses_the_chart_to_its_top_levels(window: MainWindow) -> None:
    chart = generate_chart(300)
    open_chart(window, chart)
    levels = levels_of(chart)
    window.levels_menu.aboutToShow.emit()
    texts = [action.text() for action in window.levels_menu.actions()]
    assert texts[:2] == ["Top level only", "Levels 1\N{EN DASH}2"]
    assert texts[-1] == "&All levels" and len(texts) == max(levels.values())
    window.levels_menu.actions()[1].trigger()  # Levels 1 to 2
    shown = set(window.scene.cards)
    assert shown == {role_id for role_id, level in levels.items() if level <= 2}
    # The second level's managers say how many they hide.
    ceo = chart.roles[0]
    cmo = next(role for role in chart.roles if role.manager == ceo.id)
    assert window.scene.cards[cmo.id].content.hidden_reports > 0
    assert window.document.undo_stack.count() == 0  # a view of the chart, not an edit
    window.levels_menu.actions()[-1].trigger()  # All levels
    assert set(window.scene.cards) == set(levels)


def test_an_edit_repaints_the_dotted_strips_in_sight_and_the_rest_when_drawn(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out of sight, a strip is not repainted after an edit; whenever it is
    drawn, it draws the lines of the chart as edited."""
    from orgmodel.edits import reparent
    from ui.dotted_lines import DottedLines, DottedRoutes

    chart = generate_chart(3000)
    open_chart(window, chart)
    view, scene = window.view, window.scene
    view.set_zoom(READING_ZOOM)
    top = scene.card(chart.roles[0].id)
    assert top is not None
    view.centerOn(top)
    repainted: list[LinesItem] = []
    monkeypatch.setattr(LinesItem, "update", lambda item, *_args: repainted.append(item))
    leads = {role.manager for role in chart.roles}
    mover = next(role for role in reversed(chart.roles) if role.id not in leads)
    window.document.apply("Move", lambda c: reparent(c, mover.id, chart.roles[1].id))
    strips = scene.lines.dotted.strips
    left, top, right, bottom = scene.placing.seen() if scene.placing else (0, 0, 0, 0)
    seen = QRectF(left, top, right - left, bottom - top)
    in_sight = [item for item in strips.values() if item.boundingRect().intersects(seen)]
    assert 0 < len(in_sight) < len(strips) / 2
    assert sorted(map(id, repainted)) == sorted(map(id, in_sight))
    routes = DottedRoutes()
    fresh = DottedLines(
        routes.lines_of(scene.document.chart),
        scene.layout,
        scene.options,
        routes,
        dash_period(scene.lines.dotted.pen),
    )
    for strip, item in strips.items():
        assert item.lines() == merged_collinear(fresh.lines(strip)), strip


def test_dotted_lines_are_drawn_axis_parallel_and_hidden_far_out(window: MainWindow) -> None:
    open_chart(window, generate_chart(300))
    strips = window.scene.lines.dotted.strips
    assert strips
    segments = 0
    for item in strips.values():
        path, bounds = item.path(), item.boundingRect()
        for index in range(1, path.elementCount()):
            here, before = path.elementAt(index), path.elementAt(index - 1)
            if here.isLineTo():
                segments += 1
                assert here.x == pytest.approx(before.x) or here.y == pytest.approx(before.y)
                assert bounds.contains(here.x, here.y) and bounds.contains(before.x, before.y)
    assert segments > 10

    def pixels_drawn(item: LinesItem, scale: float) -> int:
        bounds = item.boundingRect()
        image = QImage(
            max(1, int(bounds.width() * scale)) + 2,
            max(1, int(bounds.height() * scale)) + 2,
            QImage.Format.Format_ARGB32,
        )
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.scale(scale, scale)
        painter.translate(-bounds.topLeft())
        option = QStyleOptionGraphicsItem()
        item.paint(painter, option)
        painter.end()
        return sum(
            image.pixelColor(x, y) != QColor("white")
            for x in range(image.width())
            for y in range(0, image.height(), 2)
        )

    dotted = next(iter(strips.values()))
    assert pixels_drawn(dotted, 0.05) == 0  # far out: no thicket of dotted lines
    assert pixels_drawn(dotted, 0.3) > 0
