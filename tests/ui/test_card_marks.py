"""The markers on the cards follow the findings edit by edit, as a full validation has them."""

from __future__ import annotations

import random

import attrs

from bench.generate import generate_chart
from orgmodel.edits import remove_roles, reparent, update_role
from orgmodel.rules import validate
from orgmodel.rules.validation import FindingsByRole
from ui.document import ChartDocument
from ui.main_window import MainWindow


def test_markers_follow_edits_undo_and_redo_as_a_full_validation_has_them(
    window: MainWindow,
) -> None:
    """Random moves, vacancies, kinds and deletions, with undo and redo: after
    each, every card shows the worst severity a full validation gives its role
    (the window is told which roles' severities changed rather than comparing
    them all, when it can)."""
    chart = generate_chart(400, 7)
    window.set_document(ChartDocument(chart))
    document, scene = window.document, window.scene
    rng = random.Random(7)
    kinds = ["cmo", "vp-marketing", "director-marketing", "unclassified", "coo"]

    def check() -> None:
        worst = FindingsByRole(validate(document.chart)).worst
        shown = {role_id: card.content.severity for role_id, card in scene.cards.items()}
        assert shown == {role_id: worst.get(role_id) for role_id in shown}

    for step in range(40):
        roles = document.chart.roles
        role, other = rng.choice(roles), rng.choice(roles)
        choice = step % 5
        if choice == 0:
            document.perform("move", lambda c, r=role.id, m=other.id: reparent(c, r, m))
        elif choice == 1:
            vacated = attrs.evolve(role, person=None if role.person else "Ada Park")
            document.perform("person", lambda c, r=vacated: update_role(c, r))
        elif choice == 2:
            kind = attrs.evolve(role, kind=rng.choice(kinds))
            document.perform("kind", lambda c, r=kind: update_role(c, r))
        elif choice == 3:
            document.perform("delete", lambda c, r=role.id: remove_roles(c, [r]))
        else:
            document.undo_stack.undo()
            check()
            document.undo_stack.redo()
        check()
