"""Laying out again after an edit equals laying the new chart out from nothing,
box for box, over random sequences of edits (adds, removals with and without
their teams, moves, new titles that make or unmake assistants, undo), with
roles collapsed and expanded between them."""

from __future__ import annotations

import os
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate_chart
from orgmodel import subtree_lists
from orgmodel.assistants import assistants
from orgmodel.change_record import ChangeRecord
from orgmodel.hierarchy import below, forest
from orgmodel.layout import CHART_VIEW_OPTIONS, DEFAULT_OPTIONS, Layout, LayoutOptions
from orgmodel.layout_update import relaid_out
from orgmodel.model import Chart, Role
from orgmodel.tidy_tree import tidy_tree

EXAMPLES = 20_000 if os.environ.get("ORGMODEL_SLOW") else 2_000
TITLES = ("Analyst", "Executive Assistant", "Brand Manager", "Chief of Staff", "Director")
OPTIONS = (CHART_VIEW_OPTIONS, DEFAULT_OPTIONS)


def _assert_same(updated: Layout, fresh: Layout) -> None:
    assert updated == fresh
    assert list(updated.boxes) == list(fresh.boxes)  # in chart order, as tidy_tree gives them
    # The size taken up is worked out from the subtrees, not from the boxes.
    boxes = fresh.boxes.values()
    assert fresh.width == pytest.approx(max((box.right for box in boxes), default=0.0))
    assert fresh.height == pytest.approx(max((box.bottom for box in boxes), default=0.0))
    assert fresh.left == min((box.x for box in boxes), default=0.0)
    assert fresh.top == min((box.y for box in boxes), default=0.0)


def _lay_out(chart: Chart, options: LayoutOptions, collapsed: frozenset[str]) -> Layout:
    return tidy_tree(chart, options, collapsed, assistants=assistants(chart))


@st.composite
def edited(draw: st.DrawFn, chart: Chart) -> Chart:
    ids = [role.id for role in chart.roles]
    kind = draw(st.sampled_from(["add", "remove", "remove-team", "move", "retitle", "many"]))
    if kind == "add" or not ids:
        new_id = draw(st.sampled_from([f"n{len(ids)}", "gone", *[f"r{i}" for i in range(40)]]))
        if new_id in chart:
            return chart
        manager = draw(st.sampled_from([None, "gone", *ids]))
        title = draw(st.sampled_from(TITLES))
        return chart.with_role(Role(new_id, title, "staff", manager=manager))
    target = chart.role(draw(st.sampled_from(ids)))
    if kind == "remove":  # the team stays, pointing at a manager no longer there
        return chart.with_roles(r for r in chart.roles if r.id != target.id)
    if kind == "remove-team":  # the team moves up, as the app's delete does
        return chart.with_roles(
            attrs.evolve(r, manager=target.manager) if r.manager == target.id else r
            for r in chart.roles
            if r.id != target.id
        )
    if kind == "move":
        manager = draw(st.sampled_from([None, *ids]))
        return chart.with_role(attrs.evolve(target, manager=manager))
    if kind == "retitle":
        return chart.with_role(attrs.evolve(target, title=draw(st.sampled_from(TITLES))))
    moving = draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
    manager = draw(st.sampled_from([None, *ids]))
    return chart.with_roles(
        attrs.evolve(r, manager=manager) if r.id in moving else r for r in chart.roles
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_layout_updated_edit_by_edit_equals_a_fresh_one(data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 40))
    chart = generate_chart(size, seed=data.draw(st.integers(0, 5)))
    options = data.draw(st.sampled_from(OPTIONS))
    ids = [role.id for role in chart.roles]
    collapsed = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=2)))
    # Subtrees this small are listed too (subtree_lists.LISTED_FROM), so that edits
    # shift subtrees listed as the chart was laid out, as well as those they list.
    listed_from = data.draw(st.sampled_from([1, 3, subtree_lists.LISTED_FROM]))
    with mock.patch.object(subtree_lists, "LISTED_FROM", listed_from):
        layout = _lay_out(chart, options, collapsed)
    history = [chart]
    for _ in range(data.draw(st.integers(1, 8))):
        if len(history) > 1 and data.draw(st.booleans()):
            after = history[-2]  # undo
        else:
            after = data.draw(edited(chart))
        history.append(after)
        collapsed &= {role.id for role in after.roles}  # as the scene keeps them
        if after.roles and data.draw(st.booleans()):  # collapse or expand one
            collapsed ^= {data.draw(st.sampled_from([role.id for role in after.roles]))}
        record = ChangeRecord.between(chart, after)
        updated = relaid_out(
            layout, chart, after, record, options, collapsed, assistants=assistants(after)
        )
        _assert_same(updated, _lay_out(after, options, collapsed))
        _assert_moved_in_one_piece(layout, updated, after)
        _assert_columns_compared(layout, updated)
        _assert_changes_told(layout, updated)
        chart, layout = after, updated


