"""A line across strips is cut into each strip's path only when that strip is
asked for; the pieces, however asked for, still make up the whole line."""

from __future__ import annotations

import itertools
import math
import operator
import random
from array import array
from functools import partial

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QStyleOptionGraphicsItem

from orgmodel.layout import Layout, LayoutOptions
from orgmodel.model import Chart
from ui import dotted_lines
from ui.chart_lines import LinesItem, dash_period
from ui.dotted_lines import (
    DOTTED_STRIP_WIDTH,
    FOLLOWED_MOST,
    DottedLines,
    DottedRoutes,
    Route,
)
from ui.strips import Strips, each_line, merged_collinear

coordinate = st.floats(min_value=-50_000, max_value=50_000, allow_nan=False).map(
    lambda value: round(value, 1)
)


def pieces(strips: Strips, order: list[int]) -> dict[int, list[tuple[float, ...]]]:
    """Each strip's (x0, y0, x1, y1) pieces, the strips asked for in ``order``."""
    found: dict[int, list[tuple[float, ...]]] = {}
    for strip in order:
        path = strips.path(strip)
        found[strip] = []
        for index in range(path.elementCount()):
            element = path.elementAt(index)
            if element.isMoveTo():  # Qt leaves out a line to where it is (a piece of length 0)
                found[strip].append((element.x, element.y, element.x, element.y))
            else:
                found[strip][-1] = (*found[strip][-1][:2], element.x, element.y)
    return found


