from __future__ import annotations

import pytest

from orgmodel.clipboard import copy_team, paste_team
from orgmodel.edits import EditError
from orgmodel.hierarchy import forest
from orgmodel.model import Chart, Role


def chart() -> Chart:
    return Chart(
        "Clip",
        roles=(
            Role("ceo", "Chief Executive Officer", "ceo", "Ana Ruiz"),
            Role("vp", "VP Marketing", "vp-marketing", "Ida Lund", manager="ceo"),
            Role("a", "SEO Specialist", "seo-specialist", "Kai Moe", manager="vp"),
            Role(
                "b",
                "PR Specialist",
                "pr-specialist",
                "Liv Dahl",
                manager="vp",
                dotted_managers=("a", "coo"),
            ),
            Role("coo", "Chief Operating Officer", "coo", "Per Holm", manager="ceo"),
        ),
    )


def test_a_copied_team_pastes_with_its_shape_new_ids_and_vacant_seats() -> None:
    original = chart()
    copied = copy_team(original, ["vp", "a"])  # a is under vp: copied once
    assert [role.id for role in copied] == ["vp", "a", "b"]
    pasted, new_ids = paste_team(original, copied, "coo")
    assert len(pasted) == 8 and not set(new_ids) & {role.id for role in original}
    vp, a, b = (pasted.role(role_id) for role_id in new_ids)
    assert vp.manager == "coo" and a.manager == vp.id and b.manager == vp.id
    # A dotted line inside the team follows the copy; one outside it stays.
    assert b.dotted_managers == (a.id, "coo")
    assert {vp.person, a.person, b.person} == {None}
    assert [r.id for r in forest(pasted)["vp"]] == ["a", "b"]  # the original stands


def test_pasting_at_the_top_or_under_a_missing_role() -> None:
    original = chart()
    pasted, new_ids = paste_team(original, copy_team(original, ["a"]), None)
    assert pasted.role(new_ids[0]).manager is None
    with pytest.raises(EditError):
        paste_team(original, copy_team(original, ["a"]), "nobody")


def test_a_pasted_team_comes_without_its_peoples_photos() -> None:
    chart = Chart(
        "c",
        roles=[
            Role("a", "CMO", "cmo", "Ada Quist", photo="/pics/ada.png"),
            Role("b", "VP Marketing", "vp-marketing", "Bo Lindqvist", manager="a", photo="b.png"),
        ],
    )
    pasted, new_ids = paste_team(chart, copy_team(chart, ["a"]), None)
    assert [pasted.role(role_id).photo for role_id in new_ids] == [None, None]
    assert pasted.role("a").photo == "/pics/ada.png"
