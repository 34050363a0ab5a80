"""Rules about who fills the seats: experience, vacancies and titles no kind matches."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.model import UNCLASSIFIED, Role
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.rule import Issue, Rule, Scope, Source, reads, role_by_role


def experience_below_profile(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    kind = facts.catalogue.kind(role.kind)
    if kind is None or kind.experience is None or role.vacant:
        return
    profile = kind.experience
    short = []
    if role.years_in_marketing is not None and role.years_in_marketing < profile.years_in_marketing:
        short.append(
            f"{role.years_in_marketing:g} years in marketing "
            f"(profile {profile.years_in_marketing:g}+)"
        )
    if role.years_leading is not None and role.years_leading < profile.years_leading:
        short.append(f"{role.years_leading:g} years leading (profile {profile.years_leading:g}+)")
    if short:
        yield Issue(
            [role.id],
            f"{facts.label(role)} has {' and '.join(short)} for a {kind.name}.",
            f"Pair {facts.label(role)} with a more experienced leader, "
            "or reconsider the level of the seat.",
        )


EXPERIENCE_BELOW_PROFILE = Rule(
    id="experience-below-profile",
    severity="warning",
    explanation=(
        "A CMO is expected to bring 20+ years of marketing and 10+ of leadership; a "
        "Marketing Director 10+ and 5+."
    ),
    fix="Pair the role with a more experienced leader, or reconsider the level of the seat.",
    sources=[
        Source("Fractional CMO vs fractional Marketing Director", "overview table"),
    ],
    check=role_by_role(experience_below_profile),
    each_role=experience_below_profile,
    reads=reads(Scope.ROLE),
)


def vacancy(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    if not role.vacant:
        return
    level = facts.level(role)
    c_suite = level is not None and level <= 1
    reports = facts.reports.get(role.id, ())
    who = ""
    if reports:
        who = (
            "; 1 person reports to it"
            if len(reports) == 1
            else f"; {len(reports)} people report to it"
        )
    seat = role.title.strip() or facts.kind_name(role)
    if role.planned:  # a hire the design plans, not a gap in a working team
        yield Issue(
            [role.id],
            f"The {seat} seat is planned, not yet filled{who}.",
            f"Fill the {seat} seat when the plan goes ahead.",
        )
        return
    yield Issue(
        [role.id],
        f"The {seat} seat is vacant{who}.",
        f"Fill the {seat} seat, or name who covers it meanwhile.",
        severity="warning" if c_suite else None,
    )


VACANCY = Rule(
    id="vacancy",
    severity="info",
    explanation=(
        "A role with nobody in it; an empty C-suite seat matters more. A planned seat (a "
        "hire a design makes room for, as in the stage templates) is only noted."
    ),
    fix="Fill the seat, or plan who covers its responsibilities meanwhile.",
    sources=[
        Source("What is the difference between a CMO and a VP?", "¶3"),
    ],
    check=role_by_role(vacancy),
    each_role=vacancy,
    reads=reads(Scope.ROLE, Scope.TEAM, Scope.HEAD),
)


def unclassified_title(facts: ChartFacts) -> Iterator[Issue]:
    for role in facts.by_kind.get(UNCLASSIFIED, []):
        yield Issue(
            [role.id],
            f"The title {role.title!r} of {facts.label(role)} matches no known role kind.",
            f"Set the role kind of {facts.label(role)} by hand.",
        )


UNCLASSIFIED_TITLE = Rule(
    id="unclassified-title",
    severity="info",
    explanation=(
        "An imported job title matched no known role kind, so no rule of rank or "
        "responsibility applies to it."
    ),
    fix="Set the role kind by hand, or tell us the title so the catalogue learns it.",
    sources=[
        Source("import"),
    ],
    check=unclassified_title,
    reads=reads(Scope.ROLE),
)


RULES = (EXPERIENCE_BELOW_PROFILE, VACANCY, UNCLASSIFIED_TITLE)
