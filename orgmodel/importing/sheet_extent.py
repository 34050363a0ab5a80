"""How far an .xlsx sheet's cells reach, found before the sheet is loaded.

The spreadsheet library holds a sheet as one block of cells from its first
used cell to its last, so a few kilobytes with one cell in A1 and one in
XFD1048576 would ask for gigabytes and abort the process. Reading the cell
references of the sheet's XML first lets such a sheet be refused in a sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from orgmodel.errors import ChartReadError

MAX_CELLS = 20_000_000
"""About 600,000 rows of 30 columns; the block of cells takes some 640 MB."""
MAX_SHEET_XML = 2 * 1024**3
"""Bytes of a sheet's XML, uncompressed, read before the sheet is refused as too large."""
_MAX_PART = 16 * 1024 * 1024
"""The workbook's list of sheets is small; a larger one is not looked into."""
_CELL_REFERENCE = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_OVERLAP = 32
"""Bytes kept between chunks so that a reference cut in two is still seen."""
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member holding ``sheet``'s cells, or None if it cannot be told."""
    try:
        parts = {info.filename: info for info in archive.infolist()}
        book, rels = parts.get("xl/workbook.xml"), parts.get("xl/_rels/workbook.xml.rels")
        if book is None or rels is None or max(book.file_size, rels.file_size) > _MAX_PART:
            return None
        sheets = ElementTree.fromstring(archive.read(book)).find(f"{_MAIN}sheets")
        if sheets is None:
            return None
        wanted = next((s.get(_RELATIONSHIP_ID) for s in sheets if s.get("name") == sheet), None)
        for relation in ElementTree.fromstring(archive.read(rels)):
            if relation.tag == f"{_RELATIONSHIPS}Relationship" and relation.get("Id") == wanted:
                target = relation.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError, RuntimeError):
        return None
    return None


def check_xlsx_extent(data: bytes, sheet: str, path: Path) -> None:
    """Refuse ``sheet`` if its cells reach further than a chart's rows could."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, RuntimeError, ValueError, OSError, EOFError):
        return  # the spreadsheet library says what is wrong with the file
    with archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return
        last_row = last_column = 0
        read = 0
        tail = b""
        try:
            with archive.open(part) as xml:
                while chunk := xml.read(1024 * 1024):
                    read += len(chunk)
                    if read > MAX_SHEET_XML:
                        raise ChartReadError(
                            path, f"sheet {sheet!r} is too large to read (over 2 GB of cells)"
                        )
                    text = tail + chunk
                    for match in _CELL_REFERENCE.finditer(text):
                        last_column = max(last_column, _column_number(match[1]))
                        last_row = max(last_row, int(match[2]))
                    tail = text[-_OVERLAP:]
        except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error):
            return
    if last_row * last_column > MAX_CELLS:
        raise ChartReadError(
            path,
            f"sheet {sheet!r} reaches row {last_row:,} and column {last_column:,}; "
            f"sheets of more than {MAX_CELLS:,} cells are refused (delete the stray "
            "cells far below or to the right of the table)",
        )
