"""Rules for fractional marketing leadership: what a fractional CMO or Marketing Director
needs around them, what they do not do, and how long they stay."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.model import Role, Stage
from orgmodel.rules.fact_lines import employment, holding_facts, some
from orgmodel.rules.facts import (
    CMO,
    MARKETING_DIRECTOR,
    MARKETING_LEAD_KINDS,
    MARKETING_MANAGER,
    TACTICAL,
    ChartFacts,
)
from orgmodel.rules.rule import Finding, Issue, Rule, Scope, Source, reads, role_by_role
from orgmodel.rules.steps import AddRole, Fix, Take, move_work

MARKETING_PLAN = "marketing-plan"
DAY_TO_DAY = "marketing-operations"
CREATIVE_PRODUCTION = frozenset({"ad-copywriting", "ad-design", "landing-pages"})


def _fractional(facts: ChartFacts, kind: str) -> list[Role]:
    return [r for r in facts.by_kind.get(kind, []) if r.is_fractional]


def _in_house_tactical(facts: ChartFacts, excluding: Role) -> list[Role]:
    return [
        r
        for r in facts.chart.roles
        if r.id != excluding.id and r.employment.in_house and facts.in_category(r, TACTICAL)
    ]


def _fractional_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    involved = [facts.chart.role(r) for r in finding.roles]
    leads = [r for r in facts.in_house_marketing_leads() if r.id not in finding.roles]
    lines = [employment(facts, r) for r in involved]
    lines += [employment(facts, r) for r in leads]
    if not facts.in_house_marketing_leads():
        lines.append("No in-house VP Marketing, Marketing Director or Marketing Manager.")
    tactical = [
        r
        for r in facts.chart.roles
        if r.employment.in_house and r.kind != CMO and facts.in_category(r, TACTICAL)
    ]
    lines.append(
        f"In-house roles doing tactical work: {some(facts, tactical)}."
        if tactical
        else "No in-house role (other than a CMO) does tactical work."
    )
    lines.append(f"The business is at the {facts.chart.stage.value} stage.")
    if finding.responsibilities:
        lines += holding_facts(finding, facts)
    return lines


def fractional_cmo_needs_marketing_lead(facts: ChartFacts) -> Iterator[Issue]:
    if facts.in_house_marketing_leads():
        return
    outside = [r for kind in sorted(MARKETING_LEAD_KINDS) for r in facts.by_kind.get(kind, [])]
    note = f" ({facts.labels(outside)} is not in-house staff)" if outside else ""
    for cmo in _fractional(facts, CMO):
        yield Issue(
            [cmo.id, *(r.id for r in outside)],
            f"{facts.label(cmo)} is fractional, and no in-house Marketing Director or "
            f"Marketing Manager runs marketing day to day{note}.",
            f"Add a full-time or part-time Marketing Director or Marketing Manager "
            f"reporting to {facts.label(cmo)}.",
        )


NEEDS_MARKETING_LEAD = Rule(
    id="fractional-cmo-needs-marketing-lead",
    severity="error",
    explanation=(
        "A fractional CMO sets direction part-time and needs an in-house marketing "
        "director or manager to run marketing."
    ),
    fix="Add an in-house (full-time or part-time) Marketing Director or Marketing Manager.",
    sources=[
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional CMO's Responsibilities: Client Requirements",
        ),
    ],
    check=fractional_cmo_needs_marketing_lead,
    reads=reads(Scope.KINDS, kinds=[CMO, *MARKETING_LEAD_KINDS]),
    facts=_fractional_facts,
)


def fractional_cmo_needs_tactical_team(facts: ChartFacts) -> Iterator[Issue]:
    for cmo in _fractional(facts, CMO):
        if _in_house_tactical(facts, excluding=cmo):
            continue
        yield Issue(
            [cmo.id],
            f"{facts.label(cmo)} is fractional, and no in-house role does tactical marketing work.",
            "Add in-house specialists for the tactical work (social media, email, "
            "content, SEO, advertising), reporting to the marketing lead.",
        )


NEEDS_TACTICAL_TEAM = Rule(
    id="fractional-cmo-needs-tactical-team",
    severity="error",
    explanation=(
        "A fractional CMO does not execute tactics; an in-house team must do the tactical work."
    ),
    fix=(
        "Add in-house specialists who hold tactical work (social media, email, content, SEO, "
        "ads...)."
    ),
    sources=[
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional CMO's Responsibilities: Client Requirements",
        ),
    ],
    check=fractional_cmo_needs_tactical_team,
    reads=reads(Scope.KINDS, Scope.RESPONSIBILITIES, kinds=[CMO], functions=["marketing"]),
    facts=_fractional_facts,
)


def fractional_needs_established_business(facts: ChartFacts) -> Iterator[Issue]:
    if facts.chart.stage is not Stage.STARTUP:
        return
    for role in _fractional(facts, CMO) + _fractional(facts, MARKETING_DIRECTOR):
        yield Issue(
            [role.id],
            f"{facts.label(role)} is fractional, but the business is at the startup stage.",
            "Hire an in-house marketing lead first, or bring in fractional leadership "
            "once the business is established.",
        )


NEEDS_ESTABLISHED_BUSINESS = Rule(
    id="fractional-needs-established-business",
    severity="warning",
    explanation=("Fractional marketing leadership assumes a business that is already established."),
    fix="Wait until the business is established, or hire an in-house marketing lead first.",
    sources=[
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional CMO's Responsibilities: Client Requirements",
        ),
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional Marketing Director's Responsibilities: Client Requirements",
        ),
    ],
    check=fractional_needs_established_business,
    reads=reads(Scope.KINDS, Scope.STAGE, kinds=[CMO, MARKETING_DIRECTOR]),
    facts=_fractional_facts,
)


def fractional_cmo_scope(facts: ChartFacts) -> Iterator[Issue]:
    leads = facts.in_house_marketing_leads()
    for cmo in _fractional(facts, CMO):
        held = facts.catalogue.held(cmo)
        misplaced = (held & {MARKETING_PLAN, DAY_TO_DAY}) | facts.in_category(cmo, TACTICAL)
        if not misplaced:
            continue
        names = facts.catalogue.names(misplaced)
        target = facts.label(leads[0]) if leads else "an in-house marketing lead and team"
        yield Issue(
            [cmo.id],
            f"{facts.label(cmo)} is fractional but holds {names}.",
            f"Move {names} to {target}.",
            responsibilities=[r for r in facts.catalogue.responsibilities if r in misplaced],
        )


def _fractional_cmo_scope_fixes(finding: Finding, facts: ChartFacts) -> list[Fix]:
    cmo = facts.chart.role(finding.roles[0])
    ids = facts.in_catalogue_order(finding.responsibilities)
    leads = facts.in_house_marketing_leads()
    fixes = []
    if not leads:
        # Hand the work to a new in-house lead: that also meets the fractional
        # CMO's prerequisites, where merely dropping the work leaves gaps.
        names = facts.catalogue.names(ids)
        fixes.append(
            Fix(
                f"Add an in-house Marketing Manager under {facts.label(cmo)} to take {names}",
                [Take(cmo.id, ids), AddRole(MARKETING_MANAGER, cmo.id, takes=ids)],
            )
        )
    targets: list[Role | None] = list(leads) if leads else [None]
    for lead in targets:
        description, steps = move_work(facts, cmo, dict.fromkeys(ids, lead))
        fixes.append(Fix(description, steps))
    return fixes


CMO_SCOPE = Rule(
    id="fractional-cmo-scope",
    severity="warning",
    explanation=(
        "A fractional CMO owns strategy, not day-to-day coordination, the marketing plan "
        "or tactical work."
    ),
    fix=(
        "Move the plan, day-to-day coordination and tactical work to the in-house marketing "
        "lead and team."
    ),
    sources=[
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional CMO's Responsibilities: What They Don't Do",
        ),
    ],
    check=fractional_cmo_scope,
    reads=reads(
        Scope.KINDS,
        Scope.RESPONSIBILITIES,
        kinds=[CMO, *MARKETING_LEAD_KINDS],
        functions=["marketing"],
    ),
    fixes=_fractional_cmo_scope_fixes,
    facts=_fractional_facts,
)


def fractional_md_scope(facts: ChartFacts) -> Iterator[Issue]:
    for director in _fractional(facts, MARKETING_DIRECTOR):
        creative = facts.catalogue.held(director) & CREATIVE_PRODUCTION
        tactical = facts.in_category(director, TACTICAL)
        team = [r for r in facts.subtree(director) if facts.in_category(r, TACTICAL)]
        if creative:
            names = facts.catalogue.names(creative)
            holder = team[0] if team else None
            target = facts.label(holder) if holder else "a specialist (copywriter, designer, web)"
            yield Issue(
                [director.id],
                f"{facts.label(director)} is a fractional Marketing Director but holds {names}.",
                f"Give {names} to {target}.",
                responsibilities=[r for r in facts.catalogue.responsibilities if r in creative],
            )
        if tactical and not team:
            names = facts.catalogue.names(tactical)
            yield Issue(
                [director.id],
                f"{facts.label(director)} works tactics ({names}) with no team under them.",
                f"Add specialists reporting to {facts.label(director)} to do {names} with them.",
                responsibilities=[r for r in facts.catalogue.responsibilities if r in tactical],
            )


MD_SCOPE = Rule(
    id="fractional-md-scope",
    severity="warning",
    explanation=(
        "A fractional Marketing Director leads execution alongside a team; it does not "
        "write ad copy, design ads, build landing pages or work tactics alone."
    ),
    fix=(
        "Give ad copy, ad design and landing pages to specialists, and give the director a "
        "team to work with."
    ),
    sources=[
        Source(
            "Fractional CMO vs fractional Marketing Director",
            "A Fractional Marketing Director's Responsibilities: What They Don't Do",
        ),
    ],
    check=fractional_md_scope,
    reads=reads(
        Scope.KINDS,
        Scope.SUBTREE,
        Scope.RESPONSIBILITIES,
        kinds=[MARKETING_DIRECTOR],
        functions=["marketing"],
    ),
    facts=_fractional_facts,
)


def fractional_engagement_length(facts: ChartFacts, role: Role) -> Iterator[Issue]:
    kind = facts.catalogue.kind(role.kind)
    months = role.engagement_months
    if not role.is_fractional or kind is None or kind.engagement is None or months is None:
        return
    usual = kind.engagement
    too_short = months < usual.fractional_min_months
    too_long = usual.fractional_max_months is not None and months > usual.fractional_max_months
    if not (too_short or too_long):
        return
    expected = (
        f"{usual.fractional_min_months} to {usual.fractional_max_months} months"
        if usual.fractional_max_months is not None
        else f"{usual.fractional_min_months} months or more"
    )
    yield Issue(
        [role.id],
        f"{facts.label(role)} is engaged for {months} months; fractional "
        f"{kind.name} engagements usually run {expected}.",
        f"Plan the engagement for {expected}, or plan what follows it.",
    )


ENGAGEMENT_LENGTH = Rule(
    id="fractional-engagement-length",
    severity="info",
    explanation=(
        "Fractional CMO engagements usually run 3 to 6 months; fractional Marketing "
        "Director engagements 12 months or more."
    ),
    fix="Plan the engagement length to the usual range, or plan what follows it.",
    sources=[
        Source("Fractional CMO vs fractional Marketing Director", "overview table"),
    ],
    check=role_by_role(fractional_engagement_length),
    each_role=fractional_engagement_length,
    reads=reads(Scope.ROLE),
    facts=_fractional_facts,
)


RULES = (
    NEEDS_MARKETING_LEAD,
    NEEDS_TACTICAL_TEAM,
    NEEDS_ESTABLISHED_BUSINESS,
    CMO_SCOPE,
    MD_SCOPE,
    ENGAGEMENT_LENGTH,
)
