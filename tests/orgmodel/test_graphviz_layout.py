from __future__ import annotations

import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

import pytest

from bench.generate import generate_chart
from orgmodel import graphviz_layout as gv
from orgmodel.graphviz_layout import (
    GraphvizError,
    chart_to_dot,
    choose_layout,
    dot_available,
    graphviz_layout,
    run_dot,
)
from orgmodel.hierarchy import forest, shown_roles
from orgmodel.layout import Box, Layout, LayoutOptions
from orgmodel.model import Chart, Role
from orgmodel.tidy_tree import tidy_tree

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz's dot is not installed")
SVG_TEXT = "{http://www.w3.org/2000/svg}text"

HOSTILE_TITLE = (
    'Head of "Growth" \\ \\\\ \\l \\n \\N \\G <b>bold</b> &amp; & {a|b} <x> 😀 مرحبا שלום'
)
HOSTILE_PERSON = "Zoë O'Brien-Lévy & \\r דוד 🎉"


def chart_of(*pairs: tuple[str, str | None]) -> Chart:
    return Chart("t", roles=[Role(i, i, "marketing-manager", manager=m) for i, m in pairs])


def random_forest(size: int, seed: int) -> Chart:
    """Several roots, listed in shuffled order so reports may precede managers."""
    rng = random.Random(seed)
    pairs: list[tuple[str, str | None]] = [("r0", None)]
    for i in range(1, size):
        low = max(0, i - 8) if rng.random() < 0.5 else 0
        pairs.append((f"r{i}", None if rng.random() < 0.03 else f"r{rng.randrange(low, i)}"))
    rng.shuffle(pairs)
    return chart_of(*pairs)


def render(source: str, output: str) -> bytes:
    completed = subprocess.run(
        ["dot", f"-T{output}"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr.decode()
    return completed.stdout


def svg_texts(source: str) -> list[str]:
    root = ET.fromstring(render(source, "svg"))
    return ["".join(element.itertext()) for element in root.iter(SVG_TEXT)]


def edge_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if "->" in line]


def overlapping(boxes: Mapping[str, Box]) -> list[tuple[str, str]]:
    items = list(boxes.items())
    return [
        (a, b)
        for i, (a, p) in enumerate(items)
        for b, q in items[i + 1 :]
        if p.x < q.right and q.x < p.right and p.y < q.bottom and q.y < p.bottom
    ]


def check_layout(
    chart: Chart, layout: Layout, options: LayoutOptions, collapsed: frozenset[str] = frozenset()
) -> None:
    """Every shown role has a card; cards don't overlap; managers sit above reports in order."""
    children = forest(chart)
    shown = shown_roles(children, collapsed)
    assert set(layout.boxes) == shown
    boxes = layout.boxes
    for box in boxes.values():
        assert (box.width, box.height) == (options.card_width, options.card_height)
        assert box.x >= 0 and box.y >= 0
    assert layout.width == max(box.right for box in boxes.values())
    assert layout.height == max(box.bottom for box in boxes.values())
    assert min(box.x for box in boxes.values()) == 0
    assert min(box.y for box in boxes.values()) == 0
    assert overlapping(boxes) == []
    for manager, reports in children.items():
        if manager is None or manager in collapsed or manager not in shown:
            continue
        for report in reports:
            assert boxes[manager].bottom <= boxes[report.id].y
        lefts = [boxes[report.id].x for report in reports]
        assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts)
    root_lefts = [boxes[root.id].x for root in children[None]]
    assert root_lefts == sorted(root_lefts)


def small_chart() -> Chart:
    return Chart(
        "Acme",
        roles=[
            Role("ceo", "Chief Executive Officer", "ceo", person="Ada Stone"),
            Role("cmo", "Chief Marketing Officer", "cmo", person="Ben Ortiz", manager="ceo"),
            Role("coo", "Chief Operating Officer", "coo", manager="ceo"),
            Role(
                "seo",
                "SEO Specialist",
                "seo-specialist",
                person="Cara Lee",
                manager="cmo",
                dotted_managers=("coo",),
            ),
            Role("brand", "Brand Manager", "brand-manager", person="Dev Rao", manager="cmo"),
        ],
    )


