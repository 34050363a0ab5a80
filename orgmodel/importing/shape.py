"""The shape of a table: which record is the header and which column holds what.

Nothing here reads a row into a role; it decides how rows are to be read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from orgmodel.catalogue import Catalogue
from orgmodel.errors import ChartReadError
from orgmodel.importing.column_values import (
    read_dated_status,
    reject_repeating_id,
    settle_id_column,
    settle_status_column,
)
from orgmodel.importing.table import Table
from orgmodel.importing.vocabulary import (
    FIELDS,
    MANAGER_FIELDS,
    REQUIRED,
    ColumnMappingError,
    Vocabulary,
    clean,
    likely_column,
    normalise_header,
    vocabulary,
)
from orgmodel.model import UNCLASSIFIED
from orgmodel.wording import counted

Record = tuple[int, list[str]]
"""(position in the file, cells) of one record."""

MAP_EXAMPLES = {"id": "Employee Number", "title": "Position", "manager": "Reports To"}


class MissingColumnError(ChartReadError):
    """No column holds a field the import needs; a mapping can name it.

    ``str()`` tells a CLI user how (``--map``); the app opens its mapping
    dialog instead, with the ``detected`` columns chosen.
    """

    def __init__(
        self,
        path: Path,
        problem: str,
        field: str,
        unmapped: list[str],
        line: int,
        detected: Mapping[str, str] | None = None,
    ) -> None:
        self.field = field
        self.detected = dict(detected or {})
        """Field -> header of the columns that were recognised."""
        example = likely_column(field, unmapped) or MAP_EXAMPLES.get(field, "Column Name")
        self.hint = f"name the column with --map {field}={example!r}"
        super().__init__(path, problem, line=line)

    def __str__(self) -> str:
        return f"{super().__str__()}; {self.hint}"


@frozen
class Shape:
    """How the rows of a table are to be read."""

    headers: list[str]
    header_position: int
    columns: dict[str, int]
    """Field -> index of the column it is read from."""
    candidates: list[tuple[str, int]]
    """(field, index) of every column that could say who a row reports to."""
    notes: tuple[str, ...]
    """What detecting the shape decided that the user should know."""
    keyed_by_name: bool = False
    """No id column: rows are keyed by a unique name or e-mail column."""

    def header(self, field: str) -> str:
        return self.headers[self.columns[field]]

    def text(self, cells: list[str], field: str) -> str:
        """The cell of ``field`` in a row, its white space tidied; "" when absent."""
        index = self.columns.get(field)
        if index is None or index >= len(cells):
            return ""
        return clean(cells[index])


HEADER_SEARCH = 10
"""Records looked at for the header: a report's title and notes sit above it."""


def header_index(records: list[Record], vocabulary: Vocabulary) -> int:
    """Which record is the header: the first, among the first few, that has at
    least two cells naming a known column; else the first record."""
    for index, (_position, cells) in enumerate(records[:HEADER_SEARCH]):
        known = sum(1 for cell in cells if normalise_header(cell) in vocabulary.columns)
        if known >= 2:
            return index
    return 0


def split_header(table: Table, path: Path) -> tuple[Record, list[Record]]:
    """The header record and the records below it (records above it, a title, dropped)."""
    if not table.records:
        raise ChartReadError(path, "the file is empty")
    index = header_index(table.records, vocabulary())
    header, *rows = table.records[index:]
    if not rows:
        raise ChartReadError(path, "the file has column names but no rows of people")
    return header, rows


_PLACEHOLDER = re.compile(
    r"first[\s_.]*(name)?[\s_.]*last([\s_.]*name)?|last[\s_.]*first|(john|jane)[\s_.]*doe"
    r"|x{3,}|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|example|sample|e\.g\..*",
    re.IGNORECASE,
)
"""Values an export template shows instead of data: first_last, <name>, XXX."""


def is_template(cells: list[str], header_keys: list[str], vocabulary: Vocabulary) -> bool:
    """Whether a row is a template or example row: its values are the column
    names (of this file, or any column name: TITLE, EMAIL) or placeholders
    such as first_last."""
    filled = [(i, value) for i, f in enumerate(cells[: len(header_keys)]) if (value := f.strip())]
    if len(filled) < 2:
        return False
    placeholders = misses = 0
    for i, value in filled:
        key = normalise_header(value)
        if (
            key == header_keys[i]
            or (value.isupper() and key in vocabulary.columns)
            or _PLACEHOLDER.fullmatch(value)
        ):
            placeholders += 1
        else:
            misses += 1
            if 2 * misses > len(filled):
                return False  # most rows: decided after a cell or three
    return placeholders >= 2


