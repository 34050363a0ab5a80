"""What is alive is frozen out of later collections only while no thread is
at background work, and garbage frozen earlier is collected when asked."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from orgmodel.memory import background_work, freeze_kept


class _InACycle:
    def __init__(self) -> None:
        self.itself = self


def _frozen(kept: object) -> bool:
    return gc.is_tracked(kept) and not any(seen is kept for seen in gc.get_objects())


@pytest.fixture(autouse=True)
def unfrozen_after() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_what_is_alive_is_frozen() -> None:
    kept = _InACycle()
    assert not _frozen(kept)
    assert freeze_kept()
    assert _frozen(kept)


def test_nothing_is_frozen_while_a_thread_is_at_background_work() -> None:
    started, go = threading.Event(), threading.Event()

    @background_work
    def work(answer: int) -> int:
        started.set()
        go.wait(10)
        return answer

    results: list[int] = []
    worker = threading.Thread(target=lambda: results.append(work(42)))
    worker.start()
    assert started.wait(10)
    kept = _InACycle()
    assert not freeze_kept()
    assert not _frozen(kept)
    go.set()
    worker.join(10)
    assert results == [42]
    assert freeze_kept()
    assert _frozen(kept)


def test_background_work_that_fails_is_no_longer_counted() -> None:
    @background_work
    def failing() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        failing()
    assert freeze_kept()


def test_garbage_frozen_earlier_is_collected_first_when_asked() -> None:
    garbage = _InACycle()
    collected = weakref.ref(garbage)
    gc.freeze()
    del garbage
    assert freeze_kept()
    assert collected() is not None  # frozen: no collection sees it
    assert freeze_kept(collect_first=True)
    assert collected() is None
