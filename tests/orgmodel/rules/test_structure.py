"""The reporting structure: loops, dangling lines, tops, rank and span."""

from __future__ import annotations

from orgmodel.model import UNCLASSIFIED, RuleSettings
from tests.orgmodel.rules.rule_charts import (
    changed,
    chart,
    found,
    healthy_chart,
    one,
    person,
    recursion_limit,
    role,
    team_of,
)


def test_reports_upward_fires_for_a_vp_under_a_director() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo"),
        role("md", "marketing-director", "cmo"),
        role("vp", "vp-marketing", "md"),
    )
    finding = one(c, "reports-upward")
    assert finding.severity == "error"
    assert finding.roles == ("vp", "md")
    assert "level 2" in finding.message and "level 3" in finding.message
    # The suggestion climbs to the first manager senior enough: the CMO.
    assert person("cmo") in finding.suggestion


def test_reports_upward_fires_for_a_vp_under_another_vp() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo"),
        role("vp1", "vp-marketing", "cmo"),
        role("vp2", "vp-marketing", "vp1"),
    )
    finding = one(c, "reports-upward")
    assert finding.roles == ("vp2", "vp1")
    assert finding.message.count("level 2") == 2
    assert person("cmo") in finding.suggestion


def test_reports_upward_fires_for_a_ceo_under_a_chief() -> None:
    c = chart(role("cmo", "cmo"), role("ceo", "ceo", "cmo"))
    finding = one(c, "reports-upward")
    assert finding.roles == ("ceo", "cmo")
    # Nothing outranks a CEO: the suggestion is the top of the chart, not a
    # role more senior than one.
    assert "report to nobody" in finding.suggestion
    assert "more senior than" not in finding.suggestion


def test_reports_upward_leaves_the_lines_of_a_loop_to_reporting_cycle() -> None:
    looped = chart(
        role("ceo", "ceo", "vp"),
        role("cmo", "cmo", "ceo"),
        role("vp", "vp-marketing", "cmo"),
        role("own", "marketing-manager", "own"),
        role("mm", "marketing-manager", "vp"),
    )
    assert found(looped, "reports-upward") == []
    assert len(found(looped, "reporting-cycle")) == 2


def test_reports_upward_silent_for_strictly_senior_managers_and_dotted_lines() -> None:
    assert found(healthy_chart(), "reports-upward") == []
    # A specialist reporting straight to the CEO skips levels: allowed.
    skipping = chart(role("ceo", "ceo"), role("seo", "seo-specialist", "ceo"))
    assert found(skipping, "reports-upward") == []
    # Dotted lines carry no rule of rank.
    dotted = changed(healthy_chart(), "vp", dotted_managers=("md", "seo"))
    assert found(dotted, "reports-upward") == []
    # Unclassified roles have no level to compare.
    unclassified = chart(
        role("ceo", "ceo"),
        role("odd", UNCLASSIFIED, "ceo", title="Vibes Curator"),
        role("vp", "vp-marketing", "odd"),
    )
    assert found(unclassified, "reports-upward") == []


def test_reporting_cycle_finds_a_role_that_is_its_own_manager() -> None:
    c = chart(role("ceo", "ceo"), role("cmo", "cmo", "cmo"))
    finding = one(c, "reporting-cycle")
    assert finding.severity == "error"
    assert finding.roles == ("cmo",)
    assert "own manager" in finding.message
    assert person("cmo") in finding.message


def test_reporting_cycle_finds_a_loop_of_two() -> None:
    c = chart(
        role("c", "seo-specialist", "a"),  # leads into the loop, is not in it
        role("ceo", "ceo"),
        role("a", "marketing-manager", "b"),
        role("b", "marketing-director", "a"),
    )
    finding = one(c, "reporting-cycle")
    assert sorted(finding.roles) == ["a", "b"]
    assert "loop" in finding.message
    assert person("a") in finding.message and person("b") in finding.message
    assert person("c") not in finding.message


def test_reporting_cycle_finds_a_loop_of_2000_roles_without_recursion() -> None:
    n = 2000
    ids = [f"r{i}" for i in range(n)]
    roles = [role(ids[i], "project-manager", ids[(i + 1) % n]) for i in range(n)]
    roles.append(role("tail", "project-manager", "r7"))
    c = chart(role("ceo", "ceo"), *roles)
    with recursion_limit(1000):
        findings = found(c, "reporting-cycle")
    assert len(findings) == 1
    loop = findings[0].roles
    assert len(loop) == n
    assert set(loop) == set(ids)
    # In reporting order: each role's manager is the next one in the loop.
    for i, role_id in enumerate(loop):
        assert c.role(role_id).manager == loop[(i + 1) % n]


