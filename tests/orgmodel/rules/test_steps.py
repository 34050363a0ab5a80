"""The step language of fixes: steps and fixes as plain data, applied or refused."""

from __future__ import annotations

import copy

import pytest

from orgmodel.edits import EditError
from orgmodel.rules import (
    AddRole,
    ChangeKind,
    Fix,
    Give,
    Reparent,
    Take,
    fixes_for,
)
from tests.orgmodel.rules.fix_charts import (
    events_gap_chart,
    only,
    overlap_chart,
)
from tests.orgmodel.rules.rule_charts import CATALOGUE


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
