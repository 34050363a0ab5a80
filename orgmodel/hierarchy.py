"""The reporting hierarchy as a forest, whatever state the chart is in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from orgmodel.model import Chart, Role


def cycles(chart: Chart) -> Iterator[list[Role]]:
    """Each loop of solid reporting lines once, in reporting order."""
    for loop in chart.derived(find_loops):
        yield list(loop)


def find_loops(chart: Chart) -> tuple[tuple[Role, ...], ...]:
    """Every role has at most one manager, so following managers from any role
    either ends or enters a loop; each role is walked over once in all."""
    manager_of = {role.id: role.manager for role in chart.roles}
    walked_in: dict[str, int] = {}
    """Role id -> the walk that first reached it."""
    loops: list[tuple[Role, ...]] = []
    for walk, start in enumerate(manager_of):
        path: list[str] = []
        current: str | None = start
        while current in manager_of and current not in walked_in:
            walked_in[current] = walk
            path.append(current)
            current = manager_of[current]
        if current is not None and walked_in.get(current) == walk:  # back on this walk: a loop
            loops.append(tuple(chart.role(role_id) for role_id in path[path.index(current) :]))
    return tuple(loops)


def forest(chart: Chart) -> dict[str | None, list[Role]]:
    """Direct reports by manager id, in chart order; ``None`` holds the roots.

    A role whose manager is not in the chart is a root, and so is the first
    role (in chart order) of each reporting loop, so every role appears once.
    """
    loops = chart.derived(find_loops)
    loop_heads: set[str] = set()
    if loops:
        order = {role.id: index for index, role in enumerate(chart.roles)}
        loop_heads = {min(loop, key=lambda r: order[r.id]).id for loop in loops}
    children: dict[str | None, list[Role]] = {None: []}
    for role in chart.roles:
        manager = role.manager
        if manager is not None and (manager not in chart or role.id in loop_heads):
            manager = None
        children.setdefault(manager, []).append(role)
    return children


Children = Mapping[str | None, list[Role]]


def team_sizes(chart: Chart) -> dict[str, tuple[int, int]]:
    """Manager id -> (direct reports, everyone below on solid lines); people who
    lead nobody are left out. Linear, iterative, safe on reporting loops."""
    children = chart.derived(forest)
    sizes: dict[str, tuple[int, int]] = {}
    # Children before their managers: a depth-first order from the roots, reversed.
    order: list[Role] = []
    stack = list(children[None])
    while stack:
        role = stack.pop()
        order.append(role)
        stack.extend(children.get(role.id, ()))
    totals: dict[str, int] = {}
    for role in reversed(order):
        reports = children.get(role.id, ())
        if reports:
            total = sum(1 + totals.get(report.id, 0) for report in reports)
            totals[role.id] = total
            sizes[role.id] = (len(reports), total)
    return sizes


def below(children: Children, role_id: str | None) -> Iterator[Role]:
    """Everyone under ``role_id`` in a forest (``None``: every role), iteratively."""
    stack = list(children.get(role_id, []))
    while stack:
        role = stack.pop()
        yield role
        stack.extend(children.get(role.id, []))


def shown_roles(children: Children, collapsed: frozenset[str]) -> set[str]:
    """Ids of the roles not hidden under a collapsed role (the collapsed ones show)."""
    shown: set[str] = set()
    stack = list(children.get(None, []))
    while stack:
        role = stack.pop()
        shown.add(role.id)
        if role.id not in collapsed:
            stack.extend(children.get(role.id, []))
    return shown


def subtree_chart(chart: Chart, role_id: str) -> Chart:
    """The chart of ``role_id`` and everyone below it; ``role_id`` becomes the top.

    Dotted lines to roles outside the subtree are dropped. KeyError when
    ``role_id`` is not in the chart.
    """
    root = chart.role(role_id)
    keep = {root.id} | {role.id for role in below(chart.derived(forest), root.id)}
    roles = []
    for role in chart.roles:
        if role.id not in keep:
            continue
        dotted = tuple(d for d in role.dotted_managers if d in keep)
        manager = None if role.id == root.id else role.manager
        if manager != role.manager or dotted != role.dotted_managers:
            role = attrs.evolve(role, manager=manager, dotted_managers=dotted)
        roles.append(role)
    return chart.with_roles(roles)


def with_dotted_lines(chart: Chart) -> tuple[str, ...]:
    """The roles with a dotted line to a manager, in chart order."""
    return tuple(role.id for role in chart.roles if role.dotted_managers)


def on_a_loop(chart: Chart, role_id: str) -> bool:
    """Whether following solid lines up from the role leads back to it."""
    seen = {role_id}
    current = chart.get(role_id)
    while current is not None and current.manager is not None:
        if current.manager == role_id:
            return True
        if current.manager in seen:
            return False  # a loop above the role, not through it
        seen.add(current.manager)
        current = chart.get(current.manager)
    return False


def with_managers_above(chart: Chart, role_ids: Iterable[str]) -> set[str]:
    """The roles themselves (those in the chart) and every manager above them."""
    reached: set[str] = set()
    for role_id in role_ids:
        current: str | None = role_id
        while current is not None and current not in reached:
            role = chart.get(current)
            if role is None:
                break
            reached.add(current)
            current = role.manager
    return reached
