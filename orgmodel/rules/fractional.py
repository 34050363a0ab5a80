"""Rules for fractional marketing leadership (source 002)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.model import Role, Stage
from orgmodel.rules.engine import (
    CMO,
    MARKETING_DIRECTOR,
    MARKETING_LEAD_KINDS,
    TACTICAL,
    ChartFacts,
    Issue,
)

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


def fractional_cmo_scope(facts: ChartFacts) -> Iterator[Issue]:
    leads = facts.in_house_marketing_leads()
    for cmo in _fractional(facts, CMO):
        held = facts.held[cmo.id]
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


def fractional_md_scope(facts: ChartFacts) -> Iterator[Issue]:
    for director in _fractional(facts, MARKETING_DIRECTOR):
        creative = facts.held[director.id] & CREATIVE_PRODUCTION
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


def fractional_engagement_length(facts: ChartFacts) -> Iterator[Issue]:
    for role in facts.chart.roles:
        kind = facts.catalogue.kind(role.kind)
        months = role.engagement_months
        if not role.is_fractional or kind is None or kind.engagement is None or months is None:
            continue
        usual = kind.engagement
        too_short = months < usual.fractional_min_months
        too_long = usual.fractional_max_months is not None and months > usual.fractional_max_months
        if not (too_short or too_long):
            continue
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
