"""Reading and drawing a whole chart run without automatic garbage collection,
which comes back as it was afterwards, whatever happened meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgmodel.fileformat import load_chart
from orgmodel.memory import collection_paused


@pytest.fixture(autouse=True)
def collection_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_collection_is_paused_meanwhile_and_resumes_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), collection_paused():
        assert not gc.isenabled()
        _ = 1 / 0
    assert gc.isenabled()


def test_collection_left_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collection_paused(), collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_chart_is_read_with_collection_paused(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgmodel import fileformat

    seen: list[bool] = []
    structure = fileformat.chart_from_json

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return structure(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fileformat, "chart_from_json", watched)
    chart = load_chart(samples / "enterprise.orgm")
    assert seen == [False] and len(chart) > 0 and gc.isenabled()
