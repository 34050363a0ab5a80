"""Who fills the seats: experience, vacancies, unclassified titles."""

from __future__ import annotations

import re

import pytest

from orgmodel.model import UNCLASSIFIED
from tests.orgmodel.rules.rule_charts import (
    changed,
    chart,
    found,
    healthy_chart,
    one,
    role,
)


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


@pytest.mark.parametrize("role_id", ["ceo", "cmo", "vp", "seo"])
def test_a_planned_seat_is_noted_not_warned_about(role_id: str) -> None:
    c = changed(healthy_chart(), role_id, person=None, planned=True)
    finding = one(c, "vacancy")
    assert finding.severity == "info"
    assert finding.roles == (role_id,)
    assert "planned, not yet filled" in finding.message
    assert "when the plan goes ahead" in finding.suggestion


def test_a_held_seat_marked_planned_is_no_vacancy() -> None:
    assert found(changed(healthy_chart(), "cmo", planned=True), "vacancy") == []


def test_vacancy_silent_when_every_seat_is_filled() -> None:
    assert found(healthy_chart(), "vacancy") == []


def test_unclassified_title_names_the_title() -> None:
    c = healthy_chart().with_role(role("vibes", UNCLASSIFIED, "ceo", title="Chief Vibes Curator"))
    finding = one(c, "unclassified-title")
    assert finding.severity == "info"
    assert finding.roles == ("vibes",)
    assert "'Chief Vibes Curator'" in finding.message


def test_unclassified_title_silent_for_classified_roles() -> None:
    assert found(healthy_chart(), "unclassified-title") == []
