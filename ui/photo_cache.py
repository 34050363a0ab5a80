"""Role photos as cards draw them: each file read once and scaled to the sizes
drawn, kept in a small cache, round, ready to paint.

Images (not pixmaps), so an export's painter may draw them too. A file that is
missing or unreadable gives no image, and is tried again only once it changes.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QImageReader, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from orgmodel.photos import photo_signature

PHOTO_SIDES = (32, 64, 128, 256, 512)
"""The sizes, in device pixels, a photo is scaled to: the smallest at least as
large as it is drawn, so zooming in steps scales again only a few times."""
MASTER_SIDE = 256
"""The size a file is read at for the screen; smaller sizes are scaled from it."""
CACHE_BYTES = 48 * 1024 * 1024
FRAME_BUDGET = 0.03
"""Seconds of file reading a round of painting may spend on the screen's photos."""
FileSignature = tuple[int, int] | None
"""A file's (modification time, size); None when it is not to be read."""


def photo_side(drawn: float) -> int:
    """The cached size for a photo drawn ``drawn`` device pixels wide."""
    return next((side for side in PHOTO_SIDES if side >= drawn), PHOTO_SIDES[-1])


def round_photo(path: str, side: int) -> QImage | None:
    """The picture at ``path``: its middle square, scaled to ``side`` pixels and
    cut to a circle; None when it cannot be read."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # a phone's photo stands the way it was taken
    size = reader.size()
    if size.isValid() and min(size.width(), size.height()) > side:
        # Decode at the size needed: a camera's photo is millions of pixels.
        scale = side / min(size.width(), size.height())
        reader.setScaledSize(
            QSize(math.ceil(size.width() * scale), math.ceil(size.height() * scale))
        )
    image = reader.read()
    if image.isNull():
        return None
    square = image.scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    left, top = (square.width() - side) // 2, (square.height() - side) // 2
    result = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, side, side))
    painter.setClipPath(circle)
    painter.drawImage(0, 0, square, left, top, side, side)
    painter.end()
    return result


class PhotoCache:
    """Round photos by (path, size), the least recently drawn let go past a byte budget.

    Sizes up to MASTER_SIDE are scaled from one read of the file at that size,
    so zooming in and out reads no file again. A card painted on screen reads
    a file only while the current round of painting has time left
    (``frame_budget`` seconds, one file at least): past it, the card is painted
    again once the round is over, so zooming into a chart of camera photos
    (about 50 ms each to read) shows them over a few frames, never freezing.
    """

    def __init__(self, budget: int = CACHE_BYTES, frame_budget: float = FRAME_BUDGET) -> None:
        self.budget = budget
        self.frame_budget = frame_budget
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._bytes = 0
        self._failed: dict[str, FileSignature] = {}
        self._spent = 0.0
        self._waiting: list[QGraphicsItem] = []
        self._coming: set[str] = set()
        self._next_round_asked = False
        self.reads = 0
        """Files read so far (each read decodes and scales one picture)."""

    def image(self, path: str, drawn: float, waiting: QGraphicsItem | None = None) -> QImage | None:
        """The photo at ``path`` for drawing ``drawn`` device pixels wide; None
        when it cannot be read, or (with ``waiting``, the card being painted on
        screen) not yet: the card is painted again when it can be."""
        side = photo_side(drawn)
        found = self._cached((path, side))
        if found is not None:
            return found
        if side >= MASTER_SIDE:
            return self._read(path, side, waiting)
        master = self._cached((path, MASTER_SIDE)) or self._read(path, MASTER_SIDE, waiting)
        if master is None:
            return None
        smaller = master.scaled(
            side,
            side,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        return self._keep((path, side), smaller)

    def coming(self, path: str) -> bool:
        """Whether the photo at ``path`` is to be read after this round of painting."""
        return path in self._coming

    def readable(self, path: str) -> bool:
        """Whether the file at ``path`` is a picture a card can show."""
        return self.image(path, PHOTO_SIDES[0]) is not None

    def _cached(self, key: tuple[str, int]) -> QImage | None:
        found = self._images.get(key)
        if found is not None:
            self._images.move_to_end(key)
        return found

    def _read(self, path: str, side: int, waiting: QGraphicsItem | None) -> QImage | None:
        signature = photo_signature(path)
        if signature is None or self._failed.get(path) == signature:
            return None
        if waiting is not None:
            if not self._next_round_asked:
                self._next_round_asked = True
                QTimer.singleShot(0, self._next_round)
            if self._spent > self.frame_budget:
                self._waiting.append(waiting)
                self._coming.add(path)
                return None
        started = time.perf_counter()
        self.reads += 1
        image = round_photo(path, side)
        self._spent += time.perf_counter() - started
        if image is None:
            self._failed[path] = signature
            return None
        self._failed.pop(path, None)
        return self._keep((path, side), image)

    def _keep(self, key: tuple[str, int], image: QImage) -> QImage:
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.budget and len(self._images) > 1:
            _key, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()
        return image

    def _next_round(self) -> None:
        self._next_round_asked = False
        self._spent = 0.0
        self._coming.clear()
        waiting, self._waiting = self._waiting, []
        for item in waiting:
            if shiboken6.isValid(item):  # a card may be gone since
                item.update()


PHOTOS = PhotoCache()
"""The cache every card draws from."""
