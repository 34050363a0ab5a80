"""The PDF's findings pages cite where each rule comes from by the text's title."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from orgmodel.open_chart import read_chart
from ui.render import ExportOptions, export_chart


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_findings_pages_cite_sources_by_title(qapp: object, samples: Path, tmp_path: Path) -> None:
    chart = read_chart(samples / "startup-fractional.orgm").chart
    target = tmp_path / "findings.pdf"
    export_chart(chart, target, ExportOptions(findings=True))
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert "Source: Fractional CMO vs fractional Marketing Director" in words
    assert "CMO vs Marketing Director: roles and responsibilities, ¶3\u20134" in words
    assert not re.search(r"[0-9]{3}_[0-9a-f]{16}\.txt|paragraph \d", words)
