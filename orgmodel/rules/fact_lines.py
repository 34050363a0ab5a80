"""Sentences stating the chart's facts behind a finding, which several rules share."""

from __future__ import annotations

from collections.abc import Sequence

from orgmodel.model import Role
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.rule import Finding
from orgmodel.wording import join_some, sentence_start


def how_held(role: Role) -> str:
    return "on its own list" if role.responsibilities is not None else "by default for its kind"


def some(facts: ChartFacts, roles: Sequence[Role], shown: int = 3) -> str:
    """'A, B and C', or 'A, B, C and 4 more'."""
    return join_some([facts.label(r) for r in roles], shown)


def employment(facts: ChartFacts, role: Role) -> str:
    in_house = "in-house" if role.employment.in_house else "not in-house staff"
    return f"{sentence_start(facts.label(role))}: {role.employment.value}, {in_house}."


def holding_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    lines = []
    for role_id in finding.roles:
        role = facts.chart.role(role_id)
        held = set(finding.responsibilities) & facts.catalogue.held(role)
        if held:
            who = sentence_start(facts.label(role))
            lines.append(f"{who} holds {facts.catalogue.names(held)} ({how_held(role)}).")
    return lines


def reporting_facts(finding: Finding, facts: ChartFacts) -> list[str]:
    lines = []
    for role_id in finding.roles:
        role = facts.chart.role(role_id)
        manager = facts.manager(role)
        level = facts.level(role)
        rank = "" if level is None else f", level {level}"
        where = "reports to nobody" if manager is None else f"reports to {facts.label(manager)}"
        lines.append(
            f"{sentence_start(facts.label(role))} is a {facts.kind_name(role)}{rank}; {where}."
        )
    return lines
