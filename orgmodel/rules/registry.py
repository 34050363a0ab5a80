"""Every rule, collected from the family modules that define them.

A family module ends with ``RULES = (...)``; a rule added there is registered
without touching this file. Findings of one severity are reported in the order
below (the order of ``orgmodel rules``); a rule it does not name comes after,
in family order.
"""

from __future__ import annotations

from collections.abc import Mapping

from orgmodel.rules import fractional, gaps, leadership, responsibilities, seats, structure
from orgmodel.rules.rule import Rule

FAMILIES = (leadership, structure, fractional, responsibilities, gaps, seats)

REPORT_ORDER: tuple[Rule, ...] = (
    leadership.SINGLE_CMO,
    leadership.MISSING_CMO,
    leadership.CMO_REPORTS_TO_CEO,
    structure.REPORTS_UPWARD,
    structure.REPORTING_CYCLE,
    structure.UNKNOWN_MANAGER,
    structure.MULTIPLE_TOPS,
    leadership.DIRECTOR_REPORTS_TO_MARKETING_LEAD,
    leadership.VP_MARKETING_REPORTS_TO_CMO,
    fractional.NEEDS_MARKETING_LEAD,
    fractional.NEEDS_TACTICAL_TEAM,
    fractional.NEEDS_ESTABLISHED_BUSINESS,
    fractional.CMO_SCOPE,
    fractional.MD_SCOPE,
    responsibilities.CMO_TACTICAL_WORK,
    responsibilities.STRATEGY_OVERLAP,
    responsibilities.COO_CMO_OVERLAP,
    gaps.RESPONSIBILITY_GAP,
    seats.EXPERIENCE_BELOW_PROFILE,
    fractional.ENGAGEMENT_LENGTH,
    seats.VACANCY,
    structure.SPAN_OF_CONTROL,
    seats.UNCLASSIFIED_TITLE,
)


def collect(
    families: tuple[tuple[Rule, ...], ...], order: tuple[Rule, ...] = ()
) -> dict[str, Rule]:
    """The rules by id: those of ``order`` first, then the others of each family."""
    ordered = [*order, *(rule for rules in families for rule in rules if rule not in order)]
    collected: dict[str, Rule] = {}
    for rule in ordered:
        if rule.id in collected:
            raise ValueError(f"two rules share the id {rule.id!r}")
        collected[rule.id] = rule
    return collected


RULES: Mapping[str, Rule] = collect(tuple(family.RULES for family in FAMILIES), REPORT_ORDER)
"""Every rule by id, in report order. Read it as ``registry.RULES`` at call time (a
test may register a made-up rule by replacing it)."""


def rule_catalogue() -> Mapping[str, Rule]:
    """Every rule by id, in report order."""
    return RULES