# DOT source


@needs_dot
def test_dot_of_a_small_chart_parses_with_dot_canon() -> None:
    source = chart_to_dot(small_chart())
    canon = render(source, "canon").decode()
    assert "rankdir=TB" in canon and "ordering=out" in canon
    assert re.findall(r"^\s*(n\d+)\s*\[", canon, flags=re.MULTILINE) == [f"n{i}" for i in range(5)]


def test_cards_are_fixed_size_boxes_in_inches() -> None:
    options = LayoutOptions(card_width=144.0, card_height=36.0)
    source = chart_to_dot(small_chart(), options=options)
    assert re.search(r"node \[.*fixedsize=true.*height=0\.5\b.*shape=box.*width=2\b", source)


def test_user_ids_and_chart_name_never_reach_the_dot_source() -> None:
    hostile_ids = ['a" -> b', "x]; y [label=z", "<id>", "\\N", "Ü-ü"]
    chart = Chart(
        'Evil\n} digraph { "injected',
        roles=[
            Role(role_id, "Role", "cmo", manager=hostile_ids[0] if index else None)
            for index, role_id in enumerate(hostile_ids)
        ],
    )
    source = chart_to_dot(chart)
    assert "Evil" not in source and "injected" not in source
    for role_id in hostile_ids:
        assert role_id not in source
    assert edge_lines(source) == [f"n0 -> n{i}" for i in range(1, 5)]


@needs_dot
def test_hostile_title_and_person_come_out_of_dot_as_written() -> None:
    chart = Chart("t", roles=[Role("r", HOSTILE_TITLE, "cmo", person=HOSTILE_PERSON)])
    source = chart_to_dot(chart)
    assert svg_texts(source) == [HOSTILE_TITLE, HOSTILE_PERSON, "Chief Marketing Officer"]
    # The layout run takes the same chart without a murmur.
    assert set(graphviz_layout(chart).boxes) == {"r"}


@needs_dot
def test_the_kind_line_appears_only_where_the_title_does_not_say_it() -> None:
    chart = Chart(
        "t",
        roles=[
            Role("cmo", "Chief Marketing Officer", "cmo", person="Ada Stone"),
            Role("vp", "Head of Growth", "vp-marketing", person="Ben Ortiz", manager="cmo"),
            Role("seo", "seo specialist", "seo-specialist", person="Cara Lee", manager="vp"),
        ],
    )
    assert svg_texts(chart_to_dot(chart)) == [
        "Chief Marketing Officer",
        "Ada Stone",
        "Head of Growth",
        "Ben Ortiz",
        "VP Marketing",
        "seo specialist",
        "Cara Lee",
    ]


@needs_dot
def test_line_breaks_and_control_characters_stay_text() -> None:
    chart = Chart("t", roles=[Role("r", "Line one\nLine two\x07\tend\x00", "not-a-kind")])
    texts = svg_texts(chart_to_dot(chart))
    assert texts == ["Line one", "Line two\ufffd end\ufffd", "Vacant", "Unclassified"]


def test_names_false_leaves_people_out() -> None:
    chart = small_chart()
    with_names = chart_to_dot(chart)
    without = chart_to_dot(chart, names=False)
    for person in ("Ada Stone", "Ben Ortiz", "Cara Lee", "Dev Rao"):
        assert person in with_names
        assert person not in without
    assert "Chief Marketing Officer" in without
    assert without.count("Vacant") == with_names.count("Vacant") == 1  # the COO seat


def test_dotted_lines_are_dashed_and_do_not_constrain() -> None:
    edges = edge_lines(chart_to_dot(small_chart()))
    solid = [e for e in edges if "[" not in e]
    dotted = [e for e in edges if "[" in e]
    assert solid == ["n0 -> n1", "n0 -> n2", "n1 -> n3", "n1 -> n4"]
    assert dotted == ["n2 -> n3 [constraint=false style=dashed]"]


