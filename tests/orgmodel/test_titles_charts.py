"""Titles read right on whole charts: seniority within a level, the head of any
organisation as "the CEO", a whole company with no false errors, and sources
cited by title where a user reads them."""

from __future__ import annotations

import io
from pathlib import Path

from orgmodel.catalogue import load_catalogue
from orgmodel.cli import main
from orgmodel.model import Chart, Role
from orgmodel.open_chart import read_chart
from orgmodel.rules import AddRole, Finding, Reparent, explain, fixes_for, validate
from orgmodel.rules.facts import ChartFacts

DATA = Path(__file__).resolve().parents[1] / "data" / "titles"
CATALOGUE = load_catalogue()
MARKETING_RULES = {
    "single-cmo",
    "missing-cmo",
    "director-reports-to-marketing-lead",
    "vp-marketing-reports-to-cmo",
    "cmo-tactical-work",
    "strategy-overlap",
    "responsibility-gap",
}


def titled(role_id: str, title: str, manager: str | None = None) -> Role:
    """A role as an import makes it: its kind read from its title."""
    return Role(role_id, title, CATALOGUE.classify(title), f"P-{role_id}", manager=manager)


def chart(*roles: Role) -> Chart:
    return Chart(name="t", roles=roles)


def of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# --- seniority within a level ---------------------------------------------------------


def test_a_vp_under_an_svp_under_an_evp_reports_upward_and_two_vps_do_not() -> None:
    c = chart(
        titled("ceo", "Chief Executive Officer"),
        titled("evp", "EVP, Technology", "ceo"),
        titled("svp", "Senior Vice President, Engineering", "evp"),
        titled("vp", "VP of Engineering", "svp"),
        titled("vp2", "Vice President, Platform Engineering", "vp"),
    )
    findings = of(validate(c), "reports-upward")
    assert [f.roles for f in findings] == [("vp2", "vp")]
    assert "not more senior in level or title" in findings[0].message
    # The fix climbs to the first manager that outranks a VP: the SVP.
    assert "P-svp" in findings[0].suggestion


def test_a_director_under_a_senior_director_reports_upward_and_under_a_director_not() -> None:
    c = chart(
        titled("vp", "VP Finance"),
        titled("sd", "Senior Director, Finance", "vp"),
        titled("d1", "Director of FP&A", "sd"),
        titled("d2", "Director, Tax", "d1"),
        titled("sm", "Senior Manager, Accounting", "d2"),
        titled("m", "Accounting Manager", "sm"),
        titled("m2", "Payroll Manager", "m"),
    )
    assert {f.roles for f in of(validate(c), "reports-upward")} == {("d2", "d1"), ("m2", "m")}


def test_an_executive_director_outranks_a_senior_director() -> None:
    c = chart(
        titled("ed", "Executive Director, Research"),
        titled("sd", "Senior Director, Research", "ed"),
        titled("d", "Director, Research", "sd"),
    )
    assert of(validate(c), "reports-upward") == []


def test_a_tool_designer_under_a_senior_tool_designer_is_no_marketing_and_no_error() -> None:
    c = chart(
        titled("ceo", "CEO"),
        titled("std", "Senior Tool Designer", "ceo"),
        titled("td", "Tool Designer", "std"),
        titled("de", "Design Engineer", "std"),
    )
    findings = validate(c)
    assert of(findings, "reports-upward") == []
    assert not {f.rule for f in findings} & MARKETING_RULES
    assert of(findings, "unclassified-title") == []


def test_a_chair_above_the_ceo_is_no_error() -> None:
    c = chart(
        titled("chair", "Chairman of the Board"),
        titled("ceo", "Chief Executive Officer", "chair"),
        titled("cmo", "Chief Marketing Officer", "ceo"),
    )
    findings = validate(c)
    assert of(findings, "reports-upward") == []
    assert of(findings, "cmo-reports-to-ceo") == []


# --- the head of the organisation -----------------------------------------------------


def test_an_agency_headed_by_a_secretary_has_no_cmo_finding_and_no_invented_ceo() -> None:
    loaded = read_chart(DATA / "agency.csv")
    c = loaded.chart
    assert c.role("A03").manager == "A01"  # the CMO reports to the Secretary
    assert c.role("A01").manager is None
    facts = ChartFacts(c, CATALOGUE)
    assert facts.chief_executives == [c.role("A01")]
    assert facts.level(c.role("A01")) == 0
    findings = validate(c)
    assert of(findings, "cmo-reports-to-ceo") == []
    assert of(findings, "reports-upward") == []
    assert of(findings, "unclassified-title") == []
    for finding in findings:
        assert "CEO" not in finding.message + finding.suggestion, finding
        for fix in fixes_for(finding, c):
            assert "CEO" not in fix.description, fix
            assert not any(isinstance(s, AddRole) and s.kind == "ceo" for s in fix.steps)


