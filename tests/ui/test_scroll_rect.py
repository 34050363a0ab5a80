"""A view scrolls over the chart and its margin; the scene's own rect, which
Qt's index of the cards divides, changes only when the chart outgrows it or
shrinks well inside it (Qt files every card anew when it changes)."""

from __future__ import annotations

import attrs

from bench.generate import generate_chart
from orgmodel.model import Role
from ui.document import ChartDocument
from ui.main_window import MainWindow


def test_an_edit_that_widens_the_chart_keeps_the_index_and_moves_the_scrolling(
    window: MainWindow,
) -> None:
    chart = generate_chart(60)
    window.set_document(ChartDocument(chart))
    scene, view = window.scene, window.view
    index, scroll = scene.sceneRect(), scene.scroll_rect
    assert index.contains(scroll) and index != scroll
    assert view.sceneRect() == scroll
    window.document.perform("Add", lambda c: c.with_role(Role("new", "Analyst", "staff")))
    assert scene.scroll_rect.width() > scroll.width()  # a new top role, right of the rest
    assert scene.sceneRect() == index
    assert view.sceneRect() == scene.scroll_rect
    right = view.horizontalScrollBar()
    right.setValue(right.maximum())
    # Scrolled to the end, the window ends about the margin's end, not the index's.
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.right() < scene.scroll_rect.right() + 40 < index.right()


def test_a_chart_that_outgrows_the_index_or_shrinks_well_inside_it_gets_a_new_one(
    window: MainWindow,
) -> None:
    chart = generate_chart(60)
    window.set_document(ChartDocument(chart))
    scene = window.scene
    index = scene.sceneRect()
    top = chart.roles[0]
    # Everyone a top role, side by side: far wider than the room to spare.
    window.document.perform(
        "Flatten", lambda c: c.with_roles(attrs.evolve(r, manager=None) for r in c.roles)
    )
    assert scene.sceneRect().contains(scene.scroll_rect)
    assert scene.sceneRect().width() > index.width()
    window.document.perform("Keep one", lambda c: c.with_roles([c.role(top.id)]))
    assert scene.sceneRect().contains(scene.scroll_rect)
    assert scene.sceneRect().width() < 4 * scene.scroll_rect.width()