def test_solid_edges_skip_the_line_closing_a_loop_and_dangling_managers() -> None:
    chart = chart_of(("a", "c"), ("b", "a"), ("c", "b"), ("d", "ghost"), ("e", "d"))
    # a -> c -> b -> a is a loop; its first role in chart order (a) becomes a root.
    assert edge_lines(chart_to_dot(chart)) == ["n0 -> n1", "n1 -> n2", "n3 -> n4"]


# Layout with dot


@needs_dot
def test_layout_of_a_small_chart() -> None:
    chart = small_chart()
    layout = graphviz_layout(chart)
    check_layout(chart, layout, LayoutOptions())


@needs_dot
@pytest.mark.parametrize("size", [60, 400])
def test_layout_of_generated_charts_keeps_every_invariant(size: int) -> None:
    chart = generate_chart(size, seed=size)
    options = LayoutOptions(card_width=150.0, card_height=50.0, sibling_gap=0.0, level_gap=0.0)
    check_layout(chart, graphviz_layout(chart, options), options)


@needs_dot
@pytest.mark.parametrize("seed", [1, 2])
def test_layout_of_random_forests_keeps_every_invariant(seed: int) -> None:
    chart = random_forest(300, seed)
    assert len(forest(chart)[None]) > 3
    check_layout(chart, graphviz_layout(chart), LayoutOptions())


@needs_dot
def test_rows_are_evenly_spaced() -> None:
    chart = chart_of(("a", None), ("b", "a"), ("c", "b"), ("d", "a"))
    options = LayoutOptions(card_height=40.0, level_gap=10.0)
    boxes = graphviz_layout(chart, options).boxes
    assert [boxes[r].y for r in "abcd"] == [0.0, 50.0, 100.0, 50.0]


@needs_dot
def test_siblings_and_roots_keep_chart_order() -> None:
    # Reports listed before their managers, roots whose first report comes early.
    chart = chart_of(
        ("z3", "b"), ("z1", "a"), ("a", None), ("z2", "a"), ("b", None), ("z0", "a"), ("c", None)
    )
    layout = graphviz_layout(chart)
    check_layout(chart, layout, LayoutOptions())
    boxes = layout.boxes
    assert boxes["a"].x < boxes["b"].x < boxes["c"].x
    assert boxes["z1"].x < boxes["z2"].x < boxes["z0"].x


@needs_dot
def test_collapsed_roles_hide_everyone_below() -> None:
    chart = small_chart()
    collapsed = frozenset({"cmo"})
    layout = graphviz_layout(chart, collapsed=collapsed)
    assert set(layout.boxes) == {"ceo", "cmo", "coo"}
    check_layout(chart, layout, LayoutOptions(), collapsed)
    assert set(graphviz_layout(chart, collapsed=frozenset({"ceo"})).boxes) == {"ceo"}


@needs_dot
def test_a_loop_and_a_dangling_manager_still_lay_out() -> None:
    chart = chart_of(("a", "c"), ("b", "a"), ("c", "b"), ("d", "ghost"), ("e", "d"), ("f", "f"))
    layout = graphviz_layout(chart)
    check_layout(chart, layout, LayoutOptions())
    assert layout.boxes["a"].y == layout.boxes["d"].y == layout.boxes["f"].y == 0.0


def test_an_empty_chart_has_an_empty_layout() -> None:
    layout = graphviz_layout(Chart("empty"))
    assert (dict(layout.boxes), layout.width, layout.height) == ({}, 0.0, 0.0)


# Running dot


def test_a_missing_dot_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(GraphvizError, match="sudo apt-get install graphviz"):
        run_dot("digraph {}", executable="/nonexistent/bin/dot")
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert not dot_available()
    with pytest.raises(GraphvizError) as raised:
        run_dot("digraph {}")
    assert str(raised.value) == gv.INSTALL_HINT


