"""The file name endings Orgmodel reads, kept apart from the readers.

Choosing a reader by a file's name should not load every reader: the
spreadsheet reader brings a workbook library and the chart format brings
cattrs, which a command reading a CSV never uses.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".orgm"
"""An Orgmodel chart file."""
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
JSON_SUFFIXES = frozenset({".json"})


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in SPREADSHEET_SUFFIXES
