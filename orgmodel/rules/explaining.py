"""A finding explained in plain words: the rule, its sources, the roles, why, the fixes."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.model import Chart, string_tuple
from orgmodel.rules import registry
from orgmodel.rules.fact_lines import reporting_facts
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.ranking import fixes_for
from orgmodel.rules.rule import Finding, Severity
from orgmodel.rules.steps import Fix


@frozen
class InvolvedRole:
    id: str
    label: str
    """"Person (Title)", or "the vacant Title seat"."""


def _involved(roles: Iterable[InvolvedRole]) -> tuple[InvolvedRole, ...]:
    return tuple(roles)


def _fixes(fixes: Iterable[Fix]) -> tuple[Fix, ...]:
    return tuple(fixes)


@frozen
class Explanation:
    """Everything the explain view shows about one finding, as plain text."""

    rule: str
    severity: Severity
    rule_text: str
    """The rule in plain words."""
    sources: tuple[str, ...] = field(converter=string_tuple)
    """Where the rule comes from: "file, section" each."""
    roles: tuple[InvolvedRole, ...] = field(converter=_involved)
    why: tuple[str, ...] = field(converter=string_tuple)
    """Why it fired on this chart: the finding's message, then the facts behind it."""
    fixes: tuple[Fix, ...] = field(converter=_fixes)

    def text(self) -> str:
        """The whole explanation as plain text, one section after another."""
        lines = [f"{self.rule} ({self.severity})", self.rule_text, "", "Why it fired here:"]
        lines += [f"- {line}" for line in self.why]
        if self.roles:
            lines += ["", "Roles involved:"]
            lines += [f"- {role.label} [{role.id}]" for role in self.roles]
        lines += ["", "Source:" if len(self.sources) == 1 else "Sources:"]
        lines += [f"- {source}" for source in self.sources]
        lines += ["", "Suggested fixes:"]
        lines += [f"- {fix.description}" for fix in self.fixes] or ["- none to offer"]
        return "\n".join(lines)


def explain(finding: Finding, chart: Chart, catalogue: Catalogue | None = None) -> Explanation:
    """The finding in plain words: the rule, its sources, the roles, why here, the fixes."""
    catalogue = catalogue or load_catalogue()
    facts = ChartFacts(chart, catalogue)
    rule = registry.RULES.get(finding.rule)
    present = [chart.role(r) for r in finding.roles if r in chart]
    why = [finding.message]
    if len(present) == len(finding.roles):
        tell = reporting_facts if rule is None or rule.facts is None else rule.facts
        why += tell(finding, facts)
    else:
        why.append("Some of its roles are no longer in the chart.")
    return Explanation(
        rule=finding.rule,
        severity=finding.severity,
        rule_text=rule.explanation if rule is not None else finding.suggestion,
        sources=[str(s) for s in rule.sources] if rule is not None else [finding.source],
        roles=[InvolvedRole(r.id, facts.label(r)) for r in present],
        why=why,
        fixes=fixes_for(finding, chart, catalogue),
    )
