"""The tiled PDF's paging: a grid of named sheets, none empty, and marks where lines leave."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_chart
from orgmodel.layout import CHART_VIEW_OPTIONS, Box
from orgmodel.model import Chart
from orgmodel.tidy_tree import tidy_tree
from orgmodel.tiling import (
    best_tiling,
    column_name,
    continuations,
    filling_scale,
    overview_bands,
    tile_grid,
)


def laid_out(chart: Chart) -> tuple[dict[str, Box], tuple[float, float, float, float]]:
    boxes = dict(tidy_tree(chart, CHART_VIEW_OPTIONS).boxes)
    bounds = (
        min(box.x for box in boxes.values()) - 12,
        min(box.y for box in boxes.values()) - 12,
        max(box.right for box in boxes.values()) + 12,
        max(box.bottom for box in boxes.values()) + 12,
    )
    return boxes, bounds


def test_columns_are_lettered_as_in_a_spreadsheet() -> None:
    assert [column_name(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


@settings(max_examples=15, deadline=None)
@given(size=st.integers(1, 600), width=st.floats(300, 3000), height=st.floats(300, 3000))
def test_every_card_is_on_a_printed_sheet_and_every_printed_sheet_holds_a_card(
    size: int, width: float, height: float
) -> None:
    boxes, bounds = laid_out(generate_chart(size))
    grid = tile_grid(boxes, bounds, width, height)
    printed = {tile.name: tile for tile in grid.printed}
    assert len(printed) == len(grid.printed), "sheet names are unique"
    assert sum(tile.cards for tile in grid.tiles) == len(boxes)
    for box in boxes.values():
        tile = grid.tile_at(box.center_x, box.y + box.height / 2)
        assert tile.name in printed
        x0, y0, x1, y1 = tile.rect
        assert x0 <= box.center_x <= x1 and y0 <= box.y + box.height / 2 <= y1
    assert all(tile.cards > 0 for tile in grid.printed)
    # Rows and columns line up across the whole grid, so the sheets can be laid side by side.
    for tile in grid.tiles:
        assert tile.rect == (
            grid.xs[tile.column], grid.ys[tile.row], grid.xs[tile.column + 1], grid.ys[tile.row + 1]
        )  # fmt: skip


def test_a_chart_with_sparse_corners_skips_the_empty_sheets() -> None:
    # Two cards at opposite corners: four cells, two of them with nothing on them.
    boxes = {"a": Box(0, 0, 100, 50), "b": Box(900, 900, 100, 50)}
    grid = tile_grid(boxes, (0, 0, 1000, 1000), 500, 500)
    assert len(grid.tiles) == 4
    assert [tile.name for tile in grid.printed] == ["A1", "B2"]


@pytest.mark.parametrize("size", [200, 1000])
def test_the_chosen_tiling_prints_no_more_sheets_than_the_plain_grid_at_the_least_scale(
    size: int,
) -> None:
    boxes, bounds = laid_out(generate_chart(size))
    pages = [(538.0, 711.0), (785.0, 478.0)]
    chosen = best_tiling(boxes, bounds, pages, 0.42)
    assert chosen.scale >= 0.42
    for width, height in pages:
        plain = tile_grid(boxes, bounds, width / 0.42, height / 0.42)
        assert len(chosen.grid.printed) <= len(plain.printed)


def test_of_tilings_printing_as_few_sheets_the_one_with_larger_text_wins() -> None:
    # Cards in one band 400 high on pages 1000 high: a tenth larger still fits one
    # row and as many sheets, so it is chosen; filling the height would need more.
    boxes = {str(i): Box(i * 300.0, 0, 200, 400) for i in range(40)}
    bounds = (0.0, 0.0, 12000.0, 400.0)
    chosen = best_tiling(boxes, bounds, [(1000.0, 1000.0)], 1.0)
    at_least = tile_grid(boxes, bounds, 1000.0, 1000.0)
    filled = tile_grid(boxes, bounds, *(2 * [1000.0 / filling_scale(400, 1000, 1.0)]))
    assert chosen.scale == pytest.approx(1.1)
    assert len(chosen.grid.ys) == 2, "one row of sheets"
    assert len(chosen.grid.printed) == len(at_least.printed) < len(filled.printed)


def test_each_line_between_sheets_is_marked_on_both_with_the_other_s_name() -> None:
    chart = generate_chart(300)
    boxes, bounds = laid_out(chart)
    grid = tile_grid(boxes, bounds, 1500, 900)
    managers = {role.id: role.manager for role in chart}
    marks = continuations(grid, boxes, managers)
    crossing = 0
    for role in chart:
        if role.manager is None:
            continue
        report = grid.tile_at(boxes[role.id].center_x, boxes[role.id].y + 1).name
        boss = grid.tile_at(boxes[role.manager].center_x, boxes[role.manager].y + 1).name
        if report == boss:
            continue
        crossing += 1
        assert any(m.other == report and m.outgoing for m in marks[boss])
        assert any(m.other == boss and not m.outgoing for m in marks[report])
    assert crossing > 0
    for name, on_tile in marks.items():
        tile = next(tile for tile in grid.tiles if tile.name == name)
        x0, y0, x1, y1 = tile.rect
        assert all(x0 <= m.x <= x1 and y0 <= m.y <= y1 for m in on_tile), "marks sit on the sheet"


def test_a_grid_far_wider_than_high_folds_into_bands_of_columns() -> None:
    xs = [float(x) for x in range(0, 201 * 100, 100)]  # 200 columns of 100
    ys = [0.0, 140.0, 280.0]  # 2 rows
    scale, bands = overview_bands(xs, ys, 500.0, 700.0, 14.0)
    assert len(bands) > 1
    assert [column for band in bands for column in band] == list(range(200))
    assert scale > 500.0 / 20000.0 * 4, "much larger than the grid in one strip"
    assert len(bands) * (280.0 * scale + 14.0) <= 700.0
    assert all((xs[band[-1] + 1] - xs[band[0]]) * scale <= 500.0 for band in bands)
    # A grid that fits as it is stays in one band.
    assert overview_bands([0.0, 100.0, 200.0], ys, 500.0, 700.0, 14.0)[1] == [range(2)]
