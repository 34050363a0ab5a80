"""Exports read back: PDF text and pages, PNG size, SVG as XML, and hostile labels."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPageLayout

from orgmodel.cli import main
from orgmodel.fileformat import save_chart
from orgmodel.model import UNCLASSIFIED, Chart, Role
from orgmodel.open_chart import read_chart
from ui.main_window import MainWindow
from ui.render import ChartRenderer, ExportOptions, export_chart

from .conftest import Dialogs

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by `make test`"
)
HOSTILE_TITLE = 'VP "A" \\ <b>&amp; & Co'
HOSTILE_PERSON = "Zoë 🚀 O'Brien"
ARABIC = "مدير التسويق"
HEBREW = "דנה לוי"


def pdf_text(path: Path, *, layout: bool = True) -> str:
    """The PDF's text, laid out as on the page or (``layout`` False) in reading order."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    # Arabic comes back as presentation forms, and with bidi marks around it.
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    return "".join(element.text or "" for element in root.iter() if element.tag.endswith("text"))


def hostile_chart() -> Chart:
    return Chart(
        "hostile",
        roles=[
            Role("1", HOSTILE_TITLE, "ceo", HOSTILE_PERSON),
            Role("2", ARABIC, "cmo", HEBREW, manager="1"),
        ],
    )


@needs_poppler
def test_pdf_holds_titles_and_names_as_text(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "enterprise.orgm").chart
    target = tmp_path / "chart.pdf"
    assert export_chart(chart, target) == f"Wrote {target} (1 page)."
    text = pdf_text(target)
    # A long title takes two lines of its card (how many depends on the font).
    flowing = " ".join(pdf_text(target, layout=False).split())
    for role in chart:
        assert role.title[:18] in flowing
        if not role.vacant:
            assert role.person in text
    assert "Chief Operating Officer" in text  # no "ffi" ligature in the text layer


@needs_poppler
def test_pdf_without_names(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "enterprise.orgm").chart
    target = tmp_path / "chart.pdf"
    export_chart(chart, target, ExportOptions(names=False))
    text = pdf_text(target)
    assert "Chief Marketing Officer" in text
    assert not [role.person for role in chart if role.person and role.person in text]


@needs_poppler
def test_pdf_page_count_follows_the_tiling(qapp: object, tmp_path: Path) -> None:
    from bench.generate import generate_chart

    chart = generate_chart(400)
    renderer = ChartRenderer(chart, ExportOptions(paging="tile", page="a4"))
    _scale, pages = renderer.pages(renderer.page_layout())
    assert len(pages) > 1
    target = tmp_path / "tiled.pdf"
    # A tiled PDF opens with the overview page that shows how the sheets fit (issue 16).
    assert renderer.write_pdf(target) == len(pages) + 1
    assert pdf_pages(target) == len(pages) + 1
    one = tmp_path / "one.pdf"
    export_chart(chart, one, ExportOptions(paging="one"))
    assert pdf_pages(one) == 1


@needs_poppler
def test_findings_pages_list_every_finding(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "startup-fractional.orgm").chart
    target = tmp_path / "findings.pdf"
    export_chart(chart, target, ExportOptions(findings=True))
    assert pdf_pages(target) >= 2
    text = pdf_text(target)
    assert "[fractional-cmo-needs-marketing-lead]" in text
    assert text.count("WARNING [") + text.count("ERROR [") + text.count("INFO [") == 19


@needs_poppler
def test_subtree_export(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "enterprise.orgm").chart
    target = tmp_path / "marketing.pdf"
    export_chart(chart, target, ExportOptions(subtree="E220"))
    text = pdf_text(target)
    assert "Grace Liu" in text and "James Okafor" in text
    assert "Olivia Hart" not in text and "Priya Nair" not in text


def test_png_has_the_requested_size(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "overlaps-and-gaps.orgm").chart
    at_96 = ChartRenderer(chart).image_size()
    at_192 = ChartRenderer(chart, ExportOptions(dpi=192)).image_size()
    assert abs(at_192.width() - 2 * at_96.width()) <= 1
    assert abs(at_192.height() - 2 * at_96.height()) <= 1
    target = tmp_path / "chart.png"
    export_chart(chart, target, ExportOptions(dpi=192))
    image = QImage(str(target))
    assert (image.width(), image.height()) == (at_192.width(), at_192.height())
    assert round(image.dotsPerMeterX() * 0.0254) == 192


def test_svg_parses_and_holds_the_text(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "overlaps-and-gaps.orgm").chart
    target = tmp_path / "chart.svg"
    export_chart(chart, target)
    text = svg_text(target)
    for role in chart:
        assert role.person is not None and role.person in text


