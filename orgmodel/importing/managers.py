"""Who each row reports to: the rows' keys, and the manager column resolved against them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from orgmodel.errors import ChartReadError
from orgmodel.importing.shape import Record, Shape
from orgmodel.importing.vocabulary import (
    NO_MANAGER,
    RESOLVED_METHODS,
    Vocabulary,
    clean,
    name_key,
    normalise_header,
)


@frozen
class Row:
    """A row to import, with its id and the person in it (None: vacant)."""

    position: int
    id: str
    cells: list[str]
    person: str | None


def person_of(cells: list[str], shape: Shape, vocabulary: Vocabulary) -> str | None:
    name = shape.text(cells, "name")
    if not name:
        name = " ".join(
            p for p in (shape.text(cells, "first-name"), shape.text(cells, "last-name")) if p
        )
    if not name or normalise_header(name) in vocabulary.vacant_names:
        return None
    return name


@frozen
class Keys:
    """The rows and what a manager reference can match in them."""

    rows: list[Row]
    position_of: Mapping[str, int]
    """Row id -> its position in the file."""
    emails: Mapping[str, str]
    """Lower-cased e-mail -> row id."""
    names: Mapping[str, str | None]
    """name_key of a person -> row id; None for a name several people share."""


def index_rows(body: list[Record], shape: Shape, vocabulary: Vocabulary, path: Path) -> Keys:
    """Key every row by its id; refuse a row with no id or an id used before."""
    rows: list[Row] = []
    position_of: dict[str, int] = {}
    emails: dict[str, str] = {}
    names: dict[str, str | None] = {}
    for position, cells in body:
        role_id = shape.text(cells, "id")
        if not role_id:
            raise ChartReadError(
                path, "the row has no id", line=position, column=shape.header("id")
            )
        if role_id in position_of:
            raise ChartReadError(
                path,
                f"the id {role_id!r} is already used on line {position_of[role_id]}",
                line=position,
                column=shape.header("id"),
            )
        position_of[role_id] = position
        email = shape.text(cells, "email").lower()
        if email:
            emails.setdefault(email, role_id)
        person = person_of(cells, shape, vocabulary)
        if person:
            key = name_key(person)
            # A name two people share resolves to nobody (None): ambiguous.
            names[key] = None if key in names else role_id
        rows.append(Row(position, role_id, cells, person))
    return Keys(rows, position_of, emails, names)


_ZEROS = re.compile(r"0+")


class Resolver:
    """Resolves a manager reference to a row id: by id, e-mail or full name."""

    def __init__(
        self,
        keys: Keys,
        redirect: Mapping[str, str] | None = None,
        outside: frozenset[str] = frozenset(),
    ) -> None:
        self.ids = keys.position_of
        self.emails = keys.emails
        self.names = keys.names
        self.redirect = redirect or {}
        """Id of a set-aside history row (or a person key) -> the person's current row."""
        self.outside = outside
        """Normalised names of who the company answers to (the board): no manager here."""

    def resolve(self, value: str) -> tuple[str, str | None]:
        """(method, row id): method is id, email, name, none, outside, ambiguous or
        unresolved."""
        if value in self.ids:
            return "id", value
        if value in self.redirect:
            return "id", self.redirect[value]
        if value.lower() in NO_MANAGER or _ZEROS.fullmatch(value):
            return "none", None
        if "@" in value:
            target = self.emails.get(value.lower())
            return ("email", target) if target is not None else ("unresolved", value)
        key = name_key(value)
        if key in self.names:
            target = self.names[key]
            return ("name", target) if target is not None else ("ambiguous", None)
        if normalise_header(value) in self.outside:
            return "outside", None
        return "unresolved", value


@frozen
class Managers:
    targets: list[str | None]
    """Each row's manager id, in row order."""
    column: str | None
    choice: str
    resolved: dict[str, int]
    unresolved: list[tuple[int, str]]
    ambiguous: list[tuple[int, str]]
    outside: list[tuple[int, str]]
    notes: tuple[str, ...] = ()


def resolve_managers(
    rows: list[Row], shape: Shape, resolver: Resolver, unit: str = "line"
) -> Managers:
    """Resolve every row's manager from the candidate column that resolves most rows."""
    candidates = shape.candidates
    headers = shape.headers
    results: list[list[tuple[str, str | None]]] = []
    scores: list[int] = []
    for _field, index in candidates:
        column = [
            resolver.resolve(clean(row.cells[index]) if index < len(row.cells) else "")
            for row in rows
        ]
        results.append(column)
        scores.append(sum(1 for method, _ in column if method in RESOLVED_METHODS))
    order = sorted(range(len(candidates)), key=lambda c: -scores[c])
    best = order[0]
    column_name = headers[candidates[best][1]]
    choice = ""
    if len(candidates) > 1:
        others = "; ".join(f"{headers[candidates[c][1]]!r} resolved {scores[c]}" for c in order[1:])
        choice = (
            f"read reporting lines from {column_name!r}, which resolved {scores[best]} of "
            f"{len(rows)} rows' managers ({others})"
        )
    targets: list[str | None] = []
    resolved = dict.fromkeys(RESOLVED_METHODS, 0)
    unresolved: list[tuple[int, str]] = []
    ambiguous: list[tuple[int, str]] = []
    outside: list[tuple[int, str]] = []
    best_index = candidates[best][1]
    for number, row in enumerate(rows):
        method, target = results[best][number]
        if method == "none":
            # An empty cell may be filled in another candidate column.
            for c in order[1:]:
                other_method, other_target = results[c][number]
                if other_method in RESOLVED_METHODS:
                    method, target = other_method, other_target
                    break
        if method in RESOLVED_METHODS:
            resolved[method] += 1
        elif method == "ambiguous":
            ambiguous.append((row.position, clean(row.cells[best_index])))
        elif method == "unresolved":
            unresolved.append((row.position, target or ""))
        elif method == "outside":
            outside.append((row.position, clean(row.cells[best_index])))
        targets.append(target)
    notes = tuple(
        f"{unit} {position}, column {column_name!r}: {value!r} is not in the file but answers "
        "for the company from outside it; read as the top of the chart"
        for position, value in outside
    )
    return Managers(
        targets=targets,
        column=column_name,
        choice=choice,
        resolved={m: n for m, n in resolved.items() if n},
        unresolved=unresolved,
        ambiguous=ambiguous,
        outside=outside,
        notes=notes,
    )
