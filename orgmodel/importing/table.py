"""The cells of a tabular file, before any column is understood."""

from __future__ import annotations

from attrs import frozen


@frozen
class Table:
    """What a container reader hands to the row pipeline.

    ``records`` holds every non-blank record in file order, the header (and
    any title rows above it) included: finding the header row is the
    pipeline's work, the same for every container.
    """

    records: list[tuple[int, list[str]]]
    """(position, cells) of each record: the position is the 1-based number a
    user finds the record by in the file (a CSV line, a sheet row, a JSON item)."""
    unit: str = "line"
    """How positions are named in messages: "line", "row" or "item"."""
    container: str = "CSV file"
    """What was read, for the import report: "CSV file", "Excel workbook, sheet 'People'",
    "JSON chart data (a flat list with parentId)"."""
    notes: tuple[str, ...] = ()
    """What reading the container decided that the user should know (encoding, sheet)."""
    sheet: str | None = None
    """The sheet read, for a workbook."""
    padded: bool = False
    """Whether every record has the same width whatever it holds (a sheet's rows
    all reach its last column): a record is then as wide as its last filled cell."""
