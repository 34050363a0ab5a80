"""The step language of fixes: give, take, reparent, add a role, change a kind.

A :class:`Fix` is data: a sentence for a button and the steps that carry it
out, each step a small edit with its parameters. Applying a fix runs its steps
through :mod:`orgmodel.edits`, so it is pure and refuses, with an
``EditError``, what the chart no longer allows. The helpers at the end build
the fixes several rules share (moving work, moving a role).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from attrs import field, frozen

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.edits import EditError, add_role, reparent, update_role
from orgmodel.model import Chart, Role, string_tuple
from orgmodel.rules.facts import ChartFacts
from orgmodel.wording import join_words, sentence_start


def _role(chart: Chart, role_id: str) -> Role:
    role = chart.get(role_id)
    if role is None:
        raise EditError(f"There is no role {role_id!r} in the chart any more.")
    return role


def _label(chart: Chart, catalogue: Catalogue, role_id: str) -> str:
    role = chart.get(role_id)
    return repr(role_id) if role is None else catalogue.label(role)


@frozen
class Give:
    """The role takes on the responsibilities; a role holding its kind's defaults keeps them."""

    role: str
    responsibilities: tuple[str, ...] = field(converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        role = _role(chart, self.role)
        held = catalogue.held(role)
        if held.issuperset(self.responsibilities):
            return chart
        return update_role(
            chart, attrs.evolve(role, responsibilities=held | set(self.responsibilities))
        )


@frozen
class Take:
    """The role gives up the responsibilities, and keeps the rest of what it holds."""

    role: str
    responsibilities: tuple[str, ...] = field(converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        role = _role(chart, self.role)
        held = catalogue.held(role)
        missing = frozenset(self.responsibilities) - held
        if missing:
            raise EditError(
                f"{sentence_start(_label(chart, catalogue, role.id))} no longer holds "
                f"{catalogue.names(missing)}."
            )
        if not self.responsibilities:
            return chart
        remaining = held - frozenset(self.responsibilities)
        return update_role(chart, attrs.evolve(role, responsibilities=remaining))


@frozen
class Reparent:
    """The role, with everyone below it, reports to ``manager`` (None: to nobody)."""

    role: str
    manager: str | None

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        _role(chart, self.role)
        return reparent(chart, self.role, self.manager)


@frozen
class AddRole:
    """A new vacant role of the kind under ``manager``, and ``reports`` moved under it.

    ``takes`` are responsibilities the new role holds besides its kind's usual ones.
    """

    kind: str
    manager: str | None
    reports: tuple[str, ...] = field(default=(), converter=string_tuple)
    takes: tuple[str, ...] = field(default=(), converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        chart, new_id = add_role(chart, self.kind, self.manager, catalogue)
        if self.takes:
            new = chart.role(new_id)
            held = catalogue.held(new) | set(self.takes)
            chart = update_role(chart, attrs.evolve(new, responsibilities=held))
        for report in self.reports:
            _role(chart, report)
            chart = reparent(chart, report, new_id)
        return chart


@frozen
class ChangeKind:
    """The role becomes a role of another kind, titled after it, without ``drop``.

    A role holding its old kind's defaults then holds the new kind's.
    """

    role: str
    kind: str
    drop: tuple[str, ...] = field(default=(), converter=string_tuple)

    def apply(self, chart: Chart, catalogue: Catalogue) -> Chart:
        role = _role(chart, self.role)
        kind = catalogue.kind(self.kind)
        if kind is None:
            raise EditError(f"There is no role kind {self.kind!r} in the catalogue.")
        held = role.responsibilities
        if held is not None:
            held = held - frozenset(self.drop)
        return update_role(
            chart, attrs.evolve(role, kind=kind.id, title=kind.name, responsibilities=held)
        )


Step = Give | Take | Reparent | AddRole | ChangeKind


def _steps(steps: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(steps)


@frozen
class Fix:
    """A suggested change to the chart: a sentence for a button and the steps that make it."""

    description: str
    steps: tuple[Step, ...] = field(converter=_steps)

    @property
    def roles(self) -> tuple[str, ...]:
        """Ids of the existing roles the fix changes or moves others under, in step order."""
        ids: list[str] = []
        for step in self.steps:
            for role_id in _step_roles(step):
                if role_id not in ids:
                    ids.append(role_id)
        return tuple(ids)

    def apply(self, chart: Chart, catalogue: Catalogue | None = None) -> Chart:
        """The chart with the fix made; ``EditError`` if the chart no longer allows it."""
        catalogue = catalogue or load_catalogue()
        result = chart
        for step in self.steps:
            result = step.apply(result, catalogue)
        if result == chart:
            raise EditError("The chart is already as this fix would make it.")
        return result


def _step_roles(step: Step) -> tuple[str, ...]:
    if isinstance(step, AddRole):
        return (*((step.manager,) if step.manager else ()), *step.reports)
    if isinstance(step, Reparent):
        return (step.role, *((step.manager,) if step.manager else ()))
    return (step.role,)


def _move_sentence(
    facts: ChartFacts, source: Role, plan: Sequence[tuple[Role | None, tuple[str, ...]]]
) -> str:
    """'Move X from A to B', 'Move X from A: Y to B and Z to C', 'Remove X from A'."""
    given = [(to, ids) for to, ids in plan if to is not None]
    dropped = [r for to, ids in plan if to is None for r in ids]
    parts = []
    if len(given) == 1:
        to, ids = given[0]
        parts.append(
            f"Move {facts.catalogue.names(ids)} from {facts.label(source)} to {facts.label(to)}"
        )
    elif given:
        shares = join_words(
            f"{facts.catalogue.names(ids)} to {facts.label(to)}" for to, ids in given
        )
        parts.append(f"Hand over the work of {facts.label(source)}: {shares}")
    if dropped:
        removal = f"remove {facts.catalogue.names(dropped)} from {facts.label(source)}"
        parts.append(removal if parts else sentence_start(removal))
    return "; ".join(parts)


def move_work(
    facts: ChartFacts, source: Role, recipients: dict[str, Role | None]
) -> tuple[str, list[Step]]:
    """Take each responsibility from ``source`` and give it to its recipient (None: nobody)."""
    plan: dict[str | None, list[str]] = {}
    for responsibility, to in recipients.items():
        plan.setdefault(None if to is None else to.id, []).append(responsibility)
    grouped = [
        (None if to is None else facts.chart.role(to), facts.in_catalogue_order(ids))
        for to, ids in plan.items()
    ]
    steps: list[Step] = [Take(source.id, facts.in_catalogue_order(recipients))]
    steps += [Give(to.id, ids) for to, ids in grouped if to is not None]
    return _move_sentence(facts, source, grouped), steps


def reparent_fixes(facts: ChartFacts, role: Role, managers: Iterable[Role]) -> list[Fix]:
    return [
        Fix(f"Move {facts.label(role)} under {facts.label(m)}", [Reparent(role.id, m.id)])
        for m in managers
        if m.id != role.id
    ]
