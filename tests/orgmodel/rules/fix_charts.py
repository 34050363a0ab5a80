"""Charts and checks for the tests of fixes and explanations."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from orgmodel.edits import EditError
from orgmodel.model import UNCLASSIFIED, Chart, Employment, Role, Stage
from orgmodel.rules import (
    Finding,
    Fix,
    fixes_for,
    validate,
)
from tests.orgmodel.rules.rule_charts import CATALOGUE, FRACTIONAL

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"


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


def coo() -> Role:
    return Role("coo", "Chief Operating Officer", "coo", person="Peter Lindqvist", manager="ceo")


def fractional_cmo(*responsibilities: str) -> Role:
    """A second CMO, fractional, beside the in-house one of ``cmo()``."""
    return Role(
        "frac",
        "Fractional CMO",
        "cmo",
        person="Casey Morgan",
        manager="ceo",
        employment=FRACTIONAL,
        responsibilities=list(responsibilities),
    )


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
