"""Photos on cards: drawn at a readable zoom from a local file, read once per
size, and a file that is missing or no picture draws nothing and raises nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

from orgmodel.catalogue import load_catalogue
from orgmodel.model import Role
from orgmodel.photos import MAX_PHOTO_BYTES
from ui.appearance import CardContent, card_content
from ui.card_item import PHOTO_SIZE, TEXT_LOD, CardItem
from ui.photo_cache import PHOTO_SIDES, PhotoCache, photo_side

GREEN = QColor("#20b040")
WIDTH, HEIGHT = 224.0, 76.0


def picture(path: Path, width: int = 90, height: int = 60) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(GREEN)
    assert image.save(str(path))
    return path


def content(photo: str) -> CardContent:
    return CardContent(
        "Head of Brand", "Ada Quist", False, "Brand Manager", "", "#d9731a", None, photo=photo
    )


def drawn_card(photo: str, scale: float = 1.0) -> QImage:
    scene = QGraphicsScene()
    scene.addItem(CardItem("x", content(photo), WIDTH, HEIGHT))
    image = QImage(round(WIDTH * scale), round(HEIGHT * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), QRectF(0, 0, WIDTH, HEIGHT))
    painter.end()
    return image


def photo_middle(image: QImage, scale: float = 1.0) -> QColor:
    return image.pixelColor(round((14 + PHOTO_SIZE / 2) * scale), round(HEIGHT / 2 * scale))


def inked_left_of_text(image: QImage) -> bool:
    """Whether dark text is drawn where a card without a photo starts its text."""
    return any(image.pixelColor(x, y).lightness() < 100 for x in range(14, 40) for y in (16, 34))


def test_a_card_draws_its_photo_left_of_its_text(qapp: object, tmp_path: Path) -> None:
    photo = str(picture(tmp_path / "ada.png"))
    with_photo, without = drawn_card(photo), drawn_card("")
    assert photo_middle(with_photo) == GREEN
    assert photo_middle(without) == QColor("white")
    assert inked_left_of_text(without)
    assert not inked_left_of_text(with_photo)  # the text moved right of the photo


def test_far_out_a_card_draws_no_photo(qapp: object, tmp_path: Path) -> None:
    photo = str(picture(tmp_path / "ada.png"))
    scale = TEXT_LOD * 0.9  # where card text is not drawn either
    image = drawn_card(photo, scale)
    assert photo_middle(image, scale) == photo_middle(drawn_card("", scale), scale)


@pytest.mark.parametrize("kind", ["missing", "not a picture"])
def test_a_photo_that_cannot_be_read_draws_nothing(qapp: object, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ada.png"
    if kind == "not a picture":
        path.write_bytes(b"GIF89a, or so it says")
    image = drawn_card(str(path))
    assert image == drawn_card("")  # as if there were no photo: text where it always is


def test_each_file_is_read_once_and_scaled_to_the_sizes_drawn(qapp: object, tmp_path: Path) -> None:
    cache = PhotoCache()
    photo = str(picture(tmp_path / "ada.png", 600, 400))
    first = cache.image(photo, 40)
    assert first is not None and first.width() == first.height() == photo_side(40) == 64
    assert cache.image(photo, 50) is first  # the same size of image: not made again
    assert cache.image(photo, 20) is not None and cache.image(photo, 200) is not None
    assert cache.reads == 1  # zooming in and out scales the one read
    larger = cache.image(photo, 300)  # print resolution: read again, at that size
    assert larger is not None and larger.width() == 512 and cache.reads == 2
    assert photo_side(5000) == PHOTO_SIDES[-1]


def test_past_a_rounds_reading_time_a_card_gets_its_photo_a_moment_later(
    qapp: object, tmp_path: Path
) -> None:
    cache = PhotoCache(frame_budget=0.0)  # one file a round of painting
    paths = [str(picture(tmp_path / f"{name}.png")) for name in "ab"]
    scene = QGraphicsScene()
    card = CardItem("x", content(paths[1]), WIDTH, HEIGHT)
    scene.addItem(card)
    changed: list[object] = []
    scene.changed.connect(changed.append)
    assert cache.image(paths[0], 40, card) is not None
    assert cache.image(paths[1], 40, card) is None and cache.coming(paths[1])
    assert cache.reads == 1
    QApplication.processEvents()  # the round is over: the card is painted again
    assert changed and not cache.coming(paths[1])
    assert cache.image(paths[1], 40, card) is not None and cache.reads == 2
    # Exports wait for every photo: they paint once.
    assert cache.image(str(picture(tmp_path / "c.png")), 40) is not None


def test_a_photo_still_coming_keeps_the_text_in_its_place(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import card_item

    waiting = PhotoCache(frame_budget=0.0)
    # This round of painting has read its one file already.
    waiting.image(str(picture(tmp_path / "other.png")), 40, CardItem("y", content(""), 1, 1))
    monkeypatch.setattr(card_item, "PHOTOS", waiting)
    image = drawn_card(str(picture(tmp_path / "ada.png")))
    assert photo_middle(image) == QColor("#ececf0")  # a placeholder where the photo goes
    assert not inked_left_of_text(image)


def test_an_unreadable_file_is_tried_again_only_once_it_changes(
    qapp: object, tmp_path: Path
) -> None:
    cache = PhotoCache()
    path = tmp_path / "ada.png"
    assert cache.image(str(path), 40) is None and cache.reads == 0  # missing: not read
    path.write_bytes(b"no picture")
    assert cache.image(str(path), 40) is None and cache.reads == 1
    assert cache.image(str(path), 40) is None and cache.reads == 1
    picture(path)
    assert cache.image(str(path), 40) is not None and cache.reads == 2


def test_the_cache_lets_go_of_the_least_recently_drawn_past_its_budget(
    qapp: object, tmp_path: Path
) -> None:
    one_image = 64 * 64 * 4
    cache = PhotoCache(budget=2 * one_image)
    paths = [str(picture(tmp_path / f"{name}.png")) for name in "abc"]
    for path in paths:
        cache.image(path, 40)
    cache.image(paths[0], 40)  # kept: "a" was let go and is read again
    assert cache.reads == 4


def test_card_content_reads_a_relative_photo_from_the_chart_folder_and_hides_it_without_names(
    tmp_path: Path,
) -> None:
    catalogue = load_catalogue()
    role = Role("a", "CMO", "cmo", person="Ada Quist", photo="people/ada.png")
    shown = card_content(role, catalogue, None, folder=tmp_path)
    assert shown.photo == str(tmp_path / "people" / "ada.png")
    assert card_content(role, catalogue, None).photo == ""  # a new chart: no folder yet
    # A chart shared without names shows no faces either.
    assert card_content(role, catalogue, None, names=False, folder=tmp_path).photo == ""


def test_a_vacant_seat_shows_no_photo(tmp_path: Path) -> None:
    """The photo is of the person who held the seat: kept, but not on the card."""
    role = Role("a", "CMO", "cmo", photo=str(tmp_path / "ada.png"))
    assert card_content(role, load_catalogue(), None).photo == ""


def test_a_pipe_or_an_oversized_file_is_not_read(qapp: object, tmp_path: Path) -> None:
    """A named pipe would keep a read waiting for ever; a file of 40 MB is no portrait."""
    cache = PhotoCache()
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.png"
    with huge.open("wb") as file:
        file.truncate(MAX_PHOTO_BYTES + 1)
    for path in (pipe, huge, tmp_path / "nul\0.png"):
        assert cache.image(str(path), 40) is None
    assert cache.reads == 0
