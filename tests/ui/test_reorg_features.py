"""Spans and layers tab, New from template and Compare with… in the window."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest
from PySide6.QtWidgets import QDialog

from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import Chart, Role
from orgmodel.rules import validate
from orgmodel.spans import spans_and_layers
from orgmodel.templates import load_template, template_names
from ui.compare_export import changes_html
from ui.compare_view import ChangeMark
from ui.import_dialog import ImportPreviewDialog
from ui.main_window import MainWindow
from ui.template_dialog import TemplateDialog

from .conftest import Dialogs
from .test_render import pdf_text


def test_spans_tab_selects_the_managers_of_a_band(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    spans = window.reorg.spans
    assert window.views.tabText(window.views.indexOf(spans)) == "Spans and layers"
    window.views.setCurrentWidget(spans)
    assert "at most 8 direct reports" in spans.limit.text()
    row = spans.band_row("1")
    assert spans.bands.item(row, 1).text() == "5"
    spans.bands.selectRow(row)
    selected = set(window.scene.selected_role_ids())
    assert selected == {"E200", "E300", "E231", "E310", "E320"}
    # The band follows edits: the director moves up beside the VP, so the CMO
    # leaves the band and the VP, left with one report, joins it.
    chart = window.document.chart
    window.document.apply(
        "Move", lambda c: c.with_role(attrs.evolve(chart.role("E220"), manager="E200"))
    )
    spans.bands.clearSelection()
    spans.bands.selectRow(spans.band_row("1"))
    assert set(window.scene.selected_role_ids()) == {"E210", "E300", "E231", "E310", "E320"}


def test_a_hidden_spans_tab_works_its_figures_out_when_shown(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.show()
    spans = window.reorg.spans
    window.views.setCurrentIndex(0)
    assert not spans.isVisible()
    worked_out: list[Chart] = []

    def counting(chart: Chart, *args: object) -> object:
        worked_out.append(chart)
        return spans_and_layers(chart, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("ui.spans_view.spans_and_layers", counting)
    chart = window.document.chart
    window.document.apply(
        "Move", lambda c: c.with_role(attrs.evolve(chart.role("E220"), manager="E200"))
    )
    assert worked_out == []  # an edit while the tab is hidden works nothing out
    window.views.setCurrentWidget(spans)
    assert spans.isVisible()
    assert worked_out == [window.document.chart]
    assert spans.bands.item(spans.band_row("1"), 1).text() == "5"
    assert worked_out == [window.document.chart]  # once per chart shown


@pytest.mark.parametrize("name", template_names())
def test_new_from_template_opens_the_template(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    def pick(dialog: TemplateDialog) -> int:
        dialog.choose(name)
        assert load_template(name).name in dialog.description.text()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TemplateDialog, "exec", pick)
    window.reorg.template_action.trigger()
    template = load_template(name)
    assert window.document.chart == template.chart
    assert window.document.path is None
    assert set(window.scene.cards) == {role.id for role in template.chart.roles}
    assert {f.rule for f in window.document.findings} == {"vacancy"}
    assert validate(template.chart) == window.document.findings


def test_a_planned_seat_is_shown_toggled_and_ended_by_naming_someone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pick(dialog: TemplateDialog) -> int:
        dialog.choose("startup")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TemplateDialog, "exec", pick)
    window.reorg.template_action.trigger()
    ceo = next(r for r in window.document.chart.roles if r.kind == "ceo")
    assert not [f for f in window.document.findings if f.severity != "info"]
    window.scene.select_roles([ceo.id])
    inspector = window.inspector
    assert inspector.planned.isChecked() and inspector.planned.isEnabled()
    stack = window.document.undo_stack
    steps = stack.count()
    inspector.planned.setChecked(False)  # no longer a plan: an empty seat again
    assert stack.count() == steps + 1
    assert not window.document.chart.role(ceo.id).planned
    vacancy = next(f for f in window.document.findings if f.roles == (ceo.id,))
    assert vacancy.severity == "warning"
    stack.undo()
    assert window.document.chart.role(ceo.id).planned and inspector.planned.isChecked()
    inspector.person.setText("Ada Quist")
    inspector.person.editingFinished.emit()
    held = window.document.chart.role(ceo.id)
    assert held.person == "Ada Quist" and not held.planned
    assert not inspector.planned.isEnabled()  # only an empty seat can be planned
    assert stack.count() == steps + 1


def test_compare_marks_the_moved_card_and_lists_the_change(
    window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    original = load_chart(samples / "enterprise.orgm")
    # The content specialist moves from the marketing manager to the director.
    moved = original.role("E241")
    reorganised = original.with_role(attrs.evolve(moved, manager="E220"))
    save_chart(reorganised, tmp_path / "reorg.orgm")
    window.open_path(tmp_path / "reorg.orgm")
    assert window.reorg.compare_with_path(samples / "enterprise.orgm")
    assert window.reorg.changes_dock.isVisibleTo(window)
    rows = [item.text(0) for item in window.reorg.changes.items()]
    line = "Mia Rossi (Content Marketing Specialist) moved: Grace Liu (Marketing Manager) → "
    assert any(text.startswith(line + "James Okafor") for text in rows)
    marks = [i for i in window.scene.cards["E241"].childItems() if isinstance(i, ChangeMark)]
    assert [(m.how, m.tag) for m in marks] == [("moved", "from Grace Liu (Marketing Manager)")]
    assert not any(isinstance(i, ChangeMark) for i in window.scene.cards["E240"].childItems())

    item = next(i for i in window.reorg.changes.items() if i.text(0).startswith(line))
    window.reorg.changes.tree.itemClicked.emit(item, 0)
    assert window.scene.selected_role_ids() == ["E241"]

    assert window.reorg.export_changes(tmp_path / "changes.pdf")
    assert (tmp_path / "changes.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        chart_page, *text_pages = pdf_text(tmp_path / "changes.pdf").split("\f")
        # The first page draws the new chart with the moved card marked.
        assert "reorg.orgm compared with enterprise.orgm" in chart_page
        assert "from Grace Liu" in chart_page and "Mia Rossi" in chart_page
        assert "moved: 1" in chart_page
        assert " ".join(line.split()) in " ".join(" ".join(text_pages).split())
    session = window.reorg.session
    assert session is not None and session.diff is not None
    page = changes_html(session.diff, "enterprise.orgm", "reorg.orgm")
    assert "reorg.orgm compared with enterprise.orgm" in page
    assert line in page
    assert window.reorg.changes_dock.isVisibleTo(window)

    # Moving the card back in the open chart leaves no move to list or mark.
    window.document.apply("Back", lambda c: c.with_role(moved))
    assert not any(i.text(0).startswith(line) for i in window.reorg.changes.items())
    assert not any(isinstance(i, ChangeMark) for i in window.scene.cards["E241"].childItems())
    window.reorg.stop_compare()
    assert not window.reorg.changes_dock.isVisibleTo(window)


def test_compare_with_an_unreadable_file_says_why(
    window: MainWindow, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    (tmp_path / "broken.orgm").write_text("{", encoding="utf-8")
    assert not window.reorg.compare_with_path(tmp_path / "broken.orgm")
    assert window.reorg.session is None


def test_compare_with_a_file_needing_a_mapping_opens_the_mapping(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tmp_path / "before.csv"
    before.write_text(
        "Badge,Name,Title,Manager\nB1,Ana Lima,CEO,\nB2,Ana Lima,CMO,B1\n"
        "B3,Bo Ek,Brand Manager,B2\n",
        encoding="utf-8",
    )
    after = tmp_path / "after.orgm"
    save_chart(
        Chart(
            "after",
            roles=[
                Role("B1", "CEO", "ceo", "Ana Lima"),
                Role("B2", "CMO", "cmo", "Ana Lima", manager="B1"),
                Role("B3", "Brand Manager", "brand-manager", "Bo Ek", manager="B1"),
            ],
        ),
        after,
    )
    window.open_path(after)
    shown: list[ImportPreviewDialog] = []

    def choose_badge(dialog: ImportPreviewDialog) -> int:
        shown.append(dialog)
        dialog.choosers["id"].setCurrentText("Badge")
        return 1 if dialog.reread() else 0

    monkeypatch.setattr(ImportPreviewDialog, "exec", choose_badge)
    assert window.reorg.compare_with_path(before)
    assert shown, "the mapping dialog was not offered"
    rows = [item.text(0) for item in window.reorg.changes.items()]
    assert any(row.startswith("Bo Ek (Brand Manager) moved") for row in rows), rows
    # Cancelling the mapping compares nothing.
    window.reorg.stop_compare()
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 0)
    assert not window.reorg.compare_with_path(before)
    assert window.reorg.session is None


def test_compare_with_saved_version_lists_unsaved_edits(
    window: MainWindow, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    window.reorg.compare_saved_action.trigger()
    assert dialogs.said[-1][0] == "Compare with saved version"  # nothing saved yet
    assert window.reorg.session is None
    save_chart(load_chart(samples / "enterprise.orgm"), tmp_path / "ours.orgm")
    window.open_path(tmp_path / "ours.orgm")
    window.document.apply("Remove", lambda c: c.with_roles(r for r in c.roles if r.id != "E250"))
    window.reorg.compare_saved_action.trigger()
    rows = [item.text(0) for item in window.reorg.changes.items()]
    removed = "The vacant Web Marketing Specialist seat removed (reported to Grace Liu"
    assert rows[0] == removed + " (Marketing Manager))"
    assert "[vacancy] info: The Web Marketing Specialist seat is vacant." in rows  # resolved
    assert "ours.orgm as saved" in window.reorg.changes.summary.text()
    assert "1 change, 1 finding resolved, 1 new" in window.reorg.changes.summary.text()
    # Opening another chart ends the compare.
    window.document.undo_stack.setClean()
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert window.reorg.session is None and not window.reorg.changes.items()
