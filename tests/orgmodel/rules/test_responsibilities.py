"""Overlaps and misplaced work: findings, fixes and explanations."""

from __future__ import annotations

import attrs
import pytest

from orgmodel.model import Employment, Role
from orgmodel.open_chart import read_chart
from orgmodel.rules import (
    Give,
    InvolvedRole,
    explain,
    fixes_for,
    rule_catalogue,
    validate,
)
from tests.orgmodel.rules.fix_charts import (
    SAMPLES,
    assert_clears,
    ceo,
    chart_of,
    cmo,
    coo,
    descriptions,
    findings,
    held,
    only,
    overlap_chart,
    tactical_cmo_chart,
)
from tests.orgmodel.rules.rule_charts import (
    CATALOGUE,
    CONTRACTOR,
    FRACTIONAL,
    FULL_TIME,
    PART_TIME,
    TACTICAL_SPECIALISTS,
    changed,
    chart,
    found,
    healthy_chart,
    one,
    person,
    role,
)


@pytest.mark.parametrize("employment", [FULL_TIME, PART_TIME, CONTRACTOR])
def test_cmo_tactical_work_names_the_tactical_tasks(employment: Employment) -> None:
    c = changed(
        healthy_chart(),
        "cmo",
        employment=employment,
        responsibilities={"marketing-strategy", "brand-strategy", "seo", "social-media"},
    )
    finding = one(c, "cmo-tactical-work")
    assert finding.severity == "warning"
    assert finding.roles == ("cmo",)
    assert "search engine optimisation" in finding.message
    assert "social media" in finding.message
    assert "brand strategy" not in finding.message
    # The suggestion hands the work to someone of the CMO's own team.
    team = {person(rid) for rid in TACTICAL_SPECIALISTS}
    assert any(p in finding.suggestion for p in team)


def test_cmo_tactical_work_silent_for_strategy_and_for_a_fractional_cmo() -> None:
    assert found(healthy_chart(), "cmo-tactical-work") == []
    fractional = changed(
        healthy_chart(),
        "cmo",
        employment=FRACTIONAL,
        responsibilities={"seo", "marketing-strategy"},
    )
    # Reported once, by fractional-cmo-scope, not twice.
    assert found(fractional, "cmo-tactical-work") == []
    assert one(fractional, "fractional-cmo-scope").roles == ("cmo",)


def test_strategy_overlap_names_the_responsibility_and_both_roles() -> None:
    c = changed(healthy_chart(), "vp", responsibilities={"marketing-plan", "marketing-strategy"})
    finding = one(c, "strategy-overlap")
    assert finding.severity == "warning"
    assert set(finding.roles) == {"cmo", "vp"}
    assert "long-term marketing strategy" in finding.message
    assert person("cmo") in finding.message and person("vp") in finding.message
    # The CMO keeps it; the VP gives it up.
    assert f"with {person('cmo')}" in finding.suggestion
    assert f"from {person('vp')}" in finding.suggestion


def test_strategy_overlap_groups_responsibilities_shared_by_the_same_roles() -> None:
    c = changed(healthy_chart(), "vp", responsibilities={"marketing-strategy", "brand-strategy"})
    finding = one(c, "strategy-overlap")
    assert "long-term marketing strategy" in finding.message
    assert "brand strategy and brand awareness" in finding.message


def test_strategy_overlap_without_a_cmo_keeps_it_with_the_most_senior() -> None:
    c = chart(
        role("ceo", "ceo"),
        role("vp", "vp-marketing", "ceo", responsibilities={"brand-strategy"}),
        role("md", "marketing-director", "vp", responsibilities={"brand-strategy"}),
    )
    finding = one(c, "strategy-overlap")
    assert set(finding.roles) == {"vp", "md"}
    assert f"with {person('vp')}" in finding.suggestion


def test_strategy_overlap_silent_for_shared_responsibilities() -> None:
    assert found(healthy_chart(), "strategy-overlap") == []
    # Market research may be held by many (the CMO and an analyst here).
    c = healthy_chart().with_role(role("research", "market-research-analyst", "mm"))
    assert found(c, "strategy-overlap") == []


