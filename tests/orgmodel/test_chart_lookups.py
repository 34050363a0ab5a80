"""A chart made from another by replacing one role keeps that chart's lookups,
one entry changed; they answer as a chart's own would."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_chart
from orgmodel.model import Chart, DuplicateRoleIdError, Role


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
