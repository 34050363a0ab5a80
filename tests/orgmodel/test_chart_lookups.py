"""A chart made from another by replacing one role keeps that chart's lookups,
one entry changed; they answer as a chart's own would."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_chart
from orgmodel.model import Chart, DuplicateRoleIdError, Role, role_positions


@settings(max_examples=200, deadline=None)
@given(size=st.integers(1, 30), steps=st.lists(st.tuples(st.integers(0, 40), st.booleans())))
def test_roles_replaced_or_added_one_by_one_are_found_as_in_a_chart_made_afresh(
    size: int, steps: list[tuple[int, bool]]
) -> None:
    chart = generate_chart(size)
    for number, replace in steps:
        chart.role(chart.roles[0].id)  # the lookups are made, to be carried over
        if replace:
            old = chart.roles[number % len(chart)]
            chart = chart.with_role(attrs.evolve(old, title=f"Title {number}"))
        else:
            chart = chart.with_role(Role(f"new{number}", "Analyst", "staff"))
        afresh = Chart(chart.name, chart.stage, chart.roles, chart.settings)
        assert [chart.role(r.id) for r in afresh.roles] == list(afresh.roles)
        assert all(chart.role(r.id) is r for r in chart.roles)
        assert len({r.id for r in chart.roles}) == len(chart)
        assert "no such id" not in chart


def test_roles_of_an_edited_chart_with_an_id_repeated_are_still_refused() -> None:
    """with_role skips the check of every id, which it keeps distinct; a chart
    made from its roles and one more of a taken id is checked as any other."""
    chart = generate_chart(5)
    edited = chart.with_role(attrs.evolve(chart.roles[1], title="Head of Brand"))
    edited = edited.with_role(Role("new", "Analyst", "staff"))
    repeated = Role(edited.roles[2].id, "Analyst", "staff")
    for roles in ((*edited.roles, repeated), [*edited.roles, repeated]):
        with pytest.raises(DuplicateRoleIdError):
            Chart(edited.name, roles=roles)
        with pytest.raises(DuplicateRoleIdError):
            edited.with_roles(roles)


@settings(max_examples=100, deadline=None)
@given(
    size=st.integers(1, 260),
    share_removed=st.sampled_from([0.0, 0.01, 0.2, 0.6, 1.0]),
    replaced=st.lists(st.integers(0, 259), max_size=5),
    data=st.data(),
)
def test_roles_removed_and_replaced_are_found_as_in_a_chart_made_afresh(
    size: int, share_removed: float, replaced: list[int], data: st.DataObject
) -> None:
    """Chart.without cuts a few roles out one by one and filters out many (more
    than 100): either way, the order and lookups are a chart's own."""
    chart = generate_chart(size)
    chart.role(chart.roles[0].id)  # the lookups are made, to be carried over
    ids = [r.id for r in chart.roles]
    removed = set(data.draw(st.permutations(ids))[: int(size * share_removed)])
    kept = [r for r in chart.roles if r.id not in removed]
    replacements = {
        role.id: attrs.evolve(role, title=f"Title {number}")
        for number in replaced
        if kept and (role := kept[number % len(kept)])
    }
    edited = chart.without(removed, replacements.values())
    expected = [replacements.get(r.id, r) for r in kept]
    assert list(edited.roles) == expected
    assert all(edited.role(r.id) is r for r in expected)
    assert all(r not in edited for r in removed)
    assert edited.derived(role_positions) == {r.id: i for i, r in enumerate(expected)}
    if not removed and not replacements:
        assert edited is chart


def test_removed_ids_may_come_twice_or_from_an_iterator() -> None:
    chart = generate_chart(20)
    gone = [chart.roles[3].id, chart.roles[5].id]
    expected = [r for r in chart.roles if r.id not in gone]
    assert list(chart.without([*gone, gone[0]]).roles) == expected
    assert list(chart.without(iter(gone)).roles) == expected  # type: ignore[arg-type]
    assert all(r not in chart.without(iter(gone)) for r in gone)  # type: ignore[arg-type]
