"""How imported names and titles are shown: "Aziz, Tariq" as "Tariq Aziz", and a
column written in capitals ("DEPUTY DIRECTOR OF COMMUNICATIONS") in title case.

Only the shown text changes, and only when a whole column is written that way;
reporting lines are resolved before this, from the text as the file holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import attrs
from attrs import frozen

from orgmodel.importing.vocabulary import WITHHELD
from orgmodel.model import Role

LAST_FIRST = re.compile(r"^\s*([^,]+?)\s*,\s*([^,]+?)\s*$")
NAME_SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "cpa", "esq", "dds", "rn", "pe"}
)
"""What may follow a comma in a name written first name first ("Ada Quist, Jr.")."""
ACRONYMS = frozenset(
    {
        "CEO", "CMO", "COO", "CFO", "CIO", "CTO", "CRO", "CPO", "CDO", "CHRO", "CISO", "CCO",
        "VP", "SVP", "EVP", "AVP", "IT", "HR", "PR", "SEO", "CRM", "QA", "UX", "UI", "ERP",
        "US", "USA", "UK", "EU", "UN", "EMEA", "APAC", "LATAM", "FP&A", "R&D", "GIS", "EEO",
        "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    }
)  # fmt: skip
SMALL_WORDS = frozenset(
    {"of", "and", "the", "for", "to", "in", "on", "at", "a", "an", "by", "de", "del", "la", "y"}
)
MOSTLY = 0.8
"""The share of a column's values that must be in a form for the column to be."""
_PIECES = re.compile(r"([\s\-/(),]+)")


@frozen
class PersonForm:
    """How a column's names are shown: first name first where most are written
    "Last, First", in title case where the column is written in capitals."""

    flip: bool
    capitals: bool

    @classmethod
    def of(cls, people: Iterable[str | None]) -> PersonForm:
        named = [person for person in people if person and person != WITHHELD]
        return cls(_mostly(named, lambda name: _last_first(name) is not None), _in_capitals(named))

    def shown(self, person: str) -> str:
        if not person or person == WITHHELD:
            return person
        if self.flip and (parts := _last_first(person)) is not None:
            person = f"{parts[1]} {parts[0]}"
        return title_case(person, names=True) if self.capitals else person


def readable_forms(roles: Sequence[Role]) -> tuple[list[Role], tuple[str, ...]]:
    """The roles with names shown first name first and capitals in title case,
    where the whole column is written so; and notes saying what was changed."""
    notes: list[str] = []
    form = PersonForm.of(r.person for r in roles)
    capital_titles = _in_capitals([r.title for r in roles])
    capital_departments = _in_capitals([r.department for r in roles])
    if form.flip:
        notes.append("names are written 'Last, First'; they are shown first name first")
    changed = [
        what
        for what, capitals in (
            ("names", form.capitals),
            ("titles", capital_titles),
            ("departments", capital_departments),
        )
        if capitals
    ]
    if changed:
        notes.append(f"{' and '.join(changed)} are written in capitals; shown in title case")
    if not (form.flip or changed):
        return list(roles), ()
    shown = [
        attrs.evolve(
            role,
            person=form.shown(role.person) if role.person else role.person,
            title=title_case(role.title) if capital_titles else role.title,
            department=title_case(role.department) if capital_departments else role.department,
        )
        for role in roles
    ]
    return shown, tuple(notes)


def _last_first(name: str) -> tuple[str, str] | None:
    """(last, first) of a name written "Last, First"; None for "Ada Quist, Jr."."""
    match = LAST_FIRST.match(name)
    if match is None:
        return None
    last, first = match.groups()
    if first.lower().strip(".") in NAME_SUFFIXES:
        return None
    return last, first


def _mostly(values: Sequence[str], test: Callable[[str], bool]) -> bool:
    """Whether at least two values and most of them pass ``test``."""
    passing = sum(1 for value in values if test(value))
    return passing >= 2 and passing >= MOSTLY * len(values)


def _in_capitals(values: Sequence[str]) -> bool:
    """Whether a column is written in capitals: most of its words of letters are."""
    worded = [v for v in values if _has_two_letters(v)]
    return len(worded) >= 3 and _mostly(worded, lambda v: v.upper() == v and v.lower() != v)


def _has_two_letters(value: str) -> bool:
    # Most values begin with two letters; counting every character of every
    # name, title and department of a large export was a fifth of its import.
    return value[:2].isalpha() or sum(c.isalpha() for c in value) >= 2


def title_case(text: str, *, names: bool = False) -> str:
    """Capitals in title case: acronyms kept, small words lower except first;
    in names, "O'BRIEN" becomes "O'Brien"."""
    pieces = _PIECES.split(text)
    shown: list[str] = []
    first_word = True
    for piece in pieces:
        if not piece or _PIECES.fullmatch(piece) or not any(c.isalpha() for c in piece):
            shown.append(piece)
            continue
        if not names and piece.upper().rstrip(".") in ACRONYMS:
            shown.append(piece.upper())
        elif not names and not first_word and piece.lower() in SMALL_WORDS:
            shown.append(piece.lower())
        elif names:
            shown.append("'".join(_capitalised(part) for part in piece.split("'")))
        else:
            shown.append(_capitalised(piece))
        first_word = False
    return "".join(shown)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:].lower()
