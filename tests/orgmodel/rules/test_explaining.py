"""A finding explained: the default facts and the text of an explanation."""

from __future__ import annotations

from orgmodel.model import UNCLASSIFIED, Role
from orgmodel.rules import (
    InvolvedRole,
    explain,
)
from tests.orgmodel.rules.fix_charts import (
    ceo,
    chart_of,
    cmo,
    coo,
    only,
    overlap_chart,
)


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
