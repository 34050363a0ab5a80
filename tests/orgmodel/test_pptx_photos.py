"""Photos on a PowerPoint handout's cards, read back with python-pptx: a small
round picture inside the card, the card's text moved right of it."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.slide import Slide

from orgmodel.cli import main
from orgmodel.fileformat import save_chart
from orgmodel.model import Chart, Role
from orgmodel.pptx_export import chart_to_pptx
from orgmodel.pptx_photos import PHOTO_PIXELS


def picture(path: Path, size: tuple[int, int] = (900, 600)) -> str:
    Image.new("RGB", size, "#12d04a").save(path)
    return str(path)


def chart(photos: dict[str, str | None]) -> Chart:
    return Chart(
        "c",
        roles=[
            Role("a", "CMO", "cmo", person="Ada Quist", photo=photos.get("a")),
            Role(
                "b",
                "VP Marketing",
                "vp-marketing",
                "Bo Lindqvist",
                manager="a",
                photo=photos.get("b"),
            ),
            Role("c", "Brand Manager", "brand-manager", manager="b", photo=photos.get("c")),
        ],
    )


def first_slide(handout_chart: Chart, names: bool = True) -> Slide:
    data = chart_to_pptx(handout_chart, names=names).data
    return Presentation(io.BytesIO(data)).slides[0]


def photos_on(slide: Slide) -> dict[str, Any]:
    return {
        shape.name.removeprefix("photo "): shape
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    }


def test_a_photo_is_a_small_round_picture_inside_its_card(tmp_path: Path) -> None:
    slide = first_slide(chart({"a": picture(tmp_path / "ada.png")}))
    (photo,) = photos_on(slide).values()
    card = next(shape for shape in slide.shapes if shape.name == "role a")
    assert photo.name == "photo a"
    assert photo.auto_shape_type == MSO_SHAPE.OVAL
    # A square, cut from the middle of the 900 x 600 photo and made small.
    assert photo.image.size == (PHOTO_PIXELS, PHOTO_PIXELS)
    assert photo.image.content_type == "image/jpeg"
    for side in ("left", "top"):
        assert getattr(photo, side) > getattr(card, side)
    assert photo.left + photo.width < card.left + card.width
    assert photo.top + photo.height < card.top + card.height
    # The text starts right of the photo; a card without one keeps its margin.
    assert card.text_frame.margin_left > photo.left + photo.width - card.left
    plain = next(shape for shape in slide.shapes if shape.name == "role b")
    assert plain.text_frame.margin_left < card.text_frame.margin_left
    assert "Ada Quist" in card.text_frame.text


def test_no_photo_for_a_missing_file_a_non_picture_a_vacant_seat_or_a_shared_structure(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.png").write_text("not a picture")
    os.mkfifo(tmp_path / "pipe.png")  # read, it would keep the export waiting for ever
    photos = {
        "a": str(tmp_path / "gone.png"),
        "b": str(tmp_path / "notes.png"),
        "c": picture(tmp_path / "cy.png"),  # the seat is vacant: the photo was of its holder
    }
    assert photos_on(first_slide(chart(photos))) == {}
    assert photos_on(first_slide(chart({"a": str(tmp_path / "pipe.png")}))) == {}
    shared = first_slide(chart({"a": picture(tmp_path / "ada.png")}), names=False)
    assert photos_on(shared) == {}


def test_the_cli_reads_a_relative_photo_from_the_chart_folder(tmp_path: Path) -> None:
    picture(tmp_path / "ada.png")
    save_chart(chart({"a": "ada.png"}), tmp_path / "c.orgm")
    out = io.StringIO()
    assert main(["export", str(tmp_path / "c.orgm"), "-o", str(tmp_path / "c.pptx")], out=out) == 0
    slide = Presentation(str(tmp_path / "c.pptx")).slides[0]
    assert list(photos_on(slide)) == ["a"]