def test_reporting_cycle_reports_each_of_several_loops_once() -> None:
    c = chart(
        role("a", "marketing-manager", "b"),
        role("b", "marketing-manager", "a"),
        role("x", "seo-specialist", "x"),
        role("p", "seo-specialist", "q"),
        role("q", "seo-specialist", "r"),
        role("r", "seo-specialist", "p"),
    )
    loops = sorted(sorted(f.roles) for f in found(c, "reporting-cycle"))
    assert loops == [["a", "b"], ["p", "q", "r"], ["x"]]


def test_reporting_cycle_silent_on_a_tree_and_a_deep_chain() -> None:
    assert found(healthy_chart(), "reporting-cycle") == []
    chain = [role("r0", UNCLASSIFIED, title="Link")]
    chain += [role(f"r{i}", UNCLASSIFIED, f"r{i - 1}", title="Link") for i in range(1, 2000)]
    with recursion_limit(1000):
        assert found(chart(*chain), "reporting-cycle") == []


def test_unknown_manager_fires_for_a_solid_line_to_a_missing_role() -> None:
    c = changed(healthy_chart(), "vp", manager="ghost")
    finding = one(c, "unknown-manager")
    assert finding.severity == "error"
    assert finding.roles == ("vp",)
    assert "'ghost'" in finding.message
    assert "not in the chart" in finding.message


def test_unknown_manager_fires_for_a_dotted_line_to_a_missing_role() -> None:
    c = changed(healthy_chart(), "seo", dotted_managers=("phantom",))
    finding = one(c, "unknown-manager")
    assert finding.roles == ("seo",)
    assert "dotted" in finding.message and "'phantom'" in finding.message


def test_unknown_manager_silent_when_every_line_points_into_the_chart() -> None:
    assert found(healthy_chart(), "unknown-manager") == []
    dotted = changed(healthy_chart(), "seo", dotted_managers=("coo",))
    assert found(dotted, "unknown-manager") == []


def test_multiple_tops_fires_for_a_second_role_reporting_to_nobody() -> None:
    c = healthy_chart().with_role(role("cfo", "cfo"))
    finding = one(c, "multiple-tops")
    assert finding.severity == "warning"
    assert set(finding.roles) == {"ceo", "cfo"}
    assert "2 roles report to nobody" in finding.message
    # The CEO, the most senior top, is offered as the manager of the others.
    assert f"Give {person('cfo')}" in finding.suggestion
    assert person("ceo") in finding.suggestion.split("for instance")[1]


def test_multiple_tops_silent_with_one_top() -> None:
    assert found(healthy_chart(), "multiple-tops") == []
    # A role whose manager is missing reports to someone; unknown-manager covers it.
    dangling = changed(healthy_chart(), "vp", manager="ghost")
    assert found(dangling, "multiple-tops") == []


def test_span_of_control_fires_above_the_default_limit_of_8() -> None:
    finding = one(team_of(9), "span-of-control")
    assert finding.severity == "warning"
    assert finding.roles == ("boss",)
    assert "9 direct reports" in finding.message
    assert "limit is 8" in finding.message


def test_span_of_control_silent_at_the_default_limit() -> None:
    assert found(team_of(8), "span-of-control") == []


def test_span_of_control_respects_a_configured_limit() -> None:
    finding = one(team_of(4, RuleSettings(span_of_control_limit=3)), "span-of-control")
    assert "4 direct reports" in finding.message and "limit is 3" in finding.message
    assert found(team_of(4, RuleSettings(span_of_control_limit=4)), "span-of-control") == []
    assert found(team_of(30, RuleSettings(span_of_control_limit=30)), "span-of-control") == []


def test_span_of_control_can_be_disabled() -> None:
    off = RuleSettings(disabled={"span-of-control"}, span_of_control_limit=1)
    assert found(team_of(20, off), "span-of-control") == []


def test_span_of_control_ignores_dotted_lines() -> None:
    c = chart(
        role("boss", "marketing-manager"),
        role("other", "marketing-manager"),
        *(role(f"s{i}", "seo-specialist", "other", dotted_managers=("boss",)) for i in range(9)),
    )
    assert [f.roles for f in found(c, "span-of-control")] == [("other",)]