def _assert_changes_told(before: Layout, after: Layout) -> None:
    """Every role whose box the update changed, gave or took away is among
    those it says it placed again or took boxes from."""
    told = after.changed_since(before.serial)
    if told is None:
        assert not after.updated_from(before)
        return
    placed, unboxed = told
    old, new = before.boxes, after.boxes
    differ = {r for r in old.keys() | new.keys() if old.get(r) is not new.get(r)}
    assert differ <= {*placed, *unboxed}
    assert not set(unboxed) & new.keys()


def _assert_columns_compared(before: Layout, after: Layout) -> None:
    """What the update says changed in the columns is what comparing them all finds."""
    old, new = before.columns, after.columns
    differ = {leader for leader in old.keys() | new.keys() if old.get(leader) != new.get(leader)}
    assert after.columns_changed(before) in (differ, None)
    assert after.restacked(before) == before.stacked ^ after.stacked


def _assert_moved_in_one_piece(before: Layout, after: Layout, chart: Chart) -> None:
    """Each subtree the update says moved in one piece did: every card in it
    by as much as its top card, and every card shown under its top one is in it."""
    assert after.arranger is not None and before.arranger is not None
    placed, children = after.arranger.placed, forest(chart)
    for top, start, end in after.arranger.in_one_piece:
        members = placed[start:end]
        assert members[0] == top
        under = {role.id for role in below(children, top) if role.id in after.boxes}
        assert set(members) == {top} | under
        dx = after.boxes[top].x - before.boxes[top].x
        dy = after.boxes[top].y - before.boxes[top].y
        assert (dx, dy) != (0, 0)  # places are on a grid: no rounding error moves one
        for member in members:
            assert after.boxes[member].x - before.boxes[member].x == dx
            assert after.boxes[member].y - before.boxes[member].y == dy


@pytest.mark.parametrize("options", OPTIONS)
def test_a_fresh_layout_lists_big_subtrees_with_their_cards(options: LayoutOptions) -> None:
    chart = generate_chart(3_000)
    children = forest(chart)
    collapsed = frozenset(role.id for role in chart.roles[200:3000:300] if role.id in children)
    layout = tidy_tree(chart, options, collapsed, assistants=assistants(chart))
    arranger = layout.arranger
    assert arranger is not None

    def shown_under(top: str) -> set[str]:
        return {top} | {role.id for role in below(children, top) if role.id in layout.boxes}

    assert len(arranger.pieces.lists) > 10
    for top, (cards, slotted) in arranger.pieces.lists.items():
        assert cards[0] == top
        assert sorted(cards) == sorted(shown_under(top))
        assert slotted == [card for card in cards if card in arranger.slot_left]
        assert len(cards) >= subtree_lists.LISTED_FROM
        # Never the biggest subtree under its manager (so at most half of its).
        manager = chart.role(top).manager
        team = [r.id for r in children[manager] if r.id in arranger.slot_left]
        assert len(cards) * 2 <= sum(len(shown_under(r)) for r in team) + (manager is not None)
    assert arranger.pieces.listed == sum(len(cards) for cards, _ in arranger.pieces.lists.values())
    assert arranger.pieces.listed <= subtree_lists.LISTED_PER_CARD * len(layout.boxes)


