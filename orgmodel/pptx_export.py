"""A chart as a PowerPoint handout: native shapes and connectors, text that
stays editable, one slide for the top of the chart and one per team.

Which roles go on which slide is :mod:`orgmodel.slide_plan`'s work; this
module places them on a 16:9 slide and writes the file with python-pptx.
Cards are rectangles (their four connection points are what connectors glue
to: 0 top, 1 left, 2 bottom, 3 right), so PowerPoint keeps the lines attached
when someone drags a card.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from attrs import frozen
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.model import Chart, Role
from orgmodel.palette import FUNCTION_COLOURS, SEVERITY_COLOURS, UNCLASSIFIED_COLOUR, tint
from orgmodel.pptx_photos import add_photo
from orgmodel.rules import Finding, validate
from orgmodel.slide_plan import HandoutPlan, SlidePlan, plan_slides
from orgmodel.text_fit import fitting_size
from orgmodel.wording import counted, empty_seat_word

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.4)
TITLE_BAND = Inches(1.0)
H_GAP = Inches(0.25)
"""Between the columns of a slide."""
V_GAP = Inches(0.4)
"""Between the head, the row and the columns under it."""
STACK_GAP = Inches(0.08)
"""Between the cards of a column."""
MAX_CARD_WIDTH = Inches(2.4)
MAX_CARD_HEIGHT = Inches(0.95)
TEXT_COLOUR = RGBColor(0x20, 0x21, 0x24)
LINE_COLOUR = RGBColor(0x70, 0x75, 0x7D)
FINDINGS_PER_SLIDE = 12
QUARTER_TURN = 5_400_000
"""90 degrees in DrawingML's 60,000ths of a degree."""


@frozen
class Handout:
    data: bytes
    """The .pptx file's bytes."""
    slides: int


@frozen
class CardBox:
    left: int
    top: int
    width: int
    height: int


def chart_to_pptx(
    chart: Chart,
    *,
    names: bool = True,
    findings: bool = False,
    catalogue: Catalogue | None = None,
) -> Handout:
    """The handout, ready to be written to a .pptx file."""
    catalogue = catalogue or load_catalogue()
    presentation = Presentation()
    presentation.slide_width = SLIDE_WIDTH
    presentation.slide_height = SLIDE_HEIGHT
    blank = presentation.slide_layouts[6]
    plan = plan_slides(chart)
    # Every slide exists before any card links to one.
    slides = [presentation.slides.add_slide(blank) for _ in plan.slides]
    for index, (slide, slide_plan) in enumerate(zip(slides, plan.slides, strict=True)):
        _fill_slide(slide, index, slide_plan, plan, slides, chart, catalogue, names)
    if findings:
        found = validate(chart, catalogue)
        pages = [
            found[i : i + FINDINGS_PER_SLIDE] for i in range(0, len(found), FINDINGS_PER_SLIDE)
        ] or [[]]
        for number, page in enumerate(pages, 1):
            _findings_slide(presentation.slides.add_slide(blank), page, number, len(pages), found)
    stream = io.BytesIO()
    presentation.save(stream)
    return Handout(stream.getvalue(), len(presentation.slides))


def _title(
    index: int, slide_plan: SlidePlan, chart: Chart, catalogue: Catalogue, names: bool
) -> str:
    """The chart's name over the top of the chart; whose team a team slide shows."""
    title = chart.name or "Organisation chart"
    if index > 0 and slide_plan.head is not None:
        head = chart.role(slide_plan.head)
        seat = head.title.strip() or catalogue.kind_name(head)
        title = f"Team of {catalogue.label(head) if names else seat}"
        if head.department:
            title += f" · {head.department}"
    number, parts = slide_plan.part
    return title if parts == 1 else f"{title} ({number} of {parts})"


def _fill_slide(
    slide: Slide,
    index: int,
    slide_plan: SlidePlan,
    plan: HandoutPlan,
    slides: Sequence[Slide],
    chart: Chart,
    catalogue: Catalogue,
    names: bool,
) -> None:
    title = _title(index, slide_plan, chart, catalogue, names)
    # One line, so it never runs into the line under it.
    width = Emu(SLIDE_WIDTH - 2 * MARGIN).pt
    _text_box(slide, title, MARGIN, Inches(0.3), size=fitting_size([(title, 1.0)], width, 1, 24))
    if index == 0:
        teams = f"; teams continue on slides 2 to {len(slides)}" if len(slides) > 1 else ""
        _text_box(slide, f"{counted(len(chart), 'role')}{teams}", MARGIN, Inches(0.72), size=11)
    elif slide_plan.head is not None:
        above = next(i for i, s in enumerate(plan.slides) if slide_plan.head in s.roles)
        back = _text_box(slide, f"Continues from slide {above + 1}", MARGIN, Inches(0.72), size=11)
        back.click_action.target_slide = slides[above]
    boxes = _place(slide_plan)
    shapes: dict[str, Shape] = {}
    for role_id, box in boxes.items():
        team = plan.team_slide.get(role_id)
        shows_team = team is not None and team != index and role_id != slide_plan.head
        shape = _card(
            slide, chart.role(role_id), box, catalogue, names, team if shows_team else None
        )
        if shows_team and team is not None:
            shape.click_action.target_slide = slides[team]
        shapes[role_id] = shape
    head = shapes.get(slide_plan.head) if slide_plan.head is not None else None
    for role_id in slide_plan.across:
        if head is not None:
            _elbow_down(slide, head, shapes[role_id])
        managers = [role_id]
        for member, depth in slide_plan.down.get(role_id, ()):
            del managers[depth:]
            _bracket(slide, shapes[managers[depth - 1]], shapes[member])
            managers.append(member)


