"""The rules engine: every rule registered in one place, and ``validate``.

Each rule's check is a pure function in one of the modules below; its
severity, explanation, source and general fix live in resources/rules.toml
under the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.model import Chart
from orgmodel.rules import fractional, leadership, responsibilities, structure
from orgmodel.rules.engine import (
    SEVERITIES,
    ChartFacts,
    Finding,
    RuleCheck,
    RuleInfo,
    Severity,
    rule_catalogue,
)
from orgmodel.wording import counted, sentence_start

__all__ = [
    "CHECKS",
    "Finding",
    "RuleInfo",
    "Severity",
    "UnknownRuleError",
    "rule_catalogue",
    "summarise",
    "summary_line",
    "validate",
]

CHECKS: Mapping[str, RuleCheck] = {
    "single-cmo": leadership.single_cmo,
    "missing-cmo": leadership.missing_cmo,
    "cmo-reports-to-ceo": leadership.cmo_reports_to_ceo,
    "reports-upward": structure.reports_upward,
    "reporting-cycle": structure.reporting_cycle,
    "unknown-manager": structure.unknown_manager,
    "multiple-tops": structure.multiple_tops,
    "director-reports-to-marketing-lead": leadership.director_reports_to_marketing_lead,
    "vp-marketing-reports-to-cmo": leadership.vp_marketing_reports_to_cmo,
    "fractional-cmo-needs-marketing-lead": fractional.fractional_cmo_needs_marketing_lead,
    "fractional-cmo-needs-tactical-team": fractional.fractional_cmo_needs_tactical_team,
    "fractional-needs-established-business": fractional.fractional_needs_established_business,
    "fractional-cmo-scope": fractional.fractional_cmo_scope,
    "fractional-md-scope": fractional.fractional_md_scope,
    "cmo-tactical-work": responsibilities.cmo_tactical_work,
    "strategy-overlap": responsibilities.strategy_overlap,
    "coo-cmo-overlap": responsibilities.coo_cmo_overlap,
    "responsibility-gap": responsibilities.responsibility_gap,
    "experience-below-profile": leadership.experience_below_profile,
    "fractional-engagement-length": fractional.fractional_engagement_length,
    "vacancy": leadership.vacancy,
    "span-of-control": structure.span_of_control,
    "unclassified-title": leadership.unclassified_title,
}


class UnknownRuleError(ValueError):
    def __init__(self, rule_id: str) -> None:
        super().__init__(f"there is no rule {rule_id!r}; `orgmodel rules` lists them")
        self.rule_id = rule_id


def validate(chart: Chart, catalogue: Catalogue | None = None) -> list[Finding]:
    """All findings of the rules the chart's settings leave on, most severe first."""
    catalogue = catalogue or load_catalogue()
    facts = ChartFacts(chart, catalogue)
    infos = rule_catalogue()
    findings: list[Finding] = []
    for rule_id, check in CHECKS.items():
        if rule_id in chart.settings.disabled:
            continue
        info = infos[rule_id]
        source = info.source  # joined from the rule's sources: once per rule, not per finding
        for issue in check(facts):
            findings.append(
                Finding(
                    rule=rule_id,
                    severity=issue.severity or info.severity,
                    roles=issue.roles,
                    # Messages may begin with a role's label ("the vacant CMO seat").
                    message=sentence_start(issue.message),
                    source=source,
                    suggestion=sentence_start(issue.suggestion or info.fix),
                    responsibilities=issue.responsibilities,
                )
            )
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: rank[f.severity])
    return findings


def summarise(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_line(findings: Iterable[Finding]) -> str:
    """'1 error, 3 warnings, 0 infos'."""
    counts = summarise(findings)
    return ", ".join(counted(counts[severity], severity) for severity in SEVERITIES)
