from __future__ import annotations

import math
import random
import sys
from collections import defaultdict
from collections.abc import Mapping
from itertools import pairwise

import attrs
import pytest

from bench.generate import generate_chart
from orgmodel.assistants import assistants
from orgmodel.hierarchy import forest
from orgmodel.layout import (
    CHART_VIEW_OPTIONS,
    Box,
    Layout,
    LayoutOptions,
    collapsed_above,
    collapsed_to_levels,
    dotted_route,
    levels_of,
)
from orgmodel.model import Chart, Role
from orgmodel.tidy_tree import on_grid, tidy_tree

COMPACT = LayoutOptions(compact_leaves=True)
LEVEL = 76.0 + 56.0


def chart_of(*pairs: tuple[str, str | None]) -> Chart:
    return Chart("t", roles=[Role(i, i, "marketing-manager", manager=m) for i, m in pairs])


def random_chart(size: int, seed: int) -> Chart:
    """A random forest, listed in shuffled order so reports may precede managers."""
    rng = random.Random(seed)
    pairs: list[tuple[str, str | None]] = [("r0", None)]
    for i in range(1, size):
        if rng.random() < 0.02:
            manager = None
        else:
            # Half the time a recent role, so some branches run deep.
            low = max(0, i - 8) if rng.random() < 0.5 else 0
            manager = f"r{rng.randrange(low, i)}"
        pairs.append((f"r{i}", manager))
    rng.shuffle(pairs)
    return chart_of(*pairs)


def overlapping_pairs(boxes: Mapping[str, Box], cell: float = 100.0) -> list[tuple[str, str]]:
    """Pairs of boxes whose interiors meet, bucketed in a grid rather than tried all-pairs."""
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for role_id, box in boxes.items():
        for gx in range(math.floor(box.x / cell), math.floor(box.right / cell) + 1):
            for gy in range(math.floor(box.y / cell), math.floor(box.bottom / cell) + 1):
                grid[gx, gy].append(role_id)
    found: set[tuple[str, str]] = set()
    for ids in grid.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                p, q = boxes[a], boxes[b]
                if p.x < q.right and q.x < p.right and p.y < q.bottom and q.y < p.bottom:
                    found.add((min(a, b), max(a, b)))
    return sorted(found)


def check_layout(
    chart: Chart, layout: Layout, options: LayoutOptions, collapsed: frozenset[str] = frozenset()
) -> None:
    """The invariants every layout keeps, checked in linear time (plus the overlap check)."""
    boxes = layout.boxes
    assert overlapping_pairs(boxes) == []
    assert all(box.x >= 0 and box.y >= 0 for box in boxes.values())
    assert layout.width == max((b.right for b in boxes.values()), default=0.0)
    assert layout.height == max((b.bottom for b in boxes.values()), default=0.0)
    # A column's indent is 15% of a card's width, on the grid places are on.
    indent = on_grid(options.card_width * 0.15)
    # At the left edge a card, or a column whose line runs in its indent.
    assert 0.0 <= min((b.x for b in boxes.values()), default=0.0) <= indent
    tree = forest(chart)
    assert all(boxes[root.id].y == 0 for root in tree[None])
    for manager_id, reports in tree.items():
        if manager_id is None or manager_id not in boxes or manager_id in collapsed:
            assert manager_id is None or all(r.id not in boxes for r in reports)
            continue
        manager = boxes[manager_id]
        leads_nobody = [r.id in collapsed or not tree.get(r.id) for r in reports]
        if options.compact_leaves:
            column = [boxes[r.id] for r, leaf in zip(reports, leads_nobody, strict=True) if leaf]
            beside = [
                boxes[r.id] for r, leaf in zip(reports, leads_nobody, strict=True) if not leaf
            ]
        else:
            column, beside = [], [boxes[r.id] for r in reports]
        if column and not beside:  # a column alone hangs under its manager
            assert all(b.x == manager.x + indent for b in column)
        assert len({b.x for b in column}) <= 1
        step = options.card_height + options.sibling_gap
        assert [b.y for b in column] == [
            pytest.approx(manager.bottom + options.level_gap + i * step) for i in range(len(column))
        ]
        level = options.card_height + options.level_gap
        assert all(b.y == pytest.approx(manager.y + level) for b in beside)
        assert all(a.right < b.x for a, b in pairwise(beside))
        if column and beside:  # the teams start right of the column
            assert beside[0].x > column[0].right
        if beside:  # centred over its team's cards, the column's included
            team_left = column[0].x if column else beside[0].x
            assert manager.center_x == pytest.approx((team_left + beside[-1].right) / 2)


