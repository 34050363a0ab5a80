"""Import an org chart exported from an HR system as CSV.

The file's delimiter, encoding and column names are detected; job titles are
classified into role kinds by the catalogue. Whatever cannot be read at all
raises a :class:`ChartReadError` naming file, line and column; whatever can
be read with a reasonable default is imported and noted in the report.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
from attrs import frozen

from orgmodel.catalogue import Catalogue, join_words, load_catalogue, read_resource_toml
from orgmodel.errors import ChartReadError
from orgmodel.model import UNCLASSIFIED, Chart, Employment, Role, Stage
from orgmodel.reading import read_bounded

MAX_FILE_BYTES = 32 * 1024 * 1024
"""About 600,000 rows; importing more would need gigabytes of memory."""
DELIMITERS = (",", ";", "\t")
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
)
"""Fields an explicit column mapping (``--map FIELD=COLUMN``) may name."""
NO_MANAGER = frozenset({"", "null", "none", "n/a", "-", "\u2014"})
"""Cell values (lower-cased) meaning "reports to nobody": the top of the chart."""
RESOLVED_METHODS = ("id", "email", "name")


class ColumnMappingError(ValueError):
    """An explicit column mapping names an unknown field or a column not in the file."""


@frozen
class ImportReport:
    """The imported chart and what the import had to decide on the way."""

    chart: Chart
    columns: Mapping[str, str]
    """Field name -> the header of the column it was read from."""
    unclassified_titles: Mapping[str, int]
    """Job titles that matched no role kind -> how many rows had them."""
    notes: tuple[str, ...]
    """Values the import could not use as given, each with its line."""
    manager_column: str | None = None
    """Header of the column reporting lines were read from."""
    manager_choice: str = ""
    """Why that column was picked, when there were several candidates."""
    managers_resolved: Mapping[str, int] = attrs.field(factory=dict)
    """Resolution method (id, email, name) -> how many rows' managers it resolved."""
    unresolved_managers: tuple[tuple[int, str], ...] = ()
    """(line, value) of manager references that match no row."""
    ambiguous_managers: tuple[tuple[int, str], ...] = ()
    """(line, name) of manager names shared by several people; left unresolved."""
    set_aside: tuple[str, ...] = ()
    """Rows not imported, each with its line and why."""


def normalise_header(text: str) -> str:
    text = re.sub(r"\[[^\]]*\]\s*$", "", text.strip())
    return re.sub(r"[\s_\-.]+", "", text).lower()


@frozen
class _Vocabulary:
    columns: Mapping[str, str]
    """Normalised header -> field."""
    aliases: Mapping[str, tuple[str, ...]]
    employment: Mapping[str, Employment]
    vacant_names: frozenset[str]


def _vocabulary() -> _Vocabulary:
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
    return _Vocabulary(
        columns=columns,
        aliases={field: tuple(aliases) for field, aliases in data["columns"].items()},
        employment=employment,
        vacant_names=frozenset(normalise_header(n) for n in data["people"]["vacant_names"]),
    )