def test_a_timeout_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(args: list[str], **kwargs: Any) -> None:
        assert isinstance(args, list) and args[1:] == ["-Tplain"]
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(shutil, "which", lambda _name: "/usr/bin/dot")
    monkeypatch.setattr(subprocess, "run", too_slow)
    with pytest.raises(GraphvizError, match=r"stopped after 2\.5 seconds"):
        run_dot("digraph {}", timeout=2.5)


@needs_dot
def test_a_real_dot_is_stopped_at_the_timeout() -> None:
    with pytest.raises(GraphvizError, match=r"stopped after 0\.001 seconds"):
        graphviz_layout(generate_chart(2000), timeout=0.001)


@needs_dot
def test_a_failing_dot_reports_its_first_error_line() -> None:
    with pytest.raises(GraphvizError, match=r"failed \(exit status 1\): Error: .*syntax error"):
        run_dot("digraph { a -> }")


@needs_dot
def test_run_dot_returns_plain_output() -> None:
    plain = run_dot('digraph { a -> b [label="x"] }')
    assert plain.splitlines()[0].startswith("graph 1 ")
    assert plain.rstrip().endswith("stop")


# Choosing a layout


def test_choose_layout_uses_tidy_tree_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dot(*_args: object, **_kwargs: object) -> Layout:
        raise AssertionError("dot must not run above the limit")

    monkeypatch.setattr(gv, "graphviz_layout", no_dot)
    chart = generate_chart(50)
    options = LayoutOptions(compact_leaves=True)
    collapsed = frozenset({chart.roles[1].id})
    chosen = choose_layout(chart, options, collapsed, dot_limit=49)
    assert chosen.boxes == tidy_tree(chart, options, collapsed).boxes
    assert chosen.note == (
        "Graphviz lays out charts of up to 49 roles; this one has more, so the compact tree is used"
    )


def test_choose_layout_uses_tidy_tree_without_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    chart = small_chart()
    chosen = choose_layout(chart)
    assert chosen.boxes == tidy_tree(chart).boxes
    assert chosen.note.startswith("Graphviz (dot) is not installed")


@needs_dot
def test_choose_layout_uses_dot_up_to_the_limit() -> None:
    chart = chart_of(("c", None), ("a", "c"), ("z", None), ("b", "c"))
    by_dot = graphviz_layout(chart)
    assert by_dot != tidy_tree(chart)  # so the check below tells them apart
    assert choose_layout(chart, dot_limit=len(chart)) == by_dot
    assert by_dot.note == ""


def test_choose_layout_falls_back_when_dot_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> str:
        raise GraphvizError("Graphviz's `dot` program failed (exit status 1): boom")

    monkeypatch.setattr(shutil, "which", lambda _name: "/usr/bin/dot")
    monkeypatch.setattr(gv, "run_dot", broken)
    chart = small_chart()
    chosen = choose_layout(chart)
    assert chosen.boxes == tidy_tree(chart).boxes
    assert chosen.note.startswith("Graphviz failed: Graphviz's `dot` program failed")


def test_rows_are_read_back_from_rounded_dot_output() -> None:
    # dot prints five significant digits: far right, cards a gap apart may read as touching.
    plain = "\n".join(
        [
            "graph 1 3000 2",
            'node n0 2999.9 1.5 2.7778 1.0556 "" solid box black lightgrey',
            'node n1 2997.1 1.5 2.7778 1.0556 "" solid box black lightgrey',
            'node n2 2994.4 0.4 2.7778 1.0556 "" solid box black lightgrey',
            "stop",
        ]
    )
    options = LayoutOptions()
    boxes = dict(gv._boxes(gv._centres(plain, 3), options))
    assert [boxes[i].y for i in range(3)] == [0.0, 0.0, options.card_height + options.level_gap]
    assert boxes[1].right + options.sibling_gap <= boxes[0].x
    assert overlapping({str(i): box for i, box in boxes.items()}) == []
