"""Suggested fixes for findings, and findings explained: each rule family, and the promise
that every fix clears its finding without a new error, on samples and random charts."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.catalogue import load_catalogue
from orgmodel.edits import EditError
from orgmodel.fixes import (
    AddRole,
    ChangeKind,
    Fix,
    Give,
    InvolvedRole,
    Reparent,
    Take,
    explain,
    fixes_for,
)
from orgmodel.model import UNCLASSIFIED, Chart, Employment, Role, Stage
from orgmodel.open_chart import read_chart
from orgmodel.rules import Finding, rule_catalogue, validate

CATALOGUE = load_catalogue()
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FRACTIONAL = Employment.FRACTIONAL
CONTRACTOR = Employment.CONTRACTOR


def ceo() -> Role:
    return Role("ceo", "CEO", "ceo", person="Maya Singh")


def cmo(**changes: Any) -> Role:
    role = Role("cmo", "Chief Marketing Officer", "cmo", person="Victor Hughes", manager="ceo")
    return attrs.evolve(role, **changes)


def chart_of(*roles: Role, stage: Stage = Stage.ESTABLISHED) -> Chart:
    return Chart("test", stage=stage, roles=roles)


def findings(chart: Chart, rule: str) -> list[Finding]:
    return [f for f in validate(chart, CATALOGUE) if f.rule == rule]


def only(chart: Chart, rule: str) -> Finding:
    found = findings(chart, rule)
    assert len(found) == 1, found
    return found[0]


def descriptions(fixes: Iterable[Fix]) -> list[str]:
    return [fix.description for fix in fixes]


def still_there(finding: Finding, after: Iterable[Finding]) -> list[Finding]:
    """Findings of ``after`` of the same rule and roles as ``finding``, about any of its
    responsibilities: a fix that only clears some of them has not cleared the finding."""
    return [
        f
        for f in after
        if (f.rule, f.roles) == (finding.rule, finding.roles)
        and (
            set(f.responsibilities) & set(finding.responsibilities)
            or f.responsibilities == finding.responsibilities
        )
    ]


def assert_clears(finding: Finding, chart: Chart, fix: Fix) -> Chart:
    """Apply the fix and check that the finding is gone; return the new chart."""
    result = fix.apply(chart, CATALOGUE)
    assert still_there(finding, validate(result, CATALOGUE)) == []
    return result


def held(chart: Chart, role_id: str) -> frozenset[str]:
    return CATALOGUE.held(chart.role(role_id))


# --- the two checks -------------------------------------------------------------------


def overlap_chart() -> Chart:
    return chart_of(
        ceo(),
        cmo(),
        Role(
            "vp",
            "VP Marketing",
            "vp-marketing",
            person="Aisha Bello",
            manager="cmo",
            responsibilities=["brand-strategy", "marketing-plan", "campaign-monitoring"],
        ),
    )


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


def events_gap_chart() -> Chart:
    return chart_of(
        ceo(),
        cmo(),
        Role("mm", "Marketing Manager", "marketing-manager", person="Tariq Aziz", manager="cmo"),
        Role(
            "coord",
            "Marketing Coordinator",
            "marketing-coordinator",
            person="Lucas Silva",
            manager="mm",
            responsibilities=["lead-generation"],
        ),
        Role("content", "Content Writer", "content-specialist", person="Yuki Tanaka", manager="mm"),
    )


def test_nobody_holding_events_is_fixed_by_assigning_it_to_the_coordinator() -> None:
    chart = events_gap_chart()
    gap = [f for f in findings(chart, "responsibility-gap") if f.responsibilities == ("events",)]
    assert len(gap) == 1
    fixes = fixes_for(gap[0], chart, CATALOGUE)
    assert fixes[0].description == "Assign events to Lucas Silva (Marketing Coordinator)"
    assert fixes[0].steps == (Give("coord", ["events"]),)
    result = assert_clears(gap[0], chart, fixes[0])
    assert held(result, "coord") == {"lead-generation", "events"}
    assert held(result, "cmo") == held(chart, "cmo")
    assert not [f for f in validate(result) if "events" in f.responsibilities]


# --- steps and fixes as data ------------------------------------------------------------------


def test_giving_to_a_role_on_kind_defaults_keeps_the_defaults() -> None:
    chart = events_gap_chart()
    result = Fix("give", [Give("content", ["seo"])]).apply(chart)
    assert chart.role("content").responsibilities is None
    assert result.role("content").responsibilities == frozenset({"content-marketing", "seo"})


def test_taking_from_a_role_on_kind_defaults_removes_only_that_one() -> None:
    chart = overlap_chart()
    result = Fix("take", [Take("cmo", ["public-relations"])]).apply(chart)
    assert result.role("cmo").responsibilities == (
        CATALOGUE.kinds["cmo"].defaults - {"public-relations"}
    )


def test_a_fix_is_plain_comparable_data() -> None:
    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    first = fixes_for(finding, chart, CATALOGUE)
    again = fixes_for(finding, copy.deepcopy(chart))
    assert first == again
    assert first[0] == Fix(first[0].description, [Take("vp", ("brand-strategy",))])
    assert first[0] != Fix(first[0].description, [Take("cmo", ("brand-strategy",))])
    assert len({*first, *again}) == 1
    assert first[0].roles == ("vp",)


def test_fix_roles_lists_the_roles_it_touches_once_in_order() -> None:
    fix = Fix(
        "x",
        [
            Take("cmo", ["seo"]),
            Give("mm", ["seo"]),
            Reparent("mm", "cmo"),
            AddRole("seo-specialist", "mm", ["content"]),
            ChangeKind("vp", "vp-marketing"),
        ],
    )
    assert fix.roles == ("cmo", "mm", "content", "vp")


def test_applying_a_fix_leaves_the_input_chart_as_it_was() -> None:
    chart = overlap_chart()
    saved = copy.deepcopy(chart)
    fixes_for(only(chart, "strategy-overlap"), chart)[0].apply(chart)
    assert chart == saved


def test_a_fix_applied_twice_is_refused_the_second_time() -> None:
    chart = overlap_chart()
    fix = fixes_for(only(chart, "strategy-overlap"), chart)[0]
    done = fix.apply(chart)
    with pytest.raises(EditError, match="no longer holds brand strategy"):
        fix.apply(done)


def test_a_fix_that_would_change_nothing_is_refused() -> None:
    chart = events_gap_chart()
    with pytest.raises(EditError, match="already"):
        Fix("give", [Give("content", ["content-marketing"])]).apply(chart)


def test_a_fix_for_a_role_that_is_gone_is_refused() -> None:
    chart = overlap_chart()
    fix = fixes_for(only(chart, "strategy-overlap"), chart)[0]
    smaller = chart.with_roles(r for r in chart.roles if r.id != "vp")
    with pytest.raises(EditError, match="no role 'vp'"):
        fix.apply(smaller)


def test_a_fix_that_would_make_a_loop_is_refused() -> None:
    chart = overlap_chart()
    with pytest.raises(EditError, match="loop"):
        Fix("move", [Reparent("ceo", "vp")]).apply(chart)


def test_a_step_naming_an_unknown_kind_is_refused() -> None:
    with pytest.raises(EditError, match="no role kind 'wizard'"):
        Fix("x", [ChangeKind("vp", "wizard")]).apply(overlap_chart())
    with pytest.raises(EditError, match="no role kind 'wizard'"):
        Fix("x", [AddRole("wizard", None)]).apply(overlap_chart())


def test_a_finding_whose_roles_left_the_chart_has_no_fixes() -> None:
    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    smaller = chart.with_roles(r for r in chart.roles if r.id != "vp")
    assert fixes_for(finding, smaller) == []


# --- responsibility-gap -----------------------------------------------------------------------


def test_a_gap_nobody_can_take_adds_a_role_of_a_kind_that_holds_it_under_the_cmo() -> None:
    chart = chart_of(ceo(), cmo())
    gap = [f for f in findings(chart, "responsibility-gap") if f.responsibilities == ("events",)]
    fixes = fixes_for(gap[0], chart, CATALOGUE)
    assert descriptions(fixes) == [
        "Add an Events Specialist under Victor Hughes (Chief Marketing Officer) to hold events",
        "Add a Marketing Coordinator under Victor Hughes (Chief Marketing Officer) to hold events",
    ]
    result = assert_clears(gap[0], chart, fixes[0])
    added = result.roles[-1]
    assert (added.kind, added.manager, added.vacant) == ("events-specialist", "cmo", True)


def test_an_added_specialist_goes_under_the_nearest_marketing_lead() -> None:
    chart = chart_of(
        ceo(),
        cmo(),
        Role("vp", "VP Marketing", "vp-marketing", person="Aisha Bello", manager="cmo"),
        Role("mm", "Marketing Manager", "marketing-manager", person="Tariq Aziz", manager="vp"),
    )
    gap = [f for f in findings(chart, "responsibility-gap") if f.responsibilities == ("seo",)]
    adds = [f for f in fixes_for(gap[0], chart) if f.description.startswith("Add")]
    assert descriptions(adds) == [
        "Add an SEO Specialist under Tariq Aziz (Marketing Manager) to hold search engine "
        "optimisation"
    ]
    assert adds[0].steps == (AddRole("seo-specialist", "mm"),)


def test_a_management_gap_offers_the_cmo_and_a_marketing_director_under_the_cmo() -> None:
    chart = chart_of(
        ceo(),
        cmo(),
        Role("seo", "SEO Specialist", "seo-specialist", person="Ivo Berg", manager="cmo"),
    )
    gap = [
        f
        for f in findings(chart, "responsibility-gap")
        if f.responsibilities == ("marketing-budget",)
    ]
    fixes = fixes_for(gap[0], chart)
    assert descriptions(fixes) == [
        "Assign marketing budget and tactical KPIs to Victor Hughes (Chief Marketing Officer)",
        "Add a Marketing Director under Victor Hughes (Chief Marketing Officer) to hold "
        "marketing budget and tactical KPIs",
    ]
    for fix in fixes:
        assert_clears(gap[0], chart, fix)


def test_a_strategic_gap_never_suggests_a_second_cmo() -> None:
    chart = chart_of(ceo(), cmo(responsibilities=["marketing-strategy", "executive-alignment"]))
    gap = [
        f
        for f in findings(chart, "responsibility-gap")
        if f.responsibilities == ("brand-strategy",)
    ]
    fixes = fixes_for(gap[0], chart)
    assert descriptions(fixes) == [
        "Assign brand strategy and brand awareness to Victor Hughes (Chief Marketing Officer)"
    ]


def test_an_operations_gap_with_no_operations_lead_adds_one_under_the_ceo() -> None:
    chart = chart_of(
        ceo(),
        Role("ops", "Operations Manager", "operations-manager", manager="ceo", responsibilities=[]),
    )
    gap = [
        f
        for f in findings(chart, "responsibility-gap")
        if f.responsibilities == ("budget-allocation",)
    ]
    fixes = fixes_for(gap[0], chart)
    assert descriptions(fixes) == [
        "Assign budget allocation across the company to the vacant Operations Manager seat",
        "Add a Chief Operating Officer under Maya Singh (CEO) to hold budget allocation "
        "across the company",
    ]
    result = assert_clears(gap[0], chart, fixes[1])
    assert result.roles[-1].kind == "coo" and result.roles[-1].manager == "ceo"


def test_a_gap_with_no_role_above_the_new_one_adds_it_reporting_to_nobody() -> None:
    chart = chart_of(Role("vp", "VP Marketing", "vp-marketing", responsibilities=[]))
    gap = [
        f
        for f in findings(chart, "responsibility-gap")
        if f.responsibilities == ("brand-strategy",)
    ]
    fixes = fixes_for(gap[0], chart)
    assert fixes[-1].description == (
        "Add a Chief Marketing Officer to hold brand strategy and brand awareness"
    )
    assert fixes[-1].steps == (AddRole("cmo", None),)


# --- strategy-overlap -------------------------------------------------------------------------


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


# --- cmo-tactical-work ------------------------------------------------------------------------


def tactical_cmo_chart() -> Chart:
    return chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "brand-strategy", "social-media", "seo"]),
        Role("mm", "Marketing Manager", "marketing-manager", person="Tariq Aziz", manager="cmo"),
        Role(
            "soc", "Social Media Lead", "social-media-specialist", person="Ana Ruiz", manager="mm"
        ),
        Role("seo", "SEO Specialist", "seo-specialist", person="Ivo Berg", manager="mm"),
        Role("out", "SEO Consultant", "seo-specialist", person="Al Out", manager="ceo"),
    )


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


def test_no_fix_is_offered_that_would_cause_a_new_error() -> None:
    # The in-house CMO holds the only in-house tactical work; taking it away
    # would leave the fractional CMO with no in-house tactical team (an error).
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "social-media"]),
        Role(
            "frac",
            "Fractional CMO",
            "cmo",
            person="Casey Morgan",
            manager="ceo",
            employment=FRACTIONAL,
            responsibilities=["brand-strategy"],
        ),
        Role("mm", "Marketing Manager", "marketing-manager", person="Tariq Aziz", manager="ceo"),
    )
    finding = only(chart, "cmo-tactical-work")
    assert findings(chart, "fractional-cmo-needs-tactical-team") == []
    removal = Fix(
        "Remove social media from Victor Hughes (Chief Marketing Officer)",
        [Take("cmo", ["social-media"])],
    )
    assert findings(removal.apply(chart), "fractional-cmo-needs-tactical-team") != []
    assert fixes_for(finding, chart) == []


# --- coo-cmo-overlap --------------------------------------------------------------------------


def coo() -> Role:
    return Role("coo", "Chief Operating Officer", "coo", person="Peter Lindqvist", manager="ceo")


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


# --- fractional-cmo-scope ---------------------------------------------------------------------


def fractional_chart(*team: Role) -> Chart:
    return chart_of(
        ceo(),
        cmo(
            title="Fractional CMO",
            person="Casey Morgan",
            employment=FRACTIONAL,
            responsibilities=["marketing-strategy", "marketing-plan", "social-media"],
        ),
        *team,
    )


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


# --- single-cmo -------------------------------------------------------------------------------


def test_an_extra_cmo_becomes_a_vp_marketing_under_the_kept_one() -> None:
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "brand-strategy"]),
        Role(
            "frac",
            "Fractional CMO",
            "cmo",
            person="Casey Morgan",
            manager="ceo",
            employment=FRACTIONAL,
            responsibilities=["brand-strategy", "social-media"],
        ),
        Role("vp", "VP Marketing", "vp-marketing", person="Aisha Bello", manager="frac"),
    )
    finding = only(chart, "single-cmo")
    assert finding.roles == ("cmo", "frac")
    fixes = fixes_for(finding, chart)
    # The in-house CMO is kept first; keeping the fractional one is the alternative.
    assert descriptions(fixes) == [
        "Keep Victor Hughes (Chief Marketing Officer) as CMO and make Casey Morgan (Fractional "
        "CMO) a VP Marketing under Victor Hughes (Chief Marketing Officer)",
        "Keep Casey Morgan (Fractional CMO) as CMO and make Victor Hughes (Chief Marketing "
        "Officer) a VP Marketing under Casey Morgan (Fractional CMO)",
    ]
    result = assert_clears(finding, chart, fixes[0])
    demoted = result.role("frac")
    assert (demoted.kind, demoted.title, demoted.manager) == ("vp-marketing", "VP Marketing", "cmo")
    # Brand strategy stays with the kept CMO only; the rest of the work stays.
    assert demoted.responsibilities == frozenset({"social-media"})
    # A VP under a VP would break rank: the extra CMO's VP moves to the kept CMO.
    assert result.role("vp").manager == "cmo"
    assert findings(result, "reports-upward") == []
    assert findings(result, "strategy-overlap") == []


def test_a_kept_cmo_below_the_extra_one_first_moves_up_beside_it() -> None:
    chart = chart_of(
        ceo(),
        cmo(manager="other"),
        Role("other", "CMO", "cmo", person="Noor Haddad", manager="ceo", employment=FRACTIONAL),
    )
    finding = only(chart, "single-cmo")
    fix = fixes_for(finding, chart)[0]
    assert fix.steps[0] == Reparent("cmo", "ceo")
    result = assert_clears(finding, chart, fix)
    assert result.role("cmo").manager == "ceo"
    assert result.role("other").manager == "cmo"
    assert result.role("other").kind == "vp-marketing"


def test_a_demoted_cmo_on_kind_defaults_takes_the_vp_defaults() -> None:
    chart = chart_of(ceo(), cmo(), Role("c2", "CMO", "cmo", person="Noor Haddad", manager="ceo"))
    finding = only(chart, "single-cmo")
    result = assert_clears(finding, chart, fixes_for(finding, chart)[0])
    assert result.role("c2").responsibilities is None
    assert held(result, "c2") == CATALOGUE.kinds["vp-marketing"].defaults


# --- missing-cmo ------------------------------------------------------------------------------


def test_missing_cmo_adds_one_under_the_ceo_with_the_top_marketing_roles_under_it() -> None:
    chart = chart_of(
        ceo(),
        Role("vp", "VP Marketing", "vp-marketing", person="Aisha Bello", manager="ceo"),
        Role("vp2", "VP Growth", "vp-marketing", person="Dan Wu", manager="ceo"),
        Role("mm", "Marketing Manager", "marketing-manager", person="Tariq Aziz", manager="vp"),
    )
    finding = only(chart, "missing-cmo")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Add a Chief Marketing Officer reporting to Maya Singh (CEO), with Aisha Bello "
        "(VP Marketing) and Dan Wu (VP Growth) under it"
    ]
    assert fixes[0].steps == (AddRole("cmo", "ceo", ["vp", "vp2"]),)
    result = assert_clears(finding, chart, fixes[0])
    new = result.roles[-1]
    assert (new.kind, new.manager) == ("cmo", "ceo")
    assert result.role("vp").manager == new.id and result.role("vp2").manager == new.id
    assert result.role("mm").manager == "vp"


def test_missing_cmo_without_a_ceo_adds_a_cmo_at_the_top() -> None:
    chart = chart_of(Role("md", "Head of Marketing", "marketing-director", person="Lena Vogel"))
    finding = only(chart, "missing-cmo")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Add a Chief Marketing Officer, with Lena Vogel (Head of Marketing) under it"
    ]
    result = assert_clears(finding, chart, fixes[0])
    assert result.role("md").manager == result.roles[-1].id


# --- reporting lines --------------------------------------------------------------------------


def test_a_director_outside_marketing_moves_under_the_cmo_or_a_vp_marketing() -> None:
    chart = chart_of(
        ceo(),
        cmo(),
        coo(),
        Role("vp", "VP Marketing", "vp-marketing", person="Aisha Bello", manager="cmo"),
        Role("md", "Marketing Director", "marketing-director", person="Lena Vogel", manager="coo"),
    )
    finding = only(chart, "director-reports-to-marketing-lead")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Move Lena Vogel (Marketing Director) under Victor Hughes (Chief Marketing Officer)",
        "Move Lena Vogel (Marketing Director) under Aisha Bello (VP Marketing)",
    ]
    for fix, manager in zip(fixes, ["cmo", "vp"], strict=True):
        assert assert_clears(finding, chart, fix).role("md").manager == manager


def test_a_move_that_would_make_a_loop_is_not_offered() -> None:
    # The CMO sits below the director, so the director cannot move under the CMO.
    chart = chart_of(
        ceo(),
        Role("md", "Marketing Director", "marketing-director", person="Lena Vogel", manager="ceo"),
        cmo(manager="md"),
        Role("vp", "VP Marketing", "vp-marketing", person="Aisha Bello", manager="ceo"),
    )
    finding = only(chart, "director-reports-to-marketing-lead")
    assert descriptions(fixes_for(finding, chart)) == [
        "Move Lena Vogel (Marketing Director) under Aisha Bello (VP Marketing)"
    ]


def test_a_vp_marketing_beside_the_cmo_moves_under_it() -> None:
    chart = chart_of(
        ceo(),
        cmo(),
        Role("vp", "VP Marketing", "vp-marketing", person="Aisha Bello", manager="ceo"),
    )
    finding = only(chart, "vp-marketing-reports-to-cmo")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Move Aisha Bello (VP Marketing) under Victor Hughes (Chief Marketing Officer)"
    ]
    assert fixes[0].steps == (Reparent("vp", "cmo"),)
    assert_clears(finding, chart, fixes[0])


def test_a_cmo_under_the_coo_moves_under_the_ceo() -> None:
    chart = chart_of(ceo(), coo(), cmo(manager="coo"))
    finding = only(chart, "cmo-reports-to-ceo")
    fixes = fixes_for(finding, chart)
    assert descriptions(fixes) == [
        "Move Victor Hughes (Chief Marketing Officer) under Maya Singh (CEO)"
    ]
    assert assert_clears(finding, chart, fixes[0]).role("cmo").manager == "ceo"


def test_a_cmo_with_no_ceo_in_the_chart_has_no_fix() -> None:
    chart = chart_of(attrs.evolve(coo(), manager=None), cmo(manager="coo"))
    assert fixes_for(only(chart, "cmo-reports-to-ceo"), chart) == []


# --- rules without fixes ----------------------------------------------------------------------


def test_unclassified_titles_and_other_rules_have_no_fixes() -> None:
    chart = chart_of(
        ceo(),
        Role("x", "Chief Vibes Officer", UNCLASSIFIED, person="Zed", manager="ceo"),
        Role("v", "Marketing Manager", "marketing-manager", manager="ceo"),
    )
    assert fixes_for(only(chart, "unclassified-title"), chart) == []
    assert fixes_for(only(chart, "vacancy"), chart) == []


# --- every fix clears its finding and adds no error ---------------------------------------------


def new_errors(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """Errors after the fix about none of the roles that had an error of that rule before."""
    return [
        a
        for a in after
        if a.severity == "error"
        and not any(
            b.severity == "error"
            and b.rule == a.rule
            and (set(b.roles) & set(a.roles) or not (b.roles or a.roles))
            for b in before
        )
    ]


def check_every_fix(chart: Chart) -> int:
    """Apply every fix of every finding; return how many fixes there were."""
    before = validate(chart, CATALOGUE)
    count = 0
    for finding in before:
        for fix in fixes_for(finding, chart, CATALOGUE):
            try:
                result = fix.apply(chart, CATALOGUE)
            except EditError:
                continue
            count += 1
            after = validate(result, CATALOGUE)
            assert still_there(finding, after) == [], fix.description
            assert new_errors(before, after) == [], fix.description
    return count


def test_still_there_sees_a_finding_left_about_some_of_its_responsibilities() -> None:
    finding = Finding("cmo-tactical-work", "warning", ("cmo",), "m", "s", "f", ("seo", "events"))
    assert still_there(finding, [finding]) == [finding]
    partly = attrs.evolve(finding, responsibilities=("events",))
    assert still_there(finding, [partly]) == [partly]
    assert still_there(finding, [attrs.evolve(partly, roles=("vp",))]) == []
    assert still_there(finding, [attrs.evolve(finding, rule="strategy-overlap")]) == []
    bare = attrs.evolve(finding, responsibilities=())
    assert still_there(bare, [bare]) == [bare]
    assert still_there(bare, [finding]) == []


def test_new_errors_sees_an_error_about_other_roles() -> None:
    error = Finding("reports-upward", "error", ("a", "b"), "m", "s", "f")
    elsewhere = attrs.evolve(error, roles=("c", "d"))
    assert new_errors([error], [error]) == []
    assert new_errors([error], [elsewhere]) == [elsewhere]
    assert new_errors([], [error]) == [error]


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.orgm")))
def test_every_fix_of_every_sample_clears_its_finding(name: str) -> None:
    chart = read_chart(SAMPLES / name).chart
    count = check_every_fix(chart)
    if name != "enterprise.orgm":
        assert count > 0


def test_the_overlap_sample_offers_a_fix_for_each_of_its_findings() -> None:
    chart = read_chart(SAMPLES / "overlaps-and-gaps.orgm").chart
    for finding in validate(chart):
        assert fixes_for(finding, chart), finding


KINDS = [
    "ceo",
    "cmo",
    "cmo",
    "coo",
    "cfo",
    "vp-marketing",
    "vp-operations",
    "marketing-director",
    "marketing-manager",
    "brand-manager",
    "product-marketing-manager",
    "operations-manager",
    "content-specialist",
    "events-specialist",
    "marketing-coordinator",
    "seo-specialist",
    "copywriter",
    "operations-analyst",
    UNCLASSIFIED,
]
RESPONSIBILITY_IDS = sorted(CATALOGUE.responsibilities)


@st.composite
def small_charts(draw: st.DrawFn) -> Chart:
    size = draw(st.integers(1, 7))
    ids = [f"r{i}" for i in range(size)]
    roles = []
    for role_id in ids:
        kind = draw(st.sampled_from(KINDS))
        roles.append(
            Role(
                role_id,
                kind,
                kind,
                person=draw(st.sampled_from([None, f"Person {role_id}"])),
                employment=draw(st.sampled_from(list(Employment))),
                responsibilities=draw(
                    st.none() | st.frozensets(st.sampled_from(RESPONSIBILITY_IDS), max_size=6)
                ),
                manager=draw(st.none() | st.sampled_from([*ids, "ghost"])),
            )
        )
    return Chart("random", stage=draw(st.sampled_from(list(Stage))), roles=roles)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_charts())
def test_every_fix_of_a_random_chart_clears_its_finding_without_a_new_error(chart: Chart) -> None:
    check_every_fix(chart)


# --- explain ----------------------------------------------------------------------------------


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


def test_explain_a_gap_says_the_function_exists_and_nobody_holds_it() -> None:
    chart = events_gap_chart()
    finding = next(f for f in validate(chart) if f.responsibilities == ("events",))
    why = explain(finding, chart).why
    assert why[0] == "Nobody holds events (tactical marketing)."
    assert why[1] == (
        "The marketing function exists: the chart has 4 marketing roles (Victor Hughes "
        "(Chief Marketing Officer), Tariq Aziz (Marketing Manager), Lucas Silva (Marketing "
        "Coordinator) and 1 more), and events is one of its core responsibilities."
    )
    assert "No role lists events among its responsibilities" in why[2]
    assert why[3] == (
        "Role kinds that hold events by default: Events Specialist and Marketing Coordinator."
    )
    assert why[4] == (
        "Lucas Silva (Marketing Coordinator) is suggested to take it: its kind normally holds it."
    )


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


def test_explain_names_a_vacant_seat_and_the_reporting_facts() -> None:
    chart = chart_of(ceo(), coo(), cmo(person=None, manager="coo"))
    finding = only(chart, "cmo-reports-to-ceo")
    explanation = explain(finding, chart)
    assert explanation.roles[0] == InvolvedRole("cmo", "the vacant Chief Marketing Officer seat")
    assert (
        "The vacant Chief Marketing Officer seat is a Chief Marketing Officer, level 1; "
        "reports to Peter Lindqvist (Chief Operating Officer)." in explanation.why
    )


def test_explanation_text_has_every_part_in_plain_text() -> None:
    chart = overlap_chart()
    explanation = explain(only(chart, "strategy-overlap"), chart)
    text = explanation.text()
    for part in (
        explanation.rule_text,
        *explanation.sources,
        *explanation.why,
        "Aisha Bello (VP Marketing) [vp]",
        explanation.fixes[0].description,
    ):
        assert part in text
    assert "<" not in text


def test_explanation_text_says_when_there_is_no_fix() -> None:
    chart = chart_of(ceo(), Role("x", "Chief Vibes Officer", UNCLASSIFIED, manager="ceo"))
    explanation = explain(only(chart, "unclassified-title"), chart)
    assert explanation.fixes == ()
    assert explanation.text().endswith("Suggested fixes:\n- none to offer")


def test_fractional_scope_without_a_lead_offers_an_in_house_manager_first() -> None:
    from orgmodel.analysis import coverage_score
    from orgmodel.open_chart import read_chart

    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
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


def test_a_fix_that_adds_no_warning_comes_before_one_that_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import orgmodel.fixes

    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    (keeps_things_whole,) = fixes_for(finding, chart)
    # Taking everything from the VP also clears the overlap, but opens gaps.
    strips_the_vp = Fix(
        "Remove all of the VP's work",
        [Take("vp", ("brand-strategy", "marketing-plan", "campaign-monitoring"))],
    )
    assert findings(strips_the_vp.apply(chart), "responsibility-gap")

    def offers_the_harmful_fix_first(_finding: Finding, _facts: object) -> Iterable[Fix]:
        return [strips_the_vp, keeps_things_whole]

    monkeypatch.setitem(orgmodel.fixes.FIX_MAKERS, "strategy-overlap", offers_the_harmful_fix_first)
    assert fixes_for(finding, chart) == [keeps_things_whole, strips_the_vp]


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