def test_a_long_chain_of_managers_lists_each_card_a_few_times_at_most() -> None:
    """Listing every subtree of a chain of 3,000 managers would list 4.5 million cards."""
    rows = [
        Role(f"c{i}", "Director", "director", manager=f"c{i - 1}" if i else None)
        for i in range(3000)
    ]
    rows += [Role(f"s{i}", "Analyst", "staff", manager=f"c{i * 7}") for i in range(400)]
    layout = tidy_tree(Chart("Chain", roles=rows), CHART_VIEW_OPTIONS)
    assert layout.arranger is not None
    assert layout.arranger.pieces.listed <= subtree_lists.LISTED_PER_CARD * len(layout.boxes)


def test_a_move_in_a_big_chart_sizes_only_what_is_above_it() -> None:
    chart = generate_chart(5_000)
    layout = tidy_tree(chart, CHART_VIEW_OPTIONS)
    boxes = layout.boxes
    # Someone near the right edge moves to a neighbouring manager: all left of
    # them keeps its place, so its boxes are the very same objects.
    mover = max((r for r in chart.roles if r.manager), key=lambda r: boxes[r.id].x)
    neighbour = next(
        r for r in reversed(chart.roles) if r.id != mover.manager and r.id in layout.columns
    )
    after = chart.with_role(attrs.evolve(mover, manager=neighbour.id))
    updated = relaid_out(
        layout, chart, after, ChangeRecord.between(chart, after), CHART_VIEW_OPTIONS
    )
    _assert_same(updated, tidy_tree(after, CHART_VIEW_OPTIONS))
    # The columns that changed are known without comparing every column.
    assert updated.columns_changed(layout) == {mover.manager, neighbour.id}
    # Only the managers above the two places (and the columns under them) are
    # placed again left of the move; every other box there is the very same object.
    above = set()
    for start, state in ((mover.manager, chart), (neighbour.id, after)):
        current = state.get(start)
        while current is not None:
            above.add(current.id)
            above.update(layout.columns.get(current.id, ()))
            current = state.get(current.manager)
    left_edge = min(boxes[mover.id].x, boxes[neighbour.id].x)
    kept = [r for r in boxes if boxes[r].right < left_edge and r not in above]
    assert len(kept) > 100
    assert all(updated.boxes[r] is boxes[r] for r in kept)


def _nested_teams() -> Chart:
    """1,001 roles: A leads 600 (B's 549 and 50 more), C leads 398."""
    roles = [Role("ceo", "CEO", "staff"), Role("A", "VP", "staff", manager="ceo")]
    roles.append(Role("B", "Director", "staff", manager="A"))
    roles += [Role(f"b{i}", "Analyst", "staff", manager="B") for i in range(549)]
    roles += [Role(f"a{i}", "Analyst", "staff", manager="A") for i in range(50)]
    roles.append(Role("C", "VP", "staff", manager="ceo"))
    roles += [Role(f"c{i}", "Analyst", "staff", manager="C") for i in range(398)]
    return Chart("nested", roles=roles)


@pytest.mark.parametrize(
    ("before", "after", "afresh"),
    [
        # Most of the chart folded away, or shown again: laid out afresh.
        (frozenset(), frozenset({"A", "C"}), True),
        (frozenset({"A", "C"}), frozenset(), True),
        # 600 of 1,001 shown, B's team counted once, inside A's: updated.
        (frozenset({"A", "B"}), frozenset(), False),
        # B's team was hidden under A and stays so: only A's 600 come.
        (frozenset({"A", "B"}), frozenset({"B"}), False),
        (frozenset(), frozenset({"C"}), False),
    ],
)
def test_a_fold_of_most_of_the_chart_is_laid_out_afresh(
    before: frozenset[str], after: frozenset[str], afresh: bool
) -> None:
    chart = _nested_teams()
    previous = tidy_tree(chart, CHART_VIEW_OPTIONS, before)
    folded = relaid_out(previous, chart, chart, ChangeRecord(), CHART_VIEW_OPTIONS, after)
    _assert_same(folded, tidy_tree(chart, CHART_VIEW_OPTIONS, after))
    assert folded.updated_from(previous) is not afresh
