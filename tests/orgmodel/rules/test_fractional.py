"""Fractional marketing leadership: findings, fixes and explanations."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from orgmodel.model import Employment, Role, Stage
from orgmodel.open_chart import read_chart
from orgmodel.rules import (
    explain,
    fixes_for,
    validate,
)
from tests.orgmodel.rules.fix_charts import (
    assert_clears,
    descriptions,
    fractional_chart,
    held,
    only,
)
from tests.orgmodel.rules.rule_charts import (
    CONTRACTOR,
    FRACTIONAL,
    FULL_TIME,
    PART_TIME,
    TACTICAL_SPECIALISTS,
    changed,
    chart,
    found,
    fractional_cmo_chart,
    fractional_md_chart,
    one,
    person,
    role,
    without,
)


@pytest.mark.parametrize("lead", [FULL_TIME, PART_TIME])
def test_fractional_cmo_satisfied_by_in_house_marketing_manager(lead: Employment) -> None:
    assert (
        found(fractional_cmo_chart(lead_employment=lead), "fractional-cmo-needs-marketing-lead")
        == []
    )


def test_fractional_cmo_satisfied_by_in_house_marketing_director() -> None:
    c = changed(fractional_cmo_chart(), "mm", kind="marketing-director", title="Marketing Director")
    assert found(c, "fractional-cmo-needs-marketing-lead") == []


@pytest.mark.parametrize("lead", [CONTRACTOR, FRACTIONAL])
def test_fractional_cmo_needs_marketing_lead_who_is_in_house(lead: Employment) -> None:
    finding = one(fractional_cmo_chart(lead_employment=lead), "fractional-cmo-needs-marketing-lead")
    assert finding.severity == "error"
    assert finding.roles == ("cmo", "mm")
    assert "not in-house" in finding.message
    assert person("mm") in finding.message
    assert person("cmo") in finding.suggestion


def test_fractional_cmo_needs_marketing_lead_fires_with_only_specialists() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", employment=FRACTIONAL),
        *(role(rid, kind, "cmo") for rid, kind in TACTICAL_SPECIALISTS.items()),
    )
    finding = one(c, "fractional-cmo-needs-marketing-lead")
    assert finding.roles == ("cmo",)
    assert "fractional" in finding.message
    assert "Marketing Director or Marketing Manager" in finding.suggestion


def test_fractional_cmo_needs_marketing_lead_silent_for_a_full_time_cmo() -> None:
    c = chart(role("ceo", "ceo"), role("cmo", "cmo", "ceo"), role("seo", "seo-specialist", "cmo"))
    assert found(c, "fractional-cmo-needs-marketing-lead") == []


@pytest.mark.parametrize("team", [FULL_TIME, PART_TIME])
def test_fractional_cmo_tactical_team_satisfied_by_in_house_specialists(team: Employment) -> None:
    c = fractional_cmo_chart(team_employment=team)
    assert found(c, "fractional-cmo-needs-tactical-team") == []


@pytest.mark.parametrize("team", [CONTRACTOR, FRACTIONAL])
def test_fractional_cmo_needs_tactical_team_that_is_in_house(team: Employment) -> None:
    finding = one(fractional_cmo_chart(team_employment=team), "fractional-cmo-needs-tactical-team")
    assert finding.severity == "error"
    assert finding.roles == ("cmo",)
    assert "tactical" in finding.message
    assert person("cmo") in finding.message


def test_fractional_cmo_own_tactical_work_is_not_a_team() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", employment=FRACTIONAL, responsibilities={"social-media", "seo"}),
        role("mm", "marketing-manager", "cmo"),
    )
    assert one(c, "fractional-cmo-needs-tactical-team").roles == ("cmo",)


def test_fractional_cmo_tactical_team_silent_for_a_full_time_cmo() -> None:
    c = chart(role("ceo", "ceo"), role("cmo", "cmo", "ceo"), role("mm", "marketing-manager", "cmo"))
    assert found(c, "fractional-cmo-needs-tactical-team") == []


def test_fractional_leaders_at_the_startup_stage_are_flagged() -> None:
    c = fractional_cmo_chart(stage=Stage.STARTUP).with_role(
        role("md", "marketing-director", "cmo", employment=FRACTIONAL)
    )
    findings = found(c, "fractional-needs-established-business")
    assert sorted(f.roles for f in findings) == [("cmo",), ("md",)]
    for finding in findings:
        assert finding.severity == "warning"
        assert "startup" in finding.message
        assert "fractional" in finding.message


def test_fractional_leaders_of_an_established_business_are_not_flagged() -> None:
    c = fractional_cmo_chart(stage=Stage.ESTABLISHED).with_role(
        role("md", "marketing-director", "cmo", employment=FRACTIONAL)
    )
    assert found(c, "fractional-needs-established-business") == []


@pytest.mark.parametrize("employment", [FULL_TIME, PART_TIME, CONTRACTOR])
def test_non_fractional_leaders_of_a_startup_are_not_flagged(employment: Employment) -> None:
    c = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", employment=employment),
        role("md", "marketing-director", "cmo", employment=employment),
        stage=Stage.STARTUP,
    )
    assert found(c, "fractional-needs-established-business") == []


def test_other_fractional_roles_of_a_startup_are_not_flagged() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("coo", "coo", "ceo", employment=FRACTIONAL),
        role("mm", "marketing-manager", "ceo", employment=FRACTIONAL),
        stage=Stage.STARTUP,
    )
    assert found(c, "fractional-needs-established-business") == []


def test_fractional_cmo_scope_names_the_plan_and_tactics_it_should_not_hold() -> None:
    c = changed(
        fractional_cmo_chart(),
        "cmo",
        responsibilities={"marketing-strategy", "marketing-plan", "social-media"},
    )
    finding = one(c, "fractional-cmo-scope")
    assert finding.severity == "warning"
    assert finding.roles == ("cmo",)
    assert "operational marketing plan and roadmap" in finding.message
    assert "social media" in finding.message
    assert "long-term marketing strategy" not in finding.message.lower()
    assert person("mm") in finding.suggestion


def test_fractional_cmo_scope_names_day_to_day_coordination() -> None:
    c = changed(fractional_cmo_chart(), "cmo", responsibilities={"marketing-operations"})
    finding = one(c, "fractional-cmo-scope")
    assert "day-to-day marketing operations" in finding.message


def test_fractional_cmo_scope_silent_for_strategy_only_or_a_full_time_cmo() -> None:
    assert found(fractional_cmo_chart(), "fractional-cmo-scope") == []
    full_time = changed(
        fractional_cmo_chart(),
        "cmo",
        employment=FULL_TIME,
        responsibilities={"marketing-plan", "marketing-operations"},
    )
    assert found(full_time, "fractional-cmo-scope") == []


def test_fractional_md_scope_fires_for_ad_copy_design_and_landing_pages() -> None:
    c = fractional_md_chart(
        responsibilities={"marketing-plan", "ad-copywriting", "ad-design", "landing-pages"}
    )
    finding = one(c, "fractional-md-scope")
    assert finding.severity == "warning"
    assert finding.roles == ("md",)
    for name in ("ad copywriting", "ad design", "landing pages"):
        assert name in finding.message
    assert person("seo") in finding.suggestion


def test_fractional_md_scope_fires_for_tactics_with_no_team() -> None:
    c = without(fractional_md_chart(responsibilities={"marketing-plan", "email-marketing"}), "seo")
    finding = one(c, "fractional-md-scope")
    assert finding.roles == ("md",)
    assert "no team" in finding.message
    assert "email marketing" in finding.message


def test_fractional_md_scope_silent_for_tactics_with_a_team_or_defaults() -> None:
    with_team = fractional_md_chart(responsibilities={"marketing-plan", "email-marketing"})
    assert found(with_team, "fractional-md-scope") == []
    assert found(fractional_md_chart(), "fractional-md-scope") == []


@pytest.mark.parametrize("employment", [FULL_TIME, PART_TIME, CONTRACTOR])
def test_fractional_md_scope_silent_for_a_director_who_is_not_fractional(
    employment: Employment,
) -> None:
    c = without(
        fractional_md_chart(employment=employment, responsibilities={"ad-copywriting", "seo"}),
        "seo",
    )
    assert found(c, "fractional-md-scope") == []


@pytest.mark.parametrize(
    ("kind", "months", "expected"),
    [
        ("cmo", 2, "3 to 6 months"),
        ("cmo", 7, "3 to 6 months"),
        ("cmo", 24, "3 to 6 months"),
        ("marketing-director", 11, "12 months or more"),
        ("marketing-director", 3, "12 months or more"),
    ],
)
def test_fractional_engagement_length_fires_outside_the_usual_range(
    kind: str, months: int, expected: str
) -> None:
    c = chart(role("lead", kind, employment=FRACTIONAL, engagement_months=months))
    finding = one(c, "fractional-engagement-length")
    assert finding.severity == "info"
    assert finding.roles == ("lead",)
    assert f"{months} months" in finding.message
    assert expected in finding.message
    assert expected in finding.suggestion


@pytest.mark.parametrize(
    ("kind", "months"),
    [
        ("cmo", 3),
        ("cmo", 6),
        ("cmo", None),
        ("marketing-director", 12),
        ("marketing-director", 36),
        ("marketing-director", None),
        ("marketing-manager", 1),
    ],
)
def test_fractional_engagement_length_silent_inside_the_range(
    kind: str, months: int | None
) -> None:
    c = chart(role("lead", kind, employment=FRACTIONAL, engagement_months=months))
    assert found(c, "fractional-engagement-length") == []


@pytest.mark.parametrize("employment", [FULL_TIME, PART_TIME, CONTRACTOR])
def test_fractional_engagement_length_ignores_non_fractional_roles(employment: Employment) -> None:
    c = chart(
        role("cmo", "cmo", employment=employment, engagement_months=1),
        role("md", "marketing-director", "cmo", employment=employment, engagement_months=1),
    )
    assert found(c, "fractional-engagement-length") == []


def test_fractional_cmo_scope_moves_the_work_to_the_in_house_marketing_lead() -> None:
    chart = fractional_chart(
        Role("mm", "Marketing Manager", "marketing-manager", person="Tariq Aziz", manager="cmo"),
        Role("soc", "Social Media Lead", "social-media-specialist", person="Ana", manager="mm"),
    )
    finding = only(chart, "fractional-cmo-scope")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Move operational marketing plan and roadmap; social media from Casey Morgan "
        "(Fractional CMO) to Tariq Aziz (Marketing Manager)"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert held(result, "cmo") == {"marketing-strategy"}
    assert {"marketing-plan", "social-media"} <= held(result, "mm")


def test_fractional_cmo_scope_with_only_an_outside_lead_adds_one_or_removes_the_work() -> None:
    chart = fractional_chart(
        Role(
            "mm",
            "Marketing Manager",
            "marketing-manager",
            person="Tariq Aziz",
            manager="cmo",
            employment=CONTRACTOR,
        ),
    )
    finding = only(chart, "fractional-cmo-scope")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Add an in-house Marketing Manager under Casey Morgan (Fractional CMO) to take "
        "operational marketing plan and roadmap; social media",
        "Remove operational marketing plan and roadmap; social media from Casey Morgan "
        "(Fractional CMO)",
    ]
    assert held(assert_clears(finding, chart, fixes[0]), "cmo") == {"marketing-strategy"}
    assert held(assert_clears(finding, chart, fixes[1]), "cmo") == {"marketing-strategy"}


def test_explain_a_fractional_rule_gives_employment_and_stage() -> None:
    chart = fractional_chart(
        Role(
            "mm",
            "Marketing Manager",
            "marketing-manager",
            person="Tariq Aziz",
            manager="cmo",
            employment=CONTRACTOR,
        ),
    )
    chart = attrs.evolve(chart, stage=Stage.STARTUP)
    finding = only(chart, "fractional-needs-established-business")
    why = explain(finding, chart).why
    assert why[0] == finding.message
    assert "Casey Morgan (Fractional CMO): fractional, not in-house staff." in why
    assert "No in-house VP Marketing, Marketing Director or Marketing Manager." in why
    assert "The business is at the startup stage." in why


def test_fractional_scope_without_a_lead_offers_an_in_house_manager_first() -> None:
    from orgmodel.analysis import coverage_score

    samples = Path(__file__).resolve().parents[3] / "resources" / "samples"
    chart = read_chart(samples / "startup-fractional.orgm").chart
    scope = next(f for f in validate(chart) if f.rule == "fractional-cmo-scope")
    first = fixes_for(scope, chart)[0]
    assert first.description.startswith("Add an in-house Marketing Manager under Casey Morgan")
    fixed = first.apply(chart)
    manager = fixed.roles[-1]
    assert (manager.kind, manager.manager, manager.employment.in_house) == (
        "marketing-manager",
        "S2",
        True,
    )
    assert {"marketing-plan", "social-media"} <= (manager.responsibilities or frozenset())
    gone = {f.rule for f in validate(chart)} - {f.rule for f in validate(fixed)}
    assert {"fractional-cmo-scope", "fractional-cmo-needs-marketing-lead"} <= gone
    assert coverage_score(fixed) > coverage_score(chart)