def decode_csv_bytes(data: bytes, path: Path) -> str:
    """Text of a CSV export: UTF-8 with or without BOM, or UTF-16 with a BOM."""
    if not data.strip():
        raise ChartReadError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ChartReadError(path, "the file starts like UTF-16 text but is not") from None
    if b"\x00" in data[:65536]:
        raise ChartReadError(path, "this is not a CSV file (it contains binary data)")
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = start + error.start
        line = data[:position].count(b"\n") + 1
        raise ChartReadError(
            path,
            f"byte 0x{data[position]:02x} is not UTF-8 text; export the file as UTF-8 CSV",
            line=line,
        ) from None


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    counts = {d: len(next(csv.reader([header_line], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def _records(text: str, delimiter: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each record, blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ChartReadError(path, f"the CSV cannot be parsed ({error})", line=line) from None
        if any(f.strip() for f in fields):
            yield line, fields
        line = reader.line_num + 1


class _RowReader:
    """Reads one field of one row, collecting notes about values it cannot use."""

    def __init__(self, columns: dict[str, int], headers: list[str], notes: list[str]) -> None:
        self.columns = columns
        self.headers = headers
        self.notes = notes

    def text(self, fields: list[str], field: str) -> str:
        index = self.columns.get(field)
        if index is None or index >= len(fields):
            return ""
        return " ".join(fields[index].split())

    def note(self, line: int, field: str, problem: str) -> None:
        self.notes.append(f"line {line}, column {self.headers[self.columns[field]]!r}: {problem}")

    def number(self, line: int, fields: list[str], field: str, whole: bool) -> float | None:
        raw = self.text(fields, field)
        if not raw:
            return None
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            self.note(line, field, f"{raw!r} is not a number; left blank")
            return None
        limit = 1200 if whole else 100
        if not math.isfinite(value) or not 0 <= value <= limit:
            self.note(line, field, f"{raw!r} is outside 0 to {limit}; left blank")
            return None
        if whole and not value.is_integer():
            self.note(line, field, f"{raw!r} is not a whole number of months; rounded")
        return round(value) if whole else value


def _map_columns(
    headers: list[str],
    header_line: int,
    vocabulary: _Vocabulary,
    path: Path,
    mapping: Mapping[str, str] | None = None,
) -> tuple[dict[str, int], list[tuple[str, int]], list[str]]:
    """Field -> column index, the candidate manager columns (field, index), and notes."""
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
            if field not in MANAGER_FIELDS:
                notes.append(
                    f"columns {headers[columns[field]]!r} and {header!r} both look like "
                    f"{field}; used {headers[columns[field]]!r}"
                )
            continue
        columns[field] = index
    if mapping:
        _apply_mapping(mapping, headers, path, columns, candidates)
    for field, what in REQUIRED.items():
        if field not in columns:
            raise ChartReadError(
                path,
                f"no column holds {what} (looked for {', '.join(vocabulary.aliases[field][:5])})",
                line=header_line,
            )
    if "email" not in columns:
        candidates = [(f, i) for f, i in candidates if f != "manager-email"]
    if not candidates:
        if "manager-email" in columns:
            problem = "managers are given by e-mail but no Email column says whose e-mail is whose"
        else:
            problem = (
                "no column says who reports to whom (looked for Manager ID, Supervisor ID, "
                "Reports To, Boss ID, parentId, Manager Name, or Manager Email with an "
                "Email column)"
            )
        raise ChartReadError(path, problem, line=header_line)
    return columns, candidates, notes


def _apply_mapping(
    mapping: Mapping[str, str],
    headers: list[str],
    path: Path,
    columns: dict[str, int],
    candidates: list[tuple[str, int]],
) -> None:
    """Override the detected columns with an explicit FIELD -> COLUMN mapping."""
    exact = {h.strip(): i for i, h in enumerate(headers)}
    loose = {normalise_header(h): i for i, h in reversed(list(enumerate(headers)))}
    chosen: dict[str, int] = {}
    for field, column in mapping.items():
        if field not in FIELDS:
            raise ColumnMappingError(
                f"{field!r} is not a field that can be mapped (use {', '.join(FIELDS)})"
            )
        index = exact.get(column.strip(), loose.get(normalise_header(column)))
        if index is None:
            raise ColumnMappingError(
                f"{path.name} has no column {column!r} (its columns are "
                f"{', '.join(repr(h) for h in headers)})"
            )
        chosen[field] = index
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


def import_csv(
    path: Path | str,
    stage: Stage = Stage.ESTABLISHED,
    catalogue: Catalogue | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import ``path``; ``mapping`` (field -> column header) overrides the detection."""
    path = Path(path)
    data = read_bounded(path, MAX_FILE_BYTES, "CSV files")
    return import_csv_text(decode_csv_bytes(data, path), path, stage, catalogue, mapping)


def import_csv_text(
    text: str,
    path: Path | str,
    stage: Stage = Stage.ESTABLISHED,
    catalogue: Catalogue | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    path = Path(path)
    catalogue = catalogue or load_catalogue()
    vocabulary = _vocabulary()
    header_text = next((line for line in io.StringIO(text) if line.strip()), "")
    records = _records(text, detect_delimiter(header_text), path)
    first = next(records, None)
    if first is None:
        raise ChartReadError(path, "the file is empty")
    header_line, headers = first
    columns, candidates, notes = _map_columns(headers, header_line, vocabulary, path, mapping)
    if "name" not in columns and "first-name" not in columns and "last-name" not in columns:
        notes.append("no column holds people's names, so every role is read as vacant")
    read = _RowReader(columns, headers, notes)

    rows: list[tuple[int, str, list[str], str | None]] = []
    first_line_of: dict[str, int] = {}
    email_to_id: dict[str, str] = {}
    name_to_id: dict[str, str | None] = {}
    for line, fields in records:
        if len(fields) > len(headers) and any(f.strip() for f in fields[len(headers) :]):
            notes.append(
                f"line {line} has {len(fields)} fields but the header has {len(headers)}; "
                "the extra fields were ignored"
            )
        role_id = read.text(fields, "id")
        if not role_id:
            raise ChartReadError(
                path, "the row has no id", line=line, column=headers[columns["id"]]
            )
        if role_id in first_line_of:
            raise ChartReadError(
                path,
                f"the id {role_id!r} is already used on line {first_line_of[role_id]}",
                line=line,
                column=headers[columns["id"]],
            )
        first_line_of[role_id] = line
        email = read.text(fields, "email").lower()
        if email:
            email_to_id.setdefault(email, role_id)
        person = _person(read, fields, vocabulary)
        if person:
            key = name_key(person)
            # A name two people share resolves to nobody (None): ambiguous.
            name_to_id[key] = None if key in name_to_id else role_id
        rows.append((line, role_id, fields, person))

    resolver = _Resolver(first_line_of, email_to_id, name_to_id)
    managers = _resolve_managers(rows, headers, candidates, resolver)

    responsibility_ids = {
        normalise_header(r.name): r.id for r in catalogue.responsibilities.values()
    }
    responsibility_ids.update({normalise_header(r): r for r in catalogue.responsibilities})
    kinds: dict[str, str] = {}
    unclassified: dict[str, int] = {}
    roles = []
    for (line, role_id, fields, person), manager in zip(rows, managers.targets, strict=True):
        title = read.text(fields, "title")
        if title not in kinds:
            kinds[title] = catalogue.classify(title)
        kind = kinds[title]
        if kind == UNCLASSIFIED:
            unclassified[title] = unclassified.get(title, 0) + 1
        roles.append(
            Role(
                id=role_id,
                title=title,
                kind=kind,
                person=person,
                employment=_employment(read, line, fields, title, vocabulary),
                engagement_months=_whole(
                    read.number(line, fields, "engagement-months", whole=True)
                ),
                years_in_marketing=read.number(line, fields, "years-in-marketing", whole=False),
                years_leading=read.number(line, fields, "years-leading", whole=False),
                department=read.text(fields, "department"),
                responsibilities=_responsibilities(read, line, fields, responsibility_ids),
                manager=manager,
                dotted_managers=_dotted(read, fields, resolver),
            )
        )
    chart = Chart(name=path.stem, stage=stage, roles=roles)
    return ImportReport(
        chart=chart,
        columns={field: headers[index] for field, index in columns.items()},
        unclassified_titles=unclassified,
        notes=tuple(notes),
        manager_column=managers.column,
        manager_choice=managers.choice,
        managers_resolved=managers.resolved,
        unresolved_managers=tuple(managers.unresolved),
        ambiguous_managers=tuple(managers.ambiguous),
    )


def name_key(name: str) -> str:
    """A person's name compared loosely: case, spacing, middle initials and
    "Last, First" order do not matter."""
    text = name.lower()
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    words = [w.strip(".,") for w in text.split()]
    words = [w for w in words if w]
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


_ZEROS = re.compile(r"0+")


class _Resolver:
    """Resolves a manager reference to a row id: by id, e-mail or full name."""

    def __init__(
        self,
        ids: Mapping[str, int],
        emails: Mapping[str, str],
        names: Mapping[str, str | None],
    ) -> None:
        self.ids = ids
        self.emails = emails
        self.names = names

    def resolve(self, value: str) -> tuple[str, str | None]:
        """(method, row id): method is id, email, name, none, ambiguous or unresolved."""
        if value in self.ids:
            return "id", value
        if value.lower() in NO_MANAGER or _ZEROS.fullmatch(value):
            return "none", None
        if "@" in value:
            target = self.emails.get(value.lower())
            return ("email", target) if target is not None else ("unresolved", value)
        key = name_key(value)
        if key in self.names:
            target = self.names[key]
            return ("name", target) if target is not None else ("ambiguous", None)
        return "unresolved", value


@frozen
class _Managers:
    targets: list[str | None]
    column: str | None
    choice: str
    resolved: dict[str, int]
    unresolved: list[tuple[int, str]]
    ambiguous: list[tuple[int, str]]


def _resolve_managers(
    rows: list[tuple[int, str, list[str], str | None]],
    headers: list[str],
    candidates: list[tuple[str, int]],
    resolver: _Resolver,
) -> _Managers:
    """Resolve every row's manager from the candidate column that resolves most rows."""
    results: list[list[tuple[str, str | None]]] = []
    scores: list[int] = []
    for _field, index in candidates:
        column = [
            resolver.resolve(" ".join(fields[index].split()) if index < len(fields) else "")
            for _line, _id, fields, _person in rows
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
    for row, (line, _id, fields, _person) in enumerate(rows):
        method, target = results[best][row]
        if method == "none":
            # An empty cell may be filled in another candidate column.
            for c in order[1:]:
                other_method, other_target = results[c][row]
                if other_method in RESOLVED_METHODS:
                    method, target = other_method, other_target
                    break
        if method in RESOLVED_METHODS:
            resolved[method] += 1
        elif method == "ambiguous":
            index = candidates[best][1]
            ambiguous.append((line, " ".join(fields[index].split())))
        elif method == "unresolved":
            unresolved.append((line, target or ""))
        targets.append(target)
    return _Managers(
        targets=targets,
        column=column_name,
        choice=choice,
        resolved={m: n for m, n in resolved.items() if n},
        unresolved=unresolved,
        ambiguous=ambiguous,
    )


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)


def _person(read: _RowReader, fields: list[str], vocabulary: _Vocabulary) -> str | None:
    name = read.text(fields, "name")
    if not name:
        name = " ".join(
            p for p in (read.text(fields, "first-name"), read.text(fields, "last-name")) if p
        )
    if not name or normalise_header(name) in vocabulary.vacant_names:
        return None
    return name


def _employment(
    read: _RowReader, line: int, fields: list[str], title: str, vocabulary: _Vocabulary
) -> Employment:
    if re.search(r"\bfractional\b", title, re.IGNORECASE):
        return Employment.FRACTIONAL
    raw = read.text(fields, "employment")
    if raw:
        employment = vocabulary.employment.get(normalise_header(raw))
        if employment is not None:
            return employment
        read.note(line, "employment", f"{raw!r} is not a known employment type; read as full-time")
    if re.search(r"\b(contract|contractor|freelance|consultant)\b", title, re.IGNORECASE):
        return Employment.CONTRACTOR
    return Employment.FULL_TIME


def _dotted(read: _RowReader, fields: list[str], resolver: _Resolver) -> tuple[str, ...]:
    raw = read.text(fields, "dotted")
    ids = []
    for part in raw.split(LIST_SEPARATOR):
        part = part.strip()
        method, target = resolver.resolve(part)
        if method in RESOLVED_METHODS or method == "unresolved":
            ids.append(target or part)
    return tuple(dict.fromkeys(ids))


def _responsibilities(
    read: _RowReader, line: int, fields: list[str], by_name: Mapping[str, str]
) -> frozenset[str] | None:
    """Ids of the responsibilities listed in the row, by id or name; None when blank."""
    raw = read.text(fields, "responsibilities")
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
        read.note(
            line,
            "responsibilities",
            f"{join_words(repr(u) for u in unknown)} not in the catalogue; ignored "
            "(`orgmodel catalogue` lists the known ones)",
        )
    return frozenset(held)
