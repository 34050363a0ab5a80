"""Which fixes are offered and in what order: every fix clears its finding, adds no error."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from orgmodel.model import UNCLASSIFIED, Chart, Role
from orgmodel.open_chart import read_chart
from orgmodel.rules import (
    Finding,
    Fix,
    Take,
    fixes_for,
    registry,
    validate,
)
from tests.orgmodel.rules.fix_charts import (
    SAMPLES,
    ceo,
    chart_of,
    check_every_fix,
    cmo,
    findings,
    fractional_cmo,
    new_errors,
    only,
    overlap_chart,
    small_charts,
    still_there,
)


def test_a_finding_whose_roles_left_the_chart_has_no_fixes() -> None:
    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    smaller = chart.with_roles(r for r in chart.roles if r.id != "vp")
    assert fixes_for(finding, smaller) == []


def test_no_fix_is_offered_that_would_cause_a_new_error() -> None:
    # The in-house CMO holds the only in-house tactical work; taking it away
    # would leave the fractional CMO with no in-house tactical team (an error).
    chart = chart_of(
        ceo(),
        cmo(responsibilities=["marketing-strategy", "social-media"]),
        fractional_cmo("brand-strategy"),
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


def test_unclassified_titles_and_other_rules_have_no_fixes() -> None:
    chart = chart_of(
        ceo(),
        Role("x", "Chief Vibes Officer", UNCLASSIFIED, person="Zed", manager="ceo"),
        Role("v", "Marketing Manager", "marketing-manager", manager="ceo"),
    )
    assert fixes_for(only(chart, "unclassified-title"), chart) == []
    assert fixes_for(only(chart, "vacancy"), chart) == []


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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_charts())
def test_every_fix_of_a_random_chart_clears_its_finding_without_a_new_error(chart: Chart) -> None:
    check_every_fix(chart)


def test_a_fix_that_adds_no_warning_comes_before_one_that_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chart = overlap_chart()
    finding = only(chart, "strategy-overlap")
    (keeps_things_whole,) = fixes_for(finding, chart)
    # Taking everything from the VP also clears the overlap, but opens gaps.
    strips_the_vp = Fix(
        "Remove all of the VP's work",
        [Take("vp", ("brand-strategy", "marketing-plan", "campaign-monitoring"))],
    )
    assert findings(strips_the_vp.apply(chart), "responsibility-gap")

    def offers_the_harmful_fix_first(_finding: Finding, _facts: object) -> list[Fix]:
        return [strips_the_vp, keeps_things_whole]

    rule = attrs.evolve(registry.RULES["strategy-overlap"], fixes=offers_the_harmful_fix_first)
    monkeypatch.setattr(registry, "RULES", {**registry.RULES, rule.id: rule})
    assert fixes_for(finding, chart) == [keeps_things_whole, strips_the_vp]
