"""The rules engine: every rule a unit of its own, collected by the registry.

A rule (:class:`Rule`) holds its check, severity, sources, wording, fixes and
explanation facts in its family module (leadership, structure, fractional,
responsibilities, gaps, seats); ``validate`` runs them, ``fixes_for`` ranks
what they offer and ``explain`` puts a finding in plain words.
"""

from __future__ import annotations

from orgmodel.rules.explaining import Explanation, InvolvedRole, explain
from orgmodel.rules.ranking import fixes_for
from orgmodel.rules.registry import rule_catalogue
from orgmodel.rules.rule import SEVERITIES, Finding, Rule, Severity, Source
from orgmodel.rules.steps import AddRole, ChangeKind, Fix, Give, Reparent, Step, Take
from orgmodel.rules.validation import (
    UnknownRuleError,
    counts_line,
    summarise,
    summary_line,
    validate,
)

__all__ = [
    "SEVERITIES",
    "AddRole",
    "ChangeKind",
    "Explanation",
    "Finding",
    "Fix",
    "Give",
    "InvolvedRole",
    "Reparent",
    "Rule",
    "Severity",
    "Source",
    "Step",
    "Take",
    "UnknownRuleError",
    "counts_line",
    "explain",
    "fixes_for",
    "rule_catalogue",
    "summarise",
    "summary_line",
    "validate",
]
