"""Edits to a chart: pure functions from one chart to the next.

Each edit either returns the new chart or refuses with an ``EditError`` whose
``str()`` is one sentence for the user. The input chart is never changed.
Edits never create a loop of solid reporting lines; a chart that already has
one (read from a file, say) can still be edited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from itertools import count

import attrs

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.hierarchy import find_loops, forest, with_dotted_lines
from orgmodel.model import Chart, Employment, Role, role_positions
from orgmodel.wording import sentence_start


class EditError(ValueError):
    """An edit that was refused; ``str()`` is one sentence for the user."""


def _label(role: Role) -> str:
    """How a message names a role: as findings and fixes do (``Catalogue.label``)."""
    return load_catalogue().label(role)


def _name(chart: Chart, role_id: str) -> str:
    """A role's label, or its quoted id when it is not in the chart."""
    role = chart.get(role_id)
    return repr(role_id) if role is None else _label(role)


def _require(chart: Chart, role_id: str) -> Role:
    role = chart.get(role_id)
    if role is None:
        raise EditError(f"There is no role {role_id!r} in the chart.")
    return role


def _ids(role_ids: Collection[str]) -> set[str]:
    # A lone id is a Collection[str] too, and would be read as its characters.
    if isinstance(role_ids, str):
        raise TypeError("role_ids must be a collection of ids, not a single id")
    return set(role_ids)


def new_role_id(chart: Chart) -> str:
    """The first of "R1", "R2", ... not used by the chart."""
    # At most len(chart) + 1 candidates are tried, each looked up in the chart's
    # index (a set of every id cost 4 ms of each role added to 50,000).
    return next(f"R{n}" for n in count(1) if f"R{n}" not in chart)


def add_role(
    chart: Chart,
    kind_id: str,
    manager: str | None = None,
    catalogue: Catalogue | None = None,
) -> tuple[Chart, str]:
    """A new vacant, full-time role of the kind, appended; returns it with its id."""
    kind = (catalogue or load_catalogue()).kind(kind_id)
    if kind is None:
        raise EditError(f"There is no role kind {kind_id!r} in the catalogue.")
    if manager is not None and manager not in chart:
        raise EditError(
            f"The new {kind.name} cannot report to {manager!r}: there is no such role in the chart."
        )
    role_id = new_role_id(chart)
    role = Role(id=role_id, title=kind.name, kind=kind_id, manager=manager)
    return chart.with_role(role), role_id


def reports_moving_up(chart: Chart, role_ids: Collection[str]) -> list[Role]:
    """Roles, not among ``role_ids``, whose solid-line manager is among them."""
    removed = _ids(role_ids)
    return [r for r in _reporting_to(chart, removed) if r.id not in removed]


def _reporting_to(chart: Chart, role_ids: Collection[str]) -> list[Role]:
    """The roles whose solid-line manager is one of ``role_ids``, in chart order:
    found in the chart's remembered forest, not by a walk over every role (at
    50,000 roles that walk was most of deleting one)."""
    children = chart.derived(forest)
    found = {r.id: r for manager_id in role_ids for r in children.get(manager_id, ())}
    for loop in chart.derived(find_loops):  # the forest makes one role of each loop a root
        found.update((r.id, r) for r in loop if r.manager in role_ids)
    positions = chart.derived(role_positions)
    return sorted(found.values(), key=lambda role: positions[role.id])


