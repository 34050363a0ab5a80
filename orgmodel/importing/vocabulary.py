"""The words an import recognises: column names, values, and how they compare.

All of it comes from ``resources/csv_columns.toml``, read once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

import attrs
from attrs import frozen

from orgmodel.catalogue import read_resource_toml
from orgmodel.model import Employment

LIST_SEPARATOR = ";"
REQUIRED = {"id": "an id", "title": "a job title"}
MANAGER_FIELDS = ("manager", "manager-email", "manager-name")
"""Fields whose column can say who a row reports to, in order of preference."""
FIELDS = (
    "id",
    "name",
    "first-name",
    "last-name",
    "title",
    "manager",
    "manager-email",
    "manager-name",
    "email",
    "department",
    "employment",
    "dotted",
    "photo",
    "status",
    "end-date",
)
"""Fields an explicit column mapping (``--map FIELD=COLUMN``) may name."""
WITHHELD = "(name not disclosed)"
"""The person of a held post whose holder the file does not name."""
NO_MANAGER = frozenset({"", "null", "none", "n/a", "-", "\u2014"})
"""Cell values (lower-cased) meaning "reports to nobody": the top of the chart."""
RESOLVED_METHODS = ("id", "email", "name", "dn")


FIELD_HINTS = {
    "id": ("id", "number", "no", "nr", "code", "key", "#", "matricul"),
    "title": ("title", "position", "job", "role", "designation", "poste", "puesto", "cargo"),
    "manager": (
        "manager",
        "supervisor",
        "reports",
        "boss",
        "parent",
        "vorgesetzt",
        "superior",
        "responsable",
        "jefe",
        "gestor",
        "lead",
    ),
    "email": ("mail",),
}
"""Words in a header that make it the likely column of a field, to suggest in a hint."""


def likely_column(field: str, headers: Sequence[str]) -> str | None:
    """The header a user most likely means for ``field``: one holding the
    field's most telling word (its words are listed most telling first), else
    the first header at all (None when there is none)."""
    named = [h for h in headers if h.strip()]
    for word in FIELD_HINTS.get(field, ()):
        for header in named:
            key = header.lower()
            # Short words only as words of their own: "no" is not in "Nombre".
            if word in set(re.findall(r"[^\W_]+|#", key)) if len(word) <= 3 else word in key:
                return header
    return named[0] if named else None


class ColumnMappingError(ValueError):
    """An explicit column mapping names an unknown field or a column not in the file."""


_TRAILING_NOTE = re.compile(r"\[[^\]]*\]\s*$")
_SEPARATORS = re.compile(r"[\s_\-.]+")


@lru_cache(maxsize=65536)
def normalise_header(text: str) -> str:
    text = _TRAILING_NOTE.sub("", text.strip())
    return _SEPARATORS.sub("", text).lower()


def clean(text: str) -> str:
    """A cell's text with its runs of white space made single spaces."""
    return " ".join(text.split())


def exact_name_key(name: str) -> str:
    """A person's name as written, but for case and spacing: "Smith, John A."
    and "Smith, John B." stay two people."""
    return " ".join(name.casefold().split())


def name_key(name: str) -> str:
    """A person's name compared loosely: case, spacing, middle initials and
    "Last, First" order do not matter, and a slug ("susan_bourgeois",
    "tom-ng") is the name it spells. Loose enough to make two people one:
    match by exact_name_key first."""
    text = name.lower()
    if " " not in text.strip() and ("_" in text or "-" in text or "." in text):
        text = re.sub(r"[_.\-]+", " ", text)
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    words = [w.strip(".,") for w in text.split()]
    words = [w for w in words if w]
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


@frozen
class Vocabulary:
    columns: Mapping[str, str]
    """Normalised header -> field."""
    aliases: Mapping[str, tuple[str, ...]]
    employment: Mapping[str, Employment]
    vacant_names: frozenset[str]
    history: Mapping[str, str] = attrs.field(factory=dict)
    """Normalised value of a history column -> yes, no, current or ended."""
    outside: frozenset[str] = frozenset()
    """Normalised names of who a company's head answers to outside it (the board)."""
    withheld_names: frozenset[str] = frozenset()
    """Normalised names meaning the post's holder is not named (N/D, Not disclosed)."""
    nobody: frozenset[str] = frozenset()
    """Manager codes meaning "reports to nobody" (XX in organograms)."""
    leaver_words: frozenset[str] = frozenset()
    """Words of a status value that mark someone who left ("Voluntarily Terminated")."""


@cache
def vocabulary() -> Vocabulary:
    """The column and value names of csv_columns.toml, read once per process."""
    data = read_resource_toml("csv_columns.toml")
    columns = {
        normalise_header(alias): field
        for field, aliases in data["columns"].items()
        for alias in aliases
    }
    employment = {
        normalise_header(value): Employment(kind)
        for kind, values in data["employment"].items()
        for value in values
    }
    return Vocabulary(
        columns=columns,
        aliases={field: tuple(aliases) for field, aliases in data["columns"].items()},
        employment=employment,
        vacant_names=frozenset(normalise_header(n) for n in data["people"]["vacant_names"]),
        history={
            normalise_header(value): kind
            for kind, values in data["history"].items()
            for value in values
        },
        outside=frozenset(normalise_header(n) for n in data["outside"]["managers"]),
        withheld_names=frozenset(normalise_header(n) for n in data["people"]["withheld_names"]),
        nobody=frozenset(data["outside"]["nobody"]),
        leaver_words=frozenset(normalise_header(w) for w in data["history"]["leaver_words"]),
    )