def test_single_role_sits_at_the_origin() -> None:
    layout = tidy_tree(chart_of(("a", None)))
    assert dict(layout.boxes) == {"a": Box(0, 0, 200, 76)}
    assert (layout.width, layout.height) == (200, 76)


def test_parent_is_centred_over_its_reports_cards() -> None:
    layout = tidy_tree(chart_of(("r", None), ("a", "r"), ("b", "r"), ("c", "r")))
    boxes = layout.boxes
    assert [boxes[i].x for i in "abc"] == [0, 224, 448]
    assert boxes["r"] == Box(224, 0, 200, 76)
    assert (layout.width, layout.height) == (648, LEVEL + 76)


def test_parent_is_centred_over_cards_not_over_uneven_subtrees() -> None:
    # a's subtree is three cards wide, b is a single card.
    chart = chart_of(("r", None), ("a", "r"), ("b", "r"), ("a1", "a"), ("a2", "a"), ("a3", "a"))
    boxes = tidy_tree(chart).boxes
    assert boxes["a"].x == 224 and boxes["b"].x == 672
    assert boxes["r"].center_x == (boxes["a"].x + boxes["b"].right) / 2
    check_layout(chart, tidy_tree(chart), LayoutOptions())


def test_siblings_keep_chart_order_left_to_right() -> None:
    chart = chart_of(("c", "r"), ("r", None), ("a", "r"), ("b", "r"))
    boxes = tidy_tree(chart).boxes
    assert sorted("cab", key=lambda i: boxes[i].x) == ["c", "a", "b"]
    assert list(boxes) == ["c", "r", "a", "b"]


def test_roots_are_laid_side_by_side_in_chart_order() -> None:
    chart = chart_of(("b", None), ("b1", "b"), ("b2", "b"), ("a", None), ("c", None))
    layout = tidy_tree(chart)
    boxes = layout.boxes
    assert boxes["b1"].x == 0 and boxes["b2"].x == 224
    assert (boxes["b"].x, boxes["a"].x, boxes["c"].x) == (112, 448, 672)
    assert boxes["b"].y == boxes["a"].y == boxes["c"].y == 0
    assert layout.width == 872


def test_each_level_is_a_card_and_a_gap_below_the_last() -> None:
    options = LayoutOptions(card_height=50, level_gap=30)
    chart = chart_of(("a", None), ("b", "a"), ("c", "b"), ("d", "b"), ("e", "a"))
    layout = tidy_tree(chart, options)
    ys = {i: box.y for i, box in layout.boxes.items()}
    assert ys == {"a": 0, "b": 80, "e": 80, "c": 160, "d": 160}
    assert layout.height == 210


