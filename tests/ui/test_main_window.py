from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from orgmodel.loading import read_chart
from orgmodel.rules import validate
from ui.main_window import ROLE_ID, MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_opening_a_sample_shows_every_role_and_finding(window: MainWindow, samples: Path) -> None:
    path = samples / "overlaps-and-gaps.orgm"
    assert window.open_path(path)
    chart = read_chart(path).chart
    assert set(window.role_items()) == {role.id for role in chart}
    assert window.findings_view.topLevelItemCount() == len(validate(chart))
    assert window.statusBar().currentMessage() == "9 roles — 0 errors, 7 warnings, 0 infos"
    assert window.windowTitle() == "overlaps-and-gaps.orgm — Orgmodel"
    ceo = window.roles_view.topLevelItem(0)
    assert ceo is not None and ceo.data(0, ROLE_ID) == "G1"
    assert ceo.childCount() == 2


def test_roles_named_by_a_finding_are_marked(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    items = window.role_items()
    assert items["G2"].text(0).endswith("⚑")  # the CMO doing tactical work
    assert not items["G1"].text(0).endswith("⚑")  # the CEO is fine


def test_selecting_a_finding_selects_its_roles(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    overlap = next(
        window.findings_view.topLevelItem(i)
        for i in range(window.findings_view.topLevelItemCount())
        if window.findings_view.topLevelItem(i).text(1) == "strategy-overlap"  # type: ignore[union-attr]
    )
    assert overlap is not None
    overlap.setSelected(True)
    selected = {item.data(0, ROLE_ID) for item in window.roles_view.selectedItems()}
    assert selected == {"G2", "G3"}


def test_a_bad_file_gives_a_dialog_and_keeps_the_chart(
    window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "enterprise.orgm")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    broken = tmp_path / "broken.orgm"
    broken.write_bytes(b"\x00\x01binary")
    assert not window.open_path(broken)
    assert shown == ["broken.orgm: not a chart file (it contains binary data)"]
    assert window.chart is not None and window.chart.name == "enterprise"
    assert len(window.role_items()) == 26


def test_window_renders(window: MainWindow, samples: Path, tmp_path: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    image = window.grab().toImage()
    assert image.width() >= 800 and image.height() >= 500
    assert window.grab().save(str(tmp_path / "window.png"))
