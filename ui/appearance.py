"""How roles look: colours by function, fonts, and the text a card shows."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from pathlib import Path

from attrs import frozen
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from orgmodel.catalogue import Catalogue, RoleKind
from orgmodel.hierarchy import below, forest
from orgmodel.model import Chart, Employment, Role

# Re-exported: the UI's modules take their colours from here.
from orgmodel.palette import FUNCTION_COLOURS as FUNCTION_COLOURS
from orgmodel.palette import SEVERITY_COLOURS as SEVERITY_COLOURS
from orgmodel.palette import UNCLASSIFIED_COLOUR as UNCLASSIFIED_COLOUR
from orgmodel.photos import photo_file
from orgmodel.rules import Severity
from orgmodel.rules.rule import SEVERITIES
from orgmodel.wording import counted, empty_seat_word

EMPLOYMENT_BADGES = {
    Employment.FULL_TIME: "",
    Employment.PART_TIME: "PART-TIME",
    Employment.CONTRACTOR: "CONTRACTOR",
    Employment.FRACTIONAL: "FRACTIONAL",
}


def menu_text(text: str) -> str:
    """Text for a menu item or action as written: Qt reads "&" as the mark of a
    shortcut letter ("Marketing & Growth" would show "Marketing _Growth")."""
    return text.replace("&", "&&")


def zoom_text(zoom: float) -> str:
    """'100%', '12%', or '0.3%' and '0.04%' for big charts fitted whole."""
    return f"{zoom * 100:.2g}%" if zoom < 0.1 else f"{zoom:.0%}"


def function_colour(kind: RoleKind | None) -> QColor:
    return QColor(FUNCTION_COLOURS[kind.function] if kind else UNCLASSIFIED_COLOUR)


def function_colour_name(kind: RoleKind | None) -> str:
    """``function_colour(kind).name()``, worked out once per function: a chart's
    cards are made by the ten thousand."""
    return _colour_name(kind.function if kind else None)


@cache
def _colour_name(function: str | None) -> str:
    return QColor(FUNCTION_COLOURS[function] if function else UNCLASSIFIED_COLOUR).name()


def text_font(pixel_size: int, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font for chart text, sized in the painter's own units.

    Pixel sizes, not points: a point size resolves against the device's DPI, so
    text would grow against the cards on a 300-dpi PDF or a 150-dpi PNG.
    Ligatures are off so exported text stays searchable ("ffi" stays three letters).
    """
    font = QFont()
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setItalic(italic)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


@frozen
class CardContent:
    """Everything a card shows for one role."""

    title: str
    person: str
    vacant: bool
    kind_name: str
    badge: str
    colour: str
    severity: Severity | None
    """The most severe finding that names this role, if any."""
    hidden_reports: int = 0
    """Reports hidden under this card while it is collapsed."""
    team: tuple[int, int] | None = None
    """(direct reports, everyone below) of a manager; None for who leads nobody."""
    level: int | None = None
    """The kind's level, told in the tooltip (the card has no room to spare for it)."""
    photo: str = ""
    """The file of the person's photo ("" for none), drawn when it can be read."""

    @property
    def tooltip(self) -> str:
        level = "" if self.level is None else f" · level {self.level}"
        team = ""
        if self.team is not None:
            direct, total = self.team
            team = f"\n{counted(direct, 'direct report')}, {total} in all"
        return f"{self.title}\n{self.person}\n{self.kind_name}{level}{team}"


def hidden_below_collapsed(
    chart: Chart, collapsed: Collection[str], severities: dict[str, Severity]
) -> dict[str, int]:
    """How many roles each collapsed card hides. The card takes the worst marker
    among them (into ``severities``), so a finding never disappears with its card."""
    children = chart.derived(forest)
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    counts = {}
    for role_id in collapsed:
        total, worst = 0, severities.get(role_id)
        for role in below(children, role_id):
            total += 1
            hidden = severities.get(role.id)
            if hidden is not None and (worst is None or rank[hidden] < rank[worst]):
                worst = hidden
        counts[role_id] = total
        if worst is not None:
            severities[role_id] = worst
    return counts


def card_content(
    role: Role,
    catalogue: Catalogue,
    severity: Severity | None,
    hidden_reports: int = 0,
    *,
    names: bool = True,
    team: tuple[int, int] | None = None,
    folder: Path | None = None,
) -> CardContent:
    """What a card shows; ``names=False`` leaves people out, and their photos (to
    share a structure). A relative photo path is read from ``folder``; a vacant
    seat shows no photo (it is of the person who held it)."""
    kind = catalogue.kind(role.kind)
    shown_person = (role.person or "").strip() if names else ""
    person = empty_seat_word(role) if role.vacant else shown_person
    photo = photo_file(role.photo, folder) if names and role.photo and not role.vacant else None
    return CardContent(
        title=role.title.strip() or (kind.name if kind else "Untitled role"),
        person=person,
        vacant=role.vacant,
        kind_name=kind.name if kind else "Unclassified",
        badge=EMPLOYMENT_BADGES[role.employment],
        colour=function_colour_name(kind),
        severity=severity,
        hidden_reports=hidden_reports,
        team=team,
        level=kind.level if kind else None,
        photo="" if photo is None else str(photo),
    )


@cache
def kind_icon(colour: str, level: int) -> QIcon:
    """A round swatch in the function's colour with the level number."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 28, 28)
    painter.setPen(QColor("white"))
    painter.setFont(text_font(15, bold=True))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, str(level))
    painter.end()
    return QIcon(pixmap)
