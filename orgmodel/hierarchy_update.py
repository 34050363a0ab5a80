"""The hierarchy's indexes of a chart, carried over from the chart an edit started from.

A chart remembers what is worked out from it (``Chart.derived``): its forest,
team sizes, assistants, roles with dotted lines, reporting loops and role
positions are each a pass over every role. After an edit that kept every
role in the same order, save those it removed (whose teams it moved or
removed too), and at most added roles after them that nobody named as a
manager before, with no reporting loop before or after, they follow from the
old chart's and the edit's change record, touching only the roles it
changed. ``carry_over`` hands them to the new chart; what it cannot carry
over is worked out afresh when first asked for.
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
    with_managers_above,
)
from orgmodel.model import Chart, Role, role_positions
from orgmodel.role_lists import CopiedOnWrite


def carry_over(before: Chart, after: Chart, record: ChangeRecord) -> None:
    """Give ``after``, an edit of ``before`` (``record`` says what changed), the
    hierarchy indexes ``before`` has worked out, updated for the edit."""
    if before is after or record.reordered or (record.added and record.removed):
        return
    if record.is_large(len(before.roles)):
        return  # worked out afresh when asked for
    if not before.remembers(find_loops) or before.derived(find_loops):
        return  # loops decide which role of a loop heads it: worked out afresh
    if record.added and not _appended(before, after, record):
        return
    if record.removed and not _removed_with_teams(before, record):
        return
    if any(on_a_loop(after, role_id) for role_id in record.moved):
        return
    no_loops: tuple[tuple[Role, ...], ...] = ()
    after.remember(find_loops, no_loops)
    if before.remembers(role_positions) and not (record.added or record.removed):
        after.remember(role_positions, before.derived(role_positions))  # same roles, same order
    if before.remembers(with_dotted_lines) and not record.dotted:
        dotted = before.derived(with_dotted_lines)
        dotted_added = any(after.role(role_id).dotted_managers for role_id in record.added)
        if not dotted_added and set(record.removed).isdisjoint(dotted):
            after.remember(with_dotted_lines, dotted)
    if before.remembers(forest):
        after.remember(forest, _forest_after(before, after, record))
    if before.remembers(assistants) and before.remembers(forest):
        after.remember(assistants, assistants_after(before, after, record))
    if before.remembers(team_sizes) and before.remembers(forest):
        after.remember(team_sizes, _team_sizes_after(before, after, record))


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


def _removed_with_teams(before: Chart, record: ChangeRecord) -> bool:
    """Whether everyone who reported to a role the edit removed was removed or
    moved too: no one is left naming a manager no longer there."""
    if not before.remembers(forest):
        return False
    children = before.derived(forest)
    gone = set(record.removed) | set(record.moved)
    return all(
        report.id in gone for role_id in record.removed for report in children.get(role_id, ())
    )


def _forest_after(
    before: Chart, after: Chart, record: ChangeRecord
) -> dict[str | None, list[Role]]:
    """With no loop and no role gone, a role's place in the forest is under its
    manager, or among the roots when it has none in the chart."""
    children = before.derived(forest).copy()
    teams = CopiedOnWrite(children)  # the lists are shared with the chart before
    # Kept roles stand in the same order in both charts: an added role has a
    # place only after the edit, a removed one only before.
    positions = (before if record.removed else after).derived(role_positions)
    for role_id in record.removed:
        old = before.role(role_id)
        teams.take_out(_key(before, old), old, positions)
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
) -> Mapping[str, tuple[int, int]]:
    """Only the managers above a role that came, went or moved (before or after
    the edit) have other teams; each is counted again from its reports, those
    deepest first, the sizes of reports under no such role as they were."""
    sizes = before.derived(team_sizes)
    if not (record.added or record.removed or record.moved):
        return sizes  # no reporting line changed
    above = with_managers_above(after, record.added + record.moved)
    above |= with_managers_above(before, record.removed + record.moved)
    updated = sizes.copy()
    for role_id in record.removed:
        updated.pop(role_id, None)
    children = after.derived(forest)
    recounted = [role_id for role_id in above if role_id in after]
    for role_id in sorted(recounted, key=lambda role_id: _depth(after, role_id), reverse=True):
        reports = children.get(role_id, ())
        if reports:
            total = sum(1 + updated.get(report.id, (0, 0))[1] for report in reports)
            updated[role_id] = (len(reports), total)
        else:
            updated.pop(role_id, None)
    return updated


def _depth(chart: Chart, role_id: str) -> int:
    """How many managers are above the role (the chart has no reporting loop)."""
    depth, manager = 0, chart.role(role_id).manager
    while manager is not None and manager in chart:
        depth, manager = depth + 1, chart.role(manager).manager
    return depth