@needs_poppler
def test_hostile_labels_survive_every_format(qapp: object, tmp_path: Path) -> None:
    chart = hostile_chart()
    export_chart(chart, tmp_path / "h.pdf")
    export_chart(chart, tmp_path / "h.svg")
    export_chart(chart, tmp_path / "h.png")
    pdf = pdf_text(tmp_path / "h.pdf")
    svg = svg_text(tmp_path / "h.svg")
    for text in (pdf, svg):
        assert HOSTILE_TITLE in text
        assert ARABIC in text and HEBREW in text
        assert "Zoë" in text and "O'Brien" in text
    assert "🚀" in svg  # the PDF draws it, but only a font with the glyph puts it in the text
    assert not QImage(str(tmp_path / "h.png")).isNull()


def test_cli_export_formats_and_errors(
    qapp: object, samples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(samples / "enterprise.csv")
    out = io.StringIO()
    assert main(["export", source, "-o", str(tmp_path / "a.png"), "--dpi", "48"], out=out) == 0
    assert "at 48 dpi" in out.getvalue()
    assert main(["export", source, "-o", str(tmp_path / "a.svg"), "--no-names"], out=out) == 0
    assert "Olivia Hart" not in svg_text(tmp_path / "a.svg")
    assert main(["export", source, "-o", str(tmp_path / "a.doc")], out=out) == 2
    assert (
        main(["export", source, "-o", str(tmp_path / "b.pdf"), "--subtree", "nobody"], out=out) == 2
    )
    missing = tmp_path / "no such folder" / "c.pdf"
    assert main(["export", source, "-o", str(missing)], out=out) == 2
    (tmp_path / "d.pdf").mkdir()
    assert main(["export", source, "-o", str(tmp_path / "d.pdf")], out=out) == 2
    err = capsys.readouterr().err
    assert "use .pdf, .png, .svg, .pptx or .dot" in err
    assert "there is no role 'nobody'" in err
    assert f"the folder {missing.parent} does not exist" in err
    assert f"{tmp_path / 'd.pdf'} is a folder" in err


def test_cli_export_runs_without_a_display(samples: Path, tmp_path: Path) -> None:
    import os
    import sys

    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    target = tmp_path / "headless.pdf"
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("orgmodel")),
            "export",
            str(samples / "overlaps-and-gaps.orgm"),
            "-o",
            str(target),
            "--page",
            "letter",
            "--landscape",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 1000
    assert result.stdout.startswith(f"Wrote {target}")


def test_hostile_chart_file_round_trips_through_export(tmp_path: Path) -> None:
    save_chart(hostile_chart(), tmp_path / "h.orgm")
    assert read_chart(tmp_path / "h.orgm").chart == hostile_chart()


@needs_poppler
def test_print_uses_the_same_pages(window: object, samples: Path, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_path(samples / "overlaps-and-gaps.orgm")
    printer = window.printing._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    window.printing.print_to(printer)
    del printer
    text = pdf_text(tmp_path / "printed.pdf")
    assert "Victor Hughes" in text and "Chief Operating Officer" in text


def test_export_dialog_options_reach_the_file(
    window: object, samples: Path, tmp_path: Path
) -> None:
    from ui.export_dialog import ExportDialog
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_path(samples / "enterprise.orgm")
    dialog = ExportDialog(tmp_path / "out.pdf", "E220", window)
    dialog.path.setText(str(tmp_path / "marketing"))
    dialog.subtree.setChecked(True)
    dialog.names.setChecked(False)
    dialog.dpi.setValue(72)
    options = dialog.options()
    assert (options.subtree, options.names, options.dpi) == ("E220", False, 72)
    assert dialog.target() == tmp_path / "marketing.pdf"
    assert window.files.export_to(tmp_path / "marketing.svg", options)
    text = svg_text(tmp_path / "marketing.svg")
    assert "Marketing Manager" in text and "Grace Liu" not in text and "Chief Executive" not in text


def test_graphviz_layout_is_used_on_screen_and_in_export(
    window: object, samples: Path, tmp_path: Path, qtbot: object
) -> None:
    from orgmodel.graphviz_layout import dot_available, graphviz_layout
    from ui.main_window import MainWindow

    if not dot_available():
        pytest.skip("Graphviz is installed by `make test`")
    assert isinstance(window, MainWindow)
    window.open_path(samples / "overlaps-and-gaps.orgm")
    tidy = dict(window.scene.layout.boxes)
    window.dot_layout_action.trigger()
    assert window.settings.value("view/layout") == "dot"
    chart = window.document.chart
    expected = graphviz_layout(chart, window.scene.options)
    # The window runs Graphviz on a worker (tests/ui/test_layout_worker.py).
    qtbot.waitUntil(lambda: window.scene.layout == expected)  # type: ignore[attr-defined]
    assert window.scene.layout == expected and dict(expected.boxes) != tidy
    renderer = ChartRenderer(chart, ExportOptions(layout="dot"))
    assert renderer.scene.layout == expected


def test_each_tiled_page_gets_the_lines_that_cross_it(qapp: object) -> None:
    from PySide6.QtCore import QPointF, QRectF, QSizeF
    from PySide6.QtGui import QColor, QPainter

    from bench.generate import generate_chart
    from ui.canvas import CardItem

    chart = generate_chart(1500)
    renderer = ChartRenderer(chart, ExportOptions(paging="tile"))
    scene = renderer.scene
    layout = renderer.page_layout()
    scale, pages = renderer.pages(layout)
    assert len(pages) > 2
    page_width = renderer._chart_area(layout).width() / scale
    # A page draws the cards whose lines reach into it, never the whole chart's.
    for page in pages:
        drawn = [item for item in scene.items(page) if isinstance(item, CardItem)]
        assert len(drawn) < len(chart) / 2
    # A line longer than a page is drawn on every page it crosses.
    boxes = scene.layout.boxes
    role = max(
        (r for r in chart if r.manager and r.id not in scene.layout.stacked),
        key=lambda r: abs(boxes[r.id].center_x - boxes[r.manager or ""].center_x),
    )
    box, manager = boxes[role.id], boxes[role.manager or ""]
    left, right = sorted((box.center_x, manager.center_x))
    assert right - left > page_width
    middle = manager.bottom + (box.y - manager.bottom) / 2
    x = left + 10
    while x < right - 10:
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 8, 8), QRectF(QPointF(x - 4, middle - 4), QSizeF(8, 8)))
        painter.end()
        assert image.pixelColor(4, 4) != QColor("white"), f"no line at x={x}"
        x += page_width / 3


