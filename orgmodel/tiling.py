"""A big chart cut into a grid of printed sheets, named like a map: A1, A2, B1 ...

Columns are lettered left to right and rows numbered top to bottom. The
grid's cuts are those of orgmodel.paging (moved back to gaps between cards),
taken over the whole chart so that every row and column lines up across
sheets and the sheets can be laid side by side. A tile that holds no card is
not printed. Where a reporting line joins cards on two tiles, each tile gets
a mark naming the other.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cached_property

from attrs import define, frozen

from orgmodel.layout import Box
from orgmodel.paging import Rect, Span, cuts, merged_spans


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as in a spreadsheet."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@frozen
class Tile:
    column: int
    row: int
    rect: Rect
    cards: int
    """How many cards have their centre on this tile."""

    @property
    def name(self) -> str:
        return f"{column_name(self.column)}{self.row + 1}"

    @property
    def printed(self) -> bool:
        return self.cards > 0


@frozen
class Continuation:
    """Where a reporting line leaves ``tile`` for ``other``: on the bus between the
    rows, toward the card at the far end, or where it crosses the tile's edge."""

    tile: str
    other: str
    x: float
    y: float
    outgoing: bool
    """True on the manager's tile (the line continues down), False on the report's."""


@frozen
class TileGrid:
    xs: Sequence[float]
    ys: Sequence[float]
    tiles: Sequence[Tile]
    """Every cell, column by column; unprinted ones included for the overview."""

    @property
    def printed(self) -> list[Tile]:
        return [tile for tile in self.tiles if tile.printed]

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        column = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return column, row

    def tile_at(self, x: float, y: float) -> Tile:
        column, row = self.cell_of(x, y)
        return self.tiles[column * (len(self.ys) - 1) + row]


@define(frozen=True, slots=False)
class Cards:
    """What cutting into sheets needs of the cards, worked out once for every try."""

    across: list[Span]
    """Merged spans the cards take along x (``margin`` added)."""
    down: list[Span]
    centres: list[tuple[float, float]]

    @cached_property
    def lines(self) -> tuple[set[float], set[float]]:
        """The distinct x and y of the centres."""
        return {x for x, _ in self.centres}, {y for _, y in self.centres}

    @classmethod
    def of(cls, boxes: Mapping[str, Box], margin: float = 0.0) -> Cards:
        return cls(
            merged_spans((b.x - margin, b.right + margin) for b in boxes.values()),
            merged_spans((b.y - margin, b.bottom + margin) for b in boxes.values()),
            [(b.center_x, b.y + b.height / 2) for b in boxes.values()],
        )


def tile_grid(
    boxes: Mapping[str, Box] | Cards,
    bounds: Rect,
    width: float,
    height: float,
    margin: float = 0.0,
) -> TileGrid:
    """A grid of cells at most ``width`` by ``height`` over ``bounds``, cut between cards."""
    cards = boxes if isinstance(boxes, Cards) else Cards.of(boxes, margin)
    left, top, right, bottom = bounds
    xs = cuts(left, right, width, cards.across)
    ys = cuts(top, bottom, height, cards.down)
    columns, rows = len(xs) - 1, len(ys) - 1
    counts = [0] * (columns * rows)
    # Cards share centre lines (rows of a level, columns of a stack): place each line once.
    column_of = {x: min(max(bisect_right(xs, x) - 1, 0), columns - 1) for x in cards.lines[0]}
    row_of = {y: min(max(bisect_right(ys, y) - 1, 0), rows - 1) for y in cards.lines[1]}
    for x, y in cards.centres:
        counts[column_of[x] * rows + row_of[y]] += 1
    tiles = [
        Tile(
            column,
            row,
            (xs[column], ys[row], xs[column + 1], ys[row + 1]),
            counts[column * rows + row],
        )
        for column in range(columns)
        for row in range(rows)
    ]
    return TileGrid(xs, ys, tiles)


FILL = 0.97
"""How much of a sheet a grid sized to fill it uses: cuts move back to gaps
between cards, so an exact fit could spill into one more row or column."""


