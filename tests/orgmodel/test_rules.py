"""Every validation rule, firing and not firing, on small hand-built charts."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest

from orgmodel.catalogue import load_catalogue
from orgmodel.model import UNCLASSIFIED, Chart, Employment, Role, RuleSettings, Stage
from orgmodel.rules import CHECKS, Finding, engine, rule_catalogue, validate

CATALOGUE = load_catalogue()
REPO = Path(__file__).resolve().parents[2]
DOMAIN = REPO.parent / "shared" / "domain.md"
SOURCES = REPO.parent / "shared" / "sources"
NON_DOCUMENT_SOURCES = {"role levels", "structure", "house rule", "import"}
# The texts of ../shared/sources by the title rules cite them with (domain.md's table).
SOURCE_FILES = {
    "What is the difference between a CMO and a VP?": "000_dc0799e1b806ed7b.txt",
    "CMO vs Marketing Director: roles and responsibilities": "001_fc8c2084a4700a54.txt",
    "Fractional CMO vs fractional Marketing Director": "002_4a44505053fd66b0.txt",
    "Understanding the vital roles of COOs and CMOs": "003_d8db7adccdc1bd59.txt",
    "What are the responsibilities of a CMO?": "004_b0325490238ee77a.txt",
}
# domain.md is a starting point: rules the sources support beyond its table are
# listed here by name, so that any other difference still fails the test.
BEYOND_DOMAIN_TABLE = {"vp-marketing-reports-to-cmo"}
# The rule table of ../shared/domain.md (rule id -> severity), pinned here so
# the check runs where shared/ is absent; a test compares it with the file.
DOMAIN_TABLE = {
    "single-cmo": "error",
    "missing-cmo": "warning",
    "cmo-reports-to-ceo": "warning",
    "reports-upward": "error",
    "reporting-cycle": "error",
    "unknown-manager": "error",
    "multiple-tops": "warning",
    "director-reports-to-marketing-lead": "warning",
    "fractional-cmo-needs-marketing-lead": "error",
    "fractional-cmo-needs-tactical-team": "error",
    "fractional-needs-established-business": "warning",
    "fractional-cmo-scope": "warning",
    "fractional-md-scope": "warning",
    "cmo-tactical-work": "warning",
    "strategy-overlap": "warning",
    "coo-cmo-overlap": "warning",
    "responsibility-gap": "warning",
    "experience-below-profile": "warning",
    "fractional-engagement-length": "info",
    "vacancy": "info",
    "span-of-control": "warning",
    "unclassified-title": "info",
}


FULL_TIME = Employment.FULL_TIME
PART_TIME = Employment.PART_TIME
CONTRACTOR = Employment.CONTRACTOR
FRACTIONAL = Employment.FRACTIONAL

# Specialists that between them hold every core tactical responsibility.
TACTICAL_SPECIALISTS = {
    "social": "social-media-specialist",
    "email": "email-marketing-specialist",
    "content": "content-specialist",
    "coord": "marketing-coordinator",
    "ads": "paid-ads-specialist",
    "seo": "seo-specialist",
    "web": "web-marketing-specialist",
}


# --- helpers -----------------------------------------------------------------


def person(role_id: str) -> str:
    """The person a helper puts in a seat; findings name people by it."""
    return f"P-{role_id}"


def role(role_id: str, kind: str, manager: str | None = None, **fields: Any) -> Role:
    """A filled seat of ``kind``; pass ``person=None`` for a vacant one."""
    fields.setdefault("person", person(role_id))
    if "title" not in fields:
        fields["title"] = CATALOGUE.kinds[kind].name
    return Role(id=role_id, kind=kind, manager=manager, **fields)


def chart(
    *roles: Role, stage: Stage = Stage.ESTABLISHED, settings: RuleSettings | None = None
) -> Chart:
    return Chart(name="test", stage=stage, roles=roles, settings=settings or RuleSettings())


def changed(base: Chart, role_id: str, **changes: Any) -> Chart:
    return base.with_role(attrs.evolve(base.role(role_id), **changes))


def without(base: Chart, *role_ids: str) -> Chart:
    return base.with_roles(r for r in base.roles if r.id not in role_ids)


def found(c: Chart, rule_id: str) -> list[Finding]:
    assert rule_id in CHECKS
    return [f for f in validate(c) if f.rule == rule_id]


def one(c: Chart, rule_id: str) -> Finding:
    findings = found(c, rule_id)
    assert len(findings) == 1, findings
    return findings[0]


def healthy_roles() -> list[Role]:
    roles = [
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", years_in_marketing=25, years_leading=12),
        role("coo", "coo", "ceo"),
        role("vp", "vp-marketing", "cmo"),
        role("md", "marketing-director", "vp", years_in_marketing=12, years_leading=6),
        role("mm", "marketing-manager", "md"),
    ]
    roles += [role(rid, kind, "mm") for rid, kind in TACTICAL_SPECIALISTS.items()]
    roles += [
        role("opsmgr", "operations-manager", "coo"),
        role("opsanalyst", "operations-analyst", "opsmgr"),
    ]
    return roles


def healthy_chart(**kwargs: Any) -> Chart:
    return chart(*healthy_roles(), **kwargs)


def fractional_cmo_chart(
    lead_employment: Employment = FULL_TIME,
    team_employment: Employment = FULL_TIME,
    stage: Stage = Stage.ESTABLISHED,
) -> Chart:
    """A fractional CMO over an in-house marketing manager and a tactical team."""
    return chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo", employment=FRACTIONAL, engagement_months=4),
        role("mm", "marketing-manager", "cmo", employment=lead_employment),
        *(
            role(rid, kind, "mm", employment=team_employment)
            for rid, kind in TACTICAL_SPECIALISTS.items()
        ),
        stage=stage,
    )


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def domain_table() -> dict[str, str]:
    """Rule id -> severity, from the rule table of domain.md."""
    rows = {}
    for line in DOMAIN.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[1]
    return rows


# --- the catalogue of rules ----------------------------------------------------


def test_pinned_table_is_the_table_of_domain_md() -> None:
    if not DOMAIN.exists():
        pytest.skip(f"{DOMAIN} is not present")
    assert domain_table() == DOMAIN_TABLE


def test_registered_rules_match_the_domain_table_and_rules_toml() -> None:
    table = DOMAIN_TABLE
    assert len(table) == 22
    assert not set(table) & BEYOND_DOMAIN_TABLE
    assert set(CHECKS) == set(table) | BEYOND_DOMAIN_TABLE
    assert set(CHECKS) == set(rule_catalogue())


def test_rule_severities_match_the_domain_table() -> None:
    table = DOMAIN_TABLE
    infos = rule_catalogue()
    assert {rid: infos[rid].severity for rid in table} == table


def test_every_rule_has_an_explanation_a_fix_and_a_source() -> None:
    for rule_id, info in rule_catalogue().items():
        assert info.id == rule_id
        assert info.explanation.strip(), rule_id
        assert info.fix.strip(), rule_id
        assert info.sources, rule_id
        for source in info.sources:
            assert source.title.strip(), rule_id
            # A text is cited with the paragraph or heading to read; a rule no text
            # states only says what it is.
            assert bool(source.section.strip()) == (source.title in SOURCE_FILES), rule_id


def test_rule_sources_cite_titles_never_file_names() -> None:
    cited = {s.title for info in rule_catalogue().values() for s in info.sources}
    assert cited <= set(SOURCE_FILES) | NON_DOCUMENT_SOURCES
    assert {"role levels", "structure", "import", "house rule"} <= cited
    for info in rule_catalogue().values():
        assert not re.search(r"[0-9]{3}_[0-9a-f]{16}\.txt|paragraph|design card", info.source)
    assert rule_catalogue()["single-cmo"].source == (
        "What is the difference between a CMO and a VP?, ¶5"
    )
    assert rule_catalogue()["reports-upward"].source == (
        "role levels; What is the difference between a CMO and a VP?, ¶2"
    )


def test_no_source_file_name_in_the_code_or_its_resources() -> None:
    file_name = re.compile(r"[0-9]{3}_[0-9a-f]{16}\.txt")
    for folder in ("orgmodel", "ui", "resources"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in (".py", ".toml", ".md", ".csv"):
                assert not file_name.search(path.read_text("utf-8", errors="replace")), path


def _blocks(path: Path) -> list[str]:
    text = path.read_text("utf-8").replace("\u2019", "'")
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def test_rule_sources_name_real_sources_and_real_places_in_them() -> None:
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} is not present")
    for title, file_name in SOURCE_FILES.items():
        assert (SOURCES / file_name).is_file(), title
    if DOMAIN.is_file():
        domain = DOMAIN.read_text("utf-8")
        for title, file_name in SOURCE_FILES.items():
            assert f"| {file_name[:3]} | {title} |" in domain, title
    for rule_id, info in rule_catalogue().items():
        for source in info.sources:
            if source.title not in SOURCE_FILES:
                continue
            blocks = _blocks(SOURCES / SOURCE_FILES[source.title])
            paragraphs = re.fullmatch(r"¶(\d+)(?:\u2013(\d+))?", source.section)
            if paragraphs:
                last = int(paragraphs.group(2) or paragraphs.group(1))
                assert 1 <= int(paragraphs.group(1)) <= last <= len(blocks), (rule_id, source)
            elif source.section != "overview table":
                text = "\n".join(blocks).casefold()
                for part in source.section.split(":"):
                    assert part.strip().casefold() in text, (rule_id, source, part)


def test_span_of_control_is_the_only_house_rule_and_its_default_limit_is_the_setting() -> None:
    house = {rid for rid, info in rule_catalogue().items() if info.house}
    assert house == {"span-of-control"}
    assert rule_catalogue()["span-of-control"].default_limit == RuleSettings().span_of_control_limit


def test_kind_constants_of_the_engine_exist_in_the_catalogue() -> None:
    constants = [
        engine.CEO,
        engine.CMO,
        engine.COO,
        engine.VP_MARKETING,
        engine.MARKETING_DIRECTOR,
        engine.MARKETING_MANAGER,
    ]
    for kind_id in constants:
        assert kind_id in CATALOGUE.kinds, kind_id
    assert set(CATALOGUE.kinds) >= engine.MARKETING_LEAD_KINDS
    assert engine.TACTICAL in CATALOGUE.categories
    assert engine.OPERATIONS in CATALOGUE.categories


# --- the engine ----------------------------------------------------------------


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


# --- single-cmo -----------------------------------------------------------------


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


# --- missing-cmo ---------------------------------------------------------------


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


# --- cmo-reports-to-ceo ----------------------------------------------------------


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


# --- reports-upward ------------------------------------------------------------


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


# --- reporting-cycle -----------------------------------------------------------


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


# --- unknown-manager -------------------------------------------------------------


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


# --- multiple-tops ---------------------------------------------------------------


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


# --- director-reports-to-marketing-lead ------------------------------------------


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


# --- vp-marketing-reports-to-cmo -------------------------------------------------


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


# --- fractional-cmo-needs-marketing-lead ----------------------------------------


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


# --- fractional-cmo-needs-tactical-team -----------------------------------------


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


# --- fractional-needs-established-business --------------------------------------


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


# --- fractional-cmo-scope ---------------------------------------------------------


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


# --- fractional-md-scope -----------------------------------------------------------


def fractional_md_chart(**md_fields: Any) -> Chart:
    md_fields.setdefault("employment", FRACTIONAL)
    return chart(
        role("ceo", "ceo"),
        role("cmo", "cmo", "ceo"),
        role("md", "marketing-director", "cmo", **md_fields),
        role("seo", "seo-specialist", "md"),
    )


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


# --- cmo-tactical-work --------------------------------------------------------------


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


# --- strategy-overlap ------------------------------------------------------------------


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


# --- coo-cmo-overlap -------------------------------------------------------------------


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


# --- responsibility-gap ----------------------------------------------------------------


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


# --- experience-below-profile -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "marketing", "leading", "expected"),
    [
        ("cmo", 19, 12, "19 years in marketing (profile 20+)"),
        ("cmo", 25, 9.5, "9.5 years leading (profile 10+)"),
        ("marketing-director", 9, 6, "9 years in marketing (profile 10+)"),
        ("marketing-director", 12, 4, "4 years leading (profile 5+)"),
    ],
)
def test_experience_below_profile_fires_under_the_profile(
    kind: str, marketing: float, leading: float, expected: str
) -> None:
    c = chart(
        role("ceo", "ceo"),
        role("lead", kind, "ceo", years_in_marketing=marketing, years_leading=leading),
    )
    finding = one(c, "experience-below-profile")
    assert finding.severity == "warning"
    assert finding.roles == ("lead",)
    assert expected in finding.message


def test_experience_below_profile_names_both_shortfalls() -> None:
    c = chart(role("cmo", "cmo", years_in_marketing=5, years_leading=1))
    finding = one(c, "experience-below-profile")
    assert "5 years in marketing" in finding.message
    assert "1 years leading" in finding.message


@pytest.mark.parametrize(
    ("kind", "marketing", "leading"),
    [
        ("cmo", 20, 10),
        ("cmo", None, None),
        ("cmo", 30, None),
        ("cmo", None, 15),
        ("marketing-director", 10, 5),
        ("marketing-director", None, None),
        ("vp-marketing", 1, 0),
        ("marketing-manager", 1, 0),
    ],
)
def test_experience_below_profile_silent_at_profile_unknown_or_without_profile(
    kind: str, marketing: float | None, leading: float | None
) -> None:
    c = chart(role("lead", kind, years_in_marketing=marketing, years_leading=leading))
    assert found(c, "experience-below-profile") == []


def test_experience_below_profile_ignores_vacant_seats() -> None:
    for vacant in (None, "", "   "):
        c = chart(role("cmo", "cmo", person=vacant, years_in_marketing=1, years_leading=0))
        assert found(c, "experience-below-profile") == []


# --- fractional-engagement-length ----------------------------------------------------------


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


# --- vacancy ------------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", ["ceo", "cmo", "coo"])
def test_vacancy_of_a_c_suite_seat_is_a_warning(role_id: str) -> None:
    c = changed(healthy_chart(), role_id, person=None)
    finding = one(c, "vacancy")
    assert finding.severity == "warning"
    assert finding.roles == (role_id,)
    assert "vacant" in finding.message
    # Every C-suite seat of the healthy chart has reports; the message counts them.
    n = sum(1 for r in c.roles if r.manager == role_id)
    assert re.search(rf"\b{n} (person reports|people report) to it", finding.message)


@pytest.mark.parametrize("role_id", ["vp", "md", "mm", "seo", "opsanalyst"])
def test_vacancy_below_the_c_suite_is_info(role_id: str) -> None:
    c = changed(healthy_chart(), role_id, person="  ")
    finding = one(c, "vacancy")
    assert finding.severity == "info"
    assert finding.roles == (role_id,)
    assert "vacant" in finding.message
    assert healthy_chart().role(role_id).title in finding.message


def test_vacancy_silent_when_every_seat_is_filled() -> None:
    assert found(healthy_chart(), "vacancy") == []


# --- span-of-control ------------------------------------------------------------------------


def team_of(n: int, settings: RuleSettings | None = None) -> Chart:
    return chart(
        role("boss", "marketing-manager"),
        *(role(f"s{i}", "seo-specialist", "boss") for i in range(n)),
        settings=settings,
    )


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


# --- unclassified-title ------------------------------------------------------------------------


def test_unclassified_title_names_the_title() -> None:
    c = healthy_chart().with_role(role("vibes", UNCLASSIFIED, "ceo", title="Chief Vibes Curator"))
    finding = one(c, "unclassified-title")
    assert finding.severity == "info"
    assert finding.roles == ("vibes",)
    assert "'Chief Vibes Curator'" in finding.message


def test_unclassified_title_silent_for_classified_roles() -> None:
    assert found(healthy_chart(), "unclassified-title") == []


# --- size ---------------------------------------------------------------------------------------

# Kinds by depth in a tree of branching 8: each level strictly below its manager.
TREE_KINDS = [
    "ceo",
    "cfo",
    "vp-operations",
    "operations-director",
    "operations-manager",
    "operations-analyst",
]


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


def test_gap_fixes_never_suggest_what_another_rule_flags() -> None:
    """Budget and day-to-day work go neither to a fractional CMO nor to a freelancer."""
    from orgmodel.open_chart import read_chart

    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    findings = validate(read_chart(samples / "startup-fractional.orgm").chart)
    management = [f for f in findings if "(marketing management)" in f.message]
    assert len(management) == 3
    for finding in management:
        assert finding.roles == ()
        assert "Casey Morgan" not in finding.suggestion
        assert "Riley Chen" not in finding.suggestion
        assert finding.suggestion.startswith("Add a role such as")
