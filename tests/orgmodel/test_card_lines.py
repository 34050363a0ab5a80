from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import pytest

from bench.generate import generate_chart
from orgmodel.assistants import assistants
from orgmodel.card_lines import Segment, card_lines
from orgmodel.hierarchy import forest
from orgmodel.layout import CHART_VIEW_OPTIONS, DEFAULT_OPTIONS, Layout, LayoutOptions
from orgmodel.model import Chart, Role
from orgmodel.tidy_tree import tidy_tree

STEP = 3.0


def points_along(segment: Segment) -> Iterable[tuple[float, float]]:
    x0, y0, x1, y1 = segment
    steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / STEP))
    for index in range(steps + 1):
        yield x0 + (x1 - x0) * index / steps, y0 + (y1 - y0) * index / steps


def on_one_of(point: tuple[float, float], segments: list[Segment]) -> bool:
    x, y = point
    for x0, y0, x1, y1 in segments:
        if y0 == y1 and abs(y - y0) < 1e-6 and min(x0, x1) - 1e-6 <= x <= max(x0, x1) + 1e-6:
            return True
        if x0 == x1 and abs(x - x0) < 1e-6 and min(y0, y1) - 1e-6 <= y <= max(y0, y1) + 1e-6:
            return True
    return False


def shares_in_the_chart(chart: Chart, layout: Layout) -> list[Segment]:
    """Every card's share, moved to where its card is, and the stubs of stacked cards."""
    children = forest(chart)
    segments: list[Segment] = []
    for role in chart:
        box = layout.boxes.get(role.id)
        if box is None:
            continue
        reports = [report.id for report in children.get(role.id, ())]
        for x0, y0, x1, y1 in card_lines(layout, role.id, role.manager, reports):
            segments.append((box.x + x0, box.y + y0, box.x + x1, box.y + y1))
        if role.id in layout.stacked:
            middle = box.y + box.height / 2
            segments.append((box.x - layout.column_stub, middle, box.x, middle))
    return segments


def flat(segments: Iterable[Segment]) -> list[float]:
    return [value for segment in segments for value in segment]


def connectors(chart: Chart, layout: Layout) -> list[Segment]:
    segments = []
    for role in chart:
        if role.manager and role.manager != role.id:
            points = layout.connector(role.id, role.manager)
            segments += [(x0, y0, x1, y1) for (x0, y0), (x1, y1) in pairwise(points)]
    return segments


@pytest.mark.parametrize(
    ("size", "options", "with_assistants"),
    [
        (120, DEFAULT_OPTIONS, False),
        (400, CHART_VIEW_OPTIONS, True),
        (60, CHART_VIEW_OPTIONS, False),
    ],
)
def test_the_cards_shares_are_every_reporting_line_and_nothing_else(
    size: int, options: LayoutOptions, with_assistants: bool
) -> None:
    chart = generate_chart(size)
    aides = assistants(chart) if with_assistants else frozenset()
    layout = tidy_tree(chart, options, assistants=aides)
    shares, lines = shares_in_the_chart(chart, layout), connectors(chart, layout)
    assert shares and lines
    for segment in lines:
        assert all(on_one_of(point, shares) for point in points_along(segment)), segment
    for segment in shares:
        assert all(on_one_of(point, lines) for point in points_along(segment)), segment


def test_a_subtree_moved_as_a_whole_keeps_its_cards_shares() -> None:
    chart = generate_chart(200)
    layout = tidy_tree(chart, CHART_VIEW_OPTIONS)
    children = forest(chart)
    before = {
        role.id: card_lines(
            layout, role.id, role.manager, [r.id for r in children.get(role.id, ())]
        )
        for role in chart
    }
    # The same boxes shifted right and down: no card's place against another changed.
    shifted = tidy_tree(chart, CHART_VIEW_OPTIONS)
    boxes = {
        role_id: type(box)(box.x + 500, box.y + 132, box.width, box.height)
        for role_id, box in shifted.boxes.items()
    }
    moved = Layout(
        boxes,
        shifted.width + 500,
        shifted.height + 132,
        shifted.columns,
        shifted.column_indent,
        beside_manager=shifted.beside_manager,
    )
    for role in chart:
        reports = [r.id for r in children.get(role.id, ())]
        now = card_lines(moved, role.id, role.manager, reports)
        assert flat(now) == pytest.approx(flat(before[role.id]))


def test_a_line_closing_a_loop_is_no_cards_share() -> None:
    chart = Chart(
        "loop",
        roles=[
            Role("a", "Marketing Director", "marketing-director", manager="c"),
            Role("b", "Marketing Manager", "marketing-manager", manager="a"),
            Role("c", "SEO Specialist", "seo-specialist", manager="b"),
        ],
    )
    layout = tidy_tree(chart)
    boxes = layout.boxes
    assert boxes["c"].bottom > boxes["a"].y  # c, a's manager, is drawn below it
    assert card_lines(layout, "a", "c", ["b"]) == (
        (boxes["a"].width / 2, boxes["a"].height, boxes["a"].width / 2, boxes["a"].height + 28),
    )
    assert card_lines(layout, "c", "b", ["a"]) == card_lines(layout, "c", "b", [])
