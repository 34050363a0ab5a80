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

from attrs import frozen

from orgmodel.catalogue import Catalogue, join_words, load_catalogue, read_resource_toml
from orgmodel.errors import ChartReadError
from orgmodel.model import UNCLASSIFIED, Chart, Employment, Role, Stage

MAX_FILE_BYTES = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
LIST_SEPARATOR = ";"
REQUIRED = {"id": "an id", "title": "a job title"}


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
    headers: list[str], header_line: int, vocabulary: _Vocabulary, path: Path
) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    notes: list[str] = []
    for index, header in enumerate(headers):
        field = vocabulary.columns.get(normalise_header(header))
        if field is None:
            continue
        if field in columns:
            notes.append(
                f"columns {headers[columns[field]]!r} and {header!r} both look like {field}; "
                f"used {headers[columns[field]]!r}"
            )
            continue
        columns[field] = index
    for field, what in REQUIRED.items():
        if field not in columns:
            raise ChartReadError(
                path,
                f"no column holds {what} (looked for {', '.join(vocabulary.aliases[field][:5])})",
                line=header_line,
            )
    has_email_link = "manager-email" in columns and "email" in columns
    if "manager" not in columns and not has_email_link:
        if "manager-email" in columns:
            problem = "managers are given by e-mail but no Email column says whose e-mail is whose"
        else:
            problem = (
                "no column says who reports to whom (looked for Manager ID, Supervisor ID, "
                "Reports To, Boss ID, or Manager Email with an Email column)"
            )
        raise ChartReadError(path, problem, line=header_line)
    return columns, notes


def import_csv(
    path: Path | str, stage: Stage = Stage.ESTABLISHED, catalogue: Catalogue | None = None
) -> ImportReport:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ChartReadError(path, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as error:
        raise ChartReadError(path, error.strerror or str(error)) from None
    return import_csv_text(decode_csv_bytes(data, path), path, stage, catalogue)


def import_csv_text(
    text: str,
    path: Path | str,
    stage: Stage = Stage.ESTABLISHED,
    catalogue: Catalogue | None = None,
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
    columns, notes = _map_columns(headers, header_line, vocabulary, path)
    if "name" not in columns and "first-name" not in columns and "last-name" not in columns:
        notes.append("no column holds people's names, so every role is read as vacant")
    read = _RowReader(columns, headers, notes)

    rows: list[tuple[int, str, list[str]]] = []
    first_line_of: dict[str, int] = {}
    email_to_id: dict[str, str] = {}
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
        rows.append((line, role_id, fields))

    responsibility_ids = {
        normalise_header(r.name): r.id for r in catalogue.responsibilities.values()
    }
    responsibility_ids.update({normalise_header(r): r for r in catalogue.responsibilities})
    kinds: dict[str, str] = {}
    unclassified: dict[str, int] = {}
    roles = []
    for line, role_id, fields in rows:
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
                person=_person(read, fields, vocabulary),
                employment=_employment(read, line, fields, title, vocabulary),
                engagement_months=_whole(
                    read.number(line, fields, "engagement-months", whole=True)
                ),
                years_in_marketing=read.number(line, fields, "years-in-marketing", whole=False),
                years_leading=read.number(line, fields, "years-leading", whole=False),
                department=read.text(fields, "department"),
                responsibilities=_responsibilities(read, line, fields, responsibility_ids),
                manager=_manager(read, fields, email_to_id),
                dotted_managers=_dotted(read, fields, email_to_id),
            )
        )
    chart = Chart(name=path.stem, stage=stage, roles=roles)
    return ImportReport(
        chart=chart,
        columns={field: headers[index] for field, index in columns.items()},
        unclassified_titles=unclassified,
        notes=tuple(notes),
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


def _reference(value: str, email_to_id: Mapping[str, str]) -> str:
    return email_to_id.get(value.lower(), value) if "@" in value else value


def _manager(read: _RowReader, fields: list[str], email_to_id: Mapping[str, str]) -> str | None:
    manager = read.text(fields, "manager")
    if not manager:
        manager = read.text(fields, "manager-email")
    return _reference(manager, email_to_id) if manager else None


def _dotted(read: _RowReader, fields: list[str], email_to_id: Mapping[str, str]) -> tuple[str, ...]:
    raw = read.text(fields, "dotted")
    parts = (p.strip() for p in raw.split(LIST_SEPARATOR))
    return tuple(dict.fromkeys(_reference(p, email_to_id) for p in parts if p))


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
