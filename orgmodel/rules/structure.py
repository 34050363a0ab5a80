"""Rules of the reporting structure: loops, dangling lines, tops, rank, span."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.hierarchy import cycles
from orgmodel.model import Role
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.rule import Issue, Rule, Scope, Source, reads, role_by_role

_MAX_CLIMB = 64
"""How far up the chain a suggestion looks for a senior-enough manager."""


def reporting_cycle(facts: ChartFacts) -> Iterator[Issue]:
    for loop in cycles(facts.chart):
        if len(loop) == 1:
            role = loop[0]
            yield Issue(
                [role.id],
                f"{facts.label(role)} is recorded as their own manager.",
                f"Make {facts.label(role)} report to someone else, or to nobody.",
            )
            continue
        chain = " → ".join(facts.label(r) for r in [*loop, loop[0]])
        yield Issue(
            [r.id for r in loop],
            f"Reporting lines loop: {chain}.",
            f"Make {facts.label(loop[0])} report to someone outside the loop.",
        )


REPORTING_CYCLE = Rule(
    id="reporting-cycle",
    severity="error",
    explanation=("Reporting lines must not loop back on themselves."),
    fix="Break the loop: make one role in it report to someone outside the loop, or to nobody.",
    sources=[
        Source("structure"),
    ],
    check=reporting_cycle,
    reads=reads(Scope.LOOPS),
)


def unknown_manager(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    chart = facts.chart
    if role.manager is not None and role.manager not in chart:
        yield Issue(
            [role.id],
            f"{facts.label(role)} reports to {role.manager!r}, which is not in the chart.",
            f"Add {role.manager!r} to the chart or choose another manager for {facts.label(role)}.",
        )
    for dotted in role.dotted_managers:
        if dotted not in chart:
            yield Issue(
                [role.id],
                f"{facts.label(role)} has a dotted line to {dotted!r}, which is not in the chart.",
                f"Remove the dotted line or add {dotted!r} to the chart.",
            )


UNKNOWN_MANAGER = Rule(
    id="unknown-manager",
    severity="error",
    explanation=("A reporting line points at a role that is not in the chart."),
    fix="Add the missing manager to the chart or point the line at an existing role.",
    sources=[
        Source("structure"),
    ],
    check=role_by_role(unknown_manager),
    each_role=unknown_manager,
    reads=reads(Scope.ROLE_AND_MANAGER),
)


def multiple_tops(facts: ChartFacts) -> Iterator[Issue]:
    tops = facts.tops
    if len(tops) <= 1:
        return
    ranked = sorted(tops, key=facts.seniority)
    root, others = ranked[0], ranked[1:]
    shown = facts.labels(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    yield Issue(
        [r.id for r in tops],
        f"{len(tops)} roles report to nobody: {facts.labels(tops[:6])}"
        + (" and others." if len(tops) > 6 else "."),
        f"Give {shown} a manager, for instance {facts.label(root)}.",
    )


MULTIPLE_TOPS = Rule(
    id="multiple-tops",
    severity="warning",
    explanation=(
        "A chart normally has one top role; several roles with no manager suggest missing lines."
    ),
    fix="Give every role except the top one a manager.",
    sources=[
        Source("structure"),
    ],
    check=multiple_tops,
    reads=reads(Scope.REPORTING_LINES, Scope.HEAD),
)


def _senior_enough_manager(facts: ChartFacts, role: Role) -> Role | None:
    """The nearest role up the chain above ``role``'s manager that outranks ``role``."""
    manager = facts.manager(role)
    current = None if manager is None else facts.manager(manager)
    for _ in range(_MAX_CLIMB):
        if current is None:
            return None
        if facts.outranks(current, role):
            return current
        current = facts.manager(current)
    return None


def reports_upward(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    manager = facts.manager(role)
    level = facts.level(role)
    # A line inside a reporting loop is reporting-cycle's finding, whose fix
    # breaks the loop; ranking the roles along it would only add noise.
    if manager is None or level is None or role.id in facts.in_loops:
        return
    manager_level = facts.level(manager)
    if manager_level is None or manager_level < level:
        return
    if manager_level == level and facts.outranks(manager, role):
        return  # a VP under an SVP, a Director under a Senior Director
    better = _senior_enough_manager(facts, role)
    if better is not None:
        suggestion = f"Move {facts.label(role)} under {facts.label(better)}."
    elif level <= min(facts.catalogue_levels(), default=0):  # no kind outranks it: the top
        suggestion = (
            f"Let {facts.label(role)} report to nobody, or correct one of the two role kinds."
        )
    else:
        suggestion = (
            f"Move {facts.label(role)} under a role more senior than "
            f"{facts.kind_name(role)}, or correct one of the two role kinds."
        )
    by_title = " in level or title" if manager_level == level else ""
    yield Issue(
        [role.id, manager.id],
        f"{facts.label(role)} (level {level}) reports to {facts.label(manager)} "
        f"(level {manager_level}), who is not more senior{by_title}.",
        suggestion,
    )


REPORTS_UPWARD = Rule(
    id="reports-upward",
    severity="error",
    explanation=(
        "Every manager is more senior than the people reporting to them: a more senior "
        "level, or within one level a more senior title (an SVP over a VP, a Senior "
        "Director over a Director)."
    ),
    fix=(
        "Move the role under a manager of a more senior level, or correct one of the two role"
        " kinds."
    ),
    sources=[
        Source("role levels"),
        Source("What is the difference between a CMO and a VP?", "¶2"),
    ],
    check=role_by_role(reports_upward),
    each_role=reports_upward,
    reads=reads(Scope.ROLE_AND_MANAGER, Scope.REPORTING_LINES, Scope.LOOPS, Scope.HEAD),
)


def span_of_control(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    limit = facts.chart.settings.span_of_control_limit
    reports = facts.reports.get(role.id, ())
    if len(reports) > limit:
        yield Issue(
            [role.id],
            f"{facts.label(role)} has {len(reports)} direct reports; the limit is {limit}.",
            f"Put a manager between {facts.label(role)} and some of the "
            f"{len(reports)} reports, or split the team.",
        )


SPAN_OF_CONTROL = Rule(
    id="span-of-control",
    severity="warning",
    explanation=(
        "House rule: a manager with more direct reports than the set limit cannot lead "
        "them all well."
    ),
    fix="Add a layer of management or split the team.",
    sources=[
        Source("house rule"),
    ],
    check=role_by_role(span_of_control),
    each_role=span_of_control,
    reads=reads(Scope.TEAM, Scope.SETTINGS),
    house=True,
    default_limit=8,
)


RULES = (REPORTS_UPWARD, REPORTING_CYCLE, UNKNOWN_MANAGER, MULTIPLE_TOPS, SPAN_OF_CONTROL)
