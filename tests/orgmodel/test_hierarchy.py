from __future__ import annotations

from orgmodel.hierarchy import cycles, forest, subtree_chart
from orgmodel.model import Chart, Role


def chart_of(*pairs: tuple[str, str | None]) -> Chart:
    return Chart("t", roles=[Role(i, i, "marketing-manager", manager=m) for i, m in pairs])


def test_forest_follows_managers_in_chart_order() -> None:
    chart = chart_of(("a", None), ("b", "a"), ("c", "a"), ("d", "b"))
    tree = forest(chart)
    assert [r.id for r in tree[None]] == ["a"]
    assert [r.id for r in tree["a"]] == ["b", "c"]
    assert [r.id for r in tree["b"]] == ["d"]


def test_forest_places_every_role_once_despite_loops_and_dangling_managers() -> None:
    chart = chart_of(("a", "c"), ("b", "a"), ("c", "b"), ("d", "ghost"), ("e", "e"))
    tree = forest(chart)
    placed = [r.id for children in tree.values() for r in children]
    assert sorted(placed) == ["a", "b", "c", "d", "e"]
    assert [r.id for r in tree[None]] == ["a", "d", "e"]


def test_cycles_are_found_once_each_in_reporting_order() -> None:
    chart = chart_of(("x", None), ("a", "b"), ("b", "a"), ("s", "s"), ("t", "a"))
    found = [[r.id for r in loop] for loop in cycles(chart)]
    assert found == [["a", "b"], ["s"]]


def test_a_long_chain_loop_is_found_without_recursion() -> None:
    size = 50_000
    pairs = [(f"r{i}", f"r{(i + 1) % size}") for i in range(size)]
    found = list(cycles(chart_of(*pairs)))
    assert len(found) == 1 and len(found[0]) == size


def test_subtree_chart_keeps_the_role_and_everyone_below() -> None:
    chart = chart_of(("a", None), ("b", "a"), ("c", "b"), ("d", "a"), ("e", "c"))
    chart = chart.with_role(
        Role("e", "e", "marketing-manager", manager="c", dotted_managers=("d", "b"))
    )
    part = subtree_chart(chart, "b")
    assert [r.id for r in part.roles] == ["b", "c", "e"]
    assert part.role("b").manager is None
    assert part.role("e").dotted_managers == ("b",)
    assert chart.role("b").manager == "a"  # the original is untouched


def test_subtree_chart_of_an_unknown_role_is_a_key_error() -> None:
    import pytest

    with pytest.raises(KeyError):
        subtree_chart(chart_of(("a", None)), "zzz")


def test_a_chart_works_out_a_derived_value_once() -> None:
    chart = chart_of(("a", "b"), ("b", "a"))
    seen: list[Chart] = []

    def count(of: Chart) -> int:
        seen.append(of)
        return len(of)

    assert chart.derived(count) == chart.derived(count) == 2
    assert seen == [chart]
    other = chart.with_roles(chart.roles[:1])
    assert other.derived(count) == 1
    assert len(seen) == 2
    # Loops are found once per chart, and callers get copies they may change.
    first = next(cycles(chart))
    first.clear()
    assert [r.id for r in next(cycles(chart))] == ["a", "b"]


def test_team_sizes_count_direct_and_all_reports_and_survive_loops() -> None:
    from orgmodel.hierarchy import team_sizes

    chart = Chart(
        "t",
        roles=(
            Role("ceo", "CEO", "ceo"),
            Role("cmo", "CMO", "cmo", manager="ceo"),
            Role("vp", "VP", "vp-marketing", manager="cmo"),
            Role("a", "A", "seo-specialist", manager="vp"),
            Role("b", "B", "seo-specialist", manager="vp"),
            Role("coo", "COO", "coo", manager="ceo"),
            Role("x", "X", "seo-specialist", manager="y"),
            Role("y", "Y", "seo-specialist", manager="x"),
        ),
    )
    assert team_sizes(chart) == {
        "ceo": (2, 5),
        "cmo": (1, 3),
        "vp": (2, 2),
        # In a loop the first role heads it, as forest() reads it.
        "x": (1, 1),
    }


def test_carried_over_forest_when_one_edit_empties_a_team_and_fills_it_again() -> None:
    from orgmodel.change_record import ChangeRecord
    from orgmodel.hierarchy import find_loops, forest, team_sizes
    from orgmodel.hierarchy_update import carry_over

    def chart(managers: dict[str, str | None]) -> Chart:
        return Chart(
            "t", roles=[Role(i, "Analyst", "staff", manager=m) for i, m in managers.items()]
        )

    # X5 leaves X0 (its only report), X6 joins X0: one edit, as an import replacing a chart.
    before = chart({"X0": None, "X5": "X0", "X6": None})
    after = chart({"X0": None, "X5": None, "X6": "X0"})
    for compute in (find_loops, forest, team_sizes):
        before.derived(compute)
    carry_over(before, after, ChangeRecord.between(before, after))
    assert after.remembers(forest)
    carried = after.derived(forest)
    fresh = forest(chart({"X0": None, "X5": None, "X6": "X0"}))
    assert {k: [r.id for r in v] for k, v in carried.items()} == {
        k: [r.id for r in v] for k, v in fresh.items()
    }
