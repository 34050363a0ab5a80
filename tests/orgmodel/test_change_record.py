"""The change record of an edit, computed from the charts before and after."""

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.change_record import ChangeRecord
from orgmodel.model import Chart, Role


def chart() -> Chart:
    return Chart(
        name="Team",
        roles=(
            Role(id="cmo", title="CMO", kind="cmo"),
            Role(id="a", title="A", kind="specialist", manager="cmo"),
            Role(id="b", title="B", kind="specialist", manager="cmo"),
            Role(id="c", title="C", kind="specialist", manager="a"),
        ),
    )


def test_no_edit_records_nothing() -> None:
    before = chart()
    assert ChangeRecord.between(before, before).empty
    assert ChangeRecord.between(before, before.with_roles(before.roles)).empty


def test_additions_and_removals() -> None:
    before = chart()
    after = before.with_roles(
        [r for r in before.roles if r.id != "b"] + [Role(id="d", title="D", kind="x")]
    )
    record = ChangeRecord.between(before, after)
    assert record.added == ("d",)
    assert record.removed == ("b",)
    assert record.moved == record.changed == ()
    assert record.lines_changed
    assert not record.reordered


def test_a_move_is_not_a_change_of_other_fields() -> None:
    before = chart()
    after = before.with_role(attrs.evolve(before.role("c"), manager="b"))
    record = ChangeRecord.between(before, after)
    assert record.moved == ("c",)
    assert record.changed == ()
    assert record.lines_changed
    assert record.touched == ("c",)


def test_field_responsibility_and_dotted_changes() -> None:
    before = chart()
    after = before.with_role(attrs.evolve(before.role("a"), title="Lead A"))
    after = after.with_role(attrs.evolve(after.role("b"), responsibilities={"seo"}))
    after = after.with_role(attrs.evolve(after.role("c"), dotted_managers=("b",)))
    record = ChangeRecord.between(before, after)
    assert record.changed == ("a", "b", "c")
    assert record.responsibilities == ("b",)
    assert record.dotted == ("c",)
    assert record.moved == ()
    assert record.lines_changed  # a dotted line is drawn by the layout


def test_retitle_leaves_the_lines() -> None:
    before = chart()
    after = before.with_role(attrs.evolve(before.role("a"), title="Lead A"))
    assert not ChangeRecord.between(before, after).lines_changed


def test_reordering_and_chart_fields() -> None:
    before = chart()
    after = before.with_roles(reversed(before.roles))
    assert ChangeRecord.between(before, after) == ChangeRecord(reordered=True)
    renamed = attrs.evolve(before, name="Other")
    assert ChangeRecord.between(before, renamed) == ChangeRecord(chart_fields=True)


def test_undo_records_the_opposite_direction() -> None:
    before = chart()
    after = before.with_roles([r for r in before.roles if r.id != "b"])
    assert ChangeRecord.between(after, before).added == ("b",)
    assert ChangeRecord.between(before, after).removed == ("b",)


def test_lines_changed_looks_only_at_the_lines() -> None:
    """What a layout depends on: the roles, their order, their solid and dotted lines."""
    lines = (("a", None), ("b", "a"), ("c", "a"))
    chart = Chart("t", roles=[Role(i, i, "marketing-manager", manager=m) for i, m in lines])
    retitled = chart.with_role(attrs.evolve(chart.role("b"), title="Other"))
    assert not ChangeRecord.between(chart, retitled).lines_changed
    moved = chart.with_role(attrs.evolve(chart.role("c"), manager="b"))
    assert ChangeRecord.between(chart, moved).lines_changed
    dotted = chart.with_role(attrs.evolve(chart.role("c"), dotted_managers=("b",)))
    assert ChangeRecord.between(chart, dotted).lines_changed
    assert ChangeRecord.between(chart, chart.with_roles(chart.roles[:2])).lines_changed
    reordered = chart.with_roles([chart.roles[0], chart.roles[2], chart.roles[1]])
    assert ChangeRecord.between(chart, reordered).lines_changed


@given(data=st.data())
@settings(max_examples=500, deadline=None)
def test_a_record_lists_what_came_went_moved_and_changed(data: st.DataObject) -> None:
    """Whichever way the record is worked out (roles kept in order, some added
    after them, some removed, or the order changed), it says what a plain
    comparison of the two charts says."""
    ids = [f"r{i}" for i in range(data.draw(st.integers(0, 8)))]
    managers = st.sampled_from([None, "r0", "r1", "gone"])
    before = Chart(
        "c", roles=[Role(i, "Analyst", "staff", manager=data.draw(managers)) for i in ids]
    )
    roles = [role for role in before.roles if not data.draw(st.booleans()) or len(ids) < 2]
    roles = [
        attrs.evolve(role, **data.draw(st.sampled_from([{}, {"title": "Lead"}, {"manager": "r2"}])))
        for role in roles
    ]
    roles += [Role(f"n{i}", "New", "staff") for i in range(data.draw(st.integers(0, 2)))]
    if data.draw(st.booleans()):
        roles = data.draw(st.permutations(roles))
    after = Chart("c", roles=roles)
    record = ChangeRecord.between(before, after)

    old_ids, new_ids = [r.id for r in before.roles], [r.id for r in after.roles]
    assert record.added == tuple(i for i in new_ids if i not in old_ids)
    assert record.removed == tuple(i for i in old_ids if i not in new_ids)
    kept = [i for i in new_ids if i in old_ids]
    assert record.reordered == ([i for i in old_ids if i in new_ids] != kept)
    moved = [i for i in kept if before.role(i).manager != after.role(i).manager]
    assert sorted(record.moved) == sorted(moved)
    changed = [
        i
        for i in kept
        if attrs.evolve(before.role(i), manager=after.role(i).manager) != after.role(i)
    ]
    assert sorted(record.changed) == sorted(changed)


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_a_chart_made_by_replacing_roles_gives_the_record_a_full_comparison_gives(
    data: st.DataObject,
) -> None:
    """A chart made from another by with_replaced knows the places replaced; the
    record worked out from them equals the one worked out by comparing every
    role (the same chart made afresh), with roles handed back unchanged too."""
    ids = [f"r{i}" for i in range(data.draw(st.integers(1, 8)))]
    before = Chart("c", roles=[Role(i, "Analyst", "staff", manager="r0") for i in ids[1:]])
    if not before.roles:
        return
    edits = st.sampled_from(
        [
            {},
            {"title": "Lead"},
            {"manager": None},
            {"responsibilities": frozenset({"brand-strategy"})},
            {"dotted_managers": ("r1",)},
        ]
    )
    picked = data.draw(st.lists(st.sampled_from(before.roles), min_size=1, max_size=4))
    after = before.with_replaced([attrs.evolve(role, **data.draw(edits)) for role in picked])
    places = after.replaced_in(before)
    assert places is not None
    assert {after.roles[place].id for place in places} == {role.id for role in picked}
    afresh = Chart(after.name, after.stage, after.roles, after.settings)
    assert afresh.replaced_in(before) is None
    assert after.replaced_in(afresh) is None
    assert ChangeRecord.between(before, after) == ChangeRecord.between(before, afresh)
