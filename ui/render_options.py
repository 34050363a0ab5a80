"""What an export is asked for, the sizes it is drawn at, and how it fails."""

from __future__ import annotations

from typing import Literal

from attrs import frozen
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageSize

from ui.canvas import LayoutEngine

PageName = Literal["a4", "letter", "a3"]
Orientation = Literal["auto", "portrait", "landscape"]
Paging = Literal["auto", "one", "tile"]

PAGE_SIZES = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
    "a3": QPageSize.PageSizeId.A3,
}
SCENE_DPI = 96.0
"""Scene units are CSS pixels: 96 to the inch."""
ONE_PAGE_SCALE = 0.32
"""A chart that fits one page at this scale or more is printed on one page: a 13 px
title at 4.2 pt, small but one sheet, where tiling would take two or three."""
READABLE_SCALE = 0.42
"""The smallest scale (scene px to page pt) of tiled sheets: a 13 px title or name
prints at 5.5 pt, the 10 px kind line at 4.2 pt. Tiling also tries a tenth larger
(6 pt titles) and keeps it whenever it needs no more sheets."""
MARGIN_MM = 10.0
HEADER_PT = 22.0
LEGEND_ROW = 14.0
"""The height of a row of the legend."""
LEGEND_SAMPLE = 26.0
"""Room for a line style's sample in the legend, its label after it."""
IMAGE_MARGIN = 12.0
IMAGE_TEXT = 1.4
"""An image's title and legend are this much larger than a page's: an image is
seen at its own size, a page's text at the size of print."""
IMAGE_TITLE = 40.0
"""Above an image's chart (with the legend on): the title line."""
IMAGE_LEGEND = 30.0
"""Below an image's chart (with the legend on): the legend."""
MAX_IMAGE_PIXELS = 100_000_000
"""About 400 MB of image memory; larger PNGs need a lower DPI or a subtree."""


class ExportError(Exception):
    """An export that cannot be made; str() is one sentence for the user."""


class ExportCancelled(ExportError):
    """The user stopped the export; nothing was written."""


@frozen
class ExportOptions:
    page: PageName = "a4"
    orientation: Orientation = "auto"
    paging: Paging = "auto"
    dpi: int = 96
    subtree: str | None = None
    names: bool = True
    markers: bool = True
    legend: bool = True
    findings: bool = False
    """Add pages (PDF, print) listing the findings."""
    layout: LayoutEngine = "tidy"
    """The canvas' layout: the compact tidy tree, or Graphviz dot where it is fast enough."""
    collapsed: frozenset[str] = frozenset()
    """Roles whose teams are folded away, as on the canvas."""


def memory_file() -> QBuffer:
    """Where an export is made before it replaces the file whole (see write_atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


DEFAULT_OPTIONS = ExportOptions()
