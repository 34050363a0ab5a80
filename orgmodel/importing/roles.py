"""Turning rows, with their managers resolved, into roles."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from pathlib import Path

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
from orgmodel.photos import imported_photo, is_web_address
from orgmodel.wording import counted, join_words

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

    def __init__(self, shape: Shape, unit: str, folder: Path) -> None:
        self.shape = shape
        self.unit = unit
        self.folder = folder
        self.notes: list[str] = []
        self.web_photos = 0
        """Rows whose photo is a web address: not fetched, told once in the notes."""
        self.missing_photos: list[tuple[int, str]] = []
        """(position, path) of photo files not on this computer: kept, told once."""

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

    def photo(self, position: int, cells: list[str]) -> str | None:
        raw = self.shape.text(cells, "photo")
        if not raw:
            return None
        if is_web_address(raw):
            self.web_photos += 1
            return None
        photo = imported_photo(raw, self.folder)
        if photo is not None and not os.path.isfile(photo):
            self.missing_photos.append((position, raw))
        return photo

    def photo_notes(self) -> tuple[str, ...]:
        notes = []
        column = repr(self.shape.header("photo")) if "photo" in self.shape.columns else ""
        count = self.web_photos
        if count:
            gives = "gives" if count == 1 else "give"
            their = "its role has" if count == 1 else "their roles have"
            notes.append(
                f"{counted(count, self.unit)} {gives} a web address in column {column}: not "
                f"fetched (Orgmodel does not go online), so {their} no photo; give the path "
                "of an image file on this computer instead"
            )
        if self.missing_photos:
            count = len(self.missing_photos)
            position, first = self.missing_photos[0]
            are = "is" if count == 1 else "are"
            notes.append(
                f"{counted(count, 'photo file')} in column {column} {are} not on this "
                f"computer (first: {self.unit} {position}, {first!r}); kept, the cards show "
                "no photo until the file is there"
            )
        return tuple(notes)

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
    folder: Path = Path(),
) -> Roles:
    """One role per row, its kind classified from its title. A relative photo
    path is read from ``folder``, the source file's."""
    responsibility_ids = {
        normalise_header(r.name): r.id for r in catalogue.responsibilities.values()
    }
    responsibility_ids.update({normalise_header(r): r for r in catalogue.responsibilities})
    read = _CellReader(shape, unit, folder)
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
                photo=read.photo(position, cells),
            )
        )
    roles, form_notes = readable_forms(roles)
    return Roles(roles, unclassified, (*read.notes, *read.photo_notes(), *form_notes))
