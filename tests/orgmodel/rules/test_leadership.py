"""Who leads marketing and where its leaders sit: findings, fixes and explanations."""

from __future__ import annotations

import attrs

from orgmodel.model import Role, Stage
from orgmodel.rules import (
    AddRole,
    Reparent,
    fixes_for,
)
from tests.orgmodel.rules.fix_charts import (
    assert_clears,
    ceo,
    chart_of,
    cmo,
    coo,
    descriptions,
    findings,
    fractional_cmo,
    held,
    only,
)
from tests.orgmodel.rules.rule_charts import (
    CATALOGUE,
    FRACTIONAL,
    changed,
    chart,
    found,
    fractional_cmo_chart,
    healthy_chart,
    healthy_roles,
    one,
    person,
    role,
    without,
)


def test_single_cmo_counts_fractional_and_full_time_together() -> None:
    c = healthy_chart().with_role(role("fcmo", "cmo", "ceo", employment=FRACTIONAL))
    finding = one(c, "single-cmo")
    assert finding.severity == "error"
    assert finding.roles == ("cmo", "fcmo")
    assert "2 CMOs" in finding.message
    assert person("cmo") in finding.message and person("fcmo") in finding.message
    assert person("fcmo") in finding.suggestion


def test_single_cmo_counts_three_cmos() -> None:
    c = chart(*healthy_roles(), role("cmo2", "cmo", "ceo"), role("cmo3", "cmo", "ceo", person=None))
    finding = one(c, "single-cmo")
    assert set(finding.roles) == {"cmo", "cmo2", "cmo3"}
    assert "3 CMOs" in finding.message


def test_single_cmo_silent_with_one_cmo_and_a_vp_marketing() -> None:
    assert found(healthy_chart(), "single-cmo") == []
    assert found(fractional_cmo_chart(), "single-cmo") == []


def test_missing_cmo_fires_when_marketing_roles_have_no_cmo() -> None:
    c = changed(without(healthy_chart(), "cmo"), "vp", manager="ceo")
    finding = one(c, "missing-cmo")
    assert finding.severity == "warning"
    assert finding.roles == ("vp",)
    assert "no CMO" in finding.message
    assert person("vp") in finding.message
    assert "Add a CMO" in finding.suggestion
    assert person("ceo") in finding.suggestion


def test_missing_cmo_silent_without_marketing_roles_or_with_a_fractional_cmo() -> None:
    no_marketing = chart(
        role("ceo", "ceo"),
        role("coo", "coo", "ceo"),
        role("opsmgr", "operations-manager", "coo"),
    )
    assert found(no_marketing, "missing-cmo") == []
    assert found(healthy_chart(), "missing-cmo") == []
    assert found(fractional_cmo_chart(), "missing-cmo") == []


def test_cmo_reports_to_ceo_fires_for_a_cmo_under_the_coo() -> None:
    c = changed(healthy_chart(), "cmo", manager="coo")
    finding = one(c, "cmo-reports-to-ceo")
    assert finding.severity == "warning"
    assert finding.roles == ("cmo", "coo")
    assert "not to the CEO" in finding.message
    assert person("coo") in finding.message
    assert person("ceo") in finding.suggestion


def test_cmo_reports_to_ceo_fires_for_a_cmo_with_no_manager_when_a_ceo_exists() -> None:
    c = changed(healthy_chart(), "cmo", manager=None)
    finding = one(c, "cmo-reports-to-ceo")
    assert finding.roles == ("cmo",)
    assert "reports to nobody" in finding.message


def test_cmo_reports_to_ceo_silent_under_the_ceo_or_without_a_ceo() -> None:
    assert found(healthy_chart(), "cmo-reports-to-ceo") == []
    no_ceo = chart(role("cmo", "cmo"), role("mm", "marketing-manager", "cmo"))
    assert found(no_ceo, "cmo-reports-to-ceo") == []


def test_director_reports_to_marketing_lead_fires_for_a_director_under_the_ceo() -> None:
    c = changed(healthy_chart(), "md", manager="ceo")
    finding = one(c, "director-reports-to-marketing-lead")
    assert finding.severity == "warning"
    assert finding.roles == ("md", "ceo")
    assert "marketing lead" in finding.message
    assert person("cmo") in finding.suggestion