@frozen
class Tiling:
    page: int
    """Which of the page sizes it was given."""
    scale: float
    """Page units per chart unit."""
    grid: TileGrid


def filling_scale(extent: float, page: float, least: float) -> float:
    """The scale, at least ``least``, at which ``extent`` fills a whole number of pages."""
    count = max(1, math.ceil(extent * least / page))
    return max(least, count * page * FILL / extent)


def best_tiling(
    boxes: Mapping[str, Box],
    bounds: Rect,
    page_sizes: Sequence[tuple[float, float]],
    least: float,
    margin: float = 0.0,
) -> Tiling:
    """The page size and scale (at least ``least``) that print the fewest sheets.

    Tried for each page size (e.g. portrait and landscape): the least scale, a tenth
    more, and the
    scales at which the chart's height or its width fills its last row or column of
    sheets, so no row or column is left mostly empty. Of equal counts, the larger
    scale wins: it prints the text larger.
    """
    left, top, right, bottom = bounds
    cards = Cards.of(boxes, margin)
    tried: list[Tiling] = []
    for index, (width, height) in enumerate(page_sizes):
        scales = {
            least,
            least * 1.1,
            filling_scale(bottom - top, height, least),
            filling_scale(right - left, width, least),
        }
        for scale in sorted(scales):
            grid = tile_grid(cards, bounds, width / scale, height / scale)
            tried.append(Tiling(index, scale, grid))
    return min(tried, key=lambda tiling: (len(tiling.grid.printed), -tiling.scale))


def continuations(
    grid: TileGrid, boxes: Mapping[str, Box], managers: Mapping[str, str | None]
) -> dict[str, list[Continuation]]:
    """By tile name, one mark per other tile that a reporting line leads to or comes from."""
    marks: dict[tuple[int, int, bool], Continuation] = {}
    for role, manager in managers.items():
        if manager is None or role not in boxes or manager not in boxes:
            continue
        report, boss = boxes[role], boxes[manager]
        below = grid.tile_at(report.center_x, report.y + report.height / 2)
        above = grid.tile_at(boss.center_x, boss.y + boss.height / 2)
        if below is above:
            continue
        # Lines run down from the manager to a bus between the rows, then along it.
        bus = (boss.bottom + report.y) / 2
        for tile, other, near, far, outgoing in (
            (above, below, boss, report, True),
            (below, above, report, boss, False),
        ):
            key = (id(tile), id(other), outgoing)
            if key not in marks:
                x0, y0, x1, y1 = tile.rect
                x = far.center_x if y0 <= bus <= y1 else near.center_x
                x, y = min(max(x, x0), x1), min(max(bus, y0), y1)
                marks[key] = Continuation(tile.name, other.name, x, y, outgoing)
    by_tile: dict[str, list[Continuation]] = {}
    for mark in marks.values():
        by_tile.setdefault(mark.tile, []).append(mark)
    return by_tile


def overview_bands(
    xs: Sequence[float], ys: Sequence[float], width: float, height: float, gap: float
) -> tuple[float, list[range]]:
    """The grid of sheets as large as it fits ``width`` by ``height``: its columns
    folded into bands drawn one under another, ``gap`` apart (each band's labels).

    A chart far wider than high (hundreds of sheets in a few rows) drawn in one
    band is a strip too thin to read a sheet's name in. Returns the scale and the
    columns of each band, left to right.
    """
    columns = len(xs) - 1
    tall = ys[-1] - ys[0]
    best: tuple[float, list[range]] = (0.0, [range(columns)])
    for per_band in range(columns, 0, -1):
        bands = [
            range(first, min(first + per_band, columns)) for first in range(0, columns, per_band)
        ]
        widest = max(xs[band[-1] + 1] - xs[band[0]] for band in bands)
        room = height - len(bands) * gap
        if room <= 0:
            break
        scale = min(width / widest, room / (len(bands) * tall))
        if scale > best[0]:
            best = (scale, bands)
    return best
