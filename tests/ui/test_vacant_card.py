"""A vacancy looks vacant: a dashed outline and a pale colour bar, at any zoom
where the card is more than a block."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from ui.appearance import CardContent
from ui.card_item import TEXT_LOD, CardItem

WIDTH, HEIGHT = 224, 76


def card_image(vacant: bool, scale: float) -> QImage:
    person = "Vacant" if vacant else "Ada Quist"
    content = CardContent("Head of Brand", person, vacant, "Brand Manager", "", "#d9731a", None)
    scene = QGraphicsScene()
    scene.addItem(CardItem("x", content, WIDTH, HEIGHT))
    image = QImage(round(WIDTH * scale), round(HEIGHT * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), QRectF(0, 0, WIDTH, HEIGHT))
    painter.end()
    return image


def gaps_in_the_top_edge(image: QImage) -> int:
    """Pixels of the card's top edge, clear of its rounded corners, left unpainted."""
    margin = image.width() // 10
    beside_the_text = image.width() - margin
    top = min(
        range(image.height() // 4),
        key=lambda y: image.pixelColor(beside_the_text, y).lightness(),
    )
    return sum(
        image.pixelColor(x, top).lightness() > 235 for x in range(margin, image.width() - margin)
    )


def test_a_vacant_card_has_a_dashed_outline_and_a_pale_bar(qapp: object) -> None:
    for scale in (1.0, TEXT_LOD * 0.8):  # with its text, and too far out for text
        filled, vacant = card_image(False, scale), card_image(True, scale)
        assert gaps_in_the_top_edge(filled) == 0, scale
        assert gaps_in_the_top_edge(vacant) > 0, scale
    bar = round(4 * 1.0), HEIGHT // 2
    filled, vacant = card_image(False, 1.0), card_image(True, 1.0)
    assert vacant.pixelColor(*bar).lightness() > filled.pixelColor(*bar).lightness() + 20
