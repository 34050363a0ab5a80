"""Role photos as cards draw them: each file read and scaled once per size, kept
in a small cache, round, ready to paint.

Images (not pixmaps), so an export's painter may draw them too. A file that is
missing or unreadable gives no image, and is tried again only once it changes.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter, QPainterPath

from orgmodel.photos import photo_signature

PHOTO_SIDES = (32, 64, 128, 256, 512)
"""The sizes, in device pixels, a photo is scaled to: the smallest at least as
large as it is drawn, so zooming in steps scales again only a few times."""
CACHE_BYTES = 48 * 1024 * 1024
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
    """Round photos by (path, size), the least recently drawn let go past a byte budget."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._bytes = 0
        self._failed: dict[tuple[str, int], FileSignature] = {}
        self.reads = 0
        """Files read so far (each read decodes and scales one picture)."""

    def image(self, path: str, drawn: float) -> QImage | None:
        """The photo at ``path`` for drawing ``drawn`` device pixels wide."""
        key = (path, photo_side(drawn))
        found = self._images.get(key)
        if found is not None:
            self._images.move_to_end(key)
            return found
        signature = photo_signature(path)
        if signature is None or self._failed.get(key, ()) == signature:
            return None
        self.reads += 1
        image = round_photo(path, key[1])
        if image is None:
            self._failed[key] = signature
            return None
        self._failed.pop(key, None)
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.budget and len(self._images) > 1:
            _key, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()
        return image

    def readable(self, path: str) -> bool:
        """Whether the file at ``path`` is a picture a card can show."""
        return self.image(path, PHOTO_SIDES[0]) is not None


PHOTOS = PhotoCache()
"""The cache every card draws from."""