def detect_shape(
    table: Table,
    path: Path,
    vocabulary: Vocabulary,
    catalogue: Catalogue,
    mapping: Mapping[str, str] | None = None,
) -> Shape:
    """Find the header and map the columns; refuse a file with no usable columns."""
    (header_position, headers), rows = split_header(table, path)
    above = header_index(table.records, vocabulary)
    notes: list[str] = []
    if above:
        notes.append(
            f"the column names are on {table.unit} {header_position}; the "
            f"{counted(above, 'record')} above them (a title) "
            f"{'was' if above == 1 else 'were'} not read"
        )
    columns, candidates, recognised = _recognise_columns(headers, vocabulary)
    notes += recognised
    body = [cells for _position, cells in rows]
    notes += settle_status_column(headers, body, columns, vocabulary)
    notes += settle_id_column(headers, body, columns, candidates, vocabulary)
    not_the_id = reject_repeating_id(headers, body, columns)
    if not_the_id:
        notes.append(not_the_id)
    if mapping:
        _apply_mapping(mapping, headers, path, columns, candidates)
        notes += read_dated_status(headers, body, columns)
    keyed_by_name = False
    if "id" not in columns and candidates:
        key = _unique_key_column(rows, headers, columns, vocabulary)
        if key is not None:
            columns["id"] = key
            keyed_by_name = True
            notes.append(
                f"no id column: rows are keyed by {headers[key]!r}, whose every value is "
                "unique, and managers are matched against it"
            )
    _require(columns, candidates, header_position, vocabulary, path, headers, not_the_id)
    if "title" not in columns:
        header_keys = [normalise_header(h) for h in headers]
        body = [
            cells for _position, cells in rows if not is_template(cells, header_keys, vocabulary)
        ]
        _read_names_as_titles(body, headers, header_position, columns, catalogue, vocabulary, path)
        notes.append(
            f"no title column: the {headers[columns['title']]!r} column holds role titles, "
            "so every role is imported as vacant"
        )
    elif "name" not in columns and "first-name" not in columns and "last-name" not in columns:
        notes.append("no column holds people's names, so every role is read as vacant")
    return Shape(headers, header_position, columns, candidates, tuple(notes), keyed_by_name)


def _recognise_columns(
    headers: list[str], vocabulary: Vocabulary
) -> tuple[dict[str, int], list[tuple[str, int]], list[str]]:
    """Field -> column index by the columns' names, the candidate manager columns, notes."""
    columns: dict[str, int] = {}
    candidates: list[tuple[str, int]] = []
    notes: list[str] = []
    for index, header in enumerate(headers):
        field = vocabulary.columns.get(normalise_header(header))
        if field is None:
            continue
        if field in MANAGER_FIELDS:
            candidates.append((field, index))
        if field in columns:
            if field not in MANAGER_FIELDS and field != "status":  # status: by its values
                # The plainer name wins ("Department" over "Division"): the
                # vocabulary lists each field's names most telling first.
                # (The id is chosen by what the manager column refers to.)
                earlier = columns[field]
                if field != "id" and _alias_rank(header, field, vocabulary) < _alias_rank(
                    headers[earlier], field, vocabulary
                ):
                    columns[field] = index
                notes.append(
                    f"columns {headers[earlier]!r} and {header!r} both look like "
                    f"{field}; used {headers[columns[field]]!r}"
                )
            continue
        columns[field] = index
    return columns, candidates, notes


def _alias_rank(header: str, field: str, vocabulary: Vocabulary) -> int:
    """Where ``header`` stands among the names of ``field``: 0 for the first."""
    key = normalise_header(header)
    names = [normalise_header(alias) for alias in vocabulary.aliases[field]]
    return names.index(key) if key in names else len(names)


def _require(
    columns: dict[str, int],
    candidates: list[tuple[str, int]],
    header_position: int,
    vocabulary: Vocabulary,
    path: Path,
    headers: list[str],
    not_the_id: str = "",
) -> None:
    """Refuse a file with no id, title or manager column; drop e-mail managers
    that no Email column can resolve. ``not_the_id`` says why a column named
    like an id was not read as one."""
    unmapped = [h for i, h in enumerate(headers) if i not in columns.values()]
    detected = {f: headers[i] for f, i in columns.items()}
    detected.update({f: headers[i] for f, i in reversed(candidates)})
    for field, what in REQUIRED.items():
        # A role-only export names its roles in a Name column; detect_shape decides.
        if field not in columns and not (field == "title" and "name" in columns):
            looked = f"looked for {', '.join(vocabulary.aliases[field][:5])}"
            if field == "id" and not_the_id:
                looked = f"{not_the_id}, and no name or e-mail column is unique"
            raise MissingColumnError(
                path,
                f"no column holds {what} ({looked})",
                field,
                unmapped,
                header_position,
                detected,
            )
    if "email" not in columns:
        candidates[:] = [(f, i) for f, i in candidates if f != "manager-email"]
    if not candidates:
        if "manager-email" in columns:
            problem = "managers are given by e-mail but no Email column says whose e-mail is whose"
            raise MissingColumnError(path, problem, "email", unmapped, header_position, detected)
        problem = (
            "no column says who reports to whom (looked for Manager ID, Supervisor ID, "
            "Reports To, Boss ID, parentId, Manager Name, or Manager Email with an "
            "Email column)"
        )
        raise MissingColumnError(path, problem, "manager", unmapped, header_position, detected)


