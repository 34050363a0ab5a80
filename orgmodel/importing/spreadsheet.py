"""Read a spreadsheet (.xlsx, .xls, .ods) into a :class:`Table` of text cells.

Cells are read as the values a spreadsheet shows, never formulas, and turned
into the text the same sheet saved as CSV would give: whole numbers without
a decimal point, dates in ISO form. Rows keep the numbers the spreadsheet
shows them by, so a message about "row 7" points at row 7 on screen.
"""

from __future__ import annotations

import io
import math
from datetime import date, datetime, time, timedelta
from pathlib import Path

import python_calamine as calamine

from orgmodel.errors import ChartReadError
from orgmodel.importing.sheet_extent import check_xlsx_extent
from orgmodel.importing.table import Table
from orgmodel.reading import read_bounded

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
MAX_FILE_BYTES = 32 * 1024 * 1024
"""A compressed workbook of this size holds far more rows than the limit below."""
MAX_ROWS = 600_000
"""As many rows as the largest CSV export Orgmodel reads."""

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a legacy .xls begins, and an encrypted (password-protected) .xlsx too."""
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
"""The stream an encrypted Office Open XML workbook keeps its sheets in."""
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

PROTECTED = "the workbook is protected by a password; save an unprotected copy and import that"
XLSX = "Excel workbook"

Cell = int | float | str | bool | date | datetime | time | timedelta


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in SPREADSHEET_SUFFIXES


def _kind(data: bytes) -> str:
    """What the bytes are, for messages and the import report."""
    if data.startswith(_OLE_SIGNATURE):
        return "Excel 97-2003 workbook"
    if data.startswith(b"PK") and _ODS_MIMETYPE in data[:200]:
        return "OpenDocument spreadsheet"
    return XLSX


def _open(path: Path) -> tuple[calamine.CalamineWorkbook, str, bytes]:
    """The workbook at ``path``, what kind it is and its bytes; one clear error if it
    cannot be read."""
    data = read_bounded(path, MAX_FILE_BYTES, "spreadsheets")
    if not data.strip():
        raise ChartReadError(path, "the file is empty")
    if not data.startswith((b"PK\x03\x04", _OLE_SIGNATURE)):
        looks = "text" if b"\x00" not in data[:65536] else "something else"
        raise ChartReadError(
            path,
            f"this is {looks}, not a spreadsheet; if it is a CSV export, "
            "give it a .csv name and import that",
        )
    if data.startswith(_OLE_SIGNATURE) and _ENCRYPTED_STREAM in data:
        raise ChartReadError(path, PROTECTED)
    try:
        # Read from the bytes, not the path: the format is then found from the
        # content, so an .xlsx saved under an .xls name still reads.
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise ChartReadError(path, PROTECTED) from None
    except (calamine.CalamineError, ValueError, OSError) as error:
        raise ChartReadError(
            path, f"the file cannot be read as a spreadsheet ({_reason(error)})"
        ) from None
    return workbook, _kind(data), data


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _data_sheets(workbook: calamine.CalamineWorkbook) -> list[calamine.SheetMetadata]:
    return [
        sheet for sheet in workbook.sheets_metadata if sheet.typ == calamine.SheetTypeEnum.WorkSheet
    ]


def sheet_names(path: Path | str) -> list[str]:
    """The sheets a user can choose among: visible sheets of cells, in workbook order."""
    path = Path(path)
    workbook, _kind_name, _data = _open(path)
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


def read_spreadsheet(path: Path | str, sheet: str | None = None) -> Table:
    """The rows of ``sheet`` (by default the first visible sheet of cells) as text."""
    path = Path(path)
    workbook, kind, data = _open(path)
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
        records=records, unit="row", container=f"{kind}, sheet {name!r}", notes=tuple(notes)
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
