"""What one edit changed in a chart: the record views refresh from.

Computed from the chart before and after. Charts are immutable values and an
edit shares every role it left alone, so most roles are settled by identity
and the cost is one pass over the roles.
"""

from __future__ import annotations

import attrs

from orgmodel.model import Chart


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

    @classmethod
    def between(cls, before: Chart, after: Chart) -> ChangeRecord:
        if before is after:
            return cls()
        if len(before.roles) == len(after.roles) and all(
            old is new for old, new in zip(before.roles, after.roles, strict=True)
        ):
            return cls(chart_fields=_chart_fields_differ(before, after))
        added: list[str] = []
        moved: list[str] = []
        changed: list[str] = []
        responsibilities: list[str] = []
        dotted: list[str] = []
        kept_order: list[str] = []
        for role in after.roles:
            old = before.get(role.id)
            if old is None:
                added.append(role.id)
                continue
            kept_order.append(role.id)
            if old is role or old == role:
                continue
            if old.manager != role.manager:
                moved.append(role.id)
            if old.responsibilities != role.responsibilities:
                responsibilities.append(role.id)
            if old.dotted_managers != role.dotted_managers:
                dotted.append(role.id)
            if attrs.evolve(old, manager=role.manager) != role:
                changed.append(role.id)
        removed = tuple(role.id for role in before.roles if role.id not in after)
        gone = set(removed)
        reordered = [role.id for role in before.roles if role.id not in gone] != kept_order
        return cls(
            added=tuple(added),
            removed=removed,
            moved=tuple(moved),
            changed=tuple(changed),
            responsibilities=tuple(responsibilities),
            dotted=tuple(dotted),
            reordered=reordered,
            chart_fields=_chart_fields_differ(before, after),
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


def _chart_fields_differ(before: Chart, after: Chart) -> bool:
    return (before.name, before.stage, before.settings) != (
        after.name,
        after.stage,
        after.settings,
    )