def test_director_reports_to_marketing_lead_fires_for_a_director_under_the_coo() -> None:
    c = changed(healthy_chart(), "md", manager="coo")
    assert one(c, "director-reports-to-marketing-lead").roles == ("md", "coo")


def test_director_reports_to_marketing_lead_silent_under_cmo_or_vp_or_without_a_lead() -> None:
    assert found(healthy_chart(), "director-reports-to-marketing-lead") == []
    under_cmo = changed(healthy_chart(), "md", manager="cmo")
    assert found(under_cmo, "director-reports-to-marketing-lead") == []
    startup = chart(
        role("ceo", "ceo"),
        role("md", "marketing-director", "ceo"),
        role("seo", "seo-specialist", "md"),
        stage=Stage.STARTUP,
    )
    assert found(startup, "director-reports-to-marketing-lead") == []


def test_a_director_under_a_senior_director_of_marketing_reports_upward() -> None:
    # The VP's Senior Director leads a Director: seniority within the level counts.
    senior = changed(healthy_chart(), "md", title="Senior Director of Marketing")
    c = senior.with_role(role("md2", "marketing-director", "md", title="Director of Content"))
    assert found(c, "director-reports-to-marketing-lead") == []
    # A Director under a peer Director, or above its own level, is still misplaced.
    peer = healthy_chart().with_role(role("md2", "marketing-director", "md"))
    assert [f.roles[0] for f in found(peer, "director-reports-to-marketing-lead")] == ["md2"]
    junior = c.with_role(role("md3", "marketing-director", "md2", title="Senior Director, Brand"))
    assert [f.roles[0] for f in found(junior, "director-reports-to-marketing-lead")] == ["md3"]


def test_a_vp_under_an_svp_of_marketing_reports_upward() -> None:
    svp = changed(healthy_chart(), "vp", title="SVP Marketing")
    c = svp.with_role(role("vp2", "vp-marketing", "vp", title="VP Brand Marketing"))
    assert found(c, "vp-marketing-reports-to-cmo") == []
    evp = changed(healthy_chart(), "vp", title="Executive Vice President, Marketing")
    assert (
        found(
            evp.with_role(role("vp2", "vp-marketing", "vp", title="SVP Growth")),
            "vp-marketing-reports-to-cmo",
        )
        == []
    )
    # A VP under a peer VP, or under a Director, is beside or below its place.
    peer = healthy_chart().with_role(role("vp2", "vp-marketing", "vp", title="VP Growth"))
    assert [f.roles[0] for f in found(peer, "vp-marketing-reports-to-cmo")] == ["vp2"]
    under_director = healthy_chart().with_role(role("vp2", "vp-marketing", "md"))
    assert [f.roles[0] for f in found(under_director, "vp-marketing-reports-to-cmo")] == ["vp2"]


def test_vp_marketing_reports_to_cmo_fires_for_a_vp_beside_the_cmo() -> None:
    c = changed(healthy_chart(), "vp", manager="ceo")
    finding = one(c, "vp-marketing-reports-to-cmo")
    assert finding.severity == "warning"
    assert finding.roles == ("vp", "ceo")
    assert person("vp") in finding.message and person("cmo") in finding.message
    assert person("cmo") in finding.suggestion


def test_vp_marketing_reports_to_cmo_fires_for_a_vp_with_no_manager() -> None:
    c = changed(healthy_chart(), "vp", manager=None)
    finding = one(c, "vp-marketing-reports-to-cmo")
    assert finding.roles == ("vp",)
    assert "reports to nobody" in finding.message


def test_vp_marketing_reports_to_cmo_silent_under_a_cmo_or_without_one() -> None:
    assert found(healthy_chart(), "vp-marketing-reports-to-cmo") == []
    fractional = changed(healthy_chart(), "cmo", employment=FRACTIONAL, engagement_months=4)
    assert found(fractional, "vp-marketing-reports-to-cmo") == []
    no_cmo = changed(without(healthy_chart(), "cmo"), "vp", manager="ceo")
    assert found(no_cmo, "vp-marketing-reports-to-cmo") == []


def test_an_extra_cmo_becomes_a_vp_marketing_under_the_kept_one() -> None:
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "brand-strategy"]),
        fractional_cmo("brand-strategy", "social-media"),
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