@settings(max_examples=300, deadline=None)
@given(
    x0=coordinate,
    y0=coordinate,
    x1=coordinate,
    y1=coordinate,
    width=st.sampled_from([100.0, 8000.0]),
    dashed=st.booleans(),
    backwards=st.booleans(),
)
def test_the_pieces_of_a_line_join_up_in_strip_order(
    qapp: object,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    width: float,
    dashed: bool,
    backwards: bool,
) -> None:
    assume(int(x0 // width) != int(x1 // width))  # within one strip: drawn at once
    period = 8.4 if dashed else 0.0
    strips = Strips(width, period)
    strips.line(x0, y0, x1, y1)
    bands = strips.strips()
    bounds = bands.strips
    order = sorted(bounds, reverse=backwards)  # any order of asking gives the same pieces
    found = pieces(strips, order)
    assert all(found[strip] for strip in bounds)  # no strip without a piece of the line
    assert strips.paths.keys() == set(bounds)
    along = sorted(found, reverse=x1 < x0)
    chain = [piece for strip in along for piece in found[strip]]
    assert chain[0][:2] == pytest.approx((x0, y0), abs=1e-6)
    assert chain[-1][2:] == pytest.approx((x1, y1), abs=1e-6)
    for before, after in itertools.pairwise(chain):
        assert after[:2] == pytest.approx(before[2:], abs=1e-6)  # they meet
    for strip, strip_pieces in found.items():
        band_left, band_right = strip * width - period - 1e-6, (strip + 1) * width + period + 1e-6
        for piece in strip_pieces:
            assert band_left <= min(piece[0], piece[2]) and max(piece[0], piece[2]) <= band_right
            rect = bands.rect(strip)
            assert rect.left() - 1e-6 <= min(piece[0], piece[2])
            assert max(piece[1], piece[3]) <= rect.bottom() + 1e-6
    if dashed:  # every piece but the last starts a dash pattern anew where the last left off
        for piece in chain[:-1]:
            travelled = math.hypot(piece[2] - x0, piece[3] - y0)
            assert travelled / period == pytest.approx(round(travelled / period), abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(st.tuples(coordinate, coordinate, coordinate, coordinate), max_size=8),
    dashed=st.booleans(),
)
def test_many_lines_have_the_strips_each_would_have_alone(
    qapp: object, lines: list[tuple[float, float, float, float]], dashed: bool
) -> None:
    period = 8.4 if dashed else 0.0
    together = Strips(100.0, period)
    alone: set[int] = set()
    for line in lines:
        together.line(*line)
        one = Strips(100.0, period)
        one.line(*line)
        alone |= one.strips().strips
    assert together.strips().strips == alone
    assert together.paths.keys() <= alone


def _drawn(item: LinesItem, where: QRectF, exposed: QRectF) -> QImage:
    """``where`` of the scene as the item paints it, told ``exposed`` is all that shows."""
    image = QImage(int(where.width()), int(where.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(-where.topLeft())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = exposed
    item.paint(painter, option)
    painter.end()
    return image


@pytest.mark.parametrize("seed", range(4))
def test_a_strip_painted_where_exposed_looks_as_painted_whole(qapp: object, seed: int) -> None:
    """Lines are cut to the part of the window being painted, at whole dash
    periods: the dashes fall where they fall on the whole line."""
    rng = random.Random(seed)
    pen = QPen(QColor("black"), 1.4, Qt.PenStyle.DashLine)
    strips = Strips(8000.0, dash_period(pen))
    for _ in range(60):
        x0, y0 = rng.uniform(0, 8000), rng.uniform(0, 3000)
        if rng.random() < 0.3:  # a loop-closing line runs at a slant
            strips.line(x0, y0, rng.uniform(0, 8000), rng.uniform(0, 3000))
        elif rng.random() < 0.5:
            strips.line(x0, y0, rng.uniform(0, 8000), y0)
        else:
            strips.line(x0, y0, x0, rng.uniform(0, 3000))
    item = LinesItem(pen, 0)
    item.set_bounds(strips.strips().rect(0))
    item.show_lines(lambda: strips.lines(0))
    where = QRectF(rng.uniform(0, 7000), rng.uniform(0, 2500), 700, 500)
    part = _drawn(item, where, where)
    whole = _drawn(item, where, QRectF())  # an empty exposed rect: all of it
    # A line's end recomputed may round a smoothed pixel's shade by a level or two.
    assert max(map(abs, map(operator.sub, _shades(part), _shades(whole)))) <= 3
    assert part != _drawn(LinesItem(pen, 0), where, where)  # something is drawn there


def _shades(image: QImage) -> bytes:
    return bytes(image.constBits())


def test_a_strip_is_repainted_a_pen_width_round_its_lines(qapp: object) -> None:
    """Its bounding rect holds the lines' strokes, and follows new bounds."""
    pen = QPen(QColor("black"), 1.4, Qt.PenStyle.DashLine)
    item = LinesItem(pen, 0)
    item.set_bounds(QRectF(0, 10, 8000, 500))
    assert item.boundingRect() == QRectF(-1.4, 8.6, 8002.8, 502.8)
    item.set_bounds(QRectF(0, 10, 8000, 900))
    assert item.boundingRect() == QRectF(-1.4, 8.6, 8002.8, 902.8)


def test_a_strip_takes_no_clicks(qapp: object) -> None:
    """A strip spans the chart's height, over cards (loop-closing lines) or
    under them: a click or a drop inside its band finds the card, not it."""
    scene = QGraphicsScene()
    item = LinesItem(QPen(QColor("black"), 2.0), 1)
    scene.addItem(item)
    item.set_bounds(QRectF(0, 0, 8000, 3000))
    assert item not in scene.items(QPointF(400, 200))


@settings(max_examples=200, deadline=None)
@given(
    routes=st.lists(st.lists(st.tuples(coordinate, coordinate), min_size=2, max_size=6)),
    width=st.sampled_from([100.0, 8000.0]),
    dashed=st.booleans(),
)
def test_routes_cut_when_asked_for_give_each_strip_the_pieces_of_their_lines(
    qapp: object, routes: list[list[tuple[float, float]]], width: float, dashed: bool
) -> None:
    """A route is cut into a strip only when the strip is asked for: each strip
    gets the pieces it gets from the route's lines given one by one."""
    period = 8.4 if dashed else 0.0
    line_by_line, routed = Strips(width, period), Strips(width, period)
    for points in routes:
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            line_by_line.line(x0, y0, x1, y1)
        xs = [x for x, _y in points]
        routed.route(min(xs), max(xs), points)
    # A route may reach a strip it has no piece in (a dash ends just short of it).
    assert line_by_line.strips().strips <= routed.strips().strips
    for strip in sorted(routed.strips().strips, reverse=dashed):
        assert sorted(each_line(routed.lines(strip))) == sorted(
            each_line(line_by_line.lines(strip))
        )
    assert routed.paths.keys() == line_by_line.paths.keys()


def test_dotted_routes_are_kept_while_their_cards_keep_their_boxes(qapp: object) -> None:
    """After a move, a dotted line whose two cards stand where they stood keeps
    its route; every route is what orgmodel.layout.dotted_route gives."""
    import attrs

    from bench.generate import generate_chart
    from orgmodel.change_record import ChangeRecord
    from orgmodel.layout import dotted_route
    from orgmodel.layout_update import relaid_out
    from orgmodel.tidy_tree import tidy_tree

    chart = generate_chart(2000)
    options = LayoutOptions(compact_leaves=True)
    layout = tidy_tree(chart, options)
    routes = DottedRoutes()
    before = {
        tuple(points): points for _l, _r, points in every_route(routes, chart, layout, options)
    }
    lines = [(r.id, m) for r in chart.roles for m in r.dotted_managers]
    assert len(before) > 50
    # A leaf from the middle to the right end: the cards left of it stand.
    by_x = sorted(chart.roles, key=lambda role: layout.boxes[role.id].x)
    leads = {role.manager for role in chart.roles}
    mover = next(r for r in by_x[len(by_x) // 2 :] if r.id not in leads and r.manager)
    target = chart.role(by_x[-1].manager or by_x[-1].id)
    after = chart.with_replaced([attrs.evolve(mover, manager=target.id)])
    moved = relaid_out(layout, chart, after, ChangeRecord.between(chart, after), options)
    now = every_route(routes, after, moved, options)
    fresh = [dotted_route(moved, options, role_id, m) for role_id, m in lines]
    assert sorted(points for _l, _r, points in now) == sorted(fresh)
    for left, right, points in now:
        assert (left, right) == (min(x for x, _ in points), max(x for x, _ in points))
    kept = [points for _l, _r, points in now if before.get(tuple(points)) is points]
    assert 0 < len(kept) < len(now)  # the move shifted some lines and left others


def every_route(
    routes: DottedRoutes, chart: Chart, layout: Layout, options: LayoutOptions
) -> list[Route]:
    """The route of every dotted line shown, as the routes keep it."""
    boxes = layout.boxes
    return [
        routes.route(line, boxes[line[0]], boxes[line[1]], line[0] in layout.stacked, options)
        for line in routes.lines_of(chart)
        if line[0] in boxes and line[1] in boxes
    ]


@pytest.mark.parametrize("width", [2000.0, DOTTED_STRIP_WIDTH])
def test_a_strip_cuts_only_the_dotted_lines_across_it_and_misses_none(
    qapp: object, width: float
) -> None:
    """Each strip's dotted lines, routed only for the lines that run into it,
    are, joined, the pieces of every route cut into strips, before and after
    an edit (routes and strips kept from the first drawing)."""
    from bench.generate import generate_chart
    from orgmodel.change_record import ChangeRecord
    from orgmodel.edits import reparent
    from orgmodel.hierarchy_update import carry_over
    from orgmodel.layout import CHART_VIEW_OPTIONS, dotted_route
    from orgmodel.layout_update import relaid_out
    from orgmodel.tidy_tree import tidy_tree

    chart = generate_chart(2000)
    options, period = CHART_VIEW_OPTIONS, 6 * 1.4
    layout = tidy_tree(chart, options)
    routes = DottedRoutes(width)
    leads = {role.manager for role in chart.roles}
    mover = next(role for role in reversed(chart.roles) if role.id not in leads)
    after = reparent(chart, mover.id, chart.roles[1].id)
    record = ChangeRecord.between(chart, after)
    carry_over(chart, after, record)
    for drawn, laid_out in (
        (chart, layout),
        (after, relaid_out(layout, chart, after, record, options)),
    ):
        every = Strips(width, period)
        for role in drawn.roles:
            for manager_id in role.dotted_managers:
                points = dotted_route(laid_out, options, role.id, manager_id)
                xs = [x for x, _y in points]
                every.route(min(xs), max(xs), points)
        dotted = DottedLines(routes.lines_of(drawn), laid_out, options, routes, period)
        bands = dotted.strips()
        assert every.strips().strips <= set(bands.strips)
        assert len(bands.strips) > 10
        for strip in bands.strips:
            # Drawn joined (LinesItem.lines): pieces of one level run come joined already.
            cut = sorted(each_line(merged_collinear(dotted.lines(strip))))
            assert cut == sorted(each_line(merged_collinear(every.lines(strip)))), strip
            rect = bands.rect(strip).adjusted(-1e-6, -1e-6, 1e-6, 1e-6)
            for x0, y0, x1, y1 in cut:
                assert rect.contains(x0, y0) and rect.contains(x1, y1)


@pytest.mark.parametrize("followed_most", [0, FOLLOWED_MOST, 10**9])
def test_dotted_spans_followed_edit_by_edit_equal_spans_made_afresh(
    qapp: object, monkeypatch: pytest.MonkeyPatch, followed_most: int
) -> None:
    """After each edit, folding and unfolding, the spans of the dotted lines,
    kept from drawing to drawing and brought up to date for the roles an edit
    placed again or hid, are those of every line looked at afresh."""
    from bench.generate import generate_chart
    from orgmodel.change_record import ChangeRecord
    from orgmodel.edits import remove_roles, reparent
    from orgmodel.hierarchy_update import carry_over
    from orgmodel.layout import CHART_VIEW_OPTIONS
    from orgmodel.layout_update import relaid_out
    from orgmodel.tidy_tree import tidy_tree

    monkeypatch.setattr(dotted_lines, "FOLLOWED_MOST", followed_most)
    chart, options, rng = generate_chart(2000), CHART_VIEW_OPTIONS, random.Random(4)
    layout, collapsed = tidy_tree(chart, options), frozenset[str]()
    routes = DottedRoutes()
    lines = routes.lines_of(chart)
    with_lines = [line for line in lines if line[1] != chart.roles[0].id]
    for step in range(12):
        assert routes.spanning(lines, layout, options) == DottedRoutes().spanning(
            lines, layout, options
        ), step
        role_id, manager_id = rng.choice(with_lines)
        if step % 4 == 3:  # fold the manager of a line's role, then unfold it
            after, collapsed = chart, collapsed ^ {chart.role(role_id).manager or role_id}
        elif step == 6:
            after = remove_roles(chart, {manager_id})
        else:
            leads = {role.manager for role in chart.roles}
            target = rng.choice([r.id for r in chart.roles if r.id in leads and r.id != role_id])
            try:
                after = reparent(chart, role_id, target)
            except ValueError:
                continue
        record = ChangeRecord.between(chart, after)
        carry_over(chart, after, record)
        layout = relaid_out(layout, chart, after, record, options, collapsed)
        chart = after
        assert routes.lines_of(chart) is lines or step == 6
        lines = routes.lines_of(chart)


@settings(max_examples=500, deadline=None)
@given(
    width=st.sampled_from([2000.0, DOTTED_STRIP_WIDTH]),
    period=st.sampled_from([0.0, 6 * 1.4, 7.0]),
    x0=st.floats(-1e6, 1e6),
    x1=st.floats(-1e6, 1e6),
    y=st.floats(-1e4, 1e4),
    share=st.floats(0, 1),
)
def test_a_level_line_across_a_strip_is_cut_as_any_line(
    width: float, period: float, x0: float, x1: float, y: float, share: float
) -> None:
    """Strips.across, for a level line across the whole strip, gives the piece
    Strips.piece gives, to the last bit."""
    first, last = sorted((int(x0 // width), int(x1 // width)))
    assume(last - first >= 2)
    strip = first + 1 + min(int(share * (last - first - 1)), last - first - 2)
    strips = Strips(width, period)
    assert strips.across(strip, x0, x1, y) == strips.piece(strip, x0, y, x1, y)


def test_collinear_lines_that_overlap_or_meet_are_joined() -> None:
    lines = [
        (0.0, 10.0, 50.0, 10.0),
        (80.0, 10.0, 30.0, 10.0),  # drawn right to left, overlapping the first
        (80.0, 10.0, 90.0, 10.0),  # meets the second's end
        (100.0, 10.0, 120.0, 10.0),  # apart
        (0.0, 20.0, 40.0, 20.0),  # another row
        (5.0, 0.0, 5.0, 30.0),
        (5.0, 40.0, 5.0, 25.0),  # the same column, overlapping
        (0.0, 0.0, 30.0, 30.0),  # slanted: as it is
        (60.0, 30.0, 20.0, 30.0),  # alone on its row: as it runs, right to left
    ]
    merged = sorted(each_line(merged_collinear(array("d", itertools.chain(*lines)))))
    assert merged == sorted(
        [
            (0.0, 10.0, 90.0, 10.0),
            (100.0, 10.0, 120.0, 10.0),
            (0.0, 20.0, 40.0, 20.0),
            (5.0, 0.0, 5.0, 40.0),
            (0.0, 0.0, 30.0, 30.0),
            (60.0, 30.0, 20.0, 30.0),
        ]
    )


@settings(max_examples=300, deadline=None)
@given(
    spans=st.lists(
        st.tuples(st.sampled_from([0.0, 7.5, 20.0]), coordinate, coordinate), max_size=30
    ),
    upright=st.booleans(),
)
def test_joined_lines_cover_what_the_lines_covered_and_no_more(
    spans: list[tuple[float, float, float]], upright: bool
) -> None:
    """On each row (or column), the joined lines are apart from one another and
    cover the points the lines covered: tested at every end and between ends."""
    lines = [(at, a, at, b) if upright else (a, at, b, at) for at, a, b in spans if a != b]
    merged = list(each_line(merged_collinear(array("d", itertools.chain(*lines)))))

    def along(line: tuple[float, float, float, float]) -> tuple[float, float, float]:
        x0, y0, x1, y1 = line
        at, a, b = (x0, y0, y1) if upright else (y0, x0, x1)
        return at, min(a, b), max(a, b)

    before, after = list(map(along, lines)), list(map(along, merged))
    assert len(after) <= len(before)
    for row in {at for at, _a, _b in before}:
        joined = sorted((a, b) for at, a, b in after if at == row)
        assert all(end < start for (_s, end), (start, _e) in itertools.pairwise(joined))
        ends = sorted({v for at, a, b in before if at == row for v in (a, b)})
        probes = ends + [(p + q) / 2 for p, q in itertools.pairwise(ends)]
        for probe in probes:
            covered = any(a <= probe <= b for at, a, b in before if at == row)
            assert covered == any(a <= probe <= b for a, b in joined)


def test_dotted_lines_that_overlap_on_a_row_are_drawn_dashed_not_solid(qapp: object) -> None:
    """Two dashed lines on one row, out of step by half a period, once ran
    together into what looked like a solid line."""
    pen = QPen(QColor("black"), 1.4, Qt.PenStyle.DashLine)
    period = dash_period(pen)
    strips = Strips(8000.0, period)
    strips.line(10.0, 20.0, 410.0, 20.0)
    strips.line(10.0 + period / 2, 20.0, 410.0, 20.0)
    item = LinesItem(pen, 0)
    item.set_bounds(strips.strips().rect(0))
    item.show_lines(lambda: strips.lines(0))
    where = QRectF(0, 0, 420, 40)
    image = _drawn(item, where, where)
    row = [image.pixelColor(x, 20).lightness() for x in range(60, 360)]
    assert min(row) < 100, "dashes are drawn"
    gaps = sum(1 for a, b in itertools.pairwise(row) if a < 128 <= b)
    assert gaps >= 300 / period * 0.8, "with a gap after each dash"


@pytest.mark.parametrize(("x0", "x1"), [(100.0, 12_000.0), (12_000.0, 100.0)])
def test_a_dashed_line_across_a_strip_edge_dashes_as_one_line_either_way_it_runs(
    qapp: object, x0: float, x1: float
) -> None:
    """Its pieces in two strips, each drawn by its own item, dash as the line
    drawn whole: joining lines must not turn a piece round (its dashes are
    counted from the line's start)."""
    pen = QPen(QColor("black"), 1.4, Qt.PenStyle.DashLine)
    strips = Strips(8000.0, dash_period(pen))
    strips.line(x0, 20.0, x1, 20.0)
    items = []
    bands = strips.strips()
    for strip in bands.strips:
        item = LinesItem(pen, 0)
        item.set_bounds(bands.rect(strip))
        item.show_lines(partial(strips.lines, strip))
        items.append(item)
    whole = LinesItem(pen, 0)
    whole.set_bounds(QRectF(0, 0, 12_100, 40))
    whole.show_lines(lambda: array("d", (x0, 20.0, x1, 20.0)))
    where = QRectF(7800, 0, 400, 40)  # round the strip's edge at 8,000

    def row(painted: list[LinesItem]) -> list[bool]:
        image = QImage(int(where.width()), int(where.height()), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(-where.topLeft())
        for item in painted:
            item.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        return [image.pixelColor(x, 20).lightness() < 128 for x in range(image.width())]

    differing = sum(a != b for a, b in zip(row(items), row([whole]), strict=True))
    assert differing <= 12  # the smoothing at a dash's ends, no more


def test_dotted_routes_follow_lines_drawn_and_taken_away(qapp: object) -> None:
    """The routes follow an edit of dotted lines, with the chart's lookups carried
    over from edit to edit as the app carries them (the list of lines is kept
    only while the chart's list of roles with dotted lines is the same)."""
    import attrs

    from orgmodel.change_record import ChangeRecord
    from orgmodel.hierarchy import with_dotted_lines
    from orgmodel.hierarchy_update import carry_over
    from orgmodel.layout import dotted_route
    from orgmodel.model import Role
    from orgmodel.tidy_tree import tidy_tree

    def edited(chart: Chart, role: Role) -> Chart:
        after = chart.with_replaced([role])
        carry_over(chart, after, ChangeRecord.between(chart, after))
        return after

    def routed(chart: Chart) -> list[tuple[tuple[float, float], ...]]:
        return sorted(
            tuple(points) for _l, _r, points in every_route(routes, chart, layout, options)
        )

    roles = [Role("ceo", "Chief Executive Officer", "ceo")]
    roles += [Role(f"vp{n}", f"VP {n}", "vp", manager="ceo") for n in range(4)]
    chart = Chart("c", roles=roles)
    chart.derived(with_dotted_lines)
    options = LayoutOptions()
    layout = tidy_tree(chart, options)
    routes = DottedRoutes()
    assert routed(chart) == []
    drawn = edited(chart, attrs.evolve(chart.role("vp3"), dotted_managers=("vp0",)))
    assert routed(drawn) == [dotted_route(layout, options, "vp3", "vp0")]
    retitled = edited(drawn, attrs.evolve(drawn.role("vp1"), title="VP One"))
    assert retitled.derived(with_dotted_lines) is drawn.derived(with_dotted_lines)
    assert routed(retitled) == [dotted_route(layout, options, "vp3", "vp0")]
    taken_away = edited(retitled, attrs.evolve(retitled.role("vp3"), dotted_managers=()))
    assert routed(taken_away) == []
    again = edited(taken_away, attrs.evolve(taken_away.role("vp2"), dotted_managers=("vp1",)))
    assert routed(again) == [dotted_route(layout, options, "vp2", "vp1")]
