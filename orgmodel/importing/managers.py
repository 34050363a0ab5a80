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
    sharing: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """name_key several people share -> their row ids."""
    exact_sharing: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """exact_name_key several people share -> their row ids."""
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
    sharing: dict[str, list[str]] = {}
    exact_sharing: dict[str, list[str]] = {}
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
            _key_name(names, sharing, name_key(person), role_id)
            _key_name(exact_names, exact_sharing, exact_name_key(person), role_id)
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
        rows,
        position_of,
        number_of,
        emails,
        names,
        exact_names,
        {key: tuple(ids) for key, ids in sharing.items()},
        {key: tuple(ids) for key, ids in exact_sharing.items()},
        tuple(set_aside),
        dns,
        notes,
    )


def _key_name(
    names: dict[str, str | None], sharing: dict[str, list[str]], key: str, role_id: str
) -> None:
    """Key a person's name to their row; a name two people share to nobody (None),
    with who shares it in ``sharing``."""
    if key not in names:
        names[key] = role_id
        return
    first = names[key]
    if first is not None:
        sharing[key] = [first]
        names[key] = None
    sharing[key].append(role_id)


_PLACEHOLDER = re.compile(r"-?0+[A-Za-z]*|-1|[#\-\u2014?]+")
"""A manager reference that stands for nobody when no row has it: all zeros,
zeros then letters (Salesforce's 000000000000000AAA), -1, dashes."""
_DIGIT = re.compile(r"\d")
_BRACKETED_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
"""A trailing part in brackets: the title or status after a manager's name."""
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
        self.sharing = keys.sharing
        self.exact_sharing = keys.exact_sharing
        self.redirect = redirect or {}
        """Id of a set-aside row -> the id of the row that stands for it."""
        self.outside = outside
        """Normalised names of who the company answers to (the board): no manager here."""
        self.nobody = nobody
        """Codes that mean "reports to nobody" (XX)."""
        self.read_as: dict[str, str] = {}
        """Manager names that matched nobody as written -> the name without their
        trailing part in brackets ("Jane Roe (Chief Executive Officer)"), which matched."""
        self.not_itself: set[tuple[str, str]] = set()
        """(reference, row id): the name of row ``own`` and one other, read as the other."""

    def resolve(
        self, value: str, field: str = "manager", own: str | None = None
    ) -> tuple[str, str | None]:
        """(method, row id) of the manager of row ``own``: method is id, email,
        name, none, placeholder, outside, ambiguous or unresolved."""
        if not value:  # before the lookups: a past row with a blank id must not catch blanks
            return "none", None
        if value in self.ids:
            return "id", value
        if value in self.redirect:
            return "id", self.redirect[value]
        if value.lower() in NO_MANAGER:
            return "none", None
        dn = _DN.match(value)
        if dn:
            return self._resolve_dn(value, dn[1], own)
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
            found = self._by_name(value, value, own)
            if found is None:
                found = self._without_note(value, own)
            if found is not None:
                return found
        if normalise_header(value) in self.outside:
            return "outside", None
        return "unresolved", value

    def _resolve_dn(self, value: str, common_name: str, own: str | None) -> tuple[str, str | None]:
        """A distinguished name: against the DistinguishedName column when there
        is one, else its CN against people's names (ambiguous if two share it)."""
        if self.dns:
            target = self.dns.get(dn_key(value))
            if target is not None:
                return "dn", target
        found = self._by_name(value, re.sub(r"\\(.)", r"\1", common_name), own)
        return found if found is not None else ("unresolved", value)

    def _by_name(self, value: str, name: str, own: str | None) -> tuple[str, str | None] | None:
        """The reference ``value`` read as the person ``name``; records when it
        was read as the one other person with the name of row ``own``."""
        found = self._resolve_name(name, own)
        if found is not None and found[0] == "other":
            self.not_itself.add((value, own or ""))
            return "name", found[1]
        return found

    def _resolve_name(self, name: str, own: str | None) -> tuple[str, str | None] | None:
        """A person's name: the one person whose name is written the same way
        (but for case and spacing), else the one whose name matches loosely
        (initials and order aside); ambiguous when several people share the
        first of these that anyone has, unless they are row ``own`` and one
        other ("other": a role does not report to itself); None when nobody
        has either."""
        tiers = (
            (self.exact_names, self.exact_sharing, exact_name_key(name)),
            (self.names, self.sharing, name_key(name)),
        )
        for names, sharing, key in tiers:
            if key not in names:
                continue
            target = names[key]
            if target is not None:
                return "name", target
            others = [row for row in sharing[key] if row != own]
            if len(others) == 1 and own is not None:
                return "other", others[0]
            return "ambiguous", None
        return None

    def _without_note(self, value: str, own: str | None) -> tuple[str, str | None] | None:
        """A name that matched nobody as written, read without its trailing part
        in brackets (Workday writes "Name (Title)"); ambiguous stays ambiguous."""
        note = _BRACKETED_NOTE.search(value)
        if note is None or note.start() == 0:
            return None
        name = value[: note.start()]
        found = self._by_name(value, name, own)
        if found is not None and found[0] == "name":
            self.read_as[value] = name
        return found
