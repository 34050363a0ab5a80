"""The bench's edits must all be moves the app accepts: a refused one would
open a dialog and stall `make bench`."""

from __future__ import annotations

from bench.app import moves
from bench.generate import generate_chart
from orgmodel.edits import reparent


def test_the_bench_moves_are_different_and_allowed() -> None:
    chart = generate_chart(500)
    planned = moves(chart, 40)
    assert len(set(planned)) == len(planned)
    for mover, target in planned:
        moved = reparent(chart, mover, target)
        assert moved.role(mover).manager == target
        assert moved != chart


def test_asking_more_moves_than_a_chart_allows_is_an_error_not_a_hang() -> None:
    import pytest

    with pytest.raises(ValueError, match="too few"):
        moves(generate_chart(2), 5)
