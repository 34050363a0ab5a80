"""A card's bounding rect holds all it paints: its outline with the finding
marker, the stub to its column and its share of the reporting lines. Qt
works it out from the rect the card sets (see CardItem._frame)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsScene

from ui.appearance import CardContent
from ui.card_item import LINE_MARGIN, MARKER_MARGINS, CardItem

CONTENT = CardContent("VP Marketing", "Ada Ortiz", False, "VP Marketing", "", "#336699", None)


def _edges(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def test_the_bounding_rect_is_the_outline_stub_and_lines(qapp: QApplication) -> None:
    left, top, right, bottom = MARKER_MARGINS
    card = CardItem("R1", CONTENT, 200.0, 80.0)
    assert _edges(card.boundingRect()) == (left, top, 200.0 + right, 80.0 + bottom)
    assert card.reach == _edges(card.boundingRect())

    card.set_stub(12.0)
    assert _edges(card.boundingRect()) == (left - 12.0, top, 200.0 + right, 80.0 + bottom)

    card.set_lines(((100.0, 80.0, 100.0, 120.0), (-60.0, 120.0, 260.0, 120.0)))
    margin = LINE_MARGIN
    expected = (-60.0 - margin, top, 260.0 + margin, 120.0 + margin)
    assert _edges(card.boundingRect()) == expected
    assert card.reach == expected

    card.set_lines(())
    assert _edges(card.boundingRect()) == (left - 12.0, top, 200.0 + right, 80.0 + bottom)


def test_a_changed_bounding_rect_is_filed_anew_in_the_scene(qapp: QApplication) -> None:
    """Found where it now reaches: the scene's index hears of the change."""
    scene = QGraphicsScene()
    card = CardItem("R1", CONTENT, 200.0, 80.0)
    scene.addItem(card)

    def found_below() -> bool:
        below = QRectF(95.0, 150.0, 10.0, 10.0)
        return card in scene.items(below, Qt.ItemSelectionMode.IntersectsItemBoundingRect)

    assert not found_below()
    card.set_lines(((100.0, 80.0, 100.0, 155.0),))
    assert found_below()
    card.set_lines(())
    assert not found_below()
