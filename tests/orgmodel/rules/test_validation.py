"""Validating: findings carry their rule's metadata, most severe first; big charts."""

from __future__ import annotations

import random

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.model import UNCLASSIFIED, RuleSettings
from orgmodel.rules import SEVERITIES, Finding, rule_catalogue, validate
from orgmodel.rules.validation import FindingsByRole, SeverityTally
from tests.orgmodel.rules.rule_charts import (
    TREE_KINDS,
    chart,
    found,
    healthy_chart,
    recursion_limit,
    role,
)


def test_healthy_chart_has_no_error_and_no_warning() -> None:
    findings = validate(healthy_chart())
    serious = [f for f in findings if f.severity in ("error", "warning")]
    assert serious == []


def test_findings_carry_rule_metadata_and_come_most_severe_first() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("ghost-report", "coo", "nobody-here"),  # error: unknown-manager
        role("cmo", "cmo", "ceo", person=None),  # warning: vacancy of a C-suite seat
        role("vibes", UNCLASSIFIED, "ceo", title="Vibes Curator"),  # info
    )
    findings = validate(c)
    severities = [f.severity for f in findings]
    order = {"error": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert {"error", "warning", "info"} <= set(severities)
    infos = rule_catalogue()
    for finding in findings:
        assert finding.source == infos[finding.rule].source
        assert finding.suggestion.strip()
        assert finding.message.strip()


def test_disabled_rules_do_not_run() -> None:
    c = chart(role("ceo", "ceo"), role("lost", "coo", "ghost"))
    assert found(c, "unknown-manager")
    off = attrs.evolve(c, settings=RuleSettings(disabled={"unknown-manager", "vacancy"}))
    assert [f for f in validate(off) if f.rule in {"unknown-manager", "vacancy"}] == []


def test_validate_handles_a_10000_role_tree() -> None:
    n = 10_000
    depth = [0] * n
    roles = [role("r0", "ceo")]
    for i in range(1, n):
        parent = (i - 1) // 8
        depth[i] = depth[parent] + 1
        roles.append(role(f"r{i}", TREE_KINDS[depth[i]], f"r{parent}"))
    roles[-1] = attrs.evolve(roles[-1], manager="ghost")  # one defect to find
    c = chart(*roles)
    findings = validate(c)
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    assert "reporting-cycle" not in by_rule
    assert "reports-upward" not in by_rule
    assert "span-of-control" not in by_rule
    assert "multiple-tops" not in by_rule
    assert "vacancy" not in by_rule
    assert [f.roles for f in by_rule["unknown-manager"]] == [(f"r{n - 1}",)]
    assert [f for f in findings if f.severity == "error"] == by_rule["unknown-manager"]


def test_validate_handles_a_10000_deep_reporting_chain() -> None:
    n = 10_000
    roles = [role("r0", UNCLASSIFIED, title="Link")]
    roles += [role(f"r{i}", UNCLASSIFIED, f"r{i - 1}", title="Link") for i in range(1, n)]
    with recursion_limit(1000):
        findings = validate(chart(*roles))
    rules = {f.rule for f in findings}
    assert "reporting-cycle" not in rules
    assert "multiple-tops" not in rules
    assert [f for f in findings if f.severity == "error"] == []
    assert len([f for f in findings if f.rule == "unclassified-title"]) == n


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(1, 400), picks=st.integers(0, 6))
def test_findings_by_role_name_what_a_scan_of_the_findings_finds(
    seed: int, size: int, picks: int
) -> None:
    """The findings of some roles, and each role's worst severity, as a plain
    scan of the report-ordered findings finds them (some findings name no
    role, some several, and one is told twice)."""
    from bench.generate import generate_chart

    chart = generate_chart(size, seed)
    findings = validate(chart)
    if findings:
        findings.append(findings[0])  # the same finding twice keeps its two places
    if findings and findings[0].roles:
        # A finding that names its first role twice, and the roles of the first finding.
        first = findings[0].roles[0]
        findings.append(attrs.evolve(findings[-1], roles=(first, first, *findings[0].roles)))
    index = FindingsByRole(findings)
    counted = FindingsByRole(findings, SeverityTally.of(findings))
    rng = random.Random(seed)
    role_ids = [role.id for role in chart]
    chosen = set(rng.sample(role_ids, min(picks, len(role_ids)))) | {"no-such-role"}
    scanned = [f for f in findings if chosen.intersection(f.roles)]
    assert index.naming(chosen) == counted.naming(chosen) == scanned
    for role_id in rng.sample(role_ids, min(picks, len(role_ids))):
        alone = [f for f in findings if role_id in f.roles]
        assert index.naming([role_id]) == counted.naming([role_id]) == alone
    if findings and findings[0].roles:
        twice = [f for f in findings if first in f.roles]
        assert counted.naming({first}) == twice
        assert counted.naming(findings[0].roles) == [
            f for f in findings if set(findings[0].roles).intersection(f.roles)
        ]
    assert index.naming([]) == counted.naming([]) == []
    assert counted.worst == index.worst
    assert index.worst == _worst_by_role(findings)


