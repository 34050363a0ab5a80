"""Undo and redo over a ChartDocument, as a Hypothesis state machine.

Rules add, delete, reparent, edit and import (a whole chart replaced as one
step), then undo and redo at random. A model of the history (a list of charts
and the index the stack stands at) says what the document must show; edits
that are refused (EditError) change nothing. After every step: the chart is
the model's, findings are validate(chart), edits never made a reporting loop,
and the stack is clean exactly when the model stands where setClean was last
called. At the end, undoing everything gives back the first chart and redoing
everything the latest.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import attrs
import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

# tests/conftest.py sets this too; repeated so the file also runs on its own.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from orgmodel.assistants import assistants
from orgmodel.catalogue import load_catalogue
from orgmodel.edits import (
    EditError,
    add_role,
    remove_roles,
    reparent,
    update_role,
)
from orgmodel.hierarchy import cycles
from orgmodel.importing.csv_reader import csv_table
from orgmodel.importing.pipeline import import_table
from orgmodel.layout import CHART_VIEW_OPTIONS
from orgmodel.model import Chart, Role
from orgmodel.rules import validate
from orgmodel.tidy_tree import tidy_tree
from ui.chart_scene import ChartScene
from ui.document import ChartDocument

APP = QApplication.instance() or QApplication(["test-undo-state-machine"])
CATALOGUE = load_catalogue()
KINDS = sorted(CATALOGUE.kinds)
RESPONSIBILITIES = sorted(CATALOGUE.responsibilities)

START = Chart(
    name="start",
    roles=[
        Role(id="A", title="Chief Executive Officer", kind="ceo", person="Ava Stone"),
        Role(id="B", title="Chief Marketing Officer", kind="cmo", person="Ben Ortiz", manager="A"),
        Role(id="C", title="VP Marketing", kind="vp-marketing", manager="B"),
        Role(id="D", title="SEO Specialist", kind="seo-specialist", person="Dev Rao", manager="C"),
        Role(
            id="E",
            title="Project Manager",
            kind="project-manager",
            manager="A",
            dotted_managers=("B",),
        ),
    ],
)

TITLES = ["CEO", "CMO", "VP Marketing", "Brand Manager", "SEO Specialist", "Copywriter", ""]
PEOPLE = st.one_of(st.none(), st.sampled_from(["Ava Stone", "Ben Ortiz", "Ünal Şahin", " "]))
INDICES = st.integers(min_value=0, max_value=10_000)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A small HR export whose managers are earlier rows, so it has no loops."""
    size = draw(st.integers(min_value=1, max_value=8))
    lines = ["Employee ID,Name,Job Title,Reports To,Responsibilities"]
    for n in range(size):
        manager = draw(st.one_of(st.none(), st.integers(0, n - 1))) if n else None
        name = draw(st.sampled_from(["", "Cara Lee", "Finn Hall", "Gia Park", "Hal Ng"]))
        title = draw(st.sampled_from(TITLES))
        held = draw(st.lists(st.sampled_from(RESPONSIBILITIES), max_size=3, unique=True))
        boss = "" if manager is None else f"X{manager}"
        lines.append(f"X{n},{name},{title},{boss},{';'.join(held)}")
    return "\n".join(lines) + "\n"


class UndoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.document = ChartDocument(START)
        # A canvas follows every edit, undo and redo, laying out only what changed.
        self.scene = ChartScene(self.document, CATALOGUE)
        # The model: every chart the history holds, and where the stack stands.
        self.history: list[Chart] = [START]
        self.index = 0
        self.clean_index: int | None = 0

    @property
    def chart(self) -> Chart:
        return self.history[self.index]

    def pick(self, index: int) -> Role:
        return self.chart.roles[index % len(self.chart.roles)]

    def apply(self, text: str, edit: Callable[[Chart], Chart]) -> None:
        """Apply an edit to the document and the model alike; a refusal changes nothing."""
        try:
            expected = edit(self.chart)
        except EditError:
            before = self.document.chart
            try:
                self.document.apply(text, edit)
            except EditError:
                pass
            else:  # pragma: no cover - the same pure edit cannot refuse only once
                raise AssertionError("the edit was refused on the model but not the document")
            assert self.document.chart is before
            return
        changed = self.document.apply(text, edit)
        assert changed == (expected != self.chart)
        if not changed:
            return
        if self.clean_index is not None and self.clean_index > self.index:
            self.clean_index = None  # the saved state was undone and then overwritten
        del self.history[self.index + 1 :]
        self.history.append(expected)
        self.index += 1

    # --- setup --------------------------------------------------------------

    @initialize()
    def start_clean(self) -> None:
        assert not self.document.modified

    # --- edits --------------------------------------------------------------

    @rule(kind=st.sampled_from(KINDS), manager=st.one_of(st.none(), INDICES))
    def add(self, kind: str, manager: int | None) -> None:
        boss = None if manager is None or not self.chart.roles else self.pick(manager).id
        self.apply("Add", lambda c: add_role(c, kind, boss, CATALOGUE)[0])

    @rule(picks=st.lists(INDICES, min_size=1, max_size=3))
    def delete(self, picks: list[int]) -> None:
        if not self.chart.roles:
            return
        ids = {self.pick(i).id for i in picks}
        self.apply("Delete", lambda c: remove_roles(c, ids))

    @rule(role=INDICES, manager=st.one_of(st.none(), INDICES))
    def move(self, role: int, manager: int | None) -> None:
        if not self.chart.roles:
            return
        role_id = self.pick(role).id
        boss = None if manager is None else self.pick(manager).id
        self.apply("Move", lambda c: reparent(c, role_id, boss))

    @rule(
        role=INDICES,
        title=st.one_of(st.none(), st.sampled_from(TITLES)),
        person=st.one_of(st.just(False), PEOPLE),
        held=st.one_of(st.none(), st.frozensets(st.sampled_from(RESPONSIBILITIES), max_size=4)),
        manager=st.one_of(st.just(-1), st.none(), INDICES),
    )
    def edit(
        self,
        role: int,
        title: str | None,
        person: str | bool | None,
        held: frozenset[str] | None,
        manager: int | None,
    ) -> None:
        if not self.chart.roles:
            return
        old = self.pick(role)
        new = attrs.evolve(
            old,
            title=old.title if title is None else title,
            person=old.person if isinstance(person, bool) else person,
            responsibilities=held,
            # update_role may move the role too; it must refuse a loop as reparent does.
            manager=old.manager
            if manager == -1
            else (None if manager is None else self.pick(manager).id),
        )
        self.apply("Edit", lambda c: update_role(c, new))

    @rule(text=csv_texts())
    def import_chart(self, text: str) -> None:
        imported = import_table(
            csv_table(text, "imported.csv"), "imported.csv", catalogue=CATALOGUE
        ).chart
        assert not list(cycles(imported))
        self.apply("Import", lambda _c: imported)

    # --- history ------------------------------------------------------------

    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self) -> None:
        assert self.document.undo_stack.canUndo()
        self.document.undo_stack.undo()
        self.index -= 1

    @precondition(lambda self: self.index < len(self.history) - 1)
    @rule()
    def redo(self) -> None:
        assert self.document.undo_stack.canRedo()
        self.document.undo_stack.redo()
        self.index += 1

    @rule()
    def mark_saved(self) -> None:
        self.document.undo_stack.setClean()
        self.clean_index = self.index

    # --- invariants ---------------------------------------------------------

    @invariant()
    def document_matches_model(self) -> None:
        stack = self.document.undo_stack
        assert self.document.chart == self.chart
        assert stack.index() == self.index
        assert stack.count() == len(self.history) - 1
        assert stack.canUndo() == (self.index > 0)
        assert stack.canRedo() == (self.index < len(self.history) - 1)

    @invariant()
    def no_reporting_loop(self) -> None:
        # The start chart and every imported chart are loop-free, so any loop
        # would have been made by an edit.
        assert not list(cycles(self.document.chart))

    @invariant()
    def findings_are_current(self) -> None:
        assert self.document.findings == validate(self.document.chart)

    @invariant()
    def canvas_matches_a_fresh_layout(self) -> None:
        chart = self.document.chart
        fresh = tidy_tree(chart, CHART_VIEW_OPTIONS, assistants=assistants(chart))
        assert self.scene.layout == fresh
        for role_id, box in fresh.boxes.items():
            card = self.scene.cards[role_id]
            assert self.scene.at_its_place(card), (role_id, card.pos(), box)
        assert self.scene.cards.keys() == fresh.boxes.keys()

    @invariant()
    def clean_means_saved_chart(self) -> None:
        clean = self.document.undo_stack.isClean()
        assert clean == (self.clean_index == self.index)
        assert self.document.modified == (not clean)
        if clean:
            assert self.clean_index is not None
            assert self.document.chart == self.history[self.clean_index]

    def teardown(self) -> None:
        stack = self.document.undo_stack
        try:
            latest = self.history[-1]
            while stack.canUndo():
                stack.undo()
            assert stack.index() == 0
            assert self.document.chart == START
            assert self.document.findings == validate(START)
            while stack.canRedo():
                stack.redo()
            assert self.document.chart == latest
            assert self.document.findings == validate(latest)
        finally:
            stack.clear()
            self.scene.deleteLater()
            self.document.deleteLater()


UndoMachine.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestUndoStateMachine = UndoMachine.TestCase
