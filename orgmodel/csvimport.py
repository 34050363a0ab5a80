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
from datetime import date
from functools import cache
from pathlib import Path

import attrs
from attrs import frozen

from orgmodel.catalogue import Catalogue, join_words, load_catalogue, read_resource_toml
from orgmodel.errors import ChartReadError
from orgmodel.hierarchy import cycles
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
    loops: tuple[str, ...] = ()
    """Reporting loops the rows make (a self-manager too), each with its lines:
    the chart imports, but validation will report them as errors."""


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
    history: Mapping[str, str] = attrs.field(factory=dict)
    """Normalised value of a history column -> yes, no, current or ended."""
    outside: frozenset[str] = frozenset()
    """Normalised names of who a company's head answers to outside it (the board)."""


@cache
def _vocabulary() -> _Vocabulary:
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
    return _Vocabulary(
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
    )


WINDOWS_1252_NOTE = (
    "the file is not UTF-8, so it was read as Windows-1252 (Western European) text, "
    "as Excel on Windows saves 'CSV'; check that accented names look right"
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
"""A whole UTF-8 letter beyond ASCII: rare in Windows-1252 text (where 'é' then an
en dash is two bytes of the first kind but not a UTF-8 letter)."""


def decode_csv_bytes(data: bytes, path: Path) -> tuple[str, str | None]:
    """Text of a CSV export: UTF-8 with or without BOM, UTF-16 with a BOM, or
    Windows-1252; with a note for the import report when it was read as the last."""
    if not data.strip():
        raise ChartReadError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise ChartReadError(path, "the file starts like UTF-16 text but is not") from None
    if b"\x00" in data[:65536]:
        raise ChartReadError(path, "this is not a CSV file (it contains binary data)")
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8"), None
    except UnicodeDecodeError as error:
        # A file with no BOM and no UTF-8 letter anywhere is most likely what
        # Excel on Windows saves as 'CSV'. One that mixes the two is garbled:
        # reading it either way would garble some names.
        if not start and not _UTF8_SEQUENCE.search(data):
            try:
                return data.decode("cp1252"), WINDOWS_1252_NOTE
            except UnicodeDecodeError:
                pass  # bytes Windows-1252 leaves undefined: not that either
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
        # A role-only export names its roles in a Name column; the caller decides.
        if field not in columns and not (field == "title" and "name" in columns):
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


def import_csv(
    path: Path | str,
    stage: Stage = Stage.ESTABLISHED,
    catalogue: Catalogue | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import ``path``; ``mapping`` (field -> column header) overrides the detection."""
    path = Path(path)
    data = read_bounded(path, MAX_FILE_BYTES, "CSV files")
    text, note = decode_csv_bytes(data, path)
    report = import_csv_text(text, path, stage, catalogue, mapping)
    return report if note is None else attrs.evolve(report, notes=(note, *report.notes))


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
    rows_read = list(records)
    if not rows_read:
        raise ChartReadError(path, "the file has column names but no rows of people")
    columns, candidates, notes = _map_columns(headers, header_line, vocabulary, path, mapping)
    set_aside: list[str] = []
    header_keys = [normalise_header(h) for h in headers]
    body: list[tuple[int, list[str]]] = []
    for line, fields in rows_read:
        if _is_template(fields, header_keys):
            set_aside.append(f"line {line}: its values are the column names (a template row)")
        else:
            body.append((line, fields))
    if "title" not in columns:
        _read_names_as_titles(body, headers, header_line, columns, catalogue, vocabulary, path)
        notes.append(
            f"no title column: the {headers[columns['title']]!r} column holds role titles, "
            "so every role is imported as vacant"
        )
    elif "name" not in columns and "first-name" not in columns and "last-name" not in columns:
        notes.append("no column holds people's names, so every role is read as vacant")
    read = _RowReader(columns, headers, notes)
    body = _check_widths(body, headers, read, notes, set_aside)
    redirect: dict[str, str] = {}
    history = _History.detect(headers, columns, vocabulary)
    if history is not None:
        body = history.current_rows(body, read, vocabulary, redirect, set_aside, notes)

    if not body:
        first_reason = set_aside[0] if set_aside else "every row was set aside"
        more = f" (and {len(set_aside) - 1} more)" if len(set_aside) > 1 else ""
        raise ChartReadError(path, f"no row is left to import: {first_reason}{more}")
    rows: list[tuple[int, str, list[str], str | None]] = []
    first_line_of: dict[str, int] = {}
    email_to_id: dict[str, str] = {}
    name_to_id: dict[str, str | None] = {}
    for line, fields in body:
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

    resolver = _Resolver(first_line_of, email_to_id, name_to_id, redirect, vocabulary.outside)
    managers = _resolve_managers(rows, headers, candidates, resolver)
    notes.extend(
        f"line {line}, column {managers.column!r}: {value!r} is not in the file but answers "
        "for the company from outside it; read as the top of the chart"
        for line, value in managers.outside
    )

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
    loops = [_loop_note(loop, first_line_of) for loop in cycles(chart)]
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
        set_aside=tuple(set_aside),
        loops=tuple(loops),
    )


LOOP_SHOWN = 8
"""A longer loop is named by its first few roles in an import's report."""


def _loop_note(loop: list[Role], line_of: Mapping[str, int]) -> str:
    def named(role: Role) -> str:
        # A row with no one's name is known by its title, and by its id besides
        # (vacant rows of one title are otherwise indistinguishable).
        if role.person:
            return role.person
        return f"{role.title} (id {role.id})" if role.title else f"id {role.id}"

    if len(loop) == 1:
        return f"line {line_of[loop[0].id]}: {named(loop[0])} is recorded as their own manager"
    shown = loop if len(loop) <= LOOP_SHOWN else loop[: LOOP_SHOWN - 1]
    lines = ", ".join(str(line_of[role.id]) for role in shown)
    chain = " → ".join(named(role) for role in shown)
    if len(shown) < len(loop):
        more = len(loop) - len(shown)
        lines += f" and {more:,} more"
        chain += f" → … ({more:,} more)"
    return f"lines {lines}: reporting lines loop ({chain} → {named(loop[0])})"


def _is_template(fields: list[str], header_keys: list[str]) -> bool:
    """Whether a row's values are the column names: a template or example row."""
    filled = [(i, f) for i, f in enumerate(fields[: len(header_keys)]) if f.strip()]
    return len(filled) >= 2 and all(normalise_header(f) == header_keys[i] for i, f in filled)


_PERSON_NAME = re.compile(r"[A-Z][\w'\u2019-]+(?: [A-Z]\.?)?(?: [A-Z][\w'\u2019-]+){1,2}")


def _read_names_as_titles(
    body: list[tuple[int, list[str]]],
    headers: list[str],
    header_line: int,
    columns: dict[str, int],
    catalogue: Catalogue,
    vocabulary: _Vocabulary,
    path: Path,
) -> None:
    """With no title column, read the name column as role titles when its values
    are far more often role titles than people's names (a Salesforce UserRole
    export); otherwise refuse the file for having no title column."""
    index = columns["name"]
    values = [" ".join(f[index].split()) for _line, f in body if index < len(f)]
    titles = people = 0
    for value in values:
        if not value:
            continue
        if catalogue.classify(value) != UNCLASSIFIED:
            titles += 1
        elif _PERSON_NAME.fullmatch(value):
            people += 1
    if titles == 0 or titles < 2 * people:
        raise ChartReadError(
            path,
            f"no column holds {REQUIRED['title']} "
            f"(looked for {', '.join(vocabulary.aliases['title'][:5])})",
            line=header_line,
        )
    columns["title"] = columns.pop("name")


def _check_widths(
    body: list[tuple[int, list[str]]],
    headers: list[str],
    read: _RowReader,
    notes: list[str],
    set_aside: list[str],
) -> list[tuple[int, list[str]]]:
    """Rows whose field count differs from the header's: noted with their line,
    kept when their id and title are intact, set aside otherwise."""
    width = len(headers)
    kept = []
    for line, fields in body:
        if len(fields) == width or (
            len(fields) > width and not any(f.strip() for f in fields[width:])
        ):
            kept.append((line, fields))
            continue
        shape = f"line {line} has {len(fields)} fields but the header has {width}"
        missing = [what for field, what in REQUIRED.items() if not read.text(fields, field)]
        if missing:
            set_aside.append(f"{shape}, and no {' or '.join(missing)}; not imported")
            continue
        if len(fields) > width:
            notes.append(f"{shape}; the extra fields were ignored")
        else:
            notes.append(f"{shape}; the missing fields were read as blank")
        kept.append((line, fields))
    return kept


_DATE_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def _ended_by(text: str, today: date) -> bool | None:
    """Whether an end date has passed: True, False (empty or in the future), or
    None when it is not a date this can read."""
    text = text.strip()
    if not text or text.lower() in NO_MANAGER:
        return False
    readings = []
    match = _DATE_YMD.match(text)
    if match:
        readings.append((int(match[1]), int(match[2]), int(match[3])))
    match = _DATE_DMY.match(text) if not readings else None
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        readings += [(year, first, second), (year, second, first)]
    verdicts = set()
    for year, month, day in readings:
        try:
            verdicts.add(date(year, month, day) < today)
        except ValueError:
            continue
    # Day-first and month-first readings on different sides of today: unknown.
    return verdicts.pop() if len(verdicts) == 1 else None


@frozen
class _History:
    """The columns of a history file that say which row of a person is current."""

    flag: int | None
    status: int | None
    end: int | None
    person: int | None
    """A column of person keys, when the id column is a key per row."""
    headers: list[str]

    @classmethod
    def detect(
        cls, headers: list[str], columns: Mapping[str, int], vocabulary: _Vocabulary
    ) -> _History | None:
        found: dict[str, int] = {}
        id_like: list[int] = []
        for index, header in enumerate(headers):
            field = vocabulary.columns.get(normalise_header(header))
            if field in ("current-flag", "status", "end-date", "person-key"):
                found.setdefault(field, index)
            if field == "id" and index != columns["id"]:
                id_like.append(index)
        if not {"current-flag", "status", "end-date"} & found.keys():
            return None
        person = found.get("person-key", id_like[0] if id_like else None)
        return cls(
            flag=found.get("current-flag"),
            status=found.get("status"),
            end=found.get("end-date"),
            person=person,
            headers=headers,
        )

    def _state(self, fields: list[str], vocabulary: _Vocabulary, today: date) -> tuple[str, str]:
        """(current, ended or unknown; why) for one row."""

        def cell(index: int | None) -> str:
            return "" if index is None or index >= len(fields) else fields[index].strip()

        verdict = "unknown"
        why = ""
        flag = vocabulary.history.get(normalise_header(cell(self.flag)))
        if self.flag is not None and flag in ("yes", "no"):
            verdict = "current" if flag == "yes" else "ended"
            why = f"{self.headers[self.flag]} is {cell(self.flag)!r}"
            if verdict == "ended":
                return verdict, why
        status = vocabulary.history.get(normalise_header(cell(self.status)))
        if self.status is not None and status in ("current", "ended", "yes", "no"):
            if status in ("ended", "no"):
                return "ended", f"{self.headers[self.status]} is {cell(self.status)!r}"
            verdict, why = "current", why or f"{self.headers[self.status]} is {cell(self.status)!r}"
        if self.end is not None:
            ended = _ended_by(cell(self.end), today)
            if ended:
                return "ended", f"{self.headers[self.end]} {cell(self.end)!r} has passed"
            if ended is False and cell(self.end) and verdict == "unknown":
                verdict = "current"
        return verdict, why

    def current_rows(
        self,
        body: list[tuple[int, list[str]]],
        read: _RowReader,
        vocabulary: _Vocabulary,
        redirect: dict[str, str],
        set_aside: list[str],
        notes: list[str],
    ) -> list[tuple[int, list[str]]]:
        """The rows to import: each person's current ones. Fills ``redirect``
        (old row id or person key -> current row id) and ``set_aside``."""
        today = date.today()
        states = [self._state(fields, vocabulary, today) for _line, fields in body]
        groups: dict[str, list[int]] = {}
        for row, (_line, fields) in enumerate(body):
            person = ""
            if self.person is not None and self.person < len(fields):
                person = " ".join(fields[self.person].split())
            groups.setdefault(person or "\0" + read.text(fields, "id"), []).append(row)
        keep: set[int] = set()
        for rows in groups.values():
            explicit = any(states[r][0] == "current" for r in rows)
            for r in rows:
                state = states[r][0]
                if state == "current" or (state == "unknown" and not explicit):
                    keep.add(r)
        ids = {read.text(body[r][1], "id") for r in keep}
        dropped = 0
        for key, rows in groups.items():
            current = [r for r in rows if r in keep]
            target = read.text(body[current[0]][1], "id") if current else None
            if target is not None and not key.startswith("\0") and key not in ids:
                redirect.setdefault(key, target)
            for r in rows:
                if r in keep:
                    continue
                dropped += 1
                line, fields = body[r]
                role_id = read.text(fields, "id")
                why = states[r][1] or "another row of the same person is current"
                if current:
                    where = f"the current row is line {body[current[0]][0]}"
                else:
                    where = "the person has no current row"
                set_aside.append(f"line {line}: {role_id!r} is a past row ({why}); {where}")
                if target is not None and role_id not in ids:
                    redirect.setdefault(role_id, target)
        if dropped:
            used = [self.headers[i] for i in (self.flag, self.status, self.end) if i is not None]
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
        return [row for r, row in enumerate(body) if r in keep]


def name_key(name: str) -> str:
    """A person's name compared loosely: case, spacing, middle initials and
    "Last, First" order do not matter, and a slug ("susan_bourgeois",
    "tom-ng") is the name it spells."""
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


_ZEROS = re.compile(r"0+")


class _Resolver:
    """Resolves a manager reference to a row id: by id, e-mail or full name."""

    def __init__(
        self,
        ids: Mapping[str, int],
        emails: Mapping[str, str],
        names: Mapping[str, str | None],
        redirect: Mapping[str, str] | None = None,
        outside: frozenset[str] = frozenset(),
    ) -> None:
        self.ids = ids
        self.emails = emails
        self.names = names
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
class _Managers:
    targets: list[str | None]
    column: str | None
    choice: str
    resolved: dict[str, int]
    unresolved: list[tuple[int, str]]
    ambiguous: list[tuple[int, str]]
    outside: list[tuple[int, str]]


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
    outside: list[tuple[int, str]] = []
    best_index = candidates[best][1]
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
            ambiguous.append((line, " ".join(fields[best_index].split())))
        elif method == "unresolved":
            unresolved.append((line, target or ""))
        elif method == "outside":
            outside.append((line, " ".join(fields[best_index].split())))
        targets.append(target)
    return _Managers(
        targets=targets,
        column=column_name,
        choice=choice,
        resolved={m: n for m, n in resolved.items() if n},
        unresolved=unresolved,
        ambiguous=ambiguous,
        outside=outside,
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
