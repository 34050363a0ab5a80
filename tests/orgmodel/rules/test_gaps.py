"""Responsibility gaps: findings, fixes and explanations."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import given, settings

from orgmodel.model import Chart, Role
from orgmodel.open_chart import read_chart
from orgmodel.rules import (
    AddRole,
    Give,
    explain,
    fixes_for,
    validate,
)
from orgmodel.rules.facts import CMO, TACTICAL, ChartFacts
from orgmodel.rules.gaps import INDIVIDUAL_CONTRIBUTOR, MANAGEMENT, best_assignee
from tests.orgmodel.rules.fix_charts import (
    assert_clears,
    ceo,
    chart_of,
    cmo,
    descriptions,
    events_gap_chart,
    findings,
    held,
)
from tests.orgmodel.rules.rule_charts import (
    CATALOGUE,
    changed,
    chart,
    found,
    healthy_chart,
    one,
    role,
    without,
)
from tests.orgmodel.rules.test_incremental import charts


def test_responsibility_gap_names_the_missing_tactical_responsibility() -> None:
    c = without(healthy_chart(), "seo")
    finding = one(c, "responsibility-gap")
    assert finding.severity == "warning"
    assert "search engine optimisation" in finding.message
    assert "Nobody holds" in finding.message
    # Tactical work goes to a junior marketing role, never the C-suite.
    assert len(finding.roles) == 1
    assignee = c.role(finding.roles[0])
    assert CATALOGUE.kinds[assignee.kind].level >= 4
    assert CATALOGUE.kinds[assignee.kind].function == "marketing"
    assert "SEO Specialist" in finding.suggestion


def test_responsibility_gap_names_the_missing_operations_responsibility() -> None:
    coo = healthy_chart().role("coo")
    c = changed(
        healthy_chart(), "coo", responsibilities=CATALOGUE.held(coo) - {"budget-allocation"}
    )
    finding = one(c, "responsibility-gap")
    assert "budget allocation across the company" in finding.message
    assert finding.roles == ("coo",)


def test_responsibility_gap_never_gives_tactical_work_to_the_c_suite() -> None:
    c = chart(role("ceo", "ceo"), role("cmo", "cmo", "ceo"))
    seo_gaps = [f for f in found(c, "responsibility-gap") if "search engine" in f.message]
    assert len(seo_gaps) == 1
    assert seo_gaps[0].roles == ()
    assert "SEO Specialist" in seo_gaps[0].suggestion


def test_responsibility_gap_lists_each_missing_core_responsibility() -> None:
    c = chart(role("ceo", "ceo"), role("seo", "seo-specialist", "ceo"))
    messages = " ".join(f.message for f in found(c, "responsibility-gap"))
    core_marketing = [
        r
        for r in CATALOGUE.responsibilities.values()
        if r.core and CATALOGUE.categories[r.category].function == "marketing" and r.id != "seo"
    ]
    assert len(found(c, "responsibility-gap")) == len(core_marketing)
    assert "long-term marketing strategy" in messages
    assert "search engine optimisation" not in messages
    # No operations role: operations gaps are not reported.
    assert "workflow optimisation" not in messages.lower()


def test_responsibility_gap_silent_when_covered_or_function_absent_or_not_core() -> None:
    # The healthy chart has nobody on CRM automation, which is not core.
    assert not any("crm-automation" in CATALOGUE.held(r) for r in healthy_chart().roles)
    assert found(healthy_chart(), "responsibility-gap") == []
    ops_only = chart(role("ceo", "ceo"), role("coo", "coo", "ceo"))
    assert found(ops_only, "responsibility-gap") == []


def test_gap_fixes_never_suggest_what_another_rule_flags() -> None:
    """Budget and day-to-day work go neither to a fractional CMO nor to a freelancer."""

    samples = Path(__file__).resolve().parents[3] / "resources" / "samples"
    findings = validate(read_chart(samples / "startup-fractional.orgm").chart)
    management = [f for f in findings if "(marketing management)" in f.message]
    assert len(management) == 3
    for finding in management:
        assert finding.roles == ()
        assert "Casey Morgan" not in finding.suggestion
        assert "Riley Chen" not in finding.suggestion
        assert finding.suggestion.startswith("Add a role such as")


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


def _best_by_ranking_every_role(facts: ChartFacts, responsibility_id: str) -> Role | None:
    """best_assignee as a plain ranking of every role of the function: the
    first of the highest (kind holds it, related work, level for tactical work
    or minus it), never one another rule would flag."""
    catalogue = facts.catalogue
    category = catalogue.category_of(responsibility_id)
    members = facts.category_members[category.id]
    tactical = category.id == TACTICAL
    hands_on = category.id in (TACTICAL, MANAGEMENT)
    ranked = []
    for candidate in facts.by_function.get(category.function, []):
        level = facts.level(candidate) or 0
        if tactical and level <= 1:
            continue
        if category.id == MANAGEMENT and level >= INDIVIDUAL_CONTRIBUTOR:
            continue
        if hands_on and candidate.kind == CMO and candidate.is_fractional:
            continue
        kind = catalogue.kind(candidate.kind)
        defaults = frozenset() if kind is None else kind.defaults
        related = bool(facts.catalogue.held(candidate) & members or defaults & members)
        rank = level if tactical else -level
        ranked.append((responsibility_id in defaults, related, rank, candidate))
    best = max(ranked, key=lambda entry: entry[:3], default=None)
    return None if best is None else best[3]


@settings(max_examples=500, deadline=None)
@given(charts())
def test_the_best_assignee_is_the_first_of_the_best_ranked_roles(chart: Chart) -> None:
    """best_assignee ranks a kind's roles together (they rank alike but for what
    they hold): for every responsibility, the role a plain ranking of every
    role picks, heads of organisations and fractional CMOs included."""
    facts = ChartFacts(chart, CATALOGUE)
    for responsibility_id in CATALOGUE.responsibilities:
        expected = _best_by_ranking_every_role(facts, responsibility_id)
        assert best_assignee(facts, responsibility_id) is expected, responsibility_id


def test_a_role_heading_the_organisation_ranks_above_its_kind() -> None:
    """With no CEO, the role heading the organisation ranks as its most senior
    (level 0), ahead of a role of its own kind listed before it. No category of
    the catalogue's is an executive function's, where a head's kind belongs:
    here one is made so."""
    category = CATALOGUE.categories[MANAGEMENT]
    executive = {**CATALOGUE.categories, MANAGEMENT: attrs.evolve(category, function="other")}
    catalogue = attrs.evolve(CATALOGUE, categories=executive)
    roles = [
        Role("deputy", "Director", "director", manager="head"),
        Role("head", "President", "director"),
        Role("aide", "Manager", "manager", manager="head"),
    ]
    facts = ChartFacts(Chart("agency", roles=roles), catalogue)
    assert facts.head is not None and facts.head.id == "head"
    assert best_assignee(facts, "marketing-plan") == facts.head
    assert _best_by_ranking_every_role(facts, "marketing-plan") == facts.head