def test_compact_mode_stacks_those_who_lead_nobody() -> None:
    chart = chart_of(
        ("r", None),
        ("m1", "r"),
        ("l1", "m1"),
        ("l2", "m1"),
        ("m2", "r"),
        ("l3", "m2"),
        ("n", "m2"),
        ("z", "n"),
        ("l4", "m2"),
    )
    layout = tidy_tree(chart, COMPACT)
    boxes = layout.boxes
    m1 = boxes["m1"]
    assert boxes["l1"] == Box(m1.x + 30, LEVEL * 2, 200, 76)
    assert boxes["l2"] == Box(m1.x + 30, LEVEL * 2 + 100, 200, 76)
    # m2's team mixes: l3 and l4 (who lead nobody) stack in a column, in
    # chart order; n, who leads z, sits beside the column; m2 is centred
    # over the team, and the column's line hangs from the line across it.
    m2, l3 = boxes["m2"], boxes["l3"]
    assert l3 == Box(boxes["l1"].right + 24 + 30, LEVEL * 2, 200, 76)
    assert boxes["l4"] == Box(l3.x, LEVEL * 2 + 100, 200, 76)
    assert boxes["n"].y == LEVEL * 2
    assert boxes["n"].x == l3.right + 24
    assert m2.center_x == (l3.x + boxes["n"].right) / 2
    across = m2.bottom + 28
    assert layout.column_top("m2") == (
        (m2.center_x, m2.bottom),
        (m2.center_x, across),
        (l3.x - 15, across),
    )
    assert layout.column_top("m1") == ((boxes["l1"].x - 15, m1.bottom),)
    # n's only report is a leaf, so it is a column of one.
    assert boxes["z"].x == boxes["n"].x + 30
    assert layout.stacked == {"l1", "l2", "l3", "l4", "z"}
    check_layout(chart, layout, COMPACT)


def test_compact_column_takes_the_indented_width() -> None:
    layout = tidy_tree(chart_of(("m", None), ("a", "m"), ("b", "m"), ("c", "m")), COMPACT)
    assert layout.width == 230
    assert layout.height == LEVEL + 2 * 100 + 76


def test_a_collapsed_report_counts_as_a_leaf_in_compact_mode() -> None:
    chart = chart_of(("m", None), ("a", "m"), ("a1", "a"), ("b", "m"))
    boxes = tidy_tree(chart, COMPACT, collapsed=frozenset({"a"})).boxes
    assert "a1" not in boxes
    assert boxes["a"].x == boxes["b"].x == 30
    assert boxes["b"].y == boxes["a"].y + 100


def test_collapsed_subtrees_are_omitted_and_laid_out_as_leaves() -> None:
    chart = chart_of(("r", None), ("a", "r"), ("a1", "a"), ("a2", "a"), ("a11", "a1"), ("b", "r"))
    layout = tidy_tree(chart, collapsed=frozenset({"a", "ghost"}))
    assert set(layout.boxes) == {"r", "a", "b"}
    pruned = chart_of(("r", None), ("a", "r"), ("b", "r"))
    assert layout == tidy_tree(pruned)
    assert tidy_tree(chart, collapsed=frozenset({"r"})).boxes == {"r": Box(0, 0, 200, 76)}


def test_the_overlap_check_itself_finds_overlaps() -> None:
    boxes = {
        "a": Box(0, 0, 200, 76),
        "b": Box(200, 0, 200, 76),  # touches a: no overlap
        "c": Box(399, 75, 200, 76),  # overlaps b in a one-by-one corner
        "d": Box(5000, 5000, 200, 76),
    }
    assert overlapping_pairs(boxes) == [("b", "c")]