def test_a_cmo_beside_the_agency_head_is_moved_under_the_secretary() -> None:
    c = read_chart(DATA / "agency.csv").chart
    moved = c.with_role(
        Role("A03", "CHIEF MARKETING OFFICER", "cmo", "Marisol Quintero", manager="A02")
    )
    finding = of(validate(moved), "cmo-reports-to-ceo")[0]
    assert finding.roles == ("A03", "A02")
    # The file's capitals are shown in title case.
    assert "Odile Marchetti (Secretary)" in finding.suggestion
    fixes = fixes_for(finding, moved)
    assert [f.steps for f in fixes] == [(Reparent("A03", "A01"),)]


def test_with_no_chief_executive_at_the_top_no_ceo_is_invented() -> None:
    c = chart(
        titled("coo", "Chief Operating Officer"),
        titled("cmo", "Chief Marketing Officer", "coo"),
        titled("mm", "Marketing Manager", "cmo"),
    )
    finding = of(validate(c), "cmo-reports-to-ceo")[0]
    assert "shows no chief executive" in finding.message
    assert fixes_for(finding, c) == []


def test_president_managing_director_and_founder_head_their_charts() -> None:
    for title in [
        "President",
        "Managing Director",
        "Executive Director",
        "General Manager",
        "Founder",
        "Owner",
        "Commissioner",
        "Secretary",
        "Gerente General",
        "Administrator",
        "Mayor",
    ]:
        c = chart(titled("top", title), titled("cmo", "Chief Marketing Officer", "top"))
        findings = validate(c)
        assert of(findings, "cmo-reports-to-ceo") == [], title
        assert of(findings, "reports-upward") == [], title


def test_a_department_head_at_the_top_is_not_the_chief_executive() -> None:
    for title in ["Chief Financial Officer", "Director of Engineering", "VP Marketing"]:
        c = chart(titled("top", title), titled("a", "Analyst", "top"))
        assert ChartFacts(c, CATALOGUE).chief_executives == [], title


def test_the_missing_cmo_fix_puts_the_new_cmo_under_the_agency_head() -> None:
    c = chart(
        titled("sec", "Commissioner"),
        titled("md", "Marketing Director", "sec"),
        titled("mm", "Marketing Manager", "md"),
    )
    finding = of(validate(c), "missing-cmo")[0]
    assert "reporting to P-sec (Commissioner)" in finding.suggestion
    (fix,) = fixes_for(finding, c)
    assert fix.steps[0] == AddRole("cmo", "sec", ("md",))


# --- the whole company ----------------------------------------------------------------


def test_a_whole_company_export_has_levels_for_everyone_and_one_real_error() -> None:
    loaded = read_chart(DATA / "whole-company.csv")
    c = loaded.chart
    assert len(c) >= 300
    top = [r for r in c.roles if r.manager is None]
    assert [r.title for r in top] == ["President and Chief Executive Officer"]
    # who reports to whom, as the file says
    evp = next(r for r in c.roles if r.title == "Executive Vice President, Technology")
    svps = [r for r in c.roles if r.manager == evp.id]
    assert {r.title for r in svps} == {
        "SVP, Engineering",
        "Senior Vice President, Information Technology",
    }
    assert all(
        c.role(r.manager).title == "SVP, Engineering"  # type: ignore[arg-type]
        for r in c.roles
        if r.title.startswith("VP of Engineering")
    )
    findings = validate(c)
    assert of(findings, "unclassified-title") == []
    (error,) = of(findings, "reports-upward")
    report, manager = (c.role(r) for r in error.roles)
    assert (report.title, manager.title) == ("Director, Cloud Platforms", "IT Director")
    # No marketing rule counts the rest of the company.
    marketing = {r.id for r in c.roles if r.department == "Marketing"}
    for finding in findings:
        if finding.rule in MARKETING_RULES:
            assert set(finding.roles) <= marketing, finding


def test_every_title_of_the_whole_company_has_a_function_or_level_and_no_marketing_outside() -> (
    None
):
    c = read_chart(DATA / "whole-company.csv").chart
    for role in c.roles:
        kind = CATALOGUE.kind(role.kind)
        assert kind is not None, role.title
        if role.department != "Marketing" and role.title != "Chef de Projet Marketing":
            assert kind.function != "marketing", role.title


# --- sources by title -----------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), out=out) == 0
    return out.getvalue()


def test_the_rules_command_cites_sources_by_title() -> None:
    out = run("rules")
    assert "source: What is the difference between a CMO and a VP?, ¶5" in out
    assert "source: role levels; What is the difference between a CMO and a VP?, ¶2" in out
    assert "source: structure" in out and "source: house rule" in out
    assert "source: import" in out
    assert ".txt" not in out and "paragraph" not in out and "design card" not in out


def test_a_findings_explanation_and_json_cite_sources_by_title() -> None:
    c = chart(
        titled("ceo", "CEO"),
        titled("vp", "VP Marketing", "ceo"),
        titled("vp2", "VP Marketing", "vp"),
    )
    finding = of(validate(c), "reports-upward")[0]
    assert finding.source == "role levels; What is the difference between a CMO and a VP?, ¶2"
    text = explain(finding, c).text()
    assert "- role levels\n- What is the difference between a CMO and a VP?, ¶2" in text
    assert ".txt" not in text
