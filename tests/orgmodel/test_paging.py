from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import generate_chart
from orgmodel.layout import CHART_VIEW_OPTIONS, Box
from orgmodel.paging import cuts, free_place, merged_spans, overlaps, page_rects
from orgmodel.tidy_tree import tidy_tree


def test_spans_that_overlap_or_touch_merge() -> None:
    assert merged_spans([(5, 7), (0, 2), (2, 3), (6, 9)]) == [(0, 3), (5, 9)]
    assert merged_spans([]) == []


def test_with_no_card_in_the_way_pages_are_cut_at_full_size() -> None:
    assert cuts(0, 40, 10, []) == [0, 10, 20, 30, 40]
    assert cuts(0, 10, 10, []) == [0, 10]


def test_the_last_two_pages_share_what_is_left_rather_than_leave_a_sliver() -> None:
    assert cuts(0, 21, 10, []) == [0, 10, 15.5, 21]
    assert cuts(0, 15, 10, []) == [0, 7.5, 15]


def test_a_cut_inside_a_card_moves_back_to_where_the_card_begins() -> None:
    assert cuts(0, 45, 10, [(8, 12)]) == [0, 8, 18, 28, 36.5, 45]


def test_a_cut_stays_put_when_moving_it_would_leave_the_page_under_half_full() -> None:
    assert cuts(0, 45, 10, [(3, 12)]) == [0, 10, 20, 30, 37.5, 45]


def test_a_page_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        cuts(0, 10, 0, [])


spans = st.lists(
    st.tuples(st.floats(0, 1000), st.floats(0.5, 60)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=40,
)


@given(spans=spans, page=st.floats(20, 300), end=st.floats(1, 1200))
def test_cuts_cover_the_range_in_pages_no_bigger_than_asked(
    spans: list[tuple[float, float]], page: float, end: float
) -> None:
    occupied = merged_spans(spans)
    edges = cuts(0.0, end, page, occupied)
    assert edges[0] == 0.0 and edges[-1] == end
    for low, high in pairwise(edges):
        assert 0 < high - low <= page * (1 + 1e-9)  # floating point: (a + p) - a may exceed p
    for before, edge in pairwise(edges[:-1]):
        inside = [s for s in occupied if s[0] < edge < s[1]]
        # A cut inside a card is one that could not move back without a half-empty page.
        for low, _high in inside:
            assert low < before + page / 2
    if len(edges) > 2:  # no sliver at the end
        assert edges[-1] - edges[-2] >= min(page, edges[-1] - edges[-3]) / 4


def test_a_realistic_chart_is_paged_without_cutting_a_card() -> None:
    layout = tidy_tree(generate_chart(1500), CHART_VIEW_OPTIONS)
    bounds = (-14.0, -20.0, layout.width + 14, layout.height + 14)
    width, height, margin = 2450.0, 1500.0, 8.0
    pages = page_rects(layout.boxes, bounds, width, height, margin)
    assert len(pages) > 10
    area = sum((right - left) * (bottom - top) for left, top, right, bottom in pages)
    assert area == pytest.approx((bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
    for left, top, right, bottom in pages:
        assert 0 < right - left <= width and 0 < bottom - top <= height

    def on_one_page(box: Box) -> bool:
        return any(
            left <= box.x - margin
            and box.right + margin <= right
            and top <= box.y - margin
            and box.bottom + margin <= bottom
            for left, top, right, bottom in pages
        )

    assert all(on_one_page(box) for box in layout.boxes.values())


def test_a_label_moves_to_the_nearest_room_clear_of_what_is_taken() -> None:
    sheet = (0.0, 0.0, 100.0, 100.0)
    card = (0.0, 0.0, 60.0, 30.0)
    place = free_place((20.0, 10.0), (5.0, 5.0), sheet, [card], step=1.0)
    assert place is not None and not overlaps(place, card)
    assert place[1] == 30.0 and place[0] == 5.0, "straight down is nearer than across"
    assert free_place((20.0, 10.0), (5.0, 5.0), sheet, [sheet]) is None
    assert free_place((200.0, 10.0), (5.0, 5.0), sheet, []) is None