def test_coo_cmo_overlap_names_operations_duties_held_by_the_cmo() -> None:
    cmo = healthy_chart().role("cmo")
    c = changed(
        healthy_chart(),
        "cmo",
        responsibilities=CATALOGUE.held(cmo) | {"budget-allocation"},
    )
    finding = one(c, "coo-cmo-overlap")
    assert finding.severity == "warning"
    assert finding.roles == ("cmo", "coo")
    assert "budget allocation across the company" in finding.message
    assert "operations" in finding.message
    assert person("coo") in finding.message


def test_coo_cmo_overlap_names_marketing_duties_held_by_the_coo() -> None:
    coo = healthy_chart().role("coo")
    c = changed(healthy_chart(), "coo", responsibilities=CATALOGUE.held(coo) | {"social-media"})
    finding = one(c, "coo-cmo-overlap")
    assert finding.roles == ("coo", "cmo")
    assert "social media" in finding.message
    assert "marketing duties" in finding.message


def test_coo_cmo_overlap_silent_without_a_coo_or_without_overlap() -> None:
    assert found(healthy_chart(), "coo-cmo-overlap") == []
    no_coo = chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", responsibilities={"marketing-strategy", "budget-allocation"}),
    )
    assert found(no_coo, "coo-cmo-overlap") == []


def test_brand_strategy_held_by_the_cmo_and_a_vp_is_fixed_by_removing_it_from_the_vp() -> None:
    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    assert finding.responsibilities == ("brand-strategy",)
    fixes = fixes_for(finding, chart, CATALOGUE)
    assert descriptions(fixes) == [
        "Remove brand strategy and brand awareness from Aisha Bello (VP Marketing); "
        "Victor Hughes (Chief Marketing Officer) keeps it"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert findings(result, "strategy-overlap") == []
    assert held(result, "vp") == {"marketing-plan", "campaign-monitoring"}
    assert "brand-strategy" in held(result, "cmo")
    # Only the VP changed; the CMO still holds its kind's defaults.
    assert result.role("cmo") == chart.role("cmo")


def test_a_three_way_overlap_offers_one_removal_per_role_other_than_the_keeper() -> None:
    chart = chart_of(
        ceo(),
        Role(
            "vp",
            "VP Marketing",
            "vp-marketing",
            person="Aisha Bello",
            manager="ceo",
            responsibilities=["marketing-strategy", "growth-driving"],
        ),
        Role(
            "md",
            "Marketing Director",
            "marketing-director",
            person="Lena Vogel",
            manager="vp",
            responsibilities=["marketing-strategy", "growth-driving"],
        ),
        Role(
            "mm",
            "Marketing Manager",
            "marketing-manager",
            person="Tariq Aziz",
            manager="md",
            responsibilities=["marketing-strategy", "growth-driving"],
        ),
    )
    finding = only(chart, "strategy-overlap")
    fixes = fixes_for(finding, chart)
    # No CMO among the holders: the most senior keeps them.
    assert descriptions(fixes) == [
        "Remove long-term marketing strategy; driving growth and revenue from Lena Vogel "
        "(Marketing Director); Aisha Bello (VP Marketing) keeps them",
        "Remove long-term marketing strategy; driving growth and revenue from Tariq Aziz "
        "(Marketing Manager); Aisha Bello (VP Marketing) keeps them",
    ]
    for fix in fixes:
        result = assert_clears(finding, chart, fix)
        assert held(result, "vp") == {"marketing-strategy", "growth-driving"}


def test_cmo_tactical_work_goes_to_team_members_who_do_that_work() -> None:
    chart = tactical_cmo_chart()
    finding = only(chart, "cmo-tactical-work")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Hand over the work of Victor Hughes (Chief Marketing Officer): social media to Ana "
        "Ruiz (Social Media Lead) and search engine optimisation to Ivo Berg (SEO Specialist)"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert held(result, "cmo") == {"marketing-strategy", "brand-strategy"}
    assert result.role("out") == chart.role("out")


def test_cmo_tactical_work_prefers_an_in_house_team_member_doing_related_work() -> None:
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "events"]),
        Role(
            "free",
            "Content Writer",
            "content-specialist",
            person="Riley Chen",
            manager="cmo",
            employment=CONTRACTOR,
        ),
        Role(
            "email",
            "Email Marketer",
            "email-marketing-specialist",
            person="Ben Carter",
            manager="cmo",
        ),
    )
    finding = only(chart, "cmo-tactical-work")
    fix = fixes_for(finding, chart)[0]
    assert fix.description == (
        "Move events from Victor Hughes (Chief Marketing Officer) to Ben Carter (Email Marketer)"
    )
    assert_clears(finding, chart, fix)


