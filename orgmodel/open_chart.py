"""Read a chart from whatever the user points at: a ``.orgm`` file, an HR export
(CSV or spreadsheet) or JSON chart data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from attrs import frozen

from orgmodel.errors import ChartReadError
from orgmodel.file_kinds import (
    CSV_SUFFIXES,
    JSON_SUFFIXES,
    SPREADSHEET_SUFFIXES,
    SUFFIX,
    is_spreadsheet,
)
from orgmodel.importing.csv_reader import read_csv_table
from orgmodel.importing.pipeline import import_table
from orgmodel.importing.progress import Progress, Steps
from orgmodel.importing.report import ImportReport
from orgmodel.importing.shape import MissingColumnError, split_header
from orgmodel.importing.table import Table
from orgmodel.importing.vocabulary import MANAGER_FIELDS
from orgmodel.model import Chart, Stage

if TYPE_CHECKING:
    from orgmodel.importing.spreadsheet import StillWanted

# The readers of the chart format, spreadsheets and JSON are imported where a
# file of their kind is read: each costs a CSV import time it never uses.

IMPORT_SUFFIXES = CSV_SUFFIXES | SPREADSHEET_SUFFIXES | JSON_SUFFIXES
"""Files read through the row pipeline: anything but a ``.orgm`` chart."""
READABLE_KINDS = (
    f"{SUFFIX} charts, HR exports ({', '.join(sorted(CSV_SUFFIXES))}, "
    f"{', '.join(sorted(SPREADSHEET_SUFFIXES - {'.xlsm'}))}) and JSON chart data (.json)"
)
"""What Orgmodel reads, for the message about a file it does not."""


@frozen
class LoadedChart:
    chart: Chart
    report: ImportReport | None = None
    """What the import decided, when the chart came from an export or chart data."""


def is_import(path: Path) -> bool:
    """Whether ``path`` is imported (CSV, spreadsheet, JSON) rather than opened as a chart."""
    return path.suffix.lower() in IMPORT_SUFFIXES


def workbook_sheets(path: Path | str) -> list[str]:
    """The sheets a user can pick from in a spreadsheet; [] for any other file."""
    path = Path(path)
    if not is_spreadsheet(path):
        return []
    from orgmodel.importing.spreadsheet import sheet_names

    return sheet_names(path)


def read_table(
    path: Path | str, sheet: str | None = None, still_wanted: StillWanted | None = None
) -> Table:
    """The records of an export or chart data, before any column is understood.

    ``sheet`` names the sheet of a spreadsheet (the first visible one by default);
    ``still_wanted`` is asked while a spreadsheet is read, and False stops it.
    """
    path = Path(path)
    if sheet is not None and not is_spreadsheet(path):
        raise ChartReadError(path, "only a spreadsheet has sheets to choose from")
    if is_spreadsheet(path):
        from orgmodel.importing.spreadsheet import read_spreadsheet

        return read_spreadsheet(path, sheet, still_wanted)
    if path.suffix.lower() in JSON_SUFFIXES:
        from orgmodel.importing.json_rows import read_json_rows

        return read_json_rows(path)
    return read_csv_table(path)


def read_chart(
    path: Path | str,
    stage: Stage | None = None,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> LoadedChart:
    """Load ``path``; ``stage`` overrides the business stage the file gives.

    ``mapping`` (field -> column header) overrides the columns an import detects;
    ``sheet`` chooses the sheet of a spreadsheet. ``progress`` is told after each
    step of an import, and answering False stops it with
    :class:`~orgmodel.importing.progress.ImportCancelled`.

    An export carries no stage, so it is read as an established business unless
    ``stage`` says otherwise.
    """
    path = Path(path)
    if path.is_dir():
        raise ChartReadError(path, "this is a folder, not a chart file")
    if is_import(path):
        steps = Steps(progress)
        table = read_table(path, sheet, steps.still_wanted)
        steps.step()
        try:
            report = _import(table, path, stage or Stage.ESTABLISHED, mapping, steps)
        except MissingColumnError as error:
            if sheet is not None or not is_spreadsheet(path):
                raise
            report = _another_sheet(path, error, stage or Stage.ESTABLISHED, mapping, progress)
        return LoadedChart(report.chart, report)
    if sheet is not None:
        raise ChartReadError(path, "only a spreadsheet has sheets to choose from")
    if path.suffix.lower() != SUFFIX and path.exists():
        raise ChartReadError(path, f"Orgmodel reads {READABLE_KINDS}")
    from orgmodel.fileformat import load_chart

    chart = load_chart(path)
    if stage is not None:
        chart = attrs.evolve(chart, stage=stage)
    return LoadedChart(chart)


def _import(
    table: Table, path: Path, stage: Stage, mapping: Mapping[str, str] | None, steps: Steps
) -> ImportReport:
    try:
        return import_table(table, path, stage, mapping=mapping, steps=steps)
    except ChartReadError as error:
        # Name the place as the container numbers it (the error keeps its
        # kind: the app answers a missing column with its mapping dialog);
        # JSON data's header, position 0, is the union of keys, no place.
        if error.line is not None:
            error.unit = table.unit
            error.line = error.line or None
        raise


_PEOPLE_FIELDS = frozenset({"id", "title", *MANAGER_FIELDS})


def _another_sheet(
    path: Path,
    first_error: MissingColumnError,
    stage: Stage,
    mapping: Mapping[str, str] | None,
    progress: Progress | None,
) -> ImportReport:
    """The first of the workbook's other sheets that reads, when no sheet was
    named and the first has no column the import needs (a summary sheet before
    the people); else ``first_error``, naming the sheets to choose from.

    A first sheet with a column of ids, titles or managers holds people whose
    columns need naming: its error stands, rather than another sheet read."""
    if _PEOPLE_FIELDS & first_error.detected.keys():
        raise first_error
    from orgmodel.importing.spreadsheet import read_spreadsheet, sheet_names

    first, *others = sheet_names(path)
    for other in others:
        steps = Steps(progress)
        try:
            table = read_spreadsheet(path, other, steps.still_wanted)
            steps.step()
            report = _import(table, path, stage, mapping, steps)
        except ChartReadError:
            continue
        why = f"read sheet {other!r}: sheet {first!r} has no {first_error.field} column"
        return attrs.evolve(report, notes=(why, *report.notes))
    if others:
        sheets = ", ".join(repr(name) for name in (first, *others))
        first_error.hint += f", or choose the sheet with --sheet (the sheets: {sheets})"
    raise first_error


def table_headers(path: Path | str, sheet: str | None = None) -> list[str]:
    """The header cells of an export, as the import reads them (for choosing a mapping)."""
    path = Path(path)
    (_position, header), _rows = split_header(read_table(path, sheet), path)
    return [cell.strip() for cell in header]
