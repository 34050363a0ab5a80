"""History files: several rows per person, of which the current one is imported."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs
from attrs import frozen

from orgmodel.importing.column_values import account_disabled, ended_by, status_kind
from orgmodel.importing.managers import person_of
from orgmodel.importing.shape import Record, Shape
from orgmodel.importing.vocabulary import (
    Vocabulary,
    clean,
    name_key,
    normalise_header,
)


@frozen
class Current:
    """The rows to import, and what choosing them decided."""

    rows: list[Record]
    redirect: Mapping[str, str]
    """Id of a set-aside row (or a person key) -> the id of the person's current row."""
    set_aside: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    leavers: Mapping[int, str] = attrs.field(factory=dict)
    """Position of each row of someone who left -> why it is read so. These rows
    stay in ``rows`` so that references to them resolve; they become no role."""
    past_rows: int = 0


@frozen
class History:
    """The columns that say whether a row is current: a flag, a status, an end
    date, Active Directory's account flags."""

    flag: int | None
    status: int | None
    end: int | None
    person: int | None
    """A column of person keys, when the id column may be a key per row."""
    explicit_person: bool
    """Whether the person column is named as one (else it is another id column,
    trusted only for rows that also name the same person)."""
    headers: list[str]
    account: int | None = None

    @classmethod
    def detect(cls, shape: Shape, vocabulary: Vocabulary) -> History | None:
        found: dict[str, int] = {}
        id_like: list[int] = []
        for index, header in enumerate(shape.headers):
            field = vocabulary.columns.get(normalise_header(header))
            if field in ("current-flag", "person-key", "account-control"):
                found.setdefault(field, index)
            if field == "id" and index != shape.columns["id"]:
                id_like.append(index)
        for field in ("status", "end-date"):  # chosen by values or mapped (shape)
            if field in shape.columns:
                found[field] = shape.columns[field]
        if not {"current-flag", "status", "end-date", "account-control"} & found.keys():
            return None
        person = found.get("person-key", id_like[0] if id_like else None)
        return cls(
            flag=found.get("current-flag"),
            status=found.get("status"),
            end=found.get("end-date"),
            person=person,
            explicit_person="person-key" in found,
            headers=shape.headers,
            account=found.get("account-control"),
        )

    def _state(self, cells: list[str], vocabulary: Vocabulary, today: date) -> tuple[str, str]:
        """(current, ended or unknown; why) for one row."""

        def cell(index: int | None) -> str:
            return "" if index is None or index >= len(cells) else cells[index].strip()

        verdict = "unknown"
        why = ""
        flag = vocabulary.history.get(normalise_header(cell(self.flag)))
        if self.flag is not None and flag in ("yes", "no"):
            verdict = "current" if flag == "yes" else "ended"
            why = f"{self.headers[self.flag]} is {cell(self.flag)!r}"
            if verdict == "ended":
                return verdict, why
        if self.account is not None:
            disabled = account_disabled(cell(self.account))
            account = f"{self.headers[self.account]} is {cell(self.account)}"
            if disabled:
                return "ended", f"{account}: the account is disabled"
            if disabled is False:
                verdict, why = "current", why or f"{account}: the account is enabled"
        if self.status is not None:
            status = status_kind(cell(self.status), vocabulary)
            if status == "ended":
                return "ended", f"{self.headers[self.status]} is {cell(self.status)!r}"
            if status == "current":
                verdict = "current"
                why = why or f"{self.headers[self.status]} is {cell(self.status)!r}"
        if self.end is not None:
            ended = ended_by(cell(self.end), today)
            if ended:
                return "ended", f"{self.headers[self.end]} {cell(self.end)!r} has passed"
            if ended is False and cell(self.end) and verdict == "unknown":
                verdict = "current"
        return verdict, why

    def _person_key(self, cells: list[str], shape: Shape, vocabulary: Vocabulary) -> str:
        """Who a row is about: the person column, else the id (same id, same person).
        Another id column counts only together with the person's name, so that a
        position id shared by colleagues does not make them one person."""
        role_id = shape.text(cells, "id")
        if self.person is None or self.person >= len(cells) or not cells[self.person].strip():
            return "\0" + role_id
        key = clean(cells[self.person])
        if not self.explicit_person:
            person = person_of(cells, shape, vocabulary)
            key += "\0" + (name_key(person) if person else role_id)
        return key

    def current_rows(
        self, body: list[Record], shape: Shape, vocabulary: Vocabulary, unit: str = "line"
    ) -> Current:
        """Each person's current rows, and the rows of people who left.

        Past rows of a person who has a current row are set aside and
        reporting lines to them redirected; a person all of whose rows ended
        has left: their rows are leavers."""
        today = date.today()
        states = [self._state(cells, vocabulary, today) for _position, cells in body]
        groups: dict[str, list[int]] = {}
        for row, (_position, cells) in enumerate(body):
            groups.setdefault(self._person_key(cells, shape, vocabulary), []).append(row)
        keep: set[int] = set()
        leavers: dict[int, str] = {}
        for rows in groups.values():
            explicit = any(states[r][0] == "current" for r in rows)
            for r in rows:
                state = states[r][0]
                if state == "current" or (state == "unknown" and not explicit):
                    keep.add(r)
            if not any(r in keep for r in rows):
                # Nobody current: the person left. Their latest row stands for them.
                last = rows[-1]
                keep.add(last)
                leavers[body[last][0]] = states[last][1]
        ids = {shape.text(body[r][1], "id") for r in keep}
        person_is_key = self._person_column_is_a_key(body, keep)
        redirect: dict[str, str] = {}
        set_aside: list[str] = []
        for key, rows in groups.items():
            current = [r for r in rows if r in keep]
            target = shape.text(body[current[0]][1], "id")
            person_value = key.split("\0")[0]
            if person_is_key and person_value and person_value not in ids:
                redirect.setdefault(person_value, target)
            for r in rows:
                if r in keep:
                    continue
                position, cells = body[r]
                role_id = shape.text(cells, "id")
                why = states[r][1] or "another row of the same person is current"
                set_aside.append(
                    f"{unit} {position}: {role_id!r} is a past row ({why}); "
                    f"the current row is {unit} {body[current[0]][0]}"
                )
                if role_id and role_id not in ids:
                    redirect.setdefault(role_id, target)
        notes: list[str] = []
        if set_aside:
            dropped = len(set_aside)
            read = (self.flag, self.status, self.end, self.account)
            used = [self.headers[i] for i in read if i is not None]
            person = (
                f", a person's rows matched by {self.headers[self.person]!r}"
                if self.person is not None
                else ""
            )
            notes.append(
                f"history file: set aside {dropped} past row{'s' if dropped != 1 else ''} "
                f"(read {', '.join(repr(u) for u in used)}{person}); reporting lines to "
                "a past row were moved to the person's current row"
            )
        rows_kept = [row for r, row in enumerate(body) if r in keep]
        return Current(rows_kept, redirect, tuple(set_aside), tuple(notes), leavers, len(set_aside))

    def _person_column_is_a_key(self, body: list[Record], keep: set[int]) -> bool:
        """Whether the person column tells the kept rows apart (one value each), so
        that a manager reference may name a person by it."""
        if self.person is None:
            return False
        values = [
            clean(body[r][1][self.person]) if self.person < len(body[r][1]) else "" for r in keep
        ]
        return all(values) and len(set(values)) == len(values)


def current_rows(
    rows: list[Record], shape: Shape, vocabulary: Vocabulary, unit: str = "line"
) -> Current:
    """The rows to import: all of them, or in a history file each person's current ones."""
    history = History.detect(shape, vocabulary)
    if history is None:
        return Current(rows, {})
    return history.current_rows(rows, shape, vocabulary, unit)
