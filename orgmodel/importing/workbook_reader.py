"""The spreadsheet library's side of reading a workbook, run in a process of its own.

python-calamine is Rust: a workbook crafted or damaged the wrong way can make
it ask for an impossible amount of memory, and the allocator then aborts the
whole process, beyond any ``except``. So :mod:`orgmodel.importing.spreadsheet`
runs this module as a child process (``python -m
orgmodel.importing.workbook_reader OP NAME SHEET``, the workbook's bytes on
stdin, one JSON object on stdout); a child that dies costs one clear error,
never the app or the user's unsaved chart.
"""

from __future__ import annotations

import io
import json
import math
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import python_calamine as calamine

from orgmodel.errors import ChartReadError
from orgmodel.importing.sheet_extent import check_xlsx_extent
from orgmodel.importing.table import Table

MAX_ROWS = 600_000
"""As many rows as the largest CSV export Orgmodel reads."""
MEMORY_LIMIT = 4 * 1024**3
"""Address space the child may use: a workbook needing more is refused, not thrashed."""
PROTECTED = "the workbook is protected by a password; save an unprotected copy and import that"
XLSX = "Excel workbook"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

Cell = int | float | str | bool | date | datetime | time | timedelta


def _kind(data: bytes) -> str:
    """What the bytes are, for messages and the import report."""
    if data.startswith(_OLE_SIGNATURE):
        return "Excel 97-2003 workbook"
    if data.startswith(b"PK") and _ODS_MIMETYPE in data[:200]:
        return "OpenDocument spreadsheet"
    return XLSX


def _open(data: bytes, path: Path) -> tuple[calamine.CalamineWorkbook, str]:
    """The workbook in ``data`` and what kind it is; one clear error if it cannot be read."""
    try:
        # From the bytes, not the path: the format is then found from the
        # content, so an .xlsx saved under an .xls name still reads.
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise ChartReadError(path, PROTECTED) from None
    except (calamine.CalamineError, ValueError, OSError) as error:
        raise ChartReadError(
            path, f"the file cannot be read as a spreadsheet ({_reason(error)})"
        ) from None
    return workbook, _kind(data)


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _data_sheets(workbook: calamine.CalamineWorkbook) -> list[calamine.SheetMetadata]:
    return [
        sheet for sheet in workbook.sheets_metadata if sheet.typ == calamine.SheetTypeEnum.WorkSheet
    ]


def visible_sheets(data: bytes, path: Path) -> list[str]:
    """The sheets a user can choose among: visible sheets of cells, in workbook order."""
    workbook, _kind_name = _open(data, path)
    with workbook:
        return [
            sheet.name
            for sheet in _data_sheets(workbook)
            if sheet.visible == calamine.SheetVisibleEnum.Visible
        ]


def cell_text(value: Cell) -> str:
    """A cell as the text a CSV saved from the same sheet holds."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"  # the precision a spreadsheet shows
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value)


def read_sheet(data: bytes, path: Path, sheet: str | None) -> Table:
    """The rows of ``sheet`` (by default the first visible sheet of cells) as text."""
    workbook, kind = _open(data, path)
    with workbook:
        sheets = _data_sheets(workbook)
        visible = [s.name for s in sheets if s.visible == calamine.SheetVisibleEnum.Visible]
        if sheet is None:
            if not visible:
                raise ChartReadError(path, "the workbook has no visible sheet of cells")
            name = visible[0]
        else:
            name = _find_sheet(path, sheet, [s.name for s in sheets], workbook.sheet_names)
        if kind == XLSX:
            check_xlsx_extent(data, name, path)
        try:
            cells = workbook.get_sheet_by_name(name)
            start = cells.start
            rows = cells.to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
            merged = cells.merged_cell_ranges or []
        except (calamine.CalamineError, ValueError, OSError) as error:
            raise ChartReadError(
                path, f"sheet {name!r} cannot be read ({_reason(error)})"
            ) from None
    if len(rows) > MAX_ROWS:
        raise ChartReadError(
            path, f"sheet {name!r} has more than {MAX_ROWS:,} rows; larger sheets are refused"
        )
    first_column = start[1] if start else 0
    records = []
    for index, row in enumerate(rows):
        texts = [cell_text(value) for value in row[first_column:]]
        if any(text.strip() for text in texts):
            records.append((index + 1, texts))
    if not records:
        raise ChartReadError(path, f"sheet {name!r} is empty")
    notes = []
    others = [s for s in visible if s != name]
    if others:
        notes.append(
            f"the workbook has {len(visible)} sheets; read {name!r} "
            f"(the others: {', '.join(repr(s) for s in others)})"
        )
    tall = sum(1 for (top, _left), (bottom, _right) in merged if bottom > top)
    if tall:
        notes.append(
            f"{tall} merged cell{'s span' if tall != 1 else ' spans'} several rows; "
            "each value is read in the first of its rows only"
        )
    return Table(
        records=records,
        unit="row",
        container=f"{kind}, sheet {name!r}",
        notes=tuple(notes),
        sheet=name,
        padded=True,
    )


def _find_sheet(path: Path, wanted: str, readable: list[str], every: list[str]) -> str:
    """The sheet named ``wanted`` (exact, else ignoring case and spaces at the ends)."""
    if wanted in readable:
        return wanted
    loose = [name for name in readable if name.strip().casefold() == wanted.strip().casefold()]
    if len(loose) == 1:
        return loose[0]
    if wanted in every:
        raise ChartReadError(path, f"sheet {wanted!r} is a chart, not a sheet of cells")
    raise ChartReadError(
        path,
        f"the workbook has no sheet {wanted!r} (its sheets: "
        f"{', '.join(repr(name) for name in readable) or 'none'})",
    )


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on Windows; the process boundary still holds
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(argv: list[str]) -> int:
    """OP NAME SHEET: "sheets" or "read", the file's name for messages, a sheet or ""."""
    operation, name, sheet = argv
    _limit_memory()
    data = sys.stdin.buffer.read()
    path = Path(name)
    answer: dict[str, object]
    try:
        if operation == "sheets":
            answer = {"sheets": visible_sheets(data, path)}
        else:
            table = read_sheet(data, path, sheet or None)
            answer = {
                "records": table.records,
                "container": table.container,
                "sheet": table.sheet,
                "notes": list(table.notes),
            }
    except ChartReadError as error:
        answer = {"problem": error.problem}
    except MemoryError:
        answer = {"problem": "the workbook needs more memory than a chart's rows can"}
    except Exception as error:
        answer = {"problem": f"the file cannot be read as a spreadsheet ({_reason(error)})"}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
