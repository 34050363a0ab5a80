"""Moving cards to a new layout, and giving new line shares to the cards whose
place changed against their manager or reports (see orgmodel.card_lines)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from orgmodel.card_lines import card_lines
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import forest
from orgmodel.layout import Box, Layout
from orgmodel.model import Chart
from ui.card_item import CardItem

Shift = tuple[float, float]
NO_SHIFT: Shift = (0.0, 0.0)


def place_cards(
    cards: Mapping[str, CardItem],
    before: Mapping[str, Box],
    after: Mapping[str, Box],
    candidates: Iterable[str],
    created: Collection[str],
) -> dict[str, Shift]:
    """Move the cards of ``candidates`` whose boxes moved from ``before`` to
    ``after`` (cards just made are in place); how far each moved."""
    shifts: dict[str, Shift] = {}
    for role_id in candidates:
        box, old = after.get(role_id), before.get(role_id)
        if box is None or old is None or old is box or role_id in created:
            continue
        shift = (box.x - old.x, box.y - old.y)
        if shift != NO_SHIFT:
            card = cards[role_id]
            card.setPos(box.x, box.y)
            card.block.moveTo(box.x, box.y)
            shifts[role_id] = shift
    return shifts


def shifted_apart(chart: Chart, shifts: Mapping[str, Shift]) -> set[str]:
    """The cards whose place changed against their manager's or a report's: a
    card moved along with its manager keeps its share of the lines."""
    children = chart.derived(forest)
    apart: set[str] = set()
    for role_id, shift in shifts.items():
        role = chart.get(role_id)
        manager = None if role is None else role.manager
        if manager is not None and shifts.get(manager, NO_SHIFT) != shift:
            apart.add(role_id)
            apart.add(manager)
        for report in children.get(role_id, ()):
            if shifts.get(report.id, NO_SHIFT) != shift:
                apart.add(role_id)
                apart.add(report.id)
    return apart


def joined_anew(
    before: Chart, after: Chart, record: ChangeRecord, old: Layout, new: Layout
) -> set[str]:
    """Roles whose lines an edit may have changed whatever moved: those it
    touched and their managers before and after, and the managers of cards
    that joined or left a column or a manager's side, or of a column that changed."""
    roles = {*record.touched, *record.removed}
    roles |= old.stacked ^ new.stacked
    roles |= old.beside_manager ^ new.beside_manager
    joined = set(roles)
    for chart in (before, after):
        for role_id in roles:
            role = chart.get(role_id)
            if role is not None and role.manager is not None:
                joined.add(role.manager)
    if old.columns != new.columns:
        joined.update(
            leader
            for leader in old.columns.keys() | new.columns.keys()
            if old.columns.get(leader) != new.columns.get(leader)
        )
    return joined


def draw_card_lines(
    cards: Mapping[str, CardItem], chart: Chart, layout: Layout, role_ids: Iterable[str]
) -> None:
    """Give these roles' cards their share of the solid lines in ``layout``."""
    children = chart.derived(forest)
    for role_id in role_ids:
        card = cards.get(role_id)
        role = chart.get(role_id)
        if card is not None and role is not None:
            reports = [report.id for report in children.get(role_id, ())]
            card.set_lines(card_lines(layout, role_id, role.manager, reports))
