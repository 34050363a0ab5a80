"""The chart as a value: roles, their reporting lines and the chart's settings.

A chart is immutable. An edit is a function from one chart to the next
(see the ``with_*`` methods), which keeps undo, validation and saving simple.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator
from enum import Enum
from functools import cached_property
from typing import Any, TypeVar, cast

import attrs
from attrs import field, frozen

T = TypeVar("T")

UNCLASSIFIED = "unclassified"
"""Kind id of a role whose title matched no role kind of the catalogue."""


class Stage(Enum):
    STARTUP = "startup"
    ESTABLISHED = "established"


class Employment(Enum):
    FULL_TIME = "full-time"
    PART_TIME = "part-time"
    CONTRACTOR = "contractor"
    FRACTIONAL = "fractional"

    @property
    def in_house(self) -> bool:
        """Whether the person is part of the company's own staff."""
        return self in (Employment.FULL_TIME, Employment.PART_TIME)


def _optional_years(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be a number of years, not {value!r}")
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError(f"{attribute.name} must be between 0 and 100 years, not {value!r}")


def _optional_months(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be a whole number of months, not {value!r}")
    if not 0 <= value <= 1200:
        raise ValueError(f"{attribute.name} must be between 0 and 1200 months, not {value!r}")


def string_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """An attrs converter: any iterable of strings as a tuple (typed, unlike ``tuple``)."""
    return tuple(values)


def _string_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def _optional_string_set(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def _non_empty(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@frozen
class Role:
    """A seat in the chart, filled by a person or vacant."""

    id: str = field(validator=_non_empty)
    title: str
    kind: str
    person: str | None = None
    employment: Employment = Employment.FULL_TIME
    engagement_months: int | None = field(default=None, validator=_optional_months)
    years_in_marketing: float | None = field(default=None, validator=_optional_years)
    years_leading: float | None = field(default=None, validator=_optional_years)
    department: str = ""
    responsibilities: frozenset[str] | None = field(default=None, converter=_optional_string_set)
    """Responsibility ids held; ``None`` means the kind's defaults."""
    manager: str | None = None
    dotted_managers: tuple[str, ...] = field(default=(), converter=string_tuple)
    planned: bool = field(default=False, validator=attrs.validators.instance_of(bool))
    """A seat of a design, to be hired: its vacancy is the plan, not a gap."""
    photo: str | None = field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    """A local image file of the person, as given: a relative path is read from
    the chart file's folder (orgmodel.photos). Never a web address to fetch."""

    @property
    def vacant(self) -> bool:
        return self.person is None or not self.person.strip()

    @property
    def is_fractional(self) -> bool:
        return self.employment is Employment.FRACTIONAL


SPAN_LIMITS = (1, 10_000)
"""The span-of-control limits a chart may set, lowest and highest."""


@frozen
class RuleSettings:
    """Which rules run on a chart, and the limits of the house rules."""

    disabled: frozenset[str] = field(default=frozenset(), converter=_string_set)
    span_of_control_limit: int = field(default=8)

    @span_of_control_limit.validator
    def _check_limit(self, _attribute: attrs.Attribute[int], value: int) -> None:
        low, high = SPAN_LIMITS
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(
                f"span_of_control_limit must be between {low} and {high}, not {value!r}"
            )


class _DistinctIds(tuple[Role, ...]):
    """Roles whose ids are known to differ: ``Chart.with_role`` and
    ``Chart.with_replaced`` build them from a chart's roles, some replaced by
    roles of the same ids or one of a new id appended. A chart of them skips
    the check of every id, some 5 ms of each edit at 50,000 roles."""

    __slots__ = ()


def _role_tuple(roles: Iterable[Role]) -> tuple[Role, ...]:
    return roles if type(roles) is _DistinctIds else tuple(roles)


class DuplicateRoleIdError(ValueError):
    def __init__(self, role_id: str) -> None:
        super().__init__(f"two roles share the id {role_id!r}")
        self.role_id = role_id


def _unique_ids(
    _instance: object, _attribute: attrs.Attribute[Any], roles: tuple[Role, ...]
) -> None:
    if type(roles) is _DistinctIds:
        return
    if len({role.id for role in roles}) == len(roles):  # every edit's chart: checked at C speed
        return
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            raise DuplicateRoleIdError(role.id)
        seen.add(role.id)


@frozen
class Chart:
    """An organisation chart: roles in a stable order, and the rule settings."""

    name: str
    stage: Stage = Stage.ESTABLISHED
    roles: tuple[Role, ...] = field(default=(), converter=_role_tuple, validator=_unique_ids)
    settings: RuleSettings = field(factory=RuleSettings)

    @cached_property
    def _index(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    @cached_property
    def _derived(self) -> dict[Callable[[Chart], Any], Any]:
        return {}

    @cached_property
    def _replaced_from(self) -> tuple[weakref.ref[Chart], tuple[int, ...]] | None:
        """The chart this one was made from by replacing roles only, and the
        places of the roles replaced (see :meth:`replaced_in`)."""
        return None

    def replaced_in(self, before: Chart) -> tuple[int, ...] | None:
        """The places of the roles ``before`` had replaced to make this chart,
        if it was made so (``with_replaced``), else None. An edit's record is
        then worked out from them, not from a pass over every role (at 50,000
        roles 2-3 ms of every edit)."""
        made = self._replaced_from
        return made[1] if made is not None and made[0]() is before else None

    def derived(self, compute: Callable[[Chart], T]) -> T:
        """``compute(self)``, worked out once per chart and then remembered.

        A chart never changes, so neither does a pure function of it: validation
        and the views that redraw from one chart share the work. ``compute`` must
        return a value nobody mutates.
        """
        derived = self._derived
        if compute not in derived:
            derived[compute] = compute(self)
        return cast(T, derived[compute])

    def remembers(self, compute: Callable[[Chart], Any]) -> bool:
        """Whether ``compute(self)`` is worked out already."""
        return compute in self._derived

    def remember(self, compute: Callable[[Chart], T], value: T) -> None:
        """Take ``value`` as ``compute(self)``, worked out another way (from the chart
        an edit started from); it must equal what ``compute`` would return."""
        self._derived.setdefault(compute, value)

    def __contains__(self, role_id: object) -> bool:
        return role_id in self._index

    def __len__(self) -> int:
        return len(self.roles)

    def __iter__(self) -> Iterator[Role]:
        return iter(self.roles)

    def role(self, role_id: str) -> Role:
        """The role with this id; KeyError when there is none."""
        return self._index[role_id]

    def get(self, role_id: str | None) -> Role | None:
        return None if role_id is None else self._index.get(role_id)

    def with_roles(self, roles: Iterable[Role]) -> Chart:
        return attrs.evolve(self, roles=_role_tuple(roles))

    def with_role(self, role: Role) -> Chart:
        """The chart with ``role`` replacing the role of the same id, or appended."""
        positions = self.derived(role_positions)
        if role.id in positions:
            return self.with_replaced([role])
        # The same ids in the same places and one after them: the new chart's
        # lookups are this chart's, one entry added, not built again from
        # 50,000 roles.
        chart = self.with_roles(_DistinctIds((*self.roles, role)))
        index, positions = self._index.copy(), positions.copy()
        index[role.id], positions[role.id] = role, len(self.roles)
        object.__setattr__(chart, "_index", index)
        chart.remember(role_positions, positions)
        return chart

    def with_replaced(self, replacements: Iterable[Role]) -> Chart:
        """The chart with each of ``replacements`` in place of the role of the same
        id; KeyError for an id not in the chart."""
        return self.without((), replacements)

    def without(self, removed: Collection[str], replacements: Iterable[Role] = ()) -> Chart:
        """The chart without the roles of the ``removed`` ids, and with each of
        ``replacements`` in place of the role of the same id; KeyError for an id
        not in the chart."""
        replacements, removed = list(replacements), set(removed)
        if not replacements and not removed:
            return self
        positions = self.derived(role_positions)
        roles, index = list(self.roles), self._index.copy()
        for role in replacements:
            roles[positions[role.id]] = role
            index[role.id] = role
        gone = sorted((positions[role_id] for role_id in removed), reverse=True)
        if len(gone) <= _CUT_ONE_BY_ONE:
            for position in gone:
                del roles[position]
        else:
            roles = [role for role in roles if role.id not in removed]
        for role_id in removed:
            del index[role_id]
        # The same ids in the same order, some gone: the lookups are this chart's,
        # changed where roles went or were replaced, not built again from 50,000
        # roles (nor checked for an id twice).
        chart = self.with_roles(_DistinctIds(roles))
        object.__setattr__(chart, "_index", index)
        if not gone:
            chart.remember(role_positions, positions)
            replaced = tuple(sorted({positions[role.id] for role in replacements}))
            object.__setattr__(chart, "_replaced_from", (weakref.ref(self), replaced))
        return chart


_CUT_ONE_BY_ONE = 100
"""Up to this many roles are cut out of a chart's list one by one (each a move of
the pointers after it, at C speed); more, and the list is filtered once."""


def role_positions(chart: Chart) -> dict[str, int]:
    """Each role's place in the chart's order (see ``Chart.derived``)."""
    return {role.id: index for index, role in enumerate(chart.roles)}
