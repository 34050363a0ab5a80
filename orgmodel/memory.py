"""How much memory is left for a big allocation, so it is refused with a reason
instead of crashing the process (a failed image allocation in Qt can segfault);
and when the garbage collector walks what a chart is made of, and when not."""

from __future__ import annotations

import functools
import gc
import math
import os
import resource
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

RASTER_BYTES_PER_PIXEL = 4
"""A 32-bit ARGB image."""
RASTER_OVERHEAD = 1.25
"""Painting and PNG encoding need some room beside the image itself."""
HEADROOM_BYTES = 64 * 2**20
"""Left free for everything else the process does meanwhile."""
MIN_DPI = 10


def _address_space_left() -> int | None:
    """Bytes the process may still map under its address-space limit (ulimit -v, prlimit)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
    return max(0, soft - mapped)


def _memory_available() -> int | None:
    """The kernel's estimate of memory available without swapping, in bytes."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def memory_left() -> int | None:
    """The least of what the limits allow, in bytes; None when nothing says."""
    known = [n for n in (_address_space_left(), _memory_available()) if n is not None]
    return min(known) if known else None


def raster_bytes(width: int, height: int) -> int:
    return math.ceil(width * height * RASTER_BYTES_PER_PIXEL * RASTER_OVERHEAD)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def raster_refusal(width: int, height: int, dpi: int, available: int | None) -> str:
    """One sentence: the image's size, what it needs, and a resolution to try."""
    needed = raster_bytes(width, height)
    have = "" if available is None else f", and only {_megabytes(available)} is free"
    sentence = f"a {width}x{height} image needs about {_megabytes(needed)} of memory{have}"
    if available is None:
        return f"{sentence}; try a lower resolution (--dpi) or a subtree"
    smaller = math.floor(dpi * math.sqrt(available / needed) * 0.9)
    if smaller < MIN_DPI or smaller >= dpi:
        return f"{sentence}; export a subtree, or to PDF or SVG"
    return f"{sentence}; try a lower resolution (--dpi {smaller} or less) or a subtree"


def raster_memory_problem(width: int, height: int, dpi: int) -> str | None:
    """Why an image of this size cannot be made here, or None when it fits."""
    left = memory_left()
    if left is None:
        return None
    available = max(0, left - HEADROOM_BYTES)
    if raster_bytes(width, height) <= available:
        return None
    return raster_refusal(width, height, dpi, available)


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic garbage collection meanwhile: for reading or drawing a whole
    chart, and for an edit.

    Python collects its oldest generation each time the heap has grown by a
    quarter, so building a heap of a million objects walks it again and again:
    at 50,000 roles, over a second of an opening. What such a build makes is
    kept, not garbage; the window collects once afterwards (ui.document.settle_heap).
    An edit makes and drops as much as it keeps (copies of tables of every
    role, a new box for each card moved): collections in its midst walk what
    is dropped by its end anyway. Python counts what was made less what was
    freed, so it still collects once an edit has left enough behind.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _BackgroundWork:
    """How many threads are in the midst of background work, under a lock that
    a freeze holds too."""

    def __init__(self) -> None:
        self.running = 0
        self.lock = threading.Lock()


_background = _BackgroundWork()


def background_work(work: Callable[P, T]) -> Callable[P, T]:
    """``work``, to be run on a thread other than the window's: nothing is
    frozen out of collections while it runs (see :func:`freeze_kept`)."""

    @functools.wraps(work)
    def counted(*args: P.args, **kwargs: P.kwargs) -> T:
        with _background.lock:
            _background.running += 1
        try:
            return work(*args, **kwargs)
        finally:
            with _background.lock:
                _background.running -= 1

    return counted


def freeze_kept(*, collect_first: bool = False) -> bool:
    """Leave every object alive now out of later collections (``gc.freeze``),
    after collecting everything, frozen before or not, if ``collect_first``;
    whether it was done. Not while a thread is at :func:`background_work`: a
    freeze takes in that thread's objects too, and those it then drops in a
    cycle (a JSON encoder's, an exception's frames) would not be freed by
    any collection until the next with ``collect_first``."""
    with _background.lock:
        if _background.running:
            return False
        if collect_first:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        return True
