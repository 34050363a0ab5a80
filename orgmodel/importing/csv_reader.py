"""Reading CSV text into a :class:`Table`: encoding, delimiter and records.

Only the container is read here; which row is the header and what the
columns hold is the row pipeline's work, the same for every container.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from orgmodel.bounded_read import read_bounded
from orgmodel.errors import ChartReadError
from orgmodel.importing.table import Table
from orgmodel.importing.vocabulary import normalise_header, vocabulary

MAX_FILE_BYTES = 64 * 1024 * 1024
"""As for chart files: about 1,300,000 rows of an HR export with names. A
million such rows (48 MB) import at a peak of 1.2 GB (`make bench
IMPORT_ROWS=1000000`); beyond this, memory rather than time is the limit."""
DELIMITERS = (",", ";", "\t")

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


DELIMITER_SAMPLE = 5
"""Non-blank lines the delimiter is judged from."""


def _header_line(sample: list[str]) -> str:
    """The line of column names: the first that, split by some delimiter, names
    two known columns (a report's title may sit above it); else the first line."""
    columns = vocabulary().columns
    for line in sample:
        for delimiter in DELIMITERS:
            cells = next(csv.reader([line], delimiter=delimiter), [])
            if sum(1 for cell in cells if normalise_header(cell) in columns) >= 2:
                return line
    return sample[0] if sample else ""


_SEP_LINE = re.compile(r'\s*"?sep=(.)"?\s*', re.IGNORECASE)
"""Excel's first line naming the delimiter: ``sep=;``."""
SWALLOWED_ROWS = 2
"""A quoted field holding this many whole rows' worth of delimiters is a stray quote."""


def _records(text: str, delimiter: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each record, blank lines skipped. Lines
    may end in LF, CRLF or CR alone (Excel for Mac), mixed."""
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


def _stray_quote(fields: list[str], delimiter: str, width: int) -> int | None:
    """The index of a field whose opening quote swallowed whole rows: its text
    holds several lines that each have about as many delimiters as a row."""
    if width < 3:
        return None
    for index, field in enumerate(fields):
        if "\n" not in field and "\r" not in field:
            continue
        rows = sum(1 for part in field.splitlines() if part.count(delimiter) >= width - 2)
        if rows >= SWALLOWED_ROWS:
            return index
    return None


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_breaks(text: str) -> int:
    return len(_LINE_BREAK.findall(text))


def csv_table(text: str, path: Path | str, notes: tuple[str, ...] = ()) -> Table:
    """The records of decoded CSV text."""
    path = Path(path)
    lines = (line for line in text.splitlines() if line.strip())
    first = next(lines, "")
    hint = _SEP_LINE.fullmatch(first)
    sample = [first, *islice(lines, DELIMITER_SAMPLE - 1)][1 if hint else 0 :]
    header = _header_line(sample)
    delimiter = hint[1] if hint else detect_delimiter(header)
    width = len(next(csv.reader([header], delimiter=delimiter), []))
    records = []
    for number, (line, fields) in enumerate(_records(text, delimiter, path)):
        if hint and number == 0:
            continue  # the sep= line is a hint, not the header
        stray = _stray_quote(fields, delimiter, width)
        if stray is not None:
            opens = line + sum(_line_breaks(f) for f in fields[:stray])
            swallowed = _line_breaks(fields[stray].rstrip("\r\n"))
            raise ChartReadError(
                path,
                f'a quote (") opens a field here and is not closed for {swallowed:,} lines, '
                "so the rows below it would be read as one value; remove or close the stray quote",
                line=opens,
            )
        records.append((line, fields))
    return Table(records=records, unit="line", container="CSV file", notes=notes)


def read_csv_table(path: Path | str) -> Table:
    """The records of the CSV file at ``path``, decoded as :func:`decode_csv_bytes` says."""
    path = Path(path)
    text, note = decode_csv_bytes(read_bounded(path, MAX_FILE_BYTES, "CSV files"), path)
    return csv_table(text, path, () if note is None else (note,))
