"""Photos on a PowerPoint handout's cards: a round picture at the card's left.

Each file is made a small square JPEG once (a camera's photo would otherwise go
into the file whole, on every slide it is on). A file that is missing or not a
picture puts nothing on the card.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageOps
from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide
from pptx.util import Emu, Inches

from orgmodel.model import Role
from orgmodel.photos import photo_file, photo_signature

PHOTO_PIXELS = 256
"""Sharp on a projected or printed card, small in the file."""
INSET = Inches(0.06)
SMALLEST_PHOTO = Inches(0.25)
"""A card too low for a photo this tall shows none: it would be a speck."""


@lru_cache(maxsize=256)
def _square_jpeg(path: str, _changed: tuple[int, int]) -> bytes | None:
    try:
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGBA")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    square = ImageOps.fit(image, (PHOTO_PIXELS, PHOTO_PIXELS), Image.Resampling.LANCZOS)
    flat = Image.new("RGB", square.size, "white")  # a transparent corner reads as white
    flat.paste(square, mask=square.getchannel("A"))
    stream = io.BytesIO()
    flat.save(stream, "JPEG", quality=88)
    return stream.getvalue()


def photo_jpeg(photo: str | None) -> bytes | None:
    """The role's photo as a small square JPEG; None with no readable picture."""
    found = photo_file(photo, None)  # an export's photos are absolute already
    signature = None if found is None else photo_signature(found)
    if found is None or signature is None:
        return None
    return _square_jpeg(str(found), signature)


def add_photo(slide: Slide, role: Role, left: int, top: int, height: int) -> int:
    """Put the role's photo, round, at the left of the card at (left, top); the
    room it takes from the card's text, 0 when there is no photo to show (a
    vacant seat shows none: the photo is of the person who held it)."""
    side = height - 2 * INSET
    if side < SMALLEST_PHOTO or role.vacant:
        return 0
    jpeg = photo_jpeg(role.photo)
    if jpeg is None:
        return 0
    picture = slide.shapes.add_picture(
        io.BytesIO(jpeg), Emu(left + INSET), Emu(top + INSET), Emu(side), Emu(side)
    )
    picture.auto_shape_type = MSO_SHAPE.OVAL
    picture.name = f"photo {role.id}"
    (properties,) = picture._element.xpath("p:nvPicPr/p:cNvPr")
    properties.set("descr", role.person or role.title)  # the picture's alt text
    return side + INSET
