"""PowerPoint handouts, read back with python-pptx: every role on a slide as
editable text, connectors glued to the right cards, findings when asked."""

from __future__ import annotations

import io
import random
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu

from bench.generate import generate_chart
from orgmodel.fileformat import load_chart
from orgmodel.model import Chart, Role
from orgmodel.pptx_export import SLIDE_HEIGHT, SLIDE_WIDTH, Handout, chart_to_pptx
from orgmodel.rules import validate
from orgmodel.slide_plan import ACROSS, CARDS_PER_SLIDE, plan_slides


def read_back(handout: Handout) -> PresentationType:
    deck = Presentation(io.BytesIO(handout.data))
    assert len(deck.slides) == handout.slides
    return deck


def cards(slide: Slide) -> dict[int, str]:
    """Shape id -> role id of each card on the slide."""
    return {
        shape.shape_id: shape.name.removeprefix("role ")
        for shape in slide.shapes
        if shape.name.startswith("role ")
    }


def glued(slide: Slide) -> list[tuple[str, str]]:
    """(begin role, end role) of every connector on the slide."""
    on_slide = cards(slide)
    ends = []
    for shape in slide.shapes:
        properties = shape._element.find(f".//{qn('p:cNvCxnSpPr')}")
        if properties is None:
            continue
        begin, end = properties.find(qn("a:stCxn")), properties.find(qn("a:endCxn"))
        assert begin is not None and end is not None, "a connector is not glued at both ends"
        ends.append((on_slide[int(begin.get("id"))], on_slide[int(end.get("id"))]))
    return ends


@pytest.fixture(scope="module")
def enterprise(samples_folder: Path = Path("resources/samples")) -> Chart:
    return load_chart(Path(__file__).resolve().parents[2] / samples_folder / "enterprise.orgm")


def test_every_role_is_on_a_slide_with_its_title_and_name_as_text(enterprise: Chart) -> None:
    deck = read_back(chart_to_pptx(enterprise))
    texts = [
        shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
    ]
    seen = Counter(role_id for slide in deck.slides for role_id in cards(slide).values())
    assert set(seen) == {role.id for role in enterprise}
    for role in enterprise:
        assert any(role.title in text and (role.person or "Vacant") in text for text in texts)
    assert deck.slides[0].shapes[0].text_frame.text == enterprise.name


def test_connectors_join_each_manager_to_its_reports(enterprise: Chart) -> None:
    deck = read_back(chart_to_pptx(enterprise))
    drawn: set[tuple[str, str]] = set()
    for slide in deck.slides:
        on_slide = set(cards(slide).values())
        lines = glued(slide)
        assert all(enterprise.role(end).manager == begin for begin, end in lines)
        wanted = {
            (role.manager, role.id)
            for role in enterprise
            if role.id in on_slide and role.manager in on_slide
        }
        assert set(lines) == wanted, "a reporting line between two cards of a slide is missing"
        assert len(lines) == len(set(lines))
        drawn |= set(lines)
    assert drawn == {(r.manager, r.id) for r in enterprise if r.manager is not None}


def test_the_findings_slide_lists_the_findings_when_asked(enterprise: Chart) -> None:
    plain = read_back(chart_to_pptx(enterprise))
    with_findings = read_back(chart_to_pptx(enterprise, findings=True))
    assert len(with_findings.slides) == len(plain.slides) + 1
    last = " ".join(s.text_frame.text for s in with_findings.slides[-1].shapes if s.has_text_frame)
    for finding in validate(enterprise):
        assert finding.message in last


def test_a_chart_shared_without_names_shows_none(enterprise: Chart) -> None:
    deck = read_back(chart_to_pptx(enterprise, names=False))
    text = " ".join(
        shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
    )
    assert not [r.person for r in enterprise if r.person and r.person in text]


