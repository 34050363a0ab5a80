"""The one door for edits: one undo step, one change record, one refusal path."""

from __future__ import annotations

from orgmodel.change_record import ChangeRecord
from orgmodel.edits import EditError
from orgmodel.model import Chart, Role
from ui.document import ChartDocument


def test_an_edit_pushes_one_step_and_records_its_change(qapp: object) -> None:
    document = ChartDocument(Chart("T", roles=(Role(id="a", title="A", kind="cmo"),)))
    records: list[ChangeRecord] = []
    document.changed.connect(records.append)
    added = Role(id="b", title="B", kind="specialist", manager="a")
    assert document.perform("Add", lambda c: c.with_role(added))
    assert document.undo_stack.count() == 1
    assert records == [ChangeRecord(added=("b",))]
    document.undo_stack.undo()
    assert records[-1] == ChangeRecord(removed=("b",))
    document.undo_stack.redo()
    assert records[-1] == ChangeRecord(added=("b",))
    assert document.last_change == ChangeRecord(added=("b",))


def test_a_refusal_takes_the_one_refusal_path_and_changes_nothing(qapp: object) -> None:
    document = ChartDocument(Chart("T", roles=(Role(id="a", title="A", kind="cmo"),)))
    refusals: list[str] = []
    records: list[ChangeRecord] = []
    document.edit_refused.connect(refusals.append)
    document.changed.connect(records.append)

    def refused(_chart: Chart) -> Chart:
        raise EditError("No.")

    assert not document.perform("Refused", refused)
    assert refusals == ["No."]
    assert records == []
    assert document.undo_stack.count() == 0
