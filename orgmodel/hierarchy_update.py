"""The hierarchy's indexes of a chart, carried over from the chart an edit started from.

A chart remembers what is worked out from it (``Chart.derived``): its forest,
team sizes, assistants, roles with dotted lines, reporting loops and role
positions are each a pass over every role. After an edit that kept every
role, in the same order, and at most added roles after them that nobody
named as a manager before, with no reporting loop before or after, they
follow from the old chart's and the edit's change record, touching only the
roles it changed. ``carry_over`` hands them to the new chart; what it cannot
carry over is worked out afresh when first asked for.
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
    if before is after or record.reordered or record.removed:
        return
    if not before.remembers(find_loops) or before.derived(find_loops):
        return  # loops decide which role of a loop heads it: worked out afresh
    if record.added and not _appended(before, after, record):
        return
    if any(on_a_loop(after, role_id) for role_id in record.moved):
        return
    no_loops: tuple[tuple[Role, ...], ...] = ()
    after.remember(find_loops, no_loops)
    if before.remembers(role_positions) and not record.added:  # same roles, same order
        after.remember(role_positions, before.derived(role_positions))
    dotted_added = any(after.role(role_id).dotted_managers for role_id in record.added)
    if before.remembers(with_dotted_lines) and not record.dotted and not dotted_added:
        after.remember(with_dotted_lines, before.derived(with_dotted_lines))
    if before.remembers(forest):
        after.remember(forest, _forest_after(before, after, record))
    if before.remembers(assistants) and before.remembers(forest):
        after.remember(assistants, assistants_after(before, after, record))
    if before.remembers(team_sizes):
        sizes = _team_sizes_after(before, after, record)
        if sizes is not None:
            after.remember(team_sizes, sizes)


def _appended(before: Chart, after: Chart, record: ChangeRecord) -> bool:
    """Whether the roles the edit added come after every kept role and lead
    nobody: none reports to another added one (nor to itself), and no role
    named one of them as its manager before it was there (such a role was a
    root then; with the forest remembered, only the roots are read)."""
    kept = len(before.roles)
    if tuple(role.id for role in after.roles[kept:]) != record.added:
        return False
    if not before.remembers(forest):
        return False
    added = set(record.added)
    if any(role.manager in added for role in after.roles[kept:]):
        return False
    return not any(root.manager in added for root in before.derived(forest)[None])


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
    for role_id in record.added:
        new = after.role(role_id)
        teams.put_in(_key(after, new), new, positions)
    children.setdefault(None, [])  # forest() always lists the roots, if none
    return children


def _key(chart: Chart, role: Role) -> str | None:
    return role.manager if role.manager in chart else None


def _team_sizes_after(
    before: Chart, after: Chart, record: ChangeRecord
) -> Mapping[str, tuple[int, int]] | None:
    """One role moved (with everyone below it): the managers above it before lose
    its team, those above it after gain it. Roles added (leading nobody): the
    managers above each gain one. None for several moves, or moves and additions."""
    sizes = before.derived(team_sizes)
    if record.added:
        return None if record.moved else _sizes_with_added(sizes, after, record.added)
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


def _sizes_with_added(
    sizes: Mapping[str, tuple[int, int]], after: Chart, added: tuple[str, ...]
) -> dict[str, tuple[int, int]]:
    updated = dict(sizes)
    for role_id in added:
        manager = after.get(after.role(role_id).manager)
        step = 1  # a direct report of the first manager only
        while manager is not None:
            direct, total = updated.get(manager.id, (0, 0))
            updated[manager.id] = (direct + step, total + 1)
            step = 0
            manager = after.get(manager.manager)
    return updated