@pytest.mark.parametrize("options", [LayoutOptions(), COMPACT], ids=["normal", "compact"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_trees_never_overlap(options: LayoutOptions, seed: int) -> None:
    chart = random_chart(300, seed)
    rng = random.Random(seed)
    collapsed = frozenset(rng.sample([r.id for r in chart.roles], 10)) if seed % 2 else frozenset()
    layout = tidy_tree(chart, options, collapsed)
    check_layout(chart, layout, options, collapsed)
    if not collapsed:
        assert len(layout.boxes) == len(chart)


def test_layout_is_stable() -> None:
    chart = random_chart(500, 7)
    first = tidy_tree(chart, COMPACT, frozenset({"r3"}))
    again = tidy_tree(chart, COMPACT, frozenset({"r3"}))
    assert first == again
    assert list(first.boxes.items()) == list(again.boxes.items())


def test_a_very_deep_chain_is_laid_out_without_recursion() -> None:
    size = 50_000
    chart = chart_of(("r0", None), *((f"r{i}", f"r{i - 1}") for i in range(1, size)))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        layout = tidy_tree(chart)
        compact = tidy_tree(chart, COMPACT)
    finally:
        sys.setrecursionlimit(limit)
    assert len(layout.boxes) == size
    assert layout.boxes[f"r{size - 1}"] == Box(0, (size - 1) * LEVEL, 200, 76)
    assert layout.height == (size - 1) * LEVEL + 76
    assert compact.boxes[f"r{size - 1}"].x == 30


def test_a_ten_thousand_role_tree_gets_every_box() -> None:
    chart = random_chart(10_000, 11)
    for options in (LayoutOptions(), COMPACT):
        layout = tidy_tree(chart, options)
        assert set(layout.boxes) == {r.id for r in chart.roles}
        check_layout(chart, layout, options)


def test_loops_and_dangling_managers_still_get_a_box_for_every_role() -> None:
    chart = chart_of(("a", "c"), ("b", "a"), ("c", "b"), ("d", "ghost"), ("e", "e"))
    layout = tidy_tree(chart)
    assert set(layout.boxes) == {"a", "b", "c", "d", "e"}
    assert [layout.boxes[i].y for i in "abcde"] == [0, LEVEL, 2 * LEVEL, 0, 0]
    check_layout(chart, layout, LayoutOptions())


def test_layout_says_which_reports_it_stacked() -> None:
    chart = Chart(
        "t",
        roles=[
            Role("ceo", "CEO", "ceo"),
            Role("a", "A", "marketing-manager", manager="ceo"),
            Role("b", "B", "marketing-manager", manager="ceo"),
            Role("a1", "A1", "seo-specialist", manager="a"),
            Role("a2", "A2", "seo-specialist", manager="a"),
        ],
    )
    compact = tidy_tree(chart, LayoutOptions(compact_leaves=True))
    # b leads nobody, so it stacks under the CEO beside a's team.
    assert compact.stacked == {"a1", "a2", "b"}
    assert tidy_tree(chart).stacked == frozenset()


def test_collapsing_to_levels_folds_the_last_shown_level_that_leads_a_team() -> None:
    chart = chart_of(("r", None), ("a", "r"), ("a1", "a"), ("a11", "a1"), ("b", "r"), ("s", None))
    assert levels_of(chart) == {"r": 1, "a": 2, "a1": 3, "a11": 4, "b": 2, "s": 1}
    assert collapsed_to_levels(chart, 1) == {"r"}  # s leads nobody: nothing to fold
    assert collapsed_to_levels(chart, 2) == {"a"}
    shown = tidy_tree(chart, COMPACT, collapsed_to_levels(chart, 2)).boxes
    assert set(shown) == {"r", "a", "b", "s"}
    assert collapsed_to_levels(chart, 4) == frozenset()


def test_the_collapsed_roles_above_a_role_are_found_up_its_whole_chain() -> None:
    chart = chart_of(("r", None), ("a", "r"), ("a1", "a"), ("a11", "a1"), ("b", "r"), ("s", None))
    assert collapsed_above(chart, ["a11"], {"r", "a1", "b"}) == {"r", "a1"}
    assert collapsed_above(chart, ["a11", "b"], {"a", "b", "s"}) == {"a"}  # b is not above b
    assert collapsed_above(chart, ["s", "gone"], {"r", "s"}) == set()


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_charts_centre_each_manager_over_its_team(seed: int) -> None:
    chart = generate_chart(1_000, seed=seed)
    layout = tidy_tree(chart, CHART_VIEW_OPTIONS)
    check_layout(chart, layout, CHART_VIEW_OPTIONS)  # centred over every team
    tree = forest(chart)
    ceo = layout.boxes[tree[None][0].id]
    assert ceo.y == 0
    assert abs(ceo.center_x - layout.width / 2) < layout.width * 0.1  # top centre
    # Measured here directly too: the midpoint of the team's cards.
    for manager_id, reports in tree.items():
        if manager_id is None or len(reports) < 2:
            continue
        if all(r.id in layout.stacked for r in reports):
            continue  # a column alone hangs under its manager, indented
        team = [layout.boxes[r.id] for r in reports]
        left, right = min(b.x for b in team), max(b.right for b in team)
        assert layout.boxes[manager_id].center_x == pytest.approx((left + right) / 2)


def test_dotted_lines_run_in_axis_parallel_segments_from_manager_to_role() -> None:
    chart = generate_chart(300)
    layout = tidy_tree(chart, CHART_VIEW_OPTIONS)
    routes = [
        (role, other, dotted_route(layout, CHART_VIEW_OPTIONS, role.id, other))
        for role in chart.roles
        for other in role.dotted_managers
    ]
    assert len(routes) > 5
    for role, other, route in routes:
        box, manager = layout.boxes[role.id], layout.boxes[other]
        assert route[0] == (manager.center_x + 56, manager.bottom)
        assert route[-1] == (box.center_x + 56, box.y)
        for (x0, y0), (x1, y1) in pairwise(route):
            assert x0 == x1 or y0 == y1  # never a diagonal
        # Across the chart only in the gap below a row of cards (tall columns
        # reach down past rows: the line runs behind their cards).
        for (x0, y0), (x1, y1) in pairwise(route):
            if y0 == y1 and abs(x1 - x0) > CHART_VIEW_OPTIONS.card_width:
                assert not any(
                    b.y < y0 < b.bottom and min(x0, x1) < b.x < max(x0, x1)
                    for role_id, b in layout.boxes.items()
                    if role_id not in layout.stacked
                )


def test_assistants_sit_beside_their_manager_not_in_the_team() -> None:
    chart = Chart(
        "t",
        roles=[
            Role("ceo", "Chief Executive Officer", "ceo"),
            Role("ea", "Executive Assistant to the CEO", "unclassified"),
            Role("cos", "Chief of Staff", "unclassified"),
            Role("cmo", "Chief Marketing Officer", "cmo"),
            Role("coo", "Chief Operating Officer", "coo"),
            Role("m1", "Brand Manager", "brand-manager"),
            Role("m2", "Events Specialist", "events-specialist"),
        ],
    )
    chart = chart.with_roles(
        [
            attrs.evolve(role, manager=manager)
            for role, manager in zip(
                chart.roles, [None, "ceo", "ceo", "ceo", "ceo", "cmo", "cmo"], strict=True
            )
        ]
    )
    aides = assistants(chart)
    assert aides == {"ea", "cos"}
    layout = tidy_tree(chart, CHART_VIEW_OPTIONS, assistants=aides)
    boxes = layout.boxes
    ceo, ea, cos = boxes["ceo"], boxes["ea"], boxes["cos"]
    gap = CHART_VIEW_OPTIONS.sibling_gap
    assert ea.y == cos.y == ceo.y  # on the CEO's row
    assert ea.x == ceo.right + gap and cos.x == ea.right + gap
    # The CEO is centred over the team, which the assistants are not part of.
    cmo, coo = boxes["cmo"], boxes["coo"]
    assert ceo.center_x == pytest.approx((cmo.x + coo.right) / 2)
    assert overlapping_pairs(boxes) == []
    assert layout.beside_manager == {"ea", "cos"}
    assert layout.connector("ea", "ceo") == ((ceo.right, ea.y + 38), (ea.x, ea.y + 38))
    # Without them, as before: in the team.
    assert tidy_tree(chart, CHART_VIEW_OPTIONS).boxes["ea"].y > ceo.y


@pytest.mark.parametrize("seed", [3, 4])
def test_charts_with_many_assistants_never_overlap(seed: int) -> None:
    chart = random_chart(400, seed)
    rng = random.Random(seed)
    roles = [
        attrs.evolve(role, title="Executive Assistant") if rng.random() < 0.2 else role
        for role in chart.roles
    ]
    chart = chart.with_roles(roles)
    aides = assistants(chart)
    assert len(aides) > 20
    layout = tidy_tree(chart, CHART_VIEW_OPTIONS, assistants=aides)
    assert overlapping_pairs(layout.boxes) == []
    assert set(layout.boxes) == {role.id for role in chart.roles}
    for aide in aides:
        manager = layout.boxes[chart.role(aide).manager or ""]
        assert layout.boxes[aide].y == manager.y and layout.boxes[aide].x > manager.x