def plan_is_sound(chart: Chart) -> None:
    plan = plan_slides(chart)
    members = Counter(
        role_id for slide in plan.slides for role_id in slide.roles if role_id != slide.head
    )
    # The one top of a chart heads the first slide; everyone else is a member once.
    top = {plan.slides[0].head} - {None}
    assert set(members) == {role.id for role in chart} - top
    assert set(members.values()) <= {1}
    for index, slide in enumerate(plan.slides):
        assert len(slide.across) <= ACROSS
        assert len(slide.roles) <= max(CARDS_PER_SLIDE, len(slide.across) + 1)
        if slide.head is not None and index > 0:
            assert plan.team_slide[slide.head] <= index
    # Whoever leads a team that is not on their own card's slide has a slide of it.
    for slide in plan.slides:
        shown = set(slide.roles)
        for role_id in slide.roles:
            reports = [r.id for r in chart if r.manager == role_id]
            if role_id != slide.head and any(r not in shown for r in reports):
                assert plan.slides[plan.team_slide[role_id]].head == role_id


@pytest.mark.parametrize("size", [1, 2, 30, 200, 1000])
def test_slide_plans_of_generated_charts_show_everyone_once(size: int) -> None:
    plan_is_sound(generate_chart(size, seed=size))


def test_many_tops_and_a_very_wide_team_are_split_over_slides() -> None:
    tops = [
        Role(id=f"t{i}", title="Sales Representative", kind="sales-representative")
        for i in range(30)
    ]
    wide = [Role(id="boss", title="Chief Executive Officer", kind="ceo")] + [
        Role(id=f"r{i}", title="Account Executive", kind="sales-representative", manager="boss")
        for i in range(50)
    ]
    for chart in (Chart(name="tops", roles=tops), Chart(name="wide", roles=wide)):
        plan = plan_slides(chart)
        assert len(plan.slides) > 1
        assert {slide.part[1] for slide in plan.slides} == {len(plan.slides)}
        plan_is_sound(chart)


def test_cards_stay_on_the_slide_and_readable_on_a_large_chart() -> None:
    chart = generate_chart(1000, seed=3)
    rng = random.Random(3)
    deck = read_back(chart_to_pptx(chart))
    for slide in rng.sample(list(deck.slides), 25):
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.LINE:
                continue  # a turned connector's stored box is its unturned one
            assert shape.left >= 0 and shape.left + shape.width <= SLIDE_WIDTH
            assert shape.top >= 0 and shape.top + shape.height <= SLIDE_HEIGHT
            if shape.name.startswith("role "):
                sizes = [
                    run.font.size
                    for p in shape.text_frame.paragraphs
                    for run in p.runs
                    if run.font.bold
                ]
                assert sizes and min(sizes) >= Emu(7 * 12700)


def test_the_cli_writes_a_pptx_of_a_team(tmp_path: Path, enterprise: Chart) -> None:
    from orgmodel.cli import main

    source = Path(__file__).resolve().parents[2] / "resources" / "samples" / "enterprise.orgm"
    target = tmp_path / "handout.pptx"
    out = io.StringIO()
    cmo = next(r for r in enterprise if r.kind == "cmo")
    code = main(["export", str(source), "-o", str(target), "--subtree", cmo.id, "--findings"], out)
    assert code == 0
    deck = Presentation(str(target))
    assert f"{len(deck.slides)} slides" in out.getvalue()
    on_slides = {role_id for slide in deck.slides for role_id in cards(slide).values()}
    team = {cmo.id}
    while grown := {r.id for r in enterprise if r.manager in team} - team:
        team |= grown
    assert on_slides == team
    assert not list(tmp_path.glob(".*"))


def test_long_text_gets_smaller_type_so_it_stays_in_its_card() -> None:
    from orgmodel.text_fit import fitting_size as _fitting_size
    from orgmodel.text_fit import wrapped_lines as _wrapped_lines

    assert _wrapped_lines("Senior Director, Platform Engineering", 12) == 4
    assert _wrapped_lines("Supercalifragilistic", 8) == 3
    short = _fitting_size([("CFO", 1.0), ("Ada Moss", 0.9)], 100, 40, 13)
    long = _fitting_size(
        [("Senior Director, Platform Engineering", 1.0), ("Beatrix Ashcombe", 0.9)], 100, 40, 13
    )
    assert short == 13 and long < short
    # The title line of a slide stays one line.
    title = "Team of Bastian Thorburn (Chief Operating Officer) · Operations (Supervisory)"
    size = _fitting_size([(title, 1.0)], 500, 1, 24)
    assert _wrapped_lines(title, int(500 / (0.56 * size))) == 1
    assert _fitting_size([(title, 1.0)], 500, 1, 24) < 24