def test_png_too_large_for_memory_is_refused_with_advice(qapp: object, tmp_path: Path) -> None:
    from bench.generate import generate_chart

    renderer = ChartRenderer(generate_chart(3000), ExportOptions(dpi=600))
    with pytest.raises(Exception, match="too large; lower the DPI or export a subtree"):
        renderer.write_png(tmp_path / "huge.png")
    assert not (tmp_path / "huge.png").exists()


def test_app_exports_dot_and_refuses_an_empty_path(
    window: object, samples: Path, tmp_path: Path
) -> None:
    from ui.export_dialog import ExportDialog
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_path(samples / "enterprise.orgm")
    assert window.files.export_to(tmp_path / "chart.dot", ExportOptions(names=False))
    source = (tmp_path / "chart.dot").read_text("utf-8")
    assert "Chief Marketing Officer" in source and "Marcus Bell" not in source
    subprocess.run(["dot", "-Tcanon", str(tmp_path / "chart.dot")], check=True, capture_output=True)
    dialog = ExportDialog(tmp_path / "x.pdf", None, window)
    dialog.path.setText("  ")
    dialog.accept()
    assert dialog.result() == 0 and "Choose a file" in dialog.problem.text()
    dialog.path.setText(str(tmp_path / "report.v2"))
    assert dialog.target() == tmp_path / "report.v2.pdf"
    dialog.path.setText(str(tmp_path))
    assert dialog.target() is None


@needs_poppler
def test_print_and_export_fold_collapsed_teams_as_on_screen(
    window: object, samples: Path, tmp_path: Path
) -> None:
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E232"])
    window.collapse_action.trigger()
    assert window.files.export_to(tmp_path / "folded.pdf", ExportOptions())
    text = pdf_text(tmp_path / "folded.pdf")
    assert "Grace Liu" in text and "Leo Martin" not in text  # her team is folded


