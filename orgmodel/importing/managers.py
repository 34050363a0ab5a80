"""Who each row reports to: the rows' keys, and the manager column resolved against them."""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs
from attrs import frozen

from orgmodel.importing.shape import Record, Shape
from orgmodel.importing.vocabulary import (
    NO_MANAGER,
    WITHHELD,
    Vocabulary,
    exact_name_key,
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
    key = normalise_header(name)
    if key in vocabulary.withheld_names or (not name and _held(shape.text(cells, "fte"))):
        return WITHHELD
    if not name or key in vocabulary.vacant_names:
        return None
    return name


def _held(fte: str) -> bool:
    """Whether an FTE cell says the post is held (a number above 0)."""
    try:
        return float(fte.replace(",", ".")) > 0
    except ValueError:
        return False


@frozen
class Keys:
    """The rows and what a manager reference can match in them."""

    rows: list[Row]
    position_of: Mapping[str, int]
    """Row id -> its position in the file."""
    number_of: Mapping[str, int]
    """Row id -> its index in ``rows``."""
    emails: Mapping[str, str]
    """Lower-cased e-mail -> row id."""
    names: Mapping[str, str | None]
    """name_key of a person -> row id; None for a name several people share."""
    exact_names: Mapping[str, str | None] = attrs.field(factory=dict)
    """exact_name_key of a person -> row id; None for a name several people share."""
    set_aside: tuple[str, ...] = ()
    """Rows with no id or a repeated one, by position."""
    dns: Mapping[str, str] = attrs.field(factory=dict)
    """Directory distinguished name (normalised by dn_key) -> row id."""
    notes: tuple[str, ...] = ()


def index_rows(
    body: list[Record], shape: Shape, vocabulary: Vocabulary, unit: str = "line"
) -> Keys:
    """Key every row by its id; set aside a row with no id, or with an id an
    earlier row has."""
    rows: list[Row] = []
    position_of: dict[str, int] = {}
    emails: dict[str, str] = {}
    names: dict[str, str | None] = {}
    exact_names: dict[str, str | None] = {}
    set_aside: list[str] = []
    dns: dict[str, str] = {}
    repeated = 0
    for position, cells in body:
        role_id = shape.text(cells, "id")
        if shape.keyed_by_name and (
            not role_id or normalise_header(role_id) in vocabulary.vacant_names
        ):
            role_id = f"{unit} {position}"  # a seat nobody holds: known by where it is
        if not role_id:
            set_aside.append(
                f"{unit} {position}: no id in column {shape.header('id')!r} "
                "(an open position?); not imported"
            )
            continue
        if role_id in position_of:
            # One row never blocks a file: the first row with the id keeps it.
            set_aside.append(
                f"{unit} {position}: the id {role_id!r} in column {shape.header('id')!r} is "
                f"already used on {unit} {position_of[role_id]}; not imported"
            )
            repeated += 1
            continue
        position_of[role_id] = position
        dn = shape.text(cells, "distinguished-name")
        if dn:
            dns.setdefault(dn_key(dn), role_id)
        email = shape.text(cells, "email").lower()
        if email:
            emails.setdefault(email, role_id)
        person = person_of(cells, shape, vocabulary)
        if person and person != WITHHELD:
            # A name two people share resolves to nobody (None): ambiguous.
            key = name_key(person)
            names[key] = None if key in names else role_id
            exact = exact_name_key(person)
            exact_names[exact] = None if exact in exact_names else role_id
        rows.append(Row(position, role_id, cells, person))
    number_of = {row.id: number for number, row in enumerate(rows)}
    notes = (
        (
            f"set aside {repeated} row{'s' if repeated != 1 else ''} whose id an earlier "
            "row already has; lines to that id go to the earlier row",
        )
        if repeated
        else ()
    )
    return Keys(
        rows, position_of, number_of, emails, names, exact_names, tuple(set_aside), dns, notes
    )


_PLACEHOLDER = re.compile(r"-?0+[A-Za-z]*|-1|[#\-\u2014?]+")
"""A manager reference that stands for nobody when no row has it: all zeros,
zeros then letters (Salesforce's 000000000000000AAA), -1, dashes."""
_DIGIT = re.compile(r"\d")
_DN = re.compile(r"\s*CN\s*=\s*((?:\\.|[^,\\])+)\s*,\s*(?:OU|DC|CN|O)\s*=", re.IGNORECASE)
"""An Active Directory distinguished name, its first part the account's CN."""


def dn_key(dn: str) -> str:
    """A distinguished name compared loosely: case and spaces around separators."""
    return re.sub(r"\s*([,=])\s*", r"\1", dn.strip()).lower()


class Resolver:
    """Resolves a manager reference to a row id.

    A reference from an id column resolves against the id column only (ids of
    set-aside rows redirected to the row that stands for them), unless it is
    written as an e-mail or a name; one from a name or e-mail column resolves
    against people's names or e-mails (or the ids, when those are the key).
    """

    def __init__(
        self,
        keys: Keys,
        redirect: Mapping[str, str] | None = None,
        outside: frozenset[str] = frozenset(),
        nobody: frozenset[str] = frozenset(),
    ) -> None:
        self.ids = keys.position_of
        self.dns = keys.dns
        self.emails = keys.emails
        self.names = keys.names
        self.exact_names = keys.exact_names
        self.redirect = redirect or {}
        """Id of a set-aside row -> the id of the row that stands for it."""
        self.outside = outside
        """Normalised names of who the company answers to (the board): no manager here."""
        self.nobody = nobody
        """Codes that mean "reports to nobody" (XX)."""

    def resolve(self, value: str, field: str = "manager") -> tuple[str, str | None]:
        """(method, row id): method is id, email, name, none, placeholder, outside,
        ambiguous or unresolved."""
        if value in self.ids:
            return "id", value
        if value in self.redirect:
            return "id", self.redirect[value]
        if value.lower() in NO_MANAGER:
            return "none", None
        dn = _DN.match(value)
        if dn:
            return self._resolve_dn(value, dn[1])
        if _PLACEHOLDER.fullmatch(value) or value in self.nobody:
            return "placeholder", None
        if "@" in value:
            if field in ("manager", "manager-email"):
                target = self.emails.get(value.lower())
                if target is not None:
                    return "email", target
            if normalise_header(value.split("@")[0]) in self.outside:
                return "outside", None
            return "unresolved", value
        if field == "manager-name" or (field == "manager" and not _DIGIT.search(value)):
            found = self._resolve_name(value)
            if found is not None:
                return found
        if normalise_header(value) in self.outside:
            return "outside", None
        return "unresolved", value

    def _resolve_dn(self, value: str, common_name: str) -> tuple[str, str | None]:
        """A distinguished name: against the DistinguishedName column when there
        is one, else its CN against people's names (ambiguous if two share it)."""
        if self.dns:
            target = self.dns.get(dn_key(value))
            if target is not None:
                return "dn", target
        found = self._resolve_name(re.sub(r"\\(.)", r"\1", common_name))
        return found if found is not None else ("unresolved", value)

    def _resolve_name(self, name: str) -> tuple[str, str | None] | None:
        """A person's name: the one person whose name is written the same way
        (but for case and spacing), else the one whose name matches loosely
        (initials and order aside); ambiguous when several people share the
        first of these that anyone has; None when nobody has either."""
        for names, key in ((self.exact_names, exact_name_key(name)), (self.names, name_key(name))):
            if key in names:
                target = names[key]
                return ("name", target) if target is not None else ("ambiguous", None)
        return None
