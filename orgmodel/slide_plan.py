"""Which roles each slide of a handout shows: the top of the chart first, then
one slide per team, so that every card stays large enough to read.

A slide shows a head (none on the first slide of a chart with several tops),
a row of its direct reports across the slide, and under each of those, where
it fits, that report's whole team as an indented column (an outline, as
hanging org charts draw it). A role whose team is not on the slide gets a
slide of its own, and its card says which. A team wider than a slide is split
over several.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

from attrs import frozen

from orgmodel.hierarchy import forest
from orgmodel.model import Chart, Role

ACROSS = 8
"""Cards in the row under the head, at most."""
DOWN = 8
"""Cards in a column under one card of that row, at most."""
CARDS_PER_SLIDE = 28
"""Cards on one slide, at most (the head and the row always count)."""


@frozen
class SlidePlan:
    head: str | None
    """The manager at the top; None on a first slide of several tops."""
    across: tuple[str, ...]
    """The head's reports shown in a row (the tops, without a head)."""
    down: Mapping[str, tuple[tuple[str, int], ...]]
    """A role of the row -> its whole team shown in a column under it, in
    outline order: (role id, depth below the row, from 1)."""
    part: tuple[int, int] = (1, 1)
    """Which part of a team wider than one slide this is, of how many."""

    @property
    def roles(self) -> tuple[str, ...]:
        """Every role on the slide, the head first."""
        head = () if self.head is None else (self.head,)
        columns = (role for r in self.across for role, _depth in self.down.get(r, ()))
        return (*head, *self.across, *columns)


@frozen
class HandoutPlan:
    slides: tuple[SlidePlan, ...]
    team_slide: Mapping[str, int]
    """Role id -> index of the first slide headed by it, for every role whose
    team is not shown where the role appears under its own manager."""


def plan_slides(chart: Chart) -> HandoutPlan:
    """Slides in reading order: the top of the chart, then teams breadth first."""
    children = chart.derived(forest)
    slides: list[SlidePlan] = []
    team_slide: dict[str, int] = {}
    roots = children[None]
    queue: deque[Role | None] = deque([roots[0] if len(roots) == 1 else None])
    while queue:
        head = queue.popleft()
        if head is not None:
            team_slide[head.id] = len(slides)
        row = children[None] if head is None else children.get(head.id, [])
        parts = [row[i : i + ACROSS] for i in range(0, len(row), ACROSS)] or [[]]
        for number, across in enumerate(parts, 1):
            down = _columns(across, children, room=CARDS_PER_SLIDE - 1 - len(across))
            slides.append(
                SlidePlan(
                    head=None if head is None else head.id,
                    across=_ids(across),
                    down={
                        role_id: tuple((r.id, depth) for r, depth in team)
                        for role_id, team in down.items()
                    },
                    part=(number, len(parts)),
                )
            )
            shown = {r.id for r in across} | {r.id for team in down.values() for r, _ in team}
            queue.extend(
                role
                for role in (*across, *(r for team in down.values() for r, _depth in team))
                if any(report.id not in shown for report in children.get(role.id, []))
            )
    return HandoutPlan(tuple(slides), team_slide)


def _columns(
    across: Sequence[Role], children: Mapping[str | None, list[Role]], room: int
) -> dict[str, list[tuple[Role, int]]]:
    """The teams shown in columns under the row: a whole team or none, in row
    order, while there is room."""
    down: dict[str, list[tuple[Role, int]]] = {}
    for role in across:
        team = _outline(role, children, limit=min(DOWN, room))
        if team:
            down[role.id] = team
            room -= len(team)
    return down


def _outline(
    role: Role, children: Mapping[str | None, list[Role]], limit: int
) -> list[tuple[Role, int]]:
    """Those below ``role``, depth first, with their depth: as many whole levels
    as ``limit`` allows; empty when not even the direct reports fit."""
    levels: list[list[Role]] = []
    level = children.get(role.id, [])
    used = 0
    while level and used + len(level) <= limit:
        levels.append(level)
        used += len(level)
        level = [r for member in level for r in children.get(member.id, [])]
    if not levels:
        return []
    team: list[tuple[Role, int]] = []
    stack = [(r, 1) for r in reversed(levels[0])]
    while stack:
        member, depth = stack.pop()
        team.append((member, depth))
        if depth < len(levels):
            stack.extend((r, depth + 1) for r in reversed(children.get(member.id, [])))
    return team


def _ids(roles: Sequence[Role]) -> tuple[str, ...]:
    return tuple(r.id for r in roles)
