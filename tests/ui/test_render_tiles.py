"""The tiled PDF read back: an overview page naming every sheet, and sheets that say
where they are and where their lines go."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF

from bench.generate import generate_chart
from orgmodel.tiling import continuations
from ui.render import ChartRenderer, ExportCancelled, ExportOptions, export_chart

from .test_render import needs_poppler, pdf_pages


def page_text(path: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_poppler
def test_the_first_page_names_every_sheet_and_each_sheet_its_name_and_marks(
    qapp: object, tmp_path: Path
) -> None:
    chart = generate_chart(400)
    renderer = ChartRenderer(chart, ExportOptions(paging="tile", page="a4"))
    layout = renderer.page_layout()
    _scale, grid = renderer._tiling(layout)
    assert grid is not None and len(grid.printed) > 1
    target = tmp_path / "tiled.pdf"
    renderer.write_pdf(target)
    assert pdf_pages(target) == len(grid.printed) + 1
    overview = page_text(target, 1)
    assert f"How the {len(grid.printed)} sheets fit together" in overview
    for tile in grid.tiles:
        assert tile.name in overview
    marks = continuations(grid, renderer.scene.layout.boxes, {r.id: r.manager for r in chart})
    assert marks, "a 400-role chart over several sheets has lines between them"
    for page, tile in enumerate(grid.printed, start=2):
        text = page_text(target, page)
        assert f"sheet {tile.name}" in text
        for mark in marks.get(tile.name, []):
            wording = "continues on" if mark.outgoing else "reports to"
            assert f"{wording} {mark.other}" in text


@needs_poppler
def test_the_overview_of_hundreds_of_sheets_names_each_and_says_how_names_read(
    qapp: object, tmp_path: Path
) -> None:
    chart = generate_chart(5000)
    renderer = ChartRenderer(chart, ExportOptions(paging="tile", page="a4"))
    _scale, grid = renderer._tiling(renderer.page_layout())
    assert grid is not None and len(grid.printed) > 300, "too many sheets to list them all"
    target = tmp_path / "big.pdf"
    renderer.write_pdf(target)
    overview = page_text(target, 1)
    words = set(re.findall(r"[A-Z]+[0-9]+", overview))
    assert {tile.name for tile in grid.printed} <= words
    assert "column letters (A, B … Z, AA, AB …, left to right), then row number" in " ".join(
        overview.split()
    )


def test_no_continuation_mark_covers_a_card(qapp: object) -> None:
    # Deep stacks of reports fill sheets to their top edge, where marks used to go.
    chart = generate_chart(1500)
    renderer = ChartRenderer(chart, ExportOptions(paging="tile", page="a4"))
    layout = renderer.page_layout()
    scale, grid = renderer._tiling(layout)
    assert grid is not None
    area = renderer._chart_area(layout)
    boxes = renderer.scene.layout.boxes
    marks = continuations(grid, boxes, {r.id: r.manager for r in chart})
    checked = 0
    for tile in grid.printed:
        x0, y0, x1, y1 = tile.rect
        source = QRectF(x0, y0, x1 - x0, y1 - y0)
        target = QRectF(area.topLeft(), QSizeF(source.width() * scale, source.height() * scale))
        cards = [
            QRectF(
                target.left() + (box.x - x0) * scale,
                target.top() + (box.y - y0) * scale,
                box.width * scale,
                box.height * scale,
            )
            for box in boxes.values()
        ]
        labels = renderer.continuation_labels(marks.get(tile.name, []), source, target, scale)
        assert len(labels) == len(marks.get(tile.name, []))
        for index, (label, text) in enumerate(labels):
            assert target.contains(label), f"{text} on {tile.name} leaves the sheet"
            for card in cards:
                assert not label.intersects(card), f"{text} covers a card on {tile.name}"
            for other, _ in labels[index + 1 :]:
                assert not label.intersects(other), f"{text} covers another mark on {tile.name}"
            checked += 1
    assert checked > len(grid.printed) / 2


@needs_poppler
def test_a_chart_that_fits_one_page_has_no_overview(qapp: object, tmp_path: Path) -> None:
    target = tmp_path / "small.pdf"
    export_chart(generate_chart(12), target)
    assert pdf_pages(target) == 1
    assert "sheet" not in page_text(target, 1)


def test_a_cancelled_export_leaves_the_previous_file_as_it_was(
    qapp: object, tmp_path: Path
) -> None:
    target = tmp_path / "chart.pdf"
    target.write_bytes(b"the previous export")
    seen: list[tuple[int, int]] = []

    def stop_after_two(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    chart = generate_chart(400)
    try:
        export_chart(chart, target, ExportOptions(paging="tile"), progress=stop_after_two)
    except ExportCancelled:
        pass
    else:
        raise AssertionError("the export went on after it was cancelled")
    assert target.read_bytes() == b"the previous export"
    assert [done for done, _ in seen] == [1, 2]
    assert seen[0][1] > 2