def _unique_key_column(
    rows: list[Record], headers: list[str], columns: dict[str, int], vocabulary: Vocabulary
) -> int | None:
    """The name or e-mail column whose values tell every person apart, if any.
    Blank and vacant names ("TBD", "Open") are not people and do not count."""
    for field in ("name", "email"):
        index = columns.get(field)
        if index is None:
            continue
        seen: set[str] = set()
        unique = True
        for _position, cells in rows:
            value = clean(cells[index]).lower() if index < len(cells) else ""
            key = normalise_header(value)
            if not value or key in vocabulary.vacant_names or key in vocabulary.withheld_names:
                continue
            if value in seen:
                unique = False
                break
            seen.add(value)
        if unique and seen:
            return index
    return None


def _apply_mapping(
    mapping: Mapping[str, str],
    headers: list[str],
    path: Path,
    columns: dict[str, int],
    candidates: list[tuple[str, int]],
) -> None:
    """Override the detected columns with an explicit FIELD -> COLUMN mapping.

    An empty COLUMN means the field is not read at all.
    """
    exact = {h.strip(): i for i, h in enumerate(headers)}
    loose = {normalise_header(h): i for i, h in reversed(list(enumerate(headers)))}
    chosen: dict[str, int] = {}
    unused: set[str] = set()
    for field, column in mapping.items():
        if field not in FIELDS:
            raise ColumnMappingError(
                f"{field!r} is not a field that can be mapped (use {', '.join(FIELDS)})"
            )
        if not column.strip():
            unused.add(field)
            continue
        index = exact.get(column.strip(), loose.get(normalise_header(column)))
        if index is None:
            raise ColumnMappingError(
                f"{path.name} has no column {column!r} (its columns are "
                f"{', '.join(repr(h) for h in headers)})"
            )
        if index in chosen.values():
            other = next(f for f, i in chosen.items() if i == index)
            raise ColumnMappingError(
                f"{other} and {field} cannot both be read from column {headers[index]!r}"
            )
        chosen[field] = index
    for field in unused:
        columns.pop(field, None)
    candidates[:] = [(f, i) for f, i in candidates if f not in unused]
    taken = set(chosen.values())
    for field in [f for f, i in columns.items() if i in taken]:
        del columns[field]
    columns.update(chosen)
    mapped_managers = [(f, i) for f, i in chosen.items() if f in MANAGER_FIELDS]
    if mapped_managers:
        candidates[:] = mapped_managers
        for field in MANAGER_FIELDS:
            if field not in chosen:
                columns.pop(field, None)
    else:
        candidates[:] = [(f, i) for f, i in candidates if i not in taken]


_PERSON_NAME = re.compile(r"[A-Z][\w'\u2019-]+(?: [A-Z]\.?)?(?: [A-Z][\w'\u2019-]+){1,2}")


def _read_names_as_titles(
    body: list[list[str]],
    headers: list[str],
    header_position: int,
    columns: dict[str, int],
    catalogue: Catalogue,
    vocabulary: Vocabulary,
    path: Path,
) -> None:
    """With no title column, read the name column as role titles when its values
    are far more often role titles than people's names (a Salesforce UserRole
    export); otherwise refuse the file for having no title column."""
    index = columns["name"]
    titles = people = 0
    for cells in body:
        value = clean(cells[index]) if index < len(cells) else ""
        if not value:
            continue
        if catalogue.classify(value) != UNCLASSIFIED:
            titles += 1
        elif _PERSON_NAME.fullmatch(value):
            people += 1
    if titles == 0 or titles < 2 * people:
        raise MissingColumnError(
            path,
            f"no column holds {REQUIRED['title']} "
            f"(looked for {', '.join(vocabulary.aliases['title'][:5])})",
            "title",
            [h for i, h in enumerate(headers) if i not in columns.values()],
            header_position,
        )
    columns["title"] = columns.pop("name")