def _place(slide_plan: SlidePlan) -> dict[str, CardBox]:
    """Each card's box: the head centred at the top, the row across the slide,
    each column hanging under its card of the row, indented by depth."""
    top = MARGIN + TITLE_BAND
    area_width = SLIDE_WIDTH - 2 * MARGIN
    area_height = SLIDE_HEIGHT - top - MARGIN
    columns = max(len(slide_plan.across), 1)
    slot = area_width // columns
    width = min(slot - H_GAP, MAX_CARD_WIDTH)
    tallest = max((len(team) for team in slide_plan.down.values()), default=0)
    deepest = max((d for team in slide_plan.down.values() for _r, d in team), default=0)
    rows = (1 if slide_plan.head is not None else 0) + 1
    # rows * height + gaps + tallest * (height + stack gap) fills the height.
    fixed = (rows - 1) * V_GAP + (V_GAP // 2 + tallest * STACK_GAP if tallest else 0)
    height = min((area_height - fixed) // (rows + tallest), MAX_CARD_HEIGHT, int(width * 0.45))
    indent = min(int(width * 0.12), int(width * 0.4) // deepest) if deepest else 0
    boxes: dict[str, CardBox] = {}
    y = top
    if slide_plan.head is not None:
        boxes[slide_plan.head] = CardBox((SLIDE_WIDTH - width) // 2, y, width, height)
        y += height + V_GAP
    used = len(slide_plan.across) * slot
    start = MARGIN + (area_width - used) // 2
    for column, role_id in enumerate(slide_plan.across):
        left = start + column * slot + (slot - width) // 2
        boxes[role_id] = CardBox(left, y, width, height)
        below = y + height + V_GAP // 2
        for member, depth in slide_plan.down.get(role_id, ()):
            shift = depth * indent
            boxes[member] = CardBox(left + shift, below, width - shift, height)
            below += height + STACK_GAP
    return boxes


def _card(
    slide: Slide,
    role: Role,
    box: CardBox,
    catalogue: Catalogue,
    names: bool,
    team_slide: int | None,
) -> Shape:
    kind = catalogue.kind(role.kind)
    colour = FUNCTION_COLOURS[kind.function] if kind is not None else UNCLASSIFIED_COLOUR
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
    )
    shape.name = f"role {role.id}"
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(tint(colour, 0.14))
    shape.line.color.rgb = _rgb(colour)
    shape.line.width = Pt(1.25)
    if role.vacant:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.word_wrap = True
    # Where the estimate falls short, LibreOffice shrinks the text to the card.
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for side in ("margin_left", "margin_right"):
        setattr(frame, side, Inches(0.06))
    for side in ("margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.03))
    photo = add_photo(slide, role, box.left, box.top, box.height) if names else 0
    frame.margin_left = Inches(0.06) + photo
    title = role.title.strip() or catalogue.kind_name(role)
    texts: list[tuple[str, bool, bool, float]] = [(title, True, False, 1.0)]
    if role.vacant:
        texts.append((empty_seat_word(role), False, True, 0.9))
    elif names:
        texts.append(((role.person or "").strip(), False, False, 0.9))
    if team_slide is not None:
        texts.append((f"Team on slide {team_slide + 1}", False, False, 0.75))
    inner_width = Emu(box.width - 2 * Inches(0.06) - photo).pt
    inner_height = Emu(box.height - 2 * Inches(0.03)).pt
    start = min(13.0, Emu(box.height).pt / 4.2)
    size = fitting_size([(text, share, bold) for text, bold, _, share in texts], inner_width,
                        inner_height, start)  # fmt: skip
    for number, (text, bold, italic, share) in enumerate(texts):
        points = size * share
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(points)
        run.font.bold = bold
        run.font.italic = italic
        run.font.color.rgb = TEXT_COLOUR
    return shape


def _connector_line(connector: BaseShape) -> None:
    line = connector.line  # type: ignore[attr-defined]
    line.color.rgb = LINE_COLOUR
    line.width = Pt(1.25)


def _elbow_down(slide: Slide, manager: Shape, report: Shape) -> None:
    """Manager's bottom to the report's top: down, across, down."""
    begin_x, begin_y = manager.left + manager.width // 2, manager.top + manager.height
    end_x, end_y = report.left + report.width // 2, report.top
    kind = MSO_CONNECTOR.STRAIGHT if begin_x == end_x else MSO_CONNECTOR.ELBOW
    connector = slide.shapes.add_connector(kind, Emu(begin_x), Emu(begin_y), Emu(end_x), Emu(end_y))
    connector.begin_connect(manager, 2)
    connector.end_connect(report, 0)
    _connector_line(connector)
    if kind == MSO_CONNECTOR.STRAIGHT:
        return
    # An elbow connector's path runs across, down, across within its box. A
    # quarter turn makes it down, across, down; the box is stored unturned
    # (width and height swapped about the same centre), and a vertical flip
    # sends it right instead of left.
    across, down = abs(end_x - begin_x), end_y - begin_y
    centre_x, centre_y = (begin_x + end_x) // 2, (begin_y + end_y) // 2
    transform = connector._element.spPr.find(qn("a:xfrm"))
    transform.set("rot", str(QUARTER_TURN))
    for flip in ("flipH", "flipV"):
        transform.attrib.pop(flip, None)
    if end_x > begin_x:
        transform.set("flipV", "1")
    offset, extent = transform.find(qn("a:off")), transform.find(qn("a:ext"))
    offset.set("x", str(centre_x - down // 2))
    offset.set("y", str(centre_y - across // 2))
    extent.set("cx", str(down))
    extent.set("cy", str(across))


def _bracket(slide: Slide, manager: Shape, report: Shape) -> None:
    """Manager's left side to the left side of a report hanging below it: out
    to the left, down, and in."""
    begin_x, begin_y = manager.left, manager.top + manager.height // 2
    end_x, end_y = report.left, report.top + report.height // 2
    connector = slide.shapes.add_connector(
        MSO_CONNECTOR.ELBOW, Emu(begin_x), Emu(begin_y), Emu(end_x), Emu(end_y)
    )
    connector.begin_connect(manager, 1)
    connector.end_connect(report, 1)
    _connector_line(connector)
    # The elbow's upright sits at adj1 (in 100,000ths of the box's width) from
    # its start: negative puts it left of the manager, outside both cards.
    outside = Inches(0.1)
    geometry = connector._element.spPr.find(qn("a:prstGeom"))
    adjustments = geometry.find(qn("a:avLst"))
    for old in list(adjustments):
        adjustments.remove(old)
    guide = adjustments.makeelement(qn("a:gd"), {"name": "adj1"})
    guide.set("fmla", f"val {-round(outside * 100_000 / max(end_x - begin_x, 1))}")
    adjustments.append(guide)


def _text_box(slide: Slide, text: str, left: int, top: int, *, size: float) -> Shape:
    box: Shape = slide.shapes.add_textbox(
        Emu(left), Emu(top), Emu(SLIDE_WIDTH - 2 * MARGIN), Pt(size * 1.6)
    )
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.color.rgb = TEXT_COLOUR
    return box


def _findings_slide(
    slide: Slide, page: Sequence[Finding], number: int, pages: int, found: Sequence[Finding]
) -> None:
    counts = ", ".join(
        counted(sum(1 for f in found if f.severity == severity), severity)
        for severity in ("error", "warning", "info")
    )
    title = "Findings" if pages == 1 else f"Findings ({number} of {pages})"
    _text_box(slide, f"{title}: {counts}", MARGIN, Inches(0.3), size=24)
    body = slide.shapes.add_textbox(
        MARGIN,
        Emu(MARGIN + TITLE_BAND),
        Emu(SLIDE_WIDTH - 2 * MARGIN),
        Emu(SLIDE_HEIGHT - TITLE_BAND - 2 * MARGIN),
    )
    frame = body.text_frame
    frame.word_wrap = True
    if not page:
        frame.paragraphs[0].add_run().text = "No findings: every rule passes."
        return
    for index, finding in enumerate(page):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        marker = paragraph.add_run()
        marker.text = f"{finding.severity.upper()}  "
        marker.font.bold = True
        marker.font.size = Pt(12)
        marker.font.color.rgb = _rgb(SEVERITY_COLOURS[finding.severity])
        text = paragraph.add_run()
        text.text = f"{finding.message} ({finding.rule}; {finding.source})"
        text.font.size = Pt(12)
        text.font.color.rgb = TEXT_COLOUR


def _rgb(colour: str) -> RGBColor:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return RGBColor(red, green, blue)
