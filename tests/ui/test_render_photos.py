"""Photos in exports: the rendered formats draw the scene, so photos come out
there too, read from the chart file's folder and sharp at print resolution."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from orgmodel.cli import main
from orgmodel.fileformat import save_chart
from orgmodel.model import Chart, Role
from ui.main_window import MainWindow
from ui.render import ExportOptions, export_chart

PHOTO_COLOUR = QColor("#12d04a")  # no kind, marker or line is drawn in it
needs_poppler = pytest.mark.skipif(
    shutil.which("pdfimages") is None, reason="poppler-utils is installed by `make test`"
)


def chart_with_photo(folder: Path) -> Path:
    image = QImage(300, 300, QImage.Format.Format_RGB32)
    image.fill(PHOTO_COLOUR)
    assert image.save(str(folder / "ada.png"))
    path = folder / "chart.orgm"
    roles = [
        Role("a", "CMO", "cmo", person="Ada Quist", photo="ada.png"),
        Role("b", "VP Marketing", "vp-marketing", person="Bo Lindqvist", manager="a"),
    ]
    save_chart(Chart("c", roles=roles), path)
    return path


def photo_pixels(path: Path) -> int:
    image = QImage(str(path))
    assert not image.isNull()
    wanted = PHOTO_COLOUR
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if (colour := image.pixelColor(x, y)).red() < wanted.red() + 12
        and abs(colour.green() - wanted.green()) < 12
        and abs(colour.blue() - wanted.blue()) < 12
    )


def test_the_cli_draws_a_relative_photo_read_from_the_charts_folder(
    qapp: object, tmp_path: Path
) -> None:
    source = str(chart_with_photo(tmp_path))
    out = io.StringIO()
    assert main(["export", source, "-o", str(tmp_path / "a.png"), "--dpi", "96"], out=out) == 0
    # 96 dpi: the 40-unit photo is 40 pixels across, a disc of about 1,250 pixels.
    assert 900 < photo_pixels(tmp_path / "a.png") < 1300
    no_names = ["export", source, "-o", str(tmp_path / "b.png"), "--dpi", "96", "--no-names"]
    assert main(no_names, out=out) == 0
    assert photo_pixels(tmp_path / "b.png") == 0  # a chart shared without names has no faces


def test_the_windows_export_draws_the_photo_too(window: MainWindow, tmp_path: Path) -> None:
    window.files.open_path(chart_with_photo(tmp_path), ask_to_save=False)
    target = tmp_path / "exported.png"
    assert window.files.export_to(target, ExportOptions(dpi=96))
    assert photo_pixels(target) > 900


@needs_poppler
def test_a_pdf_holds_the_photo_at_print_resolution(qapp: object, tmp_path: Path) -> None:
    from orgmodel.fileformat import load_chart
    from orgmodel.photos import resolved_photos

    chart = resolved_photos(load_chart(chart_with_photo(tmp_path)), tmp_path)
    export_chart(chart, tmp_path / "c.pdf", ExportOptions(paging="one", legend=False))
    listing = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "c.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    sizes = {(int(line.split()[3]), int(line.split()[4])) for line in listing if line.split()}
    # Not the screen's 64 pixels: a photo for print, at the size the page needs.
    assert sizes and all(width == height >= 128 for width, height in sizes)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-png",
            "-singlefile",
            str(tmp_path / "c.pdf"),
            str(tmp_path / "c"),
        ],
        check=True,
    )
    assert photo_pixels(tmp_path / "c.png") > 100


def test_an_svg_holds_the_photo_as_an_image(qapp: object, tmp_path: Path) -> None:
    source = str(chart_with_photo(tmp_path))
    assert main(["export", source, "-o", str(tmp_path / "c.svg")], out=io.StringIO()) == 0
    assert (tmp_path / "c.svg").read_text().count("<image") == 1
