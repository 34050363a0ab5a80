"""Copy a role, or a whole team, and paste it under another role.

A pasted team keeps its shape (who reports to whom, dotted lines inside it)
and gets new ids; its seats come vacant, as a duplicated role's does: one
person does not hold two seats (nor do their photos go with the copy).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import count

import attrs

from orgmodel.edits import EditError, top_most
from orgmodel.hierarchy import below, forest
from orgmodel.model import Chart, Role


def copy_team(chart: Chart, role_ids: Collection[str]) -> tuple[Role, ...]:
    """The roles and everyone below them, in chart order."""
    children = chart.derived(forest)
    team: set[str] = set()
    for role_id in top_most(chart, role_ids):
        team.add(role_id)
        team.update(role.id for role in below(children, role_id))
    return tuple(role for role in chart.roles if role.id in team)


def paste_team(
    chart: Chart, copied: Sequence[Role], manager: str | None
) -> tuple[Chart, list[str]]:
    """The chart with a vacant copy of the copied roles under ``manager`` (None:
    at the top); returns it and the new ids, the copied team's top first."""
    if manager is not None and manager not in chart:
        raise EditError(f"There is no role {manager!r} in the chart to paste under.")
    if not copied:
        return chart, []
    used = {role.id for role in chart.roles}
    fresh = (f"R{n}" for n in count(1) if f"R{n}" not in used)
    new_id = {role.id: next(fresh) for role in copied}
    pasted = []
    for role in copied:
        dotted = tuple(
            new_id.get(other, other)
            for other in role.dotted_managers
            if other in new_id or other in chart
        )
        pasted.append(
            attrs.evolve(
                role,
                id=new_id[role.id],
                manager=new_id.get(role.manager or "", manager),
                dotted_managers=dotted,
                person=None,
                photo=None,
            )
        )
    return chart.with_roles([*chart.roles, *pasted]), [role.id for role in pasted]
