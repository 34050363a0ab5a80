"""The reporting hierarchy as a forest, whatever state the chart is in."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.model import Chart, Role


def cycles(chart: Chart) -> Iterator[list[Role]]:
    """Each loop of solid reporting lines once, in reporting order.

    Every role has at most one manager, so following managers from any role
    either ends or enters a loop; each role is walked over once in all.
    """
    finished: set[str] = set()
    for start in chart.roles:
        path: list[Role] = []
        position: dict[str, int] = {}
        current: Role | None = start
        while current is not None and current.id not in finished:
            if current.id in position:
                yield path[position[current.id] :]
                break
            position[current.id] = len(path)
            path.append(current)
            current = chart.get(current.manager)
        finished.update(position)


def forest(chart: Chart) -> dict[str | None, list[Role]]:
    """Direct reports by manager id, in chart order; ``None`` holds the roots.

    A role whose manager is not in the chart is a root, and so is the first
    role (in chart order) of each reporting loop, so every role appears once.
    """
    order = {role.id: index for index, role in enumerate(chart.roles)}
    loop_heads = {min(loop, key=lambda r: order[r.id]).id for loop in cycles(chart)}
    children: dict[str | None, list[Role]] = {None: []}
    for role in chart.roles:
        manager = role.manager if role.manager in chart and role.id not in loop_heads else None
        children.setdefault(manager, []).append(role)
    return children
