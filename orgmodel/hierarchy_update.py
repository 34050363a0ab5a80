"""The hierarchy's indexes of a chart, carried over from the chart an edit started from.

A chart remembers what is worked out from it (``Chart.derived``): its forest,
team sizes, assistants, roles with dotted lines, reporting loops and role
positions are each a pass over every role. After an edit that kept every
role, in the same order, with no reporting loop before or after, they follow
from the old chart's and the edit's change record, touching only the roles
it changed. ``carry_over``
hands them to the new chart; what it cannot carry over is worked out afresh
when first asked for.
"""

from __future__ import annotations

from collections.abc import Mapping

from orgmodel.assistants import assistants, assistants_after
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import (
    find_loops,
    forest,
    on_a_loop,
    team_sizes,
    with_dotted_lines,
)
from orgmodel.model import Chart, Role, role_positions
from orgmodel.role_lists import CopiedOnWrite


def carry_over(before: Chart, after: Chart, record: ChangeRecord) -> None:
    """Give ``after``, an edit of ``before`` (``record`` says what changed), the
    hierarchy indexes ``before`` has worked out, updated for the edit."""
    if before is after or record.reordered or record.added or record.removed:
        return
    if not before.remembers(find_loops) or before.derived(find_loops):
        return  # loops decide which role of a loop heads it: worked out afresh
    if any(on_a_loop(after, role_id) for role_id in record.moved):
        return
    no_loops: tuple[tuple[Role, ...], ...] = ()
    after.remember(find_loops, no_loops)
    if before.remembers(role_positions):  # the same roles in the same order
        after.remember(role_positions, before.derived(role_positions))
    if before.remembers(with_dotted_lines) and not record.dotted:
        after.remember(with_dotted_lines, before.derived(with_dotted_lines))
    if before.remembers(forest):
        after.remember(forest, _forest_after(before, after, record))
    if before.remembers(assistants) and before.remembers(forest):
        after.remember(assistants, assistants_after(before, after, record))
    if before.remembers(team_sizes):
        sizes = _team_sizes_after(before, after, record)
        if sizes is not None:
            after.remember(team_sizes, sizes)


def _forest_after(
    before: Chart, after: Chart, record: ChangeRecord
) -> dict[str | None, list[Role]]:
    """With no loop and no role gone, a role's place in the forest is under its
    manager, or among the roots when it has none in the chart."""
    children = dict(before.derived(forest))
    teams = CopiedOnWrite(children)  # the lists are shared with the chart before
    positions = after.derived(role_positions)
    for role_id in dict.fromkeys(record.moved + record.changed):
        old, new = before.role(role_id), after.role(role_id)
        teams.take_out(_key(before, old), old, positions)
        teams.put_in(_key(after, new), new, positions)
    children.setdefault(None, [])  # forest() always lists the roots, if none
    return children


def _key(chart: Chart, role: Role) -> str | None:
    return role.manager if role.manager in chart else None


def _team_sizes_after(
    before: Chart, after: Chart, record: ChangeRecord
) -> Mapping[str, tuple[int, int]] | None:
    """One role moved (with everyone below it): the managers above it before lose
    its team, those above it after gain it. None for several moves."""
    sizes = before.derived(team_sizes)
    if not record.moved:
        return sizes  # no reporting line changed
    if len(record.moved) > 1:
        return None
    role_id = record.moved[0]
    moving = 1 + sizes.get(role_id, (0, 0))[1]
    updated = dict(sizes)
    for chart, sign in ((before, -1), (after, 1)):
        manager = chart.get(chart.role(role_id).manager)
        step = sign  # a direct report of the first manager only
        while manager is not None:
            direct, total = updated.get(manager.id, (0, 0))
            direct, total = direct + step, total + sign * moving
            if direct:
                updated[manager.id] = (direct, total)
            else:
                updated.pop(manager.id, None)
            step = 0
            manager = chart.get(manager.manager)
    return updated
