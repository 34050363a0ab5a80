"""The handout's card text measured in DejaVu Sans, the font LibreOffice shows when
the theme's Calibri is missing: every card's text fits inside the card."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from bench.generate import generate_chart
from orgmodel.fileformat import load_chart
from orgmodel.model import Chart
from orgmodel.pptx_export import chart_to_pptx

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
MEASURED_AT = 100
"""Pixel size the text is measured at, then scaled: QFont takes whole pixels."""


def measured_height(text: str, points: float, bold: bool, width: float) -> float:
    """Height in points of ``text`` word-wrapped at ``width`` points; wider than
    ``width`` if a word does not fit on a line (inf then)."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(MEASURED_AT)
    font.setBold(bold)
    metrics = QFontMetricsF(font)
    wrap = width * MEASURED_AT / points
    used = metrics.boundingRect(QRectF(0, 0, wrap, 1e6), Qt.TextFlag.TextWordWrap, text)
    if used.width() > wrap + 0.5:
        return float("inf")
    return used.height() * points / MEASURED_AT


@pytest.mark.parametrize(
    "chart",
    [
        pytest.param(load_chart(SAMPLES / "enterprise.orgm"), id="enterprise"),
        pytest.param(generate_chart(400, seed=5), id="generated-400"),
    ],
)
def test_every_card_text_is_sized_to_fit_its_card(qapp: object, chart: Chart) -> None:
    deck = Presentation(io.BytesIO(chart_to_pptx(chart).data))
    cards = 0
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.name.startswith("role "):
                continue
            cards += 1
            frame = shape.text_frame
            width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
            height = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
            used = 0.0
            for paragraph in frame.paragraphs:
                (run,) = paragraph.runs
                assert run.font.size is not None, f"{shape.name} on slide {number}: no size"
                used += measured_height(run.text, run.font.size.pt, bool(run.font.bold), width)
            assert used <= height, (
                f"{shape.name} on slide {number}: text {used:.1f} pt high in {height:.1f} pt: "
                + " / ".join(p.runs[0].text for p in frame.paragraphs)
            )
    assert cards >= len(chart)