def test_cmo_tactical_work_with_no_team_below_is_removed_from_the_cmo() -> None:
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "social-media", "seo"]),
        Role("seo", "SEO Specialist", "seo-specialist", person="Ivo Berg", manager="ceo"),
    )
    finding = only(chart, "cmo-tactical-work")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Remove social media and search engine optimisation from Victor Hughes "
        "(Chief Marketing Officer)"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert held(result, "cmo") == {"marketing-strategy"}


def test_operations_duties_of_the_cmo_move_to_the_coo() -> None:
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "daily-operations", "budget-allocation"]),
        attrs.evolve(coo(), responsibilities=["resource-management"]),
    )
    finding = only(chart, "coo-cmo-overlap")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Move day-to-day organisational operations and budget allocation across the company "
        "from Victor Hughes (Chief Marketing Officer) to Peter Lindqvist (Chief Operating "
        "Officer)"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert held(result, "cmo") == {"marketing-strategy"}
    assert held(result, "coo") == {"resource-management", "daily-operations", "budget-allocation"}


def test_marketing_duties_of_the_coo_go_to_the_cmo_and_tactical_ones_to_the_team() -> None:
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy"]),
        attrs.evolve(coo(), responsibilities=["daily-operations", "brand-strategy", "advertising"]),
        Role(
            "ads",
            "Paid Ads Specialist",
            "paid-ads-specialist",
            person="Mo Ali",
            manager="cmo",
            responsibilities=["social-media"],
        ),
    )
    finding = only(chart, "coo-cmo-overlap")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Hand over the work of Peter Lindqvist (Chief Operating Officer): brand strategy and "
        "brand awareness to Victor Hughes (Chief Marketing Officer) and advertising to Mo Ali "
        "(Paid Ads Specialist)"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert held(result, "coo") == {"daily-operations"}
    assert held(result, "cmo") == {"marketing-strategy", "brand-strategy"}
    assert held(result, "ads") == {"social-media", "advertising"}
    assert findings(result, "cmo-tactical-work") == []


def test_explain_a_strategy_overlap() -> None:
    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    explanation = explain(finding, chart, CATALOGUE)
    info = rule_catalogue()["strategy-overlap"]
    assert explanation.rule == "strategy-overlap"
    assert explanation.severity == "warning"
    assert explanation.rule_text == info.explanation
    assert explanation.sources == (
        "What is the difference between a CMO and a VP?, ¶5",
        "CMO vs Marketing Director: roles and responsibilities, ¶7",
        "Fractional CMO vs fractional Marketing Director, A Fractional CMO's Responsibilities: "
        "What They Do",
    )
    assert explanation.roles == (
        InvolvedRole("cmo", "Victor Hughes (Chief Marketing Officer)"),
        InvolvedRole("vp", "Aisha Bello (VP Marketing)"),
    )
    assert explanation.why == (
        finding.message,
        "Victor Hughes (Chief Marketing Officer) holds brand strategy and brand awareness "
        "(by default for its kind).",
        "Aisha Bello (VP Marketing) holds brand strategy and brand awareness (on its own list).",
        "Brand strategy and brand awareness is meant to have one owner in the company.",
    )
    assert explanation.fixes == tuple(fixes_for(finding, chart))


def test_a_handover_suggestion_names_whom_its_fix_gives_the_work_to() -> None:
    """The finding's suggested fix and the fix the app applies name the same people."""
    checked = 0
    for sample in sorted(SAMPLES.glob("*.orgm")):
        chart = read_chart(sample).chart
        for finding in validate(chart, CATALOGUE):
            if finding.rule not in ("cmo-tactical-work", "coo-cmo-overlap"):
                continue
            fix = fixes_for(finding, chart, CATALOGUE)[0]
            given = [step.role for step in fix.steps if isinstance(step, Give)]
            assert given, fix
            for role_id in given:
                assert CATALOGUE.label(chart.role(role_id)) in finding.suggestion
                checked += 1
    assert checked >= 2
