"""Turning rows, with their managers resolved, into roles."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from attrs import frozen

from orgmodel.catalogue import Catalogue
from orgmodel.importing.managers import Resolver, Row
from orgmodel.importing.name_forms import readable_forms
from orgmodel.importing.shape import Shape
from orgmodel.importing.vocabulary import (
    LIST_SEPARATOR,
    RESOLVED_METHODS,
    Vocabulary,
    normalise_header,
)
from orgmodel.model import UNCLASSIFIED, Employment, Role
from orgmodel.wording import join_words

_FRACTIONAL = re.compile(r"\bfractional\b", re.IGNORECASE)
_CONTRACT = re.compile(r"\b(contract|contractor|freelance|consultant)\b", re.IGNORECASE)


@frozen
class Roles:
    roles: list[Role]
    unclassified: dict[str, int]
    """Job titles that matched no role kind -> how many rows had them."""
    notes: tuple[str, ...]


class _CellReader:
    """Reads the optional cells of a row, noting values it cannot use."""

    def __init__(self, shape: Shape, unit: str) -> None:
        self.shape = shape
        self.unit = unit
        self.notes: list[str] = []

    def note(self, position: int, field: str, problem: str) -> None:
        self.notes.append(f"{self.unit} {position}, column {self.shape.header(field)!r}: {problem}")

    def number(self, position: int, cells: list[str], field: str, whole: bool) -> float | None:
        raw = self.shape.text(cells, field)
        if not raw:
            return None
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            self.note(position, field, f"{raw!r} is not a number; left blank")
            return None
        limit = 1200 if whole else 100
        if not math.isfinite(value) or not 0 <= value <= limit:
            self.note(position, field, f"{raw!r} is outside 0 to {limit}; left blank")
            return None
        if whole and not value.is_integer():
            self.note(position, field, f"{raw!r} is not a whole number of months; rounded")
        return round(value) if whole else value

    def employment(
        self, position: int, cells: list[str], title: str, vocabulary: Vocabulary
    ) -> Employment:
        if _FRACTIONAL.search(title):
            return Employment.FRACTIONAL
        raw = self.shape.text(cells, "employment")
        if raw:
            employment = vocabulary.employment.get(normalise_header(raw))
            if employment is not None:
                return employment
            self.note(
                position, "employment", f"{raw!r} is not a known employment type; read as full-time"
            )
        if _CONTRACT.search(title):
            return Employment.CONTRACTOR
        return Employment.FULL_TIME

    def dotted(self, cells: list[str], resolver: Resolver, gone: frozenset[str]) -> tuple[str, ...]:
        raw = self.shape.text(cells, "dotted")
        ids = []
        for part in raw.split(LIST_SEPARATOR):
            part = part.strip()
            method, target = resolver.resolve(part)
            if target in gone:
                continue  # a dotted line to someone who left ends with them
            if method in RESOLVED_METHODS or method == "unresolved":
                ids.append(target or part)
        return tuple(dict.fromkeys(ids))

    def responsibilities(
        self, position: int, cells: list[str], by_name: Mapping[str, str]
    ) -> frozenset[str] | None:
        """Ids of the responsibilities listed in the row, by id or name; None when blank."""
        raw = self.shape.text(cells, "responsibilities")
        if not raw:
            return None
        held = set()
        unknown = []
        for part in raw.split(LIST_SEPARATOR):
            if not part.strip():
                continue
            responsibility = by_name.get(normalise_header(part))
            if responsibility is None:
                unknown.append(part.strip())
            else:
                held.add(responsibility)
        if unknown:
            self.note(
                position,
                "responsibilities",
                f"{join_words(repr(u) for u in unknown)} not in the catalogue; ignored "
                "(`orgmodel catalogue` lists the known ones)",
            )
        return frozenset(held)


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)


def build_roles(
    rows: list[Row],
    managers: list[str | None],
    shape: Shape,
    resolver: Resolver,
    catalogue: Catalogue,
    vocabulary: Vocabulary,
    unit: str = "line",
    gone: frozenset[str] = frozenset(),
) -> Roles:
    """One role per row, its kind classified from its title."""
    responsibility_ids = {
        normalise_header(r.name): r.id for r in catalogue.responsibilities.values()
    }
    responsibility_ids.update({normalise_header(r): r for r in catalogue.responsibilities})
    read = _CellReader(shape, unit)
    kinds: dict[str, str] = {}
    unclassified: dict[str, int] = {}
    roles = []
    for row, manager in zip(rows, managers, strict=True):
        cells, position = row.cells, row.position
        title = shape.text(cells, "title")
        if title not in kinds:
            kinds[title] = catalogue.classify(title)
        kind = kinds[title]
        if kind == UNCLASSIFIED:
            unclassified[title] = unclassified.get(title, 0) + 1
        roles.append(
            Role(
                id=row.id,
                title=title,
                kind=kind,
                person=row.person,
                employment=read.employment(position, cells, title, vocabulary),
                engagement_months=_whole(
                    read.number(position, cells, "engagement-months", whole=True)
                ),
                years_in_marketing=read.number(position, cells, "years-in-marketing", whole=False),
                years_leading=read.number(position, cells, "years-leading", whole=False),
                department=shape.text(cells, "department"),
                responsibilities=read.responsibilities(position, cells, responsibility_ids),
                manager=manager,
                dotted_managers=read.dotted(cells, resolver, gone),
            )
        )
    roles, form_notes = readable_forms(roles)
    return Roles(roles, unclassified, (*read.notes, *form_notes))
