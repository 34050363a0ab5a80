"""Spreadsheets written by the tests: .xlsx with xlsxwriter, .ods as the zip of XML it is."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import xlsxwriter

Value = str | int | float | bool | datetime.date | None
Rows = Sequence[Sequence[Value]]


def write_xlsx(
    path: Path,
    sheets: dict[str, Rows],
    *,
    hidden: Sequence[str] = (),
    merged: dict[str, Sequence[str]] | None = None,
) -> Path:
    """One worksheet per entry; ``merged`` lists ranges ("A1:E1") to merge per sheet,
    keeping the value of their first cell."""
    book = xlsxwriter.Workbook(str(path))
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    first_visible = None
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime.date):
                    sheet.write_datetime(r, c, value, dates)
                else:
                    sheet.write(r, c, value)
        for cells in (merged or {}).get(name, ()):
            first = cells.split(":")[0]
            row_index, column = _cell_index(first)
            value = rows[row_index][column] if row_index < len(rows) else None
            sheet.merge_range(cells, "" if value is None else str(value))
        if name in hidden:
            sheet.hide()
        elif first_visible is None:
            first_visible = sheet
            sheet.activate()
    book.close()
    return path


def _cell_index(reference: str) -> tuple[int, int]:
    letters = "".join(ch for ch in reference if ch.isalpha())
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - ord("A") + 1
    return int(reference[len(letters) :]) - 1, column - 1


_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>
</office:document-content>
"""
_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def _ods_cell(value: Value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        raise TypeError("no booleans in these fixtures")
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(value)}</text:p></table:table-cell>"
    )


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    with zipfile.ZipFile(path, "w") as archive:
        # The mimetype comes first and uncompressed, as the format asks.
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", _ODS_CONTENT.format(tables=tables), zipfile.ZIP_DEFLATED)
    return path