def remove_roles(chart: Chart, role_ids: Collection[str]) -> Chart:
    """The chart without the roles; their reports move up past them.

    A report moves to its nearest ancestor that stays, or to nobody. Dotted
    lines to removed roles are dropped, and so is a dotted line that the new
    solid line would repeat.
    """
    removed = _ids(role_ids)
    for role_id in role_ids:
        _require(chart, role_id)
    if not removed:
        return chart

    # Where a report of each removed role lands; filled once per removed role
    # so that the whole removal stays linear.
    landing: dict[str, str | None] = {}

    def land(start: str) -> str | None:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current in removed and current not in landing:
            if current in on_path:
                # A loop made only of removed roles: nobody above it stays.
                current = None
                break
            path.append(current)
            on_path.add(current)
            current = chart.role(current).manager
        if current is None:
            result = None
        elif current in landing:
            result = landing[current]
        else:
            # A manager id that is not in the chart is no one to report to.
            result = current if current in chart else None
        for role_id in path:
            landing[role_id] = result
        return result

    # Only the removed roles' reports and those with a dotted line to one change.
    with_dotted = map(chart.role, chart.derived(with_dotted_lines))
    changed: dict[str, Role] = {}
    for role in (
        *_reporting_to(chart, removed),
        *(r for r in with_dotted if not removed.isdisjoint(r.dotted_managers)),
    ):
        if role.id in removed or role.id in changed:
            continue
        manager = role.manager
        moved = False
        if manager is not None and manager in removed:
            moved = True
            manager = land(manager)
            if manager == role.id:
                # The role was in a loop with removed roles; it now heads its own tree.
                manager = None
        dotted = tuple(
            d for d in role.dotted_managers if d not in removed and not (moved and d == manager)
        )
        changed[role.id] = attrs.evolve(role, manager=manager, dotted_managers=dotted)
    return chart.without(removed, changed.values())


def _check_manager(chart: Chart, role: Role, manager: str | None) -> None:
    """Refuse a solid line from ``role`` to ``manager`` that is unknown or would loop."""
    if manager is None:
        return
    boss = chart.get(manager)
    if boss is None:
        raise EditError(
            f"{sentence_start(_label(role))} cannot report to {manager!r}: "
            "there is no such role in the chart."
        )
    if manager == role.id:
        raise EditError(f"{sentence_start(_label(role))} cannot report to themselves.")
    if boss.manager == role.id:
        why = "that role reports to them already"
    else:
        # Walk up from the new manager; the seen set guards against loops
        # already in the chart that do not pass through the role.
        seen: set[str] = set()
        current = chart.get(boss.manager)
        while current is not None and current.id not in seen and current.id != role.id:
            seen.add(current.id)
            current = chart.get(current.manager)
        if current is None or current.id != role.id:
            return
        why = "that role is below them already"
    raise EditError(
        f"{sentence_start(_label(role))} cannot report to {_label(boss)}: "
        f"{why}, so the lines would loop."
    )


def reparent(chart: Chart, role_id: str, manager: str | None) -> Chart:
    """The role, with everyone below it, reporting to ``manager`` (None: to nobody).

    A dotted line from the role to the new manager is dropped, as the solid
    line replaces it.
    """
    moved = _reparented(chart, _require(chart, role_id), manager)
    return chart if moved is None else chart.with_role(moved)


def _reparented(chart: Chart, role: Role, manager: str | None) -> Role | None:
    """The role reporting to ``manager``, its dotted line there dropped; None
    when it does already. EditError when the line would loop or lead nowhere."""
    if role.manager == manager and (manager is None or manager in chart):
        return None
    _check_manager(chart, role, manager)
    dotted = tuple(d for d in role.dotted_managers if d != manager)
    return attrs.evolve(role, manager=manager, dotted_managers=dotted)


def top_most(chart: Chart, role_ids: Collection[str]) -> list[str]:
    """The roles of ``role_ids`` that have no manager (up the chain) among them, in chart order."""
    chosen = {role_id for role_id in _ids(role_ids) if role_id in chart}
    # The chosen roles in chart order, not a walk over the chart: one role moved
    # of 50,000 should cost as much as one of 50.
    positions = chart.derived(role_positions)
    tops = []
    for role in map(chart.role, sorted(chosen, key=positions.__getitem__)):
        seen = {role.id}
        current = chart.get(role.manager)
        while current is not None and current.id not in seen and current.id not in chosen:
            seen.add(current.id)
            current = chart.get(current.manager)
        if current is None or current.id in seen:
            tops.append(role.id)
    return tops


def reparent_all(chart: Chart, role_ids: Collection[str], manager: str | None) -> Chart:
    """Move a selection under ``manager``: each top-most role moves, taking everyone below it.

    A role whose own manager (or a manager above it) is also selected moves with
    that manager and keeps its place in the team.
    """
    # Each move is checked against the chart before any: no top-most role is
    # above another, so moving one under ``manager`` cannot put ``manager``
    # under another, and the checks agree with moving them one by one. One new
    # chart for them all: a chart for each move copied 50,000 roles a thousand times.
    tops = map(chart.role, top_most(chart, role_ids))
    moved = [role for top in tops if (role := _reparented(chart, top, manager)) is not None]
    return chart.with_replaced(moved)