def _worst_by_role(findings: list[Finding]) -> dict[str, str]:
    """Each role named, with the worst severity naming it: in any order of the findings."""
    rank = {severity: position for position, severity in enumerate(SEVERITIES)}
    worst: dict[str, str] = {}
    for finding in findings:
        for role_id in finding.roles:
            if role_id not in worst or rank[finding.severity] < rank[worst[role_id]]:
                worst[role_id] = finding.severity
    return worst


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(1, 300), gone=st.integers(0, 40))
def test_a_tally_updated_with_findings_gone_and_come_equals_one_counted_afresh(
    seed: int, size: int, gone: int
) -> None:
    """Each role's worst severity, after some findings go (some told twice) and
    those of another chart come, is that of the list so changed counted afresh;
    the tally it was updated from is as it was."""
    from bench.generate import generate_chart

    before = validate(generate_chart(size, seed))
    if before:
        before.append(before[0])  # the same finding twice: counted twice
    rng = random.Random(seed)
    taken = rng.sample(range(len(before)), min(gone, len(before)))
    leaving = [before[index] for index in taken]
    coming = validate(generate_chart(max(1, size // 2), seed + 1))
    staying = [f for index, f in enumerate(before) if index not in set(taken)]
    tally = SeverityTally.of(before)
    worst_before = dict(tally.worst)
    updated = tally.after(leaving, coming)
    assert updated.worst == _worst_by_role(staying + coming)
    assert tally.worst == worst_before == _worst_by_role(before)
    assert tally.after(leaving, ()).after((), leaving).worst == worst_before


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(1, 300))
def test_report_order_is_by_severity_then_by_rule_as_each_rule_found_them(
    seed: int, size: int
) -> None:
    """Every rule's findings, in registry order, sorted (stably) by severity:
    with a rule whose findings are of several severities, as the C-suite
    vacancy rule's are, and one whose findings all take another severity."""
    from bench.generate import generate_chart
    from orgmodel.catalogue import load_catalogue
    from orgmodel.rules import registry
    from orgmodel.rules.validation import findings_by_rule, in_report_order

    by_rule = findings_by_rule(generate_chart(size, seed), load_catalogue())
    rng = random.Random(seed)
    for rule_id in rng.sample(sorted(by_rule), min(3, len(by_rule))):
        by_rule[rule_id] = [
            attrs.evolve(finding, severity=rng.choice(SEVERITIES)) for finding in by_rule[rule_id]
        ]
    rank = {severity: position for position, severity in enumerate(SEVERITIES)}
    listed = [finding for rule_id in registry.RULES for finding in by_rule.get(rule_id, [])]
    assert in_report_order(by_rule) == sorted(listed, key=lambda f: rank[f.severity])
