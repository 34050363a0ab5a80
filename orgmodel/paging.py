"""Where to cut a chart too big for one page into pages, without cutting cards.

A page shows at most a fixed width and height of the chart. Cutting at
exact multiples of those puts a card across two pages wherever a cut meets
one; here each cut moves back to the nearest gap between cards, as long as
the page it ends keeps at least half its size. Pages go column by column,
each column cut into rows by the cards it holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from itertools import pairwise

from orgmodel.layout import Box

Span = tuple[float, float]
Rect = tuple[float, float, float, float]
"""left, top, right, bottom"""


def merged_spans(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans joined, in order."""
    merged: list[Span] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def cuts(start: float, end: float, page: float, occupied: list[Span]) -> list[float]:
    """Page edges from ``start`` to ``end``, at most ``page`` apart.

    ``occupied`` (merged, in order) are the spans taken by cards; a cut that
    would fall inside one moves back to where it begins, unless that would
    leave the page less than half full. The last two pages share what is left.
    """
    if page <= 0:
        raise ValueError("a page must have a positive size")
    lows = [low for low, _ in occupied]
    edges = [start]
    while end - edges[-1] > page:
        left = end - edges[-1]
        # The last two pages share what is left, so the last is never a sliver.
        step = page if left > 2 * page else left / 2
        cut = edges[-1] + step
        index = bisect_right(lows, cut) - 1
        if index >= 0 and occupied[index][0] < cut < occupied[index][1]:
            card_begins = occupied[index][0]
            if card_begins >= edges[-1] + step / 2:
                cut = card_begins
        edges.append(cut)
    edges.append(end)
    return edges


class BoxesByLeft:
    """Boxes sorted by their left edge, to find quickly those reaching into a band
    of x (a column of pages, a sheet) without a pass over them all."""

    def __init__(self, boxes: Iterable[Box]) -> None:
        self.ordered = sorted(boxes, key=lambda box: box.x)
        self._lefts = [box.x for box in self.ordered]
        self._widest = max((box.width for box in self.ordered), default=0.0)

    def across(self, left: float, right: float, margin: float = 0.0) -> list[Box]:
        """The boxes, each widened by ``margin`` on both sides, reaching between
        ``left`` and ``right``, in order of their left edge."""
        first = bisect_right(self._lefts, left - self._widest - 2 * margin)
        last = bisect_right(self._lefts, right + margin)
        return [
            box
            for box in self.ordered[first:last]
            if box.x - margin < right and box.right + margin > left
        ]


def page_rects(
    boxes: Mapping[str, Box], bounds: Rect, width: float, height: float, margin: float = 0.0
) -> list[Rect]:
    """Pages of at most ``width`` by ``height`` covering ``bounds``, column by column.

    ``margin`` widens each card for finding where it is: room for its marker.
    """
    left, top, right, bottom = bounds
    xs = cuts(
        left,
        right,
        width,
        merged_spans((box.x - margin, box.right + margin) for box in boxes.values()),
    )
    by_left = BoxesByLeft(boxes.values())
    pages: list[Rect] = []
    for x0, x1 in pairwise(xs):
        # The cards in this column of pages, those starting left of it included.
        in_column = (
            (box.y - margin, box.bottom + margin) for box in by_left.across(x0, x1, margin)
        )
        ys = cuts(top, bottom, height, merged_spans(in_column))
        pages.extend((x0, y0, x1, y1) for y0, y1 in pairwise(ys))
    return pages


def overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def free_place(
    size: tuple[float, float],
    wanted: tuple[float, float],
    within: Rect,
    taken: Iterable[Rect],
    step: float = 3.0,
) -> Rect | None:
    """A ``size`` rectangle inside ``within`` that overlaps nothing in ``taken``, its
    top-left corner as near ``wanted`` as a grid of ``step`` allows (None: no room).

    For labels on a page: a label over a card would hide the card's text.
    """
    width, height = size
    left, top, right, bottom = within
    if right - left < width or bottom - top < height:
        return None
    x0, y0 = min(max(wanted[0], left), right - width), min(max(wanted[1], top), bottom - height)
    nearby = [rect for rect in taken if overlaps(rect, within)]
    # Rings of places around the wanted one, nearest ring first: most labels
    # find room within a few steps, so the whole page is rarely searched.
    reach = int(max(right - left, bottom - top) // step) + 1
    for ring in range(reach + 1):
        steps = [(i, j) for i in range(-ring, ring + 1) for j in (-ring, ring)]
        steps += [(i, j) for i in (-ring, ring) for j in range(1 - ring, ring)]
        places = [(x0 + i * step, y0 + j * step) for i, j in steps]
        places.sort(key=lambda corner: (corner[0] - x0) ** 2 + (corner[1] - y0) ** 2)
        for x, y in places:
            place = (x, y, x + width, y + height)
            inside = left <= x and x + width <= right and top <= y and y + height <= bottom
            if inside and not any(overlaps(place, rect) for rect in nearby):
                return place
    return None
