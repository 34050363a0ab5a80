"""The app opens every file of the stored hostile corpus without losing the
chart already open: a refusal is a dialog with the reader's one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.corpus import Expected, stored_corpus
from ui.import_dialog import ImportPreviewDialog
from ui.main_window import MainWindow

from .conftest import Dialogs


@pytest.mark.parametrize("entry", stored_corpus(), ids=lambda entry: entry.path.name)
def test_open_reads_or_refuses_and_keeps_the_open_chart(
    window: MainWindow,
    samples: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    entry: Expected,
) -> None:
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 1)
    window.open_path(samples / "enterprise.orgm")
    before = window.document.chart
    opened = window.open_path(entry.path)
    if entry.refused is not None:
        assert not opened
        title, text = dialogs.said[-1]
        assert title == ("Cannot import" if entry.path.suffix == ".csv" else "Cannot open chart")
        assert entry.refused in text
        assert window.document.chart is before
        assert window.document.path == samples / "enterprise.orgm"
        return
    assert opened
    assert len(window.document.chart) == entry.roles
    assert set(entry.rules) <= {finding.rule for finding in window.document.findings}
    assert set(window.scene.cards) == {role.id for role in window.document.chart}
