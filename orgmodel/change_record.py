"""What one edit changed in a chart: the record views refresh from.

Computed from the chart before and after. Charts are immutable values and an
edit shares every role it left alone, so most roles are settled by identity
and the cost is one pass over the roles.
"""

from __future__ import annotations

import attrs

from orgmodel.model import Chart, Role

LARGE_EDIT = 200
"""An edit of more roles than this, and than a quarter of the chart, is worked
out afresh rather than followed role by role: the findings, the hierarchy's
indexes, the layout. Updating them role by role would cost more (deleting
every role of a 5,000-role chart took 0.12 s so against 0.07 s validated in
full; deleting every role of 50,000, the layout and indexes took 0.65 s so)."""


@attrs.frozen
class ChangeRecord:
    """Role ids touched by an edit, each in the order of the chart that holds it."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    """Kept roles whose solid reporting line changed."""
    changed: tuple[str, ...] = ()
    """Kept roles with any other field changed (title, kind, person, ...)."""
    responsibilities: tuple[str, ...] = ()
    """Kept roles whose responsibilities changed (also listed in ``changed``)."""
    dotted: tuple[str, ...] = ()
    """Kept roles whose dotted lines changed (also listed in ``changed``)."""
    reordered: bool = False
    """The kept roles stand in another order (a layout follows the order)."""
    chart_fields: bool = False
    """The chart's name, stage or rule settings changed."""

    def is_large(self, roles: int) -> bool:
        """Whether this edit of a chart of ``roles`` roles is large (see LARGE_EDIT)."""
        edited = len(self.added) + len(self.removed) + len(self.moved) + len(self.changed)
        return edited > max(LARGE_EDIT, roles // 4)

    @classmethod
    def between(cls, before: Chart, after: Chart) -> ChangeRecord:
        if before is after:
            return cls()
        chart_fields = _chart_fields_differ(before, after)
        kept = len(before.roles)
        replaced_in_order = _replaced_in_order(before, after)
        if replaced_in_order is not None:
            # The same roles in the same order (most edits), and maybe new ones
            # after them (ids are distinct): only those replaced changed.
            moved, changed, responsibilities, dotted = _fields_changed(replaced_in_order)
            return cls(
                added=tuple(role.id for role in after.roles[kept:]),
                moved=moved,
                changed=changed,
                responsibilities=responsibilities,
                dotted=dotted,
                chart_fields=chart_fields,
            )
        if len(after.roles) < kept:
            removed_in_order = _removed_in_order(before, after)
            if removed_in_order is not None:
                removed, replaced = removed_in_order
                moved, changed, responsibilities, dotted = _fields_changed(replaced)
                return cls(
                    removed=removed,
                    moved=moved,
                    changed=changed,
                    responsibilities=responsibilities,
                    dotted=dotted,
                    chart_fields=chart_fields,
                )
        added: list[str] = []
        kept_order: list[str] = []
        replaced = []
        for role in after.roles:
            old = before.get(role.id)
            if old is None:
                added.append(role.id)
                continue
            kept_order.append(role.id)
            if old is not role:
                replaced.append((old, role))
        removed = tuple(role.id for role in before.roles if role.id not in after)
        gone = set(removed)
        reordered = [role.id for role in before.roles if role.id not in gone] != kept_order
        moved, changed, responsibilities, dotted = _fields_changed(replaced)
        return cls(
            added=tuple(added),
            removed=removed,
            moved=moved,
            changed=changed,
            responsibilities=responsibilities,
            dotted=dotted,
            reordered=reordered,
            chart_fields=chart_fields,
        )

    @property
    def empty(self) -> bool:
        return self == ChangeRecord()

    @property
    def lines_changed(self) -> bool:
        """Whether a layout of the chart may differ: roles or lines came, went or moved."""
        return bool(self.added or self.removed or self.moved or self.dotted or self.reordered)

    @property
    def touched(self) -> tuple[str, ...]:
        """Ids of kept or added roles whose cards may show something else."""
        return tuple(dict.fromkeys(self.added + self.moved + self.changed))


def _replaced_in_order(before: Chart, after: Chart) -> list[tuple[Role, Role]] | None:
    """When ``after`` holds ``before``'s roles in their order, some replaced, and
    maybe new ones after them: each role replaced with its replacement; None
    otherwise. From the places replaced when ``after`` was made by replacing
    roles (see Chart.replaced_in: at 50,000 roles the pass over every role
    took 2-3 ms of every edit), else one pass over the roles kept."""
    was, now = before.roles, after.roles
    places = after.replaced_in(before)
    if places is not None:
        return [(was[place], now[place]) for place in places if was[place] is not now[place]]
    if len(now) < len(was):
        return None
    replaced = [(old, new) for old, new in zip(was, now[: len(was)], strict=True) if old is not new]
    return replaced if all(old.id == new.id for old, new in replaced) else None


def _removed_in_order(
    before: Chart, after: Chart
) -> tuple[tuple[str, ...], list[tuple[Role, Role]]] | None:
    """When ``after`` holds some of ``before``'s roles in their order and no other
    (a deletion): the ids removed, and each kept role the edit replaced with
    its replacement. One walk through both, no lookups; None otherwise."""
    removed: list[str] = []
    replaced: list[tuple[Role, Role]] = []
    kept = after.roles
    at = 0
    for old in before.roles:
        if at < len(kept) and kept[at].id == old.id:
            if kept[at] is not old:
                replaced.append((old, kept[at]))
            at += 1
        else:
            removed.append(old.id)
    return (tuple(removed), replaced) if at == len(kept) else None


def _fields_changed(
    replaced: list[tuple[Role, Role]],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The ``moved``, ``changed``, ``responsibilities`` and ``dotted`` fields of a
    record, from each kept role the edit replaced: (before, after)."""
    moved: list[str] = []
    changed: list[str] = []
    responsibilities: list[str] = []
    dotted: list[str] = []
    for old, role in replaced:
        if old == role:
            continue
        if old.manager != role.manager:
            moved.append(role.id)
        if old.responsibilities != role.responsibilities:
            responsibilities.append(role.id)
        if old.dotted_managers != role.dotted_managers:
            dotted.append(role.id)
        if attrs.evolve(old, manager=role.manager) != role:
            changed.append(role.id)
    return tuple(moved), tuple(changed), tuple(responsibilities), tuple(dotted)


def _chart_fields_differ(before: Chart, after: Chart) -> bool:
    return (before.name, before.stage, before.settings) != (
        after.name,
        after.stage,
        after.settings,
    )