def test_a_renderer_validates_the_chart_once(
    qapp: object, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.document
    import ui.render
    from orgmodel.rules import incremental, validate

    validated: list[Chart] = []

    def counting(chart: Chart) -> object:
        validated.append(chart)
        return validate(chart)

    def counting_for_edits(chart: Chart) -> incremental.Validated:
        validated.append(chart)
        return incremental.validated(chart)

    monkeypatch.setattr(ui.render, "validate", counting)
    monkeypatch.setattr(ui.document, "validated", counting_for_edits)
    chart = read_chart(samples / "overlaps-and-gaps.orgm").chart
    renderer = ChartRenderer(chart)
    assert validated == [chart]
    assert renderer.document.findings == renderer.findings == validate(chart)


def test_images_carry_a_title_and_the_legend_unless_asked_not_to(
    qapp: object, samples: Path, tmp_path: Path
) -> None:
    chart = read_chart(samples / "enterprise.orgm").chart
    export_chart(chart, tmp_path / "framed.svg")
    text = svg_text(tmp_path / "framed.svg")
    assert "enterprise — established business" in text
    assert "0 errors, 0 warnings, 1 info" in text
    for entry in ("Marketing", "reports to", "dotted line", "info finding"):
        assert entry in text
    assert "reporting loop" not in text  # the chart has none
    export_chart(chart, tmp_path / "bare.svg", ExportOptions(legend=False))
    bare = svg_text(tmp_path / "bare.svg")
    assert "established business" not in bare and "reports to" not in bare
    framed = ChartRenderer(chart).image_size()
    plain = ChartRenderer(chart, ExportOptions(legend=False)).image_size()
    assert framed.height() > plain.height() and framed.width() >= plain.width()
    renderer = ChartRenderer(chart, ExportOptions(legend=False))
    assert (plain.width(), plain.height()) == (
        math.ceil(renderer.chart_rect.width()),
        math.ceil(renderer.chart_rect.height()),
    )


@needs_poppler
def test_the_pdf_legend_explains_the_line_styles_the_chart_uses(
    qapp: object, tmp_path: Path
) -> None:
    looped = Chart(
        "looped",
        roles=[
            Role("1", "CEO", "ceo", "Ann", manager="2"),
            Role("2", "CMO", "cmo", "Bob", manager="1"),
            Role("3", "SEO", "seo-specialist", "Cy", manager="2", dotted_managers=("1",)),
        ],
    )
    export_chart(looped, tmp_path / "looped.pdf")
    text = pdf_text(tmp_path / "looped.pdf")
    for entry in ("reports to", "dotted line", "reporting loop"):
        assert entry in text


def test_the_legend_wraps_to_the_page_and_an_image_is_wide_enough_for_its_title(
    qapp: object,
) -> None:
    long_name = Chart(
        "A company with a rather long name indeed",
        roles=[
            Role("1", "CEO", "ceo", "Ann", manager="2"),
            Role("2", "CMO", "cmo", "Bob", manager="1"),
            Role("3", "COO", "coo", "Cy", manager="1", dotted_managers=("2",)),
            Role("4", "CRO", "cro", "Di", manager="1"),
            Role("5", "Barista", UNCLASSIFIED, "Eve", manager="4"),
        ],
    )
    renderer = ChartRenderer(long_name, ExportOptions(orientation="portrait"))
    page = renderer.page_layout().paintRect(QPageLayout.Unit.Point).width()
    one_row = renderer.legend_size()
    wrapped = renderer.legend_size(page)
    assert one_row.width() > page  # too wide for the page in one row...
    assert wrapped.width() <= page and wrapped.height() > one_row.height()  # ...so it wraps
    entries = [label for _colour, label, _drawn in renderer.legend_entries]
    assert "reporting loop" in entries and "dotted line" in entries and "unclassified" in entries
    narrow = ChartRenderer(
        Chart("A company with a rather long name indeed", roles=[Role("1", "CEO", "ceo")])
    )
    assert narrow.image_size().width() > narrow.chart_rect.width() * 2  # room for the title


@pytest.mark.qt_log_ignore("QPainter::begin")  # the failed print, on purpose
def test_print_preview_paints_the_pages_and_a_failed_print_says_so(
    window: MainWindow,
    samples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    import gc

    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    window.open_path(samples / "enterprise.orgm")
    target = tmp_path / "preview.pdf"

    def preview(dialog: QPrintPreviewDialog) -> int:
        gc.collect()  # a printer nobody kept would be gone by now
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        dialog.paintRequested.emit(printer)  # what the preview does to show the pages
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    window.preview_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName("/no such folder/chart.pdf")
    printer.setDocName("enterprise")
    assert not window.printing.print_to(printer)
    assert dialogs.said[-1][0] == "Cannot print"
    assert "could not be opened for writing" in dialogs.said[-1][1]


def test_app_exports_powerpoint_as_the_command_line_does(
    window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    from pptx import Presentation

    window.open_path(samples / "enterprise.orgm")
    assert window.files.export_to(tmp_path / "app.pptx", ExportOptions(findings=True))
    assert (
        main(
            [
                "export",
                str(samples / "enterprise.orgm"),
                "-o",
                str(tmp_path / "cli.pptx"),
                "--findings",
            ],
            out=io.StringIO(),
        )
        == 0
    )

    def texts(path: Path) -> list[str]:
        return [
            shape.text_frame.text
            for slide in Presentation(str(path)).slides
            for shape in slide.shapes
            if shape.has_text_frame
        ]

    assert texts(tmp_path / "app.pptx") == texts(tmp_path / "cli.pptx")
    assert any("Marcus Bell" in text for text in texts(tmp_path / "app.pptx"))
    assert window.statusBar().currentMessage().endswith("slides.")
    # Refused the same way as on the command line, before any work.
    assert not window.files.export_to(tmp_path / "app.doc", ExportOptions())
    assert not (tmp_path / "app.doc").exists()