def duplicate_role(chart: Chart, role_id: str) -> tuple[Chart, str]:
    """A vacant copy of the role right after it, with the same lines; returns its id.
    The photo stays with the person, on the original."""
    original = _require(chart, role_id)
    new_id = new_role_id(chart)
    copy = attrs.evolve(original, id=new_id, person=None, photo=None)
    roles: list[Role] = []
    for role in chart.roles:
        roles.append(role)
        if role.id == role_id:
            roles.append(copy)
    return chart.with_roles(roles), new_id


def with_employment(role: Role, employment: Employment) -> Role:
    """The role with this employment. An engagement length belongs to a
    fractional engagement: a role that stops being fractional drops it."""
    changed = attrs.evolve(role, employment=employment)
    if not changed.is_fractional:
        changed = attrs.evolve(changed, engagement_months=None)
    return changed


def with_person(role: Role, person: str | None) -> Role:
    """The role held by ``person`` (None or blank: vacant). A planned seat that
    someone now holds is no longer a plan; a seat emptied drops the photo of the
    person who held it (a new name keeps it: it may be the same person's, spelt
    right)."""
    changed = attrs.evolve(role, person=person)
    if not changed.vacant:
        changed = attrs.evolve(changed, planned=False)
    elif not role.vacant:
        changed = attrs.evolve(changed, photo=None)
    return changed


def update_role(chart: Chart, role: Role) -> Chart:
    """The chart with ``role`` replacing the role of the same id.

    Only what the update changes is checked, so a dotted line to a missing
    role that was already there does not stop, say, a change of title.
    """
    old = _require(chart, role.id)
    if role == old:
        return chart
    if role.manager != old.manager:
        _check_manager(chart, role, role.manager)
    if role.title != old.title and not role.title.strip():
        raise EditError(f"{sentence_start(_label(old))} needs a title; it keeps the one it has.")
    label = sentence_start(_label(role))
    before = Counter(old.dotted_managers)
    after = Counter(role.dotted_managers)
    for dotted, times in after.items():
        added = times > before[dotted]
        if added and dotted not in chart:
            raise EditError(
                f"{label} cannot have a dotted line to {dotted!r}: "
                "there is no such role in the chart."
            )
        if added and dotted == role.id:
            raise EditError(f"{label} cannot have a dotted line to themselves.")
        if added and times > 1:
            raise EditError(f"{label} cannot have two dotted lines to {_name(chart, dotted)}.")
        if dotted == role.manager and (added or role.manager != old.manager):
            raise EditError(
                f"{label} cannot have a dotted line to {_name(chart, dotted)}: "
                "they report to that role on a solid line already."
            )
    return chart.with_role(role)


def add_dotted_line(chart: Chart, role_id: str, manager: str) -> Chart:
    """The chart with a dotted line from the role to ``manager``."""
    role = _require(chart, role_id)
    label = sentence_start(_label(role))
    boss = chart.get(manager)
    if boss is None:
        raise EditError(
            f"{label} cannot have a dotted line to {manager!r}: there is no such role in the chart."
        )
    if manager == role_id:
        raise EditError(f"{label} cannot have a dotted line to themselves.")
    if manager == role.manager:
        raise EditError(
            f"{label} cannot have a dotted line to {_label(boss)}: "
            "they report to that role on a solid line already."
        )
    if manager in role.dotted_managers:
        raise EditError(f"{label} has a dotted line to {_label(boss)} already.")
    return chart.with_role(attrs.evolve(role, dotted_managers=(*role.dotted_managers, manager)))


def remove_dotted_line(chart: Chart, role_id: str, manager: str) -> Chart:
    """The chart without the dotted line from the role to ``manager``.

    ``manager`` need not be in the chart, so that a line left pointing at a
    missing role can be removed.
    """
    role = _require(chart, role_id)
    if manager not in role.dotted_managers:
        raise EditError(
            f"{sentence_start(_label(role))} has no dotted line to {_name(chart, manager)}."
        )
    dotted = tuple(d for d in role.dotted_managers if d != manager)
    return chart.with_role(attrs.evolve(role, dotted_managers=dotted))
